"""Tabs whose views are made when first needed.

A view behind a tab the user has not opened yet costs the window's start its module
imports (charts, report code), its widgets and its queries.  Here an empty page stands in
the tab, with the view's title, until the tab is first shown or the view is asked for;
then the view takes the page's place at the same position, so the tab bar, its order
and keyboard navigation are the same as with every view made at once.

    lazy = LazyTabs(tabs)          # before the window connects tabs.currentChanged
    lazy.add("report_view", title, make_report_view)
    lazy.get("report_view")        # made now if it was not yet
    lazy.view_at(tabs.currentIndex())  # the tab shown first, once the window chose it
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class Placeholder(QWidget):
    """The empty page in a tab whose view is not made yet."""


class LazyTabs:
    """The views of *tabs* added through :meth:`add`, each made on first show or use."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._makers: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}  # name → its placeholder, or its view once made
        self._adding = False
        # connected first, so that a tab's view exists when the window hears the tab changed
        tabs.currentChanged.connect(self._shown)

    def add(self, name: str, title: str, make: Callable[[], QWidget]) -> None:
        """A tab titled *title* at the end, whose view ``make()`` returns when first needed."""
        page = Placeholder(self.tabs)
        page.setObjectName(f"{name}_placeholder")
        self._makers[name] = make
        self._pages[name] = page
        self._adding = True  # the first tab added becomes current: not a reason to make it yet
        try:
            self.tabs.addTab(page, title)
        finally:
            self._adding = False

    def get(self, name: str) -> QWidget:
        """The view of *name*, made now when it was not yet."""
        if name in self._makers:
            self._make(name)
        return self._pages[name]

    def made(self, name: str) -> QWidget | None:
        """The view of *name* when it is made, else None (never makes it)."""
        return None if name in self._makers else self._pages.get(name)

    def name_of(self, widget: QWidget | None) -> str | None:
        """The name of the tab page *widget* (placeholder or view), None for other pages."""
        for name, page in self._pages.items():
            if page is widget:
                return name
        return None

    def _make(self, name: str) -> None:
        make = self._makers.pop(name)
        page = self._pages[name]
        view = make()
        tabs = self.tabs
        i = tabs.indexOf(page)
        current = tabs.currentIndex()
        title, tip = tabs.tabText(i), tabs.tabToolTip(i)
        blocked = tabs.blockSignals(True)  # the same tab stays current: nothing changed for the window
        try:
            tabs.removeTab(i)
            tabs.insertTab(i, view, title)
            tabs.setTabToolTip(i, tip)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        self._pages[name] = view
        page.deleteLater()

    def view_at(self, index: int) -> QWidget | None:
        """The page of tab *index*, its view made now when it was a placeholder."""
        page = self.tabs.widget(index)
        name = self.name_of(page)
        return page if name is None else self.get(name)

    def _shown(self, index: int) -> None:
        if not self._adding:
            self.view_at(index)
