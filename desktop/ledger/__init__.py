"""The ledger: one SQLite file holding every record of a unit and the units under it.

``Ledger`` is the only way in: every write validates, appends its change record in
the same transaction, and is merged by the same code whether it was typed here,
received from the hub or imported from a data package.

    with Ledger.open(path) as ledger:
        org = ledger.organisations.create(kind="township_committee", ...)
        ledger.committee_members.create(org_id=org, name="张三", ...)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from desktop.records import ids
from desktop.ledger import migrations
from desktop.records import rules
from desktop.ledger.changes import FLAG_FUTURE, Change, clock_fields, compact_clock, dumps, expand_clock, uniform_clock
from desktop.ledger.db import InstanceLock, Transactions, backup_to, connect
from desktop.errors import (FieldError, Label, LedgerCorrupt, LedgerError, LedgerMissing, LedgerTooNew, NotALedger,
                            NotFound, ScopeError, ValidationError)
from desktop.ledger.hlc import HybridClock, make_stamp, stamp_ms
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import (DELETED, KINDS, NATURAL_ORG_KINDS, T, Kind, kind as kind_of, natural_org_id)
from desktop.records.validation import Invalid, coerce, field_error, required_error

MSG_UNKNOWN_FIELD = QT_TRANSLATE_NOOP("errors", "is not a field of this record")
MSG_IMMUTABLE = QT_TRANSLATE_NOOP("errors", "cannot be changed once the record exists")

#: Reasons a received change is rejected (shown per change to the user).
REJECT_UNKNOWN_KIND = QT_TRANSLATE_NOOP("errors", "unknown record kind {kind}")
REJECT_UNKNOWN_FIELD = QT_TRANSLATE_NOOP("errors", "unknown field {field} of {kind}")
REJECT_BAD_VALUE = QT_TRANSLATE_NOOP("errors", "field {field} has a value of the wrong type")
REJECT_SCOPE = QT_TRANSLATE_NOOP("errors", "record scope {scope} lies outside the sender's scope {allowed}")
REJECT_SCOPE_CHANGED = QT_TRANSLATE_NOOP("errors", "record {id} belongs to scope {old}, not {scope}")


@dataclass
class ApplyReport:
    """What became of received changes."""

    applied: int = 0
    duplicate: int = 0
    rejected: list[tuple[Change | dict, str]] = field(default_factory=list)
    flagged_future: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.applied + self.duplicate + len(self.rejected)


@dataclass(frozen=True)
class HistoryEntry:
    stamp: str
    when: dt.datetime
    author: str
    origin: str
    changes: tuple[tuple[str, object, object], ...]  # (field, old, new)
    created: bool


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str
    record_id: str
    field: str
    lost_value: object
    lost_stamp: str
    won_value: object
    won_stamp: str
    detected_at: str
    resolved: bool


class RecordSet:
    """The method family of one record kind: ``ledger.committee_members.create(...)``."""

    def __init__(self, ledger: "Ledger", kind: Kind) -> None:
        self.ledger, self.kind = ledger, kind

    def create(self, record_id: str | None = None, **values) -> str:
        return self.ledger.create(self.kind.name, values, record_id=record_id)

    def create_many(self, rows: list[dict]) -> list[str]:
        return self.ledger.create_many(self.kind.name, rows)

    def update(self, record_id: str, **changes) -> bool:
        return self.ledger.update(self.kind.name, record_id, changes)

    def delete(self, record_id: str) -> bool:
        return self.ledger.delete(self.kind.name, record_id)

    def restore(self, record_id: str) -> bool:
        return self.ledger.restore(self.kind.name, record_id)

    def get(self, record_id: str, include_deleted: bool = False) -> dict | None:
        return self.ledger.get(self.kind.name, record_id, include_deleted=include_deleted)

    def query(self, **kw) -> list[dict]:
        return self.ledger.query(self.kind.name, **kw)

    def count(self, **kw) -> int:
        return self.ledger.count(self.kind.name, **kw)


def prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds so that ``lo <= code < hi`` is "code starts with prefix" (codes are digits)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def scope_ancestors(scope: str) -> list[str]:
    """The scopes above a division code: "" (the country), province, prefecture, county, township."""
    return [scope[:n] for n in (0, 2, 4, 6, 9) if n < len(scope)]


def scope_clause(scope: str, column: str = "scope") -> tuple[str, list]:
    """SQL for "*column* lies in *scope* or is one of the scopes above it": what a device
    of *scope* receives (its own and below, and what the levels above publish)."""
    if not scope:
        return "1", []
    lo, hi = prefix_range(scope)
    above = scope_ancestors(scope)
    return (f"(({column} >= ? AND {column} < ?) OR {column} IN ({', '.join('?' * len(above))}))",
            [lo, hi, *above])


def received_clause(scope: str, exclude_origin: str | None = None) -> tuple[str, list]:
    """SQL over ``change_log``: the changes a device of *scope* receives (not the built-in
    reference data, not its own when *exclude_origin* names it)."""
    where, params = scope_clause(scope)
    sql = f"origin != ? AND {where}"
    params = [ids.BUILTIN_DEVICE, *params]
    if exclude_origin:
        sql += " AND origin != ?"
        params.append(exclude_origin)
    return sql, params


class Ledger:
    """One open ledger file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: InstanceLock | None,
                 shares_lock: bool = False) -> None:
        self.conn = conn
        self.path = path
        self._lock = lock
        self.read_only = lock is None and not shares_lock
        self._sibling = shares_lock
        conn.row_factory = sqlite3.Row
        self.tx = Transactions(conn)
        self.tx.before_commit(self._flush_meta)
        self.tx.after_begin(self._reload_clock)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.device_id: str = meta["device_id"]
        self.scope: str = meta["scope"]
        self.operator: str = meta.get("operator", "")
        self.clock = HybridClock(int(meta.get("hlc", "0")))
        self._next_seq = int(meta.get("next_seq", "1"))
        self._meta_dirty = False
        self._batch: str | None = None
        self._bulk: dict | None = None  # look-up caches while create_many runs
        for kind in KINDS.values():
            setattr(self, kind.plural, RecordSet(self, kind))

    # ----------------------------------------------------------------- opening
    @classmethod
    def new(cls, path: Path | str, *, scope: str, operator: str) -> "Ledger":
        """Create a new ledger for the unit *scope* (a division code) kept by *operator*."""
        from desktop.scope.geo import geography

        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "{path} already exists; choose another file or open it."), path=str(path))
        if scope and not geography().exists(scope):
            raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
        if not operator.strip():
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "Enter the operator's name."))
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = InstanceLock(path)
        lock.acquire()
        try:
            conn = connect(path)
            migrations.migrate(conn)
            now = dt.datetime.now().isoformat(timespec="seconds")
            with conn:
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
                    ("device_id", ids.new_device_id()), ("scope", scope), ("operator", operator.strip()),
                    ("created_at", now), ("hlc", "0"), ("next_seq", "1"), ("clean", "0"),
                ])
        except BaseException:
            lock.release()
            raise
        ledger = cls(conn, path, lock)
        from desktop.ledger.reference import install_builtin_templates

        install_builtin_templates(ledger)
        return ledger

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, verify: bool = True) -> "Ledger":
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
                problems = cls._quick_check(conn)
                if problems:
                    conn.close()
                    raise LedgerCorrupt(path=str(path), detail=problems[0])
            if version < migrations.CURRENT_VERSION and not read_only:
                backup_to(conn, path.with_name(f"{path.name}.before-v{migrations.CURRENT_VERSION}.bak"))
                migrations.migrate(conn)
            if not read_only:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('clean', '0')")
        except BaseException:
            if lock:
                lock.release()
            raise
        return cls(conn, path, lock)

    @staticmethod
    def _quick_check(conn: sqlite3.Connection) -> list[str]:
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [] if rows == ["ok"] else rows

    def sibling(self) -> "Ledger":
        """A second writing connection of this program (for a worker thread: sync, imports).
        It shares this ledger's instance lock; clock and counters are taken up afresh at
        the start of every write transaction, so both may write in turn."""
        conn = connect(self.path)
        return Ledger(conn, self.path, None, shares_lock=True)

    def reader(self) -> "Ledger":
        """A second, read-only connection to this ledger, for a worker thread."""
        return Ledger.open(self.path, read_only=True, verify=False)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has run (a window may still hold the object)."""
        return self.conn is None

    def interrupt(self) -> None:
        """Stop a query under way on this connection; safe to call from another thread.
        The interrupted call raises ``sqlite3.OperationalError`` in the thread running it."""
        conn = self.conn
        if conn is not None:
            conn.interrupt()

    def close(self) -> None:
        if self.conn is None:
            return
        if not self.read_only and not self._sibling:
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('clean', '1')")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        self.conn = None  # type: ignore[assignment]
        if self._lock:
            self._lock.release()

    def __enter__(self) -> "Ledger":
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

    def _reload_clock(self) -> None:
        """Take up the clock and counter another connection of this program may have
        advanced (a sync worker's); runs as each write transaction begins."""
        if self.read_only:
            return
        meta = dict(self.conn.execute("SELECT key, value FROM meta WHERE key IN ('hlc','next_seq')").fetchall())
        self.clock.last = max(self.clock.last, int(meta.get("hlc", "0")))
        self._next_seq = max(self._next_seq, int(meta.get("next_seq", "1")))

    # ----------------------------------------------------------------- reading
    def get(self, kind: str, record_id: str, include_deleted: bool = False) -> dict | None:
        k = kind_of(kind)
        cache = self._bulk
        if cache is not None and kind != cache["kind"]:  # records of other kinds cannot change during a bulk create
            key = (kind, record_id)
            row = cache["rows"].get(key)
            if row is None:
                row = self._row(k, record_id)
                if row is not None:
                    cache["rows"][key] = row
        else:
            row = self._row(k, record_id)
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
        cache = self._bulk
        if cache is None:
            rows = self.conn.execute(
                "SELECT id, birth_date, exited_on FROM committee_member WHERE org_id=? AND name=? AND deleted=0",
                (org_id, name)).fetchall()
            return [dict(r) for r in rows]
        members = cache["members"]
        if org_id not in cache["orgs"]:  # one query per committee during a bulk create
            cache["orgs"].add(org_id)
            for r in self.conn.execute("SELECT id, name, birth_date, exited_on FROM committee_member "
                                       "WHERE org_id=? AND deleted=0", (org_id,)):
                members.setdefault((org_id, r["name"]), []).append(
                    {"id": r["id"], "birth_date": r["birth_date"], "exited_on": r["exited_on"]})
        return members.get((org_id, name), [])

    def counts(self, scope: str | None = None) -> dict[str, int]:
        return {name: self.count(name, scope=scope) for name in KINDS}

    # ----------------------------------------------------------------- local writes
    @contextlib.contextmanager
    def batch(self, name: str | None = None) -> Iterator[str]:
        """Group the writes inside into one transaction and one undo batch."""
        batch_id = name or ids.new_id()
        outer = self._batch
        self._batch = outer or batch_id
        try:
            with self._writing():
                yield self._batch
        finally:
            self._batch = outer

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "The ledger is open read-only."))
        next_seq = self._next_seq
        try:
            with self.tx():
                yield
        except BaseException:
            self._next_seq = next_seq  # the rolled-back changes give their numbers back
            raise

    def _scope_of(self, k: Kind, values: dict, cache: dict | None = None) -> str | None:
        src = values.get(k.scope_from)
        if src is None:
            return None
        f = k.field_map.get(k.scope_from)
        if f is not None and f.type is T.REF or k.name == "attachment":
            ref_kind = f.ref if f is not None and f.ref else values.get("owner_kind")
            if ref_kind not in KINDS:
                return None
            if cache is not None and src in cache:
                return cache[src]
            ref = self.get(ref_kind, src)
            scope = ref["scope"] if ref else None
            if cache is not None:
                cache[src] = scope
            return scope
        return src

    def _coerce_all(self, k: Kind, values: dict, errors: list[FieldError]) -> dict:
        out = {}
        fmap = k.field_map
        for name, value in values.items():
            f = fmap.get(name)
            if f is None:
                errors.append(FieldError(name, MSG_UNKNOWN_FIELD))
                continue
            try:
                out[name] = coerce(f, value)
            except Invalid as exc:
                errors.append(field_error(f, exc))
        return out

    def _validate_new(self, k: Kind, values: dict, record_id: str | None,
                      ref_cache: dict | None = None) -> tuple[str, str, dict, sqlite3.Row | None]:
        """Coerce and check a record to be created.  Returns (id, scope, full values, the
        deleted row of the same id if one is being re-created)."""
        errors: list[FieldError] = []
        given = self._coerce_all(k, values, errors)
        full = {}
        for f in k.fields:
            v = given.get(f.name)
            if v is None and f.default is not None:
                v = f.default
            full[f.name] = v
        if k.name == "checklist_template" and full.get("issued_by") is None:
            full["issued_by"] = self.scope
        bad = {e.field for e in errors}
        for f in k.fields:
            if f.required and full[f.name] is None and f.name not in bad:
                errors.append(required_error(f))
        if k.name == "organisation" and full.get("kind") in NATURAL_ORG_KINDS and full.get("division_code"):
            record_id = natural_org_id(full["kind"], full["division_code"])
        elif k.name == "reported_figure" and not errors:
            record_id = f"fig-{full['unit_code']}-{full['month']}-{full['metric']}"
        fresh = record_id is None
        record_id = record_id or ids.new_id()
        full["id"] = record_id
        scope = None
        if k.name == "attachment" and full.get("owner_kind") not in KINDS:
            errors.append(FieldError("owner_kind", rules.MSG_UNKNOWN_OWNER_KIND, {"value": full.get("owner_kind")},
                                     k.field_map["owner_kind"].label))
        elif k.scope_from not in {e.field for e in errors}:
            scope = self._scope_of(k, full, ref_cache)
            if scope is None and full.get(k.scope_from) is not None:
                errors.append(FieldError(k.scope_from, rules.MSG_MISSING_REF, {"id": full[k.scope_from]},
                                         k.field_map[k.scope_from].label))
            if scope is not None and not scope.startswith(self.scope):
                errors.append(FieldError(k.scope_from, rules.MSG_OUTSIDE_SCOPE, {"code": scope, "scope": self.scope},
                                         k.field_map[k.scope_from].label))
        existing = None
        if scope is not None and not errors and not fresh:  # a new UUIDv7 cannot exist yet
            existing = self._row(k, record_id)
            if existing is not None and not existing["deleted"]:
                label = k.label
                if k.name == "organisation":
                    label = rules.EnumText("org_kind", full["kind"])
                errors.append(FieldError(k.scope_from, rules.MSG_ALREADY_EXISTS,
                                         {"kind": label, "code": scope}, k.field_map[k.scope_from].label))
        if scope is not None and k.name in rules.RULES:
            bad = frozenset(e.field for e in errors)
            errors += [e for e in rules.RULES[k.name](self, k, full, None, bad) if e.field not in bad]
        if errors:
            raise ValidationError(errors)
        del full["id"]
        return record_id, scope, full, existing

    def _next_stamp(self) -> tuple[int, str]:
        seq = self._next_seq
        self._next_seq += 1
        self._meta_dirty = True
        return seq, make_stamp(self.clock.tick(), self.device_id)

    def create(self, kind: str, values: dict, *, record_id: str | None = None) -> str:
        """Validate and store a new record; returns its id.  Nothing is stored on error."""
        k = kind_of(kind)
        with self._writing():
            record_id, scope, full, existing = self._validate_new(k, values, record_id)
            seq, stamp = self._next_stamp()
            change = self._creation(k, seq, stamp, record_id, scope, full)
            if existing is None:
                self._insert_rows(k, [(record_id, scope, full, uniform_clock(stamp))])
                self._log([change])
            else:  # re-creating a deleted natural record: an update of every field
                self._apply_local(k, existing, change)
        return record_id

    def create_many(self, kind: str, rows: list[dict]) -> list[str]:
        """Create many records in one transaction (all or none).  The fast path for bulk
        entry: rows are validated one by one, then written with one statement per table."""
        k = kind_of(kind)
        out_ids: list[str] = []
        with self._writing():
            cache: dict = {}
            self._bulk = {"kind": k.name, "rows": {}, "orgs": set(), "members": {}}
            inserts, changes, recreated = [], [], []
            try:
                for values in rows:
                    record_id, scope, full, existing = self._validate_new(k, values, None, cache)
                    seq, stamp = self._next_stamp()
                    change = self._creation(k, seq, stamp, record_id, scope, full)
                    if existing is not None:
                        recreated.append((existing, change))
                    else:
                        changes.append(change)
                        inserts.append((record_id, scope, full, uniform_clock(stamp)))
                    out_ids.append(record_id)
                    if k.name == "committee_member":  # later rows of the batch see this one
                        self._bulk["members"].setdefault((full["org_id"], full["name"]), []).append(
                            {"id": record_id, "birth_date": full["birth_date"], "exited_on": full["exited_on"]})
            finally:
                self._bulk = None
            self._insert_rows(k, inserts)
            self._log(changes)
            for existing, change in recreated:
                self._apply_local(k, existing, change)
        return out_ids

    def _creation(self, k: Kind, seq: int, stamp: str, record_id: str, scope: str, full: dict) -> Change:
        fields = {n: v for n, v in full.items() if v is not None}
        return Change(self.device_id, seq, stamp, k.name, record_id, scope, fields, {}, self.operator, True)

    def _insert_rows(self, k: Kind, rows: list[tuple[str, str, dict, str]]) -> None:
        if not rows:
            return
        names = k.field_names
        sql = (f"INSERT INTO {k.table} (id, scope, deleted, {', '.join(names)}, clock) "
               f"VALUES (?, ?, 0, {', '.join('?' * len(names))}, ?)")
        self.conn.executemany(sql, [(rid, scope, *(full[n] for n in names), clock)
                                    for rid, scope, full, clock in rows])

    def _log(self, changes: list[Change], flags: int = 0) -> None:
        self.conn.executemany(
            "INSERT INTO change_log (origin, origin_seq, stamp, kind, record_id, scope, patch, author, flags, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(c.origin, c.origin_seq, c.stamp, c.kind, c.record_id, c.scope, c.patch_json(), c.author, flags,
              self._batch) for c in changes])

    def update(self, kind: str, record_id: str, changes: dict) -> bool:
        """Change some fields of a record.  Returns False when nothing actually changed."""
        k = kind_of(kind)
        with self._writing():
            row = self._row(k, record_id)
            if row is None or row["deleted"]:
                raise NotFound(kind=k.label, id=record_id)
            errors: list[FieldError] = []
            given = self._coerce_all(k, changes, errors)
            bad = {e.field for e in errors}
            for name, value in given.items():
                f = k.field_map[name]
                if f.required and value is None and name not in bad:
                    errors.append(required_error(f))
                elif f.immutable and value != row[name]:
                    errors.append(FieldError(name, MSG_IMMUTABLE, {}, f.label))
            old = {n: row[n] for n in k.field_names}
            old["id"], old["scope"] = record_id, row["scope"]
            new = dict(old)
            new.update(given)
            if k.name in rules.RULES:
                bad = frozenset(e.field for e in errors)
                errors += [e for e in rules.RULES[k.name](self, k, new, old, bad) if e.field not in bad]
            if errors:
                raise ValidationError(errors)
            diff = {n: v for n, v in given.items() if v != row[n]}
            if not diff:
                return False
            self._local_change(k, row, diff)
        return True

    def _local_change(self, k: Kind, row: sqlite3.Row, diff: dict) -> Change:
        clock = expand_clock(k, row["clock"])
        seq, stamp = self._next_stamp()
        base = {n: clock[n] for n in diff if clock[n]}
        change = Change(self.device_id, seq, stamp, k.name, row["id"], row["scope"], diff, base, self.operator)
        self._apply_local(k, row, change)
        return change

    def _apply_local(self, k: Kind, row: sqlite3.Row, change: Change) -> None:
        clock = expand_clock(k, row["clock"])
        values = change.values(k)
        for n in values:
            clock[n] = change.stamp
        sets = ", ".join(f"{n} = ?" for n in values)
        self.conn.execute(f"UPDATE {k.table} SET {sets}, clock = ? WHERE id = ?",
                          (*values.values(), compact_clock(clock), row["id"]))
        self._log([change])

    def delete(self, kind: str, record_id: str) -> bool:
        """Mark a record deleted (a tombstone that ``restore`` undoes)."""
        return self._set_deleted(kind, record_id, 1)

    def restore(self, kind: str, record_id: str) -> bool:
        """Undo a delete."""
        return self._set_deleted(kind, record_id, 0)

    def _set_deleted(self, kind: str, record_id: str, value: int) -> bool:
        k = kind_of(kind)
        with self._writing():
            row = self._row(k, record_id)
            if row is None:
                raise NotFound(kind=k.label, id=record_id)
            if row["deleted"] == value:
                return False
            if value == 0 and k.name == "committee_member":
                new = {n: row[n] for n in k.field_names}
                new["id"] = record_id
                errors = rules.committee_member(self, k, new, new)
                if errors:
                    raise ValidationError(errors)
            self._local_change(k, row, {DELETED: value})
        return True

    # ----------------------------------------------------------------- blobs
    def add_blob(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        with self._writing():
            self.conn.execute("INSERT OR IGNORE INTO blob (sha256, size, data) VALUES (?, ?, ?)",
                              (digest, len(data), data))
        return digest

    def has_blob(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM blob WHERE sha256=?", (digest,)).fetchone() is not None

    def blob(self, digest: str) -> bytes:
        row = self.conn.execute("SELECT data FROM blob WHERE sha256=?", (digest,)).fetchone()
        if row is None:
            raise NotFound(kind="blob", id=digest)
        return bytes(row[0])

    def attach(self, owner_kind: str, owner_id: str, filename: str, data: bytes,
               media_type: str | None = None) -> str:
        """Store a file's content and an attachment record for it, in one transaction."""
        with self.batch():
            digest = self.add_blob(data)
            return self.create("attachment", {
                "owner_kind": owner_kind, "owner_id": owner_id, "filename": filename, "sha256": digest,
                "size": len(data), "media_type": media_type, "added_on": dt.date.today()})

    # ----------------------------------------------------------------- change log
    def changes_since(self, cursor: int = 0, *, limit: int | None = None, scope: str | None = None,
                      include_builtin: bool = False) -> tuple[list[Change], int]:
        """Changes stored after local position *cursor*, in order; and the new cursor."""
        sql = "SELECT * FROM change_log WHERE seq > ?"
        params: list = [cursor]
        if scope:
            lo, hi = prefix_range(scope)
            sql += " AND scope >= ? AND scope < ?"
            params += [lo, hi]
        if not include_builtin:
            sql += " AND origin != ?"
            params.append(ids.BUILTIN_DEVICE)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.conn.execute(sql, params).fetchall()
        new_cursor = rows[-1]["seq"] if rows else cursor
        return [Change.from_row(r) for r in rows], new_cursor

    def changes_for(self, cursor: int, scope: str, *, limit: int = 2000,
                    exclude_origin: str | None = None, upto: int | None = None) -> tuple[list[Change], int, bool]:
        """What a device of *scope* receives: changes after *cursor* inside its scope or
        published by the levels above it (scopes that are prefixes of it).  Returns the
        changes, the new cursor and whether more follow.  *upto* stops at that seq (a
        snapshot's fixed end) instead of the last one stored."""
        high = self.last_seq()  # a fixed end, so a change stored meanwhile is never skipped
        if upto is not None:
            high = min(high, upto)
        where, params = received_clause(scope, exclude_origin)
        rows = self.conn.execute(f"SELECT * FROM change_log WHERE seq > ? AND seq <= ? AND {where} "
                                 "ORDER BY seq LIMIT ?", [cursor, high, *params, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        # with nothing more for this scope up to `high`, the next pull may start there
        new_cursor = rows[-1]["seq"] if more else max(cursor, high)
        return [Change.from_row(r) for r in rows], new_cursor, more

    def count_changes_for(self, scope: str, upto: int, *, exclude_origin: str | None = None) -> int:
        """How many changes :meth:`changes_for` would give from cursor 0 up to *upto*."""
        where, params = received_clause(scope, exclude_origin)
        return self.conn.execute(f"SELECT count(*) FROM change_log WHERE seq <= ? AND {where}",
                                 [upto, *params]).fetchone()[0]

    def changes_after(self, vector: dict[str, int], *, scope: str | None = None) -> list[Change]:
        """Changes the holder of *vector* (origin → highest seq it has) does not have yet."""
        out = []
        for origin, in self.conn.execute("SELECT DISTINCT origin FROM change_log WHERE origin != ?",
                                         (ids.BUILTIN_DEVICE,)).fetchall():
            sql = "SELECT * FROM change_log WHERE origin = ? AND origin_seq > ?"
            params: list = [origin, vector.get(origin, 0)]
            if scope:
                lo, hi = prefix_range(scope)
                sql += " AND scope >= ? AND scope < ?"
                params += [lo, hi]
            out += [Change.from_row(r) for r in self.conn.execute(sql + " ORDER BY origin_seq", params)]
        return out

    def version_vector(self) -> dict[str, int]:
        """origin → highest contiguous seq held (gaps stop the count, so nothing is skipped)."""
        vector = {}
        for origin, in self.conn.execute("SELECT DISTINCT origin FROM change_log").fetchall():
            seqs = [r[0] for r in self.conn.execute(
                "SELECT origin_seq FROM change_log WHERE origin=? ORDER BY origin_seq", (origin,))]
            n = 0
            for s in seqs:
                if s != n + 1:
                    break
                n = s
            vector[origin] = n
        return vector

    def last_seq(self) -> int:
        row = self.conn.execute("SELECT max(seq) FROM change_log").fetchone()
        return row[0] or 0

    def pending_changes(self) -> int:
        """Changes not yet acknowledged by the hub (all of them until the first sync).

        Counted without a scan: change-log positions have no gaps (rows are never
        deleted, and a rolled-back insert gives its position back), so the count after
        the cursor is the last position minus the cursor, less the built-in rows."""
        cursor = int(self.meta("push_cursor", "0"))
        last = self.last_seq()
        builtin = self.conn.execute("SELECT count(*) FROM change_log WHERE origin = ? AND seq > ?",
                                    (ids.BUILTIN_DEVICE, cursor)).fetchone()[0]
        return max(last - cursor - builtin, 0)

    def apply_changes(self, changes: Iterable[Change | dict], *, allowed_scope: str | None = None) -> ApplyReport:
        """Merge received changes, in one transaction.  Idempotent and order-independent:
        per field, the greatest stamp wins; a differing local value that loses to a change
        not based on it is kept in ``conflicts``.  A malformed or out-of-scope change is
        rejected with its reason; the others still apply."""
        report = ApplyReport()
        with self._writing():
            for item in changes:
                if not isinstance(item, Change):
                    try:
                        change = Change.from_wire(item)
                    except ValueError as exc:
                        report.rejected.append((item, str(exc)))
                        continue
                else:
                    change = item
                reason = self._check_received(change, allowed_scope)
                if reason:
                    report.rejected.append((change, reason))
                    continue
                if self.conn.execute("SELECT 1 FROM change_log WHERE origin=? AND origin_seq=?",
                                     (change.origin, change.origin_seq)).fetchone():
                    report.duplicate += 1
                    continue
                k = KINDS[change.kind]
                row = self._row(k, change.record_id)
                if row is not None and row["scope"] != change.scope:
                    from desktop.i18n import translate

                    report.rejected.append((change, translate("errors", REJECT_SCOPE_CHANGED).format(
                        id=change.record_id, old=row["scope"], scope=change.scope)))
                    continue
                future = self.clock.observe(int(change.stamp[:16], 16))
                self._meta_dirty = True
                flags = FLAG_FUTURE if future else 0
                report.flagged_future += bool(future)
                self._log([change], flags)
                report.conflicts += self._merge(k, row, change)
                report.applied += 1
        return report

    def _check_received(self, change: Change, allowed_scope: str | None) -> str | None:
        from desktop.i18n import translate

        k = KINDS.get(change.kind)
        if k is None:
            return translate("errors", REJECT_UNKNOWN_KIND).format(kind=change.kind)
        fmap = k.field_map
        for name, value in change.fields.items():
            if name == DELETED:
                if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1):
                    return translate("errors", REJECT_BAD_VALUE).format(field=name)
                continue
            f = fmap.get(name)
            if f is None:
                return translate("errors", REJECT_UNKNOWN_FIELD).format(field=name, kind=change.kind)
            if value is None:
                continue
            numeric = f.sql_type == "INTEGER"
            if numeric and (not isinstance(value, int) or isinstance(value, bool) or not -2**63 <= value < 2**63):
                return translate("errors", REJECT_BAD_VALUE).format(field=name)
            if not numeric and (not isinstance(value, str) or len(value) > 10000
                                or any("\ud800" <= ch <= "\udfff" for ch in value)):
                return translate("errors", REJECT_BAD_VALUE).format(field=name)
        for name in change.base:
            if name != DELETED and name not in fmap:
                return translate("errors", REJECT_UNKNOWN_FIELD).format(field=name, kind=change.kind)
        if allowed_scope is not None and not change.scope.startswith(allowed_scope):
            return translate("errors", REJECT_SCOPE).format(scope=change.scope or "-", allowed=allowed_scope)
        return None

    def _merge(self, k: Kind, row: sqlite3.Row | None, change: Change) -> int:
        stamp = change.stamp
        if row is None:
            clock = dict.fromkeys(clock_fields(k), "")
            values: dict = {n: None for n in k.field_names}
            values[DELETED] = 0
            for n, v in change.values(k).items():
                values[n] = v
                clock[n] = stamp
            names = k.field_names
            self.conn.execute(
                f"INSERT INTO {k.table} (id, scope, deleted, {', '.join(names)}, clock) "
                f"VALUES (?, ?, ?, {', '.join('?' * len(names))}, ?)",
                (change.record_id, change.scope, values[DELETED], *(values[n] for n in names), compact_clock(clock)))
            return 0
        clock = expand_clock(k, row["clock"])
        updates, conflicts = {}, []
        now = dt.datetime.now().isoformat(timespec="seconds")
        for n, v in change.values(k).items():
            current = clock[n]
            if stamp <= current:
                continue
            old = row[n]
            if current and old != v and current != change.base.get(n, ""):
                conflicts.append((k.name, change.record_id, n, dumps(old), current, dumps(v), stamp, now))
            updates[n] = v
            clock[n] = stamp
        if updates:
            sets = ", ".join(f"{n} = ?" for n in updates)
            self.conn.execute(f"UPDATE {k.table} SET {sets}, clock = ? WHERE id = ?",
                              (*updates.values(), compact_clock(clock), change.record_id))
        if conflicts:
            self.conn.executemany(
                "INSERT OR IGNORE INTO conflicts (kind, record_id, field, lost_value, lost_stamp, won_value, "
                "won_stamp, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conflicts)
        return len(conflicts)

    def future_changes(self) -> list[Change]:
        """Received changes stamped more than a day ahead of this machine's clock."""
        rows = self.conn.execute("SELECT * FROM change_log WHERE flags & ? ORDER BY seq", (FLAG_FUTURE,))
        return [Change.from_row(r) for r in rows]

    # ----------------------------------------------------------------- history, conflicts, undo
    def _record_changes(self, record_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM change_log WHERE record_id=? ORDER BY stamp",
                                 (record_id,)).fetchall()

    def history(self, record_id: str) -> list[HistoryEntry]:
        """Who changed what, when: the record's changes in stamp order, old → new per field."""
        rows = self._record_changes(record_id)
        if not rows:
            raise NotFound(kind=Label("fields", "Record"), id=record_id)
        state: dict[str, tuple[str, object]] = {}
        out = []
        for r in rows:
            change = Change.from_row(r)
            created = change.created or not state
            diffs = []
            for n, v in change.values(KINDS[change.kind]).items():
                prev_stamp, prev = state.get(n, ("", None))
                if change.stamp > prev_stamp:
                    state[n] = (change.stamp, v)
                    if prev != v:
                        diffs.append((n, prev, v))
            when = dt.datetime.fromtimestamp(stamp_ms(change.stamp) / 1000)
            out.append(HistoryEntry(change.stamp, when, change.author, change.origin, tuple(diffs), created))
        return out

    def conflicts(self, include_resolved: bool = False) -> list[Conflict]:
        sql = "SELECT * FROM conflicts" + ("" if include_resolved else " WHERE resolved = 0") + " ORDER BY id"
        return [Conflict(r["id"], r["kind"], r["record_id"], r["field"], json.loads(r["lost_value"]),
                         r["lost_stamp"], json.loads(r["won_value"]), r["won_stamp"], r["detected_at"],
                         bool(r["resolved"])) for r in self.conn.execute(sql)]

    def resolve_conflict(self, conflict_id: int, *, take_back: bool) -> None:
        """Dismiss a conflict, or take the lost value back (a new local change that syncs)."""
        row = self.conn.execute("SELECT * FROM conflicts WHERE id=?", (conflict_id,)).fetchone()
        if row is None:
            raise NotFound(kind="conflict", id=conflict_id)
        with self._writing():
            if take_back:
                k = KINDS[row["kind"]]
                rec = self._row(k, row["record_id"])
                value = json.loads(row["lost_value"])
                if rec is not None and rec[row["field"]] != value:
                    self._local_change(k, rec, {row["field"]: value})
            self.conn.execute("UPDATE conflicts SET resolved = 1 WHERE id=?", (conflict_id,))

    def batches(self, limit: int = 20) -> list[tuple[str, int, str]]:
        """Recent local undo batches: (batch, number of changes, latest stamp)."""
        rows = self.conn.execute(
            "SELECT batch, count(*), max(stamp) FROM change_log WHERE batch IS NOT NULL AND origin=? "
            "GROUP BY batch ORDER BY max(seq) DESC LIMIT ?", (self.device_id, limit)).fetchall()
        return [tuple(r) for r in rows]

    def undo_batch(self, batch: str) -> int:
        """Undo every change of a local batch that still stands: created records are deleted,
        changed fields go back to their earlier values.  One transaction; returns the number
        of records touched."""
        rows = self.conn.execute("SELECT * FROM change_log WHERE batch=? AND origin=? ORDER BY seq",
                                 (batch, self.device_id)).fetchall()
        if not rows:
            raise NotFound(kind="batch", id=batch)
        by_record: dict[tuple[str, str], list[Change]] = {}
        for r in rows:
            c = Change.from_row(r)
            by_record.setdefault((c.kind, c.record_id), []).append(c)
        touched = 0
        with self.batch():
            for (kind, record_id), changes in by_record.items():
                k = KINDS[kind]
                row = self._row(k, record_id)
                if row is None:
                    continue
                clock = expand_clock(k, row["clock"])
                first = min(c.stamp for c in changes)
                before: dict[str, object] = {}
                created_here = False
                for r in self._record_changes(record_id):
                    c = Change.from_row(r)
                    if c.stamp >= first:
                        created_here = c.stamp == first and c.created and not before
                        break
                    for n, v in c.values(k).items():
                        before[n] = v
                ours = {c.stamp for c in changes}
                diff = {}
                for n in {n for c in changes for n in c.values(k)}:
                    if clock[n] in ours and row[n] != before.get(n):
                        diff[n] = before.get(n, 0 if n == DELETED else None)
                if created_here:
                    diff = {DELETED: 1} if not row["deleted"] else {}
                diff = {n: v for n, v in diff.items() if row[n] != v}
                if diff:
                    self._local_change(k, row, diff)
                    touched += 1
        return touched

    # ----------------------------------------------------------------- maintenance
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

    @staticmethod
    def restore_from(backup: Path | str, path: Path | str) -> None:
        """Replace the ledger at *path* by *backup* (checked first; the old file is kept as .replaced)."""
        backup, path = Path(backup), Path(path)
        if not backup.is_file():
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "The backup file {path} does not exist."), path=str(backup))
        probe = Ledger.open(backup, read_only=True)
        try:
            problems = probe._quick_check(probe.conn)
            if problems:
                raise LedgerCorrupt(path=str(backup), detail=problems[0])
        finally:
            probe.close()
        lock = InstanceLock(path)
        lock.acquire()
        try:
            src = sqlite3.connect(str(backup))
            try:
                if path.exists():  # closed at once: Windows cannot replace a file still open
                    with contextlib.closing(sqlite3.connect(str(path))) as old:
                        backup_to(old, path.with_name(path.name + ".replaced"))
                backup_to(src, path)
            finally:
                src.close()
            for suffix in ("-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    p.unlink()
        finally:
            lock.release()
