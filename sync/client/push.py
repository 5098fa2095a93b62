"""Push: every change after the push cursor, batch by batch.  The hub answers each change
(applied, duplicate, rejected); the cursor moves past the answered ones only, in the
transaction that also records the refused ones and the attachments to upload.  While the hub
stores one batch, the next is read and encoded here (the call itself runs in a thread of its
own; the ledger is only touched by the caller's thread), and dropped when the answer says the
batch was not taken whole."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from desktop.ledger.changes import Change
from sync import signatures
from sync.client.blobs import add_digests, is_sha256
from sync.client.errors import HubRefused, LedgerCopied, ProtocolError, TooLarge
from sync.client.reasons import worded
from sync.client.rejections import record_rejected
from sync.client.results import PushResult
from sync.client.settings import BLOB_UPLOADS, PUSH_CURSOR
from sync.client.transport import Cancelled, Prepared, Progress, check_cancelled, prepare
from sync.packages import device_keys

MAX_PUSH = 2000


@dataclass
class _Batch:
    changes: list[Change]
    end: int
    to_send: list[Change]
    prepared: Prepared | None


class Pusher:
    """The push (a part of :class:`SyncClient`)."""

    def _relayed_from_above(self, change: Change) -> bool:
        """A change of another device in a scope above ours (a template or notice a level
        above published downward): it came to us from there, the hub has it, and it would
        refuse it from us.  Such changes are not sent."""
        scope = self.settings.scope
        return (scope is not None and change.origin != self.ledger.device_id
                and change.scope != scope and scope.startswith(change.scope))

    def push(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> PushResult:
        """Send every change after the push cursor, batch by batch, until none is left."""
        ledger = self.ledger
        result = PushResult()
        key = device_keys(ledger)[0]  # every change of ours leaves signed (each batch as it is read)
        cursor = int(ledger.meta(PUSH_CURSOR, "0") or 0)
        total = ledger.pending_changes()
        batch = max(1, min(int(self.settings.batch_size), MAX_PUSH))
        done = 0
        with ThreadPoolExecutor(1, thread_name_prefix="push-batch") as calls:
            stopping = False

            def stop() -> bool:
                return stopping or bool(cancelled and cancelled())

            def send(prepared: Prepared) -> dict:
                return self.transport.request("POST", "/v1/push", cancelled=stop, prepared=prepared)

            try:
                check_cancelled(cancelled)
                ahead = self._batch(cursor, batch, key)
                while ahead.changes:
                    check_cancelled(cancelled)
                    sent = ahead
                    call = calls.submit(send, sent.prepared) if sent.to_send else None
                    # while the hub stores this batch, the next one is read and encoded here
                    ahead = self._batch(sent.end, batch, key)
                    try:
                        answers = _parse_results(call.result()) if call is not None else {}
                    except TooLarge:
                        if batch == 1:
                            raise HubRefused(status=413, detail="too_large") from None
                        batch = max(1, batch // 2)
                        ahead = self._batch(cursor, batch, key)
                        continue
                    if call is not None:
                        result.batches += 1
                        result.sent += len(sent.to_send)
                    n, end = self._take(sent, answers, cursor, result)
                    if n < len(sent.changes):  # the batch read ahead follows the whole batch: read again
                        ahead = self._batch(end, batch, key)
                    cursor = end
                    done += n
                    if progress:
                        progress(done, max(total, done))
            finally:
                stopping = True  # a call still under way (after an error here) retries no more
        return result

    def _batch(self, cursor: int, size: int, key) -> "_Batch":
        """The next *size* changes after *cursor*, those of them to send, and their body encoded.
        Changes of this device not signed yet are signed first (while the hub stores the batch
        before, as the rest of this is done)."""
        ledger = self.ledger
        changes, end = ledger.changes_since(cursor, limit=size)
        if any(c.origin == ledger.device_id and not c.signature for c in changes):
            signatures.sign_own(ledger, key, upto=end)
            changes, end = ledger.changes_since(cursor, limit=size)
        to_send = [c for c in changes if not self._relayed_from_above(c)]
        return _Batch(changes, end, to_send, prepare(_body(self.ledger, to_send, key)) if to_send else None)

    def _take(self, sent: "_Batch", answers: dict, cursor: int, result: PushResult) -> tuple[int, int]:
        """Settle the prefix of *sent* (read after *cursor*) the hub answered — normally all of
        it: (how many changes, the cursor after them).  Raises :class:`LedgerCopied` when
        another copy of this ledger sent some of these numbers first (what comes before them is
        settled)."""
        changes, end = sent.changes, sent.end
        n = 0
        for c in changes:  # changes relayed from above are not sent, and count as answered
            if (c.origin, c.origin_seq) not in answers and not self._relayed_from_above(c):
                break
            n += 1
        if n == 0:
            raise ProtocolError(detail="push: no change of the batch was answered")
        copied = _first_own_differing(changes[:n], answers, self.ledger.device_id)
        if copied is not None:
            n = copied
        if n < len(changes) and n:
            _, end = self.ledger.changes_since(cursor, limit=n)
        if n:
            self._settle(changes[:n], answers, end, result)
        if copied is not None:
            self.ledger.mark_copied()
            raise LedgerCopied()
        return n, end

    def _settle(self, changes: list[Change], answers: dict, end: int, result: PushResult) -> None:
        """Count the hub's answers to *changes*; move the cursor to *end* in one transaction
        with the refused changes and the attachment contents to upload."""
        refused = []
        uploads = []
        for c in changes:
            status, reason, _ = answers.get((c.origin, c.origin_seq), ("skipped", "", ""))
            if status in ("applied", "duplicate") and c.kind == "attachment" and is_sha256(c.fields.get("sha256")):
                uploads.append(c.fields["sha256"])
            if status == "applied":
                result.applied += 1
            elif status == "duplicate":
                result.duplicate += 1
            elif status == "rejected":
                refused.append((c, reason))
            else:
                result.skipped += 1
        ledger = self.ledger
        with ledger.tx():
            if refused:
                record_rejected(ledger, refused, "push")
            if uploads:
                add_digests(ledger, BLOB_UPLOADS, uploads)
            ledger.set_meta(PUSH_CURSOR, str(end))
        result.rejected += len(refused)
        result.refused += refused


def _first_own_differing(changes: list[Change], answers: dict, device_id: str) -> int | None:
    """The position of the first of this device's own changes the hub refused as
    ``duplicate_differs`` — the hub holds other contents under its (origin, seq): the ledger
    file was copied and the other copy sent first — or None."""
    for i, c in enumerate(changes):
        if c.origin == device_id and answers.get((c.origin, c.origin_seq), ("", "", ""))[2] == "duplicate_differs":
            return i
    return None


def _body(ledger, changes: list[Change], key) -> dict:
    """A push's body: the changes, and the signing keys of their origins as this device
    knows them (its own; those of the offices it relays, for a hub that never met them)."""
    keys = signatures.vouched_keys(ledger, changes)
    keys[ledger.device_id] = signatures.key_text(key.public_bytes())
    return {"schema": ledger.schema_version, "changes": [c.to_wire() for c in changes], "keys": keys}


def _parse_results(answer: dict) -> dict[tuple[str, int], tuple[str, str, str]]:
    results = answer.get("results")
    if not isinstance(results, list):
        raise ProtocolError(detail="push: results")
    out = {}
    for r in results:
        if not isinstance(r, dict):
            continue
        status = r.get("status")
        if status not in ("applied", "duplicate", "rejected"):
            continue
        origin, seq = r.get("origin"), r.get("seq")
        if isinstance(origin, str) and isinstance(seq, int):
            out[(origin, seq)] = (status, worded(r.get("code"), r.get("params"), str(r.get("reason") or "")),
                                  r.get("code") if isinstance(r.get("code"), str) else "")
    return out
