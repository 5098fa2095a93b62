"""Benchmark: the hub's memory while many devices make their first sync of a province.

    .venv/bin/python benchmarks/bench_hub_memory.py [--province 13] [--clients 20]

A real hub process (``township-hub serve``); ``desktop.tools.synthetic.build`` fills a
province's ledger, which is pushed to the hub.  Then fresh devices of the province make
their first sync the two ways a client can, first one device alone (the baseline, in
the same run), then ``--clients`` at once:

* the snapshot file (``/v1/snapshot/info``, then ``/v1/snapshot`` — every device has its
  own file, since its own changes are left out);
* page by page (``/v1/pull`` with the largest page, gzip'd as the client asks).

The devices are threads reading the answers in chunks and dropping them: what is
measured is the hub.  The hub process's RSS is sampled every 0.1 s; printed are its
idle RSS, the peak of each phase, and the growth of ``--clients`` at once against one
alone.  Answers are written as they are read, so the growth should stay far below
``--clients`` times a whole answer.  Not a timed test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import requests  # noqa: E402

from desktop.ledger import Ledger  # noqa: E402
from desktop.ledger.migrations import CURRENT_VERSION  # noqa: E402
from desktop.tools import synthetic  # noqa: E402
from soak_hub import HubProcess, proc_sample  # noqa: E402
from sync.client import SyncClient, enroll  # noqa: E402
from sync.hub.store import HubStore  # noqa: E402


class Peak(threading.Thread):
    """The hub's largest RSS while the block runs."""

    def __init__(self, hub: HubProcess) -> None:
        super().__init__(daemon=True)
        self.hub, self.kib, self.halt = hub, 0, threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.1):
            self.kib = max(self.kib, proc_sample(self.hub.proc.pid, self.hub.db.resolve())["rss_kib"])

    def __enter__(self) -> "Peak":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.halt.set()
        self.join()


def read_all(resp: requests.Response) -> int:
    resp.raise_for_status()
    return sum(len(chunk) for chunk in resp.iter_content(64 * 1024))


def by_snapshot(url: str, token: str) -> int:
    auth = {"Authorization": f"Bearer {token}"}
    with requests.Session() as s:
        info = s.get(url + "/v1/snapshot/info", headers=auth, timeout=600).json()
        with s.get(url + "/v1/snapshot", params={"upto": info["cursor"]}, stream=True, timeout=600,
                   headers={**auth, "Accept-Encoding": "identity"}) as r:
            return read_all(r)


def by_pages(url: str, token: str) -> int:
    auth = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    cursor, got = 0, 0
    with requests.Session() as s:
        while True:
            r = s.get(url + "/v1/pull", params={"cursor": cursor, "limit": 5000}, headers=auth, timeout=600)
            r.raise_for_status()
            got += len(r.content)
            body = r.json()
            cursor = body["cursor"]
            if not body["more"]:
                return got


def tokens(hub: HubProcess, scope: str, n: int) -> list[str]:
    out = []
    with HubStore.open_admin(hub.db) as admin:
        codes = [admin.create_code(scope, f"新设备{i}") for i in range(n)]
    for i, code in enumerate(codes):
        r = requests.post(hub.url + "/v1/enroll", timeout=60, json={
            "code": code, "device_id": f"{0xfeed0000 + i:016x}", "name": f"新设备{i}", "schema": CURRENT_VERSION})
        out.append(r.json()["token"])
    return out


def phase(hub: HubProcess, how, name: str, toks: list[str]) -> int:
    with Peak(hub) as peak, ThreadPoolExecutor(len(toks)) as pool:
        t0 = time.perf_counter()
        sizes = list(pool.map(lambda t: how(hub.url, t), toks))
        took = time.perf_counter() - t0
    print(f"{name:<34} {len(toks):>3} at once: peak RSS {peak.kib / 1024:7.1f} MiB; "
          f"{sizes[0] / 2**20:6.1f} MiB read by each; {took:6.1f} s")
    return peak.kib


def build(hub: HubProcess, folder: Path, province: str) -> None:
    src = Ledger.new(folder / "src.sqlite", scope=province, operator="省团委")
    with HubStore.open_admin(hub.db) as admin:
        code = admin.create_code(province, "省团委")
    enroll(src, hub.url, code)
    t0 = time.perf_counter()
    synthetic.build(src, province, seed=0)
    pushed = SyncClient(src).push().applied
    src.close()
    print(f"province {province}: {pushed:,} changes built and pushed in {time.perf_counter() - t0:.0f} s")


def measure(hub: HubProcess, args) -> None:
    """Each phase on a freshly started hub, so one phase's peak does not hide the next's."""
    hub.start()
    toks = tokens(hub, args.province, 2 * args.clients + 2)
    hub.stop()
    figures = {}
    for name, how, first in (("first sync by snapshot file", by_snapshot, 0),
                             ("first sync page by page", by_pages, args.clients + 1)):
        for n in (1, args.clients):
            hub.start()
            idle = proc_sample(hub.proc.pid, hub.db.resolve())["rss_kib"]
            start = first + (0 if n == 1 else 1)
            peak = phase(hub, how, name, toks[start:start + n])
            hub.stop()
            figures[name, n] = (idle, peak)
    for name in ("first sync by snapshot file", "first sync page by page"):
        (idle1, one), (idle, many) = figures[name, 1], figures[name, args.clients]
        print(f"{name}: one alone grows the hub by {(one - idle1) / 1024:.1f} MiB over its idle "
              f"{idle1 / 1024:.0f} MiB; {args.clients} at once by {(many - idle) / 1024:.1f} MiB "
              f"({(many - idle) / max(one - idle1, 1):.1f}x for {args.clients}x the clients)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--province", default="13", help="division code to build (a province, or smaller for a quick run)")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--readers", type=int, default=4)
    p.add_argument("--folder", type=Path, help="keep the hub here (built once, reused by later runs)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hubmem-") as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        hub = HubProcess(folder, args.readers)
        if not (folder / "src.sqlite").exists():
            hub.start()
            try:
                build(hub, folder, args.province)
            finally:
                hub.stop()
        measure(hub, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
