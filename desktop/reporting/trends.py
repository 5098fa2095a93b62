"""Trends (趋势): each figure a monthly submission freezes, per unit one level below the scope
(a township: itself; a county: its townships; …), month by month for the twelve months ending
at the reporting month — a pivot of figure × unit × month.

Where a unit submitted a past month, the pivot shows the figure frozen in its submission
(what it reported; :mod:`desktop.reporting.submissions`); otherwise, and for the reporting
month itself, the figure as the ledger yields it from the records' dates, exactly as the
monthly report counts it (:mod:`desktop.reporting.figures`).  Each cell says which
(:attr:`TrendRow.frozen`).  The ledger keeps an organisation's current status only, so a
past month is counted from its records as they were at its end (:mod:`desktop.reporting.as_of`:
an organisation's status, deletions), the reporting month from the records as they are, as the
report counts it.

Each figure is one pass over its table with a column per month
(:mod:`desktop.ledger.report_queries`, ``trend_*``), grouped by unit; only the tables of the
figures asked for are read (``benchmarks/bench_report.py`` measures it).
"""

from __future__ import annotations

import collections
import json
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from desktop.errors import ScopeError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger, prefix_range
from desktop.ledger import report_queries as q
from desktop.ledger import trend_queries as tq
from desktop.reporting import as_of
from desktop.reporting.coverage import coop_covered
from desktop.reporting.expected import agricultural_counties, expected_townships
from desktop.reporting.figures import unit_length, units_below
from desktop.reporting.model import COMPARED, CTX, LEVELS, MSG_ALL_OF_CHINA, MSG_BAD_FIGURE
from desktop.reporting.months import period, previous_month
from desktop.reporting.submissions import month_being_reported
from desktop.records import KINDS, natural_org_id
from desktop.scope.geo import geography

#: The figures of the trends: those a submission freezes (key → label, context "report").
TREND_FIGURES: dict[str, str] = dict(COMPARED)
#: Months in a trend, the reporting month last.
MONTHS = 12
MSG_TITLE = QT_TRANSLATE_NOOP("report", "Trends of {unit}, {first} to {last}")
MSG_FROZEN_NOTE = QT_TRANSLATE_NOOP("report", "Shaded cells are the figures a unit froze in its submission of the "
                                              "month; the others are computed from the ledger, a past month from its "
                                              "records as they were at its end.")
MSG_TOTAL = QT_TRANSLATE_NOOP("report", "All units")


def trend_months(month: str, count: int = MONTHS) -> tuple[str, ...]:
    """The *count* months ending at *month* ("YYYY-MM"), oldest first."""
    months = [month]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return tuple(reversed(months))


def figure_label(figure: str) -> str:
    return translate(CTX, TREND_FIGURES[figure])


@dataclass(frozen=True)
class TrendRow:
    """One unit's values of a figure, month by month, and which were frozen in its submission."""

    code: str
    name: str
    values: tuple[int, ...]
    frozen: tuple[bool, ...]


@dataclass(frozen=True)
class Trend:
    """One figure: a row per unit, a column per month."""

    figure: str
    rows: tuple[TrendRow, ...]

    @property
    def label(self) -> str:
        return figure_label(self.figure)

    @property
    def totals(self) -> tuple[int, ...]:
        """The sum of the units, month by month."""
        return tuple(map(sum, zip(*(r.values for r in self.rows)))) if self.rows else ()

    def row(self, code: str) -> TrendRow:
        return next(r for r in self.rows if r.code == code)


@dataclass(frozen=True)
class Trends:
    """The trends of a scope: each figure asked for, over :attr:`months`."""

    scope: str
    scope_name: str
    months: tuple[str, ...]
    #: the level of the units (1 province … 4 township)
    unit_level: int
    trends: dict[str, Trend]

    @property
    def month(self) -> str:
        """The reporting month (the last)."""
        return self.months[-1]

    @property
    def title(self) -> str:
        return translate(CTX, MSG_TITLE).format(unit=self.scope_name, first=self.months[0], last=self.months[-1])

    @property
    def unit_label(self) -> str:
        return translate(CTX, LEVELS[self.unit_level])

    def trend(self, figure: str) -> Trend:
        return self.trends[figure]


# ----------------------------------------------------------------------------- computing
class _Moved(dict):
    """kind → the rows of :func:`as_of.moved` of the trend's past months as the queries take
    them (:func:`trend_queries.as_of_parameter`), read once a kind."""

    def __init__(self, ledger: Ledger, scope: str, periods: list[q.Period]):
        super().__init__()
        self.ledger, self.scope, self.past = ledger, scope, periods[:-1]
        self.rows: dict[str, list[list]] = {}

    def __missing__(self, key: str) -> str:
        """*key*: a kind, or an organisation kind (the committees: a range of natural ids); the
        rows as the queries take them ("" when none)."""
        if key in as_of.MOVING:
            rows = self.rows[key] = as_of.moved(self.ledger, key, self.scope, self.past)
        else:
            ids = prefix_range(natural_org_id(key, self.scope))
            if "organisation" in self.rows:  # read already: the committees are among them
                rows = [r for r in self.rows["organisation"] if ids[0] <= r[1] < ids[1]]
            else:
                rows = as_of.moved(self.ledger, "organisation", self.scope, self.past, ids)
        self[key] = tq.as_of_parameter(rows) if rows else ""
        return self[key]


def _as_they_were(ledger: Ledger, figure: str, moved: _Moved, n: int, values: dict[str, list[int]]) -> None:
    """Count the records whose moving fields differ at a past month's end as they were then."""
    kind = next(k for k in as_of.MOVING if KINDS[k].table == q.TREND_SUMS[figure][0])
    rows = moved[kind]
    if not rows:
        return
    fields = as_of.moving_fields(kind)
    for sign, as_then in ((-1, False), (1, True)):
        for unit, i, value in tq.trend_sum_rows(ledger, figure, fields, rows, moved.past, n, as_then):
            values.setdefault(unit, [0] * (len(moved.past) + 1))[i] += sign * (value or 0)


#: The organisations the meeting and funding figures count, and the co-operative working
#: committees (as :func:`report_queries.coop_committees` reads them), over the alias ``o``.
_LIVE_COOP = "o.kind = 'county_coop_committee' AND o.deleted = 0 AND o.status IS NOT 'revoked'"


def _committees_then(ledger: Ledger, moved: _Moved, org_kind: str, condition: str) -> tuple[set, set]:
    """(the committees of *org_kind* meeting *condition* at a past month's end as they were
    then, … as they are now) of those whose moving fields differ then: (month index, id,
    scope, founded)."""
    rows = moved[org_kind]
    if not rows:
        return set(), set()
    fields = as_of.moving_fields("organisation")
    return (tq.organisations_counted(ledger, fields, rows, moved.past, condition, True),
            tq.organisations_counted(ledger, fields, rows, moved.past, condition, False))


def _townships_as_they_were(ledger: Ledger, figure: str, moved: _Moved, n: int, values: dict[str, list[int]]) -> None:
    """Count a township committee revoked or deleted since a past month (or back since) in the
    meeting and funding figures of that month as it was then."""
    then, now = _committees_then(ledger, moved, "township_committee", q._LIVE_TOWNSHIP)
    if then == now:
        return
    ids = sorted({org for _i, org, _scope, _f in then | now})
    if figure == "funding_secured":
        secured = tq.funding_secured_of(ledger, ids, moved.past)
        counted = {(i, org) for org, flags in secured.items() for i, flag in enumerate(flags) if flag}
    else:
        first = tq.first_meetings(ledger, figure.split("_")[0], ids)
        counted = {(i, org) for i, org, _s, _f in then | now if org in first and first[org] <= moved.past[i].end}
    for sign, found in ((1, then - now), (-1, now - then)):
        for i, org, unit_scope, _f in found:
            if (i, org) in counted:
                values.setdefault(unit_scope[:n], [0] * (len(moved.past) + 1))[i] += sign


def _coops_then(ledger: Ledger, moved: _Moved, coops: list[tuple]) -> list[list[tuple]]:
    """The co-operative working committees of each month: as they were at its end."""
    then, now = _committees_then(ledger, moved, "county_coop_committee", _LIVE_COOP)
    months: list[list[tuple]] = []
    for i in range(len(moved.past) + 1):
        gone = {code for m, _id, code, _f in now if m == i}
        months.append([c for c in coops if c[0] not in gone] + [(code, f) for m, _id, code, f in then if m == i])
    return months


def _computed(ledger: Ledger, figure: str, scope: str, months: tuple[str, ...], n: int,
              moved: _Moved) -> dict[str, list[int]]:
    """unit → the figure's value of each month, from the ledger's dated records."""
    periods = [period(m) for m in months]
    if figure in q.TREND_SUMS:
        values = {row[0]: [v or 0 for v in row[1:]] for row in q.trend_sums(ledger, figure, scope, periods, n)}
        _as_they_were(ledger, figure, moved, n, values)
        return values
    if figure in ("mobilisation_meeting", "review_meeting", "funding_secured"):
        rows = (q.trend_funding_secured(ledger, scope, periods, n) if figure == "funding_secured" else
                q.trend_meetings(ledger, figure.split("_")[0], scope, periods, n))
        values = {row[0]: [v or 0 for v in row[1:]] for row in rows}
        _townships_as_they_were(ledger, figure, moved, n, values)
        return values
    if figure == "coop_committees":  # agricultural counties with a co-operative working committee
        agri = agricultural_counties(scope)
        coops = _coops_then(ledger, moved, q.coop_committees(ledger, scope))
        by_month = [collections.Counter(c[:n] for c in coop_covered(coops[i], agri, p.end))
                    for i, p in enumerate(periods)]
        units = {u for counts in by_month for u in counts}
        return {u: [counts[u] for counts in by_month] for u in units}
    raise ValueError(translate("figures", MSG_BAD_FIGURE).format(figure=figure))


def _frozen(ledger: Ledger, scope: str, months: tuple[str, ...], n: int) -> dict[tuple[str, str], dict]:
    """(unit, month) → the figures frozen in the unit's submission, for the months before the last."""
    out = {}
    for unit, month, text in q.submitted_figures(ledger, scope, n, months[0], months[-2]):
        try:
            found = json.loads(text or "{}")
        except ValueError:
            continue
        if isinstance(found, dict):
            out[(unit, month)] = found
    return out


def _units(scope: str, n: int, present: set[str]) -> list[tuple[str, str]]:
    """(code, name) of the units shown: those the division list expects townships in, and
    any with a value or a submission, in the division list's order (unknown codes last)."""
    wanted = present | {c[:n] for c in expected_townships(scope)}
    listed = [(code, name) for code, name in units_below(scope) if code in wanted]
    known = {code for code, _name in listed}
    return listed + [(code, code) for code in sorted(wanted - known) if len(code) == n]


def trends(ledger: Ledger, scope: str, month: str | None = None,
           figures: Iterable[str] | None = None) -> Trends:
    """The trends of *scope* ("" = the whole country) over the twelve months ending at *month*
    (default: the month being reported) for *figures* (default: all of :data:`TREND_FIGURES`)."""
    geo = geography()
    if scope and not geo.exists(scope):
        raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
    month = month or month_being_reported(ledger)
    months = trend_months(month)
    n = unit_length(scope)
    wanted = list(figures) if figures is not None else list(TREND_FIGURES)
    for figure in wanted:
        if figure not in TREND_FIGURES:
            raise ValueError(translate("figures", MSG_BAD_FIGURE).format(figure=figure))
    moved = _Moved(ledger, scope, [period(m) for m in months])
    computed = {figure: _computed(ledger, figure, scope, months, n, moved) for figure in wanted}
    frozen = _frozen(ledger, scope, months, n)
    present = {u for values in computed.values() for u, vs in values.items() if any(vs)} | {u for u, _m in frozen}
    units = _units(scope, n, present)
    out = {}
    for figure in wanted:
        rows = []
        for code, name in units:
            values, flags = [], []
            for i, m in enumerate(months):
                submitted = frozen.get((code, m), {}).get(figure)
                is_frozen = isinstance(submitted, int) and not isinstance(submitted, bool)
                values.append(submitted if is_frozen else computed[figure].get(code, [0] * len(months))[i])
                flags.append(is_frozen)
            rows.append(TrendRow(code, name, tuple(values), tuple(flags)))
        out[figure] = Trend(figure, tuple(rows))
    return Trends(scope, geo.full_name(scope) if scope else translate(CTX, MSG_ALL_OF_CHINA), months,
                  {2: 1, 4: 2, 6: 3, 9: 4}[n], out)


# ----------------------------------------------------------------------------- as data
#: Bumped when a key changes meaning or goes away.
SCHEMA = 1


def trends_data(t: Trends) -> dict:
    """The trends as plain data: per figure, each unit's values and which were frozen."""
    return {
        "schema": SCHEMA, "scope": {"code": t.scope, "name": t.scope_name}, "months": list(t.months),
        "figures": {key: {"label": trend.label, "totals": list(trend.totals),
                          "units": [{"code": r.code, "name": r.name, "values": list(r.values),
                                     "frozen": list(r.frozen)} for r in trend.rows]}
                    for key, trend in t.trends.items()},
    }


def trends_json(t: Trends) -> str:
    return json.dumps(trends_data(t), ensure_ascii=False, sort_keys=True, indent=1)


def _display_width(text: str) -> int:
    """Columns *text* takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def trends_lines(t: Trends) -> list[str]:
    """The sum of the units of each figure, month by month, as lines of text."""
    width = max(_display_width(trend.label) for trend in t.trends.values()) + 2
    lines = [t.title, " " * width + "".join(f"{m:>9}" for m in t.months)]
    for trend in t.trends.values():
        pad = " " * (width - _display_width(trend.label))
        lines.append(trend.label + pad + "".join(f"{v:>9,}" for v in trend.totals))
    return lines
