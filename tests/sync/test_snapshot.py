"""The first sync of a big scope as one resumable snapshot file of changes (GET /v1/snapshot),
the way taken when the hub offers no ready ledger (tests/sync/test_ready_ledger.py).

A real hub process on 127.0.0.1; the client is the program's own SyncClient, in this
process or, to be killed half-way through a download, in a child process.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
import requests

from desktop.ledger import Ledger
from sync.client import SNAPSHOT_STATE, PULL_CURSOR, ProtocolError, SyncClient, load_settings
from test_sync_client import (COUNTY, PROJECT, T1, T2, child_env, committee, devices, fast, hub, member,  # noqa: F401
                              publicity, sync, visible)


def county_with_records(devices, n: int = 400) -> Ledger:
    county = devices.new(COUNTY, "县团委")
    org = committee(county, COUNTY)
    t1, t2 = committee(county, T1), committee(county, T2)
    county.publicity_items.create_many([publicity(org, k) for k in range(n)])
    county.committee_members.create_many([member(t1, k) for k in range(30)] + [member(t2, k) for k in range(30)])
    assert sync(county).push.rejected == 0
    return county


def token_of(ledger: Ledger) -> str:
    return load_settings(ledger).token


def test_a_big_first_sync_comes_as_one_snapshot_and_converges(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100, page_size=64, ready_ledger=False))
    info = SyncClient(fresh).transport.request("GET", "/v1/snapshot/info")
    own = [c for c in county.changes_since(0)[0] if c.origin == county.device_id]
    assert info["count"] == len(own) > 400
    result = sync(fresh).pull
    assert result.snapshot and result.snapshot_bytes > 0
    assert result.received == result.applied == info["count"]
    assert result.pages >= 7  # applied in pages of 64, each with its progress
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
    assert fresh.meta(SNAPSHOT_STATE) is None and not SyncClient(fresh).snapshot_file().exists()
    assert fresh.pending_changes() == 0  # what came from the hub does not go back
    # later syncs pull page by page from the snapshot's end
    county.publicity_items.create(**publicity(f"org-county_committee-{COUNTY}", 999))
    sync(county)
    later = sync(fresh).pull
    assert not later.snapshot and later.received == 1
    assert visible(fresh, COUNTY) == visible(county, COUNTY)


def test_a_small_first_sync_is_pulled_page_by_page(devices):
    county_with_records(devices, n=20)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=10_000))
    result = sync(fresh).pull
    assert not result.snapshot and result.received > 20


def test_the_snapshot_holds_only_the_callers_scope_and_serves_ranges(devices, hub):
    county_with_records(devices, n=50)
    town = devices.new(T1, "南高乡", settings=fast(snapshot_min=0))
    headers = {"Authorization": f"Bearer {token_of(town)}", "Accept-Encoding": "identity"}
    info = requests.get(hub.url + "/v1/snapshot/info", headers=headers, timeout=30).json()
    assert info["count"] > 0
    whole = requests.get(hub.url + "/v1/snapshot", params={"upto": info["cursor"]}, headers=headers, timeout=30)
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes"
    lines = [json.loads(x) for x in gzip.decompress(whole.content).decode("utf-8").splitlines()]
    assert lines[0]["snapshot"] == 1 and lines[0]["count"] == info["count"] == len(lines) - 2
    assert lines[-1] == {"end": info["count"]}
    scopes = {c["scope"] for c in lines[1:-1]}
    assert T1 in scopes and COUNTY in scopes and T2 not in scopes  # its own, and what the county publishes
    again = requests.get(hub.url + "/v1/snapshot", params={"upto": info["cursor"]}, headers=headers, timeout=30)
    assert again.content == whole.content  # the same bytes every time: a cut download can resume
    tail = requests.get(hub.url + "/v1/snapshot", params={"upto": info["cursor"]},
                        headers={**headers, "Range": "bytes=100-"}, timeout=30)
    assert tail.status_code == 206 and tail.content == whole.content[100:]
    assert tail.headers["Content-Range"] == f"bytes 100-{len(whole.content) - 1}/{len(whole.content)}"
    # bad requests: a clear 4xx each
    for extra, params, status in (({"Range": f"bytes={len(whole.content)}-"}, {"upto": info["cursor"]}, 416),
                                  ({"Range": "bytes=5-10"}, {"upto": info["cursor"]}, 416),
                                  ({"Range": "lines=3-"}, {"upto": info["cursor"]}, 416),
                                  ({}, {"upto": info["cursor"] + 10**6}, 422), ({}, {"upto": -1}, 422),
                                  ({}, {}, 422)):
        r = requests.get(hub.url + "/v1/snapshot", params=params, headers={**headers, **extra}, timeout=30)
        assert r.status_code == status, (extra, params, r.text)
        assert r.json()["error"]
    assert requests.get(hub.url + "/v1/snapshot", params={"upto": 1}, timeout=30).status_code == 401
    assert requests.get(hub.url + "/v1/snapshot/info", timeout=30).status_code == 401


CHILD = r"""
import sys, threading
from pathlib import Path
from desktop.ledger import Ledger
from sync.client import SyncClient
SyncClient.SNAPSHOT_CHUNK = 4096
ledger = Ledger.open(Path(sys.argv[1]))
client = SyncClient(ledger)
seen = [0]
def progress(done, total):
    seen[0] += 1
    if seen[0] == 3:  # a few chunks are on disk: say so, then wait to be killed
        print("chunks written", flush=True)
        threading.Event().wait()
client.pull(progress)
"""


def test_a_download_killed_half_way_resumes_where_it_stopped(devices, hub, tmp_path):
    county_with_records(devices, n=600)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100, ready_ledger=False))
    path = fresh.path
    fresh.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=PROJECT, env=child_env(tmp_path),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = child.stdout.readline()
        assert line.strip() == "chunks written", child.stderr.read()
    finally:
        child.kill()  # SIGKILL; TerminateProcess on Windows
        child.wait(30)
    part = path.with_name(path.name + ".snapshot")
    partial = part.stat().st_size
    assert partial > 0  # (what was still in the write buffer died with the process)

    fresh = Ledger.open(path)
    try:
        state = json.loads(fresh.meta(SNAPSHOT_STATE))
        assert state["downloaded"] is False and state["applied"] == 0
        result = SyncClient(fresh).sync().pull
        total = result.snapshot_bytes + partial
        assert result.snapshot and 0 < result.snapshot_bytes < total  # only the missing bytes came
        county = devices.open[0]
        assert visible(fresh, COUNTY) == visible(county, COUNTY)
        assert fresh.meta(PULL_CURSOR) == str(state["upto"]) and fresh.meta(SNAPSHOT_STATE) is None
        assert not part.exists()
    finally:
        fresh.close()


def test_a_damaged_snapshot_file_is_fetched_again(devices):
    county = county_with_records(devices)
    fresh = devices.new(COUNTY, "新电脑", settings=fast(snapshot_min=100, ready_ledger=False))
    client = SyncClient(fresh)
    info = client.transport.request("GET", "/v1/snapshot/info")
    fresh.set_meta(SNAPSHOT_STATE, json.dumps({"upto": info["cursor"], "count": info["count"],
                                               "downloaded": True, "applied": 0}))
    client.snapshot_file().write_bytes(gzip.compress(b'{"snapshot": 1}\n') [:-7])  # truncated
    with pytest.raises(ProtocolError):
        client.sync()
    assert visible(fresh, COUNTY) != visible(county, COUNTY)
    assert json.loads(fresh.meta(SNAPSHOT_STATE))["downloaded"] is False
    assert fresh.meta(PULL_CURSOR) in (None, "0")
    result = SyncClient(fresh).sync().pull
    assert result.snapshot
    assert visible(fresh, COUNTY) == visible(county, COUNTY)
