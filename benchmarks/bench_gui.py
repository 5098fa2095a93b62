"""GUI speed on a national-size ledger (offscreen).

    .venv/bin/python benchmarks/bench_gui.py [--ledger PATH] [--seed N] [--launch-only]

Builds (once, cached under the temp folder) a synthetic ledger of the whole country,
and one of a county, then measures in fresh processes:
- launch → main window shown, on the national and on the county ledger (baseline: a bare
  PySide6 window in the same run; goal: at most 3× it);
- the committee-members table of the whole country opening (count + first page);
- a name filter on it;
- the dashboard of a province;
- peak memory of the program.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBE = r"""
import json, os, resource, sys, time
t0 = float(sys.argv[2])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[3])
mode = sys.argv[4]
from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget
marks = {"Qt imported": time.time() - t0}
if mode == "bare":
    app = QApplication([])
    w = QWidget(); w.resize(1280, 760); w.show(); app.processEvents()
    w.grab()
    print(json.dumps({"shown": time.time() - t0}), flush=True)
    sys.exit(0)
from desktop.ledger import Ledger
from ui import i18n as ui_i18n, workers
from ui.app import make_app
from ui import settings as S
from ui.main_window import MainWindow
marks["the program's modules imported"] = time.time() - t0
app = make_app()
ui_i18n.install("zh_CN")
settings = S.Settings(QSettings(sys.argv[1] + ".bench.ini", QSettings.IniFormat))
marks["application and translations"] = time.time() - t0
ledger = Ledger.open(sys.argv[1])
marks["ledger opened"] = time.time() - t0
window = MainWindow(ledger, settings)
window.resize(1280, 760)
marks["main window built"] = time.time() - t0
window.show()
app.processEvents()
window.grab()
out = {"shown": time.time() - t0}
marks["shown and painted"] = out["shown"]
out["marks"] = marks

def wait(cond, limit=120):
    end = time.time() + limit
    while not cond() and time.time() < end:
        app.processEvents(QEventLoop.AllEvents, 5)

wait(lambda: not workers.busy())
section = window.sections["committee_member"]
t = time.time()
window.tabs.setCurrentWidget(section)
section.model.set_scope("")
wait(lambda: not section.model.loading)
out["members_table"] = time.time() - t
out["members_total"] = section.model.total
t = time.time()
section.model.set_search("王")
wait(lambda: not section.model.loading)
out["name_filter"] = time.time() - t
out["filter_total"] = section.model.total
t = time.time()
section.model.set_search("")
wait(lambda: not section.model.loading)
window.tabs.setCurrentIndex(0)
dash = window.dashboard
t = time.time()
dash.set_scope("13")
wait(lambda: not workers.busy())
app.processEvents()
out["dashboard_province"] = time.time() - t
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()
workers.wait_all()
ledger.close()
print(json.dumps(out), flush=True)
"""


#: The county of the second launch figure (河北省石家庄市栾城区, the tests' county).
COUNTY = "130111"
#: A launch may be at most this many times the bare window of the same run.
LAUNCH_RATIO_GOAL = 3.0


def build_national(path: Path, seed: int, scope: str = "") -> None:
    from desktop.tools import synthetic
    from desktop.ledger import Ledger

    part = path.with_name(path.name + ".part")
    for p in part.parent.glob(part.name + "*"):
        p.unlink()
    t = time.time()
    ledger = Ledger.new(part, scope=scope, operator="基准")

    def progress(done: int, total: int) -> None:
        if done % 3000 == 0:
            print(f"  … {done:,}/{total:,} townships, {time.time() - t:.0f} s", flush=True)

    counts = synthetic.build(ledger, scope, seed=seed, progress=progress)
    ledger.close()
    os.replace(part, path)
    print(f"built the {'national' if not scope else scope} ledger in {time.time() - t:.0f} s: "
          f"{counts['committee_member']:,} members, {counts['organisation']:,} organisations, "
          f"{sum(counts.values()):,} records, {path.stat().st_size / 1e6:,.0f} MB")


def compile_sources() -> None:
    """Write the program's bytecode, as the installed program has it: without it every probe
    would compile the sources anew (PYTHONDONTWRITEBYTECODE) and measure the compiler."""
    import compileall

    for package in ("desktop", "sync", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def stages(marks: dict[str, float]) -> str:
    """The seconds between one mark of a launch and the next (the launch's own profile)."""
    out, before = [], 0.0
    for name, at in marks.items():
        out.append(f"{name} {at - before:.3f} s")
        before = at
    return "; ".join(out)


def probe(ledger: Path, mode: str) -> dict:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", PROBE, str(ledger), str(t0), str(ROOT), mode],
                         capture_output=True, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ledger", type=Path, help="a national ledger to use (default: build or reuse a cached one)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--launch-only", action="store_true", help="measure only the launches (and the bare window)")
    args = ap.parse_args()
    folder = Path(tempfile.gettempdir()) / "township-ledger-bench"
    path = args.ledger or folder / f"national-{args.seed}.sqlite"
    county = folder / f"county-{COUNTY}-{args.seed}.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    for ledger, scope in ((path, ""), (county, COUNTY)):
        if not ledger.exists():
            print(f"building a synthetic ledger of {scope or 'the country'} at {ledger} (once; reused by later runs)")
            build_national(ledger, args.seed, scope)
    print(f"ledger: {path} ({path.stat().st_size / 1e6:,.0f} MB); county ledger: {county.name} "
          f"({county.stat().st_size / 1e6:,.0f} MB)")
    compile_sources()
    # bare, national and county launches in turn, so that a busy moment of the machine
    # weighs on each alike
    bare, launches, county_launches = [], [], []
    for _ in range(args.runs):
        bare.append(probe(path, "bare"))
        launches.append(probe(path, "launch"))
        county_launches.append(probe(county, "launch"))
    base = min(b["shown"] for b in bare)
    print(f"{'bare PySide6 window shown':34} {base:>10.3f} s   (baseline)")
    for name, values in (("launch → main window, national", launches), ("launch → main window, county", county_launches)):
        best = min(values, key=lambda v: v["shown"])
        ratio = best["shown"] / base
        print(f"{name:34} {best['shown']:>10.3f} s {ratio:>6.1f}x of the bare window (goal ≤ {LAUNCH_RATIO_GOAL:.0f}x)  "
              f"{'met' if ratio <= LAUNCH_RATIO_GOAL else 'NOT MET'}")
        if ratio > LAUNCH_RATIO_GOAL:
            print("    where that launch's time went: " + stages(best["marks"]))
    if args.launch_only:
        return 0
    runs = [probe(path, "full") for _ in range(args.runs)]

    def best(key: str) -> float:
        return min(r[key] for r in runs)

    print(f"committee members in the ledger: {runs[0]['members_total']:,}; matching '王': {runs[0]['filter_total']:,}")
    rows = [
        ("launch → main window (full runs)", best("shown"), 2.0),
        ("members table, whole country", best("members_table"), 1.0),
        ("name filter on it", best("name_filter"), 0.3),
        ("dashboard of a province (13)", best("dashboard_province"), 1.0),
    ]
    print(f"{'figure':34} {'best of ' + str(args.runs):>12} {'goal':>8}")
    for name, value, goal in rows:
        print(f"{name:34} {value:>10.3f} s {goal:>6.1f} s  {'met' if value <= goal else 'NOT MET'}")
    print(f"{'bare PySide6 window shown':34} {base:>10.3f} s   (baseline; launch ratio "
          f"{best('shown') / base:.1f}x)")
    peak = max(r["peak_rss_mb"] for r in runs)
    print(f"{'peak memory (ru_maxrss)':34} {peak:>8.0f} MB {500:>6} MB  {'met' if peak <= 500 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
