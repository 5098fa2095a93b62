"""The monthly report's heavy queries read the indexes made for them (ledger migration 11):
each a covering index in scope order, the whole country's change log by time, a month's
reported figures, the secretaries in office.  A column added to a query without its index falls back to a scan of
the whole table (seconds on a national ledger): these plans say so first."""

from __future__ import annotations

import pytest

from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.reporting import report as R

COUNTY, TOWNSHIP = "130111", "130111200"

#: query (a piece of its SQL) → the index its plan reads, and whether it must read the index alone
EXPECTED = {
    "AS unit, source, sum(": ("committee_member_dates", True),
    "kind = 'direct_org' GROUP BY unit, status": ("organisation_kind_dates", True),
    "AS unit, system, count(*)": ("checklist_task_dates", True),
    "s.kind, sum(s.first <= :end)": ("meeting_kind_dates", True),
    "unit_code, metric, value, reported_by, reported_on FROM reported_figure": ("reported_figure_month", True),
    "SELECT org_id, name, phone FROM committee_member": ("committee_member_secretary", False),
}

def ledger_of(path, scope: str) -> Ledger:
    ledger = Ledger.new(path, scope=scope, operator="县团委")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.organisations.create(kind="township_committee", name="镇团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    return ledger


def plans(ledger: Ledger, scope: str, monkeypatch) -> list[tuple[str, str]]:
    """(SQL, query plan) of each query of the monthly report of *scope*."""
    seen: list[tuple[str, object]] = []
    real = q._rows

    def recording(led, sql, params):
        seen.append((sql, params))
        return real(led, sql, params)

    monkeypatch.setattr(q, "_rows", recording)
    R.monthly_report(ledger, scope, "2024-05", parallel=False)
    return [(sql, " ".join(str(row[3]) for row in ledger.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)))
            for sql, params in seen]


@pytest.mark.parametrize("scope", [COUNTY, ""])
def test_the_reports_heavy_queries_read_their_indexes(tmp_path, monkeypatch, scope):
    """A county's report in its own ledger, the country's in a national one."""
    ledger = ledger_of(tmp_path / "l.sqlite", scope)
    try:
        found = plans(ledger, scope, monkeypatch)
    finally:
        ledger.close()
    # the change log by time for the whole country (a month of it), by scope for a unit (its part)
    by_time = "change_log_stamp_scope" if not scope else "change_log_scope_stamp"
    expected = {**EXPECTED, "DISTINCT substr(scope, 1, 9) FROM change_log": (by_time, True)}
    for piece, (index, alone) in expected.items():
        matching = [plan for sql, plan in found if piece in sql]
        assert len(matching) == 1, piece
        assert index in matching[0], (piece, matching[0])
        assert "COVERING INDEX" in matching[0] or not alone, (piece, matching[0])
