"""Excel import and export (desktop.excel), without Qt: sheets shaped like the ones township
offices really keep, every kind of bad file, dry runs, undo, round trips, templates, CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2
from desktop import excel, i18n
from desktop.cli import excel as cli_excel
from desktop.records.enums import enumerations
from desktop.excel import ADD, DUPLICATE, ERROR, UPDATE
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.records import KINDS

ORG = f"org-township_committee-{TOWNSHIP}"
ORG_2 = f"org-township_committee-{TOWNSHIP_2}"
COUNTY_ORG = f"org-county_committee-{COUNTY}"
MEMBER = "committee_member"


def write_book(path: Path, sheets: list[tuple[str, list[list], list[str]]]) -> Path:
    """A workbook with the given sheets: (title, rows, merged ranges)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, merges in sheets:
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def member_values(ledger: Ledger, name: str) -> dict:
    rows = ledger.query(MEMBER, where={"name": name})
    assert len(rows) == 1, (name, rows)
    return rows[0]


def xtext(message: str, **params) -> str:
    """A message of desktop.excel as the user reads it now (Chinese once translated)."""
    return translate("excel", message).format(**params)


# --------------------------------------------------------------------------- a real roster
# Sheet 1: a merged title, a subtitle, variant headers in an unusual order with full-width
# and trailing spaces, every form of date, numeric and full-width phones, an empty row, and
# bad rows among the good ones.
HEADER_1 = ["序号", "委员姓名 ", "出生年月", "性　别", "手机号码", "团内职务", "专兼职", "人员来源", "文化程度", "政治面貌",
            "民族", "任职时间", "工作单位", "备注"]
ROWS_1 = [
    [1, "张三", "1995.3", "男", 13800138000.0, "书记", "专职", "机关干部", "本科", "中共党员", "汉", dt.datetime(2020, 5, 1),
     "南高乡人民政府", "年度优秀"],
    [2, "李四 ", "１９９６年４月", "女性", "１３９００１３９０００", "副书记", "兼", "大学生村官", "大专", "团员", "回族",
     "2021/3/2", "南高村", None],
    [],
    [3, "王芳", "1997-05-06", "女", "139 0013 9001", "委员", "兼职", "乡村好青年", "高中", "群众", "汉族", "20210302",
     None, None],
    [4, "刘强", 19980203, "M", "13900139002", "委员", "挂职", "企业员工", "硕士", None, None, "2022.9.1", None, None],
    [5, "赵六", "1996-13-01", "X", "13900139003", "委员", "兼职", "其他", None, None, None, "2022-01-01", None, None],
    [6, "孙七", "1990/2/3", "男", "123", "委员", "兼职", "其他", None, None, None, "2022-01-01", None, None],
    [7, "周八", "1990年2月3日", "男", None, "队长", "兼职", "其他", None, None, None, "2022-01-01", None, None],
    [8, "吴九", "2015-01-01", "男", None, "委员", "兼职", "其他", None, None, None, "2020-01-01", None, None],
    [9, None, "1991.1", "女", None, "委员", "兼职", "其他", None, None, None, "2022-01-01", None, None],
    [],
]
FIRST_DATA_ROW = 4  # row 1 title, row 2 subtitle, row 3 header
# Sheet 2: a two-row header (a group title above sub-columns, 姓名 merged down both rows).
ROWS_2 = [
    ["姓名", "基本情况", None, None, "任职情况", None, None, None],
    [None, "性别", "出生日期", "民族", "职务", "任职方式", "委员来源", "加入时间"],
    ["郑十", "女", dt.datetime(1999, 9, 9), "汉族", "委员", "兼职", "学校负责人", "2023年6月"],
    ["钱十一", "男", "1994/12/1", "满族", "委员", "专职", "农村致富带头人", "2023-06-01"],
]


def roster(path: Path) -> Path:
    width = len(HEADER_1)
    rows = [["南高乡团委委员名册"] + [None] * (width - 1),
            ["填报单位：南高乡团委（盖章）", None, None, None, None, None, None, None, None, "填报时间：2025年3月"],
            HEADER_1] + ROWS_1
    return write_book(path, [("委员名单", rows, ["A1:N1"]),
                             ("第二批", ROWS_2, ["A1:A2", "B1:D1", "E1:H1"])])


def test_a_real_roster_imports_its_good_rows_and_reports_each_bad_one(county_ledger, tmp_path):
    path = roster(tmp_path / "南高乡委员名册.xlsx")
    seq = county_ledger.last_seq()
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert county_ledger.last_seq() == seq  # checking stores nothing
    assert [s.name for s in plan.sheets] == ["委员名单", "第二批"]
    assert plan.sheets[0].header.row == 2 and plan.sheets[1].header.row == 1
    assert set(plan.sheets[0].header.ignored) == {"序号"}  # 备注 is the member's note
    assert plan.ignored_columns == ["序号"]  # of every sheet, as the CLI and the dialog list them
    assert plan.summary() == {ADD: 6, UPDATE: 0, DUPLICATE: 0, ERROR: 5}

    by_row = {(r.sheet, r.row): r for r in plan.rows}

    def problems(excel_row: int) -> dict[str, str]:
        row = by_row[("委员名单", excel_row)]
        assert row.status == ERROR
        return {p.column: p.text() for p in row.problems}

    base = FIRST_DATA_ROW
    bad = problems(base + 5)  # 赵六: a 13th month and an unknown gender
    assert set(bad) == {"出生年月", "性别"}
    assert "1996-13-01" in bad["出生年月"] and xtext(excel.MSG_BAD_DATE, value="1996-13-01") in bad["出生年月"]
    assert "X" in bad["性别"] and "男" in bad["性别"]
    assert set(problems(base + 6)) == {"手机号码"} and "123" in problems(base + 6)["手机号码"]
    assert set(problems(base + 7)) == {"团内职务"} and "队长" in problems(base + 7)["团内职务"]
    assert set(problems(base + 8)) == {"出生年月"} and "14" in problems(base + 8)["出生年月"]  # the ledger's own rule
    assert set(problems(base + 9)) == {"委员姓名"} and "必填" in problems(base + 9)["委员姓名"]
    # the line a report prints: row number, column, reason
    line = by_row[("委员名单", base + 6)].line()
    assert str(base + 6) in line and "手机号码" in line and "123" in line

    result = excel.apply_import(county_ledger, plan)
    assert (result.added, result.updated, result.skipped, result.errors) == (6, 0, 0, 5)
    assert county_ledger.count(MEMBER) == 6
    zhang = member_values(county_ledger, "张三")
    assert zhang["org_id"] == ORG
    assert (zhang["birth_date"], zhang["phone"], zhang["gender"], zhang["post"]) == ("1995-03", "13800138000", "male", "secretary")  # 出生年月 "1995.3": the month is all that is known
    assert (zhang["education"], zhang["political_status"], zhang["ethnicity"]) == ("bachelor", "cpc_member", "han")
    assert zhang["joined_on"] == "2020-05-01" and zhang["employer"] == "南高乡人民政府"
    assert zhang["note"] == "年度优秀"
    li = member_values(county_ledger, "李四")
    assert (li["birth_date"], li["phone"], li["gender"], li["employment"]) == ("1996-04", "13900139000", "female", "part_time")
    assert (li["education"], li["political_status"], li["ethnicity"], li["joined_on"]) == ("college", "league_member", "hui", "2021-03-02")
    wang = member_values(county_ledger, "王芳")
    assert (wang["phone"], wang["joined_on"], wang["education"]) == ("13900139001", "2021-03-02", "secondary")
    liu = member_values(county_ledger, "刘强")
    assert (liu["birth_date"], liu["gender"], liu["employment"], liu["joined_on"]) == ("1998-02-03", "male", "seconded", "2022-09-01")
    zheng = member_values(county_ledger, "郑十")
    assert (zheng["birth_date"], zheng["joined_on"], zheng["source"]) == ("1999-09-09", "2023-06-01", "school_head")
    qian = member_values(county_ledger, "钱十一")
    assert (qian["birth_date"], qian["ethnicity"], qian["source"]) == ("1994-12-01", "manchu", "rural_entrepreneur")
    for name in ("赵六", "孙七", "周八", "吴九"):
        assert county_ledger.query(MEMBER, where={"name": name}) == []


def test_reimporting_the_same_file_gives_only_duplicates(county_ledger, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    excel.apply_import(county_ledger, excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP))
    seq = county_ledger.last_seq()
    again = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert again.summary() == {ADD: 0, UPDATE: 0, DUPLICATE: 6, ERROR: 5}
    assert {r.reason() for r in again.rows if r.status == DUPLICATE} == {xtext(excel.NOTE_STORED)}
    result = excel.apply_import(county_ledger, again)
    assert result.batch_id is None and result.added == 0 and county_ledger.last_seq() == seq


def test_the_same_row_twice_in_a_file_is_a_duplicate(county_ledger, tmp_path):
    row = ["张三", "男", "1995-03-01", "书记", "专职", "机关干部", "2020-05-01"]
    path = write_book(tmp_path / "twice.xlsx", [("s", [["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"],
                                                       row, row, ["张三", "男", "1995-03-01", "委员", "专职", "机关干部",
                                                                  "2020-05-01"]], [])])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert [r.status for r in plan.rows] == [ADD, DUPLICATE, ERROR]
    assert plan.rows[1].reason() == xtext(excel.NOTE_SAME_ROW, row=2)
    assert "2" in plan.rows[2].reason()  # the same member as row 2, with different values
    assert excel.apply_import(county_ledger, plan).added == 1


def test_a_member_already_stored_is_updated_by_name_and_birth_date_or_phone(county_ledger, tmp_path):
    county_ledger.committee_members.create(org_id=ORG, name="张三", gender="male", birth_date="1995-03-01",
                                           phone="13700000000", post="member", employment="part_time",
                                           source="civil_servant", joined_on="2020-05-01")
    county_ledger.committee_members.create(org_id=ORG, name="李四", gender="female", birth_date="1990-01-01",
                                           phone="13900139000", post="member", employment="part_time",
                                           source="other", joined_on="2020-05-01")
    header = ["姓名", "性别", "出生年月", "手机", "职务", "专兼职", "来源", "任职时间"]
    path = write_book(tmp_path / "u.xlsx", [("s", [header,
                                                   ["张三", "男", "1995.3", 13800138000, "书记", "兼职", "机关干部", "2020-05-01"],
                                                   ["李四", "女", "1996-04-01", 13900139000, "委员", "兼职", "其他", "2020-05-01"],
                                                   ["王五", "男", "1990-04-01", None, "委员", "兼职", "其他", "2020-05-01"]], [])])
    before = county_ledger.last_seq()
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert [r.status for r in plan.rows] == [UPDATE, UPDATE, ADD]
    assert plan.rows[0].changes == {"phone": "13800138000", "post": "secretary"}
    assert plan.rows[1].changes == {"birth_date": "1996-04-01"}  # same name and phone: the birth date is corrected
    assert "手机" in plan.rows[0].reason()
    result = excel.apply_import(county_ledger, plan)
    assert (result.added, result.updated) == (1, 2)
    assert member_values(county_ledger, "张三")["phone"] == "13800138000"

    # undo takes back exactly this import: the new member goes, the updated ones return
    county_ledger.undo_batch(result.batch_id)
    assert county_ledger.count(MEMBER) == 2
    zhang = member_values(county_ledger, "张三")
    assert (zhang["phone"], zhang["post"]) == ("13700000000", "member")
    assert member_values(county_ledger, "李四")["birth_date"] == "1990-01-01"
    assert county_ledger.last_seq() > before


def test_undo_of_an_import_removes_exactly_its_records(county_ledger, tmp_path):
    county_ledger.committee_members.create(org_id=ORG, name="老委员", gender="male", post="member",
                                           employment="part_time", source="other", joined_on="2019-01-01")
    result = excel.apply_import(county_ledger, excel.plan_import(county_ledger, MEMBER, roster(tmp_path / "r.xlsx"),
                                                                 TOWNSHIP))
    assert county_ledger.count(MEMBER) == 7
    assert county_ledger.batches(1)[0][0] == result.batch_id
    assert county_ledger.undo_batch(result.batch_id) == 6
    assert [m["name"] for m in county_ledger.query(MEMBER)] == ["老委员"]


def test_a_dry_run_stores_nothing_and_leaves_no_gap(county_ledger, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    seq, pending, counts = county_ledger.last_seq(), county_ledger.pending_changes(), county_ledger.counts()
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.count(ADD) == 6
    assert (county_ledger.last_seq(), county_ledger.pending_changes(), county_ledger.counts()) == (seq, pending, counts)
    county_ledger.meetings.create(org_id=ORG, kind="training", held_on="2024-01-01", title="培训")
    assert county_ledger.last_seq() == seq + 1  # change-log positions stay without gaps


def test_a_cancelled_import_stores_nothing(county_ledger, tmp_path):
    plan = excel.plan_import(county_ledger, MEMBER, roster(tmp_path / "r.xlsx"), TOWNSHIP)
    seq = county_ledger.last_seq()

    class Stop(Exception):
        pass

    def progress(done, total):
        if done:
            raise Stop()

    with pytest.raises(Stop):
        excel.apply_import(county_ledger, plan, progress=progress)
    assert county_ledger.last_seq() == seq and county_ledger.count(MEMBER) == 0
    with pytest.raises(Stop):
        excel.plan_import(county_ledger, MEMBER, roster(tmp_path / "r.xlsx"), TOWNSHIP, progress=progress)
    assert county_ledger.last_seq() == seq


def test_the_ledger_changing_after_the_check_imports_nothing(county_ledger, tmp_path):
    path = write_book(tmp_path / "m.xlsx", [("s", [["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"],
                                                   ["张三", "男", "1995-03-01", "书记", "专职", "机关干部", "2020-05-01"],
                                                   ["李四", "女", "1995-03-01", "委员", "专职", "机关干部", "2020-05-01"]], [])])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    county_ledger.committee_members.create(org_id=ORG, name="李四", gender="female", birth_date="1995-03-01",
                                           post="member", employment="part_time", source="other", joined_on="2020-05-01")
    seq = county_ledger.last_seq()
    with pytest.raises(excel.ImportChanged):
        excel.apply_import(county_ledger, plan)
    assert county_ledger.last_seq() == seq


# --------------------------------------------------------------------------- organisations named in the file
def test_an_organisation_column_is_matched_by_name(county_ledger, tmp_path):
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                       parent_id=COUNTY_ORG)
    header = ["所属团委", "姓名", "性别", "职务", "专兼职", "来源", "任职时间"]
    path = write_book(tmp_path / "county.xlsx", [("s", [header,
                                                        ["南高乡团委", "甲", "男", "委员", "兼职", "其他", "2022-01-01"],
                                                        ["冶河镇团委 ", "乙", "女", "委员", "兼职", "其他", "2022-01-01"],
                                                        ["冶河镇", "丙", "女", "委员", "兼职", "其他", "2022-01-01"],
                                                        ["栾城区冶河镇团委", "丁", "女", "委员", "兼职", "其他", "2022-01-01"],
                                                        ["不存在乡团委", "戊", "男", "委员", "兼职", "其他", "2022-01-01"],
                                                        [None, "己", "男", "委员", "兼职", "其他", "2022-01-01"]], [])])
    plan = excel.plan_import(county_ledger, MEMBER, path)  # a county ledger: no unit by default
    assert [r.status for r in plan.rows] == [ADD, ADD, ADD, ADD, ERROR, ERROR]
    assert [r.values.get("org_id") for r in plan.rows[:4]] == [ORG, ORG_2, ORG_2, ORG_2]
    assert "不存在乡团委" in plan.rows[4].reason() and "所属团委" in plan.rows[4].reason()
    assert "必填" in plan.rows[5].reason()
    with_unit = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)  # the unit fills the blank cell
    assert with_unit.rows[5].status == ADD and with_unit.rows[5].values["org_id"] == ORG


def test_units_are_checked(county_ledger, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    with pytest.raises(excel.BadUnit) as bad:
        excel.plan_import(county_ledger, MEMBER, path, "110101001")
    assert "110101001" in bad.value.text("en")
    with pytest.raises(excel.UnitNotInLedger) as missing:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP_2)
    assert "冶河镇" in missing.value.text("en")


def test_organisations_with_their_parents_in_the_same_file(tmp_path):
    ledger = Ledger.new(tmp_path / "c.sqlite", scope=COUNTY, operator="测")
    try:
        rows = [["组织名称", "组织类型", "上级组织", "所在区划", "成立时间", "团员数"],
                ["南高乡青年创业园团支部", "直属团组织", "南高乡团委", "南高乡", "2023.4", "12人"],
                ["南高乡团委", "乡镇团委", "栾城区团委", f"南高乡（{TOWNSHIP}）", None, None],
                ["栾城区团委", "团县委", None, COUNTY, None, None]]
        plan = excel.plan_import(ledger, "organisation", write_book(tmp_path / "o.xlsx", [("s", rows, [])]))
        assert plan.summary()[ADD] == 3, [r.reason() for r in plan.rows]
        excel.apply_import(ledger, plan)
        branch = ledger.query("organisation", where={"kind": "direct_org"})[0]
        assert (branch["parent_id"], branch["division_code"], branch["founded_on"], branch["league_members"]) == \
            (ORG, TOWNSHIP, "2023-04-01", 12)
        assert ledger.get("organisation", ORG)["parent_id"] == COUNTY_ORG
    finally:
        ledger.close()


# --------------------------------------------------------------------------- the error workbook
def test_the_rows_with_errors_go_back_to_the_user_to_fix_and_import(county_ledger, tmp_path):
    plan = excel.plan_import(county_ledger, MEMBER, roster(tmp_path / "r.xlsx"), TOWNSHIP)
    excel.apply_import(county_ledger, plan)
    errors_path = excel.error_workbook_path(plan.path)
    assert errors_path.name == "r-errors.xlsx"
    assert excel.write_error_workbook(plan, errors_path) == 5
    wb = openpyxl.load_workbook(errors_path)
    ws = wb["委员名单"]
    header = [c.value for c in ws[1]]
    assert header[: len(HEADER_1)] == [h.replace(" ", "").replace("\u3000", "") for h in HEADER_1]  # as matched
    assert header[-1] == translate("excel", excel.ERROR_COLUMN)
    assert ws.max_row == 6
    zhao = [c.value for c in ws[2]]
    assert zhao[1] == "赵六" and zhao[2] == "1996-13-01" and str(FIRST_DATA_ROW + 5) in zhao[-1]
    assert ws.cell(2, 3).fill.fgColor.rgb.endswith("FFC7CE")  # the bad cell is marked

    # the user corrects the cells and imports the same workbook
    fixes = {"赵六": {3: "1996-12-01", 4: "男"}, "孙七": {5: "13900139004"}, "周八": {6: "委员"},
             "吴九": {3: "1990-01-01"}}
    for r in range(2, ws.max_row + 1):
        name = ws.cell(r, 2).value
        for c, v in fixes.get(name, {2: "郑九"} if name is None else {}).items():
            ws.cell(r, c, v)
    wb.save(errors_path)
    again = excel.plan_import(county_ledger, MEMBER, errors_path, TOWNSHIP)
    assert again.summary() == {ADD: 5, UPDATE: 0, DUPLICATE: 0, ERROR: 0}, [r.reason() for r in again.errors]
    assert excel.apply_import(county_ledger, again).added == 5
    assert county_ledger.count(MEMBER) == 11


# --------------------------------------------------------------------------- export
def _members(ledger: Ledger) -> None:
    ledger.committee_members.create_many([
        dict(org_id=ORG, name="张三", gender="male", birth_date="1995-03-02", ethnicity="han", political_status="cpc_member",
             education="bachelor", phone="13800138000", post="secretary", employment="full_time",
             source="civil_servant", employer="南高乡人民政府", duty="全面工作", rotation_duty="一月", joined_on="2020-05-01",
             appraisal_year=2024, appraisal="excellent"),
        dict(org_id=ORG, name="李四", gender="female", birth_date="1996-04-01", post="member", employment="part_time",
             source="village_official", joined_on="2021-03-02", exited_on="2024-06-30", exit_reason="调离"),
        dict(org_id=ORG, name="=SUM(A1)", gender="male", post="member", employment="part_time", source="other",
             joined_on="2022-01-01", employer="+86 138 0013 8000", duty="-", rotation_duty="@x", phone="0311-8888888"),
        dict(org_id=ORG, name="#N/A", gender="female", post="member", employment="seconded", source="rural_finance",
             joined_on="2022-01-01", employer="-12", duty="=1+1"),
    ])


def _comparable(rows: list[dict], drop=("id", "scope", "deleted")) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k not in drop} for r in rows), key=lambda r: str(r.get("name")))


def test_export_writes_real_types_labels_and_a_frozen_header(county_ledger, tmp_path):
    _members(county_ledger)
    county_ledger.funding_entries.create(org_id=ORG, year=2025, budgeted="20000", received="12345.6",
                                         source="local_budget", received_on="2025-03-15")
    rows = county_ledger.query(MEMBER, order_by="name")
    k = KINDS[MEMBER]
    columns = ["name", "org_id", "gender", "birth_date", "phone", "appraisal_year"]
    path = tmp_path / "members.xlsx"
    path.write_bytes(b"old content")  # replaced atomically
    assert excel.export_rows(path, MEMBER, rows, columns, titles=excel.ref_titles(county_ledger, k, rows)) == 4
    assert not list(tmp_path.glob("*.part"))
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["姓名", "所属组织", "性别", "出生日期", "联系电话", "述职考核年度"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 6 and ws.column_dimensions["D"].width >= 10
    zhang = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "张三")
    assert zhang[1].value == "南高乡团委" and zhang[2].value == "男"
    assert zhang[3].value == dt.datetime(1995, 3, 2) and zhang[3].number_format == "yyyy-mm-dd"
    assert zhang[4].value == "13800138000" and zhang[4].data_type == "s"
    assert zhang[5].value == 2024 and zhang[5].data_type == "n"

    fpath = tmp_path / "funding.xlsx"
    funding = county_ledger.query("funding_entry")
    excel.export_rows(fpath, "funding_entry", funding, None,
                      titles=excel.ref_titles(county_ledger, KINDS["funding_entry"], funding))
    ws = openpyxl.load_workbook(fpath).active
    head = [c.value for c in ws[1]]
    budget, received = ws[2][head.index("预算金额（元）")], ws[2][head.index("到位金额（元）")]
    assert (budget.value, budget.number_format) == (20000, "0.00")
    assert (received.value, received.number_format) == (12345.6, "0.00")
    assert ws[2][head.index("经费来源")].value == "地方财政"


def test_export_in_english(county_ledger, tmp_path):
    _members(county_ledger)
    i18n.set_language("en")
    path = tmp_path / "en.xlsx"
    excel.export_rows(path, MEMBER, county_ledger.query(MEMBER, order_by="name"), ["name", "gender"])
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Committee member" and [c.value for c in ws[1]] == ["Full name", "Gender"]
    assert {ws.cell(r, 2).value for r in range(2, 6)} == {"Male", "Female"}


def test_formula_looking_text_stays_text(county_ledger, tmp_path):
    _members(county_ledger)
    rows = county_ledger.query(MEMBER)
    path = tmp_path / "f.xlsx"
    excel.export_rows(path, MEMBER, rows, None, titles=excel.ref_titles(county_ledger, KINDS[MEMBER], rows))
    ws = openpyxl.load_workbook(path).active
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None}
    for text in ("=SUM(A1)", "+86 138 0013 8000", "-", "@x", "#N/A", "-12", "=1+1"):
        cell = cells[text]
        assert cell.data_type == "s", (text, cell.data_type)
        assert cell.quotePrefix, text
    # nothing in the file is a formula
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_export_then_import_gives_the_same_members(county_ledger, tmp_path):
    _members(county_ledger)
    rows = county_ledger.query(MEMBER)
    path = tmp_path / "members.xlsx"
    excel.export_rows(path, MEMBER, rows, None, titles=excel.ref_titles(county_ledger, KINDS[MEMBER], rows))

    other = Ledger.new(tmp_path / "other.sqlite", scope=COUNTY, operator="乙")
    try:
        other.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        other.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP, parent_id=COUNTY_ORG)
        plan = excel.plan_import(other, MEMBER, path)
        assert plan.summary()[ADD] == 4, [r.reason() for r in plan.rows]
        excel.apply_import(other, plan)
        assert _comparable(other.query(MEMBER)) == _comparable(rows)
        assert excel.plan_import(other, MEMBER, path).summary()[DUPLICATE] == 4
    finally:
        other.close()


def test_export_then_import_gives_the_same_organisations(county_ledger, tmp_path):
    from desktop.scope.geo import geography

    village = geography().children(TOWNSHIP)[0].code
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                       parent_id=COUNTY_ORG, founded_on="2001-07-01", demo_level="county")
    county_ledger.organisations.create_many([
        dict(kind="direct_org", name="南高乡青年创业园团支部", parent_id=ORG, division_code=TOWNSHIP, founded_on="2023-04-01",
             league_members=12, note="=示范"),
        dict(kind="village_branch", name="南高村团支部", parent_id=ORG, division_code=village, status="rectifying",
             status_changed_on="2024-05-01", status_reason="空壳化"),
        dict(kind="county_coop_committee", name="栾城区农村合作组织团工委", parent_id=COUNTY_ORG, division_code=COUNTY),
    ])
    path = tmp_path / "ledger.xlsx"
    counts = excel.export_ledger(county_ledger, path)
    assert counts["organisation"] == 6
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["团组织", "团委委员"]

    other = Ledger.new(tmp_path / "other.sqlite", scope=COUNTY, operator="乙")
    try:
        plan = excel.plan_import(other, "organisation", path)
        assert [s.name for s in plan.sheets] == ["团组织"]  # the other sheets have no organisation header
        assert plan.summary() == {ADD: 6, UPDATE: 0, DUPLICATE: 0, ERROR: 0}, [r.reason() for r in plan.rows]
        excel.apply_import(other, plan)

        def described(ledger):
            titles = {o["id"]: o["name"] for o in ledger.query("organisation")}
            return sorted((o["kind"], o["name"], titles.get(o["parent_id"]), o["division_code"], o["founded_on"],
                           o["status"], o["status_changed_on"], o["status_reason"], o["demo_level"],
                           o["league_members"], o["note"]) for o in ledger.query("organisation"))

        assert described(other) == described(county_ledger)
        assert other.get("organisation", ORG) is not None  # natural ids are the same
    finally:
        other.close()


# --------------------------------------------------------------------------- templates
TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "resources" / "templates"


@pytest.mark.parametrize("kind", excel.TEMPLATE_KINDS)
def test_the_templates_open_with_their_drop_down_lists(kind, county_ledger, tmp_path):
    path = TEMPLATE_DIR / f"{kind}.xlsx"
    assert path == excel.template_path(kind) and path.exists()
    wb = openpyxl.load_workbook(path)
    ws, lists = wb.worksheets
    assert lists.sheet_state == "hidden"
    fields = excel.template_fields(kind)
    header = [c.value for c in ws[1]]
    assert [h.lstrip("*") for h in header] == [f.label.text("zh_CN") for f in fields]
    assert [h.startswith("*") for h in header] == [f.required and f.default is None for f in fields]
    enum_fields = [f for f in fields if f.enum]
    validations = ws.data_validations.dataValidation
    assert len(validations) == len(enum_fields)
    enums = enumerations()
    for dv in validations:
        col = openpyxl.utils.column_index_from_string(str(dv.sqref).split(":")[0].rstrip("0123456789")) - 1
        f = fields[col]
        assert dv.type == "list" and dv.formula1.startswith(f"'{lists.title}'!")
        ref = dv.formula1.split("!")[1].replace("$", "")
        values = [c.value for row in lists[ref] for c in row]
        assert values == [v.zh for v in enums.values(f.enum)]
    assert ws.cell(2, 1).font.color.rgb == excel.EXAMPLE_RGB
    # as shipped, the template imports nothing (the grey example row is skipped)
    plan = excel.plan_import(county_ledger, kind, path, TOWNSHIP)
    assert plan.rows == []


def test_the_shipped_templates_are_current(tmp_path):
    """The shipped files hold what ``write_template`` writes now (header, example, choices);
    if not: run resources/templates/make_templates.py."""
    for kind in excel.TEMPLATE_KINDS:
        fresh = excel.write_template(kind, tmp_path / f"{kind}.xlsx")
        a, b = openpyxl.load_workbook(fresh), openpyxl.load_workbook(TEMPLATE_DIR / f"{kind}.xlsx")
        cells = [[[c.value for c in r] for r in wb.worksheets[0].iter_rows()] for wb in (a, b)]
        choices = [[[c.value for c in r] for r in wb.worksheets[1].iter_rows(min_row=2)] for wb in (a, b)]
        ranges = [[str(dv.sqref) for dv in wb.worksheets[0].data_validations.dataValidation] for wb in (a, b)]
        assert cells[0] == cells[1] and choices[0] == choices[1] and ranges[0] == ranges[1], \
            f"{kind}: run resources/templates/make_templates.py"


def test_a_filled_template_imports(county_ledger, tmp_path):
    wb = openpyxl.load_workbook(TEMPLATE_DIR / "committee_member.xlsx")
    ws = wb.worksheets[0]
    values = {"所属组织": "南高乡团委", "姓名": "陈一", "性别": "女", "出生日期": dt.datetime(1998, 1, 2), "职务": "委员",
              "任职方式": "兼职", "委员来源": "其他", "任职日期": dt.datetime(2023, 1, 1)}
    for c, cell in enumerate(ws[1], 1):
        if cell.value.lstrip("*") in values:
            ws.cell(3, c, values[cell.value.lstrip("*")])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    plan = excel.plan_import(county_ledger, MEMBER, path)
    assert plan.summary()[ADD] == 1, [r.reason() for r in plan.rows]


# --------------------------------------------------------------------------- CLI
def _args(ledger_path: Path, **kw) -> argparse.Namespace:
    base = dict(ledger=str(ledger_path), file=None, kind=MEMBER, unit=None, dry_run=False, errors=None, scope=None,
                column_values=[], words=[], apply_exits=False, complete_only=False)
    base.update(kw)
    return argparse.Namespace(**base)


def test_cli_import_and_export(county_ledger, ledger_path, tmp_path, capsys):
    path = roster(tmp_path / "r.xlsx")
    county_ledger.close()

    assert cli_excel.cmd_import_excel(_args(ledger_path, file=str(path), unit=TOWNSHIP, dry_run=True)) == 3
    out = capsys.readouterr().out
    assert "6" in out and "5" in out and "手机号码" in out and str(FIRST_DATA_ROW + 6) in out
    assert (tmp_path / "r-errors.xlsx").exists()
    with Ledger.open(ledger_path) as ledger:
        assert ledger.count(MEMBER) == 0

    assert cli_excel.cmd_import_excel(_args(ledger_path, file=str(path), unit=TOWNSHIP)) == 0
    with Ledger.open(ledger_path) as ledger:
        assert ledger.count(MEMBER) == 6
    only_errors = write_book(tmp_path / "bad.xlsx", [("s", [["姓名", "性别", "职务", "专兼职", "来源", "任职时间"],
                                                           ["甲", "?", "委员", "兼职", "其他", "2022-01-01"]], [])])
    assert cli_excel.cmd_import_excel(_args(ledger_path, file=str(only_errors), unit=TOWNSHIP)) == 3

    out_path = tmp_path / "export"
    assert cli_excel.cmd_export_excel(_args(ledger_path, file=str(out_path), kind=MEMBER)) == 0
    assert openpyxl.load_workbook(tmp_path / "export.xlsx").active.max_row == 7
    assert cli_excel.cmd_export_excel(_args(ledger_path, file=str(tmp_path / "all.xlsx"), kind=None)) == 0
    assert len(openpyxl.load_workbook(tmp_path / "all.xlsx").sheetnames) == len(excel.EXPORT_KINDS)


def test_cli_parsers(capsys):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    cli_excel.add_parsers(sub)
    args = parser.parse_args(["import-excel", "x.xlsx", "--kind", MEMBER, "--unit", TOWNSHIP, "--dry-run"])
    assert (args.command, args.file, args.kind, args.unit, args.dry_run) == ("import-excel", "x.xlsx", MEMBER, TOWNSHIP, True)
    args = parser.parse_args(["export-excel", "y.xlsx", "--scope", TOWNSHIP])
    assert (args.file, args.kind, args.scope) == ("y.xlsx", None, TOWNSHIP)
    assert set(cli_excel.COMMANDS) == {"import-excel", "export-excel"}


def test_notes_repeated_headers_totals_and_broken_formulas(county_ledger, tmp_path):
    header = ["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"]
    rows = [header,
            ["张三", "男", "1995-03-01", "书记", "专职", "机关干部", "2020-05-01"],
            header,  # a printout repeats the header on every page
            ["李四", "女", "#VALUE!", "委员", "兼职", "其他", "2020-05-01"],  # a formula that failed
            ["合计", None, None, None, None, None, None],
            ["注：出生年月按身份证填写。", None, None, None, None, None, None]]
    path = write_book(tmp_path / "n.xlsx", [("s", rows, ["A6:G6"])])
    sheet = excel.read_workbook(path)[0]
    assert sheet.errors == {(3, 2)} and sheet.banner_rows == {5}
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert [(r.row, r.status) for r in plan.rows] == [(2, ADD), (4, ERROR)]
    assert plan.rows[1].reason() == "出生年月" + "：" + xtext(excel.MSG_EXCEL_ERROR, value="#VALUE!")


def test_reasons_in_english(county_ledger, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    row = next(r for r in plan.rows if r.row == FIRST_DATA_ROW + 6)
    assert row.reason("en") == '手机号码: "123" is not a phone number (11-digit mobile, or area code and number)'
    assert row.line("en") == f"Row {FIRST_DATA_ROW + 6}: " + row.reason("en")


def test_rows_the_ledger_refuses_are_found_among_many(county_ledger, tmp_path):
    header = ["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"]
    rows = [header] + [[f"委员{i}", "男", "2015-01-01" if i in (5, 22, 23) else "1995-01-01", "委员", "兼职", "其他",
                        "2020-01-01"] for i in range(40)]
    plan = excel.plan_import(county_ledger, MEMBER, write_book(tmp_path / "many.xlsx", [("s", rows, [])]), TOWNSHIP)
    assert [r.row for r in plan.errors] == [7, 24, 25]
    assert all("出生年月" in r.reason() for r in plan.errors)
    assert excel.apply_import(county_ledger, plan).added == 37


def test_a_committee_merged_down_its_members_rows(county_ledger, tmp_path):
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                       parent_id=COUNTY_ORG)
    rows = [["所属团委", "姓名", "性别", "职务", "专兼职", "来源", "任职时间"],
            ["南高乡团委", "甲", "男", "书记", "专职", "机关干部", "2022-01-01"],
            [None, "乙", "女", "委员", "兼职", "其他", "2022-01-01"],
            [None, "丙", "女", "委员", "兼职", "其他", "2022-01-01"],
            ["冶河镇团委", "丁", "男", "书记", "专职", "机关干部", "2022-01-01"],
            [None, "戊", "男", "委员", "兼职", "其他", "2022-01-01"]]
    path = write_book(tmp_path / "merged.xlsx", [("s", rows, ["A2:A4", "A5:A6"])])
    plan = excel.plan_import(county_ledger, MEMBER, path)
    assert [r.values["org_id"] for r in plan.rows] == [ORG, ORG, ORG, ORG_2, ORG_2]


def test_a_repeat_of_a_refused_row_is_refused_too(county_ledger, tmp_path):
    row = ["张三", "男", "2015-03-01", "书记", "专职", "机关干部", "2020-05-01"]  # too young: the ledger refuses it
    path = write_book(tmp_path / "twice.xlsx", [("s", [["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"],
                                                       row, row], [])])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert [r.status for r in plan.rows] == [ERROR, ERROR]
    assert plan.rows[1].reason() == plan.rows[0].reason() and "出生年月" in plan.rows[1].reason()


def test_a_task_the_sheet_marks_done_needs_the_proof_the_window_asks_for(county_ledger, township_org, tmp_path):
    """Marking tasks done by spreadsheet is no way around the measure and evidence that
    marking them done in the checklist requires (a new task from a sheet has no evidence yet)."""
    task = "checklist_task"
    county_ledger.create(task, {"org_id": township_org, "system": "project", "deadline": "2026-12-31",
                                "status": "in_progress", "title": "建设青年之家", "measure": "腾出两间房"})
    rows = county_ledger.query(task)
    path = tmp_path / "tasks.xlsx"
    excel.export_rows(path, task, rows, None, titles=excel.ref_titles(county_ledger, KINDS[task], rows))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    label = {n: KINDS[task].field(n).label.text("zh_CN") for n in ("org_id", "system", "title", "measure", "status")}
    status = {s: enumerations().label("task_status", s, "zh_CN") for s in ("done", "in_progress")}
    project = enumerations().label("checklist_system", "project", "zh_CN")
    for title, measure, state in (("开展统一活动", "每月一次", "done"), ("落实工作经费", None, "done"),
                                  ("规范基础团务", "建立台账", "in_progress")):
        new_row = [None] * len(header)
        for name, value in (("org_id", "南高乡团委"), ("system", project), ("title", title), ("measure", measure),
                            ("status", status[state])):
            new_row[header.index(label[name])] = value
        sheet.append(new_row)
    book.save(path)
    seq = county_ledger.last_seq()

    plan = excel.plan_import(county_ledger, task, path)
    by_title = {r.raw.get("title"): r for r in plan.rows}
    assert (by_title["建设青年之家"].status, by_title["规范基础团务"].status) == (DUPLICATE, ADD)
    for title, lacking in (("开展统一活动", ["佐证材料"]), ("落实工作经费", ["整改措施", "佐证材料"])):
        row = by_title[title]
        assert row.status == ERROR, title
        text = " ".join(p.text("zh_CN") for p in row.problems)
        assert all(word in text for word in lacking) and "对标整改" in text, text
    assert "at least one evidence file" in " ".join(p.text("en") for p in by_title["开展统一活动"].problems)
    assert county_ledger.last_seq() == seq  # checking stores nothing
    result = excel.apply_import(county_ledger, plan)
    assert (result.added, result.errors) == (1, 2)
    assert sorted(t["title"] for t in county_ledger.query(task)) == ["建设青年之家", "规范基础团务"]
