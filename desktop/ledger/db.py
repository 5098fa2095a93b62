"""SQLite connection, the single-instance lock and the transaction helper."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from desktop.errors import EnvironmentFault, LedgerCorrupt, LedgerLocked, NotALedger, file_fault, ledger_fault
from desktop.fsio import atomic_path, make_private, private_files

#: Files SQLite keeps beside a ledger in WAL mode.
SIDE_FILES = ("-wal", "-shm")


class InstanceLock:
    """An exclusive lock on ``<ledger>.lock`` held while a program writes the ledger.

    The operating system releases it when the process ends, even by a crash, so a
    stale lock never blocks the user.
    """

    def __init__(self, ledger_path: Path) -> None:
        self.path = Path(str(ledger_path) + ".lock")
        self._fh = None

    def acquire(self) -> None:
        ledger = str(self.path)[: -len(".lock")]
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:  # a read-only medium or folder: not a lock held by someone
            fault = ledger_fault(exc, ledger)
            if fault is None:
                raise
            raise fault from None
        fh = os.fdopen(fd, "r+b")
        try:
            if os.name == "nt":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise LedgerLocked(path=ledger) from None
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def remove_files(path: Path) -> None:
    """Remove a ledger file and SQLite's files beside it (a creation that failed)."""
    for name in (str(path), *(str(path) + s for s in SIDE_FILES)):
        with contextlib.suppress(OSError):
            os.remove(name)


class LedgerConnection(sqlite3.Connection):
    """A connection to a ledger file that names its storage failures: a full disk
    (SQLITE_FULL) or a read-only file (SQLITE_READONLY) comes out of any statement as
    :class:`~desktop.errors.LedgerFull` or :class:`~desktop.errors.LedgerReadOnly` naming the
    file, whichever part of the program wrote.  Every other error passes unchanged."""

    path = ""

    def _reraise(self, exc: sqlite3.Error) -> "None":
        fault = ledger_fault(exc, self.path)
        if fault is None:
            raise exc
        raise fault from exc

    def execute(self, *args):
        try:
            return super().execute(*args)
        except sqlite3.OperationalError as exc:
            self._reraise(exc)

    def executemany(self, *args):
        try:
            return super().executemany(*args)
        except sqlite3.OperationalError as exc:
            self._reraise(exc)

    def executescript(self, *args):
        try:
            return super().executescript(*args)
        except sqlite3.OperationalError as exc:
            self._reraise(exc)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.OperationalError as exc:
            self._reraise(exc)

    def __exit__(self, *exc_info):
        try:
            return super().__exit__(*exc_info)
        except sqlite3.OperationalError as exc:
            self._reraise(exc)


def _open(path: Path, read_only: bool, immutable: bool = False) -> LedgerConnection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, factory=LedgerConnection)
    else:
        with private_files():  # a new ledger is readable by its owner only from the start
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, factory=LedgerConnection)
    conn.path = str(path)
    return conn


def _on_read_only_medium(path: Path) -> bool:
    """The ledger lies in a folder nobody may write to (a write-protected stick, a CD) and
    has no write-ahead log to read: SQLite may then read it as an unchanging file."""
    wal = Path(str(path) + "-wal")
    return not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the ledger file with the reliability settings of the program.

    The file is never opened with anything but SQLite: on POSIX, closing any other
    descriptor of the file drops every lock this process holds on it, so another
    connection of the process (the GUI's, the hub's writer) would lose its locks and
    another process could then check-point or reset the WAL under it.  A file that is
    not SQLite shows itself on the first read instead.  A ledger opened for writing is made
    readable by its owner only (with its -wal and -shm, which SQLite creates alike)."""
    conn = _open(path, read_only)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
    except EnvironmentFault:  # a full disk, a read-only file
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise NotALedger(path=str(path)) from None
        if read_only and exc.sqlite_errorcode == sqlite3.SQLITE_CANTOPEN and _on_read_only_medium(path):
            return connect_immutable(path)
        raise LedgerCorrupt(path=str(path), detail=str(exc)) from None
    try:
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -32000")
    except EnvironmentFault:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LedgerCorrupt(path=str(path), detail=str(exc)) from None
    if not read_only:
        for name in (str(path), *(str(path) + s for s in SIDE_FILES)):
            if os.path.exists(name):
                make_private(Path(name))
    return conn


def connect_immutable(path: Path) -> sqlite3.Connection:
    """Read a ledger on a read-only medium, where SQLite cannot make the shared-memory file a
    reader of a WAL-mode file needs."""
    conn = _open(path, True, immutable=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LedgerCorrupt(path=str(path), detail=str(exc)) from None
    return conn


class Transactions:
    """``with tx():`` opens a transaction, or a savepoint inside one, so helpers nest.

    Callbacks registered with ``before_commit`` run inside the outermost transaction,
    just before it commits (the ledger flushes its clock and counters there).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.depth = 0
        self._before_commit: list = []
        self._after_begin: list = []

    def after_begin(self, fn) -> None:
        """Run *fn* right after each outermost transaction began (holding the write lock)."""
        if fn not in self._after_begin:
            self._after_begin.append(fn)

    def before_commit(self, fn) -> None:
        if fn not in self._before_commit:
            self._before_commit.append(fn)

    @contextlib.contextmanager
    def __call__(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        if self.depth == 0:
            conn.execute("BEGIN IMMEDIATE")
            self.depth = 1
            try:
                for fn in self._after_begin:
                    fn()
                yield conn
                for fn in self._before_commit:
                    fn()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            finally:
                self.depth = 0
        else:
            name = f"sp{self.depth}"
            conn.execute(f"SAVEPOINT {name}")
            self.depth += 1
            try:
                yield conn
                conn.execute(f"RELEASE {name}")
            except BaseException:
                if conn.in_transaction:  # a full disk or an interrupt may have ended the transaction already
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            finally:
                self.depth -= 1


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's quick check: the problems it finds, [] when the file is sound."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def backup_to(conn: sqlite3.Connection, dest: Path, prepare=None) -> None:
    """Copy a consistent snapshot with SQLite's backup API, atomically (temp file, rename).
    *prepare*, when given, is called with the copy's connection before it takes its name
    (to take out what must not travel).  A full disk or a read-only folder is named as
    :class:`~desktop.errors.FileNotWritten` for *dest*."""
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(dest) as tmp:
            open(tmp, "wb").close()  # a folder that cannot be written fails here, by its errno
            target = sqlite3.connect(str(tmp))
            try:
                conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                if prepare is not None:
                    prepare(target)
            finally:
                target.close()
    except (OSError, sqlite3.Error) as exc:
        fault = file_fault(exc, dest)
        if fault is None:
            raise
        raise fault from None
