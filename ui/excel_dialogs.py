"""Excel in and out (导入 / 导出 Excel): the import dialog with its row-by-row preview, and
the exports the File menu offers (the table shown, the whole ledger, a blank template).

All file and ledger work runs in workers (``desktop.excel`` does it); writes go through a
second connection of this program (``Ledger.sibling``), reads through a read-only one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QProgressBar, QProgressDialog, QPushButton, QTableView, QVBoxLayout, QWidget)

from desktop import excel
from desktop.errors import LedgerError
from desktop.excel import ADD, DUPLICATE, ERROR, STATUS_LABELS, UPDATE, ImportOptions, ImportPlan, ImportResult
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.records import KINDS, T, unit_committee_kind
from ui import workers
from ui.forms import ERROR_STYLE
from ui.import_answers import AnswersPanel
from ui.widgets import open_file_name, save_file_name

STATUS_ROLE = Qt.UserRole + 1
#: Row colours of the preview, per status (light, so the text stays readable).
STATUS_COLOURS = {ADD: QColor("#e8f5e9"), UPDATE: QColor("#e3f2fd"), DUPLICATE: QColor("#eeeeee"),
                  ERROR: QColor("#ffebee")}
STATUS_TEXT_COLOURS = {ADD: QColor("#2e7d32"), UPDATE: QColor("#1565c0"), DUPLICATE: QColor("#616161"),
                       ERROR: QColor("#c62828")}
#: A value a row lacks and will be completed later (待补全).
TO_COMPLETE_COLOUR = QColor("#ffe0b2")
#: Rows of a plan up to which the preview fits every row's height to its wrapped reason.
WRAP_ROWS = 2000


def _cell_text(value: object) -> str:
    return "" if value is None else excel.cell_text(value)


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, LedgerError):
        return exc.text()
    if isinstance(exc, OSError):
        return f"{exc.filename or ''} {exc.strerror or exc}".strip()
    return QCoreApplication.translate("ExcelExport", "Something went wrong inside the program; the details are in the log.")


# ----------------------------------------------------------------------------- preview model
class PlanModel(QAbstractTableModel):
    """The rows of an import plan: sheet (when there are several), Excel row, status,
    the cells of the recognised columns as the file has them, and the reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.rows: list = []
        self.fields: list[str] = []
        self.with_sheet = False
        self.errors_only = False
        #: (plan row, field) → a colour for that cell over its row's, or None (a reader's marks)
        self.cell_colour = None

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        # the columns the file has, and those it lacks that rows are written without
        missing = {n for r in plan.incomplete for n in r.missing} if plan else set()
        self.fields = [f.name for f in KINDS[plan.kind].fields if f.name in set(plan.fields) | missing] if plan else []
        self.with_sheet = bool(plan and len(plan.sheets) > 1)
        self._filter()
        self.endResetModel()

    def set_errors_only(self, on: bool) -> None:
        self.beginResetModel()
        self.errors_only = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        rows = self.plan.rows if self.plan else []
        self.rows = [r for r in rows if r.status == ERROR] if self.errors_only else list(rows)

    def _columns(self) -> list[str]:
        lead = ["sheet", "row", "status"] if self.with_sheet else ["row", "status"]
        return lead + self.fields + ["reason"]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        columns = self._columns()
        if not 0 <= section < len(columns):
            return None
        name = columns[section]
        fixed = {"sheet": self.tr("Sheet"), "row": self.tr("Row"), "status": self.tr("Status"),
                 "reason": self.tr("Reason")}
        if name in fixed:
            return fixed[name]
        return KINDS[self.plan.kind].field(name).label.text() if self.plan else name

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        columns = self._columns()
        if not 0 <= index.column() < len(columns):
            return None
        row = self.rows[index.row()]
        name = columns[index.column()]
        if role == Qt.DisplayRole:
            if name == "sheet":
                return row.sheet
            if name == "row":
                return row.row
            if name == "status":
                status = translate("excel", STATUS_LABELS[row.status])
                return self.tr("{status}, to complete").format(status=status) if row.incomplete else status
            if name == "reason":
                return row.reason()
            if name in row.missing:
                return self.tr("To complete")
            return _cell_text(row.raw.get(name))
        if role == Qt.ToolTipRole:
            if name in ("status", "reason", "row", "sheet"):
                return row.line(with_sheet=self.with_sheet) if row.reason() else None
            bad = [p.text() for p in row.problems if p.field == name]
            return "\n".join(bad) if bad else None
        if role == Qt.BackgroundRole:
            if name not in ("sheet", "row", "status", "reason") and any(p.field == name for p in row.problems):
                return QBrush(QColor("#ffcdd2"))
            marked = self.cell_colour(row, name) if self.cell_colour is not None else None
            if marked is not None:
                return QBrush(marked)
            if name in row.missing:
                return QBrush(TO_COMPLETE_COLOUR)
            return QBrush(STATUS_COLOURS[row.status])
        if role == Qt.ForegroundRole and name == "status":
            return QBrush(STATUS_TEXT_COLOURS[row.status])
        if role == Qt.TextAlignmentRole and name == "row":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == STATUS_ROLE:
            return row.status
        return None


# ----------------------------------------------------------------------------- import dialog
class ImportDialog(QDialog):
    """Import an Excel workbook: choose the file, the kind of records and the unit, see
    every row's fate (new, update, duplicate, error with its reason), import the good
    rows in one undoable step, save the bad rows to fix them."""

    sig_imported = Signal(str)
    """Records of this kind were imported, or an import was undone (the kind)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, kind: str = "committee_member",
                 unit: str | None = None, path: str | None = None, reader=None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        #: ``reader(path, kind, progress)`` → the file's sheets, in a worker; None: the workbook reader
        self.reader = reader
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import Excel"))
        self.resize(1000, 620)
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.task: workers.Task | None = None
        self._generation = 0
        #: what the user decided about the file (a value for a column, answers for words …)
        self.options = ImportOptions()
        #: (field, word) → key: the words answered, kept on show so an answer can be changed
        self.answered: dict[tuple[str, str], str] = {}

        layout = QVBoxLayout(self)
        layout.addLayout(self._choices(kind, unit))
        self.summary = QLabel(self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.errors_only = QCheckBox(self.tr("Only rows with errors"), self)
        self.errors_only.setObjectName("import_errors_only")
        self.errors_only.toggled.connect(lambda on: self.model.set_errors_only(on))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.errors_only)
        layout.addLayout(top)
        self.answers = AnswersPanel(self)
        self.answers.sig_column_value.connect(self.set_column_value)
        self.answers.sig_word.connect(self.map_word)
        self.answers.sig_exits.connect(self.set_exits_from_remarks)
        layout.addWidget(self.answers)
        layout.addWidget(self._preview(), 1)
        self.detail = QLabel(self)
        self.detail.setObjectName("import_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.detail)
        layout.addLayout(self._busy_row())
        layout.addWidget(self._buttons())
        self.template_link.setVisible(self.kind() in excel.TEMPLATE_KINDS)
        self._update_buttons()
        if path:
            self.set_path(path)

    def _choices(self, kind: str, unit: str | None) -> QFormLayout:
        """The file, the kind of records and the unit."""
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("import_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose a spreadsheet (.xlsx, .xls, .et, .ods, .csv)…"))
        self.browse_button = QPushButton(self.tr("Choose file…"), self)
        self.browse_button.setObjectName("import_browse")
        self.browse_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("import_kind")
        for name in excel.IMPORT_KINDS:
            self.kind_combo.addItem(KINDS[name].label.text(), name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("import_unit")
        self._fill_units(unit)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._new_choices())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.check())
        self.template_link = QLabel(f'<a href="template">{self.tr("Download the blank template")}</a>', self)
        self.template_link.setObjectName("import_template")
        self.template_link.linkActivated.connect(lambda _link: self.save_blank_template())
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo, 1)
        kind_row.addWidget(self.template_link)

        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Records:"), kind_row)
        form.addRow(self.tr("Unit:"), self.unit_combo)
        return form

    def _preview(self) -> QTableView:
        self.model = PlanModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("import_preview")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultSectionSize(100)
        # a reason is read whole: wrapped in its cell, never cut with "…"
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.ElideNone)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail(current.row()))
        return self.view

    def _show_detail(self, row: int) -> None:
        """The whole reason of the chosen row, selectable, below the preview."""
        rows = self.model.rows
        self.detail.setText(rows[row].line(with_sheet=self.model.with_sheet) if 0 <= row < len(rows) and
                            rows[row].reason() else "")

    def _busy_row(self) -> QHBoxLayout:
        self.progress = QProgressBar(self)
        self.progress.setObjectName("import_progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("import_cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        return row

    def _buttons(self) -> QDialogButtonBox:
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("import_run")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_rows)
        self.save_errors_button = QPushButton(self.tr("Save the rows with errors…"), self)
        self.save_errors_button.setObjectName("import_save_errors")
        self.save_errors_button.clicked.connect(self.save_errors)
        self.undo_button = QPushButton(self.tr("Undo this import"), self)
        self.undo_button.setObjectName("import_undo")
        self.undo_button.clicked.connect(self.undo_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.save_errors_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # ------------------------------------------------------------- choices
    def _fill_units(self, unit: str | None) -> None:
        self.unit_combo.blockSignals(True)
        self.unit_combo.addItem(self.tr("From the organisation column of the file"), "")
        committees = self.ledger.query("organisation", where={"kind": "township_committee"}, order_by="division_code",
                                       columns=("name", "division_code"))
        committees = self.ledger.query("organisation", where={"kind": "county_committee"}, order_by="division_code",
                                       columns=("name", "division_code")) + committees
        for o in committees:
            self.unit_combo.addItem(f"{o['name']}（{o['division_code']}）", o["division_code"])
        if unit is None and unit_committee_kind(self.ledger.scope) == "township_committee":
            unit = self.ledger.scope  # a township's ledger imports for its own committee
        i = self.unit_combo.findData(unit or "")
        self.unit_combo.setCurrentIndex(max(i, 0))
        self.unit_combo.blockSignals(False)

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def unit(self) -> str | None:
        return self.unit_combo.currentData() or None

    def path(self) -> str:
        return self.file_edit.text()

    def choose_file(self) -> None:
        start = str(Path(self.path()).parent) if self.path() else str(Path.home())
        path = open_file_name(self, "excel", self.tr("Import Excel"),
                              self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.tsv *.txt *.et);;"
                                      "Excel workbooks (*.xlsx *.xlsm *.xls *.xlsb);;"
                                      "OpenDocument spreadsheets (*.ods);;"
                                      "Text tables (*.csv *.tsv *.txt);;All files (*)"), start)
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.file_edit.setText(str(path))
        self._new_choices()

    def _new_choices(self) -> None:
        """Another file or kind: the answers given for the last one do not apply."""
        self.options, self.answered = ImportOptions(), {}
        self.template_link.setVisible(self.kind() in excel.TEMPLATE_KINDS)
        self.check()

    # ------------------------------------------------------------- answers
    def set_column_value(self, field: str, value: object | None) -> None:
        """One value for every row that has none in *field*'s column (the field by name or
        label; the value as typed in a cell: "兼职", "2024-01-01"); None leaves the rows to be
        completed later.  The file is checked again with it."""
        try:
            f = excel.field_of(self.kind(), field)
            if value is not None:
                excel.check_column_value(f, value)
        except LedgerError as exc:
            self._show_failure(exc)
            return
        if value is None:
            self.options.column_values.pop(f.name, None)
        else:
            self.options.column_values[f.name] = value
        self.check()

    def map_word(self, field: str, word: str, value: str | None) -> None:
        """*word* in *field*'s column stands for *value* (a label or key; None: unanswered);
        the ledger remembers the answer when the file is imported."""
        try:
            f = excel.field_of(self.kind(), field)
            key = excel.choice(f, value) if value is not None else None
        except LedgerError as exc:
            self._show_failure(exc)
            return
        if key is None:
            self.answered.pop((f.name, word), None)
        else:
            self.answered[(f.name, word)] = key
        words: dict[str, dict[str, str]] = {}
        for (name, w), k in self.answered.items():
            words.setdefault(KINDS[self.kind()].field(name).enum, {})[w] = k
        self.options.words = words
        self.check()

    def set_exits_from_remarks(self, on: bool) -> None:
        """Take the exit dates the remarks column gives ("2024年5月调离") as exit dates."""
        self.options.exits_from_remarks = on
        self.check()

    def save_blank_template(self) -> ExcelJob | None:
        """The blank template of the kind chosen, saved where the user says."""
        return save_template(self, self.kind(), choose=False)

    # ------------------------------------------------------------- work
    def _start(self, fn, on_done, text: str) -> None:
        """Run *fn* in a worker with the progress bar and Cancel shown."""
        self._generation += 1
        generation = self._generation
        if self.task is not None:
            self.task.cancel()
        self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)

        def done(result):
            if generation == self._generation:
                self._idle()
                on_done(result)

        def failed(exc):
            if generation == self._generation:
                self._idle()
                self._show_failure(exc)

        def progress(n: int, total: int) -> None:
            if generation == self._generation and total:
                self.progress.setRange(0, total)
                self.progress.setValue(n)

        self.task = workers.start(fn, done, failed, progress, owner=self)
        self._update_buttons()

    def _idle(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def busy(self) -> bool:
        return self.task is not None

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _show_failure(self, exc: BaseException) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, workers.Cancelled):
            self.summary.setText(self.tr("Cancelled; nothing was stored."))
        else:
            self.summary.setText(_failure_text(exc))

    def check(self) -> None:
        """Read the file and plan the import (nothing is stored)."""
        path = self.path()
        if not path:
            return
        self.plan, self.result = None, None
        self.model.set_plan(None)
        kind, unit, owner, reader = self.kind(), self.unit(), self.ledger, self.reader
        options = ImportOptions(dict(self.options.column_values), dict(self.options.words), self.options.incomplete,
                                self.options.exits_from_remarks)

        def work(task):
            sheets = reader(path, kind, task.progress) if reader is not None else None
            sibling = owner.sibling()
            try:
                return excel.plan_import(sibling, kind, path, unit, progress=task.progress, sheets=sheets,
                                         options=options)
            finally:
                sibling.close()

        self._start(work, self._planned, self.tr("Checking the file…"))

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        self.answers.show_plan(plan, self.answered)
        self.detail.clear()
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for i in range(header.count() - 1):
            header.resizeSection(i, min(header.sectionSize(i) + 8, 220))
        if len(plan.rows) <= WRAP_ROWS:  # fitting the heights of many rows takes long; their tooltips say all
            self.view.resizeRowsToContents()
        self.summary.setStyleSheet("")
        self.summary.setText(self._plan_text(plan))
        self._update_buttons()

    def _plan_text(self, plan: ImportPlan) -> str:
        counts = plan.summary()
        text = self.tr("New: {add}   Update: {update}   Duplicates (skipped): {duplicate}   Errors: {error}").format(**counts)
        if not plan.rows:
            text = self.tr("The file has no data rows below the header.")
        incomplete = plan.incomplete
        if incomplete:
            k = KINDS[plan.kind]
            fields = "、".join(k.field(n).label.text() for n in plan.missing_counts())
            text += "\n" + self.tr("{n} records to complete: no {fields}").format(n=len(incomplete), fields=fields)
        ignored = plan.ignored_columns
        if ignored:
            text += "\n" + self.tr("Columns not imported: {columns}").format(columns="、".join(ignored))
        for name, why in plan.skipped_sheets:
            text += "\n" + self.tr("Sheet {sheet} not imported: {reason}").format(sheet=name, reason=why.text())
        return text

    def import_rows(self) -> None:
        plan, owner = self.plan, self.ledger
        if plan is None or not plan.writable or self.busy():
            return

        def work(task):
            sibling = owner.sibling()
            try:
                return excel.apply_import(sibling, plan, progress=task.progress)
            finally:
                sibling.close()

        self._start(work, self._imported, self.tr("Importing…"))

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        text = self.tr("Imported {added} new and {updated} updated records.").format(
            added=result.added, updated=result.updated)
        if result.errors:
            text += " " + self.tr("{n} rows with errors were not imported.").format(n=result.errors)
        if result.incomplete:
            text += " " + self.tr("{n} of them to complete in the table.").format(n=result.incomplete)
        self.summary.setText(text)
        self._update_buttons()
        self.sig_imported.emit(self.plan.kind)

    def undo_import(self) -> None:
        result, owner = self.result, self.ledger
        if result is None or not result.batch_id or self.busy():
            return

        def work(task):
            sibling = owner.sibling()
            try:
                return sibling.undo_batch(result.batch_id)
            finally:
                sibling.close()

        self._start(work, self._undone, self.tr("Undoing the import…"))

    def _undone(self, touched: int) -> None:
        kind = self.plan.kind if self.plan else self.kind()
        self.result = None
        self.plan = None
        self.model.set_plan(None)
        self.summary.setText(self.tr("The import was undone ({n} records).").format(n=touched))
        self._update_buttons()
        self.sig_imported.emit(kind)

    def save_errors(self) -> None:
        plan = self.plan
        if plan is None or not plan.errors:
            return
        path = save_file_name(self, "excel", self.tr("Save the rows with errors"),
                              excel.error_workbook_path(plan.path), self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"

        def work(task):
            excel.write_error_workbook(plan, path)
            return path

        def done(written):
            self.summary.setText(self._plan_text(plan) + "\n" + self.tr(
                "The rows with errors were saved to {path}. Correct them there and import that file.").format(path=written))

        self._start(work, done, self.tr("Saving…"))

    def _update_buttons(self) -> None:
        busy = self.busy()
        plan, result = self.plan, self.result
        self.browse_button.setEnabled(not busy)
        self.answers.setEnabled(not busy)
        self.kind_combo.setEnabled(not busy)
        self.unit_combo.setEnabled(not busy)
        self.import_button.setEnabled(not busy and plan is not None and result is None and plan.writable > 0)
        self.save_errors_button.setEnabled(not busy and plan is not None and bool(plan.errors))
        self.undo_button.setEnabled(not busy and result is not None and bool(result.batch_id))

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()


# ----------------------------------------------------------------------------- exports
class ExcelJob(QObject):
    """One export running in a worker, with a progress dialog that can cancel it."""

    sig_done = Signal(object)
    """The export finished (the file written)."""
    sig_failed = Signal(object)
    """The export failed or was cancelled (the exception)."""

    def __init__(self, parent: QWidget | None, title: str, fn, done_text: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.dialog = QProgressDialog(title, QCoreApplication.translate("ExcelExport", "Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.done_text = done_text
        self.result = None
        self.error: BaseException | None = None
        self.task = workers.start(fn, self._done, self._failed, self._progress, owner=self)
        self.dialog.canceled.connect(self.task.cancel)

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.dialog.canceled.disconnect()
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result) -> None:
        self._close()
        self.result = result
        window = self.parent_widget.window() if self.parent_widget is not None else None
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.done_text.format(path=result), 10000)
        self.sig_done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        self.error = exc
        if not isinstance(exc, workers.Cancelled):
            QMessageBox.warning(self.parent_widget, QCoreApplication.translate("ExcelExport", "Export"),
                                QCoreApplication.translate("ExcelExport", "The file was not written: {reason}").format(reason=_failure_text(exc)))
        self.sig_failed.emit(exc)


def _ask_save_path(parent: QWidget | None, title: str, default_name: str) -> str | None:
    path = save_file_name(parent, "excel_export", title, Path.home() / default_name,
                          QCoreApplication.translate("ExcelExport", "Excel workbooks (*.xlsx)"))
    if not path:
        return None
    return path if path.lower().endswith(".xlsx") else path + ".xlsx"


def visible_columns(section) -> list[str]:
    """The fields a section's table shows, in the order of its header (moved columns
    where the user put them, hidden ones left out)."""
    header = section.view.horizontalHeader()
    columns = section.model.columns
    shown = [i for i in range(min(header.count(), len(columns))) if not header.isSectionHidden(i)]
    shown.sort(key=header.visualIndex)
    return [columns[i].name for i in shown]


def export_view(section, parent: QWidget | None = None) -> ExcelJob | None:
    """Export what a table section shows — its kind, unit, filter, organisation, sort
    order and visible columns — to a workbook the user names."""
    model = section.model
    kind = model.kind.name
    columns = visible_columns(section)
    args = dict(scope=model.scope, where=dict(model.where) or None, search=model.search or None)
    order = dict(order_by=model.order_by, descending=model.descending)
    label = model.kind.label.text()
    path = _ask_save_path(parent, QCoreApplication.translate("ExcelExport", "Export the table"), f"{label}-{dt.date.today():%Y%m%d}.xlsx")
    if path is None:
        return None
    ledger_path = model.ledger.path

    def work(task):
        reader = Ledger.open(ledger_path, read_only=True, verify=False)
        try:
            total = reader.count(kind, **args)
            rows = reader.query(kind, **args, **order)
            k = KINDS[kind]
            fields = [k.field(c) for c in columns]
            titles = excel.ref_titles(reader, k, rows, [f for f in fields if f.type is T.REF])
            excel.export_rows(path, kind, rows, columns, titles=titles, progress=task.progress, total=total)
            return path
        finally:
            reader.close()

    return ExcelJob(parent, QCoreApplication.translate("ExcelExport", "Exporting {kind}…").format(kind=label), work, QCoreApplication.translate("ExcelExport", "Exported to {path}"))


def export_whole_ledger(ledger: Ledger, parent: QWidget | None = None, scope: str | None = None) -> ExcelJob | None:
    """The whole ledger (under *scope*), a sheet per record kind."""
    path = _ask_save_path(parent, QCoreApplication.translate("ExcelExport", "Export the whole ledger"), f"{ledger.path.stem}-{dt.date.today():%Y%m%d}.xlsx")
    if path is None:
        return None
    ledger_path = ledger.path
    scope = ledger.scope if scope is None else scope

    def work(task):
        reader = Ledger.open(ledger_path, read_only=True, verify=False)
        try:
            excel.export_ledger(reader, path, scope, progress=task.progress)
            return path
        finally:
            reader.close()

    return ExcelJob(parent, QCoreApplication.translate("ExcelExport", "Exporting the ledger…"), work, QCoreApplication.translate("ExcelExport", "Exported to {path}"))


def save_template(parent: QWidget | None = None, kind: str | None = None, *, choose: bool = True) -> ExcelJob | None:
    """A blank import template: the user picks the kind of records (*kind* preselected,
    or taken as it is with ``choose=False``) and where to save it."""
    if choose or kind not in excel.TEMPLATE_KINDS:
        labels = [KINDS[k].label.text() for k in excel.TEMPLATE_KINDS]
        current = excel.TEMPLATE_KINDS.index(kind) if kind in excel.TEMPLATE_KINDS else 0
        label, ok = QInputDialog.getItem(parent, QCoreApplication.translate("ExcelExport", "Blank template"),
                                         QCoreApplication.translate("ExcelExport", "Template for:"), labels, current, False)
        if not ok:
            return None
        kind = excel.TEMPLATE_KINDS[labels.index(label)]
    name = QCoreApplication.translate("ExcelExport", "{kind} template").format(kind=KINDS[kind].label.text())
    path = _ask_save_path(parent, QCoreApplication.translate("ExcelExport", "Save the blank template"), f"{name}.xlsx")
    if path is None:
        return None

    def work(task):
        excel.write_template(kind, path)
        return path

    return ExcelJob(parent, QCoreApplication.translate("ExcelExport", "Writing the template…"), work,
                    QCoreApplication.translate("ExcelExport", "Template saved to {path}"))
