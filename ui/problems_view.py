"""The problem list (问题清单): what the activity and data-quality rules of
:mod:`desktop.reporting.problems` find in the chosen unit and month, filterable by unit and
rule; a double click opens the record in its form (or its history, for a record no form
edits).  The rules run in a worker on a read-only connection of its own (a county's
evaluation reads every organisation and member), and their thresholds are edited in a small
dialog."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QSpinBox, QTableView, QVBoxLayout,
                               QWidget)

from desktop.errors import LedgerError
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.records import KINDS
from desktop.reporting import problems as P
from ui.models import ListTableModel
from ui.month_header import MonthFigureView

#: The colour of a problem of high severity.
HIGH = QColor("#c62828")


class ProblemTableModel(ListTableModel):
    """The problems found (:class:`desktop.reporting.problems.Problem`), those of one unit
    and one rule when filtered.  ``Qt.UserRole`` gives the problem."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problems: tuple[P.Problem, ...] = ()
        self.rows: list[P.Problem] = []
        self.unit = self.rule = ""
        self._headers = []
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [self.tr("Severity"), self.tr("Rule"), self.tr("Code"), self.tr("Unit"),
                         self.tr("Record"), self.tr("Problem")]
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(self._headers) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self._headers) - 1))

    def set_problems(self, problems: tuple[P.Problem, ...]) -> None:
        self.problems = problems
        self._filter()

    def set_filter(self, unit: str = "", rule: str = "") -> None:
        """Only the problems of *unit* (and the units within it) and of *rule* ("": any)."""
        self.unit, self.rule = unit, rule
        self._filter()

    def _filter(self) -> None:
        self.beginResetModel()
        self.rows = [p for p in self.problems
                     if p.unit.startswith(self.unit) and (not self.rule or p.rule == self.rule)]
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        if role == Qt.UserRole:
            return p
        if role == Qt.ForegroundRole and index.column() == 0 and p.severity == P.HIGH:
            return HIGH
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return translate(P.CTX, P.SEVERITIES[p.severity])
        if column == 1:
            return P.RULE_MAP[p.rule].label
        if column == 4:
            return KINDS[p.kind].label.text()
        if column == 5:
            return p.text
        return p.unit if column == 2 else p.unit_name


class ThresholdsDialog(QDialog):
    """The thresholds of the rules, as this ledger keeps them."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("thresholds_dialog")
        self.setWindowTitle(self.tr("Thresholds of the problem list"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        values = P.thresholds(ledger)
        self.boxes: dict[str, QSpinBox] = {}
        for key, t in P.THRESHOLDS.items():
            box = self.boxes[key] = QSpinBox(self)
            box.setObjectName(f"threshold_{key}")
            box.setRange(t.minimum, t.maximum)
            box.setValue(values[key])
            box.setToolTip(self.tr("Default: {value}").format(value=t.default))
            form.addRow(QLabel(translate(P.CTX, t.label), self), box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.RestoreDefaults,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self._defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _defaults(self) -> None:
        for key, box in self.boxes.items():
            box.setValue(P.THRESHOLDS[key].default)

    def accept(self) -> None:
        """Keep the values (those at their default are stored as unset, so a later default applies)."""
        try:
            for key, box in self.boxes.items():
                P.set_threshold(self.ledger, key, None if box.value() == P.THRESHOLDS[key].default else box.value())
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            return
        super().accept()


class ProblemsView(MonthFigureView):
    """The problem list of the chosen unit ("" = the whole ledger) and month."""

    sig_changed = Signal(str)
    """A record opened from the list was changed (its kind)."""

    LOADING = QT_TR_NOOP("Checking the rules…")
    FAILED = QT_TR_NOOP("The rules could not be checked.")

    def __init__(self, ledger: Ledger, undo_stack=None, parent: QWidget | None = None) -> None:
        super().__init__(ledger, "problems", None, parent)
        self.setObjectName("problems_view")
        self.undo_stack = undo_stack
        self.report: tuple[P.Problem, ...] | None = None
        self.figure_label.hide()  # no per-unit chart here
        self.figure_combo.hide()
        self.unit_label_filter = QLabel(self)
        self.unit_filter = QComboBox(self)
        self.unit_filter.setObjectName("problems_unit_filter")
        self.unit_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.rule_label = QLabel(self)
        self.rule_filter = QComboBox(self)
        self.rule_filter.setObjectName("problems_rule_filter")
        self.rule_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for combo in (self.unit_filter, self.rule_filter):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.thresholds_button = QPushButton(self)
        self.thresholds_button.setObjectName("problems_thresholds")
        self.thresholds_button.clicked.connect(self.edit_thresholds)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("problems_count")

        self.model = ProblemTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("problems_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)  # the description takes the room there is
        self.view.doubleClicked.connect(self._open_index)

        filters = QHBoxLayout()
        for widget in (self.unit_label_filter, self.unit_filter, self.rule_label, self.rule_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.header_layout(self.thresholds_button))
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.retranslate()
        self._update_month_buttons()

    # ------------------------------------------------------------- computing and showing
    def compute(self, reader: Ledger, scope: str, month: str) -> tuple[P.Problem, ...]:
        return P.evaluate(reader, scope, month)

    def failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, ValueError) and not isinstance(exc, LedgerError):
            return str(exc)
        return super().failure_text(exc)

    def show_result(self) -> None:
        """Fill the filters and the table from the problems on hand (no query)."""
        found = self.report or ()
        unit, rule = self.unit_filter.currentData() or "", self.rule_filter.currentData() or ""
        for combo in (self.unit_filter, self.rule_filter):
            combo.blockSignals(True)
            combo.clear()
        self.unit_filter.addItem(self.tr("All units"), "")
        for code, name in sorted({(p.unit, p.unit_name) for p in found}):
            self.unit_filter.addItem(f"{name} ({code})", code)
        self.rule_filter.addItem(self.tr("All rules"), "")
        for r_id, n in P.counts(found).items():
            self.rule_filter.addItem(self.tr("{rule} ({n})").format(rule=P.RULE_MAP[r_id].label, n=n), r_id)
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(unit), 0))
        self.rule_filter.setCurrentIndex(max(self.rule_filter.findData(rule), 0))
        for combo in (self.unit_filter, self.rule_filter):
            combo.blockSignals(False)
        self.model.set_problems(found)
        self._apply_filter()
        self._fit_columns()

    def _apply_filter(self) -> None:
        self.model.set_filter(self.unit_filter.currentData() or "", self.rule_filter.currentData() or "")
        shown, total = len(self.model.rows), len(self.model.problems)
        self.count_label.setText(self.tr("%n problem(s)", "", total) if shown == total else
                                 self.tr("{shown} of {total} problems").format(shown=shown, total=total))

    def _fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 70
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 12, limit))

    # ------------------------------------------------------------- set the filters
    def set_unit_filter(self, code: str) -> None:
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(code), 0))

    def set_rule_filter(self, rule: str) -> None:
        self.rule_filter.setCurrentIndex(max(self.rule_filter.findData(rule), 0))

    # ------------------------------------------------------------- actions
    def _open_index(self, index: QModelIndex) -> None:
        problem = index.data(Qt.UserRole)
        if problem is not None:
            self.open_problem(problem)

    def open_problem(self, problem: P.Problem) -> None:
        """Open the record *problem* points at: its form (an edit is one undo step), or its
        history when no form edits its kind."""
        kind = KINDS[problem.kind]
        try:
            if not kind.in_forms:
                from ui.history import HistoryDialog

                HistoryDialog(self.ledger, kind.name, problem.record_id, self).exec()
                return
            from ui.forms import RecordForm

            form = RecordForm(self.ledger, kind.name, problem.record_id, parent=self)
        except LedgerError as exc:
            QMessageBox.warning(self, kind.label.text(), exc.text())
            return
        if form.exec() and form.previous:
            self._edited(kind.name, problem.record_id, form.previous)

    def _edited(self, kind: str, record_id: str, before: dict) -> None:
        if self.undo_stack is not None:
            from ui.undo import EditCommand

            stored = self.ledger.get(kind, record_id) or {}
            after = {n: stored.get(n) for n in before}
            self.undo_stack.push(EditCommand(self.ledger, kind, record_id, self.tr("edit {kind}").format(
                kind=KINDS[kind].label.text()), self._changed, before, after))
        self._changed(kind, record_id)

    def _changed(self, kind: str, _record_id: str) -> None:
        self.refresh()
        self.sig_changed.emit(kind)

    def edit_thresholds(self) -> None:
        if ThresholdsDialog(self.ledger, self).exec():
            self.refresh()

    # ------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.unit_label_filter.setText(self.tr("&Unit"))
        self.unit_label_filter.setBuddy(self.unit_filter)
        self.rule_label.setText(self.tr("&Rule"))
        self.rule_label.setBuddy(self.rule_filter)
        self.thresholds_button.setText(self.tr("&Thresholds…"))
        self.model.retranslate()
        super().retranslate()
