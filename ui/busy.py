"""Helpers for windows that run work in the background.

``BusyGuard``: a dialog that must not close while its work runs.  Put it before the Qt
class and set ``self.busy`` while working; Esc, Cancel and the title bar's close button
then do nothing::

    class EnrollDialog(BusyGuard, QDialog): ...

``on_sibling``: a worker function that runs on the worker's own connection to the
ledger (``ledger.sibling()``), opened and closed in the worker; the window's own
connection is never used off the GUI thread.
"""

from __future__ import annotations

from typing import Any, Callable


class BusyGuard:
    """Mixin for a QDialog: ``reject()`` and closing are ignored while ``self.busy`` is true."""

    busy = False

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def on_sibling(ledger, job: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    """A function for :func:`ui.workers.start` that calls ``job(connection, task)`` with a
    connection of its own to *ledger*, closed afterwards."""

    def work(task):
        db = ledger.sibling()
        try:
            return job(db, task)
        finally:
            db.close()

    return work
