"""The read API behind the monthly report's work-ledger section
(:mod:`desktop.reporting.work_section`): the monthly work plan, cases and briefs, and the
terms of village branches, grouped by unit (the first *n* characters of the records'
scope) like :mod:`desktop.ledger.report_queries`.  Only live records count."""

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
    by *end* (a village with two records of one day: the later end)."""
    where, sp = _within(ledger, scope)
    return _rows(ledger, f"SELECT village_code, elected_on, max(term_end), secretary FROM branch_term "
                         f"WHERE deleted = 0 AND {where} AND elected_on <= :end AND elected_on = ("
                         f"  SELECT max(b.elected_on) FROM branch_term AS b WHERE b.deleted = 0 "
                         f"  AND b.village_code = branch_term.village_code AND b.elected_on <= :end) "
                         f"GROUP BY village_code ORDER BY village_code", {**sp, "end": end})
