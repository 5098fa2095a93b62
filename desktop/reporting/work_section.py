"""The monthly report's work-ledger section (工作台账): what the campaign asks each level to
keep besides organisations and members, counted for the month —

- the monthly work plan (每月具体工作): items planned for the month and those done;
- cases and briefs (工作案例, 专题简报) dated in the month, and the cases that entered an
  excellent case library (优秀案例库);
- village branch terms (村团组织换届): the villages whose branch's latest term ends within
  :data:`TERM_WARNING_MONTHS` months after the month, and those whose term has run out with no
  new election on record (overdue).

:func:`work_records` computes it (:class:`WorkRecords`); :func:`work_tables` lays it out as
the report's tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.ledger import work_queries as q
from desktop.reporting.figures import share, unit_length
from desktop.reporting.layout import Column, Table, format_share
from desktop.reporting.model import CTX, LEVELS, UnitRef
from desktop.reporting.months import month_bounds, next_month
from desktop.reporting.timeliness import UnitRefs

#: A term ending within this many months after the report's month is announced.
TERM_WARNING_MONTHS = 3


@dataclass(frozen=True)
class WorkFigures:
    """The work-ledger figures of one unit (or of the whole scope)."""

    plan_items: int = 0
    plan_done: int = 0
    #: postponed or cancelled: not counted against the plan
    plan_dropped: int = 0
    cases: int = 0
    briefs: int = 0
    #: cases of the month that entered an excellent case library
    library: int = 0
    #: cases in an excellent case library by the month's end
    library_to_date: int = 0
    terms: int = 0
    terms_due: int = 0
    terms_overdue: int = 0

    @property
    def plan_done_share(self) -> float | None:
        return share(self.plan_done, self.plan_items - self.plan_dropped)

    def __add__(self, other: WorkFigures) -> WorkFigures:
        return WorkFigures(*(a + b for a, b in zip(_values(self), _values(other))))


def _values(f: WorkFigures) -> tuple[int, ...]:
    return (f.plan_items, f.plan_done, f.plan_dropped, f.cases, f.briefs, f.library, f.library_to_date, f.terms,
            f.terms_due, f.terms_overdue)


@dataclass(frozen=True)
class TermDue:
    """A village branch whose term ends soon or has run out."""

    village: UnitRef
    elected_on: str
    term_end: str
    secretary: str
    overdue: bool


@dataclass(frozen=True)
class WorkRecords:
    """The work-ledger section of a monthly report."""

    total: WorkFigures
    #: (code, name, figures) of each unit one level below the scope, as the report lists them
    units: tuple[tuple[str, str, WorkFigures], ...]
    terms: tuple[TermDue, ...]
    #: the last day a term may end on to be announced as due
    horizon: str


def work_records(ledger: Ledger, scope: str, month: str, units: tuple[tuple[str, str], ...]) -> WorkRecords:
    """The work-ledger figures of *scope* for *month*, per unit of *units* ((code, name) one
    level below the scope) and in all."""
    n = unit_length(scope)
    start, end = month_bounds(month)
    later = month
    for _ in range(TERM_WARNING_MONTHS):
        later = next_month(later)
    horizon = month_bounds(later)[1]
    by_unit: dict[str, dict[str, int]] = {}
    for unit, items, done, dropped in q.work_plan_by_unit(ledger, scope, month, n):
        by_unit.setdefault(unit, {}).update(plan_items=items, plan_done=done or 0, plan_dropped=dropped or 0)
    for unit, cases, briefs, library, to_date in q.cases_by_unit(ledger, scope, start, end, n):
        by_unit.setdefault(unit, {}).update(cases=cases or 0, briefs=briefs or 0, library=library or 0,
                                            library_to_date=to_date or 0)
    refs, terms = UnitRefs(), []
    for village, elected, term_end, secretary in q.current_terms(ledger, scope, end):
        counts = by_unit.setdefault(village[:n], {})
        counts["terms"] = counts.get("terms", 0) + 1
        if term_end <= horizon:
            overdue = term_end <= end
            key = "terms_overdue" if overdue else "terms_due"
            counts[key] = counts.get(key, 0) + 1
            terms.append(TermDue(refs(village), elected, term_end, secretary or "", overdue))
    figures = {unit: WorkFigures(**counts) for unit, counts in by_unit.items()}
    total = sum(figures.values(), WorkFigures())
    known = {code for code, _name in units}
    listed = tuple((code, name, figures.get(code, WorkFigures())) for code, name in units)
    listed += tuple((code, code, figures[code]) for code in sorted(set(figures) - known))
    terms.sort(key=lambda t: (not t.overdue, t.term_end, t.village.code))
    return WorkRecords(total, listed, tuple(terms), horizon)


def _t(text: str) -> str:
    return translate(CTX, text)


def work_tables(report) -> tuple[Table, ...]:
    """The work-ledger section's tables of a :class:`~desktop.reporting.model.MonthlyReport`."""
    work: WorkRecords | None = report.work_ledger
    if work is None:
        return ()
    T, C = _t, Column
    unit = C(T(LEVELS[report.unit_level]), "text")
    rows = tuple((name, f.plan_items, f.plan_done, f.plan_done_share, f.cases, f.briefs, f.library,
                  f.terms, f.terms_due, f.terms_overdue) for _code, name, f in work.units)
    t = work.total
    by_unit = Table(
        "work_by_unit", T(QT_TRANSLATE_NOOP("report", "Work plan, cases and branch terms by unit")),
        (unit, C(T(QT_TRANSLATE_NOOP("report", "Plan items this month"))), C(T(QT_TRANSLATE_NOOP("report", "Done"))),
         C(T(QT_TRANSLATE_NOOP("report", "Done (%)")), "share"), C(T(QT_TRANSLATE_NOOP("report", "Cases"))),
         C(T(QT_TRANSLATE_NOOP("report", "Briefs"))), C(T(QT_TRANSLATE_NOOP("report", "Into a case library"))),
         C(T(QT_TRANSLATE_NOOP("report", "Village branch terms"))), C(T(QT_TRANSLATE_NOOP("report", "Ending soon"))),
         C(T(QT_TRANSLATE_NOOP("report", "Overdue")))),
        rows,
        note=T(QT_TRANSLATE_NOOP("report", "{done} of {planned} work plan items of {month} done ({share}; postponed "
                                           "and cancelled items not counted); {cases} cases and {briefs} briefs; "
                                           "{library} cases in an excellent case library by the month's end.")).format(
            done=f"{t.plan_done:,}", planned=f"{t.plan_items - t.plan_dropped:,}", month=report.month,
            share=format_share(t.plan_done_share), cases=f"{t.cases:,}", briefs=f"{t.briefs:,}",
            library=f"{t.library_to_date:,}"),
        chart=(2,), chart_title=T(QT_TRANSLATE_NOOP("report", "Work plan items done")))
    overdue, due = T(QT_TRANSLATE_NOOP("report", "overdue")), T(QT_TRANSLATE_NOOP("report", "ends soon"))
    terms = Table(
        "branch_terms_due", T(QT_TRANSLATE_NOOP("report", "Village branches due for election")),
        (C(T(QT_TRANSLATE_NOOP("report", "Code")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Village")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Within")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Elected on")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Term ends on")), "text"), C(T(QT_TRANSLATE_NOOP("report", "State")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Secretary")), "text")),
        tuple((d.village.code, d.village.name, d.village.within, d.elected_on, d.term_end,
               overdue if d.overdue else due, d.secretary) for d in work.terms),
        note=T(QT_TRANSLATE_NOOP("report", "{overdue} village branches are overdue for election and {due} more "
                                           "terms end by {horizon}.")).format(
            overdue=f"{t.terms_overdue:,}", due=f"{t.terms_due:,}", horizon=work.horizon))
    return by_unit, terms

