"""Three hops: a township without a connection → (USB package) → its county → (sync) → the hub
→ (sync) another device of the county and the prefecture.  Everything converges and nothing
is counted twice; acknowledgements come back down on the county's next package."""

from __future__ import annotations

from pathlib import Path

from sync import packages as P
from desktop.ledger import Ledger
from sync.client import SyncClient, SyncSettings, enroll
from test_packages import PERSONAL, befriend, member, within

COUNTY = "130111"
PREFECTURE = "1301"
TOWNSHIP = "130111200"


def fast() -> SyncSettings:
    return SyncSettings(connect_timeout=3, read_timeout=60, retries=8, backoff_base=0.1, backoff_cap=1.0)


def enrolled(hub, tmp: Path, name: str, scope: str) -> Ledger:
    ledger = Ledger.new(tmp / f"{name}.sqlite", scope=scope, operator=name)
    enroll(ledger, hub.url, hub.new_code(scope, name), name=name, settings=fast())
    return ledger


def hub_origin_seqs(hub, origin: str) -> list[int]:
    with hub.ledger() as h:
        return [r[0] for r in h.conn.execute(
            "SELECT origin_seq FROM change_log WHERE origin = ? ORDER BY origin_seq", (origin,))]


def test_township_package_relayed_through_the_county_reaches_the_hub_and_beyond(hub, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    township = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡团委书记")  # never online
    county = enrolled(hub, tmp_path, "county", COUNTY)
    county_2 = enrolled(hub, tmp_path, "county-2", COUNTY)       # a second computer of the county office
    prefecture = enrolled(hub, tmp_path, "prefecture", PREFECTURE)
    try:
        county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        befriend(township, county, tmp_path)

        org = township.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        township.committee_members.create(**member(org, 0, **PERSONAL))
        township.committee_members.create_many([member(org, n) for n in range(1, 20)])
        first = P.export_package(township, stick, county.device_id)

        # more work in the township; the second stick arrives first
        victim = township.committee_members.query(where={"name": "委员3号"})[0]["id"]
        township.committee_members.update(victim, phone="13700000000")
        township.committee_members.delete(township.committee_members.query(where={"name": "委员4号"})[0]["id"])
        second = P.export_package(township, stick, county.device_id)
        own = len(township.changes_after({}))

        r2 = P.import_package(county, second)
        SyncClient(county).sync()
        r1 = P.import_package(county, first)     # the older stick, late
        assert r2.applied == own and r1.applied == 0 and r1.already_had == P.read_manifest(first)["count"]
        SyncClient(county).sync()
        SyncClient(county).sync()                # nothing new; nothing re-counted

        # the hub holds every township change exactly once
        seqs = hub_origin_seqs(hub, township.device_id)
        assert seqs == list(range(1, own + 1))

        for other in (county_2, prefecture):
            SyncClient(other).sync()
            assert within(other, TOWNSHIP) == within(township, TOWNSHIP)
            got = other.committee_members.query(where={"name": PERSONAL["name"]})
            assert got[0]["phone"] == PERSONAL["phone"]
            keys = [tuple(r) for r in other.conn.execute("SELECT origin, origin_seq FROM change_log")]
            assert len(keys) == len(set(keys))
        assert within(county, COUNTY) == within(county_2, COUNTY) == within(prefecture, COUNTY)

        # the other county computer corrects a township record; it comes down via the hub and the stick
        fixed = county_2.committee_members.query(where={"name": "委员5号"})[0]["id"]
        county_2.committee_members.update(fixed, phone="13600000000")
        SyncClient(county_2).sync()
        SyncClient(county).sync()

        # the county's package back carries its acknowledgements: nothing pending in the township
        assert P.delivery_status(township)[0].pending == own
        back = P.export_package(county, stick, township.device_id)
        report = P.import_package(township, back)
        assert report.acknowledged == own and not report.rejected
        assert P.delivery_status(township)[0].pending == 0
        assert township.organisations.get(f"org-county_committee-{COUNTY}") is not None
        assert township.committee_members.get(fixed)["phone"] == "13600000000"
        assert within(township, TOWNSHIP) == within(county, TOWNSHIP) == within(county_2, TOWNSHIP)

        # and the county's own status: the township confirms after its next package
        P.import_package(county, P.export_package(township, stick, county.device_id))
        status = {p.device_id: p for p in P.delivery_status(county)}  # the hub's devices are trusted too
        assert status[township.device_id].pending == 0
        assert status[prefecture.device_id].trusted_via == "hub"
    finally:
        for ledger in (township, county, county_2, prefecture):
            ledger.close()


def test_peers_vouched_for_by_the_hub_are_trusted(hub, tmp_path):
    """A county enrolled with its package key as the hub's ``public_key``; a township that
    was online once (at enrollment) trusts it from ``/v1/devices`` without a phone call."""
    import requests

    from sync.client import load_settings

    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县")
    township = enrolled(hub, tmp_path, "township", TOWNSHIP)
    try:
        r = hub.post("/v1/enroll", {"code": hub.new_code(COUNTY), "device_id": county.device_id, "name": "县团委",
                                    "public_key": P.public_key_string(county), "schema": county.schema_version})
        assert r.status_code == 200, r.text
        token = load_settings(township).token
        devices = requests.get(hub.url + "/v1/devices", headers={"Authorization": f"Bearer {token}"},
                               timeout=30).json()["devices"]
        assert P.trust_hub_devices(township, devices) == 1
        entry = P.peers(township)[county.device_id]
        assert entry["trusted_via"] == "hub" and entry["fingerprint"] == P.public_identity(county)["fingerprint"]
        # the county still trusts the township by fingerprint; then packages flow
        P.trust_peer(county, P.public_identity(township), "fingerprint")
        stick = tmp_path / "stick"
        stick.mkdir()
        township.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        report = P.import_package(county, P.export_package(township, stick, county.device_id))
        assert report.applied == 1
    finally:
        county.close()
        township.close()
