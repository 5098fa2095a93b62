"""Files on Windows: a target another program holds open, and folders with Chinese names.

Under Windows Python (``bash .ci/windows``) these meet Windows' own rules: a file open in
another process (Excel, a virus scanner) cannot be renamed over, and Python opens files without
letting others delete or rename them.  On Linux the same tests check the portable behaviour.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import COUNTY, TOWNSHIP
from desktop.fsio import TargetInUse, atomic_path, part_path
from desktop.ledger import Ledger

HOLD = "import sys\nfh = open(sys.argv[1], 'rb')\nprint('ready', flush=True)\nsys.stdin.read()\n"


@pytest.fixture
def held_open(tmp_path):
    """A file another process has open for reading, as Excel has a workbook it shows."""
    path = tmp_path / "报表 2024年3月.xlsx"
    path.write_bytes(b"old")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    yield path
    holder.stdin.close()
    holder.wait(timeout=30)


def test_writing_over_a_file_another_program_holds_open(held_open):
    path = held_open
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(b"new")
    except TargetInUse as exc:
        assert os.name == "nt", "only Windows refuses to rename over an open file"
        assert exc.filename == str(path)
        assert path.read_bytes() == b"old"  # the user's file is as it was
    else:
        assert os.name != "nt", "Windows renamed over a file another process holds open"
        assert path.read_bytes() == b"new"
    assert not part_path(path).exists()  # nothing half-written left beside it


def test_ledger_backup_and_restore_in_folders_with_chinese_names(tmp_path):
    folder = tmp_path / "团委 台账" / "南高乡"
    folder.mkdir(parents=True)
    path = folder / "台账.sqlite"
    with Ledger.new(path, scope=COUNTY, operator="张三") as ledger:
        ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        backup = ledger.backup(tmp_path / "备份" / "台账备份.sqlite")
        ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                    parent_id=f"org-county_committee-{COUNTY}")
    Ledger.restore_from(backup, path)
    assert path.with_name(path.name + ".replaced").is_file()
    with Ledger.open(path, read_only=True) as ledger:
        names = {o["name"] for o in ledger.organisations.query()}
    assert names == {"栾城区团委"}
