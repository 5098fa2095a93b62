"""The built-in user guide (帮助 → 使用说明, F1): ``resources/help/<language>.html``, opened at
the part about the screen in use."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import i18n, paths

#: The guide's parts, by the screen they explain (a tab's record kind or a view's name).
TOPICS = {
    "overview": "start", "organisation": "start", "committee_member": "members", "funding_entry": "members",
    "meeting": "members", "wechat_group": "members", "venue": "members", "publicity_item": "members",
    "reported_figure": "report", "checklist": "checklist", "report": "report", "import": "import",
    "packages": "handup", "sync": "handup", "conflicts": "conflicts", "backup": "backup",
    "work_plan_item": "work", "case_brief": "work", "contact_point": "work", "unit_assessment": "work",
    "branch_term": "work",
}


def guide_path(language: str | None = None):
    folder = paths.resource_dir() / "help"
    path = folder / f"{language or i18n.language()}.html"
    return path if path.is_file() else folder / "zh_CN.html"


class HelpDialog(QDialog):
    """The guide in a browser of its own (links inside it work; nothing goes online)."""

    def __init__(self, topic: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        path = guide_path()
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        self.show_topic(topic)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def show_topic(self, topic: str | None) -> None:
        anchor = TOPICS.get(topic or "", topic or "")
        if anchor:
            self.browser.scrollToAnchor(anchor)


def show_help(parent: QWidget | None, topic: str | None = None) -> HelpDialog:
    """Open the guide (not modal: it stays beside the window while the user works)."""
    dialog = HelpDialog(topic, parent)
    dialog.show()
    return dialog
