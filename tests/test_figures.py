"""The monthly report's headline figures and per-unit figures, on a small ledger whose
every figure is counted by hand (the comments say which records make each number)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.reporting import figures
from desktop.reporting.figures import FIGURES, by_unit, headline
from desktop.ledger import Ledger
from desktop.reporting.chart_axis import HEADROOM, nice_step, value_axis
from desktop.reporting.expected import agricultural_counties, expected, expected_townships
from desktop.reporting.report import LevelCoverage, format_share, monthly_report
from desktop.scope.geo import geography
from desktop.tools import synthetic

COUNTY = "130111"        # 栾城区
A = "130111200"          # 南高乡
B = "130111103"          # 冶河镇
C = "130111104"          # 窦妪镇: a committee with nothing recorded
D = "130111105"          # 楼底镇: a revoked committee, never counted
B_VILLAGE = "130111103201"
JUNE, JULY, MARCH = "2025-06", "2025-07", "2025-03"
ORG_A, ORG_B, ORG_C, ORG_D = (f"org-township_committee-{c}" for c in (A, B, C, D))
ORG_COUNTY = f"org-county_committee-{COUNTY}"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger.new(tmp_path_factory.mktemp("figures") / "l.sqlite", scope=COUNTY, operator="x")
    orgs = led.organisations
    orgs.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, name in ((A, "南高乡团委"), (B, "冶河镇团委"), (C, "窦妪镇团委")):
        orgs.create(kind="township_committee", name=name, division_code=code, parent_id=ORG_COUNTY)
    orgs.create(kind="township_committee", name="楼底镇团委", division_code=D, parent_id=ORG_COUNTY,
                status="revoked", status_changed_on="2024-12-01")
    orgs.create(kind="county_coop_committee", name="栾城区农村合作组织团工委", division_code=COUNTY,
                parent_id=ORG_COUNTY, founded_on="2024-01-01")

    def member(org, name, source, joined, exited=None, deleted=False):
        rid = led.committee_members.create(org_id=org, name=name, gender="male", post="member",
                                           employment="part_time", source=source, joined_on=joined,
                                           exited_on=exited)
        if deleted:
            led.committee_members.delete(rid)

    member(ORG_A, "m1", "civil_servant", "2024-01-10")
    member(ORG_A, "m2", "village_official", "2025-06-15")
    member(ORG_A, "m3", "school_head", "2023-05-01", "2025-06-20")
    member(ORG_A, "m4", "civil_servant", "2025-07-02")
    member(ORG_A, "m5", "other", "2024-02-01", "2025-07-15")
    member(ORG_A, "m6", "rural_entrepreneur", "2025-06-30")
    member(ORG_A, "m7", "civil_servant", "2024-01-01", deleted=True)
    member(ORG_B, "m8", "civil_servant", "2025-06-01", "2025-06-30")
    member(ORG_B, "m9", "civil_servant", "2020-01-01")
    member(ORG_COUNTY, "m10", "other", "2022-01-01")

    fund = led.funding_entries
    fund.create(org_id=ORG_A, year=2025, received=1_500_000, source="local_budget", received_on="2025-03-01")
    fund.create(org_id=ORG_A, year=2025, received=500_000, source="league_support", received_on="2025-06-10")
    fund.create(org_id=ORG_B, year=2025, received=1_900_000, source="local_budget", received_on="2025-02-01")
    fund.create(org_id=ORG_B, year=2025, received=300_000, source="social", received_on="2025-07-05")
    fund.create(org_id=ORG_B, year=2024, received=5_000_000, source="local_budget", received_on="2024-05-01")
    fund.create(org_id=ORG_C, year=2025, budgeted=3_000_000, source="local_budget")
    fund.create(org_id=ORG_D, year=2025, received=9_000_000, source="local_budget", received_on="2025-01-01")

    direct = []
    for org, division, founded, status, changed, deleted in (
        (ORG_A, A, "2020-01-01", "active", None, False),            # o1
        (ORG_A, A, "2025-06-05", "active", None, False),            # o2: new in June
        (ORG_A, A, "2019-01-01", "revoked", "2025-05-01", False),   # o3: revoked before June
        (ORG_A, A, "2019-01-01", "revoked", "2025-07-10", False),   # o4: revoked in July
        (ORG_B, B, "2018-01-01", "rectifying", "2025-06-15", False),  # o5
        (ORG_B, B, "2025-07-03", "active", None, False),            # o6: new in July
        (ORG_B, B, "2021-01-01", "active", None, True),             # o7: deleted
        (ORG_B, B_VILLAGE, "2022-02-02", "active", None, False),    # o8: in a village
    ):
        rid = orgs.create(kind="direct_org", name=f"直属团支部{len(direct) + 1}", parent_id=org,
                          division_code=division, founded_on=founded, status=status, status_changed_on=changed)
        if deleted:
            orgs.delete(rid)
        direct.append(rid)

    meet = led.meetings
    meet.create(org_id=ORG_A, kind="mobilisation", held_on="2025-03-10", title="动员会")
    meet.create(org_id=ORG_A, kind="review", held_on="2025-06-25", title="述评会")
    meet.create(org_id=ORG_A, kind="leadership", held_on="2025-06-01", title="班子会")
    meet.create(org_id=ORG_B, kind="review", held_on="2025-05-20", title="述评会")
    meet.create(org_id=ORG_B, kind="mobilisation", held_on="2025-07-10", title="动员会")
    meet.create(org_id=direct[4], kind="mobilisation", held_on="2025-04-04", title="直属团组织动员会")
    gone = meet.create(org_id=ORG_C, kind="mobilisation", held_on="2025-01-10", title="删掉的动员会")
    meet.delete(gone)
    meet.create(org_id=ORG_D, kind="mobilisation", held_on="2025-02-02", title="撤销团委的动员会")

    task = led.checklist_tasks
    task.create(org_id=ORG_A, system="organisation", title="t1", status="done", done_on="2025-06-10")
    task.create(org_id=ORG_A, system="organisation", title="t2", status="verified", done_on="2025-05-01",
                verified_on="2025-06-05")
    task.create(org_id=ORG_A, system="organisation", title="t3", status="not_started")
    task.create(org_id=ORG_A, system="project", title="t4", status="in_progress")
    task.create(org_id=ORG_A, system="project", title="t5", status="done", done_on="2025-07-01")
    task.create(org_id=ORG_B, system="mechanism", title="t6", status="verified", done_on="2025-04-01",
                verified_on="2025-07-03")
    task.create(org_id=ORG_B, system="staff", title="t7", status="done")
    task.create(org_id=ORG_COUNTY, system="organisation", title="t8", status="done", done_on="2025-06-30")

    groups = led.wechat_groups
    groups.create(org_id=ORG_A, name="g1", youth_reached=100, created_on="2024-01-01")
    groups.create(org_id=ORG_A, name="g2", youth_reached=50, created_on="2025-06-30")
    groups.create(org_id=ORG_B, name="g3", youth_reached=30, created_on="2025-07-01")
    groups.create(org_id=ORG_B, name="g4")
    groups.delete(groups.create(org_id=ORG_B, name="g5", youth_reached=999, created_on="2024-01-01"))
    yield led
    led.close()


# --------------------------------------------------------------------------- headline
@pytest.mark.parametrize("scope", [COUNTY, "1301", "13", ""])
def test_county_in_june(ledger, scope):
    h = headline(ledger, scope, JUNE)
    assert (h.scope, h.month) == (scope, JUNE)
    # current: m1 m2 m5 m6 m9 m10; added: m2 m6 m8; exited: m3 m8
    assert (h.members_current, h.members_added, h.members_exited) == (6, 3, 2)
    assert h.members_by_source == {
        "civil_servant": 2, "village_official": 1, "school_head": 0, "rural_entrepreneur": 1,
        "exemplary_youth": 0, "enterprise_staff": 0, "rural_finance": 0, "other": 2}
    assert list(h.members_by_source)[0] == "civil_servant"  # the enumeration's order
    assert h.townships == 3                     # A B C; D is revoked
    # the shares are over every rural township the division list expects (栾城区: 7), not the 3 entered
    base = len(expected_townships(scope))
    assert h.expected_townships == base and base >= 7
    assert h.townships_funding_secured == 1     # A: 1.5 + 0.5 万 = exactly 2万 by June
    assert h.funding_secured_share == pytest.approx(1 / base)
    assert h.townships_mobilisation_meeting == 1  # A; B's is in July, its direct org's does not count
    assert h.mobilisation_meeting_share == pytest.approx(1 / base)
    assert h.townships_review_meeting == 2      # A and B
    assert h.review_meeting_share == pytest.approx(2 / base)
    assert h.checklist == {"organisation": (4, 3, 1), "project": (2, 0, 0), "mechanism": (1, 1, 0),
                           "staff": (1, 1, 0)}
    assert h.checklist_total == (8, 5, 1)
    assert h.checklist_done_share == pytest.approx(5 / 8)
    assert (h.direct_orgs_total, h.direct_orgs_new, h.direct_orgs_revoked, h.direct_orgs_rectifying) == (5, 1, 1, 1)
    # per agricultural county of the division list (栾城区 alone: 1 of 1)
    assert (h.counties, h.coop_committees, h.expected_counties) == (1, 1, len(agricultural_counties(scope)))
    assert h.coop_committees_share == pytest.approx(1 / len(agricultural_counties(scope)))
    assert (h.wechat_groups, h.wechat_reach) == (3, 150)  # g1 g2 g4


def test_county_in_july(ledger):
    h = headline(ledger, COUNTY, JULY)
    # current: m1 m2 m4 m6 m9 m10 (m5 left on 15 July); added: m4; exited: m5
    assert (h.members_current, h.members_added, h.members_exited) == (6, 1, 1)
    assert h.townships_funding_secured == 2     # B reaches 2.2万 on 5 July
    assert (h.townships_mobilisation_meeting, h.townships_review_meeting) == (2, 2)
    assert h.checklist == {"organisation": (4, 3, 1), "project": (2, 1, 0), "mechanism": (1, 1, 1),
                           "staff": (1, 1, 0)}
    # total: o1 o2 o5 o6 o8; new: o6; revoked: o3 o4
    assert (h.direct_orgs_total, h.direct_orgs_new, h.direct_orgs_revoked, h.direct_orgs_rectifying) == (5, 1, 2, 1)
    assert (h.wechat_groups, h.wechat_reach) == (4, 180)


def test_county_in_march(ledger):
    h = headline(ledger, COUNTY, MARCH)
    # current: m1 m3 m5 m9 m10
    assert (h.members_current, h.members_added, h.members_exited) == (5, 0, 0)
    assert h.townships_funding_secured == 0
    assert (h.townships_mobilisation_meeting, h.townships_review_meeting) == (1, 0)
    assert h.checklist_total == (8, 1, 0)       # t7 has no date
    # total: o1 o3 o4 o5 o8 (o5's rectification is dated June)
    assert (h.direct_orgs_total, h.direct_orgs_new, h.direct_orgs_revoked, h.direct_orgs_rectifying) == (5, 0, 0, 0)
    assert (h.wechat_groups, h.wechat_reach) == (2, 100)


def test_township(ledger):
    h = headline(ledger, A, JUNE)
    assert (h.members_current, h.members_added, h.members_exited) == (4, 2, 1)
    assert h.townships == 1
    assert (h.townships_funding_secured, h.funding_secured_share) == (1, 1.0)
    assert (h.townships_mobilisation_meeting, h.townships_review_meeting) == (1, 1)
    assert h.checklist == {"organisation": (3, 2, 1), "project": (2, 0, 0), "mechanism": (0, 0, 0),
                           "staff": (0, 0, 0)}
    assert (h.direct_orgs_total, h.direct_orgs_new, h.direct_orgs_revoked, h.direct_orgs_rectifying) == (3, 1, 1, 0)
    assert (h.counties, h.coop_committees, h.coop_committees_share) == (0, 0, None)
    assert (h.wechat_groups, h.wechat_reach) == (2, 150)


def test_empty_scope(ledger):
    h = headline(ledger, C, JUNE)
    assert (h.members_current, h.townships, h.townships_funding_secured) == (0, 1, 0)
    assert h.funding_secured_share == 0.0
    assert sum(h.members_by_source.values()) == 0
    h = headline(ledger, "14", JUNE)  # nothing of 山西省 in the ledger: 0 % of its townships
    assert h.townships == 0 and h.expected_townships == len(expected_townships("14")) > 1000
    assert h.funding_secured_share == 0.0 and h.mobilisation_meeting_share == 0.0
    assert h.checklist_done_share is None
    h = headline(ledger, "130102001", JUNE)  # a township scope expects itself, even a street
    assert h.expected_townships == 1 and h.funding_secured_share == 0.0


def test_default_month_is_this_month(ledger):
    assert headline(ledger, COUNTY).month == figures.current_month()


@pytest.mark.parametrize("month", ["2025-13", "2025-6", "June", ""])
def test_bad_month(ledger, month):
    with pytest.raises(ValueError):
        headline(ledger, COUNTY, month or "x")


def test_month_bounds():
    assert figures.month_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert figures.month_bounds("2025-12") == ("2025-12-01", "2025-12-31")


# --------------------------------------------------------------------------- per unit
#: every rural township of 栾城区 (division list), in code order: 7, though 4 are entered
TOWNSHIPS = ("130111100", B, C, D, A, "130111201", "130111202")
EXPECTED_BY_TOWNSHIP = {   # B, C, A in code order (D is revoked and has no value; the others none)
    "members_current": (1, 0, 4),
    "townships_funding_secured": (0, 0, 1),
    "mobilisation_meeting": (0, 0, 1),
    "review_meeting": (1, 0, 1),
    "checklist_done": (2, 0, 2),
    "direct_orgs": (2, 0, 3),
    "wechat_reach": (0, 0, 150),
}


@pytest.mark.parametrize("figure", list(FIGURES))
def test_by_unit_county(ledger, figure):
    rows = by_unit(ledger, COUNTY, figure, JUNE)
    values = dict(zip((B, C, A), EXPECTED_BY_TOWNSHIP[figure]))
    assert [(code, value) for code, _name, value in rows] == [(code, values.get(code, 0)) for code in TOWNSHIPS]
    assert [name for code, name, _v in rows if code in (B, C, A)] == ["冶河镇", "窦妪镇", "南高乡"]


@pytest.mark.parametrize("figure", list(FIGURES))
def test_by_unit_sums_to_headline_above_county(ledger, figure):
    """Above the county every expected unit is listed (the silent ones with 0)."""
    h = headline(ledger, COUNTY, JUNE)
    for scope, unit, name, level in (("1301", COUNTY, "栾城区", 3), ("13", "1301", "石家庄市", 2),
                                     ("", "13", "河北省", 1)):
        rows = by_unit(ledger, scope, figure, JUNE)
        assert [code for code, _n, _v in rows] == list(expected(scope, level)), scope
        assert [(code, n, v) for code, n, v in rows if v or code == unit] == [(unit, name, h.value(figure))]


def test_by_unit_township_is_itself(ledger):
    assert by_unit(ledger, A, "members_current", JUNE) == [(A, "南高乡", 4)]
    assert by_unit(ledger, B, "wechat_reach", JULY) == [(B, "冶河镇", 30)]


def test_by_unit_july(ledger):
    def of(figure):
        values = {code: v for code, _n, v in by_unit(ledger, COUNTY, figure, JULY)}
        assert list(values) == list(TOWNSHIPS)
        return [values[c] for c in (B, C, A)]
    assert of("townships_funding_secured") == [1, 0, 1]
    assert of("members_current") == [1, 0, 4]  # m5 out, m4 in


def test_by_unit_unknown_figure(ledger):
    with pytest.raises(ValueError):
        by_unit(ledger, COUNTY, "nonsense", JUNE)


def test_figure_labels_translate():
    assert set(FIGURES) == {"members_current", "townships_funding_secured", "mobilisation_meeting",
                            "review_meeting", "checklist_done", "direct_orgs", "wechat_reach"}
    for key in FIGURES:
        assert figures.figure_label(key, "en") == FIGURES[key]


@pytest.mark.parametrize("scope", [COUNTY, A, "13", ""])
@pytest.mark.parametrize("month", [MARCH, JUNE, JULY])
def test_report_is_headline_and_every_by_unit(ledger, scope, month):
    r = figures.report(ledger, scope, month)
    assert r.headline == headline(ledger, scope, month)
    assert r.units == {f: by_unit(ledger, scope, f, month) for f in FIGURES}


@pytest.mark.parametrize("maximum, axis", [(0, (2, 1)), (1, (2, 1)), (4, (5, 1)), (10, (15, 5)), (80, (100, 20)),
                                           (100, (150, 50)), (1234, (1500, 500))])
def test_chart_value_axis(maximum, axis):
    """The charts' value axis: round whole steps from 0, with room beyond the largest bar for its value."""
    top, step = value_axis(maximum)
    assert (top, step) == axis
    assert top % step == 0 and top >= maximum * HEADROOM and top / step <= 5
    assert [nice_step(m) for m in (0.5, 5, 6, 11, 26, 51, 240)] == [1, 1, 2, 5, 10, 20, 50]


# --------------------------------------------------------------------------- expected units (the division list)
TODAY = dt.date(2025, 6, 20)


def rural_townships(scope: str) -> list[str]:
    """Every rural township (乡, 民族乡, 镇, 苏木) of *scope*, read from the division list here."""
    geo = geography()
    if len(scope) == 9:
        return [scope]
    return [d.code for d in geo.descendants(scope, 4) if geo.is_rural_township(d.code)]


@pytest.fixture(scope="module")
def one_township(tmp_path_factory):
    """A national ledger holding one township of 栾城区 only (synthetic): the 6 others are silent."""
    led = Ledger.new(tmp_path_factory.mktemp("one") / "n.sqlite", scope="", operator="x")
    synthetic.build(led, A, seed=3, today=TODAY)
    yield led
    led.close()


@pytest.mark.parametrize("scope", [A, COUNTY, "1301", "13", ""])
def test_every_share_takes_its_base_from_the_division_list(one_township, scope):
    r = monthly_report(one_township, scope, JUNE)
    h, expected_here = r.headline, rural_townships(scope)
    base = len(expected_here)
    assert h.townships == 1 and h.expected_townships == base
    for key in ("mobilisation_meeting", "review_meeting", "funding_secured"):
        c = r.comparison(key)
        assert c.share == pytest.approx(c.value / base), key
    # meetings per level: townships, agricultural counties, prefectures, provinces of the division list
    counties = sorted({t[:6] for t in rural_townships(scope)}) if len(scope) <= 6 else []
    units = {4: base, 3: len(counties), 2: len({t[:4] for t in expected_here}), 1: len({t[:2] for t in expected_here})}
    assert {lv.level: lv.units for lv in r.levels} == {lv: units[lv] for lv in range(min(len(scope) // 2 + 1, 4), 5)}
    assert r.agricultural_counties == len(counties)
    assert r.coop_share == (None if not counties else r.coop_counties / len(counties))
    # every expected township is listed; all but the one entered have no records in the ledger
    assert [u.code for u in r.expected] == expected_here
    assert [u.code for u in r.silent] == expected_here   # the synthetic ledger's changes are stamped today
    assert r.unknown == frozenset(expected_here) - {A}
    assert sum(u.figures.expected_townships for u in r.units) == base
    assert [u.code for u in r.units] == sorted({t[:figures.unit_length(scope)] for t in expected_here})
    assert figures.headline(one_township, scope, JUNE) == h


def test_one_township_of_seven_reads_one_of_seven(one_township):
    r = monthly_report(one_township, COUNTY, JUNE)
    h = r.headline
    assert (h.townships, h.expected_townships, h.townships_mobilisation_meeting) == (1, 7, 1)
    assert format_share(h.mobilisation_meeting_share) == "14.3%"
    assert r.levels == (LevelCoverage(4, 7, 1, h.townships_review_meeting),)
    silent = {lag.unit.code: lag for lag in r.lagging if lag.silent}
    assert len(silent) == 7 and sorted(c for c, lag in silent.items() if not lag.entered) == sorted(
        set(rural_townships(COUNTY)) - {A})
    assert silent[A].secretary is not None and silent[A].secretary.phone   # a phone where one is known
    assert silent["130111201"].unit.name == "柳林屯乡" and silent["130111201"].secretary is None


def test_a_whole_county_has_no_unit_missing(tmp_path):
    with Ledger.new(tmp_path / "c.sqlite", scope=COUNTY, operator="x") as led:
        synthetic.build(led, COUNTY, seed=5, today=TODAY)
        r = monthly_report(led, COUNTY, JUNE)
    assert (r.headline.townships, r.headline.expected_townships) == (7, 7)
    assert r.unknown == frozenset() and all(lag.entered for lag in r.lagging)
    assert r.levels[0].units == 7 and r.agricultural_counties == 1
