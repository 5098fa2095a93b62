"""The trends tab (趋势): the pivot of a figure per township and month computed in a worker,
the frozen month of a submission shaded, the line chart of the selected row, another figure
recomputed, and the Excel export through the button.  With ``TL_SCREENSHOTS=DIR`` the main
window is saved there on the trends tab and on the report's new sections
(``trends-*.png``, ``monthly-report-*.png``)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.ledger import Ledger
from desktop.reporting import trends as T
from desktop.reporting.submissions import submission_id
from ui import workers
from ui.trends_view import FROZEN, TrendsView

pytestmark = pytest.mark.gui

COUNTY, A, B = "130111", "130111200", "130111103"
ORG_COUNTY, ORG_A, ORG_B = (f"org-county_committee-{COUNTY}", f"org-township_committee-{A}",
                            f"org-township_committee-{B}")
SHOTS = os.environ.get("TL_SCREENSHOTS")


def at(ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon of *day* (see tests/test_report.py)."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


@pytest.fixture
def ledger(ledger_path):
    """南高乡: 2 members (one joined in June), its May submitted with 7; 冶河镇: 1 member from
    April, a WeChat group, publicity, funding and a rectified branch."""
    led = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    at(led, "2025-05-10")
    led.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, name in ((A, "南高乡团委"), (B, "冶河镇团委")):
        led.organisations.create(kind="township_committee", name=name, division_code=code, parent_id=ORG_COUNTY)
    member = dict(gender="female", post="member", employment="part_time", source="other")
    for org, name, joined in ((ORG_A, "甲", "2024-01-01"), (ORG_A, "乙", "2025-06-10"), (ORG_B, "丙", "2025-04-01")):
        led.committee_members.create(org_id=org, name=name, joined_on=joined, **member)
    led.wechat_groups.create(org_id=ORG_B, name="冶河青年", youth_reached=80, created_on="2025-02-01")
    led.funding_entries.create(org_id=ORG_A, year=2025, received=500_000, source="league_support",
                               received_on="2025-06-15")
    led.funding_entries.create(org_id=ORG_B, year=2025, received=2_000_000, source="local_budget",
                               received_on="2025-03-15")
    led.publicity_items.create(org_id=ORG_A, published_on="2025-06-02", channel="wechat_account",
                               title="动员会报道")
    led.organisations.update(ORG_A, demo_level="province")
    led.venues.create(org_id=ORG_A, name="南高乡青年之家", kind="youth_home", opened_on="2025-06-01")
    led.venues.create(org_id=ORG_B, name="冶河镇共享阵地", kind="shared_service", opened_on="2024-09-01")
    led.organisations.create(kind="coop_org", name="南高乡果蔬合作社团支部", parent_id=ORG_A, division_code=A,
                             founded_on="2025-06-08")
    branch = led.organisations.create(kind="direct_org", name="软弱涣散团支部", parent_id=ORG_B, division_code=B,
                                      status="rectifying", founded_on="2019-01-01")
    led.create("month_submission", {"unit_code": A, "month": "2025-05", "figures": json.dumps({"members_current": 7}),
                                    "submitted_at": "2025-06-03T09:00:00", "first_submitted_at": "2025-06-03T09:00:00"},
               record_id=submission_id(A, "2025-05"))
    at(led, "2025-06-20")
    led.update("organisation", branch, {"status": "active", "status_changed_on": "2025-06-20"})
    yield led
    led.close()


@pytest.fixture(autouse=True)
def _workers_done():
    yield
    workers.wait_all()


@pytest.fixture
def view(qtbot, ledger):
    v = TrendsView(ledger)
    qtbot.addWidget(v)
    v.resize(1100, 700)
    return v


def loaded(qtbot, view: TrendsView, month: str = "2025-07", scope: str = COUNTY) -> T.Trends:
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        view.month_edit.setDate(QDate(int(month[:4]), int(month[5:]), 1))
        view.set_scope(scope)
    return view.report


def row_of(view: TrendsView, name: str) -> int:
    model = view.model
    return next(r for r in range(model.rowCount()) if model.headerData(r, Qt.Vertical) == name)


def test_the_pivot_of_a_figure_per_township_and_month(qtbot, view):
    trends = loaded(qtbot, view)
    assert view.figure() == "members_current" and list(trends.trends) == ["members_current"]
    model = view.model
    assert model.columnCount() == 12 and model.headerData(11, Qt.Horizontal) == "2025-07"
    assert model.rowCount() == 7 + 1                                     # the 7 townships and their sum
    a = row_of(view, "南高乡")
    may, june, july = 9, 10, 11
    assert [model.index(a, c).data() for c in (may, june, july)] == ["7", "2", "2"]
    assert model.index(a, may).data(Qt.BackgroundRole) == FROZEN          # as submitted
    assert model.index(a, june).data(Qt.BackgroundRole) is None           # computed
    assert "2025-05" in model.index(a, may).data(Qt.ToolTipRole)
    total = model.rowCount() - 1
    assert model.headerData(total, Qt.Vertical) == model.tr("All units")
    assert [model.index(total, c).data(Qt.UserRole) for c in (may, june, july)] == [8, 3, 3]
    assert "1" in view.note.text()                                        # one frozen figure
    assert view.excel_button.isEnabled()


def test_the_chart_follows_the_selected_row(qtbot, view):
    loaded(qtbot, view)
    series = view.chart_view.chart().series()
    assert len(series) == 1 and [p.y() for p in series[0].points()][-3:] == [8, 3, 3]   # the sum first
    view.table.selectRow(row_of(view, "冶河镇"))
    series = view.chart_view.chart().series()
    assert [p.y() for p in series[0].points()][-4:] == [1, 1, 1, 1]
    assert "冶河镇" in view.chart_view.chart().title()


def test_another_figure_is_computed_when_chosen(qtbot, view):
    loaded(qtbot, view)
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        view.set_figure("wechat_reach")
    assert list(view.report.trends) == ["wechat_reach"]
    b = row_of(view, "冶河镇")
    assert view.model.index(b, 11).data() == "80" and view.model.index(b, 0).data() == "0"   # created in February


def test_export_excel_through_the_button(qtbot, view, tmp_path, monkeypatch):
    trends = loaded(qtbot, view)
    target = tmp_path / "趋势"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.sig_exported, timeout=20000) as signal:
        qtbot.mouseClick(view.excel_button, Qt.LeftButton)
    path = tmp_path / "趋势.xlsx"
    assert signal.args == [str(path)]
    sheet = openpyxl.load_workbook(path)[T.figure_label("members_current")]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}
    assert rows["南高乡"][-3:] == (7, 2, 2) and list(rows["南高乡"]) == list(trends.trend("members_current")
                                                                             .row(A).values)
    assert view.excel_button.isEnabled()


def test_a_township_is_its_own_row(qtbot, view):
    trends = loaded(qtbot, view, scope=A)
    assert [r.code for r in trends.trend("members_current").rows] == [A]
    assert view.model.rowCount() == 2 and view.table.currentIndex().row() == 0   # its own row charted


def test_the_main_window_has_the_trends_tab(qtbot, ledger, tmp_path):
    from ui import i18n as ui_i18n
    from ui import settings as S
    from ui.main_window import MainWindow

    ui_i18n.install("zh_CN")
    try:
        window = MainWindow(ledger, S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)))
        qtbot.addWidget(window)
        window.resize(1366, 740)
        window.show()
        tab = window.tabs.indexOf(window.trends_view)
        assert window.tabs.tabText(tab) == "趋势"
        window.trends_view.month_edit.setDate(QDate(2025, 7, 1))
        with qtbot.waitSignal(window.trends_view.sig_loaded, timeout=20000):
            window.tabs.setCurrentIndex(tab)
        assert window.current_topic() == "report"
        assert window.trends_view.model.rowCount() == 8
        shoot(window, "trends-county")
        window.trends_view.table.selectRow(row_of(window.trends_view, "南高乡"))
        shoot(window, "trends-township-line")
        _report_sections(qtbot, window)
        window.sync_controller.shutdown()
    finally:
        ui_i18n.uninstall()


def _report_sections(qtbot, window) -> None:
    """The report's new sections, in the window (screenshots only when asked)."""
    report = window.report_view
    report.month_edit.setDate(QDate(2025, 6, 1))
    with qtbot.waitSignal(report.sig_loaded, timeout=20000):
        window.tabs.setCurrentIndex(window.tabs.indexOf(report))
    for key in ("funding_sources", "publicity", "work_units", "rectification"):
        page = report._section_pages[key]
        report.tabs.setCurrentWidget(page)
        assert report.tabs.tabText(report.tabs.currentIndex())
        shoot(window, f"monthly-report-{key.replace('_', '-')}")
    rows = report.panels["rectified"].model.table.rows
    assert [r[2] for r in rows] == ["软弱涣散团支部"]


def shoot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))
