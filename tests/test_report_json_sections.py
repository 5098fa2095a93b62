"""``township-ledger report --json`` holds every section of the report, parsed from the real
command's output at a county's and a township's scope: the overdue checklist tasks, the work
ledger (work plan, cases and briefs, branch terms) and the work figures (funding by source …),
each with codes and numbers and its units by code; and a figure added to a part of the report
appears in the JSON without a change to the writer."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.cli import main
from desktop.ledger import Ledger
from desktop.reporting.model import MonthlyReport
from desktop.reporting.report import monthly_report
from desktop.reporting.report_json import report_data
from desktop.reporting.work_section import WorkFigures, WorkRecords

COUNTY = "130111"       # 栾城区
A = "130111200"         # 南高乡
B = "130111103"         # 冶河镇
VILLAGE = "130111200201"
JUNE = "2025-06"
ORG_A = f"org-township_committee-{A}"


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-json") / "county.sqlite"
    with Ledger.new(path, scope=COUNTY, operator="李书记") as led:
        led.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        for code in (A, B):
            led.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code,
                                     parent_id=f"org-county_committee-{COUNTY}")
        led.create("checklist_task", {"org_id": ORG_A, "system": "organisation", "title": "配齐班子",
                                      "deadline": "2025-06-10", "responsible": "张三"})
        led.create("checklist_task", {"org_id": ORG_A, "system": "staff", "title": "培训团干部",
                                      "deadline": "2025-08-01"})  # not due yet
        led.create("work_plan_item", {"org_id": ORG_A, "month": JUNE, "item": "走访青年", "status": "done",
                                      "done_on": "2025-06-20"})
        led.create("work_plan_item", {"org_id": ORG_A, "month": JUNE, "item": "召开述评会"})
        led.create("case_brief", {"org_id": ORG_A, "kind": "case", "title": "乡村振兴青年行", "dated_on": "2025-06-05",
                                  "library": "county"})
        led.create("case_brief", {"org_id": ORG_A, "kind": "brief", "title": "简报第3期", "dated_on": "2025-06-25"})
        led.create("branch_term", {"village_code": VILLAGE, "elected_on": "2022-07-01", "term_end": "2025-07-31",
                                   "secretary": "赵丽"})
        led.create("funding_entry", {"org_id": ORG_A, "year": 2025, "budgeted": "20000", "received": "5000",
                                     "source": "local_budget", "received_on": "2025-06-03"})
    return path


def report_json(capsys, ledger_file, *argv: str) -> dict:
    """The JSON the command prints (exit code 0, nothing on stderr)."""
    try:
        code = main(["--ledger", str(ledger_file), "report", "--month", JUNE, "--json", *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, None) and err == "", err
    return json.loads(out)


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: row for row in rows}


def test_county_json_holds_the_overdue_tasks_work_ledger_and_work_figures(capsys, ledger_file):
    data = report_json(capsys, ledger_file)
    assert data["scope"]["code"] == COUNTY and data["unit_level"] == 4

    overdue = data["overdue"]
    assert overdue["as_of"] == "2025-06-30" and overdue["count"] == 1 and overdue["listed"] is True
    (task,) = overdue["tasks"]
    assert task["unit"]["code"] == A and task["unit"]["name"] == "南高乡"
    assert (task["title"], task["system"], task["responsible"], task["deadline"], task["days"]) == (
        "配齐班子", "organisation", "张三", "2025-06-10", 20)
    counts = by_code(overdue["by_unit"])
    assert counts[A]["count"] == 1 and counts[B]["count"] == 0 and len(counts) == 7  # every township below

    ledger = data["work_ledger"]
    total = ledger["total"]
    assert (total["plan_items"], total["plan_done"], total["plan_done_share"]) == (2, 1, 0.5)
    assert (total["cases"], total["briefs"], total["library"], total["terms"], total["terms_due"]) == (1, 1, 1, 1, 1)
    units = by_code(ledger["units"])
    assert units[A]["name"] == "南高乡" and units[A]["figures"]["plan_items"] == 2
    assert units[B]["figures"]["plan_items"] == 0 and len(units) == 7
    (term,) = ledger["terms"]
    assert term["village"]["code"] == VILLAGE and term["term_end"] == "2025-07-31" and term["overdue"] is False
    assert ledger["horizon"] == "2025-09-30"

    work = data["work"]
    assert work["funding"]["local_budget"]["received"] == 500000  # fen
    assert work["funding_total"]["budgeted"] == 2000000
    assert work["by_unit"][A]["received"] == 500000
    assert set(work["venues"]) and set(work["unified_activities"]) and "coop_orgs" in work
    # the headline's other counts are figures too, compared with the month before
    assert data["figures"]["counties"]["value"] == 1 and data["figures"]["counties"]["previous"] == 1
    assert data["figures"]["records_incomplete"]["denominator"] is None
    assert A not in data["units"]["not_entered"] and B not in data["units"]["not_entered"]
    assert {row["code"] for row in data["units"]["lagging"]} >= {B}


def test_township_json_holds_its_own_sections(capsys, ledger_file):
    data = report_json(capsys, ledger_file, "--scope", A)
    assert data["scope"]["code"] == A
    assert data["overdue"]["count"] == 1 and data["overdue"]["tasks"][0]["unit"]["code"] == A
    assert by_code(data["overdue"]["by_unit"])[A]["count"] == 1
    assert data["work_ledger"]["total"]["plan_items"] == 2
    assert by_code(data["work_ledger"]["units"])[A]["figures"]["cases"] == 1
    assert data["work"]["funding_total"]["received"] == 500000
    other = report_json(capsys, ledger_file, "--scope", B)  # nothing of 南高乡's in 冶河镇's report
    assert other["overdue"]["count"] == 0 and other["work_ledger"]["total"]["plan_items"] == 0


@dataclasses.dataclass(frozen=True)
class _MoreReport(MonthlyReport):
    extra_section: tuple[WorkFigures, ...] = ()


@dataclasses.dataclass(frozen=True)
class _MoreFigures(WorkFigures):
    youth_homes: int = 0


@dataclasses.dataclass(frozen=True)
class _MoreRecords(WorkRecords):
    ratings: tuple[tuple[str, int], ...] = ()


def test_a_figure_added_to_a_part_of_the_report_appears_in_the_json(ledger_file):
    with Ledger.open(ledger_file) as led:
        report = monthly_report(led, COUNTY, JUNE, parallel=False)
    w = report.work_ledger
    more = _MoreRecords(_MoreFigures(**dataclasses.asdict(w.total), youth_homes=3),
                        tuple((code, name, _MoreFigures(**dataclasses.asdict(f), youth_homes=1))
                              for code, name, f in w.units), w.terms, w.horizon, ratings=((A, 2),))
    data = json.loads(json.dumps(report_data(dataclasses.replace(report, work_ledger=more))))
    assert data["work_ledger"]["total"]["youth_homes"] == 3
    assert by_code(data["work_ledger"]["units"])[A]["figures"]["youth_homes"] == 1
    assert data["work_ledger"]["ratings"] == [[A, 2]]
    # a section added to the report itself
    fields = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    data = json.loads(json.dumps(report_data(_MoreReport(**fields, extra_section=(WorkFigures(cases=4),)))))
    assert data["extra_section"][0]["cases"] == 4 and data["extra_section"][0]["plan_done_share"] is None
