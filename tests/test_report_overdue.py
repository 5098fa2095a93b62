"""The monthly report's overdue checklist tasks (逾期未完成的整改任务): a count per unit
below and, at a county's scope, the list; judged at the month's end (or today)."""

from __future__ import annotations

import datetime as dt

from desktop.ledger import Ledger
from desktop.records import checklist
from desktop.reporting import overdue as O
from desktop.reporting import report as R
from desktop.reporting.report_xlsx import write_report_xlsx

COUNTY, TOWNSHIP, TOWNSHIP_2 = "130111", "130111200", "130111103"
TASK = checklist.TASK


def county_ledger(path) -> Ledger:
    ledger = Ledger.new(path, scope=COUNTY, operator="县团委")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code in (TOWNSHIP, TOWNSHIP_2):
        ledger.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code,
                                    parent_id=f"org-county_committee-{COUNTY}")
    return ledger


def task(ledger: Ledger, code: str, title: str, deadline: str, status: str = "not_started", **more) -> str:
    return ledger.create(TASK, {"org_id": f"org-township_committee-{code}", "system": "project", "title": title,
                                "deadline": deadline, "status": status, **more})


def test_the_rule_judges_by_the_day_and_a_late_completion_counts_then():
    assert O.is_overdue({"deadline": "2024-05-01", "status": "in_progress"}, "2024-05-31")
    assert not O.is_overdue({"deadline": "2024-05-31", "status": "in_progress"}, "2024-05-31")
    assert not O.is_overdue({"deadline": None, "status": "not_started"}, "2024-05-31")
    assert not O.is_overdue({"deadline": "2024-05-01", "status": "done", "done_on": "2024-05-20"}, "2024-05-31")
    assert O.is_overdue({"deadline": "2024-05-01", "status": "verified", "done_on": "2024-06-03"}, "2024-05-31")
    assert O.overdue_as_of("2024-05", dt.date(2024, 5, 10)) == dt.date(2024, 5, 10)
    assert O.overdue_as_of("2024-05", dt.date(2024, 7, 1)) == dt.date(2024, 5, 31)


def test_the_report_counts_per_unit_and_lists_at_county_scope(tmp_path):
    ledger = county_ledger(tmp_path / "county.sqlite")
    task(ledger, TOWNSHIP, "建设青年之家", "2024-05-10")
    task(ledger, TOWNSHIP, "开展统一活动", "2024-04-01", "in_progress", responsible="王芳")
    task(ledger, TOWNSHIP, "按时完成", "2024-04-01", "done", done_on="2024-03-30", measure="已完成")
    task(ledger, TOWNSHIP_2, "晚了完成", "2024-05-01", "done", done_on="2024-06-02", measure="已完成")
    task(ledger, TOWNSHIP_2, "未到期", "2024-06-15")
    gone = task(ledger, TOWNSHIP_2, "已删除", "2024-01-01")
    ledger.delete(TASK, gone)
    report = R.monthly_report(ledger, COUNTY, "2024-05", parallel=False)
    overdue = report.overdue
    assert (overdue.as_of, overdue.count, overdue.listed) == ("2024-05-31", 3, True)
    assert [(t.unit.code, t.title, t.days) for t in overdue.tasks] == [
        (TOWNSHIP, "开展统一活动", 60), (TOWNSHIP_2, "晚了完成", 30), (TOWNSHIP, "建设青年之家", 21)]
    assert overdue.tasks[0].responsible == "王芳" and overdue.tasks[0].unit.name
    section = next(s for s in R.sections(report) if s.key == "overdue")
    listed, by_unit = section.tables
    assert [row[4] for row in listed.rows] == ["开展统一活动", "晚了完成", "建设青年之家"]
    assert dict((name, n) for name, n in by_unit.rows if n) == {"南高乡": 2, "冶河镇": 1}
    assert "3" in listed.note and "2024-05-31" in listed.note
    # in the Excel form as a sheet of its own
    from openpyxl import load_workbook
    path = write_report_xlsx(report, tmp_path / "月报.xlsx")
    texts = {c.value for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row}
    assert "开展统一活动" in texts or "晚了完成" in texts
    # above a county: the counts only
    above = R.monthly_report(ledger, "1301", "2024-05", parallel=False)
    assert above.overdue.count == 3 and not above.overdue.listed
    assert [t.key for t in next(s for s in R.sections(above) if s.key == "overdue").tables] == ["overdue_by_unit"]
    ledger.close()
