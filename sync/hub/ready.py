"""Ready ledgers: a big first sync as one database file the device adopts in one step.

Applying a province's 150,000 changes one by one costs a fresh device most of its first sync.
The hub already holds the result of merging them — its own records with their per-field
stamps, merged by the same code a device runs — so for a device that has sent nothing yet it
copies the records of the device's scope and the change log they came from, in one consistent
read, into a new SQLite ledger file, gzip'd; the device downloads it (resumable, checked by
its SHA-256 given over the authenticated connection) and adopts it
(:meth:`desktop.ledger.Ledger.adopt_ready`), then pulls page by page from the file's cursor.

Files are kept per scope and cursor and shared by the devices of one scope; the newest few
are kept, and the folder is emptied when the hub starts.  A device whose first sync is cut
after the file was evicted gets a new one (its state says which file it was fetching).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from desktop.errors import storage_failure
from desktop.fsio import PART, atomic_path, file_sha256, gzip_file
from desktop.ledger import migrations, scope_clause
from desktop.ledger.adopt import LOG_COLUMNS
from desktop.ledger.feeds import received_clause
from desktop.records import KINDS
from sync.hub.dialect import dialect_of
from sync.hub.keys import origin_keys
from sync.hub.pool import ReaderPool
from sync.hub.snapshots import evict_oldest
from sync.hub.store import Device

log = logging.getLogger("township.hub")

SUFFIX = ".ledger.gz"
#: rows copied per batch (bounded memory whatever the scope's size)
BATCH = 5000
#: gzip level: the file is written once per scope and cursor, downloaded on slow links
LEVEL = 6
#: seconds a file is shared by further first syncs of its scope (they pull what came after)
FRESH = 600


class ReadyLedgers:
    """The ready-ledger files of one hub, in *folder*."""

    def __init__(self, folder: Path, pool: ReaderPool, kept: int = 4) -> None:
        self.folder, self.pool, self.kept = folder, pool, kept
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():  # of another ledger, or half-written when the hub stopped
            if old.name.endswith((SUFFIX, SUFFIX + PART, ".sqlite", ".json", ".json" + PART)):
                with contextlib.suppress(OSError):
                    old.unlink()
        self._lock = threading.Lock()

    def offer(self, device: Device) -> dict | None:
        """The ready ledger for *device*'s first sync, written if need be: ``{"id", "cursor",
        "count", "size", "sha256", "keys"}``; None when the device has sent changes of its
        own (they would be its own origin's rows in the file: it pulls page by page), or when
        the file cannot be written (a full disk: logged; the device takes the other way).  A file
        of the scope written within :data:`FRESH` seconds is shared; the device pulls what
        came after its cursor page by page."""
        with self.pool.reading() as reader:
            if reader.ledger.conn.execute("SELECT 1 FROM change_log WHERE origin = ? LIMIT 1",
                                          (device.device_id,)).fetchone():
                return None
        prefix = f"{device.scope or 'all'}-"
        with self._lock:  # one file written at a time; the others wait for it and share it
            path = self._fresh(prefix)
            if path is None:
                try:
                    path = self._write(device.scope, prefix)
                except (OSError, sqlite3.Error) as exc:  # a full or failing disk: the device takes the other way
                    if isinstance(exc, sqlite3.Error) and storage_failure(exc) is None:
                        raise  # not the file's disk: the hub's ledger answered so
                    log.warning("ready ledger of scope %r not written (%s): first syncs take the snapshot of "
                                "changes or pages", device.scope or "all", exc)
                    return None
            self._evict(path)
            about = json.loads(_about(path).read_text(encoding="utf-8"))
        return {"id": path.name[:-len(SUFFIX)], "cursor": int(path.name[len(prefix):-len(SUFFIX)]),
                "count": about["count"], "size": path.stat().st_size, "sha256": about["sha256"],
                "keys": about["keys"]}

    def path(self, device: Device, file_id: str) -> Path | None:
        """The file *file_id* when it is *device*'s scope's and still kept."""
        scope, _, cursor = file_id.rpartition("-")
        if scope != (device.scope or "all") or not cursor.isdigit():
            return None
        path = self.folder / (file_id + SUFFIX)
        return path if path.exists() and _about(path).exists() else None

    def _fresh(self, prefix: str) -> Path | None:
        now = time.time()
        for f in sorted(self.folder.glob(prefix + "*" + SUFFIX), key=lambda f: f.stat().st_mtime, reverse=True):
            if f.name[len(prefix):-len(SUFFIX)].isdigit() and now - f.stat().st_mtime < FRESH and _about(f).exists():
                return f
        return None

    def _write(self, scope: str, prefix: str) -> Path:
        """Copy the scope's records and change log, in one consistent read, into a new ledger
        file, gzip'd; its path (named by the cursor it reaches), with its description beside.
        When anything fails (a full disk) nothing of it is left in the folder."""
        plain = self.folder / (prefix + "new.sqlite")
        journal = plain.with_name(plain.name + "-journal")
        path = None
        try:
            plain.unlink(missing_ok=True)
            upto, count, keys = self._copy(plain, scope)
            path = self.folder / f"{prefix}{upto}{SUFFIX}"
            with atomic_path(path) as tmp:
                gzip_file(plain, tmp, LEVEL)
            about = {"count": count, "sha256": file_sha256(path), "keys": dict(sorted(keys.items()))}
            with atomic_path(_about(path)) as tmp:
                tmp.write_text(json.dumps(about), encoding="utf-8")
        except BaseException:
            if path is not None:
                path.unlink(missing_ok=True)
            raise
        finally:
            plain.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
        return path

    def _copy(self, plain: Path, scope: str) -> tuple[int, int, dict]:
        """Write the new ledger file *plain*: (the cursor it reaches, its changes, the keys of
        their origins)."""
        # URI names, so the hub's file can be attached read-only
        out = sqlite3.connect(plain.resolve().as_uri(), uri=True, isolation_level=None)
        try:
            migrations.migrate(out)
            # the device copies the rows into its own tables: indexes here would only be written,
            # sent and thrown away (the UNIQUE constraints' own stay)
            for (index,) in out.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                        ).fetchall():
                out.execute(f'DROP INDEX "{index}"')
            with self.pool.reading() as reader:
                # a SQLite hub: copied by SQLite, not row by row (unless its file cannot be attached)
                if reader.ledger.path is not None and _attached(out, Path(reader.ledger.path)):
                    upto, count = _copy_attached(out, scope)
                else:
                    with _one_snapshot(reader.ledger.conn) as conn:
                        upto, count = _copy_rows(conn, out, scope, reader.ledger.last_seq())
                keys = origin_keys(reader.store.conn, [r[0] for r in out.execute(
                    "SELECT DISTINCT origin FROM change_log")])
        finally:
            out.close()
        return upto, count, keys

    def _evict(self, keep: Path) -> None:
        evict_oldest(self.folder, SUFFIX, self.kept, keep, beside=lambda f: (_about(f),))


def _copies(scope: str, upto: int) -> Iterator[tuple[str, str, str, list]]:
    """What a ready ledger of *scope* holds, table by table: (table, its columns, a WHERE
    clause over the hub's table, its parameters); the change log in order, up to *upto*."""
    where, params = scope_clause(scope)
    for k in KINDS.values():
        yield k.table, ", ".join(("id", "scope", "deleted", *k.field_names, "clock")), where, params
    where, params = received_clause(scope)
    yield "change_log", ", ".join(LOG_COLUMNS), f"seq <= ? AND {where} ORDER BY seq", [upto, *params]


def _fill(out: sqlite3.Connection, scope: str, upto: int, copy) -> int:
    """Inside *out*'s transaction: the scope in its meta, then every table of :func:`_copies`
    copied by ``copy(table, columns, where, params)`` (its rows copied); the changes copied."""
    out.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('scope', ?)", (scope,))
    count = 0
    for table, names, where, params in _copies(scope, upto):
        count = copy(table, names, where, params)
    return count


def _copy_rows(conn, out: sqlite3.Connection, scope: str, upto: int) -> tuple[int, int]:
    """Copy from the hub's connection *conn* (in a read transaction) into *out*, a batch of
    rows at a time: (the cursor reached, the changes copied)."""
    def copy(table: str, names: str, where: str, params: list) -> int:
        marks = ", ".join("?" * (names.count(",") + 1))
        return _copy(conn.execute(f"SELECT {names} FROM {table} WHERE {where}", params), out,
                     f"INSERT INTO {table} ({names}) VALUES ({marks})")

    out.execute("BEGIN")
    count = _fill(out, scope, upto, copy)
    out.execute("COMMIT")
    return upto, count


def _attached(out: sqlite3.Connection, hub_file: Path) -> bool:
    """Attach the hub's ledger file read-only to *out* as ``hub``; False when SQLite cannot
    (a path a URI cannot name, such as a network share's): the rows are copied instead."""
    try:
        out.execute("ATTACH DATABASE ? AS hub", (hub_file.resolve().as_uri() + "?mode=ro",))
        out.execute("SELECT 1 FROM hub.change_log LIMIT 1").fetchall()
    except (sqlite3.Error, ValueError):
        with contextlib.suppress(sqlite3.Error):
            out.execute("DETACH DATABASE hub")
        return False
    return True


def _copy_attached(out: sqlite3.Connection, scope: str) -> tuple[int, int]:
    """Copy from the hub's ledger file, attached to *out* (:func:`_attached`), in one
    transaction of *out*'s (which reads one snapshot of the hub's file from its first read to
    its end), then detach it: (the cursor reached, the changes copied)."""
    try:
        out.execute("BEGIN")
        upto = out.execute("SELECT max(seq) FROM hub.change_log").fetchone()[0] or 0
        count = _fill(out, scope, upto, lambda table, names, where, params: out.execute(
            f"INSERT INTO main.{table} ({names}) SELECT {names} FROM hub.{table} WHERE {where}", params).rowcount)
        out.execute("COMMIT")
    finally:
        if out.in_transaction:
            out.execute("ROLLBACK")
        out.execute("DETACH DATABASE hub")
    return upto, count


@contextlib.contextmanager
def _one_snapshot(conn):
    """One read transaction, so the records and the change log copied agree with each other
    (PostgreSQL: repeatable read; SQLite: a deferred transaction holds its WAL snapshot)."""
    postgres = dialect_of(conn).name != "sqlite"
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if postgres else "BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


def _copy(cursor, out: sqlite3.Connection, insert: str) -> int:
    n = 0
    while rows := cursor.fetchmany(BATCH):
        out.executemany(insert, [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows])
        n += len(rows)
    return n


def _about(path: Path) -> Path:
    """The description beside a ready-ledger file: its change count, SHA-256 and keys."""
    return path.with_name(path.name[:-len(SUFFIX)] + ".json")
