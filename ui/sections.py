"""A section of the main window: one record kind as a table with its tools."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QMenu, QMessageBox, QSplitter,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import KINDS, ORGANISATION, Kind, T, natural_org_id, unit_committee_kind
from desktop.scope.geo import geography
from ui import settings as S
from ui.attachments import AttachmentPanel
from ui.forms import RecordForm
from ui.models import ID_ROLE, RecordTableModel
from ui.undo import CreateCommand, DeleteCommand, EditCommand
from ui.widgets import select_row_of, tool_button


def default_values(kind: Kind, scope: str) -> dict:
    """What a new record of *kind* starts with under the unit *scope*: a reference to an
    organisation it belongs to is the unit's own committee (when the field may name it),
    and a division that is the record's scope is the unit."""
    if not scope:
        return {}
    f = kind.field(kind.scope_from) if kind.scope_from in kind.field_map else None
    if f is not None and f.type is T.DIVISION:
        levels = f.division_levels
        return {f.name: scope} if not levels or geography().level(scope) in levels else {}
    committee = unit_committee_kind(scope)
    if f is not None and f.ref == ORGANISATION.name and committee and committee in (f.ref_org_kinds or (committee,)):
        return {f.name: natural_org_id(committee, scope)}
    return {}


class RecordSection(QWidget):
    """Table of one record kind under the chosen unit: filter, columns, count, add, edit,
    delete (undoable), history."""

    sig_changed = Signal(str)
    """Records of this kind changed (the kind)."""
    sig_history = Signal(str, str)
    """The user asked for a record's history (kind, id)."""

    def __init__(self, ledger: Ledger, kind: str, undo_stack, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.ledger, self.kind, self.undo_stack, self.settings = ledger, KINDS[kind], undo_stack, settings
        self.setObjectName(f"section_{kind}")
        self.model = RecordTableModel(ledger, kind, self)
        self.view = QTableView(self)
        self.view.setObjectName(f"table_{kind}")
        self.view.setModel(self.model)
        # no sort indicator before sorting is enabled: enabling it would sort (and query) at once
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setSectionsMovable(True)
        self.view.horizontalHeader().setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        header_state = settings.get(S.header_key(kind))
        self._sized = bool(header_state)  # column widths the user set are kept
        if header_state:
            self.view.horizontalHeader().restoreState(QByteArray(header_state))
        else:
            self.view.horizontalHeader().setDefaultSectionSize(110)

        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"filter_{kind}")
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(lambda: self.model.set_search(self.filter.text()))
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())

        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"count_{kind}")
        self.model.sig_loaded.connect(self._show_count)
        self.model.sig_failed.connect(self._show_failure)

        self.add_button = tool_button(self, f"add_{kind}", self.add)
        self.edit_button = tool_button(self, f"edit_{kind}", self.edit_current)
        self.delete_button = tool_button(self, f"delete_{kind}", self.delete_selected)
        self.history_button = tool_button(self, f"history_{kind}", self.show_history)
        columns = tool_button(self, f"columns_{kind}", None)
        columns.setPopupMode(QToolButton.InstantPopup)
        self.columns_button = columns
        self.retranslate()

        top = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.history_button, columns):
            top.addWidget(b)
        top.addSpacing(12)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        self.attachments: AttachmentPanel | None = None
        if self.kind.attachments:  # the chosen record's files below its list
            self.attachments = AttachmentPanel(ledger, kind, undo_stack, self)
            self.attachments.sig_changed.connect(self.sig_changed)
            split = QSplitter(Qt.Vertical, self)
            split.setObjectName(f"split_{kind}")
            split.addWidget(self.view)
            split.addWidget(self.attachments)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 1)
            layout.addWidget(split, 1)
        else:
            layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

        self.view.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Enter edits, Delete deletes
        if obj is self.view and event.type() == QEvent.KeyPress and not event.modifiers() & ~Qt.KeypadModifier:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.edit_current()
                return True
            if event.key() == Qt.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        """Texts in the current language (at start and after a language switch)."""
        self.add_button.setText(self.tr("New"))
        self.edit_button.setText(self.tr("Edit"))
        self.delete_button.setText(self.tr("Delete"))
        self.history_button.setText(self.tr("History"))
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setMenu(self._columns_menu())
        self.filter.setPlaceholderText(self.tr("Filter (name, phone, title…)  Ctrl+F"))
        if self.model.queried and not self.model.loading:  # it has loaded at least once
            self._show_count(self.model.total)
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, max(len(self.model.columns) - 1, 0))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------- state
    def set_scope(self, scope: str) -> None:
        self.model.set_scope(scope)

    def reload(self) -> None:
        self.model.reload()

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%n record(s)", "", total))
        if not self._sized and total:
            self._sized = True
            header = self.view.horizontalHeader()
            header.setResizeContentsPrecision(40)
            self.view.resizeColumnsToContents()
            for i in range(header.count()):
                header.resizeSection(i, min(header.sectionSize(i) + 8, 260))

    def _show_failure(self, exc) -> None:
        text = exc.text() if isinstance(exc, LedgerError) else self.tr("The list could not be loaded.")
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        selected = len(self.view.selectionModel().selectedRows())
        self.edit_button.setEnabled(selected == 1)
        self.history_button.setEnabled(selected == 1)
        self.delete_button.setEnabled(selected >= 1)
        if self.attachments is not None:
            self.attachments.set_owner(self.selected_ids()[0] if selected == 1 else None)

    def save_state(self) -> None:
        self.settings.set(S.header_key(self.kind.name), bytes(self.view.horizontalHeader().saveState()))

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def selected_ids(self) -> list[str]:
        return [i.data(ID_ROLE) for i in self.view.selectionModel().selectedRows()]

    def current_id(self) -> str | None:
        ids = self.selected_ids()
        if len(ids) == 1:
            return ids[0]
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    # ------------------------------------------------------------- columns
    def _columns_menu(self) -> QMenu:
        menu = QMenu(self)
        header = self.view.horizontalHeader()
        for i, f in enumerate(self.model.columns):
            act = menu.addAction(f.label.text())
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(i))
            act.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        return menu

    def _column_menu(self, pos) -> None:
        self._columns_menu().exec(self.view.horizontalHeader().mapToGlobal(pos))

    # ------------------------------------------------------------- actions
    def default_values(self) -> dict:
        """Values a new record starts with: the chosen unit (or its committee)."""
        return default_values(self.kind, self.model.scope)

    def add(self) -> None:
        form = RecordForm(self.ledger, self.kind.name, defaults=self.default_values(), parent=self)
        if form.exec():
            self.undo_stack.push(CreateCommand(self.ledger, self.kind.name, form.record_id,
                                               self.tr("new {kind}").format(kind=self.kind.label.text()),
                                               self._changed))
            self._changed(self.kind.name, form.record_id)

    def edit_current(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        try:
            form = RecordForm(self.ledger, self.kind.name, record_id, parent=self)
        except LedgerError as exc:
            QMessageBox.warning(self, self.kind.label.text(), exc.text())
            return
        if form.exec() and form.previous:
            stored = self.ledger.get(self.kind.name, record_id) or {}
            after = {n: stored.get(n) for n in form.previous}
            self.undo_stack.push(EditCommand(self.ledger, self.kind.name, record_id,
                                             self.tr("edit {kind}").format(kind=self.kind.label.text()),
                                             self._changed, form.previous, after))
            self._changed(self.kind.name, record_id)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete %n record(s)? You can undo this with Ctrl+Z.", "", len(ids)),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            with self.ledger.batch():  # all of them, or none
                for record_id in ids:
                    self.ledger.delete(self.kind.name, record_id)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("Delete"), exc.text())
            return
        # one undo step; only the first and the last command refresh the view (undo runs them backwards)
        self.undo_stack.beginMacro(self.tr("delete {kind}").format(kind=self.kind.label.text()))
        for n, record_id in enumerate(ids):
            notify = self._changed if n in (0, len(ids) - 1) else None
            self.undo_stack.push(DeleteCommand(self.ledger, self.kind.name, record_id, "", notify))
        self.undo_stack.endMacro()
        self._changed(self.kind.name, "")

    def show_history(self) -> None:
        record_id = self.current_id()
        if record_id:
            self.sig_history.emit(self.kind.name, record_id)

    def _changed(self, kind: str, record_id: str) -> None:
        self.model.reload()
        self.sig_changed.emit(kind)

    def select_record(self, record_id: str) -> bool:
        return select_row_of(self.view, record_id)
