"""The work ledger (工作台账): monthly work plan items, cases and briefs, contact points, annual
assessments and village branch terms.  Bad input first (clear errors in Chinese, nothing
stored), then the month lock, Excel templates and whole-ledger round trips, data packages
and the monthly report's section.  (Create, edit, delete and restore of every kind:
tests/test_records.py; the rules one by one: tests/test_rules.py; sync through a real hub:
tests/sync/test_work_ledger_sync.py; the window: tests/ui/test_work_ledger_ui.py.)"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2

from desktop import excel
from desktop.errors import ValidationError
from desktop.ledger import Ledger, MonthLocked
from desktop.records import KINDS, WORK_KINDS
from desktop.reporting import submitting
from desktop.reporting.report import monthly_report, sections
from sync import packages as P

ORG = f"org-township_committee-{TOWNSHIP}"
ORG_2 = f"org-township_committee-{TOWNSHIP_2}"
COUNTY_ORG = f"org-county_committee-{COUNTY}"
VILLAGE = "130111200201"      # 南高村, in 南高乡
VILLAGE_B = "130111200202"    # 北高村
VILLAGE_C = "130111200203"    # 鲁家庄村
VILLAGE_2 = "130111103201"    # in 冶河镇
WORK = [k.name for k in WORK_KINDS]

#: One valid record of each kind (as a user types it), for the county ledger fixture.
GOOD = {
    "work_plan_item": dict(org_id=ORG, month="2025-06", item="召开团委班子会", responsible="张三", status="已完成",
                           done_on="2025-06-12"),
    "case_brief": dict(org_id=ORG, kind="工作案例", title="南高乡整合资源建设青年之家", dated_on="2025-06-20",
                       library="县级优秀案例", summary="整合乡综合文化站建设青年之家"),
    "contact_point": dict(unit_code=TOWNSHIP, leader="李四", office="石家庄团市委农村青年工作部", post="副部长",
                          linked_on="2025-03-01", phone="13912345678"),
    "unit_assessment": dict(org_id=ORG, year=2024, grade="优秀", award="五四红旗团委", assessed_by="栾城区团委",
                            assessed_on="2025-01-15"),
    "branch_term": dict(village_code=VILLAGE, elected_on="2021-12-20", term_end="2026-12-19", secretary="王五",
                        members=5),
}


@pytest.fixture
def ledger(county_ledger) -> Ledger:
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                       parent_id=COUNTY_ORG)
    return county_ledger


def refused(ledger: Ledger, kind: str, values: dict) -> str:
    """Create a record of *kind* that must be refused; the Chinese text of the error (nothing stored)."""
    seq, count = ledger.last_seq(), ledger.count(kind, include_deleted=True)
    with pytest.raises(ValidationError) as info:
        ledger.create(kind, values)
    assert (ledger.last_seq(), ledger.count(kind, include_deleted=True)) == (seq, count)
    text = info.value.text("zh_CN")
    assert text.startswith("记录未保存") and info.value.text("en").startswith("The record was not saved")
    return text


# ---------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("kind", "changes", "words"), [
    ("work_plan_item", dict(item=""), ("工作事项", "必填")),
    ("work_plan_item", dict(month="2025-13"), ("月份", "2025-13")),
    ("work_plan_item", dict(status="做完了"), ("状态", "做完了", "已完成")),
    ("work_plan_item", dict(status="推进中"), ("完成日期", "状态须为“已完成”")),
    ("work_plan_item", dict(org_id=f"org-village_branch-{VILLAGE}"), ("所属组织",)),
    ("case_brief", dict(kind="论文"), ("类型", "工作案例", "专题简报")),
    ("case_brief", dict(kind="专题简报"), ("入选优秀案例库", "只有工作案例")),
    ("case_brief", dict(dated_on="2999-01-01"), ("日期", "将来")),
    ("case_brief", dict(dated_on="六月"), ("日期", "六月")),
    ("contact_point", dict(unit_code=VILLAGE), ("联系单位", "不是县/乡镇")),
    ("contact_point", dict(office=None), ("所在机关", "必填")),
    ("contact_point", dict(ended_on="2025-02-01"), ("结束联系日期", "早于建立联系日期")),
    ("contact_point", dict(phone="12345"), ("联系电话", "12345")),
    ("unit_assessment", dict(grade="良好"), ("考核等次", "优秀", "合格", "基本合格", "不合格")),
    ("unit_assessment", dict(assessed_on="2023-12-30"), ("考核日期", "早于考核年度")),
    ("unit_assessment", dict(year=None), ("年度", "必填")),
    ("branch_term", dict(village_code=TOWNSHIP), ("村", "不是村")),
    ("branch_term", dict(term_end="2021-12-01"), ("任期届满日期", "不晚于换届日期")),
    ("branch_term", dict(term_end="2027-12-19"), ("任期最长 5 年",)),
    ("branch_term", dict(elected_on=None), ("换届日期", "必填")),
    ("branch_term", dict(members="五个"), ("委员人数", "五个")),
])
def test_bad_input_is_refused_with_a_chinese_reason(ledger, kind, changes, words):
    text = refused(ledger, kind, {**GOOD[kind], **changes})
    for word in words:
        assert word in text, (word, text)


def test_a_village_outside_the_ledger_is_refused(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    try:
        text = refused(town, "branch_term", {**GOOD["branch_term"], "village_code": VILLAGE_2})
        assert VILLAGE_2 in text
    finally:
        town.close()


def test_a_bad_row_in_a_batch_stores_none_of_it(ledger):
    rows = [GOOD["branch_term"], {**GOOD["branch_term"], "village_code": VILLAGE_B, "term_end": "2020-01-01"}]
    with pytest.raises(ValidationError):
        ledger.create_many("branch_term", rows)
    assert ledger.count("branch_term") == 0


def test_the_good_records_are_stored_as_typed(ledger):
    ids = {kind: ledger.create(kind, values) for kind, values in GOOD.items()}
    assert ledger.get("work_plan_item", ids["work_plan_item"])["status"] == "done"
    case = ledger.get("case_brief", ids["case_brief"])
    assert (case["kind"], case["library"], case["scope"]) == ("case", "county", TOWNSHIP)
    assert ledger.get("contact_point", ids["contact_point"])["scope"] == TOWNSHIP
    assert ledger.get("unit_assessment", ids["unit_assessment"])["grade"] == "excellent"
    term = ledger.get("branch_term", ids["branch_term"])
    assert (term["scope"], term["members"]) == (VILLAGE, 5)


# ---------------------------------------------------------------------------------- the month lock
def test_an_approved_month_refuses_its_work_plan_and_cases(tmp_path):
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=COUNTY_ORG)
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    try:
        town.apply_changes(county.changes_since(0)[0])
        item = town.create("work_plan_item", GOOD["work_plan_item"])
        case = town.create("case_brief", GOOD["case_brief"])
        contact = town.create("contact_point", GOOD["contact_point"])
        submitting.submit(town, "2025-06")
        county.apply_changes(town.changes_since(0)[0])
        assert submitting.review(county, TOWNSHIP, "2025-06", approve=True).locked
        town.apply_changes(county.changes_since(0)[0])

        for write in (lambda: town.update("work_plan_item", item, {"responsible": "李四"}),  # an event of June
                      lambda: town.delete("case_brief", case),
                      lambda: town.create("work_plan_item", {**GOOD["work_plan_item"], "item": "补记"}),
                      lambda: town.update("contact_point", contact, {"ended_on": "2025-06-30"})):  # a date into June
            with pytest.raises(MonthLocked):
                write()
        # what June does not date goes on
        assert town.update("contact_point", contact, {"phone": "13800000001"})
        town.create("work_plan_item", {**GOOD["work_plan_item"], "month": "2025-07", "done_on": "2025-07-02"})
    finally:
        town.close()
        county.close()


# ---------------------------------------------------------------------------------- Excel
TYPED = {  # a row as a township office types it into the blank template (labels, names, codes)
    "work_plan_item": {"所属组织": "南高乡团委", "月份": "2025-06", "工作事项": "召开团委班子会", "责任人": "张三",
                       "状态": "已完成", "完成日期": dt.datetime(2025, 6, 12)},
    "case_brief": {"所属组织": "南高乡团委", "类型": "工作案例", "标题": "南高乡整合资源建设青年之家",
                   "日期": dt.datetime(2025, 6, 20), "入选优秀案例库": "县级优秀案例"},
    "contact_point": {"联系单位": TOWNSHIP, "联系干部": "李四", "所在机关": "石家庄团市委农村青年工作部",
                      "建立联系日期": dt.datetime(2025, 3, 1), "联系电话": "13912345678"},
    "unit_assessment": {"所属组织": "南高乡团委", "年度": 2024, "考核等次": "优秀", "评优表彰": "五四红旗团委"},
    "branch_term": {"村": VILLAGE, "换届日期": dt.datetime(2021, 12, 20), "任期届满日期": dt.datetime(2026, 12, 19),
                    "书记": "王五", "委员人数": 5},
}


#: The fields each template row above fills (the rest stay empty).
TYPED_FIELDS = {
    "work_plan_item": ("org_id", "month", "item", "responsible", "status", "done_on"),
    "case_brief": ("org_id", "kind", "title", "dated_on", "library"),
    "contact_point": ("unit_code", "leader", "office", "linked_on", "phone"),
    "unit_assessment": ("org_id", "year", "grade", "award"),
    "branch_term": ("village_code", "elected_on", "term_end", "secretary", "members"),
}


@pytest.mark.parametrize("kind", WORK)
def test_a_filled_template_imports(kind, ledger, tmp_path):
    assert kind in excel.TEMPLATE_KINDS and kind in excel.IMPORT_KINDS
    wb = openpyxl.load_workbook(excel.template_path(kind))
    ws = wb.worksheets[0]
    labels = [c.value.lstrip("*") for c in ws[1]]
    for label, value in TYPED[kind].items():
        ws.cell(3, labels.index(label) + 1, value)
    path = tmp_path / f"{kind}.xlsx"
    wb.save(path)
    plan = excel.plan_import(ledger, kind, path, TOWNSHIP)
    assert plan.summary()[excel.ADD] == 1, [r.reason() for r in plan.rows]
    excel.apply_import(ledger, plan)
    [record] = ledger.query(kind)
    for name in TYPED_FIELDS[kind]:
        assert record[name] == KINDS[kind].field(name).coerce(GOOD[kind][name]), name


def test_the_whole_ledger_exported_imports_into_another_unchanged(ledger, tmp_path):
    for kind, values in GOOD.items():
        ledger.create(kind, values)
    ledger.create("work_plan_item", {**GOOD["work_plan_item"], "org_id": ORG_2, "status": "顺延", "done_on": None})
    ledger.create("branch_term", {**GOOD["branch_term"], "village_code": VILLAGE_2, "secretary": None})
    path = tmp_path / "ledger.xlsx"
    counts = excel.export_ledger(ledger, path)
    assert all(counts[k] >= 1 for k in WORK)
    other = Ledger.new(tmp_path / "other.sqlite", scope=COUNTY, operator="乙")
    try:
        other.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        for code, name in ((TOWNSHIP, "南高乡团委"), (TOWNSHIP_2, "冶河镇团委")):
            other.organisations.create(kind="township_committee", name=name, division_code=code, parent_id=COUNTY_ORG)
        for kind in WORK:
            plan = excel.plan_import(other, kind, path)
            assert plan.count(excel.ERROR) == 0, [r.reason() for r in plan.rows]
            excel.apply_import(other, plan)

        def rows(led: Ledger, kind: str) -> list[tuple]:
            names = KINDS[kind].field_names
            return sorted(tuple(r[n] for n in names) for r in led.query(kind))

        for kind in WORK:
            assert rows(other, kind) == rows(ledger, kind), kind
    finally:
        other.close()


# ---------------------------------------------------------------------------------- data packages
def test_every_work_kind_travels_in_a_package_with_a_cases_file(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    try:
        town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        for kind, values in GOOD.items():
            town.create(kind, values)
        case = town.query("case_brief")[0]["id"]
        data = "南高乡青年之家建设做法。\n".encode() * 100
        attachment = town.attach("case_brief", case, "案例.docx", data)
        for x, y in ((town, county), (county, town)):
            ident = P.read_identity_file(P.peer_identity_file(x, tmp_path / f"{x.device_id}.tlid"))
            P.trust_peer(y, ident, "fingerprint")
        stick = tmp_path / "stick"
        stick.mkdir()
        report = P.import_package(county, P.export_package(town, stick, county.device_id))
        assert report.applied >= len(GOOD) + 2

        def table(led: Ledger, kind: str) -> list[tuple]:
            return [tuple(r) for r in led.conn.execute(f"SELECT * FROM {kind} ORDER BY id")]

        for kind in WORK + ["attachment"]:
            assert table(county, kind) == table(town, kind) != [], kind
        assert county.blob(county.get("attachment", attachment)["sha256"]) == data
    finally:
        town.close()
        county.close()


# ---------------------------------------------------------------------------------- the report
def test_the_monthly_report_counts_the_work_ledger(ledger):
    month = "2025-06"
    items = [("召开班子会", "done", "2025-06-05"), ("八查八看自查", "done", "2025-06-20"), ("培训", "in_progress", None),
             ("督导", "postponed", None), ("走访", "cancelled", None)]
    for item, status, done in items:
        ledger.create("work_plan_item", dict(org_id=ORG, month=month, item=item, status=status, done_on=done))
    ledger.create("work_plan_item", dict(org_id=ORG_2, month=month, item="班子会", status="planned"))
    ledger.create("work_plan_item", dict(org_id=ORG_2, month="2025-05", item="五月的", status="done",
                                         done_on="2025-05-05"))  # another month: not counted
    gone = ledger.create("work_plan_item", dict(org_id=ORG_2, month=month, item="删掉的", status="planned"))
    ledger.delete("work_plan_item", gone)
    ledger.create("case_brief", dict(org_id=ORG, kind="case", title="案例一", dated_on="2025-06-03", library="county"))
    ledger.create("case_brief", dict(org_id=ORG, kind="case", title="案例二", dated_on="2025-06-30"))
    ledger.create("case_brief", dict(org_id=ORG_2, kind="brief", title="简报", dated_on="2025-06-15"))
    ledger.create("case_brief", dict(org_id=ORG_2, kind="case", title="旧案例", dated_on="2025-02-01",
                                     library="province"))  # earlier: only in the library's total
    ledger.create("case_brief", dict(org_id=ORG_2, kind="case", title="七月的", dated_on="2025-07-01"))
    terms = [(VILLAGE, "2020-06-01", "2025-05-31"),    # ran out in May: overdue …
             (VILLAGE, "2021-06-01", "2025-06-30"),    # … no: a later term of the same village, ends in June: overdue
             (VILLAGE_B, "2021-09-01", "2025-09-30"),  # ends within three months: due
             (VILLAGE_C, "2022-01-01", "2025-10-01"),  # after September: not yet
             (VILLAGE_2, "2021-12-01", "2025-07-15"),  # due
             (VILLAGE_2, "2025-07-10", "2030-07-09")]  # re-elected in July: not known at June's end
    for village, elected, end in terms:
        ledger.create("branch_term", dict(village_code=village, elected_on=elected, term_end=end, secretary="书记"))

    report = monthly_report(ledger, COUNTY, month)
    work = report.work_ledger
    t = work.total
    assert (t.plan_items, t.plan_done, t.plan_dropped) == (6, 2, 2)
    assert t.plan_done_share == pytest.approx(2 / 4)
    assert (t.cases, t.briefs, t.library, t.library_to_date) == (2, 1, 1, 2)
    assert (t.terms, t.terms_due, t.terms_overdue) == (4, 2, 1)
    units = {code: f for code, _name, f in work.units}
    assert (units[TOWNSHIP].plan_items, units[TOWNSHIP].plan_done, units[TOWNSHIP].terms_overdue) == (5, 2, 1)
    assert (units[TOWNSHIP_2].plan_items, units[TOWNSHIP_2].briefs, units[TOWNSHIP_2].terms_due) == (1, 1, 1)
    assert [(d.village.code, d.term_end, d.overdue) for d in work.terms] == [
        (VILLAGE, "2025-06-30", True), (VILLAGE_2, "2025-07-15", False), (VILLAGE_B, "2025-09-30", False)]
    assert work.horizon == "2025-09-30"

    [section] = [s for s in sections(report) if s.key == "work"]
    by_unit, due = section.tables
    assert ("南高乡", 5, 2, 2 / 3, 2, 0, 1, 3, 1, 1) in by_unit.rows
    assert ("冶河镇", 1, 0, 0.0, 0, 1, 0, 1, 1, 0) in by_unit.rows
    assert "已完成 2 项" in by_unit.note and "计划事项 4 项" in by_unit.note
    assert [row[0] for row in due.rows] == [VILLAGE, VILLAGE_2, VILLAGE_B]
    assert due.rows[0][5] == "逾期未换届" and due.rows[1][5] == "即将届满" and due.rows[0][1] == "南高村民委员会"
    assert "1 个村团组织任期已满未换届" in due.note


def test_a_village_term_is_its_latest_election_its_later_end_on_one_day_and_never_a_deleted_one(ledger):
    month = "2025-06"
    ledger.create("branch_term", dict(village_code=VILLAGE, elected_on="2020-06-25", term_end="2025-06-20"))
    # two records of one day: the later end counts (not due by September's end) …
    ledger.create("branch_term", dict(village_code=VILLAGE_B, elected_on="2021-01-05", term_end="2025-12-31"))
    ledger.create("branch_term", dict(village_code=VILLAGE_B, elected_on="2021-01-05", term_end="2025-08-31",
                                      secretary="早的"))
    # … a later election that was deleted does not; the one before it does (overdue)
    ledger.create("branch_term", dict(village_code=VILLAGE_C, elected_on="2020-05-01", term_end="2025-04-30",
                                      secretary="旧书记"))
    gone = ledger.create("branch_term", dict(village_code=VILLAGE_C, elected_on="2025-05-02", term_end="2030-05-01"))
    ledger.delete("branch_term", gone)

    work = monthly_report(ledger, COUNTY, month).work_ledger
    assert (work.total.terms, work.total.terms_due, work.total.terms_overdue) == (3, 0, 2)
    assert [(d.village.code, d.village.name, d.village.within, d.term_end, d.secretary) for d in work.terms] == [
        (VILLAGE_C, "鲁家庄村民委员会", "河北省石家庄市栾城区南高乡", "2025-04-30", "旧书记"),
        (VILLAGE, "南高村民委员会", "河北省石家庄市栾城区南高乡", "2025-06-20", "")]


def test_above_a_county_the_villages_due_are_counted_not_listed(ledger):
    """Like the overdue checklist tasks: the county organises the elections, so its report names
    the villages; a prefecture's (and the country's, some 130,000 villages) counts them per unit."""
    from desktop.reporting.report_json import report_data

    ledger.create("branch_term", dict(village_code=VILLAGE, elected_on="2020-06-01", term_end="2025-05-31"))
    ledger.create("branch_term", dict(village_code=VILLAGE_B, elected_on="2021-09-01", term_end="2025-09-30"))
    county, above = (monthly_report(ledger, scope, "2025-06") for scope in (COUNTY, "1301"))
    assert county.work_ledger.terms_listed and len(county.work_ledger.terms) == 2
    work = above.work_ledger
    assert not work.terms_listed and work.terms == ()
    assert (work.total.terms, work.total.terms_due, work.total.terms_overdue) == (2, 1, 1)
    assert {code: f.terms_overdue for code, _name, f in work.units if f.terms} == {COUNTY: 1}
    [section] = [s for s in sections(above) if s.key == "work"]
    [by_unit] = section.tables  # no table of villages
    assert by_unit.key == "work_by_unit"
    assert "1 个村团组织任期已满未换届" in by_unit.note and "已完成" in by_unit.note
    data = report_data(above)["work_ledger"]
    assert data["terms_listed"] is False and data["terms"] == []
    assert report_data(county)["work_ledger"]["terms_listed"] is True


def test_the_work_section_is_in_the_excel_report(ledger, tmp_path):
    from desktop.reporting.report_xlsx import write_report_xlsx

    ledger.create("branch_term", dict(village_code=VILLAGE, elected_on="2020-06-01", term_end="2025-05-31"))
    path = write_report_xlsx(monthly_report(ledger, COUNTY, "2025-06"), tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(path)
    assert "工作台账" in wb.sheetnames
    cells = [c.value for row in wb["工作台账"].iter_rows() for c in row]
    assert VILLAGE in cells and "需换届的村团组织" in cells
