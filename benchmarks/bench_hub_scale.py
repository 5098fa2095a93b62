"""Benchmark: a SQLite hub against a PostgreSQL hub of one and of four processes, same run.

    .venv/bin/python benchmarks/bench_hub_scale.py [--devices 120] [--rounds 5] [--batch 20]
                                                   [--clients 4] [--province 13] [--pg postgresql://…]

Each configuration gets a fresh hub: ``sqlite`` (one ``township-hub serve`` on a file),
``pg-1`` (one process on a PostgreSQL database) and ``pg-4`` (four processes on one
database, the clients spreading their requests over them as a reverse proxy would).
``--devices`` simulated devices, each enrolled for a township of one county, run
``--rounds`` rounds of: push ``--batch`` new records, then pull what the others of its
township pushed.  The devices are threads in ``--clients`` client processes (so the load
generator is not one interpreter's lock).  Printed per configuration: pushes and pulls
per second, changes stored per second, p50/p95 of push, pull and sync latency (a sync: a
device's push and the pulls after it), the requests
that failed (the simulated devices do not retry, so a connection cut is counted, not
hidden), each figure's ratio to the SQLite hub's (the baseline of the same run), and the
CPU seconds the hubs, PostgreSQL, the clients and everything else on the machine used
meanwhile (read from /proc: on a shared machine the last shows how much was left).
``--province 13`` then times, on the same hubs, a province's synthetic ledger pushed by one
device and a new device's first sync of it (through another process of ``pg-4``).

The default run (120 devices, no province) takes a few minutes; ``--devices 500 --rounds 3
--province 13`` is the large one (some 15 minutes on 2 cores).  The last lines give the load
average (the machine is shared by the clients, the hubs and PostgreSQL) and the verdict on
the goal: four PostgreSQL processes store twice the SQLite hub's changes a second, or, where
the machine is the limit, devices sync (a push and the pulls after it) with no worse a p95; the
p95 of pushes and of pulls alone is printed too.

Without ``--pg`` a throwaway cluster is started (tests/pg_server.py: PostgreSQL's
binaries, as root the ``postgres`` user).  Not a timed test: it prints figures, exits 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "sync"))

import requests  # noqa: E402

from desktop.ledger.changes import Change  # noqa: E402
from desktop.ledger.hlc import COUNTER_BITS  # noqa: E402
from desktop.ledger.migrations import CURRENT_VERSION  # noqa: E402
from desktop.scope.geo import geography  # noqa: E402

COUNTY = "130111"


def townships() -> list[str]:
    return sorted(d.code for d in geography().children(COUNTY))


def new_change(device_id: str, seq: int, scope: str, n: int) -> dict:
    clock = (int(time.time() * 1000) << COUNTER_BITS) + seq
    return Change(device_id, seq, f"{clock:016x}-{device_id}", "publicity_item", f"pub-{device_id}-{seq}", scope,
                  {"org_id": f"org-township_committee-{scope}", "published_on": "2024-05-01",
                   "channel": "website", "title": f"第{n}条宣传"}, created=True).to_wire()


def run_devices(urls: list[str], devices: list[tuple[str, str, str]], rounds: int, batch: int, out) -> None:
    """One client process: a thread per device; (kind, seconds, changes) per request to *out*,
    and the requests that failed (an error answer, a change not applied, no answer)."""
    samples: list[tuple[str, float, int]] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(devices))

    def device(i: int, device_id: str, scope: str, token: str) -> None:
        url = urls[i % len(urls)]
        auth = {"Authorization": f"Bearer {token}"}
        mine, cursor, seq = [], 0, 0
        with requests.Session() as s:
            start.wait()
            for _ in range(rounds):
                changes = []
                for _ in range(batch):
                    seq += 1
                    changes.append(new_change(device_id, seq, scope, seq))
                try:
                    t = began = time.perf_counter()
                    r = s.post(url + "/v1/push", json={"schema": CURRENT_VERSION, "changes": changes}, headers=auth,
                               timeout=300)
                    mine.append(("push", time.perf_counter() - t, len(changes)))
                    if r.status_code != 200 or any(x["status"] != "applied" for x in r.json()["results"]):
                        raise RuntimeError(f"push answered {r.status_code}: {r.text[:200]}")
                    more = True
                    while more:
                        t = time.perf_counter()
                        r = s.get(url + "/v1/pull", params={"cursor": cursor, "limit": 2000}, headers=auth,
                                  timeout=300)
                        if r.status_code != 200:
                            raise RuntimeError(f"pull answered {r.status_code}: {r.text[:200]}")
                        body = r.json()
                        mine.append(("pull", time.perf_counter() - t, len(body["changes"])))
                        cursor, more = body["cursor"], body["more"]
                    mine.append(("sync", time.perf_counter() - began, len(changes)))  # the push and its pulls
                except Exception as exc:  # noqa: BLE001 - counted and shown, the device goes on
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=device, args=(i, *d)) for i, d in enumerate(devices)]
    for t in threads:
        t.start()
    began = time.time()  # about when the barrier lets them go
    for t in threads:
        t.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.put((began, time.time(), samples, errors, usage.ru_utime + usage.ru_stime))


# ----------------------------------------------------------------------------- where the CPU went
def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process *pid* so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def machine_busy() -> float:
    """CPU seconds all processors spent busy since boot (every process on the machine)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


class CpuMeter:
    """CPU seconds of the hub processes, of PostgreSQL's (the postmaster and its backends) and of
    the whole machine between :meth:`start` and :meth:`stop`."""

    def __init__(self, hub_pids: list[int], postmaster: int | None) -> None:
        self.hub_pids, self.postmaster = hub_pids, postmaster

    def _now(self) -> tuple[float, float, float]:
        pg = [self.postmaster, *children(self.postmaster)] if self.postmaster else []
        return (sum(map(cpu_seconds, self.hub_pids)), sum(map(cpu_seconds, pg)), machine_busy())

    def start(self) -> None:
        self._start = self._now()

    def stop(self) -> dict:
        hubs, pg, machine = (b - a for a, b in zip(self._start, self._now()))
        return {"cpu hubs": hubs, "cpu postgres": pg, "cpu machine": machine}


def postmaster_pid(cluster) -> int | None:
    try:
        return int((cluster.data / "postmaster.pid").read_text().split()[0])
    except (AttributeError, OSError, ValueError, IndexError):
        return None


def start_hubs(tmp: Path, db, processes: int) -> list:
    from conftest import start_hub

    return [start_hub(tmp / f"p{i}", "--readers", "4", db=db, name=f"hub{i}") for i in range(processes)]


def enroll_all(hub, n: int) -> list[tuple[str, str, str]]:
    from sync.hub.store import HubStore

    towns = townships()
    out = []
    with HubStore.open_admin(hub.db) as store:
        codes = [(f"{i + 1:016x}", towns[i % len(towns)]) for i in range(n)]
        issued = [(d, s, store.create_code(s, f"设备{d}")) for d, s in codes]
    for device_id, scope, code in issued:
        r = requests.post(hub.url + "/v1/enroll", json={"code": code, "device_id": device_id, "name": "电脑",
                                                         "schema": CURRENT_VERSION}, timeout=60)
        assert r.status_code == 200, r.text
        out.append((device_id, scope, r.json()["token"]))
    return out


def measure(name: str, tmp: Path, db, processes: int, args) -> dict:
    from conftest import stop

    hubs = start_hubs(tmp / name, db, processes)
    try:
        devices = enroll_all(hubs[0], args.devices)
        urls = [h.url for h in hubs]
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        parts = [devices[k::args.clients] for k in range(args.clients)]
        workers = [ctx.Process(target=run_devices, args=(urls, part, args.rounds, args.batch, out))
                   for part in parts if part]
        meter = CpuMeter([h.proc.pid for h in hubs], args.postmaster if isinstance(db, str) else None)
        meter.start()
        for w in workers:
            w.start()
        answers = [out.get(timeout=1800) for _ in workers]
        for w in workers:
            w.join()
        cpu = {**meter.stop(), "cpu clients": sum(a[4] for a in answers)}
        wall = max(a[1] for a in answers) - min(a[0] for a in answers)  # from the first device's start
        samples = [s for a in answers for s in a[2]]
        errors = [e for a in answers for e in a[3]]
        first_sync = province_first_sync(hubs, tmp / name, args.province_ledger) if args.province_ledger else {}
    finally:
        for h in hubs:
            stop(h.proc)
    push = sorted(s[1] for s in samples if s[0] == "push")
    pull = sorted(s[1] for s in samples if s[0] == "pull")
    syncs = sorted(s[1] for s in samples if s[0] == "sync")
    stored = sum(s[2] for s in samples if s[0] == "push")

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))] * 1000

    return {"name": name, "wall": wall, "push/s": len(push) / wall, "pull/s": len(pull) / wall,
            "changes/s": stored / wall, "push p50": pct(push, 0.5), "push p95": pct(push, 0.95),
            "pull p50": pct(pull, 0.5), "pull p95": pct(pull, 0.95), "sync p50": pct(syncs, 0.5),
            "sync p95": pct(syncs, 0.95), "pushes": len(push), "pulls": len(pull),
            "mean pulled": statistics.mean(s[2] for s in samples if s[0] == "pull") if pull else 0.0,
            "errors": errors, **cpu, **first_sync}


# ----------------------------------------------------------------------------- a province's first sync
def build_province(folder: Path, province: str) -> tuple[Path, int, float]:
    """A ledger of *province*'s synthetic records (built once, copied for each hub): its path,
    its changes and the seconds it took."""
    from desktop.ledger import Ledger
    from desktop.tools import synthetic

    path = folder / f"province-{province}.sqlite"
    t0 = time.perf_counter()
    with Ledger.new(path, scope=province, operator="省团委") as ledger:
        synthetic.build(ledger, province, seed=0)
        changes = ledger.pending_changes()
    return path, changes, time.perf_counter() - t0


def enrolled_copy(source: Path, folder: Path, hub, name: str):
    """A copy of the ledger at *source* (or a new one of its scope, when *source* is a scope
    code), enrolled at *hub* as a device of its own."""
    import shutil

    from desktop.ledger import Ledger
    from sync.client import SyncSettings, enroll
    from sync.hub.store import HubStore

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sqlite"
    if isinstance(source, Path):
        shutil.copyfile(source, path)
        ledger = Ledger.open(path)
    else:
        ledger = Ledger.new(path, scope=source, operator=name)
    with HubStore.open_admin(hub.db) as store:
        code = store.create_code(ledger.scope, name)
    enroll(ledger, hub.url, code, name=name, settings=SyncSettings(read_timeout=600))
    return ledger


def province_first_sync(hubs: list, folder: Path, source: Path) -> dict:
    """The province's ledger pushed to the hub (through its first process), then a new device
    of the province syncing for the first time (through the last process): one snapshot file."""
    from sync.client import SyncClient

    writer = enrolled_copy(source, folder / "province", hubs[0], "province-writer")
    try:
        t0 = time.perf_counter()
        pushed = SyncClient(writer).push()
        up = time.perf_counter() - t0
        scope = writer.scope
    finally:
        writer.close()
    reader = enrolled_copy(scope, folder / "province", hubs[-1], "province-reader")
    try:
        t0 = time.perf_counter()
        result = SyncClient(reader).sync()
        down = time.perf_counter() - t0
    finally:
        reader.close()
    if result.pull.applied < pushed.applied:  # it also gets the simulated devices' changes of the province
        raise SystemExit(f"the first sync brought {result.pull.applied} changes, fewer than the {pushed.applied} "
                         "pushed")
    return {"province up": up, "province first sync": down, "province changes": pushed.applied,
            "province received": result.pull.applied, "province snapshot": result.pull.snapshot}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--devices", type=int, default=120)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--batch", type=int, default=20)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--province", metavar="CODE", help="also time a first sync of this province's synthetic "
                   "ledger on each hub (13: 146,671 changes, some minutes a hub)")
    p.add_argument("--pg", help="an empty PostgreSQL database to use (default: a throwaway cluster)")
    args = p.parse_args()
    load_before = os.getloadavg()
    cluster = None
    if args.pg is None:
        from pg_server import PgCluster, why_unavailable

        reason = why_unavailable()
        if reason:
            print(f"no PostgreSQL: {reason}")
            return 0
        cluster = PgCluster().start()
    args.postmaster = postmaster_pid(cluster)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            args.province_ledger = None
            if args.province:
                args.province_ledger, changes, took = build_province(tmp, args.province)
                print(f"built province {args.province}'s synthetic ledger: {changes:,} changes in {took:.0f} s")
            results = [measure("sqlite", tmp, tmp / "hub.sqlite", 1, args)]
            for name, processes in (("pg-1", 1), ("pg-4", 4)):
                db = args.pg if args.pg and name == "pg-1" else cluster.new_database() if cluster else None
                if db is None:
                    print(f"{name}: needs a second empty database (run without --pg)")
                    continue
                results.append(measure(name, tmp, db, processes, args))
    finally:
        if cluster is not None:
            cluster.stop()
    report(results, args, load_before, os.getloadavg())
    return 0


def report(results: list[dict], args, load_before: tuple, load_after: tuple) -> None:
    print(f"\n{args.devices} devices in {args.clients} client processes, {args.rounds} rounds of a push of "
          f"{args.batch} records and the pulls after it")
    keys = ["wall", "push/s", "pull/s", "changes/s", "push p50", "push p95", "pull p50", "pull p95", "sync p50",
            "sync p95"]
    print(f"{'':8}" + "".join(f"{k:>11}" for k in keys) + f"{'pulled/pull':>13}{'errors':>8}")
    base = results[0]
    for r in results:
        print(f"{r['name']:8}" + "".join(f"{r[k]:11.1f}" for k in keys) + f"{r['mean pulled']:13.1f}"
              f"{len(r['errors']):8}")
        if r is not base:
            print(f"{'  ratio':8}" + "".join(f"{r[k] / base[k]:11.2f}" for k in keys))
    print("(wall in s, latencies in ms — a sync: a device's push and the pulls after it; ratio against the sqlite "
          "hub)")
    print(f"\nCPU seconds while the devices ran ({os.cpu_count()} processors: the busy share of their time)")
    for r in results:
        capacity = r["wall"] * os.cpu_count()
        rest = r["cpu machine"] - r["cpu hubs"] - r["cpu postgres"] - r["cpu clients"]
        print(f"{r['name']:8} hubs {r['cpu hubs']:6.1f}  postgres {r['cpu postgres']:6.1f}  clients "
              f"{r['cpu clients']:6.1f}  everything else on the machine {max(rest, 0):6.1f}  — machine busy "
              f"{min(r['cpu machine'] / capacity, 1):4.0%}, per change stored: hubs "
              f"{1000 * r['cpu hubs'] / max(r['changes/s'] * r['wall'], 1):.2f} ms, postgres "
              f"{1000 * r['cpu postgres'] / max(r['changes/s'] * r['wall'], 1):.2f} ms")
    # what the hub side would store a second with the processors to itself: a figure the other
    # programs on a shared machine move much less than the wall-clock ones
    per_cpu = {r["name"]: r["changes/s"] * r["wall"] / max(r["cpu hubs"] + r["cpu postgres"], 1e-9)
               for r in results}
    print("changes stored per CPU second of hubs and PostgreSQL: " + ", ".join(
        f"{name} {n:,.0f}" + ("" if name == base["name"] else f" ({n / per_cpu[base['name']]:.2f}×)")
        for name, n in per_cpu.items()))
    for r in results:
        for error in sorted(set(r["errors"]))[:5]:
            print(f"  {r['name']} error: {error}")
    if args.province:
        print(f"\nfirst sync of province {args.province} ({base['province changes']:,} changes): pushed by one "
              f"device, then a new device's first sync")
        for r in results:
            how = "one snapshot file" if r["province snapshot"] else "page by page"
            print(f"{r['name']:8} push {r['province up']:7.1f} s   first sync {r['province first sync']:6.1f} s "
                  f"({r['province received']:,} changes, {how})"
                  + (f"   ({r['province first sync'] / base['province first sync']:.2f}× the sqlite hub's)"
                     if r is not base else ""))
    print(f"\nload average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} processors "
          "(client processes, hubs and PostgreSQL share them)")
    print(verdict(results))


def verdict(results: list[dict]) -> str:
    """The goal's line: four PostgreSQL processes store twice the SQLite hub's changes a second
    or, where the machine is the limit (its processors busy 90 % of the time or more while the
    four processes served), devices sync with the same p95 as with the SQLite hub — a device's
    sync being its push and the pulls after it.  The p95 of pushes alone is printed beside."""
    by = {r["name"]: r for r in results}
    if "sqlite" not in by or "pg-4" not in by:
        return "verdict: not measured (no PostgreSQL hub of four processes)"
    base, pg4 = by["sqlite"], by["pg-4"]
    errors = sum(len(r["errors"]) for r in results)
    ratio = pg4["changes/s"] / base["changes/s"]
    p95, push = pg4["sync p95"] / base["sync p95"], pg4["push p95"] / base["push p95"]
    busy = min(pg4["cpu machine"] / (pg4["wall"] * os.cpu_count()), 1)
    if errors:
        outcome = "NOT MET (requests failed)"
    elif ratio >= 2:
        outcome = "met (throughput)"
    elif p95 <= 1.0 and busy >= 0.9:
        outcome = "met in its second form (the machine is the limit: the same sync p95), not in throughput"
    else:
        outcome = "NOT MET"
    return (f"verdict: pg-4 stores {ratio:.2f}× the SQLite hub's changes a second (goal ≥ 2×); devices sync with "
            f"{p95:.2f}× its p95 (pushes alone {push:.2f}×) with the machine {busy:.0%} busy (the machine-bound "
            f"form of the goal: ≤ 1× where the machine is the limit); errors {errors}: {outcome}")


if __name__ == "__main__":
    sys.exit(main())
