"""The Excel import dialog and the table export, through the widgets (file dialogs patched)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog

from conftest import TOWNSHIP
from desktop import excel
from desktop.excel import ADD, DUPLICATE, ERROR
from ui import excel_dialogs
from ui import settings as S
from ui.excel_dialogs import STATUS_COLOURS, STATUS_ROLE, ImportDialog, PlanModel, export_view
from ui.sections import RecordSection

pytestmark = pytest.mark.gui

ORG = f"org-township_committee-{TOWNSHIP}"
MEMBER = "committee_member"
HEADER = ["序号", "姓名", "性别", "出生年月", "手机号码", "职务", "专兼职", "委员来源", "任职时间"]


def roster(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["南高乡团委委员名册"])
    ws.merge_cells("A1:I1")
    ws.append(HEADER)
    ws.append([1, "张三", "男", "1995.3", 13800138000.0, "书记", "专职", "机关干部", dt.datetime(2020, 5, 1)])
    ws.append([2, "李四", "女", "1996年4月", "13900139000", "副书记", "兼职", "大学生村官", "2021/3/2"])
    ws.append([3, "王五", "男", "1997-13-01", "123", "委员", "兼职", "其他", "2022-01-01"])
    ws.append([4, "张三", "男", "1995.3", 13800138000.0, "书记", "专职", "机关干部", dt.datetime(2020, 5, 1)])
    wb.save(path)
    return path


@pytest.fixture
def dialog(qtbot, county_ledger, tmp_path, monkeypatch):
    path = roster(tmp_path / "名册.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    d = ImportDialog(county_ledger, kind=MEMBER, unit=TOWNSHIP)
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.browse_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: d.plan is not None and not d.busy())
    return d


def statuses(model: PlanModel) -> list[str]:
    return [model.index(r, 0).data(STATUS_ROLE) for r in range(model.rowCount())]


def test_the_preview_shows_each_rows_status_and_reason(dialog, qtmodeltester):
    model = dialog.model
    qtmodeltester.check(model)
    assert statuses(model) == [ADD, ADD, ERROR, DUPLICATE]
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Row" and headers[-1] == "Reason" and "姓名" in headers
    reason = model.index(2, model.columnCount() - 1)
    assert "手机号码" in reason.data() and "123" in reason.data()
    assert reason.data(Qt.BackgroundRole).color() == STATUS_COLOURS[ERROR]
    assert model.index(0, 0).data(Qt.BackgroundRole).color() == STATUS_COLOURS[ADD]
    assert model.index(2, 0).data() == 5  # the Excel row
    assert model.index(3, model.columnCount() - 1).data() == excel.ExcelText(excel.NOTE_SAME_ROW, {"row": 3}).text()
    phone = headers.index("联系电话")
    assert model.index(0, phone).data() == "13800138000"  # as the cell has it
    assert model.index(2, phone).data(Qt.BackgroundRole).color() != STATUS_COLOURS[ERROR]  # the bad cell stands out
    assert "2" in dialog.summary.text() and "1" in dialog.summary.text()
    assert dialog.import_button.isEnabled() and dialog.save_errors_button.isEnabled()
    assert not dialog.undo_button.isEnabled()

    dialog.errors_only.setChecked(True)
    assert statuses(model) == [ERROR]
    qtmodeltester.check(model)


def test_import_and_undo_through_the_dialog(dialog, qtbot, county_ledger):
    seq = county_ledger.last_seq()
    with qtbot.waitSignal(dialog.sig_imported, timeout=10000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert imported.args == [MEMBER]
    assert county_ledger.count(MEMBER) == 2
    assert {m["name"] for m in county_ledger.query(MEMBER)} == {"张三", "李四"}
    assert dialog.result.added == 2 and dialog.result.errors == 1
    assert not dialog.import_button.isEnabled() and dialog.undo_button.isEnabled()

    with qtbot.waitSignal(dialog.sig_imported, timeout=10000):
        qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)
    assert county_ledger.count(MEMBER) == 0
    assert county_ledger.last_seq() > seq
    assert not dialog.undo_button.isEnabled()


def test_save_the_rows_with_errors(dialog, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "fix-me.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.save_errors_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy() and target.exists())
    ws = openpyxl.load_workbook(target).active
    assert ws.max_row == 2 and ws.cell(2, 2).value == "王五"
    assert str(target) in dialog.summary.text()


def test_a_bad_file_is_explained_and_nothing_can_be_imported(qtbot, county_ledger, tmp_path, monkeypatch):
    bad = tmp_path / "old.xls"
    bad.write_bytes(excel.OLE_MAGIC + b"\0" * 600)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    d = ImportDialog(county_ledger, kind=MEMBER, unit=TOWNSHIP)
    qtbot.addWidget(d)
    qtbot.mouseClick(d.browse_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not d.busy() and "old.xls" in d.summary.text())
    assert d.plan is None and d.model.rowCount() == 0
    assert not d.import_button.isEnabled()


def test_changing_the_kind_checks_the_file_again(dialog, qtbot):
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("meeting"))
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.plan is None
    assert "名册.xlsx" in dialog.summary.text()  # no header row for meetings in this file
    assert not dialog.import_button.isEnabled()


@pytest.fixture
def section(qtbot, county_ledger, tmp_path):
    settings = S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    s = RecordSection(county_ledger, MEMBER, QUndoStack(), settings)
    qtbot.addWidget(s)
    s.model.scope = TOWNSHIP
    return s


def test_export_of_a_sections_current_view(section, qtbot, county_ledger, tmp_path, monkeypatch):
    county_ledger.committee_members.create_many([
        dict(org_id=ORG, name=name, gender="male", birth_date=f"199{i}-01-02", phone=f"1380013800{i}", post="member",
             employment="part_time", source="other", joined_on="2022-01-01")
        for i, name in enumerate(["张一", "张二", "李三", "王四", "张五"])])
    section.model.search = "张"
    section.model.order_by, section.model.descending = "birth_date", True
    section.model.reload(wait=True)
    header = section.view.horizontalHeader()
    names = [f.name for f in section.model.columns]
    header.setSectionHidden(names.index("org_id"), True)
    header.moveSection(header.visualIndex(names.index("phone")), 0)  # the user dragged 联系电话 to the front

    target = tmp_path / "view.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target.with_suffix("")), ""))
    job = export_view(section, section)
    with qtbot.waitSignal(job.sig_done, timeout=10000):
        pass
    assert job.result == str(target)
    ws = openpyxl.load_workbook(target).active
    head = [c.value for c in ws[1]]
    visible = excel_dialogs.visible_columns(section)
    assert visible[0] == "phone" and "org_id" not in visible
    assert head == [section.model.kind.field(n).label.text() for n in visible]
    names_col = head.index("姓名")
    assert [ws.cell(r, names_col + 1).value for r in range(2, ws.max_row + 1)] == ["张五", "张二", "张一"]
    assert ws.cell(2, 1).value == "13800138004"


def test_export_cancelled_at_the_save_dialog_does_nothing(section, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert export_view(section, section) is None


def test_export_the_whole_ledger_and_a_template(qtbot, county_ledger, tmp_path, monkeypatch):
    target = tmp_path / "all.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    job = excel_dialogs.export_whole_ledger(county_ledger, None)
    with qtbot.waitSignal(job.sig_done, timeout=10000):
        pass
    assert openpyxl.load_workbook(target).sheetnames[0] == "团组织"

    template = tmp_path / "t.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(template), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][2], True))
    job = excel_dialogs.save_template(None)
    with qtbot.waitSignal(job.sig_done, timeout=10000):
        pass
    ws = openpyxl.load_workbook(template).worksheets[0]
    assert ws.title == "工作经费" and ws.data_validations.dataValidation
