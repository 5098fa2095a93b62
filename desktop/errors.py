"""Typed errors of the core.  Each carries a message id and parameters, so the
GUI and the CLI can show it in the user's language; ``str()`` gives the message
in the current language."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass, field

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.i18n import translate

CTX = "errors"


class LedgerError(Exception):
    """Base of every error the core raises on purpose."""

    message = QT_TRANSLATE_NOOP("errors", "The ledger reported an error.")
    #: the translation context of ``message``; a family of errors elsewhere sets its own
    context = CTX

    def __init__(self, message: str | None = None, **params: object) -> None:
        if message is not None:
            self.message = message
        self.params = params
        super().__init__(self.text())

    def text(self, language: str | None = None) -> str:
        return format_message(self.context, self.message, self.params, language)

    def __str__(self) -> str:
        return self.text()


def localise(value: object, language: str | None) -> object:
    """Message parameters that know their own translation (labels) are shown in *language*."""
    text = getattr(value, "text", None)
    if callable(text):
        return text(language)
    return value


def format_message(context: str, message: str, params: dict, language: str | None = None) -> str:
    """*message* (English source in *context*) in *language*, its parameters shown in it too.
    The one way every error and message of the program reaches the user's language."""
    return translate(context, message, language).format(**{k: localise(v, language) for k, v in params.items()})


@dataclass(frozen=True)
class Message:
    """A message with parameters, kept as it is and shown in whichever language reads it."""

    message: str
    params: dict = field(default_factory=dict)
    context: str = CTX

    def text(self, language: str | None = None) -> str:
        return format_message(self.context, self.message, self.params, language)

    def __str__(self) -> str:
        return self.text()


class Joined:
    """Several translatable texts joined by the language's list separator ("、" / ", "), or by
    *sep* where the message wants another ("团县委/乡镇团委")."""

    def __init__(self, parts, sep: str | None = None) -> None:
        self.parts, self.sep = list(parts), sep

    def text(self, language: str | None = None) -> str:
        from desktop import i18n

        sep = self.sep or (", " if (language or i18n.language()) == "en" else "、")
        return sep.join(str(localise(p, language)) for p in self.parts)


@dataclass(frozen=True)
class Label:
    """A translatable label (context + English text) used as a message parameter."""

    context: str
    source: str

    def text(self, language: str | None = None) -> str:
        return translate(self.context, self.source, language)

    def __str__(self) -> str:
        return self.text()


class EnvironmentFault(LedgerError):
    """The environment's fault (file locked, disk full, unreadable file), not a bug."""


class LedgerLocked(EnvironmentFault):
    message = QT_TRANSLATE_NOOP("errors", "The ledger {path} is open in another Township Ledger window or program.")


class LedgerCorrupt(EnvironmentFault):
    message = QT_TRANSLATE_NOOP("errors", "The ledger {path} is damaged ({detail}). Restore it from a backup.")


class NotALedger(EnvironmentFault):
    message = QT_TRANSLATE_NOOP("errors", "{path} is not a Township Ledger file.")


class LedgerMissing(EnvironmentFault):
    message = QT_TRANSLATE_NOOP("errors", "No ledger at {path}. Create one first with: township-ledger init --scope CODE --operator NAME")


class LedgerTooNew(EnvironmentFault):
    message = QT_TRANSLATE_NOOP("errors", "The ledger {path} was written by a newer version of the program (schema {found}, this program knows {known}). Please update the program.")


class LedgerFull(EnvironmentFault):
    """SQLite could not grow the ledger: its disk is full.  The transaction was rolled back."""

    message = QT_TRANSLATE_NOOP("errors", "The ledger {path} could not be saved: the disk is full. Nothing was changed; free some space on that disk and try again.")


class LedgerReadOnly(EnvironmentFault):
    """The ledger file or its folder cannot be written (read-only medium, no permission)."""

    message = QT_TRANSLATE_NOOP("errors", "The ledger {path} cannot be changed: the file or its folder is read-only. Nothing was changed; copy the ledger to a folder you can write to, or make it writable, and open it there.")


class FileNotWritten(EnvironmentFault, OSError):
    """A file for the user (backup, workbook, package, report) could not be written; nothing
    was left under its name.  Also an ``OSError`` (its ``strerror`` is the message), so code
    that handles failed file writes handles it too."""

    def __init__(self, code: int, **params: object) -> None:
        EnvironmentFault.__init__(self, **params)
        self.errno, self.strerror, self.filename = code, self.text(), params.get("path")

    def __str__(self) -> str:
        return self.text()


class FileDiskFull(FileNotWritten):
    message = QT_TRANSLATE_NOOP("errors", "{path} could not be written: the disk is full. Nothing was written there; free some space on that disk or choose another folder.")


class FileReadOnly(FileNotWritten):
    message = QT_TRANSLATE_NOOP("errors", "{path} could not be written: the disk or folder is read-only or not yours. Nothing was written there; choose another folder.")


#: errno values of a full disk (or a full quota), and of a place that cannot be written
FULL_ERRNOS = frozenset(filter(None, (errno.ENOSPC, getattr(errno, "EDQUOT", None))))
READ_ONLY_ERRNOS = frozenset((errno.EROFS, errno.EACCES, errno.EPERM))


def storage_failure(exc: BaseException) -> str | None:
    """What *exc* says of the storage written to: ``"full"`` (a full disk or quota),
    ``"read_only"`` (a read-only medium, folder or file) or None (any other error).
    Knows ``OSError`` numbers and SQLite's result codes."""
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary result code
        if code == sqlite3.SQLITE_FULL:
            return "full"
        if code == sqlite3.SQLITE_READONLY:
            return "read_only"
        return None
    code = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    if code in FULL_ERRNOS:
        return "full"
    if code in READ_ONLY_ERRNOS:
        return "read_only"
    return None


def file_fault(exc: BaseException, path: object) -> LedgerError | None:
    """The message for *exc*, an error writing the file *path*: a full disk or a read-only
    place; None for any other error.  The one place file-writing errors are named."""
    if isinstance(exc, LedgerError):
        return exc
    kind = storage_failure(exc)
    if kind == "full":
        return FileDiskFull(getattr(exc, "errno", None) or errno.ENOSPC, path=str(path))
    if kind == "read_only":
        return FileReadOnly(getattr(exc, "errno", None) or errno.EROFS, path=str(path))
    return None


def ledger_fault(exc: BaseException, path: object) -> LedgerError | None:
    """The message for *exc*, an error SQLite (or the file system) gave writing the ledger
    *path*: a full disk or a read-only ledger; None for any other error.  The one place
    the ledger's storage errors are named."""
    if isinstance(exc, LedgerError):
        return exc
    kind = storage_failure(exc)
    if kind == "full":
        return LedgerFull(path=str(path))
    if kind == "read_only":
        return LedgerReadOnly(path=str(path))
    return None


class NotFound(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "No {kind} with id {id}.")


class UnknownKind(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "Unknown record kind: {kind}.")


class ScopeError(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "{code} lies outside this ledger's scope {scope}.")


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: the field, a message id and its parameters."""

    field: str
    message: str
    params: dict = field(default_factory=dict)
    label: Label | None = None

    def text(self, language: str | None = None) -> str:
        params = {k: localise(v, language) for k, v in self.params.items()}
        return translate(CTX, self.message, language).format(**params)

    def full_text(self, language: str | None = None) -> str:
        name = self.label.text(language) if self.label else self.field
        sep = "：" if (language or _current()) != "en" else ": "
        return f"{name}{sep}{self.text(language)}"


def _current() -> str:
    from desktop.i18n import language

    return language()


class ValidationError(LedgerError):
    """A write was rejected; nothing was stored.  ``errors`` lists every field problem."""

    message = QT_TRANSLATE_NOOP("errors", "The record was not saved: {details}")

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__()

    def text(self, language: str | None = None) -> str:
        sep = "; " if (language or _current()) == "en" else "；"
        details = sep.join(e.full_text(language) for e in self.errors)
        return translate(CTX, self.message, language).format(details=details)

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}
