"""USB data packages in the window: the offices this one exchanges packages with (by
unit and person), what each has confirmed receiving, what is still only here, packages
of offices not trusted yet that wait for a check by phone, export to a removable drive,
import, and first contact.  Export is never a dead end: while no office is trusted it
writes this office's identity file and says what to do with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.offices import Office, office_of
from desktop.paths import is_removable_drive
from desktop.scope.geo import geography
from sync import packages
from sync.pending import pending_count
from ui import workers
from ui.busy import BusyGuard, on_sibling
from ui.exchange import PhoneCheckDialog, check_held_by_phone, imported_text, trust_on_hub_word
from ui.history import local_time, stored_moment
from ui.models import ListTableModel
from ui.widgets import existing_folder, last_folder, open_file_name, remember_folder, save_file_name

PACKAGE_FILTER = f"*{packages.SUFFIX} *{packages.RECEIPT_SUFFIX}"
#: The file dialogs of packages, identity files and sticks share one remembered folder.
FOLDERS = "packages"


def removable_drives() -> list[tuple[str, str]]:
    """(label, folder) of mounted drives a stick is likely to be: not the system drive,
    writable, ready."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
            continue
        if not is_removable_drive(root):
            continue
        name = volume.displayName() or root
        free = volume.bytesAvailable() / 1e9
        out.append((f"{name} ({root}, {free:.1f} GB)", root))
    return out


def start_folder() -> str:
    """Where file choosers open: the folder last chosen, else the first stick, else home."""
    drives = removable_drives()
    return last_folder(FOLDERS, drives[0][1] if drives else "")


def remember(path: str) -> str:
    remember_folder(FOLDERS, path)
    return path


def choose_folder(parent, title: str) -> str:
    return existing_folder(parent, FOLDERS, title, start_folder())


def when(iso: str | None) -> str:
    """A stored time as people read it (local, to the minute)."""

    try:
        moment = stored_moment(iso)
    except ValueError:
        return iso or ""
    return local_time(moment) if moment else ""


class PeerModel(ListTableModel):
    """The trusted offices (by unit and person) and what each has confirmed receiving; the
    device id, check code and full unit name are in the tooltip."""

    OFFICE, CONFIRMED, WAITING, OUT, IN = range(5)

    def __init__(self, ledger: Ledger | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.rows: list[packages.PeerStatus] = []
        self._headers = [self.tr("Office"), self.tr("Confirmed by them"), self.tr("Not yet confirmed by them"),
                         self.tr("Last package out"), self.tr("Last package in")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def office(self, p: packages.PeerStatus) -> str:
        if self.ledger is not None:
            return office_of(self.ledger, p.device_id).text()
        return Office(p.device_id, p.scope, p.name).text()

    def tooltip(self, p: packages.PeerStatus) -> str:
        geo = geography()
        unit = geo.full_name(p.scope) if p.scope and geo.exists(p.scope) else (p.scope or "-")
        via = {"fingerprint": self.tr("check code compared by phone"), "hub": self.tr("vouched for by the hub"),
               "in_person": self.tr("identity file handed over in person")}.get(p.trusted_via, p.trusted_via)
        return self.tr("{office}\nUnit: {unit}\nTrusted: {via}\nCheck code: {fingerprint}\nDevice: {device}").format(
            office=self.office(p), unit=unit, via=via, fingerprint=p.fingerprint, device=p.device_id)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < 5:
            return None
        p = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return (self.office(p), str(p.acknowledged), str(p.pending), when(p.last_export),
                    when(p.last_import))[index.column()]
        if role == Qt.ToolTipRole:
            return self.tooltip(p)
        if role == Qt.TextAlignmentRole and index.column() in (self.CONFIRMED, self.WAITING):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return p.device_id
        return None


class HeldModel(ListTableModel):
    """Packages of offices not trusted yet, waiting for a check by phone."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[packages.HeldPackage] = []
        self._headers = [self.tr("From (not trusted yet)"), self.tr("Changes"), self.tr("Waiting since"),
                         self.tr("File")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < 4:
            return None
        h = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return (h.office().text(), str(h.count), when(h.held_at), h.source)[index.column()]
        if role == Qt.ToolTipRole:
            return self.tr("{office}\nDevice: {device}\nFile: {file}").format(
                office=h.office().text(), device=h.device_id, file=h.source)
        if role == Qt.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return h.device_id
        return None


def table(parent, model, name: str, stretch: int = 0) -> QTableView:
    """A read-only table of whole rows that fits a 1366×768 screen: the *stretch* column
    takes the room left and elides in the middle (its whole text is in the tooltip)."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setTextElideMode(Qt.ElideMiddle)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    header.setStretchLastSection(False)
    return view


class PackagesDialog(BusyGuard, QDialog):
    """Data packages: export for an office, import from one, confirm a new office by phone.
    It stays open while a package is written or imported."""

    sig_imported = Signal()
    """A package brought changes, or an office was trusted: the window reloads."""

    def __init__(self, ledger: Ledger, parent=None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("packages_dialog")
        self.setWindowTitle(self.tr("Data packages (USB)"))
        me = packages.public_identity(ledger)
        self.identity_label = QLabel(self.tr(
            "This computer: <b>{office}</b> · check code <b>{fp}</b><br><small>The check code (also called the "
            "fingerprint) is how another office makes sure on the phone that a package is really yours: read it "
            "out when they ask.</small>").format(office=office_of(ledger, ledger.device_id).text(),
                                                  fp=me["fingerprint"]), self)
        self.identity_label.setObjectName("own_identity")
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.only_here = QLabel(self)
        self.only_here.setObjectName("only_here")
        self.only_here.setWordWrap(True)
        self.model = PeerModel(ledger, self)
        self.view = table(self, self.model, "peer_table")
        self.empty = QLabel(self.tr(
            "No office is trusted yet. The simplest way: import the other office's first package (it waits here "
            "until you check its code by phone), or trust the identity file on a stick they handed you. Until "
            "then, Export writes this office's identity file for them."), self)
        self.empty.setWordWrap(True)

        self.held_box = self._make_held_box()
        self.drive = QComboBox(self)
        self.drive.setObjectName("drive")
        self.export_button = QPushButton(self.tr("&Export a package…"), self)
        self.export_button.setObjectName("export_package")
        self.import_button = QPushButton(self.tr("&Import a package…"), self)
        self.import_button.setObjectName("import_package")
        self.identity_button = QPushButton(self.tr("&Write my identity file…"), self)
        self.identity_button.setToolTip(self.tr("The identity file holds what another office needs to open and "
                                                "check this office's packages (no personal data)."))
        self.trust_button = QPushButton(self.tr("&Trust an office from its identity file…"), self)
        self.status = QLabel(self)
        self.status.setObjectName("package_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_file)
        self.identity_button.clicked.connect(self.write_identity)
        self.trust_button.clicked.connect(self.trust_office)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)

        destination = QHBoxLayout()
        destination.addWidget(QLabel(self.tr("Write to:"), self))
        destination.addWidget(self.drive, 1)
        destination.addWidget(self.export_button)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.identity_button, self.trust_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_label)
        layout.addWidget(self.only_here)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.held_box)
        layout.addLayout(destination)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(960, 560)
        self._task = None
        self.refresh()

    def _make_held_box(self) -> QGroupBox:
        """The packages of offices not trusted yet, with the check by phone."""
        box = QGroupBox(self.tr("Waiting for a check by phone"), self)
        self.held_model = HeldModel(self)
        self.held_view = table(box, self.held_model, "held_table")
        self.held_view.setMaximumHeight(self.held_view.verticalHeader().defaultSectionSize() * 4
                                        + self.held_view.horizontalHeader().sizeHint().height() + 4)
        self.held_note = QLabel(box)
        self.held_note.setObjectName("held_note")
        self.held_note.setWordWrap(True)
        self.check_button = QPushButton(self.tr("&Check by phone…"), box)
        self.check_button.setObjectName("check_by_phone")
        self.discard_button = QPushButton(self.tr("Throw away"), box)
        self.discard_button.setObjectName("discard_held")
        self.check_button.clicked.connect(self.check_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        held_buttons = QHBoxLayout()
        held_buttons.addWidget(self.check_button)
        held_buttons.addWidget(self.discard_button)
        held_buttons.addStretch(1)
        held_layout = QVBoxLayout(box)
        held_layout.addWidget(self.held_view)
        held_layout.addWidget(self.held_note)
        held_layout.addLayout(held_buttons)
        return box

    # ------------------------------------------------------------- state
    def refresh(self) -> None:
        self.model.set_rows(packages.delivery_status(self.ledger))
        has_peers = bool(self.model.rows)
        self.view.setVisible(has_peers)
        self.empty.setVisible(not has_peers)
        if has_peers and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self.only_here.setText(self.tr(
            "Only here: {n} changes of this ledger that no upper office (the hub, or the office above through a "
            "package or receipt) has confirmed yet.").format(n=pending_count(self.ledger)))
        held = packages.held_packages(self.ledger)
        self.held_model.set_rows(held)
        self.held_box.setVisible(bool(held))
        if held:
            self.held_view.selectRow(0)
            self.held_note.setText(self.tr(
                "These packages come from offices this computer does not trust yet; nothing of them is applied. "
                "Phone the office and press Check by phone: once the code they read out matches, the package is "
                "applied."))
        current = self.drive.currentData()
        self.drive.clear()
        for label, folder in removable_drives():
            self.drive.addItem(label, folder)
        self.drive.addItem(self.tr("Another folder…"), None)
        i = self.drive.findData(current) if current else -1
        self.drive.setCurrentIndex(max(i, 0))  # the first stick unless another was chosen
        self.export_button.setText(self.tr("&Export a package…") if has_peers
                                   else self.tr("&Write my identity onto the stick…"))

    def selected_peer(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(Qt.UserRole) if rows else None

    def selected_held(self) -> packages.HeldPackage | None:
        rows = self.held_view.selectionModel().selectedRows()
        return self.held_model.rows[rows[0].row()] if rows else None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.export_button, self.import_button, self.identity_button, self.trust_button,
                  self.check_button, self.discard_button):
            b.setEnabled(not busy)

    def _fail(self, exc) -> None:
        self._set_busy(False)
        text = exc.text() if isinstance(exc, LedgerError) else self.tr(
            "The package could not be handled: {reason}").format(reason=exc)
        self.status.setText(text)
        QMessageBox.warning(self, self.windowTitle(), text)

    def _destination(self) -> str:
        return self.drive.currentData() or choose_folder(self, self.tr("Write to"))

    # ------------------------------------------------------------- actions
    def export_selected(self) -> None:
        peer = self.selected_peer()
        folder = self._destination()
        if not folder:
            return
        if not peer:  # nothing trusted yet: the identity file is what can go
            self.write_identity(folder)
            return
        self._run(lambda writer, task: packages.export_package(writer, folder, peer, progress=task.progress),
                  self.tr("Writing the package…"),
                  lambda written: self.tr("The package was written and checked: {path}. The stick can be removed "
                                          "safely.").format(path=written))

    def import_file(self) -> None:
        file = open_file_name(self, FOLDERS, self.tr("Import a package"),
                              self.tr("Data packages and receipts ({filter})").format(filter=PACKAGE_FILTER),
                              start_folder())
        if not file:
            return
        self._run(lambda writer, task: packages.receive(writer, file),
                  self.tr("Checking and importing the package…"), self._imported)

    def _imported(self, report) -> str:
        """What an import did, in words; the window reloads when it brought changes."""
        if isinstance(report, packages.HeldPackage):
            return self.tr("{office} is not trusted by this computer yet, so its package ({n} changes) was not "
                           "applied: it waits below. Phone {office} and press Check by phone.").format(
                office=report.office().text(), n=report.count)
        if getattr(report, "applied", 0):  # a receipt applies nothing
            self.sig_imported.emit()
        return imported_text(self.ledger, [report])

    def _run(self, job, working: str, outcome) -> None:
        """Run ``job(connection, task)`` in a worker while the dialog is busy; then show
        ``outcome(result)`` (a failure: its message).  A held package offers the check by
        phone straight away."""

        def done(result) -> None:
            self._set_busy(False)
            self.refresh()
            text = outcome(result)
            self.status.setText(text)
            if isinstance(result, packages.HeldPackage):
                answer = QMessageBox.question(self, self.windowTitle(), text + "\n\n" + self.tr("Check by phone now?"))
                if answer == QMessageBox.Yes:
                    self.check_held(result)
                return
            QMessageBox.information(self, self.windowTitle(), text)

        self._set_busy(True)
        self.status.setText(working)
        self._task = workers.start(on_sibling(self.ledger, job), done, self._fail, owner=self)

    def check_selected(self) -> None:
        held = self.selected_held()
        if held is not None:
            self.check_held(held)

    def check_held(self, held: packages.HeldPackage) -> None:
        reports = check_held_by_phone(self.ledger, held, self)
        if reports is None:
            return
        self.refresh()
        text = self.tr("{office} is trusted now.").format(office=held.office().text())
        if reports:
            text += "\n" + imported_text(self.ledger, reports)
        self.status.setText(text)
        self.sig_imported.emit()

    def discard_selected(self) -> None:
        held = self.selected_held()
        if held is None:
            return
        answer = QMessageBox.question(self, self.windowTitle(), self.tr(
            "Throw away the packages of {office} that wait here? Nothing of them was applied.").format(
            office=held.office().text()))
        if answer == QMessageBox.Yes:
            packages.discard_held(self.ledger, held.device_id)
            self.refresh()

    def write_identity(self, folder: str | None = None) -> None:
        if folder:
            target = folder
        else:
            target = save_file_name(self, FOLDERS, self.tr("Write my identity file"),
                                    packages.identity_name(self.ledger, Path(start_folder())),
                                    self.tr("Identity files (*.tlid)"))
            if not target:
                return
        try:
            written = packages.peer_identity_file(self.ledger, target)
        except (LedgerError, OSError) as exc:
            self._fail(exc)
            return
        self.status.setText(self.tr(
            "Identity file written: {path}. Give it to the other office (on this stick): with it they can trust "
            "this office and seal packages for it. Once they send theirs or a package back, packages go both "
            "ways.").format(path=written))

    def trust_office(self) -> None:
        file = open_file_name(self, FOLDERS, self.tr("Another office's identity file"),
                              self.tr("Identity files (*.tlid);;All files (*)"), start_folder())
        if not file:
            return
        try:
            identity = packages.read_identity_file(file)
        except (LedgerError, OSError) as exc:
            self._fail(exc)
            return
        ledger = self.ledger
        office = Office(identity["device_id"], identity["scope"], identity["name"]).text()
        try:
            reports = trust_on_hub_word(ledger, identity)  # the hub vouches for its unit: no phone call
        except LedgerError as exc:
            self._fail(exc)
            return
        if reports is None:
            dialog = PhoneCheckDialog(office, lambda code, shown: packages.trust_office(
                ledger, identity, code=code, scope_shown=shown), self,
                in_person=lambda: packages.trust_office(ledger, identity), identity=identity)
            if dialog.exec() != QDialog.Accepted:
                self.status.setText(self.tr("{office} was not trusted.").format(office=office))
                return
            reports = dialog.result_value
        self.refresh()
        text = self.tr("{office} is trusted; packages can now go both ways.").format(office=office)
        if reports:
            text += "\n" + imported_text(ledger, reports)
        self.status.setText(text)
        self.sig_imported.emit()
