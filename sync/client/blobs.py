"""Attachment contents after the records: upload those of pushed attachments the hub
lacks, download those of received ones this ledger lacks.  Both work from lists of
digests in the ledger's meta, filled in the transaction that moves a cursor, so an
interruption merely asks about a content again at the next sync.  Both resume a
transfer cut off half-way: an upload goes on from the bytes the hub holds (it asks
first), a download from the bytes on disk (``Range``)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from sync.client.errors import BlobNotFound, HubRefused, ProtocolError, TooLarge
from sync.client.ranged import fetch_to
from sync.client.results import PullResult, PushResult
from sync.client.settings import BLOB_UPLOADS, MISSING_BLOBS, meta_list
from sync.client.transport import Cancelled, Progress, check_cancelled

MAX_BLOB = 50 * 1024 * 1024
MAX_BLOB_QUERY = 1000
#: the blob lists in meta are rewritten after this many settled digests (and at the end)
LIST_FLUSH = 100
#: times an upload starts over from the hub's offset when another request moved it meanwhile
UPLOAD_RACES = 3


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def digests(ledger, key: str) -> list[str]:
    """The digest list kept in meta under *key*."""
    return [d for d in meta_list(ledger, key) if is_sha256(d)]


def add_digests(ledger, key: str, new: list[str]) -> None:
    ledger.set_meta(key, json.dumps(list(dict.fromkeys(digests(ledger, key) + new))))


def remove_digests(ledger, key: str, gone) -> None:
    gone = set(gone)
    if gone:
        ledger.set_meta(key, json.dumps([d for d in digests(ledger, key) if d not in gone]))


class BlobExchange:
    """Upload and download of attachment contents (a part of :class:`SyncClient`)."""

    def upload_blobs(self, result: PushResult | None = None, progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> PushResult:
        """Upload the contents of pushed attachments the hub lacks (the list "sync_blob_uploads",
        filled by :meth:`push` in the transaction that moves the push cursor).  A digest leaves
        the list once the hub has its content (or it cannot be sent); the list is rewritten in
        batches, and what an interruption leaves in it is merely asked about again."""
        result = result or PushResult()
        ledger = self.ledger
        pending = digests(ledger, BLOB_UPLOADS)
        settled: list[str] = []
        try:
            # contents this ledger does not hold (a record it only relays) cannot be sent
            settled += [d for d in pending if not ledger.has_blob(d)]
            pending = [d for d in pending if d not in set(settled)]
            done, total = 0, len(pending)
            for i in range(0, len(pending), MAX_BLOB_QUERY):
                chunk = pending[i:i + MAX_BLOB_QUERY]
                missing = self._missing_at_hub(chunk, cancelled)
                present = [d for d in chunk if d not in missing]
                result.blobs_present += len(present)
                settled += present
                done += len(present)
                for digest in (d for d in chunk if d in missing):
                    check_cancelled(cancelled)
                    self._upload(digest, result, cancelled)
                    settled.append(digest)
                    done += 1
                    if len(settled) >= LIST_FLUSH:
                        remove_digests(ledger, BLOB_UPLOADS, settled)
                        settled = []
                    if progress:
                        progress(done, total)
        finally:
            remove_digests(ledger, BLOB_UPLOADS, settled)
        return result

    def _missing_at_hub(self, chunk: list[str], cancelled: Cancelled | None) -> set[str]:
        answer = self.transport.request("POST", "/v1/blobs/missing", body={"sha256": chunk}, cancelled=cancelled)
        missing = answer.get("missing")
        if not isinstance(missing, list):
            raise ProtocolError(detail="blobs/missing: missing")
        return set(m for m in missing if isinstance(m, str))

    def _upload(self, digest: str, result: PushResult, cancelled: Cancelled | None) -> None:
        data = self.ledger.blob(digest)
        if len(data) > MAX_BLOB:
            result.blobs_too_large.append(digest)
            return
        try:
            try:
                state = self._upload_state(digest, cancelled)
            except BlobNotFound:  # a hub without resumable uploads: the whole content at once
                self.transport.request("PUT", f"/v1/blobs/{digest}", content=data, cancelled=cancelled)
                result.blobs_uploaded += 1
                return
            for _ in range(UPLOAD_RACES):
                if state["complete"]:
                    result.blobs_present += 1
                    return
                state = self._send_rest(digest, data, state, cancelled)
                if state["complete"]:
                    result.blobs_uploaded += 1
                    return
            raise ProtocolError(detail="blobs/upload: the offset keeps moving")
        except TooLarge:
            result.blobs_too_large.append(digest)

    def _upload_state(self, digest: str, cancelled: Cancelled | None) -> dict:
        """How much of *digest* the hub holds from this device (``offset``, ``complete``)."""
        return _checked_state(self.transport.request("GET", f"/v1/blobs/{digest}/upload", cancelled=cancelled))

    def _send_rest(self, digest: str, data: bytes, state: dict, cancelled: Cancelled | None) -> dict:
        """Send *data* from the hub's offset on; each retry after a cut line asks the hub
        again how far it got, so what arrived is not sent twice.  The hub's state afterwards."""
        known = [state]

        def rest() -> tuple[bytes, dict]:
            now = known.pop() if known else self._upload_state(digest, cancelled)
            offset = len(data) if now["complete"] else min(now["offset"], len(data))
            return data[offset:], {"Upload-Offset": str(offset), "Upload-Length": str(len(data))}

        try:
            return _checked_state(self.transport.request("PATCH", f"/v1/blobs/{digest}/upload",
                                                         fresh_content=rest, cancelled=cancelled))
        except HubRefused as exc:
            if exc.params.get("status") != 409:  # offset_mismatch, upload_busy: ask again
                raise
            return self._upload_state(digest, cancelled)

    def download_blobs(self, result: PullResult | None = None, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> PullResult:
        """Download the contents of received attachments this ledger lacks (the list
        "sync_missing_blobs", filled by :meth:`pull` in the transaction of each page), checking
        each one's SHA-256.  What the hub does not have (404) or sent damaged stays listed,
        to be asked for at the next sync; it is not a failure of the sync."""
        result = result or PullResult()
        ledger = self.ledger
        wanted = digests(ledger, MISSING_BLOBS)
        settled: list[str] = []
        missing: list[str] = []
        try:
            # held by now, or no longer used by any (live) attachment record
            used = {r["sha256"] for r in ledger.query("attachment", columns=("sha256",))} if wanted else set()
            settled += [d for d in wanted if d not in used or ledger.has_blob(d)]
            wanted = [d for d in wanted if d not in set(settled)]
            for done, digest in enumerate(wanted, 1):
                check_cancelled(cancelled)
                if self._download(digest, cancelled):
                    settled.append(digest)
                    result.blobs_downloaded += 1
                    if len(settled) >= LIST_FLUSH:
                        remove_digests(ledger, MISSING_BLOBS, settled)
                        settled = []
                else:  # not at the hub (yet), or damaged: asked for again next time
                    missing.append(digest)
                if progress:
                    progress(done, len(wanted))
        finally:
            remove_digests(ledger, MISSING_BLOBS, settled)
            self._tidy_downloads(set(digests(ledger, MISSING_BLOBS)))
        result.blobs_missing = missing
        return result

    def download_folder(self) -> Path:
        """Where contents being downloaded are kept until they are whole."""
        return Path(str(self.ledger.path) + ".downloads")

    def _download(self, digest: str, cancelled: Cancelled | None = None) -> bool:
        """Fetch *digest* into its file (going on from what an earlier attempt left there),
        check it and store it; False when the hub lacks it or it arrived damaged."""
        folder = self.download_folder()
        folder.mkdir(exist_ok=True)
        file = folder / f"{digest}.part"
        try:
            fetch_to(self.transport, f"/v1/blobs/{digest}", file, accept="application/octet-stream, application/json",
                     cancelled=cancelled)
        except BlobNotFound:
            return False
        data = file.read_bytes()
        file.unlink()
        if hashlib.sha256(data).hexdigest() != digest:
            return False
        self.ledger.add_blob(data)
        return True

    def _tidy_downloads(self, wanted: set[str]) -> None:
        """Drop the partial downloads of contents no longer wanted (and the folder once empty)."""
        folder = self.download_folder()
        if not folder.is_dir():
            return
        for f in folder.glob("*.part"):
            if f.name[:-len(".part")] not in wanted:
                with contextlib.suppress(OSError):
                    f.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


def _checked_state(answer: dict) -> dict:
    offset, complete = answer.get("offset"), answer.get("complete")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0 or not isinstance(complete, bool):
        raise ProtocolError(detail="blobs/upload: offset/complete")
    return {"offset": offset, "complete": complete}
