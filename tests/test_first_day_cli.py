"""The first day from the command line, on a fresh ``init``: the township's ledger with its
committee, last year's roster imported as it is (one value for its missing column, its own
words, its footer skipped, its bad row named), a package handed to a county that has never been
online (checked by the code read out on the phone), and the month's PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from desktop.cli import main
from desktop.ledger import Ledger
from sync import packages as P
from tests.first_day_roster import roster_workbook

COUNTY, TOWNSHIP = "130111", "130111200"
COMMITTEE = f"org-township_committee-{TOWNSHIP}"


def cli(capsys, ledger: Path, *argv: str, lang: str = "zh_CN") -> tuple[int, str, str]:
    try:
        code = main(["--lang", lang, "--ledger", str(ledger), *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_the_first_day_from_the_command_line(capsys, tmp_path):
    town, county = tmp_path / "南高乡.sqlite", tmp_path / "栾城区.sqlite"
    code, out, err = cli(capsys, town, "init", "--scope", TOWNSHIP, "--operator", "张三")
    assert code == 0 and err == ""
    with Ledger.open(town, read_only=True) as ledger:
        assert ledger.get("organisation", COMMITTEE)["kind"] == "township_committee"  # there to put people in

    # the roster as it is: 任职方式 given once for every row, the rest read as the office wrote it
    roster = roster_workbook(tmp_path / "委员名册.xlsx")
    code, out, err = cli(capsys, town, "import-excel", str(roster), "--kind", "committee_member", "--unit", TOWNSHIP,
                         "--set", "任职方式=兼职")
    assert code == 0, (out, err)  # the good rows imported; the bad one named with its whole reason
    assert "新增：2" in out and "错误：1" in out and "第 5 行：出生年月：“1990-13”不是日期" in out
    assert "填表人" not in out and "填表人" not in err  # the footer is no row
    with Ledger.open(town, read_only=True) as ledger:
        stored = {m["name"]: m for m in ledger.query("committee_member")}
    assert set(stored) == {"王强", "李娜"}
    assert (stored["王强"]["gender"], stored["王强"]["post"], stored["王强"]["source"], stored["王强"]["employment"],
            stored["王强"]["birth_date"]) == ("male", "deputy_secretary", "village_official", "part_time", "1995-03")
    errors = tmp_path / "委员名册-errors.xlsx"
    assert errors.exists()

    # the county has never been online; its identity comes on the stick, checked by phone
    code, _, err = cli(capsys, county, "init", "--scope", COUNTY, "--operator", "李四")
    assert code == 0 and err == ""
    stick = tmp_path / "U盘"
    stick.mkdir()
    code, out, err = cli(capsys, county, "package", "identity", "--out", str(stick / "栾城区.tlid"), lang="en")
    assert code == 0
    fingerprint = out.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    code, out, err = cli(capsys, town, "package", "trust", str(stick / "栾城区.tlid"), "--fingerprint", fingerprint)
    assert code == 0 and err == ""
    code, out, err = cli(capsys, town, "package", "export", "--to", str(stick), "--for", COUNTY)
    assert code == 0 and err == ""
    [package] = P.packages_in(stick)
    assert package.name.startswith("南高乡")  # named so the county can tell who sent it

    # the county takes it up: held until the township's code is read out on the phone
    code, out, err = cli(capsys, county, "package", "import", str(package), lang="en")
    assert code == 0 and "Held, not imported yet" in out and "南高乡" in out
    with Ledger.open(town, read_only=True) as ledger:
        town_code = P.public_identity(ledger)["fingerprint"]
    code, out, err = cli(capsys, county, "package", "confirm", TOWNSHIP, "--fingerprint", town_code, lang="en")
    assert code == 0 and "were imported" in out, (out, err)
    with Ledger.open(county, read_only=True) as ledger:
        assert {m["name"] for m in ledger.query("committee_member")} == {"王强", "李娜"}

    # the month's report, on paper
    pdf = tmp_path / "南高乡月报.pdf"
    code, out, err = cli(capsys, town, "report", "--pdf", str(pdf))
    assert code == 0, (out, err)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                                      timeout=60).stdout.split())
        for words in ("南高乡", "填报人", "审核人", "盖章处"):
            assert words in text, words
