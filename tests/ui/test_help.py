"""The built-in guide: it opens in the user's language, at the part about the screen, with its
pictures, and every part a screen points to exists."""

import re

import pytest

from desktop import i18n
from ui import help as guide


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_topic_has_its_part_and_every_picture_exists(language):
    path = guide.guide_path(language)
    text = path.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([a-z]+)"', text))
    assert set(guide.TOPICS.values()) <= anchors
    for image in re.findall(r'<img src="([^"]+)"', text):
        assert (path.parent / image).is_file(), image


def test_the_guide_opens_at_the_screens_part(qtbot):
    i18n.set_language("zh_CN")
    dialog = guide.HelpDialog("committee_member")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "团委委员" in dialog.browser.toPlainText() and "使用说明" in dialog.browser.toPlainText()
    top = dialog.browser.verticalScrollBar().value()
    dialog.show_topic("backup")
    assert dialog.browser.verticalScrollBar().value() > top  # scrolled down to another part


def test_f1_in_the_main_window_opens_the_part_of_the_tab_in_use(qtbot, county_ledger, tmp_path):
    from PySide6.QtCore import QSettings

    from ui import settings as S
    from ui.main_window import MainWindow

    window = MainWindow(county_ledger, S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    members = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "团委委员")
    window.tabs.setCurrentIndex(members)
    assert window.current_topic() == "committee_member"
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()
    assert window.guide.isVisible() and "团委委员" in window.guide.browser.toPlainText()
    window.guide.close()
