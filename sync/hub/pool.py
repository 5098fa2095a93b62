"""A bounded pool of read-only connections to the hub ledger.

A request checks a connection out for as long as it reads and gives it back at
once (:meth:`ReaderPool.reading`), so the number of open connections — and of file
handles on the ledger and its WAL, and of page caches — never exceeds the bound,
however many worker threads come and go.  SQLite's WAL gives each read a consistent
view of what was committed, without waiting for the writer.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

from desktop.ledger import Ledger
from sync.hub.errors import busy, shutting_down
from sync.hub.store import HubStore


@dataclass
class Reader:
    """One read-only connection: the ledger's API and the hub tables over it."""

    ledger: Ledger
    store: HubStore

    def close(self) -> None:
        self.ledger.close()


class ReaderPool:
    """At most *size* read connections, opened when needed and kept for reuse."""

    def __init__(self, open_ledger: Callable[[], Ledger], size: int, wait: float) -> None:
        self._open_ledger = open_ledger
        self.size, self.wait = size, wait
        self._idle: list[Reader] = []
        self._open = 0
        self._closed = False
        self._cond = threading.Condition()

    @property
    def open_count(self) -> int:
        """Connections open now (idle or checked out)."""
        with self._cond:
            return self._open

    @contextlib.contextmanager
    def reading(self) -> Iterator[Reader]:
        """A connection for this block; 503 when none frees up within the pool's wait."""
        reader = self._take()
        try:
            yield reader
        finally:
            self._give(reader)

    def _take(self) -> Reader:
        deadline = time.monotonic() + self.wait
        with self._cond:
            while True:
                if self._closed:
                    raise shutting_down()
                if self._idle:
                    return self._idle.pop()
                if self._open < self.size:
                    self._open += 1
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise busy()
                self._cond.wait(left)
        try:
            ledger = self._open_ledger()
            return Reader(ledger, HubStore(conn=ledger.conn, create_tables=False))
        except BaseException:
            with self._cond:
                self._open -= 1
                self._cond.notify()
            raise

    def _give(self, reader: Reader) -> None:
        with self._cond:
            if not self._closed:
                self._idle.append(reader)
                self._cond.notify()
                return
            self._open -= 1
        reader.close()

    def close(self) -> None:
        """Close the idle connections now, and the others as they come back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._open -= len(idle)
            self._cond.notify_all()
        for reader in idle:
            reader.close()
