"""Locked months (月报锁定): a unit's month whose submission the level above approved refuses
local edits of the records it dates, until the level above reopens it.

A review is in force for a unit's month when it names the submission now on record (its
``submitted_at``: a submission made again after a return is a new one, not yet reviewed), its
record's scope is its reviewer's unit (the hub and data packages check that a device writes
only within its own scope, so a township cannot approve itself) and that unit lies above the
unit reviewed.  The nation is such a unit: its code, and so its reviews' scope, is "", the
prefix of every unit and the scope of no device but a national one's.  The latest review in force decides: approved locks the month; returned or
reopened unlocks it.

What a lock refuses, from the declaration of each kind (``month_dates``, ``month_event``):

- creating, deleting or restoring a record with any of its dates in a locked month;
- changing an event of a locked month (a meeting, a payment, a publicity item, a reported
  figure: ``month_event``) in any way;
- moving a date of any other record (a member's joining, an organisation's founding) into or
  out of a locked month.

Changes received from other offices are never refused for a lock (offline, refusing would
lose them): they apply, and the report shows where the live ledger now differs from the
figures frozen in the approved submission (:mod:`desktop.reporting.submissions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.offices import Office
from desktop.records import Kind

APPROVED, RETURNED, REOPENED = "approved", "returned", "reopened"

#: The reviews in force: one unit's current submission, reviewed by a unit above it.
_IN_FORCE = """
SELECT r.unit_code, r.month, r.decision, r.reason, r.reviewer_code, r.reviewed_by, r.reviewed_at, r.submitted_at
FROM month_review AS r JOIN month_submission AS s
  ON s.id = 'sub-' || r.unit_code || '-' || r.month AND s.submitted_at = r.submitted_at
     AND s.deleted = 0 AND s.scope = s.unit_code
WHERE r.deleted = 0 AND r.scope = r.reviewer_code AND length(r.scope) < length(r.unit_code)
  AND substr(r.unit_code, 1, length(r.scope)) = r.scope
"""


@dataclass(frozen=True)
class Review:
    """The review in force of a unit's month."""

    unit: str
    month: str
    decision: str
    reason: str
    reviewer: str
    reviewed_by: str
    reviewed_at: str
    submitted_at: str

    @property
    def reviewer_text(self) -> str:
        """The reviewing office and person, as people name them ("栾城区（李书记）")."""
        return Office("", self.reviewer, self.reviewed_by).text()


class MonthLocked(LedgerError):
    """A local edit refused: it would change a month the level above approved."""

    message = QT_TRANSLATE_NOOP(
        "errors", "{month} of {unit} is locked: {reviewer} approved its monthly report ({when}). Records dated in "
                  "that month can be changed once the level above reopens it.")


class MonthLocks:
    """Reviews in force and the locks they set (a mixin of ``Ledger``)."""

    def reviews_in_force(self, scope: str | None = None, month: str | None = None) -> dict[tuple[str, str], Review]:
        """(unit, month) → the review in force, for units within *scope* (all when None) and
        *month* (all when None)."""
        sql, params = _IN_FORCE, []
        if scope:
            sql += " AND substr(r.unit_code, 1, ?) = ?"
            params += [len(scope), scope]
        if month:
            sql += " AND r.month = ?"
            params.append(month)
        found: dict[tuple[str, str], Review] = {}
        for row in self.conn.execute(sql + " ORDER BY r.reviewed_at, r.id", params):
            review = Review(*(row[i] or "" for i in range(8)))
            found[(review.unit, review.month)] = review  # the latest wins
        return found

    def locked_months(self, scope: str | None = None) -> dict[tuple[str, str], Review]:
        """(unit, month) → the approval that locks it."""
        return {key: r for key, r in self.reviews_in_force(scope).items() if r.decision == APPROVED}

    def _refuse_locked(self, k: Kind, records: Iterable[tuple[str, Mapping | None, Mapping | None]]) -> None:
        """Raise :class:`MonthLocked` if a local write of *records* ((scope, values before,
        values after); None before a creation, after a deletion) touches a locked month."""
        if not k.month_dates:
            return
        locks: dict[tuple[str, str], Review] | None = None
        for scope, old, new in records:
            for month in _months_touched(k, old, new):
                if locks is None:
                    locks = self.locked_months()
                    if not locks:
                        return
                for n in range(len(scope), 1, -1):
                    review = locks.get((scope[:n], month))
                    if review is not None:
                        raise MonthLocked(month=month, unit=Office("", review.unit, "").unit_name(),
                                          reviewer=review.reviewer_text, when=review.reviewed_at[:16].replace("T", " "))


def _month(value: object) -> str | None:
    return value[:7] if isinstance(value, str) and len(value) >= 7 else None


def _months_touched(k: Kind, old: Mapping | None, new: Mapping | None) -> set[str]:
    """The months whose figures a write of a record of *k* changes (see the module's rule)."""
    if old is None or new is None or k.month_event:
        values = [v for rec in (old, new) if rec is not None for v in (rec.get(n) for n in k.month_dates)]
    else:
        values = [v for n in k.month_dates if old.get(n) != new.get(n) for v in (old.get(n), new.get(n))]
    return {m for m in map(_month, values) if m}
