"""Attachment contents after the records: upload those of pushed attachments the hub
lacks, download those of received ones this ledger lacks.  Both work from lists of
digests in the ledger's meta, filled in the transaction that moves a cursor, so an
interruption merely asks about a content again at the next sync."""

from __future__ import annotations

import hashlib
import json

from sync.client.errors import BlobNotFound, ProtocolError, TooLarge
from sync.client.results import PullResult, PushResult
from sync.client.settings import BLOB_UPLOADS, MISSING_BLOBS, meta_list
from sync.client.transport import Cancelled, Progress, check_cancelled

MAX_BLOB = 50 * 1024 * 1024
MAX_BLOB_QUERY = 1000
#: the blob lists in meta are rewritten after this many settled digests (and at the end)
LIST_FLUSH = 100


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
            self.transport.request("PUT", f"/v1/blobs/{digest}", content=data, cancelled=cancelled)
            result.blobs_uploaded += 1
        except TooLarge:
            result.blobs_too_large.append(digest)

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
                try:
                    data = self.transport.request("GET", f"/v1/blobs/{digest}", raw_answer=True,
                                                  cancelled=cancelled)
                except BlobNotFound:
                    data = None
                if data is None or hashlib.sha256(data).hexdigest() != digest:  # damaged: ask again next time
                    missing.append(digest)
                else:
                    ledger.add_blob(data)
                    settled.append(digest)
                    result.blobs_downloaded += 1
                    if len(settled) >= LIST_FLUSH:
                        remove_digests(ledger, MISSING_BLOBS, settled)
                        settled = []
                if progress:
                    progress(done, len(wanted))
        finally:
            remove_digests(ledger, MISSING_BLOBS, settled)
        result.blobs_missing = missing
        return result
