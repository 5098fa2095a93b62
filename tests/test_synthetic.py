"""The synthetic ledger generator (desktop.tools.synthetic): deterministic, valid, plausible."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desktop.tools import synthetic
from desktop.records.enums import enumerations
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from desktop.records import KINDS, natural_org_id
from desktop.ledger.reference import templates_for

TOWNSHIP = "130111200"  # 南高乡, 栾城区, 石家庄市
COUNTY = "130111"       # 栾城区: four 镇, three 乡
PREFECTURE = "1301"     # 石家庄市: has streets as well as rural townships
FIXED_TODAY = dt.date(2025, 9, 15)


def _new(tmp_path, name: str, scope: str) -> Ledger:
    return Ledger.new(tmp_path / f"{name}.sqlite", scope=scope, operator="测试员")


def _values(ledger: Ledger, kind: str) -> list[tuple]:
    """Every record of *kind* without its id and clock, sorted: what must not depend on chance."""
    k = KINDS[kind]
    cols = ", ".join(["scope", "deleted", *k.field_names])
    rows = [tuple(r) for r in ledger.conn.execute(f"SELECT {cols} FROM {k.table}")]
    return sorted(rows, key=lambda row: tuple((v is not None, v) for v in row))


def _township_committees(ledger: Ledger) -> set[str]:
    return {r["division_code"] for r in ledger.query("organisation", where={"kind": "township_committee"})}


@pytest.fixture(scope="module")
def prefecture(tmp_path_factory):
    """A prefecture built into a province-scope ledger (so township tasks can be verified)."""
    ledger = _new(tmp_path_factory.mktemp("synthetic"), "prefecture", "13")
    calls: list[tuple[int, int]] = []
    counts = synthetic.build(ledger, PREFECTURE, seed=7, progress=lambda d, t: calls.append((d, t)))
    yield ledger, counts, calls
    ledger.close()


# ----------------------------------------------------------------------------- one township
def test_township_build_is_valid_and_plausible(tmp_path):
    ledger = _new(tmp_path, "t", TOWNSHIP)
    counts = synthetic.build(ledger, TOWNSHIP, seed=1)
    try:
        assert ledger.check() == []
        committee = natural_org_id("township_committee", TOWNSHIP)
        org = ledger.get("organisation", committee)
        assert org["name"] == f"共青团{geography().name(TOWNSHIP)}委员会"
        assert org["parent_id"] is None  # the county committee lies outside a township's ledger
        members = ledger.query("committee_member")
        assert 7 <= len(members) <= 14
        assert {m["org_id"] for m in members} == {committee}
        posts = Counter(m["post"] for m in members)
        assert posts["secretary"] == 1 and 1 <= posts["deputy_secretary"] <= 2
        keys = set(enumerations().keys("member_source"))
        assert {m["source"] for m in members} <= keys
        for m in members:
            assert len(m["phone"]) == 11 and m["phone"][:2] in ("13", "15", "18")
            assert "1975-01-01" <= m["birth_date"] <= "2002-12-31"
            assert (m["exited_on"] is None) == (m["exit_reason"] is None)
        orgs = ledger.query("organisation")
        assert Counter(o["kind"] for o in orgs)["direct_org"] >= 10
        assert all(o["kind"] not in ("county_committee", "county_coop_committee") for o in orgs)
        for o in orgs:
            if o["kind"] == "village_branch":
                assert len(o["division_code"]) == 12 and o["division_code"].startswith(TOWNSHIP)
        templates = {t["id"] for t in templates_for(ledger, TOWNSHIP, "township")}
        tasks = ledger.query("checklist_task")
        assert {t["template_id"] for t in tasks} == templates
        # A township's own ledger may not verify its tasks.
        assert "verified" not in {t["status"] for t in tasks}
        assert counts == {k: n for k, n in ledger.counts().items() if k != "checklist_template" and n}
    finally:
        ledger.close()


def test_one_create_change_per_record(tmp_path):
    ledger = _new(tmp_path, "t", TOWNSHIP)
    try:
        counts = synthetic.build(ledger, TOWNSHIP, seed=2)
        changes, _ = ledger.changes_since(0)
        assert len(changes) == sum(counts.values())
        per_record = Counter((c.kind, c.record_id) for c in changes)
        assert set(per_record.values()) == {1}
        assert all(c.created and not c.base for c in changes)  # creations, not updates
        for kind, n in counts.items():
            assert sum(1 for c in changes if c.kind == kind) == n
            assert ledger.count(kind) == n
    finally:
        ledger.close()


# ----------------------------------------------------------------------------- determinism
def test_same_seed_same_values_other_seed_other_values(tmp_path):
    built = {}
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        ledger = _new(tmp_path, name, COUNTY)
        try:
            synthetic.build(ledger, COUNTY, seed=seed, today=FIXED_TODAY)
            built[name] = {kind: _values(ledger, kind) for kind in KINDS}
        finally:
            ledger.close()
    assert built["a"] == built["b"]
    for kind in ("committee_member", "organisation", "meeting", "funding_entry"):
        assert built["a"][kind], kind
        assert built["a"][kind] != built["c"][kind], kind
    # A fixed "today" anchors every date.
    assert max(r[KINDS["meeting"].field_names.index("held_on") + 2] for r in built["a"]["meeting"]) <= "2025-09-15"


def test_a_township_does_not_depend_on_its_neighbours(tmp_path):
    """Built alone or as part of its county, a township gets the same members."""
    alone, county = _new(tmp_path, "alone", COUNTY), _new(tmp_path, "county", COUNTY)
    try:
        synthetic.build(alone, TOWNSHIP, seed=3, today=FIXED_TODAY)
        synthetic.build(county, COUNTY, seed=3, today=FIXED_TODAY)
        fields = KINDS["committee_member"].field_names
        rows = lambda led: sorted(tuple(m[f] for f in fields) for m in led.query("committee_member", scope=TOWNSHIP))  # noqa: E731
        assert rows(alone) == rows(county)
    finally:
        alone.close()
        county.close()


# ----------------------------------------------------------------------------- a county
def test_county_makes_committees_only_for_rural_townships(tmp_path):
    geo = geography()
    ledger = _new(tmp_path, "county", PREFECTURE)
    try:
        synthetic.build(ledger, COUNTY, seed=0)
        rural = {d.code for d in geo.children(COUNTY) if geo.is_rural_township(d.code)}
        assert _township_committees(ledger) == rural
        county = ledger.get("organisation", natural_org_id("county_committee", COUNTY))
        assert county is not None
        for o in ledger.query("organisation", where={"kind": "township_committee"}):
            assert o["parent_id"] == county["id"]
        assert ledger.check() == []
    finally:
        ledger.close()


def test_prefecture_with_streets_skips_them(prefecture):
    ledger, counts, _ = prefecture
    geo = geography()
    codes = _township_committees(ledger)
    all_townships = geo.descendants(PREFECTURE, 4)
    streets = {d.code for d in all_townships if geo.township_kind(d.code) == "street"}
    assert streets, "the test needs a prefecture with streets"
    assert not codes & streets
    assert codes == {d.code for d in all_townships if geo.is_rural_township(d.code)}
    counties = ledger.query("organisation", where={"kind": "county_committee"})
    assert {c["division_code"] for c in counties} == {d.code for d in geo.descendants(PREFECTURE, 3)}


def test_progress_is_reported_per_township(prefecture):
    ledger, _, calls = prefecture
    total = len(_township_committees(ledger))
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == list(range(total + 1))


def test_prefecture_shares_are_plausible(prefecture):
    ledger, counts, _ = prefecture
    assert ledger.check() == []
    townships = _township_committees(ledger)
    n = len(townships)
    committee_ids = {natural_org_id("township_committee", c) for c in townships}

    members = ledger.query("committee_member")
    per_township = Counter(m["org_id"] for m in members)
    assert set(per_township) == committee_ids  # every member sits on a township committee
    assert all(7 <= v <= 14 for v in per_township.values())
    assert 9 <= len(members) / n <= 11
    shares = {v.key: v.weight / 100 for v in enumerations().values("member_source")}
    seen = Counter(m["source"] for m in members)
    assert set(seen) <= set(shares)
    for key, share in shares.items():
        assert abs(seen[key] / len(members) - share) < 0.04 + share * 0.25, key
    exited = sum(1 for m in members if m["exited_on"])
    assert 0.03 < exited / len(members) < 0.12

    year = dt.date.today().year
    received = Counter()
    for f in ledger.query("funding_entry"):
        assert f["year"] == year and f["org_id"] in committee_ids
        assert f["budgeted"] is not None or f["received"] is not None
        received[f["org_id"]] += f["received"] or 0
    secured = sum(1 for v in received.values() if v >= 2_000_000) / n
    assert 0.65 < secured < 0.92

    meetings = ledger.query("meeting")
    mobilised = {m["org_id"] for m in meetings if m["kind"] == "mobilisation"}
    reviewed = {m["org_id"] for m in meetings if m["kind"] == "review"}
    assert 0.55 < len(mobilised) / n < 0.8
    assert 0.38 < len(reviewed) / n < 0.65
    for m in meetings:
        if m["kind"] == "unified_activity":
            assert 7 <= int(m["held_on"][5:7]) <= 10

    direct = ledger.query("organisation", where={"kind": "direct_org"})
    assert 15 <= len(direct) / n <= 25
    status = Counter(o["status"] for o in direct)
    assert 0 < status["revoked"] < status["rectifying"] < len(direct) * 0.1
    assert all(o["status_reason"] == "空壳化" for o in direct if o["status"] == "revoked")
    recent = (dt.date.today() - dt.timedelta(days=365)).isoformat()
    new = sum(1 for o in direct if o["founded_on"] >= recent)
    assert 0.02 < new / len(direct) < 0.12
    assert all(o["name"].startswith(geography().name(o["division_code"][:9])) for o in direct)

    for g in ledger.query("wechat_group"):
        assert 30 <= g["members"] <= 300 and g["league_members"] <= g["members"]
    assert counts["organisation"] == ledger.count("organisation")


def test_upper_ledger_verifies_some_tasks(prefecture):
    ledger, _, _ = prefecture
    status = Counter(t["status"] for t in ledger.query("checklist_task"))
    assert set(status) == {"not_started", "in_progress", "done", "verified"}
    for t in ledger.query("checklist_task", where={"status": "verified"}):
        assert t["done_on"] <= t["verified_on"] <= dt.date.today().isoformat()


def test_reported_figures_mostly_match_the_ledger(prefecture):
    """Townships report last month's figures; most agree with the ledger, some do not."""
    ledger, _, _ = prefecture
    today = dt.date.today()
    first = today.replace(day=1)
    month_end = (first - dt.timedelta(days=1)).isoformat()
    month = month_end[:7]
    figures = ledger.query("reported_figure")
    assert figures and {f["month"] for f in figures} == {month}
    units = {f["unit_code"] for f in figures}
    assert 0.4 < len(units) / len(_township_committees(ledger)) < 0.7
    agree = differ = 0
    for f in figures:
        if f["metric"] != "members_current":
            continue
        org = natural_org_id("township_committee", f["unit_code"])
        actual = ledger.conn.execute(
            "SELECT count(*) FROM committee_member WHERE org_id=? AND joined_on <= ? "
            "AND (exited_on IS NULL OR exited_on > ?)", (org, month_end, month_end)).fetchone()[0]
        agree += f["value"] == actual
        differ += f["value"] != actual
    assert agree > 0 and differ > 0 and agree > 5 * differ


# ----------------------------------------------------------------------------- arguments
def test_bad_arguments(tmp_path):
    ledger = _new(tmp_path, "t", COUNTY)
    try:
        with pytest.raises(ValueError):
            synthetic.build(ledger, "1302", seed=0)  # outside the ledger's scope
        with pytest.raises(ValueError):
            synthetic.build(ledger, COUNTY, today=dt.date.today() + dt.timedelta(days=1))
        with pytest.raises(ValueError):
            synthetic.build(ledger, "130111999")  # no such township
        assert ledger.count("organisation") == 0
    finally:
        ledger.close()


def test_no_months_means_no_meetings(tmp_path):
    ledger = _new(tmp_path, "t", TOWNSHIP)
    try:
        counts = synthetic.build(ledger, TOWNSHIP, seed=0, months=0)
        assert "meeting" not in counts and ledger.count("meeting") == 0
        assert counts["committee_member"] >= 7
    finally:
        ledger.close()


def test_reopened_ledger_is_clean(tmp_path):
    path = tmp_path / "t.sqlite"
    ledger = Ledger.new(path, scope=COUNTY, operator="测试员")
    counts = synthetic.build(ledger, COUNTY, seed=0)
    ledger.close()
    with Ledger.open(path) as again:
        assert again.check() == []
        assert {k: n for k, n in again.counts().items() if n and k != "checklist_template"} == counts


def test_reported_figures_against_the_monthly_report(prefecture):
    """Compared with what desktop.reporting.figures computes from the ledger, about one reporting
    township in five reported one or two figures that differ; the others agree exactly."""
    figures = pytest.importorskip("desktop.reporting.figures")
    ledger, _, _ = prefecture
    month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).isoformat()[:7]
    headline_field = {
        "mobilisation_meeting_held": "townships_mobilisation_meeting", "review_meeting_held": "townships_review_meeting",
        "members_current": "members_current", "members_added": "members_added", "members_exited": "members_exited",
        "direct_orgs_total": "direct_orgs_total", "direct_orgs_new": "direct_orgs_new",
        "wechat_groups": "wechat_groups", "wechat_reach": "wechat_reach",
        "funding_secured": "townships_funding_secured"}
    reported: dict[str, dict[str, int]] = {}
    for f in ledger.query("reported_figure"):
        reported.setdefault(f["unit_code"], {})[f["metric"]] = f["value"]
    differing_units = 0
    for unit, values in reported.items():
        assert set(values) == set(headline_field)
        h = figures.headline(ledger, unit, month)
        differ = [m for m, v in values.items() if getattr(h, headline_field[m]) != v]
        assert len(differ) <= 2, (unit, differ)
        differing_units += bool(differ)
    assert 0.08 < differing_units / len(reported) < 0.35
