"""The hub client against REAL hub processes on 127.0.0.1 (no mocked transport).

Every test starts its own hub (``python -m sync.hub.cli serve``) on a free port with its
own database, enrolls devices with ``python -m sync.hub.cli enroll`` and syncs real
ledgers: two townships of one county (130111200 南高乡, 130111103 冶河镇), the county
(130111) and the hub.  Faults are real too: the hub is SIGKILLed mid-push and restarted,
a pulling client process is SIGKILLed after its first page.
"""

from __future__ import annotations

import gzip
import http.client
import http.server
import json
import os
import queue
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from conftest import BACKENDS, hub_db, read_hub_ledger
from desktop.tools import synthetic
from desktop.ledger import Ledger
from desktop.records import KINDS
from sync.packages import device_keys
from sync.signatures import sign_own
from sync.client import (REJECTED_KEY, DeviceRevoked, HubUnreachable, SyncCancelled, SyncClient, SyncSettings,
                         Unauthorized, enroll, load_settings, rejected_changes, save_settings)

PROJECT = Path(__file__).resolve().parents[2]
#: the hub's command module (overridable to try the client against another hub build)
HUB_MODULE = os.environ.get("TOWNSHIP_TEST_HUB_MODULE", "sync.hub.cli")

COUNTY = "130111"
T1 = "130111200"  # 南高乡
T2 = "130111103"  # 冶河镇
DAY_S = 24 * 3600

pytestmark = pytest.mark.skipif(
    HUB_MODULE == "sync.hub.cli" and not (PROJECT / "sync" / "hub" / "cli.py").exists(),
    reason="the hub (sync/hub/cli.py) is not there yet")


# ============================================================================ hub processes
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env["TOWNSHIP_LEDGER_HOME"] = str(tmp / "home")
    env.pop("TOWNSHIP_LEDGER", None)
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    return env


class Hub:
    """One hub process serving ``db`` on 127.0.0.1:``port``; restartable on the same port."""

    def __init__(self, tmp: Path, name: str = "hub", db: Path | str | None = None) -> None:
        self.tmp = tmp
        #: a ledger file, or a PostgreSQL database's address
        self.db = tmp / f"{name}.sqlite" if db is None else db
        self.port = free_port()
        self.log = tmp / f"{name}.log"
        self.proc: subprocess.Popen | None = None
        self.env = child_env(tmp)
        #: more options of ``township-hub serve`` (``--data-dir DIR`` …)
        self.options: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def hub_cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", HUB_MODULE, *args], cwd=PROJECT, env=self.env,
                                capture_output=True, text=True, encoding="utf-8", timeout=120)
        if check:
            assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def start(self, timeout: float = 60) -> None:
        """Start the hub and wait for the line it prints once it serves (no polling)."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", HUB_MODULE, "serve", "--db", str(self.db), "--host", "127.0.0.1",
             "--port", str(self.port), *self.options], cwd=PROJECT, env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._drain, args=(self.proc, lines), daemon=True).start()
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            line = ""
        if f":{self.port}" not in line:  # "listening on http://127.0.0.1:PORT", in the hub's language
            self.kill()
            raise AssertionError(f"the hub did not start:\n{self.log.read_text('utf-8', 'replace')}")
        assert requests.get(self.url + "/v1/health", timeout=10).status_code == 200

    def _drain(self, proc: subprocess.Popen, lines: queue.Queue) -> None:
        """Copy the hub's output to its log; hand the first line to ``start``."""
        with open(self.log, "a", encoding="utf-8") as log:
            for n, line in enumerate(proc.stdout):
                log.write(line)
                log.flush()
                if n == 0:
                    lines.put(line)
        lines.put("")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no chance to finish anything."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()  # SIGKILL; TerminateProcess on Windows
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def code(self, scope: str, name: str) -> str:
        out = self.hub_cli("enroll", "--db", str(self.db), "--scope", scope, "--name", name).stdout
        return out.strip().splitlines()[-1].strip()

    def revoke(self, device_id: str) -> None:
        self.hub_cli("revoke", "--db", str(self.db), device_id)

    def ledger(self):
        """The hub's own ledger, read-only beside the running hub (``with hub.ledger() as h``)."""
        return read_hub_ledger(self.db)


@pytest.fixture(params=BACKENDS)
def hub(request, tmp_path):
    h = Hub(tmp_path, db=hub_db(request, tmp_path))
    h.start()
    yield h
    h.stop()
    text = h.log.read_text("utf-8", "replace")
    assert "Traceback" not in text, text


#: quick retries for tests (the defaults wait 1, 2, 4 … 30 s)
def fast(**kw) -> SyncSettings:
    s = SyncSettings(connect_timeout=3, read_timeout=60, retries=8, backoff_base=0.1, backoff_cap=1.0)
    for k, v in kw.items():
        setattr(s, k, v)
    return s


class Devices:
    def __init__(self, tmp: Path, hub: Hub) -> None:
        self.tmp, self.hub = tmp, hub
        self.open: list[Ledger] = []

    def new(self, scope: str, name: str, *, enroll_scope: str | None = None, settings: SyncSettings | None = None) -> Ledger:
        ledger = Ledger.new(self.tmp / f"{name}.sqlite", scope=scope, operator=name)
        self.open.append(ledger)
        code = self.hub.code(enroll_scope or scope, name)
        enroll(ledger, self.hub.url, code, name=name, settings=settings or fast())
        return ledger

    def close(self) -> None:
        for ledger in self.open:
            if ledger.conn is not None:
                ledger.close()


@pytest.fixture
def devices(tmp_path, hub):
    d = Devices(tmp_path, hub)
    yield d
    d.close()


def sync(ledger: Ledger, **kw):
    return SyncClient(ledger, **kw).sync()


# ============================================================================ data
def committee(ledger: Ledger, code: str, name: str | None = None) -> str:
    """The committee of *code* (``init`` made the ledger's own one already)."""
    kind = {6: "county_committee", 9: "township_committee"}[len(code)]
    existing = f"org-{kind}-{code}"
    if ledger.get("organisation", existing) is not None:
        return existing
    return ledger.organisations.create(kind=kind, name=name or f"{code}团委", division_code=code)


def member(org: str, n: int, **extra) -> dict:
    d = {"org_id": org, "name": f"委员{n}", "gender": "female" if n % 2 else "male", "post": "member",
         "employment": "part_time", "source": "other", "joined_on": "2020-01-01",
         "birth_date": f"19{70 + n % 30}-0{1 + n % 9}-1{n % 10}"}
    d.update(extra)
    return d


def publicity(org: str, n: int) -> dict:
    return {"org_id": org, "published_on": "2024-05-01", "channel": "website", "title": f"宣传信息 {n}"}


def visible(ledger: Ledger, scope: str) -> dict[str, list[tuple]]:
    """Every record table, SELECT * ORDER BY id, limited to what a device of *scope* holds:
    its scope and below, and what its ancestors publish downward."""
    out = {}
    for k in KINDS:
        rows = ledger.conn.execute(f"SELECT * FROM {k} ORDER BY id").fetchall()
        out[k] = [tuple(r) for r in rows if r["scope"].startswith(scope) or scope.startswith(r["scope"])]
    return out


def own_changes(ledger: Ledger) -> list[tuple[str, int]]:
    return [tuple(r) for r in ledger.conn.execute(
        "SELECT origin, origin_seq FROM change_log WHERE origin = ? ORDER BY origin_seq", (ledger.device_id,))]


def hub_has(hub: Hub, origin: str) -> list[int]:
    with hub.ledger() as h:
        return [r[0] for r in h.conn.execute(
            "SELECT origin_seq FROM change_log WHERE origin = ? ORDER BY origin_seq", (origin,))]


def assert_converged(hub: Hub, ledgers: list[Ledger]) -> None:
    with hub.ledger() as h:
        for a in ledgers:
            for b in [h] + ledgers:
                if b is a or not a.scope.startswith(b.scope):
                    continue  # b holds all of a's scope only when a's scope lies in b's
                assert visible(a, a.scope) == visible(b, a.scope), (a.scope, b.scope)


# ============================================================================ convergence and merge
def test_townships_and_county_converge_after_offline_edits(devices, hub):
    t1 = devices.new(T1, "南高乡")
    t2 = devices.new(T2, "冶河镇")
    county = devices.new(COUNTY, "栾城区")

    # offline: everyone works on its own
    org1 = committee(t1, T1, "南高乡团委")
    t1.committee_members.create_many([member(org1, n) for n in range(20)])
    org2 = committee(t2, T2, "冶河镇团委")
    t2.committee_members.create_many([member(org2, n) for n in range(15)])
    t2.publicity_items.create_many([publicity(org2, n) for n in range(30)])
    corg = committee(county, COUNTY, "栾城区团委")
    county.checklist_templates.create(level="township", system="organisation", code="X1", title="县级对标事项")
    # the county also registers 南高乡's committee (same natural id, another name): they must merge
    committee(county, T1, "南高乡团委（县录入）")
    county.committee_members.create(**member(corg, 1))

    for ledger in (t1, t2, county, t1, t2, county):
        result = sync(ledger)
        assert result.push.rejected == 0
    assert_converged(hub, [t1, t2, county])
    for ledger in (t1, t2, county):
        assert ledger.pending_changes() == 0, ledger.scope
        assert ledger.meta("last_sync") and ledger.meta("last_sync_error") == ""
    # the townships got what the county publishes downward, and not each other's records
    assert t1.checklist_templates.count(where={"code": "X1"}) == 1
    assert t2.organisations.get(org1) is None and t1.organisations.get(org2) is None
    assert county.committee_members.count(scope=T1) == 20 and county.publicity_items.count(scope=T2) == 30
    # one row for the committee both created; the overwritten name is kept as a conflict on one side
    names = {ledger.organisations.get(org1)["name"] for ledger in (t1, county)}
    assert len(names) == 1
    lost = [c for ledger in (t1, county) for c in ledger.conflicts() if c.record_id == org1 and c.field == "name"]
    assert len(lost) == 1 and lost[0].won_value in names


def test_same_field_edited_concurrently_loser_kept_as_conflict(devices, hub):
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    org = committee(t1, T1)
    m = t1.committee_members.create(**member(org, 1))
    sync(t1), sync(county)
    # offline, both edit the same field; the county's edit is the later one
    t1.committee_members.update(m, duty="乡镇填写")
    county.clock.observe(t1.clock.last)  # the county's edit comes later (as on a later day)
    county.committee_members.update(m, duty="县里填写")
    sync(t1), sync(county), sync(t1)
    for ledger in (t1, county):
        assert ledger.committee_members.get(m)["duty"] == "县里填写"
    assert county.conflicts() == []
    [c] = t1.conflicts()
    assert (c.record_id, c.field, c.lost_value, c.won_value) == (m, "duty", "乡镇填写", "县里填写")
    assert_converged(hub, [t1, county])


def test_different_fields_of_one_record_both_survive(devices, hub):
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    org = committee(t1, T1)
    m = t1.committee_members.create(**member(org, 1))
    sync(t1), sync(county)
    t1.committee_members.update(m, duty="组织委员")
    county.committee_members.update(m, employer="栾城区农业农村局")
    sync(t1), sync(county), sync(t1)
    for ledger in (t1, county):
        row = ledger.committee_members.get(m)
        assert (row["duty"], row["employer"]) == ("组织委员", "栾城区农业农村局")
        assert ledger.conflicts() == []
    assert_converged(hub, [t1, county])


def test_delete_against_edit(devices, hub):
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    org = committee(t1, T1)
    m = t1.committee_members.create(**member(org, 1))
    sync(t1), sync(county)
    t1.committee_members.delete(m)            # the township deletes it …
    county.committee_members.update(m, duty="宣传委员")  # … while the county edits it
    sync(county), sync(t1), sync(county)
    for ledger in (t1, county):
        assert ledger.committee_members.get(m) is None                      # the delete stands
        assert ledger.committee_members.get(m, include_deleted=True)["duty"] == "宣传委员"  # the edit too
    assert_converged(hub, [t1, county])
    county.committee_members.restore(m)      # restoring shows the edit, everywhere
    sync(county), sync(t1)
    assert t1.committee_members.get(m)["duty"] == "宣传委员"
    assert_converged(hub, [t1, county])


def test_county_relays_township_changes(devices, hub):
    """A township hands its changes to the county on a USB stick; the county relays them
    to the hub with their origin kept; the township's own later push is all duplicate."""
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    org = committee(t1, T1)
    t1.committee_members.create_many([member(org, n) for n in range(5)])
    sign_own(t1, device_keys(t1)[0])  # as a package export signs them
    county.apply_changes(t1.changes_since(0)[0])  # the data package
    result = sync(county)
    assert result.push.applied == 6 and result.push.rejected == 0
    assert hub_has(hub, t1.device_id) == [s for _, s in own_changes(t1)]
    result = sync(t1)
    assert (result.push.applied, result.push.duplicate) == (0, 6)
    assert_converged(hub, [t1, county])


# ============================================================================ idempotency and faults
def test_same_batch_pushed_twice_counts_once(devices, hub):
    t1 = devices.new(T1, "南高乡")
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(120)])
    client = SyncClient(t1)
    first = client.push()
    assert (first.applied, first.duplicate, first.rejected) == (121, 0, 0)
    t1.set_meta("push_cursor", "0")
    assert t1.pending_changes() == 121
    again = client.push()
    assert (again.applied, again.duplicate, again.rejected) == (0, 121, 0)
    assert t1.pending_changes() == 0
    assert hub_has(hub, t1.device_id) == list(range(1, 122))
    with hub.ledger() as h:
        assert h.publicity_items.count() == 120
    # gzip on the way up; a right clock gives no warning
    assert 0 < client.stats.bytes_sent < client.stats.raw_sent / 4
    assert abs(client.clock_skew_ms) < 5000 and client.clock_warning is None


def test_schema_newer_than_the_hub_is_refused_and_nothing_stored(devices, hub, monkeypatch):
    from desktop.ledger.migrations import CURRENT_VERSION
    from sync.client import SchemaTooNew

    t1 = devices.new(T1, "南高乡")
    committee(t1, T1)
    monkeypatch.setattr(Ledger, "schema_version", property(lambda self: CURRENT_VERSION + 1))
    with pytest.raises(SchemaTooNew) as info:
        sync(t1)
    assert str(CURRENT_VERSION + 1) in info.value.text("en")
    assert t1.pending_changes() == 1 and hub_has(hub, t1.device_id) == []
    with pytest.raises(SchemaTooNew):
        enroll(t1, hub.url, hub.code(T1, "新版本"))
    monkeypatch.undo()
    assert sync(t1).push.applied == 1


class _PushWatcher(requests.Session):
    """A plain requests session that calls ``on_push(n, request)`` before sending the n-th push."""

    def __init__(self, on_push) -> None:
        super().__init__()
        self.on_push, self.pushes = on_push, 0

    def send(self, request, **kw):
        if request.method == "POST" and request.url.endswith("/v1/push"):
            self.pushes += 1
            self.on_push(self.pushes, request)
        return super().send(request, **kw)


def _push_through_hub_death(devices, hub, session_for) -> tuple[Ledger, object]:
    """Push 3,000 changes in batches of 500 while the hub is SIGKILLed once (and restarted
    0.3 s later on the same port and database) at the moment ``session_for`` chooses."""
    t1 = devices.new(T1, "南高乡", settings=fast(batch_size=500, retries=30))
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(2999)])
    restarted = threading.Event()

    def restart_later() -> None:  # the old process is dead (kill waits); the port is free again
        hub.start()
        restarted.set()

    def kill() -> None:
        hub.kill()
        threading.Thread(target=restart_later, daemon=True).start()

    client = SyncClient(t1, session=session_for(kill))
    result = client.push()
    assert restarted.wait(60)
    assert client.stats.retries >= 1  # the hub really died under the push
    return t1, result


def test_hub_killed_after_storing_a_batch_reply_lost(devices, hub):
    """The hub stores the second batch, then dies before the device reads the answer; the
    device retries until the restarted hub answers "duplicate"."""
    def session_for(kill):
        session = requests.Session()
        pushes = []

        def hook(resp, *args, **kw):
            if resp.request.method == "POST" and resp.request.url.endswith("/v1/push"):
                pushes.append(resp.status_code)
                if len(pushes) == 2:
                    assert resp.status_code == 200
                    kill()
                    raise requests.ConnectionError("the answer was lost")
            return resp
        session.hooks["response"].append(hook)
        return session

    t1, result = _push_through_hub_death(devices, hub, session_for)
    assert result.applied + result.duplicate == 3000 and result.rejected == 0
    assert result.duplicate == 500  # exactly the batch whose answer was lost
    assert t1.pending_changes() == 0
    assert hub_has(hub, t1.device_id) == list(range(1, 3001))  # nothing lost, nothing twice
    with hub.ledger() as h:
        assert h.publicity_items.count() == 2999


@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03])
def test_hub_killed_while_it_receives_a_batch(devices, hub, delay):
    """SIGKILL a few ms after the third batch leaves: the hub dies while it reads, applies
    or answers it (wherever that is); the device retries; the result is the same."""
    def session_for(kill):
        return _PushWatcher(lambda n, request: threading.Timer(delay, kill).start() if n == 3 else None)

    t1, result = _push_through_hub_death(devices, hub, session_for)
    assert result.applied + result.duplicate == 3000 and result.rejected == 0
    assert result.duplicate in (0, 500)
    assert t1.pending_changes() == 0
    assert hub_has(hub, t1.device_id) == list(range(1, 3001))
    with hub.ledger() as h:
        assert h.publicity_items.count() == 2999


PULL_CHILD = textwrap.dedent("""
    import sys, time
    from desktop.ledger import Ledger
    from sync.client import SyncClient, load_settings

    ledger = Ledger.open(sys.argv[1])
    settings = load_settings(ledger)
    settings.page_size = 40
    def stop_after_first_page(done, total):
        print("page stored", flush=True)  # the page and its cursor are committed: kill me here
        sys.stdin.readline()

    SyncClient(ledger, settings).pull(progress=stop_after_first_page)
    print("finished")
""")


def test_client_killed_mid_pull_resumes_without_doubles(devices, hub, tmp_path):
    source = devices.new(COUNTY, "县里旧电脑")
    synthetic.build(source, COUNTY, seed=0)
    pushed = sync(source).push
    assert pushed.rejected == 0 and pushed.applied > 400
    fresh = devices.new(COUNTY, "县里新电脑")
    path = fresh.path
    fresh.close()

    child = subprocess.Popen([sys.executable, "-c", PULL_CHILD, str(path)], cwd=PROJECT, env=child_env(tmp_path),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ro = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert child.stdout.readline().strip() == "page stored", child.communicate()
        child.kill()  # SIGKILL; TerminateProcess on Windows
        child.wait(30)
        got_before = ro.execute("SELECT count(*) FROM change_log WHERE origin = ?", (source.device_id,)).fetchone()[0]
    finally:
        ro.close()
    assert 0 < got_before < pushed.applied  # killed in the middle, after a committed page

    again = Ledger.open(path)  # unclean close: the quick check runs
    devices.open.append(again)
    result = SyncClient(again).pull()
    assert result.duplicate == 0 and result.applied == pushed.applied - got_before
    assert again.check() == []
    assert [s for o, s in again.conn.execute(
        "SELECT origin, origin_seq FROM change_log WHERE origin=? ORDER BY origin_seq", (source.device_id,))] == \
        [s for _, s in own_changes(source)]
    assert again.conflicts() == []
    assert visible(again, COUNTY) == visible(source, COUNTY)
    assert_converged(hub, [source, again])


# ============================================================================ clocks
def test_clock_a_day_ahead_is_refused_corrected_and_its_edits_still_arrive(devices, hub, monkeypatch):
    """A township PC 25 hours ahead: the hub refuses its changes as they are (they would drag
    every clock along), tells it how far off it is, and the client corrects its clock and writes
    the same values again with real time: the county gets them, and no clock moved ahead."""
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    # a day (and an hour) ahead
    monkeypatch.setattr(t1.clock, "wall", lambda: time.time() + DAY_S + 3600)
    org = committee(t1, T1)
    m = t1.committee_members.create(**member(org, 1))
    client = SyncClient(t1)
    result = client.sync()
    assert abs(client.clock_skew_ms + (DAY_S + 3600) * 1000) < 60_000
    assert result.warnings and "25" in result.warnings[0]
    assert result.push.rejected >= 2            # the far-future originals were refused ...
    assert abs(t1.clock.correction_ms + (DAY_S + 3600) * 1000) < 60_000
    assert not t1.clock.runs_ahead()             # ... its clock came back ...
    assert t1.pending_changes() == 0             # ... and the values went again, stamped right
    assert result.push.accepted == 2             # the committee and the member, each counted once
    pulled = sync(county).pull
    assert pulled.flagged_future == 0 and county.future_changes() == []
    assert county.committee_members.get(m)["name"] == t1.committee_members.get(m)["name"]
    with hub.ledger() as h:
        assert h.future_changes() == []
        assert h.clock.last >> 16 < (time.time() + 3600) * 1000   # the hub's clock was not dragged along
    county.committee_members.update(m, duty="县里后来改的")   # a later real-time edit elsewhere wins
    sync(county), client.sync()
    assert t1.committee_members.get(m)["duty"] == "县里后来改的"


def test_clock_a_day_behind_is_reported_and_still_ordered_by_what_it_saw(devices, hub, monkeypatch):
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    monkeypatch.setattr(t1.clock, "wall", lambda: time.time() - DAY_S - 3600)
    org = committee(t1, T1)
    m = t1.committee_members.create(**member(org, 1))
    client = SyncClient(t1)
    client.sync()
    assert abs(client.clock_skew_ms - (DAY_S + 3600) * 1000) < 60_000
    assert client.clock_warning and "25" in client.clock_warning
    assert sync(county).pull.flagged_future == 0
    county.committee_members.update(m, duty="县里改的")
    sync(county)
    client.sync()  # the township sees the county's edit; its clock moves past it
    t1.committee_members.update(m, duty="乡里后来改的")
    client.sync(), sync(county)
    for ledger in (t1, county):
        assert ledger.committee_members.get(m)["duty"] == "乡里后来改的"
        assert ledger.conflicts() == []


# ============================================================================ authorisation
def test_foreign_township_record_is_refused_and_recorded_rest_applied(devices, hub, tmp_path):
    t1 = devices.new(T1, "南高乡")
    county = devices.new(COUNTY, "栾城区")
    # 冶河镇's records reach 南高乡's ledger by mistake (say, a wrong data package)
    with Ledger.new(tmp_path / "other.sqlite", scope=T2, operator="冶河镇") as other:
        org2 = committee(other, T2)
        other.committee_members.create(**member(org2, 7))
        foreign = other.changes_since(0)[0]
    t1.apply_changes(foreign)
    org1 = committee(t1, T1)
    t1.committee_members.create(**member(org1, 1))
    client = SyncClient(t1)
    result = client.sync()
    assert (result.push.applied, result.push.rejected) == (2, 2)
    assert not result.complete
    assert "2" in client.refused_summary(result.push) and T1 in client.refused_summary(result.push)
    refused = rejected_changes(t1)
    assert [(r["origin"], r["seq"], r["kind"], r["id"], r["direction"]) for r in refused] == \
        [(c.origin, c.origin_seq, c.kind, c.record_id, "push") for c in foreign]
    assert all(r["reason"] for r in refused)
    assert json.loads(t1.meta(REJECTED_KEY)) == refused
    assert t1.pending_changes() == 0  # answered: not sent again and again
    assert sync(t1).push.sent == 0
    sync(county)
    assert county.organisations.get(org2) is None and county.organisations.get(org1) is not None
    with hub.ledger() as h:
        assert h.organisations.get(org2) is None


def test_refused_list_keeps_the_last_200(devices, hub):
    t1 = devices.new(COUNTY, "错登记", enroll_scope=T2)  # a county ledger enrolled for one township
    org = committee(t1, COUNTY)
    t1.publicity_items.create_many([publicity(org, n) for n in range(249)])
    result = sync(t1).push
    assert result.rejected == 250
    refused = rejected_changes(t1)
    assert len(refused) == 200 and refused[-1]["seq"] == 250 and refused[0]["seq"] == 51


def test_revoked_token_fails_with_a_clear_message(devices, hub):
    t1 = devices.new(T1, "南高乡")
    committee(t1, T1)
    sync(t1)
    earlier = hub.code(T1, "南高乡（早先的接入码）")  # issued before the revocation
    hub.revoke(t1.device_id)
    t1.committee_members.create(**member(f"org-township_committee-{T1}", 1))
    with pytest.raises(Unauthorized) as info:
        sync(t1)
    assert "revoked" in info.value.text("en")
    assert t1.meta("last_sync_error") == str(info.value)
    assert t1.pending_changes() == 1  # nothing lost
    # a code issued before the revocation does not bring it back; the old settings stay
    old_token = load_settings(t1).token
    with pytest.raises(DeviceRevoked) as refused:
        enroll(t1, hub.url, earlier, settings=load_settings(t1))
    assert "after the revocation" in refused.value.text("en")
    assert load_settings(t1).token == old_token
    # one the admin issues afterwards does, and the change kept meanwhile goes up
    enroll(t1, hub.url, hub.code(T1, "南高乡（重新登记）"), settings=load_settings(t1))
    assert load_settings(t1).token != old_token
    assert sync(t1).push.applied == 1 and t1.pending_changes() == 0


def test_unreachable_hub_fails_fast_and_is_recorded(devices, hub):
    t1 = devices.new(T1, "南高乡")
    hub.stop()
    started = time.monotonic()
    with pytest.raises(HubUnreachable) as info:
        sync(t1)
    assert time.monotonic() - started < 10
    assert hub.url in info.value.text("en")
    assert t1.meta("last_sync_error") == str(info.value)
    assert SyncClient(t1).probe() is False


def test_cancel_between_batches_keeps_what_was_sent(devices, hub):
    from sync.client import SyncCancelled

    t1 = devices.new(T1, "南高乡", settings=fast(batch_size=100))
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(499)])
    seen = []
    with pytest.raises(SyncCancelled):
        SyncClient(t1).push(progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 2)
    assert seen == [(100, 500), (200, 500)]
    assert t1.pending_changes() == 300
    assert SyncClient(t1).push().applied == 300


# ------------------------------------------------------------- one batch or page ahead
class _Faults(requests.Session):
    """A plain requests session with faults of the tests' choosing: ``too_large(body)`` answers
    a push 413 as a hub with a smaller body limit would; ``answer_push(n, answer)`` may alter the
    n-th push's answer; ``before_pull(n)`` runs before the n-th pull is sent (and may raise)."""

    def __init__(self, too_large=None, answer_push=None, before_pull=None) -> None:
        super().__init__()
        self.too_large, self.answer_push, self.before_pull = too_large, answer_push, before_pull
        self.pushes = self.pulls = 0
        #: the threads the calls were sent from, by path
        self.threads: dict[str, set[str]] = {"push": set(), "pull": set()}

    def send(self, request, **kw):
        if request.url.split("?")[0].endswith("/v1/push"):
            self.threads["push"].add(threading.current_thread().name)
            body = request.body if isinstance(request.body, bytes) else request.body.getvalue()
            if self.too_large and self.too_large(_changes_in(body)):
                return _answer(request, 413, {"error": "too_large", "message": "The request body is too large."})
            self.pushes += 1
            resp = super().send(request, **kw)
            if self.answer_push and resp.status_code == 200:
                answer = self.answer_push(self.pushes, resp.json())
                return _answer(request, 200, answer, resp.headers.get("X-Hub-Time-Ms"))
            return resp
        if "/v1/pull" in request.url:
            self.threads["pull"].add(threading.current_thread().name)
            self.pulls += 1
            if self.before_pull:
                self.before_pull(self.pulls)
        return super().send(request, **kw)


def _changes_in(body: bytes) -> int:
    """How many changes a push's body holds."""
    return len(json.loads(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)["changes"])


def _answer(request, status: int, body: dict, hub_time: str | None = None) -> requests.Response:
    resp = requests.Response()
    resp.status_code, resp.request, resp.url = status, request, request.url
    resp._content = json.dumps(body).encode()
    resp.headers["Content-Type"] = "application/json"
    if hub_time:
        resp.headers["X-Hub-Time-Ms"] = hub_time
    return resp


def _held_once(hub, n: int, title_prefix: str = "宣传信息") -> None:
    """The hub holds *n* publicity items, each once, and one change per item."""
    with hub.ledger() as h:
        titles = [r[0] for r in h.conn.execute("SELECT title FROM publicity_item")]
        logged = h.conn.execute("SELECT COUNT(*), COUNT(DISTINCT record_id) FROM change_log "
                                "WHERE kind = 'publicity_item'").fetchone()
    assert len(titles) == len(set(titles)) == n and all(t.startswith(title_prefix) for t in titles)
    assert tuple(logged) == (n, n)


def test_a_push_halves_its_batches_when_the_hub_finds_them_too_large(devices, hub):
    """The batch read ahead while the hub stores the last one is dropped when the hub refuses
    that size: the halved batch starts where the answered ones end, nothing is sent twice."""
    t1 = devices.new(T1, "南高乡", settings=fast(batch_size=400))
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(999)])
    session = _Faults(too_large=lambda changes: changes > 200)
    result = SyncClient(t1, session=session).push()
    assert (result.applied, result.duplicate, result.rejected) == (1000, 0, 0)
    assert result.batches == session.pushes == 5  # 400 refused, then 200 at a time
    assert t1.pending_changes() == 0
    assert session.threads["push"] == {"push-batch_0"}, "the calls run beside the reading, one at a time"
    _held_once(hub, 999)


def test_a_push_answered_in_part_sends_the_rest_again_not_the_batch_read_ahead(devices, hub):
    """The hub answers only the first 150 of the second batch (as an answer cut short would):
    the batch read ahead is dropped and the next push starts at the 151st change."""
    t1 = devices.new(T1, "南高乡", settings=fast(batch_size=300))
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(899)])

    def cut(n: int, answer: dict) -> dict:
        return {**answer, "results": answer["results"][:150]} if n == 2 else answer

    session = _Faults(answer_push=cut)
    result = SyncClient(t1, session=session).push()
    # the cut 150 reached the hub: sent again, they come back duplicates
    assert (result.applied + result.duplicate, result.duplicate, result.rejected) == (900, 150, 0)
    assert session.pushes == 4  # 300, 300 answered up to the 450th, then 300 and 150 from the 451st on
    assert t1.pending_changes() == 0
    _held_once(hub, 899)


def test_a_push_signs_each_batch_as_it_reads_it_and_sends_nothing_unsigned(devices, hub):
    t1 = devices.new(T1, "南高乡", settings=fast(batch_size=100))
    org = committee(t1, T1)
    t1.publicity_items.create_many([publicity(org, n) for n in range(299)])
    unsigned = "SELECT COUNT(*) FROM change_log WHERE origin = ? AND signature IS NULL"
    assert t1.conn.execute(unsigned, (t1.device_id,)).fetchone()[0] == 300
    bodies: list[dict] = []
    session = _PushWatcher(lambda n, request: bodies.append(json.loads(gzip.decompress(
        request.body if isinstance(request.body, bytes) else request.body.getvalue()))))
    seen: list[int] = []
    with pytest.raises(SyncCancelled):
        SyncClient(t1, session=session).push(progress=lambda done, _: seen.append(done), cancelled=lambda: bool(seen))
    # the batch sent and the one read while the hub stored it are signed; the last is not yet
    assert t1.conn.execute(unsigned, (t1.device_id,)).fetchone()[0] == 100
    assert SyncClient(t1, session=session).push().applied == 200
    assert t1.conn.execute(unsigned, (t1.device_id,)).fetchone()[0] == 0
    sent = [c for body in bodies for c in body["changes"]]
    assert len(sent) == 300 and all(c.get("sig") for c in sent)


def test_a_pull_cut_while_the_next_page_travels_resumes_where_it_stopped(devices, hub):
    """The third page's call fails (the hub unreachable) while the second page is being stored:
    the second page is kept, the failed one is not, no thread is left behind, and the next pull
    brings the rest, once."""
    src = devices.new(T1, "南高乡", settings=fast(batch_size=500))
    org = committee(src, T1)
    src.publicity_items.create_many([publicity(org, n) for n in range(999)])
    assert SyncClient(src).push().applied == 1000
    dst = devices.new(T1, "南高乡二", settings=fast(page_size=250, retries=0))

    def fail_third(n: int) -> None:
        if n == 3:
            raise requests.exceptions.ConnectionError("the line is cut")

    before = threading.active_count()
    session = _Faults(before_pull=fail_third)
    with pytest.raises(HubUnreachable):
        SyncClient(dst, session=session).pull()
    assert threading.active_count() == before
    assert dst.conn.execute("SELECT COUNT(*) FROM publicity_item").fetchone()[0] == 499  # two pages of 250: the committee, 499 items
    assert session.threads["pull"] == {"pull-page_0"}
    again = SyncClient(dst).pull()
    assert (again.applied, again.duplicate, again.rejected) == (500, 0, 0)
    titles = [r[0] for r in dst.conn.execute("SELECT title FROM publicity_item")]
    assert len(titles) == len(set(titles)) == 999


def test_a_pull_cancelled_keeps_the_pages_stored_and_drops_the_one_under_way(devices, hub):
    src = devices.new(T1, "南高乡", settings=fast(batch_size=500))
    org = committee(src, T1)
    src.publicity_items.create_many([publicity(org, n) for n in range(999)])
    SyncClient(src).push()
    dst = devices.new(T1, "南高乡二", settings=fast(page_size=200))
    seen: list[int] = []
    with pytest.raises(SyncCancelled):
        SyncClient(dst).pull(progress=lambda received, _: seen.append(received), cancelled=lambda: len(seen) >= 2)
    assert seen == [200, 400]
    assert dst.conn.execute("SELECT COUNT(*) FROM publicity_item").fetchone()[0] == 399  # and the committee
    result = SyncClient(dst).pull()
    assert (result.applied, result.duplicate) == (600, 0)


def test_settings_round_trip_in_meta(devices, hub):
    t1 = devices.new(T1, "南高乡")
    s = load_settings(t1)
    assert s.enrolled and s.scope == T1 and s.hub_url == hub.url and len(s.token) > 20
    s.set_proxy("http://10.0.0.1:3128")
    s.ca_bundle = "/etc/ssl/certs/ca.pem"
    save_settings(t1, s)
    again = load_settings(t1)
    assert again == s and again.proxies["https"] == "http://10.0.0.1:3128" and again.requests_verify == s.ca_bundle
    assert again.token not in repr(again)


# ============================================================================ the command line
def cli(ledger: Path, *args: str, tmp: Path, lang: str = "en", timeout: float = 120) -> subprocess.CompletedProcess:
    env = child_env(tmp)
    env["TOWNSHIP_LEDGER_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "desktop", "--ledger", str(ledger), *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, (result.stdout, result.stderr)
    err = result.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


class ForwardProxy:
    """A small real HTTP forward proxy on 127.0.0.1 that counts what passes through it."""

    def __init__(self) -> None:
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _forward(self):
                seen.append(self.command + " " + self.path)
                url = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
                conn.request(self.command, url.path + ("?" + url.query if url.query else ""), body or None, headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_cli_enroll_and_sync(hub, tmp_path):
    path = tmp_path / "cli.sqlite"
    ok(cli(path, "init", "--scope", T1, "--operator", "张三", tmp=tmp_path))
    # not enrolled yet
    assert "enroll" in one_line_error(cli(path, "sync", tmp=tmp_path))
    # nobody listens on this port
    closed = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    err = one_line_error(cli(path, "enroll", "--hub", closed, "--code", "ABCDEFGHJK", tmp=tmp_path))
    assert f"Cannot reach the hub at {closed}" in err and time.monotonic() - started < 30
    # a wrong code
    err = one_line_error(cli(path, "enroll", "--hub", hub.url, "--code", "ABCDEFGHJK", tmp=tmp_path))
    assert "enrollment code" in err
    # not a hub address
    assert "http://" in one_line_error(cli(path, "enroll", "--hub", "hub.example", "--code", "X", tmp=tmp_path))
    # a missing CA bundle
    assert "CA bundle" in one_line_error(cli(path, "enroll", "--hub", hub.url, "--code", "X", "--ca-bundle",
                                             str(tmp_path / "none.pem"), tmp=tmp_path))
    # the real thing, through a proxy, with a CA bundle: both are kept for later syncs
    proxy = ForwardProxy()
    try:
        bundle = tmp_path / "ca.pem"
        bundle.write_text("not used over http\n")
        out = ok(cli(path, "enroll", "--hub", hub.url + "/", "--code", hub.code(T1, "南高乡"), "--name", "南高乡电脑",
                     "--proxy", proxy.url, "--ca-bundle", str(bundle), tmp=tmp_path))
        assert "Enrolled" in out and T1 in out
        with Ledger.open(path, read_only=True) as ledger:
            s = load_settings(ledger)
        assert (s.hub_url, s.proxies, s.ca_bundle, s.name) == (
            hub.url, {"http": proxy.url, "https": proxy.url}, str(bundle.resolve()), "南高乡电脑")
        with Ledger.open(path) as ledger:
            committee(ledger, T1)
        through = len(proxy.seen)
        out = ok(cli(path, "sync", tmp=tmp_path))
        assert "Sent 1 changes" in out
        assert len(proxy.seen) > through and any("/v1/push" in p for p in proxy.seen)
    finally:
        proxy.close()
    # the proxy is gone: sync fails in one line, quickly, naming the hub
    err = one_line_error(cli(path, "sync", tmp=tmp_path))
    assert hub.url in err
    with Ledger.open(path) as ledger:  # no proxy any more
        s = load_settings(ledger)
        s.set_proxy(None)
        save_settings(ledger, s)
    ok(cli(path, "sync", tmp=tmp_path))
    hub.stop()
    err = one_line_error(cli(path, "sync", tmp=tmp_path))
    assert f"Cannot reach the hub at {hub.url}" in err


def test_cli_sync_reports_refused_changes_and_revocation(hub, tmp_path):
    path = tmp_path / "county.sqlite"
    ok(cli(path, "init", "--scope", COUNTY, "--operator", "李四", tmp=tmp_path))
    # a county ledger enrolled with a township's code: warned at enrollment …
    result = cli(path, "enroll", "--hub", hub.url, "--code", hub.code(T1, "错的码"), tmp=tmp_path)
    ok(result)
    assert "warning" in result.stderr and T1 in result.stderr
    with Ledger.open(path) as ledger:
        committee(ledger, COUNTY)
        committee(ledger, T2)
        committee(ledger, T1)
        device = ledger.device_id
    # … and its sync names what the hub refused, in one line, non-zero
    result = cli(path, "sync", tmp=tmp_path)
    err = one_line_error(result)
    assert "refused 2 changes outside your scope" in err and T1 in err
    assert "Sent 1 changes to the hub" in result.stdout  # the two refused ones are not "sent"
    ok(cli(path, "sync", tmp=tmp_path))  # answered once: not an error again
    hub.revoke(device)
    err = one_line_error(cli(path, "sync", tmp=tmp_path))
    assert "revoked" in err

