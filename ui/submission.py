"""The monthly submission in the report view (月报上报 → 审核 → 锁定 → 重开): the state of the
unit's own month with its 上报本月 button, and at an upper level the submissions of the units
below with 通过 / 退回 / 重开 and the due day it sets them (the nation's ledger too, for the
provinces).  Every step is a call of :mod:`desktop.reporting.submitting`;
the states come with the report (:attr:`MonthlyReport.submissions`), nothing is read here."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.reporting import submitting
from desktop.reporting.model import MonthlyReport
from desktop.reporting.submissions import LAST_DUE_DAY, NOT_SUBMITTED, REOPENED, RETURNED, SUBMITTED, SubmissionState
from ui.models import ListTableModel

#: The colour of a state that asks for work (not submitted, returned) or of a discrepancy.
WARNING = QColor("#b26a00")
#: Rows the table of the units below shows before it scrolls.
VISIBLE_ROWS = 5
#: The states that ask the unit for work: shown in the warning colour.
TO_DO = (NOT_SUBMITTED, RETURNED, REOPENED)
#: Which buttons a state of a unit below allows.
APPROVABLE = (SUBMITTED, REOPENED)


def ask_reason(parent: QWidget, title: str, prompt: str) -> str | None:
    """The reason of a return or a reopening, typed by the user (None: cancelled)."""
    text, accepted = QInputDialog.getMultiLineText(parent, title, prompt)
    return text.strip() if accepted else None


def ask_due_day(parent: QWidget, title: str, prompt: str, day: int) -> int | None:
    """The due day chosen by the user, *day* offered (None: cancelled)."""
    chosen, accepted = QInputDialog.getInt(parent, title, prompt, day, 1, LAST_DUE_DAY)
    return chosen if accepted else None


class SubmissionModel(ListTableModel):
    """The submissions of the units below, one row each (:class:`SubmissionState`)."""

    UNIT, STATE, SUBMITTED_AT, ON_TIME, DIFFERING = range(5)
    COLUMNS = (QT_TR_NOOP("Unit"), QT_TR_NOOP("State"), QT_TR_NOOP("Submitted at"), QT_TR_NOOP("On time"),
               QT_TR_NOOP("Differing figures"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[SubmissionState] = []
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [self.tr(c) for c in self.COLUMNS]
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(self._headers) - 1)

    def set_rows(self, rows: list[SubmissionState]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def text(self, s: SubmissionState, column: int) -> str:
        if column == self.UNIT:
            return s.unit.name
        if column == self.STATE:
            return s.label
        if column == self.SUBMITTED_AT:
            return s.submitted_at[:16].replace("T", " ")
        if column == self.ON_TIME:
            return (self.tr("yes") if s.on_time else self.tr("no")) if s.submitted else ""
        return str(len(s.discrepancies))

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        s, column = self.rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self.text(s, column)
        if role == Qt.UserRole:
            return s.unit.code
        if role == Qt.ForegroundRole and ((column == self.STATE and s.state in TO_DO)
                                          or (column == self.DIFFERING and s.discrepancies)):
            return WARNING
        return None


class SubmissionPanel(QFrame):
    """The unit's own month and, at an upper level, the months submitted by the units below."""

    sig_changed = Signal()
    """A submission or a review was written: the report is out of date."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("submission_panel")
        self.ledger = ledger
        self.report: MonthlyReport | None = None
        self.own_label = QLabel(self)
        self.own_label.setObjectName("submission_state")
        self.own_label.setWordWrap(True)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit_month")
        self.submit_button.clicked.connect(self.submit)
        own = QHBoxLayout()
        own.addWidget(self.own_label, 1)
        own.addWidget(self.submit_button)

        self.model = SubmissionModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("submission_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the state, with a reason of any length
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approve_month")
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self)
        self.return_button.setObjectName("return_month")
        self.return_button.clicked.connect(self.return_month)
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("reopen_month")
        self.reopen_button.clicked.connect(self.reopen)
        self.due_button = QPushButton(self)
        self.due_button.setObjectName("set_due_day")
        self.due_button.clicked.connect(self.set_due_day)
        buttons = QVBoxLayout()
        for button in (self.approve_button, self.return_button, self.reopen_button, self.due_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.review_box = QWidget(self)
        review = QHBoxLayout(self.review_box)
        review.setContentsMargins(0, 0, 0, 0)
        review.addWidget(self.table, 1)
        review.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(own)
        layout.addWidget(self.review_box)
        self.retranslate()
        self.show_report(None)

    # ------------------------------------------------------------- showing
    def retranslate(self) -> None:
        self.submit_button.setText(self.tr("Submit this month"))
        self.submit_button.setToolTip(self.tr("Freeze this month's figures and send them to the level above"))
        self.approve_button.setText(self.tr("Approve"))
        self.return_button.setText(self.tr("Return…"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.due_button.setText(self.tr("Due day…"))
        self.due_button.setToolTip(self.tr("The day of the next month by which the units below submit their report"))
        self.model.retranslate()
        self.show_report(self.report)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def own_state(self) -> SubmissionState | None:
        """The unit's own month on screen (None when the view shows another unit)."""
        r = self.report
        if r is None or not self.ledger.scope or r.scope != self.ledger.scope:
            return None
        return r.own_submission

    def reviewable(self) -> list[SubmissionState]:
        """The submissions of the units below the ledger's own unit on screen."""
        r, mine = self.report, self.ledger.scope
        if r is None:
            return []
        return [s for s in r.submissions if len(s.unit.code) > len(mine) and s.unit.code.startswith(mine)]

    def show_report(self, report: MonthlyReport | None) -> None:
        """Show the states of *report* (computed with it: no query)."""
        self.report = report
        own = self.own_state()
        self.own_label.setVisible(own is not None)
        self.submit_button.setVisible(own is not None)
        if own is not None:
            self.own_label.setText(self.tr("This unit's report for {month}: {state}").format(
                month=own.month, state=own.label))
            self.own_label.setStyleSheet(f"color: {WARNING.name()};" if own.state in TO_DO else "")
            self.submit_button.setEnabled(not own.locked)
            self.submit_button.setText(self.tr("Submit this month") if own.state == NOT_SUBMITTED
                                       else self.tr("Submit again"))
        below = self.reviewable()
        self.review_box.setVisible(bool(below))
        self._fill(below)
        self.setVisible(own is not None or bool(below))

    def _fill(self, states: list[SubmissionState]) -> None:
        selected = self.selected()
        self.model.set_rows(states)
        line = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                  + line * min(max(len(states), 1), VISIBLE_ROWS))
        if selected is not None:
            self.select_unit(selected.unit.code)
        self._update_buttons()

    def selected(self) -> SubmissionState | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.model.rows):
            return None
        code = self.model.rows[rows[0].row()].unit.code
        return next((s for s in self.reviewable() if s.unit.code == code), None)

    def select_unit(self, code: str) -> bool:
        """Select the row of the unit *code*; False when it is not listed."""
        codes = [s.unit.code for s in self.model.rows]
        if code not in codes:
            return False
        self.table.selectRow(codes.index(code))
        return True

    def _update_buttons(self) -> None:
        s = self.selected()
        self.approve_button.setEnabled(s is not None and s.state in APPROVABLE)
        self.return_button.setEnabled(s is not None and s.state in APPROVABLE)
        self.reopen_button.setEnabled(s is not None and s.locked)

    # ------------------------------------------------------------- steps
    def _step(self, write) -> bool:
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            write()
        except LedgerError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Monthly submission"), exc.text())
            return False
        QGuiApplication.restoreOverrideCursor()
        self.sig_changed.emit()
        return True

    def submit(self) -> bool:
        """Submit the unit's own month on screen: its figures, frozen."""
        own = self.own_state()
        return own is not None and self._step(lambda: submitting.submit(self.ledger, own.month))

    def approve(self) -> bool:
        s = self.selected()
        if s is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("Approve"), self.tr("Approve the report of {unit} for {month}? The month locks: its "
                                              "records can be changed once you reopen it.").format(
                unit=s.unit.name, month=s.month))
        if answer != QMessageBox.Yes:
            return False
        return self._step(lambda: submitting.review(self.ledger, s.unit.code, s.month, approve=True))

    def return_month(self) -> bool:
        s = self.selected()
        reason = s and ask_reason(self, self.tr("Return"), self.tr("Why is the report of {unit} for {month} "
                                                                   "returned?").format(unit=s.unit.name, month=s.month))
        if not reason:
            return False
        return self._step(lambda: submitting.review(self.ledger, s.unit.code, s.month, approve=False, reason=reason))

    def reopen(self) -> bool:
        s = self.selected()
        reason = s and ask_reason(self, self.tr("Reopen"), self.tr("Why is the month {month} of {unit} "
                                                                   "reopened?").format(unit=s.unit.name, month=s.month))
        if not reason:
            return False
        return self._step(lambda: submitting.reopen(self.ledger, s.unit.code, s.month, reason))

    def set_due_day(self) -> bool:
        """Set the day of the next month by which the units below submit, every month."""
        below = self.reviewable()
        current = int(below[0].due_on[-2:]) if below else 5
        day = ask_due_day(self, self.tr("Due day"), self.tr("By which day of the next month do the units below "
                                                            "submit their monthly report?"), current)
        if day is None:
            return False
        return self._step(lambda: submitting.set_due_day(self.ledger, day))
