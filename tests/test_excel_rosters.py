"""Rosters as offices really keep them (desktop.excel): columns missing, words no table
knows, the form's footer, a remarks column, without Qt.  Each workbook is written here with
openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from conftest import TOWNSHIP
from desktop import excel
from desktop.errors import ValidationError
from desktop.excel import ADD, ERROR, ImportOptions
from desktop.excel.words import META_KEY
from desktop.records import KINDS
from desktop.records.validation import completable, is_incomplete, missing_required

MEMBER = "committee_member"
ORG = f"org-township_committee-{TOWNSHIP}"
K = KINDS[MEMBER]


def book(path: Path, rows: list[list], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "委员名册"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


#: A roster without 任职方式 and 任职日期, under a merged title row.
SHORT_HEADER = ["序号", "姓名", "性别", "出生年月", "职务", "来源"]
SHORT_ROWS = [[1, "张三", "男", "1995.3", "书记", "机关干部"],
              [2, "李四", "女", "1996.4", "副书记", "大学生村官"],
              [3, "王五", "男", "1997.5", "委员", "其他"]]


def short_roster(path: Path, rows=SHORT_ROWS) -> Path:
    return book(path, [["南高乡团委委员名册"] + [None] * 5, SHORT_HEADER] + rows, ("A1:F1",))


def member(ledger, name: str) -> dict:
    rows = ledger.query(MEMBER, where={"name": name})
    assert len(rows) == 1, rows
    return rows[0]


# --------------------------------------------------------------------------- missing columns
def test_a_missing_column_takes_one_value_for_the_whole_column(county_ledger, tmp_path):
    path = short_roster(tmp_path / "r.xlsx")
    options = ImportOptions(column_values=excel.column_values(MEMBER, ["任职方式=兼职", "joined_on=2024-01-01"]))
    assert options.column_values == {"employment": "兼职", "joined_on": "2024-01-01"}
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, options=options)
    assert plan.sheets[0].header.row == 1  # the merged title above the header is passed over
    assert plan.summary()[ADD] == 3 and not plan.incomplete and plan.missing_columns == []
    excel.apply_import(county_ledger, plan)
    zhang = member(county_ledger, "张三")
    assert (zhang["employment"], zhang["joined_on"], zhang["post"]) == ("part_time", "2024-01-01", "secretary")
    assert not is_incomplete(K, zhang)


def test_a_value_for_a_column_must_be_one_of_its_values(county_ledger, tmp_path):
    path = short_roster(tmp_path / "r.xlsx")
    with pytest.raises(excel.BadColumnValue) as info:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP,
                          options=ImportOptions(column_values={"employment": "有时候"}))
    assert "任职方式" in info.value.text() and "有时候" in info.value.text()
    with pytest.raises(excel.NotAField):
        excel.column_values(MEMBER, ["鞋码=42"])
    with pytest.raises(excel.BadAssignment):
        excel.column_values(MEMBER, ["任职方式"])


def test_rows_without_required_columns_are_imported_incomplete_and_completed_in_the_form(county_ledger, tmp_path):
    path = short_roster(tmp_path / "r.xlsx")
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.missing_columns == ["employment", "joined_on"]
    assert plan.summary()[ADD] == 3 and len(plan.incomplete) == 3
    assert plan.missing_counts() == {"employment": 3, "joined_on": 3}
    assert "任职方式" in plan.rows[0].reason() and "任职日期" in plan.rows[0].reason()
    result = excel.apply_import(county_ledger, plan)
    assert (result.added, result.incomplete) == (3, 3)
    zhang = member(county_ledger, "张三")
    assert [f.name for f in missing_required(K, zhang)] == ["employment", "joined_on"]
    # an edit that leaves them empty is still allowed; filling them completes the record
    county_ledger.update(MEMBER, zhang["id"], {"phone": "13800138000", "employment": None})
    county_ledger.update(MEMBER, zhang["id"], {"employment": "full_time", "joined_on": "2023-03-01"})
    assert not is_incomplete(K, member(county_ledger, "张三"))
    # a filled required field cannot be emptied again
    with pytest.raises(ValidationError):
        county_ledger.update(MEMBER, zhang["id"], {"employment": None})


def test_incomplete_is_one_definition():
    assert [f.name for f in completable(K)] == ["gender", "post", "employment", "source", "joined_on"]
    # what names or places a record is never left for later
    assert not {"name", "org_id"} & {f.name for f in completable(K)}
    assert completable(KINDS["organisation"]) == ()


def test_blank_required_cells_are_incomplete_too_unless_the_import_is_strict(county_ledger, tmp_path):
    path = full_roster(tmp_path / "r.xlsx", [["张三", "男", "本科", "团员", None, "兼职", "其他", "2022.9"]])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary()[ADD] == 1 and plan.rows[0].missing == ["post"]
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, options=ImportOptions(incomplete=False))
    assert plan.summary()[ERROR] == 1 and "职务" in plan.rows[0].reason()


# --------------------------------------------------------------------------- words
FULL_HEADER = ["姓名", "性别", "学历", "政治面貌", "职务", "任职方式", "人员类别", "任职时间"]


def full_roster(path: Path, rows: list[list]) -> Path:
    return book(path, [FULL_HEADER] + rows)


def test_the_words_rosters_use_are_read_as_their_official_values(county_ledger, tmp_path):
    path = full_roster(tmp_path / "r.xlsx", [
        ["张三", "男性", "大本", "党员", "组织委员", "兼", "致富能手", "2022.9"],
        ["李四", "M", "大学专科", "共青团员", "团委副书记", "专职", "选调生", "2022.9"],
        ["王五", "女", "职高", "群众", "书记（兼职）", "兼职", "企业职工", "2022.9"],
        ["赵六", "女", "本科(函授)", "中共预备党员", "委员", "挂职", "农商行", "2022.9"],
    ])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary()[ADD] == 4, [r.reason() for r in plan.rows]
    excel.apply_import(county_ledger, plan)
    zhang, li = member(county_ledger, "张三"), member(county_ledger, "李四")
    assert (zhang["gender"], zhang["education"], zhang["political_status"], zhang["post"], zhang["source"]) == \
        ("male", "bachelor", "cpc_member", "member", "rural_entrepreneur")
    assert (li["gender"], li["education"], li["political_status"], li["post"]) == \
        ("male", "college", "league_member", "deputy_secretary")
    assert member(county_ledger, "王五")["post"] == "secretary"
    zhao = member(county_ledger, "赵六")
    assert (zhao["education"], zhao["source"], zhao["employment"]) == ("bachelor", "rural_finance", "seconded")


def test_unknown_words_are_grouped_answered_once_and_remembered(county_ledger, tmp_path):
    rows = [[name, "男", "本科", "团员", "委员", "兼职", "村干部", "2022.9"] for name in ("甲", "乙", "丙", "丁")]
    rows.append(["戊", "男", "本科", "团员", "委员", "兼职", "返乡青年", "2022.9"])
    path = full_roster(tmp_path / "r.xlsx", rows)
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.unknown_words() == [("source", "村干部", 4), ("source", "返乡青年", 1)]
    assert plan.summary()[ERROR] == 5 and "村干部" in plan.rows[0].reason()

    words = excel.word_answers(MEMBER, ["村干部=其他", "返乡青年=rural_entrepreneur"], plan.unknown_words())
    assert words == {"member_source": {"村干部": "other", "返乡青年": "rural_entrepreneur"}}
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, options=ImportOptions(words=words))
    assert plan.summary()[ADD] == 5
    excel.apply_import(county_ledger, plan)
    assert member(county_ledger, "甲")["source"] == "other"  # only an official code is stored
    assert member(county_ledger, "戊")["source"] == "rural_entrepreneur"
    assert "村干部" in county_ledger.meta(META_KEY)

    # a later roster of the same ledger: the answers apply without asking
    later = full_roster(tmp_path / "later.xlsx", [["己", "女", "本科", "团员", "委员", "兼职", "村干部", "2023.1"]])
    plan = excel.plan_import(county_ledger, MEMBER, later, TOWNSHIP)
    assert plan.unknown_words() == [] and plan.summary()[ADD] == 1


def test_an_answer_must_be_a_value_of_the_column(county_ledger):
    with pytest.raises(excel.NotAChoice):
        excel.word_answers(MEMBER, ["村干部=村长"], [("source", "村干部", 4)])
    assert excel.choice(K.field("source"), "机关干部") == "civil_servant"


# --------------------------------------------------------------------------- footers
@pytest.mark.parametrize("footer", [
    [["填表人：张三  审核人：李四"]],
    [[None, "填表人：", "张三", "审核人：", "李四", "填表日期：", "2025年3月1日"]],
    [["单位（盖章）"], ["制表：王五", None, None, "联系电话：0311-85012345"], ["填报日期", dt.datetime(2025, 3, 1)]],
])
def test_the_forms_footer_is_passed_over_quietly(county_ledger, tmp_path, footer):
    rows = [["张三", "男", "本科", "团员", "委员", "兼职", "其他", "2022.9"],
            ["李四", "女", "本科", "团员", "委员", "兼职", "其他", "2022.9"]]
    path = book(tmp_path / "r.xlsx", [["南高乡团委委员名册"] + [None] * 7, FULL_HEADER] + rows + [[]] + footer,
                ("A1:H1",))
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary() == {"add": 2, "update": 0, "duplicate": 0, "error": 0}, [r.reason() for r in plan.rows]


# --------------------------------------------------------------------------- remarks
def test_remarks_go_to_the_note_and_an_exit_written_there_is_suggested(county_ledger, tmp_path):
    header = FULL_HEADER + ["备注"]
    rows = [["张三", "男", "本科", "团员", "委员", "兼职", "其他", "2021.9", "2024年5月调离"],
            ["李四", "女", "本科", "团员", "委员", "兼职", "其他", "2021.9", "已离任 2023.6"],
            ["王五", "男", "本科", "团员", "委员", "兼职", "其他", "2021.9", "年度优秀"]]
    path = book(tmp_path / "r.xlsx", [header] + rows)
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert [r.suggested for r in plan.suggestions] == [{"exited_on": "2024-05-01"}, {"exited_on": "2023-06-01"}]
    assert "2024-05-01" in plan.rows[0].reason()
    assert "exited_on" not in plan.rows[0].values  # a suggestion until accepted

    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, options=ImportOptions(exits_from_remarks=True))
    excel.apply_import(county_ledger, plan)
    zhang = member(county_ledger, "张三")
    assert (zhang["note"], zhang["exited_on"]) == ("2024年5月调离", "2024-05-01")
    assert member(county_ledger, "李四")["exited_on"] == "2023-06-01"
    wang = member(county_ledger, "王五")
    assert (wang["note"], wang["exited_on"]) == ("年度优秀", None)


def test_a_bad_row_is_still_reported_with_its_whole_reason(county_ledger, tmp_path):
    rows = [["张三", "男", "本科", "团员", "委员", "兼职", "其他", "2022.9"],
            ["李四", "女", "本科", "团员", "委员", "兼职", "其他", "2099-01-01"]]
    path = full_roster(tmp_path / "r.xlsx", rows)
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary()[ERROR] == 1
    reason = plan.errors[0].reason()
    assert "任职时间" in reason and "2099-01-01" in reason and not reason.endswith("…")
    assert plan.errors[0].line().endswith(reason)  # what the CLI prints: the whole reason


# --------------------------------------------------------------------------- the command line
def _import(ledger_path: Path, path: Path, *extra: str) -> int:
    from desktop.cli import commands

    return commands.main(["--lang", "zh_CN", "--ledger", str(ledger_path), "import-excel", str(path),
                          "--kind", MEMBER, "--unit", TOWNSHIP, *extra])


def test_cli_imports_rows_incomplete_by_default_and_says_so(county_ledger, ledger_path, tmp_path, capsys):
    path = short_roster(tmp_path / "r.xlsx")
    county_ledger.close()
    assert _import(ledger_path, path) == 0
    out = capsys.readouterr().out
    assert "3 条记录待补全：缺少 任职方式、任职日期" in out
    assert "3 条为待补全记录" in out
    with excel_ledger(ledger_path) as ledger:
        assert ledger.count(MEMBER) == 3 and is_incomplete(K, member(ledger, "张三"))


def test_cli_set_gives_a_missing_column_its_value(county_ledger, ledger_path, tmp_path, capsys):
    path = short_roster(tmp_path / "r.xlsx")
    county_ledger.close()
    assert _import(ledger_path, path, "--set", "任职方式=兼职", "--set", "Joined on=2024.1.1") == 0
    assert "待补全" not in capsys.readouterr().out
    with excel_ledger(ledger_path) as ledger:
        zhang = member(ledger, "张三")
        assert (zhang["employment"], zhang["joined_on"]) == ("part_time", "2024-01-01")
    with pytest.raises(SystemExit) as exit_:
        _import(ledger_path, path, "--set", "鞋码=42")
    assert exit_.value.code != 0 and "鞋码" in capsys.readouterr().err


def test_cli_map_answers_a_word_and_the_ledger_remembers_it(county_ledger, ledger_path, tmp_path, capsys):
    rows = [[name, "男", "本科", "团员", "委员", "兼职", "村干部", "2022.9"] for name in ("甲", "乙", "丙")]
    path = full_roster(tmp_path / "r.xlsx", rows)
    county_ledger.close()
    assert _import(ledger_path, path, "--dry-run") == 3
    out = capsys.readouterr().out
    assert "“村干部” ×3" in out and "--map 村干部=" in out
    assert _import(ledger_path, path, "--map", "村干部=其他") == 0
    with excel_ledger(ledger_path) as ledger:
        assert member(ledger, "甲")["source"] == "other"
    later = full_roster(tmp_path / "later.xlsx", [["丁", "女", "本科", "团员", "委员", "兼职", "村干部", "2023.1"]])
    assert _import(ledger_path, later) == 0  # remembered: not asked again
    with excel_ledger(ledger_path) as ledger:
        assert member(ledger, "丁")["source"] == "other"


def test_cli_reports_exits_in_remarks_and_writes_them_when_asked(county_ledger, ledger_path, tmp_path, capsys):
    path = book(tmp_path / "r.xlsx", [FULL_HEADER + ["备注"],
                                      ["张三", "男", "本科", "团员", "委员", "兼职", "其他", "2021.9", "2024年5月调离"]])
    county_ledger.close()
    assert _import(ledger_path, path, "--dry-run") == 0
    assert "2024-05-01" in capsys.readouterr().out
    assert _import(ledger_path, path, "--apply-exits") == 0
    with excel_ledger(ledger_path) as ledger:
        assert member(ledger, "张三")["exited_on"] == "2024-05-01"


def excel_ledger(path: Path):
    from desktop.ledger import Ledger

    return Ledger.open(path)


# --------------------------------------------------------------------------- counted until completed
def test_incomplete_records_are_counted_by_the_dashboard_and_listed_by_the_report(county_ledger, tmp_path):
    from conftest import COUNTY
    from desktop.reporting import figures
    from desktop.reporting.report import monthly_report, sections

    plan = excel.plan_import(county_ledger, MEMBER, short_roster(tmp_path / "r.xlsx"), TOWNSHIP)
    excel.apply_import(county_ledger, plan)
    assert figures.report(county_ledger, COUNTY).headline.records_incomplete == 3
    report = monthly_report(county_ledger, COUNTY, parallel=False)
    table = next(t for s in sections(report) for t in s.tables if t.key == "incomplete_by_unit")
    assert table.rows == (("南高乡", 3),) and "3" in table.note

    zhang = member(county_ledger, "张三")
    county_ledger.update(MEMBER, zhang["id"], {"employment": "part_time", "joined_on": "2022-01-01"})
    assert figures.headline(county_ledger, COUNTY).records_incomplete == 2


def test_members_imported_without_a_joining_date_are_current_members(county_ledger, tmp_path):
    from conftest import COUNTY
    from desktop.reporting import figures

    excel.apply_import(county_ledger, excel.plan_import(county_ledger, MEMBER, short_roster(tmp_path / "r.xlsx"),
                                                        TOWNSHIP))
    h = figures.headline(county_ledger, COUNTY)
    assert h.members_current == 3 and h.members_by_source["civil_servant"] == 1
    assert None not in h.members_by_source


def test_a_persons_name_is_labelled_as_a_persons_name():
    assert K.field("name").label.text("zh_CN") == "姓名"
    assert KINDS["organisation"].field("name").label.text("zh_CN") == "名称"
    assert KINDS["wechat_group"].field("name").label.text("zh_CN") == "名称"
    # rosters and templates written before still import: their header 名称 names the member
    from desktop.excel.matching import header_field
    assert header_field(MEMBER, "*名称") == "name" and header_field(MEMBER, "姓名") == "name"


def test_an_incomplete_record_reaches_another_ledger_as_it_is(county_ledger, tmp_path):
    from conftest import COUNTY
    from desktop.ledger import Ledger

    excel.apply_import(county_ledger, excel.plan_import(county_ledger, MEMBER, short_roster(tmp_path / "r.xlsx"),
                                                        TOWNSHIP))
    changes, _cursor, _more = county_ledger.changes_for(0, COUNTY)
    with Ledger.new(tmp_path / "other.ledger", scope=COUNTY, operator="上级") as other:
        report = other.apply_changes(changes)
        assert not report.rejected
        zhang = member(other, "张三")
        assert zhang["employment"] is None and is_incomplete(K, zhang)
