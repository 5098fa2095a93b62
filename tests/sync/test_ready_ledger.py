"""A big first sync as a ready ledger (GET /v1/snapshot/ledger): the hub's file of the
scope's records and change log, downloaded, checked and adopted in one transaction.

A real hub process on 127.0.0.1 (SQLite and PostgreSQL); the client is the program's own
SyncClient.
"""

from __future__ import annotations

import json

from desktop.ledger import Ledger
from sync.client import PULL_CURSOR, SNAPSHOT_STATE, SyncClient
from sync.signatures import ORIGIN_KEYS_META
from test_snapshot import county_with_records
from test_sync_client import (COUNTY, T1, committee, devices, fast, hub, member, publicity, sync,  # noqa: F401
                              visible)


def offer(ledger: Ledger) -> dict | None:
    return SyncClient(ledger).transport.request("GET", "/v1/snapshot/ledger")["ready"]


def test_a_big_first_sync_adopts_the_hubs_ready_ledger_and_converges(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100, page_size=64))
    ready = offer(fresh)
    own = [c for c in county.changes_since(0)[0] if c.origin == county.device_id]
    assert ready["count"] == len(own) > 400 and ready["size"] > 0 and county.device_id in ready["keys"]
    result = sync(fresh).pull
    assert result.snapshot and result.pages == 2  # the file in one step, then one page from its end (not 8 of 64)
    assert result.received == result.applied == ready["count"]
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
    assert sorted((c.origin, c.origin_seq, c.stamp, c.signature) for c in fresh.changes_since(0)[0]) == \
        sorted((c.origin, c.origin_seq, c.stamp, c.signature) for c in own)  # the change log came too
    assert fresh.check() == []
    assert fresh.meta(SNAPSHOT_STATE) is None and fresh.meta(PULL_CURSOR) == str(ready["cursor"])
    assert not any(p.exists() for p in SyncClient(fresh).ready_files())
    assert fresh.pending_changes() == 0  # what came from the hub does not go back
    assert county.device_id in json.loads(fresh.meta(ORIGIN_KEYS_META))  # its key, to check what comes later
    # later syncs pull page by page from the file's end, each change checked
    county.publicity_items.create(**publicity(f"org-county_committee-{COUNTY}", 999))
    sync(county)
    later = sync(fresh).pull
    assert not later.snapshot and later.received == later.applied == 1
    assert visible(fresh, COUNTY) == visible(county, COUNTY)


def test_what_was_entered_before_the_first_sync_is_kept_and_sent(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100))
    org = committee(fresh, T1)  # the same committee the county entered: one record on both sides
    mine = fresh.publicity_items.create(**publicity(org, 7))
    result = sync(fresh)
    assert result.pull.snapshot and result.push.rejected == 0
    assert fresh.get("publicity_item", mine) is not None
    sync(county)
    assert county.get("publicity_item", mine) is not None
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
    assert fresh.check() == []


def test_a_device_that_has_sent_changes_is_offered_none_and_a_township_only_its_own(devices):
    county = county_with_records(devices)
    assert offer(county) is None  # its own changes are on the hub: it pulls page by page
    town = devices.new(T1, "南高乡", settings=fast(snapshot_min=10))
    ready = offer(town)
    assert ready is not None and ready["id"].startswith(f"{T1}-")
    result = sync(town).pull
    assert result.snapshot and result.pages == 2
    assert visible(town, T1) == visible(county, T1)
    assert town.committee_members.count() == 30  # its own 30, not the other township's


def test_a_damaged_file_falls_back_to_the_changes_and_converges(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100))
    ready = offer(fresh)
    fresh.set_meta(SNAPSHOT_STATE, json.dumps({"ready": dict(ready, sha256="0" * 64), "downloaded": False}))
    result = sync(fresh).pull
    assert result.snapshot and result.pages > 1  # the snapshot of changes, each checked
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
    assert fresh.meta(SNAPSHOT_STATE) is None
    assert not any(p.exists() for p in SyncClient(fresh).ready_files())


def test_a_file_the_hub_no_longer_keeps_falls_back(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100))
    ready = offer(fresh)
    fresh.set_meta(SNAPSHOT_STATE, json.dumps({"ready": dict(ready, id=f"{COUNTY}-1"), "downloaded": False}))
    assert sync(fresh).pull.snapshot
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
