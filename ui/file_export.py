"""Saving what a view shows to a file: ask where (suggesting a name in the user's documents
folder), write it in a worker, then say where it went or why it could not be saved.  A mixin
of the month-figure views (the monthly report, the trends), which keep their own
``sig_exported`` signal, ``status_label`` and :meth:`busy_changed`."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from desktop.errors import LedgerError
from ui import workers
from ui.widgets import save_file_name

#: The texts' own context: the views that mix this in have contexts of their own.
CTX = "FileExport"


def failure_reason(exc: BaseException) -> str:
    """Why a file could not be written, in the user's words where there are some."""
    if isinstance(exc, LedgerError):
        return exc.text()
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


class FileExport:
    """Export to a file in a worker (mixed into a QWidget subclass)."""

    #: "… could not be saved: {reason}", marked with ``QT_TR_NOOP`` in the view's class
    SAVE_FAILED = ""
    exporting = False

    def ask_export_path(self, key: str, title: str, name: str, suffix: str, filters: str) -> Path | None:
        """Where to save (the dialog remembers its folder under *key*); *suffix* added when missing."""
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
        chosen = save_file_name(self, key, title, str(Path(folder) / f"{name}{suffix}"), filters)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_in_worker(self, path: Path, write: Callable[[], Path]) -> None:
        """Run *write* (which returns the path written) in a worker, the view marked busy meanwhile."""
        self.exporting = True
        self.busy_changed()
        self.status_label.setText(QCoreApplication.translate(CTX, "Writing {file}…").format(file=path.name))
        workers.start(lambda _task: write(), self.export_done, self.export_failed)

    def export_done(self, path: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self.exporting = False
        self.busy_changed()
        self.status_label.setText(QCoreApplication.translate(CTX, "Saved {file}").format(file=Path(path).name))
        self.sig_exported.emit(str(path))

    def export_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.exporting = False
        self.busy_changed()
        self.status_label.setText("")
        QMessageBox.warning(self, QCoreApplication.translate(CTX, "Export"), self.tr(self.SAVE_FAILED).format(reason=failure_reason(exc)))
