"""Soak: a real hub under steady sync load for N minutes, restarted once by SIGTERM.

    .venv/bin/python benchmarks/soak_hub.py --minutes 10 [--processes 4] [--devices 6]
                                            [--readers 4] [--folder DIR] [--sample 2]

* The hub is ``township-hub serve`` in a process of its own (``--readers`` read connections).
* Simulated devices: ``--processes`` client processes with ``--devices`` devices each (one
  county device per process, the others townships of that county), each device a ledger
  of its own made by ``Ledger.new`` and enrolled with a code from the admin path.  A
  device edits (creates, changes, deletes publicity items) and syncs with the program's
  own ``sync.client.SyncClient``, round and round, until the time is up.
* A slow reader pulls the county's first page at about 8 KiB/s, again and again.
* Half-way the hub gets SIGTERM (it must exit 0) and is started again on the same port;
  clients ride over the gap with their retries.  Errors inside the restart window are
  counted apart; any other error fails the soak.
* Every ``--sample`` seconds the hub process's RSS, open descriptors (all, and those on
  ``hub.sqlite`` and its WAL), threads, and the sizes of the database and the WAL are
  sampled.  Per window: syncs, p50/p95 of a sync, errors, and the samples' maxima.
* At the end every device syncs twice (after a barrier, so all pushes come before the
  last pulls); then each ledger is checked against the hub: per-kind digests of every
  record the device receives, all its own changes at the hub, no duplicated
  (origin, seq), ``Ledger.check()`` clean.

Exits 1 on any error outside the restart window, any inconsistency, a hub exit status
other than 0, or a growth trend in descriptors within a hub's life.  Not a timed test:
it prints figures (``tests/sync/test_hub_soak.py`` runs a 2-minute version).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from desktop.ledger import Ledger, scope_clause  # noqa: E402
from desktop.records import KINDS  # noqa: E402
from desktop.scope.geo import geography  # noqa: E402
from sync.client import SyncClient, enroll  # noqa: E402
from sync.hub.store import HubStore  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
COUNTIES = ("130111", "130121", "130123", "130125", "130126", "130127", "130128", "130129")
SLOW_BYTES_PER_S = 8 * 1024


# ------------------------------------------------------------------------------------ the hub process
class HubProcess:
    """``township-hub serve`` on a fixed port (kept across the restart)."""

    def __init__(self, folder: Path, readers: int) -> None:
        self.folder, self.readers = folder, readers
        self.db = folder / "hub.sqlite"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.lives = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(PROJECT), TOWNSHIP_LEDGER_LANG="en", PYTHONIOENCODING="utf-8")
        log = open(self.folder / f"hub-{self.lives}.log", "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.hub.cli", "serve", "--db", str(self.db), "--host", "127.0.0.1",
             "--port", str(self.port), "--readers", str(self.readers), "--log-level", "warning",
             "--enroll-rate", "1000"],  # every device enrolls from this one address
            cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8")
        log.close()
        line = self.proc.stdout.readline()
        if "http://" not in line:
            raise SystemExit(f"the hub did not start: {line!r}; see {self.folder}")
        self.port = int(line.strip().rsplit(":", 1)[-1])
        self.lives += 1

    def stop(self) -> int:
        """SIGTERM; the exit status (0 for a clean stop)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        self.proc.stdout.close()
        return status

    def tracebacks(self) -> int:
        return sum(p.read_text(encoding="utf-8").count("Traceback") for p in self.folder.glob("hub-*.log"))


def proc_sample(pid: int, db: Path) -> dict:
    """RSS (KiB), threads, descriptors (all / on the ledger / on its WAL) of process *pid*."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    fds = db_fds = wal_fds = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        fds += 1
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        db_fds += target == str(db)
        wal_fds += target == str(db) + "-wal"
    return {"rss_kib": int(fields["VmRSS"].split()[0]), "threads": int(fields["Threads"]), "fds": fds,
            "db_fds": db_fds, "wal_fds": wal_fds}


class Sampler(threading.Thread):
    """Samples the running hub every *every* seconds."""

    def __init__(self, hub: HubProcess, every: float) -> None:
        super().__init__(daemon=True)
        self.hub, self.every = hub, every
        self.samples: list[dict] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.every):
            proc = self.hub.proc
            if proc is None or proc.poll() is not None:
                continue
            try:
                sample = proc_sample(proc.pid, self.hub.db.resolve())
            except (OSError, KeyError, ValueError):  # between lives
                continue
            wal = Path(str(self.hub.db) + "-wal")
            sample.update(t=time.time(), life=self.hub.lives, db_bytes=self.hub.db.stat().st_size,
                          wal_bytes=wal.stat().st_size if wal.exists() else 0)
            self.samples.append(sample)


# ------------------------------------------------------------------------------------ devices
@dataclass
class DeviceSpec:
    path: str
    scope: str
    org: str


def make_devices(folder: Path, hub: HubProcess, processes: int, per_process: int) -> list[list[DeviceSpec]]:
    """Ledgers for every client process: one county device and townships of that county."""
    groups = []
    with HubStore.open_admin(hub.db) as admin:
        for p in range(processes):
            county = COUNTIES[p % len(COUNTIES)]
            townships = [d.code for d in geography().children(county)][:max(per_process - 1, 0)]
            specs = []
            for k, scope in enumerate([county, *townships]):
                path = folder / "devices" / f"p{p}-d{k}-{scope}.sqlite"
                path.parent.mkdir(parents=True, exist_ok=True)
                ledger = Ledger.new(path, scope=scope, operator=f"设备{p}-{k}")
                try:
                    kind = "county_committee" if len(scope) == 6 else "township_committee"
                    org = ledger.organisations.create(kind=kind, name=f"{scope}团委", division_code=scope)
                    enroll(ledger, hub.url, admin.create_code(scope, f"设备{p}-{k}"))
                finally:
                    ledger.close()
                specs.append(DeviceSpec(str(path), scope, org))
            groups.append(specs)
    return groups


def edit(ledger: Ledger, spec: DeviceSpec, rng: random.Random, mine: list[str]) -> int:
    """A few edits as an office makes them; how many."""
    n = 0
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.6 or not mine:
            mine.append(ledger.publicity_items.create(
                org_id=spec.org, published_on=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                channel="website", title=f"宣传{rng.randrange(10**6)}"))
        elif roll < 0.95:
            ledger.publicity_items.update(rng.choice(mine), title=f"改{rng.randrange(10**6)}")
        else:
            ledger.publicity_items.delete(mine.pop(rng.randrange(len(mine))))
        n += 1
    return n


def client_main(specs: list[dict], deadline: float, barrier, out: str, seed: int) -> None:
    """One client process: its devices edit and sync until *deadline*, then sync twice
    (between barriers shared with the other processes) and write what happened to *out*."""
    rng = random.Random(seed)
    devices = [DeviceSpec(**s) for s in specs]
    ledgers = [Ledger.open(d.path) for d in devices]
    clients = [SyncClient(ledger) for ledger in ledgers]
    mine: list[list[str]] = [[] for _ in devices]
    syncs, errors, edits = [], [], 0

    def sync(i: int) -> None:
        t0 = time.time()
        try:
            result = clients[i].sync()
            syncs.append((t0, time.time() - t0))
            if result.push.rejected:
                errors.append((t0, f"{devices[i].scope}: {result.push.rejected} changes refused"))
        except Exception as exc:  # noqa: BLE001 - counted and reported by the parent
            errors.append((t0, f"{devices[i].scope}: {type(exc).__name__}: {exc}"))

    while time.time() < deadline:
        for i in range(len(devices)):
            edits += edit(ledgers[i], devices[i], rng, mine[i])
            sync(i)
            time.sleep(rng.uniform(0.0, 0.3))
    final_errors_from = len(errors)
    for _ in range(2):  # everybody's pushes before anybody's last pull
        barrier.wait(timeout=600)
        for i in range(len(devices)):
            sync(i)
    for ledger in ledgers:
        ledger.close()
    Path(out).write_text(json.dumps({"syncs": syncs, "errors": errors, "edits": edits,
                                     "final_errors": errors[final_errors_from:]}), encoding="utf-8")


# ------------------------------------------------------------------------------------ the slow reader
class SlowReader(threading.Thread):
    """Pulls a first page of the county at about 8 KiB/s, again and again."""

    def __init__(self, hub: HubProcess, token: str) -> None:
        super().__init__(daemon=True)
        self.hub, self.token = hub, token
        self.halt = threading.Event()
        self.reads = self.bytes = self.broken = 0

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                with requests.get(self.hub.url + "/v1/pull", params={"cursor": 0, "limit": 5000}, stream=True,
                                  headers={"Authorization": f"Bearer {self.token}"}, timeout=60) as r:
                    for chunk in r.iter_content(1024):
                        self.bytes += len(chunk)
                        if self.halt.wait(1024 / SLOW_BYTES_PER_S):
                            return
                self.reads += 1
            except requests.RequestException:
                self.broken += 1  # the restart cuts it; counted, not an error
                self.halt.wait(1.0)


# ------------------------------------------------------------------------------------ consistency
def digests(conn, scope: str) -> dict[str, str]:
    """Per kind, a digest of every record (all columns, the field clocks too) a device of
    *scope* holds or receives."""
    where, params = scope_clause(scope)
    out = {}
    for kind in KINDS.values():
        rows = conn.execute(f"SELECT * FROM {kind.table} WHERE {where} ORDER BY id", params).fetchall()
        out[kind.name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()[:16]
    return out


def duplicated(conn) -> int:
    return conn.execute("SELECT count(*) - count(DISTINCT origin || ':' || origin_seq) FROM change_log").fetchone()[0]


def check_consistency(hub_db: Path, devices: list[DeviceSpec]) -> list[str]:
    """Problems found comparing every device ledger with the hub's (none when all agree)."""
    problems = []
    hub = Ledger.open(hub_db, read_only=True)
    try:
        problems += [f"hub: {p}" for p in hub.check()]
        if duplicated(hub.conn):
            problems.append(f"hub: {duplicated(hub.conn)} duplicated (origin, seq)")
        for spec in devices:
            ledger = Ledger.open(Path(spec.path), read_only=True)
            try:
                name = Path(spec.path).stem
                problems += [f"{name}: {p}" for p in ledger.check()]
                if duplicated(ledger.conn):
                    problems.append(f"{name}: duplicated (origin, seq)")
                own = ledger.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?",
                                          (ledger.device_id,)).fetchone()[0]
                at_hub = hub.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?",
                                          (ledger.device_id,)).fetchone()[0]
                if own != at_hub:
                    problems.append(f"{name}: {own} own changes, {at_hub} of them at the hub")
                mine, theirs = digests(ledger.conn, spec.scope), digests(hub.conn, spec.scope)
                problems += [f"{name}: {k} differs from the hub" for k in mine if mine[k] != theirs[k]]
            finally:
                ledger.close()
    finally:
        hub.close()
    return problems


# ------------------------------------------------------------------------------------ figures
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


@dataclass
class Outcome:
    syncs: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    restart_errors: list = field(default_factory=list)
    edits: int = 0


def windows(outcome: Outcome, samples: list[dict], start: float, end: float, width: float) -> list[dict]:
    rows = []
    t = start
    while t < end:
        syncs = [d for t0, d in outcome.syncs if t <= t0 < t + width]
        here = [s for s in samples if t <= s["t"] < t + width]
        rows.append({"from_s": round(t - start), "syncs": len(syncs),
                     "p50_ms": round(percentile(syncs, 0.5) * 1000, 1), "p95_ms": round(percentile(syncs, 0.95) * 1000, 1),
                     "errors": sum(t <= t0 < t + width for t0, _ in outcome.errors),
                     **{k: max((s[k] for s in here), default=0)
                        for k in ("rss_kib", "fds", "db_fds", "wal_fds", "threads", "wal_bytes", "db_bytes")}})
        t += width
    return rows


def descriptor_trend(samples: list[dict], readers: int) -> list[str]:
    """Descriptors beyond the hub's bounds, or growing within a hub's life.  The read
    pool opens its connections as concurrency first needs them, so handles on the ledger
    and its WAL may rise once — up to the bound (``readers`` + the writer), never past it."""
    problems = []
    bound = readers + 1
    for key in ("db_fds", "wal_fds"):
        worst = max((s[key] for s in samples), default=0)
        if worst > bound:
            problems.append(f"{key}: {worst} open, beyond the bound of {bound}")
    for life in sorted({s["life"] for s in samples}):
        series = [s for s in samples if s["life"] == life]
        if len(series) < 6:
            continue
        third = len(series) // 3
        first, last = series[1:third + 1], series[-third:]
        if min(s["fds"] for s in last) > max(s["fds"] for s in first) + 8:
            problems.append(f"life {life}: descriptors grew from at most {max(s['fds'] for s in first)} "
                            f"to at least {min(s['fds'] for s in last)}")
    return problems


def print_figures(rows: list[dict], samples: list[dict], outcome: Outcome, slow: SlowReader) -> None:
    head = ["from_s", "syncs", "p50_ms", "p95_ms", "errors", "rss_kib", "fds", "db_fds", "wal_fds", "threads",
            "wal_bytes"]
    print("  ".join(f"{h:>9}" for h in head))
    for row in rows:
        print("  ".join(f"{row[h]:>9}" for h in head))
    all_syncs = [d for _, d in outcome.syncs]
    print(f"syncs {len(all_syncs)}, edits {outcome.edits}, p50 {percentile(all_syncs, 0.5) * 1000:.1f} ms, "
          f"p95 {percentile(all_syncs, 0.95) * 1000:.1f} ms; errors {len(outcome.errors)} "
          f"(+{len(outcome.restart_errors)} in the restart window)")
    for life in sorted({s["life"] for s in samples}):
        series = [s for s in samples if s["life"] == life]
        print(f"hub life {life}: {len(series)} samples; RSS {series[0]['rss_kib'] / 1024:.0f} → "
              f"{series[-1]['rss_kib'] / 1024:.0f} MiB (peak {max(s['rss_kib'] for s in series) / 1024:.0f}); "
              f"descriptors {series[0]['fds']} → {series[-1]['fds']} (max {max(s['fds'] for s in series)}); "
              f"on hub.sqlite {max(s['db_fds'] for s in series)} at most, on the WAL "
              f"{max(s['wal_fds'] for s in series)}; threads ≤ {max(s['threads'] for s in series)}; "
              f"WAL ≤ {max(s['wal_bytes'] for s in series) / 2**20:.1f} MiB")
    print(f"slow reader: {slow.reads} whole pages, {slow.bytes / 1024:.0f} KiB, {slow.broken} cut by the restart")


# ------------------------------------------------------------------------------------ the run
def run_clients(groups, deadline: float, folder: Path, hub: HubProcess, restart_at: float, sampler: Sampler):
    """Start the client processes, restart the hub at *restart_at*; (outcome, window, statuses)."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(groups))
    procs = []
    for p, specs in enumerate(groups):
        out = folder / f"client-{p}.json"
        procs.append((ctx.Process(target=client_main, args=([asdict(s) for s in specs], deadline, barrier, str(out),
                                                           p)), out))
    for proc, _ in procs:
        proc.start()
    while time.time() < restart_at:
        time.sleep(0.2)
    t_down = time.time()
    statuses = [hub.stop()]
    hub.start()
    restart_window = (t_down, time.time() + 15.0)  # the clients' retries back off for a while
    for proc, _ in procs:
        proc.join()
    outcome = Outcome()
    for proc, out in procs:
        if proc.exitcode != 0 or not out.exists():
            outcome.errors.append((time.time(), f"client process exited {proc.exitcode}"))
            continue
        data = json.loads(out.read_text(encoding="utf-8"))
        outcome.syncs += data["syncs"]
        outcome.edits += data["edits"]
        for t0, text in data["errors"]:
            late = [t0, text] in data["final_errors"]
            in_window = restart_window[0] - 60 <= t0 <= restart_window[1] and not late
            (outcome.restart_errors if in_window else outcome.errors).append((t0, text))
    return outcome, statuses


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, default=10.0)
    p.add_argument("--processes", type=int, default=4, help="client processes")
    p.add_argument("--devices", type=int, default=6, help="devices per client process (one county, the rest townships)")
    p.add_argument("--readers", type=int, default=4, help="the hub's --readers")
    p.add_argument("--sample", type=float, default=2.0, help="seconds between samples of the hub process")
    p.add_argument("--folder", type=Path, help="where the ledgers go (default: a temporary folder, removed)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        return soak(args, folder)


def soak(args, folder: Path) -> int:
    hub = HubProcess(folder, args.readers)
    hub.start()
    groups = make_devices(folder, hub, args.processes, args.devices)
    with HubStore.open_admin(hub.db) as admin:
        code = admin.create_code(COUNTIES[0], "慢速读取")
    slow_token = requests.post(hub.url + "/v1/enroll", timeout=30, json={
        "code": code, "device_id": "5" * 16, "name": "slow", "schema": _schema()}).json()["token"]
    sampler, slow = Sampler(hub, args.sample), SlowReader(hub, slow_token)
    sampler.start()
    slow.start()
    start = time.time()
    deadline = start + args.minutes * 60
    print(f"soak: {args.minutes:g} min, {args.processes} client processes × {args.devices} devices, hub {hub.url}, "
          f"readers {args.readers}, in {folder}", flush=True)
    outcome, statuses = run_clients(groups, deadline, folder, hub, start + args.minutes * 30, sampler)
    slow.halt.set()
    slow.join(timeout=30)
    sampler.halt.set()
    sampler.join(timeout=30)
    statuses.append(hub.stop())
    end = time.time()
    rows = windows(outcome, sampler.samples, start, end, max(30.0, args.minutes * 6))
    print_figures(rows, sampler.samples, outcome, slow)
    problems = [f"hub exit status {s} on SIGTERM" for s in statuses if s != 0]
    problems += [f"{hub.tracebacks()} tracebacks in the hub's log"] if hub.tracebacks() else []
    problems += [f"error: {text}" for _, text in outcome.errors[:20]]
    problems += descriptor_trend(sampler.samples, args.readers)
    (folder / "samples.json").write_text(json.dumps(sampler.samples), encoding="utf-8")
    problems += check_consistency(hub.db, [s for g in groups for s in g])
    print(f"consistency: {sum(len(g) for g in groups)} device ledgers against the hub — "
          f"{'ok' if not problems else 'PROBLEMS'}")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


def _schema() -> int:
    from desktop.ledger.migrations import CURRENT_VERSION

    return CURRENT_VERSION


if __name__ == "__main__":
    sys.exit(main())
