"""Closing main windows at the end of a test the way the program does: the sync stops, the
workers finish, then the windows close and are deleted (a worker's late answer for a view
of a deleted window is dropped, ``ui.workers``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from ui import workers


def close_windows(*windows, wait_ms: int = 30_000) -> None:
    for window in windows:
        window.sync_controller.shutdown()
    assert workers.wait_all(wait_ms)
    for window in windows:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QApplication.processEvents()
