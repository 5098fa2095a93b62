"""Opening, closing and reading a ledger file: the connection, its meta table and the
look-ups every other part of the ledger builds on."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterable, Self

from desktop.errors import (EnvironmentFault, LedgerCorrupt, LedgerError, LedgerMissing, LedgerTooNew, NotALedger,
                            ScopeError, ledger_fault)
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger import migrations
from desktop.ledger.db import InstanceLock, Transactions, backup_to, connect, quick_check, remove_files
from desktop.ledger.feeds import prefix_range
from desktop.ledger.changes import expand_clock
from desktop.ledger.hlc import COUNTER_BITS, HybridClock, make_stamp, stamp_clock
from desktop.ledger.reference import builtin_template_changes
from desktop.records import DELETED, KINDS, T, Kind, ids, kind as kind_of
from desktop.scope.geo import geography


def _half_created(path: Path) -> bool:
    """A file a creation left behind when it was cut short (power cut, kill): an SQLite file
    with no table at all.  It holds nothing, so a new ledger may take its place."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def _abandon(conn: sqlite3.Connection | None, path: Path) -> None:
    """Take away a ledger whose creation failed (a full disk, a read-only folder): nothing
    half-made is left under the user's name."""
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    remove_files(path)


#: Meta entry: milliseconds this computer's clock is corrected by (set after a sync).
CLOCK_CORRECTION = "clock_correction_ms"
#: What each write transaction reads first (a PostgreSQL hub sends it with the write lock's request).
RELOAD_CLOCK = "SELECT key, value FROM meta WHERE key IN ('hlc','next_seq')"


class Store:
    """The open file: connection, lock, meta, clock, and reading records."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: InstanceLock | None,
                 shares_lock: bool = False) -> None:
        self.conn = conn
        self.path = path
        self._lock = lock
        self.read_only = lock is None and not shares_lock
        self._sibling = shares_lock
        conn.row_factory = sqlite3.Row
        self._stop_requested = False
        if self.read_only:  # a reader in a worker: interrupt() also stops the statements that follow
            conn.set_progress_handler(lambda: 1 if self._stop_requested else 0, 10_000)
        self.tx = Transactions(conn)
        self.tx.before_commit(self._flush_meta)
        self.tx.after_begin(self._reload_clock)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.device_id: str = meta["device_id"]
        self.scope: str = meta["scope"]
        self.operator: str = meta.get("operator", "")
        self.clock = HybridClock(int(meta.get("hlc", "0")), correction_ms=int(meta.get(CLOCK_CORRECTION, "0") or 0))
        self._next_seq = int(meta.get("next_seq", "1"))
        self._meta_dirty = False
        self._batch: str | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def new(cls, path: Path | str, *, scope: str, operator: str) -> Self:
        """Create a new ledger for the unit *scope* (a division code) kept by *operator*."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0 and not _half_created(path):
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "{path} already exists; choose another file or open it."), path=str(path))
        if scope and not geography().exists(scope):
            raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
        if not operator.strip():
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "Enter the operator's name."))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ledger_fault(exc, path) or exc from None
        lock = InstanceLock(path)
        lock.acquire()
        conn = ledger = None
        try:
            conn = connect(path)
            migrations.migrate(conn)
            now = dt.datetime.now().isoformat(timespec="seconds")
            with conn:
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
                    ("device_id", ids.new_device_id()), ("scope", scope), ("operator", operator.strip()),
                    ("created_at", now), ("hlc", "0"), ("next_seq", "1"), ("clean", "0"),
                ])
            ledger = cls(conn, path, lock)
            ledger.apply_changes(builtin_template_changes())  # every ledger holds the built-in templates
        except BaseException:
            _abandon(conn, path)
            lock.release()
            raise
        return ledger

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, verify: bool = True) -> Self:
        """Open an existing ledger: lock it, check it, migrate it (after a backup).

        ``read_only`` opens without the lock, for readers beside the writing program;
        ``verify=False`` skips the integrity check (for a second connection of the same
        program, e.g. a worker thread's)."""
        path = Path(path)
        if not path.exists() or path.stat().st_size == 0:
            raise LedgerMissing(path=str(path))
        lock = None if read_only else InstanceLock(path)
        if lock:
            lock.acquire()
        try:
            conn = connect(path, read_only=read_only)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                has_meta = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise NotALedger(path=str(path)) if "not a database" in str(exc) else \
                    LedgerCorrupt(path=str(path), detail=str(exc)) from None
            if not has_meta:
                conn.close()
                raise NotALedger(path=str(path))
            if version > migrations.CURRENT_VERSION:
                conn.close()
                raise LedgerTooNew(path=str(path), found=version, known=migrations.CURRENT_VERSION)
            clean = conn.execute("SELECT value FROM meta WHERE key='clean'").fetchone()
            if verify and (clean is None or clean[0] != "1"):
                problems = quick_check(conn)
                if problems:
                    conn.close()
                    raise LedgerCorrupt(path=str(path), detail=problems[0])
            if version < migrations.CURRENT_VERSION and not read_only:
                backup_to(conn, path.with_name(f"{path.name}.before-v{migrations.CURRENT_VERSION}.bak"))
                migrations.migrate(conn)
            if not read_only:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('clean', '0')")
        except BaseException:
            with contextlib.suppress(NameError, sqlite3.Error):
                conn.close()
            if lock:
                lock.release()
            raise
        return cls(conn, path, lock)

    def sibling(self) -> Self:
        """A second writing connection of this program (for a worker thread: sync, imports).
        It shares this ledger's instance lock; clock and counters are taken up afresh at
        the start of every write transaction, so both may write in turn."""
        conn = connect(self.path)
        return type(self)(conn, self.path, None, shares_lock=True)

    def reader(self) -> Self:
        """A second, read-only connection to this ledger, for a worker thread."""
        return type(self).open(self.path, read_only=True, verify=False)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has run (a window may still hold the object)."""
        return self.conn is None

    def interrupt(self) -> None:
        """Stop a query under way on this connection; safe to call from another thread.
        The interrupted call raises ``sqlite3.OperationalError`` in the thread running it.  On a
        read-only connection every later statement stops too: an interrupt that falls between
        two statements of a long computation is not lost."""
        self._stop_requested = True
        conn = self.conn
        if conn is not None:
            conn.interrupt()

    def close(self) -> None:
        """Mark the file closed cleanly and release it.  Never fails for a full disk or a
        read-only file: the mark is then left out (the next opening checks the file)."""
        if self.conn is None:
            return
        try:
            if not self.read_only and not self._sibling:
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('clean', '1')")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except EnvironmentFault:
            pass
        finally:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
            if self._lock:
                self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- meta
    def _flush_meta(self) -> None:
        if self._meta_dirty:
            self.conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                                  [("hlc", str(self.clock.last)), ("next_seq", str(self._next_seq))])
            self._meta_dirty = False

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.tx():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def set_operator(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "Enter the operator's name."))
        self.set_meta("operator", name)
        self.operator = name

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def set_clock_correction(self, correction_ms: int) -> None:
        """Stamp with this computer's clock corrected by *correction_ms* (what the hub found it
        off by), so its edits order correctly against everyone else's."""
        with self.tx():
            self.clock.correction_ms = int(correction_ms)
            self.set_meta(CLOCK_CORRECTION, str(int(correction_ms)))

    def repair_clock(self) -> int:
        """Bring back a clock that runs ahead of physical time beyond the bound (poisoned by an
        older program that let far-future stamps in, or by this computer's own wrong date
        before it was put right); returns how many milliseconds it moved back, 0 when sound.
        Run it once real time is re-established (``check --repair``, or a sync that found the
        clock off).  Values whose stamps still lie beyond the bound are written again with the
        repaired clock, so they go out (receivers refuse them as they are) and later edits by
        anyone can follow them."""
        if not self.clock.runs_ahead():
            return 0
        limit = make_stamp((self.clock.now_ms() + self.clock.max_offset_ms) << COUNTER_BITS, "")
        row = self.conn.execute("SELECT max(stamp) FROM change_log WHERE stamp <= ?", (limit,)).fetchone()
        with self._writing():
            moved = self.clock.repair(stamp_clock(row[0]) if row and row[0] else 0)
            self.set_meta("hlc", str(self.clock.last))
            self._restamp_beyond(limit)
        return moved

    def _restamp_beyond(self, limit: str) -> int:
        """Write again, with fresh stamps, every current value stamped beyond *limit*."""
        n = 0
        for k in KINDS.values():
            for row in self.conn.execute(f"SELECT * FROM {k.table}").fetchall():
                clock = expand_clock(k, row["clock"])
                late = {name: row[name] for name, stamp in clock.items() if stamp > limit}
                if late:
                    self._local_change(k, row, late)
                    n += 1
        return n

    def _reload_clock(self) -> None:
        """Take up the clock and counter another connection of this program may have
        advanced (a sync worker's); runs as each write transaction begins."""
        if self.read_only:
            return
        meta = dict(self.conn.execute(RELOAD_CLOCK).fetchall())
        self.clock.last = max(self.clock.last, int(meta.get("hlc", "0")))
        self._next_seq = max(self._next_seq, int(meta.get("next_seq", "1")))

    # ----------------------------------------------------------------- reading
    def get(self, kind: str, record_id: str, include_deleted: bool = False) -> dict | None:
        row = self._row(kind_of(kind), record_id)
        if row is None or (row["deleted"] and not include_deleted):
            return None
        d = dict(row)
        del d["clock"]
        return d

    def _row(self, k: Kind, record_id: str) -> sqlite3.Row | None:
        return self.conn.execute(f"SELECT * FROM {k.table} WHERE id=?", (record_id,)).fetchone()

    def query(self, kind: str, *, scope: str | None = None, where: dict | None = None, search: str | None = None,
              order_by: str | None = None, descending: bool = False, limit: int | None = None, offset: int = 0,
              include_deleted: bool = False, columns: Iterable[str] | None = None) -> list[dict]:
        """Records of *kind* under ``scope`` (a division prefix), unit by unit in the order
        they were stored, unless ``order_by`` names a field."""
        k = kind_of(kind)
        sql, params = self._where(k, scope, where, search, include_deleted)
        cols = "*" if columns is None else ", ".join(["id"] + [c for c in columns if c in k.field_map])
        order = " ORDER BY scope, rowid"
        if order_by:
            if order_by not in k.field_map and order_by not in ("id", "scope"):
                raise LedgerError(QT_TRANSLATE_NOOP("errors", "Cannot sort by {field}."), field=order_by)
            order = f" ORDER BY {order_by} {'DESC' if descending else 'ASC'}, id"
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        rows = self.conn.execute(f"SELECT {cols} FROM {k.table}{sql}{order}{page}", params).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d.pop("clock", None)
            out.append(d)
        return out

    def count(self, kind: str, *, scope: str | None = None, where: dict | None = None, search: str | None = None,
              include_deleted: bool = False) -> int:
        k = kind_of(kind)
        sql, params = self._where(k, scope, where, search, include_deleted)
        return self.conn.execute(f"SELECT count(*) FROM {k.table}{sql}", params).fetchone()[0]

    def _where(self, k: Kind, scope, where, search, include_deleted) -> tuple[str, list]:
        clauses, params = [], []
        if not include_deleted:
            clauses.append("deleted = 0")
        if scope:
            lo, hi = prefix_range(scope)
            clauses.append("scope >= ? AND scope < ?")
            params += [lo, hi]
        for name, value in (where or {}).items():
            if name not in k.field_map and name not in ("id", "scope", DELETED):
                raise LedgerError(QT_TRANSLATE_NOOP("errors", "Cannot filter by {field}."), field=name)
            if value is None:
                clauses.append(f"{name} IS NULL")
            else:
                clauses.append(f"{name} = ?")
                params.append(value)
        if search:
            text_fields = [f.name for f in k.fields if f.type in (T.TEXT, T.PHONE) and f.listed]
            if text_fields:
                clauses.append("(" + " OR ".join(f"instr({f}, ?) > 0" for f in text_fields) + ")")
                params += [search] * len(text_fields)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def titles(self, kind: str, record_ids: Iterable[str]) -> dict[str, str]:
        """id → title (name) of the given records, for showing references."""
        k = kind_of(kind)
        wanted = list(dict.fromkeys(i for i in record_ids if i))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = self.conn.execute(
                f"SELECT id, {k.title_field} FROM {k.table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            out.update({r[0]: r[1] or "" for r in rows})
        return out

    def task_progress(self, scope: str | None = None, today: str | None = None) -> dict[str, dict[str, int]]:
        """Checklist tasks under *scope* per system: total, done (done or verified), verified, overdue."""
        today = today or dt.date.today().isoformat()
        sql = ("SELECT system, count(*), sum(status IN ('done','verified')), sum(status = 'verified'), "
               "sum(status IN ('not_started','in_progress') AND deadline IS NOT NULL AND deadline < ?) "
               "FROM checklist_task WHERE deleted = 0")
        params: list = [today]
        if scope:
            lo, hi = prefix_range(scope)
            sql += " AND scope >= ? AND scope < ?"
            params += [lo, hi]
        return {r[0]: {"total": r[1], "done": r[2] or 0, "verified": r[3] or 0, "overdue": r[4] or 0}
                for r in self.conn.execute(sql + " GROUP BY system", params)}

    def members_named(self, org_id: str, name: str) -> list[dict]:
        """Current members of a committee with this name (for the duplicate rule)."""
        rows = self.conn.execute(
            "SELECT id, birth_date, exited_on FROM committee_member WHERE org_id=? AND name=? AND deleted=0",
            (org_id, name)).fetchall()
        return [dict(r) for r in rows]

    def counts(self, scope: str | None = None) -> dict[str, int]:
        return {name: self.count(name, scope=scope) for name in KINDS}

