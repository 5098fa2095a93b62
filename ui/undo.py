"""Undo and redo of the user's edits, as ledger writes (so they sync like any edit)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from desktop.errors import LedgerError
from desktop.ledger import Ledger


def _report(exc: LedgerError) -> None:
    """An undo or redo the ledger refused (e.g. a sync changed the record meanwhile)."""
    QMessageBox.warning(None, QCoreApplication.translate("Undo", "Undo"), QCoreApplication.translate(
        "Undo", "This step cannot be undone or redone: {reason}").format(reason=exc.text()))


def _guarded(method):
    def wrapper(self) -> None:
        try:
            method(self)
        except LedgerError as exc:
            _report(exc)
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class _LedgerCommand(QUndoCommand):
    def __init__(self, ledger: Ledger, kind: str, record_id: str, text: str, on_change) -> None:
        super().__init__(text)
        self.ledger, self.kind, self.record_id, self.on_change = ledger, kind, record_id, on_change
        self._first = True

    def _already_done(self) -> bool:
        """True on the redo that QUndoStack.push runs for a change made before it was pushed."""
        first, self._first = self._first, False
        return first

    def _write(self, method, *args) -> None:
        """One ledger write on the command's record, then tell the view."""
        method(self.kind, self.record_id, *args)
        if self.on_change:
            self.on_change(self.kind, self.record_id)


class CreateCommand(_LedgerCommand):
    """A record was created (already done when pushed)."""

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.restore)

    @_guarded
    def undo(self) -> None:
        self._write(self.ledger.delete)


class DeleteCommand(_LedgerCommand):
    """A record was deleted (a tombstone; already done when pushed); undo restores it."""

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.delete)

    @_guarded
    def undo(self) -> None:
        self._write(self.ledger.restore)


class EditCommand(_LedgerCommand):
    """Fields of a record were changed (already done when pushed)."""

    def __init__(self, ledger, kind, record_id, text, on_change, before: dict, after: dict) -> None:
        super().__init__(ledger, kind, record_id, text, on_change)
        self.before, self.after = before, after

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.update, self.after)

    @_guarded
    def undo(self) -> None:
        self._write(self.ledger.update, self.before)
