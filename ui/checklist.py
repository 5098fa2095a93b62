"""The benchmarking checklist (对标整改台账): a unit's rectification tasks in the four
systems, their progress, the status workflow (not started → in progress → done →
verified by the level above) and the evidence attached to each task."""

from __future__ import annotations


from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel,
                               QMessageBox, QProgressBar, QSplitter, QTabBar, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.records import checklist, natural_org_id
from desktop.records.checklist import EMPTY_PROGRESS, TASK
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from ui import workers
from ui.attachments import AttachmentPanel
from ui.forms import RecordForm
from ui.history import HistoryDialog
from ui.models import ID_ROLE, RecordTableModel
from ui.review import ask_return_reason, confirm_verify, review_text
from ui.undo import CreateCommand, EditCommand
from ui.widgets import heading_label, record_table, select_row_of, tool_button

#: Table columns, in order.
TASK_COLUMNS = ("org_id", "system", "title", "problem", "measure", "responsible", "deadline", "status",
                "return_reason")
COLUMN_WIDTHS = {"org_id": 120, "system": 90, "title": 170, "problem": 150, "measure": 150, "responsible": 80,
                 "deadline": 90, "status": 70, "return_reason": 160}
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

    def _make_evidence(self) -> AttachmentPanel:
        """The selected task's files, with their buttons (attach, open, remove)."""
        self.evidence = AttachmentPanel(
            self.ledger, TASK, self.undo_stack, self,
            owner=lambda: (self.current_task() or {}).get("id"),
            title=lambda n: self.tr("Evidence") if n is None else self.tr("Evidence (%n file(s))", "", n))
        self.evidence.setObjectName("checklist_evidence")
        self.evidence.sig_changed.connect(self._evidence_changed)
        # the panel's parts, by the names the checklist has always had
        self.attachments, self.attachment_view = self.evidence.model, self.evidence.view
        self.attach_button, self.open_button = self.evidence.attach_button, self.evidence.open_button
        self.remove_button = self.evidence.remove_button
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
                                lambda result: self._summary_loaded(generation, result), self._load_failed,
                                owner=self)

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
        return self.evidence.current()

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
        """The selected task's files, read again (a sync may have brought some for the same task)."""
        if self.evidence.owner_id == self._selected_id:
            self.evidence.reload()
        else:
            self.evidence.set_owner(self._selected_id)

    def _evidence_changed(self, kind: str) -> None:
        self._update_buttons()
        self.sig_changed.emit(kind)
