"""Checking, backing up and restoring a ledger file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from desktop.errors import LedgerCorrupt, LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger.db import InstanceLock, backup_to, quick_check
from desktop.records import KINDS


class Backups:
    """Integrity check, backup and restore (a mixin of ``Ledger``)."""

    def check(self) -> list[str]:
        """Full integrity check of the file, plus the ledger's own consistency."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        for k in KINDS.values():
            n = self.conn.execute(f"SELECT count(*) FROM {k.table} t WHERE NOT EXISTS "
                                  f"(SELECT 1 FROM change_log c WHERE c.record_id = t.id)").fetchone()[0]
            if n:
                problems.append(f"{k.name}: {n} records without a change record")
        return problems

    def backup(self, dest: Path | str) -> Path:
        """A consistent copy of the ledger (SQLite backup API), written atomically."""
        folder = str(dest).endswith(("/", "\\"))
        dest = Path(dest)
        if dest.is_dir() or folder:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            dest = dest / f"{self.path.stem}-{stamp}.sqlite"
        backup_to(self.conn, dest)
        return dest

    @classmethod
    def restore_from(cls, backup: Path | str, path: Path | str) -> None:
        """Replace the ledger at *path* by *backup* (checked first; the old file is kept as .replaced)."""
        backup, path = Path(backup), Path(path)
        if not backup.is_file():
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "The backup file {path} does not exist."), path=str(backup))
        probe = cls.open(backup, read_only=True)
        try:
            problems = quick_check(probe.conn)
            if problems:
                raise LedgerCorrupt(path=str(backup), detail=problems[0])
        finally:
            probe.close()
        lock = InstanceLock(path)
        lock.acquire()
        try:
            src = sqlite3.connect(str(backup))
            try:
                if path.exists():
                    old = sqlite3.connect(str(path))
                    try:
                        backup_to(old, path.with_name(path.name + ".replaced"))
                    finally:
                        old.close()
                backup_to(src, path)
            finally:
                src.close()
            for suffix in ("-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    p.unlink()
        finally:
            lock.release()
