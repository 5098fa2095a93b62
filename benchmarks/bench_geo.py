"""The division list in memory: resident size and look-up speed, against Python objects per unit.

    .venv/bin/python benchmarks/bench_geo.py [--province 13] [--lookups 200000]

Each measurement runs in a fresh process of its own, so resident memory is the list's alone
(the interpreter's own size is measured first and taken off):

- baseline: the same rows held the straightforward way, one ``Division`` object per unit in a
  dict by code and lists of children (the form the list had before) — levels 1-4 of the
  country and the villages of one province;
- ``desktop.scope.geo.Geography``: the compact form (codes in integer arrays, names in one
  string per level), the same levels and the same province's villages.

Then, in this process, the speed of what the program asks most: ``get`` of random township and
village codes and of the codes of one county (what a county ledger asks, again and again),
``children`` of random counties and townships, ``search`` of a name — the baseline's dict
look-up beside the compact form's binary search and its cache of recent units.  Not a timed test: it prints
figures and ratios and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.scope import geo as geo_module  # noqa: E402
from desktop.scope.geo import CODE_LENGTH, LEVEL_BY_LENGTH, Geography, default_resource_dir  # noqa: E402

GOAL_MB = 15


@dataclass(frozen=True, slots=True)
class _Unit:
    code: str
    name: str
    level: int
    parent_code: str | None


class ObjectsPerUnit:
    """The baseline: a ``Division``-like object per unit, in a dict and children lists."""

    def __init__(self, folder: Path, province: str) -> None:
        self.by_code: dict[str, _Unit] = {}
        self.children: dict[str, list[_Unit]] = {}
        for path in (folder / "divisions.tsv.gz", folder / "villages" / f"{province}.tsv.gz"):
            for line in gzip.decompress(path.read_bytes()).decode("utf-8").split("\n"):
                if not line:
                    continue
                code, name, *_ = line.split("\t")
                level = LEVEL_BY_LENGTH[len(code)]
                parent = code[: CODE_LENGTH[level - 1]] if level > 1 else None
                unit = _Unit(code, name, level, parent)
                self.by_code[code] = unit
                self.children.setdefault(parent or "", []).append(unit)

    def search(self, text: str) -> list[_Unit]:
        return [u for u in self.by_code.values() if text in u.name and u.level < 5]


def rss_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure_child(form: str, province: str) -> None:
    """Run in a fresh process: print the list's resident size in KiB as JSON."""
    import gc

    before = rss_kib()
    if form == "objects":
        held = ObjectsPerUnit(default_resource_dir(), province)
    else:
        held = Geography.load()
        held.villages(province)
    gc.collect()
    print(json.dumps({"kib": rss_kib() - before, "units": len(getattr(held, "by_code", ())) or None}))


def resident(form: str, province: str) -> float:
    out = subprocess.run([sys.executable, __file__, "--child", form, "--province", province],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["kib"] / 1024


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="13")
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--child", choices=("objects", "compact"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure_child(args.child, args.province)
        return 0
    if not sys.platform.startswith("linux"):
        print("resident sizes are read from /proc: run this on Linux")
        return 0

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    objects_mb, compact_mb = resident("objects", args.province), resident("compact", args.province)
    print(f"resident memory, levels 1-4 + villages of {args.province}: objects per unit {objects_mb:.1f} MB, "
          f"compact {compact_mb:.1f} MB ({compact_mb / objects_mb:.2f}×; goal under {GOAL_MB} MB — "
          f"{'met' if compact_mb < GOAL_MB else 'not met'})")

    folder = default_resource_dir()
    source, packed = folder / "divisions.tsv.gz", folder / geo_module.PACK_NAME
    read_file = best(lambda: packed.read_bytes(), 5)
    from_text = best(lambda: geo_module._read_tsv(source), 5)
    from_pack = best(lambda: geo_module._read_pack(packed, source), 5)
    print(f"levels 1-4 read at the program's start: from divisions.tsv.gz {from_text * 1000:.1f} ms, "
          f"from divisions.pack {from_pack * 1000:.1f} ms ({from_pack / from_text:.2f}×; reading the pack's "
          f"{packed.stat().st_size / 1e6:.1f} MB alone {read_file * 1000:.1f} ms)")

    objects, geo = ObjectsPerUnit(folder, args.province), Geography.load()
    geo.villages(args.province)
    rng = random.Random(7)
    townships = [c for c, u in objects.by_code.items() if u.level == 4]
    villages = [c for c, u in objects.by_code.items() if u.level == 5]
    counties = [c for c, u in objects.by_code.items() if u.level == 3]
    codes = [rng.choice(townships if i % 2 else villages) for i in range(args.lookups)]
    parents = [rng.choice(counties if i % 2 else [t for t in townships if t.startswith(args.province)])
               for i in range(2_000)]

    county = counties[0] if not args.province else next(c for c in counties if c.startswith(args.province))
    local = [c for c in townships + villages if c.startswith(county)]
    own = [rng.choice(local) for _ in range(args.lookups)]
    rows = [
        ("get (random township or village code)", len(codes),
         lambda: [objects.by_code.get(c) for c in codes], lambda: [geo.get(c) for c in codes]),
        (f"get (codes of one county, {len(local)} units)", len(own),
         lambda: [objects.by_code.get(c) for c in own], lambda: [geo.get(c) for c in own]),
        ("children (random county or township)", len(parents),
         lambda: [list(objects.children.get(p, ())) for p in parents], lambda: [geo.children(p) for p in parents]),
        ("search of a name (levels 1-4)", 20,
         lambda: [objects.search("南高") for _ in range(20)], lambda: [geo.search("南高") for _ in range(20)]),
    ]
    for label, count, baseline, compact in rows:
        b, c = best(baseline), best(compact)
        print(f"{label}: objects {b / count * 1e6:.2f} µs, compact {c / count * 1e6:.2f} µs per call "
              f"({c / b:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
