"""The hub runs for months: read connections stay bounded across bursts and idle
gaps, large answers are streamed, and SIGTERM is a clean stop.

The burst test runs the hub in this process (uvicorn in a thread) so it can count
this process's open file handles on the hub's files, and lowers anyio's idle time
for worker threads (10 s) so the threads that served a burst retire during each
gap, as they do on a real hub between bursts of syncs.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import uvicorn

from conftest import COUNTY, TOWNSHIP, database_connections, start_hub, stop
from desktop.ledger import Ledger
from desktop.ledger.migrations import CURRENT_VERSION
from sync.client import SyncClient, enroll
from sync.hub.app import create_app
from sync.hub.settings import HubSettings

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts handles through /proc")

IDLE = 0.3  # seconds a worker thread idles before anyio retires it (10 s in anyio itself)


def handles(pid: int | str = "self", name: str = "hub.sqlite") -> dict[str, int]:
    """Open file handles of a process on the hub ledger and its WAL."""
    out = {"db": 0, "wal": 0}
    folder = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(folder):
        try:
            target = os.readlink(folder / fd)
        except OSError:
            continue
        if target.endswith("/" + name):
            out["db"] += 1
        elif target.endswith("/" + name + "-wal"):
            out["wal"] += 1
    return out


def open_handles(db: Path | str) -> dict[str, int]:
    """What this process holds open on the hub ledger: file handles on the ledger and its WAL,
    or (a database) connections to it, counted as "db"."""
    if isinstance(db, str):
        return {"db": database_connections(db), "wal": 0}
    return handles()


def settled_handles(db: Path | str, at_most: int, within: float = 5.0) -> int:
    """``open_handles(db)["db"]`` once it is at most *at_most*, or as it is after *within*
    seconds: a database backend whose client has closed the connection leaves
    ``pg_stat_activity`` a moment later, and a file handle is closed when it is closed."""
    deadline = time.monotonic() + within
    while True:
        count = open_handles(db)["db"]
        if count <= at_most or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


class InProcessHub:
    def __init__(self, folder: Path, settings: HubSettings, db: Path | str | None = None) -> None:
        self.db = folder / "hub.sqlite" if db is None else db
        self.app = create_app(self.db, settings)
        self.hub = self.app.state.hub
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the hub did not start"
            time.sleep(0.02)

    def token(self, device_id: str, scope: str = COUNTY) -> str:
        code = self.hub.write(lambda: self.hub.store.create_code(scope, "测试单位"))
        r = requests.post(self.url + "/v1/enroll", json={"code": code, "device_id": device_id, "name": "电脑",
                                                         "schema": CURRENT_VERSION}, timeout=30)
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def short_idle(monkeypatch):
    from anyio._backends import _asyncio

    monkeypatch.setattr(_asyncio.WorkerThread, "MAX_IDLE_TIME", IDLE)


@pytest.fixture
def local_hub(tmp_path, short_idle, new_hub_db):
    # many devices enroll from one address
    hub = InProcessHub(tmp_path, HubSettings(readers=3, enroll_rate=1000), new_hub_db)
    yield hub
    hub.stop()


def with_records(path: Path, n: int) -> Ledger:
    ledger = Ledger.new(path, scope=COUNTY, operator="县团委")
    org = ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.publicity_items.create_many([{"org_id": org, "published_on": "2024-05-01", "channel": "website",
                                         "title": f"第{k}条"} for k in range(n)])
    return ledger


def test_open_handles_stay_flat_across_bursts_and_idle_gaps(local_hub, tmp_path):
    county = with_records(tmp_path / "county.sqlite", 300)
    try:
        SyncClient(county, enroll(county, local_hub.url, local_hub.hub.write(
            lambda: local_hub.hub.store.create_code(COUNTY, "县团委")))).sync()
    finally:
        county.close()
    tokens = [local_hub.token(f"{i:016x}", TOWNSHIP if i % 2 else COUNTY) for i in range(1, 17)]

    def calls(token: str) -> list[int]:
        auth = {"Authorization": f"Bearer {token}"}
        with requests.Session() as s:
            return [s.get(local_hub.url + path, headers=auth, params=params, timeout=60).status_code
                    for path, params in (("/v1/pull", {"limit": 50}), ("/v1/devices", {}),
                                         ("/v1/snapshot/info", {}), ("/v1/pull", {"cursor": 100}))]

    after_bursts, threads_in_gaps, busiest = [], [], 0
    for burst in range(5):
        with ThreadPoolExecutor(len(tokens)) as pool:
            statuses = [s for answer in pool.map(calls, tokens) for s in answer]
        assert set(statuses) == {200}, statuses
        busiest = max(busiest, threading.active_count())
        time.sleep(IDLE * 4)  # longer than the idle time: the burst's worker threads retire…
        requests.get(local_hub.url + "/v1/health", timeout=10)  # …when the next call comes
        time.sleep(IDLE)
        threads_in_gaps.append(threading.active_count())
        after_bursts.append(open_handles(local_hub.db))
    print(f"\nhandles on hub.sqlite/-wal after each burst: {after_bursts}; "
          f"threads busiest {busiest}, in gaps {threads_in_gaps}; pool {local_hub.hub.pool.open_count}")
    assert min(threads_in_gaps) < busiest, "the worker threads did not retire: the test tests nothing"
    assert after_bursts[-1] == after_bursts[0], after_bursts
    # the writer's connection and at most the pool's bound of readers, each with its WAL handle
    assert all(h["db"] <= 1 + 3 and h["wal"] <= 1 + 3 for h in after_bursts), after_bursts
    assert local_hub.hub.pool.open_count <= 3


def test_more_requests_than_readers_share_the_pool(tmp_path, new_hub_db):
    hub = InProcessHub(tmp_path, HubSettings(readers=1, reader_wait=30, enroll_rate=1000), new_hub_db)
    try:
        token = hub.token("ab" * 8)
        auth = {"Authorization": f"Bearer {token}"}
        with ThreadPoolExecutor(12) as pool:
            codes = list(pool.map(lambda _: requests.get(hub.url + "/v1/devices", headers=auth, timeout=60).status_code,
                                  range(48)))
        assert codes == [200] * 48
        assert hub.hub.pool.open_count == 1 and settled_handles(hub.db, 2) <= 2
    finally:
        hub.stop()


def test_a_pull_answer_is_streamed_with_the_bytes_of_a_json_answer(local_hub, tmp_path):
    county = with_records(tmp_path / "county.sqlite", 700)
    try:
        SyncClient(county, enroll(county, local_hub.url, local_hub.hub.write(
            lambda: local_hub.hub.store.create_code(COUNTY, "县团委")))).sync()
    finally:
        county.close()
    auth = {"Authorization": f"Bearer {local_hub.token('cd' * 8)}", "Accept-Encoding": "identity"}
    cursor, seen = 0, []
    while True:
        r = requests.get(local_hub.url + "/v1/pull", params={"cursor": cursor, "limit": 600}, headers=auth, timeout=60)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert "content-length" not in r.headers  # written as read, not built first
        body = r.json()
        # exactly what a JSONResponse of the same answer would hold
        assert r.content == json.dumps(body, ensure_ascii=False, allow_nan=False, indent=None,
                                       separators=(",", ":")).encode("utf-8")
        assert list(body) == ["changes", "keys", "cursor", "more", "hub_time_ms"]
        seen += body["changes"]
        cursor = body["cursor"]
        if not body["more"]:
            break
    assert len(seen) == len({(c["origin"], c["seq"]) for c in seen}) > 700
    assert local_hub.hub.store.device("cd" * 8).last_pull_cursor == cursor


def test_a_snapshot_is_written_once_and_served_from_disk(local_hub, tmp_path):
    county = with_records(tmp_path / "county.sqlite", 50)
    try:
        SyncClient(county, enroll(county, local_hub.url, local_hub.hub.write(
            lambda: local_hub.hub.store.create_code(COUNTY, "县团委")))).sync()
    finally:
        county.close()
    auth = {"Authorization": f"Bearer {local_hub.token('ef' * 8)}", "Accept-Encoding": "identity"}
    info = requests.get(local_hub.url + "/v1/snapshot/info", headers=auth, timeout=30).json()
    whole = requests.get(local_hub.url + "/v1/snapshot", params={"upto": info["cursor"]}, headers=auth, timeout=30)
    assert whole.status_code == 200 and int(whole.headers["content-length"]) == len(whole.content)
    files = list(local_hub.hub.snapshots.folder.glob("*.ndjson.gz"))
    assert len(files) == 1 and files[0].read_bytes() == whole.content
    stamp = files[0].stat().st_ino
    part = requests.get(local_hub.url + "/v1/snapshot", params={"upto": info["cursor"]}, timeout=30,
                        headers={**auth, "Range": "bytes=10-"})
    assert part.status_code == 206 and part.content == whole.content[10:]
    assert part.headers["content-range"] == f"bytes 10-{len(whole.content) - 1}/{len(whole.content)}"
    assert files[0].stat().st_ino == stamp  # served from the file, not written again
    lines = gzip.decompress(whole.content).decode("utf-8").splitlines()
    assert json.loads(lines[-1]) == {"end": info["count"]}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and systemd are the hub's Linux service; Windows ends a process without a signal to catch")
def test_sigterm_stops_the_hub_cleanly_with_status_0(tmp_path, new_hub_db):
    hub = start_hub(tmp_path, db=new_hub_db)
    try:
        token = hub.enroll("12" * 8, COUNTY)
        assert hub.get("/v1/pull", token=token).status_code == 200
        hub.proc.send_signal(signal.SIGTERM)
        assert hub.proc.wait(timeout=30) == 0
    finally:
        stop(hub.proc)
    log = hub.log.read_text(encoding="utf-8")
    assert "Traceback" not in log, log
    if isinstance(hub.db, str):  # closed cleanly: no connection left behind
        assert database_connections(hub.db) == 0
    else:  # closed cleanly: the instance lock is free
        Ledger.open(hub.db).close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_ledger_is_closed_after_sigterm_even_mid_request(tmp_path, new_hub_db):
    hub = start_hub(tmp_path, db=new_hub_db)
    try:
        token = hub.enroll("34" * 8, COUNTY)
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(hub.get, "/v1/devices", token) for _ in range(40)]
            time.sleep(0.05)
            hub.proc.send_signal(signal.SIGTERM)
            for f in futures:
                try:
                    f.result()
                except requests.RequestException:
                    pass  # refused once the hub stopped listening: fine
        assert hub.proc.wait(timeout=30) == 0
    finally:
        stop(hub.proc)
    assert "Traceback" not in hub.log.read_text(encoding="utf-8")
