"""A first sync of a big scope through the hub's snapshot file: downloaded (a cut
download resumes where it stopped), then applied in pages, each page with how far the
file has been applied in one transaction."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sync.client.errors import NotAHub, ProtocolError, SnapshotUnavailable
from sync.client.ranged import CHUNK, fetch_to
from sync.client.ready import ReadyAdopter, offer_of
from sync.client.results import PullResult
from sync.client.settings import PULL_CURSOR, SNAPSHOT_STATE
from sync.client.transport import Cancelled, Progress, check_cancelled


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class SnapshotFetcher(ReadyAdopter):
    """The first sync through a snapshot (a part of :class:`SyncClient`)."""

    #: bytes of a snapshot download written to disk at a time
    SNAPSHOT_CHUNK = CHUNK

    def snapshot_file(self) -> Path:
        return Path(str(self.ledger.path) + ".snapshot")

    def _snapshot(self, result: PullResult, progress: Progress | None, cancelled: Cancelled | None) -> bool:
        """Take the hub's ready ledger, else download the hub's snapshot file and apply it;
        the pull cursor moves to the snapshot's end with the last page.  False when the scope
        is small (or the hub has no snapshots, or cannot write one now): the caller pulls page
        by page."""
        ledger = self.ledger
        state = json.loads(ledger.meta(SNAPSHOT_STATE, "") or "{}")
        if not state:
            state = self._start_snapshot(cancelled)
            if state is None:
                return False
        if "ready" in state:
            if self._adopt_ready(state, result, progress, cancelled):
                return True
            state = self._start_snapshot(cancelled, ready=False)  # the file could not be used: changes
            if state is None:
                return False
        if not state["downloaded"]:
            try:
                result.snapshot_bytes += self._download_snapshot(state["upto"], progress, cancelled)
            except SnapshotUnavailable:  # the hub cannot write the file now (a full disk): pages
                ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
                self.snapshot_file().unlink(missing_ok=True)
                return False
            state["downloaded"] = True
            ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        result.snapshot = True
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

    def _start_snapshot(self, cancelled: Cancelled | None, ready: bool = True) -> dict | None:
        """Ask the hub how big the scope is; the new snapshot's state — a ready ledger when
        the hub offers one and *ready* — or None to pull page by page."""
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
        offer = offer_of(self.transport, cancelled) if ready and self.settings.ready_ledger else None
        state = {"ready": offer, "downloaded": False} if offer else \
            {"upto": upto, "count": count, "downloaded": False, "applied": 0}
        self.snapshot_file().unlink(missing_ok=True)
        for stale in self.ready_files():
            stale.unlink(missing_ok=True)
        self.ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        return state

    def _download_snapshot(self, upto: int, progress: Progress | None, cancelled: Cancelled | None) -> int:
        """Fetch the snapshot into :meth:`snapshot_file`, asking only for the bytes it lacks
        (each attempt starts where the file on disk ends)."""
        return fetch_to(self.transport, "/v1/snapshot", self.snapshot_file(), params={"upto": upto},
                        accept="application/gzip, application/json", progress=progress, cancelled=cancelled,
                        chunk=self.SNAPSHOT_CHUNK)

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
                        self._snapshot_page(page, done, state, result, cancelled, header.get("keys"))
                        page = []
                        if progress:
                            progress(result.received, state["count"])
                if footer != state["count"] or done != state["count"] or fh.readline():
                    raise ProtocolError(detail="snapshot: count")
                self.transport.stats.raw_received += fh.tell()
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:  # truncated or damaged gzip/JSON
            raise ProtocolError(detail=f"snapshot: {type(exc).__name__}") from None
        self._snapshot_page(page, done, state, result, cancelled, header.get("keys"), last=True)

    def _snapshot_page(self, page: list, done: int, state: dict, result: PullResult,
                       cancelled: Cancelled | None, keys: object = None, last: bool = False) -> None:
        check_cancelled(cancelled)
        ledger = self.ledger
        state = dict(state, applied=done)

        def also() -> None:
            if last:  # the snapshot is in: pull from its end on
                ledger.set_meta(PULL_CURSOR, str(state["upto"]))
                ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
            else:
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))

        self._store_page(page, result, also, keys)
        result.pages += 1
