"""The monthly submission cycle between a township and its county, carried by a real hub on
127.0.0.1 and by data packages: submit → approve (the township's month locks) → reopen (the
edit goes through) → submit again; and a township cannot speak for its county."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_packages import befriend

from desktop.errors import LedgerError, ValidationError
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


PROVINCE = "13"


def test_the_nation_reviews_a_province_by_data_packages(tmp_path):
    """The national ledger (scope "") reviews a province's month like any level above: its
    approval travels down in a package, the province takes it and the month locks; a reopening
    unlocks it; the due day it sets is the province's."""
    stick = tmp_path / "stick"
    stick.mkdir()
    nation = Ledger.new(tmp_path / "nation.sqlite", scope="", operator="王处长")
    province = Ledger.new(tmp_path / "province.sqlite", scope=PROVINCE, operator="刘书记")
    figure = {"unit_code": PROVINCE, "month": MONTH, "metric": "review_meeting_held"}
    try:
        befriend(province, nation, tmp_path)

        def carry(source: Ledger, target: Ledger) -> None:
            report = P.import_package(target, P.export_package(source, stick, target.device_id))
            assert not report.rejected

        province.create("reported_figure", {**figure, "value": 3})
        submitting.submit(province, MONTH)
        carry(province, nation)
        assert submitting.state_of(nation, PROVINCE, MONTH).state == "submitted"
        approved = submitting.review(nation, PROVINCE, MONTH, approve=True)
        assert approved.locked and approved.review.reviewer == ""
        assert approved.review.reviewer_text == "全国（王处长）"
        carry(nation, province)
        mine = submitting.state_of(province, PROVINCE, MONTH)
        assert mine.locked and mine.review.reviewer == ""
        assert set(province.locked_months()) == {(PROVINCE, MONTH)}
        before = province.last_seq()
        with pytest.raises(MonthLocked, match="全国"):
            province.create("reported_figure", {**figure, "metric": "members_added", "value": 1})
        assert province.last_seq() == before
        # a review of the nation's report in the report's submission columns, like any other
        (row,) = [s for s in monthly_report(nation, "", MONTH).submissions if s.unit.code == PROVINCE]
        assert row.locked and row.review.reviewer == ""

        submitting.reopen(nation, PROVINCE, MONTH, "补报培训")
        carry(nation, province)
        assert submitting.state_of(province, PROVINCE, MONTH).reason == "补报培训"
        province.create("reported_figure", {**figure, "metric": "members_added", "value": 1})

        submitting.set_due_day(nation, 9, MONTH)
        carry(nation, province)
        assert submitting.state_of(province, PROVINCE, MONTH).due_on == "2025-07-09"
    finally:
        province.close()
        nation.close()


def test_a_province_cannot_review_itself_or_the_nation(tmp_path):
    """Refused with a message saying why; and a review forged in the nation's name does not
    travel: the package does not carry it and a receiver refuses it as outside the sender's scope."""
    stick = tmp_path / "stick"
    stick.mkdir()
    nation = Ledger.new(tmp_path / "nation.sqlite", scope="", operator="王处长")
    province = Ledger.new(tmp_path / "province.sqlite", scope=PROVINCE, operator="刘书记")
    try:
        befriend(province, nation, tmp_path)
        state = submitting.submit(province, MONTH)
        with pytest.raises(LedgerError) as itself:
            submitting.review(province, PROVINCE, MONTH, approve=True)
        assert itself.value.text() == "只有河北省的上级才能审核其月报；本台账属于河北省。"
        assert itself.value.text("en") == "Only a level above 河北省 reviews its monthly report; this ledger is 河北省's."
        with pytest.raises(LedgerError) as above:
            submitting.review(province, "", MONTH, approve=True)
        assert "全国不向任何单位上报月报" in above.value.text()
        assert "All of China submits no monthly report" in above.value.text("en")
        # written directly in the nation's name: outside the province's scope
        with pytest.raises(ValidationError):
            province.create("month_review", {"reviewer_code": "", "unit_code": PROVINCE, "month": MONTH,
                                             "decision": "approved", "submitted_at": state.submitted_at,
                                             "reviewed_at": "2025-07-01T00:00:00.000"})
        province.scope = ""  # a program altered to write as the nation
        submitting.review(province, PROVINCE, MONTH, approve=True)
        province.scope = PROVINCE
        P.import_package(nation, P.export_package(province, stick, nation.device_id))
        assert submitting.state_of(nation, PROVINCE, MONTH).state == "submitted"
        assert nation.count("month_review") == 0
        forged = [c for c in province.changes_since(0)[0] if c.kind == "month_review"]
        assert len(nation.apply_changes(forged, allowed_scope=PROVINCE).rejected) == 1
        assert nation.locked_months() == {}
    finally:
        province.close()
        nation.close()


def test_the_nation_reviews_a_province_through_the_hub(hub, tmp_path):
    """A national office enrolls at the hub with a code for the whole country (``--scope ""``,
    typed out), pulls the province's submission and sends its approval down like any level
    above: the hub takes changes of scope "" from a national device only."""
    nation = enrolled(hub, tmp_path, "nation", "", "王处长")
    province = enrolled(hub, tmp_path, "province", PROVINCE, "刘书记")
    try:
        province.create("reported_figure", {"unit_code": PROVINCE, "month": MONTH, "metric": "review_meeting_held",
                                            "value": 3})
        submitting.submit(province, MONTH)
        SyncClient(province).sync()
        SyncClient(nation).sync()
        assert submitting.state_of(nation, PROVINCE, MONTH).state == "submitted"
        submitting.review(nation, PROVINCE, MONTH, approve=True)
        result = SyncClient(nation).sync()
        assert not result.push.rejected
        SyncClient(province).sync()
        mine = submitting.state_of(province, PROVINCE, MONTH)
        assert mine.locked and mine.review.reviewer == ""
        with pytest.raises(MonthLocked, match="全国"):
            province.create("reported_figure", {"unit_code": PROVINCE, "month": MONTH, "metric": "members_added",
                                                "value": 1})
    finally:
        province.close()
        nation.close()
    # leaving the scope out is no way to a national code
    refused = hub.cli("enroll", "--scope", "0", "--name", "乱填")
    assert refused.returncode != 0 and "0" in refused.stderr
