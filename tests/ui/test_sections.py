"""Every record kind through the widgets: add, edit, invalid input, delete and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from conftest import COUNTY, TOWNSHIP
from desktop.records.enums import enumerations
from ui import settings as S
from ui.forms import DateField, RecordForm
from ui.sections import RecordSection

ORG = f"org-township_committee-{TOWNSHIP}"

# What a user types or picks for each kind: (field, value).  Combos take the visible label.
GOOD = {
    "organisation": [("kind", "直属团组织"), ("name", "南高乡青年创业园团支部"), ("parent_id", "南高乡团委"),
                     ("division_code", f"南高乡（{TOWNSHIP}）"), ("founded_on", "2023-04-01")],
    "committee_member": [("org_id", "南高乡团委"), ("name", "赵丽"), ("gender", "女"), ("post", "副书记"),
                         ("employment", "兼职"), ("source", "大学生村官"), ("joined_on", "2022-09-01"),
                         ("birth_date", "1996-07-08"), ("phone", "13912345678")],
    "funding_entry": [("org_id", "南高乡团委"), ("year", 2026), ("received", "20000"), ("source", "地方财政")],
    "meeting": [("org_id", "南高乡团委"), ("kind", "动员会"), ("held_on", "2026-03-05"), ("title", "对标整改动员会"),
                ("attendance", "23")],
    "wechat_group": [("org_id", "南高乡团委"), ("name", "南高青年之声"), ("members", "180"),
                     ("league_members", "60"), ("youth_reached", "180")],
    "venue": [("org_id", "南高乡团委"), ("name", "南高乡青年之家"), ("kind", "青年之家")],
    "publicity_item": [("org_id", "南高乡团委"), ("published_on", "2026-05-04"), ("channel", "微信公众号"),
                       ("title", "南高乡召开团委会")],
    "reported_figure": [("unit_code", f"南高乡（{TOWNSHIP}）"), ("month", "2026-10"), ("metric", "现有委员数"),
                        ("value", "11")],
    "work_plan_item": [("org_id", "南高乡团委"), ("month", "2026-03"), ("item", "召开班子会"), ("responsible", "张三"),
                       ("status", "已完成"), ("done_on", "2026-03-10")],
    "case_brief": [("org_id", "南高乡团委"), ("kind", "工作案例"), ("title", "南高乡建青年之家"), ("dated_on", "2026-04-01"),
                   ("library", "县级优秀案例")],
    "contact_point": [("unit_code", f"南高乡（{TOWNSHIP}）"), ("leader", "李四"), ("office", "石家庄团市委农村部"),
                      ("linked_on", "2026-03-01")],
    "unit_assessment": [("org_id", "南高乡团委"), ("year", 2025), ("grade", "优秀"), ("award", "五四红旗团委")],
    "branch_term": [("village_code", "南高乡南高村民委员会（130111200201）"), ("elected_on", "2021-12-01"),
                    ("term_end", "2026-11-30"), ("secretary", "王五"), ("members", "5")],
}
# An edit per kind (field, new value typed, stored value expected).
EDIT = {
    "organisation": ("name", "南高乡创业园团支部", "南高乡创业园团支部"),
    "committee_member": ("phone", "13800001111", "13800001111"),
    "funding_entry": ("received", "25000.50", 2500050),
    "meeting": ("attendance", "30", 30),
    "wechat_group": ("youth_reached", "200", 200),
    "venue": ("address", "南高乡政府院内", "南高乡政府院内"),
    "publicity_item": ("title", "南高乡团委会召开", "南高乡团委会召开"),
    "reported_figure": ("value", "12", 12),
    "work_plan_item": ("responsible", "李四", "李四"),
    "case_brief": ("issue_no", "第3期", "第3期"),
    "contact_point": ("phone", "13912345678", "13912345678"),
    "unit_assessment": ("assessed_by", "栾城区团委", "栾城区团委"),
    "branch_term": ("members", "7", 7),
}
# Invalid input per kind (field, bad value typed, words the error must contain).
BAD = {
    "organisation": ("name", "", "必填"),
    "committee_member": ("phone", "12345", "12345"),
    "funding_entry": ("received", "1.234", "1.234"),
    "meeting": ("title", "", "必填"),
    "wechat_group": ("league_members", "999", "999"),
    "venue": ("name", "", "必填"),
    "publicity_item": ("title", "", "必填"),
    "reported_figure": ("value", "", "必填"),
    "work_plan_item": ("month", "2026-13", "2026-13"),
    "case_brief": ("title", "", "必填"),
    "contact_point": ("ended_on", "2020-01-01", "早于"),
    "unit_assessment": ("assessed_on", "2024-01-01", "早于"),
    "branch_term": ("term_end", "2040-01-01", "5"),
}


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user; Chinese characters arrive as key events carrying text (QTest's own
    key clicks handle ASCII only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


def fill(qtbot, form: RecordForm, values) -> None:
    for name, value in values:
        editor = form.fields[name].editor
        if isinstance(editor, QComboBox):
            i = editor.findText(value)
            assert i >= 0, f"{name}: no choice {value!r}"
            editor.setCurrentIndex(i)
        elif isinstance(editor, DateField):
            editor.set_value(value)
        elif isinstance(editor, (QLineEdit, QPlainTextEdit)):
            editor.clear() if isinstance(editor, QLineEdit) else editor.setPlainText("")
            if value:
                type_text(qtbot, editor, str(value))
        else:
            editor.setValue(value)


@pytest.fixture
def make_section(qtbot, county_ledger, tmp_path):
    from PySide6.QtCore import QSettings

    def make(kind: str) -> RecordSection:
        settings = S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
        section = RecordSection(county_ledger, kind, QUndoStack(), settings)
        qtbot.addWidget(section)
        section.model.scope = TOWNSHIP
        section.model.reload(wait=True)
        return section
    return make


@pytest.fixture
def drive_form(monkeypatch, qtbot):
    """Replace the modal exec() of forms by a driver that works the real widgets."""
    script = {}

    def fake_exec(form: RecordForm) -> int:
        form.show()
        script["driver"](form)
        return form.result()

    monkeypatch.setattr(RecordForm, "exec", fake_exec)
    return script


def press_save(qtbot, form: RecordForm) -> None:
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


@pytest.mark.parametrize("kind", list(GOOD))
def test_add_edit_delete_undo_through_the_widgets(kind, make_section, drive_form, qtbot, county_ledger, monkeypatch):
    section = make_section(kind)
    before, stored_before = section.model.total, county_ledger.count(kind)

    # add
    drive_form["driver"] = lambda form: (fill(qtbot, form, GOOD[kind]), press_save(qtbot, form))
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: section.model.total == before + 1 and not section.model.loading)
    assert county_ledger.count(kind) == stored_before + 1
    new_id = section.undo_stack.command(0).record_id
    record = county_ledger.get(kind, new_id)
    name, typed = GOOD[kind][1]
    assert record[name] is not None

    # edit: select the row, press Enter, change one field
    assert section.select_record(new_id)
    field, typed, stored = EDIT[kind]
    drive_form["driver"] = lambda form: (fill(qtbot, form, [(field, typed)]), press_save(qtbot, form))
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key_Return)
    assert county_ledger.get(kind, new_id)[field] == stored

    # undo the edit, then redo it
    old_value = record[field]
    section.undo_stack.undo()
    assert county_ledger.get(kind, new_id)[field] == old_value
    section.undo_stack.redo()
    assert county_ledger.get(kind, new_id)[field] == stored

    # delete with the Delete key (the question answered Yes), then undo
    qtbot.waitUntil(lambda: not section.model.loading)
    assert section.select_record(new_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key_Delete)
    assert county_ledger.get(kind, new_id) is None
    assert county_ledger.get(kind, new_id, include_deleted=True)["deleted"] == 1
    section.undo_stack.undo()
    assert county_ledger.get(kind, new_id) is not None


@pytest.mark.parametrize("kind", list(BAD))
def test_invalid_input_shows_the_error_and_stores_nothing(kind, make_section, drive_form, qtbot, county_ledger,
                                                          monkeypatch):
    section = make_section(kind)
    seq = county_ledger.last_seq()
    field, bad, words = BAD[kind]
    seen = {}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)  # Esc on a filled form asks

    def driver(form):
        values = [(n, bad if n == field else v) for n, v in GOOD[kind]]
        if field not in dict(GOOD[kind]):
            values.append((field, bad))
        fill(qtbot, form, values)
        press_save(qtbot, form)
        error = form.fields[field].error
        seen["visible"] = error.isVisible()
        seen["text"] = error.text()
        qtbot.keyClick(form, Qt.Key_Escape)

    drive_form["driver"] = driver
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert seen["visible"] and words in seen["text"]
    assert county_ledger.last_seq() == seq


def test_delete_asks_first_and_no_keeps_the_record(make_section, county_ledger, monkeypatch, qtbot):
    section = make_section("organisation")
    assert section.select_record(ORG)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    section.delete_selected()
    assert county_ledger.get("organisation", ORG) is not None


def test_filter_box_filters_through_the_ledger(make_section, county_ledger, qtbot):
    county_ledger.committee_members.create_many([
        {"org_id": ORG, "name": n, "gender": "male", "post": "member", "employment": "part_time",
         "source": "other", "joined_on": "2020-01-01"} for n in ("王一", "王二", "李三")])
    section = make_section("committee_member")
    assert section.model.total == 3
    type_text(qtbot, section.filter, "王")
    qtbot.waitUntil(lambda: section.model.total == 2 and not section.model.loading)
    assert "2" in section.count_label.text()


def test_models_pass_the_model_tester(make_section, county_ledger, qtmodeltester):
    county_ledger.committee_members.create_many([
        {"org_id": ORG, "name": f"委员{i}", "gender": "male", "post": "member", "employment": "part_time",
         "source": "other", "joined_on": "2020-01-01"} for i in range(1200)])
    section = make_section("committee_member")
    assert section.model.rowCount() == 500 and section.model.canFetchMore()
    qtmodeltester.check(section.model)
    from ui.models import UnitTreeModel

    qtmodeltester.check(UnitTreeModel("130111"))


def test_enum_labels_shown_in_the_table(make_section, county_ledger):
    section = make_section("organisation")
    col = [f.name for f in section.model.columns].index("kind")
    labels = {section.model.index(r, col).data() for r in range(section.model.rowCount())}
    assert enumerations().label("org_kind", "township_committee") in labels


def test_unit_tree_lists_townships_and_their_organisations(county_ledger, qtmodeltester):
    from ui.models import UnitTreeModel

    direct = county_ledger.organisations.create(kind="direct_org", name="南高乡中学团委", division_code=TOWNSHIP,
                                                parent_id=ORG)
    model = UnitTreeModel("130111", None, county_ledger)
    qtmodeltester.check(model)
    township = model.index_of(TOWNSHIP)
    assert township.data() == "南高乡"
    names = [model.index(r, 0, township).data() for r in range(model.rowCount(township))]
    assert names == ["南高乡中学团委"]
    org_index = model.index(0, 0, township)
    assert org_index.data(UnitTreeModel.ORG_ROLE) == direct and not model.hasChildren(org_index)


def test_enter_saves_a_form_and_escape_cancels_it(county_ledger, qtbot, monkeypatch):
    form = RecordForm(county_ledger, "venue", defaults={"org_id": ORG})
    qtbot.addWidget(form)
    form.show()
    fill(qtbot, form, [("name", "南高乡青年之家"), ("kind", "青年之家")])
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields["name"].editor, Qt.Key_Return)
    assert county_ledger.get("venue", form.record_id)["name"] == "南高乡青年之家"
    seq = county_ledger.last_seq()
    other = RecordForm(county_ledger, "venue", defaults={"org_id": ORG})
    qtbot.addWidget(other)
    other.show()
    fill(qtbot, other, [("name", "另一个")])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Discard)
    qtbot.keyClick(other, Qt.Key_Escape)  # something was typed: it asks first ("Discard")
    assert asked and not other.isVisible() and county_ledger.last_seq() == seq


def test_unit_tree_takes_up_new_organisations(county_ledger, qtmodeltester):
    from ui.models import UnitTreeModel

    model = UnitTreeModel("130111", None, county_ledger)
    township = model.index_of(TOWNSHIP)
    assert model.rowCount(township) == 0
    county_ledger.organisations.create(kind="direct_org", name="南高乡青年合作社团支部", division_code=TOWNSHIP,
                                       parent_id=ORG)
    model.reload_organisations()
    township = model.index_of(TOWNSHIP)
    assert [model.index(r, 0, township).data() for r in range(model.rowCount(township))] == ["南高乡青年合作社团支部"]
    qtmodeltester.check(model)


def test_switching_the_language_retranslates_a_section(make_section, qtbot):
    from desktop.records import KINDS
    from ui import i18n as ui_i18n

    from PySide6.QtCore import QLocale

    locale = QLocale()
    section = make_section("committee_member")
    try:
        ui_i18n.install("zh_CN")
        qtbot.waitUntil(lambda: section.add_button.text() == "新建")
        assert "共" in section.count_label.text()
        assert section.model.headerData(1, Qt.Horizontal) == KINDS["committee_member"].field("name").label.text("zh_CN")
        ui_i18n.install("en")
        qtbot.waitUntil(lambda: section.add_button.text() == "New")
        assert "record" in section.count_label.text()
        assert section.model.headerData(1, Qt.Horizontal) == "Full name"  # a person's name (姓名)
    finally:  # leave Qt as the other tests expect it: no translator installed
        from desktop import i18n

        ui_i18n.uninstall()
        i18n.set_language("zh_CN")
        QLocale.setDefault(locale)


@pytest.mark.parametrize(("kind", "scope", "field", "expected"), [
    ("committee_member", TOWNSHIP, "org_id", ORG),
    ("committee_member", COUNTY, "org_id", f"org-county_committee-{COUNTY}"),
    ("meeting", TOWNSHIP, "org_id", ORG),
    ("reported_figure", TOWNSHIP, "unit_code", TOWNSHIP),
    ("organisation", TOWNSHIP, "division_code", TOWNSHIP),
])
def test_a_new_record_starts_under_the_chosen_unit(kind, scope, field, expected, make_section, drive_form, qtbot):
    section = make_section(kind)
    with qtbot.waitSignal(section.model.sig_loaded):
        section.set_scope(scope)
    seen = {}

    def driver(form):
        seen.update({name: w.value() for name, w in form.fields.items()})
        qtbot.keyClick(form, Qt.Key_Escape)

    drive_form["driver"] = driver
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert seen[field] == expected


def test_a_member_of_a_county_coop_committee_is_not_offered(make_section, drive_form, qtbot, county_ledger):
    coop = county_ledger.organisations.create(kind="county_coop_committee", name="栾城区团工委", division_code=COUNTY,
                                              parent_id=f"org-county_committee-{COUNTY}")
    section = make_section("committee_member")
    offered = []

    def driver(form):
        box = form.fields["org_id"].editor
        offered.extend(box.itemData(i) for i in range(box.count()))
        qtbot.keyClick(form, Qt.Key_Escape)

    drive_form["driver"] = driver
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert ORG in offered and coop not in offered


def _three_members(county_ledger) -> list[str]:
    return county_ledger.committee_members.create_many([
        {"org_id": ORG, "name": n, "gender": "male", "post": "member", "employment": "part_time",
         "source": "other", "joined_on": "2020-01-01"} for n in ("王一", "王二", "李三")])


def test_deleting_several_records_is_one_undo_step(make_section, county_ledger, monkeypatch, qtbot):
    ids = _three_members(county_ledger)
    section = make_section("committee_member")
    section.view.selectAll()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key_Delete)
    assert county_ledger.count("committee_member") == 0
    qtbot.waitUntil(lambda: section.model.total == 0 and not section.model.loading)
    assert section.undo_stack.count() == 1
    section.undo_stack.undo()
    assert sorted(r["id"] for r in county_ledger.query("committee_member")) == sorted(ids)
    qtbot.waitUntil(lambda: section.model.total == 3 and not section.model.loading)


def test_a_refused_delete_deletes_none(make_section, county_ledger, monkeypatch, qtbot):
    from desktop.errors import LedgerError

    ids = _three_members(county_ledger)
    section = make_section("committee_member")
    section.view.selectAll()
    delete = county_ledger.delete

    def refuse_the_last(kind, record_id):
        if record_id == ids[-1]:
            raise LedgerError("refused")
        return delete(kind, record_id)

    monkeypatch.setattr(county_ledger, "delete", refuse_the_last)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]) or QMessageBox.Ok)
    qtbot.mouseClick(section.delete_button, Qt.LeftButton)
    assert warnings == ["refused"]
    assert county_ledger.count("committee_member") == 3
    assert section.undo_stack.count() == 0


def test_a_changed_form_asks_before_it_is_thrown_away(make_section, drive_form, qtbot, monkeypatch):
    section = make_section("committee_member")
    answers, seen = [QMessageBox.Cancel, QMessageBox.Discard], {}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))

    def driver(form):
        qtbot.keyClick(form, Qt.Key_Escape)          # nothing typed yet: closes without asking
        seen["closed_unchanged"] = not form.isVisible()
        form.show()
        type_text(qtbot, form.fields["name"].editor, "王芳")
        qtbot.keyClick(form, Qt.Key_Escape)          # "Cancel": the form stays with what was typed
        seen["kept"] = form.isVisible() and form.fields["name"].value() == "王芳"
        qtbot.keyClick(form, Qt.Key_Escape)          # "Discard": now it goes
        seen["closed"] = not form.isVisible()

    drive_form["driver"] = driver
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert seen == {"closed_unchanged": True, "kept": True, "closed": True} and answers == []


def test_dates_are_typed_as_people_write_them(make_section, drive_form, qtbot, monkeypatch):
    section = make_section("committee_member")
    seen = {}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)

    def driver(form):
        field = form.fields["joined_on"]
        seen["empty"] = field.value()                 # never today by itself
        for text in ("2021.5.1", "2021年5月1日", "20210501"):
            field.editor.line.clear()
            type_text(qtbot, field.editor.line, text)
            seen[text] = field.value()
        field.editor.line.clear()
        type_text(qtbot, field.editor.line, "五月")
        seen["garbage"] = field.value()               # passed on as typed: the core names the problem
        qtbot.keyClick(form, Qt.Key_Escape)

    drive_form["driver"] = driver
    qtbot.mouseClick(section.add_button, Qt.LeftButton)
    assert seen == {"empty": None, "2021.5.1": "2021-05-01", "2021年5月1日": "2021-05-01", "20210501": "2021-05-01",
                    "garbage": "五月"}
