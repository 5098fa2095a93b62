"""The trends' past months count the records as they were at each month's end: statuses
that changed between months, deletions, a change entered late but dated within a month, and a
record entered late — on a small county ledger written with the ledger's clock set by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.ledger import Ledger
from desktop.reporting import trends as T

COUNTY = "130111"
A = "130111200"         # 南高乡
B = "130111103"         # 冶河镇
ORG_A, ORG_B = f"org-township_committee-{A}", f"org-township_committee-{B}"
FIGURES = ["mobilisation_meeting", "funding_secured", "coop_committees", "direct_orgs", "direct_orgs_rectifying", "direct_orgs_revoked", "townships", "members_current",
           "wechat_groups", "wechat_reach"]


def at(ledger: Ledger, day: str) -> None:
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger.new(tmp_path_factory.mktemp("as_of") / "county.sqlite", scope=COUNTY, operator="x")
    orgs = led.organisations
    at(led, "2025-01-10")
    for code, name in ((A, "南高乡团委"), (B, "冶河镇团委")):
        orgs.create(kind="township_committee", name=name, division_code=code)
    direct = dict(kind="direct_org", parent_id=ORG_A, division_code=A, founded_on="2020-01-01")
    swinging = orgs.create(name="整顿又恢复", **direct)
    revoked = orgs.create(name="九月撤销", **direct)
    dropped = orgs.create(name="十月删除", **direct)
    late = orgs.create(name="补录的撤销", **direct)
    member = dict(gender="female", post="member", employment="part_time", source="other", joined_on="2024-01-01")
    led.committee_members.create(org_id=ORG_B, name="留任", **member)
    gone = led.committee_members.create(org_id=ORG_B, name="八月删除", **member)
    led.meetings.create(org_id=ORG_B, kind="mobilisation", held_on="2025-05-06", title="动员会")
    led.funding_entries.create(org_id=ORG_B, year=2025, received=2_000_000, source="local_budget",
                               received_on="2025-04-01")
    coop = orgs.create(kind="county_coop_committee", name="合作社工委", division_code=COUNTY, founded_on="2024-01-01")
    group = led.wechat_groups.create(org_id=ORG_A, name="青年群", youth_reached=100, created_on="2024-05-01")
    at(led, "2025-03-05")   # under rectification from March …
    orgs.update(swinging, status="rectifying", status_changed_on="2025-03-05")
    at(led, "2025-06-20")
    led.wechat_groups.update(group, youth_reached=250)
    at(led, "2025-08-14")
    led.delete("committee_member", gone)
    at(led, "2025-09-15")   # … back to active in September
    orgs.update(swinging, status="active", status_changed_on="2025-09-15")
    orgs.update(revoked, status="revoked", status_changed_on="2025-09-15")
    at(led, "2025-10-03")   # entered in October, dated 28 September
    orgs.update(late, status="revoked", status_changed_on="2025-09-28")
    at(led, "2025-10-20")
    led.delete("organisation", dropped)
    orgs.update(ORG_B, status="revoked", status_changed_on="2025-10-20")
    led.delete("organisation", coop)
    at(led, "2025-11-02")
    yield led
    led.close()


def by_month(trend: T.Trend, code: str, months: tuple[str, ...]) -> dict[str, int]:
    return dict(zip(months, trend.row(code).values))


def test_each_month_as_it_was(ledger):
    t = T.trends(ledger, COUNTY, "2025-10", FIGURES)
    months = t.months
    assert months[0] == "2024-11" and months[-1] == "2025-10"

    def values(figure, code):
        found = by_month(t.trend(figure), code, months)
        return [found[m] for m in ("2025-02", "2025-03", "2025-08", "2025-09", "2025-10")]

    # the four direct organisations of 南高乡: "十月删除" is gone in October; the revoked ones leave
    # the total from the month they were revoked in
    assert values("direct_orgs", A) == [4, 4, 4, 2, 1]
    assert values("direct_orgs_rectifying", A) == [0, 1, 1, 0, 0]
    # revoked on 15 September, and "补录的撤销" entered in October but dated 28 September
    assert values("direct_orgs_revoked", A) == [0, 0, 0, 2, 2]
    # 冶河镇's committee is revoked in October (today's status would drop it from every month)
    assert values("townships", B) == [1, 1, 1, 1, 0]
    assert values("townships", A) == [1, 1, 1, 1, 1]
    # its meeting of May and its funding of April count while it was a live committee
    assert values("mobilisation_meeting", B) == [0, 0, 1, 1, 0]
    assert values("funding_secured", B) == [0, 0, 1, 1, 0]
    coops = by_month(T.trends(ledger, "1301", "2025-10", ["coop_committees"]).trend("coop_committees"), COUNTY,
                     months)
    assert (coops["2025-01"], coops["2025-09"], coops["2025-10"]) == (1, 1, 0)       # deleted in October
    # the member deleted on 14 August counted until July
    members = by_month(t.trend("members_current"), B, months)
    assert (members["2025-07"], members["2025-08"], members["2025-10"]) == (2, 1, 1)
    reach = by_month(t.trend("wechat_reach"), A, months)
    assert (reach["2025-05"], reach["2025-06"], reach["2025-10"]) == (100, 250, 250)
    assert by_month(t.trend("wechat_groups"), A, months)["2025-01"] == 1
    assert not any(r.frozen[i] for r in t.trend("direct_orgs").rows for i in range(12))


def test_a_township_scope_and_a_later_reporting_month(ledger):
    t = T.trends(ledger, A, "2025-11", ["direct_orgs_rectifying", "direct_orgs"])
    assert dict(zip(t.months, t.trend("direct_orgs_rectifying").row(A).values))["2025-08"] == 1
    total = dict(zip(t.months, t.trend("direct_orgs").row(A).values))
    assert (total["2025-09"], total["2025-10"], total["2025-11"]) == (2, 1, 1)


def test_the_reporting_month_counts_the_records_as_they_are(ledger):
    """The reporting month is counted as the monthly report counts it: the records as they are."""
    t = T.trends(ledger, COUNTY, "2025-09", ["direct_orgs", "townships"])
    assert t.trend("direct_orgs").row(A).values[-1] == 1 and t.trend("townships").row(B).values[-1] == 0
