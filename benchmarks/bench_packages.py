"""Benchmark: a county's year of changes on a USB stick.

    .venv/bin/python benchmarks/bench_packages.py [--scope 130111] [--seed 0] [--months 12]

``desktop.tools.synthetic.build(ledger, SCOPE, seed)`` fills a county ledger; it exports a package
for a second computer of the county (trusted both ways), which imports it.  Printed:

* export time (collect, gzip, encrypt, sign, write atomically, read back and verify) and
  import time (verify, decrypt, apply in one transaction), each beside its baseline measured
  in the same run: ``json.dumps`` of the same changes (export) and ``apply_changes`` of the
  same changes into a fresh ledger, without a package (import);
* package size against the raw JSON of the changes;
* re-import (everything already held) time.

Not a timed test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync import packages as P  # noqa: E402
from desktop.tools import synthetic  # noqa: E402
from desktop.ledger import Ledger  # noqa: E402


def befriend(a: Ledger, b: Ledger, tmp: Path) -> None:
    for x, y in ((a, b), (b, a)):
        P.trust_peer(y, P.read_identity_file(P.peer_identity_file(x, tmp / f"{x.device_id}.tlid")), "fingerprint")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scope", default="130111")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--months", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        stick = tmp / "stick"
        stick.mkdir()
        t0 = time.perf_counter()
        sender = Ledger.new(tmp / "sender.sqlite", scope=args.scope, operator="bench")
        synthetic.build(sender, args.scope, seed=args.seed, months=args.months)
        print(f"synthetic ledger of {args.scope}: {time.perf_counter() - t0:.1f} s")
        receiver = Ledger.new(tmp / "receiver.sqlite", scope=args.scope, operator="bench")
        baseline = Ledger.new(tmp / "baseline.sqlite", scope=args.scope, operator="bench")
        befriend(sender, receiver, tmp)

        t0 = time.perf_counter()
        changes = sender.changes_after({}, scope=sender.scope)
        raw = json.dumps([c.to_wire() for c in changes], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        t_raw = time.perf_counter() - t0

        t0 = time.perf_counter()
        path = P.export_package(sender, stick, receiver.device_id)
        t_export = time.perf_counter() - t0
        size = path.stat().st_size

        t0 = time.perf_counter()
        base = baseline.apply_changes(json.loads(raw), allowed_scope=sender.scope)
        t_apply = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = P.import_package(receiver, path)
        t_import = time.perf_counter() - t0

        t0 = time.perf_counter()
        again = P.import_package(receiver, path)
        t_again = time.perf_counter() - t0

        n = len(changes)
        print(f"changes: {n:,} ({report.blobs} attachments); applied {report.applied:,}, rejected {len(report.rejected)}"
              f" (baseline applied {base.applied:,})")
        print(f"export:   {t_export:7.2f} s  ({n / t_export:,.0f} changes/s)   baseline json.dumps {t_raw:.2f} s"
              f"  -> x{t_export / t_raw:.1f}")
        print(f"import:   {t_import:7.2f} s  ({n / t_import:,.0f} changes/s)   baseline apply_changes {t_apply:.2f} s"
              f"  -> x{t_import / t_apply:.2f}")
        print(f"re-import:{t_again:7.2f} s  (all {again.already_had:,} already held)")
        print(f"size:     package {size / 1e6:.2f} MB vs raw JSON {len(raw) / 1e6:.2f} MB -> {size / len(raw):.1%}")
        for ledger in (sender, receiver, baseline):
            ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
