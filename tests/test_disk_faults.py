"""A full disk and a read-only ledger or folder, command by command: one line naming what
failed, where and what to do, the error exit code, the ledger as it was and its lock released.

Each command meets each fault twice: injected, which works on every machine (SQLite's own
``max_page_count`` makes it report a full disk; a connection opened ``mode=ro`` makes it report
a read-only file; the file system calls of the file writers raise ENOSPC / EROFS), and for real
on a small tmpfs file system, full or mounted read-only, where the machine lets the tests mount
one (root on Linux)."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TOWNSHIP
from test_cli_records import county  # noqa: F401  (the fixture)
from test_excel import roster

from desktop.cli.commands import main
from desktop.cli.common import EXIT_ERROR
from desktop.ledger import Ledger, db, store
from sync import packages as P


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", *map(str, argv)])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    """The content of the ledger (every table, row by row), without the clean-close mark."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        lines = [line for line in conn.iterdump() if "'clean'" not in line]
    finally:
        conn.close()
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@dataclass
class World:
    """A county ledger with a conflict, a trusted township, a package from it, a roster to
    import and a backup to restore; *out* is the folder files are written to."""

    ledger: Path
    township: str
    card: Path
    package: Path
    roster: Path
    backup: Path
    out: Path


@pytest.fixture
def world(tmp_path, county) -> World:  # noqa: F811
    path, _ = county
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with Ledger.open(tmp_path / "township.sqlite") as town, Ledger.open(path) as led:
        P.trust_peer(town, P.read_identity_file(P.peer_identity_file(led, inbox / "county.tlid")), "fingerprint")
        town.committee_members.create(org_id=f"org-township_committee-{TOWNSHIP}", name="孙八", gender="male",
                                      post="member", employment="part_time", source="school_head",
                                      joined_on="2023-01-01")
        package = P.export_package(town, inbox, led.device_id)
        township = town.device_id
        backup = led.backup(inbox / "backup.sqlite")
    shrink_pages(path)
    out = tmp_path / "out"
    out.mkdir()
    return World(path, township, tmp_path / "township.tlid", package, roster(inbox / "roster.xlsx"), backup, out)


#: Each command: its arguments, and what it writes: "new" (a new ledger, at out/new.sqlite),
#: "ledger" (the open ledger) and/or "file" (a file in out/).
COMMANDS = {
    "init": (lambda w: ["--ledger", w.out / "new.sqlite", "init", "--scope", TOWNSHIP, "--operator", "张三"], {"new"}),
    "demo": (lambda w: ["--ledger", w.out / "new.sqlite", "demo", "--scope", TOWNSHIP], {"new"}),
    "backup": (lambda w: ["backup", w.out / "b.sqlite"], {"file"}),
    "restore": (lambda w: ["restore", w.backup], {"ledger"}),
    "import-excel": (lambda w: ["import-excel", w.roster, "--kind", "committee_member", "--unit", TOWNSHIP,
                                "--errors", w.out / "errors.xlsx"], {"ledger", "file"}),
    "export-excel": (lambda w: ["export-excel", w.out / "all.xlsx"], {"file"}),
    "report": (lambda w: ["report", "--month", "2025-06", "--xlsx", w.out / "report.xlsx"], {"file"}),
    "conflicts": (lambda w: ["conflicts", "--take-back", "1"], {"ledger"}),
    "package-identity": (lambda w: ["package", "identity", "--out", w.out / "me.tlid"], {"ledger", "file"}),
    "package-trust": (lambda w: ["package", "trust", w.card, "--in-person"], {"ledger"}),
    "package-export": (lambda w: ["package", "export", "--to", w.out, "--for", w.township], {"file"}),
    "package-import": (lambda w: ["package", "import", w.package], {"ledger"}),
    "package-receipt": (lambda w: ["package", "receipt", "--to", w.out, "--for", w.township], {"file"}),
    "check-repair": (lambda w: ["check", "--repair"], {"ledger"}),
    "enroll": (lambda w: ["enroll", "--hub", "http://127.0.0.1:9", "--code", "K7PQ3MXT2A"], {"ledger"}),
    "sync": (lambda w: ["sync"], {"ledger"}),
}

FULL, READ_ONLY = "full", "read_only"
#: What the one line says of each fault (English).
SAYS = {FULL: "the disk is full", READ_ONLY: "read-only"}


#: Commands whose only write to the ledger (before they would need a hub, or a clock that ran
#: ahead) is a small meta entry, which fits in the pages the ledger has: a ceiling on the page
#: count cannot stop it; the real full file system does.
IN_PLACE = {"package-identity", "package-trust", "check-repair", "enroll", "sync"}


def cases(where: str, injected: bool = False) -> list:
    """(command, fault) pairs for the commands that write *where*."""
    skip = pytest.mark.skip(reason="writes within the ledger's pages; a page-count ceiling cannot stop it")
    return [pytest.param(name, fault, id=f"{name}-{fault}",
                         marks=[skip] if injected and where == "ledger" and fault == FULL and name in IN_PLACE else [])
            for name, (_, writes) in COMMANDS.items() if where in writes for fault in (FULL, READ_ONLY)]


def state(path: Path) -> tuple[str, list[str]]:
    """The ledger's content digest and the problems its check finds."""
    with Ledger.open(path, read_only=True) as led:
        return digest(path), led.check()


def run_and_check(capsys, w: World, name: str, fault: str, where: Path, before: tuple, reopen=None) -> str:
    """Run *name*; check the one line (naming *where*), the exit code, that the ledger is as it
    was (*before*: :func:`state`), that nothing was left in out/ and that the ledger opens again
    (its lock released); *reopen* takes the fault away first."""
    code, out, err = cli(capsys, "--ledger", w.ledger, *COMMANDS[name][0](w))
    assert code == EXIT_ERROR, (code, out, err)
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("township-ledger: error: "), line
    assert SAYS[fault] in line and str(where) in line, line
    if reopen:
        reopen()
    assert state(w.ledger) == before
    with Ledger.open(w.ledger):  # the lock was released
        pass
    assert not (w.out / "new.sqlite").exists()
    assert not [p for p in w.out.iterdir() if p.name.endswith(".part")]
    return line


# ------------------------------------------------------------------------------ injected faults

def shrink_pages(path: Path) -> None:
    """Store the ledger in SQLite's smallest pages, packed full, so that any write needs a new
    page: a ceiling on the page count (:func:`_lowered_connect`) then stops every write."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA page_size = 512")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def _lowered_connect(real):
    """``connect`` whose writing connections cannot grow the file: SQLite says SQLITE_FULL."""
    def connect(path, *, read_only=False):
        conn = real(path, read_only=read_only)
        if not read_only:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn
    return connect


def _read_only_connect(real):
    """``connect`` whose writing connections are opened read-only: SQLite says SQLITE_READONLY."""
    def connect(path, *, read_only=False):
        conn = real(path, read_only=True)
        return conn
    return connect


def inject_ledger(monkeypatch, fault: str, new: bool) -> None:
    if fault == FULL:
        hook = _lowered_connect(db.connect)
    elif new:  # a new ledger in a read-only folder: its lock file cannot be made
        real_open = os.open

        def refusing_open(path, flags, *args):
            if str(path).endswith(".lock"):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", refusing_open)
        return
    else:
        hook = _read_only_connect(db.connect)
    monkeypatch.setattr(store, "connect", hook)


def inject_files(monkeypatch, fault: str, out: Path) -> None:
    """The file writers' last step into *out* fails: a full disk, or a read-only folder."""
    code = errno.ENOSPC if fault == FULL else errno.EROFS
    real_replace = os.replace

    def replace(src, dst, *args, **kw):
        if Path(dst).parent == out:
            raise OSError(code, os.strerror(code), str(dst))
        return real_replace(src, dst, *args, **kw)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("name, fault", cases("ledger", injected=True) + cases("new"))
def test_a_ledger_that_cannot_be_written(capsys, monkeypatch, world, name, fault):
    new = "new" in COMMANDS[name][1]
    if name == "restore":  # restore writes the ledger's folder as files: the replaced copy first
        inject_files(monkeypatch, fault, world.ledger.parent)
        where = world.ledger
    else:
        inject_ledger(monkeypatch, fault, new)
        where = world.out / "new.sqlite" if new else world.ledger
    line = run_and_check(capsys, world, name, fault, where, state(world.ledger), reopen=monkeypatch.undo)
    assert "Nothing was" in line


@pytest.mark.parametrize("name, fault", cases("file"))
def test_a_file_that_cannot_be_written(capsys, monkeypatch, world, name, fault):
    inject_files(monkeypatch, fault, world.out)
    line = run_and_check(capsys, world, name, fault, world.out, state(world.ledger), reopen=monkeypatch.undo)
    assert "choose another folder" in line


# ------------------------------------------------------------------------------ a real file system

def _mount(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True,
                       capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"this machine does not let the tests mount a small file system ({exc})")


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system of *folder* but *leave* bytes."""
    # unbuffered: a short write at the end leaves nothing in a buffer for close() to fail on
    with open(folder / "filler", "wb", buffering=0) as fh:
        chunk = b"\0" * 65536
        try:
            while True:
                fh.write(chunk)
                fh.flush()
        except OSError:
            pass
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "r+b") as fh:
        fh.truncate(max(0, os.path.getsize(folder / "filler") - leave + free))


@pytest.fixture
def small_fs(tmp_path):
    """A 2 MB tmpfs at tmp_path/small, unmounted afterwards."""
    folder = tmp_path / "small"
    _mount(folder, "2m")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


@pytest.mark.parametrize("name, fault", cases("ledger") + cases("new") + cases("file"))
def test_on_a_real_small_file_system(capsys, world, small_fs, name, fault):
    writes = COMMANDS[name][1]
    on_ledger = "file" not in writes
    if on_ledger and "new" not in writes:  # the ledger itself lives on the small file system
        moved = small_fs / world.ledger.name
        moved.write_bytes(world.ledger.read_bytes())
        world.ledger = moved
        where = moved
    else:  # the new ledger or the written files go there
        world.out = small_fs
        where = small_fs / "new.sqlite" if "new" in writes else small_fs

    before = state(world.ledger)

    def remount(mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(small_fs)], check=True, timeout=30)

    if fault == FULL:
        _fill(small_fs, leave=0)
        reopen = (small_fs / "filler").unlink
    else:
        remount("ro")
        reopen = lambda: remount("rw")  # noqa: E731
    run_and_check(capsys, world, name, fault, where, before, reopen=reopen)


def test_the_one_line_is_all_a_real_process_prints(world, small_fs):
    """Seen from outside: what the libraries that wrote half a file leave behind when they are
    collected does not follow the line."""
    from test_cli import fails, run

    _fill(small_fs, leave=0)
    line = fails(run("report", "--month", "2025-06", "--xlsx", str(small_fs / "report.xlsx"), ledger=world.ledger,
                     lang="en"))
    assert SAYS[FULL] in line and str(small_fs / "report.xlsx") in line


def test_a_ledger_on_a_read_only_medium_can_still_be_read(capsys, world, small_fs, tmp_path):
    """A write-protected stick: the commands that only read work (SQLite cannot make the
    shared-memory file a reader of a WAL ledger needs; the file is read as unchanging)."""
    moved = small_fs / world.ledger.name
    moved.write_bytes(world.ledger.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True, timeout=30)
    code, out, err = cli(capsys, "--ledger", moved, "info")
    assert code == 0 and err == "" and "130111" in out
    code, out, err = cli(capsys, "--ledger", moved, "export-excel", tmp_path / "out" / "copy.xlsx")
    assert code == 0 and err == "" and (tmp_path / "out" / "copy.xlsx").is_file()
    code, out, err = cli(capsys, "--ledger", moved, "conflicts", "--dismiss", "1")  # a write: the one line
    assert code == EXIT_ERROR and SAYS[READ_ONLY] in err and len(err.splitlines()) == 1


def test_a_demo_cut_short_by_a_full_disk_is_taken_away(capsys, monkeypatch, tmp_path):
    """The disk fills while the new ledger is filled with the demo's records, after it was
    made: no half-filled ledger is left."""
    real = db.connect
    made = []

    def connect(path, *, read_only=False):
        conn = real(path, read_only=read_only)
        if not read_only:  # room for the empty ledger (64 pages of 4 KB) and a little more
            conn.execute("PRAGMA max_page_count = 66")
            made.append(path)
        return conn

    monkeypatch.setattr(store, "connect", connect)
    path = tmp_path / "new.sqlite"
    code, out, err = cli(capsys, "--ledger", path, "demo", "--scope", TOWNSHIP, "--seed", "1")
    assert code == EXIT_ERROR and len(err.splitlines()) == 1 and SAYS[FULL] in err, (out, err)
    assert made and not path.exists() and not Path(f"{path}-wal").exists()


@pytest.mark.parametrize("fault", [FULL, READ_ONLY])
def test_close_after_a_failed_write_releases_the_ledger(tmp_path, monkeypatch, fault):
    from desktop.errors import LedgerFull, LedgerReadOnly

    path = tmp_path / "ledger.sqlite"
    Ledger.new(path, scope=TOWNSHIP, operator="张三").close()
    shrink_pages(path)
    before = state(path)
    with monkeypatch.context() as patch:
        if fault == FULL:
            patch.setattr(store, "connect", _lowered_connect(db.connect))
        ledger = Ledger.open(path)
    if fault == READ_ONLY:  # the medium turned read-only while the ledger was open
        ledger.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(LedgerFull if fault == FULL else LedgerReadOnly) as caught:
        ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    assert str(path) in caught.value.text()
    ledger.close()  # no error: the clean-close mark is left out
    assert ledger.closed
    assert state(path) == before
    with Ledger.open(path) as again:  # the lock was released; the next opening checks the file
        assert again.count("organisation") == 0
