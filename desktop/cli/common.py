"""What every command line of the project shares: opening the ledger, failing with one line,
exit codes and argparse's messages in the user's language.

Used by ``township-ledger`` (:mod:`desktop.cli.commands`) and ``township-hub`` (:mod:`sync.hub.cli`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from desktop import paths
from desktop.i18n import QT_TRANSLATE_NOOP, translate

CTX = "cli"
PROG = "township-ledger"  # set_prog() changes it for another program

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


# argparse's own messages, matched and shown in the user's language.
ARGPARSE_MESSAGES = [
    (re.compile(r"the following arguments are required: (?P<args>.+)"),
     QT_TRANSLATE_NOOP("cli", "missing required arguments: {args}")),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), QT_TRANSLATE_NOOP("cli", "unknown arguments: {args}")),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>\S+) \(choose from (?P<choices>.+)\)"),
     QT_TRANSLATE_NOOP("cli", "{arg}: {value} is not one of {choices}")),
    (re.compile(r"argument (?P<arg>\S+): invalid int value: (?P<value>\S+)"),
     QT_TRANSLATE_NOOP("cli", "{arg}: {value} is not a whole number")),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), QT_TRANSLATE_NOOP("cli", "{arg} needs a value")),
]


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its errors translated and shown as one line."""

    def error(self, message: str) -> "None":  # type: ignore[override]
        for pattern, text in ARGPARSE_MESSAGES:
            m = pattern.search(message)
            if m:
                message = translate(CTX, text).format(**m.groupdict())
                break
        fail(message, EXIT_USAGE)


def fail(message: str, code: int = EXIT_ERROR) -> "None":
    label = translate("cli", "error")
    print(f"{PROG}: {label}: {' '.join(str(message).split())}", file=sys.stderr)
    raise SystemExit(code)


def set_prog(name: str) -> None:
    """Name the program in error lines (``township-hub`` for the hub's command line)."""
    global PROG
    PROG = name


def peek_lang(argv: list[str]) -> str | None:
    """The language asked for before argparse runs, so its own messages are translated."""
    for i, a in enumerate(argv):
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return os.environ.get("TOWNSHIP_LEDGER_LANG")


def ledger_path(args) -> Path:
    return paths.ledger_path(args.ledger)


def open_ledger(args, read_only: bool = False):
    from desktop.ledger import Ledger

    return Ledger.open(ledger_path(args), read_only=read_only)


def warn(message: str) -> None:
    label = translate("cli", "warning")
    print(f"{PROG}: {label}: {message}", file=sys.stderr)


def run_command(command, args, *, extra_errors: tuple = ()) -> int:
    """Run one sub-command, turning every expected failure into one line and an exit code.

    *extra_errors* are ``(exception class, function giving the message)`` pairs a program adds
    (the hub, for instance, names SQLite errors of its own file).
    """
    import sqlite3

    from desktop.errors import LedgerError, file_fault, ledger_fault

    sys.unraisablehook = _log_unraisable
    try:
        return command(args)
    except LedgerError as exc:
        fail(exc.text())
    except KeyboardInterrupt:
        fail(translate("cli", "interrupted"), 130)
    except BrokenPipeError:
        return EXIT_OK
    except tuple(cls for cls, _ in extra_errors) as exc:
        fail(next(text(exc) for cls, text in extra_errors if isinstance(exc, cls)))
    except sqlite3.Error as exc:  # a full disk met by a read, outside the ledger's own statements
        fault = ledger_fault(exc, ledger_path(args)) if hasattr(args, "ledger") else None
        if fault is None:
            raise
        fail(fault.text())
    except OSError as exc:
        fault = file_fault(exc, exc.filename or "")
        fail(fault.text() if fault is not None and exc.filename else translate(
            "cli", "cannot use {path}: {reason}").format(path=exc.filename or "", reason=exc.strerror or exc))
    return EXIT_OK


def _log_unraisable(unraisable) -> None:
    """Errors Python can only ignore (a library's half-written file, closed when collected after
    a write failed) go to the log, not after the one line the user reads."""
    import logging

    logging.getLogger("township_ledger").debug("ignored in %r: %r", unraisable.object, unraisable.exc_value)


def choose_language(argv: list[str]) -> None:
    """Set the message language from ``--lang`` or the environment before anything is printed,
    and make standard output and error able to carry it (:func:`prepare_console`)."""
    from desktop import i18n

    prepare_console()
    lang = peek_lang(argv)
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


#: Text every stream of the program must be able to carry: the messages are Chinese.
CONSOLE_PROBE = "团建台账"


def prepare_console(streams: tuple[str, ...] = ("stdout", "stderr")) -> None:
    """Let standard output and error carry Chinese whatever the system's code page.

    A Windows console window takes any text (Python writes it as UTF-16), but output redirected
    to a file or a pipe is encoded in the system's ANSI code page: on a Chinese system (cp936)
    that is GBK, which stays as it is so other programs there read it; on any other (cp1252,
    cp437) Chinese cannot be encoded at all, and the stream is switched to UTF-8.  Characters
    the kept encoding lacks (a rare name in GBK) become ``?`` instead of ending the program
    after its work is done.  A program without a console (the window) has no streams.
    """
    for name in streams:
        stream = getattr(sys, name, None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        encoding = stream.encoding or "ascii"
        try:
            CONSOLE_PROBE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            encoding = "utf-8"
        try:
            reconfigure(encoding=encoding, errors="replace")
        except (ValueError, OSError):  # closed, or already written in a way that cannot change
            pass


_MESSAGES = [QT_TRANSLATE_NOOP("cli", "interrupted"), QT_TRANSLATE_NOOP("cli", "cannot use {path}: {reason}")]
