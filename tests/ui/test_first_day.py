"""A township secretary's first day, through the real main window in Chinese, from an empty
data folder: the first-start wizard makes 南高乡's ledger (with its committee); she adds a
member whose birth month is all she knows ("1996-08"); imports last year's roster as it is (a
merged title, no 任职方式 column, the office's own words, a signature footer, one bad row); hands
her first package on a stick to
the county, whose ledger has never been online (the county takes it up and names her office);
and makes the month's PDF.  Each step checks what was stored, not only that a window opened.

With ``TL_SCREENSHOTS=DIR`` each step is saved there as ``first-day-*.png`` (docs/screenshots:
run under ``xvfb-run -a -s "-screen 0 1366x768x24"`` with ``QT_QPA_PLATFORM=xcb``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWizard

from desktop.ledger import Ledger
from desktop.offices import office_of
from desktop.reporting import cards
from tests.first_day_roster import roster_workbook
from sync import packages
from tests.ui.test_package_ui import answer_phone
from tests.ui.test_sections import fill, type_text
from tests.ui.test_wizard import POPUP, click, finish, go_to_unit_page, pick, press, type_into
from tests.ui.test_wizard import type_text as type_committed
from ui import package_dialogs, sync_widgets, workers
from ui import settings as S
from ui.forms import RecordForm
from ui.wizard import PAGE_OPERATOR, FirstStartWizard
from tests.ui.windows import close_windows

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP = "130111", "130111200"  # 栾城区, 南高乡
COMMITTEE = f"org-township_committee-{TOWNSHIP}"
SHOTS = os.environ.get("TL_SCREENSHOTS")


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"first-day-{name}.png"))


@pytest.fixture
def day(qtbot, tmp_path, monkeypatch):
    """An empty data folder, the program in Chinese, no hub, and a stick (a folder) in the computer."""
    from ui import i18n as ui_i18n

    home = tmp_path / "home"
    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(home))
    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(package_dialogs, "removable_drives", lambda: [("U盘 (E:)", str(stick))])
    ui_i18n.install("zh_CN")
    settings = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    state = {"home": home, "stick": stick, "settings": settings, "windows": []}
    yield state
    close_windows(*state["windows"])
    ui_i18n.uninstall()


# ----------------------------------------------------------------------------- the steps
def make_ledger_with_the_wizard(qtbot, home: Path) -> Path:
    """The first start: a township ledger for 南高乡, kept by 张三."""
    assert not home.exists() or not any(home.iterdir())  # nothing there yet
    path = home / "南高乡.sqlite"
    wizard = FirstStartWizard(ledger_path=path, demo_path=home / "demo" / "demo.sqlite")
    qtbot.addWidget(wizard)
    wizard.resize(760, 560)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    picker = go_to_unit_page(qtbot, wizard)
    province, prefecture, county, township = picker.combos
    type_into(qtbot, province, "河北省")
    pick(prefecture, "石家庄市")
    type_into(qtbot, county, "栾城区")
    press(qtbot, county, Qt.Key_Tab)
    type_into(qtbot, township, "南高")
    press(qtbot, township, Qt.Key_Tab)
    assert picker.code() == TOWNSHIP
    shoot(wizard, "wizard")
    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == PAGE_OPERATOR
    type_committed(wizard.operator_page.operator_edit, "张三")
    finish(qtbot, wizard, wizard.operator_page)
    assert wizard.ledger_path == path and path.is_file()
    return path


def open_window(qtbot, day: dict, ledger: Ledger):
    from ui.main_window import MainWindow

    window = MainWindow(ledger, day["settings"])
    sync_widgets.install_sync(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    day["windows"].append(window)
    return window


def add_member(qtbot, window, monkeypatch) -> str:
    """A member through the section's New button and the form, her birth month typed as "1996-08"."""
    section = window.sections["committee_member"]
    window.tabs.setCurrentWidget(section)
    seen = {}

    def drive(form: RecordForm) -> int:
        form.show()
        fill(qtbot, form, [("name", "赵丽"), ("gender", "女"), ("post", "书记"), ("employment", "专职"),
                           ("source", "大学生村官"), ("joined_on", "2024-03-01"), ("phone", "13912345678")])
        line = form.fields["birth_date"].editor.line
        line.clear()
        type_text(qtbot, line, "1996-08")
        seen["org"] = form.fields["org_id"].value()
        shoot(form, "member")
        qtbot.mouseClick(form.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        return form.result()

    monkeypatch.setattr(RecordForm, "exec", drive)
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert seen["org"] == COMMITTEE  # the new member belongs to the committee the wizard made
    [member] = window.ledger.query("committee_member", where={"name": "赵丽"})
    assert (member["birth_date"], member["source"], member["org_id"]) == ("1996-08", "village_official", COMMITTEE)
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=10000)
    shoot(window, "members")
    return member["id"]


def import_the_roster(qtbot, window, roster: Path, monkeypatch) -> None:
    """文件 → 导入Excel: the missing column gets one value for all rows; the bad row is named
    with its whole reason and left out; the footer is no row at all."""
    from ui.excel_dialogs import ImportDialog

    window.tabs.setCurrentWidget(window.sections["committee_member"])
    seen = {}

    def drive(dialog: ImportDialog) -> int:
        dialog.show()
        dialog.set_path(str(roster))
        qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=30000)
        assert "employment" in dialog.answers.column_editors  # offered: one value for the whole column
        dialog.set_column_value("任职方式", "兼职")
        qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=30000)
        assert dialog.answers.column_editors["employment"].currentData() == "part_time"  # the answer on show
        plan = dialog.plan
        assert plan.count("add") == 2 and [r.values.get("name") for r in plan.errors] == ["孙磊"]
        assert [p.field for p in plan.errors[0].problems] == ["birth_date"]  # named, not a whole-row refusal
        assert not any("填表人" in str(r.values) for r in plan.rows)  # the footer is not a row
        shoot(dialog, "import")
        dialog.import_rows()
        qtbot.waitUntil(lambda: dialog.result is not None and not dialog.busy(), timeout=30000)
        seen["result"] = dialog.result
        return 1

    monkeypatch.setattr(ImportDialog, "exec", drive)
    window.import_excel()
    assert seen["result"].added == 2 and seen["result"].errors == 1
    stored = {m["name"]: m for m in window.ledger.query("committee_member")}
    assert set(stored) == {"赵丽", "王强", "李娜"}
    wang = stored["王强"]
    assert (wang["gender"], wang["post"], wang["source"], wang["employment"], wang["birth_date"], wang["org_id"]) == (
        "male", "deputy_secretary", "village_official", "part_time", "1995-03", COMMITTEE)
    assert (stored["李娜"]["birth_date"], stored["李娜"]["employment"]) == ("1998-07", "part_time")
    section = window.sections["committee_member"]
    qtbot.waitUntil(lambda: section.model.rowCount() == 3, timeout=10000)


def generate_the_checklist(qtbot, window) -> None:
    """The township's tasks from the reference table, every column readable at 1366×768."""
    view = window.checklist
    window.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.refresh()
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        qtbot.mouseClick(view.generate_button, Qt.LeftButton)
    tasks = window.ledger.query("checklist_task", where={"org_id": COMMITTEE})
    assert tasks and view.model.rowCount() == len(tasks)
    assert view.verify_button.isHidden()  # a township verifies nobody's tasks
    header, viewport = view.view.horizontalHeader(), view.view.viewport().width()
    status = view.model.column_of("status")
    assert header.sectionViewportPosition(status) + header.sectionSize(status) <= viewport
    assert view.select_task(tasks[0]["id"])
    assert "整改措施" in view.done_button.toolTip()  # done needs a measure and evidence first
    shoot(window, "checklist")


def hand_a_package_to_the_county(qtbot, window, stick: Path, monkeypatch) -> Path:
    """上报/交换数据 without a hub: trust the county from the stick it handed over, write the package."""
    qtbot.mouseClick(window.report_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "exchange_dialog", None) is not None
                    and window.exchange_dialog.isVisible())
    step = window.exchange_dialog
    assert step.mode == step.TRUST and "栾城区" in step.go_button.text()
    answer_phone(monkeypatch, None)  # handed over in person
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    assert step.mode == step.EXPORT and step.target.currentText().startswith("栾城区")
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "安全拔出" in step.status.text(), timeout=20000)
    shoot(step, "package")
    step.close()
    [package] = packages.packages_in(stick)
    assert package.name.startswith("南高乡团委-")
    return package


def county_takes_it_up(county: Ledger, town: Ledger, package: Path) -> None:
    """The county's first package from 南高乡 waits for the check code, then every record arrives."""
    held = packages.receive(county, package)
    assert isinstance(held, packages.HeldPackage) and county.count("committee_member") == 0
    assert held.office().text() == "南高乡（张三）"  # the sender by unit and person, not by a device id
    packages.confirm_held(county, held.device_id, packages.public_identity(town)["fingerprint"])
    members = {m["name"]: m for m in county.query("committee_member")}
    assert set(members) == {"赵丽", "王强", "李娜"}  # the one typed in and the two imported
    member = members["赵丽"]
    assert (member["name"], member["birth_date"], member["org_id"]) == ("赵丽", "1996-08", COMMITTEE)
    assert county.get("organisation", COMMITTEE)["name"]
    assert office_of(county, town.device_id).unit_name() == "南高乡"


def make_the_months_pdf(qtbot, window, target: Path, monkeypatch) -> None:
    view = window.report_view
    window.tabs.setCurrentWidget(view)
    today = QDate.currentDate()
    with qtbot.waitSignal(view.sig_loaded, timeout=30000):
        view.month_edit.setDate(QDate(today.year(), today.month(), 1))
        view.refresh()
    report = view.report
    assert report.scope == TOWNSHIP and report.headline.members_current == 3
    assert report.headline.members_by_source["village_official"] == 3
    shoot(window, "report")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.sig_exported, timeout=30000):
        qtbot.mouseClick(view.pdf_button, Qt.LeftButton)
    assert target.read_bytes()[:5] == b"%PDF-"
    # the layout the PDF was made from: one township's bars would be one bar each, so no charts
    from ui import report_pdf

    assert "<img" not in report_pdf.report_document(report, 680, 950).toHtml()
    if shutil.which("pdftotext"):
        text = "".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                      check=True, timeout=60).stdout.split())
        for words in ("南高乡", "大学生村官", "填报人", "审核人", "联系电话", "盖章处"):
            assert words in text, words
    if SHOTS and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "2", str(target),
                        str(Path(SHOTS) / "first-day-pdf")], check=True, timeout=60)


# ----------------------------------------------------------------------------- the day
@POPUP
def test_a_township_secretarys_first_day(qtbot, day, tmp_path, monkeypatch):
    path = make_ledger_with_the_wizard(qtbot, day["home"])
    town = Ledger.open(path)
    try:
        assert (town.scope, town.operator) == (TOWNSHIP, "张三")
        assert town.get("organisation", COMMITTEE)["kind"] == "township_committee"
        window = open_window(qtbot, day, town)

        # the overview is the township's own: no county cards, no one-bar chart
        board = window.dashboard
        qtbot.waitUntil(lambda: board.report is not None and not board.loading, timeout=20000)
        assert board.shown_cards() == cards.cards_for(TOWNSHIP)
        assert "townships" not in board.shown_cards() and "coop" not in board.shown_cards()
        assert not board.units_view.isVisible()
        assert not board.source_view.isVisible() and not board.checklist_view.isVisible()  # nothing to chart yet
        shoot(window, "overview")

        add_member(qtbot, window, monkeypatch)
        import_the_roster(qtbot, window, roster_workbook(tmp_path / "南高乡团委委员名册.xlsx"), monkeypatch)
        generate_the_checklist(qtbot, window)

        # the county: its own ledger, never connected to a hub; its identity on the stick it hands over
        county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李四")
        try:
            county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
            packages.peer_identity_file(county, day["stick"])
            package = hand_a_package_to_the_county(qtbot, window, day["stick"], monkeypatch)
            county_takes_it_up(county, town, package)
        finally:
            county.close()

        window.tabs.setCurrentWidget(window.dashboard)
        qtbot.waitUntil(lambda: board.cards["members"].value_label.text() == "3", timeout=20000)
        assert "均为大学生村官" in board.cards["members"].detail_label.text()  # one source: a line, not a chart
        assert not board.source_view.isVisible()
        shoot(window, "overview-after")
        make_the_months_pdf(qtbot, window, tmp_path / "南高乡月报.pdf", monkeypatch)
    finally:
        workers.wait_all(30_000)
        for window in day["windows"]:
            window.sync_controller.shutdown()
        workers.wait_all(30_000)
        town.close()
