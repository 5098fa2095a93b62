"""The import dialog's questions about a roster as offices keep it: a value for a missing
column, the value an unknown word stands for, exit dates in the remarks; the whole reason of
a bad row; the blank template; incomplete records marked in the tables (dialogs patched, so
nothing blocks)."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from conftest import TOWNSHIP
from desktop.excel.words import META_KEY
from ui.excel_dialogs import ImportDialog
from ui.models import RecordTableModel

pytestmark = pytest.mark.gui

MEMBER = "committee_member"
#: No 任职方式 column; 村干部 no table knows; an exit in the remarks; a date in the future.
HEADER = ["序号", "姓名", "性别", "职务", "人员类别", "任职时间", "备注"]
ROWS = [[1, "张三", "男", "书记", "机关干部", "2020-05-01", None],
        [2, "李四", "女", "委员", "村干部", "2021-03-02", "2024年5月调离"],
        [3, "王五", "男", "委员", "村干部", "2021-03-02", None],
        [4, "赵六", "男", "委员", "其他", "2099-01-01", None],
        ["填表人：刘一  审核人：陈二"]]


def roster(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["南高乡团委委员名册"])
    ws.merge_cells("A1:G1")
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(autouse=True)
def no_blocking(monkeypatch):
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.Ok))


def planned(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=20000)


@pytest.fixture
def dialog(qtbot, county_ledger, tmp_path):
    d = ImportDialog(county_ledger, kind=MEMBER, unit=TOWNSHIP, path=str(roster(tmp_path / "名册.xlsx")))
    qtbot.addWidget(d)
    d.show()
    planned(qtbot, d)
    return d


def test_a_missing_column_gets_one_value_and_a_word_is_mapped(dialog, qtbot, county_ledger):
    plan = dialog.plan
    # the footer is no row; the two 村干部 rows are errors until answered
    assert plan.summary() == {"add": 1, "update": 0, "duplicate": 0, "error": 3}
    assert len(plan.incomplete) == 1  # 张三, without 任职方式
    assert dialog.answers.isVisible()
    assert set(dialog.answers.column_editors) == {"employment"}
    assert set(dialog.answers.word_editors) == {("source", "村干部")}
    assert "1" in dialog.summary.text() and "任职方式" in dialog.summary.text()

    # through the panel's widgets: a value for the whole column …
    combo = dialog.answers.column_editors["employment"]
    combo.setCurrentIndex(combo.findData("part_time"))
    planned(qtbot, dialog)
    assert dialog.options.column_values == {"employment": "part_time"} and not dialog.plan.incomplete
    assert dialog.answers.column_editors["employment"].currentData() == "part_time"  # still shown, changeable
    # … and through the dialog's methods: the word's value, by its label
    dialog.map_word("委员来源", "村干部", "其他")
    planned(qtbot, dialog)
    assert dialog.plan.summary()["add"] == 3 and dialog.plan.unknown_words() == []
    assert dialog.answers.word_editors[("source", "村干部")].currentData() == "other"  # still shown, changeable

    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None and not dialog.busy(), timeout=20000)
    members = {m["name"]: m for m in county_ledger.query(MEMBER)}
    assert members["李四"]["source"] == "other" and members["李四"]["employment"] == "part_time"
    assert members["李四"]["note"] == "2024年5月调离" and members["李四"]["exited_on"] is None
    assert "村干部" in county_ledger.meta(META_KEY)


def test_the_exit_in_the_remarks_is_taken_when_the_user_says_so(dialog, qtbot, county_ledger):
    dialog.map_word("source", "村干部", "other")
    planned(qtbot, dialog)
    box = dialog.answers.exits_box
    assert box is not None and not box.isChecked()
    assert "2024-05-01" in dialog.plan.rows[1].reason()
    box.setChecked(True)
    planned(qtbot, dialog)
    assert dialog.plan.rows[1].values["exited_on"] == "2024-05-01"


def test_a_value_that_cannot_be_used_is_refused_at_once(dialog):
    dialog.set_column_value("employment", "有时候")
    assert "有时候" in dialog.summary.text() and dialog.options.column_values == {}


def test_the_whole_reason_of_a_bad_row_is_shown(dialog):
    model, view = dialog.model, dialog.view
    assert view.wordWrap() and view.textElideMode() == Qt.ElideNone
    bad = next(r for r in range(model.rowCount()) if model.rows[r].raw.get("name") == "赵六")
    reason = model.rows[bad].reason()
    assert "2099-01-01" in reason
    view.selectRow(bad)
    assert reason in dialog.detail.text()
    assert reason in model.index(bad, 0).data(Qt.ToolTipRole)


def test_the_blank_template_is_saved_from_the_dialog(dialog, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.template_link.isVisible() and "Download the blank template" in dialog.template_link.text()
    job = dialog.save_blank_template()
    qtbot.waitUntil(lambda: job.result is not None, timeout=20000)
    head = [c.value for c in openpyxl.load_workbook(target).worksheets[0][1]]
    assert "*姓名" in head and "备注" in head


def test_incomplete_records_are_marked_in_the_table(qtbot, county_ledger):
    county_ledger.create(MEMBER, {"org_id": f"org-township_committee-{TOWNSHIP}", "name": "孙七", "gender": "男",
                                  "source": "other", "post": "member"}, incomplete_ok=True)
    model = RecordTableModel(county_ledger, MEMBER)
    model.reload(wait=True)
    columns = [f.name for f in model.columns]
    employment = model.index(0, columns.index("employment"))
    assert employment.data() == "To complete"  # 待补全 in Chinese
    assert "任职方式" in employment.data(Qt.ToolTipRole) and "任职日期" in employment.data(Qt.ToolTipRole)
    assert model.index(0, columns.index("name")).data() == "孙七"
    # a person's name is 姓名 in the table's header and in the history, as in the form and the workbook
    from desktop.records import KINDS
    from desktop.records.display import field_label
    assert model.headerData(columns.index("name"), Qt.Horizontal) == "姓名" == field_label(KINDS[MEMBER], "name")
    assert "To complete" in model.index(0, columns.index("name")).data(Qt.ToolTipRole)


def test_the_status_bar_counts_the_imported_changes(qtbot, county_ledger, tmp_path, monkeypatch):
    from ui import settings as S
    from ui.main_window import MainWindow

    path = roster(tmp_path / "名册.xlsx")
    window = MainWindow(county_ledger, S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)))
    qtbot.addWidget(window)
    before = window.pending_label.text()

    def run(dialog):
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(TOWNSHIP))
        dialog.set_path(str(path))
        planned(qtbot, dialog)
        dialog.map_word("source", "村干部", "other")
        planned(qtbot, dialog)
        dialog.import_rows()
        qtbot.waitUntil(lambda: dialog.result is not None and not dialog.busy(), timeout=20000)
        return 0

    monkeypatch.setattr(ImportDialog, "exec", run)
    window.import_excel()
    assert county_ledger.count(MEMBER) == 3
    assert window.pending_label.text() != before


def test_the_dashboard_counts_the_records_to_complete(qtbot, county_ledger):
    from ui import workers
    from ui.dashboard import DashboardView

    county_ledger.create(MEMBER, {"org_id": f"org-township_committee-{TOWNSHIP}", "name": "孙七", "gender": "男",
                                  "source": "other", "post": "member"}, incomplete_ok=True)
    view = DashboardView(county_ledger)
    qtbot.addWidget(view)
    view.show()
    detail = view.cards["members"].detail_label
    try:
        qtbot.waitUntil(lambda: not view.loading and "1 records to complete" in detail.text(), timeout=20000)
    finally:
        workers.wait_all()


def test_filling_an_incomplete_record_in_its_form_completes_it(qtbot, county_ledger):
    from desktop.records import KINDS
    from desktop.records.validation import is_incomplete
    from ui.forms import RecordForm

    record_id = county_ledger.create(MEMBER, {"org_id": f"org-township_committee-{TOWNSHIP}", "name": "孙七",
                                              "gender": "男", "source": "other", "post": "member"}, incomplete_ok=True)
    form = RecordForm(county_ledger, MEMBER, record_id)
    qtbot.addWidget(form)
    employment = form.fields["employment"]
    assert employment.editor.currentIndex() == -1 and employment.value() is None  # blank, not a first choice
    form.fields["phone"].set_value("13800138000")
    form.save()  # another field changed, the missing ones left: still incomplete, nothing invented
    record = county_ledger.get(MEMBER, record_id)
    assert record["phone"] == "13800138000" and record["employment"] is None

    form = RecordForm(county_ledger, MEMBER, record_id)
    qtbot.addWidget(form)
    form.fields["employment"].set_value("part_time")
    form.fields["joined_on"].set_value("2023-03-01")
    form.save()
    assert not is_incomplete(KINDS[MEMBER], county_ledger.get(MEMBER, record_id))
