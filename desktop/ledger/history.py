"""The change log read back as history; conflicts and their take-back; undo of local batches."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from desktop.errors import Label, NotFound
from desktop.ledger.changes import Change, expand_clock
from desktop.ledger.feeds import prefix_range
from desktop.ledger.hlc import stamp_ms
from desktop.records import DELETED, KINDS


@dataclass(frozen=True)
class HistoryEntry:
    stamp: str
    when: dt.datetime
    author: str
    origin: str
    changes: tuple[tuple[str, object, object], ...]  # (field, old, new)
    created: bool


@dataclass(frozen=True)
class FieldChange:
    """One field of one record changed: old → new, when and by whom."""

    record_id: str
    stamp: str
    when: dt.datetime
    author: str
    old: object
    new: object


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



class History:
    """History, conflicts and undo (a mixin of ``Ledger``)."""

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

    def field_changes(self, kind: str, field: str, scope: str, lo: str, hi: str) -> list["FieldChange"]:
        """The changes of *field* of the records of *kind* within *scope* ("" = all) stamped
        ``lo <= stamp < hi``, old → new as :meth:`history` reads them, in stamp order.  The
        change log's (stamp, scope) index finds the records the whole ledger changed then, its
        (scope, stamp) index those of a scope; only those are read back."""
        s_lo, s_hi = prefix_range(scope) if scope else ("", "\uffff")
        stamp = "+stamp" if scope else "stamp"  # "+": not by time (a month of every scope's changes)
        ids = [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT record_id FROM change_log WHERE scope >= ? AND scope < ? AND {stamp} >= ? "
            f"AND {stamp} < ? AND kind = ? AND instr(patch, ?) > 0", (s_lo, s_hi, lo, hi, kind, json.dumps(field)))]
        out = []
        for record_id in ids:
            for entry in self.history(record_id):
                if lo <= entry.stamp < hi:
                    out += [FieldChange(record_id, entry.stamp, entry.when, entry.author, old, new)
                            for name, old, new in entry.changes if name == field]
        return sorted(out, key=lambda c: c.stamp)

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

