"""The checklist's rules without widgets: who may verify, the status workflow and what each
step records, generating tasks from the reference table, and progress per system."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.errors import LedgerError, ValidationError
from desktop.ledger import Ledger
from desktop.ledger.reference import templates_for
from desktop.records import checklist
from desktop.records.checklist import TASK

from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2

DAY = dt.date(2026, 3, 14)


def task(status: str, scope: str = TOWNSHIP, **more) -> dict:
    return {"id": "t1", "status": status, "scope": scope, **more}


@pytest.mark.parametrize(("ledger_scope", "unit_scope", "expected"), [
    ("130111", "130111200", True),      # the county verifies its township
    ("13", "130111200", True),          # so does the province
    ("130111200", "130111200", False),  # never a unit itself
    ("130111", "130111", False),
    ("130112", "130111200", False),     # another county
    ("130111200", "130111", False),     # nor the level below
    ("", "130111200", True),            # a nationwide ledger is above everyone
    ("", "", False),
    ("130111", None, False),            # a task without a scope yet
])
def test_only_a_proper_ancestor_verifies(ledger_scope, unit_scope, expected):
    assert checklist.can_verify(ledger_scope, unit_scope) is expected


def test_transitions():
    assert checklist.transition_allowed("not_started", "done")
    assert checklist.transition_allowed("done", "verified")
    assert checklist.transition_allowed("verified", "done")
    assert not checklist.transition_allowed("not_started", "verified")
    assert not checklist.transition_allowed("verified", "in_progress")
    assert checklist.transition_allowed("done", "done")
    assert checklist.transition_allowed(None, "verified")  # a new task may start anywhere


def test_the_ledger_accepts_exactly_the_workflow(county_ledger, township_org):
    statuses = list(checklist.TRANSITIONS)
    for old in statuses:
        for new in statuses:
            task_id = county_ledger.create(TASK, {"org_id": township_org, "system": "organisation",
                                                  "title": f"{old} → {new}", "status": old})
            if checklist.transition_allowed(old, new):
                county_ledger.update(TASK, task_id, {"status": new})
                assert county_ledger.get(TASK, task_id)["status"] == new
            else:
                with pytest.raises(ValidationError):
                    county_ledger.update(TASK, task_id, {"status": new})


@pytest.mark.parametrize(("action", "status", "upper", "expected"), [
    ("start", "not_started", False, [{"status": "in_progress"}]),
    ("start", "in_progress", True, []),
    ("done", "not_started", False, [{"status": "in_progress"}, {"status": "done", "done_on": "2026-03-14"}]),
    ("done", "in_progress", False, [{"status": "done", "done_on": "2026-03-14"}]),
    ("done", "done", True, []),
    ("verify", "done", True, [{"status": "verified", "verified_on": "2026-03-14", "verified_by": "王五"}]),
    ("verify", "done", False, []),
    ("verify", "in_progress", True, []),
    ("reopen", "done", False, [{"status": "in_progress", "done_on": None}]),
    ("reopen", "done", True, [{"status": "in_progress", "return_reason": "材料不全"}]),  # a return keeps done_on
    ("reopen", "verified", True, [{"status": "done", "verified_on": None, "verified_by": None,
                                   "return_reason": "材料不全"}]),
    ("reopen", "verified", False, []),  # the unit cannot take back its verification
    ("reopen", "not_started", True, []),
    ("archive", "done", True, []),
])
def test_steps_of_each_action(action, status, upper, expected):
    ledger_scope = COUNTY if upper else TOWNSHIP
    assert checklist.action_allowed(action, task(status), ledger_scope) is bool(expected)
    assert checklist.steps(action, task(status), ledger_scope, "王五", DAY, "材料不全") == expected


def test_every_step_is_a_transition_the_workflow_allows():
    for action in checklist.ACTIONS:
        for status in checklist.TRANSITIONS:
            before = status
            for step in checklist.steps(action, task(status), COUNTY, "王五", DAY):
                assert checklist.transition_allowed(before, step["status"]), (action, status)
                before = step["status"]


def test_a_return_needs_a_reason():
    assert checklist.is_return("reopen", task("done"), COUNTY)
    assert not checklist.is_return("reopen", task("done"), TOWNSHIP)
    assert checklist.steps("reopen", task("done"), COUNTY, "王五", DAY) == []
    assert checklist.steps("reopen", task("done"), COUNTY, "王五", DAY, "  ") == []


def test_verifying_settles_an_earlier_return():
    returned = task("done", return_reason="缺少照片")
    assert checklist.steps("verify", returned, COUNTY, "王五", DAY) == [
        {"status": "verified", "verified_on": "2026-03-14", "verified_by": "王五", "return_reason": None}]


def test_verified_by_is_empty_without_an_operator():
    assert checklist.steps("verify", task("done"), COUNTY, "", DAY)[0]["verified_by"] is None


def test_unit_level():
    assert checklist.unit_level(COUNTY) == ("county", "county_committee")
    assert checklist.unit_level(TOWNSHIP) == ("township", "township_committee")
    assert checklist.unit_level("1301") is None      # a prefecture keeps no checklist
    assert checklist.unit_level("") is None
    assert checklist.unit_level("999999") is None    # no such division


def test_plan_and_create_tasks(county_ledger, township_org):
    assert checklist.plan_tasks(county_ledger, "1301") is None
    plan = checklist.plan_tasks(county_ledger, TOWNSHIP)
    templates = templates_for(county_ledger, TOWNSHIP, "township")
    assert plan.committee_exists and plan.committee_id == township_org and plan.level == "township"
    assert [r["template_id"] for r in plan.rows] == [t["id"] for t in templates]
    assert all(r["org_id"] == township_org for r in plan.rows)

    created = checklist.create_tasks(county_ledger, plan)
    assert len(created) == len(templates) == 11
    stored = county_ledger.query(TASK, where={"org_id": township_org})
    assert {t["title"] for t in stored} == {t["title"] for t in templates}
    assert {t["status"] for t in stored} == {"not_started"}

    # a second plan only holds what is missing
    county_ledger.delete(TASK, created[0])
    again = checklist.plan_tasks(county_ledger, TOWNSHIP)
    assert [r["template_id"] for r in again.rows] == [plan.rows[0]["template_id"]]
    county_ledger.restore(TASK, created[0])
    assert checklist.plan_tasks(county_ledger, TOWNSHIP).rows == []
    assert checklist.create_tasks(county_ledger, checklist.plan_tasks(county_ledger, TOWNSHIP)) == []


def test_no_plan_rows_without_the_committee(county_ledger):
    plan = checklist.plan_tasks(county_ledger, TOWNSHIP_2)
    assert plan is not None and not plan.committee_exists
    assert plan.committee_kind == "township_committee" and plan.rows == []


def test_creating_tasks_is_all_or_nothing(county_ledger, township_org):
    plan = checklist.plan_tasks(county_ledger, TOWNSHIP)
    plan.rows[-1]["system"] = "no such system"
    with pytest.raises(ValidationError):
        checklist.create_tasks(county_ledger, plan)
    assert county_ledger.query(TASK) == []


def with_proof(ledger, task_id: str) -> None:
    """What marking a task done needs: a measure and one evidence file."""
    ledger.update(TASK, task_id, {"measure": "每月召开例会"})
    ledger.attach(TASK, task_id, "会议照片.jpg", b"jpeg", "image/jpeg")


def test_move_writes_each_step_and_returns_them_for_undo(county_ledger, township_org):
    task_id = county_ledger.create(TASK, {"org_id": township_org, "system": "organisation", "title": "整改"})
    with_proof(county_ledger, task_id)
    stored = county_ledger.get(TASK, task_id)
    made = checklist.move(county_ledger, stored, "done", DAY)
    assert made == [({"status": "not_started"}, {"status": "in_progress"}),
                    ({"status": "in_progress", "done_on": None}, {"status": "done", "done_on": "2026-03-14"})]
    assert county_ledger.get(TASK, task_id)["status"] == "done"
    made = checklist.move(county_ledger, county_ledger.get(TASK, task_id), "verify", DAY)
    assert made[0][1] == {"status": "verified", "verified_on": "2026-03-14", "verified_by": "测试员"}
    assert checklist.move(county_ledger, county_ledger.get(TASK, task_id), "start") == []


def test_a_unit_cannot_verify_its_own_task(tmp_path):
    ledger = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡团委")
    try:
        org = ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        task_id = ledger.create(TASK, {"org_id": org, "system": "organisation", "title": "整改", "status": "done",
                                       "done_on": DAY.isoformat()})
        stored = ledger.get(TASK, task_id)
        assert not checklist.action_allowed("verify", stored, ledger.scope)
        assert checklist.move(ledger, stored, "verify") == []
        # the rules refuse it too, for writes that do not go through the workflow
        with pytest.raises(ValidationError):
            ledger.update(TASK, task_id, {"status": "verified"})
    finally:
        ledger.close()


def test_progress_lists_every_system(county_ledger, township_org):
    progress = checklist.task_progress(county_ledger, COUNTY)
    assert set(progress) == set(checklist.systems())
    assert all(p == checklist.EMPTY_PROGRESS for p in progress.values())
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    county_ledger.create(TASK, {"org_id": township_org, "system": "organisation", "title": "a", "deadline": yesterday})
    county_ledger.create(TASK, {"org_id": township_org, "system": "organisation", "title": "b", "status": "done",
                                "done_on": yesterday, "deadline": yesterday})
    progress = checklist.task_progress(county_ledger, TOWNSHIP)
    assert progress["organisation"] == {"total": 2, "done": 1, "verified": 0, "overdue": 1}
    assert checklist.task_progress(county_ledger, TOWNSHIP_2)["organisation"]["total"] == 0


def test_done_needs_a_measure_and_evidence(county_ledger, township_org):
    task_id = county_ledger.create(TASK, {"org_id": township_org, "system": "organisation", "title": "整改"})
    stored = county_ledger.get(TASK, task_id)
    assert checklist.missing_proof(county_ledger, stored) == ["measure", "evidence"]
    with pytest.raises(LedgerError) as caught:
        checklist.move(county_ledger, stored, "done", DAY)
    assert "整改措施" in caught.value.text() and "佐证材料" in caught.value.text()
    assert county_ledger.get(TASK, task_id)["status"] == "not_started"  # nothing half-done
    county_ledger.update(TASK, task_id, {"measure": "每月召开例会"})
    assert checklist.missing_proof(county_ledger, county_ledger.get(TASK, task_id)) == ["evidence"]
    county_ledger.attach(TASK, task_id, "照片.jpg", b"jpeg", "image/jpeg")
    assert checklist.missing_proof(county_ledger, county_ledger.get(TASK, task_id)) == []
    assert checklist.move(county_ledger, county_ledger.get(TASK, task_id), "done", DAY)


def test_the_issuing_level_may_waive_the_proof_per_template(county_ledger, township_org):
    template = county_ledger.create("checklist_template", {
        "template_kind": "reference", "level": "township", "system": "project", "code": "X1", "title": "建群",
        "issued_by": COUNTY, "completion_proof": "optional"})
    task_id = county_ledger.create(TASK, {"org_id": township_org, "system": "project", "title": "建群",
                                          "template_id": template})
    assert not checklist.proof_required(county_ledger, county_ledger.get(TASK, task_id))
    assert checklist.move(county_ledger, county_ledger.get(TASK, task_id), "done", DAY)
    # a template that says nothing (the built-in ones) asks for proof
    builtin = templates_for(county_ledger, COUNTY, "county")[0]
    assert checklist.proof_required(county_ledger, {"template_id": builtin["id"]})


def test_only_the_level_above_withdraws_a_verification(county_ledger, township_org, tmp_path):
    task_id = county_ledger.create(TASK, {"org_id": township_org, "system": "organisation", "title": "整改"})
    with_proof(county_ledger, task_id)
    checklist.move(county_ledger, county_ledger.get(TASK, task_id), "done", DAY)
    checklist.move(county_ledger, county_ledger.get(TASK, task_id), "verify", DAY)
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    try:
        town.apply_changes(county_ledger.changes_since(0)[0])
        verified = town.get(TASK, task_id)
        assert verified["status"] == "verified"
        assert not checklist.verifies_others(TOWNSHIP) and checklist.verifies_others(COUNTY)
        assert not checklist.action_allowed("reopen", verified, TOWNSHIP)
        with pytest.raises(ValidationError):  # not even by a write around the workflow
            town.update(TASK, task_id, {"status": "done"})
        assert town.get(TASK, task_id)["status"] == "verified"
    finally:
        town.close()
