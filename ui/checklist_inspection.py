"""The self-inspection step of the checklist (八查八看自查): a unit answers each item for a
period (是 / 否 / 部分) and writes what it found; each finding is a problem (整改问题) that
one button turns into a rectification task, prefilled with the item, the finding and a
due date.  Answers are saved as they are given; the rules are
:mod:`desktop.records.inspection`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import inspection
from desktop.records.checklist import TASK
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from ui.attachments import AttachmentPanel
from ui.models import ListTableModel
from ui.undo import CreateCommand, EditCommand
from ui.widgets import EnumDelegate, heading_label

#: The table's columns.
CODE, ITEM, ANSWER, FINDING, TASK_COLUMN, EVIDENCE = range(6)
#: Months offered as the period: this one and those before.
PERIODS = 12

Index = QModelIndex | QPersistentModelIndex
#: What saves an answer: (row, answer key, finding) → stored (False: refused, the user was told).
Save = Callable[[int, str, str], bool]


def recent_periods(today: dt.date | None = None, n: int = PERIODS) -> list[str]:
    """This month and the *n* - 1 before it, newest first ("YYYY-MM")."""
    day = (today or dt.date.today()).replace(day=1)
    out = []
    for _ in range(n):
        out.append(day.isoformat()[:7])
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return out


class SheetModel(ListTableModel):
    """The items of one unit's self-inspection with the period's answers: number, item, answer
    (a key of ``inspection_answer``, shown by its label), finding, its rectification task and
    the number of evidence files.  An answer or a finding edited is handed to *save* at once;
    a finding given without an answer is an answer of "no"; nothing is saved before an answer
    is chosen, an answer given is changed but not emptied, and a refused save leaves the row as
    it was."""

    def __init__(self, headers: list[str], save: Save, writable: bool, parent=None) -> None:
        super().__init__(parent)
        self._headers, self.save, self.writable = headers, save, writable
        self.rows: list[inspection.Row] = []
        #: per row: the text of its task column and its evidence count
        self.about: list[tuple[str, int]] = []
        #: answers and findings shown but not saved yet (a finding waits for its answer: none chosen)
        self.unsaved: dict[int, tuple[str | None, str]] = {}

    def shown(self, r: int) -> tuple[str | None, str]:
        """Row *r*'s answer (key) and finding as shown."""
        if r in self.unsaved:
            return self.unsaved[r]
        row = self.rows[r]
        return (row.answer or {}).get("answer"), row.finding

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        r, column = index.row(), index.column()
        answer, finding = self.shown(r)
        if role == Qt.EditRole:
            return {ANSWER: answer, FINDING: finding}.get(column)
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        item = self.rows[r].item
        if column == ANSWER:
            return enumerations().label("inspection_answer", answer) if answer else ""
        return {CODE: item.get("code") or "", ITEM: item.get("title") or "", FINDING: finding,
                TASK_COLUMN: self.about[r][0], EVIDENCE: str(self.about[r][1])}[column]

    def setData(self, index: Index, value, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole or not self.flags(index) & Qt.ItemIsEditable:
            return False
        r = index.row()
        before = self.shown(r)
        answer, finding = before
        if index.column() == ANSWER:
            if not value and self.rows[r].answer is not None:
                return False  # an answer given is changed, not taken back to none
            answer = value or None
        else:
            finding = (value or "").strip()
            if answer is None and finding:
                answer = "no"  # a finding is an answer of "no" unless told otherwise
        if (answer, finding) == before:
            return True
        if answer is None:  # nothing to save until an answer is chosen
            self.unsaved[r] = (answer, finding)
        elif self.save(r, answer, finding):
            self.unsaved.pop(r, None)
        else:
            return False
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        fixed = Qt.ItemIsSelectable | Qt.ItemIsEnabled
        return fixed | Qt.ItemIsEditable if self.writable and index.column() in (ANSWER, FINDING) else fixed

    def set_rows(self, rows: list[inspection.Row], about: list[tuple[str, int]]) -> None:
        self.beginResetModel()
        self.rows, self.about, self.unsaved = rows, about, {}
        self.endResetModel()

    def update(self, rows: list[inspection.Row], about: list[tuple[str, int]]) -> None:
        """The same items read again (an answer saved, a task made, evidence attached)."""
        self.rows, self.about = rows, about
        self.unsaved = {r: v for r, v in self.unsaved.items() if r < len(rows) and rows[r].answer is None}
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))


class SelfInspectionDialog(QDialog):
    """One unit's self-inspection for a period, and its problems turned into tasks."""

    sig_tasks_made = Signal(int)
    """Rectification tasks were created from findings (how many)."""

    def __init__(self, ledger: Ledger, code: str, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.code, self.undo_stack = ledger, code, undo_stack
        self.setObjectName("self_inspection")
        self.setWindowTitle(self.tr("Self-inspection (eight checks, eight looks)"))
        self.resize(1100, 680)
        d = geography().get(code)
        title = heading_label(self, "inspection_unit")
        title.setText(self.tr("{unit}: self-inspection").format(unit=f"{d.name}（{code}）" if d else code))
        self.period = QComboBox(self)
        self.period.setObjectName("inspection_period")
        for p in recent_periods():
            self.period.addItem(p, p)
        self.period.currentIndexChanged.connect(lambda _i: self.load())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Period"), self))
        head.addWidget(self.period)

        hint = QLabel(self.tr("Answer each item and write down what you found. Every finding is a problem to "
                              "rectify: select it and press \"Make rectification tasks\"."), self)
        hint.setWordWrap(True)
        self.table = self._make_table()
        self.status = QLabel(self)
        self.status.setObjectName("inspection_status")
        self.status.setWordWrap(True)

        self.evidence = AttachmentPanel(
            ledger, inspection.ANSWER, undo_stack, self,
            title=lambda n: self.tr("Evidence (choose an answered item)") if n is None else
            self.tr("Evidence (%n file(s))", "", n))
        self.evidence.setObjectName("inspection_evidence")
        self.evidence.sig_changed.connect(lambda _kind: self._evidence_changed())
        self.attach_button = self.evidence.attach_button
        splitter = QSplitter(Qt.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.evidence)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._make_tools())
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.load()

    def _make_table(self) -> QTableView:
        self.model = SheetModel([self.tr("No."), self.tr("Item"), self.tr("Answer"), self.tr("Finding"),
                                 self.tr("Rectification task"), self.tr("Evidence")], self._save,
                                not self.ledger.read_only, self)
        table = QTableView(self)
        table.setObjectName("inspection_table")
        table.setModel(self.model)
        table.setItemDelegateForColumn(ANSWER, EnumDelegate("inspection_answer", table, blank=True, at_once=True))
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                              | QAbstractItemView.AnyKeyPressed)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        header = table.horizontalHeader()
        for column, width in ((CODE, 50), (ITEM, 230), (ANSWER, 80), (TASK_COLUMN, 200), (EVIDENCE, 60)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(FINDING, QHeaderView.Stretch)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._open_answers)
        return table

    def _open_answers(self) -> None:
        """Every row's answer list open, as on a paper form (none on a ledger only read)."""
        if self.model.writable:
            for r in range(self.model.rowCount()):
                self.table.openPersistentEditor(self.model.index(r, ANSWER))

    def _make_tools(self) -> QHBoxLayout:
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("inspection_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        due = inspection.default_deadline()
        self.deadline.setDate(QDate(due.year, due.month, due.day))
        self.make_button = QPushButton(self.tr("Make rectification tasks"), self)
        self.make_button.setObjectName("make_tasks")
        self.make_button.clicked.connect(self.make_tasks)
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Deadline of new tasks"), self))
        tools.addWidget(self.deadline)
        tools.addWidget(self.make_button)
        return tools

    # ------------------------------------------------------------------ loading
    @property
    def current_period(self) -> str:
        return self.period.currentData()

    @property
    def rows(self) -> list[inspection.Row]:
        return self.model.rows

    def load(self) -> None:
        """Show the items with the answers of the chosen period."""
        try:
            rows = inspection.sheet(self.ledger, self.code, self.current_period)
        except LedgerError as exc:
            rows = []
            self.status.setText(exc.text())
        self.model.set_rows(rows, self._about(rows))
        if not rows:
            self.status.setText(self.tr("No self-inspection items apply to this unit."))
        self._update_buttons()

    def _about(self, rows: list[inspection.Row]) -> list[tuple[str, int]]:
        return [(self._task_text(row), self._evidence(row)) for row in rows]

    def _task_text(self, row: inspection.Row) -> str:
        task = self.ledger.get(TASK, row.task_id) if row.task_id else None
        if task is not None:
            status = enumerations().label("task_status", task["status"])
            return self.tr("{status}, due {deadline}").format(status=status, deadline=task.get("deadline") or "–")
        return self.tr("problem: no task yet") if row.is_problem else ""

    def _evidence(self, row: inspection.Row) -> int:
        if not row.answer:
            return 0
        return len(self.ledger.query("attachment", where={"owner_kind": inspection.ANSWER,
                                                          "owner_id": row.answer["id"]}, columns=("id",)))

    def answer_combo(self, r: int) -> QComboBox | None:
        """Row *r*'s list of answers (None on a ledger only read)."""
        return self.table.indexWidget(self.model.index(r, ANSWER))

    # ------------------------------------------------------------------ answering
    def _save(self, r: int, answer: str, finding: str) -> bool:
        """Store row *r*'s answer; False (the user told why) when the ledger refuses it."""
        try:
            inspection.save_answer(self.ledger, self.code, self.current_period, self.rows[r].item["id"], answer,
                                   finding)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            return False
        self.status.setText(self.tr("Saved."))
        self._reread()
        return True

    def _reread(self) -> None:
        """The answers, tasks and evidence counts read again; the rows stay where they are."""
        rows = inspection.sheet(self.ledger, self.code, self.current_period)
        self.model.update(rows, self._about(rows))
        self._update_buttons()

    # ------------------------------------------------------------------ tasks and evidence
    def _chosen(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def _open_problems(self, rows: list[int]) -> list[int]:
        return [r for r in rows if self.rows[r].is_problem and not self._task_of(self.rows[r])]

    def _task_of(self, row: inspection.Row) -> dict | None:
        return self.ledger.get(TASK, row.task_id) if row.task_id else None

    def _update_buttons(self) -> None:
        chosen = self._chosen()
        open_problems = self._open_problems(chosen or list(range(len(self.rows))))
        writable = not self.ledger.read_only
        self.make_button.setEnabled(writable and bool(open_problems))
        self.make_button.setToolTip(self.tr("Make a task of each chosen finding (of every finding without a task "
                                            "when none is chosen)."))
        answer = self.rows[chosen[0]].answer if len(chosen) == 1 else None
        self.evidence.set_owner(answer["id"] if answer else None)

    def make_tasks(self) -> None:
        """Turn the chosen findings (all when none is chosen) into rectification tasks, as one undo step."""
        rows = self._open_problems(self._chosen() or list(range(len(self.rows))))
        if not rows:
            return
        deadline = self.deadline.date().toPython()
        period, made = self.current_period, []
        try:
            with self.ledger.batch():
                for r in rows:
                    made.append((self.rows[r].answer["id"],
                                 inspection.make_task(self.ledger, self.code, period, self.rows[r].item["id"],
                                                      deadline)))
        except LedgerError as exc:
            QMessageBox.warning(self, self.make_button.text(), exc.text())
            return
        text = self.tr("make rectification tasks")
        self.undo_stack.beginMacro(text)
        for answer_id, task_id in made:
            self.undo_stack.push(CreateCommand(self.ledger, TASK, task_id, text, None))
            self.undo_stack.push(EditCommand(self.ledger, inspection.ANSWER, answer_id, text, None,
                                             {"task_id": None}, {"task_id": task_id}))
        self.undo_stack.endMacro()
        self.load()
        self.status.setText(self.tr("%n rectification task(s) made; they are in the checklist.", "", len(made)))
        self.sig_tasks_made.emit(len(made))

    def _evidence_changed(self) -> None:
        """A file was attached or removed (or that was undone, whichever answer is chosen now):
        recount the evidence of every item."""
        self._reread()
