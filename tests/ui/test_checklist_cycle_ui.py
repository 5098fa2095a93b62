"""The checklist cycle in the window: the self-inspection step (八查八看) whose findings
become rectification tasks with one button, and a county editing its reference table and
issuing it to one township (一县一表), whose tasks reach the township with the changes.

With ``TL_SCREENSHOTS=DIR`` the steps are saved there as ``checklist-*.png``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger import Ledger
from desktop.records import inspection
from desktop.records.enums import enumerations
from ui import checklist_inspection
from ui.checklist import ChecklistView
from ui.checklist_inspection import ANSWER, FINDING, TASK_COLUMN, SelfInspectionDialog
from ui.checklist_templates import CODE, DESCRIPTION, SYSTEM, TITLE, TemplateIssueDialog

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP = "130111", "130111200"
TOWN_ORG = f"org-township_committee-{TOWNSHIP}"
SHOTS = os.environ.get("TL_SCREENSHOTS")


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"checklist-{name}.png"))


@pytest.fixture
def chinese():
    from ui import i18n as ui_i18n

    ui_i18n.install("zh_CN")
    yield
    ui_i18n.uninstall()


@pytest.fixture
def town(tmp_path):
    ledger = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    yield ledger
    ledger.close()


def show(qtbot, widget, size=(1100, 560)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer(dialog: SelfInspectionDialog, row: int, key: str) -> None:
    """Choose an answer from the row's list, as a user does (it is saved as chosen)."""
    combo = dialog.answer_combo(row)
    assert isinstance(combo, QComboBox) and combo.isVisible()  # every row's list is open
    combo.setCurrentIndex(combo.findData(key))


def cell(dialog: SelfInspectionDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def test_the_self_inspection_step_turns_findings_into_tasks(qtbot, qtmodeltester, town, chinese, tmp_path,
                                                           monkeypatch):
    stack = QUndoStack()
    dialog = show(qtbot, SelfInspectionDialog(town, TOWNSHIP, stack))
    qtmodeltester.check(dialog.model)
    period = inspection.default_period()
    assert dialog.current_period == period and dialog.model.rowCount() == 8
    assert cell(dialog, 0, 1) == "查组织设置，看是否健全"
    assert not dialog.make_button.isEnabled()  # nothing found yet
    answer(dialog, 0, "yes")
    answer(dialog, 1, "yes")
    _type_into(qtbot, dialog.table, 2, FINDING, "2万元工作经费尚未落实")  # a finding alone is answered "no"
    assert dialog.answer_combo(2).currentData() == "no" and cell(dialog, 2, ANSWER) == enumerations().label("inspection_answer", "no")
    answer(dialog, 5, "partial")
    _type_into(qtbot, dialog.table, 5, FINDING, "全国性统一活动只开展了两次")
    qtmodeltester.check(dialog.model)
    rows = {r.item["code"]: r for r in inspection.sheet(town, TOWNSHIP, period)}
    assert (rows["I1"].answer["answer"], rows["I3"].answer["answer"], rows["I6"].answer["answer"]) \
        == ("yes", "no", "partial")
    assert [c for c, r in rows.items() if r.is_problem] == ["I3", "I6"]
    assert cell(dialog, 2, TASK_COLUMN) == dialog.tr("problem: no task yet")

    # evidence for an answer
    photo = tmp_path / "经费申请.jpg"
    photo.write_bytes(b"jpeg")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    dialog.table.selectRow(2)
    assert dialog.attach_button.isEnabled()
    qtbot.mouseClick(dialog.attach_button, Qt.LeftButton)
    assert town.count("attachment", where={"owner_kind": "inspection_answer"}) == 1
    assert cell(dialog, 2, 5) == "1"
    assert dialog.evidence.model.rowCount() == 1 and dialog.evidence.model.record(0)["filename"] == "经费申请.jpg"
    shoot(dialog, "self-inspection")
    dialog.undo_stack.undo()  # the attaching is one undo step; the count follows
    assert town.count("attachment", where={"owner_kind": "inspection_answer"}) == 0
    assert cell(dialog, 2, 5) == "0" and dialog.evidence.model.rowCount() == 0
    dialog.undo_stack.redo()
    assert cell(dialog, 2, 5) == "1"
    dialog.table.clearSelection()
    assert not dialog.attach_button.isEnabled()

    # one click: every finding without a task becomes one, due on the chosen day
    dialog.deadline.setDate(dt.date(2026, 12, 31))
    made = []
    dialog.sig_tasks_made.connect(made.append)
    assert dialog.make_button.isEnabled()
    qtbot.mouseClick(dialog.make_button, Qt.LeftButton)
    assert made == [2]
    tasks = {t["title"]: t for t in town.query("checklist_task", where={"org_id": TOWN_ORG})}
    assert set(tasks) == {"查工作经费，看是否落实", "查活动开展，看是否经常"}
    assert {(t["problem"], t["deadline"]) for t in tasks.values()} == {
        ("2万元工作经费尚未落实", "2026-12-31"), ("全国性统一活动只开展了两次", "2026-12-31")}
    assert cell(dialog, 2, TASK_COLUMN).endswith("2026-12-31")
    assert not dialog.make_button.isEnabled()
    shoot(dialog, "self-inspection-tasks")
    # one undo step takes both tasks back; the findings are problems again
    stack.undo()
    assert town.count("checklist_task") == 0
    assert all(not r.task_id or town.get("checklist_task", r.task_id) is None
               for r in inspection.sheet(town, TOWNSHIP, period))


def test_the_checklist_tab_opens_the_self_inspection_first(qtbot, town, monkeypatch):
    view = show(qtbot, ChecklistView(town, QUndoStack()))
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(TOWNSHIP)
    assert view.inspect_button.isEnabled() and not view.issue_button.isVisibleTo(view)
    opened = []

    def fake_exec(dialog):
        opened.append(dialog.code)
        dialog.model.setData(dialog.model.index(7, FINDING), "台账不全")
        dialog.table.selectRow(7)
        dialog.make_tasks()
        return QDialog.Rejected

    monkeypatch.setattr(checklist_inspection.SelfInspectionDialog, "exec", fake_exec)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        qtbot.mouseClick(view.inspect_button, Qt.LeftButton)
    assert opened == [TOWNSHIP]
    assert view.model.total == 1  # the new task is in the checklist at once


def _type_into(qtbot, view, row: int, column: int, text: str) -> None:
    """Edit a cell as a user does: open its editor, enter the text (as an input method commits
    Chinese: QTest types Latin-1 only), press Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the cell's open editor
    editor.selectAll()
    editor.insert(text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: index.data() == text and view.indexWidget(index) is None)  # committed, closed


def test_a_county_edits_its_table_and_issues_it_to_one_township(qtbot, qtmodeltester, county_ledger, town,
                                                                 chinese):
    dialog = show(qtbot, TemplateIssueDialog(county_ledger), (1200, 600))
    model = dialog.model
    qtmodeltester.check(model)
    assert dialog.level.currentData() == (4, "township") and model.rowCount() == 11
    assert dialog.units.count() > 5 and not dialog.issue_button.isEnabled()
    _type_into(qtbot, dialog.items, 0, TITLE, "配齐配强南高乡团委班子")
    dialog.add_item({})
    last = model.rowCount() - 1
    editor = dialog.items.indexWidget(model.index(last, CODE))  # a new row opens with its number being edited
    qtbot.keyClicks(editor, "N1")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: model.index(last, CODE).data() == "N1")
    _type_into(qtbot, dialog.items, last, TITLE, "南高乡自选：建设乡村青年之家")
    _type_into(qtbot, dialog.items, last, DESCRIPTION, "依托乡文化站建成青年之家")
    # the system is chosen from a list of the systems, shown by its label
    index = model.index(last, SYSTEM)
    dialog.items.setCurrentIndex(index)
    dialog.items.edit(index)
    combo = dialog.items.indexWidget(index)
    assert isinstance(combo, QComboBox) and combo.count() == len(enumerations().values("checklist_system"))
    combo.setCurrentIndex(combo.findData("project"))
    qtbot.keyClick(combo, Qt.Key_Return)
    qtbot.waitUntil(lambda: index.data(Qt.EditRole) == "project")
    assert index.data() == enumerations().label("checklist_system", "project")
    assert [model.index(last, c).data() for c in (CODE, TITLE, DESCRIPTION)] == [
        "N1", "南高乡自选：建设乡村青年之家", "依托乡文化站建成青年之家"]
    qtmodeltester.check(model)
    dialog.set_chosen([TOWNSHIP])
    assert dialog.chosen_units() == [TOWNSHIP] and dialog.issue_button.isEnabled()
    shoot(dialog, "issue")
    qtbot.mouseClick(dialog.issue_button, Qt.LeftButton)
    own = county_ledger.query("checklist_template", where={"issued_by": TOWNSHIP})
    assert len(own) == 12 and {"配齐配强南高乡团委班子", "南高乡自选：建设乡村青年之家"} <= {t["title"] for t in own}
    assert county_ledger.count("checklist_task", where={"org_id": TOWN_ORG}) == 12
    assert "12" in dialog.status.text()

    # after the sync, the township has its table and its tasks
    report = town.apply_changes(county_ledger.changes_since(0)[0], allowed_scope=COUNTY)
    assert report.rejected == []
    view = show(qtbot, ChecklistView(town, QUndoStack()), (1100, 600))
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(TOWNSHIP)
    assert view.model.total == 12
    titles = {view.model.index(r, view.model.column_of("title")).data() for r in range(view.model.rowCount())}
    assert "南高乡自选：建设乡村青年之家" in titles
    shoot(view, "issued-township")


def test_an_answer_the_ledger_refuses_leaves_the_row_as_it_was(qtbot, town, monkeypatch):
    dialog = show(qtbot, SelfInspectionDialog(town, TOWNSHIP, QUndoStack()))
    answer(dialog, 0, "yes")
    warned = []
    monkeypatch.setattr(checklist_inspection.QMessageBox, "warning", lambda *a: warned.append(a[2]))

    def refuse(*_a, **_k):
        raise LedgerError(QT_TRANSLATE_NOOP("errors", "The ledger is read-only."))

    monkeypatch.setattr(inspection, "save_answer", refuse)
    answer(dialog, 0, "no")
    index = dialog.model.index(1, FINDING)
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    editor.insert("台账不全")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.indexWidget(index) is None)  # the edit closed, refused
    assert len(warned) == 2  # told each time, in words
    assert dialog.answer_combo(0).currentData() == "yes" and cell(dialog, 0, ANSWER) == \
        enumerations().label("inspection_answer", "yes")
    assert cell(dialog, 1, FINDING) == "" and dialog.answer_combo(1).currentData() is None
    rows = inspection.sheet(town, TOWNSHIP, inspection.default_period())
    assert rows[0].answer["answer"] == "yes" and rows[1].answer is None
    # an answer given is changed, not taken back to none
    monkeypatch.undo()
    answer(dialog, 0, "")
    assert dialog.answer_combo(0).currentData() == "yes"
    assert inspection.sheet(town, TOWNSHIP, inspection.default_period())[0].answer["answer"] == "yes"


def test_a_ledger_only_read_shows_the_answers_without_lists(qtbot, town, tmp_path):
    answers = inspection.sheet(town, TOWNSHIP, inspection.default_period())
    inspection.save_answer(town, TOWNSHIP, inspection.default_period(), answers[2].item["id"], "no", "经费未落实")
    path = town.path
    town.close()
    reader = Ledger.open(path, read_only=True)
    try:
        dialog = show(qtbot, SelfInspectionDialog(reader, TOWNSHIP, QUndoStack()))
        assert dialog.answer_combo(2) is None
        assert cell(dialog, 2, ANSWER) == enumerations().label("inspection_answer", "no")
        assert cell(dialog, 2, FINDING) == "经费未落实"
        index = dialog.model.index(2, FINDING)
        assert not dialog.model.flags(index) & Qt.ItemIsEditable
        assert not dialog.model.setData(index, "改了")
        assert not dialog.make_button.isEnabled()
    finally:
        reader.close()
