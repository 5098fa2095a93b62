"""The sync in the main window: a Sync button and beside it one way up (Report / exchange
data: the hub when it answers, else a USB stick), a status-bar label, the details of the
last sync (changes the hub refused, the last error) and the enrollment dialog.

    self.sync = install_sync(self)      # once, at the end of MainWindow.__init__

Everything that talks to the hub runs in a worker (see ``ui.sync_controller``); this
module only reads the ledger (through its methods) on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox, QPushButton, QStyle,
                               QTableView, QToolButton, QVBoxLayout, QWidget)
from shiboken6 import isValid

from desktop.errors import LedgerError
from desktop.offices import office_of
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from sync import client
from sync.packages.common import ACKS_META
from sync.pending import PUSH_CURSOR, pending_count
from ui import workers
from ui.busy import BusyGuard, on_sibling
from ui.forms import ERROR_STYLE
from ui.history import local_time, stored_moment
from ui.models import ListTableModel
from ui.pending_count import PendingCount
from ui.exchange import ReportButton, open_exchange
from ui.sync_controller import NOT_ENROLLED, OFFLINE, ONLINE, SYNCING, SyncController, enrollment_notifier

log = logging.getLogger(__name__)

#: The colour of each state's dot.
STATE_COLOURS = {ONLINE: "#2e7d32", OFFLINE: "#9e9e9e", SYNCING: "#1565c0", NOT_ENROLLED: "#ef6c00"}
WARNING_STYLE = "color: #e65100;"
#: Longest error text shown in the status bar (the whole text is in the tooltip).
STATUS_ERROR_CHARS = 48

SYNC_SHORTCUT = QKeySequence("Ctrl+Shift+S")
#: How often the status bar looks whether the ledger changed behind its back (ms).
WATCH_MS = 2000


def state_icon(state: str, size: int = 12) -> QIcon:
    """A round dot in the colour of *state*."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(STATE_COLOURS.get(state, "#9e9e9e")))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def percent(done: int, total: int) -> int | None:
    if total <= 0:
        return None
    return max(0, min(100, done * 100 // total))


def elide(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


class _Texts(QObject):
    """Texts shared by the widgets (one translation context, "SyncTexts")."""

    def state_name(self, state: str) -> str:
        return {ONLINE: self.tr("Online"), OFFLINE: self.tr("Offline"), SYNCING: self.tr("Syncing"),
                NOT_ENROLLED: self.tr("Not enrolled with a hub")}.get(state, state)

    def when(self, iso: str | None, *, short: bool) -> str:
        """When the last sync was: the time alone if it was today (short form)."""
        try:
            moment = stored_moment(iso)
        except ValueError:
            return iso or ""
        if moment is None:
            return self.tr("never")
        if short and moment.date() == dt.date.today():
            return moment.strftime("%H:%M")
        return local_time(moment)


_TEXTS: _Texts | None = None


def texts() -> _Texts:
    global _TEXTS
    if _TEXTS is None or not isValid(_TEXTS):
        _TEXTS = _Texts()
        _TEXTS.setObjectName("SyncTexts")
    return _TEXTS


def last_error(ledger: Ledger, controller: SyncController) -> str:
    """The error of the last sync, if it failed: this session's, else the one recorded."""
    if controller.last_result is not None:
        return controller.last_error
    return client.last_sync_error(ledger)


# ---------------------------------------------------------------------- button

class SyncButton(QToolButton):
    """"Sync" with the state's dot; while a sync runs it shows the progress and cancels."""

    sig_enroll_requested = Signal()
    """Pressed while the ledger is not enrolled: offer the enrollment."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_button")
        self.controller = controller
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.TabFocus)
        self.clicked.connect(self._clicked)
        controller.sig_changed.connect(self.update_look)
        self.update_look()

    def _clicked(self) -> None:
        c = self.controller
        if c.is_running():
            c.cancel()
        elif c.state == NOT_ENROLLED:
            self.sig_enroll_requested.emit()
        else:
            c.sync_now()

    def sizeHint(self):  # noqa: N802 - wide enough for every text it shows (the menu bar
        # lays its corner widget out by the size hint, and not again when the text changes)
        hint = super().sizeHint()
        fm = self.fontMetrics()
        texts = (self.tr("Sync"), self.tr("Cancel {percent}%").format(percent=100), self.tr("Stopping…"))
        width = max(fm.horizontalAdvance(t) for t in texts) + self.iconSize().width() + 20
        hint.setWidth(max(hint.width(), width))
        return hint

    def minimumSizeHint(self):  # noqa: N802
        return self.sizeHint()

    def update_look(self) -> None:
        if not isValid(self):
            return
        c = self.controller
        self.setEnabled(True)
        if c.is_cancelling():
            self.setIcon(self.style().standardIcon(QStyle.SP_BrowserStop))
            self.setText(self.tr("Stopping…"))
            self.setToolTip(self.tr("The sync stops after the batch under way."))
            self.setEnabled(False)
        elif c.is_running():
            p = percent(*c.progress)
            self.setIcon(self.style().standardIcon(QStyle.SP_BrowserStop))
            self.setText(self.tr("Cancel") if p is None else self.tr("Cancel {percent}%").format(percent=p))
            self.setToolTip(self.tr("Stop the sync. What was already exchanged is kept."))
        else:
            self.setIcon(state_icon(c.state))
            self.setText(self.tr("Sync"))
            self.setToolTip({
                ONLINE: self.tr("Send your changes to the hub and fetch the others' now ({key}).").format(
                    key=SYNC_SHORTCUT.toString(QKeySequence.NativeText)),
                OFFLINE: self.tr("The hub is out of reach; press to try now."),
                NOT_ENROLLED: self.tr("This office is not enrolled with a hub yet; press to enroll."),
            }.get(c.state, ""))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.update_look()
        super().changeEvent(event)


# ---------------------------------------------------------------------- status label

class SyncStatus(QLabel):
    """Status-bar text: online/offline/syncing, pending changes, last sync, last error.
    A click opens ``SyncDetailsDialog``."""

    sig_clicked = Signal()

    def __init__(self, ledger: Ledger, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.ledger = ledger
        self.controller = controller
        self.setCursor(Qt.PointingHandCursor)
        self.setTextFormat(Qt.PlainText)
        self.dialog: SyncDetailsDialog | None = None
        self.sig_clicked.connect(self.show_details)
        controller.sig_changed.connect(self.refresh)
        # the window's count when it keeps one (counted once for both labels)
        self.pending = getattr(parent, "pending", None)
        if not isinstance(self.pending, PendingCount):
            self.pending = PendingCount(ledger, self)
        self.pending.sig_counted.connect(self.refresh)
        self._seen: tuple | None = None
        # writes made elsewhere (an Excel import, a conflict taken back, another program on
        # this ledger) have no signal here: a cheap look every few seconds keeps the count true
        self.watch = QTimer(self)
        self.watch.setObjectName("pending_watch")
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self.refresh_if_changed)
        self.watch.start()
        self.refresh()

    def _mark(self) -> tuple:
        return self.ledger.last_seq(), self.ledger.meta(PUSH_CURSOR), self.ledger.meta(ACKS_META)

    def refresh_if_changed(self) -> None:
        if isValid(self) and not self.ledger.closed and self._mark() != self._seen:
            self.refresh()

    def refresh(self) -> None:
        if not isValid(self) or self.ledger.closed:
            return
        self._seen = self._mark()
        t = texts()
        c = self.controller
        state = c.state
        head = t.state_name(state)
        if c.is_running():
            p = percent(*c.progress)
            head = self.tr("Stopping…") if c.is_cancelling() else (
                self.tr("Syncing") if p is None else self.tr("Syncing {percent}%").format(percent=p))
        pending = self.pending.text()
        last = client.last_sync(self.ledger)
        parts = [head, self.tr("Unsynced changes: {n}").format(n=pending)]
        if state != NOT_ENROLLED or last:
            parts.append(self.tr("Last sync: {when}").format(when=t.when(last, short=True)))
        error = last_error(self.ledger, c) if not c.is_running() else ""
        refused = c.last_refused if not c.is_running() else 0
        style = ""
        if error:
            parts.append(elide(error, STATUS_ERROR_CHARS))
            style = ERROR_STYLE
        elif refused:
            parts.append(self.tr("{n} changes refused").format(n=refused))
            style = WARNING_STYLE
        self.setText(" · ".join(parts))
        self.setStyleSheet(style)

        tip = []
        hub = c.hub_url()
        tip.append(self.tr("Hub: {url}").format(url=hub) if hub else self.tr("Hub: not enrolled"))
        tip.append(self.tr("State: {state}").format(state=head))
        tip.append(self.tr("Unsynced changes: {n}").format(n=pending))
        tip.append(self.tr("Last sync: {when}").format(when=t.when(last, short=False)))
        if error:
            tip.append(self.tr("Last error: {error}").format(error=error))
        if refused:
            tip.append(self.tr("Changes refused at the last sync: {n}").format(n=refused))
        tip.append(self.tr("Click for details."))
        self.setToolTip("\n".join(tip))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.sig_clicked.emit()
        super().mouseReleaseEvent(event)

    def show_details(self) -> "SyncDetailsDialog":
        """Open (or raise) the details dialog; it does not block."""
        if self.dialog is not None and isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        self.dialog = SyncDetailsDialog(self.ledger, self.controller, self.window())
        self.dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog.sig_enroll_requested.connect(self._enroll)
        self.dialog.open()
        return self.dialog

    def _enroll(self) -> None:
        open_enroll_dialog(self.ledger, self.controller, self.window())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.refresh()
        super().changeEvent(event)


# ---------------------------------------------------------------------- details

class RefusedModel(ListTableModel):
    """The changes the hub (or this ledger) refused: (cells, tooltips) per row."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.rows: list[tuple[list[str], list[str]]] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self._headers):
            return None
        cells, tips = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return cells[index.column()]
        if role == Qt.ToolTipRole:
            return tips[index.column()]
        return None


class SyncDetailsDialog(QDialog):
    """The hub, the last sync, the last error and the changes the hub refused (with why)."""

    sig_enroll_requested = Signal()

    def __init__(self, ledger: Ledger, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_details")
        self.ledger = ledger
        self.controller = controller
        self.setWindowTitle(self.tr("Sync details"))

        self.hub_value = QLabel(self)
        self.hub_value.setObjectName("details_hub")
        self.hub_value.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.state_value = QLabel(self)
        self.state_value.setObjectName("details_state")
        self.pending_value = QLabel(self)
        self.pending_value.setObjectName("details_pending")
        self.last_value = QLabel(self)
        self.last_value.setObjectName("details_last_sync")
        self.error_value = QLabel(self)
        self.error_value.setObjectName("details_error")
        self.error_value.setWordWrap(True)
        self.error_value.setStyleSheet(ERROR_STYLE)
        self.error_value.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_value.setTextFormat(Qt.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Hub"), self.hub_value)
        form.addRow(self.tr("State"), self.state_value)
        form.addRow(self.tr("Unsynced changes"), self.pending_value)
        form.addRow(self.tr("Last sync"), self.last_value)
        form.addRow(self.tr("Last error"), self.error_value)

        box = self._make_refused_box()

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.sync_button = QPushButton(self.tr("Sync &now"), self)
        self.sync_button.setObjectName("details_sync_now")
        self.sync_button.setAutoDefault(False)
        self.buttons.addButton(self.sync_button, QDialogButtonBox.ActionRole)
        self.enroll_button = QPushButton(self.tr("&Enroll…"), self)
        self.enroll_button.setObjectName("details_enroll")
        self.enroll_button.setAutoDefault(False)
        self.buttons.addButton(self.enroll_button, QDialogButtonBox.ActionRole)
        self.identity_button = QPushButton(self.tr("Continue under a new &identity…"), self)
        self.identity_button.setObjectName("details_new_identity")
        self.identity_button.setAutoDefault(False)
        self.buttons.addButton(self.identity_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.identity_button.clicked.connect(self._new_identity)
        self.sync_button.clicked.connect(controller.sync_now)
        self.enroll_button.clicked.connect(self._enroll)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        layout.addWidget(self.buttons)
        controller.sig_state.connect(self._refresh_later)
        controller.sig_finished.connect(self._refresh_later)
        self.refresh()
        self.buttons.button(QDialogButtonBox.Close).setFocus()
        self.resize(640, 420)

    def _make_refused_box(self) -> QGroupBox:
        """The refused changes: what, why, refused by whom and written by which office."""
        box = QGroupBox(self.tr("Refused changes (newest first)"), self)
        self.rejected_model = RefusedModel(
            [self.tr("When"), self.tr("Record kind"), self.tr("Record"), self.tr("Reason"), self.tr("Refused by"),
             self.tr("Written by")], self)
        self.rejected_table = QTableView(box)
        self.rejected_table.setObjectName("rejected_table")
        self.rejected_table.setModel(self.rejected_model)
        self.rejected_table.verticalHeader().hide()
        self.rejected_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rejected_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rejected_table.setWordWrap(True)
        header = self.rejected_table.horizontalHeader()
        for col in (0, 1, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.none_label = QLabel(self.tr("None: every change was taken."), box)
        self.none_label.setObjectName("details_no_rejected")
        self.rejected_note = QLabel(self.tr(
            "A change the hub refused stays in this ledger but does not reach the hub; usually its record lies "
            "outside the area this office is enrolled for. Ask your county office."), box)
        self.rejected_note.setWordWrap(True)
        self.rejected_note.setStyleSheet("color: #555555;")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.rejected_table)
        box_layout.addWidget(self.none_label)
        box_layout.addWidget(self.rejected_note)
        return box

    def _refresh_later(self, *_args) -> None:
        if isValid(self):
            self.refresh()

    def _enroll(self) -> None:
        self.sig_enroll_requested.emit()

    def _new_identity(self) -> None:
        """A copied ledger goes on as a new device; the sync that follows takes the old
        device's place at the hub where it can (docs/trust-and-time.md, "A copied ledger")."""
        answer = QMessageBox.question(self, self.tr("New identity"), self.tr(
            "This ledger is a copy of another computer's. It will continue as a new device; its changes the hub "
            "does not hold yet are sent under the new identity. Continue?"))
        if answer != QMessageBox.Yes or self.controller.is_running():
            return
        try:
            self.ledger.take_new_identity()
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("New identity"), exc.text())
            return
        self.controller.sync_now()
        self.refresh()

    def refresh(self) -> None:
        if self.ledger.closed:
            return
        t = texts()
        c = self.controller
        hub = c.hub_url()
        self.hub_value.setText(hub or self.tr("not enrolled"))
        self.state_value.setText(t.state_name(c.state))
        self.pending_value.setText(str(pending_count(self.ledger)))
        self.last_value.setText(t.when(client.last_sync(self.ledger), short=False))
        error = last_error(self.ledger, c)
        self.error_value.setText(error or self.tr("none"))
        self.error_value.setStyleSheet(ERROR_STYLE if error else "")
        self.sync_button.setEnabled(c.state != NOT_ENROLLED and not c.is_running())
        self.enroll_button.setVisible(c.state == NOT_ENROLLED)
        self.identity_button.setVisible(self.ledger.copied_from() == self.ledger.device_id)

        refused = client.refused_for_display(self.ledger)
        rows = []
        for r in refused:
            by = office_of(self.ledger, r.refused_by).text() if r.refused_by else \
                self.tr("the hub") if r.by_hub else self.tr("this ledger")
            writer = office_of(self.ledger, r.origin).text() if r.origin else ""
            detail = self.tr("{office}, change no. {seq}\nDevice {device}").format(office=writer, seq=r.seq,
                                                                                   device=r.origin)
            cells = [t.when(r.at, short=False) if r.at else "", r.kind_label, r.title, r.reason, by, writer]
            tips = [detail, r.kind_label, f"{r.title}\n{r.record_id}", r.reason, by, detail]
            rows.append((cells, tips))
        self.rejected_model.set_rows(rows)
        self.rejected_table.setVisible(bool(refused))
        self.rejected_note.setVisible(bool(refused))
        self.none_label.setVisible(not refused)
        if refused:
            self.rejected_table.resizeRowsToContents()


# ---------------------------------------------------------------------- enrollment

class EnrollDialog(BusyGuard, QDialog):
    """Enroll this ledger with a hub: address, one-time code and this office's name.
    The exchange with the hub runs in a worker; errors stay in the dialog."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, hub_url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("enroll_dialog")
        self.ledger = ledger
        self.busy = False
        self.result_settings = None
        self.setWindowTitle(self.tr("Enroll with a hub"))

        intro = QLabel(self.tr(
            "Your county office gives you the hub's address and a one-time enrollment code. The code works "
            "once and for 14 days."), self)
        intro.setWordWrap(True)
        self.hub_edit = QLineEdit(hub_url, self)
        self.hub_edit.setObjectName("hub_url")
        self.hub_edit.setPlaceholderText(self.tr("e.g. http://192.168.1.10:8000"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("enroll_code")
        self.code_edit.setMaxLength(32)
        self.code_edit.setPlaceholderText(self.tr("10 letters and digits"))
        self.name_edit = QLineEdit(default_office_name(ledger), self)
        self.name_edit.setObjectName("office_name")
        self.name_edit.setMaxLength(80)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("enroll_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("enroll_status")
        self.status_label.hide()
        for edit in (self.hub_edit, self.code_edit, self.name_edit):
            edit.textChanged.connect(self.error_label.hide)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for text, edit in ((self.tr("Hub &address"), self.hub_edit), (self.tr("Enrollment &code"), self.code_edit),
                           (self.tr("This office's &name"), self.name_edit)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            form.addRow(label, edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Enroll"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        (self.code_edit if hub_url else self.hub_edit).setFocus()
        self.resize(520, self.sizeHint().height())

    def _problem(self) -> tuple[str, QLineEdit] | None:
        if not self.hub_edit.text().strip():
            return self.tr("Enter the hub's address."), self.hub_edit
        if not self.code_edit.text().strip():
            return self.tr("Enter the enrollment code."), self.code_edit
        if not self.name_edit.text().strip():
            return self.tr("Enter this office's name."), self.name_edit
        return None

    def accept(self) -> None:
        """Enroll in a worker; the dialog closes when the hub said yes."""
        if self.busy:
            return
        problem = self._problem()
        if problem:
            self._show_error(problem[0])
            problem[1].setFocus()
            return
        hub = self.hub_edit.text().strip()
        code = "".join(self.code_edit.text().split())
        name = self.name_edit.text().strip()
        ledger = self.ledger

        def work(db: Ledger, task) -> client.SyncSettings:
            return client.enroll(db, hub, code, name=name)

        self._set_busy(True)
        self.error_label.hide()
        self.status_label.setText(self.tr("Asking the hub…"))
        self.status_label.show()
        workers.start(on_sibling(ledger, work), self._enrolled, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.hub_edit, self.code_edit, self.name_edit, self.buttons):
            w.setEnabled(not busy)

    def _enrolled(self, settings) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.status_label.hide()
        self.result_settings = settings
        enrollment_notifier().sig_enrolled.emit(str(self.ledger.path))
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.status_label.hide()
        if isinstance(exc, LedgerError):
            text = exc.text()
        elif isinstance(exc, OSError):
            text = self.tr("The hub could not be reached. Check the address and the network connection.")
        else:
            log.error("enrollment failed: %s", getattr(exc, "trace", repr(exc)))
            text = self.tr("The enrollment failed because of an error in the program ({error}).").format(
                error=type(exc).__name__)
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def default_office_name(ledger: Ledger) -> str:
    """The unit's full name (e.g. 河北省石家庄市栾城区南高乡) as the office's name at the hub."""
    try:
        return geography().full_name(ledger.scope) if ledger.scope else ""
    except (KeyError, LookupError, LedgerError):
        return ""


def open_enroll_dialog(ledger: Ledger, controller: SyncController | None, parent: QWidget | None) -> EnrollDialog:
    """Show the enrollment dialog without blocking (window-modal); returns it."""
    dialog = EnrollDialog(ledger, parent, hub_url=client.hub_url(ledger))
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog


# ---------------------------------------------------------------------- main window

class SyncUi(QObject):
    """Keeps the window's sync actions in its Tools menu (rebuilt on a language switch)
    and stops the sync when the window closes."""

    def __init__(self, window: QMainWindow, controller: SyncController) -> None:
        super().__init__(window)
        self.setObjectName("sync_ui")
        self.window = window
        self.controller = controller
        self.sync_action = QAction(window)
        self.sync_action.setObjectName("sync_now_action")
        self.sync_action.setShortcut(SYNC_SHORTCUT)
        self.sync_action.triggered.connect(self.sync_now)
        self.enroll_action = QAction(window)
        self.enroll_action.setObjectName("enroll_action")
        self.enroll_action.triggered.connect(self.enroll)
        self.report_action = QAction(window)
        self.report_action.setObjectName("report_action")
        self.report_action.triggered.connect(lambda: window.report_button.report())
        window.addAction(self.sync_action)  # the shortcut works even while the menu is rebuilt
        self.retranslate()
        self.attach()
        window.installEventFilter(self)

    def retranslate(self) -> None:
        self.sync_action.setText(self.tr("&Sync now"))
        self.enroll_action.setText(self.tr("&Enroll with a hub…"))
        self.report_action.setText(self.tr("Report / e&xchange data"))

    def tools_menu(self) -> QMenu | None:
        """The window's Tools menu: the one holding its Conflicts action."""
        anchor = getattr(self.window, "conflicts_action", None)
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if menu is not None and anchor is not None and anchor in menu.actions():
                return menu
        return None

    def attach(self) -> None:
        menu = self.tools_menu()
        if menu is None or self.sync_action in menu.actions():
            return
        menu.addSeparator()
        menu.addAction(self.report_action)
        menu.addAction(self.sync_action)
        menu.addAction(self.enroll_action)

    def sync_now(self) -> None:
        if self.controller.state == NOT_ENROLLED:
            self.enroll()
        else:
            self.controller.sync_now()

    def enroll(self) -> EnrollDialog:
        return open_enroll_dialog(self.window.ledger, self.controller, self.window)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.window:
            if event.type() == QEvent.LanguageChange:
                self.retranslate()
                self.attach()  # MainWindow.retranslate() rebuilt the menus
            elif event.type() == QEvent.Close:
                self.controller.shutdown()
        return False


#: Whether ``install_sync`` starts the automatic sync by default (tests turn it off).
AUTO_SYNC = True
#: The automatic sync starts this long after the window is made (ms): asking the system for
#: its network information takes tens of milliseconds, which the window's first paint needs more.
AUTO_START_MS = 500


def install_sync(window: QMainWindow, *, auto: bool | None = None, interval_minutes: int = 15) -> SyncController:
    """Put the sync into a MainWindow: a Sync button at the right of the menu bar, the
    status-bar label (in place of the window's pending and last-sync labels), "Sync now"
    (Ctrl+Shift+S) and "Enroll with a hub…" in the Tools menu; a sync that brings
    changes reloads the window.  With *auto* (default ``AUTO_SYNC``), syncs run by
    themselves, from ``AUTO_START_MS`` after the window is made.  Installing twice returns the first controller."""
    existing = getattr(window, "sync_controller", None)
    if existing is not None and isValid(existing):
        return existing
    auto = AUTO_SYNC if auto is None else auto
    ledger = window.ledger
    controller = SyncController(ledger, window, interval_minutes=interval_minutes)
    ui = SyncUi(window, controller)

    button = SyncButton(controller, window)
    button.sig_enroll_requested.connect(ui.enroll)
    report = ReportButton(controller, window)
    report.sig_use_stick.connect(lambda reason: open_exchange(window, reason))
    corner = QWidget(window)
    corner.setObjectName("sync_corner")
    row = QHBoxLayout(corner)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    row.addWidget(report)
    row.addWidget(button)
    window.menuBar().setCornerWidget(corner, Qt.TopRightCorner)
    corner.show()

    status = SyncStatus(ledger, controller, window)
    for old in ("sync_label", "pending_label"):  # the status label shows both
        label = getattr(window, old, None)
        if label is not None:
            label.hide()
    window.statusBar().addPermanentWidget(status)

    def finished(ok: bool, message: str) -> None:
        if not isValid(window):
            return
        update = getattr(window, "_update_status", None)
        if update is not None:
            update()
        status.refresh()
        window.statusBar().showMessage(message, 10000)

    controller.sig_finished.connect(finished)
    if hasattr(window, "refresh"):
        controller.sig_records_changed.connect(window.refresh)
    undo = getattr(window, "undo_stack", None)
    if undo is not None:  # every edit, undo and redo changes the pending count
        undo.indexChanged.connect(lambda _i: status.refresh())
    changed = getattr(window, "sig_record_changed", None)
    if changed is not None:  # the window passes on what its views (made or not yet) change
        changed.connect(lambda *_a: status.refresh())
    else:
        for view in [*getattr(window, "sections", {}).values(), getattr(window, "checklist", None)]:
            if view is not None and hasattr(view, "sig_changed"):
                view.sig_changed.connect(lambda *_a: status.refresh())

    window.sync_controller = controller
    window.sync_button = button
    window.report_button = report
    window.report_action = ui.report_action
    window.sync_status = status
    window.sync_action = ui.sync_action
    window.enroll_action = ui.enroll_action
    window.sync_ui = ui
    if auto:
        QTimer.singleShot(AUTO_START_MS, controller, controller.start_auto)
    return controller
