"""Received changes: checked, logged and merged field by field (the greatest stamp wins;
a concurrent local value that loses is kept as a conflict)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Iterable

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger.changes import (FLAG_FUTURE, Change, clock_fields, compact_clock, dumps, expand_clock,
                                     plain_text)
from desktop.records import DELETED, KINDS, Kind
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


class Merging:
    """Merging received changes (a mixin of ``Ledger``)."""

    def apply_changes(self, changes: Iterable[Change | dict], *, allowed_scope: str | None = None,
                      authentic: Callable[[Change], str | None] | None = None,
                      sender: str | None = None) -> ApplyReport:
        """Merge received changes, in one transaction.  Idempotent and order-independent:
        per field, the greatest stamp wins; a differing local value that loses to a change
        not based on it is kept in ``conflicts``.  A malformed or out-of-scope change is
        rejected with its reason; the others still apply.  *authentic* checks the
        signature of each change not held yet and gives the reason to refuse it, if any
        (the ledger holds no keys; the program that received the changes does).  *sender*:
        the device that handed the changes over, when it is not the only writer they may have
        (a package: what it relays is judged by its writer's unit where it was made)."""
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
                reason = self._check_received(change, allowed_scope, sender)
                if reason:
                    report.rejected.append((change, reason))
                    continue
                stored = self.conn.execute("SELECT * FROM change_log WHERE origin=? AND origin_seq=?",
                                           (change.origin, change.origin_seq)).fetchone()
                if stored is not None:
                    if _same_change(Change.from_row(stored), change):
                        report.duplicate += 1
                    else:  # someone speaks for that origin: keep the first, refuse and report this one
                        report.rejected.append((change, Reason(translate("errors", REJECT_DIFFERS).format(
                            origin=change.origin, seq=change.origin_seq), "duplicate_differs",
                            origin=change.origin, seq=change.origin_seq)))
                    continue
                reason = (authentic and authentic(change)) or self._check_trust(change)
                if reason:
                    report.rejected.append((change, reason))
                    continue
                k = KINDS[change.kind]
                row = self._row(k, change.record_id)
                if row is not None and row["scope"] != change.scope:
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

    def _check_trust(self, change: Change) -> str | None:
        """Refuse what would rewrite history: a change in this device's own name (it would
        take a sequence number this device is yet to use), or one dated beyond the bound."""
        if change.origin == self.device_id:
            return Reason(translate("errors", REJECT_OWN_ORIGIN), "own_origin")
        remote = int(change.stamp[:16], 16)
        if not self.clock.acceptable(remote):
            ahead = self.clock.ahead_ms(remote)
            return Reason(translate("errors", REJECT_CLOCK_AHEAD).format(hours=f"{round(ahead / 3_600_000, 1):g}"),
                          "clock_ahead", ahead_ms=ahead)
        return None

    def _check_received(self, change: Change, allowed_scope: str | None, sender: str | None = None) -> str | None:
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
                                or not plain_text(value)):
                return translate("errors", REJECT_BAD_VALUE).format(field=name)
            error = received_error(f, value)  # the same checks as a local write's
            if error is not None:
                return translate("errors", REJECT_INVALID_VALUE).format(field=name, problem=error.text())
        for name in change.base:
            if name != DELETED and name not in fmap:
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
        rows = self.conn.execute("SELECT * FROM change_log WHERE flags & ? != 0 ORDER BY seq", (FLAG_FUTURE,))
        return [Change.from_row(r) for r in rows]

