"""Every file the program makes holds personal data and is readable by its user only (POSIX
mode 0600): the ledger with its -wal, -shm and lock, backups, the copies kept beside a restored
ledger, workbooks, reports, identity files, packages and receipts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_cli_records import county  # noqa: F401  (the fixture)
from test_disk_faults import cli, world  # noqa: F401  (the fixture)

from conftest import TOWNSHIP
from desktop.ledger import Ledger

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's; Windows' per-user folders are private")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The usual umask, which lets everyone read new files: the program must not rely on it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_ledger_its_log_its_shared_memory_and_its_lock(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Ledger.new(path, scope=TOWNSHIP, operator="张三") as ledger:
        ledger.set_meta("x", "y")
        made = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")]
        assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}


def test_a_ledger_made_readable_by_others_is_made_private_when_opened(tmp_path):
    path = tmp_path / "ledger.sqlite"
    Ledger.new(path, scope=TOWNSHIP, operator="张三").close()
    os.chmod(path, 0o644)
    with Ledger.open(path):
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600


def test_every_file_the_commands_write(capsys, world, tmp_path):  # noqa: F811
    out = world.out
    commands = [
        ["backup", out / "backup.sqlite"],
        ["export-excel", out / "all.xlsx"],
        ["report", "--month", "2025-06", "--xlsx", out / "report.xlsx"],
        ["import-excel", world.roster, "--kind", "committee_member", "--unit", TOWNSHIP, "--errors",
         out / "errors.xlsx"],
        ["package", "identity", "--out", out / "me.tlid"],
        ["package", "export", "--to", out, "--for", world.township],
        ["package", "receipt", "--to", out, "--for", world.township],
        ["restore", world.backup],
    ]
    for argv in commands:
        code, text, err = cli(capsys, "--ledger", world.ledger, *argv)
        assert code in (0, 3), (argv, text, err)  # 3: the roster has rows with errors, as it should
    written = sorted(out.iterdir()) + sorted(world.ledger.parent.iterdir())
    assert {p.suffix for p in out.iterdir()} >= {".sqlite", ".xlsx", ".tlid", ".tlpkg", ".tlrcpt"}
    assert any(p.name.endswith(".replaced") for p in written)
    assert {str(p): oct(mode(p)) for p in written if p.is_file()} == \
        {str(p): oct(0o600) for p in written if p.is_file()}
