"""Benchmark: the ledger's write path against plain SQLite inserts of the same rows.

    .venv/bin/python benchmarks/bench_ledger_write.py [--scope 13] [--seed 0] [--profile] [--tracemalloc]

1. Builds a synthetic ledger of the scope (``desktop.tools.synthetic.build``) through the Ledger
   API into a fresh ledger in a temporary folder: every record validated, with its change
   record, one transaction per county.  Times the whole build, and the time spent in the
   ledger's write path (inside ``create_many`` plus the commits).
2. Reads back the final rows of every record table and inserts the very same rows with plain
   ``sqlite3`` ``executemany`` into a fresh file with the same schema (same migrations) and
   the same pragmas (WAL, synchronous=FULL), with no validation and no change log: the
   baseline, measured in the same run.
3. Prints rows per kind, rows/s of both, their ratio, build time, file sizes and peak memory,
   each beside its goal.

Not a timed test: it prints figures and whether the goals are met, and exits 0 either way.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.ledger import migrations
from desktop.tools import synthetic  # noqa: E402
from desktop.ledger.db import connect  # noqa: E402
from desktop.scope.geo import geography  # noqa: E402
from desktop.ledger import Ledger  # noqa: E402
from desktop.records import KINDS  # noqa: E402

GOAL_RATIO = 3.0
GOAL_BUILD_S = 60.0


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:,.1f} MB"


def _file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


class WriteTimer:
    """Time spent in the ledger's write path: inside ``create_many`` per kind, and in the
    commits (from the last before-commit hook of a transaction to the end of its ``batch``)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.per_kind: dict[str, float] = {}
        self.cpu = 0.0  # processor time of the same spans (steady on a busy machine)
        self.commits = 0.0
        self.transactions = 0
        self._mark: float | None = None
        create_many, batch = ledger.create_many, ledger.batch

        def timed_create_many(kind: str, rows: list[dict]) -> list[str]:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return create_many(kind, rows)
            finally:
                self.per_kind[kind] = self.per_kind.get(kind, 0.0) + time.perf_counter() - t0
                self.cpu += time.process_time() - c0

        @contextlib.contextmanager
        def timed_batch(name: str | None = None):
            outermost = ledger.tx.depth == 0
            if outermost:
                self._mark = None
            with batch(name) as b:
                yield b
            if outermost and self._mark is not None:
                self.commits += time.perf_counter() - self._mark
                self.cpu += time.process_time() - self._cpu_mark
                self.transactions += 1
                self._mark = None

        def mark() -> None:
            self._mark, self._cpu_mark = time.perf_counter(), time.process_time()

        ledger.create_many = timed_create_many  # type: ignore[method-assign]
        ledger.batch = timed_batch  # type: ignore[method-assign]
        ledger.tx.before_commit(mark)  # runs after the ledger's own hook, just before COMMIT

    @property
    def total(self) -> float:
        return sum(self.per_kind.values()) + self.commits


def plain_insert(path: Path, tables: dict[str, tuple[list[str], list[tuple]]]) -> tuple[float, dict[str, float], float]:
    """Insert the rows with plain executemany, one transaction per table; returns the times
    (all, per table, and the processor time of all)."""
    conn = connect(path)  # the ledger's pragmas: WAL, synchronous=FULL, foreign keys, cache size
    migrations.migrate(conn)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    per_table: dict[str, float] = {}
    t_all, cpu_all = time.perf_counter(), time.process_time()
    for table, (columns, rows) in tables.items():
        if not rows:
            continue
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         rows)
        conn.execute("COMMIT")
        per_table[table] = time.perf_counter() - t0
    elapsed, cpu = time.perf_counter() - t_all, time.process_time() - cpu_all
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return elapsed, per_table, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scope", default="13", help="division code to build (default 13, Hebei); '' = country")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--profile", action="store_true", help="run the build under cProfile, print the top 25")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="trace Python allocations during the build (slows it down; for the memory peak)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep the files instead of a temp folder")
    args = parser.parse_args(argv)

    geo = geography()
    if args.scope:
        geo.villages(args.scope[:2])  # load the division lists outside the timings
    name = geo.full_name(args.scope) if args.scope else "全国"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with contextlib.ExitStack() as stack:
        folder = Path(args.keep) if args.keep else Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="bench-ledger-")))
        folder.mkdir(parents=True, exist_ok=True)
        ledger_path, plain_path = folder / "ledger.sqlite", folder / "plain.sqlite"
        for p in (ledger_path, plain_path):
            for q in (p, Path(f"{p}-wal"), Path(f"{p}-shm"), Path(f"{p}.lock")):
                if q.exists():
                    q.unlink()

        print(f"Ledger write benchmark: scope {args.scope or '(country)'} {name}, seed {args.seed}, "
              f"months {args.months}")
        print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
        print()

        # ---------------------------------------------------------------- 1. the ledger API
        ledger = Ledger.new(ledger_path, scope=args.scope, operator="基准测试")
        timer = WriteTimer(ledger)
        change_seq_before = ledger.last_seq()
        shown = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if done == total or now - shown[0] > 5:
                shown[0] = now
                print(f"  … {done:,}/{total:,} townships, {now - t0:,.1f} s", flush=True)

        profiler = cProfile.Profile() if args.profile else None
        if args.tracemalloc:
            tracemalloc.start()
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        counts = synthetic.build(ledger, args.scope, args.seed, months=args.months, progress=progress)
        if profiler:
            profiler.disable()
        build_s = time.perf_counter() - t0
        traced_peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        if args.tracemalloc:
            tracemalloc.stop()
        rss_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        changes = ledger.last_seq() - change_seq_before
        tables: dict[str, tuple[list[str], list[tuple]]] = {}
        for k in KINDS.values():
            cur = ledger.conn.execute(f"SELECT * FROM {k.table}")
            columns = [d[0] for d in cur.description]
            tables[k.table] = (columns, [tuple(r) for r in cur.fetchall()])
        cur = ledger.conn.execute("SELECT * FROM change_log WHERE seq > ? ORDER BY seq", (change_seq_before,))
        log_table = ([d[0] for d in cur.description][1:], [tuple(r)[1:] for r in cur.fetchall()])  # without seq
        problems = ledger.check()
        ledger.close()
        ledger_size = _file_size(ledger_path)

        # ---------------------------------------------------------------- 2. plain sqlite3
        plain_s, plain_per_table, plain_cpu = plain_insert(plain_path, tables)
        plain_size = _file_size(plain_path)
        # The storage floor of a ledger: the same rows plus the same change records, still plain.
        floor_path = folder / "plain_with_log.sqlite"
        for q in (floor_path, Path(f"{floor_path}-wal"), Path(f"{floor_path}-shm")):
            if q.exists():
                q.unlink()
        floor_s, _, floor_cpu = plain_insert(floor_path, {**tables, "change_log": log_table})
        del log_table
        rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        # ---------------------------------------------------------------- 3. figures
        total_rows = sum(len(rows) for _, rows in tables.values())
        built_rows = sum(counts.values())
        write_s = timer.total
        print()
        print(f"{'kind':<20}{'built':>9}{'table rows':>12}{'ledger µs/row':>15}{'plain µs/row':>14}{'ratio':>8}")
        for table, (_, rows) in tables.items():
            n_built = counts.get(table, 0)
            lt = timer.per_kind.get(table)
            pt = plain_per_table.get(table)
            l_us = f"{lt / n_built * 1e6:,.1f}" if lt and n_built else "-"
            p_us = f"{pt / len(rows) * 1e6:,.1f}" if pt and rows else "-"
            ratio = f"{(lt / n_built) / (pt / len(rows)):,.1f}" if lt and n_built and pt and rows else "-"
            print(f"{table:<20}{n_built:>9,}{len(rows):>12,}{l_us:>15}{p_us:>14}{ratio:>8}")
        print(f"{'total':<20}{built_rows:>9,}{total_rows:>12,}")
        print()
        print(f"change records written:       {changes:,} (one per created record: "
              f"{'yes' if changes == built_rows else 'NO'})")
        print(f"ledger transactions:          {timer.transactions:,} (one per county); plain: "
              f"{len(plain_per_table)} (one per table)")
        print(f"ledger write path:            {write_s:,.2f} s = {built_rows / write_s:,.0f} rows/s "
              f"(create_many {write_s - timer.commits:,.2f} s + commits {timer.commits:,.2f} s)")
        print(f"plain executemany:            {plain_s:,.2f} s = {total_rows / plain_s:,.0f} rows/s")
        ratio = write_s / plain_s
        print(f"ratio ledger / plain:         {ratio:,.1f}x      goal: ledger write path at most "
              f"{GOAL_RATIO:g}x the plain insert -> {_verdict(ratio <= GOAL_RATIO)}")
        print(f"plain rows + change log:      {floor_s:,.2f} s = {floor_s / plain_s:,.1f}x the plain insert "
              f"(the storage floor of any ledger that logs changes; the rest of the ratio is Python work)")
        print(f"processor time, same spans:   ledger {timer.cpu:,.2f} s, plain {plain_cpu:,.2f} s, rows + change log "
              f"{floor_cpu:,.2f} s: ratio {timer.cpu / plain_cpu:,.1f}x, floor {floor_cpu / plain_cpu:,.1f}x "
              f"(steadier than the wall clock when other programs share the processor)")
        print(f"whole build / plain:          {build_s / plain_s:,.1f}x      (build includes generating the data)")
        note = " (under cProfile: slower than normal)" if profiler else (
            " (under tracemalloc: slower than normal)" if args.tracemalloc else "")
        print(f"total build time:             {build_s:,.2f} s = {built_rows / build_s:,.0f} rows/s{note}")
        if len(args.scope) == 2:
            print(f"{'':30}goal: province built in under {GOAL_BUILD_S:g} s -> "
                  f"{_verdict(build_s < GOAL_BUILD_S)}")
        print(f"ledger file size:             {_mb(ledger_size)} ({ledger_size / max(built_rows, 1):,.0f} B/record); "
              f"plain file: {_mb(plain_size)} ({ledger_size / max(plain_size, 1):,.1f}x)")
        print(f"peak memory (ru_maxrss):      {rss_build / 1024:,.0f} MB after the build, "
              f"{rss_end / 1024:,.0f} MB at the end (geography loaded: {rss_before / 1024:,.0f} MB)")
        if traced_peak is not None:
            print(f"tracemalloc peak (build):     {_mb(traced_peak)}")
        print(f"ledger.check():               {'[] (clean)' if not problems else problems[:5]}")

        if profiler:
            print()
            print("Top 25 functions by cumulative time (build):")
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
