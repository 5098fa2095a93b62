"""USB data packages in the window: the offices this one exchanges packages with, what
each has confirmed receiving, export to a removable drive, import, and first-contact
trust by fingerprint."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QInputDialog, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout)

from sync import packages
from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from ui import workers
from ui.busy import BusyGuard, on_sibling
from ui.models import ListTableModel

PACKAGE_FILTER = f"*{packages.SUFFIX} *{packages.RECEIPT_SUFFIX}"


def removable_drives() -> list[tuple[str, str]]:
    """(label, folder) of mounted drives a stick is likely to be: not the system drive,
    writable, ready."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
            continue
        if sys.platform == "win32":
            if root.upper().startswith("C:"):
                continue
        elif not root.startswith(("/media/", "/run/media/", "/mnt/")):
            continue
        name = volume.displayName() or root
        free = volume.bytesAvailable() / 1e9
        out.append((f"{name} ({root}, {free:.1f} GB)", root))
    return out


class PeerModel(ListTableModel):
    """The trusted offices and what each has confirmed receiving."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[packages.PeerStatus] = []
        self._headers = [self.tr("Office"), self.tr("Unit"), self.tr("Fingerprint"), self.tr("Delivered"),
                         self.tr("Only here"), self.tr("Last package out"), self.tr("Last package in")]

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        unit = geography().full_name(p.scope) if p.scope and geography().exists(p.scope) else p.scope
        values = (p.name, unit, p.fingerprint, p.acknowledged, p.pending, p.last_export or "", p.last_import or "")
        if not 0 <= index.column() < len(values):
            return None
        if role == Qt.DisplayRole:
            return str(values[index.column()])
        if role == Qt.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return p.device_id
        return None


class PackagesDialog(BusyGuard, QDialog):
    """Data packages: export for an office, import from one, trust a new office.  It stays
    open while a package is written or imported."""

    sig_imported = Signal()
    """A package brought changes: the window reloads."""

    def __init__(self, ledger: Ledger, parent=None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("packages_dialog")
        self.setWindowTitle(self.tr("Data packages (USB)"))
        me = packages.public_identity(ledger)
        self.identity_label = QLabel(self.tr("This computer's fingerprint: <b>{fp}</b> — read it out when another "
                                             "office asks.").format(fp=me["fingerprint"]), self)
        self.identity_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.model = PeerModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("peer_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.empty = QLabel(self.tr("No office is trusted yet. Exchange identity files first: write this "
                                    "computer's file, and trust the other office's after checking its "
                                    "fingerprint by phone."), self)
        self.empty.setWordWrap(True)
        self.drive = QComboBox(self)
        self.drive.setObjectName("drive")
        self.export_button = QPushButton(self.tr("&Export a package…"), self)
        self.export_button.setObjectName("export_package")
        self.import_button = QPushButton(self.tr("&Import a package…"), self)
        self.import_button.setObjectName("import_package")
        self.identity_button = QPushButton(self.tr("&Write my identity file…"), self)
        self.trust_button = QPushButton(self.tr("&Trust an office…"), self)
        self.status = QLabel(self)
        self.status.setObjectName("package_status")
        self.status.setWordWrap(True)
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
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(destination)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(900, 480)
        self._task = None
        self.refresh()

    # ------------------------------------------------------------- state
    def refresh(self) -> None:
        self.model.set_rows(packages.delivery_status(self.ledger))
        has_peers = bool(self.model.rows)
        self.view.setVisible(has_peers)
        self.empty.setVisible(not has_peers)
        self.export_button.setEnabled(has_peers)
        if has_peers and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        current = self.drive.currentData()
        self.drive.clear()
        for label, folder in removable_drives():
            self.drive.addItem(label, folder)
        self.drive.addItem(self.tr("Another folder…"), None)
        i = self.drive.findData(current) if current else -1
        self.drive.setCurrentIndex(max(i, 0))  # the first stick unless another was chosen

    def selected_peer(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(Qt.UserRole) if rows else None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.export_button, self.import_button, self.identity_button, self.trust_button):
            b.setEnabled(not busy)
        if not busy:
            self.export_button.setEnabled(bool(self.model.rows))

    def _fail(self, exc) -> None:
        self._set_busy(False)
        text = exc.text() if isinstance(exc, LedgerError) else self.tr("The package could not be handled: {reason}").format(
            reason=exc)
        self.status.setText(text)
        QMessageBox.warning(self, self.windowTitle(), text)

    # ------------------------------------------------------------- actions
    def export_selected(self) -> None:
        peer = self.selected_peer()
        if not peer:
            return
        folder = self.drive.currentData()
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Write the package to"), str(Path.home()))
            if not folder:
                return
        self._run(lambda writer, task: packages.export_package(writer, folder, peer, progress=task.progress),
                  self.tr("Writing the package…"),
                  lambda written: self.tr("The package was written and checked: {path}. The stick can be removed "
                                          "safely.").format(path=written))

    def import_file(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, self.tr("Import a package"), str(Path.home()),
                                              self.tr("Data packages and receipts ({filter})").format(
                                                  filter=PACKAGE_FILTER))
        if not file:
            return

        self._run(lambda writer, task: packages.import_file(writer, file),
                  self.tr("Checking and importing the package…"), self._imported)

    def _imported(self, report: packages.ImportReport | int) -> str:
        """What an import did, in words; the window reloads when it brought changes."""
        if isinstance(report, int):  # a receipt
            return self.tr("Receipt read: %n change(s) newly confirmed as delivered.", "", report)
        text = self.tr("Imported: {applied} new, {had} already here, {rejected} refused.").format(
            applied=report.applied, had=report.already_had, rejected=len(report.rejected))
        if report.rejected:
            text += "\n" + "\n".join(f"{origin} #{seq}: {reason}" for origin, seq, reason in report.rejected[:10])
        if report.applied:
            self.sig_imported.emit()
        return text

    def _run(self, job, working: str, outcome) -> None:
        """Run ``job(connection, task)`` in a worker while the dialog is busy; then show
        ``outcome(result)`` (a failure: its message)."""

        def done(result) -> None:
            self._set_busy(False)
            self.refresh()
            text = outcome(result)
            self.status.setText(text)
            QMessageBox.information(self, self.windowTitle(), text)

        self._set_busy(True)
        self.status.setText(working)
        self._task = workers.start(on_sibling(self.ledger, job), done, self._fail)

    def write_identity(self) -> None:
        file, _ = QFileDialog.getSaveFileName(self, self.tr("Write my identity file"),
                                              str(Path.home() / f"{self.ledger.device_id}.tlid"),
                                              self.tr("Identity files (*.tlid)"))
        if not file:
            return
        try:
            written = packages.peer_identity_file(self.ledger, file)
        except (LedgerError, OSError) as exc:
            self._fail(exc)
            return
        self.status.setText(self.tr("Identity file written: {path}").format(path=written))

    def trust_office(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, self.tr("Another office's identity file"), str(Path.home()),
                                              self.tr("Identity files (*.tlid);;All files (*)"))
        if not file:
            return
        try:
            identity = packages.read_identity_file(file)
        except (LedgerError, OSError) as exc:
            self._fail(exc)
            return
        typed, ok = QInputDialog.getText(
            self, self.tr("Check the fingerprint"),
            self.tr("Ask the office by phone to read out its fingerprint, and type it here.\n"
                    "The file says: {fp}").format(fp=identity["fingerprint"]))
        if not ok:
            return
        try:
            packages.trust_by_fingerprint(self.ledger, identity, typed)
        except packages.FingerprintMismatch:
            self.status.setText(self.tr("The fingerprints differ: the file was not trusted."))
            QMessageBox.warning(self, self.windowTitle(), self.status.text())
            return
        except LedgerError as exc:
            self._fail(exc)
            return
        self.refresh()
        self.status.setText(self.tr("The office is trusted; packages can now go both ways."))
