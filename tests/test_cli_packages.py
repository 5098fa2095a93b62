"""``township-ledger package``: identity, trust, export, import, receipt and status, run in
this process through the command line's ``main`` (output and exit codes as a user sees them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.commands import main
from desktop.ledger import Ledger
from sync import packages as P

COUNTY = "130111"
TOWNSHIP = "130111200"


def cli(capsys, ledger: Path, *argv: str, lang: str = "en") -> tuple[int, str, str]:
    """Run the command line; its exit code, standard output and standard error."""
    try:
        code = main(["--lang", lang, "--ledger", str(ledger), *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def offices(tmp_path) -> tuple[Path, Path]:
    """A township ledger with one committee member, and an empty county ledger (both closed)."""
    town, county = tmp_path / "town.sqlite", tmp_path / "county.sqlite"
    ledger = Ledger.new(town, scope=TOWNSHIP, operator="乡团委")
    org = ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    ledger.committee_members.create(org_id=org, name="赵丽", gender="female", post="secretary",
                                    employment="full_time", source="civil_servant", joined_on="2022-01-01",
                                    phone="13912345678")
    ledger.close()
    Ledger.new(county, scope=COUNTY, operator="县团委").close()
    return town, county


def identity(capsys, ledger: Path, out: Path) -> str:
    """Write *ledger*'s identity file; the fingerprint the command printed."""
    code, text, err = cli(capsys, ledger, "package", "identity", "--out", str(out))
    assert code == 0 and err == ""
    assert out.exists() and str(out) in text
    return text.strip().splitlines()[-1].rsplit(" ", 1)[-1]


def trusting(capsys, tmp_path, offices) -> None:
    """Each office trusts the other's identity file with the right fingerprint."""
    town, county = offices
    for me, other in ((town, county), (county, town)):
        file = tmp_path / f"{other.stem}.tlid"
        fp = identity(capsys, other, file)
        code, out, err = cli(capsys, me, "package", "trust", str(file), "--fingerprint", fp.lower())
        assert code == 0 and err == "" and "Trusted: " in out and "(check code" in out


def test_identity_prints_the_fingerprint_of_the_file_it_wrote(capsys, tmp_path, offices):
    town, _ = offices
    fp = identity(capsys, town, tmp_path / "town.tlid")
    assert fp == P.read_identity_file(tmp_path / "town.tlid")["fingerprint"]
    assert len(fp) == 24 and fp.count("-") == 4


def test_trust_with_a_wrong_fingerprint_trusts_nothing(capsys, tmp_path, offices):
    town, county = offices
    file = tmp_path / "county.tlid"
    right = identity(capsys, county, file)
    wrong = "ABCD-EFGH-IJKL-MNOP-QRST"
    code, out, err = cli(capsys, town, "package", "trust", str(file), "--fingerprint", wrong)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    # what was typed, never the code expected: the phone check stays a check
    assert right not in err and wrong in err and "does not match" in err
    code, out, _ = cli(capsys, town, "package", "status")
    assert code == 0 and "No trusted offices yet" in out


def test_export_import_receipt_and_status(capsys, tmp_path, offices):
    town, county = offices
    trusting(capsys, tmp_path, offices)
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, err = cli(capsys, town, "package", "status")
    assert code == 0 and err == ""
    lines = out.splitlines()  # what is only here, the heading, the county's row by name
    assert lines[0].endswith(f"{int(lines[2].split()[1])} changes")
    with Ledger.open(county, read_only=True) as ledger:
        assert "栾城区" in lines[2] and ledger.device_id not in lines[2]  # named, not numbered
    confirmed, pending = lines[2].split()[0:2]
    assert confirmed == "0" and int(pending) > 0

    code, out, err = cli(capsys, town, "package", "export", "--to", str(stick), "--for", COUNTY)
    assert code == 0 and err == "" and "Package written and checked" in out
    [package] = P.packages_in(stick)
    code, out, err = cli(capsys, county, "package", "import", str(package))
    assert code == 0 and err == ""
    assert f"{pending} new" in out and "0 rejected" in out
    with Ledger.open(county, read_only=True) as ledger:
        assert [r["name"] for r in ledger.query("committee_member")] == ["赵丽"]

    # the county sends no package back, only a receipt: the township learns what arrived
    code, out, err = cli(capsys, county, "package", "receipt", "--to", str(stick), "--for", TOWNSHIP)
    assert code == 0 and err == "" and "Receipt written" in out
    [receipt] = stick.glob(f"*{P.RECEIPT_SUFFIX}")
    code, out, err = cli(capsys, town, "package", "import", str(receipt))
    assert code == 0 and f"{pending} of our changes newly confirmed" in out
    code, out, _ = cli(capsys, town, "package", "status")
    confirmed, pending_now = out.splitlines()[2].split()[0:2]
    assert (confirmed, pending_now) == (pending, "0")


def test_importing_twice_changes_nothing(capsys, tmp_path, offices):
    town, county = offices
    trusting(capsys, tmp_path, offices)
    cli(capsys, town, "package", "export", "--to", str(tmp_path), "--for", COUNTY)
    [package] = P.packages_in(tmp_path)
    assert cli(capsys, county, "package", "import", str(package))[0] == 0
    code, out, _ = cli(capsys, county, "package", "import", str(package))
    assert code == 0 and "0 new" in out and "0 rejected" in out


@pytest.mark.parametrize("argv", [
    ["package"],                                     # no action
    ["package", "export", "--to", "."],              # --for missing
    ["package", "trust", "x.tlid"],                  # --fingerprint missing
    ["package", "identity"],                         # --out missing
    ["package", "shred"],                            # no such action
    ["package", "status", "--verbose"],              # no such option
])
def test_bad_arguments_give_one_line_and_exit_2(capsys, offices, argv):
    town, _ = offices
    code, out, err = cli(capsys, town, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "error" in err


def test_failures_are_one_line_in_chinese(capsys, tmp_path, offices):
    town, _ = offices
    code, out, err = cli(capsys, town, "package", "export", "--to", str(tmp_path), "--for", "nobody", lang="zh_CN")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "nobody" in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)
    damaged = tmp_path / "broken.tlpkg"
    damaged.write_bytes(b"not a zip")
    code, out, err = cli(capsys, town, "package", "import", str(damaged))
    assert code == 1 and len(err.strip().splitlines()) == 1 and str(damaged) in err


def test_info_counts_an_imported_package_as_pending_and_the_county_receipt_clears_it(capsys, tmp_path, offices):
    """One count of what is still only here: the county's info counts the township's changes
    it imported (its next sync uploads them); the township's falls to 0 once the county
    (its upper office) confirmed them by a receipt."""
    town, county = offices
    trusting(capsys, tmp_path, offices)
    cli(capsys, town, "package", "export", "--to", str(tmp_path), "--for", COUNTY)
    [package] = P.packages_in(tmp_path)
    before = cli(capsys, county, "info")[1]
    code, out, _ = cli(capsys, county, "package", "import", str(package))
    applied = int(out.split(": ", 1)[1].split(" new")[0])
    assert code == 0 and applied > 0
    pending = lambda text: int(text.rsplit("Pending changes (not yet synced): ", 1)[1].split()[0])  # noqa: E731
    assert pending(cli(capsys, county, "info")[1]) == pending(before) + applied
    assert pending(cli(capsys, town, "info")[1]) == applied
    cli(capsys, county, "package", "receipt", "--to", str(tmp_path), "--for", TOWNSHIP)
    [receipt] = tmp_path.glob(f"*{P.RECEIPT_SUFFIX}")
    cli(capsys, town, "package", "import", str(receipt))
    assert pending(cli(capsys, town, "info")[1]) == 0


def test_a_receipt_telling_of_refused_changes_lists_them_and_fails(capsys, tmp_path, offices):
    """The county refused changes the township handed over: the township's import of the
    county's receipt names them, with the reason, and exits non-zero as a refused sync does."""
    town, county = offices
    trusting(capsys, tmp_path, offices)
    stick = tmp_path / "stick"
    stick.mkdir()
    other = Ledger.new(tmp_path / "other.sqlite", scope="130111201", operator="另一乡")
    other.organisations.create(kind="township_committee", name="另一乡团委", division_code="130111201")
    smuggled = other.changes_after({})
    other.close()
    with Ledger.open(town) as ledger, Ledger.open(county, read_only=True) as c:
        peer = P.peers(ledger)[c.device_id]
        data, _ = P.build_package(ledger, c.device_id, peer, ledger.changes_after({}) + smuggled, {})
    (stick / "mixed.tlpkg").write_bytes(data)
    code, out, err = cli(capsys, county, "package", "import", str(stick / "mixed.tlpkg"))
    assert code == 0 and f"{len(smuggled)} rejected" in out
    code, out, err = cli(capsys, county, "package", "receipt", "--to", str(stick), "--for", TOWNSHIP)
    [receipt] = stick.glob(f"*{P.RECEIPT_SUFFIX}")
    code, out, err = cli(capsys, town, "package", "import", str(receipt))
    assert code == 1
    assert f"refused {len(smuggled)} of the changes this office handed over:" in out
    assert out.count("130111201") >= len(smuggled)  # each with its reason: outside the sender's scope
    assert "listed above" in err and len(err.strip().splitlines()) == 1
    code, out, err = cli(capsys, town, "package", "import", str(receipt), lang="zh_CN")
    assert code == 0 and "拒收" not in out, err  # told once
