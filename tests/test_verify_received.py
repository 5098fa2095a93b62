"""Only the level above a unit verifies (验收) its checklist tasks, and a received change is
held to that too: a township's forged verification of its own task, carried in a data
package, is refused with its own code; the county's verification is applied."""

from __future__ import annotations

from pathlib import Path

from desktop.ledger import Ledger
from desktop.records import checklist, rules
from sync import packages as P

COUNTY = "130111"
TOWNSHIP = "130111200"
TASK = checklist.TASK


def befriend(a: Ledger, b: Ledger, tmp: Path) -> None:
    for x, y in ((a, b), (b, a)):
        P.trust_peer(y, P.read_identity_file(P.peer_identity_file(x, tmp / f"{x.device_id}.tlid")), "fingerprint")


def township_with_a_done_task(path: Path) -> tuple[Ledger, str]:
    town = Ledger.new(path, scope=TOWNSHIP, operator="乡团委书记")
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    plan = checklist.plan_tasks(town, TOWNSHIP)
    task_id = checklist.create_tasks(town, plan)[0]
    town.update(TASK, task_id, {"measure": "配齐班子", "status": "in_progress"})
    town.update(TASK, task_id, {"status": "done", "done_on": "2026-03-01"})
    return town, task_id


def forge(monkeypatch, ledger: Ledger, task_id: str, values: dict) -> None:
    """Write *values* to a task as a tampered program would: without the rule the form keeps."""
    with monkeypatch.context() as m:
        m.setitem(rules.RULES, TASK, lambda *args: [])
        ledger.update(TASK, task_id, values)


def carry(sender: Ledger, receiver: Ledger, stick: Path, name: str):
    peer = P.peers(sender)[receiver.device_id]
    data, _ = P.build_package(sender, receiver.device_id, peer, sender.changes_after({}), {})
    (stick / name).write_bytes(data)
    return P.import_package(receiver, stick / name)


def test_the_rule_names_verifications_and_returns_by_anyone_not_above():
    assert checklist.verification_refused(TASK, TOWNSHIP, {"status": "verified"}, TOWNSHIP)
    assert checklist.verification_refused(TASK, TOWNSHIP, {"return_reason": "材料不全"}, TOWNSHIP)
    assert checklist.verification_refused(TASK, TOWNSHIP, {"verified_by": "某人"}, "130111103")
    assert not checklist.verification_refused(TASK, TOWNSHIP, {"status": "verified"}, COUNTY)
    assert not checklist.verification_refused(TASK, TOWNSHIP, {"status": "done"}, TOWNSHIP)
    assert not checklist.verification_refused("meeting", TOWNSHIP, {"status": "verified"}, TOWNSHIP)


def test_a_forged_verification_in_a_package_is_refused_and_the_countys_accepted(tmp_path, monkeypatch):
    town, task_id = township_with_a_done_task(tmp_path / "town.sqlite")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    befriend(town, county, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    # the township writes the verification itself, past the form that would not offer it
    forge(monkeypatch, town, task_id, {"status": "verified", "verified_on": "2026-03-02", "verified_by": "乡团委书记"})
    report = carry(town, county, stick, "forged.tlpkg")
    forged = [c for c in town.changes_after({}) if c.kind == TASK and c.fields.get("status") == "verified"]
    assert len(forged) == 1 and len(report.rejected) == 1
    origin, seq, reason = report.rejected[0]
    assert (origin, seq) == (forged[0].origin, forged[0].origin_seq)
    assert getattr(reason, "code", None) == "verify_not_allowed" and TOWNSHIP in reason
    assert county.get(TASK, task_id)["status"] == "done"  # the rest of the package applied
    # the county verifies through the workflow; its package is taken up by the township
    made = checklist.move(county, county.get(TASK, task_id), "verify")
    assert made and county.get(TASK, task_id)["status"] == "verified"
    back = carry(county, town, stick, "verified.tlpkg")
    assert back.rejected == [] and back.applied > 0
    assert town.get(TASK, task_id)["verified_by"] == "县团委"
    town.close()
    county.close()


def test_a_township_may_not_return_its_own_task_either(tmp_path, monkeypatch):
    town, task_id = township_with_a_done_task(tmp_path / "town.sqlite")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    befriend(town, county, tmp_path)
    (tmp_path / "stick").mkdir()
    forge(monkeypatch, town, task_id, {"status": "in_progress", "return_reason": "自己退回"})
    report = carry(town, county, tmp_path / "stick", "returned.tlpkg")
    assert [getattr(r, "code", None) for _, _, r in report.rejected] == ["verify_not_allowed"]
    town.close()
    county.close()


def hand(sender: Ledger, receiver: Ledger, stick: Path):
    """A package written by the program (its changes signed) and taken up."""
    return P.import_package(receiver, P.export_package(sender, stick, receiver.device_id))


def test_the_level_aboves_verification_relayed_down_is_not_judged_by_the_relay(tmp_path):
    """The prefecture verifies the county's own task; the county's package carries that change
    on to a township: the writer was the prefecture, so the township does not refuse it as the
    county verifying itself."""
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    task_id = checklist.create_tasks(county, checklist.plan_tasks(county, COUNTY))[0]
    county.update(TASK, task_id, {"measure": "配齐班子", "status": "in_progress"})
    county.update(TASK, task_id, {"status": "done", "done_on": "2026-03-01"})
    prefecture = Ledger.new(tmp_path / "prefecture.sqlite", scope="1301", operator="市团委")
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    befriend(county, prefecture, tmp_path)
    befriend(county, town, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert hand(county, prefecture, stick).rejected == []
    assert checklist.move(prefecture, prefecture.get(TASK, task_id), "verify")
    assert hand(prefecture, county, stick).rejected == []
    assert county.get(TASK, task_id)["status"] == "verified"
    down = hand(county, town, stick)
    assert down.rejected == []
    assert town.get(TASK, task_id)["verified_by"] == "市团委"
    for ledger in (county, prefecture, town):
        ledger.close()
