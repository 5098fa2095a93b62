"""Who may send which change, against a real hub on 127.0.0.1 (docs/hub-protocol.md, "Origins").

A device sends its own changes; it relays another's only when that device's scope lies
in its own (or the origin never enrolled and the changes lie in its scope); a change the
hub holds with other content is refused, not answered "duplicate"; a scope must be a
real division.  Each refusal carries a code and parameters beside its text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import COUNTY, PROJECT, TOWNSHIP, TOWNSHIP_2, resign, sign_key, signed_wire
from sync.client import SyncClient, enroll, load_settings, rejected_changes
from desktop.ledger import Ledger

VILLAGE = "130111200201"      # a village of 南高乡 in the division list
NO_VILLAGE = "130111200999"   # a code under 南高乡 that is no division


def wire(ledger: Ledger) -> list[dict]:
    return signed_wire(ledger)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]


def refused(result: dict, code: str) -> dict:
    """A rejected result with *code*, its text and parameters; returns the parameters."""
    assert result["status"] == "rejected" and result["code"] == code, result
    assert result["reason"] and isinstance(result["params"], dict)
    return result["params"]


def test_a_township_cannot_speak_for_the_county(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    town = make_ledger("town", TOWNSHIP)
    county_token = hub.enroll(county.device_id, COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    real = wire(county)
    in_town = [c for c in real if c["scope"] == TOWNSHIP]
    assert in_town
    forged = [{**c, "fields": {**c["fields"], "name": "伪造的团委"}} for c in in_town]
    for result in results(hub.push(town_token, forged)):
        params = refused(result, "origin_not_allowed")
        assert params["origin"] == county.device_id and params["origin_scope"] == COUNTY
    # the county's real edits are its own: applied, not "duplicate"
    assert [r["status"] for r in results(hub.push(county_token, real))] == ["applied"] * len(real)
    received, _ = hub.pull_all(town_token)
    names = {c["id"]: c["fields"].get("name") for c in received if c["origin"] == county.device_id}
    assert names and "伪造的团委" not in names.values()


def test_a_county_relays_its_townships_but_not_a_revoked_one(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    town = make_ledger("town", TOWNSHIP)
    town_2 = make_ledger("town2", TOWNSHIP)  # a second computer of the same township
    county_token = hub.enroll(county.device_id, COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    town_2_token = hub.enroll(town_2.device_id, TOWNSHIP)
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    first = wire(town)
    assert {r["status"] for r in results(hub.push(county_token, first))} == {"applied"}  # a package carried up
    assert {r["status"] for r in results(hub.push(town_2_token, first))} == {"duplicate"}  # same scope: allowed
    assert {r["status"] for r in results(hub.push(town_token, first))} == {"duplicate"}
    assert hub.cli("revoke", town.device_id).returncode == 0
    town.organisations.update(f"org-township_committee-{TOWNSHIP}", name="南高乡团委（改）")
    later = wire(town)[len(first):]
    assert later
    for result in results(hub.push(county_token, later)):
        assert refused(result, "origin_revoked")["origin"] == town.device_id
    # what the hub has already is still a harmless duplicate, whoever relays it
    assert {r["status"] for r in results(hub.push(county_token, first))} == {"duplicate"}


def test_a_never_enrolled_office_is_relayed_only_within_the_relay_scope(hub, make_ledger):
    county = make_ledger("county", COUNTY)
    town = make_ledger("town", TOWNSHIP)
    lone = make_ledger("lone", TOWNSHIP_2)  # never enrolled: its packages travel through the county
    county_token = hub.enroll(county.device_id, COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    lone.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2)
    carried = wire(lone)
    for result in results(hub.push(town_token, carried)):
        params = refused(result, "outside_scope")
        assert (params["scope"], params["device_scope"]) == (TOWNSHIP_2, TOWNSHIP)
    # the county vouches for the key of the office it knows from its packages
    assert {r["status"] for r in results(hub.push(county_token, carried, keys={lone.device_id: sign_key(lone)}))} \
        == {"applied"}


def test_a_differing_duplicate_is_refused_and_the_first_kept(hub, make_ledger):
    town = make_ledger("town", TOWNSHIP)
    county = make_ledger("county", COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    county_token = hub.enroll(county.device_id, COUNTY)
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    sent = wire(town)
    assert {r["status"] for r in results(hub.push(town_token, sent))} == {"applied"}
    assert {r["status"] for r in results(hub.push(town_token, sent))} == {"duplicate"}
    # written and signed by the same device id (a copied ledger, say)
    other = [resign(town, {**c, "fields": {**c["fields"], "name": "另一个名字"}}) for c in sent]
    answered = results(hub.push(town_token, other))
    for change, result in zip(other, answered):
        assert refused(result, "duplicate_differs") == {"origin": change["origin"], "seq": change["seq"]}
        assert "differs from the change already received with this origin and sequence number" in result["reason"]
    # two copies with different content in one batch: the second is refused
    town.organisations.update(f"org-township_committee-{TOWNSHIP}", name="南高乡团委（新）")
    fresh = wire(town)[len(sent):]
    twins = fresh + [resign(town, {**c, "fields": {**c["fields"], "name": "又一个"}}) for c in fresh]
    statuses = [r.get("code") or r["status"] for r in results(hub.push(town_token, twins))]
    assert statuses == ["applied"] * len(fresh) + ["duplicate_differs"] * len(fresh)
    received, _ = hub.pull_all(county_token)
    names = [c["fields"].get("name") for c in received if c["origin"] == town.device_id]
    assert "另一个名字" not in names and "又一个" not in names and "南高乡团委（新）" in names


def test_a_scope_must_be_a_division_of_the_list(hub, make_ledger):
    town = make_ledger("town", TOWNSHIP)
    county = make_ledger("county", COUNTY)
    town_token = hub.enroll(town.device_id, TOWNSHIP)
    county_token = hub.enroll(county.device_id, COUNTY)
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    (change,) = wire(town)
    real = resign(town, {**change, "id": "org-village-real", "scope": VILLAGE})
    made_up = resign(town, {**change, "id": "org-village-made-up", "scope": NO_VILLAGE, "seq": change["seq"] + 1})
    answered = results(hub.push(town_token, [real, made_up]))
    assert answered[0]["status"] == "applied", answered[0]
    assert refused(answered[1], "unknown_scope") == {"scope": NO_VILLAGE}
    received, _ = hub.pull_all(county_token)
    assert {c["id"] for c in received} >= {"org-village-real"}
    assert "org-village-made-up" not in {c["id"] for c in received}


# ---------------------------------------------------------------------- the sending client
def _cli(path, *args: str, home, lang: str = "en") -> subprocess.CompletedProcess:
    env = dict(os.environ, TOWNSHIP_LEDGER_LANG=lang, PYTHONIOENCODING="utf-8", TOWNSHIP_LEDGER_HOME=str(home))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env.pop("TOWNSHIP_LEDGER", None)
    return subprocess.run([sys.executable, "-m", "desktop", "--ledger", str(path), *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_sync_of_a_copied_ledger_says_so_and_exits_non_zero(hub, tmp_path):
    first, copy = tmp_path / "town.sqlite", tmp_path / "copy.sqlite"
    with Ledger.new(first, scope=TOWNSHIP, operator="张三") as ledger:
        enroll(ledger, hub.url, hub.new_code(TOWNSHIP))
    shutil.copyfile(first, copy)  # the same device id and sequence numbers on a second file
    with Ledger.open(first) as ledger:
        ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        SyncClient(ledger, load_settings(ledger)).sync()
    with Ledger.open(copy) as ledger:
        ledger.organisations.create(kind="township_committee", name="别的名字", division_code=TOWNSHIP)
    result = _cli(copy, "sync", home=tmp_path / "home")
    assert result.returncode != 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    # the hub holds other contents under the ledger's own numbers: the file is a copy, and the
    # line says so and names the step to take (tests/sync/test_identity.py takes it)
    assert "is a copy of another computer's ledger" in result.stderr and "new-identity" in result.stderr
    with Ledger.open(copy, read_only=True) as ledger:
        assert ledger.copied_from() == ledger.device_id
        assert rejected_changes(ledger) == []  # not refused for good: it goes again under the new identity


def test_the_client_words_a_known_code_in_its_language():
    from desktop import i18n
    from sync.client.reasons import worded

    params = {"origin": "0123456789abcdef", "seq": 7}
    before = i18n.language()
    i18n.set_language("zh_CN")
    try:
        chinese = worded("duplicate_differs", params, "hub text")
    finally:
        i18n.set_language("en")
    try:
        assert "不同" in chinese and "0123456789abcdef" in chinese and "7" in chinese
        assert worded("duplicate_differs", params, "hub text").startswith("it differs from the change already")
        assert worded("a_code_of_a_later_hub", {}, "hub text") == "hub text"
        assert worded("duplicate_differs", {"origin": "x"}, "hub text") == "hub text"  # a parameter missing
    finally:
        i18n.set_language(before)
