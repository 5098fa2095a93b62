"""The problem list (问题清单): each rule of a county, a prefecture and (with ``--province``)
a province, and the monthly report with and without the list, the report without as baseline.

    .venv/bin/python benchmarks/bench_problems.py [--ledger PATH] [--scope 1301] [--runs 3]

Uses (or builds once, in the temporary folder) a synthetic ledger of the prefecture *scope*
(石家庄市 by default: about 20 counties, 290 townships).  Opens it read-only and measures, in
this process: ``desktop.reporting.problems.evaluate`` rule by rule (best of N) of its first
county and of the prefecture, and ``desktop.reporting.report.monthly_report`` of the
prefecture with its problem list and without it (:func:`desktop.reporting.problems.in_report`
patched to say no).  Machine load is printed first: the figures are wall-clock times.  Not a
timed test: it prints figures beside their goals and exits 0 either way.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.ledger import Ledger  # noqa: E402
from desktop.ledger.report_queries import latest_reported_month  # noqa: E402
from desktop.reporting import problems as P  # noqa: E402
from desktop.reporting import report  # noqa: E402

#: The view evaluates in a worker; a county's list should still come at once.
GOAL_COUNTY_S = 0.1
GOAL_PREFECTURE_S = 1.0


def best_of(fn, runs: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t
        best = wall if best is None or wall < best else best
    return best, result


def line(name: str, seconds: float, goal: float | None = None, extra: str = "") -> None:
    verdict = "" if goal is None else f"{goal:>6.1f} s  {'met' if seconds <= goal else 'NOT MET'}"
    print(f"{name:48} {seconds:>8.3f} s {verdict:20} {extra}")


def build(path: Path, scope: str, seed: int) -> None:
    from desktop.tools import synthetic

    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    t = time.time()
    with Ledger.new(part, scope=scope, operator="基准") as ledger:
        counts = synthetic.build(ledger, scope, seed=seed)
    os.replace(part, path)
    print(f"built {path.name} in {time.time() - t:.0f} s: {counts['organisation']:,} organisations, "
          f"{counts['committee_member']:,} members")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ledger", type=Path, help="a ledger of the prefecture (default: build or reuse a cached one)")
    ap.add_argument("--scope", default="1301", help="the prefecture (default 1301)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    path = args.ledger or Path(tempfile.gettempdir()) / "township-ledger-bench" / f"problems-{args.scope}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, args.scope, args.seed)
    ledger = Ledger.open(path, read_only=True, verify=False)
    month = latest_reported_month(ledger) or report.last_month()
    county = ledger.conn.execute("SELECT min(division_code) FROM organisation WHERE kind = 'county_committee' "
                                 "AND division_code LIKE ? || '%'", (args.scope,)).fetchone()[0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"ledger: {path} ({path.stat().st_size / 1e6:,.0f} MB), month {month}; "
          f"{os.cpu_count()} CPUs, load average {load:.2f}")
    print(f"{'figure':48} {'wall':>10} {'goal':>8}")
    for scope, goal in ((county, GOAL_COUNTY_S), (args.scope, GOAL_PREFECTURE_S)):
        c = P.context(ledger, scope, month)
        for rule in P.RULES:
            seconds, n = best_of(lambda: sum(1 for _ in rule.find(ledger, c)), args.runs)
            line(f"  {scope} {rule.id}", seconds, None, f"{n:,} problems")
        seconds, found = best_of(lambda: P.evaluate(ledger, scope, month), args.runs)
        line(f"problem list of {scope} (every rule)", seconds, goal, f"{len(found):,} problems")
    with_list, _r = best_of(lambda: report.monthly_report(ledger, args.scope, month), args.runs)
    in_report = P.in_report
    P.in_report = lambda _scope: False
    try:
        without, _r = best_of(lambda: report.monthly_report(ledger, args.scope, month), args.runs)
    finally:
        P.in_report = in_report
    line(f"baseline: monthly report of {args.scope} without the list", without)
    line(f"monthly report of {args.scope} with the list", with_list, None, f"{with_list / without:.2f}x the baseline")
    ledger.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
