"""The self-inspection step of the checklist (八查八看自查): a unit answers each item for a
period (是 / 否 / 部分) and writes what it found; each finding is a problem (整改问题) that
one button turns into a rectification task, prefilled with the item, the finding and a
due date.  Answers are saved as they are given; the rules are
:mod:`desktop.records.inspection`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
                               QSplitter, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import inspection
from desktop.records.checklist import TASK
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from ui.attachments import AttachmentPanel
from ui.undo import CreateCommand, EditCommand
from ui.widgets import heading_label

#: The table's columns.
CODE, ITEM, ANSWER, FINDING, TASK_COLUMN, EVIDENCE = range(6)
#: Months offered as the period: this one and those before.
PERIODS = 12


def recent_periods(today: dt.date | None = None, n: int = PERIODS) -> list[str]:
    """This month and the *n* - 1 before it, newest first ("YYYY-MM")."""
    day = (today or dt.date.today()).replace(day=1)
    out = []
    for _ in range(n):
        out.append(day.isoformat()[:7])
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return out


class SelfInspectionDialog(QDialog):
    """One unit's self-inspection for a period, and its problems turned into tasks."""

    sig_tasks_made = Signal(int)
    """Rectification tasks were created from findings (how many)."""

    def __init__(self, ledger: Ledger, code: str, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.code, self.undo_stack = ledger, code, undo_stack
        self.rows: list[inspection.Row] = []
        self._filling = False
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

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 6, self)
        table.setObjectName("inspection_table")
        table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Item"), self.tr("Answer"), self.tr("Finding"),
                                         self.tr("Rectification task"), self.tr("Evidence")])
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                              | QAbstractItemView.AnyKeyPressed)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column, width in ((CODE, 50), (ITEM, 230), (ANSWER, 80), (TASK_COLUMN, 200), (EVIDENCE, 60)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(FINDING, QHeaderView.Stretch)
        table.itemChanged.connect(self._finding_edited)
        table.itemSelectionChanged.connect(self._update_buttons)
        return table

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

    def load(self) -> None:
        """Show the items with the answers of the chosen period."""
        try:
            self.rows = inspection.sheet(self.ledger, self.code, self.current_period)
        except LedgerError as exc:
            self.rows = []
            self.status.setText(exc.text())
        self._filling = True
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            self._fill_row(r, row)
        self._filling = False
        if not self.rows:
            self.status.setText(self.tr("No self-inspection items apply to this unit."))
        self._update_buttons()

    def _fill_row(self, r: int, row: inspection.Row) -> None:
        fixed = Qt.ItemIsSelectable | Qt.ItemIsEnabled
        for column, text in ((CODE, row.item.get("code") or ""), (ITEM, row.item.get("title") or ""),
                             (TASK_COLUMN, self._task_text(row)), (EVIDENCE, str(self._evidence(row)))):
            item = QTableWidgetItem(text)
            item.setFlags(fixed)
            self.table.setItem(r, column, item)
        finding = QTableWidgetItem(row.finding)
        finding.setFlags(fixed if self.ledger.read_only else fixed | Qt.ItemIsEditable)
        self.table.setItem(r, FINDING, finding)
        combo = QComboBox(self.table)
        combo.addItem("", None)
        for value in enumerations().values("inspection_answer"):
            combo.addItem(value.label(), value.key)
        combo.setCurrentIndex(max(combo.findData((row.answer or {}).get("answer")), 0))
        combo.setEnabled(not self.ledger.read_only)
        combo.currentIndexChanged.connect(lambda _i, r=r: self._answer_chosen(r))
        self.table.setCellWidget(r, ANSWER, combo)

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

    def answer_combo(self, r: int) -> QComboBox:
        return self.table.cellWidget(r, ANSWER)

    # ------------------------------------------------------------------ answering
    def _answer_chosen(self, r: int) -> None:
        if not self._filling:
            self._save(r)

    def _finding_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != FINDING:
            return
        combo = self.answer_combo(item.row())
        if combo.currentData() is None and item.text().strip():
            self._filling = True
            combo.setCurrentIndex(combo.findData("no"))  # a finding is an answer of "no" unless told otherwise
            self._filling = False
        self._save(item.row())

    def _save(self, r: int) -> None:
        answer = self.answer_combo(r).currentData()
        if answer is None:
            return
        row = self.rows[r]
        finding = self.table.item(r, FINDING).text()
        try:
            inspection.save_answer(self.ledger, self.code, self.current_period, row.item["id"], answer, finding)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            return
        self.status.setText(self.tr("Saved."))
        self._refresh_row(r)

    def _refresh_row(self, r: int) -> None:
        fresh = inspection.sheet(self.ledger, self.code, self.current_period)
        self.rows = fresh
        self._filling = True
        self.table.item(r, TASK_COLUMN).setText(self._task_text(fresh[r]))
        self.table.item(r, EVIDENCE).setText(str(self._evidence(fresh[r])))
        self._filling = False
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
        self._filling = True
        for r, row in enumerate(self.rows):
            self.table.item(r, EVIDENCE).setText(str(self._evidence(row)))
        self._filling = False
