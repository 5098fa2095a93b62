"""Versioned migrations of the hub's own tables (enrollment codes, devices and what they did).

Like the ledger's (:mod:`desktop.ledger.migrations`): a registry of small functions,
each applied in one transaction together with the row of ``hub_schema`` that records
it.  The ledger's ``PRAGMA user_version`` belongs to the ledger's tables, so the hub
counts its own.  Hub ledgers written before the hub counted its versions have the
tables of version 1 (perhaps with the column of version 2) and no ``hub_schema``:
each step is written to find its work done already.  The first version is frozen
text; later ones only add.

The same steps run on a PostgreSQL hub (:mod:`sync.hub.postgres`): table definitions go
through ``dialect_of(conn).ddl``, and what SQLite learns from a PRAGMA through the
dialect's ``columns`` and ``has_table`` (:mod:`sync.hub.dialect`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Callable

from sync.hub.dialect import dialect_of

V1_TABLES = """
CREATE TABLE IF NOT EXISTS hub_enrollment (
    code_sha256 TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    used_at TEXT,
    used_by TEXT
);
CREATE TABLE IF NOT EXISTS hub_device (
    device_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    public_key TEXT,
    enrolled_at TEXT NOT NULL,
    last_contact TEXT,
    token_used INTEGER NOT NULL DEFAULT 0,
    last_pull_cursor INTEGER NOT NULL DEFAULT 0,
    revoked INTEGER NOT NULL DEFAULT 0,
    revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS hub_device_scope ON hub_device(scope);
"""

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS hub_schema (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def _v1(conn: sqlite3.Connection) -> None:
    """Enrollment codes and devices."""
    for statement in dialect_of(conn).ddl(V1_TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Which codes came before a device's revocation: only a later code lets it back.
    Devices revoked before this version come back only with codes issued from now on."""
    if "codes_before_revocation" in dialect_of(conn).columns(conn, "hub_device"):
        return
    conn.execute(dialect_of(conn).ddl("ALTER TABLE hub_device ADD COLUMN codes_before_revocation INTEGER"))
    conn.execute("UPDATE hub_device SET codes_before_revocation = (SELECT max(rowid) FROM hub_enrollment) "
                 "WHERE revoked = 1")


def _v3(conn: sqlite3.Connection) -> None:
    """The accounts of the admin page and the secret that signs their sessions."""
    from sync.hub.admin.accounts import create_tables

    create_tables(conn)


def _v4(conn: sqlite3.Connection) -> None:
    """The signing keys of offices that never enrolled, as the first device that relayed
    their signed changes vouched for them (sync/hub/keys.py)."""
    conn.execute(dialect_of(conn).ddl("CREATE TABLE IF NOT EXISTS hub_origin_key (origin TEXT PRIMARY KEY, "
                                      "public_key TEXT NOT NULL, vouched_by TEXT NOT NULL, vouched_at TEXT NOT NULL)"))


def _v5(conn: sqlite3.Connection) -> None:
    """The hub's own signing key, made once, for the statements it signs of each device's
    unit and keys (sync/hub/statements.py)."""
    from sync.hub.statements import create_key

    create_key(conn)


def _v6(conn: sqlite3.Connection) -> None:
    """Which device took over from which (``POST /v1/devices/successor``): a device that was
    succeeded is revoked, but its changes stay those of a known device (sync/hub/trust.py)."""
    have = dialect_of(conn).columns(conn, "hub_device")
    for column in ("succeeded_by", "succeeded_at"):
        if column not in have:
            conn.execute(dialect_of(conn).ddl(f"ALTER TABLE hub_device ADD COLUMN {column} TEXT"))


def _v7(conn: sqlite3.Connection) -> None:
    """What a device's calls tell the admin: how far its clock was from the hub's when it last
    called (seconds, and when), and the changes the hub refused from it, counted by code and
    day (sync/hub/store.py)."""
    dialect = dialect_of(conn)
    have = dialect.columns(conn, "hub_device")
    for column, kind in (("clock_skew_s", "INTEGER"), ("clock_skew_at", "TEXT")):
        if column not in have:
            conn.execute(dialect.ddl(f"ALTER TABLE hub_device ADD COLUMN {column} {kind}"))
    conn.execute(dialect.ddl("CREATE TABLE IF NOT EXISTS hub_refusal (device_id TEXT NOT NULL, code TEXT NOT NULL, "
                             "day TEXT NOT NULL, refused INTEGER NOT NULL, last_at TEXT NOT NULL, "
                             "PRIMARY KEY (device_id, code, day))"))


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
}
CURRENT_VERSION = max(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    """The hub tables' version (0: none, or made before the hub counted its versions)."""
    if not dialect_of(conn).has_table(conn, "hub_schema"):
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM hub_schema").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = CURRENT_VERSION) -> list[int]:
    """Bring the hub tables to *target*; each step in its own transaction with its
    version row.  Safe beside another process doing the same (the admin command
    beside the hub): the version is read again once the write lock is held."""
    if version(conn) >= target:
        return []
    return run_steps(conn, MIGRATIONS, target, version, VERSION_TABLE, "hub_schema")


def run_steps(conn, steps: dict[int, Callable], target: int, current: Callable[[object], int],
              version_table: str, table: str) -> list[int]:
    """Apply the numbered *steps* up to *target* that *current* says are missing, each in its
    own transaction with its row in *table*; the version is read again once the write lock is
    held, so processes starting together apply each step once (SQLite or PostgreSQL)."""
    done: list[int] = []
    for v in sorted(steps):
        if v > target:
            break
        if current(conn) >= v:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(dialect_of(conn).ddl(version_table))
            if current(conn) < v:
                steps[v](conn)
                conn.execute(f"INSERT INTO {table} (version, applied_at) VALUES (?, ?)",
                             (v, dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))
                done.append(v)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return done
