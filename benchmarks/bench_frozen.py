"""The frozen build against the program run from source, measured in the same run.

    .venv/bin/python benchmarks/bench_frozen.py [--dist dist/township-ledger] [--runs 5]
    bash .ci/build --bench            # builds first, then runs this

Figures:
- build size, unpacked and zipped (deflate);
- launch → main window shown, on a demo township ledger, for the frozen program and for
  ``python -m desktop`` (both through ``--smoke`` with ``TOWNSHIP_LEDGER_SMOKE_T0`` set just
  before the process is started; best and median of ``--runs`` alternating runs after one
  warm-up each);
- memory (resident set) of the running frozen program on a demo county ledger once it has
  settled, offscreen, beside the same for ``python -m desktop``.  Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOWNSHIP = "130111200"   # 南高乡
COUNTY = "130111"        # 栾城区


def make_ledger(path: Path, scope: str) -> Path:
    from desktop.tools import synthetic
    from desktop.ledger import Ledger

    if not path.exists():
        with Ledger.new(path, scope=scope, operator="基准") as ledger:
            synthetic.build(ledger, scope, seed=0)
    return path


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TOWNSHIP_LEDGER_HOME=str(home),
               TOWNSHIP_LEDGER_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    env.pop("TOWNSHIP_LEDGER", None)
    return env


def sizes(dist: Path) -> tuple[float, float]:
    """Unpacked (each file once; links not followed) and zipped size in MB, zipped as ``.ci/build`` does."""
    entries = [f for f in dist.rglob("*") if f.is_file() or f.is_symlink()]
    unpacked = sum(f.stat().st_size for f in entries if not f.is_symlink())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in entries:
            name = f.relative_to(dist.parent).as_posix()
            if f.is_symlink():
                zf.writestr(name, f.readlink().as_posix())
            else:
                zf.write(f, name)
    return unpacked / 1e6, len(buf.getbuffer()) / 1e6


def shown_after(cmd: list[str], ledger: Path, home: Path) -> float:
    env = env_for(home)
    env["TOWNSHIP_LEDGER_SMOKE_TIMING"] = "1"
    env["TOWNSHIP_LEDGER_SMOKE_T0"] = repr(time.time())
    out = subprocess.run([*cmd, "--ledger", str(ledger), "--smoke"], env=env, cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    m = re.search(r"window shown after ([\d.]+) s", out.stdout)
    if out.returncode != 0 or not m:
        raise SystemExit(f"{' '.join(cmd)} --smoke failed ({out.returncode}):\n{out.stdout}\n{out.stderr[-3000:]}")
    return float(m[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident set now and at its peak, in MB (Linux)."""
    fields = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return int(fields["VmRSS"][0]) / 1024, int(fields["VmHWM"][0]) / 1024


def settled_rss(cmd: list[str], ledger: Path, home: Path, limit: float = 60.0) -> tuple[float, float, float]:
    """Start the program's window on *ledger*, wait until its memory stays put for 3 s
    (at least 5 s after the start), return (RSS, peak RSS, seconds until settled)."""
    proc = subprocess.Popen([*cmd, "--ledger", str(ledger)], env=env_for(home), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t0 = time.time()
    samples: list[tuple[float, float]] = []
    try:
        while True:
            time.sleep(0.25)
            if proc.poll() is not None:
                raise SystemExit(f"{' '.join(cmd)} ended early ({proc.returncode}): "
                                 f"{proc.stderr.read().decode('utf-8', 'replace')[-2000:]}")
            now = time.time() - t0
            rss, peak = rss_mb(proc.pid)
            samples.append((now, rss))
            window = [r for t, r in samples if t >= now - 3.0]
            if now >= 5.0 and max(window) - min(window) < 1.0:
                return rss, peak, now
            if now > limit:
                return rss, peak, now
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=ROOT / "dist" / "township-ledger")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    exe_name = "township-ledger-cli.exe" if sys.platform == "win32" else "township-ledger"
    frozen = [str((args.dist / exe_name).resolve())]
    source = [sys.executable, "-m", "desktop"]
    if not Path(frozen[0]).exists():
        raise SystemExit(f"no build at {args.dist}: run bash .ci/build first")

    unpacked, zipped = sizes(args.dist)
    with tempfile.TemporaryDirectory(prefix="bench-frozen-") as tmp:
        tmp = Path(tmp)
        township = make_ledger(tmp / "township.sqlite", TOWNSHIP)
        county = make_ledger(tmp / "county.sqlite", COUNTY)
        home = tmp / "home"

        shown_after(frozen, township, home)  # warm-up: file cache
        shown_after(source, township, home)
        times = {"frozen": [], "source": []}
        for _ in range(args.runs):
            times["frozen"].append(shown_after(frozen, township, home))
            times["source"].append(shown_after(source, township, home))

        memory = {}
        if sys.platform.startswith("linux"):
            memory["frozen"] = settled_rss(frozen, county, tmp / "home-frozen")
            memory["source"] = settled_rss(source, county, tmp / "home-source")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    ratio = best["frozen"] / best["source"]
    print(f"{'figure':44} {'measured':>22}  goal")
    print(f"{'build size unpacked':44} {unpacked:>19.1f} MB  < 120 MB  {verdict(unpacked < 120)}")
    print(f"{'build size zipped (deflate)':44} {zipped:>19.1f} MB  < 50 MB   {verdict(zipped < 50)}")
    print(f"{'launch → window shown, frozen':44} {best['frozen']:>8.3f} s (median {median['frozen']:.3f})  "
          f"< 1.5 s   {verdict(best['frozen'] < 1.5)}")
    print(f"{'launch → window shown, python -m desktop':44} {best['source']:>8.3f} s (median {median['source']:.3f})")
    print(f"{'frozen / source':44} {ratio:>20.2f}×  ≤ 1.3×    {verdict(ratio <= 1.3)}")
    if memory:
        rss, peak, when = memory["frozen"]
        print(f"{'memory at idle, county ledger, frozen':44} {rss:>19.0f} MB  < 200 MB  {verdict(rss < 200)}"
              f"   (peak {peak:.0f} MB; settled after {when:.1f} s)")
        rss, peak, when = memory["source"]
        print(f"{'memory at idle, county ledger, from source':44} {rss:>19.0f} MB"
              f"             (peak {peak:.0f} MB; settled after {when:.1f} s)")
    else:
        print("memory: measured on Linux only")
    print(f"({args.runs} alternating runs after a warm-up; {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
