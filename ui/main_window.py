"""The main window: units on the left, a section per record kind on the right."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget, QTreeView,
                               QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from desktop.records import COMMITTEE_MEMBER, KINDS, ORGANISATION, Kind, kinds_where
from ui import settings as S
from ui import workers
from ui.conflict_notice import ConflictBanner, ConflictWatch
from ui.history import ConflictsDialog, HistoryDialog
from ui.lazy_tabs import LazyTabs
from ui.models import UnitTreeModel
from ui.pending_count import PendingCount
from ui.undo import drop_overwritten, overwritten_text
from ui.widgets import existing_folder, open_file_name

if TYPE_CHECKING:
    from ui.checklist import ChecklistView
    from ui.section_group import SectionGroup
    from ui.sections import RecordSection
    from ui.dashboard import DashboardView
    from ui.problems_view import ProblemsView
    from ui.report_view import ReportView
    from ui.trends_view import TrendsView

#: The record sections with a tab of their own, in the order of the tabs (the checklist has a
#: view of its own).
SECTION_KINDS = tuple(k for k in kinds_where("section") if not KINDS[k].section_group)
#: The prefix of a group's name among the window's tabs.
GROUP = "group:"
#: The sections grouped in one tab (group → its kinds), after the others.
SECTION_GROUPS: dict[str, tuple[str, ...]] = {
    group: tuple(k for k in kinds_where("section") if KINDS[k].section_group == group)
    for group in dict.fromkeys(KINDS[k].section_group for k in kinds_where("section")) if group}

#: Every kind with a section, grouped or not.
ALL_SECTION_KINDS = frozenset(kinds_where("section"))


def organisation_key(kind: Kind) -> str | None:
    """The field that says which organisation a record of *kind* is (``id``) or belongs to
    (its scope, when that is a reference to an organisation); None for other kinds."""
    if kind.name == ORGANISATION.name:
        return "id"
    f = kind.field_map.get(kind.scope_from)
    return f.name if f is not None and f.ref == ORGANISATION.name else None


class Sections:
    """The window's record sections by kind.  A section is made with its tab, when the tab is
    first shown or the section asked for here (a grouped one with its whole group)."""

    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        #: the sections made so far
        self.made: dict[str, RecordSection] = {}

    def __getitem__(self, kind: str) -> RecordSection:
        if kind not in self.made:
            if kind not in KINDS or KINDS[kind].name not in ALL_SECTION_KINDS:
                raise KeyError(kind)
            group = KINDS[kind].section_group
            self._window.lazy.get(GROUP + group if group else kind)
        return self.made[kind]

    def __contains__(self, kind: object) -> bool:
        return kind in ALL_SECTION_KINDS

    def __iter__(self):
        return iter(ALL_SECTION_KINDS)

    def __len__(self) -> int:
        return len(ALL_SECTION_KINDS)


class Groups:
    """The window's tabs of grouped sections by name, each made when first shown or asked for."""

    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self.made: dict[str, SectionGroup] = {}

    def __getitem__(self, name: str) -> SectionGroup:
        if name not in SECTION_GROUPS:
            raise KeyError(name)
        return self._window.lazy.get(GROUP + name)


class MainWindow(QMainWindow):
    sig_open_ledger = Signal(str)
    """The user chose another ledger file (its path)."""
    sig_record_changed = Signal(str)
    """A view of the window changed records (of this kind)."""

    def __init__(self, ledger: Ledger, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.settings = settings
        S.use(settings)  # the file dialogs remember their folders in the same settings
        self.setObjectName("main_window")
        self.undo_stack = QUndoStack(self)
        self.scope = ledger.scope
        self._stale: set[int] = set()  # tabs to load when shown (every one once a unit is chosen)
        self.pending = PendingCount(ledger, self)
        self.pending.sig_counted.connect(self._update_status)
        self.pending.start()  # a large ledger is counted in a worker while the window is painted

        self.units = QTreeView(self)
        self.units.setObjectName("unit_tree")
        self.units.setHeaderHidden(True)
        self.unit_model = UnitTreeModel(ledger.scope, self, ledger)
        self.units.setModel(self.unit_model)
        self.units.expand(self.unit_model.index(0, 0))
        self.units.selectionModel().currentChanged.connect(self._unit_chosen)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sections")
        # the views other than the record sections are made when first shown or used
        self.lazy = LazyTabs(self.tabs)
        for name in ("dashboard", "report_view", "trends_view", "problems_view"):
            self.lazy.add(name, self._view_title(name), getattr(self, f"_make_{name}"))
        # the record sections too: a tab each, the grouped ones in their group's tab
        self.sections = Sections(self)
        self._organisation = None  # the organisation chosen in the unit tree, which narrows the sections
        self.groups = Groups(self)
        for kind in SECTION_KINDS[:3]:
            self.lazy.add(kind, self._view_title(kind), lambda kind=kind: self._make_section(kind))
        self.lazy.add("checklist", self._view_title("checklist"), self._make_checklist)
        for kind in SECTION_KINDS[3:]:
            self.lazy.add(kind, self._view_title(kind), lambda kind=kind: self._make_section(kind))
        for name in SECTION_GROUPS:
            self.lazy.add(GROUP + name, self._view_title(GROUP + name), lambda name=name: self._make_group(name))
        self.tabs.currentChanged.connect(lambda _i: self._activate_current())

        splitter = QSplitter(self)
        splitter.setObjectName("main_splitter")
        splitter.addWidget(self.units)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1000])
        self.splitter = splitter
        self.conflict_banner = ConflictBanner(self)
        self.conflict_banner.sig_open.connect(self.show_conflicts)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.conflict_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._make_status_bar()
        self._make_menus()
        self.undo_stack.indexChanged.connect(lambda _i: self._update_status())
        self._update_title()
        self._restore_state()
        self.scope = None
        self.units.setCurrentIndex(self.unit_model.index(0, 0))  # sets the scope (_unit_chosen)
        if self.scope is None:
            self._set_scope(ledger.scope)

        from ui.sync_widgets import install_sync

        self.sync = install_sync(self)

    # ------------------------------------------------------------- building
    @property
    def dashboard(self) -> DashboardView:
        return self.lazy.get("dashboard")

    @property
    def report_view(self) -> ReportView:
        return self.lazy.get("report_view")

    @property
    def trends_view(self) -> TrendsView:
        return self.lazy.get("trends_view")

    @property
    def problems_view(self) -> ProblemsView:
        return self.lazy.get("problems_view")

    @property
    def checklist(self) -> ChecklistView:
        return self.lazy.get("checklist")

    def _view_title(self, name: str) -> str:
        if name in KINDS:
            return KINDS[name].label.text()
        if name.startswith(GROUP):
            return self._group_title(name[len(GROUP):])
        return {"dashboard": self.tr("Overview"), "report_view": self.tr("Monthly report"),
                "trends_view": self.tr("Trends"), "problems_view": self.tr("Problem list"),
                "checklist": self.tr("Benchmarking checklist")}[name]

    def _make_dashboard(self) -> DashboardView:
        from ui.dashboard import DashboardView

        view = DashboardView(self.ledger, self)
        view.sig_unit_clicked.connect(self.choose_unit)
        return view

    def _make_report_view(self) -> ReportView:
        from ui.report_view import ReportView

        view = ReportView(self.ledger, self)
        view.sig_unit_clicked.connect(self.choose_unit)
        return view

    def _make_trends_view(self) -> TrendsView:
        from ui.trends_view import TrendsView

        return TrendsView(self.ledger, self)

    def _make_problems_view(self) -> ProblemsView:
        from ui.problems_view import ProblemsView

        view = ProblemsView(self.ledger, self.undo_stack, self)
        view.sig_changed.connect(self._record_changed)
        return view

    def _make_checklist(self) -> ChecklistView:
        from ui.checklist import ChecklistView

        view = ChecklistView(self.ledger, self.undo_stack, self)
        view.sig_changed.connect(self._record_changed)
        return view

    def _make_section(self, kind: str) -> RecordSection:
        from ui.sections import RecordSection

        section = RecordSection(self.ledger, kind, self.undo_stack, self.settings, self)
        section.sig_changed.connect(self._record_changed)
        section.sig_history.connect(self.show_history)
        self._narrow(section)
        self.sections.made[kind] = section
        return section

    def _make_group(self, name: str) -> SectionGroup:
        from ui.section_group import SectionGroup

        group = SectionGroup(name, [self._make_section(kind) for kind in SECTION_GROUPS[name]], self)
        self.groups.made[name] = group
        return group

    def _group_title(self, name: str) -> str:
        return {"work": self.tr("Work ledger")}.get(name, name)

    def show_section(self, kind: str) -> RecordSection:
        """Bring the section of *kind* to the front (in its group's tab when it has one)."""
        section = self.sections[kind]
        group = section.kind.section_group
        if group:
            group = self.groups[group]
            group.show_section(section)
            self.tabs.setCurrentWidget(group)
        else:
            self.tabs.setCurrentWidget(section)
        return section

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.scope_label = QLabel(self)
        self.operator_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pending_label")
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("sync_label")
        self.conflict_watch = ConflictWatch(self.ledger, self)
        self.conflict_watch.sig_open.connect(self.show_conflicts)
        self.conflict_watch.sig_new.connect(self.conflict_banner.show_rows)
        for w in (self.scope_label, self.operator_label, self.pending_label, self.sync_label,
                  self.conflict_watch.label):
            bar.addPermanentWidget(w)

    def _update_status(self) -> None:
        geo = geography()
        unit = geo.full_name(self.ledger.scope) if self.ledger.scope else self.tr("All of China")
        self.scope_label.setText(self.tr("Ledger: {unit}").format(unit=unit))
        self.operator_label.setText(self.tr("Operator: {name}").format(name=self.ledger.operator))
        self.pending_label.setText(self.tr("Unsynced changes: {n}").format(n=self.pending.text()))
        self.conflict_watch.check()
        last = self.ledger.meta("last_sync")
        self.sync_label.setText(self.tr("Last sync: {when}").format(when=last or self.tr("never")))

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("Township Ledger — {path}").format(path=self.ledger.path.name))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        self._action(m, self.tr("&Open ledger…"), self.open_ledger, QKeySequence.Open)
        self._action(m, self.tr("&Back up now…"), self.backup_now)
        m.addSeparator()
        self.import_excel_action = self._action(m, self.tr("&Import Excel…"), self.import_excel)
        self.import_scan_action = self._action(m, self.tr("Import a &paper table (photo or scan)…"), self.import_scan)
        self.export_table_action = self._action(m, self.tr("&Export current table…"), self.export_current_table)
        self._action(m, self.tr("Export the &whole ledger…"), self.export_whole_ledger)
        self._action(m, self.tr("Download blank &template…"), self.download_template)
        m.addSeparator()
        self._action(m, self.tr("&Data packages (USB)…"), self.show_packages)
        m.addSeparator()
        self._action(m, self.tr("&Settings…"), self.show_settings, QKeySequence.Preferences)
        m.addSeparator()
        self._action(m, self.tr("E&xit"), self.close, QKeySequence.Quit)

        m = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.Redo)
        m.addAction(undo)
        m.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        m.addSeparator()
        self.new_action = self._action(m, self.tr("&New record"), self.new_record, QKeySequence.New)
        self.find_action = self._action(m, self.tr("&Filter"), self.focus_filter, QKeySequence.Find)
        self._action(m, self.tr("Record &history"), self.history_of_current, QKeySequence("Ctrl+H"))

        m = bar.addMenu(self.tr("&Tools"))
        self.conflicts_action = self._action(m, self.tr("&Conflicts…"), self.show_conflicts)
        self._action(m, self.tr("&Refresh"), self.refresh, QKeySequence.Refresh)

        m = bar.addMenu(self.tr("&Help"))
        self.help_action = self._action(m, self.tr("&User guide"), self.show_guide, QKeySequence.HelpContents)
        self._action(m, self.tr("&About Township Ledger"), self.about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    # ------------------------------------------------------------- state
    def _restore_state(self) -> None:
        geometry = self.settings.get(S.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 760)
        state = self.settings.get(S.SPLITTER)
        if state:
            self.splitter.restoreState(QByteArray(state))
        tab = self.settings.get(S.LAST_TAB)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def save_state(self) -> None:
        self.settings.set(S.GEOMETRY, bytes(self.saveGeometry()))
        self.settings.set(S.SPLITTER, bytes(self.splitter.saveState()))
        self.settings.set(S.LAST_TAB, self.tabs.currentIndex())
        for section in self.sections.made.values():
            section.save_state()
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_state()
        self.undo_stack.indexChanged.disconnect()
        self.undo_stack.clear()  # its commands refer to this ledger, which closes next
        super().closeEvent(event)

    # ------------------------------------------------------------- scope
    def _unit_chosen(self, current, _previous) -> None:
        if not current.isValid():
            return
        self._organisation = current.data(UnitTreeModel.ORG_ROLE)
        for section in self.sections.made.values():  # those made later are narrowed when made
            self._narrow(section)
        self._set_scope(current.data(UnitTreeModel.CODE_ROLE))

    def _narrow(self, section: RecordSection) -> None:
        """An organisation chosen in the unit tree narrows each section to its records."""
        key = organisation_key(section.kind)
        if key:
            org = self._organisation
            section.model.where = {key: org} if org else {}

    def _set_scope(self, scope: str) -> None:
        self.scope = scope
        self._stale = set(range(self.tabs.count()))
        self._activate_current()
        self._update_status()

    def _activate_current(self) -> None:
        """Load the visible tab for the current unit; the others load when shown."""
        i = self.tabs.currentIndex()
        if i not in self._stale:
            return
        self._stale.discard(i)
        self.lazy.view_at(i).set_scope(self.scope)

    def refresh(self) -> None:
        """Reload after records changed behind the views (a sync, a package, a take-back):
        undo steps that a received change overwrote go, new conflicts are announced."""
        self.unit_model.reload_organisations()
        self._set_scope(self.scope)
        dropped = drop_overwritten(self.undo_stack)
        if dropped:
            text, entry = dropped[0]
            self.statusBar().showMessage(self.tr("“{step}” can no longer be undone: {reason}").format(
                step=text, reason=overwritten_text(self.ledger, entry)), 15000)
        status = getattr(self, "sync_status", None)
        if status is not None:
            status.refresh()

    def choose_unit(self, code: str) -> None:
        """Select a unit in the tree (and so filter every section to it)."""
        index = self.unit_model.index_of(code)
        if index.isValid():
            self.units.setCurrentIndex(index)
            self.units.scrollTo(index)

    def _record_changed(self, kind: str) -> None:
        self._stale = set(range(self.tabs.count())) - {self.tabs.currentIndex()}
        self._update_status()
        self.sig_record_changed.emit(kind)

    # ------------------------------------------------------------- actions
    def current_topic(self) -> str:
        """The part of the user guide about the screen in use (for F1)."""
        name = self.lazy.name_of(self.tabs.currentWidget())
        topic = {"dashboard": "overview", "checklist": "checklist", "report_view": "report",
                 "trends_view": "report"}.get(name or "")
        if topic:
            return topic
        section = self.current_section()
        return section.kind.name if section is not None else "overview"

    def show_guide(self) -> None:
        from ui.help import show_help

        self.guide = show_help(self, self.current_topic())

    def current_section(self) -> RecordSection | None:
        w = self.tabs.currentWidget()
        if any(w is group for group in self.groups.made.values()):
            return w.current_section()
        return w if any(w is section for section in self.sections.made.values()) else None

    def _record_view(self) -> RecordSection | ChecklistView | None:
        """The tab shown when it lists records (a section or the checklist): both add
        records and show a record's history."""
        w = self.tabs.currentWidget()
        checklist = self.lazy.made("checklist")
        return self.current_section() or (w if checklist is not None and w is checklist else None)

    def new_record(self) -> None:
        view = self._record_view()
        if view is not None:
            view.add()

    def focus_filter(self) -> None:
        section = self.current_section()
        if section is not None:
            section.focus_filter()

    def history_of_current(self) -> None:
        view = self._record_view()
        if view is not None:
            view.show_history()

    def show_history(self, kind: str, record_id: str) -> None:
        try:
            HistoryDialog(self.ledger, kind, record_id, self).exec()
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("History"), exc.text())

    def show_conflicts(self) -> None:
        self.conflict_banner.hide()
        dialog = ConflictsDialog(self.ledger, self)
        dialog.sig_changed.connect(self.refresh)
        self.conflicts_dialog = dialog  # reachable while it is open
        dialog.exec()
        self.conflicts_dialog = None

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ledger, self.settings, self)
        dialog.sig_language_changed.connect(self.switch_language)
        if dialog.exec():
            self._update_status()

    def switch_language(self, language: str) -> None:
        from ui import i18n as ui_i18n

        ui_i18n.install(language)
        self.retranslate()

    def retranslate(self) -> None:
        """Rebuild texts after a language switch."""
        self.menuBar().clear()
        self._make_menus()
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            name = self.lazy.name_of(w)
            if name is not None:
                self.tabs.setTabText(i, self._view_title(name))
        self._update_status()
        self._update_title()

    def open_ledger(self) -> None:
        path = open_file_name(self, "ledger", self.tr("Open ledger"), self.tr("Ledger files (*.sqlite);;All files (*)"),
                              self.ledger.path.parent)
        if path:
            self.sig_open_ledger.emit(path)

    def backup_now(self) -> None:
        from ui.settings_dialog import backup_folder

        folder = existing_folder(self, "backup", self.tr("Back up to folder"), backup_folder(self.settings))
        if not folder:
            return
        ledger = self.ledger

        def work(task):
            return ledger.backup(folder + "/")

        def done(path):
            self.statusBar().showMessage(self.tr("Backup written to {path}").format(path=path), 10000)

        def failed(exc):
            text = exc.text() if isinstance(exc, LedgerError) else str(exc)
            QMessageBox.warning(self, self.tr("Backup"), self.tr("The backup failed: {reason}").format(reason=text))

        workers.start(work, done, failed, owner=self)

    def show_packages(self) -> None:
        from ui.package_dialogs import PackagesDialog

        dialog = PackagesDialog(self.ledger, self)
        dialog.sig_imported.connect(self.refresh)
        dialog.exec()
        self._update_status()

    # ------------------------------------------------------------- Excel
    def import_excel(self) -> None:
        from ui.excel_dialogs import ImportDialog

        section = self.current_section()
        kinds = kinds_where("importable")
        kind = section.kind.name if section is not None and section.kind.name in kinds else COMMITTEE_MEMBER.name
        dialog = ImportDialog(self.ledger, self, kind=kind, unit=self.scope if len(self.scope) == 9 else None)
        dialog.sig_imported.connect(lambda _kind: self.refresh())
        dialog.exec()

    def import_scan(self) -> None:
        from ui.scan_dialog import open_scan_import

        dialog = open_scan_import(self.ledger, self, kind=COMMITTEE_MEMBER.name,
                                  unit=self.scope if len(self.scope) == 9 else None)
        if dialog is not None:
            dialog.sig_imported.connect(lambda _kind: self.refresh())
            dialog.exec()

    def export_current_table(self) -> None:
        from ui.excel_dialogs import export_view

        section = self.current_section()
        if section is None:
            QMessageBox.information(self, self.tr("Export"), self.tr("Choose the tab of a table first."))
            return
        self._excel_job = export_view(section, self)

    def export_whole_ledger(self) -> None:
        from ui.excel_dialogs import export_whole_ledger

        self._excel_job = export_whole_ledger(self.ledger, self)

    def download_template(self) -> None:
        from ui.excel_dialogs import save_template

        section = self.current_section()
        self._excel_job = save_template(self, section.kind.name if section is not None else None)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Township Ledger"), self.tr(
            "<b>Township Ledger</b> (团建台账)<br>The work ledger of rural Youth League offices.<br>"
            "Schema version {version}. Division data: National Bureau of Statistics, 2023.").format(
            version=self.ledger.schema_version))

    def today(self) -> dt.date:
        return dt.date.today()
