"""Small widget makers shared by the views and dialogs, so that a heading, an error line
or a record table looks and behaves the same everywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QDialog, QFileDialog, QHeaderView, QLabel,
                               QPushButton, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QToolButton,
                               QWidget)

from desktop.records.enums import enumerations

from ui import settings as S
from ui.busy import BusyGuard

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #555555;"


class BusyDialog(BusyGuard, QDialog):
    """A dialog that stays open (Esc, Cancel, the window's close button) while ``busy``:
    work it started in a worker reports back to it."""


def heading_label(parent: QWidget, name: str, *, wrap: bool = False, selectable: bool = False) -> QLabel:
    """A bold, slightly larger line of plain text (a unit's or a record's name)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def error_label(parent: QWidget, name: str = "", *, selectable: bool = False) -> QLabel:
    """A hidden line in the error colour, shown when there is something to say."""
    label = text_label(parent, name, selectable=selectable)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def note_label(parent: QWidget, text: str = "", name: str = "") -> QLabel:
    """A wrapped explanatory line in grey."""
    label = text_label(parent, name)
    label.setStyleSheet(NOTE_STYLE)
    label.setText(text)
    return label


def text_label(parent: QWidget, name: str = "", *, selectable: bool = False) -> QLabel:
    """A wrapped line whose text can be selected and copied when *selectable*."""
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def push_button(parent: QWidget, name: str, slot, text: str = "") -> QPushButton:
    """A button that Enter does not press (Enter belongs to the dialog's default button)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def tool_button(parent: QWidget, name: str, slot, text: str = "") -> QToolButton:
    """A flat text-only button of a view's tool row (*slot* None: one that opens a menu)."""
    button = QToolButton(parent)
    button.setText(text)
    button.setObjectName(name)
    button.setToolButtonStyle(Qt.ToolButtonTextOnly)
    if slot is not None:
        button.clicked.connect(slot)
    return button


def record_table(parent: QWidget, name: str, model: QAbstractItemModel, *, row_height: int = 26) -> QTableView:
    """A read-only table of records: whole rows selected, no wrapping, columns the user can resize."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(True)
    return view


def select_row_of(view: QTableView, record_id: str) -> bool:
    """Select and show the row of *record_id* in a table over a record model (``row_of``)."""
    row = view.model().row_of(record_id)
    if row < 0:
        return False
    view.selectRow(row)
    view.scrollTo(view.model().index(row, 0))
    return True


def searchable_combo(parent: QWidget) -> QComboBox:
    """An editable combo box whose typed text searches its items (any part of the text)."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.NoInsert)
    completer = box.completer()
    completer.setFilterMode(Qt.MatchContains)
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setCompletionMode(QCompleter.PopupCompletion)
    return box


class EnumDelegate(QStyledItemDelegate):
    """A column of keys of the enumeration *enum* (the model's edit role), edited with the list
    of its labels.  *blank*: an empty choice first (no value yet); *at_once*: a choice is
    committed as it is made (an editor kept open in every row).  A choice the model refuses
    puts the list back to what the model holds."""

    def __init__(self, enum: str, parent: QWidget, *, blank: bool = False, at_once: bool = False) -> None:
        super().__init__(parent)
        self.enum, self.blank, self.at_once = enum, blank, at_once

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        if self.blank:
            combo.addItem("", None)
        for value in enumerations().values(self.enum):
            combo.addItem(value.label(), value.key)
        if self.at_once:
            combo.currentIndexChanged.connect(lambda _i, combo=combo: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        with QSignalBlocker(editor):  # showing the value is not choosing it
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if not model.setData(index, editor.currentData(), Qt.EditRole):
            self.setEditorData(editor, index)


# ----------------------------------------------------------------------------- file dialogs
def last_folder(purpose: str, fallback: str | Path = "") -> str:
    """The folder the file dialog of *purpose* showed last, if it still exists; else *fallback*
    (else the home folder)."""
    folder = S.current().get(S.folder_key(purpose))
    if folder and Path(folder).is_dir():
        return folder
    return str(fallback or Path.home())


def remember_folder(purpose: str, path: str | Path) -> None:
    """Remember the folder of *path* (a file, or a folder itself) for the dialog of *purpose*."""
    if path:
        p = Path(path)
        S.current().set(S.folder_key(purpose), str(p if p.is_dir() else p.parent))


def open_file_name(parent: QWidget | None, purpose: str, title: str, filters: str = "",
                   fallback: str | Path = "") -> str:
    """Ask for a file to read, starting where the dialog of *purpose* was last; "" if cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder(purpose, fallback), filters)
    remember_folder(purpose, path)
    return path


def save_file_name(parent: QWidget | None, purpose: str, title: str, suggested: str | Path, filters: str = "",
                   options: QFileDialog.Option | None = None) -> str:
    """Ask where to write a file, proposing *suggested*'s name in the folder the dialog of
    *purpose* showed last (else *suggested*'s own folder); "" if cancelled."""
    suggested = Path(suggested)
    fallback = suggested.parent if str(suggested.parent) not in ("", ".") else ""
    start = Path(last_folder(purpose, fallback)) / suggested.name
    extra = {"options": options} if options is not None else {}
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters, **extra)
    remember_folder(purpose, path)
    return path


def existing_folder(parent: QWidget | None, purpose: str, title: str, fallback: str | Path = "") -> str:
    """Ask for a folder, starting where the dialog of *purpose* was last; "" if cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, title, last_folder(purpose, fallback))
    remember_folder(purpose, folder)
    return folder
