"""Undo and redo of the user's edits, as ledger writes (so they sync like any edit).

An edit that a change received since (a sync, a data package) has overwritten is not
undone: undoing it would silently throw the other office's value away. Such steps are
dropped from the stack when changes arrive (:func:`drop_overwritten`), and an undo that
meets one anyway says why and leaves the record alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox

from desktop.errors import LedgerError
from desktop.ledger import HistoryEntry, Ledger
from desktop.records import DELETED


def _report(exc: LedgerError) -> None:
    """An undo or redo the ledger refused (e.g. a sync changed the record meanwhile)."""
    QMessageBox.warning(None, QCoreApplication.translate("Undo", "Undo"), QCoreApplication.translate("Undo", "This step cannot be undone or redone: {reason}").format(
        reason=exc.text()))


def _guarded(method):
    def wrapper(self) -> None:
        try:
            method(self)
        except LedgerError as exc:
            _report(exc)
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def overwritten_by(ledger: Ledger, record_id: str, fields: set[str]) -> HistoryEntry | None:
    """The received change that last set one of *fields* of the record, when the latest
    change of that field came from another office; None when this office's value stands."""
    try:
        entries = ledger.history(record_id)
    except LedgerError:
        return None
    left = set(fields)
    for entry in reversed(entries):
        touched = {name for name, _old, _new in entry.changes} & left
        if not touched:
            continue
        if entry.origin != ledger.device_id:
            return entry
        left -= touched
        if not left:
            break
    return None


def overwritten_text(ledger: Ledger, entry: HistoryEntry) -> str:
    """Why a step cannot be undone, naming the office and person of the received change."""
    from desktop.conflict_text import author_text
    from ui.history import local_time

    return QCoreApplication.translate(
        "Undo", "{who} changed the record since ({when}); undoing would throw their change away.").format(
        who=author_text(ledger, entry), when=local_time(entry.when))


class _LedgerCommand(QUndoCommand):
    def __init__(self, ledger: Ledger, kind: str, record_id: str, text: str, on_change,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
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

    def fields(self) -> set[str]:
        """The fields this step wrote."""
        return {DELETED}

    def overwritten(self) -> HistoryEntry | None:
        return overwritten_by(self.ledger, self.record_id, self.fields())

    def _refused(self) -> bool:
        """Refuse to undo a step a received change has overwritten (and drop it)."""
        entry = self.overwritten()
        if entry is None:
            return False
        self.setObsolete(True)
        QMessageBox.information(None, QCoreApplication.translate("Undo", "Undo"), QCoreApplication.translate("Undo", "“{step}” is no longer undone: {reason}").format(
            step=self.text(), reason=overwritten_text(self.ledger, entry)))
        return True

    def copy(self, parent: QUndoCommand | None = None) -> "_LedgerCommand":
        """The same step, as already done (for rebuilding the stack)."""
        return type(self)(self.ledger, self.kind, self.record_id, self.text(), self.on_change, parent=parent)


class CreateCommand(_LedgerCommand):
    """A record was created (already done when pushed)."""

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.restore)

    @_guarded
    def undo(self) -> None:
        if not self._refused():
            self._write(self.ledger.delete)


class DeleteCommand(_LedgerCommand):
    """A record was deleted (a tombstone; already done when pushed); undo restores it."""

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.delete)

    @_guarded
    def undo(self) -> None:
        if not self._refused():
            self._write(self.ledger.restore)


class EditCommand(_LedgerCommand):
    """Fields of a record were changed (already done when pushed)."""

    def __init__(self, ledger, kind, record_id, text, on_change, before: dict, after: dict,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(ledger, kind, record_id, text, on_change, parent)
        self.before, self.after = before, after

    def fields(self) -> set[str]:
        return set(self.after)

    def copy(self, parent: QUndoCommand | None = None) -> "EditCommand":
        return EditCommand(self.ledger, self.kind, self.record_id, self.text(), self.on_change, self.before,
                           self.after, parent=parent)

    @_guarded
    def redo(self) -> None:
        if not self._already_done():
            self._write(self.ledger.update, self.after)

    @_guarded
    def undo(self) -> None:
        if not self._refused():
            self._write(self.ledger.update, self.before)


def _steps(command: QUndoCommand) -> list[_LedgerCommand]:
    """The ledger steps of a command (itself, or the children of a macro)."""
    if isinstance(command, _LedgerCommand):
        return [command]
    return [c for i in range(command.childCount()) if isinstance(c := command.child(i), _LedgerCommand)]


def _copy(command: QUndoCommand) -> QUndoCommand | None:
    if isinstance(command, _LedgerCommand):
        return command.copy()
    macro = QUndoCommand(command.text())
    for step in _steps(command):
        step.copy(macro)
    return macro if macro.childCount() else None


def drop_overwritten(stack: QUndoStack) -> list[tuple[str, HistoryEntry]]:
    """Drop from *stack* every step at or below the newest one a received change has
    overwritten (undo runs in order, so nothing below it can be undone either), and the
    redo steps; the steps above it stay. The dropped overwritten steps: (text, change)."""
    top = stack.index()
    for i in range(top - 1, -1, -1):
        command = stack.command(i)
        hits = [(command.text(), e) for s in _steps(command) if (e := s.overwritten()) is not None]
        if hits:
            keep = [c for c in (_copy(stack.command(j)) for j in range(i + 1, top)) if c is not None]
            stack.clear()
            for c in keep:
                stack.push(c)
            return hits[:1]
    return []
