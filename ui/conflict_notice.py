"""Conflicts as news: the status-bar count of open conflicts and the banner over the main
window that tells of new ones (record, field, both values, who won and when) with a link to
the conflicts dialog. Both read the ledger's conflicts; nothing is stored here."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.conflict_text import ConflictRow, conflict_sentence
from ui.history import conflict_rows

#: How many conflicts the banner spells out; the dialog lists them all.
SHOWN = 3


class ConflictWatch(QObject):
    """Counts the open conflicts (a status-bar link) and reports the ones not seen before."""

    sig_new = Signal(list)
    """Conflicts that appeared since the last check (a list of ConflictRow)."""
    sig_open = Signal()
    """The user asked for the conflicts dialog."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.seen = 0  # the highest conflict id announced; open conflicts of earlier sessions are news too
        self.count = 0
        self.label = QLabel(parent)
        self.label.setObjectName("conflict_count")
        self.label.setTextFormat(Qt.RichText)
        self.label.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.label.linkActivated.connect(lambda _link: self.sig_open.emit())
        self.label.hide()

    def check(self) -> None:
        if self.ledger.closed:
            return
        try:
            conflicts = self.ledger.conflicts()
        except LedgerError:
            return
        self.count = len(conflicts)
        self.label.setText('<a href="conflicts" style="color: #b26a00;">{}</a>'.format(
            escape(self.tr("Conflicts: %n", "", self.count))))
        self.label.setToolTip(self.tr("Values that a change from another office replaced. Click to settle them."))
        self.label.setVisible(self.count > 0)
        new = [c for c in conflicts if c.id > self.seen]
        if new:
            self.seen = max(c.id for c in new)
            self.sig_new.emit(conflict_rows(self.ledger, new))


class ConflictBanner(QFrame):
    """A strip over the window: what the received changes overwrote, and a link to settle it."""

    sig_open = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_banner")
        self.setStyleSheet("#conflict_banner { background: #fff4d6; border-bottom: 1px solid #e0b84c; }")
        self.text = QLabel(self)
        self.text.setObjectName("conflict_banner_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.linkActivated.connect(lambda _link: self.sig_open.emit())
        close = QToolButton(self)
        close.setObjectName("conflict_banner_close")
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this notice (the conflicts stay under Tools → Conflicts)"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.text, 1)
        row.addWidget(close, 0, Qt.AlignTop)
        self.rows: list[ConflictRow] = []
        self.hide()

    def show_rows(self, rows: list[ConflictRow]) -> None:
        """Tell of *rows*, the conflicts just found."""
        if not rows:
            return
        self.rows = rows
        lines = [self.tr("<b>%n value(s) here were replaced by a change from another office.</b>", "", len(rows))]
        lines += ["• " + escape(conflict_sentence(r)) for r in rows[:SHOWN]]
        if len(rows) > SHOWN:
            lines.append(escape(self.tr("… and %n more.", "", len(rows) - SHOWN)))
        lines.append('<a href="conflicts">{}</a>'.format(escape(self.tr("Settle them in Conflicts…"))))
        self.text.setText("<br>".join(lines))
        self.show()
