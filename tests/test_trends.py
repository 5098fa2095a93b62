"""The report's work figures (funding by source, publicity, unified activities, demonstration
units, venues, co-operative organisations, rectifications from the change log) counted by
hand on a small county ledger at county and township scope; the trends pivot month by month,
with a submitted month frozen; their Excel forms read back; ``report --trends``."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from desktop.cli import main
from desktop.errors import ScopeError
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.reporting import trends as T
from desktop.reporting.report import monthly_report, sections
from desktop.reporting.report_xlsx import write_report_xlsx, write_trends_xlsx
from desktop.reporting.submissions import figures_of, submission_id
from desktop.reporting.submitting import submit

COUNTY = "130111"       # 栾城区: 7 rural townships in the division list
A = "130111200"         # 南高乡
B = "130111103"         # 冶河镇
A_VILLAGE = "130111200201"
MAY, JUNE, JULY = "2025-05", "2025-06", "2025-07"
ORG_COUNTY = f"org-county_committee-{COUNTY}"
ORG_A, ORG_B = f"org-township_committee-{A}", f"org-township_committee-{B}"


def at(ledger: Ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon of *day* (see tests/test_report.py)."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


def _funding_and_publicity(led: Ledger) -> None:
    fund = led.funding_entries
    fund.create(org_id=ORG_A, year=2025, budgeted=2_000_000, received=1_500_000, source="local_budget",
                received_on="2025-03-01")
    fund.create(org_id=ORG_A, year=2025, received=500_000, source="league_support", received_on="2025-06-15")
    fund.create(org_id=ORG_B, year=2025, received=500_000, source="league_support", received_on="2025-05-20")
    fund.create(org_id=ORG_B, year=2025, received=300_000, source="social", received_on="2025-07-01")  # after June
    fund.create(org_id=ORG_A, year=2024, received=900_000, source="local_budget", received_on="2024-10-01")
    pub = led.publicity_items
    pub.create(org_id=ORG_A, published_on="2025-06-02", channel="website", title="p1")
    pub.create(org_id=ORG_A, published_on="2025-06-20", channel="wechat_account", title="p2")
    pub.create(org_id=ORG_A, published_on="2025-05-02", channel="wechat_account", title="p3")
    pub.create(org_id=ORG_B, published_on="2025-06-11", channel="wechat_account", title="p4")
    pub.create(org_id=ORG_B, published_on="2024-12-11", channel="weibo", title="p5: last year")
    meet = led.meetings
    meet.create(org_id=ORG_A, kind="unified_activity", held_on="2025-06-05", title="u1", attendance=30)
    meet.create(org_id=ORG_A, kind="unified_activity", held_on="2025-06-20", title="u2", attendance=20)
    meet.create(org_id=ORG_B, kind="unified_activity", held_on="2025-05-10", title="u3", attendance=15)
    meet.create(org_id=ORG_B, kind="training", held_on="2025-06-10", title="not a unified activity")


def _units_and_venues(led: Ledger) -> dict[str, str]:
    orgs = led.organisations
    orgs.update(ORG_A, demo_level="province")                                              # demo 1
    ids = {
        "demo_direct": orgs.create(kind="direct_org", name="示范直属团支部", parent_id=ORG_A, division_code=A,
                                   demo_level="county", founded_on="2020-01-01"),           # demo 2
        "rectified": orgs.create(kind="direct_org", name="软弱涣散团支部", parent_id=ORG_A,
                                 division_code=A_VILLAGE, status="rectifying", status_changed_on="2025-05-01", founded_on="2019-01-01"),
        "later": orgs.create(kind="direct_org", name="六月整顿团支部", parent_id=ORG_B, division_code=B,
                             founded_on="2019-01-01"),
    }
    orgs.create(kind="coop_org", name="合作社团支部1", parent_id=ORG_A, division_code=A, founded_on="2024-01-01")
    orgs.create(kind="coop_org", name="合作社团支部2", parent_id=ORG_A, division_code=A, founded_on="2025-06-10")
    orgs.create(kind="coop_org", name="合作社团支部3", parent_id=ORG_B, division_code=B, founded_on="2023-01-01",
                status="rectifying", status_changed_on="2025-05-01")
    venue = led.venues
    venue.create(org_id=ORG_A, name="青年之家", kind="youth_home", opened_on="2025-01-01")
    venue.create(org_id=ORG_B, name="共享阵地", kind="shared_service", opened_on="2025-06-02")
    venue.create(org_id=ORG_B, name="八月的青年汇", kind="youth_hub", opened_on="2025-08-01")
    return ids


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger.new(tmp_path_factory.mktemp("trends") / "county.sqlite", scope=COUNTY, operator="x")
    at(led, "2025-05-10")
    orgs = led.organisations
    orgs.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, org in ((A, "南高乡团委"), (B, "冶河镇团委")):
        orgs.create(kind="township_committee", name=org, division_code=code, parent_id=ORG_COUNTY)
    for org, name, joined in ((ORG_A, "a1", "2024-01-01"), (ORG_A, "a2", "2025-06-10"), (ORG_B, "b1", "2025-04-01")):
        led.committee_members.create(org_id=org, name=name, gender="female", post="member", employment="part_time",
                                     source="other", joined_on=joined)
    _funding_and_publicity(led)
    ids = _units_and_venues(led)
    # 南高乡 submitted May with 7 members (frozen): the ledger yields 1
    led.create("month_submission", {"unit_code": A, "month": MAY, "figures": json.dumps({"members_current": 7}),
                                    "submitted_at": "2025-06-03T09:00:00", "first_submitted_at": "2025-06-03T09:00:00"},
               record_id=submission_id(A, MAY))
    at(led, "2025-06-15")
    led.update("organisation", ids["rectified"], {"status": "active", "status_changed_on": "2025-06-15"})
    at(led, "2025-06-16")
    led.update("organisation", ids["later"], {"status": "rectifying", "status_changed_on": "2025-06-16"})
    at(led, "2025-07-02")
    led.update("organisation", ids["later"], {"status": "active", "status_changed_on": "2025-07-02"})
    yield led
    led.close()


@pytest.fixture(scope="module")
def june(ledger):
    return monthly_report(ledger, COUNTY, JUNE)


def tables(report) -> dict:
    return {t.key: t for s in sections(report) for t in s.tables}


# --------------------------------------------------------------------------- work figures
def test_funding_by_source_with_totals_and_the_upper_leagues_support(june):
    w = june.work
    assert w.funding["local_budget"].astuple() == (1, 1, 2_000_000, 1_500_000, 0)   # 2024's entry not counted
    assert w.funding["league_support"].astuple() == (2, 2, 0, 1_000_000, 500_000)   # 5000 yuan each to A and B
    assert w.funding["social"].astuple() == (1, 1, 0, 0, 0)                          # received in July
    assert w.funding_total.received == 2_500_000
    table = tables(june)["funding_sources"]
    assert table.rows[-1][0] == translate("report", "Total") and table.rows[-1][4] == 25_000.0
    assert table.rows[1][6] == pytest.approx(0.4)                                    # 10,000 of 25,000 yuan
    assert "10,000.00" in table.note and "5,000.00" in table.note
    by_unit = {r[0]: r[1:] for r in tables(june)["funding_sources_by_unit"].rows}
    assert by_unit["南高乡"] == (20_000.0, 5_000.0) and by_unit["冶河镇"] == (5_000.0, 5_000.0)
    assert len(by_unit) == 7 and by_unit["西营乡"] == (0.0, 0.0)


def test_publicity_counts_and_the_average_per_unit(june):
    w = june.work
    assert w.publicity["website"] == (1, 1) and w.publicity["wechat_account"] == (2, 3)
    assert w.publicity["weibo"] == (0, 0)                                            # last year's
    assert w.publicity_total == (3, 4)
    assert len(june.units) == 7 and w.publicity_average(len(june.units)) == pytest.approx(3 / 7)
    assert "0.4" in tables(june)["publicity"].note
    by_unit = {r[0]: r[1:] for r in tables(june)["publicity_by_unit"].rows}
    assert by_unit["南高乡"] == (2, 3, 2, 1) and by_unit["冶河镇"] == (1, 1, 0, 0)


def test_unified_activities_month_by_month(june):
    unified = june.work.unified
    assert list(unified) == [f"2025-{m:02d}" for m in range(1, 7)]
    assert unified["2025-05"] == (1, 1, 15) and unified["2025-06"] == (2, 1, 50) and unified["2025-04"] == (0, 0, 0)


def test_demonstration_units_venues_and_coop_orgs(june):
    w = june.work
    assert w.demonstration == {("direct_org", "county"): 1, ("township_committee", "province"): 1}
    assert w.venues["youth_home"] == (1, 0) and w.venues["shared_service"] == (1, 1)
    assert w.venues["youth_hub"] == (0, 0)                                           # opens in August
    assert w.coop_orgs == (3, 1, 1, 0)                                               # total, new, rectifying, revoked
    by_unit = {r[0]: r[1:] for r in tables(june)["work_units_by_unit"].rows}
    assert by_unit["南高乡"] == (2, 1, 0, 2, 1) and by_unit["冶河镇"] == (0, 1, 1, 1, 0)


def test_rectification_history_from_the_change_log(ledger, june):
    w = june.work
    assert [(r.name, r.code, r.unit, r.on) for r in w.rectified] == [
        ("软弱涣散团支部", A_VILLAGE, "南高乡", "2025-06-15")]
    assert w.entered_rectification == 1                                              # 六月整顿团支部
    july = monthly_report(ledger, COUNTY, JULY).work
    assert [r.name for r in july.rectified] == ["六月整顿团支部"] and july.entered_rectification == 0
    assert monthly_report(ledger, COUNTY, MAY).work.rectified == ()
    by_unit = {r[0]: r[1] for r in tables(june)["rectified_by_unit"].rows}
    assert by_unit["南高乡"] == 1 and sum(by_unit.values()) == 1


def test_field_changes_read_api(ledger):
    from desktop.reporting.months import month_stamp_range

    changes = ledger.field_changes("organisation", "status", COUNTY, *month_stamp_range(JUNE))
    assert [(c.old, c.new) for c in changes] == [("rectifying", "active"), ("active", "rectifying")]
    assert ledger.field_changes("organisation", "status", "130102", *month_stamp_range(JUNE)) == []


def test_a_township_report_has_no_per_unit_tables_nor_average(ledger):
    report = monthly_report(ledger, A, JUNE)
    found = tables(report)
    assert "publicity_by_unit" not in found and "funding_sources_by_unit" not in found
    assert "rectified_by_unit" not in found and "work_units_by_unit" not in found
    assert found["publicity"].note == ""
    w = report.work
    assert w.publicity_total == (2, 3) and w.funding_total.received == 2_000_000
    assert [r.name for r in w.rectified] == ["软弱涣散团支部"]
    assert not any(t.chart for key, t in found.items() if key in ("funding_sources", "publicity", "demonstration"))


def test_new_sections_in_the_excel_form(june, tmp_path):
    path = write_report_xlsx(june, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    titles = [s.title for s in sections(june)]
    assert wb.sheetnames == titles
    sheet = wb[translate("report", "Funding by source")]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    total = next(r for r in rows if r[0] == translate("report", "Total") and r[4] is not None)
    assert total[4] == 25_000 and sheet.cell(rows.index(total) + 1, 5).number_format == "#,##0.00"
    rect = [r for r in wb[translate("report", "Rectification")].iter_rows(values_only=True)]
    assert any(r[2] == "软弱涣散团支部" for r in rect)


# --------------------------------------------------------------------------- trends
def test_trend_months():
    assert T.trend_months("2025-03") == tuple(f"2024-{m:02d}" for m in range(4, 13)) + ("2025-01", "2025-02",
                                                                                          "2025-03")


@pytest.mark.parametrize("scope", [COUNTY, A, "1301"])
def test_computed_months_are_the_reports_figures(ledger, scope):
    """The reporting month is the report's; a past month too, but for the statuses as they were
    at its end (the report of a past month counts today's)."""
    trends = T.trends(ledger, scope, JULY)
    for month in (JUNE, JULY):   # May is frozen for 南高乡
        report, i = monthly_report(ledger, scope, month), trends.months.index(month)
        for row in trends.trend("members_current").rows:
            live = figures_of(report, row.code)
            if month == JUNE and row.code[:len(B)] == B[:len(row.code)]:
                # 六月整顿团支部 of 冶河镇 was under rectification from 16 June to 2 July
                assert live["direct_orgs_rectifying"] == 0
                live["direct_orgs_rectifying"] = 1
            assert {f: trends.trend(f).row(row.code).values[i] for f in T.TREND_FIGURES} == live


def test_pivot_of_three_months_with_a_frozen_one(ledger):
    trends = T.trends(ledger, COUNTY, JULY, ["members_current", "funding_secured"])
    assert trends.months[-3:] == (MAY, JUNE, JULY) and len(trends.months) == 12
    members = trends.trend("members_current")
    a, b = members.row(A), members.row(B)
    assert a.values[-3:] == (7, 2, 2) and a.frozen[-3:] == (True, False, False)   # May as 南高乡 submitted it
    assert b.values[-3:] == (1, 1, 1) and not any(b.frozen)
    assert a.values[-4] == 1 and not a.frozen[-4]                                  # April: computed
    assert members.totals[-3:] == (8, 3, 3)
    assert [r.code for r in members.rows] == ["130111100", B, "130111104", "130111105", A, "130111201", "130111202"]
    funding = trends.trend("funding_secured")   # the submission froze no such figure: computed
    assert funding.row(A).values[-3:] == (0, 1, 1) and not any(funding.row(A).frozen)


def test_a_township_ledger_submits_and_its_month_stays_frozen(tmp_path):
    with Ledger.new(tmp_path / "t.sqlite", scope=A, operator="x") as led:
        at(led, "2025-05-10")
        led.organisations.create(kind="township_committee", name="南高乡团委", division_code=A)
        member = dict(gender="female", post="member", employment="part_time", source="other")
        led.committee_members.create(org_id=ORG_A, name="a1", joined_on="2024-01-01", **member)
        led.committee_members.create(org_id=ORG_A, name="a2", joined_on="2025-06-01", **member)
        at(led, "2025-06-02")
        submit(led, MAY)
        led.committee_members.create(org_id=ORG_A, name="a3", joined_on="2025-04-01", **member)  # entered late
        row = T.trends(led, A, JULY, ["members_current", "members_added"])
        assert [r.code for r in row.trend("members_current").rows] == [A]
        current = row.trend("members_current").rows[0]
        assert current.values[-4:] == (2, 1, 3, 3) and current.frozen[-4:] == (False, True, False, False)
        added = row.trend("members_added").rows[0]
        assert added.values[-4:] == (1, 0, 1, 0) and added.frozen[-4:] == (False, True, False, False)


def test_bad_figure_and_scope(ledger):
    with pytest.raises(ValueError):
        T.trends(ledger, COUNTY, JULY, ["nonsense"])
    with pytest.raises(ScopeError):
        T.trends(ledger, "130111999", JULY)


def test_trends_excel_read_back(ledger, tmp_path):
    trends = T.trends(ledger, COUNTY, JULY, ["members_current", "wechat_groups"])
    path = write_trends_xlsx(trends, tmp_path / "趋势.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [T.figure_label("members_current"), T.figure_label("wechat_groups")]
    sheet = wb[T.figure_label("members_current")]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == trends.title and rows[2] == (translate("report", "Townships"), *trends.months)
    by_name = {r[0]: r for r in rows[3:]}
    assert by_name["南高乡"][-3:] == (7, 2, 2)
    assert by_name[translate("report", "All units")][-3:] == (8, 3, 3)
    may_cell = sheet.cell(3 + 1 + [r[0] for r in rows[3:]].index("南高乡"), 2 + trends.months.index(MAY))
    assert may_cell.value == 7 and may_cell.fill.fgColor.rgb.endswith("DCE8F5")


def test_cli_trends_json_and_excel(ledger, tmp_path, capsys):
    xlsx = tmp_path / "t.xlsx"
    code = main(["--ledger", str(ledger.path), "report", "--month", JULY, "--trends", "--figure", "members_current",
                 "--json", "--xlsx", str(xlsx)])
    out, err = capsys.readouterr()
    assert code == 0 and str(xlsx) in err
    data = json.loads(out)
    assert data["months"][-1] == JULY and list(data["figures"]) == ["members_current"]
    a = next(u for u in data["figures"]["members_current"]["units"] if u["code"] == A)
    assert a["values"][-3:] == [7, 2, 2] and a["frozen"][-3:] == [True, False, False]
    assert openpyxl.load_workbook(xlsx).sheetnames == [T.figure_label("members_current")]
    code = main(["--ledger", str(ledger.path), "report", "--month", JULY, "--trends"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines[0] == T.trends(ledger, COUNTY, JULY).title and len(lines) == 2 + len(T.TREND_FIGURES)


def test_work_figures_in_the_json(june):
    from desktop.reporting.report_json import KEYS, report_data

    data = report_data(june)
    assert set(data) == set(KEYS) | {"previous_month"}   # described with "month"
    work = data["work"]
    assert work["funding"]["league_support"]["received"] == 1_000_000 and work["funding_total"]["received"] == 2_500_000
    assert work["publicity_average"] == {"value": pytest.approx(3 / 7), "numerator": 3, "denominator": 7}
    assert work["unified_activities"]["2025-06"] == {"activities": 2, "organisations": 1, "attendance": 50}
    assert work["coop_orgs"] == {"total": 3, "new": 1, "rectifying": 1, "revoked": 0}
    assert [r["name"] for r in work["rectified"]] == ["软弱涣散团支部"] and work["by_unit"][A]["rectified"] == 1
