"""The monthly submission in the report view, in Chinese as the secretaries read it: the
township's 上报本月 button and its state, the county's 通过 / 退回 / 重开 of the township's month
(dialogs patched), and the locked month as the township sees it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ledger import Ledger
from ui import submission as submission_module
from ui import workers
from ui.submission import WARNING
from ui.report_view import ReportView

pytestmark = pytest.mark.gui

COUNTY, TOWNSHIP = "130111", "130111200"
ORG = f"org-township_committee-{TOWNSHIP}"
MONTH = "2025-06"


def travel(source: Ledger, target: Ledger) -> None:
    target.apply_changes(source.changes_since(0)[0])


@pytest.fixture(autouse=True)
def chinese():
    from ui import i18n as ui_i18n

    ui_i18n.install("zh_CN")
    yield
    workers.wait_all()
    ui_i18n.uninstall()


@pytest.fixture
def pair(tmp_path):
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    travel(county, town)
    town.meetings.create(org_id=ORG, kind="mobilisation", held_on="2025-06-10", title="动员会")
    yield county, town
    town.close()
    county.close()


def view_of(qtbot, ledger: Ledger, scope: str) -> ReportView:
    view = ReportView(ledger)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        view.month_edit.setDate(view.month_edit.date().fromString(MONTH, "yyyy-MM"))
        view.set_scope(scope)
    return view


def click(qtbot, view: ReportView, button) -> None:
    assert button.isEnabled()
    with qtbot.waitSignal(view.sig_loaded, timeout=20000):
        qtbot.mouseClick(button, Qt.LeftButton)


def state_of(view: ReportView, code: str) -> str:
    model = view.submission.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.UserRole) == code)
    return model.index(row, 1).data()


def test_submit_review_reopen_and_return_through_the_buttons(qtbot, pair, monkeypatch):
    county, town = pair
    # the township: its own month, not submitted yet
    town_view = view_of(qtbot, town, TOWNSHIP)
    panel = town_view.submission
    assert panel.isVisible() and not panel.review_box.isVisible()
    assert "未上报" in panel.own_label.text() and panel.submit_button.text() == "上报本月"
    click(qtbot, town_view, panel.submit_button)
    assert "已上报" in panel.own_label.text() and panel.submit_button.text() == "重新上报"
    travel(town, county)

    # the county: the townships below, 南高乡 submitted
    county_view = view_of(qtbot, county, COUNTY)
    cp = county_view.submission
    assert cp.review_box.isVisible() and cp.table.model().rowCount() == 7
    assert state_of(county_view, TOWNSHIP) == "已上报" and state_of(county_view, "130111201") == "未上报"
    model = cp.table.model()
    colours = {model.index(r, 0).data(Qt.UserRole): model.index(r, 1).data(Qt.ForegroundRole)
               for r in range(model.rowCount())}
    assert colours["130111201"] == WARNING and colours[TOWNSHIP] is None  # work to do stands out; done does not
    assert not cp.approve_button.isEnabled()  # nothing selected yet
    assert cp.select_unit(TOWNSHIP)
    assert cp.approve_button.isEnabled() and cp.return_button.isEnabled() and not cp.reopen_button.isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    click(qtbot, county_view, cp.approve_button)
    assert "南高乡" in asked[0] and "锁定" in asked[0]
    assert state_of(county_view, TOWNSHIP) == "已通过（已锁定）"
    assert cp.select_unit(TOWNSHIP) and cp.reopen_button.isEnabled() and not cp.approve_button.isEnabled()

    # the township sees its month locked: no submitting again
    travel(county, town)
    with qtbot.waitSignal(town_view.sig_loaded, timeout=20000):
        town_view.refresh()
    assert "已通过（已锁定）" in panel.own_label.text() and not panel.submit_button.isEnabled()

    # reopening asks why; cancelling writes nothing
    monkeypatch.setattr(submission_module, "ask_reason", lambda *a: None)
    seq = county.last_seq()
    qtbot.mouseClick(cp.reopen_button, Qt.LeftButton)
    assert county.last_seq() == seq
    monkeypatch.setattr(submission_module, "ask_reason", lambda *a: "补录述评会")
    click(qtbot, county_view, cp.reopen_button)
    assert state_of(county_view, TOWNSHIP) == "已重开：补录述评会"

    # a return with its reason reaches the township
    assert cp.select_unit(TOWNSHIP)
    monkeypatch.setattr(submission_module, "ask_reason", lambda *a: "缺少会议照片")
    click(qtbot, county_view, cp.return_button)
    assert state_of(county_view, TOWNSHIP) == "已退回：缺少会议照片"
    travel(county, town)
    with qtbot.waitSignal(town_view.sig_loaded, timeout=20000):
        town_view.refresh()
    assert "已退回：缺少会议照片" in panel.own_label.text() and panel.submit_button.isEnabled()
    QApplication.processEvents()


def test_a_step_the_ledger_refuses_is_shown_and_changes_nothing(qtbot, pair, monkeypatch):
    from desktop.reporting import submitting

    county, town = pair
    submitting.submit(town, MONTH)
    travel(town, county)
    view = view_of(qtbot, county, COUNTY)
    assert view.submission.select_unit(TOWNSHIP) and view.submission.return_button.isEnabled()
    submitting.review(county, TOWNSHIP, MONTH, approve=True)  # meanwhile, from the command line
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(submission_module, "ask_reason", lambda *a: "缺少会议照片")
    seq = county.last_seq()
    assert not view.submission.return_month()
    assert len(warned) == 1 and "锁定" in warned[0] and county.last_seq() == seq
    assert submitting.state_of(county, TOWNSHIP, MONTH).locked


def test_the_nation_reviews_a_province_and_sets_the_due_day_in_the_window(qtbot, tmp_path, monkeypatch):
    """The national ledger's report of all of China lists the provinces: 通过 locks a province's
    month, 重开 reopens it, 截止日… sets the provinces' due day."""
    from desktop.reporting import submitting

    nation = Ledger.new(tmp_path / "nation.sqlite", scope="", operator="王处长")
    province = Ledger.new(tmp_path / "province.sqlite", scope="13", operator="刘书记")
    try:
        submitting.submit(province, MONTH)
        travel(province, nation)
        view = view_of(qtbot, nation, "")
        panel = view.submission
        assert panel.review_box.isVisible() and not panel.own_label.isVisible()  # the nation submits to no one
        assert state_of(view, "13") == "已上报" and state_of(view, "11") == "未上报"
        assert panel.select_unit("13")
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
        click(qtbot, view, panel.approve_button)
        assert state_of(view, "13") == "已通过（已锁定）"
        travel(nation, province)
        assert submitting.state_of(province, "13", MONTH).locked
        assert panel.select_unit("13")
        monkeypatch.setattr(submission_module, "ask_reason", lambda *a: "补报")
        click(qtbot, view, panel.reopen_button)
        assert state_of(view, "13") == "已重开：补报"
        offered = []
        monkeypatch.setattr(submission_module, "ask_due_day", lambda *a: offered.append(a[3]) or 9)
        click(qtbot, view, panel.due_button)
        assert offered == [5]
        travel(nation, province)
        assert submitting.state_of(province, "13", MONTH).due_on == "2025-07-09"
        assert panel.due_button.text() == "截止日…"
    finally:
        workers.wait_all()
        province.close()
        nation.close()
