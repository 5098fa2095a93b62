"""The benchmarking checklist (对标整改台账): a unit's rectification tasks in the four
systems, their progress, the status workflow (not started → in progress → done →
verified by the level above) and the evidence attached to each task."""

from __future__ import annotations

import mimetypes
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGroupBox, QHBoxLayout, QLabel,
                               QMessageBox, QProgressBar, QSizePolicy, QSplitter, QTabBar, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import checklist, natural_org_id
from desktop.records.checklist import EMPTY_PROGRESS, TASK
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from ui import workers
from ui.forms import RecordForm
from ui.history import HistoryDialog
from ui.models import ID_ROLE, ListTableModel, RecordTableModel
from ui.review import ask_return_reason, confirm_verify, review_text
from ui.undo import CreateCommand, DeleteCommand, EditCommand
from ui.widgets import heading_label, open_file_name, record_table, select_row_of, tool_button

ATTACHMENT = "attachment"
#: Table columns, in order.
TASK_COLUMNS = ("org_id", "system", "title", "problem", "measure", "responsible", "deadline", "status",
                "return_reason")
COLUMN_WIDTHS = {"org_id": 120, "system": 90, "title": 170, "problem": 150, "measure": 150, "responsible": 80,
                 "deadline": 90, "status": 70, "return_reason": 160}
#: Files above this size are read and written in a worker thread.
BIG_FILE = 5 * 1024 * 1024
#: Files above this size are refused: the ledger travels on USB sticks and in sync batches.
MAX_FILE = 50 * 1024 * 1024


def safe_filename(name: str) -> str:
    """A file name that every file system accepts, keeping the original where it can."""
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", name).strip(" .")
    return name or "attachment"


def file_size(size: int) -> str:
    """A size as people write it (KB, MB), in the user's locale."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class ChecklistTaskModel(RecordTableModel):
    """The checklist tasks under a unit, optionally of one system."""

    def __init__(self, ledger: Ledger, parent: QObject | None = None) -> None:
        super().__init__(ledger, TASK, parent)
        self.columns = [self.kind.field(name) for name in TASK_COLUMNS]
        self.system: str | None = None

    def set_system(self, system: str | None) -> None:
        self.system = system
        self.set_where({"system": system} if system else {})

    def column_of(self, name: str) -> int:
        return [f.name for f in self.columns].index(name)


class AttachmentModel(ListTableModel):
    """The attachments (evidence) of one record: file name, size, date added."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []
        self._headers = [self.tr("File name"), self.tr("Size"), self.tr("Added on")]

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def record(self, row: int) -> dict:
        return self.rows[row]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < 3:
            return None
        rec = self.rows[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            if column == 0:
                return rec.get("filename") or ""
            if column == 1:
                return file_size(rec["size"]) if rec.get("size") is not None else ""
            return rec.get("added_on") or ""
        if role == Qt.TextAlignmentRole and column == 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == ID_ROLE:
            return rec["id"]
        return None


class ChecklistView(QWidget):
    """The checklist of the chosen unit and the units under it (对标整改台账)."""

    sig_changed = Signal(str)
    """Records of this kind changed (``checklist_task`` or ``attachment``)."""
    sig_loaded = Signal(int)
    """The task list and the progress were (re)loaded: the number of tasks listed."""

    def __init__(self, ledger: Ledger, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.undo_stack = ledger, undo_stack
        self.setObjectName("checklist_view")
        self.scope = ledger.scope
        self._selected_id: str | None = None
        self._resetting = False
        self._reading = False  # a big file is being read for attaching
        self._pending: set[str] = set()
        self._summary_generation = 0
        self.progress: dict = {}
        self.systems = enumerations().values("checklist_system")

        self.model = ChecklistTaskModel(ledger, self)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.sig_loaded.connect(lambda _n: self._part_loaded("table"))
        self.model.sig_failed.connect(self._load_failed)

        splitter = QSplitter(Qt.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._make_table())
        splitter.addWidget(self._make_evidence())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("checklist_status")
        self.status_label.setWordWrap(True)
        self.review_label = QLabel(self)
        self.review_label.setObjectName("checklist_review")
        self.review_label.setWordWrap(True)
        self.review_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._make_heading())
        layout.addLayout(self._make_tools())
        layout.addLayout(self._make_progress())
        layout.addWidget(self._make_system_tabs())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.review_label)
        layout.addWidget(self.status_label)
        self._show_unit()
        self._update_buttons()

    # ------------------------------------------------------------------ building
    def _make_heading(self) -> QHBoxLayout:
        """The unit's name, and the overdue count."""
        self.unit_label = heading_label(self, "checklist_unit")
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("checklist_overdue")
        self.overdue_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.overdue_label.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.unit_label)
        heading.addStretch(1)
        heading.addWidget(self.overdue_label)
        return heading

    def _make_tools(self) -> QHBoxLayout:
        """The self-inspection and the tables, the task buttons, then the workflow buttons."""
        self.inspect_button = tool_button(self, "self_inspection", self.self_inspection,
                                          self.tr("Self-inspection (八查八看)…"))
        self.issue_button = tool_button(self, "issue_tables", self.issue_tables, self.tr("Issue tables…"))
        self.issue_button.setToolTip(self.tr("Edit the reference table and issue it to the units below."))
        self.issue_button.setVisible(checklist.verifies_others(self.ledger.scope))
        self.generate_button = tool_button(self, "generate_tasks", self.generate,
                                           self.tr("Generate tasks from the reference table"))
        self.new_button = tool_button(self, "new_task", self.add, self.tr("New task"))
        self.edit_button = tool_button(self, "edit_task", self.edit_task, self.tr("Edit"))
        self.history_button = tool_button(self, "task_history", self.show_history, self.tr("History"))
        self.start_button = tool_button(self, "start_task", lambda: self.move("start"), self.tr("Start"))
        self.start_button.setToolTip(self.tr("Rectification has begun: status \"in progress\"."))
        self.done_button = tool_button(self, "done_task", lambda: self.move("done"), self.tr("Mark done"))
        self.verify_button = tool_button(self, "verify_task", lambda: self.move("verify"), self.tr("Verify"))
        self.verify_button.setVisible(checklist.verifies_others(self.ledger.scope))
        self.reopen_button = tool_button(self, "reopen_task", lambda: self.move("reopen"), self.tr("Reopen"))
        self.reopen_button.setToolTip(self.tr("Take the task one step back in the workflow."))
        self.action_buttons = {"start": self.start_button, "done": self.done_button, "verify": self.verify_button,
                               "reopen": self.reopen_button}
        tools = QHBoxLayout()
        for b in (self.inspect_button, self.issue_button, self.generate_button, self.new_button, self.edit_button,
                  self.history_button):
            tools.addWidget(b)
        tools.addSpacing(16)
        for action in checklist.ACTIONS:
            tools.addWidget(self.action_buttons[action])
        tools.addStretch(1)
        return tools

    def _make_progress(self) -> QHBoxLayout:
        """Progress per system: a line of text over a slim bar."""
        self.progress_bars: dict[str, QProgressBar] = {}
        self.progress_labels: dict[str, QLabel] = {}
        bars = QHBoxLayout()
        bars.setSpacing(16)
        for s in self.systems:
            label = QLabel(s.label(), self)
            label.setObjectName(f"progress_label_{s.key}")
            bar = QProgressBar(self)
            bar.setObjectName(f"progress_{s.key}")
            bar.setTextVisible(False)
            bar.setFixedHeight(8)
            bar.setValue(0)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(label)
            cell.addWidget(bar)
            self.progress_labels[s.key] = label
            self.progress_bars[s.key] = bar
            bars.addLayout(cell, 1)
        return bars

    def _make_system_tabs(self) -> QTabBar:
        """The system filter: all systems, or one."""
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("checklist_systems")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.addTab(self.tr("All systems"))
        self.tabs.setTabData(0, None)
        for s in self.systems:
            i = self.tabs.addTab(s.label())
            self.tabs.setTabData(i, s.key)
        self.tabs.currentChanged.connect(self._system_chosen)
        return self.tabs

    def _make_table(self) -> QWidget:
        """The tasks, one row each."""
        self.view = record_table(self, "checklist_table", self.model)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.AscendingOrder)  # the ledger's order until asked
        self.view.setSortingEnabled(True)
        metrics = header.fontMetrics()
        for i, f in enumerate(self.model.columns):
            # wide enough for the header and, for enumerations, for every label (English is longer)
            texts = [f.label.text()] + ([v.label() for v in enumerations().values(f.enum)] if f.enum else [])
            wanted = max(metrics.horizontalAdvance(t) for t in texts) + 28
            header.resizeSection(i, max(COLUMN_WIDTHS.get(f.name, 100), wanted))
        self.view.doubleClicked.connect(lambda _i: self.edit_task())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return self.view

    def _make_evidence(self) -> QGroupBox:
        """The selected task's files, with their buttons."""
        self.evidence = QGroupBox(self.tr("Evidence"), self)
        self.evidence.setObjectName("checklist_evidence")
        self.attachments = AttachmentModel(self)
        self.attachment_view = record_table(self.evidence, "attachment_table", self.attachments, row_height=24)
        self.attachment_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.attachment_view.setWordWrap(True)
        self.attachment_view.verticalHeader().hide()
        self.attachment_view.horizontalHeader().resizeSection(0, 320)
        self.attachment_view.doubleClicked.connect(lambda _i: self.open_attachment())
        self.attachment_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.attach_button = tool_button(self, "attach_file", self.attach_file, self.tr("Attach file…"))
        self.open_button = tool_button(self, "open_attachment", self.open_attachment, self.tr("Open"))
        self.remove_button = tool_button(self, "remove_attachment", self.remove_attachment, self.tr("Remove"))
        buttons = QVBoxLayout()
        for b in (self.attach_button, self.open_button, self.remove_button):
            b.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            b.setMinimumWidth(110)
            buttons.addWidget(b)
        buttons.addStretch(1)
        evidence_layout = QHBoxLayout(self.evidence)
        evidence_layout.addWidget(self.attachment_view, 1)
        evidence_layout.addLayout(buttons)
        return self.evidence

    # ------------------------------------------------------------------ scope and loading
    def set_scope(self, code: str) -> None:
        """Show the tasks of the unit *code* and the units under it."""
        self.scope = code
        self.model.scope = code
        self._show_unit()
        self.status_label.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the tasks, the progress and the evidence list."""
        self._pending = {"table", "summary"}
        self.model.reload()
        self._load_summary()
        self._load_attachments()

    def _show_unit(self) -> None:
        geo = geography()
        d = geo.get(self.scope) if self.scope else None
        name = d.name if d else self.tr("All units")
        self.unit_label.setText(f"{name}（{self.scope}）" if d else name)
        level = checklist.unit_level(self.scope)
        self.inspect_button.setEnabled(level is not None)
        self.inspect_button.setToolTip(self.tr("The first step: answer the self-inspection items and turn what you "
                                               "found into rectification tasks.") if level is not None else
                                       self.tr("Choose a township (or a county) for its self-inspection."))
        self.issue_button.setEnabled(not self.ledger.read_only)
        self.generate_button.setEnabled(level is not None and not self.ledger.read_only)
        if level is None:
            self.generate_button.setToolTip(self.tr("Choose a township (or a county) to generate its tasks."))
        else:
            self.generate_button.setToolTip(self.tr("Create one task per item of the reference table that this "
                                                    "unit does not have yet."))

    def _load_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        scope = self.scope
        workers.start_on_reader(self.ledger.path, lambda reader, _task: checklist.task_progress(reader, scope),
                                lambda result: self._summary_loaded(generation, result), self._load_failed)

    def _summary_loaded(self, generation: int, progress: dict) -> None:
        if generation != self._summary_generation:
            return
        self.progress = progress
        overdue = 0
        for s in self.systems:
            p = progress.get(s.key, EMPTY_PROGRESS)
            bar, label = self.progress_bars[s.key], self.progress_labels[s.key]
            bar.setMaximum(max(p["total"], 1))
            bar.setValue(p["done"])
            text = self.tr("{system}: done {done} / {total}").format(system=s.label(), done=p["done"],
                                                                      total=p["total"])
            bar.setFormat(text)
            label.setText(text)
            tip = self.tr("{system}: {total} tasks, {done} done, {verified} verified by the level above, "
                          "{overdue} overdue").format(system=s.label(), **p)
            bar.setToolTip(tip)
            label.setToolTip(tip)
            overdue += p["overdue"]
        self.overdue_label.setText(self.tr("%n task(s) overdue", "", overdue))
        self.overdue_label.setVisible(overdue > 0)
        self._part_loaded("summary")

    def _part_loaded(self, part: str) -> None:
        if part not in self._pending:
            return
        self._pending.discard(part)
        if not self._pending:
            if self.model.total == 0 and not self.status_label.text():
                hint = self.tr("No tasks yet.")
                if checklist.unit_level(self.scope) is not None:
                    hint += " " + self.tr("Generate them from the reference table, or add one with \"New task\".")
                self.status_label.setText(hint)
            self.sig_loaded.emit(self.model.total)

    def _load_failed(self, exc) -> None:
        text = exc.text() if isinstance(exc, LedgerError) else self.tr("The checklist could not be loaded.")
        self.status_label.setText(text)
        self._pending.clear()

    def _system_chosen(self, index: int) -> None:
        system = self.tabs.tabData(index)
        self.view.setColumnHidden(self.model.column_of("system"), system is not None)
        self.model.set_system(system)

    # ------------------------------------------------------------------ selection
    def _before_reset(self) -> None:
        self._resetting = True

    def _after_reset(self) -> None:
        self._resetting = False
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row >= 0:
            self.view.selectRow(row)
        else:
            self._selected_id = None
            self._load_attachments()
            self._update_buttons()

    def _selection_changed(self) -> None:
        if self._resetting:
            return
        rows = self.view.selectionModel().selectedRows()
        new = rows[0].data(ID_ROLE) if rows else None
        if new != self._selected_id:
            self._selected_id = new
            self._load_attachments()
        self._update_buttons()

    def select_task(self, task_id: str) -> bool:
        return select_row_of(self.view, task_id)

    def current_task(self) -> dict | None:
        """The selected task as stored now (the table may be a moment behind)."""
        if not self._selected_id:
            return None
        return self.ledger.get(TASK, self._selected_id)

    def current_attachment(self) -> dict | None:
        rows = self.attachment_view.selectionModel().selectedRows()
        return self.attachments.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        task = self.current_task()
        review = review_text(task)
        self.review_label.setText(review)
        self.review_label.setVisible(bool(review))
        upper_reopen = task is not None and checklist.is_return("reopen", task, self.ledger.scope)
        self.reopen_button.setText(self.tr("Return…") if upper_reopen else self.tr("Reopen"))
        writable = not self.ledger.read_only
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and task is not None)
        self.history_button.setEnabled(task is not None)
        for action, button in self.action_buttons.items():
            button.setEnabled(writable and task is not None and checklist.action_allowed(action, task, self.ledger.scope))
        missing = checklist.missing_proof(self.ledger, task) if task is not None and task["status"] in \
            checklist.OPEN_STATUSES else []
        self.done_button.setToolTip(checklist.proof_message(missing).text() if missing else
                                    self.tr("Rectification is finished: status \"done\", done on today."))
        if task is not None and not checklist.can_verify(self.ledger.scope, task.get("scope") or ""):
            self.verify_button.setToolTip(self.tr("Only the level above can verify this task."))
        elif task is not None and task["status"] != "done":
            self.verify_button.setToolTip(self.tr("A task can be verified once it is done."))
        else:
            self.verify_button.setToolTip(self.tr("Confirm, as the level above, that the rectification is done."))
        self.attach_button.setEnabled(writable and task is not None and not self._reading)
        attachment = self.current_attachment() if task is not None else None
        self.open_button.setEnabled(attachment is not None)
        self.remove_button.setEnabled(writable and attachment is not None)

    # ------------------------------------------------------------------ tasks
    def _task_changed(self, kind: str, record_id: str) -> None:
        self.refresh()
        self._update_buttons()
        self.sig_changed.emit(kind)

    def generate(self) -> None:
        """Create the tasks of the reference table that the unit's committee does not have yet."""
        try:
            plan = checklist.plan_tasks(self.ledger, self.scope)
            if plan is None:
                return
            if not plan.committee_exists:
                committee = enumerations().label("org_kind", plan.committee_kind)
                QMessageBox.information(self, self.generate_button.text(), self.tr(
                    "The ledger has no {committee} for {unit} yet. Add it among the organisations first.").format(
                    committee=committee, unit=self.unit_label.text()))
                return
            if not plan.rows:
                self.status_label.setText(self.tr("Every task of the reference table is already there."))
                return
            created = checklist.create_tasks(self.ledger, plan)
        except LedgerError as exc:
            QMessageBox.warning(self, self.generate_button.text(), exc.text())
            return
        # one undo step; only the first and the last command refresh the view (undo runs them backwards)
        self.undo_stack.beginMacro(self.tr("generate checklist tasks"))
        for n, task_id in enumerate(created):
            notify = self._task_changed if n in (0, len(created) - 1) else None
            self.undo_stack.push(CreateCommand(self.ledger, TASK, task_id, "", notify))
        self.undo_stack.endMacro()
        self.status_label.setText(self.tr("%n task(s) created from the reference table.", "", len(created)))
        self._task_changed(TASK, "")

    def self_inspection(self) -> None:
        """The chosen unit's self-inspection (八查八看), whose findings become tasks here."""
        from ui.checklist_inspection import SelfInspectionDialog

        dialog = SelfInspectionDialog(self.ledger, self.scope, self.undo_stack, self)
        dialog.sig_tasks_made.connect(lambda _n: self._task_changed(TASK, ""))
        dialog.exec()

    def issue_tables(self) -> None:
        """Edit the reference table and issue it to units below (一县一表)."""
        from ui.checklist_templates import TemplateIssueDialog

        TemplateIssueDialog(self.ledger, self).exec()
        self._task_changed(TASK, "")

    def add(self) -> None:
        """Add a task (to the chosen unit's committee and system, by default)."""
        defaults: dict = {}
        unit = checklist.unit_level(self.scope)
        if unit is not None:
            defaults["org_id"] = natural_org_id(unit[1], self.scope)
        system = self.tabs.tabData(self.tabs.currentIndex())
        if system:
            defaults["system"] = system
        form = self._form(None, defaults)
        if form.exec():
            self._selected_id = form.record_id
            self.undo_stack.push(CreateCommand(self.ledger, TASK, form.record_id, self.tr("new checklist task"),
                                               self._task_changed))
            self._task_changed(TASK, form.record_id)

    def edit_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        try:
            form = self._form(task["id"])
        except LedgerError as exc:
            QMessageBox.warning(self, self.edit_button.text(), exc.text())
            return
        if form.exec() and form.previous:
            stored = self.ledger.get(TASK, task["id"]) or {}
            after = {n: stored.get(n) for n in form.previous}
            self.undo_stack.push(EditCommand(self.ledger, TASK, task["id"], self.tr("edit checklist task"),
                                             self._task_changed, form.previous, after))
            self._task_changed(TASK, task["id"])

    def _form(self, task_id: str | None, defaults: dict | None = None) -> RecordForm:
        """A task's form whose workflow fields (status, dates, verification) are shown but not
        typed: they move only through the buttons, so that a unit cannot mark its own task
        verified, or done without proof."""
        form = RecordForm(self.ledger, TASK, task_id, defaults=defaults, parent=self)
        for name in checklist.WORKFLOW_FIELDS:
            field = form.fields.get(name)
            if field is not None:
                field.editor.setEnabled(False)
                field.editor.setToolTip(self.tr("Changed by the workflow buttons (Start, Mark done, Verify, "
                                                "Return)."))
        return form

    def show_history(self) -> None:
        task = self.current_task()
        if task is not None:
            HistoryDialog(self.ledger, TASK, task["id"], self).exec()

    def move(self, action: str) -> None:
        """Move the selected task along the workflow (undoable)."""
        task = self.current_task()
        if task is None:
            return
        if not checklist.action_allowed(action, task, self.ledger.scope):
            self._update_buttons()
            return
        texts = {"start": self.tr("start task"), "done": self.tr("mark task done"),
                 "verify": self.tr("verify task"), "reopen": self.tr("reopen task")}
        reason = None
        if checklist.is_return(action, task, self.ledger.scope):
            texts["reopen"] = self.tr("return task")
            reason = ask_return_reason(task, self._unit_of(task), self)
            if not reason:
                return
        elif action == "verify" and not confirm_verify(task, self._unit_of(task), self._evidence_count(task), self):
            return
        self.status_label.clear()
        try:
            made = checklist.move(self.ledger, task, action, reason=reason)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("Checklist"), exc.text())
            made = []
        if made:
            self.undo_stack.beginMacro(texts[action])
            for before, after in made:
                self.undo_stack.push(EditCommand(self.ledger, TASK, task["id"], texts[action], self._task_changed,
                                                 before, after))
            self.undo_stack.endMacro()
        self._task_changed(TASK, task["id"])

    def _unit_of(self, task: dict) -> str:
        d = geography().get(task.get("scope") or "")
        return d.name if d else (task.get("scope") or "")

    def _evidence_count(self, task: dict) -> int:
        try:
            return checklist.evidence_count(self.ledger, task["id"])
        except LedgerError:
            return 0

    # ------------------------------------------------------------------ evidence
    def _load_attachments(self) -> None:
        rows: list[dict] = []
        if self._selected_id:
            try:
                rows = self.ledger.query(ATTACHMENT, where={"owner_kind": TASK, "owner_id": self._selected_id},
                                         order_by="added_on")
            except LedgerError as exc:
                self.status_label.setText(exc.text())
        self.attachments.set_rows(rows)
        if self._selected_id:
            d = len(rows)
            self.evidence.setTitle(self.tr("Evidence (%n file(s))", "", d))
        else:
            self.evidence.setTitle(self.tr("Evidence"))
        self._update_buttons()

    def _attachments_changed(self, kind: str, record_id: str) -> None:
        self._load_attachments()
        self.sig_changed.emit(ATTACHMENT)

    def attach_file(self) -> None:
        """Choose a file and store it as evidence of the selected task."""
        task = self.current_task()
        if task is None:
            return
        path = open_file_name(self, "evidence", self.tr("Attach evidence"), self.tr("All files (*)"))
        if not path:
            return
        name = Path(path).name
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Attach file"),
                                self.tr("{file} cannot be read: {reason}").format(file=name, reason=exc.strerror))
            return
        if size > MAX_FILE:
            QMessageBox.warning(self, self.tr("Attach file"), self.tr(
                "{file} is {size}. Files over {limit} cannot be attached: the ledger travels on USB sticks and "
                "over slow connections. Attach a smaller copy (for example compressed photos or a PDF).").format(
                file=name, size=file_size(size), limit=file_size(MAX_FILE)))
            return
        if size <= BIG_FILE:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Attach file"),
                                    self.tr("{file} cannot be read: {reason}").format(file=name, reason=exc.strerror))
                return
            self._store_attachment(task["id"], name, data)
            return
        self._reading = True
        self._update_buttons()
        self.status_label.setText(self.tr("Reading {file}…").format(file=name))
        workers.start(lambda _task: Path(path).read_bytes(),
                      lambda data: self._file_read(task["id"], name, data),
                      lambda exc: self._file_failed(name, exc))

    def _file_read(self, task_id: str, name: str, data: bytes) -> None:
        self._reading = False
        self.status_label.clear()
        self._store_attachment(task_id, name, data)

    def _file_failed(self, name: str, exc: BaseException) -> None:
        self._reading = False
        self.status_label.clear()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        QMessageBox.warning(self, self.tr("Attach file"),
                            self.tr("{file} cannot be read: {reason}").format(file=name, reason=reason))
        self._update_buttons()

    def _store_attachment(self, task_id: str, name: str, data: bytes) -> None:
        media_type = mimetypes.guess_type(name)[0]
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            attachment_id = self.ledger.attach(TASK, task_id, name, data, media_type)
        except LedgerError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Attach file"), exc.text())
            self._update_buttons()
            return
        QApplication.restoreOverrideCursor()
        self.undo_stack.push(CreateCommand(self.ledger, ATTACHMENT, attachment_id,
                                           self.tr("attach {file}").format(file=name), self._attachments_changed))
        self._attachments_changed(ATTACHMENT, attachment_id)

    def open_attachment(self) -> None:
        """Write the attachment to a temporary file under its own name and open it."""
        att = self.current_attachment()
        if att is None:
            return
        name = safe_filename(att["filename"] or "")
        folder = Path(tempfile.mkdtemp(prefix="township-ledger-"))
        target = folder / name
        if (att.get("size") or 0) <= BIG_FILE:
            try:
                target.write_bytes(self.ledger.blob(att["sha256"]))
            except (LedgerError, OSError) as exc:
                self._open_failed(name, exc)
                return
            self._launch(target)
            return
        sha = att["sha256"]

        def work(reader, _task) -> Path:
            target.write_bytes(reader.blob(sha))
            return target

        self.status_label.setText(self.tr("Opening {file}…").format(file=name))
        workers.start_on_reader(self.ledger.path, work, self._launch, lambda exc: self._open_failed(name, exc))

    def _launch(self, target: Path) -> None:
        self.status_label.clear()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.information(self, self.tr("Open"), self.tr(
                "No program on this computer opens {file}. It was saved as {path}.").format(
                file=target.name, path=str(target)))

    def _open_failed(self, name: str, exc: BaseException) -> None:
        self.status_label.clear()
        if isinstance(exc, LedgerError):
            reason = exc.text()
        elif isinstance(exc, OSError) and exc.strerror:
            reason = exc.strerror
        else:
            reason = str(exc)
        QMessageBox.warning(self, self.tr("Open"),
                            self.tr("{file} could not be opened: {reason}").format(file=name, reason=reason))

    def remove_attachment(self) -> None:
        att = self.current_attachment()
        if att is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove"),
            self.tr("Remove {file} from the task's evidence? You can undo this with Ctrl+Z.").format(
                file=att["filename"]),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            self.ledger.delete(ATTACHMENT, att["id"])
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("Remove"), exc.text())
            return
        # pushed after the write, so that an error shows here and not inside the undo stack
        self.undo_stack.push(DeleteCommand(self.ledger, ATTACHMENT, att["id"],
                                           self.tr("remove {file}").format(file=att["filename"]),
                                           self._attachments_changed))
        self._attachments_changed(ATTACHMENT, att["id"])
