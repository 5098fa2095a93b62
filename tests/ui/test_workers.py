"""Answers from a worker reach only the objects that still exist: a window closed while
a view was still loading drops the late answer instead of raising in the event loop."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from ui import workers

pytestmark = pytest.mark.gui


def _deliver() -> None:
    assert workers.wait_all(10_000)
    for _ in range(3):  # the queued answers, then the deferred deletes
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        QApplication.processEvents()


@pytest.mark.parametrize("outcome", ["done", "failed"])
def test_an_answer_for_a_deleted_owner_is_dropped(qtbot, outcome):
    release = threading.Event()
    heard: list = []

    def fn(_task):
        release.wait(10)
        if outcome == "failed":
            raise ValueError("late")
        return 42

    kept, gone = QObject(), QObject()
    workers.start(fn, heard.append, heard.append, owner=kept)
    workers.start(fn, lambda r: heard.append(("gone", r)), lambda e: heard.append(("gone", e)), owner=gone)
    gone.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    release.set()
    _deliver()
    assert len(heard) == 1  # only the living owner heard its answer
    assert heard[0] == 42 if outcome == "done" else isinstance(heard[0], ValueError)
    assert not workers.busy()  # the dropped task is not counted as running


def test_a_model_deleted_while_loading_takes_no_answer(qtbot, county_ledger):
    from ui.models import RecordTableModel

    model = RecordTableModel(county_ledger, "organisation")
    errors: list = []
    model.sig_failed.connect(errors.append)
    model.reload()  # answered later, on the GUI thread
    model.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    with qtbot.captureExceptions() as exceptions:
        _deliver()
    assert exceptions == [] and errors == []
