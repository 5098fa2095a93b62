"""Records as they were at a month's end, from the change log.

The ledger's tables hold each record as it is now; a figure of a past month counted from
them takes today's status for that month's (an organisation rectified in September and now
active would count as active all year; one deleted in October would be missing from
September).  The dated fields (founded on, joined on, …) already say when things happened;
the fields without a date of their own move with time, and the change log says when:

- an organisation's status (with the day it changed, ``status_changed_on``);
- a record's deletion (a member struck off, an organisation removed);
- a WeChat group's reach.

Each such group of fields is read back version by version (every change that set one of
them, in stamp order).  A version counts from its own date when the group has one (a status
change entered in October but dated the 28th of September counts from September), otherwise
from the day of its change.  At a month's end a record is its latest version counting by
then; a record entered later than that is as first entered (its dates say whether it
counts).

Only records that changed such a field after the first month asked for are read back: the
record tables' clocks tell them (:func:`desktop.ledger.trend_queries.changed_since`), so a
ledger whose records were only ever created reads no change log at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.ledger import Ledger
from desktop.ledger import trend_queries as tq
from desktop.ledger.report_queries import Period
from desktop.records import DELETED
from desktop.reporting.months import month_stamp_range

#: kind → its groups of fields that move over time: (the fields, the field dating a change of
#: them, or None: the day of the change dates it).
MOVING: dict[str, tuple[tuple[tuple[str, ...], str | None], ...]] = {
    "organisation": ((("status", "status_changed_on"), "status_changed_on"), ((DELETED,), None)),
    "committee_member": (((DELETED,), None),),
    "wechat_group": (((DELETED,), None), (("youth_reached",), None)),
    "checklist_task": (((DELETED,), None),),
}


def moving_fields(kind: str) -> tuple[str, ...]:
    return tuple(f for fields, _date in MOVING.get(kind, ()) for f in fields)


@dataclass(frozen=True)
class _Version:
    #: the day ("YYYY-MM-DD") from which it counts, or "" when the stamp of its change dates it
    day: str
    stamp: str
    values: tuple

    def counts_at(self, end: str, end_stamp: str) -> bool:
        """Whether it counts at the end of the day *end*, whose next moment is *end_stamp*."""
        return self.day <= end if self.day else self.stamp < end_stamp


def _versions(changes: list[tuple[str, dict, bool]], fields: tuple[str, ...], date: str | None) -> list[_Version]:
    """The successive values of *fields* set by *changes* (one record's (stamp, fields set,
    created), in stamp order).  A creation sets every field: those it leaves out to nothing,
    the tombstone to 0 (as :meth:`desktop.ledger.changes.Change.values`)."""
    state: dict = {}
    out = []
    for stamp, values, created in changes:
        if created:
            state.update({f: values.get(f, 0 if f == DELETED else None) for f in fields})
        elif any(f in values for f in fields):
            state.update({f: values[f] for f in fields if f in values})
        else:
            continue
        dated = state.get(date) if date else None
        out.append(_Version(dated if isinstance(dated, str) else "", stamp, tuple(state.get(f) for f in fields)))
    return out


def _at(versions: list[_Version], end: str, end_stamp: str) -> tuple:
    """The values counting at the end of the day *end*: the latest version counting by then,
    or the first."""
    found = [v for v in versions if v.counts_at(end, end_stamp)]
    return (found[-1] if found else versions[0]).values


def moved(ledger: Ledger, kind: str, scope: str, months: list[Period],
          ids: tuple[str, str] | None = None) -> list[list]:
    """Rows [month index, id, *values of :func:`moving_fields`] of the records
    of *kind* within *scope* whose moving fields at the end of one of *months* differ from
    what they are now (those that changed one of them after the first month's end); *ids*: of
    the ids ``lo <= id < hi`` alone."""
    fields = moving_fields(kind)
    if not fields or not months:
        return []
    since = month_stamp_range(months[0].start[:7])[1]
    ids = tq.changed_since(ledger, kind, fields, scope, since, ids)
    now = tq.current_values(ledger, kind, fields, ids)
    by_record: dict[str, list[tuple[str, dict, bool]]] = {}
    for record_id, stamp, patch in tq.changes_of(ledger, kind, ids, fields):
        found = json.loads(patch)
        by_record.setdefault(record_id, []).append((stamp, found["f"], found.get("c") == 1))
    ends = [month_stamp_range(m.start[:7])[1] for m in months]
    out = []
    for record_id, changes in by_record.items():
        groups = [(_versions(changes, group, date), group) for group, date in MOVING[kind]]
        current = dict(zip(fields, now.get(record_id, ())))
        for i, (month, end_stamp) in enumerate(zip(months, ends)):
            values: tuple = ()
            for versions, group in groups:
                values += _at(versions, month.end, end_stamp) if versions else tuple(current.get(f) for f in group)
            if record_id in now and values != now[record_id]:
                out.append([i, record_id, *values])
    return out
