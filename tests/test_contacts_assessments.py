"""Contact points (联系点) and annual assessments (考核、评优) in the monthly report's work-ledger
section, counted by hand on a small county ledger at county and township scope, against the
townships the division list expects; the Excel form read back."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.reporting.report import monthly_report, sections
from desktop.reporting.report_xlsx import write_report_xlsx

COUNTY = "130111"       # 栾城区: 7 rural townships in the division list
A = "130111200"         # 南高乡
B = "130111103"         # 冶河镇
JUNE = "2025-06"
ORG_COUNTY = f"org-county_committee-{COUNTY}"
ORG_A, ORG_B = f"org-township_committee-{A}", f"org-township_committee-{B}"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    led = Ledger.new(tmp_path_factory.mktemp("contacts") / "county.sqlite", scope=COUNTY, operator="x")
    orgs = led.organisations
    orgs.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, name in ((A, "南高乡团委"), (B, "冶河镇团委")):
        orgs.create(kind="township_committee", name=name, division_code=code, parent_id=ORG_COUNTY)
    branch = orgs.create(kind="direct_org", name="南高乡直属团支部", parent_id=ORG_A, division_code=A)
    point = dict(office="石家庄团市委农村部", post="副部长")
    contacts = led.contact_points
    contacts.create(unit_code=A, leader="李四", linked_on="2025-03-01", **point)
    contacts.create(unit_code=B, leader="李四", linked_on="2025-06-10", **point)              # new in June
    contacts.create(unit_code=COUNTY, leader="王五", office="市委组织部", linked_on="2024-01-01")  # the county
    contacts.create(unit_code=A, leader="赵六", office="市团校", linked_on="2024-01-01", ended_on="2025-05-31")
    contacts.create(unit_code=B, leader="钱七", office="市团校", linked_on="2025-07-01")       # not yet
    gone = contacts.create(unit_code=B, leader="孙八", office="市团校", linked_on="2025-01-01")
    led.delete("contact_point", gone)
    grades = led.unit_assessments
    grades.create(org_id=ORG_A, year=2025, grade="excellent", assessed_on="2025-06-20")
    grades.create(org_id=ORG_B, year=2025, grade="qualified")                                  # undated
    grades.create(org_id=branch, year=2025, grade="qualified", assessed_on="2025-05-01")       # not a committee
    grades.create(org_id=ORG_B, year=2024, grade="excellent", assessed_on="2025-01-10")        # last year's
    grades.create(org_id=ORG_COUNTY, year=2025, grade="unqualified", assessed_on="2025-07-10")  # after June
    yield led
    led.close()


def tables(report) -> dict:
    return {t.key: t for s in sections(report) for t in s.tables}


def test_county_scope(ledger):
    report = monthly_report(ledger, COUNTY, JUNE)
    t = report.work_ledger.total
    assert (t.contact_points, t.contacts_new, t.contact_officials) == (3, 1, 2)      # 李四 twice, 王五
    assert t.points_per_official == pytest.approx(1.5)
    assert (t.contacted_townships, t.expected_townships) == (2, 7) and t.contacted_share == pytest.approx(2 / 7)
    assert (t.assessments, t.assessed_townships) == (3, 2) and t.assessed_share == pytest.approx(2 / 7)
    assert report.work_ledger.grades == {"excellent": 1, "qualified": 2, "basically_qualified": 0, "unqualified": 0}
    found = tables(report)
    by_unit = {r[0]: r[1:] for r in found["contacts_by_unit"].rows}
    #          points, new, officials, per official, contacted, expected, share, assessments, assessed, share
    assert by_unit["南高乡"] == (1, 0, 1, 1.0, 1, 1, 1.0, 2, 1, 1.0)
    assert by_unit["冶河镇"] == (1, 1, 1, 1.0, 1, 1, 1.0, 1, 1, 1.0)
    assert by_unit["西营乡"] == (0, 0, 0, None, 0, 1, 0.0, 0, 0, 0.0)
    assert by_unit["栾城区"] == (1, 0, 1, 1.0, 0, 0, None, 0, 0, None)                # the county's own point
    assert len(by_unit) == 8 and sum(r[5] for r in by_unit.values()) == 7
    assert "28.6%" in found["contacts_by_unit"].note and "1.50" in found["contacts_by_unit"].note
    grade_rows = found["assessment_grades"].rows
    assert grade_rows[0][1:] == (1, pytest.approx(1 / 3)) and grade_rows[-1][1] == 3


def test_township_scope(ledger):
    report = monthly_report(ledger, A, JUNE)
    t = report.work_ledger.total
    assert (t.contact_points, t.contacts_new, t.contact_officials, t.contacted_townships, t.expected_townships) == (
        1, 0, 1, 1, 1)
    assert (t.assessments, t.assessed_townships, t.assessed_share) == (2, 1, 1.0)
    assert report.work_ledger.grades["qualified"] == 1 and report.work_ledger.grades["excellent"] == 1
    assert len(tables(report)["contacts_by_unit"].rows) == 1


def test_a_month_later(ledger):
    """July: 钱七's point starts, the county committee's assessment is made."""
    t = monthly_report(ledger, COUNTY, "2025-07").work_ledger.total
    assert (t.contact_points, t.contacts_new, t.contact_officials) == (4, 1, 3)
    assert t.assessments == 4 and t.assessed_townships == 2


def test_in_the_excel_form(ledger, tmp_path):
    report = monthly_report(ledger, COUNTY, JUNE)
    wb = openpyxl.load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    rows = list(wb[translate("report", "Contact points and assessments")].iter_rows(values_only=True))
    titles = [r[0] for r in rows]
    assert translate("report", "Contact points and assessments by unit") in titles
    first = titles.index(translate("report", "Contact points and assessments by unit"))
    by_unit = {r[0]: r for r in rows[first + 2:first + 10]}
    assert by_unit["南高乡"] == ("南高乡", 1, 0, 1, 1, 1, 1, 1, 2, 1, 1)
    assert by_unit["西营乡"][5:8] == (0, 1, 0)
    grades = titles.index(translate("report", "Annual assessments by grade"))
    assert [r[:2] for r in rows[grades + 2:grades + 7]] == [("优秀", 1), ("合格", 2), ("基本合格", 0), ("不合格", 0),
                                                          (translate("report", "Total"), 3)]


def test_the_json_report_holds_them(ledger):
    from desktop.reporting.report_json import report_data

    data = report_data(monthly_report(ledger, COUNTY, JUNE))
    total = data["work_ledger"]["total"]
    assert (total["contact_points"], total["contacts_new"], total["contact_officials"]) == (3, 1, 2)
    assert (total["contacted_townships"], total["expected_townships"], total["assessed_townships"]) == (2, 7, 2)
    assert total["assessments"] == 3
