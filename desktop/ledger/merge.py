"""Received changes: checked, logged and merged field by field (the greatest stamp wins;
a concurrent local value that loses is kept as a conflict)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger.changes import (FLAG_FUTURE, Change, clock_fields, compact_clock, dumps, expand_clock,
                                     plain_text)
from desktop.ledger.writes import LOG_INSERT
from desktop.records import DELETED, KINDS, Field, Kind
from desktop.records.checklist import verification_refused
from desktop.records.validation import received_error

#: Reasons a received change is rejected (shown per change to the user).
REJECT_UNKNOWN_KIND = QT_TRANSLATE_NOOP("errors", "unknown record kind {kind}")
REJECT_UNKNOWN_FIELD = QT_TRANSLATE_NOOP("errors", "unknown field {field} of {kind}")
REJECT_BAD_VALUE = QT_TRANSLATE_NOOP("errors", "field {field} has a value of the wrong type")
REJECT_INVALID_VALUE = QT_TRANSLATE_NOOP("errors", "field {field}: {problem}")
REJECT_SCOPE = QT_TRANSLATE_NOOP("errors", "record scope {scope} lies outside the sender's scope {allowed}")
REJECT_SCOPE_CHANGED = QT_TRANSLATE_NOOP("errors", "record {id} belongs to scope {old}, not {scope}")
REJECT_OWN_ORIGIN = QT_TRANSLATE_NOOP("errors", "the change claims to come from this computer itself, which did not write it")
REJECT_CLOCK_AHEAD = QT_TRANSLATE_NOOP(
    "errors", "the change is dated {hours} hours ahead of this computer's clock: the clock of the computer that "
              "wrote it is wrong; it is kept there and sent again once its time has come or the clock is put right")
REJECT_VERIFY = QT_TRANSLATE_NOOP(
    "errors", "the change verifies or returns a task of {scope}, which only the level above that unit may do "
              "(the sender's scope is {author_scope})")
REJECT_DIFFERS = QT_TRANSLATE_NOOP(
    "errors", "a different change with the same origin and number ({origin} #{seq}) was received before")


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



class Reason(str):
    """A refusal's words (in this ledger's language) with a code and parameters, so a hub can
    pass it on and the sender word it in its own language."""

    code: str = "refused"
    params: dict = {}

    def __new__(cls, text: str, code: str, **params: object) -> "Reason":
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, params
        return reason


def _same_change(a: Change, b: Change) -> bool:
    """The same change, as written by its origin (what a relay may not alter)."""
    return (a.stamp, a.kind, a.record_id, a.scope, dumps(a.fields), dumps(a.base), a.author, a.created) == \
        (b.stamp, b.kind, b.record_id, b.scope, dumps(b.fields), dumps(b.base), b.author, b.created)


#: the classes of value a batch remembers as checked (not bool: True == 1 as a key)
_HASHED = (str, int)

#: Received changes handled together: what is held of them and their records are looked up
#: with one query per origin and per kind, and the writes go out with ``executemany``.
#: Bounded so that a look-up's parameters stay within SQLite's oldest limit (999).
APPLY_BATCH = 500


_KIND_TABLES: dict[str, tuple[Kind, dict, dict, dict]] = {}


def _kind_table(k: Kind) -> tuple[Kind, dict[str, tuple[Field, bool]], dict, dict]:
    """What merging looks up for kind *k* at every change, made once: each field by name with
    whether it is stored as an integer; the values and per-field stamps of an empty record."""
    found = _KIND_TABLES.get(k.name)
    if found is None or found[0] is not k:
        values: dict = dict.fromkeys(k.field_names)
        values[DELETED] = 0
        found = _KIND_TABLES[k.name] = (k, {f.name: (f, f.sql_type == "INTEGER") for f in k.fields}, values,
                                        dict.fromkeys(clock_fields(k), ""))
    return found


@dataclass
class _Record:
    """A record as a batch of received changes sees it: its values (with ``deleted``) and
    per-field stamps as stored, or as the batch's earlier changes left them."""

    scope: str
    values: dict
    clock: dict
    #: in the table before the batch (written by UPDATE), or new (INSERT)
    stored: bool
    #: the fields the batch set
    changed: set = field(default_factory=set)

    @classmethod
    def empty(cls, k: Kind, scope: str) -> "_Record":
        """A record not held yet: every field empty and never set."""
        values, clock = _kind_table(k)[2:]
        return cls(scope, values.copy(), clock.copy(), False)

    @classmethod
    def from_row(cls, k: Kind, row) -> "_Record":
        values = {n: row[n] for n in k.field_names}
        values[DELETED] = row["deleted"]
        return cls(row["scope"], values, expand_clock(k, row["clock"]), True)


def merge_fields(record: _Record, change: Change, values: dict, now: str, conflicts: list) -> int:
    """The per-field rule: each field *change* sets (*values*) takes its value where its
    stamp is greater than the field's; a differing value that loses to a change not based on
    it goes to *conflicts*.  Returns how many such values were lost."""
    stamp, clock, current_values = change.stamp, record.clock, record.values
    if not record.stored and not record.changed:  # every field empty and never set: all taken, none lost
        current_values.update(values)
        clock.update(dict.fromkeys(values, stamp))
        record.changed.update(values)
        return 0
    lost = 0
    for n, v in values.items():
        current = clock[n]
        if stamp <= current:
            continue
        old = current_values[n]
        if current and old != v and current != change.base.get(n, ""):
            conflicts.append((change.kind, change.record_id, n, dumps(old), current, dumps(v), stamp, now))
            lost += 1
        current_values[n] = v
        clock[n] = stamp
        record.changed.add(n)
    return lost


class Merging:
    """Merging received changes (a mixin of ``Ledger``)."""

    def apply_changes(self, changes: Iterable[Change | dict], *, allowed_scope: str | None = None,
                      authentic: Callable[[Change], str | None] | None = None,
                      sender: str | None = None, unheld: bool = False) -> ApplyReport:
        """Merge received changes, in one transaction.  Idempotent and order-independent:
        per field, the greatest stamp wins; a differing local value that loses to a change
        not based on it is kept in ``conflicts``.  A malformed or out-of-scope change is
        rejected with its reason; the others still apply.  *authentic* checks the
        signature of each change not held yet and gives the reason to refuse it, if any
        (the ledger holds no keys; the program that received the changes does).  *sender*:
        the device that handed the changes over, when it is not the only writer they may have
        (a package: what it relays is judged by its writer's unit where it was made).
        *unheld*: the caller has found, in this same transaction, that the change log holds
        none of the changes (the hub's checks of a push): they are not looked up again.

        The changes are taken in batches of :data:`APPLY_BATCH`, each as if one by one in
        their order (a later change of a batch sees what the earlier ones did)."""
        report = ApplyReport()
        with self._writing():
            batch: list = []
            for item in changes:
                batch.append(item)
                if len(batch) == APPLY_BATCH:
                    self._apply_batch(batch, report, allowed_scope, authentic, sender, unheld)
                    batch = []
            if batch:
                self._apply_batch(batch, report, allowed_scope, authentic, sender, unheld)
        return report

    def _apply_batch(self, items: list, report: ApplyReport, allowed_scope: str | None,
                     authentic: Callable[[Change], str | None] | None, sender: str | None,
                     unheld: bool = False) -> None:
        """Check, decide and write one batch: the look-ups first, then each change in order
        against what is held and what the batch's earlier changes did, then the writes."""
        accepted: set = set()
        checked = [self._decoded(item, allowed_scope, sender, accepted) for item in items]
        wellformed = [c for c, reason in checked if reason is None]
        held = {} if unheld else self._held_changes(wellformed)
        records = self._held_records(wellformed)
        now = dt.datetime.now().isoformat(timespec="seconds")
        now_ms = self.clock.now_ms()  # physical time, read once for the batch
        log: list[tuple] = []
        conflicts: list[tuple] = []
        for change, reason in checked:
            if reason is None:
                key = (change.origin, change.origin_seq)
                stored = held.get(key)
                if stored is not None:
                    if _same_change(stored, change):
                        report.duplicate += 1
                        continue
                    # someone speaks for that origin: keep the first, refuse and report this one
                    reason = Reason(translate("errors", REJECT_DIFFERS).format(
                        origin=change.origin, seq=change.origin_seq), "duplicate_differs",
                        origin=change.origin, seq=change.origin_seq)
                else:
                    reason = (authentic and authentic(change)) or self._check_trust(change, now_ms)
            if not reason:
                k = KINDS[change.kind]
                record = records.get((k.name, change.record_id))
                if record is not None and record.scope != change.scope:
                    reason = translate("errors", REJECT_SCOPE_CHANGED).format(
                        id=change.record_id, old=record.scope, scope=change.scope)
            if reason:
                report.rejected.append((change, reason))
                continue
            if record is None:
                record = records[(k.name, change.record_id)] = _Record.empty(k, change.scope)
            future = self.clock.observe(int(change.stamp[:16], 16), now_ms)
            report.flagged_future += bool(future)
            log.append((change.origin, change.origin_seq, change.stamp, change.kind, change.record_id, change.scope,
                        change.patch_json(), change.author, FLAG_FUTURE if future else 0, self._batch,
                        change.signature or None))
            report.conflicts += merge_fields(record, change, change.values(k), now, conflicts)
            report.applied += 1
            held[key] = change  # a second copy later in the batch is a duplicate of this one
        if log:
            self._meta_dirty = True
            self._write_batch(log, records, conflicts)

    def _decoded(self, item: Change | dict, allowed_scope: str | None, sender: str | None,
                 accepted: set | None = None) -> tuple[Change | dict, str | None]:
        """A received item as a change, and the reason to refuse it on its own (malformed,
        unknown kind or field, a bad value, out of scope), if any."""
        if isinstance(item, Change):
            change = item
        else:
            try:
                change = Change.from_wire(item)
            except ValueError as exc:
                return item, str(exc)
        return change, self._check_received(change, allowed_scope, sender, accepted)

    def _held_changes(self, changes: list[Change]) -> dict[tuple[str, int], Change]:
        """The changes the change log holds of these changes' (origin, seq): one query per
        origin (a page or a push holds few)."""
        by_origin: dict[str, set[int]] = {}
        for c in changes:
            by_origin.setdefault(c.origin, set()).add(c.origin_seq)
        held: dict[tuple[str, int], Change] = {}
        for origin, seqs in by_origin.items():
            rows = self.conn.execute(
                f"SELECT * FROM change_log WHERE origin = ? AND origin_seq IN ({', '.join('?' * len(seqs))})",
                (origin, *seqs)).fetchall()
            for row in rows:
                held[(origin, row["origin_seq"])] = Change.from_row(row)
        return held

    @staticmethod
    def _record_reads(changes: Iterable[Change]) -> list[tuple[str, str, tuple[str, ...]]]:
        """(kind, SQL, ids) of the look-ups of the records *changes* are for: one per kind (a
        kind the ledger does not know has none: such a change is refused)."""
        by_kind: dict[str, dict[str, None]] = {}
        for c in changes:
            if c.kind in KINDS:
                by_kind.setdefault(c.kind, {})[c.record_id] = None
        return [(kind, f"SELECT * FROM {KINDS[kind].table} WHERE id IN ({', '.join('?' * len(ids))})", tuple(ids))
                for kind, ids in by_kind.items()]

    def read_records_ahead(self, changes: list[Change]) -> None:
        """Where the connection can (a hub's on PostgreSQL), send the look-ups of the records
        that merging *changes* (the first batch of them) will read, together with the
        statement that comes next: one round trip fewer while the write lock is held."""
        read_ahead = getattr(self.conn, "read_ahead", None)
        if read_ahead is not None:
            for _kind, sql, ids in self._record_reads(changes[:APPLY_BATCH]):
                read_ahead(sql, ids)

    def _held_records(self, changes: list[Change]) -> dict[tuple[str, str], _Record]:
        """The records these changes are for, as stored: one query per kind."""
        records: dict[tuple[str, str], _Record] = {}
        for kind, sql, ids in self._record_reads(changes):
            k = KINDS[kind]
            for row in self.conn.execute(sql, ids).fetchall():
                records[(kind, row["id"])] = _Record.from_row(k, row)
        return records

    def _write_batch(self, log: list[tuple], records: dict[tuple[str, str], _Record], conflicts: list[tuple]) -> None:
        """The change log, the records the batch set (new ones inserted, the others updated
        in the fields it set) and the conflicts, each with ``executemany``."""
        self.conn.executemany(LOG_INSERT, log)
        inserts: dict[str, list[tuple]] = {}
        updates: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
        for (kind, record_id), record in records.items():
            if record.stored and not record.changed:
                continue  # held before the batch and left as it was
            k = KINDS[kind]
            values = record.values
            if not record.stored:
                inserts.setdefault(kind, []).append((record_id, record.scope, values[DELETED],
                                                     *(values[n] for n in k.field_names),
                                                     compact_clock(record.clock)))
                continue
            names = tuple(n for n in (DELETED, *k.field_names) if n in record.changed)
            updates.setdefault((kind, names), []).append((*(values[n] for n in names), compact_clock(record.clock),
                                                          record_id))
        for kind, rows in inserts.items():
            k = KINDS[kind]
            names = k.field_names
            self.conn.executemany(f"INSERT INTO {k.table} (id, scope, deleted, {', '.join(names)}, clock) "
                                  f"VALUES (?, ?, ?, {', '.join('?' * len(names))}, ?)", rows)
        for (kind, names), rows in updates.items():
            sets = ", ".join(f"{n} = ?" for n in names)
            self.conn.executemany(f"UPDATE {KINDS[kind].table} SET {sets}, clock = ? WHERE id = ?", rows)
        if conflicts:
            self.conn.executemany(
                "INSERT OR IGNORE INTO conflicts (kind, record_id, field, lost_value, lost_stamp, won_value, "
                "won_stamp, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conflicts)

    def _check_trust(self, change: Change, now_ms: int | None = None) -> str | None:
        """Refuse what would rewrite history: a change in this device's own name (it would
        take a sequence number this device is yet to use), or one dated beyond the bound."""
        if change.origin == self.device_id:
            return Reason(translate("errors", REJECT_OWN_ORIGIN), "own_origin")
        remote = int(change.stamp[:16], 16)
        if not self.clock.acceptable(remote, now_ms):
            ahead = self.clock.ahead_ms(remote, now_ms)
            return Reason(translate("errors", REJECT_CLOCK_AHEAD).format(hours=f"{round(ahead / 3_600_000, 1):g}"),
                          "clock_ahead", ahead_ms=ahead)
        return None

    def _check_received(self, change: Change, allowed_scope: str | None, sender: str | None = None,
                        accepted: set | None = None) -> str | None:
        """Why a received change cannot be stored on its own, or None.  *accepted*: the
        (kind, field, value) a batch has found storable so far (a page repeats its dates,
        choices and references): those are not checked again."""
        k = KINDS.get(change.kind)
        if k is None:
            return translate("errors", REJECT_UNKNOWN_KIND).format(kind=change.kind)
        checks = _kind_table(k)[1]
        kind = change.kind
        for name, value in change.fields.items():
            if accepted is not None and value.__class__ in _HASHED and (kind, name, value) in accepted:
                continue
            if name == DELETED:
                if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1):
                    return translate("errors", REJECT_BAD_VALUE).format(field=name)
                continue
            check = checks.get(name)
            if check is None:
                return translate("errors", REJECT_UNKNOWN_FIELD).format(field=name, kind=change.kind)
            if value is None:
                continue
            f, numeric = check
            if numeric and (not isinstance(value, int) or isinstance(value, bool) or not -2**63 <= value < 2**63):
                return translate("errors", REJECT_BAD_VALUE).format(field=name)
            if not numeric and (not isinstance(value, str) or len(value) > 10000 or not plain_text(value)):
                return translate("errors", REJECT_BAD_VALUE).format(field=name)
            error = received_error(f, value)  # the same checks as a local write's
            if error is not None:
                return translate("errors", REJECT_INVALID_VALUE).format(field=name, problem=error.text())
            if accepted is not None:
                accepted.add((kind, name, value))
        for name in change.base:
            if name != DELETED and name not in checks:
                return translate("errors", REJECT_UNKNOWN_FIELD).format(field=name, kind=change.kind)
        if allowed_scope is not None and not change.scope.startswith(allowed_scope):
            return translate("errors", REJECT_SCOPE).format(scope=change.scope or "-", allowed=allowed_scope)
        # who may verify is judged by the writer's unit: the sender's, for what it wrote itself (a
        # change it relays — the level above's verification carried down — was judged where it was made)
        own = sender is None or change.origin == sender
        if allowed_scope is not None and own and verification_refused(change.kind, change.scope, change.fields,
                                                                      allowed_scope):
            return Reason(translate("errors", REJECT_VERIFY).format(scope=change.scope, author_scope=allowed_scope or "-"),
                          "verify_not_allowed", scope=change.scope, author_scope=allowed_scope)
        return None

    def future_changes(self) -> list[Change]:
        """Received changes stamped more than a day ahead of this machine's clock."""
        rows = self.conn.execute("SELECT * FROM change_log WHERE flags & ? != 0 ORDER BY seq", (FLAG_FUTURE,))
        return [Change.from_row(r) for r in rows]

