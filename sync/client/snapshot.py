"""A first sync of a big scope through the hub's snapshot file: downloaded (a cut
download resumes where it stopped), then applied in pages, each page with how far the
file has been applied in one transaction."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import requests

from desktop import fsio
from sync.client.errors import HubRefused, NotAHub, ProtocolError
from sync.client.results import PullResult
from sync.client.settings import PULL_CURSOR, SNAPSHOT_STATE
from sync.client.transport import Cancelled, Progress, check_cancelled


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _total_length(resp: requests.Response) -> int | None:
    """The whole file's size: from Content-Range of a 206, else Content-Length."""
    rng = resp.headers.get("Content-Range", "")
    if resp.status_code == 206 and "/" in rng and rng.rsplit("/", 1)[1].isdigit():
        return int(rng.rsplit("/", 1)[1])
    length = resp.headers.get("Content-Length", "")
    return int(length) if resp.status_code == 200 and length.isdigit() else None


class SnapshotFetcher:
    """The first sync through a snapshot (a part of :class:`SyncClient`)."""

    #: bytes of a snapshot download written to disk at a time
    SNAPSHOT_CHUNK = 256 * 1024

    def snapshot_file(self) -> Path:
        return Path(str(self.ledger.path) + ".snapshot")

    def _snapshot(self, result: PullResult, progress: Progress | None, cancelled: Cancelled | None) -> bool:
        """Download the hub's snapshot file and apply it; the pull cursor moves to the
        snapshot's end with the last page.  False when the scope is small (or the hub
        has no snapshots): the caller pulls page by page."""
        ledger = self.ledger
        state = json.loads(ledger.meta(SNAPSHOT_STATE, "") or "{}")
        if not state:
            state = self._start_snapshot(cancelled)
            if state is None:
                return False
        result.snapshot = True
        if not state["downloaded"]:
            result.snapshot_bytes += self._download_snapshot(state["upto"], progress, cancelled)
            state["downloaded"] = True
            ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        try:
            self._apply_snapshot(state, result, progress, cancelled)
        except ProtocolError:  # a damaged file: fetch it again at the next sync
            with ledger.tx():
                state.update(downloaded=False, applied=0)
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
            self.snapshot_file().unlink(missing_ok=True)
            raise
        self.snapshot_file().unlink(missing_ok=True)
        return True

    def _start_snapshot(self, cancelled: Cancelled | None) -> dict | None:
        """Ask the hub how big the scope is; the new snapshot's state, or None to pull page by page."""
        if self.settings.snapshot_min <= 0:
            return None
        try:
            info = self.transport.request("GET", "/v1/snapshot/info", cancelled=cancelled)
        except NotAHub:  # a hub of an earlier version
            return None
        upto, count = info.get("cursor"), info.get("count")
        if not _is_count(upto) or not _is_count(count):
            raise ProtocolError(detail="snapshot/info: cursor/count")
        if count < self.settings.snapshot_min:
            return None
        state = {"upto": upto, "count": count, "downloaded": False, "applied": 0}
        self.snapshot_file().unlink(missing_ok=True)
        self.ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        return state

    def _download_snapshot(self, upto: int, progress: Progress | None, cancelled: Cancelled | None) -> int:
        """Fetch the snapshot into :meth:`snapshot_file`, asking only for the bytes it lacks
        (each attempt starts where the file on disk ends)."""
        path = self.snapshot_file()
        got = 0

        def missing() -> dict:
            have = path.stat().st_size if path.exists() else 0
            # identity: the ranges count bytes of the file itself, not of a compressed answer
            return {"Accept": "application/gzip, application/json", "Accept-Encoding": "identity",
                    **({"Range": f"bytes={have}-"} if have else {})}

        def store(resp: requests.Response) -> None:
            nonlocal got
            total = _total_length(resp)
            resumed = resp.status_code == 206
            on_disk = path.stat().st_size if resumed else 0
            with fsio.private_files(), open(path, "ab" if resumed else "wb") as fh:
                for chunk in resp.iter_content(self.SNAPSHOT_CHUNK):
                    check_cancelled(cancelled)
                    fh.write(chunk)
                    got += len(chunk)
                    on_disk += len(chunk)
                    if progress:  # the download's share: bytes of the file
                        progress(on_disk, total or 0)
                fh.flush()
                os.fsync(fh.fileno())
            if total is not None and path.stat().st_size != total:
                raise requests.exceptions.ChunkedEncodingError("the snapshot ended early")

        def fetch() -> None:
            self.transport.request("GET", "/v1/snapshot", params={"upto": upto}, cancelled=cancelled,
                                   extra_headers=missing, stream_to=store)

        try:
            fetch()
        except HubRefused as exc:
            if exc.params.get("status") != 416 or not path.exists():
                raise
            path.unlink()  # more on disk than the hub's file: start afresh
            fetch()
        return got

    def _apply_snapshot(self, state: dict, result: PullResult, progress: Progress | None,
                        cancelled: Cancelled | None) -> None:
        size = self.page_size()
        try:
            with gzip.open(self.snapshot_file(), "rb") as fh:
                header = json.loads(fh.readline())
                if not isinstance(header, dict) or header.get("snapshot") != 1 \
                        or header.get("cursor") != state["upto"] or header.get("count") != state["count"]:
                    raise ProtocolError(detail="snapshot: header")
                done, page, footer = 0, [], None
                for line in fh:
                    item = json.loads(line)
                    if isinstance(item, dict) and set(item) == {"end"}:
                        footer = item["end"]
                        break
                    done += 1
                    if done > state["applied"]:
                        page.append(item)
                    if len(page) >= size:
                        self._snapshot_page(page, done, state, result, cancelled)
                        page = []
                        if progress:
                            progress(result.received, state["count"])
                if footer != state["count"] or done != state["count"] or fh.readline():
                    raise ProtocolError(detail="snapshot: count")
                self.transport.stats.raw_received += fh.tell()
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:  # truncated or damaged gzip/JSON
            raise ProtocolError(detail=f"snapshot: {type(exc).__name__}") from None
        self._snapshot_page(page, done, state, result, cancelled, last=True)

    def _snapshot_page(self, page: list, done: int, state: dict, result: PullResult,
                       cancelled: Cancelled | None, last: bool = False) -> None:
        check_cancelled(cancelled)
        ledger = self.ledger
        state = dict(state, applied=done)

        def also() -> None:
            if last:  # the snapshot is in: pull from its end on
                ledger.set_meta(PULL_CURSOR, str(state["upto"]))
                ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
            else:
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))

        self._store_page(page, result, also)
        result.pages += 1
