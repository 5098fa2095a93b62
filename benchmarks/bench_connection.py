"""Benchmark: what naming a full disk or a read-only ledger costs the ledger's writes.

    .venv/bin/python benchmarks/bench_connection.py [--scope 130111] [--rounds 3]

The ledger's connection (``desktop.ledger.db.LedgerConnection``) wraps ``execute`` and
``executemany`` to turn SQLITE_FULL and SQLITE_READONLY into the program's messages.  This
builds the same synthetic ledger (``desktop.tools.synthetic.build``) with that connection and
with a bare ``sqlite3.Connection`` subclass (the baseline), alternately, in the same run, and
prints the best time of each, their ratio, and the cost of one wrapped ``execute`` against a
bare one.  Not a timed test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.ledger import Ledger, db  # noqa: E402
from desktop.tools import synthetic  # noqa: E402

GOAL_RATIO = 1.03  # at most 3 % slower


class BareConnection(sqlite3.Connection):
    """The baseline: a connection that names nothing."""

    path = ""


def build(folder: Path, scope: str, factory: type) -> float:
    db.LedgerConnection, saved = factory, db.LedgerConnection
    try:
        path = folder / f"{factory.__name__}-{time.monotonic_ns()}.sqlite"
        start = time.perf_counter()
        with Ledger.new(path, scope=scope, operator="基准") as ledger:
            synthetic.build(ledger, scope, seed=0)
        return time.perf_counter() - start
    finally:
        db.LedgerConnection = saved


def per_execute(factory: type, n: int = 50_000, repeat: int = 7) -> float:
    """Nanoseconds of one ``execute`` of a trivial statement: the best of *repeat* runs (the
    machine is shared; the minimum is the least disturbed)."""
    conn = sqlite3.connect(":memory:", factory=factory)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for i in range(n):
            conn.execute("SELECT ?", (i,))
        best = min(best, time.perf_counter() - start)
    conn.close()
    return best / n * 1e9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scope", default="130111", help="division code to build (default a county)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    wrapped, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            bare.append(build(Path(tmp), args.scope, BareConnection))
            wrapped.append(build(Path(tmp), args.scope, db.LedgerConnection))
    ratio = min(wrapped) / min(bare)
    print(f"build of {args.scope}: named errors {min(wrapped):.2f} s, bare connection {min(bare):.2f} s "
          f"(best of {args.rounds}); ratio {ratio:.3f} (goal <= {GOAL_RATIO}: {'met' if ratio <= GOAL_RATIO else 'NOT met'})")
    named, plain = per_execute(db.LedgerConnection), per_execute(BareConnection)
    print(f"one execute: named errors {named:.0f} ns, bare {plain:.0f} ns (+{named - plain:.0f} ns)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
