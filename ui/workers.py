"""Background work: everything that may take more than a moment runs here, never on
the GUI thread.  Results come back by signal, delivered on the GUI thread."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot

from desktop.errors import LedgerError


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


class TaskSignals(QObject):
    sig_done = Signal(object)
    """The task's result."""
    sig_failed = Signal(object)
    """The exception that ended the task."""
    sig_progress = Signal(int, int)
    """(done, total) so far."""


class _Relay(QObject):
    """Lives on the GUI thread; receives the task's signals (queued) and calls back."""

    def __init__(self, on_done, on_failed, on_progress, owner: QObject | None = None) -> None:
        super().__init__()
        self.on_done, self.on_failed, self.on_progress = on_done, on_failed, on_progress
        self.owner = owner

    def _heard(self) -> bool:
        """Whether the callbacks may run: the object they belong to (when named) still exists."""
        return self.owner is None or shiboken6.isValid(self.owner)

    @Slot(object)
    def done(self, boxed) -> None:
        _running.pop(id(self), None)
        if self.on_done and self._heard():
            self.on_done(boxed[0])

    @Slot(object)
    def failed(self, exc) -> None:
        _running.pop(id(self), None)
        if self.on_failed and self._heard():
            self.on_failed(exc)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self.on_progress and self._heard():
            self.on_progress(done, total)


class Task(QRunnable):
    """Run ``fn(task)`` in the thread pool.  ``fn`` may call ``task.progress(done, total)``,
    which raises ``Cancelled`` once ``task.cancel()`` was called."""

    def __init__(self, fn: Callable[["Task"], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def progress(self, done: int, total: int) -> None:
        if self._cancelled:
            raise Cancelled()
        self.signals.sig_progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self)
        except (Cancelled, LedgerError) as exc:
            self.signals.sig_failed.emit(exc)
        except Exception as exc:  # a bug: keep the trace for the log, show a plain message
            exc.trace = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.sig_failed.emit(exc)
        else:
            # boxed: a bare None sent through a queued Signal(object) upsets PySide's reference counts
            self.signals.sig_done.emit((result,))


_running: dict[int, tuple[Task, _Relay]] = {}


def start(fn: Callable[[Task], Any], on_done: Callable[[Any], None] | None = None,
          on_failed: Callable[[BaseException], None] | None = None,
          on_progress: Callable[[int, int], None] | None = None, *, owner: QObject | None = None) -> Task:
    """Run *fn* off the GUI thread; the callbacks run on the GUI thread — unless *owner*
    (the widget or model they update) was deleted meanwhile, when the answer is dropped."""
    task = Task(fn)
    relay = _Relay(on_done, on_failed, on_progress, owner)
    task.signals.sig_done.connect(relay.done, Qt.QueuedConnection)
    task.signals.sig_failed.connect(relay.failed, Qt.QueuedConnection)
    task.signals.sig_progress.connect(relay.progress, Qt.QueuedConnection)
    _running[id(relay)] = (task, relay)
    QThreadPool.globalInstance().start(task)
    return task


def on_reader(path: Path, compute: Callable[[Any, "Task | None"], Any], task: "Task | None" = None) -> Any:
    """``compute(reader, task)`` on a read-only ledger connection of its own, closed after
    (in the calling thread: a worker's, or the GUI's when the caller must wait)."""
    from desktop.ledger import Ledger

    reader = Ledger.open(path, read_only=True, verify=False)
    try:
        return compute(reader, task)
    finally:
        reader.close()


def start_on_reader(path: Path, compute: Callable[[Any, "Task"], Any], on_done: Callable[[Any], None],
                    on_failed: Callable[[BaseException], None], *,
                    owner: QObject | None = None) -> Callable[[], None]:
    """Run ``compute(reader, task)`` in a worker on a read-only ledger connection of its
    own; returns a function that cancels it, interrupting a query under way.  The answer
    is dropped when *owner* was deleted meanwhile."""
    from desktop.ledger import Ledger

    lock = threading.Lock()
    running: dict[str, Ledger] = {}

    def work(task: Task):
        reader = Ledger.open(path, read_only=True, verify=False)
        with lock:
            running["reader"] = reader
        try:
            return compute(reader, task)
        except Exception:
            if task.cancelled:  # the query was interrupted by cancel()
                raise Cancelled() from None
            raise
        finally:
            with lock:
                running.clear()
            reader.close()

    task = start(work, on_done, on_failed, owner=owner)

    def cancel() -> None:
        task.cancel()
        with lock:
            if "reader" in running:
                running["reader"].interrupt()

    return cancel


class Newest:
    """The newest of a view's computations on a read-only connection: starting one cancels
    the one under way, and what an earlier one answers late, or fails with, never reaches
    the view (nor does the failure of a cancelled one)."""

    def __init__(self, view: QObject, path: Path) -> None:
        self._view, self._path = view, path
        self._generation = 0
        self._cancel: Callable[[], None] | None = None

    def start(self, compute: Callable[[Any, "Task"], Any], on_done: Callable[[Any], None],
              on_failed: Callable[[BaseException], None]) -> None:
        self.cancel()
        self._generation += 1
        generation = self._generation

        def current() -> bool:
            return shiboken6.isValid(self._view) and generation == self._generation

        def done(result) -> None:
            if current():
                self._cancel = None
                on_done(result)

        def failed(exc: BaseException) -> None:
            if current() and not isinstance(exc, Cancelled):
                self._cancel = None
                on_failed(exc)

        self._cancel = start_on_reader(self._path, compute, done, failed)

    def cancel(self) -> None:
        if self._cancel:
            self._cancel()
        self._cancel = None


def busy() -> bool:
    return bool(_running)


def wait_all(msecs: int = 30000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
