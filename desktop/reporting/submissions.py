"""Monthly submissions (月报上报) as the report reads them: each unit's state for a month
(not submitted, submitted, approved and so locked, returned with a reason, reopened), its due
day and whether it submitted by it (填报及时率), and where the live ledger now differs from the
figures frozen in its submission.  Written by :mod:`desktop.reporting.submitting`; the
rule of what a locked month refuses is :mod:`desktop.ledger.locks`'.

The due day of a month is the *due_day* of the next month that the nearest level above the
unit set for that month (``report_due``), else the one it set for every month, else the 5th.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger, Review
from desktop.ledger.locks import APPROVED, REOPENED, RETURNED
from desktop.reporting.model import COMPARED, MonthlyReport, UnitRef
# DueDays and month_being_reported live with the months (the overview's header needs them, not the rest)
from desktop.reporting.months import (DEFAULT_DUE_DAY, LAST_DUE_DAY, DueDays, last_month,  # noqa: F401
                                      month_being_reported, month_bounds, next_month, reporting_month)

CTX = "submission"
NOT_SUBMITTED, SUBMITTED = "not_submitted", "submitted"
#: Each state as the report and the window name it.
STATES = {
    NOT_SUBMITTED: QT_TRANSLATE_NOOP("submission", "Not submitted"),
    SUBMITTED: QT_TRANSLATE_NOOP("submission", "Submitted"),
    APPROVED: QT_TRANSLATE_NOOP("submission", "Approved (locked)"),
    RETURNED: QT_TRANSLATE_NOOP("submission", "Returned"),
    REOPENED: QT_TRANSLATE_NOOP("submission", "Reopened"),
}
#: The figures a submission freezes: the report's headline counts of the unit.
FROZEN = tuple(COMPARED)


def submission_id(unit: str, month: str) -> str:
    """The one submission of a unit's month (submitted again, it is updated)."""
    return f"sub-{unit}-{month}"


def review_id(reviewer: str, unit: str, month: str) -> str:
    return f"rev-{reviewer}-{unit}-{month}"


def due_id(issued_by: str, month: str | None) -> str:
    return f"due-{issued_by}-{month or 'every'}"


@dataclass(frozen=True)
class Discrepancy:
    """A figure whose live ledger value differs from the one frozen in the submission."""

    figure: str
    submitted: int
    ledger: int

    @property
    def label(self) -> str:
        return translate("report", COMPARED[self.figure])

    @property
    def change(self) -> int:
        """The ledger now minus the submission."""
        return self.ledger - self.submitted


@dataclass(frozen=True)
class SubmissionState:
    """A unit's monthly report as submitted and reviewed."""

    unit: UnitRef
    month: str
    state: str
    due_on: str
    submitted_at: str = ""
    first_submitted_at: str = ""
    submitted_by: str = ""
    review: Review | None = None
    figures: dict | None = None
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def submitted(self) -> bool:
        return self.state != NOT_SUBMITTED

    @property
    def on_time(self) -> bool:
        """First submitted by the end of its due day."""
        return self.submitted and self.first_submitted_at[:10] <= self.due_on

    @property
    def locked(self) -> bool:
        return self.state == APPROVED

    @property
    def reason(self) -> str:
        return self.review.reason if self.review and self.state in (RETURNED, REOPENED) else ""

    @property
    def label(self) -> str:
        """The state in words, with the reason of a return or a reopening."""
        text = translate(CTX, STATES[self.state])
        return translate(CTX, "{state}: {reason}").format(state=text, reason=self.reason) if self.reason else text


def figures_of(report: MonthlyReport, unit: str) -> dict[str, int] | None:
    """The figures a submission of *unit* freezes, from a report of *unit* itself or of the
    unit above it (one of its units below); None when the report holds no such unit."""
    if unit == report.scope:
        values = {c.key: c.value for c in report.comparisons}
        return {key: int(values[key]) for key in FROZEN}
    below = next((u for u in report.units if u.code == unit), None)
    return None if below is None else {key: int(below.value(key) or 0) for key in FROZEN}


def _discrepancies(frozen: dict, live: dict | None) -> tuple[Discrepancy, ...]:
    if not live:
        return ()
    return tuple(Discrepancy(key, int(frozen[key]), int(live[key])) for key in FROZEN
                 if isinstance(frozen.get(key), int) and key in live and frozen[key] != live[key])


def states(ledger: Ledger, scope: str, month: str, units: Iterable[UnitRef],
           live: Callable[[str], dict | None]) -> tuple[SubmissionState, ...]:
    """The submission of *month* of each of *units* (within *scope*), compared with the
    *live* figures of each unit (None: not known here)."""
    rows = {r["unit_code"]: r for r in ledger.query("month_submission", scope=scope or None, where={"month": month})
            if r["scope"] == r["unit_code"]}
    reviews = ledger.reviews_in_force(scope or None, month)
    due = DueDays(ledger)
    out = []
    for unit in units:
        row = rows.get(unit.code)
        due_on = due.due_on(unit.code, month)
        if row is None:
            out.append(SubmissionState(unit, month, NOT_SUBMITTED, due_on))
            continue
        review = reviews.get((unit.code, month))
        try:
            frozen = json.loads(row["figures"] or "{}")
        except ValueError:
            frozen = {}
        frozen = frozen if isinstance(frozen, dict) else {}
        out.append(SubmissionState(
            unit, month, review.decision if review else SUBMITTED, due_on, row["submitted_at"] or "",
            row["first_submitted_at"] or "", row["submitted_by"] or "", review, frozen,
            _discrepancies(frozen, live(unit.code))))
    return tuple(out)


def on_time_share(found: Iterable[SubmissionState]) -> tuple[int, int]:
    """(submitted by the due day, units) of *found*."""
    found = list(found)
    return sum(s.on_time for s in found), len(found)


_MESSAGES = [QT_TRANSLATE_NOOP("submission", "{state}: {reason}")]
