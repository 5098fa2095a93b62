"""The monthly submission workflow (月报上报 → 审核 → 锁定 → 重开), as ledger writes that travel
by sync and data packages like any change (signed by the device as every change is):

- :func:`submit`: a unit freezes its figures of a month (those of its own monthly report) in
  its submission (``month_submission``, scope = the unit); submitted again after a return or a
  reopening, the same record takes the new figures and time (the first time stays: the
  on-time rate counts it);
- :func:`review`: a level above approves it (审核通过: the month locks, see
  :mod:`desktop.ledger.locks`) or returns it (退回) with a reason (``month_review``, scope =
  the reviewing unit, so that only a device of that unit can write it);
- :func:`reopen`: the level above reopens an approved month, with a reason (重开);
- :func:`set_due_day`: a level above sets the day of the next month by which its units submit.

The nation is a level like the others: its ledger's scope, and so the code of the reviewing
unit or the one setting the due day, is "" (:data:`~desktop.records.fieldtypes.NATION`, which
those fields take as a value), above every province; it submits to no one.
"""

from __future__ import annotations

import datetime as dt
import json

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger import Ledger
from desktop.ledger.locks import APPROVED, REOPENED, RETURNED
from desktop.offices import Office
from desktop.reporting.months import current_month, month_bounds
from desktop.reporting.submissions import (LAST_DUE_DAY, NOT_SUBMITTED, SUBMITTED, SubmissionState, due_id,
                                           figures_of, review_id, submission_id)
from desktop.reporting.timeliness import UnitRefs


class SubmissionError(LedgerError):
    """A step of the monthly submission that does not apply."""


MSG_NO_UNIT = QT_TRANSLATE_NOOP("errors", "A ledger of all of China submits no monthly report.")
MSG_FUTURE = QT_TRANSLATE_NOOP("errors", "{month} has not begun yet: there is nothing to submit.")
MSG_LOCKED = QT_TRANSLATE_NOOP("errors", "The report of {unit} for {month} is approved and locked; the level "
                                         "above reopens it before it can be submitted again.")
MSG_NOT_ABOVE = QT_TRANSLATE_NOOP("errors", "Only a level above {unit} reviews its monthly report; this ledger is "
                                            "{scope}'s.")
MSG_NATION_UNREVIEWED = QT_TRANSLATE_NOOP("errors", "All of China submits no monthly report to anyone: there is no "
                                                    "report of it to review; this ledger is {scope}'s.")
MSG_NOT_SUBMITTED = QT_TRANSLATE_NOOP("errors", "{unit} has not submitted its report for {month}.")
MSG_REASON = QT_TRANSLATE_NOOP("errors", "Say why: a reason is required.")
MSG_ALREADY = QT_TRANSLATE_NOOP("errors", "The report of {unit} for {month} is already {state}.")
MSG_NOT_APPROVED = QT_TRANSLATE_NOOP("errors", "The report of {unit} for {month} is not approved: there is "
                                               "nothing to reopen.")
MSG_BAD_DAY = QT_TRANSLATE_NOOP("errors", "The due day must be a day from 1 to {last}.")
MSG_NOT_BELOW = QT_TRANSLATE_NOOP("errors", "The due day is set for the units below; a ledger of a township has "
                                            "none below it and sets none.")


def _now(after: str = "") -> str:
    """This moment, local time to the millisecond, and later than *after* (the time of the
    step before: a new submission must differ from the one reviewed)."""
    now = dt.datetime.now()
    if after:
        try:
            now = max(now, dt.datetime.fromisoformat(after) + dt.timedelta(milliseconds=1))
        except ValueError:
            pass
    return now.isoformat(timespec="milliseconds")


def state_of(ledger: Ledger, unit: str, month: str) -> SubmissionState:
    """The submission of *unit*'s *month* as this ledger knows it (its figures not compared)."""
    from desktop.reporting.submissions import states

    return states(ledger, unit, month, [UnitRefs()(unit)], lambda _code: None)[0]


def _unit_name(unit: str) -> str:
    """The unit as people name it; the nation (scope "") too."""
    return Office("", unit, "").unit_name()


def submit(ledger: Ledger, month: str, *, by: str | None = None) -> SubmissionState:
    """Submit this ledger's unit's *month*: its report's figures, frozen.  Refused for a month
    not begun or one approved (locked)."""
    from desktop.reporting.report import monthly_report

    unit = ledger.scope
    month_bounds(month)
    if not unit:
        raise SubmissionError(MSG_NO_UNIT)
    if month > current_month():
        raise SubmissionError(MSG_FUTURE, month=month)
    before = state_of(ledger, unit, month)
    if before.locked:
        raise SubmissionError(MSG_LOCKED, unit=_unit_name(unit), month=month)
    frozen = figures_of(monthly_report(ledger, unit, month, parallel=False), unit)
    now = _now(before.submitted_at)
    values = {"figures": json.dumps(frozen, sort_keys=True), "submitted_at": now,
              "submitted_by": by if by is not None else ledger.operator}
    with ledger.batch():
        if before.state == NOT_SUBMITTED:
            ledger.create("month_submission", {"unit_code": unit, "month": month, "first_submitted_at": now,
                                               **values}, record_id=submission_id(unit, month))
        else:
            ledger.update("month_submission", submission_id(unit, month), values)
    return state_of(ledger, unit, month)


def _decide(ledger: Ledger, unit: str, month: str, decision: str, reason: str | None) -> SubmissionState:
    """Write this ledger's review of *unit*'s *month* (one record per reviewer, updated)."""
    reviewer = ledger.scope
    month_bounds(month)
    name = _unit_name(unit)
    if not unit:
        raise SubmissionError(MSG_NATION_UNREVIEWED, scope=_unit_name(reviewer))
    if not (len(reviewer) < len(unit) and unit.startswith(reviewer)):
        raise SubmissionError(MSG_NOT_ABOVE, unit=name, scope=_unit_name(reviewer))
    reason = (reason or "").strip()
    if decision != APPROVED and not reason:
        raise SubmissionError(MSG_REASON)
    before = state_of(ledger, unit, month)
    if before.state == NOT_SUBMITTED:
        raise SubmissionError(MSG_NOT_SUBMITTED, unit=name, month=month)
    if decision == REOPENED and before.state != APPROVED:
        raise SubmissionError(MSG_NOT_APPROVED, unit=name, month=month)
    if decision != REOPENED and before.state in (APPROVED, RETURNED) and before.state == decision:
        raise SubmissionError(MSG_ALREADY, unit=name, month=month, state=before.label)
    if decision == RETURNED and before.state == APPROVED:
        raise SubmissionError(MSG_LOCKED, unit=name, month=month)
    previous = before.review.reviewed_at if before.review else ""
    values = {"decision": decision, "reason": reason or None, "submitted_at": before.submitted_at,
              "reviewed_at": _now(previous), "reviewed_by": ledger.operator}
    record_id = review_id(reviewer, unit, month)
    with ledger.batch():
        if ledger.get("month_review", record_id, include_deleted=True) is None:
            ledger.create("month_review", {"reviewer_code": reviewer, "unit_code": unit, "month": month, **values},
                          record_id=record_id)
        else:
            ledger.update("month_review", record_id, values)
    return state_of(ledger, unit, month)


def review(ledger: Ledger, unit: str, month: str, *, approve: bool, reason: str | None = None) -> SubmissionState:
    """Approve (审核通过: the month locks) or return (退回, *reason* required) *unit*'s *month*."""
    return _decide(ledger, unit, month, APPROVED if approve else RETURNED, reason)


def reopen(ledger: Ledger, unit: str, month: str, reason: str) -> SubmissionState:
    """Reopen an approved month (重开, *reason* required): edits of it are allowed again, and the
    unit may submit it anew."""
    return _decide(ledger, unit, month, REOPENED, reason)


def set_due_day(ledger: Ledger, day: int, month: str | None = None) -> str:
    """Set the day of the next month by which the units below this ledger's submit *month*
    (every month when None); returns the setting's id.  It travels down to them."""
    scope = ledger.scope
    if len(scope) >= 9:
        raise SubmissionError(MSG_NOT_BELOW)
    if not isinstance(day, int) or not 1 <= day <= LAST_DUE_DAY:
        raise SubmissionError(MSG_BAD_DAY, last=LAST_DUE_DAY)
    if month is not None:
        month_bounds(month)
    record_id = due_id(scope, month)
    with ledger.batch():
        if ledger.get("report_due", record_id, include_deleted=True) is None:
            ledger.create("report_due", {"issued_by": scope, "month": month, "due_day": day}, record_id=record_id)
        else:
            ledger.update("report_due", record_id, {"due_day": day})
    return record_id


__all__ = ["SUBMITTED", "SubmissionError", "reopen", "review", "set_due_day", "state_of", "submit"]
