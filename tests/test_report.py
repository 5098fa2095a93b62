"""The monthly report (月报) on a small county ledger whose every figure is counted by hand
(the comments say which records make each number), its timeliness lists from change
stamps placed in chosen months, the reported-vs-ledger differences, the reminders list
with the secretaries' contacts, and the Excel form."""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.reporting import figures
from desktop.reporting import report, two_months
from desktop.errors import ScopeError
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.reporting.expected import agricultural_counties, expected, expected_townships
from desktop.reporting.report import Contact, monthly_report, sections
from desktop.reporting.report_xlsx import write_report_xlsx

COUNTY = "130111"       # 栾城区
A = "130111200"         # 南高乡: changed its ledger in June (a village organisation of it)
B = "130111103"         # 冶河镇: silent in June, changed in July
D = "130111104"         # 窦妪镇: a revoked committee
A_VILLAGE = "130111200201"
#: every rural township of 栾城区 in the division list, in code order: the 4 not entered are silent
TOWNSHIPS = ("130111100", B, D, "130111105", A, "130111201", "130111202")
NOT_ENTERED = {"130111100", D, "130111105", "130111201", "130111202"}   # D's committee is revoked
MAY, JUNE, JULY = "2025-05", "2025-06", "2025-07"
ORG_COUNTY = f"org-county_committee-{COUNTY}"
ORG_A, ORG_B, ORG_D = (f"org-township_committee-{c}" for c in (A, B, D))


def at(ledger: Ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon (local time) of *day*.  The ledger's clock reads
    ``HybridClock.wall``, bound to ``time.time`` when the class was defined, so patching
    ``desktop.ledger.hlc.time.time`` would not reach it: the clock's own ``wall`` is set instead."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


def _enter_members(led: Ledger) -> str:
    """The committee members (a1… of 南高乡, b1… of 冶河镇, c1 of the county); returns b2's id."""
    members = led.committee_members

    def member(org, name, source, joined, exited=None, post="member", phone=None):
        return members.create(org_id=org, name=name, gender="female", post=post, employment="part_time",
                              source=source, joined_on=joined, exited_on=exited, phone=phone)

    member(ORG_A, "张书记", "civil_servant", "2023-01-01", post="secretary", phone="13800000001")   # a1
    member(ORG_A, "a2", "village_official", "2025-06-10")                                       # a2: +June
    member(ORG_A, "a3", "school_head", "2022-03-01", "2025-06-20")                              # a3: −June
    member(ORG_A, "a4", "other", "2025-05-05", post="deputy_secretary", phone="13800000009")    # a4: +May
    member(ORG_A, "前书记", "civil_servant", "2020-01-01", "2025-05-31", post="secretary",
           phone="13800000099")                                                                  # a5: −May
    gone = member(ORG_A, "删掉的书记", "other", "2024-01-01", post="secretary", phone="13800000098")
    members.delete(gone)
    member(ORG_B, "王书记", "rural_entrepreneur", "2024-01-01", post="secretary", phone="13900000002")  # b1
    b2 = member(ORG_B, "b2", "civil_servant", "2021-01-01")                                     # b2
    member(ORG_B, "b3", "enterprise_staff", "2025-06-01")                                       # b3: +June
    member(ORG_COUNTY, "县书记", "other", "2020-01-01", post="secretary", phone="13700000003")    # c1
    return b2


def _enter_activities(led: Ledger) -> str:
    """Funding, meetings, organisations, WeChat groups and checklist tasks; returns d3's id."""
    orgs = led.organisations
    fund = led.funding_entries
    fund.create(org_id=ORG_A, year=2025, received=1_500_000, source="local_budget", received_on="2025-03-01")
    fund.create(org_id=ORG_A, year=2025, received=600_000, source="league_support", received_on="2025-06-15")
    fund.create(org_id=ORG_B, year=2025, received=2_500_000, source="local_budget", received_on="2025-02-01")
    fund.create(org_id=ORG_A, year=2024, received=2_500_000, source="local_budget", received_on="2024-11-01")

    # 窦妪镇: a revoked township committee, never counted (nor its meeting and funding)
    orgs.create(kind="township_committee", name="窦妪镇团委", division_code=D, parent_id=ORG_COUNTY, status="revoked",
                status_changed_on="2024-12-01")
    led.meetings.create(org_id=ORG_D, kind="mobilisation", held_on="2025-02-02", title="撤销团委的动员会")
    fund.create(org_id=ORG_D, year=2025, received=9_000_000, source="local_budget", received_on="2025-01-01")

    meet = led.meetings
    meet.create(org_id=ORG_A, kind="mobilisation", held_on="2025-04-10", title="动员会")
    meet.create(org_id=ORG_A, kind="review", held_on="2025-06-20", title="述评会")
    meet.create(org_id=ORG_B, kind="mobilisation", held_on="2025-06-05", title="动员会")
    meet.create(org_id=ORG_COUNTY, kind="mobilisation", held_on="2025-03-01", title="全县动员会")

    def direct(parent, division, founded, status="active", changed=None):
        return orgs.create(kind="direct_org", name=f"直属团支部{founded}", parent_id=parent, division_code=division,
                           founded_on=founded, status=status, status_changed_on=changed)

    direct(ORG_A, A, "2020-01-01")                                  # d1
    direct(ORG_A, A, "2025-06-03")                                  # d2: new in June
    d3 = direct(ORG_A, A_VILLAGE, "2019-05-01")                     # d3: revoked in June (below)
    direct(ORG_B, B, "2018-01-01", "rectifying", "2025-05-20")      # d4
    direct(ORG_B, B, "2025-05-15")                                  # d5: new in May

    groups = led.wechat_groups
    groups.create(org_id=ORG_A, name="g1", youth_reached=120, created_on="2024-01-01")
    groups.create(org_id=ORG_A, name="g2", youth_reached=30, created_on="2025-06-12")
    groups.create(org_id=ORG_B, name="g3", youth_reached=50, created_on="2025-02-01")

    task = led.checklist_tasks
    task.create(org_id=ORG_A, system="organisation", title="t1", status="done", done_on="2025-06-05")
    task.create(org_id=ORG_A, system="organisation", title="t2", status="verified", done_on="2025-04-01",
                verified_on="2025-05-10")
    task.create(org_id=ORG_A, system="organisation", title="t3", status="not_started")
    task.create(org_id=ORG_B, system="project", title="t4", status="in_progress")
    task.create(org_id=ORG_B, system="project", title="t5", status="done", done_on="2025-05-02")
    task.create(org_id=ORG_B, system="staff", title="t6", status="verified", done_on="2025-06-01",
                verified_on="2025-06-25")
    return d3


def _enter_reported(led: Ledger) -> None:
    """The figures the townships and the county reported."""
    figs = led.reported_figures

    def reported(unit, month, metric, value):
        return figs.create(unit_code=unit, month=month, metric=metric, value=value, reported_by="填报员",
                           reported_on="2025-07-03")

    reported(A, JUNE, "members_current", 4)               # the ledger has 3: a1 a2 a4
    reported(A, JUNE, "mobilisation_meeting_held", 1)     # right
    reported(A, JUNE, "funding_secured", 1)               # right: 1.5 + 0.6 万 by 15 June
    reported(A, JUNE, "wechat_reach", 150)                # right: g1 + g2
    reported(B, JUNE, "wechat_groups", 2)                 # the ledger has 1: g3
    reported(B, JUNE, "review_meeting_held", 0)           # right
    reported(B, JUNE, "direct_orgs_total", 2)             # right: d4 d5
    reported(B, JUNE, "members_added", 1)                 # right: b3
    figs.delete(reported(B, JUNE, "members_exited", 5))   # deleted: never compared
    reported(A, MAY, "members_current", 99)               # another month
    reported(COUNTY, JUNE, "mobilisation_meeting_held", 0)  # the county committee held one in March


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger.new(tmp_path_factory.mktemp("report") / "l.sqlite", scope=COUNTY, operator="x")
    orgs, members = led.organisations, led.committee_members

    # ------------------------------------------------------------------ May: everything is entered
    at(led, "2025-05-10")
    orgs.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    orgs.create(kind="township_committee", name="南高乡团委", division_code=A, parent_id=ORG_COUNTY)
    orgs.create(kind="township_committee", name="冶河镇团委", division_code=B, parent_id=ORG_COUNTY)
    orgs.create(kind="county_coop_committee", name="栾城区农村合作组织团工委", division_code=COUNTY,
                parent_id=ORG_COUNTY, founded_on="2025-06-01")
    b2 = _enter_members(led)
    d3 = _enter_activities(led)
    _enter_reported(led)

    # ------------------------------------------------------------------ June: only 南高乡's village organisation
    at(led, "2025-06-15")
    orgs.update(d3, status="revoked", status_changed_on="2025-06-10", status_reason="空壳化")
    orgs.update(ORG_COUNTY, note="六月的县级改动不算任何乡镇")
    # ------------------------------------------------------------------ July: 冶河镇
    at(led, "2025-07-02")
    members.update(b2, phone="13900000007")
    yield led
    led.close()


@pytest.fixture(scope="module")
def june(ledger):
    return monthly_report(ledger, COUNTY, JUNE)


# --------------------------------------------------------------------------- headline
def test_headline_is_the_figures_modules(ledger, june):
    assert june.headline == figures.headline(ledger, COUNTY, JUNE)
    assert june.previous == figures.headline(ledger, COUNTY, MAY)
    assert (june.scope, june.month, june.previous_month) == (COUNTY, JUNE, MAY)
    assert june.scope_name == "河北省石家庄市栾城区"


def test_members(june):
    h, p = june.headline, june.previous
    # now: a1 a2 a4 b1 b2 b3 c1; added: a2 b3; exited: a3
    assert (h.members_current, h.members_added, h.members_exited) == (7, 2, 1)
    # end of May: a1 a3 a4 b1 b2 c1 (a5 left on 31 May); added: a4; exited: a5
    assert (p.members_current, p.members_added, p.members_exited) == (6, 1, 1)
    assert h.members_by_source == {"civil_servant": 2, "village_official": 1, "school_head": 0,
                                   "rural_entrepreneur": 1, "exemplary_youth": 0, "enterprise_staff": 1,
                                   "rural_finance": 0, "other": 2}
    table = next(t for s in sections(june) for t in s.tables if t.key == "sources")
    rows = {r[0]: r[1:] for r in table.rows}
    assert rows["机关干部"] == (2, pytest.approx(2 / 7), 2, 0)   # now, share, May, change
    assert rows["学校负责人"] == (0, 0.0, 1, -1)                 # a3 left in June
    assert rows["企业员工"] == (1, pytest.approx(1 / 7), 0, 1)


def test_meetings_funding_organisations_wechat_checklist(june):
    h, p = june.headline, june.previous
    assert h.townships == 2
    assert h.expected_townships == 7   # the shares are of 栾城区's 7 rural townships, not of the 2 entered
    assert (h.townships_mobilisation_meeting, h.townships_review_meeting) == (2, 1)   # A B; A
    assert (p.townships_mobilisation_meeting, p.townships_review_meeting) == (1, 0)   # A; -
    assert (h.townships_funding_secured, h.funding_secured_share) == (2, 2 / 7)       # A from 15 June, B
    assert (p.townships_funding_secured, p.funding_secured_share) == (1, 1 / 7)
    # total: d1 d2 d4 d5 (d3 revoked 10 June); new: d2; revoked: d3; rectifying: d4
    assert (h.direct_orgs_total, h.direct_orgs_new, h.direct_orgs_revoked, h.direct_orgs_rectifying) == (4, 1, 1, 1)
    # May: d1 d3 d4 d5; new: d5
    assert (p.direct_orgs_total, p.direct_orgs_new, p.direct_orgs_revoked, p.direct_orgs_rectifying) == (4, 1, 0, 1)
    assert (h.wechat_groups, h.wechat_reach, p.wechat_groups, p.wechat_reach) == (3, 200, 2, 170)
    assert h.checklist == {"organisation": (3, 2, 1), "project": (2, 1, 0), "mechanism": (0, 0, 0),
                           "staff": (1, 1, 1)}
    assert p.checklist == {"organisation": (3, 1, 1), "project": (2, 1, 0), "mechanism": (0, 0, 0),
                           "staff": (1, 0, 0)}


@pytest.mark.parametrize("scope", [COUNTY, A, B, "1301", "13", ""])
@pytest.mark.parametrize("month", ["2025-01", "2025-03", MAY, JUNE, JULY])
def test_one_pass_over_two_months_is_the_figures_modules(ledger, scope, month):
    """The report computes both months in one pass; each is exactly what desktop.reporting.figures
    computes for it, for the scope and for every unit below."""
    r = monthly_report(ledger, scope, month)
    assert r.headline == figures.headline(ledger, scope, month)
    assert r.previous == figures.headline(ledger, scope, report.previous_month(month))
    for unit in r.units:
        assert unit.figures == figures.headline(ledger, unit.code, month), unit.code
    for figure in figures.FIGURES:
        assert [(c, v) for c, _n, v in figures.by_unit(ledger, scope, figure, month)] == [
            (u.code, u.figures.value(figure)) for u in r.units], figure


@pytest.fixture(scope="module")
def edge_ledger(tmp_path_factory):
    """Dates missing, and statuses changed before, during and after the months compared."""
    led = Ledger.new(tmp_path_factory.mktemp("edges") / "e.sqlite", scope=COUNTY, operator="x")
    at(led, "2025-05-10")
    orgs = led.organisations
    orgs.create(kind="county_committee", name="县团委", division_code=COUNTY)
    orgs.create(kind="township_committee", name="南高乡团委", division_code=A, parent_id=ORG_COUNTY)
    orgs.create(kind="county_coop_committee", name="团工委", division_code=COUNTY, parent_id=ORG_COUNTY)
    for founded, status, changed in ((None, "active", None), (None, "revoked", None), ("2025-05-10", "revoked", None),
                                     ("2025-06-10", "rectifying", "2025-06-20"), ("2019-01-01", "rectifying", None),
                                     ("2019-01-01", "revoked", "2025-07-05"), ("2025-07-01", "active", None),
                                     ("2025-04-30", "revoked", "2025-05-01"), ("2025-05-31", "revoked", "2025-06-01"),
                                     ("2025-06-30", "rectifying", "2025-05-15"), (None, "rectifying", "2025-06-02")):
        orgs.create(kind="direct_org", name=f"直属{founded}{status}", parent_id=ORG_A, division_code=A_VILLAGE,
                    founded_on=founded, status=status, status_changed_on=changed)
    for name, joined, exited in (("m1", "2025-05-01", "2025-05-31"), ("m2", "2025-06-01", "2025-06-01"),
                                 ("m3", "2025-06-30", None), ("m4", "2020-01-01", "2025-07-01")):
        led.committee_members.create(org_id=ORG_A, name=name, gender="male", post="member", employment="part_time",
                                     source="other", joined_on=joined, exited_on=exited)
    led.wechat_groups.create(org_id=ORG_A, name="无日期", youth_reached=7)
    led.wechat_groups.create(org_id=ORG_A, name="六月", youth_reached=None, created_on="2025-06-30")
    led.checklist_tasks.create(org_id=ORG_A, system="staff", title="无日期", status="verified")
    led.checklist_tasks.create(org_id=ORG_A, system="staff", title="六月", status="done", done_on="2025-06-01")
    led.funding_entries.create(org_id=ORG_A, year=2025, received=2_000_000, source="other")  # no date: counts
    led.meetings.create(org_id=ORG_A, kind="review", held_on="2025-06-30", title="述评会")
    yield led
    led.close()


@pytest.mark.parametrize("month", ["2025-01", "2025-05", JUNE, JULY, "2025-08"])
def test_one_pass_over_two_months_with_missing_dates(edge_ledger, month):
    for scope in (COUNTY, A, ""):
        r = monthly_report(edge_ledger, scope, month)
        assert r.headline == figures.headline(edge_ledger, scope, month)
        assert r.previous == figures.headline(edge_ledger, scope, report.previous_month(month))


@pytest.mark.parametrize("n", [0, 2, 4, 6, 9])
def test_unit_sums_are_the_headlines_of_the_split(ledger, n):
    """figures.unit_sums (the differences' fast path) adds up what figures.headline_of does,
    over the tally the report reads (grouped by township)."""
    t = two_months.read(ledger, "", JUNE, MAY, 9, lambda _reader: set(), parallel=False).tally
    sums = figures.unit_sums(t, n)
    parts = figures.split(t, n)
    assert set(sums) == set(parts)
    for unit, part in parts.items():
        h = figures.headline_of(unit, JUNE, part)
        assert sums[unit] == {key: getattr(h, key) for key in figures.SUMS}, unit


def test_reported_figures_of_every_level_are_checked_against_the_ledger(tmp_path):
    """A figure reported by a township, a county, a prefecture or a province is compared with
    what the ledger yields for that unit: its headline figure."""
    led = Ledger.new(tmp_path / "p.sqlite", scope="13", operator="x")
    try:
        at(led, "2025-06-02")
        led.organisations.create(kind="county_committee", name="县团委", division_code=COUNTY)
        led.organisations.create(kind="township_committee", name="南高乡团委", division_code=A, parent_id=ORG_COUNTY)
        for org, name in ((ORG_A, "甲"), (ORG_A, "乙"), (ORG_COUNTY, "丙")):
            led.committee_members.create(org_id=org, name=name, gender="male", post="member", employment="part_time",
                                         source="other", joined_on="2025-06-01")
        led.wechat_groups.create(org_id=ORG_A, name="群", youth_reached=40, created_on="2025-06-01")
        units = (A, COUNTY, "1301", "13")
        for unit in units:
            for metric in ("members_current", "members_added", "wechat_reach", "funding_secured"):
                led.reported_figures.create(unit_code=unit, month=JUNE, metric=metric, value=999)
        r = monthly_report(led, "", JUNE)
        got = {(d.unit.code, d.metric): d.ledger for d in r.differences}
        assert len(got) == 16
        for (unit, metric), value in got.items():
            assert value == getattr(figures.headline(led, unit, JUNE), report.REPORTED_AS[metric]), (unit, metric)
        assert [got[(u, "members_current")] for u in units] == [2, 3, 3, 3]
        assert [got[(u, "wechat_reach")] for u in units] == [40, 40, 40, 40]
    finally:
        led.close()


def test_year_boundary(ledger):
    """January compares with December: funding counts each month's own year."""
    r = monthly_report(ledger, COUNTY, "2025-01")
    assert (r.headline.townships_funding_secured, r.previous.townships_funding_secured) == (0, 1)  # A in 2024


def test_coop_committees_per_agricultural_county(june):
    # 栾城区 has rural townships; its co-operative working committee was founded on 1 June
    assert (june.agricultural_counties, june.coop_counties, june.previous_coop_counties) == (1, 1, 0)
    assert june.coop_share == 1.0
    c = june.comparison("coop_committees")
    assert (c.value, c.previous, c.change, c.share, c.previous_share) == (1, 0, 1, 1.0, 0.0)


def test_comparisons_with_the_previous_month(june):
    got = {c.key: (c.value, c.previous, c.change) for c in june.comparisons}
    assert got == {
        "members_current": (7, 6, 1), "members_added": (2, 1, 1), "members_exited": (1, 1, 0),
        "townships": (2, 2, 0), "mobilisation_meeting": (2, 1, 1), "review_meeting": (1, 0, 1),
        "funding_secured": (2, 1, 1), "direct_orgs": (4, 4, 0), "direct_orgs_new": (1, 1, 0),
        "direct_orgs_revoked": (1, 0, 1), "direct_orgs_rectifying": (1, 1, 0), "coop_committees": (1, 0, 1),
        "wechat_groups": (3, 2, 1), "wechat_reach": (200, 170, 30), "checklist_done": (4, 2, 2),
        "checklist_verified": (2, 1, 1)}
    assert june.comparison("mobilisation_meeting").share == 2 / 7
    assert june.comparison("mobilisation_meeting").previous_share == 1 / 7
    assert june.comparison("review_meeting").share == 1 / 7
    assert june.comparison("checklist_done").share == pytest.approx(4 / 6)
    assert june.comparison("checklist_verified").previous_share == pytest.approx(1 / 6)
    assert june.comparison("members_current").label == translate("report", "Committee members now")


def test_levels_of_a_county(june):
    """A county's units are its townships, every rural one of the division list; counted by
    their own committees: 2 of 7, not 2 of 2."""
    assert june.levels == (report.LevelCoverage(4, 7, 2, 1),)
    lv = june.levels[0]
    assert (lv.mobilisation_share, lv.review_share, lv.reported) == (2 / 7, 1 / 7, False)


def test_levels_of_the_prefecture_and_province(ledger):
    """A county counts its own committee's meetings (栾城区's mobilisation meeting in March)."""
    for scope in ("1301", "13"):
        r = monthly_report(ledger, scope, JUNE)
        by_level = {lv.level: lv for lv in r.levels}
        # over the agricultural counties and rural townships of the division list
        assert by_level[3] == report.LevelCoverage(3, len(agricultural_counties(scope)), 1, 0)
        assert by_level[4] == report.LevelCoverage(4, len(expected_townships(scope)), 2, 1)
        assert by_level[3].units > 1 and by_level[4].units > 7
    assert [lv.level for lv in r.levels] == [2, 3, 4]
    # 石家庄市 reported nothing, nor did the other prefectures of 河北省
    assert r.levels[0] == report.LevelCoverage(2, len(expected("13", 2)), 0, 0, reported=True)
    assert r.levels[0].units == 11


def test_every_figure_per_township(june):
    assert [u.code for u in june.units] == list(TOWNSHIPS)   # every expected township, in code order
    units = {u.code: u for u in june.units}
    b, a = units[B], units[A]
    assert (b.name, a.name) == ("冶河镇", "南高乡")
    assert june.unit_level == 4 and june.unit_label == translate("report", "Townships")
    expected = {  # (冶河镇, 南高乡)
        "members_current": (3, 3), "members_added": (1, 1), "members_exited": (0, 1), "townships": (1, 1),
        "mobilisation_meeting": (1, 1), "mobilisation_share": (1.0, 1.0), "review_meeting": (0, 1),
        "review_share": (0.0, 1.0), "direct_orgs": (2, 2), "direct_orgs_new": (0, 1),
        "direct_orgs_revoked": (0, 1), "direct_orgs_rectifying": (1, 0), "coop_committees": (0, 0),
        "coop_share": (None, None), "wechat_groups": (1, 2), "wechat_reach": (50, 150),
        "funding_secured": (1, 1), "funding_share": (1.0, 1.0), "checklist_done": (2, 2),
        "checklist_verified": (1, 1), "checklist_share": (pytest.approx(2 / 3), pytest.approx(2 / 3)),
        "townships_updated": (0, 1), "timeliness_share": (0.0, 1.0), "lagging": (1, 1),
        "expected_townships": (1, 1), "silent": (1, 0),
    }
    assert set(expected) == set(report.UNIT_FIGURES)
    for figure, (vb, va) in expected.items():
        assert (b.value(figure), a.value(figure)) == (vb, va), figure
        values = june.unit_values(figure)
        assert [v for c, _n, v in values if c in (B, A)] == [vb, va]
        assert [c for c, _n, _v in values] == list(TOWNSHIPS)
    # a township never entered: nothing counted, 0 % of its one township, silent and to remind
    never = units["130111201"]
    assert never.name == "柳林屯乡"
    assert [never.value(f) for f in ("townships", "mobilisation_share", "funding_share", "timeliness_share",
                                     "silent", "lagging", "expected_townships")] == [0, 0.0, 0.0, 0.0, 1, 1, 1]
    assert (b.reporting, a.reporting) == (1, 1)
    with pytest.raises(ValueError):
        june.unit_values("nonsense")


def test_units_of_a_prefecture_sum_to_the_county(ledger, june):
    r = monthly_report(ledger, "1301", JUNE)
    assert [u.code for u in r.units] == list(expected("1301", 3))   # every agricultural county of 石家庄市
    unit = next(u for u in r.units if u.code == COUNTY)
    assert unit.name == "栾城区"
    assert unit.figures == figures.headline(ledger, COUNTY, JUNE)
    # to remind: the county (a differing figure), B (silent, differing), A (differing), and the 5 others silent
    assert (unit.agricultural_counties, unit.coop_counties, unit.townships_updated, unit.lagging) == (1, 1, 1, 8)
    assert (unit.silent, unit.value("timeliness_share")) == (6, 1 / 7)
    assert unit.reporting == 3  # 栾城区 itself and its two townships
    other = next(u for u in r.units if u.code == "130102")   # 长安区: nothing entered
    assert other.figures.expected_townships == len(expected_townships("130102"))
    assert other.silent == other.lagging == other.figures.expected_townships


# --------------------------------------------------------------------------- timeliness
def test_month_stamp_range():
    lo, hi = report.month_stamp_range(JUNE)
    first = int(dt.datetime(2025, 6, 1).timestamp() * 1000)
    after = int(dt.datetime(2025, 7, 1).timestamp() * 1000)
    assert (lo, hi) == (f"{first << 16:016x}", f"{after << 16:016x}")
    assert report.month_stamp_range("2025-12")[1] == f"{int(dt.datetime(2026, 1, 1).timestamp() * 1000) << 16:016x}"
    stamp = f"{(first << 16) + 5:016x}-e2a69bb520c0cff6"
    assert lo <= stamp < hi and not (lo <= hi + "-0" < hi)


@pytest.mark.parametrize("month, changed", [(MAY, {A, B, D}), (JUNE, {A}), (JULY, {B}), ("2025-08", set())])
def test_townships_changed(ledger, month, changed):
    assert report.townships_changed(ledger, COUNTY, month) == changed
    assert report.townships_changed(ledger, A, month) == changed & {A}
    assert report.townships_changed(ledger, "", month) == changed


def test_timeliness_in_june(june):
    assert [u.code for u in june.updated] == [A]   # by its village organisation's change
    # the county's own change counts for no township; those never entered are silent too
    assert [u.code for u in june.silent] == [c for c in TOWNSHIPS if c != A]
    assert june.silent[1] == report.UnitRef(B, "冶河镇", "河北省石家庄市栾城区")
    assert june.unknown == NOT_ENTERED
    assert [u.code for u in june.expected] == list(TOWNSHIPS)
    assert june.timeliness_share == 1 / 7
    assert june.reporting == (COUNTY, B, A)


def test_timeliness_in_may_and_july(ledger):
    may = monthly_report(ledger, COUNTY, MAY)
    assert [u.code for u in may.updated] == [B, D, A]   # D's committee was still changed in May
    assert [u.code for u in may.silent] == sorted(NOT_ENTERED - {D})
    july = monthly_report(ledger, COUNTY, JULY)
    assert ([u.code for u in july.updated], [u.code for u in july.silent]) == ([B], [c for c in TOWNSHIPS if c != B])
    assert july.differences == () and july.reporting == ()
    assert [(lag.unit.code, lag.silent, lag.differences, lag.entered) for lag in july.lagging] == [
        (c, True, 0, c not in NOT_ENTERED) for c in TOWNSHIPS if c != B]
    assert next(lag for lag in july.lagging if lag.unit.code == A).secretary == Contact("张书记", "13800000001")


# --------------------------------------------------------------------------- reported vs ledger
def test_differences(june):
    got = [(d.unit.code, d.metric, d.reported, d.ledger, d.change) for d in june.differences]
    assert got == [
        (COUNTY, "mobilisation_meeting_held", 0, 1, -1),   # the county committee's March meeting
        (B, "wechat_groups", 2, 1, 1),
        (A, "members_current", 4, 3, 1),
    ]
    d = june.differences[2]
    assert (d.unit.name, d.unit.within, d.reported_by, d.reported_on) == ("南高乡", "河北省石家庄市栾城区", "填报员",
                                                                          "2025-07-03")
    assert d.label == "现有委员数"


def test_reminders_list_with_the_secretaries(june):
    got = [(lag.unit.code, lag.silent, lag.differences, lag.secretary) for lag in june.lagging]
    assert got == [
        (COUNTY, False, 1, Contact("县书记", "13700000003")),
        ("130111100", True, 0, None),   # never entered: silent, no secretary known
        (B, True, 1, Contact("王书记", "13900000002")),
        (D, True, 0, None),
        ("130111105", True, 0, None),
        # not 前书记 (left in May) nor 删掉的书记 (deleted); not the deputy
        (A, False, 1, Contact("张书记", "13800000001")),
        ("130111201", True, 0, None),
        ("130111202", True, 0, None),
    ]
    assert {lag.unit.code for lag in june.lagging if not lag.entered} == NOT_ENTERED


def test_secretaries(ledger):
    # 冶河镇's 王书记, 南高乡's 张书记 (not 前书记, who left; not the deleted one), the county's
    assert report.secretaries(ledger, COUNTY) == {ORG_B: Contact("王书记", "13900000002"),
                                                   ORG_A: Contact("张书记", "13800000001"),
                                                   ORG_COUNTY: Contact("县书记", "13700000003")}
    assert report.secretaries(ledger, A) == {ORG_A: Contact("张书记", "13800000001")}
    assert report.secretaries(ledger, "130111104") == {}


def test_prefecture_and_province_levels_count_what_they_reported(tmp_path):
    """The ledger keeps no prefecture or province committee: those levels count the units
    that reported holding the meeting; a county's own report is checked against its committee."""
    led = Ledger.new(tmp_path / "p.sqlite", scope="13", operator="x")
    try:
        at(led, "2025-06-02")
        for county, township in ((COUNTY, A), ("130181", "130181100")):
            led.organisations.create(kind="county_committee", name=f"{county}团委", division_code=county)
            led.organisations.create(kind="township_committee", name=f"{township}团委", division_code=township,
                                     parent_id=f"org-county_committee-{county}")
        led.meetings.create(org_id=ORG_COUNTY, kind="mobilisation", held_on="2025-06-01", title="动员会")
        led.committee_members.create(org_id="org-county_committee-130181", name="辛集书记", gender="male",
                                     post="secretary", employment="full_time", source="civil_servant",
                                     joined_on="2024-01-01", phone="13100000000")
        for unit, metric, value in (("1301", "mobilisation_meeting_held", 1), ("1301", "review_meeting_held", 0),
                                    ("13", "mobilisation_meeting_held", 1), ("13", "review_meeting_held", 1),
                                    ("130181", "mobilisation_meeting_held", 1)):
            led.reported_figures.create(unit_code=unit, month=JUNE, metric=metric, value=value)
        r = monthly_report(led, "", JUNE)
        assert r.scope_name == translate("report", "All of China")
        # over every province, prefecture, agricultural county and rural township of the country
        assert r.levels == (report.LevelCoverage(1, 31, 1, 1, reported=True),
                            report.LevelCoverage(2, len(expected("", 2)), 1, 0, reported=True),  # 辛集市 is in 1301
                            report.LevelCoverage(3, len(agricultural_counties("")), 1, 0),
                            report.LevelCoverage(4, len(expected_townships("")), 0, 0))
        assert r.levels[3].units > 29000
        assert [(d.unit.code, d.metric, d.reported, d.ledger) for d in r.differences] == [
            ("130181", "mobilisation_meeting_held", 1, 0)]
        assert [(lag.unit.code, lag.silent, lag.secretary) for lag in r.lagging if lag.entered] == [
            ("130181", False, Contact("辛集书记", "13100000000"))]  # both townships changed in June
        assert len(r.silent) == len(expected_townships("")) - 2 == len(r.unknown)
        assert [u.code for u in r.units] == list(expected("", 1))
        assert [(u.code, u.name) for u in r.units if u.figures.townships] == [("13", "河北省")]
        assert r.unit_level == 1 and r.agricultural_counties > 100
    finally:
        led.close()


# --------------------------------------------------------------------------- other scopes and errors
def test_township_scope_is_its_own_unit(ledger):
    r = monthly_report(ledger, A, JUNE)
    assert [u.code for u in r.units] == [A]
    assert r.levels == (report.LevelCoverage(4, 1, 1, 1),)
    assert r.agricultural_counties == 0 and r.coop_share is None
    assert [d.metric for d in r.differences] == ["members_current"]
    assert [u.code for u in r.updated] == [A]


def test_sequential_and_parallel_agree(ledger, june):
    again = monthly_report(ledger, COUNTY, JUNE, parallel=False)
    assert again == report.MonthlyReport(**{**june.__dict__, "generated_at": again.generated_at})


def test_a_report_that_fails_leaves_no_reading_behind(ledger, monkeypatch):
    """Half of the tables and the work ledger's section are read on a connection of their own
    while the rest is read: when the rest fails, that reading is stopped and waited for, and the
    first error is the one raised."""
    import threading

    from desktop.reporting import work_section

    started = threading.Event()
    real = work_section.read_work

    def watched_work(reader, scope, month):
        started.set()
        return real(reader, scope, month)

    def broken(*args, **kwargs):
        assert started.wait(5)  # the other connection is at work
        raise OSError("disk gone")

    monkeypatch.setattr(report, "read_work", watched_work)
    monkeypatch.setattr(report, "work_figures", broken)
    with pytest.raises(OSError, match="disk gone"):
        monthly_report(ledger, COUNTY, JUNE)
    assert not [t for t in threading.enumerate() if t.name == "monthly-report"]


def test_bad_month_and_scope(ledger):
    with pytest.raises(ValueError):
        monthly_report(ledger, COUNTY, "2025-13")
    with pytest.raises(ScopeError):
        monthly_report(ledger, "139999", JUNE)


def test_months():
    assert report.previous_month("2025-01") == "2024-12"
    assert report.next_month("2025-12") == "2026-01"
    assert report.last_month(dt.date(2025, 3, 31)) == "2025-02"


def test_the_month_being_reported_turns_after_the_due_day():
    # until its report is due (the 5th), last month; after it, this month
    assert report.reporting_month(dt.date(2025, 3, 1)) == "2025-02"
    assert report.reporting_month(dt.date(2025, 3, 5)) == "2025-02"
    assert report.reporting_month(dt.date(2025, 3, 6)) == "2025-03"
    assert report.reporting_month(dt.date(2025, 1, 3)) == "2024-12"
    assert report.reporting_month(dt.date(2025, 3, 8), due_day=10) == "2025-02"


# --------------------------------------------------------------------------- layout and summary
def test_sections(june):
    secs = sections(june)
    assert [s.key for s in secs] == ["overview", "members", "meetings", "organisations", "wechat", "funding",
                                     "funding_sources", "publicity", "work_units", "rectification",
                                     "checklist", "work", "contacts", "overdue", "timeliness", "silent", "submissions",
                                     "differences", "problems"]
    tables = {t.key: t for s in secs for t in s.tables}
    for t in tables.values():
        assert all(len(row) == len(t.columns) for row in t.rows), t.key
        assert all(c < len(t.columns) and t.columns[c].kind in ("int", "share", "money") for c in t.chart), t.key
    assert len(tables["headline"].rows) == len(report.COMPARED)
    rows = {row[0]: row for row in tables["meetings_by_unit"].rows}
    assert len(rows) == 7 and rows["柳林屯乡"] == ("柳林屯乡", 0, 0, 0.0, 0, 0.0)
    assert (rows["冶河镇"], rows["南高乡"]) == (("冶河镇", 1, 1, 1.0, 0, 0.0), ("南高乡", 1, 1, 1.0, 1, 1.0))
    assert tables["reminders"].rows[2] == (B, "冶河镇", "河北省石家庄市栾城区", translate("report", "yes"), 1,
                                           "王书记", "13900000002")
    assert tables["differences"].rows[1][3:7] == ("团青微信群数", 2, 1, 1)
    # the silent townships by name, why, and whom to call
    silent = {row[0]: row for row in tables["silent"].rows}
    assert list(silent) == [c for c in TOWNSHIPS if c != A]
    assert silent[B] == (B, "冶河镇", "河北省石家庄市栾城区", translate("report", "no change this month"), "王书记",
                         "13900000002")
    assert silent["130111201"] == ("130111201", "柳林屯乡", "河北省石家庄市栾城区",
                                   translate("report", "no records in the ledger"),
                                   translate("report", "no secretary on record"), "")
    assert "6" in tables["silent"].note and "7" in tables["silent"].note
    by_unit = {row[0]: row for row in tables["silent_by_unit"].rows}
    assert by_unit["冶河镇"] == ("冶河镇", 1, 1, 0, 1, 1.0) and by_unit["南高乡"] == ("南高乡", 1, 1, 1, 0, 0.0)
    assert by_unit["柳林屯乡"] == ("柳林屯乡", 1, 0, 0, 1, 1.0)
    assert tables["checklist"].rows[-1][1:] == (6, 4, 2, pytest.approx(4 / 6), 2)


def test_summary_lines(june):
    text = "\n".join(report.summary_lines(june))
    assert "栾城区" in text and JUNE in text
    assert "7" in text and "14.3%" in text   # 1 of 7 townships updated


# --------------------------------------------------------------------------- the Excel form
_NS = {"main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
       "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def xlsx_charts(path: Path) -> dict[str, list[ET.Element]]:
    """sheet title → the charts drawn on it, as the file holds them (read from the package's
    parts and their relationships, as Excel does)."""
    with zipfile.ZipFile(path) as z:
        def part(name: str) -> ET.Element:
            return ET.fromstring(z.read(name))

        def resolve(folder: str, target: str) -> str:
            """A relationship's target: absolute ("/xl/…") or relative to its part's folder."""
            return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))

        def targets(name: str) -> list[str]:
            folder, file = posixpath.split(name)
            rels = posixpath.join(folder, "_rels", file + ".rels")
            if rels not in z.namelist():
                return []
            return [resolve(folder, r.get("Target")) for r in part(rels).iterfind("rel:Relationship", _NS)]

        sheets = {r.get("Id"): resolve("xl", r.get("Target"))
                  for r in part("xl/_rels/workbook.xml.rels").iterfind("rel:Relationship", _NS)}
        out = {}
        for sheet in part("xl/workbook.xml").iterfind("main:sheets/main:sheet", _NS):
            drawings = [t for t in targets(sheets[sheet.get(f"{{{_NS['r']}}}id")]) if "/drawings/" in t]
            out[sheet.get("name")] = [part(t) for d in drawings for t in targets(d) if "/charts/" in t]
        return out


def chart_series(chart: ET.Element) -> list[tuple[str, str, str]]:
    """(title, category reference, value reference) of each series of a chart."""
    return [(ser.findtext("c:tx//c:v", "", _NS), ser.findtext("c:cat/c:strRef/c:f", "", _NS),
             ser.findtext("c:val/c:numRef/c:f", "", _NS)) for ser in chart.iterfind(".//c:ser", _NS)]


@pytest.fixture(scope="module")
def workbook(june, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "月报.xlsx"
    assert write_report_xlsx(june, path) == path
    assert not list(path.parent.glob("*.part"))
    return path


def test_xlsx_sheets_tables_and_charts(june, workbook):
    wb = openpyxl.load_workbook(workbook)
    secs = sections(june)
    assert wb.sheetnames == [s.title for s in secs]
    drawn = xlsx_charts(workbook)
    for section in secs:
        ws = wb[section.title]
        assert ws["A1"].value == june.title
        charts = [t for t in section.tables if t.chart]
        assert len(drawn[section.title]) == len(charts), section.key
        cells = [c.value for row in ws.iter_rows() for c in row]
        for table in section.tables:
            assert table.title in cells
            assert all(col.title in cells for col in table.columns)
    ws = wb[secs[2].title]   # meetings: the per-unit chart of the two shares
    (chart,) = drawn[ws.title]
    assert chart.find(".//c:barChart/c:barDir", _NS).get("val") == "bar"   # horizontal bars
    series = chart_series(chart)
    assert [title for title, _cat, _val in series] == [translate("report", "Mobilisation meeting held"),
                                                       translate("report", "Review meeting held")]
    row = next(c.row for r in ws.iter_rows() for c in r if c.value == "栾城镇")   # the first of 7 townships
    assert series[0][1] == f"'{ws.title}'!$A${row}:$A${row + 6}"   # the units' names
    assert series[0][2] == f"'{ws.title}'!$D${row}:$D${row + 6}"
    values = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    row = values["南高乡"].row
    assert [ws.cell(row, col).value for col in range(1, 7)] == ["南高乡", 1, 1, 1.0, 1, 1.0]
    assert ws.cell(row, 4).number_format == "0.0%"
    assert ws.column_dimensions["A"].width >= 8


def test_xlsx_differences_with_both_numbers(workbook, june):
    ws = openpyxl.load_workbook(workbook)[next(s for s in sections(june) if s.key == "differences").title]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=5)]
    assert (A, "南高乡", "河北省石家庄市栾城区", "现有委员数", 4, 3, 1, "填报员", "2025-07-03") in rows


def test_xlsx_replaces_atomically(june, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    write_report_xlsx(june, path)
    assert openpyxl.load_workbook(path).sheetnames[0] == sections(june)[0].title
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_xlsx_converts_to_pdf_with_libreoffice(workbook, tmp_path):
    result = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                             str(workbook)], capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / (Path(workbook).stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
