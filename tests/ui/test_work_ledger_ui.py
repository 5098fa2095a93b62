"""The work ledger (工作台账) in the main window: one tab holding a section per kind, a record
of each kind made through its form, a case's files attached, opened and removed (undoable).

With ``TL_SCREENSHOTS=DIR`` the tab and the forms are saved there as ``kinds-*.png``
(docs/screenshots: run under ``xvfb-run -a -s "-screen 0 1366x768x24"`` with
``QT_QPA_PLATFORM=xcb``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QTabBar

from desktop.ledger import Ledger
from desktop.records import WORK_KINDS
from desktop.tools import synthetic, work_demo
from tests.ui.test_sections import fill
from ui import attachments as attachments_module
from ui import settings as S
from ui import sync_widgets, workers
from ui.forms import RecordForm
from tests.ui.windows import close_windows

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP = "130111", "130111200"  # 栾城区, 南高乡
SHOTS = os.environ.get("TL_SCREENSHOTS")
#: The day the demo data is built for (a fixed day: the same pictures every time).
TODAY = dt.date(2026, 11, 20)

#: One record of each kind, as a user picks and types it in the form.
TYPED = {
    "work_plan_item": [("org_id", "共青团南高乡委员会"), ("month", "2026-11"), ("item", "组织开展青年志愿服务"),
                       ("responsible", "张三"), ("status", "推进中")],
    "case_brief": [("org_id", "共青团南高乡委员会"), ("kind", "专题简报"), ("title", "南高乡对标整改工作简报"),
                   ("dated_on", "2026-11-18"), ("issue_no", "2026年第5期")],
    "contact_point": [("unit_code", "南高乡（130111200）"), ("leader", "周敏"), ("office", "石家庄团市委农村青年工作部"),
                      ("post", "部长"), ("linked_on", "2026-10-08"), ("phone", "13912345678")],
    "unit_assessment": [("org_id", "共青团南高乡委员会"), ("year", 2025), ("grade", "合格"), ("assessed_by", "共青团栾城区委员会")],
    "branch_term": [("village_code", "南高乡鲁家庄村民委员会（130111200203）"), ("elected_on", "2026-11-06"),
                    ("term_end", "2031-11-05"), ("secretary", "马超"), ("members", "5")],
}


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"kinds-{name}.png"))


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window, in Chinese, on a county ledger with the demo's records of 栾城区."""
    from ui import i18n as ui_i18n
    from ui.main_window import MainWindow

    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    ui_i18n.install("zh_CN")
    settings = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    ledger = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    synthetic.build(ledger, COUNTY, seed=7, months=6, today=TODAY)
    work_demo.attach_case_files(ledger)
    win = MainWindow(ledger, settings)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    yield win
    close_windows(win)
    ledger.close()
    ui_i18n.uninstall()


def test_the_work_ledger_is_one_tab_with_a_section_per_kind(window, qtbot):
    group = window.groups["work"]
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[-1] == "工作台账" and window.tabs.indexOf(group) == len(titles) - 1
    inner = [group.tabs.tabText(i) for i in range(group.tabs.count())]
    assert inner == ["每月工作安排", "案例与简报", "联系点", "年度考核评优", "村团组织换届"]
    # the main tab bar fits a 1366-pixel screen: no scroll arrows needed
    bar: QTabBar = window.tabs.tabBar()
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) <= window.tabs.width()

    names = {"work_plan_item": "plan", "case_brief": "cases", "contact_point": "contacts",
             "unit_assessment": "assessments", "branch_term": "terms"}
    for kind in WORK_KINDS:
        section = window.show_section(kind.name)
        assert window.current_section() is section and window.current_topic() == kind.name
        qtbot.waitUntil(lambda s=section: s.model.queried and not s.model.loading, timeout=10000)
        assert section.model.total == window.ledger.count(kind.name) > 0, kind.name
        if kind.name == "case_brief":
            section.view.selectRow(0)
            qtbot.waitUntil(lambda s=section: s.attachments.model.rowCount() == 1)
        shoot(window, names[kind.name])

    # choosing a township narrows the sections to it
    window.choose_unit(TOWNSHIP)
    section = window.show_section("branch_term")
    qtbot.waitUntil(lambda: not section.model.loading and section.model.total > 0, timeout=10000)
    assert section.model.total == window.ledger.count("branch_term", scope=TOWNSHIP)


def test_a_record_of_each_kind_through_its_form(window, qtbot, monkeypatch):
    window.choose_unit(TOWNSHIP)
    for kind in WORK_KINDS:
        section = window.show_section(kind.name)
        before = window.ledger.count(kind.name)

        def drive(form: RecordForm, kind=kind.name) -> int:
            form.show()
            fill(qtbot, form, TYPED[kind])
            shoot(form, f"form-{kind}")
            qtbot.mouseClick(form.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
            return form.result()

        monkeypatch.setattr(RecordForm, "exec", drive)
        qtbot.mouseClick(section.add_button, Qt.LeftButton)
        assert window.ledger.count(kind.name) == before + 1, kind.name
    [term] = window.ledger.query("branch_term", where={"secretary": "马超"})
    assert (term["village_code"], term["term_end"]) == ("130111200203", "2031-11-05")
    [plan] = window.ledger.query("work_plan_item", where={"item": "组织开展青年志愿服务"})
    assert (plan["org_id"], plan["month"], plan["status"]) == (
        f"org-township_committee-{TOWNSHIP}", "2026-11", "in_progress")
    # each is one undo step
    window.undo_stack.undo()
    assert window.ledger.query("branch_term", where={"secretary": "马超"}) == []


def test_a_cases_files_attach_open_and_go(window, qtbot, tmp_path, monkeypatch):
    window.choose_unit(TOWNSHIP)
    section = window.show_section("case_brief")
    panel = section.attachments
    qtbot.waitUntil(lambda: not section.model.loading and section.model.total > 0, timeout=10000)
    assert not panel.attach_button.isEnabled()  # no record chosen
    section.view.selectRow(0)
    case = section.current_id()
    assert panel.owner_id == case and panel.attach_button.isEnabled()
    before = panel.model.rowCount()

    photo = tmp_path / "活动照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    monkeypatch.setattr(attachments_module, "open_file_name", lambda *a, **k: str(photo))
    qtbot.mouseClick(panel.attach_button, Qt.LeftButton)
    assert panel.model.rowCount() == before + 1
    [row] = [r for r in panel.model.rows if r["filename"] == "活动照片.jpg"]
    assert window.ledger.blob(row["sha256"]) == photo.read_bytes() and row["owner_id"] == case
    assert "个文件" in panel.title()

    opened = []
    monkeypatch.setattr(attachments_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.view.selectRow(panel.model.rows.index(row))
    qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert Path(opened[0].toLocalFile()).read_bytes() == photo.read_bytes()
    shoot(window, "case-files")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert panel.model.rowCount() == before and window.ledger.get("attachment", row["id"]) is None
    window.undo_stack.undo()  # the removal
    assert panel.model.rowCount() == before + 1
    window.undo_stack.undo()  # the attaching
    assert panel.model.rowCount() == before


def test_the_monthly_report_has_the_work_ledger_page(window, qtbot):
    from PySide6.QtCore import QDate

    view = window.report_view
    window.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=30000):
        view.month_edit.setDate(QDate(2026, 11, 1))
        view.set_scope(COUNTY)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    view.tabs.setCurrentIndex(titles.index("工作台账"))
    model = view.panels["branch_terms_due"].view.model()
    states = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert model.rowCount() == len(view.report.work_ledger.terms) > 0 and states <= {"逾期未换届", "即将届满"}
    assert view.panels["work_by_unit"].view.model().rowCount() == len(view.report.units)
    shoot(window, "report")
