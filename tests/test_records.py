"""Happy paths of the Ledger API for every record kind: create, get, update, query,
count, delete and restore, the change log behind each write, history, undo batches,
attachments and the built-in checklist templates."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from conftest import COUNTY, PROJECT, TOWNSHIP, TOWNSHIP_2

from desktop.ledger import reference
from desktop.ledger.changes import Change
from desktop.errors import LedgerError, ValidationError
from desktop.ledger.hlc import make_stamp
from desktop.ledger import Ledger
from desktop.records import KINDS

COUNTY_ORG = f"org-county_committee-{COUNTY}"
TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
TOWNSHIP_2_ORG = f"org-township_committee-{TOWNSHIP_2}"
COOP_ORG = f"org-county_coop_committee-{COUNTY}"
VILLAGE = "130111200201"      # 南高村, in TOWNSHIP
VILLAGE_B = "130111200202"    # 北高村, in TOWNSHIP
OTHER_DEVICE = "f" * 16


@pytest.fixture
def ledger(county_ledger) -> Ledger:
    return county_ledger


def member(org: str = TOWNSHIP_ORG, **values) -> dict:
    row = dict(org_id=org, name="张三", gender="男", birth_date="1990-05-01", post="书记", employment="专职",
               source="机关干部", joined_on="2020-01-01")
    row.update(values)
    return row


#: kind → (valid values, a field to update, its new value as typed, the stored new value)
CASES = {
    "organisation": (dict(kind="village_branch", name="南高村团支部", division_code=VILLAGE, parent_id=TOWNSHIP_ORG),
                     "league_members", "25", 25),
    "committee_member": (member(), "phone", "+86 138 0013 8000", "13800138000"),
    "funding_entry": (dict(org_id=TOWNSHIP_ORG, year=2024, budgeted="20000", source="地方财政", purpose="阵地建设"),
                      "received", "1,234.50", 123_450),
    "checklist_template": (dict(level="township", code="Z1", title="自定任务"), "title", "自定任务（修订）", "自定任务（修订）"),
    "checklist_task": (dict(org_id=TOWNSHIP_ORG, template_id="tpl-township-T1.1", system="组织体系", title="健全班子"),
                       "status", "整改中", "in_progress"),
    "meeting": (dict(org_id=TOWNSHIP_ORG, kind="培训", held_on="2024.3.15", title="团干部培训", attendance=30),
                "attendance", "32", 32),
    "wechat_group": (dict(org_id=TOWNSHIP_ORG, name="南高青年群", members=100, league_members=30, youth_reached=120),
                     "members", 150, 150),
    "venue": (dict(org_id=TOWNSHIP_ORG, name="南高青年之家", kind="Youth home", address="南高乡政府院内"),
              "kind", "youth_centre", "youth_centre"),
    "publicity_item": (dict(org_id=TOWNSHIP_ORG, published_on=dt.date(2024, 3, 15), channel="微信公众号",
                            title="南高乡团委换届", url="https://example.org/a"),
                       "channel", "Weibo", "weibo"),
    "reported_figure": (dict(unit_code=TOWNSHIP, month="2024-01", metric="团青微信群数", value=3), "value", "4", 4),
    "month_submission": (dict(unit_code=TOWNSHIP, month="2024-01", figures="{}", submitted_at="2024-02-01T10:00:00.000",
                              first_submitted_at="2024-02-01T10:00:00.000"), "submitted_by", "张三", "张三"),
    "month_review": (dict(reviewer_code=COUNTY, unit_code=TOWNSHIP, month="2024-01", decision="退回", reason="缺照片",
                          submitted_at="2024-02-01T10:00:00.000", reviewed_at="2024-02-02T09:00:00.000"),
                     "decision", "审核通过", "approved"),
    "report_due": (dict(issued_by=COUNTY, due_day=10), "due_day", "8", 8),
    "work_plan_item": (dict(org_id=TOWNSHIP_ORG, month="2024-03", item="召开班子会", responsible="张三"),
                       "status", "推进中", "in_progress"),
    "case_brief": (dict(org_id=TOWNSHIP_ORG, kind="工作案例", title="南高乡建青年之家", dated_on="2024年3月15日"),
                   "library", "县级优秀案例", "county"),
    "contact_point": (dict(unit_code=TOWNSHIP, leader="李四", office="石家庄团市委农村部", linked_on="2024-03-01"),
                      "phone", "139 1234 5678", "13912345678"),
    "unit_assessment": (dict(org_id=TOWNSHIP_ORG, year=2023, grade="合格", award="五四红旗团委"),
                        "grade", "优秀", "excellent"),
    "branch_term": (dict(village_code=VILLAGE, elected_on="2021-12-01", term_end="2026-11-30", secretary="王五"),
                    "members", "5", 5),
    "inspection_answer": (dict(org_id=TOWNSHIP_ORG, period="2024-03", item_id="tpl-township-I1", answer="否",
                               finding="委员不全"), "answer", "部分", "partial"),
}


# ---------------------------------------------------------------------------------- every kind


@pytest.mark.parametrize("kind", list(CASES))
def test_lifecycle_of_every_kind(ledger, kind):
    values, field, typed, stored = CASES[kind]
    seq = ledger.last_seq()
    count = ledger.count(kind)

    record_id = ledger.create(kind, values)
    assert ledger.last_seq() == seq + 1, "a create adds exactly one change record"
    row = ledger.get(kind, record_id)
    assert row["id"] == record_id and row["deleted"] == 0
    assert ledger.count(kind) == count + 1
    assert record_id in {r["id"] for r in ledger.query(kind)}

    assert ledger.update(kind, record_id, {field: typed}) is True
    assert ledger.last_seq() == seq + 2, "an update adds exactly one change record"
    assert ledger.get(kind, record_id)[field] == stored
    assert ledger.update(kind, record_id, {field: typed}) is False, "no change, no change record"
    assert ledger.last_seq() == seq + 2

    assert ledger.delete(kind, record_id) is True
    assert ledger.last_seq() == seq + 3
    assert ledger.get(kind, record_id) is None
    assert ledger.get(kind, record_id, include_deleted=True)["deleted"] == 1
    assert record_id not in {r["id"] for r in ledger.query(kind)}
    assert record_id in {r["id"] for r in ledger.query(kind, include_deleted=True)}
    assert ledger.count(kind) == count
    assert ledger.delete(kind, record_id) is False
    assert ledger.last_seq() == seq + 3

    assert ledger.restore(kind, record_id) is True
    assert ledger.last_seq() == seq + 4
    assert ledger.get(kind, record_id)[field] == stored
    assert ledger.count(kind) == count + 1
    assert record_id in {r["id"] for r in ledger.query(kind)}


@pytest.mark.parametrize("kind", list(CASES))
def test_record_set_shortcuts(ledger, kind):
    values, field, typed, stored = CASES[kind]
    attr = {"committee_member": "committee_members", "funding_entry": "funding_entries",
            "checklist_template": "checklist_templates", "checklist_task": "checklist_tasks",
            "wechat_group": "wechat_groups", "publicity_item": "publicity_items",
            "reported_figure": "reported_figures", "report_due": "report_due_days"}.get(kind, kind + "s")
    records = getattr(ledger, attr)
    record_id = records.create(**values)
    assert records.get(record_id)["id"] == record_id
    assert records.update(record_id, **{field: typed})
    assert records.get(record_id)[field] == stored
    assert records.count(where={"id": record_id}) == 1
    assert [r["id"] for r in records.query(where={"id": record_id})] == [record_id]
    assert records.delete(record_id) and records.get(record_id) is None
    assert records.restore(record_id) and records.get(record_id) is not None


# ---------------------------------------------------------------------------------- organisations


def test_organisations_of_each_kind_with_their_parents(ledger):
    coop = ledger.organisations.create(kind="county_coop_committee", name="栾城区农村合作组织团工委",
                                       division_code=COUNTY, parent_id=COUNTY_ORG)
    direct = ledger.organisations.create(kind="direct_org", name="南高乡中学团委", division_code=TOWNSHIP,
                                         parent_id=TOWNSHIP_ORG, founded_on="2019年9月1日")
    coop_org = ledger.organisations.create(kind="coop_org", name="南高蔬菜合作社团支部", division_code=VILLAGE,
                                           parent_id=coop)
    coop_org_2 = ledger.organisations.create(kind="coop_org", name="北高养殖合作社团支部", division_code=VILLAGE_B,
                                             parent_id=TOWNSHIP_ORG)
    branch = ledger.organisations.create(kind="village_branch", name="南高村团支部", division_code=VILLAGE,
                                         parent_id=TOWNSHIP_ORG, league_members=18, demo_level="县级示范")
    assert coop == COOP_ORG  # one per county: a natural id

    expected = {
        COUNTY_ORG: ("county_committee", COUNTY, None),
        TOWNSHIP_ORG: ("township_committee", TOWNSHIP, COUNTY_ORG),
        coop: ("county_coop_committee", COUNTY, COUNTY_ORG),
        direct: ("direct_org", TOWNSHIP, TOWNSHIP_ORG),
        coop_org: ("coop_org", VILLAGE, coop),
        coop_org_2: ("coop_org", VILLAGE_B, TOWNSHIP_ORG),
        branch: ("village_branch", VILLAGE, TOWNSHIP_ORG),
    }
    for org_id, (kind, code, parent) in expected.items():
        row = ledger.get("organisation", org_id)
        assert (row["kind"], row["division_code"], row["parent_id"], row["scope"]) == (kind, code, parent, code)
    assert ledger.count("organisation") == 7
    assert {r["kind"] for r in ledger.query("organisation")} == {
        "county_committee", "township_committee", "county_coop_committee", "direct_org", "coop_org", "village_branch"}

    row = ledger.get("organisation", branch)
    assert (row["status"], row["demo_level"], row["league_members"]) == ("active", "county", 18)
    assert ledger.get("organisation", direct)["founded_on"] == "2019-09-01"
    assert ledger.get("organisation", direct)["demo_level"] == "none"


def test_a_deleted_natural_organisation_can_be_created_again(ledger):
    ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                parent_id=COUNTY_ORG)
    ledger.organisations.delete(TOWNSHIP_2_ORG)
    seq = ledger.last_seq()
    again = ledger.organisations.create(kind="township_committee", name="冶河镇团委（新）", division_code=TOWNSHIP_2,
                                        parent_id=COUNTY_ORG)
    assert again == TOWNSHIP_2_ORG
    assert ledger.last_seq() == seq + 1
    assert ledger.get("organisation", again)["name"] == "冶河镇团委（新）"


# ---------------------------------------------------------------------------------- committee members


def test_committee_member_create_get_update(ledger):
    m = ledger.committee_members.create(**member(
        ethnicity="回族", political_status="CPC member", education="bachelor", phone=13800138000.0,
        employer="南高乡政府", duty="组织", appraisal_year=2023, appraisal="优秀"))
    row = ledger.committee_members.get(m)
    assert {k: row[k] for k in ("org_id", "name", "gender", "birth_date", "ethnicity", "political_status",
                                "education", "phone", "post", "employment", "source", "joined_on",
                                "appraisal_year", "appraisal", "scope")} == {
        "org_id": TOWNSHIP_ORG, "name": "张三", "gender": "male", "birth_date": "1990-05-01", "ethnicity": "hui",
        "political_status": "cpc_member", "education": "bachelor", "phone": "13800138000", "post": "secretary",
        "employment": "full_time", "source": "civil_servant", "joined_on": "2020-01-01", "appraisal_year": 2023,
        "appraisal": "excellent", "scope": TOWNSHIP}
    assert ledger.committee_members.update(m, exited_on="2024-01-31", exit_reason="工作调动")
    row = ledger.committee_members.get(m)
    assert (row["exited_on"], row["exit_reason"]) == ("2024-01-31", "工作调动")
    # once exited, the same person may join again
    again = ledger.committee_members.create(**member(joined_on="2024-06-01", post="委员"))
    assert again != m


def test_create_many_adds_one_change_per_record(ledger):
    seq = ledger.last_seq()
    rows = [member(name=f"委员{i}", post="委员") for i in range(20)]
    ids = ledger.committee_members.create_many(rows)
    assert len(ids) == len(set(ids)) == 20
    assert ledger.last_seq() == seq + 20
    assert [ledger.get("committee_member", i)["name"] for i in ids] == [f"委员{i}" for i in range(20)]


# ---------------------------------------------------------------------------------- funding, checklists


def test_funding_entry_amounts_are_stored_in_fen(ledger):
    entry = ledger.funding_entries.create(org_id=TOWNSHIP_ORG, year="2024", budgeted="20000", received="１２３４．５元",
                                          source="Local government budget", received_on="2024-03-01",
                                          doc_no="栾团发〔2024〕3号")
    row = ledger.get("funding_entry", entry)
    assert (row["budgeted"], row["received"], row["year"], row["source"]) == (2_000_000, 123_450, 2024, "local_budget")
    assert ledger.funding_entries.update(entry, received="20,000.00")
    assert ledger.get("funding_entry", entry)["received"] == 2_000_000


def test_checklist_template_and_task(ledger):
    tpl = ledger.checklist_templates.create(level="township", system="项目体系", code="X1", title="县级自定任务",
                                            description="说明", sort_order=1)
    row = ledger.get("checklist_template", tpl)
    assert (row["issued_by"], row["template_kind"], row["system"], row["scope"]) == (COUNTY, "reference", "project", COUNTY)

    task = ledger.checklist_tasks.create(org_id=TOWNSHIP_ORG, template_id=tpl, system="项目体系", title="县级自定任务",
                                         problem="阵地不足", measure="新建青年之家", responsible="李四",
                                         deadline=dt.date.today() + dt.timedelta(days=30))
    assert ledger.get("checklist_task", task)["status"] == "not_started"
    for status in ("in_progress", "done"):
        assert ledger.checklist_tasks.update(task, status=status)
    ledger.checklist_tasks.update(task, done_on="2024-03-01")
    assert ledger.checklist_tasks.update(task, status="已验收", verified_on="2024-03-05", verified_by="县团委")
    assert ledger.get("checklist_task", task)["status"] == "verified"
    assert ledger.checklist_tasks.update(task, status="done")  # a verification can be withdrawn


def test_builtin_templates_exist_after_new(ledger_path):
    data = json.loads((PROJECT / "resources" / "reference" / "checklists.json").read_text(encoding="utf-8"))
    with Ledger.new(ledger_path, scope=TOWNSHIP, operator="乡团委") as led:
        assert led.count("checklist_template") == 36
        assert led.last_seq() == 36
        assert led.pending_changes() == 0, "built-in rows never travel"
        township = reference.templates_for(led, TOWNSHIP, "township")
        expected = [row[2] for row in data["reference"] if row[0] == "township"]
        assert [t["code"] for t in township] == expected
        assert [t["level"] for t in township] == ["township"] * len(expected)
        orders = [t["sort_order"] for t in township]
        assert orders == sorted(orders)
        assert township[0]["id"] == f"tpl-township-{expected[0]}"
        county = reference.templates_for(led, COUNTY, "county")
        assert [t["code"] for t in county] == [row[2] for row in data["reference"] if row[0] == "county"]
        inspection = reference.templates_for(led, TOWNSHIP, "township", "inspection")
        assert [t["code"] for t in inspection] == [code for code, _ in data["inspection"]]


def test_templates_of_the_nearest_issuer_replace_the_builtin_set(ledger):
    ledger.checklist_templates.create(level="township", code="B", title="第二项", sort_order=2)
    ledger.checklist_templates.create(level="township", code="A", title="第一项", sort_order=1)
    assert [t["code"] for t in reference.templates_for(ledger, TOWNSHIP, "township")] == ["A", "B"]
    assert len(reference.templates_for(ledger, "150102", "township")) == 11  # another county: built-in


# ---------------------------------------------------------------------------------- reported figures


def test_reported_figure_has_a_deterministic_id(ledger):
    fig = ledger.reported_figures.create(unit_code=TOWNSHIP, month="2024-01", metric="wechat_groups", value=3,
                                         reported_by="王五", reported_on="2024-02-01")
    assert fig == f"fig-{TOWNSHIP}-2024-01-wechat_groups"
    with pytest.raises(ValidationError):
        ledger.reported_figures.create(unit_code=TOWNSHIP, month="2024-01", metric="wechat_groups", value=4)
    assert ledger.reported_figures.update(fig, value=5)
    assert ledger.get("reported_figure", fig)["value"] == 5
    other = ledger.reported_figures.create(unit_code=TOWNSHIP, month="2024-02", metric="wechat_groups", value=5)
    assert other == f"fig-{TOWNSHIP}-2024-02-wechat_groups"
    assert ledger.count("reported_figure", where={"metric": "wechat_groups"}) == 2


# ---------------------------------------------------------------------------------- attachments


def test_attachment_and_its_blob(ledger):
    meeting = ledger.meetings.create(org_id=TOWNSHIP_ORG, kind="培训", held_on="2024-03-15", title="团干部培训")
    data = b"%PDF-1.4 sign-in sheet \x00\xff"
    seq = ledger.last_seq()
    att = ledger.attach("meeting", meeting, "签到表.pdf", data, media_type="application/pdf")
    assert ledger.last_seq() == seq + 1
    row = ledger.get("attachment", att)
    sha = hashlib.sha256(data).hexdigest()
    assert (row["owner_kind"], row["owner_id"], row["filename"], row["sha256"], row["size"], row["media_type"],
            row["added_on"], row["scope"]) == (
        "meeting", meeting, "签到表.pdf", sha, len(data), "application/pdf", dt.date.today().isoformat(), TOWNSHIP)
    assert ledger.blob(sha) == data
    # the same content attached again shares the blob
    att2 = ledger.attach("organisation", TOWNSHIP_ORG, "副本.pdf", data)
    assert ledger.get("attachment", att2)["sha256"] == sha
    assert ledger.conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 1
    assert [r["id"] for r in ledger.query("attachment", where={"owner_id": meeting})] == [att]
    assert ledger.update("attachment", att, {"filename": "签到表（扫描）.pdf"})
    assert ledger.delete("attachment", att) and ledger.get("attachment", att) is None
    assert ledger.blob(sha) == data


# ---------------------------------------------------------------------------------- queries


@pytest.fixture
def people(ledger):
    """Members in two townships of the county."""
    ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                                parent_id=COUNTY_ORG)
    ids = {}
    for name, gender, org, phone in [
        ("张三", "男", TOWNSHIP_ORG, "13800138001"), ("李四", "女", TOWNSHIP_ORG, "13800138002"),
        ("王五", "男", TOWNSHIP_ORG, None), ("张丽", "女", TOWNSHIP_2_ORG, "13900139000"),
        ("赵六", "男", TOWNSHIP_2_ORG, None),
    ]:
        ids[name] = ledger.committee_members.create(**member(org, name=name, gender=gender, phone=phone, post="委员"))
    return ids


def names(rows) -> list[str]:
    return [r["name"] for r in rows]


def test_query_by_scope_prefix(ledger, people):
    assert sorted(names(ledger.query("committee_member", scope=TOWNSHIP))) == sorted(["张三", "李四", "王五"])
    assert sorted(names(ledger.query("committee_member", scope=TOWNSHIP_2))) == sorted(["张丽", "赵六"])
    assert len(ledger.query("committee_member", scope=COUNTY)) == 5
    assert ledger.query("committee_member", scope="130111104") == []
    assert ledger.count("committee_member", scope=TOWNSHIP) == 3
    assert ledger.count("committee_member", scope="1301") == 5
    assert ledger.counts(TOWNSHIP_2)["committee_member"] == 2


def test_query_where_search_and_count(ledger, people):
    assert sorted(names(ledger.query("committee_member", where={"gender": "female"}))) == sorted(["李四", "张丽"])
    assert ledger.count("committee_member", where={"gender": "female", "org_id": TOWNSHIP_ORG}) == 1
    assert sorted(names(ledger.query("committee_member", where={"phone": None}))) == sorted(["王五", "赵六"])
    assert sorted(names(ledger.query("committee_member", search="张"))) == sorted(["张三", "张丽"])
    assert names(ledger.query("committee_member", search="139")) == ["张丽"]
    assert ledger.count("committee_member", search="张", scope=TOWNSHIP) == 1
    assert ledger.count("committee_member", search="nobody") == 0
    with pytest.raises(LedgerError):
        ledger.query("committee_member", where={"no_such_field": 1})


def test_query_order_limit_offset(ledger, people):
    by_name = names(ledger.query("committee_member", order_by="name"))
    assert by_name == sorted(by_name) and len(by_name) == 5
    assert names(ledger.query("committee_member", order_by="name", descending=True)) == by_name[::-1]
    pages = [names(ledger.query("committee_member", order_by="name", limit=2, offset=o)) for o in (0, 2, 4, 6)]
    assert pages == [by_name[0:2], by_name[2:4], by_name[4:5], []]
    rows = ledger.query("committee_member", columns=["name", "phone"], order_by="name", where={"gender": "male"})
    assert rows == [{"id": people["张三"], "name": "张三", "phone": "13800138001"},
                    {"id": people["王五"], "name": "王五", "phone": None},
                    {"id": people["赵六"], "name": "赵六", "phone": None}]
    by_phone = names(ledger.query("committee_member", order_by="phone", descending=True, where={"gender": "female"}))
    assert by_phone == ["张丽", "李四"]
    with pytest.raises(LedgerError):
        ledger.query("committee_member", order_by="name; DROP TABLE committee_member")


def test_query_without_order_lists_unit_by_unit_in_storage_order(ledger, people):
    """``Ledger.query``'s docstring: "unit by unit in the order they were stored, unless ordered"."""
    assert names(ledger.query("committee_member")) == ["张丽", "赵六", "张三", "李四", "王五"]


def test_deleted_records_are_skipped_by_query_and_count(ledger, people):
    ledger.committee_members.delete(people["李四"])
    assert "李四" not in names(ledger.query("committee_member", scope=TOWNSHIP))
    assert ledger.count("committee_member", where={"gender": "female"}) == 1
    assert ledger.count("committee_member", include_deleted=True) == 5
    ledger.committee_members.restore(people["李四"])
    assert "李四" in names(ledger.query("committee_member", scope=TOWNSHIP))


# ---------------------------------------------------------------------------------- history


def test_history_shows_author_creation_and_old_to_new(ledger):
    before = dt.datetime.now() - dt.timedelta(seconds=5)
    m = ledger.committee_members.create(**member())
    ledger.set_operator("李四")
    ledger.committee_members.update(m, phone="13800138000", post="副书记")
    ledger.committee_members.delete(m)

    entries = ledger.history(m)
    assert len(entries) == 3
    created, changed, deleted = entries
    assert created.created and not changed.created and not deleted.created
    assert (created.author, changed.author, deleted.author) == ("测试员", "李四", "李四")
    assert created.origin == ledger.device_id
    assert ("name", None, "张三") in created.changes and ("gender", None, "male") in created.changes
    assert set(changed.changes) == {("phone", None, "13800138000"), ("post", "secretary", "deputy_secretary")}
    assert deleted.changes == (("deleted", 0, 1),)
    for e in entries:
        assert before <= e.when <= dt.datetime.now() + dt.timedelta(seconds=5)
    assert [e.stamp for e in entries] == sorted(e.stamp for e in entries)


# ---------------------------------------------------------------------------------- batches and undo


def test_a_batch_is_one_transaction(ledger):
    seq, count = ledger.last_seq(), ledger.count("committee_member")
    with pytest.raises(ValidationError):
        with ledger.batch():
            ledger.committee_members.create(**member(name="甲"))
            ledger.committee_members.create(**member(name="乙", gender="X"))
    assert (ledger.last_seq(), ledger.count("committee_member")) == (seq, count)


def test_undo_batch(ledger):
    with ledger.batch() as b:
        ms = [ledger.committee_members.create(**member(name=f"委员{i}", post="委员")) for i in range(3)]
        ledger.organisations.update(TOWNSHIP_ORG, name="南高乡团委员会", league_members=40)
    assert b in [batch for batch, _, _ in ledger.batches()]
    assert ledger.count("committee_member") == 3

    seq = ledger.last_seq()
    assert ledger.undo_batch(b) == 4
    assert ledger.last_seq() == seq + 4
    assert [ledger.get("committee_member", m) for m in ms] == [None, None, None]
    org = ledger.get("organisation", TOWNSHIP_ORG)
    assert (org["name"], org["league_members"]) == ("南高乡团委", None)
    undone = ledger.history(TOWNSHIP_ORG)[-1]
    assert set(undone.changes) == {("league_members", 40, None), ("name", "南高乡团委员会", "南高乡团委")}


@pytest.mark.parametrize("who", ["another operator here", "another device"])
def test_undo_keeps_a_later_edit_by_someone_else(ledger, who):
    with ledger.batch() as b:
        ledger.organisations.update(TOWNSHIP_ORG, name="南高乡团委员会", league_members=40)
    if who == "another operator here":
        ledger.set_operator("王五")
        ledger.organisations.update(TOWNSHIP_ORG, name="南高乡团委(王五改)")
    else:
        base = ledger.history(TOWNSHIP_ORG)[-1].stamp
        stamp = make_stamp(ledger.clock.last + 1, OTHER_DEVICE)
        report = ledger.apply_changes([Change(OTHER_DEVICE, 1, stamp, "organisation", TOWNSHIP_ORG, TOWNSHIP,
                                              {"name": "南高乡团委(王五改)"}, {"name": base}, "王五")])
        assert (report.applied, report.conflicts) == (1, 0)
    ledger.undo_batch(b)
    org = ledger.get("organisation", TOWNSHIP_ORG)
    assert org["name"] == "南高乡团委(王五改)"
    assert org["league_members"] is None


def test_undo_of_an_unknown_batch(ledger):
    with pytest.raises(LedgerError):
        ledger.undo_batch("no-such-batch")


def test_every_kind_is_covered():
    assert set(CASES) | {"attachment"} == set(KINDS)


def test_pending_changes_counts_every_change_not_yet_sent(ledger):
    def counted() -> int:
        return ledger.conn.execute("SELECT count(*) FROM change_log WHERE origin != ?",
                                   ("0" * 16,)).fetchone()[0]

    assert ledger.pending_changes() == counted()
    ledger.organisations.update(TOWNSHIP_ORG, note="一")
    with pytest.raises(ValidationError):
        with ledger.batch():
            ledger.organisations.update(TOWNSHIP_ORG, note="二")
            ledger.organisations.update(TOWNSHIP_ORG, name="")  # refused: the whole batch rolls back
    ledger.organisations.update(TOWNSHIP_ORG, note="三")
    assert ledger.pending_changes() == counted()
    ledger.set_meta("push_cursor", str(ledger.last_seq() - 1))
    assert ledger.pending_changes() == 1
