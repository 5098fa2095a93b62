"""The headline figures of the monthly report (月报) for a scope and a month, and each
figure per unit one level below, for the bar chart.

Everything comes from a few aggregate queries of the ledger's read API
(:mod:`desktop.ledger.report_queries`), grouped by the first characters of the records'
scope (no per-unit queries): a province in about 0.1 s,
the whole country (~300,000 members, ~700,000 organisations) in about 1.5 s, so the GUI
asks from a worker.  Only live records count (``deleted = 0``).  "As of the month" means
as of its last day:

- committee members: current = joined by then (or without a date) and not exited by then;
  added / exited = joined / exited during the month; by source: those with a source
  (a member imported without one is to complete).  Members of every committee in the scope count.
- township committees: the live, not revoked ``township_committee`` organisations of the
  scope.  The shares of townships (funding, meetings) are taken over the townships the
  division list expects in the scope (:mod:`desktop.reporting.expected`), not over those the
  ledger happens to hold: a county of 7 rural townships with 1 entered reads "1 of 7".
  Funding secured: the committee's funding entries of the month's year, received by
  the month's end (or without a date), add up to at least 20,000 yuan.  Meetings: the
  committee held a mobilisation / summary-and-review meeting on or before the month's end.
- county co-operative working committees: not revoked, founded by the month's end (or
  without a date); their share is per agricultural county of the scope (division list).
- checklist tasks: done counts done and verified tasks (done by the month's end, or
  without a date); verified counts the verified ones (likewise).
- directly affiliated organisations: total = founded by the month's end (or without a
  date) and not revoked by then; new = founded during the month; revoked / under
  rectification = that status, set by the month's end (or without a date).  The ledger
  keeps each organisation's current status only, so an older month shows today's
  statuses, dated by ``status_changed_on``.
- WeChat groups: created by the month's end (or without a date), with their young
  people reached.
- records to complete (待补全): the live records of any kind lacking required values now
  (imported so), whatever the month: a state to work off, not a figure of the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.ledger.report_queries import FUNDING_SECURED_FEN
from desktop.records.enums import enumerations
from desktop.reporting.expected import agricultural_counties, expected_count, expected_townships
from desktop.reporting.months import MSG_BAD_MONTH, current_month, month_bounds, period
from desktop.scope.geo import geography

__all__ = ["FIGURES", "FUNDING_SECURED_FEN", "MSG_BAD_FIGURE", "MSG_BAD_MONTH", "SUMS", "Headline", "Report", "Tally",
           "by_unit", "current_month", "figure_label", "headline", "headline_of", "month_bounds", "report", "share",
           "split", "unit_length", "unit_sums", "units_below"]

CTX = "figures"

#: The figures the per-unit bar chart can show, with their labels.
FIGURES: dict[str, str] = {
    "members_current": QT_TRANSLATE_NOOP("figures", "Committee members now"),
    "townships_funding_secured": QT_TRANSLATE_NOOP("figures", "Townships with 20,000 yuan funding secured"),
    "mobilisation_meeting": QT_TRANSLATE_NOOP("figures", "Townships that held a mobilisation meeting"),
    "review_meeting": QT_TRANSLATE_NOOP("figures", "Townships that held a review meeting"),
    "checklist_done": QT_TRANSLATE_NOOP("figures", "Checklist tasks done"),
    "direct_orgs": QT_TRANSLATE_NOOP("figures", "Directly affiliated organisations"),
    "wechat_reach": QT_TRANSLATE_NOOP("figures", "Young people reached in WeChat groups"),
}

MSG_BAD_FIGURE = QT_TRANSLATE_NOOP("figures", "\"{figure}\" is not a figure of the report.")

def figure_label(figure: str, language: str | None = None) -> str:
    """The figure's label in the current (or given) language."""
    return translate(CTX, FIGURES[figure], language)


def share(part: int, whole: int) -> float | None:
    """part / whole, None when there is no whole."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Headline:
    """The headline figures of the monthly report for one scope and month."""

    scope: str
    month: str
    members_current: int = 0
    members_added: int = 0
    members_exited: int = 0
    #: member_source key → current members, in the order of the enumeration
    members_by_source: dict[str, int] = field(default_factory=dict)
    townships: int = 0
    townships_funding_secured: int = 0
    townships_mobilisation_meeting: int = 0
    townships_review_meeting: int = 0
    #: checklist_system key → (tasks, done (incl. verified), verified)
    checklist: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    direct_orgs_total: int = 0
    direct_orgs_new: int = 0
    direct_orgs_revoked: int = 0
    direct_orgs_rectifying: int = 0
    #: county league committees (团县委) of the scope
    counties: int = 0
    coop_committees: int = 0
    wechat_groups: int = 0
    wechat_reach: int = 0
    #: the rural townships the division list expects in the scope: the base of the township shares
    expected_townships: int = 0
    #: the agricultural counties of the division list in the scope: the base of the co-op share
    expected_counties: int = 0
    #: records lacking required values (待补全), now
    records_incomplete: int = 0

    @property
    def funding_secured_share(self) -> float | None:
        return share(self.townships_funding_secured, self.expected_townships)

    @property
    def mobilisation_meeting_share(self) -> float | None:
        return share(self.townships_mobilisation_meeting, self.expected_townships)

    @property
    def review_meeting_share(self) -> float | None:
        return share(self.townships_review_meeting, self.expected_townships)

    @property
    def coop_committees_share(self) -> float | None:
        """Co-operative working committees per agricultural county of the scope."""
        return share(self.coop_committees, self.expected_counties)

    @property
    def checklist_total(self) -> tuple[int, int, int]:
        """(tasks, done, verified) over all systems."""
        return tuple(sum(v[i] for v in self.checklist.values()) for i in range(3))  # type: ignore[return-value]

    @property
    def checklist_done_share(self) -> float | None:
        total, done, _ = self.checklist_total
        return share(done, total)

    def value(self, figure: str) -> int:
        """The scope's value of a figure of :data:`FIGURES`."""
        return {
            "members_current": self.members_current,
            "townships_funding_secured": self.townships_funding_secured,
            "mobilisation_meeting": self.townships_mobilisation_meeting,
            "review_meeting": self.townships_review_meeting,
            "checklist_done": self.checklist_total[1],
            "direct_orgs": self.direct_orgs_total,
            "wechat_reach": self.wechat_reach,
        }[figure]


# ----------------------------------------------------------------------------- helpers
def unit_length(scope: str) -> int:
    """Code length of the units one level below *scope* (a township is its own unit)."""
    return {0: 2, 2: 4, 4: 6, 6: 9}.get(len(scope), len(scope))


# ----------------------------------------------------------------------------- tallies
#: The queries each per-unit figure needs (the committees are always counted).
_NEEDS = {
    "members_current": {"members"}, "townships_funding_secured": {"funding"},
    "mobilisation_meeting": {"meetings"}, "review_meeting": {"meetings"}, "checklist_done": {"checklist"},
    "direct_orgs": {"direct"}, "wechat_reach": {"wechat"},
}
_ALL = {"members", "direct", "funding", "meetings", "checklist", "wechat", "incomplete"}


@dataclass
class Tally:
    """The aggregates of one scope and month, per unit (the first *n* characters of the
    records' scope); the units partition the scope, so their sums are the scope's figures."""

    members: list = field(default_factory=list)    # (unit, source, current, added, exited)
    orgs: list = field(default_factory=list)       # (unit, townships, counties, coops, direct total/new/revoked/rect.)
    funding: dict = field(default_factory=dict)    # unit → townships with funding secured
    meetings: dict = field(default_factory=dict)   # (unit, meeting kind) → townships that held one
    checklist: list = field(default_factory=list)  # (unit, system, tasks, done, verified)
    wechat: list = field(default_factory=list)     # (unit, groups, young people reached)
    incomplete: dict = field(default_factory=dict)  # unit → records to complete (待补全), now


def _organisations(ledger: Ledger, scope: str, month: q.Period, n: int, direct: bool) -> list:
    """(unit, townships, counties, co-op committees, direct orgs total, new, revoked, under
    rectification): the few committees, then (if *direct*) the many direct organisations."""
    units: dict[str, list[int]] = {}
    for unit, kind, count in q.committees_by_unit(ledger, scope, month, n):
        units.setdefault(unit, [0] * 7)[q.COMMITTEE_KINDS.index(kind)] = count
    if direct:
        for unit, *counts in q.direct_orgs_by_unit(ledger, scope, month, n):
            units.setdefault(unit, [0] * 7)[3:] = [v or 0 for v in counts]
    return [(unit, *values) for unit, values in sorted(units.items())]


def _fetch(ledger: Ledger, scope: str, month: str, n: int, parts: set[str]) -> Tally:
    """Run the queries *parts* asks for (the committees are always counted)."""
    p = period(month)
    t = Tally(orgs=_organisations(ledger, scope, p, n, direct="direct" in parts))
    if "incomplete" in parts:
        t.incomplete = q.incomplete_by_unit(ledger, scope, n)
    if "members" in parts:
        t.members = q.members_by_unit(ledger, scope, p, n)
    if "funding" in parts:
        t.funding = q.funding_secured_by_unit(ledger, scope, p, n)
    if "meetings" in parts:
        t.meetings = q.meetings_by_unit(ledger, scope, p, n)
    if "checklist" in parts:
        t.checklist = q.checklist_by_unit(ledger, scope, p, n)
    if "wechat" in parts:
        t.wechat = q.wechat_by_unit(ledger, scope, p, n)
    return t

def _headline(scope: str, month: str, t: Tally) -> Headline:
    enums = enumerations()
    by_source = dict.fromkeys(enums.keys("member_source"), 0)
    current = added = exited = 0
    for _unit, source, cur, add, ex in t.members:
        current, added, exited = current + (cur or 0), added + (add or 0), exited + (ex or 0)
        if source is not None:
            by_source[source] = by_source.get(source, 0) + (cur or 0)
    townships, counties, coops, d_total, d_new, d_revoked, d_rect = (
        sum(r[i] or 0 for r in t.orgs) for i in range(1, 8))
    checklist = {k: (0, 0, 0) for k in enums.keys("checklist_system")}
    for _unit, system, total, done, verified in t.checklist:
        t0, d0, v0 = checklist.get(system, (0, 0, 0))
        checklist[system] = (t0 + total, d0 + (done or 0), v0 + (verified or 0))
    return Headline(
        scope=scope, month=month,
        members_current=current, members_added=added, members_exited=exited, members_by_source=by_source,
        townships=townships, townships_funding_secured=sum(t.funding.values()),
        townships_mobilisation_meeting=sum(v for (_u, k), v in t.meetings.items() if k == "mobilisation"),
        townships_review_meeting=sum(v for (_u, k), v in t.meetings.items() if k == "review"),
        checklist=checklist,
        direct_orgs_total=d_total, direct_orgs_new=d_new, direct_orgs_revoked=d_revoked,
        direct_orgs_rectifying=d_rect, counties=counties, coop_committees=coops,
        wechat_groups=sum(r[1] for r in t.wechat), wechat_reach=sum(r[2] for r in t.wechat),
        expected_townships=expected_count(scope), expected_counties=len(agricultural_counties(scope)),
        records_incomplete=sum(t.incomplete.values()))


def _values(t: Tally, figure: str) -> dict[str, int]:
    """unit → value of *figure*."""
    values: dict[str, int] = {}
    if figure == "members_current":
        for unit, _source, cur, _a, _e in t.members:
            values[unit] = values.get(unit, 0) + (cur or 0)
    elif figure == "townships_funding_secured":
        values = dict(t.funding)
    elif figure in ("mobilisation_meeting", "review_meeting"):
        kind = figure.split("_")[0]
        values = {unit: v for (unit, k), v in t.meetings.items() if k == kind}
    elif figure == "checklist_done":
        for unit, _system, _total, done, _verified in t.checklist:
            values[unit] = values.get(unit, 0) + (done or 0)
    elif figure == "direct_orgs":
        values = {r[0]: r[4] or 0 for r in t.orgs}
    else:  # wechat_reach
        values = {r[0]: r[2] for r in t.wechat}
    return values


def _unit_rows(scope: str, n: int, t: Tally, values: dict[str, int]) -> list[tuple[str, str, int]]:
    # units with a township committee, and those the division list expects townships in
    present = {r[0] for r in t.orgs if r[1]} | {c[:n] for c in expected_townships(scope)}
    out, known = [], set()
    for code, name in units_below(scope):
        known.add(code)
        if code in present or values.get(code):
            out.append((code, name, values.get(code, 0)))
    # Records under codes the division list does not know (should not happen): still shown.
    out += [(code, code, v) for code, v in sorted(values.items()) if code not in known and len(code) == n and v]
    return out


# ----------------------------------------------------------------------------- the API
@dataclass(frozen=True)
class Report:
    """The headline figures of a scope and month, and every figure of :data:`FIGURES` per
    unit one level below (figure → [(unit code, unit name, value)])."""

    headline: Headline
    units: dict[str, list[tuple[str, str, int]]]


def headline(ledger: Ledger, scope: str, month: str | None = None) -> Headline:
    """The headline figures of the monthly report of *scope* (a division prefix, "" = the
    whole country) as of the end of *month* ("YYYY-MM", default: this month)."""
    month = month or current_month()
    return _headline(scope, month, _fetch(ledger, scope, month, 0, _ALL))


def units_below(scope: str) -> list[tuple[str, str]]:
    """(code, name) of the units one level below *scope*; a township is its own unit."""
    geo = geography()
    if len(scope) >= 9:
        return [(scope, geo.name(scope))] if geo.exists(scope) else [(scope, scope)]
    return [(d.code, d.name) for d in geo.children(scope)]


def by_unit(ledger: Ledger, scope: str, figure: str, month: str | None = None) -> list[tuple[str, str, int]]:
    """(unit code, unit name, value) of *figure* for each unit one level below *scope*
    (province → prefectures, prefecture → counties, county → townships, township → itself),
    in code order.  Units without a township committee in the ledger and without a value
    are left out (streets, or prefectures of another province)."""
    if figure not in FIGURES:
        raise ValueError(translate(CTX, MSG_BAD_FIGURE).format(figure=figure))
    month = month or current_month()
    n = unit_length(scope)
    t = _fetch(ledger, scope, month, n, _NEEDS[figure])
    return _unit_rows(scope, n, t, _values(t, figure))


def report(ledger: Ledger, scope: str, month: str | None = None) -> Report:
    """:func:`headline` and :func:`by_unit` of every figure at once, from one pass over each
    table (what the dashboard shows)."""
    month = month or current_month()
    n = unit_length(scope)
    t = _fetch(ledger, scope, month, n, _ALL)
    return Report(_headline(scope, month, t), {f: _unit_rows(scope, n, t, _values(t, f)) for f in FIGURES})


# ----------------------------------------------------------------------------- for the monthly report
def split(t: Tally, n: int) -> dict[str, Tally]:
    """*t* per unit of the first *n* characters of its groups' keys.  A key shorter than *n*
    (the records of a level above, e.g. a county committee's when splitting by township)
    stays a unit of its own."""
    out: dict[str, Tally] = {}
    for name in ("members", "orgs", "checklist", "wechat"):
        groups: dict[str, list] = {}
        for row in getattr(t, name):
            unit = row[0][:n]
            rows = groups.get(unit)
            if rows is None:
                rows = groups[unit] = []
            rows.append(row)
        for unit, rows in groups.items():
            part = out.get(unit)
            if part is None:
                part = out[unit] = Tally()
            setattr(part, name, rows)
    for unit, count in t.funding.items():
        out.setdefault(unit[:n], Tally()).funding[unit] = count
    for (unit, kind), count in t.meetings.items():
        out.setdefault(unit[:n], Tally()).meetings[(unit, kind)] = count
    for unit, count in t.incomplete.items():
        part = out.setdefault(unit[:n], Tally()).incomplete
        part[unit] = part.get(unit, 0) + count
    return out


#: The whole-number figures of a :class:`Headline` that :func:`unit_sums` adds up.
SUMS = ("members_current", "members_added", "members_exited", "townships", "townships_funding_secured",
        "townships_mobilisation_meeting", "townships_review_meeting", "direct_orgs_total", "direct_orgs_new",
        "direct_orgs_revoked", "direct_orgs_rectifying", "counties", "coop_committees", "wechat_groups",
        "wechat_reach", "records_incomplete")


def unit_sums(t: Tally, n: int) -> dict[str, dict[str, int]]:
    """unit (the first *n* characters of the groups' keys) → {figure of :data:`SUMS`: value}:
    the same numbers as :func:`headline_of` over :func:`split`, in one pass (for many units)."""
    out: dict[str, dict[str, int]] = {}

    def of(unit: str) -> dict[str, int]:
        d = out.get(unit[:n])
        if d is None:
            d = out[unit[:n]] = dict.fromkeys(SUMS, 0)
        return d

    last = d = None
    for unit, _source, cur, add, ex in t.members:
        if unit != last:  # a unit has a row per source, usually one after the other
            last, d = unit, of(unit)
        d["members_current"] += cur or 0
        d["members_added"] += add or 0
        d["members_exited"] += ex or 0
    for unit, townships, counties, coops, total, new, revoked, rectifying in t.orgs:
        d = of(unit)
        d["townships"] += townships or 0
        d["counties"] += counties or 0
        d["coop_committees"] += coops or 0
        d["direct_orgs_total"] += total or 0
        d["direct_orgs_new"] += new or 0
        d["direct_orgs_revoked"] += revoked or 0
        d["direct_orgs_rectifying"] += rectifying or 0
    for unit, count in t.funding.items():
        of(unit)["townships_funding_secured"] += count
    for (unit, kind), count in t.meetings.items():
        of(unit)[f"townships_{kind}_meeting"] += count
    for unit, groups, reach in t.wechat:
        d = of(unit)
        d["wechat_groups"] += groups
        d["wechat_reach"] += reach
    for unit, count in t.incomplete.items():
        of(unit)["records_incomplete"] += count
    return out


def headline_of(scope: str, month: str, t: Tally) -> Headline:
    """The headline figures of a tally (of a whole scope, or of one unit's part of it)."""
    return _headline(scope, month, t)

