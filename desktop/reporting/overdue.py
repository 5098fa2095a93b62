"""The overdue checklist tasks of the monthly report (逾期未完成的整改任务): tasks whose
deadline had passed by the month's end (or today, for the month under way) and which were
not done by then.  The report counts them per unit below and, at a county's scope or
below, lists each with its unit, so that the county knows whom to press."""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.ledger import report_queries
from desktop.records.checklist import OPEN_STATUSES
from desktop.reporting.model import UnitRef
from desktop.reporting.months import month_bounds
from desktop.scope.geo import geography

if TYPE_CHECKING:
    from desktop.ledger import Ledger

#: Scopes of at most this many characters list the tasks one by one (a county, a township).
LISTED_FROM = 6


@dataclass(frozen=True)
class OverdueTask:
    """A task past its deadline and not done, with its unit."""

    unit: UnitRef
    title: str
    system: str
    responsible: str
    deadline: str
    status: str
    #: days past the deadline, as of the report's day
    days: int


@dataclass(frozen=True)
class OverdueTasks:
    """The overdue tasks under a scope as of a day."""

    as_of: str
    tasks: tuple[OverdueTask, ...]
    #: whether the report lists them one by one (a county's scope or below)
    listed: bool

    @property
    def count(self) -> int:
        return len(self.tasks)

    def by_unit(self, n: int) -> dict[str, int]:
        """How many per unit of *n* characters of division code."""
        return dict(collections.Counter(t.unit.code[:n] for t in self.tasks))


def overdue_as_of(month: str, today: dt.date | None = None) -> dt.date:
    """The day a month's report judges deadlines by: the month's last day, or today while
    the month is under way."""
    return min(dt.date.fromisoformat(month_bounds(month)[1]), today or dt.date.today())


def is_overdue(task: dict, as_of: str) -> bool:
    """Past its deadline on *as_of* and not done by then (done later counts as overdue then)."""
    deadline = task.get("deadline")
    if not deadline or deadline >= as_of:
        return False
    return task.get("status") in OPEN_STATUSES or bool(task.get("done_on") and task["done_on"] > as_of)


def _unit_ref(code: str) -> UnitRef:
    geo = geography()
    d = geo.get(code)
    above = geo.parent(code) if d else None
    return UnitRef(code, d.name if d else code, geo.full_name(above.code) if above else "")


def overdue_tasks(ledger: "Ledger", scope: str, month: str, today: dt.date | None = None) -> OverdueTasks:
    """The tasks under *scope* overdue as of *month*'s report day, the longest overdue first
    (the condition of :func:`is_overdue`, in one query)."""
    day = overdue_as_of(month, today)
    as_of = day.isoformat()
    listed = len(scope) >= LISTED_FROM
    refs: dict[str, UnitRef] = {}
    overdue_days: dict[str, int] = {}  # tens of thousands of tasks nationally, a few hundred deadlines
    found = []
    for code, title, system, responsible, deadline, status in report_queries.overdue_task_list(ledger, scope, as_of):
        # units are named only where the tasks are listed; above, they are counted by code
        unit = refs.get(code) or refs.setdefault(code, _unit_ref(code) if listed else UnitRef(code, code, ""))
        days = overdue_days.get(deadline)
        if days is None:
            days = overdue_days[deadline] = (day - dt.date.fromisoformat(deadline)).days
        found.append(OverdueTask(unit, title or "", system or "", responsible or "", deadline, status, days))
    found.sort(key=lambda t: (-t.days, t.unit.code, t.title))
    return OverdueTasks(as_of, tuple(found), listed)
