"""The problem list view (问题清单): the problems of the chosen unit and month computed in a
worker, filtered by unit and rule, a double click opening the record's form (an edit is one
undo step and the list is checked again), the thresholds dialog, and the tab in the main
window.

With ``TL_SCREENSHOTS=DIR`` the view and its thresholds dialog are saved there as
``problems-*.png`` (docs/screenshots: run under ``xvfb-run -a -s "-screen 0 1366x768x24"``
with ``QT_QPA_PLATFORM=xcb``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog

from desktop.ledger import Ledger
from desktop.reporting import problems as P
from desktop.reporting.submissions import submission_id
from problem_ledger import A, B, COUNTY, JUNE, build
from ui import workers
from ui.forms import RecordForm
from ui.problems_view import ProblemsView, ThresholdsDialog

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("TL_SCREENSHOTS")


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"problems-{name}.png"))


@pytest.fixture(autouse=True)
def _chinese_window():
    from ui import i18n as ui_i18n

    ui_i18n.install("zh_CN")
    yield
    workers.wait_all()
    ui_i18n.uninstall()


@pytest.fixture
def built(ledger_path):
    led = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    ids = build(led)
    yield led, ids
    led.close()


@pytest.fixture
def view(qtbot, built):
    ledger, _ids = built
    v = ProblemsView(ledger, QUndoStack())
    qtbot.addWidget(v)
    v.resize(1280, 640)
    v.show()
    with qtbot.waitSignal(v.sig_loaded, timeout=20_000):
        v.month_edit.setDate(v.month_edit.date().fromString(JUNE, "yyyy-MM"))
        v.set_scope(COUNTY)
    return v


def rows(view: ProblemsView) -> list[P.Problem]:
    return list(view.model.rows)


def test_the_view_lists_every_problem_of_the_month(view, built):
    _ledger, ids = built
    assert view.month() == JUNE
    found = {(p.rule, p.record_id) for p in rows(view)}
    assert ("duplicate_member", ids["twin"]) in found and ("no_secretary", f"org-township_committee-{B}") in found
    assert len(found) == 9
    assert view.count_label.text() == "9 个问题"
    model = view.model
    assert model.headerData(5, Qt.Horizontal) == "问题"
    twin = next(i for i, p in enumerate(rows(view)) if p.record_id == ids["twin"])
    assert model.index(twin, 1).data() == "疑似重复的委员" and "李四" in model.index(twin, 5).data()
    shoot(view, "list")


def test_filters_by_unit_and_rule(view):
    view.set_rule_filter("no_secretary")
    assert [p.unit for p in rows(view)] == [B]
    assert view.count_label.text() == "9 个问题中的 1 个"
    view.set_rule_filter("")
    view.set_unit_filter(A)
    assert rows(view) and all(p.unit == A for p in rows(view))
    assert len(rows(view)) == 6


def double_click(qtbot, view: ProblemsView, record_id: str) -> None:
    row = next(i for i, p in enumerate(rows(view)) if p.record_id == record_id)
    rect = view.view.visualRect(view.model.index(row, 3))
    qtbot.mouseClick(view.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.view.viewport(), Qt.LeftButton, pos=rect.center())


def test_double_click_opens_the_record_in_its_form(qtbot, view, built, monkeypatch):
    """The form of the duplicate member opens; a phone corrected there is one undo step, and
    the list, checked again, no longer has the problem."""
    ledger, ids = built
    opened = []

    def fill(form: RecordForm) -> None:
        opened.append((form.kind.name, form.record_id, form.isVisible()))
        form.fields["phone"].set_value("13900000009")
        form.save()

    def run_form(form: RecordForm) -> int:
        QTimer.singleShot(0, lambda: fill(form))
        return QDialog.exec(form)

    monkeypatch.setattr(RecordForm, "exec", run_form)
    with qtbot.waitSignal(view.sig_loaded, timeout=20_000):
        double_click(qtbot, view, ids["twin"])
    assert opened == [("committee_member", ids["twin"], True)]
    assert ledger.get("committee_member", ids["twin"])["phone"] == "13900000009"
    assert view.undo_stack.count() == 1
    assert ids["twin"] not in {p.record_id for p in rows(view)}


def test_a_submission_opens_in_its_history(qtbot, view, monkeypatch):
    from ui import history

    opened = []
    monkeypatch.setattr(history.HistoryDialog, "exec", lambda d: opened.append((d.kind.name, d.record_id)) or 0)
    double_click(qtbot, view, submission_id(A, JUNE))
    assert opened == [("month_submission", submission_id(A, JUNE))]


def test_thresholds_dialog_keeps_the_ledgers_thresholds(qtbot, view, built):
    ledger, ids = built
    dialog = ThresholdsDialog(ledger, view)
    qtbot.addWidget(dialog)
    assert dialog.boxes["hollow_months"].value() == 3
    dialog.boxes["hollow_months"].setValue(1)
    dialog.show()
    shoot(dialog, "thresholds")
    dialog.accept()
    assert P.thresholds(ledger)["hollow_months"] == 1
    assert ledger.meta(P.META_PREFIX + "jump_percent") == ""  # left at its default: unset
    with qtbot.waitSignal(view.sig_loaded, timeout=20_000):
        view.refresh()
    assert ids["april"] in {p.record_id for p in rows(view)}


def test_the_main_window_has_the_tab(qtbot, built, tmp_path, monkeypatch):
    from ui import settings as S
    from ui import sync_widgets
    from ui.main_window import MainWindow

    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    ledger, _ids = built
    window = MainWindow(ledger, S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)))
    qtbot.addWidget(window)
    index = window.tabs.indexOf(window.problems_view)
    assert window.tabs.tabText(index) == "问题清单"
    with qtbot.waitSignal(window.problems_view.sig_loaded, timeout=20_000):
        window.tabs.setCurrentIndex(index)
    window.sync_controller.shutdown()
