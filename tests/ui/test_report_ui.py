"""The monthly report view: the report computed in a worker and shown as tables and a chart,
month switching, and the Excel and PDF forms written through the buttons."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from conftest import PROJECT
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.reporting import report as R
from desktop.scope.geo import geography
from desktop.i18n import translate
from desktop.ledger import Ledger
from ui import workers
from ui.report_view import ReportTableModel, ReportView

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP, TOWNSHIP_2 = "130111", "130111200", "130111103"  # as in conftest's county_ledger
ORG, ORG_2 = f"org-township_committee-{TOWNSHIP}", f"org-township_committee-{TOWNSHIP_2}"
#: every rural township of 栾城区 in the division list: the 5 never entered are silent too
TOWNSHIPS = ["130111100", TOWNSHIP_2, "130111104", "130111105", TOWNSHIP, "130111201", "130111202"]


def at(ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon of *day* (see tests/test_report.py)."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


@pytest.fixture
def ledger(ledger_path):
    """南高乡 (entered in May, changed in June): 3 members in June, 2 in May, a mobilisation
    meeting in May; it reported 5 members for June.  冶河镇 (entered in May, silent in June):
    its secretary 王书记.  (The clock never goes back, so it is set before the first write.)"""
    led = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    at(led, "2025-05-10")
    led.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, name in ((TOWNSHIP, "南高乡团委"), (TOWNSHIP_2, "冶河镇团委")):
        led.organisations.create(kind="township_committee", name=name, division_code=code,
                                 parent_id=f"org-county_committee-{COUNTY}")
    for org, name, source, joined, post in ((ORG, "甲", "civil_servant", "2024-01-01", "secretary"),
                                            (ORG, "乙", "civil_servant", "2024-03-01", "member"),
                                            (ORG_2, "王书记", "other", "2023-01-01", "secretary")):
        led.committee_members.create(org_id=org, name=name, gender="female", post=post, employment="part_time",
                                     source=source, joined_on=joined, phone="13900000002" if org == ORG_2 else None)
    led.meetings.create(org_id=ORG, kind="mobilisation", held_on="2025-05-12", title="动员会")
    led.reported_figures.create(unit_code=TOWNSHIP, month="2025-06", metric="members_current", value=5)
    at(led, "2025-06-20")
    led.committee_members.create(org_id=ORG, name="丙", gender="male", post="member", employment="part_time",
                                 source="school_head", joined_on="2025-06-10")
    yield led
    led.close()


@pytest.fixture(autouse=True)
def _workers_done():
    yield
    workers.wait_all()


@pytest.fixture
def view(qtbot, ledger):
    v = ReportView(ledger)
    qtbot.addWidget(v)
    v.resize(1200, 760)
    return v


def loaded(qtbot, view: ReportView, month: str = "2025-06", scope: str = COUNTY) -> R.MonthlyReport:
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        view.month_edit.setDate(QDate(int(month[:4]), int(month[5:]), 1))
        view.set_scope(scope)
    return view.report


def cells(view: ReportView, key: str) -> list[list[str]]:
    model = view.panels[key].view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_shows_the_report(qtbot, view):
    report = loaded(qtbot, view)
    view.show()
    assert (report.scope, report.month) == (COUNTY, "2025-06")
    assert view.unit_label.text() == geography().full_name(COUNTY)
    assert view.tabs.count() == len(R.sections(report))
    overview = {row[0]: row[1:] for row in cells(view, "headline")}
    assert overview[translate("report", "Committee members now")][:3] == ["4", "3", "+1"]  # 甲 乙 丙 王书记
    members = report.comparison("members_current")
    assert (members.value, members.previous) == (4, 3)
    reminders = {row[0]: row for row in cells(view, "reminders")}
    assert list(reminders) == TOWNSHIPS
    assert reminders[TOWNSHIP_2][5:] == ["王书记", "13900000002"]          # 冶河镇: silent in June
    assert reminders[TOWNSHIP][3:5] == [translate("report", "no"), "1"]  # 南高乡: changed; one differing figure
    silent = {row[0]: row for row in cells(view, "silent")}                # the silent units, by name
    assert list(silent) == [c for c in TOWNSHIPS if c != TOWNSHIP]
    assert silent["130111201"][1:4] == ["柳林屯乡", "河北省石家庄市栾城区", translate("report", "no records in the ledger")]
    assert silent[TOWNSHIP_2][3:] == [translate("report", "no change this month"), "王书记", "13900000002"]
    meetings = {row[0]: row for row in cells(view, "meetings_by_unit")}
    assert len(meetings) == 7 and meetings["柳林屯乡"][1:] == ["0", "0", "0.0%", "0", "0.0%"]
    differences = cells(view, "differences")
    assert differences[0][4:7] == ["5", "3", "+2"]
    assert view.excel_button.isEnabled() and view.pdf_button.isEnabled()
    assert view.status_label.text() == ""


def test_a_wider_scope_then_a_county_shows_each_its_own_tables(qtbot, view, ledger):
    """The overdue tasks and the villages due are listed at a county's scope or below: going from
    a prefecture's report to a county's and back, each shows its own tables (no stale panel, no
    missing one)."""
    ledger.create("branch_term", dict(village_code="130111200201", elected_on="2020-06-01", term_end="2025-05-31",
                                      secretary="村书记"))

    def tables(section: str) -> list[str]:
        page = view._section_pages[section]
        return [p.key for p in page.widget().findChildren(type(view.panels["work_by_unit"]))]

    loaded(qtbot, view, scope="1301")
    assert tables("work") == ["work_by_unit"] and "branch_terms_due" not in view.panels
    assert "1 个村团组织任期已满未换届" in view.panels["work_by_unit"].note.text()
    loaded(qtbot, view, scope=COUNTY)
    assert tables("work") == ["work_by_unit", "branch_terms_due"]
    assert cells(view, "branch_terms_due")[0][:2] == ["130111200201", "南高村民委员会"]
    assert "overdue_tasks" in view.panels
    loaded(qtbot, view, scope="1301")
    assert tables("work") == ["work_by_unit"] and "branch_terms_due" not in view.panels
    assert "overdue_tasks" not in view.panels
    assert view.tabs.count() == len(R.sections(view.report))


def test_a_discrepancy_is_a_warning_not_good_news(qtbot, view):
    from ui.report_view import DISCREPANCY, UP

    loaded(qtbot, view)
    model = view.panels["differences"].view.model()
    difference = model.index(0, 6)
    assert difference.data() == "+2"  # 5 reported, 3 in the ledger
    assert difference.data(Qt.ForegroundRole) == DISCREPANCY != UP
    overview = view.panels["headline"].view.model()  # a rise month on month stays green
    assert overview.index(0, 3).data() == "+1" and overview.index(0, 3).data(Qt.ForegroundRole) == UP


def test_loads_the_ledgers_unit_when_first_shown(qtbot, view):
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        view.show()
    assert view.report.scope == COUNTY
    assert view.report.month == R.reporting_month()


def test_month_switching(qtbot, view):
    loaded(qtbot, view)
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        qtbot.mouseClick(view.prev_button, Qt.LeftButton)
        assert view.month() == "2025-05"
    may = view.report
    assert may.month == "2025-05" and may.previous_month == "2025-04"
    assert may.headline.members_current == 3 and may.differences == ()
    assert [u.code for u in may.updated] == [TOWNSHIP_2, TOWNSHIP]  # both entered in May
    assert [u.code for u in may.silent] == [c for c in TOWNSHIPS if c not in (TOWNSHIP, TOWNSHIP_2)]
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        qtbot.mouseClick(view.next_button, Qt.LeftButton)
    assert view.report.month == "2025-06"
    assert [u.code for u in view.report.silent] == [c for c in TOWNSHIPS if c != TOWNSHIP]


def test_chart_of_any_figure_per_unit(qtbot, view):
    report = loaded(qtbot, view)
    for figure in ("members_current", "mobilisation_share", "townships_updated"):
        view.set_figure(figure)
        chart = view.chart_view.chart()
        (series,) = chart.series()
        values = [series.barSets()[0].at(i) for i in range(series.barSets()[0].count())][::-1]
        expected = [(v or 0) * 100 if figure in R.SHARE_FIGURES else v for _c, _n, v in report.unit_values(figure)]
        assert values == pytest.approx(expected)
        assert translate("report", R.UNIT_FIGURES[figure]) in chart.title()


def test_a_township_sees_no_chart_of_its_one_bar(qtbot, view):
    loaded(qtbot, view)
    assert not view.chart_panel.isHidden()  # a county: a bar per township
    township = next(code for code, _n, _v in loaded(qtbot, view).unit_values("members_current"))
    report = loaded(qtbot, view, scope=township)
    assert len(report.unit_values(view.figure())) <= 1
    assert view.chart_panel.isHidden()


def test_a_bar_click_names_the_unit(qtbot, view):
    loaded(qtbot, view)
    (series,) = view.chart_view.chart().series()
    with qtbot.waitSignal(view.sig_unit_clicked) as signal:
        series.clicked.emit(0, series.barSets()[0])  # the bottom bar: the last unit in code order
    assert signal.args == [TOWNSHIPS[-1]]
    with qtbot.waitSignal(view.sig_unit_clicked) as signal:
        series.clicked.emit(2, series.barSets()[0])
    assert signal.args == [TOWNSHIP]
    view.set_scope(TOWNSHIP)
    qtbot.waitUntil(lambda: not view.loading and view.report.scope == TOWNSHIP, timeout=20000)
    (series,) = view.chart_view.chart().series()
    with qtbot.assertNotEmitted(view.sig_unit_clicked):
        series.clicked.emit(0, series.barSets()[0])  # the unit on screen names nothing new


def test_export_excel_through_the_button(qtbot, view, tmp_path, monkeypatch):
    report = loaded(qtbot, view)
    target = tmp_path / "月报"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.sig_exported, timeout=20000) as signal:
        qtbot.mouseClick(view.excel_button, Qt.LeftButton)
    path = tmp_path / "月报.xlsx"
    assert signal.args == [str(path)]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [s.title for s in R.sections(report)]
    with zipfile.ZipFile(path) as z:  # a chart part for each table with a chart
        assert sum(1 for name in z.namelist() if name.startswith("xl/charts/chart")) == sum(
            1 for s in R.sections(report) for t in s.tables if t.chart)
    assert view.excel_button.isEnabled()


def test_export_cancelled(qtbot, view, monkeypatch):
    loaded(qtbot, view)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    with qtbot.assertNotEmitted(view.sig_exported):
        qtbot.mouseClick(view.pdf_button, Qt.LeftButton)
        qtbot.mouseClick(view.excel_button, Qt.LeftButton)


def test_export_pdf_through_the_button(qtbot, view, tmp_path, monkeypatch):
    loaded(qtbot, view)
    target = tmp_path / "月报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.sig_exported, timeout=20000):
        qtbot.mouseClick(view.pdf_button, Qt.LeftButton)
    data = target.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 10000
    assert not list(tmp_path.glob("*.part"))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(target), str(tmp_path / "page")],
                       check=True, timeout=60)
        (png,) = tmp_path.glob("page*.png")
        image = QImage(str(png))
        assert not image.isNull()
        dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                   if image.pixelColor(x, y).lightness() < 160)
        assert dark > 500, "page 1 looks blank"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        assert "栾城区" in text and "南高乡" in text and "机关干部" in text   # Chinese, as text
        pages = text.count("\f")
        footer = translate("report", R.MSG_PAGE).format(page=pages, pages=pages)
        assert "".join(footer.split()) in "".join(text.split())  # pdftotext drops spaces between Chinese


def test_export_failure_is_shown(qtbot, view, tmp_path, monkeypatch):
    loaded(qtbot, view)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocker / "sub" / "r.xlsx"), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a))
    qtbot.mouseClick(view.excel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(warned) and not view.exporting, timeout=20000)
    assert view.excel_button.isEnabled()


def test_unknown_scope_fails_cleanly(qtbot, view):
    with qtbot.waitSignal(view.sig_failed, timeout=20000):
        view.set_scope("139999")
    assert view.status_label.text() != "" and not view.loading
    assert not view.excel_button.isEnabled()


def test_table_model(qtmodeltester, qtbot, view):
    report = loaded(qtbot, view)
    model = ReportTableModel()
    tables = {t.key: t for s in R.sections(report) for t in s.tables}
    for key in ("headline", "reminders", "differences", "meetings_by_unit"):
        model.set_table(tables[key])
        qtmodeltester.check(model)
    model.set_table(None)
    assert model.rowCount() == 0 and model.columnCount() == 0


def test_sorting_keeps_numbers_in_order(qtbot, view):
    loaded(qtbot, view)
    panel = view.panels["headline"]
    panel.view.sortByColumn(1, Qt.DescendingOrder)
    model = panel.view.model()
    values = [model.index(r, 1).data(Qt.UserRole) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)


def test_command_line_pdf_without_a_display(ledger, tmp_path):
    """``township-ledger report --pdf`` paints offscreen when there is no display."""
    pdf = tmp_path / "月报.pdf"
    code = "import sys; from desktop import cli; sys.exit(cli.main(sys.argv[1:]))"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", code, "--ledger", str(ledger.path), "report", "--month", "2025-06",
                             "--pdf", str(pdf)], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(pdf) in result.stdout
    assert pdf.read_bytes()[:5] == b"%PDF-"
