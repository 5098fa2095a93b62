"""The figures of the League's work the monthly report adds to its headline: funding by source
(with the upper league's support), publicity, the nationwide unified activities month by month,
demonstration units, venues, League organisations in co-operatives, and the organisations back
to active after rectification (from the change log).

:func:`work_figures` reads them (a few grouped queries of
:mod:`desktop.ledger.report_queries`, and :meth:`desktop.ledger.Ledger.field_changes` for the
rectifications); :data:`SECTIONS` lays them out as sections of the report
(:mod:`desktop.reporting.layout`), which the view, the Excel form and the PDF show.

What counts, as of the month's end:

- funding: the entries of the month's year, by source; received = received by the month's end
  (or without a date); the upper league's support is the source ``league_support``;
- publicity: items published during the month, and during the year up to its end; the average
  is per unit one level below the scope (per province for the whole country);
- unified activities: meetings of kind ``unified_activity`` of each month of the year so far;
- demonstration units: organisations with a demonstration level, founded by the month's end
  and not revoked;
- venues: opened by the month's end (or without a date); new = opened during the month;
- co-operative organisations (``coop_org``): counted as the directly affiliated ones are;
- rectified: organisations whose status changed from under rectification (整顿, 软弱涣散) to
  active by a change made during the month.  The ledger keeps the current status only; the
  change log keeps every change, so the history is read there.

Per-level rules: a township's report is about the township itself, so it has no per-unit
tables or charts of these (one row, one bar) and no average per unit.
"""

from __future__ import annotations

import collections
import dataclasses
from dataclasses import dataclass, field

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.records.enums import enumerations
from desktop.reporting import cards as card_rules
from desktop.reporting.figures import share
from desktop.reporting.months import month_stamp_range, period
from desktop.reporting.timeliness import UnitRefs

CTX = "report"
#: The levels whose report has per-unit tables of these figures (a township is its own one unit).
PER_UNIT_LEVELS = card_rules.ABOVE_TOWNSHIP
LEAGUE_SUPPORT = "league_support"
ACTIVE, RECTIFYING = "active", "rectifying"


@dataclass(frozen=True)
class Funding:
    """Funding entries of one source (or of all): amounts in fen."""

    entries: int = 0
    organisations: int = 0
    budgeted: int = 0
    received: int = 0
    received_in_month: int = 0

    def __add__(self, other: "Funding") -> "Funding":
        return Funding(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, int, int, int, int]:
        return self.entries, self.organisations, self.budgeted, self.received, self.received_in_month


@dataclass(frozen=True)
class Rectified:
    """An organisation whose status went from under rectification back to active."""

    record_id: str
    name: str
    kind: str
    code: str
    unit: str
    within: str
    on: str
    by: str


@dataclass(frozen=True)
class UnitWork:
    """The work figures of one unit one level below the scope."""

    received: int = 0           # fen, all sources
    league_support: int = 0     # fen
    publicity_month: int = 0
    publicity_year: int = 0
    unified_month: int = 0      # activities held during the month
    unified_orgs: int = 0       # organisations that held one during the month
    demonstration: int = 0
    venues: int = 0
    venues_new: int = 0
    coop_orgs: int = 0
    coop_orgs_new: int = 0
    rectified: int = 0


@dataclass(frozen=True)
class WorkFigures:
    """The work figures of a scope and month (see the module)."""

    #: funding_source key → its funding, in the enumeration's order
    funding: dict[str, Funding] = field(default_factory=dict)
    #: publicity_channel key → (items during the month, during the year by its end)
    publicity: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: month "YYYY-MM" of the year so far → (activities, organisations holding one, attendance)
    unified: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: (organisation kind, demonstration level) → organisations
    demonstration: dict[tuple[str, str], int] = field(default_factory=dict)
    #: venue_kind key → (venues by the month's end, opened during the month)
    venues: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: co-operative organisations: (total, new, under rectification, revoked)
    coop_orgs: tuple[int, int, int, int] = (0, 0, 0, 0)
    rectified: tuple[Rectified, ...] = ()
    #: organisations put under rectification by a change made during the month
    entered_rectification: int = 0
    #: unit code → its figures
    units: dict[str, UnitWork] = field(default_factory=dict)

    @property
    def funding_total(self) -> Funding:
        return sum(self.funding.values(), Funding())

    @property
    def publicity_total(self) -> tuple[int, int]:
        return sum(v[0] for v in self.publicity.values()), sum(v[1] for v in self.publicity.values())

    def publicity_average(self, units: int) -> float | None:
        """Items published during the month per unit below (None without units)."""
        return self.publicity_total[0] / units if units else None


# ----------------------------------------------------------------------------- reading
def _funding(ledger: Ledger, scope: str, p: q.Period, n: int, units: dict) -> dict[str, Funding]:
    found = dict.fromkeys(enumerations().keys("funding_source"), Funding())
    for unit, source, *values in q.funding_by_source(ledger, scope, p, n):
        found[source] = found.get(source, Funding()) + Funding(*(v or 0 for v in values))
        u = units[unit]
        u["received"] += values[3] or 0
        if source == LEAGUE_SUPPORT:
            u["league_support"] += values[3] or 0
    return found


def _counted(ledger: Ledger, scope: str, p: q.Period, n: int, units: dict) -> dict:
    """Publicity, unified activities, demonstration units, venues and co-operative organisations."""
    out: dict = {"publicity": {k: (0, 0) for k in enumerations().keys("publicity_channel")}, "unified": {},
                 "demonstration": collections.Counter(),
                 "venues": {k: (0, 0) for k in enumerations().keys("venue_kind")},
                 "coop_orgs": [0, 0, 0, 0]}
    for unit, channel, month, year in q.publicity_by_unit(ledger, scope, p, n):
        m0, y0 = out["publicity"].get(channel, (0, 0))
        out["publicity"][channel] = (m0 + (month or 0), y0 + (year or 0))
        units[unit]["publicity_month"] += month or 0
        units[unit]["publicity_year"] += year or 0
    unified: dict[str, list[int]] = {}
    for unit, month, activities, orgs, attendance in q.unified_activities(ledger, scope, p, n):
        values = unified.setdefault(month, [0, 0, 0])
        values[0], values[1], values[2] = values[0] + activities, values[1] + orgs, values[2] + attendance
        if month == p.start[:7]:
            units[unit]["unified_month"] += activities
            units[unit]["unified_orgs"] += orgs
    out["unified"] = {m: tuple(unified.get(m, (0, 0, 0))) for m in (f"{p.year}-{i:02d}" for i in
                                                                    range(1, int(p.start[5:7]) + 1))}
    for unit, kind, level, demo, *coop in q.organisations_work(ledger, scope, p, n):
        if demo:
            out["demonstration"][(kind, level)] += demo
            units[unit]["demonstration"] += demo
        coop = [v or 0 for v in coop]
        out["coop_orgs"] = [a + b for a, b in zip(out["coop_orgs"], coop)]
        units[unit]["coop_orgs"] += coop[0]
        units[unit]["coop_orgs_new"] += coop[1]
    for unit, kind, total, new in q.venues_by_unit(ledger, scope, p, n):
        t0, n0 = out["venues"].get(kind, (0, 0))
        out["venues"][kind] = (t0 + (total or 0), n0 + (new or 0))
        units[unit]["venues"] += total or 0
        units[unit]["venues_new"] += new or 0
    return out


def _rectified(ledger: Ledger, scope: str, month: str, n: int, units: dict) -> tuple[tuple[Rectified, ...], int]:
    """The organisations back to active from rectification by a change of *month*, and the
    number put under rectification then, from the change log."""
    lo, hi = month_stamp_range(month)
    changes = ledger.field_changes("organisation", "status", scope, lo, hi)
    back = [c for c in changes if c.old == RECTIFYING and c.new == ACTIVE]
    entered = len({c.record_id for c in changes if c.new == RECTIFYING})
    names = q.organisation_names(ledger, sorted({c.record_id for c in back}))
    refs = UnitRefs()
    out = []
    for c in back:
        name, kind, code = names.get(c.record_id, (c.record_id, "", ""))
        ref = refs(code[:9]) if code else refs(scope)
        units[code[:n] if code else scope]["rectified"] += 1
        out.append(Rectified(c.record_id, name, kind, code, ref.name, ref.within, c.when.strftime("%Y-%m-%d"),
                             c.author))
    return tuple(out), entered


def work_figures(ledger: Ledger, scope: str, month: str, n: int) -> WorkFigures:
    """The work figures of *scope* ("" = the whole country) for *month*, per unit of *n*
    characters (the units one level below the scope)."""
    p = period(month)
    units: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    funding = _funding(ledger, scope, p, n, units)
    counted = _counted(ledger, scope, p, n, units)
    rectified, entered = _rectified(ledger, scope, month, n, units)
    return WorkFigures(
        funding=funding, publicity=counted["publicity"], unified=counted["unified"],
        demonstration=dict(sorted(counted["demonstration"].items())), venues=counted["venues"],
        coop_orgs=tuple(counted["coop_orgs"]), rectified=rectified, entered_rectification=entered,
        units={code: UnitWork(**values) for code, values in sorted(units.items())})


# ----------------------------------------------------------------------------- layout
def _t(text: str) -> str:
    return translate(CTX, text)


def _yuan(fen: int) -> float:
    return fen / 100


def _per_unit(report) -> bool:
    return report.work is not None and card_rules.level(report.scope) in PER_UNIT_LEVELS


def _unit_rows(report, values) -> tuple[tuple, ...]:
    """(unit name, *values(UnitWork)) for each unit below, in the report's order."""
    empty = UnitWork()
    return tuple((u.name, *values(report.work.units.get(u.code, empty))) for u in report.units)


def _chart(rows: tuple, columns: tuple[int, ...]) -> tuple[int, ...]:
    """The chart's columns, or none when it would have one bar (:func:`cards.worth_a_chart`)."""
    return columns if card_rules.worth_a_chart(len(rows)) else ()


def funding_tables(report) -> tuple:
    from desktop.reporting.layout import Column as C, Table

    w = report.work
    if w is None:
        return ()
    enums = enumerations()
    cols = (C(_t(QT_TRANSLATE_NOOP("report", "Source")), "text"), C(_t(QT_TRANSLATE_NOOP("report", "Entries"))),
            C(_t(QT_TRANSLATE_NOOP("report", "Organisations funded"))),
            C(_t(QT_TRANSLATE_NOOP("report", "Budgeted (yuan)")), "money"),
            C(_t(QT_TRANSLATE_NOOP("report", "Received by the month's end (yuan)")), "money"),
            C(_t(QT_TRANSLATE_NOOP("report", "Received this month (yuan)")), "money"),
            C(_t(QT_TRANSLATE_NOOP("report", "Share of received")), "share"))
    total = w.funding_total
    rows = tuple((enums.label("funding_source", k), f.entries, f.organisations, _yuan(f.budgeted), _yuan(f.received),
                  _yuan(f.received_in_month), share(f.received, total.received)) for k, f in w.funding.items())
    rows += ((_t(QT_TRANSLATE_NOOP("report", "Total")), total.entries, None, _yuan(total.budgeted),
              _yuan(total.received), _yuan(total.received_in_month), share(total.received, total.received)),)
    support = w.funding.get(LEAGUE_SUPPORT, Funding())
    note = _t(QT_TRANSLATE_NOOP("report", "Entries of {year}. Support from the upper league: {amount} yuan received by "
                                          "{orgs} organisations ({each} yuan each on average).")).format(
        year=report.month[:4], amount=f"{_yuan(support.received):,.2f}", orgs=f"{support.organisations:,}",
        each=f"{_yuan(support.received) / support.organisations:,.2f}" if support.organisations else "–")
    sources = Table("funding_sources", _t(QT_TRANSLATE_NOOP("report", "Funding by source")), cols, rows, note=note)
    if not _per_unit(report):
        return (sources,)
    unit_rows = _unit_rows(report, lambda u: (_yuan(u.received), _yuan(u.league_support)))
    by_unit = Table(
        "funding_sources_by_unit", _t(QT_TRANSLATE_NOOP("report", "Funding received, by unit")),
        (C(report.unit_label, "text"), C(_t(QT_TRANSLATE_NOOP("report", "Received, all sources (yuan)")), "money"),
         C(_t(QT_TRANSLATE_NOOP("report", "Of which from the upper league (yuan)")), "money")),
        unit_rows, chart=_chart(unit_rows, (1,)),
        chart_title=_t(QT_TRANSLATE_NOOP("report", "Funding received (yuan)")))
    return sources, by_unit


def publicity_tables(report) -> tuple:
    from desktop.reporting.layout import Column as C, Table

    w = report.work
    if w is None:
        return ()
    enums = enumerations()
    month_col, year_col = (C(_t(QT_TRANSLATE_NOOP("report", "Items this month"))),
                           C(_t(QT_TRANSLATE_NOOP("report", "Items this year"))))
    total = w.publicity_total
    rows = tuple((enums.label("publicity_channel", k), m, y) for k, (m, y) in w.publicity.items())
    rows += ((_t(QT_TRANSLATE_NOOP("report", "Total")), *total),)
    per_unit = _per_unit(report)
    note = _t(QT_TRANSLATE_NOOP("report", "{n} items published in {month}; {average} per unit of the {units} "
                                          "{level} on average.")).format(
        n=f"{total[0]:,}", month=report.month, units=f"{len(report.units):,}", level=report.unit_label,
        average=f"{w.publicity_average(len(report.units)):,.1f}" if report.units else "–") if per_unit else ""
    channels = Table("publicity", _t(QT_TRANSLATE_NOOP("report", "Publicity items by channel")),
                     (C(_t(QT_TRANSLATE_NOOP("report", "Channel")), "text"), month_col, year_col), rows, note=note)
    months = Table(
        "unified_activities", _t(QT_TRANSLATE_NOOP("report", "Nationwide unified activities, month by month")),
        (C(_t(QT_TRANSLATE_NOOP("report", "Month")), "text"), C(_t(QT_TRANSLATE_NOOP("report", "Activities"))),
         C(_t(QT_TRANSLATE_NOOP("report", "Organisations that held one"))),
         C(_t(QT_TRANSLATE_NOOP("report", "Attendance")))),
        tuple((m, *v) for m, v in w.unified.items()),
        note=_t(QT_TRANSLATE_NOOP("report", "The nationwide unified activities (全国性统一活动) are held "
                                            "monthly from July to October.")))
    if not per_unit:
        return channels, months
    unit_rows = _unit_rows(report, lambda u: (u.publicity_month, u.publicity_year, u.unified_month, u.unified_orgs))
    by_unit = Table(
        "publicity_by_unit", _t(QT_TRANSLATE_NOOP("report", "Publicity and unified activities, by unit")),
        (C(report.unit_label, "text"), month_col, year_col,
         C(_t(QT_TRANSLATE_NOOP("report", "Unified activities this month"))),
         C(_t(QT_TRANSLATE_NOOP("report", "Organisations that held one")))),
        unit_rows, chart=_chart(unit_rows, (1,)),
        chart_title=_t(QT_TRANSLATE_NOOP("report", "Publicity items this month")))
    return channels, months, by_unit


def units_tables(report) -> tuple:
    """Demonstration units, venues and League organisations in co-operatives."""
    from desktop.reporting.layout import Column as C, Table

    w = report.work
    if w is None:
        return ()
    enums = enumerations()
    count = C(_t(QT_TRANSLATE_NOOP("report", "Organisations")))
    demo = Table(
        "demonstration", _t(QT_TRANSLATE_NOOP("report", "Demonstration units")),
        (C(_t(QT_TRANSLATE_NOOP("report", "Organisation kind")), "text"),
         C(_t(QT_TRANSLATE_NOOP("report", "Demonstration level")), "text"), count),
        tuple((enums.label("org_kind", k), enums.label("demo_level", lv), v) for (k, lv), v in w.demonstration.items())
        + ((_t(QT_TRANSLATE_NOOP("report", "Total")), "", sum(w.demonstration.values())),))
    venues_col, new_col = (C(_t(QT_TRANSLATE_NOOP("report", "Venues"))),
                           C(_t(QT_TRANSLATE_NOOP("report", "Opened this month"))))
    venues = Table(
        "venues", _t(QT_TRANSLATE_NOOP("report", "Venues (youth homes and shared service venues)")),
        (C(_t(QT_TRANSLATE_NOOP("report", "Kind")), "text"), venues_col, new_col),
        tuple((enums.label("venue_kind", k), t, nw) for k, (t, nw) in w.venues.items())
        + ((_t(QT_TRANSLATE_NOOP("report", "Total")), sum(v[0] for v in w.venues.values()),
            sum(v[1] for v in w.venues.values())),))
    total, new, rectifying, revoked = w.coop_orgs
    coops = Table(
        "coop_orgs", _t(QT_TRANSLATE_NOOP("report", "League organisations in co-operatives")),
        (C(_t(QT_TRANSLATE_NOOP("report", "Total")), "int"), C(_t(QT_TRANSLATE_NOOP("report", "New this month"))),
         C(_t(QT_TRANSLATE_NOOP("report", "Under rectification"))), C(_t(QT_TRANSLATE_NOOP("report", "Revoked")))),
        ((total, new, rectifying, revoked),))
    if not _per_unit(report):
        return demo, venues, coops
    unit_rows = _unit_rows(report, lambda u: (u.demonstration, u.venues, u.venues_new, u.coop_orgs, u.coop_orgs_new))
    by_unit = Table(
        "work_units_by_unit", _t(QT_TRANSLATE_NOOP("report", "Demonstration units, venues and co-operative "
                                                             "organisations, by unit")),
        (C(report.unit_label, "text"), C(_t(QT_TRANSLATE_NOOP("report", "Demonstration units"))), venues_col, new_col,
         C(_t(QT_TRANSLATE_NOOP("report", "Co-operative organisations"))),
         C(_t(QT_TRANSLATE_NOOP("report", "New co-operative organisations")))),
        unit_rows, chart=_chart(unit_rows, (1, 2, 4)),
        chart_title=_t(QT_TRANSLATE_NOOP("report", "Demonstration units, venues and co-operative organisations")))
    return demo, venues, coops, by_unit


def rectification_tables(report) -> tuple:
    from desktop.reporting.layout import Column as C, Table

    w = report.work
    if w is None:
        return ()
    enums = enumerations()
    rows = tuple((r.unit, r.within, r.name, enums.label("org_kind", r.kind) if r.kind else "", r.on, r.by)
                 for r in w.rectified)
    back = Table(
        "rectified", _t(QT_TRANSLATE_NOOP("report", "Organisations back to active after rectification")),
        (C(_t(QT_TRANSLATE_NOOP("report", "Unit")), "text"), C(_t(QT_TRANSLATE_NOOP("report", "Within")), "text"),
         C(_t(QT_TRANSLATE_NOOP("report", "Organisation")), "text"), C(_t(QT_TRANSLATE_NOOP("report", "Kind")), "text"),
         C(_t(QT_TRANSLATE_NOOP("report", "Back to active on")), "text"),
         C(_t(QT_TRANSLATE_NOOP("report", "Changed by")), "text")),
        rows, note=_t(QT_TRANSLATE_NOOP("report", "{back} organisations went from under rectification (整顿, "
                                                  "软弱涣散) back to active in {month}; {entered} were put under "
                                                  "rectification. From the change log: the ledger keeps only the "
                                                  "current status.")
                      ).format(back=f"{len(rows):,}", entered=f"{w.entered_rectification:,}", month=report.month))
    if not _per_unit(report):
        return (back,)
    unit_rows = _unit_rows(report, lambda u: (u.rectified,))
    by_unit = Table(
        "rectified_by_unit", _t(QT_TRANSLATE_NOOP("report", "Back to active after rectification, by unit")),
        (C(report.unit_label, "text"), C(_t(QT_TRANSLATE_NOOP("report", "Organisations")))), unit_rows,
        chart=_chart(unit_rows, (1,)) if any(r[1] for r in unit_rows) else (),
        chart_title=_t(QT_TRANSLATE_NOOP("report", "Back to active after rectification")))
    return back, by_unit


#: The report's sections of these figures: key, title, and the tables they hold.
SECTIONS = (
    ("funding_sources", QT_TRANSLATE_NOOP("report", "Funding by source"), funding_tables),
    ("publicity", QT_TRANSLATE_NOOP("report", "Publicity and activities"), publicity_tables),
    ("work_units", QT_TRANSLATE_NOOP("report", "Demonstration, venues, co-operatives"), units_tables),
    ("rectification", QT_TRANSLATE_NOOP("report", "Rectification"), rectification_tables),
)


# ----------------------------------------------------------------------------- as data
def work_data(w: WorkFigures | None, units: int) -> dict | None:
    """The work figures as plain data (``report --json``): amounts in fen; the publicity
    average with its numerator and denominator (the *units* below)."""
    if w is None:
        return None
    total = w.publicity_total[0]
    return {
        "funding": {k: dataclasses.asdict(f) for k, f in w.funding.items()},
        "funding_total": dataclasses.asdict(w.funding_total),
        "publicity": {k: {"month": m, "year": y} for k, (m, y) in w.publicity.items()},
        "publicity_average": {"value": w.publicity_average(units), "numerator": total, "denominator": units},
        "unified_activities": {m: {"activities": a, "organisations": o, "attendance": n}
                               for m, (a, o, n) in w.unified.items()},
        "demonstration": [{"kind": k, "level": lv, "count": n} for (k, lv), n in w.demonstration.items()],
        "venues": {k: {"total": t, "new": n} for k, (t, n) in w.venues.items()},
        "coop_orgs": dict(zip(("total", "new", "rectifying", "revoked"), w.coop_orgs)),
        "rectified": [{"id": r.record_id, "name": r.name, "kind": r.kind, "code": r.code, "on": r.on, "by": r.by}
                      for r in w.rectified],
        "entered_rectification": w.entered_rectification,
        "by_unit": {code: dataclasses.asdict(u) for code, u in w.units.items()},
    }
