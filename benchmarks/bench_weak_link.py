"""Benchmark: a township's day synced over a weak link (64 kbit/s, 150 ms, one cut).

    .venv/bin/python benchmarks/bench_weak_link.py [--kbit 64] [--changes 200] [--photo-kb 300]

A township ledger makes about 200 changes (members, meetings, publicity) and attaches one
photo of ~300 KB (random bytes: a JPEG does not compress either), then syncs with a real hub
process on 127.0.0.1 through ``weaklink.WeakLink``, a TCP proxy that paces every byte to the
link's bandwidth.  Three times, each time from a fresh copy of the same ledger and with a hub
of its own (a device of the same township would otherwise also download the photo of the
run before):

1. an unbroken link: time and bytes on the wire (both ways);
2. the same with the connection cut once, half way through the bytes of run 1 (in the photo's
   upload, which resumes from the bytes the hub holds): time until the sync has gone through
   (the client's own retries, then one more sync if it gave up) and the bytes on the wire;
   "resent" is what the cut cost beyond run 1;
3. the same with the cut half way through the push batch (the day's changes in one gzip'd
   request, which is sent again whole).

Printed beside: the wire's floor (bytes of run 1 at the link's bandwidth), and the goal
(under 10 s at 64 kbit/s with one cut).  Not a timed test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import Hub  # noqa: E402
from weaklink import WeakLink  # noqa: E402

from desktop.ledger import Ledger  # noqa: E402
from sync.client import SyncClient, enroll  # noqa: E402

TOWNSHIP = "130111200"
ORG = f"org-township_committee-{TOWNSHIP}"
GOAL_S = 10.0


def township_day(path: Path, changes: int, photo_kb: int) -> Ledger:
    ledger = Ledger.new(path, scope=TOWNSHIP, operator="乡团委")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    members = changes // 2
    ids = ledger.create_many("committee_member", [
        dict(org_id=ORG, name=f"委员{i:03d}", gender="female", post="member", employment="part_time",
             source="other", joined_on="2024-03-01", phone=f"1391234{i:04d}") for i in range(members)])
    for i in range(changes - members - 1):
        if i % 2:
            ledger.meetings.create(org_id=ORG, kind="training", held_on="2026-11-20", title=f"青年培训{i}",
                                   attendance=20 + i % 30)
        else:
            ledger.committee_members.update(ids[i % len(ids)], employer=f"南高乡第{i}村")
    return ledger


def push_body_bytes(ledger: Ledger) -> tuple[int, int]:
    """The push batch of the day's changes as sent (gzip'd like the client does) and before."""
    changes, _ = ledger.changes_since(0, limit=1000)
    raw = json.dumps({"schema": ledger.schema_version, "changes": [c.to_wire() for c in changes]},
                     ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return len(gzip.compress(raw, compresslevel=5)), len(raw)


def run(changes: int, folder: Path, kbit: float, cut_at: int | None, photo_kb: int,
        name: str) -> tuple[float, int, int]:
    folder = folder / name.replace(" ", "-")
    folder.mkdir()
    path = folder / "device.sqlite"
    township_day(path, changes, photo_kb).close()  # a device of its own each run
    hub = Hub(folder)
    link = WeakLink(("127.0.0.1", hub.port), kbit_per_s=kbit, delay_ms=150).start()
    try:
        with Ledger.open(path) as ledger:
            # a photo of its own each run (the hub keeps files by content: a copy would not travel)
            ledger.attach("organisation", ORG, "活动照片.jpg", os.urandom(photo_kb * 1024), "image/jpeg")
            enroll(ledger, f"http://127.0.0.1:{link.port}", hub.code(TOWNSHIP, "南高乡团委"), "乡团委电脑")
            base = link.stats()
            if cut_at is not None:
                link.cut_after(base.up + base.down + cut_at)
            started = time.perf_counter()
            for attempt in range(1, 6):
                try:
                    SyncClient(ledger).sync()
                except Exception as exc:  # the client gave up after its own retries: sync again
                    print(f"    sync attempt {attempt} ended: {type(exc).__name__}: {exc}")
                    continue
                if not ledger.pending_changes():
                    break
            else:
                raise SystemExit("the sync did not go through in 5 attempts")
            elapsed = time.perf_counter() - started
            end = link.stats()
        return elapsed, end.up + end.down - base.up - base.down, end.cuts
    finally:
        link.stop()
        hub.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kbit", type=float, default=64)
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--photo-kb", type=int, default=300)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-weak-"))
    try:
        template = folder / "template.sqlite"
        with township_day(template, args.changes, args.photo_kb) as ledger:
            pending = ledger.pending_changes() + 1  # and the photo's attachment record
            packed, raw = push_body_bytes(ledger)
        rate = args.kbit * 1000 / 8
        print(f"A township's day: {pending} changes and a {args.photo_kb} KB photo, over {args.kbit:g} kbit/s "
              f"({rate / 1024:.1f} KiB/s), 150 ms delay")
        print(f"  the push batch: {packed / 1024:.1f} KiB gzip'd ({raw / 1024:.1f} KiB of JSON), "
              f"{packed / rate:.1f} s on this wire")
        t1, b1, _ = run(args.changes, folder, args.kbit, None, args.photo_kb, "unbroken")
        floor = b1 / rate
        print(f"  unbroken:   {t1:6.1f} s, {b1 / 1024:7.1f} KiB on the wire  (wire floor {floor:.1f} s, "
              f"{t1 / floor:.2f}x it)")
        cut_times = []
        for label, cut_at in (("one cut:   ", b1 // 2), ("cut in push", packed // 2)):
            t2, b2, cuts = run(args.changes, folder, args.kbit, cut_at, args.photo_kb, label.strip())
            print(f"  {label} {t2:6.1f} s, {b2 / 1024:7.1f} KiB on the wire  ({cuts} cut after "
                  f"{cut_at / 1024:.1f} KiB; resent {max(0, b2 - b1) / 1024:.1f} KiB = "
                  f"{max(0, b2 - b1) / b1:.0%} of the day's bytes; {t2 - floor:+.1f} s beyond the wire floor)")
            cut_times.append(t2)
        verdict = "met" if max(cut_times) < GOAL_S else "NOT MET"
        print(f"  goal: under {GOAL_S:.0f} s with one cut: {verdict}; the wire alone needs {floor:.1f} s for "
              f"these bytes at {args.kbit:g} kbit/s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
