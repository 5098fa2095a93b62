"""Ledgers as earlier versions of the program wrote them, for migration tests."""

from __future__ import annotations

from pathlib import Path

from desktop.ledger import Ledger, migrations
from desktop.ledger.db import connect


def make_v1_copy(src: Ledger, dest: Path) -> None:
    """The same ledger as the first schema version wrote it."""
    conn = connect(dest)
    migrations.migrate(conn, target=1)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", src.conn.execute("SELECT key, value FROM meta").fetchall())
    for table in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]:
        if table in ("meta", "sqlite_sequence"):
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = src.conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         [tuple(r) for r in rows])
    conn.execute("COMMIT")
    conn.close()
