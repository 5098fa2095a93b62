"""The cross-record rules, one by one, against a stand-in for the ledger (``rules.Lookups``):
for each rule a bad case with its message, and a good case with none."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import COUNTY, TOWNSHIP

from desktop.records import KINDS, rules

VILLAGE = "130111200201"
COUNTY_ORG = f"org-county_committee-{COUNTY}"
TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
BRANCH = "branch-1"
TEMPLATE = "tpl-township-A1"
BLOB = "ab" * 32
NEXT_MONTH = (dt.date.today().replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")


class Records:
    """The few look-ups the rules make, over records held in a dict."""

    def __init__(self, scope: str = COUNTY) -> None:
        self.scope = scope
        self.records = {
            ("organisation", COUNTY_ORG): {"id": COUNTY_ORG, "kind": "county_committee", "division_code": COUNTY,
                                           "scope": COUNTY},
            ("organisation", TOWNSHIP_ORG): {"id": TOWNSHIP_ORG, "kind": "township_committee",
                                             "division_code": TOWNSHIP, "scope": TOWNSHIP},
            ("organisation", BRANCH): {"id": BRANCH, "kind": "village_branch", "division_code": VILLAGE,
                                       "scope": VILLAGE},
            ("checklist_template", TEMPLATE): {"id": TEMPLATE, "scope": ""},
        }
        self.members = [{"org_id": TOWNSHIP_ORG, "name": "张三", "id": "m-1", "birth_date": "1990-05-01",
                         "exited_on": None}]
        self.blobs = {BLOB}

    def get(self, kind: str, record_id: str) -> dict | None:
        return self.records.get((kind, record_id))

    def members_named(self, org_id: str, name: str) -> list[dict]:
        return [m for m in self.members if m["org_id"] == org_id and m["name"] == name]

    def has_blob(self, digest: str) -> bool:
        return digest in self.blobs


GOOD = {
    "organisation": dict(id="new", kind="village_branch", division_code=VILLAGE, parent_id=TOWNSHIP_ORG),
    "committee_member": dict(id="new", org_id=TOWNSHIP_ORG, name="李四", birth_date="1990-05-01",
                             joined_on="2020-01-01", exited_on=None, exit_reason=None, appraisal=None,
                             appraisal_year=None),
    "funding_entry": dict(id="new", org_id=TOWNSHIP_ORG, budgeted=2000000, received=None),
    "checklist_task": dict(id="new", org_id=TOWNSHIP_ORG, template_id=TEMPLATE, status="not_started"),
    "meeting": dict(id="new", org_id=TOWNSHIP_ORG),
    "wechat_group": dict(id="new", org_id=TOWNSHIP_ORG, members=100, league_members=30),
    "venue": dict(id="new", org_id=TOWNSHIP_ORG),
    "publicity_item": dict(id="new", org_id=TOWNSHIP_ORG),
    "reported_figure": dict(id="new", unit_code=TOWNSHIP, month="2024-01"),
    "attachment": dict(id="new", owner_kind="organisation", owner_id=TOWNSHIP_ORG, sha256=BLOB),
    "work_plan_item": dict(id="new", org_id=TOWNSHIP_ORG, month="2024-03", status="done", done_on="2024-03-20"),
    "case_brief": dict(id="new", org_id=TOWNSHIP_ORG, kind="case", library="county"),
    "contact_point": dict(id="new", unit_code=TOWNSHIP, linked_on="2024-03-01", ended_on="2024-12-31"),
    "unit_assessment": dict(id="new", org_id=TOWNSHIP_ORG, year=2023, assessed_on="2024-01-10"),
    "branch_term": dict(id="new", village_code=VILLAGE, elected_on="2021-12-01", term_end="2026-11-30"),
}

# (kind, changes to the good record, the old record of an update or None, field, message)
BAD = [
    ("organisation", dict(division_code=COUNTY, parent_id=None), None, "division_code", rules.MSG_WRONG_LEVEL),
    ("organisation", dict(parent_id="new"), None, "parent_id", rules.MSG_PARENT_SELF),
    ("organisation", dict(parent_id="nowhere"), None, "parent_id", rules.MSG_MISSING_REF),
    ("organisation", dict(kind="county_committee", division_code=COUNTY, parent_id=COUNTY_ORG), None, "parent_id",
     rules.MSG_NO_PARENT_ALLOWED),
    ("organisation", dict(parent_id=COUNTY_ORG), None, "parent_id", rules.MSG_PARENT_KIND),
    ("organisation", dict(division_code="130111103201", parent_id=TOWNSHIP_ORG), None, "parent_id",
     rules.MSG_PARENT_OUTSIDE),
    ("committee_member", dict(org_id=BRANCH), None, "org_id", rules.MSG_ORG_KIND),
    ("committee_member", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("committee_member", dict(exited_on="2019-01-01"), None, "exited_on", rules.MSG_EXIT_BEFORE_JOIN),
    ("committee_member", dict(exit_reason="调动"), None, "exit_reason", rules.MSG_REASON_WITHOUT_EXIT),
    ("committee_member", dict(birth_date="2010-01-01"), None, "birth_date", rules.MSG_TOO_YOUNG),
    ("committee_member", dict(appraisal="excellent"), None, "appraisal_year", rules.MSG_APPRAISAL_YEAR),
    ("committee_member", dict(name="张三"), None, "name", rules.MSG_DUPLICATE_MEMBER),
    ("funding_entry", dict(budgeted=None), None, "received", rules.MSG_NO_AMOUNT),
    ("checklist_task", dict(template_id="nowhere"), None, "template_id", rules.MSG_MISSING_REF),
    ("checklist_task", dict(status="verified"), {"status": "not_started"}, "status", rules.MSG_TRANSITION),
    ("checklist_task", dict(status="verified", org_id=COUNTY_ORG), {"status": "done"}, "status",
     rules.MSG_VERIFY_UPPER),
    ("checklist_task", dict(verified_on="2024-01-01", done_on="2024-02-01"), None, "verified_on",
     rules.MSG_VERIFIED_BEFORE_DONE),
    ("meeting", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("wechat_group", dict(league_members=101), None, "league_members", rules.MSG_MORE_THAN),
    ("venue", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("publicity_item", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("reported_figure", dict(month=NEXT_MONTH), None, "month", rules.MSG_FUTURE_MONTH),
    ("attachment", dict(owner_kind="attachment"), None, "owner_kind", rules.MSG_UNKNOWN_OWNER_KIND),
    ("attachment", dict(owner_id="nowhere"), None, "owner_id", rules.MSG_MISSING_REF),
    ("attachment", dict(sha256="cd" * 32), None, "sha256", rules.MSG_NO_BLOB),
    ("work_plan_item", dict(org_id=BRANCH), None, "org_id", rules.MSG_ORG_KIND),
    ("work_plan_item", dict(status="in_progress"), None, "done_on", rules.MSG_DONE_WITHOUT_STATUS),
    ("case_brief", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("case_brief", dict(kind="brief"), None, "library", rules.MSG_LIBRARY_NOT_CASE),
    ("contact_point", dict(unit_code=VILLAGE), None, "unit_code", rules.MSG_WRONG_DIVISION_LEVEL),
    ("contact_point", dict(ended_on="2024-02-29"), None, "ended_on", rules.MSG_ENDED_BEFORE_LINKED),
    ("unit_assessment", dict(year=dt.date.today().year + 1, assessed_on=None), None, "year", rules.MSG_FUTURE_MONTH),
    ("unit_assessment", dict(assessed_on="2022-12-31"), None, "assessed_on", rules.MSG_ASSESSED_BEFORE_YEAR),
    ("unit_assessment", dict(org_id="nowhere"), None, "org_id", rules.MSG_MISSING_REF),
    ("branch_term", dict(village_code=TOWNSHIP), None, "village_code", rules.MSG_WRONG_DIVISION_LEVEL),
    ("branch_term", dict(term_end="2021-12-01"), None, "term_end", rules.MSG_TERM_END_BEFORE),
    ("branch_term", dict(term_end="2026-12-02"), None, "term_end", rules.MSG_TERM_TOO_LONG),
]


def check(kind: str, new: dict, old: dict | None = None, scope: str = COUNTY):
    return rules.RULES[kind](Records(scope), KINDS[kind], new, old, frozenset())


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_a_good_record_passes(kind):
    assert check(kind, dict(GOOD[kind])) == []


@pytest.mark.parametrize("kind, changes, old, field, message", BAD,
                         ids=[f"{b[0]}-{b[4][:30]}" for b in BAD])
def test_a_bad_record_gets_its_message(kind, changes, old, field, message):
    errors = check(kind, {**GOOD[kind], **changes}, old)
    assert [(e.field, e.message) for e in errors] == [(field, message)]
    assert errors[0].text("en") and errors[0].text("zh_CN")  # every parameter of the message is given


def test_the_level_above_verifies_a_task():
    new = {**GOOD["checklist_task"], "status": "verified", "done_on": "2024-01-01", "verified_on": "2024-02-01"}
    assert check("checklist_task", new, {"status": "done"}, scope=COUNTY) == []
    assert [e.message for e in check("checklist_task", new, {"status": "done"}, scope=TOWNSHIP)] == \
           [rules.MSG_VERIFY_UPPER]


def test_a_member_may_share_a_name_with_a_former_or_differently_born_member():
    assert check("committee_member", {**GOOD["committee_member"], "name": "张三", "birth_date": "1991-01-01"}) == []
    assert check("committee_member", {**GOOD["committee_member"], "name": "张三", "exited_on": "2021-01-01"}) == []


def test_every_kind_with_rules_is_covered():
    assert set(rules.RULES) == set(GOOD) and {b[0] for b in BAD} == set(GOOD)
