"""Received changes are merged in batches (``desktop.ledger.merge.APPLY_BATCH``): a list of
changes applied in one call, cut into batches of any size, leaves the ledger and the report
exactly as applying the same changes one call each — duplicates inside a batch and across
batches, a differing copy of a held change, a record created and edited in one batch, a
change that moves a record to another scope, concurrent edits that lose."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2
from desktop.ledger import Ledger, merge
from desktop.ledger.changes import Change
from desktop.records import KINDS

ORG = f"org-township_committee-{TOWNSHIP}"


def _pool(folder: Path) -> list:
    """Changes of three ledgers that edit the same records concurrently, and a few that
    must be refused: a differing copy of a change (same origin and number), one moving a
    record to another scope, a malformed one."""
    ledgers = [Ledger.new(folder / f"w{i}.sqlite", scope=COUNTY, operator=f"员{i}") for i in range(3)]
    first = ledgers[0]
    first.organisations.create(kind="county_committee", name="县团委", division_code=COUNTY)
    first.organisations.create(kind="township_committee", name="乡团委", division_code=TOWNSHIP,
                               parent_id=f"org-county_committee-{COUNTY}")
    members = first.committee_members.create_many([
        {"org_id": ORG, "name": f"委员{n}", "gender": "female", "post": "member", "employment": "part_time",
         "source": "other", "joined_on": "2020-01-01", "birth_date": "1990-01-01"} for n in range(3)])
    shared = first.changes_since(0)[0]
    for other in ledgers[1:]:
        other.apply_changes(shared)
    for round_ in range(2):
        for i, ledger in enumerate(ledgers):
            for n, record in enumerate(members):
                if ledger.get("committee_member", record) is not None:
                    ledger.update("committee_member", record, {"duty": f"职务{i}-{round_}-{n}",
                                                               "employer": f"单位{i}"})
        ledgers[1].delete("committee_member", members[0])
        ledgers[2].apply_changes(ledgers[1].changes_since(0)[0])
        ledgers[2].restore("committee_member", members[0])
        ledgers[0].apply_changes(ledgers[1].changes_since(0)[0])
    pool = [c for ledger in ledgers for c in ledger.changes_since(0)[0]]
    for ledger in ledgers:
        ledger.close()
    edit = next(c for c in pool if c.kind == "committee_member" and not c.created)
    pool.append(dataclasses.replace(edit, fields={**edit.fields, "duty": "另一个值"}))  # differs, same number
    create = next(c for c in pool if c.kind == "committee_member" and c.created)
    pool.append(dataclasses.replace(create, origin_seq=10_000, scope=TOWNSHIP_2))  # another scope
    pool.append({"origin": "x", "seq": 1})  # malformed
    pool.append(create.to_wire())  # the wire form of a change given as a Change too
    return pool


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    return _pool(tmp_path_factory.mktemp("pool"))


def _state(ledger: Ledger) -> dict:
    conn = ledger.conn
    return {
        "records": {k: [tuple(r) for r in conn.execute(f"SELECT * FROM {KINDS[k].table} ORDER BY id")] for k in KINDS},
        "log": [tuple(r) for r in conn.execute("SELECT origin, origin_seq, stamp, kind, record_id, scope, patch, "
                                               "author, flags, signature FROM change_log ORDER BY seq")],
        "conflicts": [tuple(r) for r in conn.execute("SELECT kind, record_id, field, lost_value, lost_stamp, "
                                                     "won_value, won_stamp FROM conflicts ORDER BY id")],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data(), batch=st.integers(1, 7))
def test_batches_of_any_size_give_what_one_by_one_gives(pool, data, batch, monkeypatch):
    picks = data.draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=3 * len(pool)))
    changes = [pool[i] for i in picks]
    monkeypatch.setattr(merge, "APPLY_BATCH", batch)
    with tempfile.TemporaryDirectory() as tmp:
        together = Ledger.new(Path(tmp) / "together.sqlite", scope=COUNTY, operator="甲")
        alone = Ledger.new(Path(tmp) / "alone.sqlite", scope=COUNTY, operator="乙")
        try:
            report = together.apply_changes(changes)
            reports = [alone.apply_changes([c]) for c in changes]
            assert _state(together) == _state(alone)
            assert (report.applied, report.duplicate, report.conflicts, report.flagged_future) == (
                sum(r.applied for r in reports), sum(r.duplicate for r in reports),
                sum(r.conflicts for r in reports), sum(r.flagged_future for r in reports))
            assert [str(reason) for _, reason in report.rejected] == \
                [str(reason) for r in reports for _, reason in r.rejected]
            assert [item for item, _ in report.rejected] == [item for r in reports for item, _ in r.rejected]
        finally:
            together.close()
            alone.close()


def test_a_batch_refuses_the_differing_copy_and_counts_the_same_one(pool, tmp_path):
    """Inside one batch: the second identical copy of a change is a duplicate, a differing
    copy with the same origin and number is refused with its code."""
    change = next(c for c in pool if isinstance(c, Change) and c.kind == "organisation")
    differing = dataclasses.replace(change, fields={**change.fields, "name": "别的名字"})
    ledger = Ledger.new(tmp_path / "l.sqlite", scope=COUNTY, operator="甲")
    try:
        report = ledger.apply_changes([change, change, differing])
        assert (report.applied, report.duplicate) == (1, 1)
        (refused, reason), = report.rejected
        assert refused is differing and reason.code == "duplicate_differs"
        assert ledger.get("organisation", change.record_id)["name"] == change.fields["name"]
    finally:
        ledger.close()
