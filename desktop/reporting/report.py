"""The monthly report (月报) of a scope and a month, as every level produces it.

:func:`monthly_report` gathers, for a scope (a county, prefecture, province, "" = the whole
country) and a month, the figures a League committee reports upwards each month:

- the headline figures of :mod:`desktop.reporting.figures` for the month and the month before, side
  by side (:attr:`MonthlyReport.comparisons`);
- meeting coverage per level of units under the scope (:class:`LevelCoverage`,
  :mod:`desktop.reporting.coverage`): townships by their committees, counties by their own
  county committee; the ledger keeps no prefecture or province committees, so those levels
  count the units that *reported* holding one (``reported_figure``
  ``mobilisation_meeting_held`` / ``review_meeting_held`` for the month);
- every figure per unit one level below (:class:`UnitFigures`), for the tables and bar charts;
- county co-operative working committees per agricultural county (a county with at least one
  rural township, :meth:`desktop.scope.geo.Geography.is_rural_township`, from the division list);
- the units expected (:mod:`desktop.reporting.expected`): every share of townships, of
  agricultural counties, of prefectures and provinces is taken over the units the division
  list expects in the scope, not over those the ledger happens to hold;
- timeliness (填报及时率, :mod:`desktop.reporting.timeliness`): the expected townships
  whose part of the ledger changed during the month (a change record of their
  scope, or of a village under it, stamped within the month, local time:
  :func:`townships_changed`), and the silent ones, including those the ledger has never
  heard of;
- the reported figures of the month that differ from what the ledger yields, both numbers
  (:class:`Difference`);
- the lagging units (silent, or differing) with the name and phone of their committee's
  secretary: the list a county works through for one-to-one reminders (:class:`LaggingUnit`);
- the problem list (问题清单, :mod:`desktop.reporting.problems`): what the activity and
  data-quality rules find in the scope for the month (a prefecture and below).

Speed: one pass over each table computes the month and the month before at once
(:mod:`desktop.reporting.two_months`), grouped by township and rolled up in Python; the big
tables are read from covering indexes (ledger migration 11), the change log by time (the
month's changes only); half of the tables are read on a second read-only connection at the
same time, the work ledger's section with them.  A national ledger (~300,000 members, ~700,000
organisations, 224,000 village branch terms, 2.9 million records) takes about 4.7 s of CPU, 2.5 s
of it in SQLite evaluating each row of the three big scans (members, directly affiliated
organisations, checklist tasks), so under 5 s on two cores, but not 1 s:
``benchmarks/bench_report.py`` (``--profile`` shows where the time goes).

The report is laid out as titled tables by :func:`sections` (:mod:`desktop.reporting.layout`)
and summed up in a few lines by :func:`summary_lines` (:mod:`desktop.reporting.summary`).
This module is the report's one door: it names everything callers use.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt

from desktop.errors import ScopeError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.reporting import figures, problems
from desktop.reporting.coverage import CountyMeetings, coop_covered, levels
from desktop.reporting.expected import agricultural_counties, expected_townships
from desktop.reporting.layout import Column, Section, Table, format_cell, format_share, sections
from desktop.reporting.model import (COMPARED, CTX, LEVELS, MSG_ALL_OF_CHINA, MSG_CANNOT_WRITE, MSG_MORE_ROWS,
                                     MSG_NO_SECRETARY, MSG_PAGE, MSG_TITLE, REPORTED_AS, SHARE_FIGURES, UNIT_FIGURES,
                                     Comparison, Contact, Difference, LaggingUnit, LevelCoverage, MonthlyReport,
                                     UnitFigures, UnitRef)
from desktop.reporting.overdue import overdue_tasks
from desktop.reporting.months import (last_month, month_bounds, month_stamp_range, next_month, previous_month,
                                      reporting_month)
from desktop.reporting.submissions import figures_of, month_being_reported, states
from desktop.reporting.summary import summary_lines
from desktop.reporting.timeliness import Reminders, UnitRefs, differences, secretaries, townships_changed
from desktop.reporting.two_months import Readings, read
from desktop.reporting.work_figures import work_figures
from desktop.reporting.work_section import read_work
from desktop.scope.geo import geography

__all__ = [
    "COMPARED", "CTX", "LEVELS", "MSG_ALL_OF_CHINA", "MSG_CANNOT_WRITE", "MSG_MORE_ROWS", "MSG_NO_SECRETARY",
    "MSG_PAGE", "MSG_TITLE", "REPORTED_AS", "SHARE_FIGURES", "UNIT_FIGURES", "Column", "Comparison", "Contact",
    "Difference", "LaggingUnit", "LevelCoverage", "MonthlyReport", "Section", "Table", "UnitFigures", "UnitRef",
    "agricultural_counties", "format_cell", "format_share", "last_month", "month_stamp_range", "monthly_report",
    "next_month", "previous_month", "reporting_month", "secretaries", "sections", "summary_lines", "townships_changed",
]


def _name(code: str) -> str:
    d = geography().get(code)
    return d.name if d else code


def _units_below(scope: str, month: str, n: int, tally: figures.Tally, agri: frozenset[str], covered: set[str],
                 reminders: Reminders, reporting: list[str]) -> tuple[UnitFigures, ...]:
    """Every figure of each unit one level below *scope* (units of *n* characters): the units
    with records, and those the division list expects that have none, in the division list's
    order (codes it does not know last)."""
    by_unit = figures.split(tally, n)
    present = {key for key in by_unit if len(key) == n} | {c[:n] for c in expected_townships(scope)}
    order = [code for code, _name in figures.units_below(scope)]
    codes = [c for c in order if c in present] + sorted(present - set(order))
    count = collections.Counter
    agri_by, covered_by = count(c[:n] for c in agri), count(c[:n] for c in covered)
    updated_by, lagging_by = count(c[:n] for c in reminders.updated), count(c[:n] for c in reminders.codes)
    silent_by = count(c[:n] for c in reminders.silent)
    reporting_by = count(c[:n] for c in reporting if len(c) >= n)
    return tuple(UnitFigures(code, _name(code), figures.headline_of(code, month, by_unit.get(code, figures.Tally())),
                             agri_by[code], covered_by[code], updated_by[code], reporting_by[code], lagging_by[code],
                             silent_by[code])
                 for code in codes)


def monthly_report(ledger: Ledger, scope: str, month: str | None = None, *, parallel: bool = True) -> MonthlyReport:
    """The monthly report of *scope* (a division code, "" = the whole country) for *month*
    ("YYYY-MM", default: the month being reported,
    :func:`~desktop.reporting.submissions.month_being_reported`), as of the month's end.  *parallel*: read half of the
    tables (and the work ledger's section) on a second read-only connection at the same time (needs
    the ledger's file)."""
    month = month or month_being_reported(ledger)
    if scope and not geography().exists(scope):
        raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
    report, refs = _figures(ledger, scope, month, parallel)
    report = _with_submissions(ledger, report, refs)
    if not problems.in_report(scope):
        return report
    return dataclasses.replace(report, problems=problems.evaluate(ledger, scope, month),
                               problem_thresholds=tuple(problems.thresholds(ledger).items()))


def _figures(ledger: Ledger, scope: str, month: str, parallel: bool) -> tuple[MonthlyReport, UnitRefs]:
    """The report without its submissions and problem list; the units it names."""
    prev = previous_month(month)
    geo = geography()
    end, pend = month_bounds(month)[1], month_bounds(prev)[1]
    n = figures.unit_length(scope)
    work: dict = {}

    def changed(reader: Ledger) -> set[str]:
        # the work figures and the overdue tasks are read with the first half of the tables, while
        # the second connection reads the other half
        work["figures"] = work_figures(reader, scope, month, n)
        work["overdue"] = overdue_tasks(reader, scope, month)
        return townships_changed(reader, scope, month)

    # the work ledger's section with the second half of the tables (its branch terms are a pass
    # over every village's: on a connection of its own as well, the Python parts took turns)
    r: Readings = read(ledger, scope, month, prev, n, changed, also=lambda reader: read_work(reader, scope, month),
                       parallel=parallel)
    head = figures.headline_of(scope, month, r.tally)
    entered = {row[0] for row in r.tally.orgs if len(row[0]) == 9 and row[1]}
    townships = sorted(entered.union(expected_townships(scope)))
    counties = sorted(row[0] for row in r.tally.orgs if len(row[0]) == 6 and row[2])
    meetings = CountyMeetings(r.county_meetings)
    agri = agricultural_counties(scope)
    covered = coop_covered(r.coops, agri, end)
    refs = UnitRefs()
    found = differences(r.reported, r.tally, meetings, end, refs)
    reminders = Reminders(townships, entered, r.changed, found, r.secretaries, refs)
    reporting = sorted({row[0] for row in r.reported})
    report = MonthlyReport(
        scope=scope, scope_name=geo.full_name(scope) if scope else translate(CTX, MSG_ALL_OF_CHINA),
        month=month, previous_month=prev, generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        headline=head, previous=figures.headline_of(scope, prev, r.previous),
        levels=levels(scope, head, counties, meetings, r.reported, end),
        unit_level={2: 1, 4: 2, 6: 3, 9: 4}[n],
        units=_units_below(scope, month, n, r.tally, agri, covered, reminders, reporting),
        agricultural_counties=len(agri), coop_counties=len(covered),
        previous_coop_counties=len(coop_covered(r.coops, agri, pend)),
        expected=tuple(refs(c) for c in townships),
        updated=tuple(refs(c) for c in reminders.updated), silent=tuple(refs(c) for c in reminders.silent),
        unknown=frozenset(reminders.unknown),
        reporting=tuple(reporting), differences=tuple(found), lagging=reminders.lagging)
    # the work figures, the overdue checklist tasks and the work ledger's section
    report = dataclasses.replace(report, work=work["figures"], overdue=work["overdue"])
    return dataclasses.replace(report, work_ledger=r.also.listed(tuple((u.code, u.name) for u in report.units))), refs


def _with_submissions(ledger: Ledger, report: MonthlyReport, refs: UnitRefs) -> MonthlyReport:
    """*report* with the monthly submission of each unit below and its own, each compared
    with the live figures the report holds."""
    scope, month = report.scope, report.month
    live = lambda code: figures_of(report, code)  # noqa: E731 - one use, two calls
    below = states(ledger, scope, month, [refs(u.code) for u in report.units], live)
    own = next((s for s in below if s.unit.code == scope), None)
    if own is None and scope:
        own = states(ledger, scope, month, [refs(scope)], live)[0]
    return dataclasses.replace(report, submissions=below, own_submission=own)
