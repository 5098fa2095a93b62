"""The history of a record and the conflicts dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.records.enums import enumerations
from desktop.ledger import Ledger
from desktop.records import KINDS
from ui.history import ConflictsDialog, HistoryDialog

pytestmark = pytest.mark.gui

COUNTY = "130111"        # as in tests/conftest.py
TOWNSHIP = "130111200"
TASK = KINDS["checklist_task"]


def label(name: str) -> str:
    return TASK.field(name).label.text()


def status(key: str) -> str:
    return enumerations().label("task_status", key)


def rows(model) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_history_shows_each_change_old_to_new(qtbot, qtmodeltester, county_ledger, township_org):
    tasks = county_ledger.checklist_tasks
    task_id = tasks.create(org_id=township_org, system="organisation", title="健全乡镇团委班子")
    tasks.update(task_id, status="in_progress", problem="缺专职副书记")
    tasks.update(task_id, status="done", done_on="2024-03-15")

    dialog = HistoryDialog(county_ledger, "checklist_task", task_id)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert "健全乡镇团委班子" in dialog.title.text()
    table = rows(dialog.model)
    # columns: time, author, field, old, new; newest first
    status_rows = [(old, new) for _w, _a, field, old, new in table if field == label("status")]
    assert status_rows == [(status("in_progress"), status("done")),
                           (status("not_started"), status("in_progress")),
                           ("", status("not_started"))]
    assert table[0][2:] in {(label("status"), status("in_progress"), status("done")),
                            (label("done_on"), "", "2024-03-15")}
    assert ("", "缺专职副书记") in [(old, new) for _w, _a, field, old, new in table if field == label("problem")]
    # a reference shows the organisation's name, an enumeration its label
    assert (label("org_id"), "", "南高乡团委") in [r[2:] for r in table]
    assert (label("system"), "", enumerations().label("checklist_system", "organisation")) in [r[2:] for r in table]
    assert {r[1] for r in table} == {"测试员"}
    assert all(r[0] for r in table)
    # the creation comes last, its fields below a "Created" row, with no old values
    created = [r[2] for r in table].index(dialog.tr("Created"))
    assert created == len(table) - 5  # the row itself, then organisation, system, title and status
    assert all(r[3] == "" for r in table[created:])
    assert dialog.model.index(created, 2).data(Qt.FontRole).bold()


def test_history_names_deletes_and_restores(qtbot, county_ledger, township_org):
    task_id = county_ledger.checklist_tasks.create(org_id=township_org, system="staff", title="开展培训")
    county_ledger.checklist_tasks.delete(task_id)
    dialog = HistoryDialog(county_ledger, "checklist_task", task_id)
    qtbot.addWidget(dialog)
    assert rows(dialog.model)[0][2:] == (dialog.tr("Deleted"), "", "")
    assert dialog.tr("(deleted)") in dialog.title.text()
    county_ledger.checklist_tasks.restore(task_id)
    dialog.refresh()
    assert [r[2] for r in rows(dialog.model)[:2]] == [dialog.tr("Restored"), dialog.tr("Deleted")]


def test_history_of_an_unknown_record_says_so(qtbot, county_ledger):
    dialog = HistoryDialog(county_ledger, "checklist_task", "no-such-id")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.message.isHidden() and dialog.message.text()


@pytest.fixture
def replicas(tmp_path):
    """Two county ledgers from the same base, each with its own concurrent edit of a task."""
    a = Ledger.new(tmp_path / "a.sqlite", scope=COUNTY, operator="甲")
    b = Ledger.new(tmp_path / "b.sqlite", scope=COUNTY, operator="乙")
    a.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    org = a.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                 parent_id=f"org-county_committee-{COUNTY}")
    task_id = a.checklist_tasks.create(org_id=org, system="project", title="建设青年之家")
    b.apply_changes(a.changes_since(0)[0])
    yield a, b, task_id
    a.close()
    b.close()


def exchange(a: Ledger, b: Ledger) -> None:
    b.apply_changes(a.changes_since(0)[0])
    a.apply_changes(b.changes_since(0)[0])


def loser_of(a: Ledger, b: Ledger) -> Ledger:
    losers = [x for x in (a, b) if x.conflicts()]
    assert len(losers) == 1
    return losers[0]


def test_conflicts_dialog_takes_the_lost_value_back(qtbot, qtmodeltester, replicas):
    a, b, task_id = replicas
    a.checklist_tasks.update(task_id, responsible="张三")
    b.checklist_tasks.update(task_id, responsible="李四")
    exchange(a, b)
    loser = loser_of(a, b)
    mine = "张三" if loser is a else "李四"
    theirs = "李四" if loser is a else "张三"
    assert loser.get("checklist_task", task_id)["responsible"] == theirs

    dialog = ConflictsDialog(loser)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    winner = a if loser is b else b
    row = rows(dialog.model)[0]
    assert row[:5] == (TASK.label.text(), "建设青年之家", label("responsible"), mine, theirs)
    assert winner.operator in row[5]  # the person whose change won
    assert row[6]  # and when they made it
    assert "别处" not in "".join(row)
    assert dialog.stack.currentWidget() is dialog.view
    assert dialog.take_back_button.isEnabled()  # the first conflict is selected: one click

    with qtbot.waitSignal(dialog.sig_changed):
        qtbot.mouseClick(dialog.take_back_button, Qt.LeftButton)
    assert loser.get("checklist_task", task_id)["responsible"] == mine
    assert loser.conflicts() == []
    assert dialog.model.rowCount() == 0
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.notice.text() == dialog.tr("Taken back; waiting to sync.") and not dialog.notice.isHidden()
    assert not dialog.take_back_button.isEnabled() and not dialog.keep_button.isEnabled()


def test_conflicts_dialog_keeps_the_current_value(qtbot, replicas):
    a, b, task_id = replicas
    a.checklist_tasks.update(task_id, status="in_progress")
    b.checklist_tasks.update(task_id, status="done", done_on="2024-05-01")
    exchange(a, b)
    loser = loser_of(a, b)
    current = loser.get("checklist_task", task_id)["status"]
    dialog = ConflictsDialog(loser)
    qtbot.addWidget(dialog)
    table = rows(dialog.model)
    assert [r[2:5] for r in table] == [(label("status"), status(c.lost_value), status(c.won_value))
                                       for c in loser.conflicts()]
    with qtbot.waitSignal(dialog.sig_changed):
        qtbot.mouseClick(dialog.keep_button, Qt.LeftButton)
    assert loser.get("checklist_task", task_id)["status"] == current
    assert loser.conflicts() == []
    assert dialog.stack.currentWidget() is dialog.empty


def test_no_conflicts_shows_the_empty_state(qtbot, county_ledger):
    dialog = ConflictsDialog(county_ledger)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text()
