"""The scan reader with the real OCR engine, on one generated degraded photo of a printed
roster (turned, blurred, JPEG quality 40): ``import-scan`` stores what the paper says.
Skipped, naming why, without the optional scan component or the CJK font."""

from __future__ import annotations

import argparse

import pytest

from conftest import TOWNSHIP
from desktop.cli import scan as cli_scan
from desktop.ledger import Ledger
from scan_samples import expected_records, make_page, skip_reason

MEMBER = "committee_member"
pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")


def test_import_scan_stores_the_members_of_a_photographed_roster(county_ledger, ledger_path, tmp_path, capsys):
    page = make_page(11, rows=5, angle=-3.5)
    photo = page.save(tmp_path / "南高乡委员名册.jpg")
    county_ledger.close()
    args = argparse.Namespace(ledger=str(ledger_path), file=str(photo), kind=MEMBER, unit=TOWNSHIP, dry_run=True,
                              errors=None, column_values=[], words=[], apply_exits=False, complete_only=False)

    assert cli_scan.cmd_import_scan(args) == 0
    out = capsys.readouterr().out
    assert "5" in out and not (tmp_path / "南高乡委员名册-errors.xlsx").exists()
    with Ledger.open(ledger_path) as ledger:
        assert ledger.count(MEMBER) == 0

    args.dry_run = False
    assert cli_scan.cmd_import_scan(args) == 0
    expected = expected_records(page)
    with Ledger.open(ledger_path) as ledger:
        stored = {m["name"]: m for m in ledger.query(MEMBER)}
    assert set(stored) == set(expected)
    for name, values in expected.items():
        assert {f: stored[name][f] for f in values} == values
        assert stored[name]["org_id"] == f"org-township_committee-{TOWNSHIP}"
