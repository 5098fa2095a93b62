"""Editing a checklist table (参考表) and issuing it from the window: a county (or a level
above) edits the reference tasks of a level and issues them to chosen units, each as its
own table (一县一表、一乡一表) with its tasks, or as the table of every unit under it.  The
rules are :mod:`desktop.records.issuing`; the tables travel down with the next sync."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import issuing
from desktop.records.checklist import UNIT_LEVELS
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from ui.models import ListTableModel
from ui.widgets import EnumDelegate

#: The items table's columns, and the field each shows.
CODE, SYSTEM, TITLE, DESCRIPTION = range(4)
FIELDS = ("code", "system", "title", "description")

Index = QModelIndex | QPersistentModelIndex


class ItemsModel(ListTableModel):
    """The items of a checklist table as edited: number, system (a key of
    ``checklist_system``, shown by its label), task and description."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.rows: list[dict[str, str | None]] = []

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()].get(FIELDS[index.column()])
        if role == Qt.EditRole:
            return value or ""
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            if index.column() == SYSTEM:
                return enumerations().label("checklist_system", value) if value else ""
            return value or ""
        return None

    def setData(self, index: Index, value, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole:
            return False
        self.rows[index.row()][FIELDS[index.column()]] = value if value not in ("", None) else None
        self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.EditRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsSelectable | Qt.ItemIsEnabled | Qt.ItemIsEditable

    @staticmethod
    def _row(item: dict) -> dict[str, str | None]:
        """*item*'s fields; without a system, the first (as the editor's list shows it)."""
        row = {name: item.get(name) for name in FIELDS}
        row["system"] = row["system"] or enumerations().values("checklist_system")[0].key
        return row

    def set_items(self, items: list[dict]) -> None:
        self.beginResetModel()
        self.rows = [self._row(item) for item in items]
        self.endResetModel()

    def append(self, item: dict) -> int:
        """Add *item* at the end; its row."""
        r = len(self.rows)
        self.beginInsertRows(QModelIndex(), r, r)
        self.rows.append(self._row(item))
        self.endInsertRows()
        return r

    def remove(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), r, r)
            del self.rows[r]
            self.endRemoveRows()


def levels_below(scope: str) -> list[tuple[int, str]]:
    """(division level, checklist level) of the units below *scope* that keep a checklist."""
    d = geography().get(scope) if scope else None
    own = d.level if d else 0
    return [(level, name) for level, (name, _kind) in sorted(UNIT_LEVELS.items(), reverse=True) if level > own]


class TemplateIssueDialog(QDialog):
    """Edit the reference table of a level and issue it to units below."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.scope = ledger.scope or ""
        self.setObjectName("template_issue")
        self.setWindowTitle(self.tr("Issue checklist tables"))
        self.resize(1100, 600)
        self.level = QComboBox(self)
        self.level.setObjectName("issue_level")
        for division_level, name in levels_below(self.scope):
            self.level.addItem(enumerations().label("checklist_level", name), (division_level, name))
        self.level.currentIndexChanged.connect(lambda _i: self.load())
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Table of"), self))
        head.addWidget(self.level)
        head.addStretch(1)

        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self._make_items())
        splitter.addWidget(self._make_units())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.status = QLabel(self)
        self.status.setObjectName("issue_status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.load()

    def _make_items(self) -> QWidget:
        box = QWidget(self)
        self.model = ItemsModel([self.tr("No."), self.tr("System"), self.tr("Task"), self.tr("Description")], self)
        self.items = QTableView(box)
        self.items.setObjectName("issue_items")
        self.items.setModel(self.model)
        self.items.setItemDelegateForColumn(SYSTEM, EnumDelegate("checklist_system", self.items))
        self.items.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.items.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.AnyKeyPressed | QAbstractItemView.SelectedClicked)
        self.items.verticalHeader().hide()
        self.items.verticalHeader().setDefaultSectionSize(28)
        header = self.items.horizontalHeader()
        for column, width in ((CODE, 60), (SYSTEM, 110), (TITLE, 220)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.Stretch)
        self.add_button = QPushButton(self.tr("Add item"), box)
        self.add_button.setObjectName("issue_add_item")
        self.add_button.clicked.connect(lambda: self.add_item({}))
        self.remove_button = QPushButton(self.tr("Remove item"), box)
        self.remove_button.setObjectName("issue_remove_item")
        self.remove_button.clicked.connect(self.remove_items)
        tools = QHBoxLayout()
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)
        tools.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items, 1)
        layout.addLayout(tools)
        return box

    def _make_units(self) -> QWidget:
        box = QWidget(self)
        self.units = QListWidget(box)
        self.units.setObjectName("issue_units")
        self.units.itemChanged.connect(lambda _i: self._update_buttons())
        self.issue_button = QPushButton(self.tr("Issue to the chosen units"), box)
        self.issue_button.setObjectName("issue_to_units")
        self.issue_button.setToolTip(self.tr("Each chosen unit gets this table as its own (一县一表、一乡一表), "
                                             "and its tasks when its committee is in the ledger."))
        self.issue_button.clicked.connect(lambda: self.issue(self.chosen_units()))
        self.issue_all_button = QPushButton(self.tr("Issue to every unit below"), box)
        self.issue_all_button.setObjectName("issue_to_all")
        self.issue_all_button.setToolTip(self.tr("The table every unit under this ledger follows unless it has "
                                                 "its own."))
        self.issue_all_button.clicked.connect(lambda: self.issue(None))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Units"), box))
        layout.addWidget(self.units, 1)
        layout.addWidget(self.issue_button)
        layout.addWidget(self.issue_all_button)
        return box

    # ------------------------------------------------------------------ the table
    @property
    def current_level(self) -> tuple[int, str] | None:
        return self.level.currentData()

    def load(self) -> None:
        """The table the units of the chosen level follow now, and those units."""
        self.model.set_items([])
        self.units.clear()
        level = self.current_level
        if level is None:
            self.status.setText(self.tr("No unit below this ledger keeps a checklist."))
            self._update_buttons()
            return
        self.model.set_items(issuing.current_items(self.ledger, self.scope, level[1]))
        for d in geography().descendants(self.scope or None, level[0]):
            entry = QListWidgetItem(f"{d.name}（{d.code}）", self.units)
            entry.setData(Qt.UserRole, d.code)
            entry.setFlags(entry.flags() | Qt.ItemIsUserCheckable)
            entry.setCheckState(Qt.Unchecked)
        self._update_buttons()

    def add_item(self, item: dict) -> None:
        """Add *item* to the table; an empty one is a new row, its number being edited."""
        r = self.model.append(item)
        if not item:
            index = self.model.index(r, CODE)
            self.items.setCurrentIndex(index)
            self.items.edit(index)

    def remove_items(self) -> None:
        self.model.remove([i.row() for i in self.items.selectionModel().selectedRows()])

    def table_items(self) -> list[dict]:
        """The items as edited (rows without a number or a title are left out)."""
        level = self.current_level
        out = []
        for row in self.model.rows:
            code, title = ((row.get(name) or "").strip() for name in ("code", "title"))
            if not code or not title:
                continue
            out.append({"template_kind": issuing.REFERENCE, "level": level[1], "code": code, "title": title,
                        "system": row["system"],
                        "description": (row.get("description") or "").strip() or None,
                        "completion_proof": None})
        return out

    def chosen_units(self) -> list[str]:
        return [self.units.item(i).data(Qt.UserRole) for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.Checked]

    def set_chosen(self, codes: list[str]) -> None:
        for i in range(self.units.count()):
            entry = self.units.item(i)
            entry.setCheckState(Qt.Checked if entry.data(Qt.UserRole) in codes else Qt.Unchecked)

    def _update_buttons(self) -> None:
        writable = not self.ledger.read_only and self.current_level is not None
        self.issue_button.setEnabled(writable and bool(self.chosen_units()))
        self.issue_all_button.setEnabled(writable)

    # ------------------------------------------------------------------ issuing
    def issue(self, units: list[str] | None) -> None:
        """Issue the edited table to *units* (None: as the table of every unit below)."""
        items = self.table_items()
        if not items:
            QMessageBox.information(self, self.windowTitle(), self.tr("The table has no item with a number and "
                                                                      "a title."))
            return
        try:
            issued = issuing.issue(self.ledger, items, units)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            return
        tasks = sum(issued.tasks.values())
        if units is None:
            self.status.setText(self.tr("The table was issued to every unit below ({n} items). It goes down with "
                                        "the next sync or data package.").format(n=len(items)))
        else:
            self.status.setText(self.tr("The table was issued to {units} unit(s), with {tasks} new task(s). It goes "
                                        "down with the next sync or data package.").format(units=len(units),
                                                                                           tasks=tasks))
