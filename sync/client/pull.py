"""Pull: every page after the pull cursor; each page is applied and its cursor saved in
one transaction, so an interruption loses nothing and applies nothing twice."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from desktop.ledger.changes import decoded_all
from desktop.records import DELETED, KINDS
from sync.client.blobs import add_digests, is_sha256
from sync.client.errors import HubTooNew, ProtocolError
from sync.client.rejections import record_rejected
from sync.client.results import PullResult
from sync.client.settings import MISSING_BLOBS, PULL_CURSOR, PUSH_CURSOR
from sync.client.transport import Cancelled, Progress, check_cancelled
from sync.signatures import KeyBook

MAX_PULL = 5000


class Puller:
    """The pull (a part of :class:`SyncClient`)."""

    def page_size(self) -> int:
        return max(1, min(int(self.settings.page_size), MAX_PULL))

    def pull(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> PullResult:
        """Fetch and apply every page after the pull cursor; each page and its cursor are
        stored in one transaction."""
        ledger = self.ledger
        result = PullResult()
        cursor = ledger.meta(PULL_CURSOR, "0") or "0"
        if cursor == "0" and self._snapshot(result, progress, cancelled):
            cursor = ledger.meta(PULL_CURSOR, "0") or "0"
        limit = self.page_size()
        with _Prefetch(self.transport, limit, cancelled) as pages:
            pages.fetch(cursor)
            while True:
                check_cancelled(cancelled)
                answer = pages.next()
                page, new_cursor, more = answer.get("changes"), answer.get("cursor"), answer.get("more")
                if not isinstance(page, list) or not isinstance(more, bool) \
                        or not isinstance(new_cursor, (str, int)) or isinstance(new_cursor, bool):
                    raise ProtocolError(detail="pull: changes/cursor/more")
                new_cursor = str(new_cursor)
                if more and not (new_cursor == cursor and not page):
                    pages.fetch(new_cursor)  # the next page travels while this one is stored
                self._store_page(page, result, lambda: ledger.set_meta(PULL_CURSOR, new_cursor), answer.get("keys"))
                result.pages += 1
                if progress:
                    progress(result.received, 0)
                if not more:
                    break
                if new_cursor == cursor and not page:
                    raise ProtocolError(detail="pull: the cursor does not advance")
                cursor = new_cursor
        return result

    def _store_page(self, page: list, result: PullResult, also, keys: object = None) -> None:
        """Apply received changes and, in the same transaction, whatever *also* stores
        (the new cursor, or how far a snapshot has been applied).  Each change's signature
        is checked against the key known here for its origin, or else the one the hub
        offers in *keys*; changes without one the hub passes on as they came
        (:mod:`sync.signatures`)."""
        unknown = _unknown_to_us(page)
        if unknown:
            raise HubTooNew(detail=unknown)
        ledger = self.ledger
        changes = decoded_all(page)
        with ledger.tx():
            nothing_pending = ledger.pending_changes() == 0
            book = KeyBook(ledger, keys, unsigned_ok=True)
            book.check_ahead(changes)
            report = ledger.apply_changes(changes, authentic=book)
            book.keep()
            also()
            wanted = [d["fields"]["sha256"] for d in page
                      if isinstance(d, dict) and d.get("kind") == "attachment" and isinstance(d.get("fields"), dict)
                      and is_sha256(d["fields"].get("sha256")) and not ledger.has_blob(d["fields"]["sha256"])]
            if wanted:
                add_digests(ledger, MISSING_BLOBS, wanted)
            if nothing_pending:
                # what came from the hub need not go back to it
                ledger.set_meta(PUSH_CURSOR, str(ledger.last_seq()))
            if report.rejected:
                record_rejected(ledger, report.rejected, "pull")
        result.received += len(page)
        result.applied += report.applied
        result.duplicate += report.duplicate
        result.rejected += len(report.rejected)
        result.conflicts += report.conflicts
        result.flagged_future += report.flagged_future


def _unknown_to_us(page: list) -> str | None:
    """The first record kind or field in *page* this program does not know, if any."""
    for d in page:
        if not isinstance(d, dict):
            continue
        kind = d.get("kind")
        if not isinstance(kind, str):
            continue
        k = KINDS.get(kind)
        if k is None:
            return kind
        fields = d.get("fields")
        if isinstance(fields, dict):
            for name in fields:
                if name != DELETED and name not in k.field_map:
                    return f"{kind}.{name}"
    return None


class _Prefetch:
    """The pull's pages fetched one ahead: while a page is checked and stored here, the next
    one is asked for, sent and read in a thread of its own (the ledger is only ever touched by
    the caller's thread; one call is under way at a time, so the transport is never shared).
    When the pull stops early (an error, the user cancelling), a call under way is told to stop
    retrying and waited for; its page is dropped, and the cursor stays where the last stored
    page left it."""

    def __init__(self, transport, limit: int, cancelled: Cancelled | None) -> None:
        self.transport, self.limit, self.cancelled = transport, limit, cancelled
        self._stopping = False
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future | None = None

    def __enter__(self) -> "_Prefetch":
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="pull-page")
        return self

    def __exit__(self, *exc) -> None:
        self._stopping = True
        self._pool.shutdown(wait=True)

    def _stop(self) -> bool:
        return self._stopping or bool(self.cancelled and self.cancelled())

    def _get(self, cursor: str) -> dict:
        return self.transport.request("GET", "/v1/pull", params={"cursor": cursor, "limit": self.limit},
                                      cancelled=self._stop)

    def fetch(self, cursor: str) -> None:
        """Ask for the page after *cursor* (the answer is taken with :meth:`next`)."""
        self._pending = self._pool.submit(self._get, cursor)

    def next(self) -> dict:
        """The page asked for last: its answer, or the error its call ended with."""
        pending, self._pending = self._pending, None
        return pending.result()
