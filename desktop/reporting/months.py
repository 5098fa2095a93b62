"""Months as the report counts them: "YYYY-MM", their first and last days, the months
around them, and the change stamps that fall within them (local time)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger.hlc import COUNTER_BITS
from desktop.ledger.report_queries import Period

if TYPE_CHECKING:
    from desktop.ledger import Ledger

MSG_BAD_MONTH = QT_TRANSLATE_NOOP("figures", "\"{month}\" is not a month (YYYY-MM).")

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_bounds(month: str) -> tuple[str, str]:
    """First and last day ("YYYY-MM-DD") of a month "YYYY-MM"; ValueError for anything else."""
    if not isinstance(month, str) or not _MONTH.fullmatch(month):
        raise ValueError(translate("figures", MSG_BAD_MONTH).format(month=month))
    year, mon = int(month[:4]), int(month[5:])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def period(month: str) -> Period:
    """*month* as the queries take it."""
    start, end = month_bounds(month)
    return Period(start, end, int(month[:4]))


def current_month(today: dt.date | None = None) -> str:
    return (today or dt.date.today()).isoformat()[:7]


def previous_month(month: str) -> str:
    """The month before "YYYY-MM"."""
    month_bounds(month)
    year, mon = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def next_month(month: str) -> str:
    """The month after "YYYY-MM"."""
    month_bounds(month)
    year, mon = int(month[:4]), int(month[5:])
    return f"{year + 1}-01" if mon == 12 else f"{year}-{mon + 1:02d}"


def last_month(today: dt.date | None = None) -> str:
    """The month before today's."""
    return previous_month(current_month(today))


#: The day of the next month by which a month's report is due, unless the level above sets
#: another (:mod:`desktop.reporting.submissions`).
DEFAULT_DUE_DAY = 5
#: The latest due day a level may set (every month has it).
LAST_DUE_DAY = 28


def reporting_month(today: dt.date | None = None, due_day: int = DEFAULT_DUE_DAY) -> str:
    """The month being reported: the one whose report falls due next.  Up to and including
    the due day (the 5th) that is last month, whose report the office is finishing; after
    it, this month, whose report is due on the 5th of the next.  The overview, the monthly
    report and the ``report`` command all open on it, so one office sees one month."""
    today = today or dt.date.today()
    return last_month(today) if today.day <= due_day else current_month(today)


def _clock_hex(moment: dt.datetime) -> str:
    """The 16 hex digits of the first HLC value at *moment* (a naive datetime: local time)."""
    return f"{int(moment.timestamp() * 1000) << COUNTER_BITS:016x}"


def month_stamp_range(month: str) -> tuple[str, str]:
    """Stamps ``lo <= stamp < hi`` of the changes made during *month* (local time).  A stamp
    is "<16 hex digits of the HLC>-<device>" whose top 48 bits are wall-clock milliseconds,
    so the bounds are bare clock prefixes and compare as strings."""
    month_bounds(month)
    year, mon = int(month[:4]), int(month[5:])
    first = dt.datetime(year, mon, 1)
    after = dt.datetime(year + mon // 12, mon % 12 + 1, 1)
    return _clock_hex(first), _clock_hex(after)


class DueDays:
    """The due dates of months, as the levels above a unit set them (one read of the ledger)."""

    def __init__(self, ledger: Ledger) -> None:
        self._set = [(r["scope"], r["month"] or "", r["due_day"]) for r in ledger.query("report_due") if r["due_day"]]

    def day(self, unit: str, month: str) -> int:
        """The due day (of the month after *month*) for *unit*."""
        # the nearest level above first; a month's own setting before the every-month one
        best = max((((len(scope), bool(m)), day) for scope, m, day in self._set
                    if len(scope) < len(unit) and unit.startswith(scope) and m in ("", month)), default=None)
        return min(max(best[1], 1), LAST_DUE_DAY) if best else DEFAULT_DUE_DAY

    def due_on(self, unit: str, month: str) -> str:
        month_bounds(month)
        return f"{next_month(month)}-{self.day(unit, month):02d}"


def month_being_reported(ledger: Ledger, today: dt.date | None = None) -> str:
    """The month this ledger's unit is reporting (:func:`reporting_month`), turning after the
    due day the level above set for last month (the 5th unless it set another)."""
    today = today or dt.date.today()
    if not ledger.scope:
        return reporting_month(today)
    return reporting_month(today, DueDays(ledger).day(ledger.scope, last_month(today)))
