"""Undo and redo of the user's edits, as ledger writes (so they sync like any edit)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.ledger import Ledger


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

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ledger.restore(self.kind, self.record_id)
        self._notify()

    def undo(self) -> None:
        self.ledger.delete(self.kind, self.record_id)
        self._notify()


class DeleteCommand(_LedgerCommand):
    """Delete a record (a tombstone); undo restores it."""

    def redo(self) -> None:
        self.ledger.delete(self.kind, self.record_id)
        self._first = False
        self._notify()

    def undo(self) -> None:
        self.ledger.restore(self.kind, self.record_id)
        self._notify()


class EditCommand(_LedgerCommand):
    """Fields of a record were changed (already done when pushed)."""

    def __init__(self, ledger, kind, record_id, text, on_change, before: dict, after: dict) -> None:
        super().__init__(ledger, kind, record_id, text, on_change)
        self.before, self.after = before, after

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ledger.update(self.kind, self.record_id, self.after)
        self._notify()

    def undo(self) -> None:
        self.ledger.update(self.kind, self.record_id, self.before)
        self._notify()
