"""The read API behind the monthly figures and the monthly report: every query of
:mod:`desktop.reporting`, as named functions over a :class:`~desktop.ledger.Ledger`.

Each figure query groups by *unit*: the first *n* characters of the records' scope (n = 0:
one group, the whole scope, under the key "").  No per-unit queries: a province takes
about 0.1 s, the whole country about 1.5 s.  Only live records count (``deleted = 0``), and
"by the month's end" means on or before its last day (a missing date counts as early
enough).  The conditions behind each figure (the ``_*`` constants below) are written once
and serve both shapes of question: one month (the dashboard), and a month with the month before
it in one pass (the monthly report: ``*_two_months``, the conditions renamed onto the
previous month's parameters).

Rows come back as plain tuples; :mod:`desktop.reporting` adds them up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.ledger import Ledger, prefix_range
from desktop.records import KINDS, natural_org_id
from desktop.records.validation import incomplete_sql

#: A township "has secured funding" when the year's received amount reaches 20,000 yuan (2万元).
FUNDING_SECURED_FEN = 2_000_000

#: The meetings the report counts (a township committee holds each once a campaign).
MEETING_KINDS = ("mobilisation", "review")

# The conditions behind the figures, over the named parameters :start, :end (the month's
# first and last day) and :year; _before() renames them onto the previous month's.
_LIVE_TOWNSHIP = "o.kind = 'township_committee' AND o.deleted = 0 AND o.status IS NOT 'revoked'"
# a member imported without a joining date (待补全) is counted, as an organisation without a founding date is
_MEMBER_CURRENT = "((joined_on IS NULL OR joined_on <= :end) AND (exited_on IS NULL OR exited_on > :end))"
_ORG_BY_END = "(founded_on IS NULL OR founded_on <= :end)"
_STATUS_BY_END = "(status_changed_on IS NULL OR status_changed_on <= :end)"
_DIRECT_TOTAL = f"({_ORG_BY_END} AND NOT (status = 'revoked' AND {_STATUS_BY_END}))"
_TASK_DONE = "(status IN ('done', 'verified') AND (done_on IS NULL OR done_on <= :end))"
_TASK_VERIFIED = "(status = 'verified' AND (verified_on IS NULL OR verified_on <= :end))"
_GROUP_BY_END = "(created_on IS NULL OR created_on <= :end)"
_RECEIVED_BY_END = "(f.received_on IS NULL OR f.received_on <= :end)"

#: The committees counted per unit, in the column order of :func:`committees_by_unit`.
COMMITTEE_KINDS = ("township_committee", "county_committee", "county_coop_committee")


@dataclass(frozen=True)
class Period:
    """A month as the queries see it: its first and last day ("YYYY-MM-DD") and its year."""

    start: str
    end: str
    year: int


# ----------------------------------------------------------------------------- SQL pieces
def _before(condition: str) -> str:
    """*condition* over the previous month's parameters (:pstart, :pend, :pyear)."""
    return re.sub(r":(start|end|year)\b", r":p\1", condition)


def _within(ledger: Ledger, scope: str, alias: str = "") -> tuple[str, dict]:
    """SQL and named parameters for "the record's scope lies within *scope*" (by
    :func:`desktop.ledger.prefix_range`).  When the scope holds the whole ledger, the table is
    read in file order rather than through the scope index ("+": a look-up per row is slower
    when every row matches)."""
    if not scope:
        return "1", {}
    lo, hi = prefix_range(scope)
    column = f"{alias}.scope" if alias else "scope"
    if ledger.scope.startswith(scope):
        column = "+" + column
    return f"{column} >= :lo AND {column} < :hi", {"lo": lo, "hi": hi}


def _unit(n: int, alias: str = "") -> str:
    """The unit of a row: the first *n* characters of its scope."""
    column = f"{alias}.scope" if alias else "scope"
    return f"substr({column}, 1, {n})" if n else "''"


def _params(month: Period, previous: Period | None = None) -> dict:
    p = {"start": month.start, "end": month.end, "year": month.year, "threshold": FUNDING_SECURED_FEN}
    if previous is not None:
        p.update(pstart=previous.start, pend=previous.end, pyear=previous.year)
    return p


def _rows(ledger: Ledger, sql: str, params: dict | tuple) -> list[tuple]:
    cursor = ledger.conn.cursor()
    cursor.row_factory = None  # plain tuples
    return cursor.execute(sql, params).fetchall()


def _by_unit(ledger: Ledger, table: str, scope: str, n: int, columns: list[str], params: dict, *,
             group: str = "", also: str = "") -> list[tuple]:
    """(unit, [*group*,] *columns*…) of the live rows of *table* within *scope* (and *also*),
    grouped by unit (and *group*)."""
    where, sp = _within(ledger, scope)
    key = f"{group}, " if group else ""
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, {key}{', '.join(columns)} FROM {table} "
                         f"WHERE deleted = 0 AND {where}{f' AND {also}' if also else ''} GROUP BY unit"
                         f"{f', {group}' if group else ''}", {**params, **sp})


# ----------------------------------------------------------------------------- one month
_ADDED = "joined_on BETWEEN :start AND :end"
_EXITED = "exited_on BETWEEN :start AND :end"


def members_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, source, current, added, exited) committee members."""
    return _by_unit(ledger, "committee_member", scope, n, [f"sum({_MEMBER_CURRENT})", f"sum({_ADDED})",
                                                            f"sum({_EXITED})"], _params(month), group="source")

def committees_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, kind, count) of the live, not revoked committees of :data:`COMMITTEE_KINDS`
    (co-operative working committees founded by the month's end)."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, kind, count(*) FROM organisation WHERE deleted = 0 AND {where} "
                         f"AND kind IN {COMMITTEE_KINDS} AND status IS NOT 'revoked' "
                         f"AND (kind != 'county_coop_committee' OR {_ORG_BY_END}) GROUP BY unit, kind",
                 {**_params(month), **sp})


def direct_orgs_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, total, new, revoked, under rectification) directly affiliated organisations: a
    query of their own, with only their own conditions to evaluate (half the time of one
    query with the committees)."""
    return _by_unit(ledger, "organisation", scope, n, [
        f"sum({_DIRECT_TOTAL})", "sum(founded_on BETWEEN :start AND :end)",
        f"sum(status = 'revoked' AND {_ORG_BY_END} AND {_STATUS_BY_END})",
        f"sum(status = 'rectifying' AND {_ORG_BY_END} AND {_STATUS_BY_END})"], _params(month), also="kind = 'direct_org'")

def funding_secured_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> dict[str, int]:
    """unit → live township committees whose funding of the month's year, received by its
    end, reaches :data:`FUNDING_SECURED_FEN`."""
    where, sp = _within(ledger, scope, "f")
    rows = _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, count(*) FROM ("
                 f"  SELECT f.org_id FROM funding_entry f WHERE f.deleted = 0 AND {where} AND f.year = :year"
                 f"  AND {_RECEIVED_BY_END}"
                 f"  GROUP BY f.org_id HAVING sum(coalesce(f.received, 0)) >= :threshold"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit",
                 {**_params(month), **sp})
    return {r[0]: r[1] for r in rows}


def meetings_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> dict[tuple[str, str], int]:
    """(unit, meeting kind) → live township committees that held such a meeting by the month's end."""
    where, sp = _within(ledger, scope, "m")
    rows = _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, s.kind, count(*) FROM ("
                 # "+": not by the org_id index (a random walk over the whole table), by scope or in file order
                 f"  SELECT DISTINCT +m.org_id AS org_id, m.kind FROM meeting m WHERE m.deleted = 0 AND {where}"
                 f"  AND m.kind IN {MEETING_KINDS} AND m.held_on <= :end"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit, s.kind",
                 {**_params(month), **sp})
    return {(r[0], r[1]): r[2] for r in rows}


def checklist_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, system, tasks, done (incl. verified), verified) checklist tasks."""
    return _by_unit(ledger, "checklist_task", scope, n, ["count(*)", f"sum({_TASK_DONE})", f"sum({_TASK_VERIFIED})"],
                    _params(month), group="system")

def wechat_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, groups, young people reached) of the WeChat groups created by the month's end."""
    return _by_unit(ledger, "wechat_group", scope, n, ["count(*)", "coalesce(sum(youth_reached), 0)"],
                    _params(month), also=_GROUP_BY_END)

def incomplete_by_unit(ledger: Ledger, scope: str, n: int) -> dict[str, int]:
    """unit → live records that are incomplete (待补全) now, of every kind that can be
    (:func:`desktop.records.validation.incomplete_sql`): a state, not a figure of a month."""
    out: dict[str, int] = {}
    for k in KINDS.values():
        condition = incomplete_sql(k)
        if condition is None:
            continue
        for unit, count in _by_unit(ledger, k.table, scope, n, ["count(*)"], {}, also=condition):
            out[unit] = out.get(unit, 0) + count
    return out

# ----------------------------------------------------------------------------- a month and the month before
def members_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                               n: int) -> list[tuple]:
    """(unit, source, current, added, exited, … the same for the previous month)."""
    conditions = (_MEMBER_CURRENT, _ADDED, _EXITED)
    return _by_unit(ledger, "committee_member", scope, n,
                    [f"sum({c})" for c in conditions] + [f"sum({_before(c)})" for c in conditions],
                    _params(month, previous), group="source")

def committees_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                                  n: int) -> list[tuple]:
    """(unit, kind, count by the month's end, count by the previous month's end) of the
    committees of :data:`COMMITTEE_KINDS`, by their natural ids ("org-<kind>-<division>"):
    a small range of the primary key."""
    where, sp = _within(ledger, scope)
    by_end = _ORG_BY_END
    lo, hi = "org-county_", prefix_range(natural_org_id("township_committee", ""))[1]
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, kind, sum(kind != 'county_coop_committee' OR {by_end}), "
                         f"sum(kind != 'county_coop_committee' OR {_before(by_end)}) FROM organisation "
                         f"WHERE id >= :id_lo AND id < :id_hi AND deleted = 0 AND {where} AND kind IN {COMMITTEE_KINDS} "
                         f"AND status IS NOT 'revoked' GROUP BY unit, kind",
                 {**_params(month, previous), **sp, "id_lo": lo, "id_hi": hi})


def _direct_org_figures(last: int) -> list[str]:
    """The sums of total, new, revoked and under rectification over the date buckets of
    :func:`direct_orgs_by_unit_two_months` for the month of bucket *last* (2: the month, 1:
    the month before): founded by then (``f <= last``), status set by then (``s <= last``)."""
    by_then, dated = f"f <= {last}", f"s <= {last}"
    return [f"sum(CASE WHEN {by_then} AND NOT (status IS 'revoked' AND {dated}) THEN n ELSE 0 END)",
            f"sum(CASE WHEN f = {last} THEN n ELSE 0 END)",
            f"sum(CASE WHEN {by_then} AND {dated} AND status IS 'revoked' THEN n ELSE 0 END)",
            f"sum(CASE WHEN {by_then} AND {dated} AND status IS 'rectifying' THEN n ELSE 0 END)"]


def direct_orgs_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                                   n: int) -> list[tuple]:
    """(unit, total, new, revoked, under rectification, … the same for the previous month) of
    the directly affiliated organisations (590,000 nationally), in one pass over the
    organisations' (kind, scope, dates) index: the rows are first counted by two buckets of
    dates (f, s): 0 before the previous month (or no date; for the status change: still
    active, or changed by the previous month's end), 1 during the previous month, 2 during the
    month, 3 later; the few buckets then give each month's figures."""
    where, sp = _within(ledger, scope)
    columns = ", ".join(_direct_org_figures(2) + _direct_org_figures(1))
    return _rows(ledger, f"SELECT unit, {columns} FROM ("
                         f"SELECT {_unit(n)} AS unit, status, "
                         f"CASE WHEN founded_on IS NULL OR founded_on < :pstart THEN 0 WHEN founded_on <= :pend THEN 1 "
                         f"WHEN founded_on <= :end THEN 2 ELSE 3 END AS f, "
                         f"CASE WHEN status = 'active' THEN 0 "
                         f"WHEN status_changed_on IS NULL OR status_changed_on <= :pend THEN 1 "
                         f"WHEN status_changed_on <= :end THEN 2 ELSE 3 END AS s, count(*) AS n FROM organisation "
                         f"WHERE deleted = 0 AND {where} AND kind = 'direct_org' GROUP BY unit, status, f, s"
                         f") GROUP BY unit",
                 {**_params(month, previous), **sp})


def funding_secured_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                                       n: int) -> list[tuple]:
    """(unit, township committees with funding secured by the month's end, … by the previous
    month's end): the previous month's may fall in the year before."""
    where, sp = _within(ledger, scope, "f")
    received = _RECEIVED_BY_END
    return _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, sum(s.cur >= :threshold), sum(s.prev >= :threshold) FROM ("
                 f"  SELECT f.org_id, "
                 f"  sum(CASE WHEN f.year = :year AND {received} THEN coalesce(f.received, 0) ELSE 0 END) AS cur, "
                 f"  sum(CASE WHEN f.year = :pyear AND {_before(received)} THEN coalesce(f.received, 0) ELSE 0 END) "
                 f"  AS prev FROM funding_entry f WHERE f.deleted = 0 AND {where} "
                 f"  AND f.year IN (:year, :pyear) GROUP BY f.org_id"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit",
                 {**_params(month, previous), **sp})


def meetings_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                                n: int) -> list[tuple]:
    """(unit, meeting kind, township committees that held one by the month's end, … by the
    previous month's end)."""
    where, sp = _within(ledger, scope, "m")
    return _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, s.kind, sum(s.first <= :end), sum(s.first <= :pend) FROM ("
                 # "+": not by the org_id index (a random walk over the whole table)
                 f"  SELECT +m.org_id AS org_id, m.kind AS kind, min(m.held_on) AS first FROM meeting m "
                 f"  WHERE m.deleted = 0 AND {where} AND m.kind IN {MEETING_KINDS} "
                 f"  AND m.held_on <= :end GROUP BY 1, 2"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit, s.kind",
                 {**_params(month, previous), **sp})


def checklist_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                                 n: int) -> list[tuple]:
    """(unit, system, tasks, done, verified, done and verified by the previous month's end)."""
    conditions = (_TASK_DONE, _TASK_VERIFIED)
    return _by_unit(ledger, "checklist_task", scope, n,
                    ["count(*)"] + [f"sum({c})" for c in conditions] + [f"sum({_before(c)})" for c in conditions],
                    _params(month, previous), group="system")

def wechat_by_unit_two_months(ledger: Ledger, scope: str, month: Period, previous: Period,
                              n: int) -> list[tuple]:
    """(unit, groups, young people reached, … by the previous month's end)."""
    columns = []
    for by_end in (_GROUP_BY_END, _before(_GROUP_BY_END)):
        columns += [f"sum({by_end})", f"coalesce(sum(CASE WHEN {by_end} THEN youth_reached END), 0)"]
    return _by_unit(ledger, "wechat_group", scope, n, columns, _params(month, previous))

# ----------------------------------------------------------------------------- committees and contacts
def committee_meetings(ledger: Ledger, kind: str, scope: str) -> list[tuple]:
    """(division code, meeting kind, first day held) of the *kind* committees within *scope*
    (meetings of :data:`MEETING_KINDS`; by the natural ids, through the meetings' org index)."""
    lo, hi = prefix_range(natural_org_id(kind, scope))
    skip = len(natural_org_id(kind, ""))
    return [(org[skip:], meeting_kind, first) for org, meeting_kind, first in _rows(
        ledger, f"SELECT org_id, kind, min(held_on) FROM meeting WHERE org_id >= ? AND org_id < ? AND deleted = 0 "
                f"AND +kind IN {MEETING_KINDS} GROUP BY org_id, kind", (lo, hi))]


def coop_committees(ledger: Ledger, scope: str) -> list[tuple[str, str | None]]:
    """(county code, founded on) of the live, not revoked county co-operative working
    committees within *scope*."""
    lo, hi = prefix_range(natural_org_id("county_coop_committee", scope))
    return _rows(ledger, "SELECT division_code, founded_on FROM organisation WHERE id >= ? AND id < ? AND deleted = 0 "
                         "AND status IS NOT 'revoked'", (lo, hi))


def secretaries(ledger: Ledger, scope: str) -> list[tuple[str, str | None, str | None]]:
    """(org id, name, phone) of the committee secretaries within *scope* (post "secretary",
    not exited, not deleted), by org id and then by the day they joined."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT org_id, name, phone FROM committee_member WHERE deleted = 0 AND post = 'secretary' "
                         f"AND exited_on IS NULL AND {where} ORDER BY org_id, joined_on, id", sp)


def reported_figures(ledger: Ledger, scope: str, month: str) -> list[tuple]:
    """(unit, metric, value, reported by, reported on) of the figures reported for *month*
    ("YYYY-MM") by units within *scope*."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT unit_code, metric, value, reported_by, reported_on FROM reported_figure "
                         f"WHERE deleted = 0 AND month = :month AND {where} ORDER BY unit_code, metric",
                 {"month": month, **sp})


def latest_reported_month(ledger: Ledger) -> str | None:
    """The latest month ("YYYY-MM") any figures were reported for."""
    return _rows(ledger, "SELECT max(month) FROM reported_figure WHERE deleted = 0", ())[0][0]


def scopes_changed(ledger: Ledger, scope: str, lo: str, hi: str, length: int) -> set[str]:
    """The first *length* characters of the scopes within *scope* with a change record stamped
    ``lo <= stamp < hi``, from an index alone: the whole country's by the change log's (stamp,
    scope) index (the month's changes only), a unit's by its (scope, stamp) index (the unit's
    changes, far fewer than a month of the whole country's)."""
    s_lo, s_hi = prefix_range(scope) if scope else ("0", ":")
    by_scope, by_stamp = ("scope", "+stamp") if scope else ("+scope", "stamp")
    rows = _rows(ledger, f"SELECT DISTINCT substr(scope, 1, {int(length)}) FROM change_log "
                         f"WHERE {by_scope} >= ? AND {by_scope} < ? AND {by_stamp} >= ? AND {by_stamp} < ?",
                 (s_lo, s_hi, lo, hi))
    return {r[0] for r in rows}


# ----------------------------------------------------------------------------- twelve months at once (trends)
def _at(condition: str, i: int) -> str:
    """*condition* over the parameters of the *i*-th month of a trend (:s<i>, :e<i>, :y<i>)."""
    return re.sub(r":(start|end|year)\b", lambda m: f":{m.group(1)[0]}{i}", condition)


def _months_params(months: list[Period]) -> dict:
    p: dict = {"threshold": FUNDING_SECURED_FEN}
    for i, m in enumerate(months):
        p.update({f"s{i}": m.start, f"e{i}": m.end, f"y{i}": m.year})
    return p


#: The figures a trend sums over one table: figure → (table, the rows counted, the value of a month).
TREND_SUMS: dict[str, tuple[str, str, str]] = {
    "members_current": ("committee_member", "", f"sum({_MEMBER_CURRENT})"),
    "members_added": ("committee_member", "", f"sum({_ADDED})"),
    "members_exited": ("committee_member", "", f"sum({_EXITED})"),
    "townships": ("organisation", "kind = 'township_committee' AND status IS NOT 'revoked'", "count(*)"),
    "direct_orgs": ("organisation", "kind = 'direct_org'", f"sum({_DIRECT_TOTAL})"),
    "direct_orgs_new": ("organisation", "kind = 'direct_org'", "sum(founded_on BETWEEN :start AND :end)"),
    "direct_orgs_revoked": ("organisation", "kind = 'direct_org'",
                            f"sum(status = 'revoked' AND {_ORG_BY_END} AND {_STATUS_BY_END})"),
    "direct_orgs_rectifying": ("organisation", "kind = 'direct_org'",
                               f"sum(status = 'rectifying' AND {_ORG_BY_END} AND {_STATUS_BY_END})"),
    "wechat_groups": ("wechat_group", "", f"sum({_GROUP_BY_END})"),
    "wechat_reach": ("wechat_group", "", f"coalesce(sum(CASE WHEN {_GROUP_BY_END} THEN youth_reached END), 0)"),
    "checklist_done": ("checklist_task", "", f"sum({_TASK_DONE})"),
    "checklist_verified": ("checklist_task", "", f"sum({_TASK_VERIFIED})"),
}


def trend_sums(ledger: Ledger, figure: str, scope: str, months: list[Period], n: int) -> list[tuple]:
    """(unit, value of each month …) of a figure of :data:`TREND_SUMS`: one pass over its table."""
    table, rows, value = TREND_SUMS[figure]
    return _by_unit(ledger, table, scope, n, [_at(value, i) for i in range(len(months))], _months_params(months),
                    also=rows)


def trend_meetings(ledger: Ledger, kind: str, scope: str, months: list[Period], n: int) -> list[tuple]:
    """(unit, live township committees that held a *kind* meeting by each month's end …)."""
    where, sp = _within(ledger, scope, "m")
    counts = ", ".join(f"sum(s.first <= :e{i})" for i in range(len(months)))
    return _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, {counts} FROM ("
                 f"  SELECT +m.org_id AS org_id, min(m.held_on) AS first FROM meeting m "
                 f"  WHERE m.deleted = 0 AND {where} AND m.kind = :kind AND m.held_on <= :e{len(months) - 1} GROUP BY 1"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit",
                 {**_months_params(months), **sp, "kind": kind})


def trend_funding_secured(ledger: Ledger, scope: str, months: list[Period], n: int) -> list[tuple]:
    """(unit, live township committees with funding secured by each month's end …): one pass
    over the funding entries of the months' years."""
    where, sp = _within(ledger, scope, "f")
    sums = ", ".join(f"sum(CASE WHEN f.year = :y{i} AND {_at(_RECEIVED_BY_END, i)} THEN coalesce(f.received, 0) "
                     f"ELSE 0 END) AS c{i}" for i in range(len(months)))
    counts = ", ".join(f"sum(s.c{i} >= :threshold)" for i in range(len(months)))
    years = sorted({m.year for m in months})
    return _rows(ledger,
                 f"SELECT {_unit(n, 'o')} AS unit, {counts} FROM ("
                 f"  SELECT f.org_id, {sums} FROM funding_entry f WHERE f.deleted = 0 AND {where} "
                 f"  AND f.year IN ({', '.join(str(int(y)) for y in years)}) GROUP BY f.org_id"
                 f") s JOIN organisation o ON o.id = s.org_id WHERE {_LIVE_TOWNSHIP} GROUP BY unit",
                 {**_months_params(months), **sp})


def submitted_figures(ledger: Ledger, scope: str, n: int, first: str, last: str) -> list[tuple[str, str, str]]:
    """(unit, month, figures as JSON) of the monthly submissions of the units of *n* characters
    within *scope*, for the months *first* … *last* ("YYYY-MM"): each unit's own submission
    (its record's scope is the unit)."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT unit_code, month, figures FROM month_submission WHERE deleted = 0 AND {where} "
                         f"AND scope = unit_code AND length(unit_code) = :n AND month BETWEEN :first AND :last",
                 {**sp, "n": n, "first": first, "last": last})


# ----------------------------------------------------------------------------- the report's work figures
def _year_params(month: Period) -> dict:
    return {**_params(month), "ystart": f"{month.year}-01-01"}


def funding_by_source(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, source, entries, organisations funded, budgeted, received by the month's end,
    received during the month) of the funding entries of the month's year (amounts in fen),
    of live organisations not revoked (a revoked committee's money is not the scope's, as
    its funding never counts as secured)."""
    where, sp = _within(ledger, scope, "f")
    return _rows(ledger,
                 f"SELECT {_unit(n, 'f')} AS unit, f.source, count(*), count(DISTINCT f.org_id), "
                 f"coalesce(sum(f.budgeted), 0), "
                 f"coalesce(sum(CASE WHEN {_RECEIVED_BY_END} THEN f.received END), 0), "
                 f"coalesce(sum(CASE WHEN f.received_on BETWEEN :start AND :end THEN f.received END), 0) "
                 f"FROM funding_entry f JOIN organisation o ON o.id = f.org_id "
                 f"WHERE f.deleted = 0 AND {where} AND f.year = :year AND o.deleted = 0 AND o.status IS NOT 'revoked' "
                 f"GROUP BY unit, f.source", {**_params(month), **sp})


def publicity_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, channel, items published during the month, items published this year by its end)."""
    return _by_unit(ledger, "publicity_item", scope, n, [
        "sum(published_on >= :start)", "count(*)"], _year_params(month), group="channel",
        also="published_on BETWEEN :ystart AND :end")


def unified_activities(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, month "YYYY-MM", activities, organisations that held one, attendance) of the
    nationwide unified activities (全国性统一活动) of the month's year up to its end."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, substr(held_on, 1, 7) AS m, count(*), count(DISTINCT org_id), "
                         f"coalesce(sum(attendance), 0) FROM meeting WHERE kind = 'unified_activity' AND deleted = 0 "
                         f"AND {where} AND held_on BETWEEN :ystart AND :end GROUP BY unit, m",
                 {**_year_params(month), **sp})


def venues_by_unit(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, venue kind, venues opened by the month's end, opened during the month)."""
    return _by_unit(ledger, "venue", scope, n, ["sum(opened_on IS NULL OR opened_on <= :end)",
                                                "sum(opened_on BETWEEN :start AND :end)"],
                    _params(month), group="kind")


def organisations_work(ledger: Ledger, scope: str, month: Period, n: int) -> list[tuple]:
    """(unit, kind, demonstration level, demonstration units, co-operative organisations: total,
    new, under rectification, revoked), in one pass over the organisations that are either.
    A demonstration unit (示范) is founded by the month's end and not revoked; the League
    organisations in co-operatives (农村合作组织团组织) count as the directly affiliated ones do."""
    coop = "kind = 'coop_org' AND "
    return _by_unit(ledger, "organisation", scope, n, [
        f"sum(demo_level IS NOT NULL AND demo_level IS NOT 'none' AND status IS NOT 'revoked' AND {_ORG_BY_END})",
        f"sum({coop}{_DIRECT_TOTAL})", f"sum({coop}founded_on BETWEEN :start AND :end)",
        f"sum({coop}status = 'rectifying' AND {_ORG_BY_END} AND {_STATUS_BY_END})",
        f"sum({coop}status = 'revoked' AND {_ORG_BY_END} AND {_STATUS_BY_END})"], _params(month),
        group="kind, demo_level", also="(kind = 'coop_org' OR demo_level IS NOT 'none')")


def organisation_names(ledger: Ledger, ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """id → (name, kind, division code) of the organisations *ids*."""
    out: dict[str, tuple[str, str, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in _rows(ledger, f"SELECT id, name, kind, division_code FROM organisation WHERE id IN "
                                 f"({', '.join('?' * len(chunk))})", tuple(chunk)):
            out[row[0]] = tuple(row[1:])  # type: ignore[assignment]
    return out


# ----------------------------------------------------------------------------- problem rules
# The queries of :mod:`desktop.reporting.problems`: each lists the records one rule finds
# within a scope, through the scope index (and the org_id indexes for what an organisation
# lacks), in the order the problem list shows them.
def _names(prefix: str, values: tuple[str, ...]) -> tuple[str, dict]:
    """Named placeholders for ``IN (…)`` over *values*, and their parameters."""
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return ", ".join(f":{k}" for k in params), params


def quiet_organisations(ledger: Ledger, scope: str, kinds: tuple[str, ...], since: str, end: str) -> list[tuple]:
    """(id, scope, name, league members, last meeting held by *end*) of the live, not
    revoked organisations of *kinds* within *scope*, there by *end*, that have no league
    members (0), or that were founded before *since* (or undated) and held no meeting from
    *since* to *end*.  Meetings are looked up by the org_id index, once per organisation (and
    once more for the day of the last one, per organisation found): faster than a join with
    every meeting's organisation grouped, which SQLite reads without an index."""
    where, sp = _within(ledger, scope, "o")
    names, kp = _names("k", kinds)
    return _rows(ledger,
                 f"SELECT o.id, o.scope, o.name, o.league_members, (SELECT max(m.held_on) FROM meeting m "
                 f"WHERE m.org_id = o.id AND m.deleted = 0 AND m.held_on <= :end) FROM organisation o "
                 f"WHERE o.deleted = 0 AND {where} AND o.kind IN ({names}) AND o.status IS NOT 'revoked' "
                 f"AND (o.founded_on IS NULL OR o.founded_on <= :end) AND (o.league_members = 0 "
                 f"OR ((o.founded_on IS NULL OR o.founded_on < :since) AND NOT EXISTS (SELECT 1 FROM meeting m "
                 f"WHERE m.org_id = o.id AND m.deleted = 0 AND m.held_on BETWEEN :since AND :end))) "
                 f"ORDER BY o.scope, o.id", {**sp, **kp, "since": since, "end": end})


def committees_without_secretary(ledger: Ledger, scope: str, end: str) -> list[tuple]:
    """(id, scope, name) of the live, not revoked township and county committees within
    *scope*, there by *end*, without a secretary (post "secretary") in office at *end*: by
    their natural ids (a small range of the primary key), the members through the org index."""
    where, sp = _within(ledger, scope, "o")
    lo, hi = "org-county_committee-", prefix_range(natural_org_id("township_committee", ""))[1]
    return _rows(ledger,
                 f"SELECT o.id, o.scope, o.name FROM organisation o WHERE o.id >= :id_lo AND o.id < :id_hi "
                 f"AND o.deleted = 0 AND {where} AND o.kind IN ('township_committee', 'county_committee') "
                 f"AND o.status IS NOT 'revoked' AND (o.founded_on IS NULL OR o.founded_on <= :end) AND NOT EXISTS ("
                 f"SELECT 1 FROM committee_member c WHERE c.org_id = o.id AND c.deleted = 0 AND c.post = 'secretary' "
                 f"AND (c.joined_on IS NULL OR c.joined_on <= :end) AND (c.exited_on IS NULL OR c.exited_on > :end)) "
                 f"ORDER BY o.scope, o.id", {**sp, "end": end, "id_lo": lo, "id_hi": hi})


def overdue_tasks(ledger: Ledger, scope: str, due_before: str, as_of: str) -> list[tuple]:
    """(id, scope, title, deadline, status) of the live checklist tasks within *scope* whose
    deadline is before *due_before* and that were not done by *as_of*."""
    where, sp = _within(ledger, scope)
    return _rows(ledger,
                 f"SELECT id, scope, title, deadline, status FROM checklist_task WHERE deleted = 0 AND {where} "
                 f"AND deadline IS NOT NULL AND deadline < :due_before "
                 f"AND NOT {_TASK_DONE} ORDER BY scope, deadline, id",
                 {**sp, "due_before": due_before, "end": as_of})


def incomplete_records(ledger: Ledger, scope: str) -> list[tuple]:
    """(kind, id, scope, title) of the live records within *scope* that are incomplete
    (待补全, :func:`desktop.records.validation.incomplete_sql`), kind by kind."""
    out: list[tuple] = []
    for k in KINDS.values():
        condition = incomplete_sql(k)
        if condition is None:
            continue
        where, sp = _within(ledger, scope)
        out += [(k.name, *row) for row in _rows(
            ledger, f"SELECT id, scope, {k.title_field} FROM {k.table} WHERE deleted = 0 AND {where} "
                    f"AND {condition} ORDER BY scope, id", sp)]
    return out


def duplicate_members(ledger: Ledger, scope: str) -> list[tuple]:
    """(id, other id, scope, name, same birth month, same phone) of the pairs of committee
    members in office within *scope* with one name in one unit (scope) and the same month
    of birth or the same phone; the later id of each pair first."""
    where, sp = _within(ledger, scope, "a")
    same_birth = "(substr(a.birth_date, 1, 7) = substr(b.birth_date, 1, 7))"
    return _rows(ledger,
                 f"SELECT b.id, a.id, a.scope, a.name, coalesce({same_birth}, 0), coalesce(a.phone = b.phone, 0) "
                 f"FROM committee_member a JOIN committee_member b ON b.scope = a.scope AND b.name = a.name "
                 f"AND b.id > a.id AND b.deleted = 0 AND b.exited_on IS NULL "
                 f"WHERE a.deleted = 0 AND a.exited_on IS NULL AND {where} "
                 f"AND ({same_birth} OR a.phone = b.phone) ORDER BY a.scope, a.name, b.id", sp)


def submissions_of_months(ledger: Ledger, scope: str, months: tuple[str, ...]) -> list[tuple]:
    """(id, unit, month, figures (JSON)) of the monthly submissions of *months* of the units
    within *scope* (each the unit's own: its scope is its unit)."""
    where, sp = _within(ledger, scope)
    names, mp = _names("m", months)
    return _rows(ledger, f"SELECT id, unit_code, month, figures FROM month_submission WHERE deleted = 0 AND {where} "
                         f"AND scope = unit_code AND month IN ({names}) ORDER BY unit_code, month", {**sp, **mp})


def reported_figure_rows(ledger: Ledger, scope: str, months: tuple[str, ...]) -> list[tuple]:
    """(id, unit, month, metric, value) of the figures reported for *months* within *scope*."""
    where, sp = _within(ledger, scope)
    names, mp = _names("m", months)
    return _rows(ledger, f"SELECT id, unit_code, month, metric, value FROM reported_figure WHERE deleted = 0 "
                         f"AND {where} AND month IN ({names}) ORDER BY unit_code, month, metric", {**sp, **mp})


# ----------------------------------------------------------------------------- overdue checklist tasks
_TASK_OVERDUE = ("deadline IS NOT NULL AND deadline < :as_of AND (status IN ('not_started', 'in_progress') "
                 "OR (done_on IS NOT NULL AND done_on > :as_of))")


def overdue_task_list(ledger: Ledger, scope: str, as_of: str) -> list[tuple]:
    """(scope, title, system, responsible, deadline, status) of the live checklist tasks within
    *scope* past their deadline on *as_of* ("YYYY-MM-DD") and not done by then."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT scope, title, system, responsible, deadline, status FROM checklist_task "
                         f"WHERE deleted = 0 AND {where} AND {_TASK_OVERDUE}", {"as_of": as_of, **sp})
