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
