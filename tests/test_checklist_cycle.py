"""The checklist cycle without widgets: the self-inspection (八查八看) whose findings become
rectification tasks, tables edited and issued per unit (一县一表) that reach the township
with its tasks, and ``township-ledger templates load``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import COUNTY, TOWNSHIP
from test_cli import fails, ok, run

from desktop.errors import LedgerError, ValidationError
from desktop.ledger import Ledger
from desktop.ledger.reference import load_checklists
from desktop.records import checklist, inspection, issuing

TOWN_ORG = f"org-township_committee-{TOWNSHIP}"
PERIOD = "2026-03"


@pytest.fixture
def town(tmp_path):
    ledger = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委书记")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    yield ledger
    ledger.close()


def test_the_self_inspection_lists_the_eight_items_of_the_reference_data(town):
    rows = inspection.sheet(town, TOWNSHIP, PERIOD)
    assert [r.item["title"] for r in rows] == [title for _, title in load_checklists()["inspection"]]
    assert all(r.answer is None and not r.is_problem for r in rows)
    assert inspection.sheet(town, "130111200201", PERIOD) == []  # a village keeps no checklist


def test_an_answer_with_a_finding_is_a_problem_that_becomes_one_prefilled_task(town):
    items = [r.item for r in inspection.sheet(town, TOWNSHIP, PERIOD)]
    inspection.save_answer(town, TOWNSHIP, PERIOD, items[0]["id"], "yes")
    first = inspection.save_answer(town, TOWNSHIP, PERIOD, items[2]["id"], "no", "  今年经费尚未落实  ")
    again = inspection.save_answer(town, TOWNSHIP, PERIOD, items[2]["id"], "partial", "经费只落实了一半")
    assert first == again and town.count("inspection_answer") == 2  # one answer per item and period
    problems = [r for r in inspection.sheet(town, TOWNSHIP, PERIOD) if r.is_problem]
    assert [(r.item["code"], r.answer["answer"], r.finding) for r in problems] == [("I3", "partial", "经费只落实了一半")]
    due = dt.date(2026, 5, 31)
    task_id = inspection.make_task(town, TOWNSHIP, PERIOD, items[2]["id"], due)
    task = town.get(checklist.TASK, task_id)
    assert (task["org_id"], task["template_id"], task["title"], task["problem"], task["deadline"], task["status"]) \
        == (TOWN_ORG, items[2]["id"], items[2]["title"], "经费只落实了一半", "2026-05-31", "not_started")
    assert task["system"] == load_checklists()["inspection_systems"]["I3"] == "mechanism"
    assert town.get("inspection_answer", first)["task_id"] == task_id
    # once a task, twice a task: no second one; an answer without a finding makes none
    assert inspection.make_task(town, TOWNSHIP, PERIOD, items[2]["id"]) == task_id
    assert inspection.make_task(town, TOWNSHIP, PERIOD, items[0]["id"]) is None
    assert inspection.make_tasks(town, TOWNSHIP, PERIOD) == []
    assert town.count(checklist.TASK) == 1
    # the answer and the task are ordinary changes: another ledger takes them up
    assert {c.kind for c in town.changes_since(0)[0]} >= {"inspection_answer", checklist.TASK}


def test_a_bad_answer_stores_nothing(town):
    item = inspection.sheet(town, TOWNSHIP, PERIOD)[0].item
    with pytest.raises(ValidationError):
        inspection.save_answer(town, TOWNSHIP, PERIOD, item["id"], "maybe", "说不清")
    assert town.count("inspection_answer") == 0


def test_the_answers_travel_to_the_county_and_evidence_attaches(town, tmp_path):
    item = inspection.sheet(town, TOWNSHIP, PERIOD)[6].item
    answer = inspection.save_answer(town, TOWNSHIP, PERIOD, item["id"], "no", "团青微信群覆盖不足")
    town.attach("inspection_answer", answer, "自查表.jpg", b"photo")
    inspection.make_tasks(town, TOWNSHIP, PERIOD, dt.date(2026, 6, 30))
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    report = county.apply_changes(town.changes_since(0)[0], allowed_scope=TOWNSHIP)
    assert report.rejected == []
    [row] = inspection.sheet(county, TOWNSHIP, PERIOD)[6:7]
    assert row.finding == "团青微信群覆盖不足" and county.get(checklist.TASK, row.task_id)["deadline"] == "2026-06-30"
    assert county.count("attachment") == 1
    county.close()


def county_with_township(path) -> Ledger:
    county = Ledger.new(path, scope=COUNTY, operator="县团委")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    return county


def test_a_table_edited_and_issued_to_one_township_reaches_it_with_its_tasks(tmp_path, town):
    county = county_with_township(tmp_path / "county.sqlite")
    items = issuing.current_items(county, COUNTY, "township")
    assert [i["code"] for i in items][:3] == ["T1.1", "T1.2", "T1.3"]
    items[0]["title"] = "配齐配强南高乡团委班子"
    items = items[:2] + [{**items[2], "code": "T9.1", "title": "南高乡自选任务：建设青年之家", "system": "project"}]
    issued = issuing.issue(county, items, [TOWNSHIP])
    assert issued.templates == 3 and issued.tasks == {TOWNSHIP: 3}
    # the township follows its own table now: the nearest issuer's
    assert [t["title"] for t in county.query("checklist_template", where={"issued_by": TOWNSHIP})] \
        == ["配齐配强南高乡团委班子", items[1]["title"], "南高乡自选任务：建设青年之家"]
    report = town.apply_changes(county.changes_since(0)[0], allowed_scope=COUNTY)
    assert report.rejected == []
    tasks = town.query(checklist.TASK, where={"org_id": TOWN_ORG})
    assert sorted(t["title"] for t in tasks) == sorted(i["title"] for i in items)
    assert checklist.plan_tasks(town, TOWNSHIP).rows == []  # nothing left to generate
    # issuing again with one item fewer takes it out of the table; tasks stay
    again = issuing.issue(county, items[:2], [TOWNSHIP])
    assert again.templates == 1 and again.tasks == {TOWNSHIP: 0}
    assert county.count("checklist_template", where={"issued_by": TOWNSHIP}) == 2
    county.close()


def test_issuing_refuses_a_unit_outside_and_a_duplicate_number_and_stores_nothing(tmp_path):
    county = county_with_township(tmp_path / "county.sqlite")
    items = issuing.current_items(county, COUNTY, "township")
    before = county.count("checklist_template")
    with pytest.raises(LedgerError):
        issuing.issue(county, items, [TOWNSHIP, "130102001"])  # 长安区: another county's township
    with pytest.raises(LedgerError):
        issuing.issue(county, items + [items[0]], [TOWNSHIP])
    assert county.count("checklist_template") == before and county.count(checklist.TASK) == 0
    county.close()


def test_templates_load_issues_a_file_from_the_ledger_and_to_units(tmp_path):
    path = tmp_path / "data" / "ledger.sqlite"
    path.parent.mkdir()
    county_with_township(path).close()
    data = load_checklists()
    data["reference"] = [r for r in data["reference"] if r[0] == "township"][:4]
    data["inspection"] = data["inspection"][:5]
    table = tmp_path / "河北省参考表.json"
    table.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = ok(run("templates", "load", str(table), ledger=path, lang="en"))
    assert "14 checklist templates written" in out  # 4 tasks, 5 items for each of two levels
    out = ok(run("templates", "load", str(table), "--to", TOWNSHIP, ledger=path, lang="en"))
    assert f"{TOWNSHIP}: 4 tasks created" in out
    with Ledger.open(path, read_only=True) as ledger:
        assert len(inspection.items(ledger, TOWNSHIP)) == 5
        assert ledger.count("checklist_template", where={"issued_by": COUNTY}) == 14
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    assert "bad.json" in fails(run("templates", "load", str(tmp_path / "bad.json"), ledger=path, lang="en"))
