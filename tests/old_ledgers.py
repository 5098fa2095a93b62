"""Ledgers as earlier versions of the program wrote them, for migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.ledger import Ledger, migrations
from desktop.ledger.db import connect
from desktop.records import KINDS


def make_v1_copy(src: Ledger, dest: Path) -> None:
    """The same ledger as the first schema version wrote it: only the kinds that version knew
    (records of later kinds, their changes and their files' records are left out, as that
    version could never have held them)."""
    conn = connect(dest)
    migrations.migrate(conn, target=1)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", src.conn.execute("SELECT key, value FROM meta").fetchall())
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    known, dropped = v1_kinds(tables), later_attachments(src, tables)
    for table in tables:
        if table in ("meta", "sqlite_sequence"):
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = [tuple(r) for r in src.conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()]
        if table == "change_log":
            kind, record = cols.index("kind"), cols.index("record_id")
            rows = [r for r in rows if r[kind] in known and r[record] not in dropped]
        elif table == KINDS["attachment"].table:
            rows = [r for r in rows if r[0] not in dropped]
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    conn.execute("COMMIT")
    conn.close()


def v1_kinds(tables: list[str]) -> set[str]:
    """The record kinds whose tables the first schema version had."""
    return {k.name for k in KINDS.values() if k.table in tables}


def later_attachments(src: Ledger, tables: list[str]) -> set[str]:
    """The ids of the files attached to records of kinds the first version did not know."""
    known = v1_kinds(tables)
    return {r["id"] for r in src.query("attachment", include_deleted=True) if r["owner_kind"] not in known}


def as_v1_held(src: Ledger, records: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """*records* of *src* as its first-version copy holds them (see :func:`make_v1_copy`)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.migrate(conn, target=1)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    known, dropped = v1_kinds(tables), later_attachments(src, tables)
    return {kind: ([r for r in rows if r["id"] not in dropped] if kind in known else [])
            for kind, rows in records.items()}
