"""The read API behind the monthly report's work-ledger section
(:mod:`desktop.reporting.work_section`): the monthly work plan, cases and briefs, the terms
of village branches, contact points and annual assessments, grouped by unit (the first *n*
characters of the records' scope) like :mod:`desktop.ledger.report_queries`.  Only live
records count."""

from __future__ import annotations

from desktop.ledger import Ledger
from desktop.ledger.report_queries import _rows, _unit, _within


def work_plan_by_unit(ledger: Ledger, scope: str, month: str, n: int) -> list[tuple]:
    """(unit, items, done, postponed or cancelled) of the work plan items of *month*."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, count(*), sum(status = 'done'), "
                         f"sum(status IN ('postponed', 'cancelled')) FROM work_plan_item "
                         f"WHERE deleted = 0 AND {where} AND month = :month GROUP BY unit", {**sp, "month": month})


def cases_by_unit(ledger: Ledger, scope: str, start: str, end: str, n: int) -> list[tuple]:
    """(unit, cases, briefs, cases in an excellent case library) dated within start…end, and
    (the same unit, …) in the library by *end*: ``(unit, cases, briefs, library, library_to_date)``."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, sum(kind = 'case' AND dated_on >= :start), "
                         f"sum(kind = 'brief' AND dated_on >= :start), "
                         f"sum(library IS NOT NULL AND dated_on >= :start), sum(library IS NOT NULL) FROM case_brief "
                         f"WHERE deleted = 0 AND {where} AND dated_on <= :end GROUP BY unit",
                 {**sp, "start": start, "end": end})


def current_terms(ledger: Ledger, scope: str, end: str) -> list[tuple]:
    """(village code, elected on, term end, secretary) of each village's latest term elected
    by *end* (a village with two records of one day: the later end), by village code.

    One ordered pass over the villages' index, the first row of each village kept: a
    correlated look-up of each village's latest election took twice as long nationally."""
    where, sp = _within(ledger, scope)
    cursor = ledger.conn.cursor()
    cursor.row_factory = None  # plain tuples
    cursor.execute(f"SELECT village_code, elected_on, term_end, secretary FROM branch_term "
                   f"WHERE deleted = 0 AND {where} AND village_code IS NOT NULL AND elected_on <= :end "
                   f"ORDER BY village_code, elected_on DESC, term_end DESC", {**sp, "end": end})
    out, last = [], None
    for row in cursor:
        if row[0] != last:
            out.append(row)
            last = row[0]
    return out


# ----------------------------------------------------------------------------- contact points and assessments
#: A contact point (联系点) in effect on :end: linked by then and not ended before it.
_LINKED = "(linked_on <= :end AND (ended_on IS NULL OR ended_on >= :end))"


def contact_points_by_unit(ledger: Ledger, scope: str, start: str, end: str, n: int) -> list[tuple]:
    """(unit, contact points in effect at *end*, of them linked from *start* on, officials
    holding one (by name and office)) of the units contacted within *scope*."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT {_unit(n)} AS unit, count(*), sum(linked_on >= :start), "
                         f"count(DISTINCT leader || '|' || office) FROM contact_point "
                         f"WHERE deleted = 0 AND {where} AND {_LINKED} GROUP BY unit",
                 {**sp, "start": start, "end": end})


def contact_officials(ledger: Ledger, scope: str, end: str) -> int:
    """The officials (by name and office) holding a contact point within *scope* at *end*:
    one official with points in two units counts once."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT count(DISTINCT leader || '|' || office) FROM contact_point "
                         f"WHERE deleted = 0 AND {where} AND {_LINKED}", {**sp, "end": end})[0][0]


def contacted_units(ledger: Ledger, scope: str, end: str) -> list[str]:
    """The division codes of the units within *scope* with a contact point in effect at *end*."""
    where, sp = _within(ledger, scope)
    return [r[0] for r in _rows(ledger, f"SELECT DISTINCT unit_code FROM contact_point "
                                        f"WHERE deleted = 0 AND {where} AND {_LINKED}", {**sp, "end": end})]


#: An assessment of the year :year, made by :end (or without a date).
_ASSESSED = "(a.year = :year AND (a.assessed_on IS NULL OR a.assessed_on <= :end))"


def assessments_by_unit(ledger: Ledger, scope: str, year: int, end: str, n: int) -> list[tuple]:
    """(unit, grade, assessments) of the annual assessments (考核、评优) of *year* made by *end*,
    of live organisations within *scope*."""
    where, sp = _within(ledger, scope, "a")
    return _rows(ledger, f"SELECT {_unit(n, 'a')} AS unit, a.grade, count(*) FROM unit_assessment a "
                         f"JOIN organisation o ON o.id = a.org_id WHERE a.deleted = 0 AND {where} AND {_ASSESSED} "
                         f"AND o.deleted = 0 GROUP BY unit, a.grade", {**sp, "year": year, "end": end})


def assessed_townships(ledger: Ledger, scope: str, year: int, end: str) -> list[str]:
    """The division codes of the township committees within *scope* assessed for *year* by *end*."""
    where, sp = _within(ledger, scope, "a")
    return [r[0] for r in _rows(ledger, f"SELECT DISTINCT o.division_code FROM unit_assessment a "
                                        f"JOIN organisation o ON o.id = a.org_id WHERE a.deleted = 0 AND {where} "
                                        f"AND {_ASSESSED} AND o.deleted = 0 AND o.kind = 'township_committee'",
                                {**sp, "year": year, "end": end})]
