"""The problem list (问题清单): each rule finds its problem on a built county ledger and
nothing on a clean one, the thresholds change what it finds, the ``rules`` command keeps
them, and the monthly report counts the problems (its sections and its JSON)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.cli import main
from desktop.ledger import Ledger
from desktop.reporting import problems as P
from desktop.reporting.report import monthly_report, sections
from desktop.reporting.report_json import report_data
from desktop.reporting.submissions import submission_id

from problem_ledger import A, B, COUNTY, JUNE, MAY, ORG_B, build, clean

TODAY = dt.date(2025, 7, 10)


@pytest.fixture
def clean_ledger(ledger_path):
    led = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    clean(led)
    yield led
    led.close()


@pytest.fixture
def built(ledger_path):
    """The clean ledger, and one problem of each rule."""
    led = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    ids = build(led)
    yield led, ids
    led.close()


def found(ledger: Ledger, **values) -> set[tuple[str, str, str]]:
    return {(p.rule, p.unit, p.record_id) for p in P.evaluate(ledger, COUNTY, JUNE, today=TODAY, values=values)}


def test_a_clean_ledger_has_no_problems(clean_ledger):
    assert P.evaluate(clean_ledger, COUNTY, JUNE, today=TODAY) == ()


def test_each_rule_fires_on_its_record(built):
    ledger, ids = built
    assert found(ledger) == {
        ("hollow_org", B, ORG_B),
        ("hollow_org", A, ids["empty"]),
        ("no_secretary", B, ORG_B),
        ("overdue_task", A, ids["overdue"]),
        ("overdue_task", A, ids["late_june"]),
        ("figure_jump", A, submission_id(A, JUNE)),
        ("figure_jump", B, ids["reach"]),
        ("duplicate_member", A, ids["twin"]),
        ("incomplete_record", A, ids["incomplete"]),
    }


def test_the_problems_describe_themselves(built):
    ledger, ids = built
    texts = {p.record_id: (p.kind, p.unit_name, p.text) for p in P.evaluate(ledger, COUNTY, JUNE, today=TODAY)}
    assert texts[ids["empty"]][0] == "organisation" and "空支部" in texts[ids["empty"]][2]
    assert texts[ids["twin"]][:2] == ("committee_member", "南高乡")
    assert "李四" in texts[ids["twin"]][2]
    jump = texts[submission_id(A, JUNE)]
    assert jump[0] == "month_submission" and "10" in jump[2] and "20" in jump[2] and "+100%" in jump[2]
    assert texts[ids["reach"]][0] == "reported_figure" and "+200%" in texts[ids["reach"]][2]


def test_thresholds_change_what_is_found(built):
    ledger, ids = built
    assert ("hollow_org", A, ids["april"]) in found(ledger, hollow_months=1)
    assert ("hollow_org", B, ORG_B) not in found(ledger, hollow_months=6)
    assert ("overdue_task", A, ids["late_june"]) not in found(ledger, overdue_days=5)
    assert ("overdue_task", A, ids["overdue"]) in found(ledger, overdue_days=5)
    assert not {p for p in found(ledger, jump_percent=250) if p[0] == "figure_jump"}
    assert not {p for p in found(ledger, jump_min=250) if p[0] == "figure_jump"}


def test_judged_as_of_the_month(built):
    """In May no task was overdue yet and no figure of April was there to compare with."""
    ledger, _ids = built
    may = {p.rule for p in P.evaluate(ledger, COUNTY, MAY, today=TODAY)}
    assert "hollow_org" in may and not may & {"overdue_task", "figure_jump"}


def test_the_ledger_keeps_its_thresholds(built):
    ledger, ids = built
    assert P.thresholds(ledger)["hollow_months"] == 3
    P.set_threshold(ledger, "hollow_months", "1")
    assert P.thresholds(ledger)["hollow_months"] == 1
    assert ("hollow_org", A, ids["april"]) in found(ledger)
    with pytest.raises(P.ThresholdError):
        P.set_threshold(ledger, "hollow_months", 0)
    with pytest.raises(P.ThresholdError):
        P.set_threshold(ledger, "no_such_rule", 3)
    P.set_threshold(ledger, "hollow_months", None)
    assert P.thresholds(ledger)["hollow_months"] == 3


def test_the_report_counts_problems_per_rule_and_unit(built):
    ledger, ids = built
    report = monthly_report(ledger, COUNTY, JUNE)
    assert len(report.problems) >= 9
    section = next(s for s in sections(report) if s.key == "problems")
    tables = {t.key: t for t in section.tables}
    by_rule = {row[0]: row[2] for row in tables["problems_by_rule"].rows}
    assert by_rule[P.RULE_MAP["no_secretary"].label] == 1
    by_unit = {row[0]: row[-1] for row in tables["problems_by_unit"].rows}
    assert by_unit["冶河镇"] == 3 and by_unit["南高乡"] >= 6
    assert ids["twin"] in {row[-1] for row in tables["problems"].rows}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_report_json_lists_the_problems(built, capsys):
    ledger, ids = built
    path = str(ledger.path)
    ledger.close()
    code, out, _err = run(capsys, "--ledger", path, "report", "--month", JUNE, "--json")
    assert code == 0
    data = json.loads(out)["problems"]
    assert data["counts"]["no_secretary"] == 1 and data["counts"]["duplicate_member"] == 1
    assert data["thresholds"]["hollow_months"] == 3
    twin = next(p for p in data["list"] if p["id"] == ids["twin"])
    assert twin == {"rule": "duplicate_member", "severity": "low", "code": A, "name": "南高乡",
                    "kind": "committee_member", "id": ids["twin"], "text": twin["text"]} and "李四" in twin["text"]
    assert {u["code"]: u["counts"]["no_secretary"] for u in data["by_unit"]}[B] == 1


def test_the_rules_command_sets_and_shows_thresholds(built, capsys):
    ledger, _ids = built
    path = str(ledger.path)
    ledger.close()
    assert run(capsys, "--ledger", path, "rules", "set", "hollow_months", "4")[:2] == (0, "hollow_months = 4\n")
    code, out, _err = run(capsys, "--ledger", path, "rules")
    assert code == 0 and "hollow_months = 4" in out and "jump_percent = 50" in out
    code, _out, err = run(capsys, "--ledger", path, "rules", "set", "hollow_months", "many")
    assert code != 0 and "hollow_months" in err
    with Ledger.open(path, read_only=True) as reopened:
        assert P.thresholds(reopened)["hollow_months"] == 4
        assert report_data(monthly_report(reopened, COUNTY, JUNE))["problems"]["thresholds"]["hollow_months"] == 4
    assert run(capsys, "--ledger", path, "rules", "reset", "hollow_months")[:2] == (0, "hollow_months = 3\n")
    code, out, _err = run(capsys, "--ledger", path, "rules", "check", "--month", JUNE)
    assert code == 0 and "冶河镇团委" in out


def test_a_province_report_leaves_the_list_to_the_units_below(ledger_path, tmp_path):
    """A province's report does not look at every organisation in it; a prefecture's does."""
    from desktop.reporting.report_xlsx import write_report_xlsx

    with Ledger.new(ledger_path, scope="13", operator="测试员") as led:
        build(led)
        province = monthly_report(led, "13", JUNE)
        assert province.problems == () and report_data(province)["problems"]["evaluated"] is False
        tables = next(s for s in sections(province) if s.key == "problems").tables
        assert [t.key for t in tables] == ["problems_by_rule"] and "县" in tables[0].note
        assert write_report_xlsx(province, tmp_path / "province.xlsx").exists()
        prefecture = report_data(monthly_report(led, "1301", JUNE))["problems"]
        assert prefecture["evaluated"] is True and prefecture["counts"]["no_secretary"] == 1
        assert {u["code"]: sum(u["counts"].values()) for u in prefecture["by_unit"]}[COUNTY] >= 9
