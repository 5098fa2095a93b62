"""``township-ledger report`` through the program's entry point: the printed summary and
reminders list, the Excel form on request, and one error line with its exit code for a bad
month, an unknown division or a unit the ledger holds only part of."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from desktop.cli import main
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.reporting.expected import expected_townships
from desktop.reporting.report import monthly_report, sections
from desktop.scope.geo import geography

COUNTY = "130111"       # 栾城区
A = "130111200"         # 南高乡: changed its ledger in June; reported a figure that differs
B = "130111103"         # 冶河镇: silent in June
JUNE = "2025-06"
ORG_COUNTY = f"org-county_committee-{COUNTY}"


def at(ledger: Ledger, day: str) -> None:
    """Stamp the ledger's next changes at noon of *day* (see tests/test_report.py)."""
    moment = dt.datetime.fromisoformat(day + "T12:00:00").timestamp()
    ledger.clock.wall = lambda: moment


def secretary(ledger: Ledger, org: str, name: str, phone: str, joined: str = "2024-01-01") -> None:
    ledger.committee_members.create(org_id=org, name=name, gender="female", post="secretary",
                                    employment="part_time", source="civil_servant", joined_on=joined, phone=phone)


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-report") / "county.sqlite"
    with Ledger.new(path, scope=COUNTY, operator="x") as led:
        at(led, "2025-05-10")
        led.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        for code in (A, B):
            led.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code,
                                     parent_id=ORG_COUNTY)
        secretary(led, f"org-township_committee-{B}", "王书记", "13900000002")
        led.reported_figures.create(unit_code=A, month=JUNE, metric="members_current", value=5)
        at(led, "2025-06-15")
        secretary(led, f"org-township_committee-{A}", "张书记", "13800000001", "2025-06-01")
    return path


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    """(exit code, lines printed, what went to stderr) of one command line."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_summary_and_reminders_of_the_ledgers_own_unit(ledger_file, capsys):
    code, lines, err = run(capsys, "--ledger", str(ledger_file), "report", "--month", JUNE)
    assert (code, err) == (0, "")
    with Ledger.open(ledger_file, read_only=True) as led:
        report = monthly_report(led, COUNTY, JUNE)
    assert lines[0] == report.title and "栾城区" in lines[0] and JUNE in lines[0]
    silent, never = translate("report", "silent"), translate("report", "not in the ledger")
    nobody = translate("report", "no secretary on record")
    # A and B are entered; the 5 other rural townships of 栾城区 are silent, never entered
    assert lines[lines.index(translate("report", "Units to remind ({n}):").format(n=7)) + 1:] == [
        f"  130111100  河北省石家庄市栾城区栾城镇  ({silent}, {never})  {nobody}",
        f"  {B}  河北省石家庄市栾城区冶河镇  ({silent})  王书记 13900000002",
        f"  130111104  河北省石家庄市栾城区窦妪镇  ({silent}, {never})  {nobody}",
        f"  130111105  河北省石家庄市栾城区楼底镇  ({silent}, {never})  {nobody}",
        f"  {A}  河北省石家庄市栾城区南高乡  ({translate('report', '{n} figure(s) differ').format(n=1)})  "
        f"张书记 13800000001",
        f"  130111201  河北省石家庄市栾城区柳林屯乡  ({silent}, {never})  {nobody}",
        f"  130111202  河北省石家庄市栾城区西营乡  ({silent}, {never})  {nobody}",
    ]
    expected_line = translate("report", "Expected: {expected} townships (division list); {silent} silent, "
                                        "{unknown} of them with no records in the ledger.")
    assert expected_line.format(expected=7, silent=6, unknown=5) in lines


def test_a_township_of_the_ledger(ledger_file, capsys):
    code, lines, _err = run(capsys, "--ledger", str(ledger_file), "report", "--scope", A, "--month", JUNE)
    assert code == 0 and "南高乡" in lines[0]
    reminders = [line for line in lines if line.startswith(f"  {A}  ")]
    assert len(reminders) == 1 and not any(B in line for line in lines)


def test_in_english(ledger_file, capsys):
    code, lines, _err = run(capsys, "--lang", "en", "--ledger", str(ledger_file), "report", "--month", JUNE)
    assert code == 0
    assert lines[0] == "Monthly report of 河北省石家庄市栾城区, 2025-06"
    assert "Units to remind (7):" in lines
    assert "  130111100  河北省石家庄市栾城区栾城镇  (silent, not in the ledger)  no secretary on record" in lines
    assert any(line.endswith("(1 figure(s) differ)  张书记 13800000001") for line in lines)


def test_excel_form_written(ledger_file, tmp_path, capsys):
    xlsx = tmp_path / "月报" / "栾城区.xlsx"
    code, lines, _err = run(capsys, "--ledger", str(ledger_file), "report", "--month", JUNE, "--xlsx", str(xlsx))
    assert code == 0
    assert lines[-1] == translate("report", "Excel form written to {path}.").format(path=xlsx)
    with Ledger.open(ledger_file, read_only=True) as led:
        titles = [s.title for s in sections(monthly_report(led, COUNTY, JUNE))]
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == titles
    assert [p.name for p in xlsx.parent.iterdir()] == ["栾城区.xlsx"]


@pytest.mark.parametrize("argv, code, message", [
    (("--month", "2025-13"), 2, "\"{month}\" is not a month (YYYY-MM)."),
    (("--month", "June"), 2, "\"{month}\" is not a month (YYYY-MM)."),
    (("--scope", "13"), 1, "{code} lies outside this ledger's scope {scope}"),        # the ledger holds part of it
    (("--scope", ""), 1, "{code} lies outside this ledger's scope {scope}"),
    (("--scope", "139999"), 1, "{code} lies outside this ledger's scope {scope}"),
    (("--scope", "130111999"), 1, "\"{code}\" is not a known division code."),      # within, but no such township
])
def test_errors_are_one_line_and_an_exit_code(ledger_file, tmp_path, capsys, argv, code, message):
    xlsx = tmp_path / "r.xlsx"
    got, lines, err = run(capsys, "--ledger", str(ledger_file), "report", *argv, "--xlsx", str(xlsx))
    assert got == code and lines == []
    assert len(err.splitlines()) == 1 and err.startswith("township-ledger: ")
    context = "figures" if "month" in message else "errors"
    given = dict(zip(argv[::2], argv[1::2]))
    expected = translate(context, message).format(code=given.get("--scope") or "-", scope=COUNTY,
                                                  month=given.get("--month"))
    assert expected in err
    assert not xlsx.exists()


def test_missing_ledger(tmp_path, capsys):
    code, lines, err = run(capsys, "--ledger", str(tmp_path / "none.sqlite"), "report")
    assert code == 1 and lines == [] and len(err.splitlines()) == 1


def test_a_long_reminders_list_is_cut(tmp_path, capsys):
    """The command line prints the first 20 units to remind; the Excel form has them all."""
    geo = geography()
    path = tmp_path / "prefecture.sqlite"
    townships = []
    with Ledger.new(path, scope="1301", operator="x") as led:
        at(led, "2025-05-10")
        for county in geo.children("1301"):
            if len(townships) >= 23:
                break
            led.organisations.create(kind="county_committee", name=county.name, division_code=county.code)
            for township in geo.children(county.code)[:23 - len(townships)]:
                led.organisations.create(kind="township_committee", name=township.name, division_code=township.code,
                                         parent_id=f"org-county_committee-{county.code}")
                townships.append(township.code)
    code, lines, _err = run(capsys, "--ledger", str(path), "report", "--month", JUNE)
    assert code == 0
    # the 23 entered (streets among them) and every other rural township of 石家庄市, all silent
    silent = sorted(set(townships) | set(expected_townships("1301")))
    head = translate("report", "Units to remind ({n}):").format(n=len(silent))
    listed = lines[lines.index(head) + 1:]
    assert [line.split()[0] for line in listed[:-1]] == silent[:20]
    assert listed[-1] == translate("report", "  … and {n} more (see the Excel form).").format(n=len(silent) - 20)
    assert all(translate("report", "no secretary on record") in line for line in listed[:-1])


# --------------------------------------------------------------------------- --json
def test_json_every_figure_with_numerator_and_denominator(ledger_file, capsys):
    code, lines, err = run(capsys, "--ledger", str(ledger_file), "report", "--month", JUNE, "--json")
    assert (code, err) == (0, "")
    text = "\n".join(lines)
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)   # stable: keys sorted
    assert (data["schema"], data["scope"], data["month"]) == (1, {"code": COUNTY, "name": "河北省石家庄市栾城区"}, JUNE)
    f = data["figures"]
    assert all(set(v) == {"value", "numerator", "denominator", "previous"}
               for k, v in f.items() if k not in ("members_by_source", "checklist_by_system"))
    # the townships: 2 entered of the 7 the division list expects; A changed its ledger in June
    assert f["townships"] == {"value": 2, "numerator": 2, "denominator": None, "previous": 2}
    assert f["mobilisation_meeting"] == {"value": 0.0, "numerator": 0, "denominator": 7, "previous": 0}
    assert f["on_time"] == {"value": 1 / 7, "numerator": 1, "denominator": 7, "previous": None}
    assert (f["silent"]["numerator"], f["not_entered"]["numerator"], f["expected_townships"]["value"]) == (6, 5, 7)
    assert f["coop_committees"]["denominator"] == 1 and f["members_current"]["value"] == 2
    assert data["levels"] == [{"level": 4, "units": 7, "reported": False,
                               "mobilisation": {"value": 0.0, "numerator": 0, "denominator": 7, "previous": None},
                               "review": {"value": 0.0, "numerator": 0, "denominator": 7, "previous": None}}]
    units = data["units"]
    codes = ["130111100", B, "130111104", "130111105", A, "130111201", "130111202"]
    assert [u["code"] for u in units["expected"]] == codes
    assert [u["code"] for u in units["on_time"]] == [A] and units["reporting"] == [A]
    silent = {u["code"]: u for u in units["silent"]}
    assert list(silent) == [c for c in codes if c != A]
    assert silent[B] == {"code": B, "name": "冶河镇", "within": "河北省石家庄市栾城区", "in_ledger": True,
                         "secretary": "王书记", "phone": "13900000002"}
    assert silent["130111201"]["in_ledger"] is False and silent["130111201"]["phone"] is None
    by_unit = {u["code"]: u["figures"] for u in data["by_unit"]}
    assert list(by_unit) == codes
    assert by_unit[A]["timeliness_share"] == {"value": 1.0, "numerator": 1, "denominator": 1, "previous": None}
    assert by_unit["130111201"]["mobilisation_share"]["denominator"] == 1
    assert [(d["code"], d["metric"], d["reported"], d["ledger"]) for d in data["differences"]] == [
        (A, "members_current", 5, 1)]


def test_json_with_the_excel_form_keeps_stdout_json(ledger_file, tmp_path, capsys):
    xlsx = tmp_path / "r.xlsx"
    code, lines, err = run(capsys, "--ledger", str(ledger_file), "report", "--month", JUNE, "--json", "--xlsx",
                           str(xlsx))
    assert code == 0 and json.loads("\n".join(lines))["month"] == JUNE
    assert err.strip() == translate("report", "Excel form written to {path}.").format(path=xlsx)


@pytest.mark.parametrize("argv, code", [(("--month", "2025-13"), 2), (("--scope", "13"), 1),
                                        (("--scope", "130111999"), 1)])
def test_json_errors_are_one_line_and_an_exit_code(ledger_file, capsys, argv, code):
    got, lines, err = run(capsys, "--ledger", str(ledger_file), "report", *argv, "--json")
    assert (got, lines) == (code, []) and len(err.splitlines()) == 1


def test_help_documents_the_json_keys(capsys):
    code, lines, _err = run(capsys, "--lang", "en", "report", "--help")
    text = "\n".join(lines)
    assert code == 0 and "--json" in text and "JSON keys (--json):" in text
    assert all(f"  {key}: " in text for key in ("figures", "units", "by_unit", "levels", "scope"))
