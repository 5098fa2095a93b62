"""The window's start: tabs made when first shown, nothing loaded for a tab not shown, and
the pending count of a large ledger counted while the window is painted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.ledger import Ledger
from sync.pending import pending_count
from tests.conftest import TOWNSHIP, TOWNSHIP_2
from ui import pending_count as P
from ui import settings as S
from ui import sync_widgets, workers
from tests.ui.windows import close_windows

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
LAZY = ("dashboard", "report_view", "trends_view", "problems_view", "checklist")


@pytest.fixture
def open_window(qtbot, tmp_path, monkeypatch):
    """``open_window(ledger)``: the main window on *ledger*, shown; closed after the test."""
    from ui.main_window import MainWindow

    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    settings = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    windows = []

    def open_window(ledger: Ledger, show: bool = True) -> MainWindow:
        window = MainWindow(ledger, settings)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield open_window
    close_windows(*windows)


def test_a_tab_is_made_when_first_shown_in_its_place(qtbot, county_ledger, open_window):
    window = open_window(county_ledger)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:4] == ["Overview", "Monthly report", "Trends", "Problem list"]
    assert "Benchmarking checklist" in titles
    assert window.lazy.made("dashboard") is window.tabs.widget(0)  # the tab shown is made
    assert all(window.lazy.made(name) is None for name in LAZY[1:])

    window.tabs.setFocus()
    qtbot.keyClick(window.tabs, Qt.Key_Tab, Qt.ControlModifier)  # the keyboard reaches an unmade tab
    assert window.tabs.currentIndex() == 1
    report = window.lazy.made("report_view")
    assert report is not None and window.tabs.widget(1) is report and report.isVisible()
    assert window.report_view is report and window.current_topic() == "report"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles

    checklist = window.checklist  # asked for, not shown: made in its place, the tab shown stays
    index = titles.index("Benchmarking checklist")
    assert window.tabs.widget(index) is checklist and window.tabs.currentIndex() == 1
    window.tabs.setCurrentWidget(checklist)
    assert window.current_topic() == "checklist" and window._record_view() is checklist


def test_record_sections_are_made_with_their_tab(qtbot, county_ledger, open_window):
    from desktop.records import KINDS
    from ui.models import UnitTreeModel

    committee = county_ledger.query("organisation", where={"division_code": TOWNSHIP})[0]["id"]
    school = county_ledger.organisations.create(kind="direct_org", name="南高乡中学团委", division_code=TOWNSHIP,
                                                parent_id=committee)
    window = open_window(county_ledger)
    assert window.sections.made == {} and window.groups.made == {}  # the overview is shown: no section made
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    orgs_tab = titles.index(KINDS["organisation"].label.text())

    # an organisation chosen in the tree narrows a section made after it
    township = window.unit_model.index_of(TOWNSHIP)
    window.units.expand(township)
    org = window.unit_model.index(0, 0, township)
    org_id = org.data(UnitTreeModel.ORG_ROLE)
    assert org_id == school
    window.units.setCurrentIndex(org)
    orgs = window.sections["organisation"]  # asked for: made in its tab's place
    assert window.tabs.widget(orgs_tab) is orgs and window.tabs.currentIndex() == 0
    assert orgs.model.where == {"id": school}
    window.tabs.setCurrentWidget(orgs)
    qtbot.waitUntil(lambda: orgs.model.queried and not orgs.model.loading, timeout=10_000)
    assert orgs.model.total == 1 and orgs.model.rows[0]["name"] == "南高乡中学团委"

    # a grouped kind makes its whole group, in the group's place
    plan = window.show_section("work_plan_item")
    group = window.groups["work"]
    assert window.tabs.currentWidget() is group and group.current_section() is plan
    assert window.tabs.indexOf(group) == len(titles) - 1
    assert set(window.sections.made) == {"organisation", "work_plan_item", "case_brief", "contact_point",
                                         "unit_assessment", "branch_term"}
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    with pytest.raises(KeyError):
        window.sections["no_such_kind"]


def test_an_edit_in_a_tab_made_late_reaches_the_status_bar(qtbot, county_ledger, open_window):
    window = open_window(county_ledger)
    before = pending_count(county_ledger)
    assert f"Unsynced changes: {before}" in window.sync_status.text()
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2)
    window.problems_view.sig_changed.emit("organisation")  # a view made after the sync status
    assert f"Unsynced changes: {before + 1}" in window.sync_status.text()


def test_a_large_ledger_is_counted_while_the_window_is_painted(qtbot, county_ledger, open_window, monkeypatch):
    monkeypatch.setattr(P, "COUNT_AT_ONCE", 0)  # every ledger counts as large
    window = open_window(county_ledger, show=False)
    assert f"Unsynced changes: {P.UNKNOWN}" in window.sync_status.text()  # not waited for
    count = pending_count(county_ledger)
    qtbot.waitUntil(lambda: f"Unsynced changes: {count}" in window.sync_status.text())
    assert window.pending_label.text() == f"Unsynced changes: {count}"
    county_ledger.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2)
    window.pending.sig_counted.emit()  # later counts are made at once, on the window's ledger
    assert f"Unsynced changes: {count + 1}" in window.sync_status.text()


PROBE = r"""
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from desktop.ledger import Ledger
from ui import settings as S, sync_widgets, workers
from ui.main_window import MainWindow
sync_widgets.AUTO_SYNC = False
app = QApplication([])
settings = S.Settings(QSettings(sys.argv[2], QSettings.IniFormat))
settings.set(S.LAST_TAB, int(sys.argv[3]))
ledger = Ledger.open(sys.argv[1])
window = MainWindow(ledger, settings)
window.show()
app.processEvents()
loaded = sorted(sys.modules)
workers.wait_all()
window.close()
ledger.close()
print(json.dumps(loaded))
"""


def _loaded_at_start(tmp_path, path, tab: int) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               TOWNSHIP_LEDGER_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", PROBE, str(path), str(tmp_path / f"probe-{tab}.ini"), str(tab)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_start_loads_nothing_for_tabs_not_shown(tmp_path, county_ledger):
    """In a fresh program opening on a record section: no charts, report, Excel or HTTP code;
    opening on the overview: no record section and no data-package code."""
    path = county_ledger.path
    county_ledger.close()
    loaded = _loaded_at_start(tmp_path, path, 4)
    for module in ("PySide6.QtCharts", "requests", "openpyxl", "desktop.excel", "desktop.reporting.report_xlsx",
                   "ui.dashboard", "ui.report_view", "ui.trends_view", "ui.problems_view", "ui.excel_dialogs",
                   "ui.scan_dialog", "sync.client.session", "sync.packages.importing", "nacl"):
        assert module not in loaded, module
    assert "ui.sections" in loaded  # the section shown
    loaded = _loaded_at_start(tmp_path, path, 0)
    assert "ui.dashboard" in loaded and "ui.sections" not in loaded and "ui.section_group" not in loaded
    Ledger.open(path).close()  # left closed cleanly


def test_texts_of_unmade_tabs_follow_a_language_switch(qtbot, county_ledger, open_window):
    from ui import i18n as ui_i18n

    window = open_window(county_ledger)
    try:
        window.switch_language("zh_CN")
        assert window.tabs.tabText(1) == "月报" and window.lazy.made("report_view") is None
    finally:
        ui_i18n.uninstall()
