"""The window's count of unsynced changes, counted once per change of the ledger.

:func:`sync.pending.pending_count` counts rows of the change log: on a national ledger
that is millions of rows and takes a noticeable moment.  The status bar asks for it after
every edit, undo and sync, from two labels.  The count only changes when the change log
grows (its rows are never deleted), or the push cursor, the acknowledgements or the trusted
offices change, so it is kept with those marks and counted again only when one moved.

On a large ledger the first count, while the window opens, runs in a worker on a
read-only connection, so that the window is painted without waiting for it; until it is
known the labels show an ellipsis, and ``sig_counted`` tells them when it arrived.  A small
ledger (at most ``COUNT_AT_ONCE`` changes after the push cursor) is counted at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from desktop.ledger import Ledger
from sync.packages.common import ACKS_META, PEERS_META
from sync.pending import PUSH_CURSOR, pending_count
from ui import workers

#: Up to this many changes after the push cursor the first count is quick: made at once.
COUNT_AT_ONCE = 50_000
#: Shown in place of the count until the first count arrives.
UNKNOWN = "…"


class PendingCount(QObject):
    """``value()``: the ledger's pending count (None while the first one is counted)."""

    sig_counted = Signal()
    """The first count, started by :meth:`start`, arrived."""

    def __init__(self, ledger: Ledger, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self._mark: tuple | None = None
        self._count = 0
        self._counting = False

    def mark(self) -> tuple:
        """What the count depends on, read cheaply."""
        ledger = self.ledger
        return ledger.last_seq(), ledger.meta(PUSH_CURSOR), ledger.meta(ACKS_META), ledger.meta(PEERS_META)

    def start(self) -> None:
        """The first count: at once on a small ledger; on a large one in a worker (so the
        window's first paint does not wait), and ``sig_counted`` follows."""
        if self._counting or self.ledger.closed:
            return
        mark = self.mark()
        try:
            cursor = int(mark[1] or 0)
        except ValueError:
            cursor = 0
        if mark[0] - cursor <= COUNT_AT_ONCE:  # the count is at most this: quick enough now
            self.value()
            return
        self._counting = True

        def done(count: int) -> None:
            self._counting = False
            if isValid(self) and not self.ledger.closed:
                self._mark, self._count = mark, count
                self.sig_counted.emit()

        def failed(_exc: BaseException) -> None:
            self._counting = False  # the next value() counts on the GUI thread
            if isValid(self):
                self.sig_counted.emit()

        workers.start(lambda _task: workers.on_reader(self.ledger.path, lambda db, _t: pending_count(db)),
                      done, failed)

    def value(self) -> int | None:
        """The count now; None only while the first count is still under way."""
        mark = self.mark()
        if mark != self._mark:
            if self._counting and self._mark is None:
                return None
            self._mark, self._count = mark, pending_count(self.ledger)
        return self._count

    def text(self) -> str:
        """The count as the status bar shows it."""
        n = self.value()
        return UNKNOWN if n is None else str(n)
