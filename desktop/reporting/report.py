"""The monthly report (月报) of a scope and a month, as every level produces it.

:func:`monthly_report` gathers, for a scope (a county, prefecture, province, "" = the whole
country) and a month, every figure DOMAIN.md lists for the report:

- the headline figures of :mod:`desktop.reporting.figures` for the month and the month before, side
  by side (:attr:`MonthlyReport.comparisons`);
- meeting coverage per level of units under the scope (:class:`LevelCoverage`): townships by
  their committees, counties by their own county committee; the ledger keeps no prefecture or
  province committees, so those levels count the units that *reported* holding one
  (``reported_figure`` ``mobilisation_meeting_held`` / ``review_meeting_held`` for the month);
- every figure per unit one level below (:class:`UnitFigures`), for the tables and bar charts;
- county co-operative working committees per agricultural county (a county with at least one
  rural township, :meth:`desktop.scope.geo.Geography.is_rural_township`, from the division list);
- timeliness (填报及时率): the townships with a live committee whose part of the ledger changed
  during the month (a change record of their scope, or of a village under it, stamped within
  the month, local time: :func:`townships_changed`), and the silent ones;
- the reported figures of the month that differ from what the ledger yields, both numbers
  (:class:`Difference`);
- the lagging units (silent, or differing) with the name and phone of their committee's
  secretary: the list a county works through for one-to-one reminders (:class:`LaggingUnit`).

Speed: one pass over each table computes the month and the month before at once (the
conditions of :data:`desktop.reporting.figures.CONDITIONS`), grouped by township and rolled up in Python;
half of the tables are read on a second read-only connection at the same time.  A national
ledger (~300,000 members, ~700,000 organisations, 2.2 million change records) takes about 2.3 s
on two cores (3.4 s of CPU; 3.5 s on one connection) once its file is in the OS cache:
``benchmarks/bench_report.py``.

:func:`sections` lays the report out as titled tables, the one layout the Excel form
(:mod:`desktop.reporting.report_xlsx`), the PDF (``ui.report_pdf``) and the report view share.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from desktop.reporting import figures
from desktop.records.enums import enumerations
from desktop.errors import ScopeError
from desktop.reporting.figures import Headline, month_bounds, share
from desktop.scope.geo import CODE_LENGTH, COUNTY, geography
from desktop.ledger.hlc import COUNTER_BITS
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger, prefix_range
from desktop.records import natural_org_id

CTX = "report"

#: What the units of each level are called in the report.
LEVELS: dict[int, str] = {
    1: QT_TRANSLATE_NOOP("report", "Provinces"),
    2: QT_TRANSLATE_NOOP("report", "Prefectures"),
    3: QT_TRANSLATE_NOOP("report", "Counties"),
    4: QT_TRANSLATE_NOOP("report", "Townships"),
}

#: The figures the per-unit bar chart can show (key → label); :meth:`UnitFigures.value`.
UNIT_FIGURES: dict[str, str] = {
    "members_current": QT_TRANSLATE_NOOP("report", "Committee members now"),
    "members_added": QT_TRANSLATE_NOOP("report", "Committee members added"),
    "members_exited": QT_TRANSLATE_NOOP("report", "Committee members exited"),
    "townships": QT_TRANSLATE_NOOP("report", "Township committees"),
    "mobilisation_meeting": QT_TRANSLATE_NOOP("report", "Townships that held a mobilisation meeting"),
    "mobilisation_share": QT_TRANSLATE_NOOP("report", "Mobilisation meeting held (% of townships)"),
    "review_meeting": QT_TRANSLATE_NOOP("report", "Townships that held a review meeting"),
    "review_share": QT_TRANSLATE_NOOP("report", "Review meeting held (% of townships)"),
    "direct_orgs": QT_TRANSLATE_NOOP("report", "Directly affiliated organisations"),
    "direct_orgs_new": QT_TRANSLATE_NOOP("report", "New directly affiliated organisations"),
    "direct_orgs_revoked": QT_TRANSLATE_NOOP("report", "Revoked (e.g. hollow)"),
    "direct_orgs_rectifying": QT_TRANSLATE_NOOP("report", "Under rectification"),
    "coop_committees": QT_TRANSLATE_NOOP("report", "Agricultural counties with a co-operative working committee"),
    "coop_share": QT_TRANSLATE_NOOP("report", "Agricultural counties covered (%)"),
    "wechat_groups": QT_TRANSLATE_NOOP("report", "WeChat groups"),
    "wechat_reach": QT_TRANSLATE_NOOP("report", "Young people reached"),
    "funding_secured": QT_TRANSLATE_NOOP("report", "Townships with 20,000 yuan funding secured"),
    "funding_share": QT_TRANSLATE_NOOP("report", "Funding secured (% of townships)"),
    "checklist_done": QT_TRANSLATE_NOOP("report", "Checklist tasks done"),
    "checklist_verified": QT_TRANSLATE_NOOP("report", "Checklist tasks verified"),
    "checklist_share": QT_TRANSLATE_NOOP("report", "Checklist tasks done (%)"),
    "townships_updated": QT_TRANSLATE_NOOP("report", "Townships that updated their ledger"),
    "timeliness_share": QT_TRANSLATE_NOOP("report", "Townships that updated their ledger (%)"),
    "lagging": QT_TRANSLATE_NOOP("report", "Units to remind"),
}
#: The figures of :data:`UNIT_FIGURES` that are shares (0…1), shown as percentages.
SHARE_FIGURES = frozenset(k for k in UNIT_FIGURES if k.endswith("_share"))

#: The headline figures compared with the previous month, in the order of the overview.
COMPARED: dict[str, str] = {
    "members_current": UNIT_FIGURES["members_current"],
    "members_added": UNIT_FIGURES["members_added"],
    "members_exited": UNIT_FIGURES["members_exited"],
    "townships": UNIT_FIGURES["townships"],
    "mobilisation_meeting": UNIT_FIGURES["mobilisation_meeting"],
    "review_meeting": UNIT_FIGURES["review_meeting"],
    "funding_secured": UNIT_FIGURES["funding_secured"],
    "direct_orgs": UNIT_FIGURES["direct_orgs"],
    "direct_orgs_new": UNIT_FIGURES["direct_orgs_new"],
    "direct_orgs_revoked": UNIT_FIGURES["direct_orgs_revoked"],
    "direct_orgs_rectifying": UNIT_FIGURES["direct_orgs_rectifying"],
    "coop_committees": UNIT_FIGURES["coop_committees"],
    "wechat_groups": UNIT_FIGURES["wechat_groups"],
    "wechat_reach": UNIT_FIGURES["wechat_reach"],
    "checklist_done": UNIT_FIGURES["checklist_done"],
    "checklist_verified": UNIT_FIGURES["checklist_verified"],
}

MSG_ALL_OF_CHINA = QT_TRANSLATE_NOOP("report", "All of China")
MSG_TITLE = QT_TRANSLATE_NOOP("report", "Monthly report of {unit}, {month}")
MSG_PAGE = QT_TRANSLATE_NOOP("report", "Page {page} of {pages}")
MSG_CANNOT_WRITE = QT_TRANSLATE_NOOP("report", "Cannot write {path}.")
MSG_GENERATED = QT_TRANSLATE_NOOP("report", "Computed from the ledger on {when}; compared with {previous}.")
MSG_MORE_ROWS = QT_TRANSLATE_NOOP("report", "… and {n} more rows (see the Excel form).")
MSG_NO_SECRETARY = QT_TRANSLATE_NOOP("report", "no secretary on record")
MSG_YES = QT_TRANSLATE_NOOP("report", "yes")
MSG_NO = QT_TRANSLATE_NOOP("report", "no")
MSG_AS_REPORTED = QT_TRANSLATE_NOOP("report", "as reported")
MSG_LEDGER = QT_TRANSLATE_NOOP("report", "ledger")
MSG_NONE_LAGGING = QT_TRANSLATE_NOOP("report", "Every township updated its ledger and no reported figure differs.")
MSG_NONE_DIFFERING = QT_TRANSLATE_NOOP("report", "No reported figure of this month differs from the ledger.")


#: The reported metrics (``report_metric``) other than meetings, and the ledger's figure for each.
REPORTED_AS = {
    "members_current": "members_current", "members_added": "members_added", "members_exited": "members_exited",
    "direct_orgs_total": "direct_orgs_total", "direct_orgs_new": "direct_orgs_new",
    "wechat_groups": "wechat_groups", "wechat_reach": "wechat_reach", "funding_secured": "townships_funding_secured",
}


# ----------------------------------------------------------------------------- months and stamps
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
    """The month before today's: the month a monthly report is usually about."""
    return previous_month(figures.current_month(today))


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


# ----------------------------------------------------------------------------- queries
def _scope_range(scope: str) -> tuple[str, str]:
    """Bounds of the record scopes within *scope* (division codes are digits)."""
    return prefix_range(scope) if scope else ("0", ":")


def townships_changed(ledger: Ledger, scope: str, month: str) -> set[str]:
    """The townships (9-digit codes) within *scope* whose part of the ledger changed during
    *month*: a change record of the township's scope, or of a village under it, stamped
    within the month.  Served by the change log's (scope, stamp) index alone."""
    lo, hi = month_stamp_range(month)
    s_lo, s_hi = _scope_range(scope)
    rows = ledger.conn.execute(
        "SELECT DISTINCT substr(scope, 1, 9) FROM change_log "
        "WHERE scope >= ? AND scope < ? AND stamp >= ? AND stamp < ?", (s_lo, s_hi, lo, hi))
    return {r[0] for r in rows if len(r[0]) == 9}


@dataclass(frozen=True)
class Contact:
    """Whom to call: a committee's secretary."""

    name: str
    phone: str


def secretaries(ledger: Ledger, scope: str) -> dict[str, Contact]:
    """org id → the secretary of every committee within *scope* (post "secretary", not exited,
    not deleted; the one who joined last when the ledger holds several), in one pass."""
    cursor = ledger.conn.cursor()
    cursor.row_factory = None
    out: dict[str, Contact] = {}
    for org, name, phone in cursor.execute(
            f"SELECT org_id, name, phone FROM committee_member WHERE deleted = 0 AND post = 'secretary' "
            f"AND exited_on IS NULL AND {_scope_sql(ledger, scope)} ORDER BY org_id, joined_on, id",
            dict(zip(("lo", "hi"), _scope_range(scope)))):
        out[org] = Contact(name or "", phone or "")
    return out


def _committee_meetings(ledger: Ledger, kind: str, scope: str) -> dict[str, dict[str, str]]:
    """division code → {meeting kind: first day held} of the *kind* committees within *scope*
    (mobilisation and review meetings; by the natural ids, through the meetings' org index)."""
    lo, hi = prefix_range(natural_org_id(kind, scope))
    skip = len(natural_org_id(kind, ""))
    out: dict[str, dict[str, str]] = {}
    for org, meeting_kind, first in ledger.conn.execute(
            "SELECT org_id, kind, min(held_on) FROM meeting WHERE org_id >= ? AND org_id < ? AND deleted = 0 "
            "AND +kind IN ('mobilisation', 'review') GROUP BY org_id, kind", (lo, hi)):
        out.setdefault(org[skip:], {})[meeting_kind] = first
    return out


def _coop_committees(ledger: Ledger, scope: str) -> list[tuple[str, str | None]]:
    """(county code, founded on) of the live county co-operative working committees within *scope*."""
    lo, hi = prefix_range(natural_org_id("county_coop_committee", scope))
    return [tuple(r) for r in ledger.conn.execute(
        "SELECT division_code, founded_on FROM organisation WHERE id >= ? AND id < ? AND deleted = 0 "
        "AND status IS NOT 'revoked'", (lo, hi))]


def _reported(ledger: Ledger, scope: str, month: str) -> list[tuple]:
    """(unit, metric, value, reported by, reported on) of the figures reported for *month*."""
    lo, hi = _scope_range(scope)
    return _rows(ledger, f"SELECT unit_code, metric, value, reported_by, reported_on FROM reported_figure "
                         f"WHERE deleted = 0 AND month = :month AND {_scope_sql(ledger, scope)} "
                         f"ORDER BY unit_code, metric", {"month": month, "lo": lo, "hi": hi})


# ----------------------------------------------------------------------------- two months in one pass
# The queries of desktop.reporting.figures, each computing the month and the month before at once: the
# conditions are figures.CONDITIONS over the month's parameters (:start, :end, :year) and, renamed,
# over the previous month's (:pstart, :pend, :pyear).  The results are two figures.Tally, so every
# figure is summed exactly as desktop.reporting.figures sums it (the tests compare both, month by month).
_C = figures.CONDITIONS


def _before(condition: str) -> str:
    """*condition* over the previous month's parameters."""
    return re.sub(r":(start|end|year)\b", r":p\1", condition)


def _scope_sql(ledger: Ledger, scope: str, alias: str = "") -> str:
    """"The record's scope lies within *scope*" over :lo and :hi.  When the scope holds the whole
    ledger, the table is read in file order rather than through the scope index ("+")."""
    if not scope:
        return "1"
    column = f"{alias}.scope" if alias else "scope"
    if ledger.scope.startswith(scope):
        column = "+" + column
    return f"{column} >= :lo AND {column} < :hi"


def _unit(n: int, alias: str = "") -> str:
    column = f"{alias}.scope" if alias else "scope"
    return f"substr({column}, 1, {n})" if n else "''"


def _rows(ledger: Ledger, sql: str, params: dict) -> list[tuple]:
    cursor = ledger.conn.cursor()
    cursor.row_factory = None  # plain tuples
    return cursor.execute(sql, params).fetchall()


def _two_month_params(scope: str, month: str, prev: str) -> dict:
    start, end = month_bounds(month)
    pstart, pend = month_bounds(prev)
    lo, hi = _scope_range(scope)
    return {"start": start, "end": end, "year": int(month[:4]), "pstart": pstart, "pend": pend,
            "pyear": int(prev[:4]), "threshold": figures.FUNDING_SECURED_FEN, "lo": lo, "hi": hi, "month": month}


def _members2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[list, list]:
    cur, add, ex = _C["member_current"], "joined_on BETWEEN :start AND :end", "exited_on BETWEEN :start AND :end"
    rows = _rows(ledger, f"SELECT {_unit(n)} AS unit, source, sum({cur}), sum({add}), sum({ex}), sum({_before(cur)}), "
                         f"sum({_before(add)}), sum({_before(ex)}) FROM committee_member "
                         f"WHERE deleted = 0 AND {_scope_sql(ledger, scope)} GROUP BY unit, source", p)
    return [r[:5] for r in rows], [(r[0], r[1], *r[5:]) for r in rows]


def _orgs2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[list, list]:
    """(unit, townships, counties, co-op committees, direct orgs total, new, revoked, under rectification)."""
    where, by_end = _scope_sql(ledger, scope), _C["org_by_end"]
    kinds = ("township_committee", "county_committee", "county_coop_committee")
    units: list[dict[str, list[int]]] = [{}, {}]
    # the committees, by their natural ids ("org-<kind>-<division>"): a small range of the primary key
    lo, hi = "org-county_", prefix_range(natural_org_id("township_committee", ""))[1]
    for unit, kind, *counts in _rows(
            ledger, f"SELECT {_unit(n)} AS unit, kind, sum(kind != 'county_coop_committee' OR {by_end}), "
                    f"sum(kind != 'county_coop_committee' OR {_before(by_end)}) FROM organisation "
                    f"WHERE id >= :id_lo AND id < :id_hi AND deleted = 0 AND {where} AND kind IN {kinds} "
                    f"AND status IS NOT 'revoked' GROUP BY unit, kind", {**p, "id_lo": lo, "id_hi": hi}):
        for month_units, count in zip(units, counts):
            month_units.setdefault(unit, [0] * 7)[kinds.index(kind)] = count or 0
    # The directly affiliated organisations (590,000 nationally): counted per unit, status and two
    # buckets (founded; status changed: before / during the previous month / during this month /
    # later), in one pass; the figures follow from the buckets as desktop.reporting.figures defines them.
    for unit, status, founded, changed, count in _rows(
            ledger, f"SELECT {_unit(n)} AS unit, status, "
                    f"CASE WHEN founded_on IS NULL OR founded_on < :pstart THEN 0 WHEN founded_on <= :pend THEN 1 "
                    f"WHEN founded_on <= :end THEN 2 ELSE 3 END AS f, "
                    f"CASE WHEN status = 'active' THEN 0 "
                    f"WHEN status_changed_on IS NULL OR status_changed_on <= :pend THEN 1 "
                    f"WHEN status_changed_on <= :end THEN 2 ELSE 3 END AS s, count(*) FROM organisation "
                    f"WHERE deleted = 0 AND {where} AND kind = 'direct_org' GROUP BY unit, status, f, s", p):
        for i, month_units in enumerate(units):
            last = 2 - i  # the bucket of the month: 2 this month, 1 the previous one
            values = month_units.setdefault(unit, [0] * 7)
            if founded > last:
                continue  # founded after the month
            status_dated = changed <= last
            if not (status == "revoked" and status_dated):
                values[3] += count      # total
            if founded == last:
                values[4] += count      # new: founded during the month
            if status_dated and status == "revoked":
                values[5] += count
            elif status_dated and status == "rectifying":
                values[6] += count
    return tuple([(unit, *values) for unit, values in sorted(m.items())] for m in units)  # type: ignore[return-value]


def _funding2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[dict, dict]:
    received = "(f.received_on IS NULL OR f.received_on <= :end)"
    rows = _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, sum(s.cur >= :threshold), sum(s.prev >= :threshold) FROM ("
                 f"  SELECT f.org_id, "
                 f"  sum(CASE WHEN f.year = :year AND {received} THEN coalesce(f.received, 0) ELSE 0 END) AS cur, "
                 f"  sum(CASE WHEN f.year = :pyear AND {_before(received)} THEN coalesce(f.received, 0) ELSE 0 END) "
                 f"  AS prev FROM funding_entry f WHERE f.deleted = 0 AND {_scope_sql(ledger, scope, 'f')} "
                 f"  AND f.year IN (:year, :pyear) GROUP BY f.org_id"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_C['live_township']} GROUP BY unit", p)
    return {r[0]: r[1] for r in rows if r[1]}, {r[0]: r[2] for r in rows if r[2]}


def _meetings2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[dict, dict]:
    """(unit, kind) → township committees that held a mobilisation / review meeting by each month's end."""
    rows = _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, s.kind, sum(s.first <= :end), sum(s.first <= :pend) FROM ("
                 # "+": not by the org_id index (a random walk over the whole table)
                 f"  SELECT +m.org_id AS org_id, m.kind AS kind, min(m.held_on) AS first FROM meeting m "
                 f"  WHERE m.deleted = 0 AND {_scope_sql(ledger, scope, 'm')} AND m.kind IN ('mobilisation', 'review') "
                 f"  AND m.held_on <= :end GROUP BY 1, 2"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_C['live_township']} GROUP BY unit, s.kind", p)
    return {(r[0], r[1]): r[2] for r in rows if r[2]}, {(r[0], r[1]): r[3] for r in rows if r[3]}


def _checklist2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[list, list]:
    done, verified = _C["task_done"], _C["task_verified"]
    rows = _rows(ledger, f"SELECT {_unit(n)} AS unit, system, count(*), sum({done}), sum({verified}), "
                         f"sum({_before(done)}), sum({_before(verified)}) FROM checklist_task "
                         f"WHERE deleted = 0 AND {_scope_sql(ledger, scope)} GROUP BY unit, system", p)
    return [r[:5] for r in rows], [(*r[:3], *r[5:]) for r in rows]


def _wechat2(ledger: Ledger, scope: str, p: dict, n: int) -> tuple[list, list]:
    by_end = _C["group_by_end"]
    rows = _rows(ledger, f"SELECT {_unit(n)} AS unit, sum({by_end}), coalesce(sum(CASE WHEN {by_end} THEN "
                         f"youth_reached END), 0), sum({_before(by_end)}), coalesce(sum(CASE WHEN {_before(by_end)} "
                         f"THEN youth_reached END), 0) FROM wechat_group WHERE deleted = 0 "
                         f"AND {_scope_sql(ledger, scope)} GROUP BY unit", p)
    return [r[:3] for r in rows if r[1]], [(r[0], r[3], r[4]) for r in rows if r[3]]


@functools.lru_cache(maxsize=64)
def agricultural_counties(scope: str) -> frozenset[str]:
    """The agricultural counties (涉农县) within *scope*: counties of the division list with at
    least one rural township (乡, 民族乡, 镇, 苏木)."""
    geo = geography()
    if len(scope) > CODE_LENGTH[COUNTY]:
        return frozenset()
    counties = [scope] if len(scope) == CODE_LENGTH[COUNTY] else [d.code for d in geo.descendants(scope, COUNTY)]
    return frozenset(c for c in counties if any(geo.is_rural_township(t.code) for t in geo.children(c)))


# ----------------------------------------------------------------------------- the report
@dataclass(frozen=True)
class LevelCoverage:
    """Meetings held by the units of one level under the scope, by the month's end."""

    level: int  # 1 province, 2 prefecture, 3 county, 4 township
    units: int
    mobilisation: int
    review: int
    #: counted from the units' reported figures (the ledger keeps no committees of this level)
    reported: bool = False

    @property
    def label(self) -> str:
        return translate(CTX, LEVELS[self.level])

    @property
    def mobilisation_share(self) -> float | None:
        return share(self.mobilisation, self.units)

    @property
    def review_share(self) -> float | None:
        return share(self.review, self.units)


@dataclass(frozen=True)
class UnitFigures:
    """Every figure of one unit one level below the scope."""

    code: str
    name: str
    figures: Headline
    agricultural_counties: int = 0
    #: agricultural counties with a co-operative working committee
    coop_counties: int = 0
    townships_updated: int = 0
    #: townships (or the unit itself) that reported figures for the month
    reporting: int = 0
    lagging: int = 0

    def value(self, figure: str) -> float | int | None:
        """The unit's value of a figure of :data:`UNIT_FIGURES` (shares 0…1, None without a whole)."""
        h = self.figures
        total, done, verified = h.checklist_total
        return {
            "members_current": h.members_current, "members_added": h.members_added,
            "members_exited": h.members_exited, "townships": h.townships,
            "mobilisation_meeting": h.townships_mobilisation_meeting, "mobilisation_share": h.mobilisation_meeting_share,
            "review_meeting": h.townships_review_meeting, "review_share": h.review_meeting_share,
            "direct_orgs": h.direct_orgs_total, "direct_orgs_new": h.direct_orgs_new,
            "direct_orgs_revoked": h.direct_orgs_revoked, "direct_orgs_rectifying": h.direct_orgs_rectifying,
            "coop_committees": self.coop_counties, "coop_share": share(self.coop_counties, self.agricultural_counties),
            "wechat_groups": h.wechat_groups, "wechat_reach": h.wechat_reach,
            "funding_secured": h.townships_funding_secured, "funding_share": h.funding_secured_share,
            "checklist_done": done, "checklist_verified": verified, "checklist_share": share(done, total),
            "townships_updated": self.townships_updated, "timeliness_share": share(self.townships_updated, h.townships),
            "lagging": self.lagging,
        }[figure]


@dataclass(frozen=True)
class Comparison:
    """A headline figure this month and the month before."""

    key: str
    value: int
    previous: int
    share: float | None = None
    previous_share: float | None = None

    @property
    def label(self) -> str:
        return translate(CTX, COMPARED[self.key])

    @property
    def change(self) -> int:
        return self.value - self.previous


@dataclass(frozen=True)
class UnitRef:
    """A unit in a list: code, name, and the full name of the unit above it."""

    code: str
    name: str
    within: str


@dataclass(frozen=True)
class Difference:
    """A figure a unit reported for the month that differs from what the ledger yields."""

    unit: UnitRef
    metric: str
    reported: int
    ledger: int
    reported_by: str = ""
    reported_on: str = ""

    @property
    def label(self) -> str:
        return enumerations().label("report_metric", self.metric)

    @property
    def change(self) -> int:
        """Reported minus ledger."""
        return self.reported - self.ledger


@dataclass(frozen=True)
class LaggingUnit:
    """A unit to remind: silent this month (no change to its part of the ledger), or whose
    reported figures differ from the ledger, with its secretary's contact."""

    unit: UnitRef
    silent: bool
    differences: int
    secretary: Contact | None


@dataclass(frozen=True)
class MonthlyReport:
    """The monthly report (月报) of a scope and a month."""

    scope: str
    scope_name: str
    month: str
    previous_month: str
    generated_at: str
    headline: Headline
    previous: Headline
    levels: tuple[LevelCoverage, ...]
    #: the level of :attr:`units` (1 province … 4 township)
    unit_level: int
    units: tuple[UnitFigures, ...]
    agricultural_counties: int
    coop_counties: int
    previous_coop_counties: int
    updated: tuple[UnitRef, ...]
    silent: tuple[UnitRef, ...]
    #: codes of the units that reported figures for the month
    reporting: tuple[str, ...]
    differences: tuple[Difference, ...]
    lagging: tuple[LaggingUnit, ...]

    @property
    def title(self) -> str:
        return translate(CTX, MSG_TITLE).format(unit=self.scope_name, month=self.month)

    @property
    def unit_label(self) -> str:
        """What the units below are called ("Townships", …)."""
        return translate(CTX, LEVELS[self.unit_level])

    @property
    def coop_share(self) -> float | None:
        """Agricultural counties covered by a co-operative working committee."""
        return share(self.coop_counties, self.agricultural_counties)

    @property
    def timeliness_share(self) -> float | None:
        """Townships that updated their ledger this month."""
        return share(len(self.updated), len(self.updated) + len(self.silent))

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        h, p = self.headline, self.previous
        agri = self.agricultural_counties
        values = {
            "members_current": (h.members_current, p.members_current),
            "members_added": (h.members_added, p.members_added),
            "members_exited": (h.members_exited, p.members_exited),
            "townships": (h.townships, p.townships),
            "mobilisation_meeting": (h.townships_mobilisation_meeting, p.townships_mobilisation_meeting,
                                     h.mobilisation_meeting_share, p.mobilisation_meeting_share),
            "review_meeting": (h.townships_review_meeting, p.townships_review_meeting,
                               h.review_meeting_share, p.review_meeting_share),
            "funding_secured": (h.townships_funding_secured, p.townships_funding_secured,
                                h.funding_secured_share, p.funding_secured_share),
            "direct_orgs": (h.direct_orgs_total, p.direct_orgs_total),
            "direct_orgs_new": (h.direct_orgs_new, p.direct_orgs_new),
            "direct_orgs_revoked": (h.direct_orgs_revoked, p.direct_orgs_revoked),
            "direct_orgs_rectifying": (h.direct_orgs_rectifying, p.direct_orgs_rectifying),
            "coop_committees": (self.coop_counties, self.previous_coop_counties,
                                share(self.coop_counties, agri), share(self.previous_coop_counties, agri)),
            "wechat_groups": (h.wechat_groups, p.wechat_groups),
            "wechat_reach": (h.wechat_reach, p.wechat_reach),
            "checklist_done": (h.checklist_total[1], p.checklist_total[1], h.checklist_done_share,
                               p.checklist_done_share),
            "checklist_verified": (h.checklist_total[2], p.checklist_total[2],
                                   share(h.checklist_total[2], h.checklist_total[0]),
                                   share(p.checklist_total[2], p.checklist_total[0])),
        }
        return tuple(Comparison(key, *values[key]) for key in COMPARED)

    def comparison(self, key: str) -> Comparison:
        return next(c for c in self.comparisons if c.key == key)

    def unit_values(self, figure: str) -> list[tuple[str, str, float | int | None]]:
        """(code, name, value) of *figure* (a key of :data:`UNIT_FIGURES`) per unit below."""
        if figure not in UNIT_FIGURES:
            raise ValueError(translate("figures", figures.MSG_BAD_FIGURE).format(figure=figure))
        return [(u.code, u.name, u.value(figure)) for u in self.units]


# ----------------------------------------------------------------------------- computing it
class _Beside:
    """Run ``fn(reader)`` on a read-only connection of its own in a thread, beside the caller's
    work (SQLite releases the GIL while it steps, so two passes overlap)."""

    def __init__(self, path: Path, fn: Callable[[Ledger], Any]) -> None:
        self._fn, self._path = fn, path
        self._result: Any = None
        self._error: BaseException | None = None
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="monthly-report", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            reader = Ledger.open(self._path, read_only=True, verify=False)
            try:
                with self._lock:
                    self._conn = reader.conn
                self._result = self._fn(reader)
            finally:
                with self._lock:
                    self._conn = None
                reader.close()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def interrupt(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result


def _unit_length(scope: str) -> int:
    return {0: 2, 2: 4, 4: 6, 6: 9}.get(len(scope), len(scope))


def _level(code: str) -> int:
    return {0: 0, 2: 1, 4: 2, 6: 3, 9: 4}.get(len(code), 4)


def _name(code: str) -> str:
    d = geography().get(code)
    return d.name if d else code


def _part_a(scope: str, p: dict) -> Callable[[Ledger], dict]:
    """Organisations, meetings, funding, reported figures, secretaries (about half the work)."""
    def work(reader: Ledger) -> dict:
        return {"orgs": _orgs2(reader, scope, p, 9), "meetings": _meetings2(reader, scope, p, 9),
                "funding": _funding2(reader, scope, p, 9),
                "county_meetings": _committee_meetings(reader, "county_committee", scope) if len(scope) < 9 else {},
                "coops": _coop_committees(reader, scope) if len(scope) <= 6 else [],
                "reported": _reported(reader, scope, p["month"]), "secretaries": secretaries(reader, scope)}
    return work


def _part_b(scope: str, p: dict, n_unit: int, month: str) -> Callable[[Ledger], dict]:
    """Members, checklist (per unit below only), WeChat groups, the change log (the other half)."""
    def work(reader: Ledger) -> dict:
        return {"members": _members2(reader, scope, p, 9), "checklist": _checklist2(reader, scope, p, n_unit),
                "wechat": _wechat2(reader, scope, p, 9), "changed": townships_changed(reader, scope, month)}
    return work


def monthly_report(ledger: Ledger, scope: str, month: str | None = None, *, parallel: bool = True) -> MonthlyReport:
    """The monthly report of *scope* (a division code, "" = the whole country) for *month*
    ("YYYY-MM", default: last month), as of the month's end.  *parallel*: read half of the
    tables on a second read-only connection at the same time (needs the ledger's file)."""
    month = month or last_month()
    prev = previous_month(month)
    geo = geography()
    if scope and not geo.exists(scope):
        raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
    end, pend = month_bounds(month)[1], month_bounds(prev)[1]
    p = _two_month_params(scope, month, prev)
    n = _unit_length(scope)
    part_b = _part_b(scope, p, n, month)
    beside = _Beside(ledger.path, part_b) if parallel and ledger.path and Path(ledger.path).exists() else None
    try:
        a = _part_a(scope, p)(ledger)
        b = beside.result() if beside else part_b(ledger)
    except BaseException:
        if beside:
            beside.interrupt()
            try:
                beside.result()
            except BaseException:  # noqa: S110 - the first error is the one to report
                pass
        raise
    t = figures.Tally(members=b["members"][0], orgs=a["orgs"][0], funding=a["funding"][0], meetings=a["meetings"][0],
                      checklist=b["checklist"][0], wechat=b["wechat"][0])
    prev_tally = figures.Tally(members=b["members"][1], orgs=a["orgs"][1], funding=a["funding"][1],
                               meetings=a["meetings"][1], checklist=b["checklist"][1], wechat=b["wechat"][1])
    county_meetings, coops, changed = a["county_meetings"], a["coops"], b["changed"]
    reported_rows = a["reported"]
    head = figures.headline_of(scope, month, t)
    previous = figures.headline_of(scope, prev, prev_tally)

    sums: dict[int, dict[str, dict[str, int]]] = {}
    zero = dict.fromkeys(figures.SUMS, 0)

    def unit_sums(code: str) -> dict[str, int]:
        """The whole-number figures of one unit of any level."""
        by_unit = sums.get(len(code))
        if by_unit is None:
            by_unit = sums[len(code)] = figures.unit_sums(t, len(code))
        return by_unit.get(code, zero)

    townships = sorted(r[0] for r in t.orgs if len(r[0]) == 9 and r[1])
    counties = sorted(r[0] for r in t.orgs if len(r[0]) == 6 and r[2])

    # ---- meetings per level
    def county_held(code: str, kind: str, by: str) -> bool:
        first = county_meetings.get(code, {}).get(kind)
        return first is not None and first <= by

    reported_held: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for unit, metric, value, _by, _on in reported_rows:
        if metric in ("mobilisation_meeting_held", "review_meeting_held"):
            reported_held[unit][metric] = value
    levels = []
    for level in range(min(_level(scope) + 1, 4), 5):
        if level == 4:
            levels.append(LevelCoverage(4, head.townships, head.townships_mobilisation_meeting,
                                        head.townships_review_meeting))
        elif level == 3:
            levels.append(LevelCoverage(3, len(counties),
                                        sum(county_held(c, "mobilisation", end) for c in counties),
                                        sum(county_held(c, "review", end) for c in counties)))
        else:  # the ledger keeps no prefecture or province committees: as they reported
            length = CODE_LENGTH[level]
            units = {c[:length] for c in townships} | {c[:length] for c in counties}
            levels.append(LevelCoverage(
                level, len(units),
                sum(1 for u in units if reported_held.get(u, {}).get("mobilisation_meeting_held", 0) > 0),
                sum(1 for u in units if reported_held.get(u, {}).get("review_meeting_held", 0) > 0),
                reported=True))

    # ---- co-operative working committees per agricultural county
    agri = agricultural_counties(scope)
    covered = {code for code, founded in coops if code in agri and (founded is None or founded <= end)}
    covered_before = {code for code, founded in coops if code in agri and (founded is None or founded <= pend)}

    # ---- reported figures against the ledger
    def ledger_value(unit: str, metric: str) -> int | None:
        if metric in ("mobilisation_meeting_held", "review_meeting_held"):
            kind = metric.split("_")[0]
            if len(unit) == 9:
                return int(unit_sums(unit)[f"townships_{kind}_meeting"] > 0)
            if len(unit) == 6:
                return int(county_held(unit, kind, end))
            return None  # no committee of a prefecture or province in the ledger
        column = REPORTED_AS.get(metric)
        return None if column is None else unit_sums(unit)[column]

    refs: dict[str, UnitRef] = {}
    within: dict[str, str] = {}

    def ref(code: str) -> UnitRef:
        found = refs.get(code)
        if found is None:
            d = geo.get(code)
            if d is None:
                found = UnitRef(code, code, "")
            else:
                parent = d.parent_code or ""
                if parent not in within:
                    within[parent] = geo.full_name(parent) if parent else ""
                found = UnitRef(code, d.name, within[parent])
            refs[code] = found
        return found

    differences = []
    for unit, metric, value, by, on in reported_rows:
        column = REPORTED_AS.get(metric)
        # the common case inline: a whole-number figure of a township (163,000 rows nationally)
        expected = unit_sums(unit)[column] if column else ledger_value(unit, metric)
        if expected is not None and value is not None and value != expected:
            differences.append(Difference(ref(unit), metric, value, expected, by or "", on or ""))
    reporting_codes = sorted({r[0] for r in reported_rows})

    # ---- timeliness and the reminders list
    silent_codes = [c for c in townships if c not in changed]
    updated_codes = [c for c in townships if c in changed]
    differing = collections.Counter(d.unit.code for d in differences)
    lag_codes = sorted(set(silent_codes) | set(differing))
    committees = {c: natural_org_id("township_committee" if len(c) == 9 else "county_committee", c)
                  for c in lag_codes if len(c) in (6, 9)}
    contacts = a["secretaries"]
    silent_set = set(silent_codes)
    lagging = tuple(LaggingUnit(ref(c), c in silent_set, differing.get(c, 0), contacts.get(committees.get(c, "")))
                    for c in lag_codes)

    # ---- every figure per unit below
    by_unit = figures.split(t, n)
    present = {key for key in by_unit if len(key) == n}
    order = [code for code, _name in figures.units_below(scope)]
    codes = [c for c in order if c in present] + sorted(present - set(order))
    count = collections.Counter
    agri_by, covered_by = count(c[:n] for c in agri), count(c[:n] for c in covered)
    updated_by, lagging_by = count(c[:n] for c in updated_codes), count(c[:n] for c in lag_codes)
    reporting_by = count(c[:n] for c in reporting_codes if len(c) >= n)
    units = tuple(UnitFigures(code, _name(code), figures.headline_of(code, month, by_unit[code]),
                              agri_by[code], covered_by[code], updated_by[code], reporting_by[code], lagging_by[code])
                  for code in codes)

    return MonthlyReport(
        scope=scope, scope_name=geo.full_name(scope) if scope else translate(CTX, MSG_ALL_OF_CHINA),
        month=month, previous_month=prev, generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        headline=head, previous=previous, levels=tuple(levels), unit_level={2: 1, 4: 2, 6: 3, 9: 4}[n],
        units=units, agricultural_counties=len(agri), coop_counties=len(covered),
        previous_coop_counties=len(covered_before),
        updated=tuple(ref(c) for c in updated_codes), silent=tuple(ref(c) for c in silent_codes),
        reporting=tuple(reporting_codes), differences=tuple(differences), lagging=lagging)


# ----------------------------------------------------------------------------- layout
@dataclass(frozen=True)
class Column:
    """A column of a report table: its title and how its values are shown."""

    title: str
    #: "text", "int", "share" (0…1, shown as a percentage), "change" (a signed int)
    kind: str = "int"


@dataclass(frozen=True)
class Table:
    """A titled table of the report.  ``chart`` names the value columns a per-unit bar chart
    of this table shows (the first column holds the unit names)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    note: str = ""
    chart: tuple[int, ...] = ()
    chart_title: str = ""
    #: names of the chart's series (default: the columns' titles)
    chart_series: tuple[str, ...] = ()

    def series_names(self) -> tuple[str, ...]:
        return self.chart_series or tuple(self.columns[c].title for c in self.chart)


@dataclass(frozen=True)
class Section:
    """A part of the report: a sheet of the Excel form, a tab of the view."""

    key: str
    title: str
    tables: tuple[Table, ...]


def format_share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def format_cell(value: object, kind: str) -> str:
    """A cell as text (the PDF, the CLI)."""
    if value is None:
        return "–" if kind in ("share", "int", "change") else ""
    if kind == "share":
        return format_share(value)  # type: ignore[arg-type]
    if kind == "change":
        return f"{value:+,}" if value else "0"
    if kind == "int":
        return f"{value:,}"
    return str(value)


def _t(text: str) -> str:
    return translate(CTX, text)


def _unit_column(report: MonthlyReport) -> Column:
    return Column(_t(LEVELS[report.unit_level]), "text")


def sections(report: MonthlyReport) -> list[Section]:
    """The report laid out as sections of titled tables (translated)."""
    h = report.headline
    enums = enumerations()
    unit_col = _unit_column(report)
    T, C = _t, Column

    overview = Table(
        "headline", T(QT_TRANSLATE_NOOP("report", "Headline figures")),
        (C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(report.month), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change"), C(T(QT_TRANSLATE_NOOP("report", "Share")), "share"),
         C(T(QT_TRANSLATE_NOOP("report", "Share last month")), "share")),
        tuple((c.label, c.value, c.previous, c.change, c.share, c.previous_share) for c in report.comparisons),
        note=T(MSG_GENERATED).format(when=report.generated_at, previous=report.previous_month))

    p = report.previous
    sources = Table(
        "sources", T(QT_TRANSLATE_NOOP("report", "Committee members by source")),
        (C(T(QT_TRANSLATE_NOOP("report", "Source category")), "text"), C(report.month),
         C(T(QT_TRANSLATE_NOOP("report", "Share")), "share"), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change")),
        tuple((enums.label("member_source", k), v, share(v, h.members_current), p.members_by_source.get(k, 0),
               v - p.members_by_source.get(k, 0)) for k, v in h.members_by_source.items()))
    member_units = Table(
        "members_by_unit", T(QT_TRANSLATE_NOOP("report", "Committee members by unit")),
        (unit_col, C(T(UNIT_FIGURES["members_current"])), C(T(UNIT_FIGURES["members_added"])),
         C(T(UNIT_FIGURES["members_exited"])),
         *(C(enums.label("member_source", k)) for k in h.members_by_source)),
        tuple((u.name, u.figures.members_current, u.figures.members_added, u.figures.members_exited,
               *(u.figures.members_by_source.get(k, 0) for k in h.members_by_source)) for u in report.units),
        chart=(1,), chart_title=T(UNIT_FIGURES["members_current"]))

    held, share_col = T(QT_TRANSLATE_NOOP("report", "Units")), T(QT_TRANSLATE_NOOP("report", "Share"))
    mob, rev = T(QT_TRANSLATE_NOOP("report", "Mobilisation meeting held")), T(QT_TRANSLATE_NOOP("report", "Review meeting held"))
    levels = Table(
        "levels", T(QT_TRANSLATE_NOOP("report", "Meetings held, per level")),
        (C(T(QT_TRANSLATE_NOOP("report", "Level")), "text"), C(held), C(mob), C(share_col, "share"), C(rev),
         C(share_col, "share"), C(T(QT_TRANSLATE_NOOP("report", "Counted from")), "text")),
        tuple((lv.label, lv.units, lv.mobilisation, lv.mobilisation_share, lv.review, lv.review_share,
               T(MSG_AS_REPORTED) if lv.reported else T(MSG_LEDGER)) for lv in report.levels),
        note=T(QT_TRANSLATE_NOOP("report", "Townships and counties count their own committee's meetings held by "
                                           "the month's end; prefectures and provinces, which have no committee in "
                                           "the ledger, count as they reported.")))
    meeting_units = Table(
        "meetings_by_unit", T(QT_TRANSLATE_NOOP("report", "Townships that held the meetings, by unit")),
        (unit_col, C(T(UNIT_FIGURES["townships"])), C(mob), C(share_col, "share"), C(rev), C(share_col, "share")),
        tuple((u.name, u.figures.townships, u.figures.townships_mobilisation_meeting,
               u.figures.mobilisation_meeting_share, u.figures.townships_review_meeting, u.figures.review_meeting_share)
              for u in report.units),
        chart=(3, 5), chart_title=T(QT_TRANSLATE_NOOP("report", "Meetings held (% of townships)")),
        chart_series=(mob, rev))

    orgs = Table(
        "organisations", T(QT_TRANSLATE_NOOP("report", "Directly affiliated organisations and co-operative working "
                                                       "committees")),
        (C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(report.month), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change"), C(T(QT_TRANSLATE_NOOP("report", "Share")), "share")),
        tuple((c.label, c.value, c.previous, c.change, c.share) for c in report.comparisons
              if c.key.startswith(("direct_orgs", "coop"))),
        note=T(QT_TRANSLATE_NOOP("report", "Agricultural counties (with at least one rural township): {n}.")).format(
            n=f"{report.agricultural_counties:,}"))
    counties_below = report.unit_level <= 3  # townships have no co-operative working committees of their own
    org_units = Table(
        "orgs_by_unit", T(QT_TRANSLATE_NOOP("report", "Organisations by unit")),
        (unit_col, C(T(UNIT_FIGURES["direct_orgs"])), C(T(UNIT_FIGURES["direct_orgs_new"])),
         C(T(UNIT_FIGURES["direct_orgs_revoked"])), C(T(UNIT_FIGURES["direct_orgs_rectifying"])))
        + ((C(T(QT_TRANSLATE_NOOP("report", "Agricultural counties"))),
            C(T(QT_TRANSLATE_NOOP("report", "With a co-operative working committee"))), C(share_col, "share"))
           if counties_below else ()),
        tuple((u.name, u.figures.direct_orgs_total, u.figures.direct_orgs_new, u.figures.direct_orgs_revoked,
               u.figures.direct_orgs_rectifying)
              + ((u.agricultural_counties, u.coop_counties, u.value("coop_share")) if counties_below else ())
              for u in report.units),
        chart=(1,), chart_title=T(UNIT_FIGURES["direct_orgs"]))

    wechat = Table(
        "wechat_by_unit", T(QT_TRANSLATE_NOOP("report", "WeChat groups by unit")),
        (unit_col, C(T(UNIT_FIGURES["wechat_groups"])), C(T(UNIT_FIGURES["wechat_reach"]))),
        tuple((u.name, u.figures.wechat_groups, u.figures.wechat_reach) for u in report.units),
        chart=(2,), chart_title=T(UNIT_FIGURES["wechat_reach"]))

    funding = Table(
        "funding_by_unit", T(QT_TRANSLATE_NOOP("report", "Townships with 20,000 yuan funding secured, by unit")),
        (unit_col, C(T(UNIT_FIGURES["townships"])), C(T(QT_TRANSLATE_NOOP("report", "Funding secured"))),
         C(share_col, "share")),
        tuple((u.name, u.figures.townships, u.figures.townships_funding_secured, u.figures.funding_secured_share)
              for u in report.units),
        chart=(3,), chart_title=T(UNIT_FIGURES["funding_share"]))

    tasks, done, verified = (T(QT_TRANSLATE_NOOP("report", "Tasks")), T(QT_TRANSLATE_NOOP("report", "Done")),
                             T(QT_TRANSLATE_NOOP("report", "Verified")))
    pc = report.previous.checklist
    systems = Table(
        "checklist", T(QT_TRANSLATE_NOOP("report", "Checklist progress by system")),
        (C(T(QT_TRANSLATE_NOOP("report", "System")), "text"), C(tasks), C(done), C(verified),
         C(T(QT_TRANSLATE_NOOP("report", "Done (%)")), "share"), C(T(QT_TRANSLATE_NOOP("report", "Done last month")))),
        tuple((enums.label("checklist_system", k), total, d, v, share(d, total), pc.get(k, (0, 0, 0))[1])
              for k, (total, d, v) in h.checklist.items())
        + ((T(QT_TRANSLATE_NOOP("report", "All systems")), *h.checklist_total, h.checklist_done_share,
            report.previous.checklist_total[1]),))
    checklist_units = Table(
        "checklist_by_unit", T(QT_TRANSLATE_NOOP("report", "Checklist progress by unit")),
        (unit_col, C(tasks), C(done), C(verified), C(T(QT_TRANSLATE_NOOP("report", "Done (%)")), "share")),
        tuple((u.name, *u.figures.checklist_total, u.value("checklist_share")) for u in report.units),
        chart=(2,), chart_title=T(UNIT_FIGURES["checklist_done"]))

    timeliness_units = Table(
        "timeliness_by_unit", T(QT_TRANSLATE_NOOP("report", "Timeliness by unit")),
        (unit_col, C(T(UNIT_FIGURES["townships"])), C(T(UNIT_FIGURES["townships_updated"])),
         C(T(QT_TRANSLATE_NOOP("report", "Silent"))), C(share_col, "share"),
         C(T(QT_TRANSLATE_NOOP("report", "Reported figures"))), C(T(UNIT_FIGURES["lagging"]))),
        tuple((u.name, u.figures.townships, u.townships_updated, u.figures.townships - u.townships_updated,
               u.value("timeliness_share"), u.reporting, u.lagging) for u in report.units),
        note=T(QT_TRANSLATE_NOOP("report", "{updated} of {total} townships updated their ledger in {month} "
                                           "({share}); {reported} units reported figures.")).format(
            updated=f"{len(report.updated):,}", total=f"{len(report.updated) + len(report.silent):,}",
            month=report.month, share=format_share(report.timeliness_share), reported=f"{len(report.reporting):,}"),
        chart=(4,), chart_title=T(UNIT_FIGURES["timeliness_share"]))
    code_col, within_col = C(T(QT_TRANSLATE_NOOP("report", "Code")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Within")), "text")
    reminders = Table(
        "reminders", T(QT_TRANSLATE_NOOP("report", "Units to remind")),
        (code_col, C(T(QT_TRANSLATE_NOOP("report", "Unit")), "text"), within_col,
         C(T(QT_TRANSLATE_NOOP("report", "Silent this month")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Differing figures"))),
         C(T(QT_TRANSLATE_NOOP("report", "Secretary")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Phone")), "text")),
        tuple((lag.unit.code, lag.unit.name, lag.unit.within, T(MSG_YES) if lag.silent else T(MSG_NO), lag.differences,
               lag.secretary.name if lag.secretary else T(MSG_NO_SECRETARY),
               lag.secretary.phone if lag.secretary else "") for lag in report.lagging),
        note="" if report.lagging else T(MSG_NONE_LAGGING))

    differences = Table(
        "differences", T(QT_TRANSLATE_NOOP("report", "Reported figures that differ from the ledger")),
        (code_col, C(T(QT_TRANSLATE_NOOP("report", "Unit")), "text"), within_col,
         C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Reported"))),
         C(T(QT_TRANSLATE_NOOP("report", "Ledger"))), C(T(QT_TRANSLATE_NOOP("report", "Difference")), "change"),
         C(T(QT_TRANSLATE_NOOP("report", "Reported by")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Reported on")), "text")),
        tuple((d.unit.code, d.unit.name, d.unit.within, d.label, d.reported, d.ledger, d.change, d.reported_by,
               d.reported_on) for d in report.differences),
        note="" if report.differences else T(MSG_NONE_DIFFERING))

    S = Section
    return [
        S("overview", T(QT_TRANSLATE_NOOP("report", "Overview")), (overview,)),
        S("members", T(QT_TRANSLATE_NOOP("report", "Members by source")), (sources, member_units)),
        S("meetings", T(QT_TRANSLATE_NOOP("report", "Meetings")), (levels, meeting_units)),
        S("organisations", T(QT_TRANSLATE_NOOP("report", "Organisations")), (orgs, org_units)),
        S("wechat", T(QT_TRANSLATE_NOOP("report", "WeChat groups")), (wechat,)),
        S("funding", T(QT_TRANSLATE_NOOP("report", "Funding")), (funding,)),
        S("checklist", T(QT_TRANSLATE_NOOP("report", "Checklist")), (systems, checklist_units)),
        S("timeliness", T(QT_TRANSLATE_NOOP("report", "Timeliness and reminders")), (timeliness_units, reminders)),
        S("differences", T(QT_TRANSLATE_NOOP("report", "Reported vs ledger")), (differences,)),
    ]


def summary_lines(report: MonthlyReport) -> list[str]:
    """A short text summary (the command line)."""
    h = report.headline
    lines = [report.title, ""]
    for c in report.comparisons:
        extra = f"  ({format_share(c.share)})" if c.share is not None else ""
        lines.append(f"  {c.label}: {c.value:,}{extra}  [{format_cell(c.change, 'change')}]")
    lines.append("")
    for lv in report.levels:
        lines.append(_t(QT_TRANSLATE_NOOP("report", "  {level}: {units}; mobilisation meeting {mob} ({mob_share}), "
                                                    "review meeting {rev} ({rev_share})")).format(
            level=lv.label, units=f"{lv.units:,}", mob=f"{lv.mobilisation:,}", mob_share=format_share(lv.mobilisation_share),
            rev=f"{lv.review:,}", rev_share=format_share(lv.review_share)))
    lines.append(_t(QT_TRANSLATE_NOOP("report", "  Co-operative working committees: {n} of {agri} agricultural "
                                                "counties ({share})")).format(
        n=f"{report.coop_counties:,}", agri=f"{report.agricultural_counties:,}", share=format_share(report.coop_share)))
    total, done, verified = h.checklist_total
    lines.append(_t(QT_TRANSLATE_NOOP("report", "  Checklist: {done} of {total} tasks done, {verified} verified")).format(
        done=f"{done:,}", total=f"{total:,}", verified=f"{verified:,}"))
    lines.append("")
    lines.append(_t(QT_TRANSLATE_NOOP("report", "Timeliness: {updated} of {total} townships updated their ledger "
                                                "({share}); {silent} silent; {diff} reported figures differ; "
                                                "{lagging} units to remind.")).format(
        updated=f"{len(report.updated):,}", total=f"{len(report.updated) + len(report.silent):,}",
        share=format_share(report.timeliness_share), silent=f"{len(report.silent):,}",
        diff=f"{len(report.differences):,}", lagging=f"{len(report.lagging):,}"))
    return lines
