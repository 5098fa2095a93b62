"""Adopting a ready ledger: a first sync in one step.

For a big first sync the hub hands over a *ready ledger* — a SQLite file holding the records
of the device's scope with their per-field stamps and the change log they came from
(:mod:`sync.hub.ready`).  Adopting it copies its rows into this ledger in one transaction, by
set-based SQL (``INSERT … SELECT`` across an attached database) instead of merging change by
change: the rows are what merging those changes would have produced, because the hub merged
them with the same code.  This ledger keeps its own identity, settings and the records it
already holds — a record present on both sides (an edit made here before the first sync, the
built-in reference data) is merged change by change like any received change, so nothing made
here meanwhile is lost.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger import migrations
from desktop.ledger.changes import Change
from desktop.records import KINDS

MSG_NOT_READY = QT_TRANSLATE_NOOP("errors", "The first-sync file from the hub cannot be used: {detail}.")
#: the change log's columns a ready ledger hands over (its own positions, ``seq``, are not)
LOG_COLUMNS = ("origin", "origin_seq", "stamp", "kind", "record_id", "scope", "patch", "author", "flags",
               "signature")
ALIAS = "ready"


class NotReady(LedgerError):
    """The ready ledger is damaged, of another schema, or of another scope."""

    message = MSG_NOT_READY


def check_ready(path: Path, scope: str) -> int:
    """Open *path* read-only and check it is a whole ledger of this schema for *scope*;
    returns how many changes it holds.  :class:`NotReady` when not."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotReady(detail=str(exc)) from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
        if problems:
            raise NotReady(detail=problems[0])
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != migrations.CURRENT_VERSION:
            raise NotReady(detail=f"schema {version}, this program {migrations.CURRENT_VERSION}")
        row = conn.execute("SELECT value FROM meta WHERE key = 'scope'").fetchone()
        if row is None or row[0] != scope:
            raise NotReady(detail=f"scope {row[0] if row else '-'}, this ledger {scope or '-'}")
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise NotReady(detail=str(exc)) from None
    finally:
        conn.close()


class Adopting:
    """Taking up a ready ledger (a mixin of ``Ledger``)."""

    def adopt_ready(self, path: Path | str, *, also: Callable[[], None] | None = None) -> int:
        """Copy the ready ledger at *path* into this one in one transaction (with whatever
        *also* stores, such as the pull cursor); returns how many changes came in.  Check it
        first with :func:`check_ready`."""
        conn = self.conn
        # a plain path: whether ATTACH reads a URI depends on how SQLite was built (not on Windows' Python)
        conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", (str(path),))
        try:
            with self._writing():
                shared = self._shared_records()
                log = ", ".join(LOG_COLUMNS)
                before = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
                conn.execute(f"INSERT OR IGNORE INTO main.change_log ({log}) SELECT {log} FROM {ALIAS}.change_log "
                             f"WHERE record_id NOT IN (SELECT record_id FROM temp.adopt_shared) ORDER BY seq")
                for k in KINDS.values():
                    names = ", ".join(("id", "scope", "deleted", *k.field_names, "clock"))
                    conn.execute(f"INSERT INTO main.{k.table} ({names}) SELECT {names} FROM {ALIAS}.{k.table} "
                                 f"WHERE id NOT IN (SELECT id FROM main.{k.table})")
                copied = conn.execute("SELECT count(*) FROM change_log").fetchone()[0] - before
                top = conn.execute(f"SELECT max(stamp) FROM {ALIAS}.change_log").fetchone()[0]
                if top and self.clock.acceptable(int(top[:16], 16)):
                    self.clock.observe(int(top[:16], 16))
                    self._meta_dirty = True
                merged = self.apply_changes(shared) if shared else None
                if also is not None:
                    also()
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.adopt_shared")
            conn.execute(f"DETACH DATABASE {ALIAS}")
        return copied + (merged.applied if merged else 0)

    def _shared_records(self) -> list[Change]:
        """The ready ledger's changes of records this ledger already holds (noted in
        ``temp.adopt_shared``): they are merged one by one, not copied."""
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS adopt_shared (record_id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp.adopt_shared")
        for k in KINDS.values():
            conn.execute(f"INSERT OR IGNORE INTO temp.adopt_shared SELECT r.id FROM {ALIAS}.{k.table} r "
                         f"JOIN main.{k.table} m ON m.id = r.id")
        rows = conn.execute(f"SELECT * FROM {ALIAS}.change_log WHERE record_id IN "
                            f"(SELECT record_id FROM temp.adopt_shared) ORDER BY seq").fetchall()
        return [Change.from_row(r) for r in rows]
