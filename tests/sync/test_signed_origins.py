"""Every change is signed by the device that wrote it, and every receiver checks it: a relay
(a county carrying a township's changes, the hub on a pull) cannot alter what it carries.
A real hub on 127.0.0.1; data packages between real ledgers."""

from __future__ import annotations

import base64
import os
import sqlite3

import pytest

from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2, resign, sign_key, signed_wire
from desktop.i18n import translate
from desktop.ledger import Ledger
from sync import packages as P
from sync.client import SyncClient, enroll, rejected_changes
from sync.signatures import REASONS
from test_packages import befriend

PREFECTURE = "1301"
ORG = f"org-township_committee-{TOWNSHIP}"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]


def codes(response) -> list[str]:
    return [r.get("code") or r["status"] for r in results(response)]


def renamed(item: dict, name: str = "被改过的名字") -> dict:
    """*item* with one field altered on the way, its signature kept."""
    return {**item, "fields": {**item["fields"], "name": name}}


def township_work(town: Ledger) -> list[dict]:
    """The township's committee, then a renaming of it: two signed changes."""
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    town.organisations.update(ORG, name="南高乡团委（新）")
    return signed_wire(town)


def test_a_relay_cannot_alter_forge_or_strip_a_townships_change_at_the_hub(hub, make_ledger):
    town, county, observer = make_ledger("town", TOWNSHIP), make_ledger("county", COUNTY), \
        make_ledger("observer", COUNTY)
    t_town, t_county = hub.enroll(town.device_id, TOWNSHIP), hub.enroll(county.device_id, COUNTY)
    t_observer = hub.enroll(observer.device_id, COUNTY)
    created, renaming = township_work(town)

    # one field altered by the county: refused alone, the honest change of the batch applied
    answered = results(hub.push(t_county, [created, renamed(renaming)]))
    assert answered[0]["status"] == "applied"
    assert answered[1]["status"] == "rejected" and answered[1]["code"] == "bad_signature"
    assert answered[1]["params"] == {"origin": town.device_id}
    assert town.device_id in answered[1]["reason"] and "signature" in answered[1]["reason"]
    # a made-up signature, and the county's own signature over the township's change
    forged = {**renamed(renaming), "sig": base64.b64encode(os.urandom(64)).decode()}
    assert codes(hub.push(t_county, [forged])) == ["bad_signature"]
    assert codes(hub.push(t_county, [resign(county, renamed(renaming))])) == ["bad_signature"]
    # no signature at all, from a relay: refused; from the township itself it is accepted
    stripped = {k: v for k, v in renaming.items() if k != "sig"}
    assert codes(hub.push(t_county, [stripped])) == ["unsigned_relay"]

    got, _ = hub.pull_all(t_observer)
    assert [c["fields"].get("name") for c in got] == ["南高乡团委"]
    assert "被改过的名字" not in str(got)
    # the township's honest change arrives, however often the altered one was tried
    assert codes(hub.push(t_town, [created, renaming])) == ["duplicate", "applied"]
    got, _ = hub.pull_all(t_observer)
    assert [c["fields"].get("name") for c in got] == ["南高乡团委", "南高乡团委（新）"]
    assert all(c["sig"] for c in got)  # stored and passed on unaltered
    assert {c["sig"] for c in got} == {created["sig"], renaming["sig"]}


def test_a_never_enrolled_office_keeps_the_key_its_first_relay_vouched_for(hub, make_ledger):
    lone = make_ledger("lone", TOWNSHIP_2)  # never online: its packages travel through the county
    county, county_2 = make_ledger("county", COUNTY), make_ledger("county-2", COUNTY)
    t_county, t_county_2 = hub.enroll(county.device_id, COUNTY), hub.enroll(county_2.device_id, COUNTY)
    lone.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2)
    lone.organisations.update(f"org-township_committee-{TOWNSHIP_2}", note="第一次")
    first, second = signed_wire(lone)

    assert codes(hub.push(t_county, [first])) == ["origin_key_unknown"]  # nobody vouched for its key
    assert codes(hub.push(t_county, [first], keys={lone.device_id: sign_key(lone)})) == ["applied"]
    # another relay alters the next change and vouches for its own key as the office's: the kept key decides
    altered = resign(county_2, {**second, "fields": {"note": "改过的"}})
    assert codes(hub.push(t_county_2, [altered], keys={lone.device_id: sign_key(county_2)})) == ["bad_signature"]
    assert codes(hub.push(t_county_2, [second], keys={lone.device_id: sign_key(county_2)})) == ["applied"]

    # a device that pulls checks them against the key the hub passes on, and keeps it
    observer = Ledger.new(county.path.with_name("observer.sqlite"), scope=COUNTY, operator="观察")
    try:
        enroll(observer, hub.url, hub.new_code(COUNTY), name="观察")
        result = SyncClient(observer).sync()
        assert result.pull.applied == 2 and result.pull.rejected == 0
        assert observer.organisations.get(f"org-township_committee-{TOWNSHIP_2}")["note"] == "第一次"
        assert observer.meta("origin_keys") and lone.device_id in observer.meta("origin_keys")
    finally:
        observer.close()


# alters the hub's SQLite file underneath it, as an attacker with the disk would
@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_a_device_refuses_what_the_hub_altered_and_keeps_the_rest(hub, tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    try:
        enroll(town, hub.url, hub.new_code(TOWNSHIP), name="乡")
        township_work(town)
        assert SyncClient(town).sync().push.applied == 2
        # the hub's file altered behind its back: the renaming now says something else
        conn = sqlite3.connect(hub.db)
        with conn:
            n = conn.execute("UPDATE change_log SET patch = replace(patch, '南高乡团委（新）', '被改过的名字') "
                             "WHERE origin = ? AND patch LIKE '%（新）%'", (town.device_id,)).rowcount
        conn.close()
        assert n == 1
        enroll(county, hub.url, hub.new_code(COUNTY), name="县")
        result = SyncClient(county).sync()
        assert (result.pull.applied, result.pull.rejected) == (1, 1)
        assert county.organisations.get(ORG)["name"] == "南高乡团委"
        (entry,) = rejected_changes(county)
        assert entry["direction"] == "pull" and entry["origin"] == town.device_id and entry["seq"] == 2
        assert entry["reason"] == translate("sync", REASONS["bad_signature"]).format(origin=town.device_id)
    finally:
        town.close()
        county.close()


def _relayed_package(county: Ledger, receiver: Ledger, changes, tmp_path) -> object:
    """A package from *county* to *receiver* carrying *changes* as given (altered or not)."""
    from desktop.ledger.changes import Change

    data, _ = P.build_package(county, receiver.device_id, P.peers(county)[receiver.device_id],
                              [Change.from_wire(c) for c in changes], {})
    path = tmp_path / "relayed.tlpkg"
    path.write_bytes(data)
    return path


def test_a_package_relay_cannot_alter_forge_or_strip_a_townships_change(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    city = Ledger.new(tmp_path / "city.sqlite", scope=PREFECTURE, operator="市团委")
    try:
        befriend(town, county, tmp_path)
        befriend(county, city, tmp_path)
        township_work(town)
        assert P.import_package(county, P.export_package(town, tmp_path, county.device_id)).applied == 2
        created, renaming = [c.to_wire() for c in county.changes_since(0)[0] if c.origin == town.device_id]
        assert created["sig"] and renaming["sig"]  # kept as the township signed them

        stripped = {k: v for k, v in created.items() if k != "sig"}
        report = P.import_package(city, _relayed_package(county, city, [
            stripped, renamed(renaming), resign(county, renamed(renaming, "又改")),
        ], tmp_path))
        assert report.applied == 0
        assert [(origin, seq) for origin, seq, _ in report.rejected] == [(town.device_id, 1), (town.device_id, 2),
                                                                         (town.device_id, 2)]
        reasons = [reason for _, _, reason in report.rejected]
        assert reasons[0].code == "unsigned_relay" and reasons[1].code == reasons[2].code == "bad_signature"
        assert city.organisations.get(ORG) is None

        # the county's honest package: the township's changes arrive, checked against the key it vouches for
        report = P.import_package(city, P.export_package(county, tmp_path, city.device_id))
        assert report.rejected == [] and report.applied >= 2
        assert city.organisations.get(ORG)["name"] == "南高乡团委（新）"
    finally:
        for ledger in (town, county, city):
            ledger.close()


def test_the_new_refusals_are_worded_in_chinese():
    from desktop import i18n
    from sync.client.reasons import worded

    before = i18n.language()
    i18n.set_language("zh_CN")
    try:
        for code in ("bad_signature", "unsigned_relay", "origin_key_unknown"):
            text = worded(code, {"origin": "0123456789abcdef"}, "hub text")
            assert "0123456789abcdef" in text and text != "hub text" and not text.isascii(), text
    finally:
        i18n.set_language(before)
