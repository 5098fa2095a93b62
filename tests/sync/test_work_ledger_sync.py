"""The work ledger (工作台账) through a REAL hub: a township records one of each kind and a
case's file; the county receives every record and the file, the other township none."""

from __future__ import annotations

import hashlib

import pytest

from desktop.ledger import Ledger
from desktop.records import WORK_KINDS
from sync.client import SyncClient, SyncSettings, enroll

COUNTY = "130111"
T1 = "130111200"  # 南高乡
T2 = "130111103"  # 冶河镇
ORG = f"org-township_committee-{T1}"


def fast() -> SyncSettings:
    return SyncSettings(connect_timeout=3, read_timeout=60, retries=3, backoff_base=0.05, backoff_cap=0.2)


@pytest.fixture
def device(tmp_path, hub):
    opened: list[Ledger] = []

    def make(scope: str, name: str) -> Ledger:
        ledger = Ledger.new(tmp_path / f"{name}.sqlite", scope=scope, operator=name)
        opened.append(ledger)
        enroll(ledger, hub.url, hub.new_code(scope, name), name=name, settings=fast())
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


def rows(ledger: Ledger, kind: str) -> list[tuple]:
    return [tuple(r) for r in ledger.conn.execute(f"SELECT * FROM {kind} ORDER BY id")]


def test_every_work_kind_syncs_through_the_hub(hub, device):
    t1, t2, county = device(T1, "南高乡"), device(T2, "冶河镇"), device(COUNTY, "栾城区")
    t1.organisations.create(kind="township_committee", name="南高乡团委", division_code=T1)
    t1.create("work_plan_item", dict(org_id=ORG, month="2025-06", item="召开班子会", status="done",
                                     done_on="2025-06-05"))
    case = t1.create("case_brief", dict(org_id=ORG, kind="case", title="青年之家建设", dated_on="2025-06-20",
                                        library="county"))
    t1.create("contact_point", dict(unit_code=T1, leader="李四", office="石家庄团市委农村部", linked_on="2025-03-01"))
    t1.create("unit_assessment", dict(org_id=ORG, year=2024, grade="excellent"))
    term = t1.create("branch_term", dict(village_code="130111200201", elected_on="2021-12-20",
                                         term_end="2026-12-19", members=5))
    data = "案例全文。\n".encode() * 2000
    t1.attach("case_brief", case, "案例.txt", data, media_type="text/plain")

    assert SyncClient(t1).sync().push.rejected == 0
    result = SyncClient(county).sync()
    assert result.pull.blobs_downloaded == 1
    for kind in [k.name for k in WORK_KINDS] + ["attachment"]:
        assert rows(county, kind) == rows(t1, kind) != [], kind
    assert county.blob(hashlib.sha256(data).hexdigest()) == data

    # the county edits a term (its secretary changed); it reaches the township, not the other one
    county.update("branch_term", term, {"secretary": "赵六"})
    assert SyncClient(county).sync().push.rejected == 0
    SyncClient(t1).sync()
    assert t1.get("branch_term", term)["secretary"] == "赵六"
    SyncClient(t2).sync()
    assert all(t2.count(k.name) == 0 for k in WORK_KINDS) and t2.count("attachment") == 0
