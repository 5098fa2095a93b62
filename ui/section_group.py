"""A tab of the main window that holds the sections of several record kinds, each a tab of
its own (the work ledger, 工作台账): the main tab bar stays within a 1366-pixel screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.sections import RecordSection


class SectionGroup(QWidget):
    """Record sections as tabs; like the main window, a tab loads for the chosen unit when
    it is shown."""

    def __init__(self, name: str, sections: list[RecordSection], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"group_{name}")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName(f"group_tabs_{name}")
        self.tabs.setDocumentMode(True)
        for section in sections:
            self.tabs.addTab(section, section.kind.label.text())
            section.sig_changed.connect(lambda _kind, s=section: self._changed(s))
        self._scope: str | None = None
        self._stale: set[int] = set()
        self.tabs.currentChanged.connect(lambda _i: self._activate())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def sections(self) -> list[RecordSection]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def set_scope(self, scope: str) -> None:
        self._scope = scope
        self._stale = set(range(self.tabs.count()))
        self._activate()

    def _activate(self) -> None:
        i = self.tabs.currentIndex()
        if self._scope is None or i not in self._stale:
            return
        self._stale.discard(i)
        self.tabs.widget(i).set_scope(self._scope)

    def _changed(self, section: RecordSection) -> None:
        """A change in one section (an attachment, a deletion) may show in the others."""
        self._stale = set(range(self.tabs.count())) - {self.tabs.indexOf(section)}

    def current_section(self) -> RecordSection:
        return self.tabs.currentWidget()

    def show_section(self, section: RecordSection) -> None:
        self.tabs.setCurrentWidget(section)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            for i, section in enumerate(self.sections):
                self.tabs.setTabText(i, section.kind.label.text())
        super().changeEvent(event)
