"""The monthly report's work-ledger section (工作台账): what the campaign asks each level to
keep besides organisations and members, counted for the month —

- the monthly work plan (每月具体工作): items planned for the month and those done;
- cases and briefs (工作案例, 专题简报) dated in the month, and the cases that entered an
  excellent case library (优秀案例库);
- village branch terms (村团组织换届): the villages whose branch's latest term ends within
  :data:`TERM_WARNING_MONTHS` months after the month, and those whose term has run out with no
  new election on record (overdue), counted per unit below and, at a county's scope or below,
  listed one by one (the rule of the overdue checklist tasks, :data:`LISTED_FROM`: the county
  organises the elections; a national list would name some 130,000 villages);
- contact points (联系点) of leading officials in effect at the month's end (linked by then,
  not ended before it), those linked during the month, the officials holding one (one official
  with points in two units counts once in all), and the rural townships with one, of those the
  division list expects (:mod:`desktop.reporting.expected`);
- annual assessments (考核、评优) of the month's year made by its end, by grade, and the
  township committees assessed, of the townships expected.

:func:`read_work` reads it and :meth:`WorkReading.listed` gives it the report's units
(:class:`WorkRecords`); :func:`work_tables` lays it out as
the report's tables, :func:`contact_tables` the contact points and assessments as a section of
their own.
"""

from __future__ import annotations

import collections
import dataclasses
from dataclasses import dataclass, field

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.ledger import work_queries as q
from desktop.records.enums import enumerations
from desktop.reporting.expected import expected_townships
from desktop.reporting.figures import share, unit_length
from desktop.reporting.layout import Column, Table, format_share
from desktop.reporting.model import CTX, LEVELS, UnitRef
from desktop.reporting.months import month_bounds, next_month
from desktop.reporting.overdue import LISTED_FROM
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
    #: contact points in effect at the month's end, and of them linked during the month
    contact_points: int = 0
    contacts_new: int = 0
    #: officials holding a contact point (by name and office)
    contact_officials: int = 0
    #: expected (rural) townships: with a contact point, and in all
    contacted_townships: int = 0
    expected_townships: int = 0
    #: assessments of the month's year by its end, and the township committees assessed
    assessments: int = 0
    assessed_townships: int = 0

    @property
    def plan_done_share(self) -> float | None:
        return share(self.plan_done, self.plan_items - self.plan_dropped)

    @property
    def points_per_official(self) -> float | None:
        return self.contact_points / self.contact_officials if self.contact_officials else None

    @property
    def contacted_share(self) -> float | None:
        return share(self.contacted_townships, self.expected_townships)

    @property
    def assessed_share(self) -> float | None:
        return share(self.assessed_townships, self.expected_townships)

    def __add__(self, other: WorkFigures) -> WorkFigures:
        return WorkFigures(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other))))


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
    #: the assessments' year, and assessment_grade key → assessments, in the enumeration's order
    year: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    #: whether the villages due are listed one by one (a county's scope or below)
    terms_listed: bool = True


@dataclass(frozen=True)
class WorkReading:
    """The work-ledger figures of a scope and month as read (:func:`read_work`), before they
    are listed by the report's units (:meth:`listed`)."""

    total: WorkFigures
    by_unit: dict[str, WorkFigures]
    terms: tuple[TermDue, ...]
    horizon: str
    year: int
    grades: dict[str, int]
    terms_listed: bool

    def listed(self, units: tuple[tuple[str, str], ...]) -> WorkRecords:
        """The section with a row for each of *units* ((code, name) one level below the scope), and
        after them the units with records that the list lacks."""
        figures, refs = self.by_unit, UnitRefs()
        known = {code for code, _name in units}
        listed = tuple((code, name, figures.get(code, WorkFigures())) for code, name in units)
        # units the list lacks: the scope's own records (a county's contact point at a county's scope) by its name
        listed += tuple((code, refs(code).name, figures[code]) for code in sorted(set(figures) - known))
        return WorkRecords(self.total, listed, self.terms, self.horizon, self.year, self.grades, self.terms_listed)


def read_work(ledger: Ledger, scope: str, month: str) -> WorkReading:
    """The work-ledger figures of *scope* for *month*, per unit one level below the scope and in
    all (the monthly report reads them on a connection of its own while it reads the rest)."""
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
    refs, terms, listed = UnitRefs(), [], len(scope) >= LISTED_FROM
    for village, elected, term_end, secretary in q.current_terms(ledger, scope, end):
        counts = by_unit.setdefault(village[:n], {})
        counts["terms"] = counts.get("terms", 0) + 1
        if term_end <= horizon:
            overdue = term_end <= end
            key = "terms_overdue" if overdue else "terms_due"
            counts[key] = counts.get(key, 0) + 1
            if listed:
                terms.append(TermDue(refs(village), elected, term_end, secretary or "", overdue))
    grades = _contacts_and_assessments(ledger, scope, month, n, by_unit)
    figures = {unit: WorkFigures(**counts) for unit, counts in by_unit.items()}
    total = dataclasses.replace(sum(figures.values(), WorkFigures()),
                                contact_officials=q.contact_officials(ledger, scope, end))
    terms.sort(key=lambda t: (not t.overdue, t.term_end, t.village.code))
    return WorkReading(total, figures, tuple(terms), horizon, int(month[:4]), grades, listed)


def _contacts_and_assessments(ledger: Ledger, scope: str, month: str, n: int, by_unit: dict) -> dict[str, int]:
    """Add each unit's contact points, assessments and expected townships to *by_unit*; the
    assessments by grade."""
    start, end = month_bounds(month)
    year = int(month[:4])
    counts = collections.defaultdict(collections.Counter)
    for unit, points, new, officials in q.contact_points_by_unit(ledger, scope, start, end, n):
        counts[unit].update(contact_points=points, contacts_new=new or 0, contact_officials=officials)
    expected = expected_townships(scope)
    for code in expected:
        counts[code[:n]]["expected_townships"] += 1
    expected_set = set(expected)
    for code in q.contacted_units(ledger, scope, end):
        if code in expected_set:
            counts[code[:n]]["contacted_townships"] += 1
    grades = dict.fromkeys(enumerations().keys("assessment_grade"), 0)
    for unit, grade, count in q.assessments_by_unit(ledger, scope, year, end, n):
        counts[unit]["assessments"] += count
        grades[grade] = grades.get(grade, 0) + count
    for code in q.assessed_townships(ledger, scope, year, end):
        if code in expected_set:
            counts[code[:n]]["assessed_townships"] += 1
    for unit, values in counts.items():
        by_unit.setdefault(unit, {}).update(values)
    return grades


def _t(text: str) -> str:
    return translate(CTX, text)


def work_tables(report) -> tuple[Table, ...]:
    """The work-ledger section's tables of a :class:`~desktop.reporting.model.MonthlyReport`."""
    work: WorkRecords | None = report.work_ledger
    if work is None:
        return ()
    T, C = _t, Column
    unit = C(T(LEVELS[report.unit_level]), "text")
    listed = {u.code for u in report.units}
    rows = tuple((name, f.plan_items, f.plan_done, f.plan_done_share, f.cases, f.briefs, f.library,
                  f.terms, f.terms_due, f.terms_overdue) for code, name, f in work.units
                 # a unit outside the list is shown for what it holds here (not for a contact point alone)
                 if code in listed or any((f.plan_items, f.cases, f.briefs, f.library, f.terms)))
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
    terms_note = T(QT_TRANSLATE_NOOP("report", "{overdue} village branches are overdue for election and {due} more "
                                               "terms end by {horizon}.")).format(
        overdue=f"{t.terms_overdue:,}", due=f"{t.terms_due:,}", horizon=work.horizon)
    if not work.terms_listed:  # above a county: counted per unit, the villages listed in each county's report
        sep = " " if by_unit.note[-1:].isascii() else ""  # no space between Chinese sentences
        return (dataclasses.replace(by_unit, note=f"{by_unit.note}{sep}{terms_note}"),)
    overdue, due = T(QT_TRANSLATE_NOOP("report", "overdue")), T(QT_TRANSLATE_NOOP("report", "ends soon"))
    terms = Table(
        "branch_terms_due", T(QT_TRANSLATE_NOOP("report", "Village branches due for election")),
        (C(T(QT_TRANSLATE_NOOP("report", "Code")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Village")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Within")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Elected on")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Term ends on")), "text"), C(T(QT_TRANSLATE_NOOP("report", "State")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Secretary")), "text")),
        tuple((d.village.code, d.village.name, d.village.within, d.elected_on, d.term_end,
               overdue if d.overdue else due, d.secretary) for d in work.terms),
        note=terms_note)
    return by_unit, terms


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def contact_tables(report) -> tuple[Table, ...]:
    """Contact points and assessments by unit; assessments by grade (a section of their own)."""
    work: WorkRecords | None = report.work_ledger
    if work is None:
        return ()
    T, C = _t, Column
    t = work.total
    rows = tuple((name, f.contact_points, f.contacts_new, f.contact_officials, _ratio(f.points_per_official),
                  f.contacted_townships, f.expected_townships, f.contacted_share, f.assessments,
                  f.assessed_townships, f.assessed_share) for _code, name, f in work.units)
    townships = C(T(QT_TRANSLATE_NOOP("report", "Townships expected")))
    by_unit = Table(
        "contacts_by_unit", T(QT_TRANSLATE_NOOP("report", "Contact points and assessments by unit")),
        (C(T(LEVELS[report.unit_level]), "text"), C(T(QT_TRANSLATE_NOOP("report", "Contact points"))),
         C(T(QT_TRANSLATE_NOOP("report", "Linked this month"))), C(T(QT_TRANSLATE_NOOP("report", "Officials"))),
         C(T(QT_TRANSLATE_NOOP("report", "Points per official")), "ratio"),
         C(T(QT_TRANSLATE_NOOP("report", "Townships with a contact point"))), townships,
         C(T(QT_TRANSLATE_NOOP("report", "With a contact point (%)")), "share"),
         C(T(QT_TRANSLATE_NOOP("report", "Assessments this year"))),
         C(T(QT_TRANSLATE_NOOP("report", "Township committees assessed"))),
         C(T(QT_TRANSLATE_NOOP("report", "Assessed (%)")), "share")),
        rows,
        note=T(QT_TRANSLATE_NOOP("report", "{points} contact points in effect at the end of {month}, held by "
                                           "{officials} officials ({each} each); {contacted} of {expected} rural "
                                           "townships have one ({share}). {assessed} of {expected} township "
                                           "committees assessed for {year}.")).format(
            points=f"{t.contact_points:,}", month=report.month, officials=f"{t.contact_officials:,}",
            each=f"{t.points_per_official:,.2f}" if t.points_per_official is not None else "–",
            contacted=f"{t.contacted_townships:,}", expected=f"{t.expected_townships:,}",
            share=format_share(t.contacted_share), assessed=f"{t.assessed_townships:,}", year=work.year),
        chart=(1, 5), chart_title=T(QT_TRANSLATE_NOOP("report", "Contact points and townships with one")))
    enums = enumerations()
    grades = Table(
        "assessment_grades", T(QT_TRANSLATE_NOOP("report", "Annual assessments by grade")),
        (C(T(QT_TRANSLATE_NOOP("report", "Grade")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Assessments"))),
         C(T(QT_TRANSLATE_NOOP("report", "Share of assessments")), "share")),
        tuple((enums.label("assessment_grade", g), n, share(n, t.assessments)) for g, n in work.grades.items())
        + ((T(QT_TRANSLATE_NOOP("report", "Total")), t.assessments, share(t.assessments, t.assessments)),),
        note=T(QT_TRANSLATE_NOOP("report", "Assessments (考核、评优) of {year} made by the end of {month}.")).format(
            year=work.year, month=report.month))
    return by_unit, grades

