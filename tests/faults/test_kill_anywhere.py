"""SIGKILL at random moments across bulk writes, an Excel import, sync push and pull (the
hub killed too, on a ledger file and on PostgreSQL), a package import and a migration; then
check, reopen and converge."""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
import requests

from old_ledgers import as_v1_held, make_v1_copy
from desktop.ledger import Ledger, migrations
from desktop.records import KINDS

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
COUNTY, TOWNSHIP = "130111", "130111200"
COUNTY_ORG, TOWNSHIP_ORG = f"org-county_committee-{COUNTY}", f"org-township_committee-{TOWNSHIP}"
CHILD_LIMIT = 120.0  # seconds a child may run before the trial counts as hung


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT)
    env["TOWNSHIP_LEDGER_LANG"] = "en"
    return env


# ------------------------------------------------------------------------------ killing
class Child:
    """A worker process whose output lines arrive on a queue."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(WORKER), *args], cwd=PROJECT, env=_env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def wait_for(self, n_steps: int) -> bool:
        """Wait for "ready" and then *n_steps* "step" lines; False when the child ended first."""
        deadline = time.monotonic() + CHILD_LIMIT
        seen_ready, steps = False, 0
        while not seen_ready or steps < n_steps:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None or line == "done":
                return False
            if line == "ready":
                seen_ready = True
            elif line == "step":
                steps += 1
        return True

    def kill(self) -> bool:
        """SIGKILL; True when the child was still working."""
        running = self.proc.poll() is None
        self.proc.send_signal(signal.SIGKILL)  # nothing is sent to a process that has ended
        self.proc.wait(timeout=30)
        err = self.proc.stderr.read()
        if not running:  # it finished before the kill: then it must have finished well
            assert self.proc.returncode == 0, err
        return running


def kill_at_random(rng: random.Random, args: tuple[str, ...], max_steps: int, max_delay: float) -> bool:
    child = Child(*args)
    if child.wait_for(rng.randint(0, max_steps)):
        time.sleep(rng.uniform(0, max_delay))
    return child.kill()


# ------------------------------------------------------------------------------ checks
def records(ledger: Ledger, scope: str | None = None) -> dict[str, list[dict]]:
    out = {}
    for kind in KINDS:
        rows = ledger.query(kind, scope=scope, include_deleted=True)
        out[kind] = sorted(rows, key=lambda r: r["id"])
    return out


def assert_whole(path: Path, tmp: Path) -> Ledger:
    """The ledger opens for writing (its lock is free), ``check`` finds nothing, and its tables
    are exactly the replay of its change log (no half transaction).  Returns it open."""
    ledger = Ledger.open(path)
    assert ledger.check() == []
    replay_path = tmp / f"replay-{random.random()}.sqlite"
    with Ledger.new(replay_path, scope=ledger.scope, operator="replay") as replay:
        changes, _ = ledger.changes_since(0)
        replay.apply_changes(changes)
        assert records(replay) == records(ledger)
    return ledger


def origin_seqs(hub_db: Path | str, origin: str) -> list[int]:
    """The sequence numbers of *origin*'s changes the hub holds (a ledger file or a database)."""
    if isinstance(hub_db, str):
        from sync.hub.dialect import connect

        conn = connect(hub_db)
    else:
        conn = sqlite3.connect(f"file:{hub_db}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT origin_seq FROM change_log WHERE origin=? ORDER BY origin_seq",
                                           (origin,))]
    finally:
        conn.close()


def member_rows(org: str, n: int, start: int = 0) -> list[dict]:
    return [dict(org_id=org, name=f"成员{i:05d}", gender="male", post="member", employment="part_time",
                 source="other", joined_on="2020-01-01") for i in range(start, start + n)]


def township_ledger(path: Path, members: int) -> Ledger:
    ledger = Ledger.new(path, scope=TOWNSHIP, operator="乡团委")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    for start in range(0, members, 250):
        ledger.create_many("committee_member", member_rows(TOWNSHIP_ORG, min(250, members - start), start))
    return ledger


# ------------------------------------------------------------------------------ bulk writes
@pytest.mark.parametrize("trial", range(30))
def test_bulk_writes(trial, tmp_path, record_trial):
    rng = random.Random(1000 + trial)
    path = tmp_path / "ledger.sqlite"
    township_ledger(path, 0).close()
    ok = False
    try:
        kill_at_random(rng, ("bulk", str(path)), 40, 0.05)
        with assert_whole(path, tmp_path) as ledger:
            assert ledger.count("committee_member") % 40 == 0  # whole transactions only
            ledger.create_many("committee_member", member_rows(TOWNSHIP_ORG, 3, 90000))  # writes go on
        ok = True
    finally:
        record_trial("bulk", ok)


# ------------------------------------------------------------------------------ Excel import
@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "委员名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "职务", "任职方式", "来源类别", "任职日期", "联系电话"])
    for i in range(1500):
        ws.append([f"委员{i:05d}", "男" if i % 2 else "女", "委员", "兼职", "其他", "2021-05-01", f"139{i:08d}"])
    wb.save(path)
    return path


@pytest.mark.parametrize("trial", range(15))
def test_excel_import(trial, tmp_path, roster, record_trial):
    rng = random.Random(2000 + trial)
    path = tmp_path / "ledger.sqlite"
    township_ledger(path, 0).close()
    ok = False
    try:
        kill_at_random(rng, ("excel", str(path), str(roster), TOWNSHIP), 3, 1.5)
        with assert_whole(path, tmp_path) as ledger:
            assert ledger.count("committee_member") in (0, 1500)  # the import is one transaction
        ok = True
    finally:
        record_trial("excel", ok)


# ------------------------------------------------------------------------------ sync
class Hub:
    """A real hub process on 127.0.0.1 that can be killed and started again on its port, on a
    ledger file or (*db*, an address) a PostgreSQL database."""

    def __init__(self, folder: Path, db: Path | str | None = None) -> None:
        self.db = folder / "hub.sqlite" if db is None else db
        self.log = folder / "hub.log"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        with open(self.log, "a", encoding="utf-8") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "sync.hub.cli", "serve", "--db", str(self.db),
                                          "--host", "127.0.0.1", "--port", str(self.port),
                                          "--enroll-rate", "1000"], cwd=PROJECT,  # every trial enrolls
                                         env=_env(), stdout=subprocess.PIPE, stderr=err, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()), daemon=True).start()
        line = lines.get(timeout=60)
        assert "http://" in line, self.log.read_text(encoding="utf-8")
        self.url = line[line.index("http://"):].strip()
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))
        assert requests.get(self.url + "/v1/health", timeout=10).status_code == 200

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def code(self, scope: str) -> str:
        done = subprocess.run([sys.executable, "-m", "sync.hub.cli", "enroll", "--db", str(self.db), "--scope", scope,
                               "--name", "测试单位"], cwd=PROJECT, env=_env(), capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    def enroll(self, ledger: Ledger) -> None:
        from sync.client import enroll

        enroll(ledger, self.url, self.code(ledger.scope), "测试电脑")


@pytest.fixture(scope="module", params=("sqlite", "postgres"))
def hub(request, tmp_path_factory):
    """The hub of the sync trials, once on a ledger file and once on a PostgreSQL database (of
    the session's throwaway cluster; skipped, with the reason, where none can run)."""
    folder = tmp_path_factory.mktemp("hub")
    db = request.getfixturevalue("pg_cluster").new_database() if request.param == "postgres" else None
    process = Hub(folder, db)
    yield process
    process.stop()


def sync_to_the_end(path: Path, hub: Hub) -> None:
    from sync.client import SyncClient

    with Ledger.open(path) as ledger:
        SyncClient(ledger).sync()


@pytest.mark.parametrize("trial", range(15))
def test_sync_push(trial, tmp_path, hub, record_trial):
    """A township pushes ~1,500 changes; the client is killed (or, every third trial, the
    hub); finishing the sync leaves every (origin, seq) on the hub exactly once."""
    rng = random.Random(3000 + trial)
    path = tmp_path / "device.sqlite"
    with township_ledger(path, 1500) as ledger:
        hub.enroll(ledger)
        device = ledger.device_id
        last = ledger.version_vector()[device]  # the last sequence number of its own changes
    ok = False
    try:
        if trial % 3 == 2:
            child = Child("sync", str(path))
            if child.wait_for(rng.randint(0, 2)):
                time.sleep(rng.uniform(0, 0.3))
            hub.kill()
            hub.start()  # the client retries with backoff and goes on where the hub stopped
            child.proc.wait(timeout=CHILD_LIMIT)
        else:
            kill_at_random(rng, ("sync", str(path)), 2, 0.3)
        assert_whole(path, tmp_path).close()
        sync_to_the_end(path, hub)
        with Ledger.open(path) as ledger:
            assert ledger.pending_changes() == 0
        seqs = origin_seqs(hub.db, device)
        assert seqs == list(range(1, last + 1))  # each once, none missing
        ok = True
    finally:
        record_trial("sync push", ok)


@pytest.fixture(scope="module")
def published(hub, tmp_path_factory) -> Ledger:
    """A township ledger whose ~2,000 changes are on the hub (pulled by the trials)."""
    path = tmp_path_factory.mktemp("source") / "source.sqlite"
    ledger = township_ledger(path, 2000)
    hub.enroll(ledger)
    ledger.close()
    sync_to_the_end(path, hub)
    ledger = Ledger.open(path, read_only=True)
    yield ledger
    ledger.close()


@pytest.mark.parametrize("trial", range(15))
def test_sync_pull(trial, tmp_path, hub, published, record_trial):
    rng = random.Random(4000 + trial)
    path = tmp_path / "county.sqlite"
    with Ledger.new(path, scope=COUNTY, operator="县团委") as ledger:
        hub.enroll(ledger)
    ok = False
    try:
        kill_at_random(rng, ("sync", str(path)), 2, 0.5)
        assert_whole(path, tmp_path).close()
        sync_to_the_end(path, hub)
        with Ledger.open(path) as ledger:
            assert records(ledger, TOWNSHIP) == records(published, TOWNSHIP)
        ok = True
    finally:
        record_trial("sync pull", ok)


# ------------------------------------------------------------------------------ packages
@pytest.fixture(scope="module")
def package_pair(tmp_path_factory):
    """A county ledger that trusts a township, and the township's package for it."""
    from sync import packages as P

    folder = tmp_path_factory.mktemp("packages")
    township = township_ledger(folder / "township.sqlite", 1500)
    county = Ledger.new(folder / "county.sqlite", scope=COUNTY, operator="县团委")
    for a, b in ((township, county), (county, township)):
        card = P.peer_identity_file(a, folder / f"{a.device_id}.tlid")
        P.trust_peer(b, P.read_identity_file(card), "fingerprint")
    (folder / "stick").mkdir()
    package = P.export_package(township, folder / "stick", county.device_id)
    county.close()
    yield folder / "county.sqlite", package, township
    township.close()


@pytest.mark.parametrize("trial", range(13))
def test_package_import(trial, tmp_path, package_pair, record_trial):
    from sync import packages as P

    rng = random.Random(5000 + trial)
    county_file, package, township = package_pair
    path = tmp_path / "county.sqlite"
    shutil.copy(county_file, path)
    ok = False
    try:
        kill_at_random(rng, ("package", str(path), str(package)), 0, 1.0)
        with assert_whole(path, tmp_path) as ledger:
            P.import_package(ledger, package)
            seq = ledger.last_seq()
            P.import_package(ledger, package)  # importing twice changes nothing
            assert ledger.last_seq() == seq
            assert records(ledger, TOWNSHIP) == records(township, TOWNSHIP)
        ok = True
    finally:
        record_trial("package import", ok)


# ------------------------------------------------------------------------------ migration
@pytest.fixture(scope="module")
def first_version(tmp_path_factory):
    """A county demo ledger as the first schema version wrote it, and its records."""
    from desktop.tools import synthetic

    folder = tmp_path_factory.mktemp("v1")
    with Ledger.new(folder / "now.sqlite", scope=COUNTY, operator="演示") as src:
        synthetic.build(src, COUNTY, seed=3)
        make_v1_copy(src, folder / "v1.sqlite")
        expected = as_v1_held(src, records(src))
    return folder / "v1.sqlite", expected


@pytest.mark.parametrize("trial", range(12))
def test_migration(trial, tmp_path, first_version, record_trial):
    rng = random.Random(6000 + trial)
    v1, expected = first_version
    path = tmp_path / "old.sqlite"
    shutil.copy(v1, path)
    ok = False
    try:
        kill_at_random(rng, ("open", str(path)), 0, 0.8)
        with assert_whole(path, tmp_path) as ledger:
            assert ledger.schema_version == migrations.CURRENT_VERSION
            assert records(ledger) == expected
        ok = True
    finally:
        record_trial("migration", ok)
