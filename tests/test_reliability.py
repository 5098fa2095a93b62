"""Crash safety, the single-instance lock, migrations and the layer rule, tested with
real processes where the real thing is a process."""

from __future__ import annotations

import ast
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from old_ledgers import make_v1_copy
from conftest import PROJECT, TOWNSHIP
from desktop.ledger import migrations
from desktop.errors import LedgerLocked, LedgerTooNew, NotALedger
from desktop.ledger import Ledger

ORG = f"org-township_committee-{TOWNSHIP}"
#: The exit status of a process ended by Popen.kill(): SIGKILL, or TerminateProcess on Windows.
KILLED = 1 if os.name == "nt" else -signal.SIGKILL

WRITER = textwrap.dedent("""
    import sys
    from desktop.ledger import Ledger
    path, mode = sys.argv[1], sys.argv[2]
    ledger = Ledger.open(path)
    org = "%s"
    def rows(start, n):
        return [{"org_id": org, "name": f"委员{i}", "gender": "male", "post": "member",
                 "employment": "part_time", "source": "other", "joined_on": "2020-01-01",
                 "birth_date": "1990-01-01", "employer": "x" * 100} for i in range(start, start + n)]
    if mode == "one-big":
        with ledger.batch():
            ledger.create_many("committee_member", rows(0, 2000))
            print("inside", flush=True)
            n = 10**6
            while True:
                ledger.create_many("committee_member", rows(n, 50))
                n += 50
    else:
        n = 0
        while True:
            with ledger.batch():
                ledger.create_many("committee_member", rows(n, 100))
            n += 100
            print(n, flush=True)
""" % ORG)


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT)
    return env


@pytest.fixture
def prepared(county_ledger, ledger_path) -> Path:
    county_ledger.close()
    return ledger_path


def _counts(path: Path) -> tuple[int, int]:
    with Ledger.open(path) as ledger:
        assert ledger.check() == []
        return ledger.count("committee_member"), ledger.last_seq()


def test_killed_in_the_middle_of_a_large_transaction_keeps_none_of_it(prepared):
    members_before, seq_before = _counts(prepared)
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(prepared), "one-big"], stdout=subprocess.PIPE,
                             env=_env(), text=True)
    assert child.stdout.readline().strip() == "inside"
    child.kill()
    assert child.wait() == KILLED  # it was still writing when killed
    assert _counts(prepared) == (members_before, seq_before)


@pytest.mark.parametrize("after_batches", [1, 3, 7])
def test_killed_between_and_during_commits_keeps_whole_transactions(prepared, after_batches):
    members_before, _ = _counts(prepared)
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(prepared), "many"], stdout=subprocess.PIPE,
                             env=_env(), text=True)
    for _ in range(after_batches):
        assert child.stdout.readline().strip()
    child.kill()
    assert child.wait() == KILLED
    members, seq = _counts(prepared)
    added = members - members_before
    assert added % 100 == 0 and added >= after_batches * 100
    with Ledger.open(prepared) as ledger:
        logged = ledger.conn.execute("SELECT count(*) FROM change_log WHERE kind='committee_member'").fetchone()[0]
        assert logged == members  # every stored row has its change record, and no change lacks its row


HOLDER = textwrap.dedent("""
    import sys
    from desktop.ledger import Ledger
    ledger = Ledger.open(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()
    ledger.close()
""")


def test_a_second_program_cannot_open_the_ledger_for_writing(prepared):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(prepared)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=_env(), text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(LedgerLocked) as exc:
            Ledger.open(prepared)
        assert "另一个" in exc.value.text("zh_CN")
        with Ledger.open(prepared, read_only=True) as reader:  # reading is still allowed
            assert reader.count("organisation") == 2
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    Ledger.open(prepared).close()


def test_the_lock_goes_away_with_a_killed_program(prepared):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(prepared)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=_env(), text=True)
    assert holder.stdout.readline().strip() == "open"
    holder.kill()
    holder.wait()
    with Ledger.open(prepared) as ledger:
        assert ledger.check() == []


def test_same_process_cannot_open_twice(prepared):
    with Ledger.open(prepared):
        with pytest.raises(LedgerLocked):
            Ledger.open(prepared)


def test_migration_from_the_first_version_keeps_every_record(county_ledger, tmp_path):
    county_ledger.committee_members.create(org_id=ORG, name="王芳", gender="female", post="secretary",
                                           employment="full_time", source="civil_servant",
                                           joined_on="2021-05-01", birth_date="1992-02-03")
    county_ledger.organisations.update(ORG, note="第一版写的")
    old = tmp_path / "v1.sqlite"
    make_v1_copy(county_ledger, old)
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1
    before = {t: county_ledger.query(t, include_deleted=True) for t in ("organisation", "committee_member")}
    with Ledger.open(old) as ledger:
        assert ledger.schema_version == migrations.CURRENT_VERSION
        assert ledger.check() == []
        for table, rows in before.items():
            assert ledger.query(table, include_deleted=True) == rows
        assert [e.changes for e in ledger.history(ORG)][-1] == (("note", None, "第一版写的"),)
        with ledger.batch() as batch:  # the new version's feature works on migrated data
            ledger.organisations.update(ORG, note="第二版写的")
        ledger.undo_batch(batch)
        assert ledger.get("organisation", ORG)["note"] == "第一版写的"
    backup = old.with_name(f"{old.name}.before-v{migrations.CURRENT_VERSION}.bak")
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_failing_migration_changes_nothing(county_ledger, tmp_path, monkeypatch):
    old = tmp_path / "v1.sqlite"
    make_v1_copy(county_ledger, old)

    def broken(conn):
        conn.execute("ALTER TABLE change_log ADD COLUMN batch TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(sqlite3.OperationalError):
        Ledger.open(old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "batch" not in [r[1] for r in conn.execute("PRAGMA table_info(change_log)")]


def test_a_ledger_from_a_newer_program_is_refused(prepared):
    conn = sqlite3.connect(prepared)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LedgerTooNew) as exc:
        Ledger.open(prepared)
    assert "99" in exc.value.text("zh_CN")


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(NotALedger):
        Ledger.open(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (a)")
    with pytest.raises(NotALedger):
        Ledger.open(other)


def test_a_damaged_ledger_is_reported_not_opened(prepared):
    with Ledger.open(prepared) as ledger:
        ledger.committee_members.create_many([
            {"org_id": ORG, "name": f"委员{i}", "gender": "male", "post": "member", "employment": "part_time",
             "source": "other", "joined_on": "2020-01-01", "employer": "单位" * 50} for i in range(300)])
    crash = ("import os, sys\nfrom desktop.ledger import Ledger\nledger = Ledger.open(sys.argv[1])\n"
             "ledger.conn.execute('PRAGMA wal_checkpoint(TRUNCATE)')\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", crash, str(prepared)], env=_env(), check=True)  # the clean flag stays unset
    data = bytearray(prepared.read_bytes())
    page = 4096
    for offset in range(page * 5, min(len(data), page * 40), page):
        data[offset + 10: offset + 60] = b"\xff" * 50
    prepared.write_bytes(bytes(data))
    from desktop.errors import LedgerCorrupt

    with pytest.raises((LedgerCorrupt, NotALedger)):
        Ledger.open(prepared)


QT_NAMES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


@pytest.mark.parametrize("package", ["desktop", "sync"])
def test_core_and_sync_never_import_qt(package):
    for path in (PROJECT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in QT_NAMES:
                    # the one allowed exception: the CLI starts the GUI lazily
                    allowed = path.name in ("cli.py", "cli_report.py") and package == "desktop" and top == "ui"
                    assert allowed, f"{path.relative_to(PROJECT)} imports {name}"


def test_importing_every_core_module_loads_no_qt():
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import desktop, sync
        for pkg in (desktop, sync):
            for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
                if m.name != "desktop.__main__":
                    importlib.import_module(m.name)
        bad = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")]
        print(",".join(bad))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=PROJECT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_two_connections_of_one_program_write_in_turn_without_reusing_numbers(county_ledger):
    """The GUI's connection and a worker's (sync, import) share the clock and counters."""
    worker = county_ledger.sibling()
    try:
        county_ledger.organisations.update(ORG, note="界面")
        worker.organisations.update(ORG, note="后台")
        county_ledger.organisations.update(ORG, league_members=5)
        worker.committee_members.create(org_id=ORG, name="同步", gender="male", post="member",
                                        employment="part_time", source="other", joined_on="2020-01-01")
        county_ledger.organisations.update(ORG, note="界面二")
        seqs = [r[0] for r in county_ledger.conn.execute(
            "SELECT origin_seq FROM change_log WHERE origin=? ORDER BY seq", (county_ledger.device_id,))]
        assert seqs == list(range(1, len(seqs) + 1))
        stamps = [r[0] for r in county_ledger.conn.execute(
            "SELECT stamp FROM change_log WHERE origin=? ORDER BY seq", (county_ledger.device_id,))]
        assert stamps == sorted(stamps)
        assert county_ledger.get("organisation", ORG)["note"] == "界面二"
    finally:
        worker.close()
    assert county_ledger.check() == []


@pytest.mark.parametrize("second", ["reader", "sibling"])
def test_opening_a_second_connection_keeps_the_first_ones_locks(county_ledger, second):
    """On POSIX, closing any descriptor of a file drops every lock the process holds on
    it.  Opening a worker's connection must not open the ledger file any other way than
    through SQLite: without its lock, another process that opens and closes the ledger
    (the hub's admin command beside the running hub) takes itself for the last user,
    check-points and deletes the WAL, and what this process commits afterwards goes to
    a deleted file."""
    def note_seen_by_another_process() -> str:
        out = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
             "print(c.execute('SELECT note FROM organisation WHERE id = ?', (sys.argv[2],)).fetchone()[0]); "
             "c.close()", str(county_ledger.path), ORG], capture_output=True, text=True, encoding="utf-8",
            env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    other = getattr(county_ledger, second)()
    try:
        county_ledger.organisations.update(ORG, note="第一次")
        assert note_seen_by_another_process() == "第一次"
        county_ledger.organisations.update(ORG, note="第二次")
        assert note_seen_by_another_process() == "第二次"
        assert (county_ledger.path.parent / (county_ledger.path.name + "-wal")).exists()
    finally:
        other.close()
