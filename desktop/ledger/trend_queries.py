"""The read API behind the trends' past months as they were (:mod:`desktop.reporting.as_of`):
which records changed a field that moves over time (an organisation's status, a deletion)
since a stamp, their change log, and a trend figure of :data:`report_queries.TREND_SUMS`
counted over those records alone — once as they are now, once as they were at each month's
end — so the trend can swap the one for the other.

A record whose fields all carry the stamp of its creation (a uniform clock, see
:func:`desktop.ledger.changes.uniform_clock`) was never changed: the record table's own
clock column tells the few changed records from the many, without reading the change log.
"""

from __future__ import annotations

import json
import re

from desktop.ledger import Ledger
from desktop.ledger.report_queries import (_RECEIVED_BY_END, TREND_SUMS, _at, _months_params, _rows, _unit,
                                         _within)
from desktop.records import DELETED, KINDS

#: The length of a uniform clock ``{"":"<stamp>"}`` (a stamp is 33 characters, with one "-").
UNIFORM_CLOCK_LENGTH = 40


def changed_since(ledger: Ledger, kind: str, fields: tuple[str, ...], scope: str, since: str,
                  ids: tuple[str, str] | None = None) -> list[str]:
    """Ids of the records of *kind* within *scope* (deleted ones too) that may have changed one
    of *fields* at or after the stamp *since*: their clock holds a stamp besides its default
    (they were changed after their creation), and one of *fields* carries a stamp from *since*
    on — its own, or the default (which a change of most fields at once makes the default).
    The clock's canonical text (keys sorted, the default first) is read by position, so the
    many records changed only at their creation cost a string search each.  *ids*: only the
    ids ``lo <= id < hi`` (a range of the primary key, such as one kind of committee)."""
    table = KINDS[kind].table
    where, sp = _within(ledger, scope)
    if ids is not None:
        where, sp = f"id >= :id_lo AND id < :id_hi AND {where}", {**sp, "id_lo": ids[0], "id_hi": ids[1]}
    listed = " OR ".join(f"json_extract(clock, '$.{f}') >= :since" for f in fields)
    return [r[0] for r in _rows(ledger, f"SELECT id FROM {table} WHERE {where} "
                                        f"AND instr(substr(clock, {UNIFORM_CLOCK_LENGTH - 1}), '-') > 0 "
                                        f"AND (substr(clock, 6, 33) >= :since OR {listed})",
                                {**sp, "since": since})]


def changes_of(ledger: Ledger, kind: str, ids: list[str], fields: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(record id, stamp, patch) of the creations of the records *ids* of *kind* and of their
    changes that name one of *fields*, by record and stamp (through the record index)."""
    names = " OR ".join(f"instr(patch, '\"{f}\":') > 0" for f in fields)
    out: list = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += _rows(ledger, f"SELECT record_id, stamp, patch FROM change_log WHERE record_id IN "
                             f"({', '.join('?' * len(chunk))}) AND kind = ? AND (instr(patch, '\"c\":1') > 0 "
                             f"OR {names}) ORDER BY record_id, stamp", (*chunk, kind))
    return out


def _months_named(condition: str) -> str:
    """*condition* over a row's own month columns (trend_start, trend_end, trend_year)."""
    return re.sub(r":(start|end|year)\b", r"trend_\1", condition)


def _records_at(kind: str, fields: tuple[str, ...], months: int, as_of: bool) -> str:
    """The records of the JSON parameter :as_of — rows [month index, id, *values of *fields*] —
    joined with their table: with the values of *fields* as given (*as_of*) or as they are
    now; each with the first and last day and the year of its month (:s<i>, :e<i>, :y<i>)."""
    k = KINDS[kind]
    given = {f: i for i, f in enumerate(fields)}
    columns = ", ".join(f"a.v{given[c]} AS {c}" if as_of and c in given else f"t.{c} AS {c}"
                        for c in ("id", "scope", DELETED, *k.field_names))
    values = "".join(f", json_extract(j.value, '$[{2 + i}]') AS v{i}" for i in range(len(fields)))
    of_month = {name: "CASE a.m " + " ".join(f"WHEN {i} THEN :{name[0]}{i}" for i in range(months)) + " END"
                for name in ("start", "end", "year")}
    return (f"(SELECT {columns}, a.m AS trend_month, {of_month['start']} AS trend_start, "
            f"{of_month['end']} AS trend_end, {of_month['year']} AS trend_year FROM "
            f"(SELECT json_extract(j.value, '$[0]') AS m, json_extract(j.value, '$[1]') AS id{values} "
            f"FROM json_each(:as_of) AS j) AS a "
            f"CROSS JOIN {k.table} AS t ON t.id = a.id)")


def as_of_parameter(rows: list[list]) -> str:
    """The JSON parameter of rows [month index, id, *values] (made once, read by each figure)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def trend_sum_rows(ledger: Ledger, figure: str, fields: tuple[str, ...], rows: str, months: list, n: int,
                   as_of: bool) -> list[tuple]:
    """(unit, month index, value) of a figure of :data:`TREND_SUMS` over the records and months
    *rows* (:func:`as_of_parameter`) of *months*, the records as they were (*as_of*: with
    those values) or as they are now."""
    table, counted, value = TREND_SUMS[figure]
    kind = next(k.name for k in KINDS.values() if k.table == table)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, trend_month, {_months_named(value)} "
                         f"FROM {_records_at(kind, fields, len(months), as_of)} WHERE deleted = 0 "
                         f"{f'AND {_months_named(counted)} ' if counted else ''}GROUP BY unit, trend_month",
                 {**_months_params(months), "as_of": rows})


def current_values(ledger: Ledger, kind: str, fields: tuple[str, ...], ids: list[str]) -> dict[str, tuple]:
    """id → the values of *fields* the records *ids* of *kind* have now."""
    out: dict[str, tuple] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in _rows(ledger, f"SELECT id, {', '.join(fields)} FROM {KINDS[kind].table} "
                                 f"WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            out[row[0]] = tuple(row[1:])
    return out


# ----------------------------------------------------------------------------- committees as they were
def organisations_counted(ledger: Ledger, fields: tuple[str, ...], rows: str, months: list, condition: str,
                          as_of: bool) -> set[tuple[int, str, str, str | None]]:
    """(month index, id, scope, founded on) of the organisations of *rows* (as for
    :func:`trend_sum_rows`) that meet *condition* (over the alias ``o``) in that month, as they
    were (*as_of*) or as they are now."""
    return {tuple(r) for r in _rows(  # type: ignore[misc]
        ledger, f"SELECT o.trend_month, o.id, o.scope, o.founded_on "
                f"FROM {_records_at('organisation', fields, len(months), as_of)} AS o WHERE {condition}",
        {**_months_params(months), "as_of": rows})}


def first_meetings(ledger: Ledger, kind: str, org_ids: list[str]) -> dict[str, str]:
    """org id → the first day it held a live meeting of *kind* (through the meetings' org index)."""
    return dict(_rows(ledger, "SELECT org_id, min(held_on) FROM meeting WHERE org_id IN (SELECT value FROM "
                              "json_each(:ids)) AND deleted = 0 AND kind = :kind GROUP BY org_id",
                      {"ids": json.dumps(org_ids), "kind": kind}))


def funding_secured_of(ledger: Ledger, org_ids: list[str], months: list) -> dict[str, list[bool]]:
    """org id → whether its funding of each month's year, received by the month's end, reaches
    :data:`report_queries.FUNDING_SECURED_FEN` (as :func:`report_queries.trend_funding_secured`)."""
    sums = ", ".join(f"sum(CASE WHEN f.year = :y{i} AND {_at(_RECEIVED_BY_END, i)} THEN coalesce(f.received, 0) "
                     f"ELSE 0 END) >= :threshold" for i in range(len(months)))
    rows = _rows(ledger, f"SELECT f.org_id, {sums} FROM funding_entry f WHERE f.org_id IN (SELECT value FROM "
                         f"json_each(:ids)) AND f.deleted = 0 GROUP BY f.org_id",
                 {**_months_params(months), "ids": json.dumps(org_ids)})
    return {r[0]: [bool(v) for v in r[1:]] for r in rows}
