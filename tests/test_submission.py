"""The monthly submission (月报上报 → 审核 → 锁定 → 重开) between a township's ledger and its
county's: the frozen figures, the review and its reason, the lock and what it refuses, the
reopening, the due day set from above, the on-time rate, and a change received into a locked
month showing as a discrepancy.  Changes travel as a sync or a data package hands them over
(tests/sync/test_submission_sync.py sends them through a real hub and a real package)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import COUNTY, TOWNSHIP
from test_cli import fails, ok, run

from desktop.errors import LedgerError
from desktop.ledger import Ledger, MonthLocked
from desktop.reporting import submitting
from desktop.reporting.months import current_month, previous_month
from desktop.reporting.report import monthly_report
from desktop.reporting.report_json import report_data
from desktop.reporting.submissions import NOT_SUBMITTED, SUBMITTED, month_being_reported

MONTH = "2025-06"
ORG = f"org-township_committee-{TOWNSHIP}"


def travel(source: Ledger, target: Ledger) -> None:
    """Hand every change of *source* to *target* (as a sync or a package would)."""
    target.apply_changes(source.changes_since(0)[0])


def both(a: Ledger, b: Ledger) -> None:
    travel(a, b)
    travel(b, a)


@pytest.fixture
def pair(tmp_path):
    """栾城区's ledger (李书记) and 南高乡's (张三), from one base: a member who joined and a
    mobilisation meeting in June 2025."""
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李书记")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    county.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    travel(county, town)
    town.committee_members.create(org_id=ORG, name="赵丽", gender="female", post="secretary", employment="full_time",
                                  source="civil_servant", joined_on="2025-06-02")
    town.meetings.create(org_id=ORG, kind="mobilisation", held_on="2025-06-10", title="动员会")
    yield county, town
    town.close()
    county.close()


def state_at(ledger: Ledger, month: str = MONTH):
    return submitting.state_of(ledger, TOWNSHIP, month)


def test_a_submission_freezes_the_units_figures_and_travels_up(pair):
    county, town = pair
    state = submitting.submit(town, MONTH)
    assert state.state == SUBMITTED and state.submitted_by == "张三"
    assert state.figures["members_added"] == 1 and state.figures["mobilisation_meeting"] == 1
    assert state.due_on == "2025-07-05" and not state.on_time  # submitted long after the 5th
    travel(town, county)
    report = monthly_report(county, COUNTY, MONTH)
    (mine,) = [s for s in report.submissions if s.unit.code == TOWNSHIP]
    assert mine.state == SUBMITTED and mine.figures == state.figures
    assert mine.discrepancies == ()  # the county's ledger agrees with what was submitted
    assert [s.state for s in report.submissions if s.unit.code != TOWNSHIP] == [NOT_SUBMITTED] * 6
    assert report.on_time_submissions == 0 and report.on_time_share == 0


def test_review_return_needs_a_reason_and_the_township_sees_it(pair):
    county, town = pair
    submitting.submit(town, MONTH)
    travel(town, county)
    with pytest.raises(LedgerError, match="原因"):
        submitting.review(county, TOWNSHIP, MONTH, approve=False, reason="  ")
    state = submitting.review(county, TOWNSHIP, MONTH, approve=False, reason="缺少会议照片")
    assert state.state == "returned" and state.reason == "缺少会议照片"
    travel(county, town)
    seen = state_at(town)
    assert seen.state == "returned" and "缺少会议照片" in seen.label and "李书记" in seen.review.reviewer_text
    # submitted again: a new submission, not covered by the return; its first time stays
    again = submitting.submit(town, MONTH)
    assert again.state == SUBMITTED and again.first_submitted_at == state.first_submitted_at
    assert again.submitted_at > state.submitted_at


def test_only_a_level_above_reviews(pair):
    county, town = pair
    submitting.submit(town, MONTH)
    with pytest.raises(LedgerError, match="上级"):
        submitting.review(town, TOWNSHIP, MONTH, approve=True)
    with pytest.raises(LedgerError, match="尚未上报"):
        submitting.review(county, TOWNSHIP, MONTH, approve=True)  # nothing received yet
    # a review the township writes of itself, as a forged change would, locks nothing
    town.create("month_review", {"reviewer_code": TOWNSHIP, "unit_code": TOWNSHIP, "month": MONTH,
                                 "decision": "approved", "submitted_at": state_at(town).submitted_at,
                                 "reviewed_at": "2025-07-01T08:00:00.000"}, record_id="rev-forged")
    assert town.locked_months() == {} and state_at(town).state == SUBMITTED


def test_an_approved_month_refuses_edits_until_reopened(pair):
    county, town = pair
    member = town.committee_members.query()[0]["id"]
    meeting = town.meetings.query()[0]["id"]
    submitting.submit(town, MONTH)
    travel(town, county)
    assert submitting.review(county, TOWNSHIP, MONTH, approve=True).locked
    travel(county, town)
    assert state_at(town).locked

    before = (town.last_seq(), town.get("meeting", meeting), town.count("meeting"))
    with pytest.raises(MonthLocked) as refused:
        town.meetings.create(org_id=ORG, kind="review", held_on="2025-06-28", title="述评会")
    text = refused.value.text()
    assert MONTH in text and "南高乡" in text and "李书记" in text and "栾城区" in text
    assert "locked" in refused.value.text("en")
    for write in (lambda: town.meetings.update(meeting, title="动员大会"),   # an event of the month: any change
                  lambda: town.meetings.delete(meeting),
                  lambda: town.committee_members.update(member, joined_on="2025-05-20")):  # a date out of it
        with pytest.raises(MonthLocked):
            write()
    with pytest.raises(MonthLocked):
        town.committee_members.create_many([dict(org_id=ORG, name="钱七", gender="male", post="member",
                                                 employment="part_time", source="other", joined_on="2025-07-01"),
                                            dict(org_id=ORG, name="孙八", gender="male", post="member",
                                                 employment="part_time", source="other", joined_on="2025-06-15")])
    assert (town.last_seq(), town.get("meeting", meeting), town.count("meeting")) == before  # nothing changed
    # what does not date the month goes on: her phone, a meeting of July
    assert town.committee_members.update(member, phone="13800000001")
    town.meetings.create(org_id=ORG, kind="training", held_on="2025-07-03", title="培训")
    # the county's own ledger refuses the same edits
    with pytest.raises(MonthLocked):
        county.meetings.update(meeting, title="动员大会")
    # submitting again is refused too
    with pytest.raises(LedgerError, match="锁定"):
        submitting.submit(town, MONTH)

    with pytest.raises(LedgerError, match="原因"):
        submitting.reopen(county, TOWNSHIP, MONTH, "")
    assert submitting.reopen(county, TOWNSHIP, MONTH, "补录述评会").state == "reopened"
    travel(county, town)
    assert state_at(town).reason == "补录述评会"
    town.meetings.create(org_id=ORG, kind="review", held_on="2025-06-28", title="述评会")  # allowed now
    assert submitting.submit(town, MONTH).figures["review_meeting"] == 1
    fields = {n for e in county.history(f"rev-{COUNTY}-{TOWNSHIP}-{MONTH}") for n, _o, _n in e.changes}
    assert {"decision", "reason", "reviewed_by"} <= fields  # every step is in the review's history


def test_a_change_received_into_a_locked_month_is_kept_and_shows_as_a_discrepancy(pair):
    county, town = pair
    submitting.submit(town, MONTH)
    travel(town, county)
    submitting.review(county, TOWNSHIP, MONTH, approve=True)
    # the township has not heard of the approval yet: its late meeting is written offline
    town.meetings.create(org_id=ORG, kind="review", held_on="2025-06-28", title="述评会")
    report = county.apply_changes(town.changes_since(0)[0])
    assert not report.rejected  # never lost
    assert county.count("meeting", where={"kind": "review"}) == 1
    state = next(s for s in monthly_report(county, COUNTY, MONTH).submissions if s.unit.code == TOWNSHIP)
    assert state.locked
    assert [(d.figure, d.submitted, d.ledger, d.change) for d in state.discrepancies] == [("review_meeting", 0, 1, 1)]
    data = report_data(monthly_report(county, COUNTY, MONTH))
    (mine,) = [s for s in data["submissions"] if s["code"] == TOWNSHIP]
    assert mine["state"] == "approved" and mine["review"]["reviewed_by"] == "李书记"
    assert mine["discrepancies"] == [{"figure": "review_meeting", "submitted": 0, "ledger": 1}]
    assert data["figures"]["approved"]["numerator"] == 1


def test_the_due_day_set_above_travels_down_and_decides_on_time(pair):
    county, town = pair
    this = current_month()
    with pytest.raises(LedgerError):
        submitting.set_due_day(county, 31)
    with pytest.raises(LedgerError):
        submitting.set_due_day(town, 8)  # a township sets none for itself
    submitting.set_due_day(county, 20)
    submitting.set_due_day(county, 12, MONTH)  # one month of its own
    travel(county, town)
    assert state_at(town, this).due_on.endswith("-20")
    # the month being reported turns after the due day set above, not after the 5th
    assert month_being_reported(town, dt.date(2025, 3, 12)) == "2025-02"
    assert month_being_reported(town, dt.date(2025, 3, 21)) == "2025-03"
    assert month_being_reported(county, dt.date(2025, 3, 12)) == "2025-03"  # nothing set above the county
    on_time = submitting.submit(town, this)  # this month, submitted before it ends: on time
    assert on_time.on_time and on_time.due_on.endswith("-20")
    late = submitting.submit(town, MONTH)
    assert late.due_on == "2025-07-12" and not late.on_time
    travel(town, county)
    report = monthly_report(county, COUNTY, this)
    assert report.on_time_submissions == 1 and report.on_time_share == pytest.approx(1 / 7)
    data = report_data(report)["figures"]["submitted_on_time"]
    assert (data["numerator"], data["denominator"]) == (1, 7)
    with pytest.raises(LedgerError, match="尚未开始"):
        submitting.submit(town, "2999-01")


def test_cli_submit_review_reopen(pair, tmp_path):
    county, town = pair
    month = previous_month(current_month())
    town.meetings.create(org_id=ORG, kind="training", held_on=f"{month}-01", title="培训")
    county_path, town_path = county.path, town.path
    town.close()
    out = ok(run("submit", "--month", month, ledger=town_path))
    assert "已上报南高乡" in out and month in out and "冻结 16 项数据" in out
    assert "Submitted 南高乡's report" in ok(run("submit", "--month", month, ledger=town_path, lang="en"))
    with Ledger.open(town_path) as reopened:
        changes = reopened.changes_since(0)[0]
    county.apply_changes(changes)
    county.close()
    assert "月份" in fails(run("review", "--unit", TOWNSHIP, "--month", "2025-13", "--approve", ledger=county_path))
    assert "原因" in fails(run("review", "--unit", TOWNSHIP, "--month", month, "--return", " ", ledger=county_path))
    assert ok(run("review", "--unit", TOWNSHIP, "--month", month, "--return", "缺照片",
                  ledger=county_path)).strip() == f"南高乡 {month}：已退回：缺照片。"
    assert "重开" in fails(run("reopen", "--unit", TOWNSHIP, "--month", month, "--reason", "补录",
                              ledger=county_path))  # not approved: nothing to reopen
    assert "上级" in fails(run("review", "--unit", TOWNSHIP, "--month", month, "--approve", ledger=town_path))
    with Ledger.open(county_path) as c, Ledger.open(town_path) as t:
        both(c, t)
    ok(run("submit", "--month", month, ledger=town_path))
    with Ledger.open(county_path) as c, Ledger.open(town_path) as t:
        both(c, t)
    assert "已通过（已锁定）" in ok(run("review", "--unit", TOWNSHIP, "--month", month, "--approve",
                                   ledger=county_path))
    assert "Reopened: 补录" in ok(run("reopen", "--unit", TOWNSHIP, "--month", month, "--reason", "补录",
                                     ledger=county_path, lang="en"))
    assert "次月 8 日" in ok(run("due-day", "8", ledger=county_path))
    data = json.loads(ok(run("report", "--json", "--month", month, ledger=county_path)))
    (mine,) = [s for s in data["submissions"] if s["code"] == TOWNSHIP]
    assert mine["state"] == "reopened" and mine["review"]["reason"] == "补录"
    assert data["own_submission"]["state"] == "not_submitted"  # the county's own, to the prefecture
    assert "月报上报" in ok(run("report", "--month", month, ledger=county_path))


def test_cli_the_nation_reviews_a_province_and_sets_its_due_day(tmp_path):
    """The national ledger (scope "") reviews a province and sets the provinces' due day from
    the command line; a province can review neither itself nor the nation."""
    province_code = "13"
    nation = Ledger.new(tmp_path / "nation.sqlite", scope="", operator="王处长")
    province = Ledger.new(tmp_path / "province.sqlite", scope=province_code, operator="刘书记")
    month = previous_month(current_month())
    submitting.submit(province, month)
    travel(province, nation)
    nation_path, province_path = nation.path, province.path
    nation.close()
    province.close()
    assert ok(run("review", "--unit", province_code, "--month", month, "--approve",
                  ledger=nation_path)).strip() == f"河北省 {month}：已通过（已锁定）。"
    assert "Reopened: 补报" in ok(run("reopen", "--unit", province_code, "--month", month, "--reason", "补报",
                                     ledger=nation_path, lang="en"))
    assert "次月 10 日" in ok(run("due-day", "10", ledger=nation_path))
    data = json.loads(ok(run("report", "--json", "--month", month, ledger=nation_path)))
    (mine,) = [s for s in data["submissions"] if s["code"] == province_code]
    assert mine["state"] == "reopened" and mine["review"]["reviewer"] == "" and mine["due_on"].endswith("-10")
    assert data["own_submission"] is None  # the nation submits to no one
    assert "只有河北省的上级才能审核" in fails(run("review", "--unit", province_code, "--month", month, "--approve",
                                          ledger=province_path))
    assert "全国不向任何单位上报月报" in fails(run("review", "--unit", "", "--month", month, "--approve",
                                          ledger=province_path))
    assert "All of China submits no monthly report" in fails(run("reopen", "--unit", "", "--month", month,
                                                                 "--reason", "x", ledger=province_path, lang="en"))
    with Ledger.open(nation_path) as n, Ledger.open(province_path) as p:
        travel(n, p)
        state = submitting.state_of(p, province_code, month)
        assert state.reason == "补报" and state.due_on.endswith("-10") and not state.locked
