"""A county ledger with one problem of each rule of the problem list (问题清单), and the
clean ledger it is built on: shared by tests/test_problems.py and tests/ui/test_problems_view.py."""

from __future__ import annotations

import datetime as dt
import json

from desktop.ledger import Ledger
from desktop.reporting.submissions import submission_id

COUNTY, A, B = "130111", "130111200", "130111103"  # 栾城区, 南高乡, 冶河镇
ORG_COUNTY, ORG_A, ORG_B = (f"org-county_committee-{COUNTY}", f"org-township_committee-{A}",
                            f"org-township_committee-{B}")
JUNE, MAY = "2025-06", "2025-05"


def at(ledger: Ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon of *day* (see tests/test_report.py)."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


def member(ledger: Ledger, org: str, name: str, post: str = "member", **values) -> str:
    return ledger.committee_members.create(org_id=org, name=name, gender="female", post=post, employment="part_time",
                                           source="civil_servant", **{"joined_on": "2024-01-01", **values})


def clean(ledger: Ledger) -> None:
    """A county and a township, each with a secretary, the township active in June."""
    at(ledger, "2025-05-01")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=A, parent_id=ORG_COUNTY,
                                founded_on="2020-01-01")
    member(ledger, ORG_COUNTY, "县书记", "secretary")
    member(ledger, ORG_A, "张书记", "secretary", birth_date="1990-01-01", phone="13800000001")
    member(ledger, ORG_A, "李四", birth_date="1995-03-02", phone="13800000002")
    member(ledger, ORG_A, "李四", birth_date="1996-04", phone="13800000003")  # a namesake, not a duplicate
    ledger.meetings.create(org_id=ORG_A, kind="leadership", held_on="2025-06-03", title="班子会")
    ledger.checklist_tasks.create(org_id=ORG_A, system="organisation", title="按时完成", deadline="2025-06-10",
                                  status="done", done_on="2025-06-05")


def build(led: Ledger) -> dict[str, str]:
    """The clean ledger, and one problem of each rule; the ids of the records they point at."""
    clean(led)
    ids = {}
    # 冶河镇: no secretary, and its last meeting in January (hollow for 3 months)
    led.organisations.create(kind="township_committee", name="冶河镇团委", division_code=B, parent_id=ORG_COUNTY,
                             founded_on="2020-01-01")
    led.meetings.create(org_id=ORG_B, kind="leadership", held_on="2025-01-15", title="班子会")
    # under 南高乡: a branch without members, and one whose last meeting was in April
    ids["empty"] = led.organisations.create(kind="direct_org", name="空支部", division_code=A, parent_id=ORG_A,
                                            founded_on="2024-01-01", league_members=0)
    ids["april"] = led.organisations.create(kind="direct_org", name="四月支部", division_code=A, parent_id=ORG_A,
                                            founded_on="2024-01-01", league_members=8)
    led.meetings.create(org_id=ids["april"], kind="leadership", held_on="2025-04-20", title="支部会")
    ids["overdue"] = led.checklist_tasks.create(org_id=ORG_A, system="project", title="逾期任务",
                                                deadline="2025-06-10", status="in_progress")
    ids["late_june"] = led.checklist_tasks.create(org_id=ORG_A, system="project", title="月底任务",
                                                  deadline="2025-06-28", status="not_started")
    ids["incomplete"] = led.create("committee_member", {"org_id": ORG_A, "name": "王五", "gender": "male",
                                                         "post": "member", "employment": "part_time",
                                                         "source": "other"}, incomplete_ok=True)
    # entered twice (a birth month typed wrong; the ledger refuses one name born in one month twice)
    ids["twin"] = member(led, ORG_A, "李四", birth_date="1995-08", phone="13800000002")
    # 南高乡's submissions: 20 members in June after 10 in May; 冶河镇's reported reach triples
    for month, members in ((MAY, 10), (JUNE, 20)):
        led.create("month_submission", {"unit_code": A, "month": month, "first_submitted_at": f"{month}-28T10:00:00",
                                        "submitted_at": f"{month}-28T10:00:00",
                                        "figures": json.dumps({"members_current": members, "wechat_groups": 3})},
                   record_id=submission_id(A, month))
    for month, reach, groups in ((MAY, 100, 10), (JUNE, 300, 12)):
        fid = led.reported_figures.create(unit_code=B, month=month, metric="wechat_reach", value=reach)
        led.reported_figures.create(unit_code=B, month=month, metric="wechat_groups", value=groups)
    ids["reach"] = fid
    return ids
