"""The files attached to one record (a case's text, a brief's PDF, photos), beside the list of
its kind: attach (undoable), open, remove.  File contents live in the ledger by their hash
(:mod:`desktop.ledger.blobs`) and travel with sync and data packages like any record."""

from __future__ import annotations

import mimetypes
import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGroupBox, QHBoxLayout, QLabel, QMessageBox,
                               QSizePolicy, QVBoxLayout, QWidget)

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from ui import workers
from ui.models import ID_ROLE, ListTableModel
from ui.undo import CreateCommand, DeleteCommand
from ui.widgets import open_file_name, record_table, tool_button

ATTACHMENT = "attachment"
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


class AttachmentPanel(QGroupBox):
    """The attachments of the record chosen with :meth:`set_owner`."""

    sig_changed = Signal(str)
    """Attachments changed (``attachment``)."""

    def __init__(self, ledger: Ledger, owner_kind: str, undo_stack, parent: QWidget | None = None, *,
                 owner: Callable[[], str | None] | None = None,
                 title: Callable[[int | None], str] | None = None) -> None:
        """*owner* gives the record a file is attached to at the moment of attaching (default:
        the one set with :meth:`set_owner`); *title* the box's title for a number of files
        (None: no record chosen)."""
        super().__init__(parent)
        self.ledger, self.owner_kind, self.undo_stack = ledger, owner_kind, undo_stack
        self.owner_id: str | None = None
        self._owner = owner or (lambda: self.owner_id)
        self._title = title or self._files_title
        self._reading = False
        self.setObjectName(f"attachments_{owner_kind}")
        self.model = AttachmentModel(self)
        self.view = record_table(self, f"attachment_table_{owner_kind}", self.model, row_height=24)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().resizeSection(0, 320)
        self.view.doubleClicked.connect(lambda _i: self.open_attachment())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.attach_button = tool_button(self, "attach_file", self.attach_file, self.tr("Attach file…"))
        self.open_button = tool_button(self, "open_attachment", self.open_attachment, self.tr("Open"))
        self.remove_button = tool_button(self, "remove_attachment", self.remove_attachment, self.tr("Remove"))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("attachment_status")
        buttons = QVBoxLayout()
        for b in (self.attach_button, self.open_button, self.remove_button):
            b.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            b.setMinimumWidth(110)
            buttons.addWidget(b)
        buttons.addWidget(self.status_label)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    # ------------------------------------------------------------------ state
    def set_owner(self, owner_id: str | None) -> None:
        if owner_id != self.owner_id:
            self.owner_id = owner_id
            self.reload()

    def reload(self) -> None:
        rows: list[dict] = []
        if self.owner_id:
            try:
                rows = self.ledger.query(ATTACHMENT, where={"owner_kind": self.owner_kind, "owner_id": self.owner_id},
                                         order_by="added_on")
            except LedgerError as exc:
                self.status_label.setText(exc.text())
        self.model.set_rows(rows)
        self.setTitle(self._title(len(rows) if self.owner_id else None))
        self._update_buttons()

    def _files_title(self, count: int | None) -> str:
        return self.tr("Files (choose a record)") if count is None else self.tr("Files (%n file(s))", "", count)

    def current(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        writable = not self.ledger.read_only
        self.attach_button.setEnabled(writable and self.owner_id is not None and not self._reading)
        chosen = self.current() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(writable and chosen)

    def _changed(self, _kind: str = ATTACHMENT, _id: str = "") -> None:
        self.reload()
        self.sig_changed.emit(ATTACHMENT)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # ------------------------------------------------------------------ attach
    def attach_file(self) -> None:
        """Choose a file and attach it to the record (read in a worker thread when big)."""
        owner = self._owner()
        if owner is None:
            return
        path = open_file_name(self, "attachment", self.tr("Attach file"), self.tr("All files (*)"))
        if not path:
            return
        name = Path(path).name
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            self._warn(self.tr("Attach file"), self.tr("{file} cannot be read: {reason}").format(
                file=name, reason=exc.strerror))
            return
        if size > MAX_FILE:
            self._warn(self.tr("Attach file"), self.tr(
                "{file} is {size}. Files over {limit} cannot be attached: the ledger travels on USB sticks and "
                "over slow connections. Attach a smaller copy (for example compressed photos or a PDF).").format(
                file=name, size=file_size(size), limit=file_size(MAX_FILE)))
            return
        if size <= BIG_FILE:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                self._warn(self.tr("Attach file"), self.tr("{file} cannot be read: {reason}").format(
                    file=name, reason=exc.strerror))
                return
            self.store(owner, name, data)
            return
        self._reading = True
        self._update_buttons()
        self.status_label.setText(self.tr("Reading {file}…").format(file=name))
        workers.start(lambda _task: Path(path).read_bytes(), lambda data: self._read(owner, name, data),
                      lambda exc: self._read_failed(name, exc), owner=self)

    def _read(self, owner: str, name: str, data: bytes) -> None:
        self._reading = False
        self.status_label.clear()
        self.store(owner, name, data)

    def _read_failed(self, name: str, exc: BaseException) -> None:
        self._reading = False
        self.status_label.clear()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self._warn(self.tr("Attach file"), self.tr("{file} cannot be read: {reason}").format(file=name, reason=reason))
        self._update_buttons()

    def store(self, owner: str, name: str, data: bytes) -> str | None:
        """Attach *data* as the file *name* to the record *owner* (one undo step); its id."""
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            attachment_id = self.ledger.attach(self.owner_kind, owner, name, data, mimetypes.guess_type(name)[0])
        except LedgerError as exc:
            QApplication.restoreOverrideCursor()
            self._warn(self.tr("Attach file"), exc.text())
            self._update_buttons()
            return None
        QApplication.restoreOverrideCursor()
        self.undo_stack.push(CreateCommand(self.ledger, ATTACHMENT, attachment_id,
                                           self.tr("attach {file}").format(file=name), self._changed))
        self._changed()
        return attachment_id

    # ------------------------------------------------------------------ open and remove
    def open_attachment(self) -> None:
        """Write the file to a temporary folder under its own name and open it."""
        att = self.current()
        if att is None:
            return
        name = safe_filename(att["filename"] or "")
        target = Path(tempfile.mkdtemp(prefix="township-ledger-")) / name
        sha = att["sha256"]
        if (att.get("size") or 0) <= BIG_FILE:
            try:
                target.write_bytes(self.ledger.blob(sha))
            except (LedgerError, OSError) as exc:
                self._open_failed(name, exc)
                return
            self._launch(target)
            return

        def work(reader, _task) -> Path:
            target.write_bytes(reader.blob(sha))
            return target

        self.status_label.setText(self.tr("Opening {file}…").format(file=name))
        workers.start_on_reader(self.ledger.path, work, self._launch, lambda exc: self._open_failed(name, exc),
                                owner=self)

    def _launch(self, target: Path) -> None:
        self.status_label.clear()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.information(self, self.tr("Open"), self.tr(
                "No program on this computer opens {file}. It was saved as {path}.").format(
                file=target.name, path=str(target)))

    def _open_failed(self, name: str, exc: BaseException) -> None:
        self.status_label.clear()
        reason = exc.text() if isinstance(exc, LedgerError) else (
            exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
        self._warn(self.tr("Open"), self.tr("{file} could not be opened: {reason}").format(file=name, reason=reason))

    def remove_attachment(self) -> None:
        att = self.current()
        if att is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove"),
            self.tr("Remove {file}? You can undo this with Ctrl+Z.").format(file=att["filename"]),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            self.ledger.delete(ATTACHMENT, att["id"])
        except LedgerError as exc:
            self._warn(self.tr("Remove"), exc.text())
            return
        self.undo_stack.push(DeleteCommand(self.ledger, ATTACHMENT, att["id"],
                                           self.tr("remove {file}").format(file=att["filename"]), self._changed))
        self._changed()
