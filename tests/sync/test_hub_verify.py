"""Verifications (验收) pushed to a real hub: only the level above a task's unit may verify
or return it, judged by the scope of the device that wrote the change — also when a county
relays it (docs/hub-protocol.md, ``verify_not_allowed``)."""

from __future__ import annotations

from conftest import COUNTY, TOWNSHIP, signed_wire
from desktop.ledger import Ledger
from desktop.records import checklist, rules

TASK = checklist.TASK


def results(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]


def done_task(town: Ledger) -> str:
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    task_id = checklist.create_tasks(town, checklist.plan_tasks(town, TOWNSHIP))[0]
    town.update(TASK, task_id, {"measure": "配齐班子", "status": "in_progress"})
    town.update(TASK, task_id, {"status": "done", "done_on": "2026-03-01"})
    return task_id


def test_a_township_forging_its_verification_is_refused_and_the_countys_applied(hub, make_ledger, monkeypatch):
    town = make_ledger("town", TOWNSHIP)
    county = make_ledger("county", COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    county_token = hub.enroll(county.device_id, COUNTY)
    task_id = done_task(town)
    honest = signed_wire(town)
    assert {r["status"] for r in results(hub.push(town_token, honest))} == {"applied"}
    with monkeypatch.context() as m:  # a tampered program: without the rule the form keeps
        m.setitem(rules.RULES, TASK, lambda *args: [])
        town.update(TASK, task_id, {"status": "verified", "verified_on": "2026-03-02", "verified_by": "书记"})
    forged = signed_wire(town)[len(honest):]
    assert len(forged) == 1
    [result] = results(hub.push(town_token, forged))
    assert result["status"] == "rejected" and result["code"] == "verify_not_allowed", result
    assert result["params"] == {"scope": TOWNSHIP, "author_scope": TOWNSHIP}
    # relayed by the county (whose own scope is above the task) it is the writer that counts
    [relayed] = results(hub.push(county_token, forged))
    assert relayed["status"] == "rejected" and relayed["code"] == "verify_not_allowed", relayed
    with hub.ledger() as ledger:
        assert ledger.get(TASK, task_id)["status"] == "done"
    # the county verifies the task it received: applied
    county.apply_changes(town.changes_since(0)[0][:len(honest)])
    assert checklist.move(county, county.get(TASK, task_id), "verify")
    statuses = [r["status"] for r in results(hub.push(county_token, signed_wire(county)))]
    assert statuses and set(statuses) == {"applied"}
    with hub.ledger() as ledger:
        assert ledger.get(TASK, task_id)["status"] == "verified"
