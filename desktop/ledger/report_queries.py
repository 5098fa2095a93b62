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


def direct_org_buckets(ledger: Ledger, scope: str, month: Period, previous: Period, n: int) -> list[tuple]:
    """(unit, status, founded, status changed, count) of the directly affiliated organisations
    (590,000 nationally) in one pass, by two buckets of dates: 0 before the previous month
    (or no date; for the status change: still active, or changed by the previous month's
    end), 1 during the previous month, 2 during the month, 3 later."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, status, "
                         f"CASE WHEN founded_on IS NULL OR founded_on < :pstart THEN 0 WHEN founded_on <= :pend THEN 1 "
                         f"WHEN founded_on <= :end THEN 2 ELSE 3 END AS f, "
                         f"CASE WHEN status = 'active' THEN 0 "
                         f"WHEN status_changed_on IS NULL OR status_changed_on <= :pend THEN 1 "
                         f"WHEN status_changed_on <= :end THEN 2 ELSE 3 END AS s, count(*) FROM organisation "
                         f"WHERE deleted = 0 AND {where} AND kind = 'direct_org' GROUP BY unit, status, f, s",
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
    ``lo <= stamp < hi``.  Served by the change log's (scope, stamp) index alone: the scope is
    a range even for the whole country (division codes are digits)."""
    s_lo, s_hi = prefix_range(scope) if scope else ("0", ":")
    rows = _rows(ledger, f"SELECT DISTINCT substr(scope, 1, {int(length)}) FROM change_log "
                         f"WHERE scope >= ? AND scope < ? AND stamp >= ? AND stamp < ?", (s_lo, s_hi, lo, hi))
    return {r[0] for r in rows}


# ----------------------------------------------------------------------------- overdue checklist tasks
_TASK_OVERDUE = ("deadline IS NOT NULL AND deadline < :as_of AND (status IN ('not_started', 'in_progress') "
                 "OR (done_on IS NOT NULL AND done_on > :as_of))")


def overdue_tasks(ledger: Ledger, scope: str, as_of: str) -> list[tuple]:
    """(scope, title, system, responsible, deadline, status) of the live checklist tasks within
    *scope* past their deadline on *as_of* ("YYYY-MM-DD") and not done by then."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT scope, title, system, responsible, deadline, status FROM checklist_task "
                         f"WHERE deleted = 0 AND {where} AND {_TASK_OVERDUE}", {"as_of": as_of, **sp})
