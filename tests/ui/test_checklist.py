"""The checklist view: generating tasks, the status workflow and its undo, who may verify,
overdue tasks, and evidence files (attach, open, remove)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QDesktopServices, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ledger import Ledger
from desktop.ledger.reference import templates_for
from ui import checklist as checklist_module
from ui.attachments import BIG_FILE, MAX_FILE
from ui.checklist import ChecklistView
from ui.models import OVERDUE

pytestmark = pytest.mark.gui

COUNTY = "130111"        # as in tests/conftest.py
TOWNSHIP = "130111200"
TODAY = dt.date.today().isoformat()


def make_view(qtbot, ledger: Ledger, scope: str = TOWNSHIP) -> ChecklistView:
    view = ChecklistView(ledger, QUndoStack())  # the view keeps the stack (view.undo_stack)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(scope)
    return view


def reload(qtbot, view: ChecklistView) -> None:
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.refresh()


def click(qtbot, view: ChecklistView, button) -> None:
    """Click a button that changes the ledger, and wait until the view has reloaded."""
    assert button.isEnabled(), button.objectName()
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        qtbot.mouseClick(button, Qt.LeftButton)


def tasks(ledger: Ledger, org_id: str) -> list[dict]:
    return ledger.query("checklist_task", where={"org_id": org_id})


def generate(qtbot, view: ChecklistView) -> None:
    click(qtbot, view, view.generate_button)


def prove(qtbot, view: ChecklistView, ledger: Ledger, task_id: str) -> str:
    """Give a task what "done" needs (a measure, one evidence file); the file's attachment id."""
    ledger.update("checklist_task", task_id, {"measure": "每月召开例会"})
    attachment = ledger.attach("checklist_task", task_id, "照片.jpg", b"jpeg", "image/jpeg")
    reload(qtbot, view)
    assert view.select_task(task_id)
    return attachment


@pytest.fixture
def township_ledger(tmp_path):
    """A township's own ledger: it keeps its tasks but cannot verify them."""
    ledger = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡团委")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    yield ledger
    ledger.close()


def test_generate_tasks_from_the_reference_table(qtbot, qtmodeltester, county_ledger, township_org):
    view = make_view(qtbot, county_ledger)
    assert view.model.total == 0
    assert view.generate_button.isEnabled()
    generate(qtbot, view)

    templates = templates_for(county_ledger, TOWNSHIP, "township")
    created = tasks(county_ledger, township_org)
    assert len(created) == len(templates) == 11
    assert {t["template_id"] for t in created} == {t["id"] for t in templates}
    by_template = {t["id"]: t for t in templates}
    for task in created:
        assert task["title"] == by_template[task["template_id"]]["title"]
        assert task["system"] == by_template[task["template_id"]]["system"]
        assert task["status"] == "not_started"
    assert view.model.total == 11
    organisation = view.progress_bars["organisation"]
    assert (organisation.value(), organisation.maximum()) == (0, 3)
    assert "0 / 3" in view.progress_labels["organisation"].text()
    qtmodeltester.check(view.model)

    # a second run adds nothing
    qtbot.mouseClick(view.generate_button, Qt.LeftButton)
    assert len(tasks(county_ledger, township_org)) == 11
    assert view.status_label.text() == view.tr("Every task of the reference table is already there.")

    # one undo step takes the generated tasks away again
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    assert tasks(county_ledger, township_org) == []


def test_generate_needs_the_township_committee(qtbot, county_ledger, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a) or QMessageBox.Ok)
    view = make_view(qtbot, county_ledger, "130111103")  # a township without a committee in the ledger
    qtbot.mouseClick(view.generate_button, Qt.LeftButton)
    assert len(shown) == 1
    assert county_ledger.count("checklist_task") == 0


def test_system_tabs_filter_the_tasks(qtbot, county_ledger):
    view = make_view(qtbot, county_ledger)
    generate(qtbot, view)
    system_column = view.model.column_of("system")
    assert not view.view.isColumnHidden(system_column)
    with qtbot.waitSignal(view.model.sig_loaded, timeout=10000):
        view.tabs.setCurrentIndex(1 + [s.key for s in view.systems].index("project"))
    assert view.model.total == 3
    assert {view.model.record(r)["system"] for r in range(view.model.rowCount())} == {"project"}
    assert view.view.isColumnHidden(system_column)
    with qtbot.waitSignal(view.model.sig_loaded, timeout=10000):
        view.tabs.setCurrentIndex(0)
    assert view.model.total == 11


def test_workflow_buttons_and_undo(qtbot, county_ledger, township_org, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    view = make_view(qtbot, county_ledger)
    generate(qtbot, view)
    task_id = view.model.record(0)["id"]
    assert view.select_task(task_id)
    status = lambda: county_ledger.get("checklist_task", task_id)["status"]  # noqa: E731

    assert view.start_button.isEnabled() and not view.verify_button.isEnabled()
    click(qtbot, view, view.start_button)
    assert status() == "in_progress"
    assert not view.start_button.isEnabled()

    # done needs a measure and evidence: the button says so, and a click changes nothing
    assert "整改措施" in view.done_button.toolTip() and "佐证材料" in view.done_button.toolTip()
    qtbot.mouseClick(view.done_button, Qt.LeftButton)
    assert len(asked) == 1 and "整改措施" in asked[0] and status() == "in_progress"
    asked.clear()
    evidence = prove(qtbot, view, county_ledger, task_id)
    assert "佐证材料" not in view.done_button.toolTip()
    click(qtbot, view, view.done_button)
    county_ledger.delete("attachment", evidence)  # the unit took its evidence back after reporting done
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["done_on"]) == ("done", TODAY)
    system = task["system"]
    assert view.progress_bars[system].value() == 1

    # the county is the level above the township: it may verify
    assert view.verify_button.isEnabled()
    click(qtbot, view, view.verify_button)
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["verified_on"], task["verified_by"]) == ("verified", TODAY, "测试员")
    # verifying asked first, and warned that no evidence is attached
    missing = QCoreApplication.translate("Review", "No evidence is attached to this task. Verify it anyway?")
    assert len(asked) == 1 and missing in asked[0]
    assert "测试员" in view.review_label.text() and TODAY in view.review_label.text()

    # undo walks back one step at a time
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["verified_on"], task["verified_by"]) == ("done", None, None)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["done_on"]) == ("in_progress", None)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    assert status() == "not_started"
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.redo()
    assert status() == "in_progress"
    # the selection survives the reloads, and the buttons follow the stored status
    assert view.current_task()["id"] == task_id
    assert view.done_button.isEnabled() and not view.start_button.isEnabled()


def a_task_done(qtbot, view: ChecklistView, ledger: Ledger, row: int = 0) -> str:
    """Generate the tasks, mark the one in *row* done with its button; its id."""
    generate(qtbot, view)
    task_id = view.model.record(row)["id"]
    assert view.select_task(task_id)
    prove(qtbot, view, ledger, task_id)
    click(qtbot, view, view.done_button)
    assert ledger.get("checklist_task", task_id)["status"] == "done"
    return task_id


def test_mark_done_straight_from_not_started_undoes_in_one_step(qtbot, county_ledger):
    view = make_view(qtbot, county_ledger)
    task_id = a_task_done(qtbot, view, county_ledger, row=2)
    # "done" may not go back to "not started" directly; the undo step goes through "in progress"
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["done_on"]) == ("not_started", None)


def test_the_unit_reopens_its_own_done_task(qtbot, township_ledger):
    view = make_view(qtbot, township_ledger)
    task_id = a_task_done(qtbot, view, township_ledger)
    assert view.reopen_button.text() == view.tr("Reopen")
    click(qtbot, view, view.reopen_button)
    task = township_ledger.get("checklist_task", task_id)
    assert (task["status"], task["done_on"]) == ("in_progress", None)


def test_a_return_by_the_level_above_needs_a_reason_and_keeps_the_done_date(qtbot, county_ledger, monkeypatch):
    view = make_view(qtbot, county_ledger)
    task_id = a_task_done(qtbot, view, county_ledger)
    assert view.reopen_button.text() == view.tr("Return…")
    monkeypatch.setattr(checklist_module, "ask_return_reason", lambda *a: None)  # cancelled
    view.move("reopen")
    assert county_ledger.get("checklist_task", task_id)["status"] == "done"
    monkeypatch.setattr(checklist_module, "ask_return_reason", lambda *a: "缺少活动照片")
    click(qtbot, view, view.reopen_button)
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["done_on"], task["return_reason"]) == ("in_progress", TODAY, "缺少活动照片")
    assert "缺少活动照片" in view.review_label.text()
    column = view.model.column_of("return_reason")
    assert view.model.index(view.model.row_of(task_id), column).data() == "缺少活动照片"
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.undo_stack.undo()
    task = county_ledger.get("checklist_task", task_id)
    assert (task["status"], task["return_reason"]) == ("done", None)


def test_the_return_dialog_wants_a_reason(qtbot):
    from ui.review import ReturnDialog

    dialog = ReturnDialog({"title": "配齐专职副书记", "status": "done", "done_on": "2026-11-20"}, "楼底镇")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert "2026-11-20" in dialog.intro.text()
    dialog.reason.setPlainText("  缺少照片 ")
    assert dialog.ok.isEnabled() and dialog.text() == "缺少照片"


def test_only_the_level_above_can_verify(qtbot, township_ledger):
    view = make_view(qtbot, township_ledger)
    task_id = a_task_done(qtbot, view, township_ledger)
    assert not view.verify_button.isEnabled() and view.verify_button.isHidden()  # a township verifies nobody
    assert view.verify_button.toolTip() == view.tr("Only the level above can verify this task.")
    assert view.reopen_button.isEnabled()
    view.move("verify")  # even when asked, the view does not verify
    assert township_ledger.get("checklist_task", task_id)["status"] == "done"


def test_overdue_tasks_stand_out(qtbot, qtmodeltester, county_ledger, township_org):
    late = county_ledger.checklist_tasks.create(org_id=township_org, system="staff", title="配齐专职副书记",
                                                deadline="2020-06-30")
    on_time = county_ledger.checklist_tasks.create(org_id=township_org, system="staff", title="开展培训",
                                                   deadline="2099-12-31")
    finished = county_ledger.checklist_tasks.create(org_id=township_org, system="project", title="青年之家",
                                                    deadline="2020-06-30", status="done", done_on="2020-06-01")
    view = make_view(qtbot, county_ledger)
    qtmodeltester.check(view.model)
    model = view.model
    title = model.column_of("title")
    for record_id, red in ((late, True), (on_time, False), (finished, False)):
        row = model.row_of(record_id)
        brush = model.index(row, title).data(Qt.ForegroundRole)
        assert (brush == QBrush(OVERDUE)) if red else brush is None, record_id
    assert not view.overdue_label.isHidden()
    assert view.overdue_label.text() == view.tr("%n task(s) overdue", "", 1)
    assert view.progress["staff"]["overdue"] == 1

    view.select_task(late)
    prove(qtbot, view, county_ledger, late)
    click(qtbot, view, view.done_button)
    assert view.overdue_label.isHidden()
    row = model.row_of(late)
    assert model.index(row, title).data(Qt.ForegroundRole) is None


@pytest.fixture
def task_view(qtbot, county_ledger, township_org):
    task_id = county_ledger.checklist_tasks.create(org_id=township_org, system="organisation", title="健全班子")
    view = make_view(qtbot, county_ledger)
    assert view.select_task(task_id)
    view.task_id = task_id
    return view


def attachments(ledger: Ledger, task_id: str) -> list[dict]:
    return ledger.query("attachment", where={"owner_id": task_id})


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_attach_open_and_remove_evidence(qtbot, qtmodeltester, task_view, county_ledger, tmp_path, monkeypatch):
    view, task_id = task_view, task_view.task_id
    content = "班子会议记录 2024-03-15\n".encode() * 100
    source = tmp_path / "会议记录.txt"
    source.write_bytes(content)
    choose_file(monkeypatch, source)
    assert view.attach_button.isEnabled() and not view.open_button.isEnabled()

    with qtbot.waitSignal(view.sig_changed) as changed:
        qtbot.mouseClick(view.attach_button, Qt.LeftButton)
    assert changed.args == ["attachment"]
    stored = attachments(county_ledger, task_id)
    assert len(stored) == 1
    att = stored[0]
    assert (att["filename"], att["size"], att["owner_kind"], att["media_type"]) == \
        ("会议记录.txt", len(content), "checklist_task", "text/plain")
    assert county_ledger.blob(att["sha256"]) == content
    assert view.attachments.rowCount() == 1
    qtmodeltester.check(view.attachments)

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view.attachment_view.selectRow(0)
    assert view.open_button.isEnabled()
    qtbot.mouseClick(view.open_button, Qt.LeftButton)
    assert len(opened) == 1
    written = Path(opened[0].toLocalFile())
    assert written.name == "会议记录.txt"
    assert written.read_bytes() == content

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(view.remove_button, Qt.LeftButton)
    assert attachments(county_ledger, task_id) == []
    assert view.attachments.rowCount() == 0
    view.undo_stack.undo()
    assert len(attachments(county_ledger, task_id)) == 1
    assert view.attachments.rowCount() == 1


def test_attaching_is_undoable(qtbot, task_view, county_ledger, tmp_path, monkeypatch):
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8\xff" + b"0" * 1000)
    choose_file(monkeypatch, source)
    qtbot.mouseClick(task_view.attach_button, Qt.LeftButton)
    assert len(attachments(county_ledger, task_view.task_id)) == 1
    assert attachments(county_ledger, task_view.task_id)[0]["media_type"] == "image/jpeg"
    task_view.undo_stack.undo()
    assert attachments(county_ledger, task_view.task_id) == []
    assert task_view.attachments.rowCount() == 0


def test_big_files_are_read_and_opened_in_a_worker(qtbot, task_view, county_ledger, tmp_path, monkeypatch):
    view = task_view
    content = bytes(range(256)) * (BIG_FILE // 256 + 10)
    source = tmp_path / "扫描件.pdf"
    source.write_bytes(content)
    choose_file(monkeypatch, source)
    qtbot.mouseClick(view.attach_button, Qt.LeftButton)
    assert not view.attach_button.isEnabled()  # while the file is read
    qtbot.waitUntil(lambda: view.attachments.rowCount() == 1, timeout=10000)
    att = attachments(county_ledger, view.task_id)[0]
    assert county_ledger.blob(att["sha256"]) == content
    assert view.attach_button.isEnabled()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view.attachment_view.selectRow(0)
    qtbot.mouseClick(view.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)
    assert Path(opened[0].toLocalFile()).read_bytes() == content


def test_files_over_50_mb_are_refused(qtbot, task_view, county_ledger, tmp_path, monkeypatch):
    source = tmp_path / "video.mp4"
    with open(source, "wb") as fh:
        fh.truncate(MAX_FILE + 1)  # sparse: no 50 MB written
    choose_file(monkeypatch, source)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]) or QMessageBox.Ok)
    qtbot.mouseClick(task_view.attach_button, Qt.LeftButton)
    assert len(warnings) == 1 and "video.mp4" in warnings[0]
    assert attachments(county_ledger, task_view.task_id) == []


def test_a_ledger_error_is_shown_as_a_message(qtbot, task_view, county_ledger, tmp_path, monkeypatch):
    source = tmp_path / "note.txt"
    source.write_bytes(b"x")
    choose_file(monkeypatch, source)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]) or QMessageBox.Ok)
    # the task disappears between choosing it and attaching: the core refuses, the view says why
    monkeypatch.setattr(checklist_module.ChecklistView, "current_task",
                        lambda self: {"id": "no-such-task", "status": "not_started", "scope": TOWNSHIP})
    qtbot.mouseClick(task_view.attach_button, Qt.LeftButton)
    assert len(warnings) == 1
    assert county_ledger.count("attachment") == 0


def test_the_task_form_names_the_reference_task_by_its_title(qtbot, county_ledger):
    from ui.forms import RecordForm

    view = make_view(qtbot, county_ledger)
    generate(qtbot, view)
    task = view.model.record(0)
    template = county_ledger.get("checklist_template", task["template_id"])
    form = RecordForm(county_ledger, "checklist_task", task["id"])
    qtbot.addWidget(form)
    editor = form.fields["template_id"].editor
    assert editor.currentText() == template["title"]
    assert task["template_id"] not in editor.currentText()
    assert form.fields["template_id"].value() == task["template_id"]


def test_the_form_leaves_the_workflow_to_the_buttons(qtbot, township_ledger, monkeypatch):
    from ui.forms import RecordForm

    view = make_view(qtbot, township_ledger)
    a_task_done(qtbot, view, township_ledger)
    opened = []

    def exec_(form):
        opened.append(form)
        return 0

    monkeypatch.setattr(RecordForm, "exec", exec_)
    view.edit_task()
    form = opened[0]
    for name in ("status", "done_on", "verified_on", "verified_by"):
        assert not form.fields[name].editor.isEnabled(), name
    assert form.fields["measure"].editor.isEnabled()
    assert "status" not in form.values()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_column_fits_beside_the_unit_tree_at_1366(qtbot, county_ledger, township_org, language):
    from ui import i18n as ui_i18n

    ui_i18n.install(language)
    try:
        county_ledger.checklist_tasks.create(org_id=township_org, system="staff", title="配齐专职副书记")
        view = make_view(qtbot, county_ledger)
        view.resize(1366 - 250, 640)  # the main window at 1366×768 less the unit tree
        qtbot.wait(50)
        header = view.view.horizontalHeader()
        viewport = view.view.viewport().width()
        for name in ("status", "deadline", "responsible"):
            column = view.model.column_of(name)
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            assert right <= viewport, (name, right, viewport)
        status = view.model.column_of("status")
        metrics = header.fontMetrics()
        assert header.sectionSize(status) >= metrics.horizontalAdvance(view.model.headerData(status, Qt.Horizontal))
    finally:
        ui_i18n.uninstall()
