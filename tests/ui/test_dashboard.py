"""The dashboard: figures computed in a worker and shown; scope, month and figure switches."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from desktop.errors import LedgerError
from desktop.reporting import cards
from desktop.reporting.expected import expected
from desktop.reporting.months import current_month
from desktop.scope.geo import geography
from ui import workers
from ui.dashboard import DashboardView

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP, TOWNSHIP_2 = "130111", "130111200", "130111103"  # as in conftest's county_ledger

ORG = f"org-township_committee-{TOWNSHIP}"
ORG_2 = f"org-township_committee-{TOWNSHIP_2}"


@pytest.fixture
def ledger(county_ledger):
    """南高乡: 3 members in June 2025 (one joined in June), 2 in May; 冶河镇: 1 member.
    Only 南高乡 held a mobilisation meeting (in May) and has a WeChat group."""
    led = county_ledger
    led.organisations.create(kind="township_committee", name="冶河镇团委", division_code=TOWNSHIP_2,
                             parent_id=f"org-county_committee-{COUNTY}")
    for org, name, source, joined in ((ORG, "甲", "civil_servant", "2024-01-01"),
                                      (ORG, "乙", "civil_servant", "2024-03-01"),
                                      (ORG, "丙", "school_head", "2025-06-10"),
                                      (ORG_2, "丁", "other", "2023-01-01")):
        led.committee_members.create(org_id=org, name=name, gender="female", post="member",
                                     employment="part_time", source=source, joined_on=joined)
    led.meetings.create(org_id=ORG, kind="mobilisation", held_on="2025-05-12", title="动员会")
    led.wechat_groups.create(org_id=ORG, name="南高乡团青群", youth_reached=88, created_on="2024-01-01")
    return led


@pytest.fixture(autouse=True)
def _workers_done():
    yield
    workers.wait_all()


@pytest.fixture
def view(qtbot, ledger):
    v = DashboardView(ledger)
    qtbot.addWidget(v)
    v.resize(1100, 700)
    return v


def value(view: DashboardView, card: str) -> str:
    return view.cards[card].value_label.text()


def shown(view: DashboardView, card: str, text: str):
    return lambda: not view.loading and value(view, card) == text


def test_loads_the_ledgers_unit_when_shown(qtbot, view):
    view.set_month("2025-06")
    view.show()
    qtbot.waitUntil(shown(view, "members", "4"))
    assert view.unit_label.text() == geography().full_name(COUNTY)
    assert value(view, "townships") == "2"
    assert value(view, "mobilisation") == "1"
    assert "14.3" in view.cards["mobilisation"].detail_label.text()  # 1 of the 7 rural townships of 栾城区
    assert value(view, "wechat_reach") == "88"
    assert view.status_label.text() == ""


def test_loading_state(qtbot, view):
    view.set_month("2025-06")
    with qtbot.waitSignal(view.sig_loaded):
        view.set_scope(COUNTY)
        assert view.loading
        assert view.status_label.text() != ""
    assert not view.loading and view.status_label.text() == ""


def test_month_switch(qtbot, view):
    view.show()
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(shown(view, "members", "4"))
    view.prev_button.click()                    # May: 丙 had not joined yet
    assert view.month() == "2025-05"
    qtbot.waitUntil(shown(view, "members", "3"))
    view.set_month("2025-04")                   # April: no mobilisation meeting yet
    qtbot.waitUntil(shown(view, "mobilisation", "0"))
    view.next_button.click()
    qtbot.waitUntil(shown(view, "mobilisation", "1"))
    assert view.headline.month == "2025-05"


def test_next_month_stops_at_this_month(qtbot, view):
    view.set_month(current_month())
    assert not view.next_button.isEnabled()
    view.prev_button.click()
    assert view.next_button.isEnabled()


def test_scope_switch(qtbot, view):
    view.show()
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(shown(view, "members", "4"))
    view.set_scope(TOWNSHIP_2)
    qtbot.waitUntil(shown(view, "members", "1"))
    assert view.unit_label.text() == geography().full_name(TOWNSHIP_2)
    assert value(view, "townships") == "1"
    assert value(view, "wechat_reach") == "0"
    view.set_scope("")
    qtbot.waitUntil(shown(view, "members", "4"))
    assert view.unit_label.text() == view.tr("All of China")
    assert [code for code, _name, _v in view.units] == list(expected("", 1))   # every province, the silent ones too
    assert [code for code, _name, v in view.units if v] == ["13"]


def test_figure_switch_updates_the_unit_chart(qtbot, view):
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(lambda: not view.loading and view.headline is not None)
    # every rural township of 栾城区 (7), those never entered with 0
    assert [code for code, _n, _v in view.units] == list(expected(COUNTY, 4))
    entered = [(c, n, v) for c, n, v in view.units if c in (TOWNSHIP, TOWNSHIP_2)]
    assert entered == [(TOWNSHIP_2, "冶河镇", 1), (TOWNSHIP, "南高乡", 3)]
    assert sum(v for _c, _n, v in view.units) == 4
    view.set_figure("wechat_reach")          # every figure came with the report: drawn at once
    assert view.figure() == "wechat_reach"
    assert [(c, v) for c, _n, v in view.units if v] == [(TOWNSHIP, 88)]
    view.figure_combo.setCurrentIndex(view.figure_combo.findData("mobilisation_meeting"))
    assert [v for _c, _n, v in view.units] == [0, 0, 0, 0, 1, 0, 0]
    chart = view.units_view.chart()
    bars = chart.series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]  # drawn bottom-up
    assert "动员会" in chart.title() or "mobilisation" in chart.title()
    view.set_month("2025-04")                # the chosen figure stays, for the new month
    qtbot.waitUntil(lambda: not view.loading and view.headline.month == "2025-04")
    assert view.figure() == "mobilisation_meeting" and [v for _c, _n, v in view.units] == [0] * 7


def test_charts_show_the_figures(qtbot, view):
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(lambda: not view.loading and view.headline is not None)
    bars = view.source_view.chart().series()[0].barSets()[0]
    values = [bars.at(i) for i in range(bars.count())][::-1]  # drawn bottom-up
    assert values == [2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]  # 机关干部 2, 学校负责人 1, 其他 1
    axis = view.source_view.chart().axes()[0]
    assert axis.categories()[-1] == "机关干部"
    stacked = view.checklist_view.chart().series()[0]
    assert len(stacked.barSets()) == 3


def test_the_charts_are_made_when_there_is_something_to_draw(qtbot, view):
    """The view is made without its chart views (QtCharts costs the window's start); the first
    answer makes them, the checklist's with its legend."""
    assert not view.source_view.made and not view.checklist_view.made and not view.units_view.made
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(lambda: not view.loading and view.headline is not None)
    assert view.source_view.made and view.checklist_view.made and view.units_view.made
    assert view.checklist_view.chart().legend().isVisible() and not view.source_view.chart().legend().isVisible()
    assert view.source_view.view().parent() is view.source_view  # the chart fills its place


def test_stale_answers_are_ignored(qtbot, view):
    view.set_month("2025-06")
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(TOWNSHIP)
        view.set_scope(TOWNSHIP_2)
        view.set_scope(COUNTY)
    workers.wait_all()
    qtbot.wait(50)  # let any late answer arrive (it must be ignored)
    assert view.headline.scope == COUNTY
    assert value(view, "members") == "4"


def test_failure_is_shown(qtbot, view, monkeypatch):
    from desktop.reporting import figures

    def broken(*_a, **_k):
        raise LedgerError("The ledger reported an error.")

    monkeypatch.setattr(figures, "report", broken)
    with qtbot.waitSignal(view.sig_failed):
        view.set_scope(COUNTY)
    assert not view.loading
    assert view.status_label.text()


def test_unit_bar_click_names_the_unit(qtbot, view):
    view.set_month("2025-06")
    view.set_scope(COUNTY)
    qtbot.waitUntil(lambda: not view.loading and view.headline is not None)
    series = view.units_view.chart().series()[0]
    with qtbot.waitSignal(view.sig_unit_clicked) as blocker:
        series.clicked.emit(0, series.barSets()[0])  # the bottom bar: the last unit in code order
    assert blocker.args == [expected(COUNTY, 4)[-1]]   # 西营乡, never entered, is a unit of its own
    with qtbot.waitSignal(view.sig_unit_clicked) as blocker:
        series.clicked.emit(2, series.barSets()[0])  # third from the bottom: 南高乡
    assert blocker.args == [TOWNSHIP]


def test_a_newer_request_interrupts_the_running_query(qtbot, view, monkeypatch):
    """Switching units while the figures of the last one are still being computed stops that
    query (its connection is interrupted) and shows the new unit's figures, without a failure."""
    from desktop.reporting import figures

    started, interrupted = threading.Event(), []
    real = figures.report

    def slow_report(reader, scope, month=None):
        if scope == TOWNSHIP_2:
            started.set()
            try:
                # long statements, about a minute in all unless interrupted: the moment between two
                # of them, when an interrupt has nothing to stop, is too short to be hit by chance
                for _ in range(30):
                    reader.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                        "WHERE x < 3000000) SELECT count(*) FROM c").fetchone()
            except sqlite3.OperationalError as exc:
                interrupted.append(exc)
                raise
        return real(reader, scope, month)

    monkeypatch.setattr(figures, "report", slow_report)
    view.set_month("2025-06")
    view.set_scope(TOWNSHIP_2)
    assert started.wait(10)
    with qtbot.assertNotEmitted(view.sig_failed), qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(COUNTY)
    qtbot.waitUntil(lambda: bool(interrupted), timeout=10000)
    assert view.headline.scope == COUNTY and value(view, "members") == "4"


def test_a_township_sees_its_own_cards_and_no_one_bar_chart(qtbot, view):
    view.set_month("2025-06")
    view.show()
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(TOWNSHIP)
    # no count of township committees, no county co-operative committee, no "of 1 township"
    assert "townships" not in view.shown_cards() and "coop" not in view.shown_cards()
    assert value(view, "mobilisation") == "Yes" and view.cards["mobilisation"].detail_label.text() == ""
    assert value(view, "review") == "Not yet" and value(view, "funding") == "Not yet"
    assert view.cards["checklist"].detail_label.text() == "No checklist tasks yet"
    assert "–" not in view.cards["checklist"].detail_label.text()
    assert not view.units_view.isVisible() and not view.figure_combo.isVisible()
    # back at the county: every card and the chart per township
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.set_scope(COUNTY)
    assert view.shown_cards() == list(cards.cards_for(COUNTY)) and "coop" in view.shown_cards()
    assert "14.3" in view.cards["mobilisation"].detail_label.text()
    assert view.units_view.isVisible() and view.figure_combo.isVisible()
