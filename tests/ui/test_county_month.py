"""A county secretary's month, driven through the county's main window: the overview and the
monthly report open on the month being reported; a township's data package imported through
the window (the sender named by unit and person, what is still only here); a received change
that overwrites her edit (the notice, who won and when, the undo that no longer offers it,
the take-back reaching the township), then a return with a reason and a verification, as
the township sees them once the changes travel.

With ``TL_SCREENSHOTS=DIR`` the notice and the return dialog are saved there as PNGs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.ledger import Ledger
from desktop.records import KINDS, checklist
from desktop.reporting.submissions import month_being_reported
from sync.packages import export_package
from sync.packages.identity import public_identity, trust_peer
from sync.pending import pending_count
from ui import checklist as checklist_module
from ui import settings as S
from ui import sync_widgets, workers
from ui.checklist import ChecklistView
from ui.package_dialogs import PackagesDialog
from ui.review import ReturnDialog
from ui.undo import EditCommand
from tests.ui.windows import close_windows

pytestmark = pytest.mark.gui

COUNTY = "130111"
TOWNSHIP = "130111200"  # 南高乡
TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
TODAY = dt.date.today().isoformat()
SHOTS = os.environ.get("TL_SCREENSHOTS")


def travel(source: Ledger, target: Ledger) -> None:
    """Hand every change of *source* to *target* (as a sync or a package would)."""
    target.apply_changes(source.changes_since(0)[0])


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def month(tmp_path):
    """The county's ledger and 南高乡's, from one base, each knowing the other by name."""
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    member = county.committee_members.create(org_id=TOWNSHIP_ORG, name="赵丽", gender="female", post="secretary",
                                             employment="full_time", source="civil_servant",
                                             joined_on="2022-01-01", phone="13800000001")
    # the county waived the proof for this item of its reference table: "done" needs no evidence,
    # and verifying without any still warns
    template = county.create("checklist_template", {
        "template_kind": "reference", "level": "township", "system": "project", "code": "X1",
        "title": "建设青年之家", "issued_by": COUNTY, "completion_proof": "optional"})
    task = county.checklist_tasks.create(org_id=TOWNSHIP_ORG, system="project", title="建设青年之家",
                                         template_id=template)
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    travel(county, town)
    trust_peer(county, public_identity(town), "in_person")
    trust_peer(town, public_identity(county), "in_person")
    yield county, town, member, task
    town.close()
    county.close()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, month):
    """The county's main window, in Chinese as she reads it."""
    from ui import i18n as ui_i18n
    from ui.main_window import MainWindow

    ui_i18n.install("zh_CN")
    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    settings = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    w = MainWindow(month[0], settings)
    sync_widgets.install_sync(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_windows(w)
    ui_i18n.uninstall()


def test_both_views_open_on_the_month_being_reported(window, month):
    assert window.dashboard.month() == window.report_view.month() == month_being_reported(month[0])


def test_a_township_package_imported_through_the_window(qtbot, window, month, tmp_path, monkeypatch):
    county, town, member, _task = month
    town.update("committee_member", member, {"phone": "13700000003"})
    town.meetings.create(org_id=TOWNSHIP_ORG, kind="mobilisation", held_on=TODAY, title="动员会")
    stick = tmp_path / "stick"
    stick.mkdir()
    package = export_package(town, stick, county.device_id)
    pending_before = pending_count(county)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.Ok)
    seen = {}

    def drive(dialog: PackagesDialog) -> int:
        """The dialog as she uses it: Import a package…, then read what it says, then Close."""
        with qtbot.waitSignal(dialog.sig_imported, timeout=20000):
            qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        model = dialog.model
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.UserRole) == town.device_id)
        seen.update(status=dialog.status.text(), only_here=dialog.only_here.text(),
                    peer=[model.index(row, c).data() for c in range(model.columnCount())])
        dialog.show()
        shoot(dialog, "county-package-imported")
        return 0

    monkeypatch.setattr(PackagesDialog, "exec", drive)
    window.show_packages()  # Tools → Data packages (USB)…

    applied = 2  # the phone and the meeting
    assert pending_count(county) == pending_before + applied  # received here, not yet at the hub: they count
    # the sender by unit and person, and what the package brought
    assert told == [seen["status"]]
    assert "南高乡（张三）" in seen["status"] and f"新增 {applied} 条" in seen["status"]
    assert "拒收 0 条" in seen["status"]
    # right after the import: what is only here, and what the township has not confirmed of ours
    assert f"仅在本机：{pending_count(county)} 条" in seen["only_here"], seen["only_here"]
    # the township's package confirms it holds everything here that concerns it (ours, which it had
    # before, and its own two): nothing waits for it
    ours = county.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?", (county.device_id,)).fetchone()[0]
    assert seen["peer"][:3] == ["南高乡（张三）", str(ours + applied), "0"]
    assert county.get("committee_member", member)["phone"] == "13700000003"
    assert str(pending_count(county)) in window.sync_status.text()


def test_a_conflict_is_news_and_can_be_taken_back(qtbot, window, month):
    county, town, member, _task = month
    # her edit, as a section makes it: a ledger write and an undo step
    county.update("committee_member", member, {"phone": "13900000002"})
    window.undo_stack.push(EditCommand(county, "committee_member", member, "编辑 赵丽", None,
                                       {"phone": "13800000001"}, {"phone": "13900000002"}))
    assert window.undo_stack.canUndo()
    town.update("committee_member", member, {"phone": "13700000003"})  # later: it wins

    travel(town, county)
    window.sync_controller.sig_records_changed.emit()  # what a sync that brought changes says
    pending_before = pending_count(county)  # the received change goes up too: it counts
    assert str(pending_before) in window.sync_status.text()

    # the notice: a banner naming record, field, both values, the winner's office, person and time
    banner = window.conflict_banner
    assert banner.isVisible()
    text = banner.text.text()
    won_at = banner.rows[0].won_at
    phone = KINDS["committee_member"].field("phone").label.text()
    assert won_at
    for part in ("赵丽", phone, "13900000002", "13700000003", "南高乡", "张三", won_at):
        assert part in text, part
    assert window.conflict_watch.label.isVisible() and "1" in window.conflict_watch.label.text()
    # undo no longer offers her overwritten edit, and the status bar says why
    assert not window.undo_stack.canUndo()
    assert "张三" in window.statusBar().currentMessage()
    shoot(window, "county-conflict")

    # the conflicts dialog says the same, and the take-back is one click
    seen = {}

    def settle():
        dialog = window.conflicts_dialog
        row = dialog.model.rows[0]
        seen["row"] = (row.record, row.lost, row.won, row.winner, row.won_at)
        seen["texts"] = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
        qtbot.mouseClick(dialog.take_back_button, Qt.LeftButton)
        seen["notice"] = dialog.notice.text()
        dialog.reject()

    QTimer.singleShot(0, settle)
    banner.text.linkActivated.emit("conflicts")  # the banner's link opens the dialog
    assert "row" in seen
    assert seen["row"][:3] == ("赵丽", "13900000002", "13700000003")
    assert "南高乡" in seen["row"][3] and "张三" in seen["row"][3] and seen["row"][4] == won_at
    assert not any("别处" in (t or "") for t in seen["texts"])
    assert seen["notice"] == "已恢复，待同步"

    # every count is right: no conflict left, one more change waiting to sync
    assert county.get("committee_member", member)["phone"] == "13900000002"
    assert county.conflicts() == []
    assert not window.conflict_watch.label.isVisible()
    assert pending_count(county) == pending_before + 1
    assert str(pending_before + 1) in window.sync_status.text()
    # the take-back reaches the township
    travel(county, town)
    assert town.get("committee_member", member)["phone"] == "13900000002"


def checklist_of(qtbot, window, task_id: str) -> ChecklistView:
    view = window.checklist
    window.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(COUNTY)
    assert view.select_task(task_id)
    return view


def test_a_return_with_a_reason_and_a_verification_reach_the_township(qtbot, window, month, monkeypatch):
    county, town, _member, task_id = month
    assert checklist.move(town, town.get("checklist_task", task_id), "done")
    travel(town, county)
    view = checklist_of(qtbot, window, task_id)
    assert view.reopen_button.text() == "退回…"

    dialog = ReturnDialog(county.get("checklist_task", task_id), "南高乡", window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setPlainText("佐证材料缺少活动照片")
    assert dialog.ok.isEnabled()
    shoot(dialog, "county-return")
    dialog.close()

    monkeypatch.setattr(checklist_module, "ask_return_reason", lambda *a: "佐证材料缺少活动照片")
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        qtbot.mouseClick(view.reopen_button, Qt.LeftButton)
    travel(county, town)
    seen = town.get("checklist_task", task_id)
    assert (seen["status"], seen["return_reason"], seen["done_on"]) == ("in_progress", "佐证材料缺少活动照片", TODAY)
    # the township's own task list shows the reason, and its history keeps the done date
    town_view = ChecklistView(town, window.undo_stack.__class__())
    qtbot.addWidget(town_view)
    town_view.resize(1366 - 240, 640)  # as beside the unit tree at 1366×768
    town_view.show()
    with qtbot.waitSignal(town_view.sig_loaded, timeout=10000):
        town_view.set_scope(TOWNSHIP)
    row = town_view.model.row_of(task_id)
    assert town_view.model.index(row, town_view.model.column_of("return_reason")).data() == "佐证材料缺少活动照片"
    assert town_view.select_task(task_id)
    assert "佐证材料缺少活动照片" in town_view.review_label.text()
    shoot(town_view, "county-returned-township")
    fields = {n for e in town.history(task_id) for n, _old, _new in e.changes}
    assert {"return_reason", "done_on"} <= fields

    # the township finishes again; the county verifies after a warning that evidence is missing
    assert checklist.move(town, town.get("checklist_task", task_id), "done")
    travel(town, county)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.Yes)
    view = checklist_of(qtbot, window, task_id)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        qtbot.mouseClick(view.verify_button, Qt.LeftButton)
    assert len(warned) == 1 and "佐证材料" in warned[0]
    assert "李书记" in view.review_label.text()
    shoot(window, "county-verified")
    travel(county, town)
    seen = town.get("checklist_task", task_id)
    assert (seen["status"], seen["verified_by"], seen["verified_on"], seen["return_reason"]) == (
        "verified", "李书记", TODAY, None)
    with qtbot.waitSignal(town_view.sig_loaded, timeout=10000):
        town_view.refresh()
    assert town_view.select_task(task_id)
    assert "李书记" in town_view.review_label.text() and TODAY in town_view.review_label.text()


def test_undo_drops_overwritten_steps_and_keeps_the_later_ones(qtbot, month, monkeypatch):
    from PySide6.QtGui import QUndoStack

    from ui.undo import drop_overwritten

    county, town, member, task_id = month
    stack = QUndoStack()
    # a workflow step is a macro of edits, as the checklist pushes it
    county.update("checklist_task", task_id, {"responsible": "王五"})
    stack.beginMacro("编辑任务")
    stack.push(EditCommand(county, "checklist_task", task_id, "编辑任务", None, {"responsible": None},
                           {"responsible": "王五"}))
    stack.endMacro()
    county.update("committee_member", member, {"phone": "13900000002"})
    stack.push(EditCommand(county, "committee_member", member, "编辑 赵丽", None, {"phone": "13800000001"},
                           {"phone": "13900000002"}))
    town.update("checklist_task", task_id, {"responsible": "张三"})  # overwrites the first step only
    travel(town, county)

    dropped = drop_overwritten(stack)
    assert [text for text, _entry in dropped] == ["编辑任务"]
    assert [stack.command(i).text() for i in range(stack.count())] == ["编辑 赵丽"]
    stack.undo()  # the later step still undoes
    assert county.get("committee_member", member)["phone"] == "13800000001"
    assert county.get("checklist_task", task_id)["responsible"] == "张三"
    assert drop_overwritten(stack) == []


def test_an_overwritten_step_met_by_undo_says_why_and_changes_nothing(qtbot, month, monkeypatch):
    from PySide6.QtGui import QUndoStack

    county, town, member, _task = month
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]) or QMessageBox.Ok)
    stack = QUndoStack()
    county.update("committee_member", member, {"phone": "13900000002"})
    stack.push(EditCommand(county, "committee_member", member, "编辑 赵丽", None, {"phone": "13800000001"},
                           {"phone": "13900000002"}))
    town.update("committee_member", member, {"phone": "13700000003"})
    travel(town, county)
    stack.undo()
    assert county.get("committee_member", member)["phone"] == "13700000003"
    assert len(said) == 1 and "张三" in said[0] and "南高乡" in said[0]
    assert stack.count() == 0  # the step is gone: it is not offered again
