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

    def _notify(self) -> None:
        if self.on_change:
            self.on_change(self.kind, self.record_id)


class CreateCommand(_LedgerCommand):
    """A record was created (already done when pushed)."""

    @_guarded
    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ledger.restore(self.kind, self.record_id)
        self._notify()

    @_guarded
    def undo(self) -> None:
        self.ledger.delete(self.kind, self.record_id)
        self._notify()


class DeleteCommand(_LedgerCommand):
    """Delete a record (a tombstone); undo restores it."""

    @_guarded
    def redo(self) -> None:
        self.ledger.delete(self.kind, self.record_id)
        self._first = False
        self._notify()

    @_guarded
    def undo(self) -> None:
        self.ledger.restore(self.kind, self.record_id)
        self._notify()


class EditCommand(_LedgerCommand):
    """Fields of a record were changed (already done when pushed)."""

    def __init__(self, ledger, kind, record_id, text, on_change, before: dict, after: dict) -> None:
        super().__init__(ledger, kind, record_id, text, on_change)
        self.before, self.after = before, after

    @_guarded
    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ledger.update(self.kind, self.record_id, self.after)
        self._notify()

    @_guarded
    def undo(self) -> None:
        self.ledger.update(self.kind, self.record_id, self.before)
        self._notify()
