"""Local writes: create, update, delete and restore records, each validated and logged
with its change record in the same transaction.  A write that would change a month the level
above approved is refused (:mod:`desktop.ledger.locks`)."""

from __future__ import annotations

import contextlib
import operator
import sqlite3
from typing import Callable, Iterator

from desktop.errors import FieldError, LedgerError, NotFound, ValidationError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger.changes import (Change, compact_clock, creation_patch, expand_clock, signature_text, signed_bytes,
                                    uniform_clock)
from desktop.ledger.hlc import make_stamp
from desktop.ledger.lookups import BulkLookups
from desktop.records import DELETED, KINDS, NATURAL_ORG_KINDS, T, Kind, ids, kind as kind_of, natural_org_id, rules
from desktop.records.rules import Lookups
from desktop.records.validation import kind_check, required_error

LOG_INSERT = ("INSERT INTO change_log (origin, origin_seq, stamp, kind, record_id, scope, patch, author, flags, batch, "
              "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_NONE: frozenset = frozenset()
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

    def _scope_of(self, k: Kind, values: dict, lookups: Lookups) -> str | None:
        """The scope a new record takes: its division field's, or its referenced record's."""
        src = values.get(k.scope_from)
        if src is None:
            return None
        f = k.field_map.get(k.scope_from)
        if f is not None and f.type is T.REF or k.name == "attachment":
            ref_kind = f.ref if f is not None and f.ref else values.get("owner_kind")
            if ref_kind not in KINDS:
                return None
            ref = lookups.get(ref_kind, src)
            return ref["scope"] if ref else None
        return src

    def _draft(self, k: Kind, values: dict, record_id: str | None,
               incomplete_ok: bool = False) -> tuple[str, bool, dict, list[FieldError]]:
        """The checks of a new record that need nothing but the record itself: its values
        coerced and completed, and its id.  Returns (id, fresh id?, full values, errors)."""
        errors: list[FieldError] = []
        fallback = {"issued_by": self.scope} if k.name == "checklist_template" else None
        full = kind_check(k).new(values, errors, fallback, incomplete_ok)
        if k.name == "organisation" and full.get("kind") in NATURAL_ORG_KINDS and full.get("division_code"):
            record_id = natural_org_id(full["kind"], full["division_code"])
        elif k.name == "reported_figure" and not errors:
            record_id = f"fig-{full['unit_code']}-{full['month']}-{full['metric']}"
        fresh = record_id is None
        return record_id or ids.new_id(), fresh, full, errors

    def _settle(self, k: Kind, draft: tuple[str, bool, dict, list[FieldError]], lookups: Lookups,
                row_of: Callable[[Kind, str], dict | sqlite3.Row | None]) -> tuple[str, dict | sqlite3.Row | None]:
        """The checks of a new record against the ledger: its scope, an existing record of
        the same natural id, the kind's rules.  Raises ValidationError with every error of
        the record; returns (scope, the deleted row of the same id if one is re-created)."""
        record_id, fresh, full, errors = draft
        full["id"] = record_id
        scope = None
        if k.name == "attachment" and full.get("owner_kind") not in KINDS:
            errors.append(FieldError("owner_kind", rules.MSG_UNKNOWN_OWNER_KIND, {"value": full.get("owner_kind")},
                                     k.field_map["owner_kind"].label))
        elif not errors or k.scope_from not in {e.field for e in errors}:
            scope = self._scope_of(k, full, lookups)
            if scope is None and full.get(k.scope_from) is not None:
                errors.append(FieldError(k.scope_from, rules.MSG_MISSING_REF, {"id": full[k.scope_from]},
                                         k.field_map[k.scope_from].label))
            if scope is not None and not scope.startswith(self.scope):
                errors.append(FieldError(k.scope_from, rules.MSG_OUTSIDE_SCOPE, {"code": scope, "scope": self.scope},
                                         k.field_map[k.scope_from].label))
        existing = None
        if scope is not None and not errors and not fresh:  # a new UUIDv7 cannot exist yet
            existing = row_of(k, record_id)
            if existing is not None and not existing["deleted"]:
                label = k.label
                if k.name == "organisation":
                    label = rules.EnumText("org_kind", full["kind"])
                errors.append(FieldError(k.scope_from, rules.MSG_ALREADY_EXISTS,
                                         {"kind": label, "code": scope}, k.field_map[k.scope_from].label))
        rule = rules.RULES.get(k.name)
        if scope is not None and rule is not None:
            bad = frozenset(e.field for e in errors) if errors else _NONE
            errors += [e for e in rule(lookups, k, full, None, bad) if e.field not in bad]
        if errors:
            raise ValidationError(errors)
        del full["id"]
        return scope, existing

    def _next_stamp(self) -> tuple[int, str]:
        seq = self._next_seq
        self._next_seq += 1
        self._meta_dirty = True
        return seq, make_stamp(self.clock.tick(), self.device_id)

    def create(self, kind: str, values: dict, *, record_id: str | None = None, incomplete_ok: bool = False) -> str:
        """Validate and store a new record; returns its id.  Nothing is stored on error.
        *incomplete_ok*: the record may lack its completable required fields
        (``validation.completable``), and is then incomplete (待补全) until they are filled."""
        k = kind_of(kind)
        with self._writing():
            draft = self._draft(k, values, record_id, incomplete_ok)
            scope, existing = self._settle(k, draft, self, self._row)
            record_id, _, full, _ = draft
            self._refuse_locked(k, [(scope, None, full)])
            if existing is None:
                self._write_created(k, [(record_id, scope, full)])
            else:  # re-creating a deleted natural record: an update of every field
                self._recreate(k, existing, record_id, scope, full)
        return record_id

    def create_many(self, kind: str, rows: list[dict], *, incomplete_ok: bool = False) -> list[str]:
        """Create many records in one transaction (all or none).  The fast path for bulk
        entry: every row is coerced first, then the records they refer to are read in one
        query per kind, then each row is checked in order (the first bad one raises), and
        the records and their change records are written with one statement each.
        *incomplete_ok* as for ``create``."""
        k = kind_of(kind)
        with self._writing():
            drafts = [self._draft(k, values, None, incomplete_ok) for values in rows]
            lookups = BulkLookups(self.conn, self.scope, self.has_blob)
            lookups.fetch_references(k, [d[2] for d in drafts])
            lookups.fetch(k, [d[0] for d in drafts if not d[1]])
            members = k.name == "committee_member"
            accepted, recreated = [], []
            for draft in drafts:
                scope, existing = self._settle(k, draft, lookups, lookups.row)
                record_id, _, full, _ = draft
                if existing is not None:
                    recreated.append((existing, record_id, scope, full))
                else:
                    accepted.append((record_id, scope, full))
                if members:  # later rows of the batch see this one
                    lookups.add_member(full["org_id"], full["name"], record_id, full["birth_date"], full["exited_on"])
            self._refuse_locked(k, [(scope, None, full) for _id, scope, full in accepted] +
                                [(scope, None, full) for _row, _id, scope, full in recreated])
            self._write_created(k, accepted)
            for existing, record_id, scope, full in recreated:
                self._recreate(k, existing, record_id, scope, full)
        return [d[0] for d in drafts]

    def _recreate(self, k: Kind, existing, record_id: str, scope: str, full: dict) -> None:
        """A deleted record of a natural id created again: a creation change applied as an
        update of every field."""
        seq, stamp = self._next_stamp()
        fields = {n: v for n, v in full.items() if v is not None}
        self._apply_local(k, existing, Change(self.device_id, seq, stamp, k.name, record_id, scope, fields, {},
                                              self.operator, True))

    def _write_created(self, k: Kind, records: list[tuple[str, str, dict]]) -> None:
        """Store new records and their creation changes: two statements, and per record only
        what differs (its stamp, its values)."""
        if not records:
            return
        names = k.field_names
        values_of = operator.itemgetter(*names) if len(names) > 1 else (lambda full: (full[names[0]],))
        ordered = sorted(names)  # the canonical key order of a change's fields
        device, author, batch, tick = self.device_id, self.operator, self._batch, self.clock.tick
        seq = self._next_seq
        self._next_seq += len(records)
        self._meta_dirty = True
        rows, log = [], []
        for record_id, scope, full in records:
            stamp = make_stamp(tick(), device)
            rows.append((record_id, scope, *values_of(full), uniform_clock(stamp)))
            patch = creation_patch({n: full[n] for n in ordered if full[n] is not None})
            log.append((device, seq, stamp, k.name, record_id, scope, patch, author, 0, batch, None))
            seq += 1
        self.conn.executemany(f"INSERT INTO {k.table} (id, scope, deleted, {', '.join(names)}, clock) "
                              f"VALUES (?, ?, 0, {', '.join('?' * len(names))}, ?)", rows)
        self.conn.executemany(LOG_INSERT, log)

    def _log(self, changes: list[Change], flags: int = 0) -> None:
        """Append change records (local ones, or received ones with their *flags*)."""
        self.conn.executemany(LOG_INSERT, [
            (c.origin, c.origin_seq, c.stamp, c.kind, c.record_id, c.scope, c.patch_json(), c.author, flags,
             self._batch, c.signature or None) for c in changes])

    def sign_own_changes(self, sign: Callable[[bytes], bytes], *, chunk: int = 2000,
                         sign_many: Callable[[list[bytes]], list[bytes]] | None = None,
                         upto: int | None = None) -> int:
        """Sign this device's changes that carry no signature yet (written since the last
        sync or package, or before this version signed anything) with *sign* (this device's
        Ed25519 key: it returns the 64-byte signature of the bytes given); returns how many.
        *sign_many*, when given, signs a list of them at once (the same signatures, in order);
        *upto*: only those up to that change-log position (``seq``).
        Done before changes leave the ledger, so every change goes out signed by its origin.
        The ledger holds no key itself: the program that sends passes it in."""
        done = 0
        many = sign_many or (lambda data: [sign(d) for d in data])
        with self._writing():
            while True:
                rows = self.conn.execute("SELECT * FROM change_log WHERE origin = ? AND signature IS NULL "
                                         "AND seq <= ? ORDER BY origin_seq LIMIT ?",
                                         (self.device_id, 2**63 - 1 if upto is None else upto, chunk)).fetchall()
                if not rows:
                    return done
                signatures = many([signed_bytes(Change.from_row(r)) for r in rows])
                self.conn.executemany("UPDATE change_log SET signature = ? WHERE seq = ?", [
                    (signature_text(sig), r["seq"]) for sig, r in zip(signatures, rows, strict=True)])
                done += len(rows)

    def update(self, kind: str, record_id: str, changes: dict) -> bool:
        """Change some fields of a record.  Returns False when nothing actually changed."""
        k = kind_of(kind)
        with self._writing():
            row = self._row(k, record_id)
            if row is None or row["deleted"]:
                raise NotFound(kind=k.label, id=record_id)
            errors: list[FieldError] = []
            given = kind_check(k).coerce(changes, errors)
            bad = {e.field for e in errors}
            for name, value in given.items():
                f = k.field_map[name]
                # an incomplete record's empty field may stay empty; a filled one may not be emptied
                if f.required and value is None and name not in bad and row[name] is not None:
                    errors.append(required_error(f))
                elif f.immutable and value != row[name]:
                    errors.append(FieldError(name, MSG_IMMUTABLE, {}, f.label))
            old = {n: row[n] for n in k.field_names}
            old["id"], old["scope"] = record_id, row["scope"]
            new = dict(old)
            new.update(given)
            rule = rules.RULES.get(k.name)
            if rule is not None:
                bad = frozenset(e.field for e in errors)
                errors += [e for e in rule(self, k, new, old, bad) if e.field not in bad]
            if errors:
                raise ValidationError(errors)
            diff = {n: v for n, v in given.items() if v != row[n]}
            if not diff:
                return False
            self._local_change(k, row, diff)
        return True

    def _local_change(self, k: Kind, row: sqlite3.Row, diff: dict) -> Change:
        if k.month_dates:  # every local edit of a record passes here: a locked month refuses it
            old = {n: row[n] for n in k.month_dates}
            new = None if DELETED in diff else {**old, **{n: v for n, v in diff.items() if n in old}}
            self._refuse_locked(k, [(row["scope"], old, new)])
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

