"""The first-start wizard driven through its widgets: a township ledger, a county ledger,
required operator, an existing file, the demo build (to the end, and cancelled) and the
language switch."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from conftest import COUNTY, TOWNSHIP
from desktop import i18n as core_i18n
from desktop.tools import synthetic
from desktop.ledger import Ledger
from ui import i18n as ui_i18n
from ui import workers
from ui.wizard import PAGE_DEMO, PAGE_OPERATOR, PAGE_UNIT, FirstStartWizard

pytestmark = pytest.mark.gui

#: The offscreen platform cannot raise a pop-up or grab the keyboard for it (the search list).
POPUP = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture
def wizard(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    w = FirstStartWizard(ledger_path=tmp_path / "ledger.sqlite", demo_path=tmp_path / "demo" / "demo.sqlite")
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    yield w
    workers.wait_all()


@pytest.fixture
def restore_language(qapp):
    """Leave Qt's translators and default locale as they were before the test."""
    locale = QLocale()
    yield
    ui_i18n.uninstall()
    QLocale.setDefault(locale)


def click(qtbot, wizard, which) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), wizard.buttonText(which)
    qtbot.mouseClick(button, Qt.LeftButton)


def type_text(widget, text: str) -> None:
    """Type Chinese as an input method does: one committed string (QTest types Latin-1 only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, combo, text: str) -> None:
    """Click into an editable combo and type, replacing what is there."""
    qtbot.mouseClick(combo.lineEdit(), Qt.LeftButton)
    combo.lineEdit().selectAll()
    qtbot.keyClick(combo.lineEdit(), Qt.Key_Delete)
    if text:
        type_text(combo.lineEdit(), text)


def press(qtbot, combo, key) -> None:
    """A key pressed while typing in *combo*: the search list takes it while it is open."""
    popup = combo.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else combo.lineEdit(), key)


def pick(combo, name: str) -> None:
    """Choose an item from the open list (as a click in the drop-down does)."""
    i = combo.findText(name)
    assert i >= 0, name
    combo.setCurrentIndex(i)


def choose(qtbot, radio) -> None:
    """Click a radio button on its round indicator."""
    qtbot.mouseClick(radio, Qt.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def go_to_unit_page(qtbot, wizard):
    choose(qtbot, wizard.welcome_page.create_radio)
    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == PAGE_UNIT
    return wizard.unit_page.picker


def finish(qtbot, wizard, page) -> None:
    click(qtbot, wizard, QWizard.FinishButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)


@POPUP
def test_create_township_ledger(qtbot, wizard, tmp_path):
    picker = go_to_unit_page(qtbot, wizard)
    province, prefecture, county, township = picker.combos
    assert not wizard.button(QWizard.NextButton).isEnabled()  # no unit chosen yet

    type_into(qtbot, province, "河北省")            # the whole name
    pick(prefecture, "石家庄市")                    # from the list
    type_into(qtbot, county, "城")                  # part of the name: the search list…
    completer = county.completer()
    assert completer.popup().isVisible()
    found = [completer.popup().model().index(i, 0).data() for i in range(completer.completionCount())]
    assert "栾城区" in found and "长安区" not in found
    for _ in range(found.index("栾城区") + 1):
        press(qtbot, county, Qt.Key_Down)           # … arrow down to it and Enter
    press(qtbot, county, Qt.Key_Return)
    assert county.currentText() == "栾城区"
    type_into(qtbot, township, "南高")               # the only match is taken on leaving the field
    press(qtbot, township, Qt.Key_Tab)

    assert picker.code() == TOWNSHIP
    assert picker.name_label.text() == "河北省石家庄市栾城区南高乡"
    assert TOWNSHIP in picker.detail_label.text()
    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == PAGE_OPERATOR
    page = wizard.operator_page
    assert page.path_edit.text() == str(tmp_path / "ledger.sqlite")
    type_text(page.operator_edit, "  张三 ")
    finish(qtbot, wizard, page)

    assert wizard.result() == QDialog.Accepted
    assert wizard.ledger_path == tmp_path / "ledger.sqlite" and not wizard.is_demo
    with Ledger.open(wizard.ledger_path) as ledger:
        assert ledger.scope == TOWNSHIP
        assert ledger.operator == "张三"


def test_create_county_ledger_leaving_township_empty(qtbot, wizard, tmp_path, monkeypatch):
    picker = go_to_unit_page(qtbot, wizard)
    province, prefecture, county, township = picker.combos
    pick(province, "河北省")
    pick(prefecture, "石家庄市")
    pick(county, "栾城区")
    assert township.isEnabled() and township.currentText() == ""
    assert picker.code() == COUNTY
    click(qtbot, wizard, QWizard.NextButton)

    page = wizard.operator_page
    chosen = tmp_path / "elsewhere" / "栾城区台账"
    monkeypatch.setattr("ui.wizard.QFileDialog.getSaveFileName", lambda *a, **k: (str(chosen), ""))
    qtbot.mouseClick(page.change_button, Qt.LeftButton)
    assert page.path_edit.text() == str(chosen.with_suffix(".sqlite"))
    type_text(page.operator_edit, "李四")
    finish(qtbot, wizard, page)

    assert wizard.result() == QDialog.Accepted
    assert wizard.ledger_path == chosen.with_suffix(".sqlite")
    with Ledger.open(wizard.ledger_path) as ledger:
        assert ledger.scope == COUNTY
        assert ledger.operator == "李四"


@POPUP
def test_unit_text_that_names_no_unit_blocks_next(qtbot, wizard):
    picker = go_to_unit_page(qtbot, wizard)
    province, prefecture, county, _ = picker.combos
    pick(province, "河北省")
    assert wizard.button(QWizard.NextButton).isEnabled()  # a province office may stop here
    type_into(qtbot, prefecture, "不存在的市")
    assert not wizard.button(QWizard.NextButton).isEnabled()
    assert "不存在的市" in picker.name_label.text()
    assert not county.isEnabled()
    type_into(qtbot, prefecture, "")
    press(qtbot, prefecture, Qt.Key_Tab)
    assert wizard.button(QWizard.NextButton).isEnabled()
    assert picker.code() == "13"


def test_township_list_puts_rural_townships_first_and_marks_streets(qtbot, wizard):
    picker = go_to_unit_page(qtbot, wizard)
    picker.set_code("130123")  # 正定县: towns, townships and streets
    township = picker.combos[3]
    texts = [township.itemText(i) for i in range(township.count())]
    streets = [t for t in texts if "街道" in t]
    assert streets and all(t.endswith(picker.tr(" (urban street)")) for t in streets)
    assert texts[-len(streets):] == streets  # rural ones first
    pick(township, streets[0])
    assert picker.code().startswith("130123") and "街道" in picker.name_label.text()
    assert "not a rural township" in picker.detail_label.text() or "不属于农村乡镇" in picker.detail_label.text()


def test_missing_operator_blocks_finish(qtbot, wizard):
    picker = go_to_unit_page(qtbot, wizard)
    picker.set_code(TOWNSHIP)
    click(qtbot, wizard, QWizard.NextButton)
    page = wizard.operator_page
    finish_button = wizard.button(QWizard.FinishButton)
    assert page.operator_edit.hasFocus()
    assert not finish_button.isEnabled()
    type_text(page.operator_edit, "   ")
    assert not finish_button.isEnabled()
    type_text(page.operator_edit, "王")
    assert finish_button.isEnabled()
    page.operator_edit.clear()
    assert not finish_button.isEnabled()
    qtbot.keyClick(page.operator_edit, Qt.Key_Return)  # Enter does not get past it either
    assert wizard.isVisible() and wizard.currentId() == PAGE_OPERATOR
    assert not (wizard.operator_page.path).exists()


def test_existing_file_is_reported_and_not_overwritten(qtbot, wizard, tmp_path):
    target = tmp_path / "ledger.sqlite"
    target.write_bytes(b"precious")
    picker = go_to_unit_page(qtbot, wizard)
    picker.set_code(TOWNSHIP)
    click(qtbot, wizard, QWizard.NextButton)
    page = wizard.operator_page
    type_text(page.operator_edit, "张三")
    finish(qtbot, wizard, page)

    assert page.error_label.isVisible()
    assert "已存在" in page.error_label.text()
    assert wizard.isVisible() and wizard.currentId() == PAGE_OPERATOR
    assert wizard.result() != QDialog.Accepted and wizard.ledger_path is None
    assert target.read_bytes() == b"precious"
    # Typing again clears the message; another file then works.
    type_text(page.operator_edit, "丰")
    assert not page.error_label.isVisible()


def test_demo_build_runs_to_completion(qtbot, wizard, tmp_path):
    choose(qtbot, wizard.welcome_page.demo_radio)
    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == PAGE_DEMO
    page = wizard.demo_page
    assert page.county() == COUNTY                     # 河北省 石家庄市 栾城区 preselected
    assert [c.currentText() for c in page.picker.combos] == ["河北省", "石家庄市", "栾城区"]
    seen = []
    page.progress.valueChanged.connect(seen.append)
    click(qtbot, wizard, QWizard.FinishButton)
    assert page.busy and page.cancel_button.isVisible()
    assert not wizard.button(QWizard.BackButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.result() == QDialog.Accepted, timeout=120000)

    demo = tmp_path / "demo" / "demo.sqlite"
    assert wizard.ledger_path == demo and wizard.is_demo
    assert seen and seen[-1] == page.progress.maximum() == 7  # one step per rural township
    assert sorted(p.name for p in demo.parent.glob("*.sqlite")) == ["demo.sqlite"]
    with Ledger.open(demo) as ledger:
        assert ledger.scope == COUNTY
        assert ledger.count("organisation") > 7
        assert ledger.count("committee_member") > 0


def demo_page_held(qtbot, wizard, monkeypatch, at: int | None = None):
    """Go to the demo page with a build that stops once it has built *at* townships (any
    number: None) until the returned gate is set."""
    real_build = synthetic.build
    gate = threading.Event()

    def held_build(ledger, scope, seed=0, *, months=12, progress=None, today=None):
        def held(done, total):
            progress(done, total)
            if at is None or done == at:
                gate.wait(30)
        return real_build(ledger, scope, seed, months=months, progress=held, today=today)

    monkeypatch.setattr(synthetic, "build", held_build)
    choose(qtbot, wizard.welcome_page.demo_radio)
    click(qtbot, wizard, QWizard.NextButton)
    return wizard.demo_page, gate


def test_cancel_deletes_the_half_built_demo_and_keeps_the_earlier_one(qtbot, wizard, tmp_path, monkeypatch):
    demo = tmp_path / "demo" / "demo.sqlite"
    Ledger.new(demo, scope=TOWNSHIP, operator="旧演示").close()   # an earlier demo
    building = demo.with_name("demo.building.sqlite")
    page, gate = demo_page_held(qtbot, wizard, monkeypatch, at=2)  # half-way, until Cancel is pressed
    try:
        click(qtbot, wizard, QWizard.FinishButton)
        qtbot.waitUntil(lambda: page.progress.value() == 2, timeout=30000)
        assert building.exists()  # half built
        qtbot.mouseClick(page.cancel_button, Qt.LeftButton)
        assert not page.cancel_button.isEnabled()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)

    assert not building.exists() and not building.with_name("demo.building.sqlite-wal").exists()
    assert wizard.isVisible() and wizard.result() != QDialog.Accepted and wizard.ledger_path is None
    assert page.status_label.text() == page.tr("Cancelled. No demo ledger was kept.")
    assert wizard.button(QWizard.FinishButton).isEnabled()  # the user may try again
    with Ledger.open(demo) as ledger:
        assert ledger.operator == "旧演示" and ledger.scope == TOWNSHIP


def test_escape_during_the_build_cancels_it(qtbot, wizard, tmp_path, monkeypatch):
    page, gate = demo_page_held(qtbot, wizard, monkeypatch)
    try:
        click(qtbot, wizard, QWizard.FinishButton)
        qtbot.waitUntil(lambda: page.progress.maximum() > 0, timeout=30000)
        qtbot.keyClick(wizard, Qt.Key_Escape)
        assert wizard.isVisible()  # Esc stopped the build, not the wizard
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)
    assert list((tmp_path / "demo").glob("*.sqlite")) == []


def test_language_switch_retranslates_the_wizard(qtbot, wizard, monkeypatch, restore_language):
    # A pseudo-translation makes every translated text recognisable, translated or not yet.
    monkeypatch.setattr(core_i18n, "translate",
                        lambda context, text, language=None: text if (language or "zh_CN") == "en" else f"«{text}»")
    welcome = wizard.welcome_page
    combo = welcome.language_combo

    def texts():
        return [wizard.windowTitle(), welcome.title(), welcome.create_radio.text(), welcome.demo_radio.text(),
                welcome.create_note.text(), wizard.button(QWizard.NextButton).text(),
                wizard.button(QWizard.CancelButton).text(), wizard.unit_page.picker.labels[0].text(),
                wizard.operator_page.change_button.text(),
                wizard.demo_page.buttonText(QWizard.FinishButton)]

    pick(combo, "English")
    assert not any("«" in t for t in texts())
    assert wizard.language == "en"
    pick(combo, "简体中文")
    assert all(t.startswith("«") and t.endswith("»") for t in texts()), texts()
    assert wizard.language == "zh_CN" and core_i18n.language() == "zh_CN"
    assert welcome.language_label.text() == "Language / 语言"
    # A language change from elsewhere reaches the wizard as QEvent.LanguageChange.
    ui_i18n.install("en")
    qtbot.waitUntil(lambda: not any("«" in t for t in texts()))
    assert wizard.button(QWizard.NextButton).text() == "&Next >"
    QApplication.processEvents()
