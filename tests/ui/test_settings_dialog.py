"""The settings dialog (operator, language, backups) and the automatic daily backup."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog

from conftest import COUNTY
from desktop.ledger import Ledger
from ui import settings as S
from ui import settings_dialog as SD
from ui import workers
from ui.settings_dialog import SettingsDialog, daily_backup_due, prune_backups, run_daily_backup

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    return S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def dialog(qtbot, county_ledger, settings):
    d = SettingsDialog(county_ledger, settings)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    yield d
    workers.wait_all()


def type_text(widget, text: str) -> None:
    """Replace the text as a user with a Chinese input method does."""
    widget.selectAll()
    widget.del_()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ok(qtbot, d) -> None:
    qtbot.mouseClick(d.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)


def cancel(qtbot, d) -> None:
    qtbot.mouseClick(d.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)


def test_shows_the_current_values(dialog, county_ledger, settings, tmp_path):
    assert dialog.operator_edit.text() == "测试员"
    assert dialog.language_combo.currentData() == "zh_CN"
    assert dialog.folder_edit.text() == str(tmp_path / "home" / "backups")
    assert dialog.daily_check.isChecked()
    assert dialog.hub_label.text() == dialog.tr("Hub: not enrolled")


def test_operator_is_saved_to_the_ledger(qtbot, dialog, county_ledger):
    type_text(dialog.operator_edit, " 李四 ")
    ok(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert county_ledger.operator == "李四"
    assert county_ledger.meta("operator") == "李四"


def test_empty_operator_is_refused_and_nothing_is_saved(qtbot, dialog, county_ledger, settings):
    type_text(dialog.operator_edit, "   ")
    qtbot.mouseClick(dialog.daily_check, Qt.LeftButton)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.operator_error.isVisible()
    assert dialog.operator_error.text() == "请填写填报人姓名。"  # the core's message
    assert county_ledger.meta("operator") == "测试员"
    assert settings.get(S.DAILY_BACKUP) is True
    type_text(dialog.operator_edit, "王五")
    assert not dialog.operator_error.isVisible()


def test_cancel_changes_nothing(qtbot, dialog, county_ledger, settings, tmp_path):
    type_text(dialog.operator_edit, "李四")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.folder_edit.setText(str(tmp_path / "elsewhere"))
    qtbot.mouseClick(dialog.daily_check, Qt.LeftButton)
    with qtbot.assertNotEmitted(dialog.sig_language_changed):
        cancel(qtbot, dialog)
    assert dialog.result() == QDialog.Rejected
    assert county_ledger.meta("operator") == "测试员"
    assert settings.get(S.LANGUAGE) == "zh_CN"
    assert settings.get(S.BACKUP_FOLDER) == ""
    assert settings.get(S.DAILY_BACKUP) is True


def test_language_change_is_saved_and_signalled(qtbot, dialog, settings):
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    with qtbot.waitSignal(dialog.sig_language_changed, timeout=1000) as blocker:
        ok(qtbot, dialog)
    assert blocker.args == ["en"]
    assert settings.get(S.LANGUAGE) == "en"


def test_unchanged_language_is_not_signalled(qtbot, dialog):
    with qtbot.assertNotEmitted(dialog.sig_language_changed):
        ok(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted


def test_backup_folder_and_daily_switch_are_saved(qtbot, dialog, settings, tmp_path, monkeypatch):
    chosen = tmp_path / "U盘备份"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    qtbot.mouseClick(dialog.browse_button, Qt.LeftButton)
    assert dialog.folder_edit.text() == str(chosen)
    qtbot.mouseClick(dialog.daily_check, Qt.LeftButton)
    ok(qtbot, dialog)
    assert settings.get(S.BACKUP_FOLDER) == str(chosen)
    assert settings.get(S.DAILY_BACKUP) is False


def test_back_up_now_writes_a_backup_with_the_buttons_disabled(qtbot, dialog, county_ledger, tmp_path, monkeypatch):
    folder = tmp_path / "backups now"
    dialog.folder_edit.setText(str(folder))
    real_write = SD.write_backup
    gate = threading.Event()

    def held_write(ledger, where):
        gate.wait(30)
        return real_write(ledger, where)

    monkeypatch.setattr(SD, "write_backup", held_write)
    try:
        qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
        assert not dialog.backup_button.isEnabled()
        assert not dialog.buttons.isEnabled()
        qtbot.keyClick(dialog, Qt.Key_Escape)  # the dialog stays while the backup runs
        assert dialog.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.backup_button.isEnabled(), timeout=30000)

    files = list(folder.glob("ledger-*.sqlite"))
    assert len(files) == 1
    assert str(files[0]) in dialog.backup_status.text()
    with Ledger.open(files[0], read_only=True) as copy:
        assert copy.scope == COUNTY
        assert copy.count("organisation") == county_ledger.count("organisation")
    assert dialog.buttons.isEnabled()


def test_back_up_now_into_a_file_shows_a_message(qtbot, dialog, tmp_path):
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("x")
    dialog.folder_edit.setText(str(not_a_folder))
    qtbot.mouseClick(dialog.backup_button, Qt.LeftButton)
    assert dialog.folder_error.isVisible()
    assert str(not_a_folder) in dialog.folder_error.text()
    assert not_a_folder.read_text() == "x"
    ok(qtbot, dialog)
    assert dialog.isVisible()  # nor can it be saved


# ----------------------------------------------------------------------------- daily backup

def test_daily_backup_due(settings):
    assert daily_backup_due(settings, TODAY)
    settings.set(S.LAST_BACKUP_DAY, "2026-11-25")
    assert daily_backup_due(settings, TODAY)
    settings.set(S.LAST_BACKUP_DAY, TODAY.isoformat())
    assert not daily_backup_due(settings, TODAY)
    settings.set(S.LAST_BACKUP_DAY, "")
    settings.set(S.DAILY_BACKUP, False)
    assert not daily_backup_due(settings, TODAY)


def test_daily_backup_runs_once_a_day_and_keeps_the_newest_14(county_ledger, settings, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    settings.set(S.BACKUP_FOLDER, str(folder))
    old = [folder / f"ledger-202601{day:02d}-080000.sqlite" for day in range(1, 21)]
    for p in old:
        p.write_bytes(b"old backup")
    others = [folder / "ledger-2-20250101-080000.sqlite",   # another ledger's backup
              folder / "demo-20250101-080000.sqlite",
              folder / "ledger-notes.sqlite",
              folder / "ledger-20250101-080000.sqlite.part",
              folder / "说明.txt"]
    for p in others:
        p.write_bytes(b"keep")

    made = run_daily_backup(county_ledger, settings, TODAY)

    assert made is not None and made.parent == folder and made.exists()
    assert settings.get(S.LAST_BACKUP_DAY) == TODAY.isoformat()
    kept = sorted(p for p in folder.glob("ledger-*-*.sqlite") if p.name.count("-") == 2)
    assert len(kept) == 14
    assert kept == sorted(old[-13:] + [made])
    assert all(p.exists() for p in others)
    with Ledger.open(made, read_only=True) as copy:
        assert copy.scope == COUNTY

    assert run_daily_backup(county_ledger, settings, TODAY) is None  # not twice a day
    assert len(list(folder.glob("*.sqlite"))) == 14 + 3


def test_daily_backup_off_writes_nothing(county_ledger, settings, tmp_path):
    settings.set(S.DAILY_BACKUP, False)
    assert run_daily_backup(county_ledger, settings, TODAY) is None
    assert not (tmp_path / "home" / "backups").exists()


def test_daily_backup_goes_to_the_default_folder(county_ledger, settings, tmp_path):
    made = run_daily_backup(county_ledger, settings, TODAY)
    assert made is not None and made.parent == tmp_path / "home" / "backups"


def test_prune_keeps_everything_when_there_are_few(tmp_path):
    for day in range(1, 4):
        (tmp_path / f"ledger-202601{day:02d}-080000.sqlite").write_bytes(b"x")
    assert prune_backups(tmp_path, tmp_path / "ledger.sqlite") == []
    assert len(list(tmp_path.iterdir())) == 3
