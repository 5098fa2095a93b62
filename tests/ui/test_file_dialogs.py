"""Standard dialogs speak Chinese (Qt's own translations), and every file dialog opens in
the folder it showed last."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QLabel

from ui import i18n as ui_i18n
from ui import settings as S
from ui import widgets

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(qapp):
    ui_i18n.install("zh_CN")
    yield
    ui_i18n.uninstall()


def test_qt_standard_dialogs_are_in_chinese(qtbot, chinese):
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    look_in = dialog.findChild(QLabel, "lookInLabel")
    assert look_in is not None and look_in.text() == "查找范围(&L)："
    assert dialog.findChild(QLabel, "fileTypeLabel").text() == "文件类型(&T)："


def test_english_leaves_them_in_english(qtbot, qapp):
    ui_i18n.install("en")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        ui_i18n.uninstall()


def test_every_kind_of_file_dialog_starts_where_it_was_last(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    started = []

    def open_name(_parent, _title, start, _filters="", **_k):
        started.append(start)
        return str(first / "照片.jpg"), ""

    def save_name(_parent, _title, start, _filters="", **_k):
        started.append(start)
        return str(second / "月报.pdf"), ""

    def folder(_parent, _title, start, **_k):
        started.append(start)
        return str(second)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    assert widgets.open_file_name(None, "evidence", "佐证", fallback=tmp_path) == str(first / "照片.jpg")
    assert widgets.open_file_name(None, "evidence", "佐证") and started[-1] == str(first)
    widgets.save_file_name(None, "report", "保存", tmp_path / "月报.pdf")
    assert started[-1] == str(tmp_path / "月报.pdf")  # first time: the suggested folder
    widgets.save_file_name(None, "report", "保存", tmp_path / "五月月报.pdf")
    assert started[-1] == str(second / "五月月报.pdf")  # then the folder chosen last, the new name
    assert widgets.existing_folder(None, "backup", "备份", fallback=tmp_path) == str(second)
    assert started[-1] == str(tmp_path)
    # remembered in the settings file, so the next start of the program opens there too
    S.current().sync()
    stored = QSettings(S.current().q.fileName(), QSettings.IniFormat)
    assert stored.value("folders/evidence") == str(first) and stored.value("folders/backup") == str(second)
    # a cancelled dialog forgets nothing; a folder that is gone falls back
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert widgets.open_file_name(None, "evidence", "佐证") == ""
    assert widgets.last_folder("evidence") == str(first)
    first.rmdir()
    assert widgets.last_folder("evidence", tmp_path) == str(tmp_path)


def test_no_file_dialog_is_called_around_the_helpers():
    """Every file dialog of the program goes through ui/widgets.py (so that each remembers its folder)."""
    from pathlib import Path

    ui = Path(widgets.__file__).parent
    direct = [f"{p.name}:{n}" for p in sorted(ui.glob("*.py")) if p.name != "widgets.py"
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if "QFileDialog.get" in line]
    assert direct == []
