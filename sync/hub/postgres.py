"""A hub whose ledger lives in PostgreSQL (``township-hub serve --db postgresql://…``).

The hub's ledger is the same as in a file: the record tables, the change log, meta,
conflicts, blobs, and the hub's own tables, merged by the same code
(:mod:`desktop.ledger`) through :class:`sync.hub.dialect.PgConnection`.  What differs:

* the schema: :data:`LEDGER_STEPS` are the ledger's numbered migrations
  (:mod:`desktop.ledger.migrations`) as PostgreSQL runs them, counted in
  ``ledger_schema`` (PostgreSQL has no ``PRAGMA user_version``); the hub's own tables
  use :mod:`sync.hub.migrations` unchanged;
* no instance lock: several hub processes share the database.  Every write takes the
  database's write lock (see :mod:`sync.hub.dialect`), reads never wait;
* readers come from psycopg's connection pool (:class:`PgReaderPool`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import weakref
from typing import Callable, Iterator

from desktop.errors import NotALedger
from desktop.ledger import Ledger, migrations as ledger_migrations
from desktop.ledger.reference import builtin_template_changes
from desktop.ledger.store import RELOAD_CLOCK
from desktop.records import ids
from sync.hub import migrations as hub_migrations
from sync.hub.dialect import POSTGRES, PgConnection, connect, row_factory
from sync.hub.errors import busy, shutting_down
from sync.hub.pool import Reader
from sync.hub.store import HubStore, NotAHub

VERSION_TABLE = "CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"


def _v1(conn: PgConnection) -> None:
    text = POSTGRES.ddl(ledger_migrations.V1_SYSTEM_TABLES + ledger_migrations.V1_RECORD_TABLES)
    for statement in text.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: PgConnection) -> None:
    conn.execute(POSTGRES.ddl("ALTER TABLE change_log ADD COLUMN batch TEXT"))
    conn.execute("CREATE INDEX change_log_batch ON change_log(batch) WHERE batch IS NOT NULL")
    conn.execute("CREATE INDEX change_log_scope_stamp ON change_log(scope, stamp)")
    conn.execute("CREATE INDEX attachment_owner ON attachment(owner_id)")
    conn.execute("CREATE INDEX organisation_parent ON organisation(parent_id)")


def add_field(conn: PgConnection, table: str, column: str, sql_type: str) -> None:
    """:func:`desktop.ledger.migrations.add_field`: a new field, "never set" in every clock."""
    conn.execute(POSTGRES.ddl(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
    for row in conn.execute(f"SELECT id, clock FROM {table}").fetchall():
        clock = json.loads(row["clock"])
        clock[column] = ""
        conn.execute(f"UPDATE {table} SET clock = ? WHERE id = ?",
                     (json.dumps(clock, ensure_ascii=False, separators=(",", ":")), row["id"]))


def _v4(conn: PgConnection) -> None:
    add_field(conn, "checklist_task", "return_reason", "TEXT")


def _v5(conn: PgConnection) -> None:
    add_field(conn, "checklist_template", "completion_proof", "TEXT")


def _v6(conn: PgConnection) -> None:
    conn.execute(POSTGRES.ddl("ALTER TABLE change_log ADD COLUMN signature TEXT"))
    conn.execute("CREATE INDEX change_log_unsigned ON change_log(origin, origin_seq) WHERE signature IS NULL")


def _v7(conn: PgConnection) -> None:
    for statement in POSTGRES.ddl(ledger_migrations.V7_SUBMISSION_TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)


def _v8(conn: PgConnection) -> None:
    add_field(conn, "committee_member", "note", "TEXT")


def _v9(conn: PgConnection) -> None:
    for statement in POSTGRES.ddl(ledger_migrations.V9_WORK_TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)


def _v10(conn: PgConnection) -> None:
    for statement in POSTGRES.ddl(ledger_migrations.V10_INSPECTION_TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)


#: The ledger's migrations on PostgreSQL, by the same numbers (a test checks none is missing).
LEDGER_STEPS: dict[int, Callable[[PgConnection], None]] = {
    1: _v1,
    2: _v2,
    3: ledger_migrations.MIGRATIONS[3],  # one CREATE INDEX, the same in both
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
    9: _v9,
    10: _v10,
    11: ledger_migrations.MIGRATIONS[11],  # CREATE INDEX statements, the same in both
}


def ledger_version(conn: PgConnection) -> int:
    if not POSTGRES.has_table(conn, "ledger_schema"):
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM ledger_schema").fetchone()[0]


def migrate_ledger(conn: PgConnection, target: int = ledger_migrations.CURRENT_VERSION) -> list[int]:
    """Bring the ledger's tables to *target*; each step in its own transaction, holding the
    write lock, so processes starting together apply each step once."""
    return hub_migrations.run_steps(conn, LEDGER_STEPS, target, ledger_version, VERSION_TABLE, "ledger_schema")


def _meta_scope(conn: PgConnection) -> str | None:
    if not POSTGRES.has_table(conn, "meta"):
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'scope'").fetchone()
    return None if row is None else row[0]


def prepare(url: str) -> None:
    """Make the database at *url* a hub ledger (tables, meta, built-in templates) or bring
    its tables up to date.  Safe beside other processes doing the same."""
    conn = connect(url)
    try:
        if ledger_version(conn) > ledger_migrations.CURRENT_VERSION:
            from desktop.errors import LedgerTooNew

            raise LedgerTooNew(path=url, found=ledger_version(conn), known=ledger_migrations.CURRENT_VERSION)
        migrate_ledger(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM meta WHERE key = 'device_id'").fetchone() is None:
                now = dt.datetime.now().isoformat(timespec="seconds")
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
                    ("device_id", ids.new_device_id()), ("scope", ""), ("operator", "hub"), ("created_at", now),
                    ("hlc", "0"), ("next_seq", "1"), ("clean", "1")])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        scope = _meta_scope(conn)
        if scope != "":
            raise NotAHub(path=url, scope=scope)
        hub_migrations.migrate(conn)
        builtin = conn.execute("SELECT 1 FROM change_log WHERE origin = ? LIMIT 1", (ids.BUILTIN_DEVICE,))
        if builtin.fetchone() is None:  # every ledger holds the built-in templates (twice changes nothing)
            Ledger(conn, None, None, shares_lock=True).apply_changes(builtin_template_changes())
    finally:
        conn.close()


def open_hub_ledger(url: str) -> Ledger:
    """The hub's ledger in the database at *url* (made a hub ledger when it is empty), on
    a connection of its own: this process's writing connection."""
    prepare(url)
    conn = connect(url)
    conn.read_with_lock = RELOAD_CLOCK  # the clock and counters other processes may have advanced
    try:
        return Ledger(conn, None, None, shares_lock=True)
    except BaseException:
        conn.close()
        raise


def open_admin_connection(url: str) -> PgConnection:
    """A connection for the admin commands to a database that already holds a hub ledger."""
    conn = connect(url)
    scope = _meta_scope(conn)
    if scope is None:
        conn.close()
        raise NotALedger(path=url)
    if scope != "":
        conn.close()
        raise NotAHub(path=url, scope=scope)
    return conn


class PgReaderPool:
    """At most *size* read connections from psycopg's pool, each wrapped once in a
    read-only ledger and the hub tables (the :class:`sync.hub.pool.ReaderPool` interface)."""

    def __init__(self, url: str, size: int, wait: float) -> None:
        from psycopg_pool import ConnectionPool

        self.size, self.wait = size, wait
        self._pool = ConnectionPool(url, min_size=1, max_size=size, timeout=wait, open=True,
                                    kwargs={"autocommit": True, "row_factory": row_factory})
        self._readers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @property
    def open_count(self) -> int:
        return self._pool.get_stats().get("pool_size", 0)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Reader]:
        from psycopg_pool import PoolClosed, PoolTimeout

        try:
            raw = self._pool.getconn()
        except PoolTimeout:
            raise busy() from None
        except PoolClosed:
            raise shutting_down() from None
        try:
            reader = self._readers.get(raw)
            if reader is None:
                ledger = Ledger(PgConnection(raw), None, None)  # read-only: no lock, not a sibling
                reader = self._readers[raw] = Reader(ledger, HubStore(conn=ledger.conn, create_tables=False))
            yield reader
        finally:
            self._pool.putconn(raw)

    def close(self) -> None:
        self._pool.close()
