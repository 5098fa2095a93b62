"""``find``, ``history``, ``conflicts`` and ``backup`` without a destination, as a person
uses them: real subprocesses, labels and names in Chinese, one line per error."""

from __future__ import annotations

import os
import re
import sys
import time

import pytest
from conftest import COUNTY, TOWNSHIP
from test_cli import fails, ok, run

from desktop.ledger import Ledger
from sync import packages

ORG = f"org-township_committee-{TOWNSHIP}"


@pytest.fixture
def county(tmp_path):
    """A county ledger with one member; and a township ledger whose concurrent edit of the
    member's phone wins over the county's."""
    path = tmp_path / "data" / "ledger.sqlite"
    path.parent.mkdir()
    ledger = Ledger.new(path, scope=COUNTY, operator="李县干")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    member = ledger.committee_members.create(org_id=ORG, name="王芳", gender="female", post="secretary",
                                             employment="full_time", source="civil_servant",
                                             joined_on="2021-05-01", phone="13911112222")
    township = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="张乡干")
    township.apply_changes(ledger.changes_since(0)[0])
    ledger.committee_members.update(member, phone="13933334444")
    township.clock.wall = lambda: time.time() + 5  # its edit is surely the later one (well within the bound)
    township.committee_members.update(member, phone="13955556666")  # stamped later: it wins
    ledger.apply_changes(township.changes_since(0)[0])
    card = packages.peer_identity_file(township, tmp_path / "township.tlid")  # the county knows the township
    packages.trust_peer(ledger, packages.read_identity_file(card), "fingerprint")
    township.close()
    ledger.close()
    return path, member


def test_find_names_records_with_their_ids(county):
    path, member = county
    out = ok(run("find", "王芳", ledger=path))
    assert "团委委员" in out and "王芳" in out and member in out and "南高乡" in out
    assert "没有记录包含“李四”" in ok(run("find", "李四", ledger=path))
    assert "请说明要查找的内容" in fails(run("find", "  ", ledger=path))


def test_history_speaks_labels_and_offices(county):
    path, member = county
    out = ok(run("history", member, ledger=path))
    assert out.splitlines()[0] == "团委委员: 王芳"
    assert "职务: （空） → 书记" in out          # an enumeration by its label, not "secretary"
    assert re.search(r"南高乡\s+张乡干\s+修改", out)  # the office that made the winning edit, by name
    assert "删除" not in out                       # a new record's "not deleted" says nothing
    assert "secretary" not in out and "∅" not in out
    assert "find" in fails(run("history", "no-such-record", ledger=path))


def test_conflicts_list_and_take_back(county):
    path, member = county
    out = ok(run("conflicts", ledger=path))
    line = next(line for line in out.splitlines() if line.startswith("["))
    assert "王芳" in line and "联系电话" in line and "13933334444" in line and "13955556666" in line
    assert "南高乡（张乡干）" in line                       # the office and person whose change was kept
    assert re.search(r"南高乡（张乡干）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 改为“13955556666”", line)  # and when
    number = line[1:line.index("]")]
    assert "待同步" in ok(run("conflicts", "--take-back", number, ledger=path))
    assert "没有冲突" in ok(run("conflicts", ledger=path))
    with Ledger.open(path, read_only=True) as ledger:
        assert ledger.get("committee_member", member)["phone"] == "13933334444"
        assert ledger.pending_changes() > 0  # the value taken back travels with the next sync
    assert fails(run("conflicts", "--dismiss", "999", ledger=path))


def test_backup_without_a_destination_goes_to_the_backups_folder(county):
    path, _ = county
    out = ok(run("backup", ledger=path))
    backups = path.parent / "home" / "backups"
    written = list(backups.glob("*.sqlite"))
    assert len(written) == 1 and str(written[0]) in out
    if os.name == "posix":
        assert written[0].stat().st_mode & 0o077 == 0  # readable by its owner only


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a screen to show the window on")
def test_no_display_is_one_line(tmp_path):
    env_keep = {k: os.environ.pop(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM") if k in os.environ}
    try:
        line = fails(run("gui", ledger=tmp_path / "ledger.sqlite"))
    finally:
        os.environ.update(env_keep)
    assert "无显示器" in line
