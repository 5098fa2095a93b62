"""Group commit: the hub's writes share transactions on its one writing connection.

A request queues its write and takes the write lock; whoever holds the lock runs
every queued write in one transaction (each in a savepoint of its own, so one
failing write takes back only itself; a write alone in its group needs none: the
transaction is only its own) and commits once.  One fsync then serves all the
requests that arrived meanwhile, and nobody's answer leaves before its write is
on disk.  Writes commit in order on one connection, so a reader never sees a change
log with a hole in it.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from desktop.ledger import Ledger
from sync.hub.errors import shutting_down


class PendingWrite:
    """One request's write, waiting for the group that commits it."""

    __slots__ = ("fn", "done", "result", "error")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None


class GroupWriter:
    """Runs writes on *ledger*'s connection, committed in groups."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        #: held while a group of writes runs (and to close)
        self.lock = threading.Lock()
        self._queue: list[PendingWrite] = []
        self._queue_lock = threading.Lock()
        self.closed = False
        #: writes committed and groups that committed them (for the log and the tests)
        self.writes = self.groups = 0

    def write(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn()`` in a committed write transaction shared with the writes queued
        meanwhile; return its result or raise its exception."""
        job = PendingWrite(fn)
        with self._queue_lock:
            self._queue.append(job)
        with self.lock:
            if not job.done:
                with self._queue_lock:
                    group, self._queue = self._queue, []
                self.commit(group)
        if job.error is not None:
            raise job.error
        return job.result

    def commit(self, group: list[PendingWrite]) -> None:
        """Run *group* in one transaction (the caller holds :attr:`lock`)."""
        if self.closed or self.ledger.conn is None:
            error = shutting_down()
            for job in group:
                job.error, job.done = error, True
            return
        try:
            with self.ledger.tx():
                if len(group) == 1:  # the usual group: two round trips fewer on PostgreSQL
                    group[0].result = group[0].fn()
                else:
                    for job in group:
                        try:
                            with self.ledger.tx():  # a savepoint: a failing write takes back only itself
                                job.result = job.fn()
                        except Exception as exc:  # noqa: BLE001 - handed to the request that queued it
                            job.error = exc
        except BaseException as exc:  # the commit failed: nothing of the group is stored
            for job in group:
                job.result, job.error = None, exc if isinstance(exc, Exception) else RuntimeError(str(exc))
            if not isinstance(exc, Exception):
                raise
        finally:
            for job in group:
                job.done = True
        self.writes += len(group)
        self.groups += 1
