"""The monthly submission cycle between a township and its county, carried by a real hub on
127.0.0.1 and by data packages: submit → approve (the township's month locks) → reopen (the
edit goes through) → submit again; and a township cannot speak for its county."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_packages import befriend

from desktop.errors import ValidationError
from desktop.ledger import Ledger, MonthLocked
from desktop.reporting import submitting
from desktop.reporting.report import monthly_report
from sync import packages as P
from sync.client import SyncClient, SyncSettings, enroll

COUNTY = "130111"
TOWNSHIP = "130111200"
ORG = f"org-township_committee-{TOWNSHIP}"
MONTH = "2025-06"


def fast() -> SyncSettings:
    return SyncSettings(connect_timeout=3, read_timeout=60, retries=8, backoff_base=0.1, backoff_cap=1.0)


def enrolled(hub, tmp: Path, name: str, scope: str, operator: str) -> Ledger:
    ledger = Ledger.new(tmp / f"{name}.sqlite", scope=scope, operator=operator)
    enroll(ledger, hub.url, hub.new_code(scope, name), name=name, settings=fast())
    return ledger


def base(county: Ledger) -> None:
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")


def cycle(county: Ledger, town: Ledger, up, down) -> None:
    """The whole cycle; *up* carries the township's changes to the county, *down* the county's
    to the township."""
    town.meetings.create(org_id=ORG, kind="mobilisation", held_on="2025-06-10", title="动员会")
    first = submitting.submit(town, MONTH)
    up()
    seen = submitting.state_of(county, TOWNSHIP, MONTH)
    assert seen.state == "submitted" and seen.figures == first.figures
    submitting.review(county, TOWNSHIP, MONTH, approve=True)
    down()
    assert submitting.state_of(town, TOWNSHIP, MONTH).locked
    before = town.last_seq()
    with pytest.raises(MonthLocked):
        town.meetings.create(org_id=ORG, kind="review", held_on="2025-06-28", title="述评会")
    assert town.last_seq() == before

    submitting.reopen(county, TOWNSHIP, MONTH, "补录述评会")
    down()
    assert submitting.state_of(town, TOWNSHIP, MONTH).reason == "补录述评会"
    town.meetings.create(org_id=ORG, kind="review", held_on="2025-06-28", title="述评会")
    again = submitting.submit(town, MONTH)
    up()
    seen = submitting.state_of(county, TOWNSHIP, MONTH)
    assert seen.state == "submitted" and seen.figures["review_meeting"] == 1
    assert seen.first_submitted_at == first.first_submitted_at and seen.submitted_at == again.submitted_at
    (mine,) = [s for s in monthly_report(county, COUNTY, MONTH).submissions if s.unit.code == TOWNSHIP]
    assert mine.discrepancies == ()
    submitting.review(county, TOWNSHIP, MONTH, approve=True)
    down()
    assert submitting.state_of(town, TOWNSHIP, MONTH).locked


def test_the_cycle_through_the_hub(hub, tmp_path):
    county = enrolled(hub, tmp_path, "county", COUNTY, "李书记")
    town = enrolled(hub, tmp_path, "town", TOWNSHIP, "张三")
    try:
        base(county)
        SyncClient(county).sync()
        SyncClient(town).sync()

        def up():
            SyncClient(town).sync()
            SyncClient(county).sync()

        def down():
            SyncClient(county).sync()
            SyncClient(town).sync()

        cycle(county, town, up, down)
        # the township cannot write a review in its county's name: outside its scope
        with pytest.raises(ValidationError):
            town.create("month_review", {"reviewer_code": COUNTY, "unit_code": TOWNSHIP, "month": MONTH,
                                         "decision": "approved", "submitted_at": "x",
                                         "reviewed_at": "2025-07-01T00:00:00.000"})
    finally:
        town.close()
        county.close()


def test_the_cycle_by_data_packages(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    try:
        base(county)
        befriend(town, county, tmp_path)
        P.import_package(town, P.export_package(county, stick, town.device_id))

        def carry(source: Ledger, target: Ledger) -> None:
            report = P.import_package(target, P.export_package(source, stick, target.device_id))
            assert not report.rejected

        cycle(county, town, lambda: carry(town, county), lambda: carry(county, town))
    finally:
        town.close()
        county.close()


def test_a_township_cannot_approve_its_own_month_by_package(tmp_path):
    """A township program altered to write its county's review: its package does not carry it,
    a receiver refuses it as outside the sender's scope, and nothing locks."""
    stick = tmp_path / "stick"
    stick.mkdir()
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    try:
        base(county)
        befriend(town, county, tmp_path)
        P.import_package(town, P.export_package(county, stick, town.device_id))
        state = submitting.submit(town, MONTH)
        town.scope = COUNTY  # the alteration: it now writes as if it were the county
        submitting.review(town, TOWNSHIP, MONTH, approve=True)
        town.scope = TOWNSHIP
        P.import_package(county, P.export_package(town, stick, county.device_id))
        assert submitting.state_of(county, TOWNSHIP, MONTH).state == "submitted"  # the submission arrived
        assert county.locked_months() == {} and county.count("month_review") == 0  # the review did not
        assert submitting.state_of(county, TOWNSHIP, MONTH).submitted_at == state.submitted_at
        # handed over anyway, it is refused as from outside the sender's scope (as a package import does)
        forged = [c for c in town.changes_since(0)[0] if c.kind == "month_review"]
        assert len(county.apply_changes(forged, allowed_scope=TOWNSHIP).rejected) == 1
        assert county.locked_months() == {}
    finally:
        town.close()
        county.close()
