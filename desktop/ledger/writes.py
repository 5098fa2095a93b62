"""Local writes: create, update, delete and restore records, each validated and logged
with its change record in the same transaction."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Iterator

from desktop.errors import FieldError, LedgerError, NotFound, ValidationError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger.changes import Change, compact_clock, expand_clock, uniform_clock
from desktop.ledger.hlc import make_stamp
from desktop.records import DELETED, KINDS, NATURAL_ORG_KINDS, T, Kind, ids, kind as kind_of, natural_org_id, rules
from desktop.records.validation import Invalid, coerce, field_error, required_error

MSG_UNKNOWN_FIELD = QT_TRANSLATE_NOOP("errors", "is not a field of this record")
MSG_IMMUTABLE = QT_TRANSLATE_NOOP("errors", "cannot be changed once the record exists")


class Writes:
    """Local writes (a mixin of ``Ledger``)."""

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

