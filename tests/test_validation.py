"""Bad values first: every validation rule of the ledger, through the public Ledger API.

Each rejected write must raise ``ValidationError`` naming the right field, with a
specific message in Chinese and in English, and must store nothing: record counts,
the change log and (for updates) the record itself stay as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2

from desktop.errors import NotFound, ValidationError
from desktop.ledger import Ledger
from desktop.records import KINDS

TODAY = dt.date.today()
TOMORROW = TODAY + dt.timedelta(days=1)
NEXT_MONTH = (TODAY.replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")

COUNTY_ORG = f"org-county_committee-{COUNTY}"
TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
TOWNSHIP_2_ORG = f"org-township_committee-{TOWNSHIP_2}"
VILLAGE = "130111200201"      # 南高村, in TOWNSHIP
VILLAGE_2 = "130111103201"    # 冶河村, in TOWNSHIP_2
BLOB = b"attachment content"

CJK = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------------------------- helpers


def valid(ledger: Ledger, kind: str) -> dict:
    """A complete, valid record of *kind* for the county ledger fixture."""
    org = TOWNSHIP_ORG
    rows = {
        "organisation": dict(kind="village_branch", name="南高村团支部", division_code=VILLAGE, parent_id=org),
        "committee_member": dict(org_id=org, name="张三", gender="男", birth_date="1990-05-01", post="书记",
                                 employment="专职", source="机关干部", joined_on="2020-01-01"),
        "funding_entry": dict(org_id=org, year=2024, budgeted="20000", source="地方财政"),
        "checklist_template": dict(level="township", code="Z1", title="自定任务"),
        "checklist_task": dict(org_id=org, system="组织体系", title="健全乡镇团委班子"),
        "meeting": dict(org_id=org, kind="培训", held_on="2024-03-15", title="团干部培训"),
        "wechat_group": dict(org_id=org, name="南高青年群", members=100, league_members=30),
        "venue": dict(org_id=org, name="南高青年之家", kind="青年之家"),
        "publicity_item": dict(org_id=org, published_on="2024-03-15", channel="微信公众号", title="南高乡团委换届"),
        "reported_figure": dict(unit_code=TOWNSHIP, month="2024-01", metric="wechat_groups", value=3),
        "attachment": dict(owner_kind="organisation", owner_id=org, filename="名单.xlsx", size=len(BLOB)),
        "month_submission": dict(unit_code=TOWNSHIP, month="2024-01", figures="{}",
                                 submitted_at="2024-02-01T10:00:00.000", first_submitted_at="2024-02-01T10:00:00.000"),
        "month_review": dict(reviewer_code=COUNTY, unit_code=TOWNSHIP, month="2024-01", decision="审核通过",
                             submitted_at="2024-02-01T10:00:00.000", reviewed_at="2024-02-02T09:00:00.000"),
        "report_due": dict(issued_by=COUNTY, due_day=10),
        "work_plan_item": dict(org_id=org, month="2024-03", item="召开班子会"),
        "case_brief": dict(org_id=org, kind="专题简报", title="第3期简报", dated_on="2024-03-15"),
        "contact_point": dict(unit_code=TOWNSHIP, leader="李四", office="石家庄团市委农村部", linked_on="2024-03-01"),
        "unit_assessment": dict(org_id=org, year=2023, grade="优秀"),
        "branch_term": dict(village_code=VILLAGE, elected_on="2021-12-01", term_end="2026-11-30"),
        "inspection_answer": dict(org_id=org, period="2024-03", item_id="tpl-township-I1", answer="否"),
    }
    values = dict(rows[kind])
    if kind == "attachment":
        values["sha256"] = hashlib.sha256(BLOB).hexdigest()  # stored by the ``ledger`` fixture
    return values


def state(ledger: Ledger) -> tuple:
    """Everything a write could leave behind: the change log, record counts, blobs."""
    counts = {k: ledger.count(k, include_deleted=True) for k in KINDS}
    blobs = ledger.conn.execute("SELECT count(*) FROM blob").fetchone()[0]
    return ledger.last_seq(), counts, blobs


def rejected(ledger: Ledger, write, *, record: tuple[str, str] | None = None) -> ValidationError:
    """Run *write*, expect ValidationError, and check that nothing was stored."""
    before = state(ledger)
    old = ledger.get(*record, include_deleted=True) if record else None
    with pytest.raises(ValidationError) as info:
        write()
    assert state(ledger) == before, "a rejected write stored something"
    if record:
        assert ledger.get(*record, include_deleted=True) == old, "a rejected update changed the record"
    return info.value


def check_error(exc: ValidationError, field: str, zh: tuple = (), en: tuple = (), *, only: bool = True) -> None:
    """The error names *field*, and its Chinese and English texts contain the given pieces."""
    fields = [e.field for e in exc.errors]
    assert field in fields, fields
    if only:
        assert set(fields) == {field}, f"unexpected extra errors: {exc.text('en')}"
    zh_text, en_text = exc.text("zh_CN"), exc.text("en")
    assert zh_text.startswith("记录未保存"), zh_text
    assert en_text.startswith("The record was not saved"), en_text
    for piece in zh:
        assert str(piece) in zh_text, (piece, zh_text)
    for piece in en:
        assert str(piece) in en_text, (piece, en_text)


@pytest.fixture
def ledger(county_ledger) -> Ledger:
    county_ledger.add_blob(BLOB)
    return county_ledger


@pytest.fixture
def township_ledger(tmp_path) -> Ledger:
    """The township's own ledger (scope = the township), with its committee."""
    led = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡团委")
    led.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    yield led
    led.close()


DROP = object()  # "leave this field out"


def create(ledger: Ledger, kind: str, /, **changes) -> str:
    values = valid(ledger, kind)
    for name, value in changes.items():
        if value is DROP:
            values.pop(name, None)
        else:
            values[name] = value
    return ledger.create(kind, values)


# ---------------------------------------------------------------------------------- baseline


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_valid_rows_are_accepted(ledger, kind):
    """The base rows the bad-value tests start from are valid (so each test varies one thing)."""
    seq = ledger.last_seq()
    record_id = create(ledger, kind)
    assert ledger.get(kind, record_id) is not None
    assert ledger.last_seq() == seq + 1


# ---------------------------------------------------------------------------------- required


@pytest.mark.parametrize(("kind", "field", "zh_label", "en_label"), [
    ("organisation", "name", "名称", "Name"),
    ("organisation", "kind", "类型", "Kind"),
    ("committee_member", "joined_on", "任职日期", "Joined on"),
    ("committee_member", "gender", "性别", "Gender"),
    ("funding_entry", "source", "经费来源", "Funding source"),
    ("funding_entry", "year", "年度", "Year"),
    ("checklist_template", "code", "序号", "Item number"),
    ("checklist_task", "title", "标题", "Title"),
    ("meeting", "held_on", "日期", "Held on"),
    ("wechat_group", "name", "名称", "Name"),
    ("venue", "kind", "类型", "Kind"),
    ("publicity_item", "channel", "发布渠道", "Channel"),
    ("reported_figure", "value", "数值", "Value"),
    ("attachment", "filename", "文件名", "File name"),
    ("work_plan_item", "item", "工作事项", "Work item"),
    ("case_brief", "dated_on", "日期", "Date"),
    ("contact_point", "office", "所在机关", "Official's office"),
    ("unit_assessment", "grade", "考核等次", "Grade"),
    ("branch_term", "term_end", "任期届满日期", "Term ends on"),
])
@pytest.mark.parametrize("missing", [DROP, None, "", "   "], ids=["absent", "None", "empty", "blank"])
def test_required_field(ledger, kind, field, zh_label, en_label, missing):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: missing}))
    check_error(exc, field, (zh_label, "必填"), (en_label, "is required"))


def test_required_field_cannot_be_cleared_by_update(ledger, township_org):
    exc = rejected(ledger, lambda: ledger.organisations.update(township_org, name="  "),
                   record=("organisation", township_org))
    check_error(exc, "name", ("名称", "必填"), ("Name", "is required"))


# ---------------------------------------------------------------------------------- text


@pytest.mark.parametrize(("kind", "field", "max_len", "zh_label", "en_label"), [
    ("committee_member", "name", 30, "姓名", "Full name"),
    ("organisation", "name", 100, "名称", "Name"),
    ("organisation", "note", 2000, "备注", "Note"),
    ("checklist_template", "code", 20, "序号", "Item number"),
])
def test_text_too_long(ledger, kind, field, max_len, zh_label, en_label):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: "长" * (max_len + 1)}))
    check_error(exc, field, (zh_label, str(max_len + 1), str(max_len)), (en_label, str(max_len + 1), str(max_len)))


def test_text_at_the_limit_is_accepted(ledger):
    member = create(ledger, "committee_member", name="长" * 30)
    assert ledger.get("committee_member", member)["name"] == "长" * 30


def test_text_must_be_text(ledger):
    exc = rejected(ledger, lambda: create(ledger, "meeting", title=12345))
    check_error(exc, "title", ("标题", "应为文字"), ("Title", "must be text"))


# ---------------------------------------------------------------------------------- enumerations


@pytest.mark.parametrize(("kind", "field", "bad", "zh_label", "en_label"), [
    ("committee_member", "gender", "X", "性别", "Gender"),
    ("committee_member", "post", "主任", "职务", "Post"),
    ("meeting", "kind", "聚餐", "类型", "Kind"),
    ("venue", "kind", "youth_club", "类型", "Kind"),
    ("organisation", "kind", "party_branch", "类型", "Kind"),
    ("reported_figure", "metric", "members_total", "指标", "Figure"),
])
def test_bad_enum_value(ledger, kind, field, bad, zh_label, en_label):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: bad}))
    check_error(exc, field, (zh_label, bad), (en_label, bad))


@pytest.mark.parametrize(("given", "key"), [
    ("男", "male"), ("Male", "male"), ("male", "male"), ("MALE", "male"), (" 男 ", "male"),
    ("女", "female"), ("Female", "female"), ("female", "female"),
])
def test_enum_accepts_chinese_and_english_labels_and_keys(ledger, given, key):
    member = create(ledger, "committee_member", gender=given)
    assert ledger.get("committee_member", member)["gender"] == key


# ---------------------------------------------------------------------------------- dates


@pytest.mark.parametrize("bad", ["2024-13-01", "abc", "2024-02-30", "2023-02-29", "15/03/2024", "2024-3"])
def test_bad_date(ledger, bad):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", joined_on=bad))
    check_error(exc, "joined_on", ("任职日期", bad, "2024-03-15"), ("Joined on", bad, "is not a date"))


@pytest.mark.parametrize(("kind", "field", "zh_label", "en_label"), [
    ("committee_member", "joined_on", "任职日期", "Joined on"),
    ("committee_member", "birth_date", "出生日期", "Birth date"),
    ("meeting", "held_on", "日期", "Held on"),
    ("organisation", "founded_on", "成立日期", "Founded on"),
    ("publicity_item", "published_on", "发布日期", "Published on"),
    ("wechat_group", "created_on", "建群日期", "Created on"),
    ("funding_entry", "received_on", "到位日期", "Received on"),
])
@pytest.mark.parametrize("spelling", ["date", "iso", "dotted"])
def test_future_date_where_not_allowed(ledger, kind, field, zh_label, en_label, spelling):
    given = {"date": TOMORROW, "iso": TOMORROW.isoformat(), "dotted": f"{TOMORROW.year}.{TOMORROW.month}.{TOMORROW.day}"}
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: given[spelling]}))
    check_error(exc, field, (zh_label, TOMORROW.isoformat(), "将来"), (en_label, TOMORROW.isoformat(), "future"))


def test_today_is_not_the_future(ledger):
    meeting = create(ledger, "meeting", held_on=TODAY)
    assert ledger.get("meeting", meeting)["held_on"] == TODAY.isoformat()


def test_future_deadline_is_allowed(ledger):
    task = create(ledger, "checklist_task", deadline=TODAY + dt.timedelta(days=90))
    assert ledger.get("checklist_task", task)["deadline"] == (TODAY + dt.timedelta(days=90)).isoformat()


@pytest.mark.parametrize(("kind", "field", "bad", "zh_label", "en_label"), [
    ("committee_member", "birth_date", "1899-12-31", "出生日期", "Birth date"),
    ("organisation", "founded_on", "1800-01-01", "成立日期", "Founded on"),
    ("checklist_task", "deadline", "1899.1.1", "完成时限", "Deadline"),
])
def test_date_before_1900(ledger, kind, field, bad, zh_label, en_label):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: bad}))
    stored = dt.date(*map(int, re.split(r"[-.]", bad))).isoformat()
    check_error(exc, field, (zh_label, stored, "1900"), (en_label, stored, "before 1900"))


@pytest.mark.parametrize("given", [
    "1995-03-02", "1995-3-2", "1995.3.2", "1995/3/2", "1995年3月2日", "1995年3月2", "19950302",
    "１９９５－０３－０２", " 1995.03.02 ", dt.date(1995, 3, 2), dt.datetime(1995, 3, 2, 14, 30),
])
def test_accepted_date_spellings(ledger, given):
    member = create(ledger, "committee_member", birth_date=given)
    assert ledger.get("committee_member", member)["birth_date"] == "1995-03-02"


# ---------------------------------------------------------------------------------- months, years


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "abc", "2024-1", "2024/01", "202401"])
def test_bad_month(ledger, bad):
    exc = rejected(ledger, lambda: create(ledger, "reported_figure", month=bad))
    check_error(exc, "month", ("月份", bad, "2024-03"), ("Month", bad, "is not a month"))


def test_future_month(ledger):
    exc = rejected(ledger, lambda: create(ledger, "reported_figure", month=NEXT_MONTH))
    check_error(exc, "month", ("月份", NEXT_MONTH, "将来"), ("Month", NEXT_MONTH, "future"))


@pytest.mark.parametrize(("given", "stored"), [
    ("2024-01", "2024-01"), (dt.date(2024, 1, 15), "2024-01"), (TODAY.strftime("%Y-%m"), TODAY.strftime("%Y-%m")),
])
def test_accepted_months(ledger, given, stored):
    figure = create(ledger, "reported_figure", month=given)
    assert ledger.get("reported_figure", figure)["month"] == stored
    assert figure == f"fig-{TOWNSHIP}-{stored}-wechat_groups"


@pytest.mark.parametrize(("bad", "zh", "en"), [
    (1948, ("1948", "1949"), ("1948", "1949")),
    (TODAY.year + 2, (str(TODAY.year + 2), str(TODAY.year + 1)), (str(TODAY.year + 2), str(TODAY.year + 1))),
    ("abc", ("abc", "整数"), ("abc", "whole number")),
    ("2024.5", ("2024.5",), ("2024.5",)),
])
def test_bad_year(ledger, bad, zh, en):
    exc = rejected(ledger, lambda: create(ledger, "funding_entry", year=bad))
    check_error(exc, "year", ("年度", *zh), ("Year", *en))


@pytest.mark.parametrize(("given", "stored"), [(1949, 1949), ("2024", 2024), (2024.0, 2024), (TODAY.year + 1, TODAY.year + 1)])
def test_accepted_years(ledger, given, stored):
    entry = create(ledger, "funding_entry", year=given)
    assert ledger.get("funding_entry", entry)["year"] == stored


# ---------------------------------------------------------------------------------- integers


@pytest.mark.parametrize(("kind", "field", "zh_label", "en_label"), [
    ("wechat_group", "members", "群成员数", "Group members"),
    ("meeting", "attendance", "参加人数", "Attendance"),
    ("reported_figure", "value", "数值", "Value"),
    ("organisation", "league_members", "团员数", "League members"),
])
@pytest.mark.parametrize("bad", [-1, "-3"])
def test_negative_int(ledger, kind, field, zh_label, en_label, bad):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: bad}))
    check_error(exc, field, (zh_label, "负数"), (en_label, "negative"))


@pytest.mark.parametrize("bad", ["3.5", 3.5, "abc", "十", True])
def test_non_integer_int(ledger, bad):
    exc = rejected(ledger, lambda: create(ledger, "meeting", attendance=bad))
    check_error(exc, "attendance", ("参加人数", str(bad), "整数"), ("Attendance", str(bad), "whole number"))


def test_int_too_large(ledger):
    exc = rejected(ledger, lambda: create(ledger, "meeting", attendance=10**13))
    check_error(exc, "attendance", ("参加人数", str(10**13)), ("Attendance", str(10**13), "too large"))


@pytest.mark.parametrize(("given", "stored"), [(0, 0), ("42", 42), ("1,200", 1200), ("４２", 42), (42.0, 42)])
def test_accepted_ints(ledger, given, stored):
    meeting = create(ledger, "meeting", attendance=given)
    assert ledger.get("meeting", meeting)["attendance"] == stored


# ---------------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(("bad", "zh", "en"), [
    ("-100", ("负数",), ("negative",)),
    (-100, ("负数",), ("negative",)),
    ("abc", ("abc", "金额"), ("abc", "not an amount")),
    ("1.234", ("1.234", "金额"), ("1.234", "not an amount")),
    ("12元5角", ("12元5角",), ("12元5角",)),
])
def test_bad_amount(ledger, bad, zh, en):
    exc = rejected(ledger, lambda: create(ledger, "funding_entry", budgeted=bad, received="100"))
    check_error(exc, "budgeted", ("预算金额", *zh), ("Budgeted (yuan)", *en))


def test_bad_amount_is_not_also_reported_as_missing(ledger):
    """The user did enter an amount, a wrong one: only that field is reported, not also
    "enter the budgeted or the received amount" on another field."""
    exc = rejected(ledger, lambda: create(ledger, "funding_entry", budgeted="abc"))
    check_error(exc, "budgeted", ("abc",), ("abc",))


@pytest.mark.parametrize(("given", "fen"), [
    ("20000", 2_000_000), ("1,234.50", 123_450), ("１２３４．５元", 123_450), ("¥99.99", 9_999),
    ("0", 0), ("0.01", 1), (1234.5, 123_450),
])
def test_accepted_amounts_are_stored_in_fen(ledger, given, fen):
    entry = create(ledger, "funding_entry", budgeted=given)
    assert ledger.get("funding_entry", entry)["budgeted"] == fen


def test_funding_needs_an_amount(ledger):
    exc = rejected(ledger, lambda: create(ledger, "funding_entry", budgeted=DROP))
    check_error(exc, exc.errors[0].field, ("请填写预算金额或到位金额",), ("enter the budgeted or the received amount",))
    assert exc.errors[0].field in ("budgeted", "received")


def test_funding_with_only_a_received_amount_is_accepted(ledger):
    entry = create(ledger, "funding_entry", budgeted=DROP, received="5000")
    assert ledger.get("funding_entry", entry)["received"] == 500_000


# ---------------------------------------------------------------------------------- phones


@pytest.mark.parametrize("bad", ["12345", "1380013800", "23800138000", "138001380001", "电话", "0311-123"])
def test_bad_phone(ledger, bad):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", phone=bad))
    check_error(exc, "phone", ("联系电话", bad, "电话号码"), ("Phone", bad, "not a phone number"))


@pytest.mark.parametrize(("given", "stored"), [
    ("13800138000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("０３１１－８５１２３４５６", "0311-85123456"),
    ("0311-85123456", "0311-85123456"),
    ("031185123456", "031185123456"),
    (13800138000.0, "13800138000"),
    (13800138000, "13800138000"),
])
def test_accepted_phones(ledger, given, stored):
    member = create(ledger, "committee_member", phone=given)
    assert ledger.get("committee_member", member)["phone"] == stored


# ---------------------------------------------------------------------------------- divisions and organisations


@pytest.mark.parametrize(("kind", "field", "bad", "zh_label", "en_label"), [
    ("organisation", "division_code", "130111999201", "所在区划", "Division"),
    ("organisation", "division_code", "abc", "所在区划", "Division"),
    ("reported_figure", "unit_code", "130111999", "填报单位", "Unit"),
])
def test_unknown_division_code(ledger, kind, field, bad, zh_label, en_label):
    exc = rejected(ledger, lambda: create(ledger, kind, **{field: bad}))
    check_error(exc, field, (zh_label, bad, "区划代码"), (en_label, bad, "not a known division code"))


@pytest.mark.parametrize(("org_kind", "code", "parent"), [
    ("township_committee", COUNTY, COUNTY_ORG),          # a township committee needs a township
    ("county_coop_committee", TOWNSHIP, COUNTY_ORG),     # a county body needs a county
    ("village_branch", COUNTY, TOWNSHIP_ORG),            # a branch sits in a township or village
])
def test_organisation_division_of_the_wrong_level(ledger, org_kind, code, parent):
    exc = rejected(ledger, lambda: ledger.organisations.create(kind=org_kind, name="某组织", division_code=code,
                                                               parent_id=parent))
    check_error(exc, "division_code", ("所在区划", code), ("Division", code, "level"), only=False)


@pytest.mark.parametrize(("org_kind", "code", "parent"), [
    ("village_branch", VILLAGE, COUNTY_ORG),             # a branch hangs under the township committee
    ("direct_org", TOWNSHIP, COUNTY_ORG),
    ("township_committee", "130111104", TOWNSHIP_ORG),   # a township committee under another one
])
def test_parent_of_the_wrong_kind(ledger, org_kind, code, parent):
    exc = rejected(ledger, lambda: ledger.organisations.create(kind=org_kind, name="某组织", division_code=code,
                                                               parent_id=parent))
    check_error(exc, "parent_id", ("上级组织",), ("Parent organisation", "must be"))


def test_county_committee_has_no_parent(tmp_path):
    with Ledger.new(tmp_path / "prefecture.sqlite", scope="1301", operator="市团委") as led:
        led.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        exc = rejected(led, lambda: led.organisations.create(kind="county_committee", name="长安区团委",
                                                             division_code="130102", parent_id=COUNTY_ORG))
        check_error(exc, "parent_id", ("上级组织",), ("Parent organisation", "no parent"))


def test_parent_whose_division_does_not_contain_the_child(ledger):
    ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                parent_id=COUNTY_ORG)
    exc = rejected(ledger, lambda: ledger.organisations.create(kind="village_branch", name="南高村团支部",
                                                               division_code=VILLAGE, parent_id=TOWNSHIP_2_ORG))
    check_error(exc, "parent_id", ("上级组织", TOWNSHIP_2, VILLAGE), ("Parent organisation", TOWNSHIP_2, VILLAGE))


def test_organisation_as_its_own_parent_on_create(ledger):
    exc = rejected(ledger, lambda: ledger.organisations.create(kind="township_committee", name="冶河镇团委",
                                                               division_code=TOWNSHIP_2, parent_id=TOWNSHIP_2_ORG))
    check_error(exc, "parent_id", ("上级组织", "自己"), ("Parent organisation", "own parent"))


def test_organisation_as_its_own_parent_on_update(ledger):
    branch = create(ledger, "organisation")
    exc = rejected(ledger, lambda: ledger.organisations.update(branch, parent_id=branch), record=("organisation", branch))
    check_error(exc, "parent_id", ("上级组织", "自己"), ("Parent organisation", "own parent"))


def test_second_township_committee_for_the_same_township(ledger):
    exc = rejected(ledger, lambda: ledger.organisations.create(kind="township_committee", name="南高乡团委（重复）",
                                                               division_code=TOWNSHIP, parent_id=COUNTY_ORG))
    check_error(exc, "division_code", ("所在区划", TOWNSHIP, "已有"), ("Division", TOWNSHIP, "already"))
    assert ledger.get("organisation", TOWNSHIP_ORG)["name"] == "南高乡团委"


def test_second_reported_figure_for_the_same_unit_month_metric(ledger):
    create(ledger, "reported_figure")
    exc = rejected(ledger, lambda: create(ledger, "reported_figure", value=99))
    check_error(exc, "unit_code", ("填报单位", TOWNSHIP, "已有"), ("Unit", TOWNSHIP, "already"))
    assert ledger.get("reported_figure", f"fig-{TOWNSHIP}-2024-01-wechat_groups")["value"] == 3


# ---------------------------------------------------------------------------------- committee members


def test_member_exit_before_join(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", joined_on="2021-06-01", exited_on="2021-05-31"))
    check_error(exc, "exited_on", ("退出日期", "2021-05-31", "2021-06-01"), ("Exited on", "2021-05-31", "2021-06-01"))


def test_member_exit_reason_without_exit_date(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", exit_reason="工作调动"))
    check_error(exc, "exit_reason", ("退出原因", "退出日期"), ("Exit reason", "exit date"))


@pytest.mark.parametrize(("birth", "joined"), [("2010-01-01", "2020-01-01"), ("2006-06-02", "2020-06-01")])
def test_member_too_young_at_joining(ledger, birth, joined):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", birth_date=birth, joined_on=joined))
    check_error(exc, "birth_date", ("出生日期", birth, joined, "14"), ("Birth date", birth, joined, "14"))


def test_member_exactly_14_at_joining_is_accepted(ledger):
    member = create(ledger, "committee_member", birth_date="2006-06-01", joined_on="2020-06-01")
    assert ledger.get("committee_member", member) is not None


def test_same_person_twice_in_one_committee(ledger):
    create(ledger, "committee_member")
    exc = rejected(ledger, lambda: create(ledger, "committee_member", post="委员", joined_on="2022-01-01"))
    check_error(exc, "name", ("姓名", "张三", "1990-05-01"), ("Full name", "张三", "1990-05-01"))


def test_same_person_twice_within_one_create_many_batch(ledger):
    first = valid(ledger, "committee_member")
    other = dict(first, name="李四", birth_date="1992-02-02")
    again = dict(first, post="委员")
    exc = rejected(ledger, lambda: ledger.committee_members.create_many([first, other, again]))
    check_error(exc, "name", ("张三", "1990-05-01"), ("张三", "1990-05-01"))
    assert ledger.committee_members.query(where={"name": "李四"}) == []


def test_create_many_with_one_bad_row_stores_none(ledger):
    rows = [dict(valid(ledger, "committee_member"), name=f"委员{i}") for i in range(5)]
    rows[3]["phone"] = "12345"
    exc = rejected(ledger, lambda: ledger.committee_members.create_many(rows))
    check_error(exc, "phone", ("12345",), ("12345",))


def test_namesakes_with_different_birth_dates_are_two_people(ledger):
    create(ledger, "committee_member")
    create(ledger, "committee_member", birth_date="1991-05-01")
    assert ledger.committee_members.count(where={"name": "张三"}) == 2


def test_member_appraisal_without_year(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", appraisal="优秀"))
    check_error(exc, "appraisal_year", ("述职考核年度",), ("Appraisal year", "year"))


def test_member_of_an_organisation_that_is_not_a_committee(ledger):
    direct = ledger.organisations.create(kind="direct_org", name="南高乡中学团委", division_code=TOWNSHIP,
                                         parent_id=TOWNSHIP_ORG)
    exc = rejected(ledger, lambda: create(ledger, "committee_member", org_id=direct))
    check_error(exc, "org_id", ("所属组织",), ("Organisation", "must be"))


# ---------------------------------------------------------------------------------- other kinds' rules


def test_wechat_group_more_league_members_than_members(ledger):
    exc = rejected(ledger, lambda: create(ledger, "wechat_group", members=5, league_members=6))
    check_error(exc, "league_members", ("其中团员数", "6", "5", "群成员数"),
                ("League members in group", "6", "5", "Group members"))


def test_wechat_group_rule_also_checks_updates(ledger):
    group = create(ledger, "wechat_group")
    exc = rejected(ledger, lambda: ledger.wechat_groups.update(group, members=10), record=("wechat_group", group))
    check_error(exc, "league_members", ("30", "10"), ("30", "10"))


def test_task_status_not_started_to_verified_is_refused(ledger):
    task = create(ledger, "checklist_task")
    exc = rejected(ledger, lambda: ledger.checklist_tasks.update(task, status="verified"),
                   record=("checklist_task", task))
    check_error(exc, "status", ("状态", "未开始", "已验收"), ("Status", "cannot go from"))


def test_task_done_to_verified_is_refused_on_the_townships_own_ledger(township_ledger):
    led = township_ledger
    task = led.checklist_tasks.create(org_id=TOWNSHIP_ORG, system="组织体系", title="健全乡镇团委班子")
    led.checklist_tasks.update(task, status="done", done_on="2024-03-01")
    exc = rejected(led, lambda: led.checklist_tasks.update(task, status="verified", verified_on="2024-03-05"),
                   record=("checklist_task", task))
    check_error(exc, "status", ("状态", TOWNSHIP), ("Status", TOWNSHIP, "level above"))


def test_task_done_to_verified_is_accepted_on_the_county_ledger(ledger):
    task = create(ledger, "checklist_task")
    assert ledger.checklist_tasks.update(task, status="done", done_on="2024-03-01")
    assert ledger.checklist_tasks.update(task, status="verified", verified_on="2024-03-05", verified_by="县团委")
    assert ledger.get("checklist_task", task)["status"] == "verified"


def test_task_cannot_be_created_as_verified_on_the_townships_own_ledger(township_ledger):
    led = township_ledger
    exc = rejected(led, lambda: led.checklist_tasks.create(org_id=TOWNSHIP_ORG, system="组织体系", title="自验收",
                                                           status="verified"))
    check_error(exc, "status", ("状态", TOWNSHIP), ("Status", TOWNSHIP))


def test_task_verified_before_done(ledger):
    task = create(ledger, "checklist_task", status="done", done_on="2024-03-10")
    exc = rejected(ledger, lambda: ledger.checklist_tasks.update(task, status="verified", verified_on="2024-03-01"),
                   record=("checklist_task", task))
    check_error(exc, "verified_on", ("验收日期", "2024-03-01", "2024-03-10"), ("Verified on", "2024-03-01", "2024-03-10"))


def test_task_with_a_missing_template(ledger):
    exc = rejected(ledger, lambda: create(ledger, "checklist_task", template_id="tpl-township-NOPE"))
    check_error(exc, "template_id", ("对应参考任务", "tpl-township-NOPE"), ("Reference task", "tpl-township-NOPE"))


def test_attachment_of_an_unknown_record_kind(ledger):
    exc = rejected(ledger, lambda: ledger.attach("nonsense", TOWNSHIP_ORG, "a.txt", b"x"))
    check_error(exc, "owner_kind", ("记录类型", "nonsense"), ("Record kind", "nonsense"))


def test_attachment_of_a_missing_record(ledger):
    exc = rejected(ledger, lambda: ledger.attach("meeting", "no-such-meeting", "a.txt", b"x"))
    check_error(exc, "owner_id", ("记录", "no-such-meeting"), ("Record", "no-such-meeting"))


def test_attachment_whose_content_is_not_in_the_ledger(ledger):
    exc = rejected(ledger, lambda: create(ledger, "attachment", sha256="0" * 64))
    check_error(exc, "sha256", ("内容校验值",), ("Content hash",))


# ---------------------------------------------------------------------------------- scope and references


def test_record_outside_the_ledgers_scope(township_ledger):
    led = township_ledger
    exc = rejected(led, lambda: led.organisations.create(kind="township_committee", name="冶河镇团委",
                                                         division_code=TOWNSHIP_2))
    check_error(exc, "division_code", ("所在区划", TOWNSHIP_2, TOWNSHIP), ("Division", TOWNSHIP_2, TOWNSHIP, "outside"))


def test_reported_figure_outside_the_ledgers_scope(township_ledger):
    led = township_ledger
    exc = rejected(led, lambda: led.reported_figures.create(unit_code=TOWNSHIP_2, month="2024-01",
                                                            metric="wechat_groups", value=1))
    check_error(exc, "unit_code", ("填报单位", TOWNSHIP_2, TOWNSHIP), ("Unit", TOWNSHIP_2, TOWNSHIP))


def test_reference_to_a_missing_record(ledger):
    exc = rejected(ledger, lambda: create(ledger, "meeting", org_id="org-does-not-exist"))
    check_error(exc, "org_id", ("所属组织", "org-does-not-exist"), ("Organisation", "org-does-not-exist", "does not exist"))


@pytest.mark.parametrize("kind", ["meeting", "venue", "committee_member", "funding_entry", "wechat_group"])
def test_reference_to_a_deleted_record(ledger, kind):
    ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                parent_id=COUNTY_ORG)
    ledger.organisations.delete(TOWNSHIP_2_ORG)
    exc = rejected(ledger, lambda: create(ledger, kind, org_id=TOWNSHIP_2_ORG))
    check_error(exc, "org_id", ("所属组织", TOWNSHIP_2_ORG), ("Organisation", TOWNSHIP_2_ORG, "deleted"))


def test_parent_that_is_missing(ledger):
    exc = rejected(ledger, lambda: create(ledger, "organisation", parent_id="org-gone"))
    check_error(exc, "parent_id", ("上级组织", "org-gone"), ("Parent organisation", "org-gone"))


# ---------------------------------------------------------------------------------- fields


def test_unknown_field_name_on_create(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", nickname="小张"))
    check_error(exc, "nickname", ("nickname", "不是该记录的字段"), ("nickname", "is not a field"))


def test_unknown_field_name_on_update(ledger, township_org):
    exc = rejected(ledger, lambda: ledger.organisations.update(township_org, colour="red"),
                   record=("organisation", township_org))
    check_error(exc, "colour", ("colour",), ("colour", "is not a field"))


@pytest.mark.parametrize(("kind", "field", "new_value", "zh_label", "en_label"), [
    ("organisation", "kind", "direct_org", "类型", "Kind"),
    ("organisation", "division_code", "130111200202", "所在区划", "Division"),
    ("committee_member", "org_id", COUNTY_ORG, "所属组织", "Organisation"),
    ("reported_figure", "month", "2024-02", "月份", "Month"),
    ("meeting", "org_id", COUNTY_ORG, "所属组织", "Organisation"),
])
def test_changing_an_immutable_field(ledger, kind, field, new_value, zh_label, en_label):
    record_id = create(ledger, kind)
    exc = rejected(ledger, lambda: ledger.update(kind, record_id, {field: new_value}), record=(kind, record_id))
    check_error(exc, field, (zh_label, "不能修改"), (en_label, "cannot be changed"))


def test_setting_an_immutable_field_to_its_own_value_is_no_change(ledger):
    member = create(ledger, "committee_member")
    seq = ledger.last_seq()
    assert ledger.committee_members.update(member, org_id=TOWNSHIP_ORG) is False
    assert ledger.last_seq() == seq


def test_update_of_a_deleted_record(ledger):
    member = create(ledger, "committee_member")
    ledger.committee_members.delete(member)
    before = state(ledger)
    old = ledger.get("committee_member", member, include_deleted=True)
    with pytest.raises(NotFound) as info:
        ledger.committee_members.update(member, phone="13800138000")
    assert member in info.value.text("zh_CN") and "团委委员" in info.value.text("zh_CN")
    assert member in info.value.text("en") and "Committee member" in info.value.text("en")
    assert state(ledger) == before
    assert ledger.get("committee_member", member, include_deleted=True) == old


def test_update_of_a_missing_record(ledger):
    before = state(ledger)
    with pytest.raises(NotFound):
        ledger.meetings.update("no-such-id", title="x")
    assert state(ledger) == before


# ---------------------------------------------------------------------------------- rejected writes store nothing


def test_rejected_update_leaves_the_record_and_the_log_unchanged(ledger):
    member = create(ledger, "committee_member", phone="13800138000")
    history = ledger.history(member)
    # one good change and one bad one: neither is stored
    exc = rejected(ledger, lambda: ledger.committee_members.update(member, post="副书记", phone="12345"),
                   record=("committee_member", member))
    check_error(exc, "phone", ("12345",), ("12345",))
    assert ledger.history(member) == history
    # and the ledger still takes good writes, with the next sequence number
    seq = ledger.last_seq()
    assert ledger.committee_members.update(member, post="副书记")
    assert ledger.last_seq() == seq + 1
    assert ledger.get("committee_member", member)["post"] == "deputy_secretary"


def test_several_errors_at_once_are_all_reported(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", name="长" * 31, gender="X", phone="12345",
                                          joined_on=TOMORROW, nickname="小张"))
    assert {"name", "gender", "phone", "joined_on", "nickname"} <= exc.fields()
    zh, en = exc.text("zh_CN"), exc.text("en")
    for piece in ("姓名", "性别", "联系电话", "任职日期", "nickname", "12345", TOMORROW.isoformat()):
        assert piece in zh
    for piece in ("Full name", "Gender", "Phone", "Joined on", "nickname", "12345", TOMORROW.isoformat()):
        assert piece in en
    assert zh.count("；") >= 4 and en.count("; ") >= 4


def test_several_rule_errors_at_once_are_all_reported(ledger):
    exc = rejected(ledger, lambda: create(ledger, "committee_member", birth_date="2012-01-01", joined_on="2020-01-01",
                                          exited_on="2019-01-01", appraisal="称职"))
    assert {"birth_date", "exited_on", "appraisal_year"} <= exc.fields()


def test_rejected_create_many_in_a_batch_leaves_no_gap_in_the_change_sequence(ledger):
    """A change sequence number is used up only by a stored change: a gap would stop
    the version vector (and so sync) at the gap for good."""
    good = valid(ledger, "committee_member")
    bad = dict(good, name="李四", gender="X")
    with ledger.batch():
        with pytest.raises(ValidationError):
            ledger.committee_members.create_many([good, bad])
        ledger.meetings.create(**valid(ledger, "meeting"))
    seqs = [r[0] for r in ledger.conn.execute(
        "SELECT origin_seq FROM change_log WHERE origin=? ORDER BY origin_seq", (ledger.device_id,))]
    assert seqs == list(range(1, len(seqs) + 1))
    assert ledger.version_vector()[ledger.device_id] == len(seqs)


# ---------------------------------------------------------------------------------- messages in English


@pytest.mark.parametrize("case", ["bad_enum", "transition", "duplicate_org", "member_of_direct_org", "wrong_level"])
def test_english_messages_name_enumerations_in_english(ledger, case):
    """``exc.text("en")`` must not fall back to Chinese enumeration labels (the user's
    own input aside): an English-speaking user cannot read "乡镇团委"."""
    if case == "bad_enum":
        exc = rejected(ledger, lambda: create(ledger, "committee_member", gender="X"))
        expected = ("Male", "Female")
    elif case == "transition":
        task = create(ledger, "checklist_task")
        exc = rejected(ledger, lambda: ledger.checklist_tasks.update(task, status="verified"))
        expected = ("Not started", "Verified")
    elif case == "duplicate_org":
        exc = rejected(ledger, lambda: ledger.organisations.create(kind="township_committee", name="重复",
                                                                   division_code=TOWNSHIP, parent_id=COUNTY_ORG))
        expected = ("Township league committee",)
    elif case == "member_of_direct_org":
        direct = ledger.organisations.create(kind="direct_org", name="南高乡中学团委", division_code=TOWNSHIP,
                                             parent_id=TOWNSHIP_ORG)
        exc = rejected(ledger, lambda: create(ledger, "committee_member", org_id=direct))
        expected = ("Directly affiliated organisation",)
    else:
        exc = rejected(ledger, lambda: ledger.organisations.create(kind="township_committee", name="某组织",
                                                                   division_code=COUNTY, parent_id=COUNTY_ORG))
        expected = ("Township league committee",)
    en = exc.text("en")
    for piece in expected:
        assert piece in en, en
    assert not CJK.search(en), en


def test_free_text_keeps_chinese_punctuation_while_numbers_are_folded(county_ledger, township_org):
    """Full-width digits in numbers and phones become half-width; free text keeps its own
    punctuation (，（）：) exactly as the user wrote it, trimmed of full-width spaces."""
    meeting = county_ledger.meetings.create(org_id=township_org, kind="review", held_on="2025-03-01",
                                            title="\u3000学习方案，明确分工（试行）：\u3000", attendance="１２")
    stored = county_ledger.get("meeting", meeting)
    assert stored["title"] == "学习方案，明确分工（试行）："
    assert stored["attendance"] == 12
