"""Who changed what, when (记录变更历史), and the values that concurrent edits overwrote
(同步冲突): both read from the ledger's change log, nothing stored here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from desktop.records import ids
from desktop.errors import LedgerError
from desktop.ledger import Conflict, HistoryEntry, Ledger
from desktop.conflict_text import ConflictRow, moment_of
from desktop.conflict_text import conflict_rows as core_conflict_rows
from desktop.records import DELETED, KINDS
from ui.models import ListTableModel
from desktop.records.display import field_label, record_title, reference_titles, shown_value
from ui.widgets import heading_label, record_table


def stored_moment(iso: str | None) -> dt.datetime | None:
    """A stored ISO time as a local naive datetime (None when empty; the text itself when it
    is no time is the caller's to show)."""
    if not iso:
        return None
    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def local_time(when: dt.datetime | str | None) -> str:
    """A local date and time in the user's locale (short form)."""
    when = moment_of(when)
    if when is None or isinstance(when, str):
        return when or ""
    qdt = QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second))
    fmt = QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat)
    if "ss" not in fmt:  # edits a few seconds apart must not look simultaneous
        fmt = fmt.replace("mm", "mm:ss", 1)
    return QLocale().toString(qdt, fmt)


# ---------------------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryRow:
    when: str
    author: str
    field: str
    old: str
    new: str
    #: rows of the same change share a group number (shaded alike)
    group: int
    #: the row tells of the record itself (created, deleted, restored), not of a field
    event: bool = False


class HistoryModel(ListTableModel):
    """One row per changed field of each change of a record, newest first."""

    def __init__(self, rows: list[HistoryRow] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HistoryRow] = rows or []
        self._headers = [self.tr("Time"), self.tr("Author"), self.tr("Field"), self.tr("Old value"),
                         self.tr("New value")]

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        values = (row.when, row.author, row.field, row.old, row.new)
        if not 0 <= index.column() < len(values):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return values[index.column()]
        if role == Qt.BackgroundRole and row.group % 2:
            return QApplication.palette().alternateBase()
        if role == Qt.FontRole and row.event:
            font = QFont()
            font.setBold(True)
            return font
        return None


class HistoryDialog(QDialog):
    """The history of one record: time, author, field, old → new (记录变更历史)."""

    def __init__(self, ledger: Ledger, kind: str, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.kind, self.record_id = ledger, KINDS[kind], record_id
        self.setObjectName("history_dialog")
        self.setWindowTitle(self.tr("History"))
        self.title = heading_label(self, "history_title", wrap=True)
        self.message = QLabel(self)
        self.message.setObjectName("history_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.model = HistoryModel(parent=self)
        self.view = record_table(self, "history_table", self.model)
        self.view.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.refresh()

    def refresh(self) -> None:
        k = self.kind
        try:
            name = record_title(self.ledger, k, self.record_id)
            entries = self.ledger.history(self.record_id)
        except LedgerError as exc:
            self.title.setText(k.label.text())
            self.message.setText(exc.text())
            self.message.show()
            self.model.set_rows([])
            return
        rec = self.ledger.get(k.name, self.record_id, include_deleted=True)
        heading = self.tr("{kind}: {title}").format(kind=k.label.text(), title=name)
        if rec is not None and rec.get(DELETED):
            heading += " " + self.tr("(deleted)")
        self.title.setText(heading)
        self.setWindowTitle(self.tr("History of {title}").format(title=name))
        self.model.set_rows(self.rows_for(entries))
        self.message.hide()
        header = self.view.horizontalHeader()
        for column in range(4):
            self.view.resizeColumnToContents(column)
            header.resizeSection(column, max(min(header.sectionSize(column), 240), 80))

    def rows_for(self, entries: list[HistoryEntry]) -> list[HistoryRow]:
        k = self.kind
        pairs = [(n, v) for e in entries for n, old, new in e.changes for v in (old, new)]
        titles = reference_titles(self.ledger, k, pairs)
        order = {name: i for i, name in enumerate(k.field_names)}
        rows: list[HistoryRow] = []
        group = 0
        for e in reversed(entries):  # newest first
            when = local_time(e.when)
            author = e.author or (self.tr("(built in)") if e.origin == ids.BUILTIN_DEVICE else "—")
            before = len(rows)
            if e.created:
                rows.append(HistoryRow(when, author, self.tr("Created"), "", "", group, True))
            for name, old, new in sorted(e.changes, key=lambda c: order.get(c[0], len(order))):
                if name == DELETED:
                    if e.created and not new:
                        continue  # a new record is "not deleted": nothing to tell
                    label = self.tr("Deleted") if new else self.tr("Restored")
                    rows.append(HistoryRow(when, author, label, "", "", group, True))
                    continue
                if e.created and new in (None, ""):
                    continue
                rows.append(HistoryRow(when, author, field_label(k, name), shown_value(k, name, old, titles),
                                       shown_value(k, name, new, titles), group))
            group += len(rows) > before
        return rows


# ---------------------------------------------------------------------------------------- conflicts


def conflict_rows(ledger: Ledger, conflicts: list[Conflict]) -> list[ConflictRow]:
    """Open conflicts as people read them (:func:`desktop.conflict_text.conflict_rows`), times
    in the user's locale."""
    return core_conflict_rows(ledger, conflicts, local_time)


class ConflictModel(ListTableModel):
    """Open conflicts: a value that a concurrent edit elsewhere overwrote."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictRow] = []
        self._headers = [self.tr("Record kind"), self.tr("Record"), self.tr("Field"), self.tr("Value that lost"),
                         self.tr("Value that won"), self.tr("Won by"), self.tr("Changed at")]

    def set_rows(self, rows: list[ConflictRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def conflict(self, row: int) -> Conflict:
        return self.rows[row].conflict

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        values = (r.kind, r.record, r.field, r.lost, r.won, r.winner, r.won_at)
        if not 0 <= index.column() < len(values):
            return None
        if role == Qt.DisplayRole:
            return values[index.column()]
        if role == Qt.ToolTipRole:
            return values[index.column()] + "\n" + self.tr("Detected here at {when}").format(when=r.detected)
        return None


class ConflictsDialog(QDialog):
    """Open sync conflicts, each settled with one click: take the lost value back, or keep
    the value that won (同步冲突)."""

    sig_changed = Signal()
    """A conflict was settled (records may have changed)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle(self.tr("Conflicts"))
        intro = QLabel(self.tr("The same field was changed by two offices before their changes met. "
                               "The later change won; the value it replaced is kept below, with the office and "
                               "person whose change won. Take the lost value back, or keep the current value."),
                       self)
        intro.setWordWrap(True)
        self.intro = intro
        self.model = ConflictModel(self)
        self.view = record_table(self, "conflicts_table", self.model)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.notice = QLabel(self)
        self.notice.setObjectName("conflicts_notice")
        self.notice.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.notice.hide()
        self.empty = QLabel(self.tr("No open conflicts."), self)
        self.empty.setObjectName("conflicts_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: gray;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.take_back_button = QPushButton(self.tr("Take back my value"), self)
        self.take_back_button.setObjectName("take_back")
        self.take_back_button.setToolTip(self.tr("Write the value that lost back into the record "
                                                 "(it travels with the next sync)."))
        self.take_back_button.clicked.connect(lambda: self.resolve(take_back=True))
        self.keep_button = QPushButton(self.tr("Keep the current value"), self)
        self.keep_button.setObjectName("keep_current")
        self.keep_button.setToolTip(self.tr("Leave the record as it is and dismiss the conflict."))
        self.keep_button.clicked.connect(lambda: self.resolve(take_back=False))
        self.history_button = QPushButton(self.tr("History…"), self)
        self.history_button.setObjectName("conflict_history")
        self.history_button.clicked.connect(self.show_history)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.take_back_button)
        bottom.addWidget(self.keep_button)
        bottom.addWidget(self.history_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.notice)
        layout.addLayout(bottom)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.resize(1100, 420)
        self.refresh()

    def refresh(self) -> None:
        try:
            conflicts = self.ledger.conflicts()
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            conflicts = []
        rows = conflict_rows(self.ledger, conflicts)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        for w in (self.intro, self.take_back_button, self.keep_button, self.history_button):
            w.setVisible(bool(rows))
        if rows:
            self.view.selectRow(0)
            self.view.resizeColumnsToContents()
            header = self.view.horizontalHeader()
            for column in range(self.model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column), 220))
        self._update_buttons()

    def selected(self) -> list[Conflict]:
        return [self.model.conflict(i.row()) for i in self.view.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        n = len(self.selected())
        self.take_back_button.setEnabled(n > 0)
        self.keep_button.setEnabled(n > 0)
        self.history_button.setEnabled(n == 1)

    def resolve(self, *, take_back: bool) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            with self.ledger.batch():  # all the chosen conflicts, or none
                for c in chosen:
                    self.ledger.resolve_conflict(c.id, take_back=take_back)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
        else:
            n = len(chosen)
            self.notice.setText(self.tr("Taken back; waiting to sync.") if take_back
                                else self.tr("%n conflict(s) dismissed; the current value stays.", "", n))
            self.notice.show()
        finally:
            self.refresh()
            self.sig_changed.emit()

    def show_history(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].kind in KINDS:
            HistoryDialog(self.ledger, chosen[0].kind, chosen[0].record_id, self).exec()
