"""SQLite connection, the single-instance lock and the transaction helper."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from desktop.fsio import atomic_path
from desktop.errors import LedgerCorrupt, LedgerLocked, NotALedger


class InstanceLock:
    """An exclusive lock on ``<ledger>.lock`` held while a program writes the ledger.

    The operating system releases it when the process ends, even by a crash, so a
    stale lock never blocks the user.
    """

    def __init__(self, ledger_path: Path) -> None:
        self.path = Path(str(ledger_path) + ".lock")
        self._fh = None

    def acquire(self) -> None:
        fh = open(self.path, "a+b")
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
            raise LedgerLocked(path=str(self.path)[: -len(".lock")]) from None
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the ledger file with the reliability settings of the program.

    The file is never opened with anything but SQLite: on POSIX, closing any other
    descriptor of the file drops every lock this process holds on it, so another
    connection of the process (the GUI's, the hub's writer) would lose its locks and
    another process could then check-point or reset the WAL under it.  A file that is
    not SQLite shows itself on the first read instead."""
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise NotALedger(path=str(path)) from None
        raise LedgerCorrupt(path=str(path), detail=str(exc)) from None
    try:
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -32000")
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


def backup_to(conn: sqlite3.Connection, dest: Path) -> None:
    """Copy a consistent snapshot with SQLite's backup API, atomically (temp file, rename)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(dest) as tmp:
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
