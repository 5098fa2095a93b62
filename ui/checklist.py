"""The benchmarking checklist (对标整改台账): a unit's rectification tasks in the four
systems, their progress, the status workflow (not started → in progress → done →
verified by the level above) and the evidence attached to each task."""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QMessageBox, QProgressBar, QSizePolicy, QSplitter, QTabBar, QTableView,
                               QToolButton, QVBoxLayout, QWidget)

from desktop.records.enums import enumerations
from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from desktop.records import natural_org_id
from desktop.ledger.reference import templates_for
from ui import workers
from ui.forms import RecordForm
from ui.history import HistoryDialog
from ui.models import ID_ROLE, ListTableModel, RecordTableModel
from ui.undo import CreateCommand, DeleteCommand, EditCommand

TASK = "checklist_task"
ATTACHMENT = "attachment"
#: Table columns, in order.
TASK_COLUMNS = ("org_id", "system", "title", "problem", "measure", "responsible", "deadline", "status")
COLUMN_WIDTHS = {"org_id": 120, "system": 90, "title": 190, "problem": 190, "measure": 190, "responsible": 90,
                 "deadline": 90, "status": 70}
#: Files above this size are read and written in a worker thread.
BIG_FILE = 5 * 1024 * 1024
#: Files above this size are refused: the ledger travels on USB sticks and in sync batches.
MAX_FILE = 50 * 1024 * 1024
#: Checklist level and committee kind per division level (3 county, 4 township).
UNIT_LEVELS = {3: ("county", "county_committee"), 4: ("township", "township_committee")}
OPEN_STATUSES = ("not_started", "in_progress")
DONE_STATUSES = ("done", "verified")


def can_verify(ledger: Ledger, task: dict) -> bool:
    """Only the level above the task's unit verifies it: the ledger's scope must be a
    proper ancestor of the task's scope."""
    scope = task.get("scope") or ""
    return scope.startswith(ledger.scope) and scope != ledger.scope


def task_progress(ledger: Ledger, scope: str) -> dict:
    """Per system: total, done (done or verified), verified and overdue tasks under *scope*."""
    counts = ledger.task_progress(scope)
    empty = {"total": 0, "done": 0, "verified": 0, "overdue": 0}
    return {s: dict(counts.get(s, empty)) for s in enumerate_systems()}


def enumerate_systems() -> list[str]:
    return enumerations().keys("checklist_system")


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

        # --- heading: unit and overdue count
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("checklist_unit")
        self.unit_label.setTextFormat(Qt.PlainText)
        font = self.unit_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.unit_label.setFont(font)
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("checklist_overdue")
        self.overdue_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.overdue_label.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.unit_label)
        heading.addStretch(1)
        heading.addWidget(self.overdue_label)

        # --- tools
        self.generate_button = self._button(self.tr("Generate tasks from the reference table"), self.generate,
                                            "generate_tasks")
        self.new_button = self._button(self.tr("New task"), self.new_task, "new_task")
        self.edit_button = self._button(self.tr("Edit"), self.edit_task, "edit_task")
        self.history_button = self._button(self.tr("History"), self.show_history, "task_history")
        self.start_button = self._button(self.tr("Start"), lambda: self.move("start"), "start_task")
        self.start_button.setToolTip(self.tr("Rectification has begun: status \"in progress\"."))
        self.done_button = self._button(self.tr("Mark done"), lambda: self.move("done"), "done_task")
        self.done_button.setToolTip(self.tr("Rectification is finished: status \"done\", done on today."))
        self.verify_button = self._button(self.tr("Verify"), lambda: self.move("verify"), "verify_task")
        self.reopen_button = self._button(self.tr("Reopen"), lambda: self.move("reopen"), "reopen_task")
        self.reopen_button.setToolTip(self.tr("Take the task one step back in the workflow."))
        tools = QHBoxLayout()
        for b in (self.generate_button, self.new_button, self.edit_button, self.history_button):
            tools.addWidget(b)
        tools.addSpacing(16)
        for b in (self.start_button, self.done_button, self.verify_button, self.reopen_button):
            tools.addWidget(b)
        tools.addStretch(1)

        # --- progress per system: a line of text over a slim bar
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

        # --- system filter
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

        # --- tasks
        self.view = QTableView(self)
        self.view.setObjectName("checklist_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # the ledger's order until asked
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        for i, f in enumerate(self.model.columns):
            # wide enough for the header and, for enumerations, for every label (English is longer)
            texts = [f.label.text()] + ([v.label() for v in enumerations().values(f.enum)] if f.enum else [])
            wanted = max(metrics.horizontalAdvance(t) for t in texts) + 28
            header.resizeSection(i, max(COLUMN_WIDTHS.get(f.name, 100), wanted))
        self.view.doubleClicked.connect(lambda _i: self.edit_task())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        # --- evidence
        self.evidence = QGroupBox(self.tr("Evidence"), self)
        self.evidence.setObjectName("checklist_evidence")
        self.attachments = AttachmentModel(self)
        self.attachment_view = QTableView(self.evidence)
        self.attachment_view.setObjectName("attachment_table")
        self.attachment_view.setModel(self.attachments)
        self.attachment_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.attachment_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.attachment_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.attachment_view.verticalHeader().hide()
        self.attachment_view.verticalHeader().setDefaultSectionSize(24)
        self.attachment_view.horizontalHeader().resizeSection(0, 320)
        self.attachment_view.horizontalHeader().setStretchLastSection(True)
        self.attachment_view.doubleClicked.connect(lambda _i: self.open_attachment())
        self.attachment_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.attach_button = self._button(self.tr("Attach file…"), self.attach_file, "attach_file")
        self.open_button = self._button(self.tr("Open"), self.open_attachment, "open_attachment")
        self.remove_button = self._button(self.tr("Remove"), self.remove_attachment, "remove_attachment")
        evidence_buttons = QVBoxLayout()
        for b in (self.attach_button, self.open_button, self.remove_button):
            b.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            b.setMinimumWidth(110)
            evidence_buttons.addWidget(b)
        evidence_buttons.addStretch(1)
        evidence_layout = QHBoxLayout(self.evidence)
        evidence_layout.addWidget(self.attachment_view, 1)
        evidence_layout.addLayout(evidence_buttons)

        splitter = QSplitter(Qt.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(self.evidence)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("checklist_status")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(heading)
        layout.addLayout(tools)
        layout.addLayout(bars)
        layout.addWidget(self.tabs)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        self._show_unit()
        self._update_buttons()

    def _button(self, text: str, slot, name: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setObjectName(name)
        b.setToolButtonStyle(Qt.ToolButtonTextOnly)
        b.clicked.connect(slot)
        return b

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
        level = self._unit_level()
        self.generate_button.setEnabled(level is not None and not self.ledger.read_only)
        if level is None:
            self.generate_button.setToolTip(self.tr("Choose a township (or a county) to generate its tasks."))
        else:
            self.generate_button.setToolTip(self.tr("Create one task per item of the reference table that this "
                                                    "unit does not have yet."))

    def _unit_level(self) -> tuple[str, str] | None:
        d = geography().get(self.scope) if self.scope else None
        return UNIT_LEVELS.get(d.level) if d else None

    def _load_summary(self) -> None:
        self._summary_generation += 1
        generation = self._summary_generation
        path, scope = self.ledger.path, self.scope

        def work(_task):
            reader = Ledger.open(path, read_only=True, verify=False)
            try:
                return task_progress(reader, scope)
            finally:
                reader.close()

        workers.start(work, lambda result: self._summary_loaded(generation, result), self._load_failed)

    def _summary_loaded(self, generation: int, progress: dict) -> None:
        if generation != self._summary_generation:
            return
        self.progress = progress
        overdue = 0
        for s in self.systems:
            p = progress.get(s.key, {"total": 0, "done": 0, "verified": 0, "overdue": 0})
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
                if self._unit_level() is not None:
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
        row = self.model.row_of(task_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

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
        writable = not self.ledger.read_only
        status = task["status"] if task else None
        upper = task is not None and can_verify(self.ledger, task)
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and task is not None)
        self.history_button.setEnabled(task is not None)
        self.start_button.setEnabled(writable and status == "not_started")
        self.done_button.setEnabled(writable and status in OPEN_STATUSES)
        self.verify_button.setEnabled(writable and upper and status == "done")
        if task is not None and not upper:
            self.verify_button.setToolTip(self.tr("Only the level above can verify this task."))
        elif task is not None and status != "done":
            self.verify_button.setToolTip(self.tr("A task can be verified once it is done."))
        else:
            self.verify_button.setToolTip(self.tr("Confirm, as the level above, that the rectification is done."))
        self.reopen_button.setEnabled(writable and (status == "done" or (status == "verified" and upper)))
        self.attach_button.setEnabled(writable and task is not None and not self._reading)
        attachment = self.current_attachment() if task is not None else None
        self.open_button.setEnabled(attachment is not None)
        self.remove_button.setEnabled(writable and attachment is not None)

    # ------------------------------------------------------------------ tasks
    def _task_changed(self, kind: str, record_id: str) -> None:
        self.refresh()
        self._update_buttons()
        self.sig_changed.emit(kind)

    def _committee(self) -> tuple[str, str, str] | None:
        """(checklist level, committee kind, committee id) of the chosen unit, when it is a
        county or a township."""
        level = self._unit_level()
        if level is None:
            return None
        return level[0], level[1], natural_org_id(level[1], self.scope)

    def generate(self) -> None:
        """Create the tasks of the reference table that the unit's committee does not have yet."""
        unit = self._committee()
        if unit is None:
            return
        level, org_kind, org_id = unit
        try:
            org = self.ledger.get("organisation", org_id)
            if org is None:
                committee = enumerations().label("org_kind", org_kind)
                QMessageBox.information(self, self.generate_button.text(), self.tr(
                    "The ledger has no {committee} for {unit} yet. Add it among the organisations first.").format(
                    committee=committee, unit=self.unit_label.text()))
                return
            have = {r["template_id"] for r in self.ledger.query(TASK, where={"org_id": org_id},
                                                                  columns=("template_id",))}
            rows = [{"org_id": org_id, "template_id": t["id"], "system": t["system"], "title": t["title"]}
                    for t in templates_for(self.ledger, self.scope, level)
                    if t["id"] not in have and t.get("system")]
            if not rows:
                self.status_label.setText(self.tr("Every task of the reference table is already there."))
                return
            with self.ledger.batch():
                created = self.ledger.create_many(TASK, rows)
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

    def new_task(self) -> None:
        defaults: dict = {}
        unit = self._committee()
        if unit is not None:
            defaults["org_id"] = unit[2]
        system = self.tabs.tabData(self.tabs.currentIndex())
        if system:
            defaults["system"] = system
        form = RecordForm(self.ledger, TASK, defaults=defaults, parent=self)
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
            form = RecordForm(self.ledger, TASK, task["id"], parent=self)
        except LedgerError as exc:
            QMessageBox.warning(self, self.edit_button.text(), exc.text())
            return
        if form.exec() and form.previous:
            stored = self.ledger.get(TASK, task["id"]) or {}
            after = {n: stored.get(n) for n in form.previous}
            self.undo_stack.push(EditCommand(self.ledger, TASK, task["id"], self.tr("edit checklist task"),
                                             self._task_changed, form.previous, after))
            self._task_changed(TASK, task["id"])

    def show_history(self) -> None:
        task = self.current_task()
        if task is not None:
            HistoryDialog(self.ledger, TASK, task["id"], self).exec()

    def _steps(self, action: str, task: dict) -> list[dict]:
        """The status changes an action makes, each one a step of the workflow."""
        today = dt.date.today().isoformat()
        status = task["status"]
        if action == "start" and status == "not_started":
            return [{"status": "in_progress"}]
        if action == "done" and status in OPEN_STATUSES:
            # through "in progress", so that undo walks back the way the workflow allows
            steps = [{"status": "in_progress"}] if status == "not_started" else []
            return steps + [{"status": "done", "done_on": today}]
        if action == "verify" and status == "done":
            return [{"status": "verified", "verified_on": today, "verified_by": self.ledger.operator or None}]
        if action == "reopen" and status == "done":
            return [{"status": "in_progress", "done_on": None}]
        if action == "reopen" and status == "verified":
            return [{"status": "done", "verified_on": None, "verified_by": None}]
        return []

    def move(self, action: str) -> None:
        """Move the selected task along the workflow (undoable)."""
        task = self.current_task()
        if task is None:
            return
        steps = self._steps(action, task)
        if not steps:
            self._update_buttons()
            return
        self.status_label.clear()
        texts = {"start": self.tr("start task"), "done": self.tr("mark task done"),
                 "verify": self.tr("verify task"), "reopen": self.tr("reopen task")}
        made: list[tuple[dict, dict]] = []
        try:
            for step in steps:
                before = {n: task.get(n) for n in step}
                self.ledger.update(TASK, task["id"], step)
                made.append((before, dict(step)))
                task = {**task, **step}
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("Checklist"), exc.text())
        if made:
            self.undo_stack.beginMacro(texts[action])
            for before, after in made:
                self.undo_stack.push(EditCommand(self.ledger, TASK, task["id"], texts[action], self._task_changed,
                                                 before, after))
            self.undo_stack.endMacro()
        self._task_changed(TASK, task["id"])

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
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach evidence"), "", self.tr("All files (*)"))
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
        path, sha = self.ledger.path, att["sha256"]

        def work(_task):
            reader = Ledger.open(path, read_only=True, verify=False)
            try:
                target.write_bytes(reader.blob(sha))
            finally:
                reader.close()
            return target

        self.status_label.setText(self.tr("Opening {file}…").format(file=name))
        workers.start(work, self._launch, lambda exc: self._open_failed(name, exc))

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
        # (the command's redo deletes again, which changes nothing, and refreshes the list)
        self.undo_stack.push(DeleteCommand(self.ledger, ATTACHMENT, att["id"],
                                           self.tr("remove {file}").format(file=att["filename"]),
                                           self._attachments_changed))
