"""The ``township-ledger`` command, run as a real subprocess (``python -m desktop``).

Every error must be one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COUNTY, PROJECT, TOWNSHIP

from desktop.ledger import Ledger

TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"


def run(*args: str, ledger: Path | None = None, lang: str = "zh_CN", timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["TOWNSHIP_LEDGER_LANG"] = lang
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("TOWNSHIP_LEDGER", None)
    if ledger is not None:
        env["TOWNSHIP_LEDGER"] = str(ledger)
        env["TOWNSHIP_LEDGER_HOME"] = str(Path(ledger).parent / "home")  # never the real per-user folder
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    assert result.stderr == "", result.stderr
    return result.stdout


def fails(result: subprocess.CompletedProcess) -> str:
    """A clean failure: exit code != 0, exactly one line on stderr, no traceback. Returns that line."""
    assert result.returncode != 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("township-ledger: "), lines[0]
    return lines[0]


def count_line(output: str, label: str) -> int:
    """The number printed after *label* in the record counts of ``info``."""
    m = re.search(rf"^\s*{re.escape(label)}\s+([\d,]+)\s*$", output, re.M)
    assert m, (label, output)
    return int(m[1].replace(",", ""))


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "ledger.sqlite"


@pytest.fixture
def ledger_file(path) -> Path:
    """A township ledger created with ``init``."""
    ok(run("init", "--scope", TOWNSHIP, "--operator", "张三", ledger=path))
    return path


def add_committee(path: Path, name: str = "南高乡团委") -> None:
    """The township's committee under *name* (``init`` made it already: it is renamed)."""
    with Ledger.open(path) as led:
        if led.get("organisation", TOWNSHIP_ORG) is None:
            led.organisations.create(kind="township_committee", name=name, division_code=TOWNSHIP)
        else:
            led.organisations.update(TOWNSHIP_ORG, name=name)


# ---------------------------------------------------------------------------------- the commands


def test_init_then_info(path):
    out = ok(run("init", "--scope", TOWNSHIP, "--operator", "张三", ledger=path))
    assert "南高乡" in out and TOWNSHIP in out
    assert path.is_file()

    out = ok(run("info", ledger=path))
    assert "南高乡" in out and TOWNSHIP in out
    assert "张三" in out
    assert count_line(out, "参考表条目") == 36
    assert count_line(out, "团组织") == 1          # the township's own committee comes with the ledger
    assert count_line(out, "团委委员") == 0
    with Ledger.open(path, read_only=True) as led:
        assert led.get("organisation", TOWNSHIP_ORG)["name"] == "南高乡团委"


def test_ledger_option_wins_over_the_environment(tmp_path, ledger_file):
    other = tmp_path / "other.sqlite"
    ok(run("--ledger", str(other), "init", "--scope", COUNTY, "--operator", "李四", ledger=ledger_file))
    assert "栾城区" in ok(run("--ledger", str(other), "info", ledger=ledger_file))
    assert "南高乡" in ok(run("info", ledger=ledger_file))


def test_check(ledger_file):
    assert "台账完好" in ok(run("check", ledger=ledger_file))


def test_backup_to_an_existing_folder(tmp_path, ledger_file):
    add_committee(ledger_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    out = ok(run("backup", str(folder), ledger=ledger_file))
    files = list(folder.iterdir())
    assert len(files) == 1 and files[0].suffix == ".sqlite", files
    assert str(files[0]) in out
    with Ledger.open(files[0], read_only=True) as copy:
        assert copy.get("organisation", TOWNSHIP_ORG)["name"] == "南高乡团委"


def test_backup_to_a_new_folder_given_with_a_trailing_slash(tmp_path, ledger_file):
    folder = tmp_path / "new-backups"
    ok(run("backup", str(folder) + os.sep, ledger=ledger_file))
    assert folder.is_dir(), "the backup was written to a file named like the folder"
    assert len(list(folder.glob("*.sqlite"))) == 1


def test_backup_to_a_file(tmp_path, ledger_file):
    dest = tmp_path / "copies" / "before-import.sqlite"
    out = ok(run("backup", str(dest), ledger=ledger_file))
    assert dest.is_file() and str(dest) in out
    assert "台账完好" in ok(run("--ledger", str(dest), "check"))


def test_restore_brings_the_earlier_state_back(tmp_path, ledger_file):
    add_committee(ledger_file)
    backup = tmp_path / "backup.sqlite"
    ok(run("backup", str(backup), ledger=ledger_file))
    with Ledger.open(ledger_file) as led:
        led.meetings.create(org_id=TOWNSHIP_ORG, kind="培训", held_on="2024-03-15", title="备份之后的会议")
        led.organisations.update(TOWNSHIP_ORG, name="备份之后改的名字")
    assert count_line(ok(run("info", ledger=ledger_file)), "会议活动") == 1

    out = ok(run("restore", str(backup), ledger=ledger_file))
    assert str(backup) in out
    info = ok(run("info", ledger=ledger_file))
    assert count_line(info, "会议活动") == 0 and count_line(info, "团组织") == 1
    with Ledger.open(ledger_file) as led:
        assert led.get("organisation", TOWNSHIP_ORG)["name"] == "南高乡团委"
        assert led.count("meeting") == 0
    replaced = ledger_file.with_name(ledger_file.name + ".replaced")
    with Ledger.open(replaced, read_only=True) as old:
        assert old.count("meeting") == 1
    assert "台账完好" in ok(run("check", ledger=ledger_file))


def test_history_of_a_record(ledger_file):
    with Ledger.open(ledger_file) as led:  # init made the committee, 张三 keeping the ledger
        led.set_operator("李四")
        led.organisations.update(TOWNSHIP_ORG, name="南高乡团委员会", league_members=40)
    out = ok(run("history", TOWNSHIP_ORG, ledger=ledger_file))
    lines = out.splitlines()
    headers = [line for line in lines if not line.startswith(" ")]
    assert headers[0] == "团组织: 南高乡团委员会"  # the record by its title
    assert len(headers) == 3
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+南高乡\s+张三\s+新建$", headers[1]), headers[1]
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+南高乡\s+李四\s+修改$", headers[2]), headers[2]
    assert "    名称: （空） → 南高乡团委" in lines
    assert "    名称: 南高乡团委 → 南高乡团委员会" in lines
    assert "    团员数: （空） → 40" in lines


def test_lang_en_switches_messages_to_english(ledger_file):
    add_committee(ledger_file)
    out = ok(run("--lang", "en", "info", ledger=ledger_file))
    assert "Scope:" in out and "Records:" in out and "Pending changes" in out
    assert count_line(out, "League organisation") == 1
    assert count_line(out, "Checklist template item") == 36
    assert "The ledger is intact." in ok(run("--lang", "en", "check", ledger=ledger_file))
    out = ok(run("--lang", "en", "history", TOWNSHIP_ORG, ledger=ledger_file))
    assert "created" in out and "    Name: (empty) → 南高乡团委" in out
    line = fails(run("--lang", "en", "info", ledger=ledger_file.with_name("missing.sqlite")))
    assert "error: No ledger at" in line
    line = fails(run("--lang=en", "init", ledger=ledger_file))
    assert "error: missing required arguments" in line
    # the environment variable does the same
    assert "The ledger is intact." in ok(run("check", ledger=ledger_file, lang="en"))


# ---------------------------------------------------------------------------------- bad arguments


def _text_file(tmp_path: Path) -> Path:
    p = tmp_path / "notes.sqlite"
    p.write_text("这不是台账。\nnot a ledger at all\n", encoding="utf-8")
    return p


def _empty_file(tmp_path: Path) -> Path:
    p = tmp_path / "empty.sqlite"
    p.write_bytes(b"")
    return p


def _under_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    return blocker / "sub" / "ledger.sqlite"


BAD = {
    # id: (needs an initialised ledger, arguments; "{x}" placeholders filled in below)
    "init without --scope": (False, ["init"]),
    "init without --scope, with --operator": (False, ["init", "--operator", "张三"]),
    "unknown sub-command": (False, ["frobnicate"]),
    "unknown option": (False, ["--frobnicate", "info"]),
    "unknown option of a sub-command": (True, ["info", "--verbose"]),
    "unknown language": (False, ["--lang", "fr", "info"]),
    "init with an unknown code": (False, ["init", "--scope", "99", "--operator", "张三"]),
    "init when the file exists": (True, ["init", "--scope", TOWNSHIP, "--operator", "张三"]),
    "init with an empty operator": (False, ["init", "--scope", TOWNSHIP, "--operator", ""]),
    "init with a blank operator": (False, ["init", "--scope", TOWNSHIP, "--operator", "   "]),
    "info with no ledger": (False, ["info"]),
    "info on a text file": (False, ["--ledger", "{text}", "info"]),
    "info on an empty file": (False, ["--ledger", "{empty}", "info"]),
    "check on a text file": (False, ["--ledger", "{text}", "check"]),
    "history of an unknown id": (True, ["history", "no-such-record"]),
    "history without an id": (True, ["history"]),
    "restore of a missing backup": (True, ["restore", "{missing}"]),
    "restore from a text file": (True, ["restore", "{text}"]),
    "demo --seed abc": (False, ["demo", "--scope", TOWNSHIP, "--seed", "abc"]),
    "--ledger under a file: init": (False, ["--ledger", "{under}", "init", "--scope", TOWNSHIP, "--operator", "张三"]),
    "--ledger under a file: info": (False, ["--ledger", "{under}", "info"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_arguments_fail_cleanly(tmp_path, path, case):
    needs_ledger, args = BAD[case]
    if needs_ledger:
        ok(run("init", "--scope", TOWNSHIP, "--operator", "张三", ledger=path))
    before = path.read_bytes() if path.exists() else None
    places = {"{text}": _text_file(tmp_path), "{empty}": _empty_file(tmp_path), "{under}": _under_a_file(tmp_path),
              "{missing}": tmp_path / "no-such-backup.sqlite"}
    args = [str(places.get(a, a)) for a in args]
    line = fails(run(*args, ledger=path))
    assert "错误" in line
    # a failed command leaves the ledger as it was (or absent)
    after = path.read_bytes() if path.exists() else None
    assert after == before


def test_error_messages_name_the_culprit(tmp_path, ledger_file):
    assert "99" in fails(run("--ledger", str(tmp_path / "x.sqlite"), "init", "--scope", "99", "--operator", "张三"))
    assert "frobnicate" in fails(run("frobnicate", ledger=ledger_file))
    assert "--frobnicate" in fails(run("--frobnicate", "info", ledger=ledger_file))
    assert "abc" in fails(run("demo", "--scope", TOWNSHIP, "--seed", "abc", ledger=ledger_file))
    text = _text_file(tmp_path)
    assert str(text) in fails(run("--ledger", str(text), "info"))
    assert "已存在" in fails(run("init", "--scope", TOWNSHIP, "--operator", "张三", ledger=ledger_file))
    missing = tmp_path / "no-such-backup.sqlite"
    assert str(missing) in fails(run("restore", str(missing), ledger=ledger_file))


def test_history_of_an_unknown_id_is_all_chinese(ledger_file):
    line = fails(run("history", "no-such-record", ledger=ledger_file))
    assert "no-such-record" in line
    assert "record" not in line.replace("no-such-record", ""), line


# ---------------------------------------------------------------------------------- another program holds the ledger


def test_restore_refused_while_another_program_has_the_ledger_open(tmp_path, ledger_file):
    add_committee(ledger_file)
    backup = tmp_path / "backup.sqlite"
    ok(run("backup", str(backup), ledger=ledger_file))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom desktop.ledger import Ledger\nled = Ledger.open(sys.argv[1])\n"
         "print('ready', flush=True)\nsys.stdin.read()\nled.close()\n", str(ledger_file)],
        cwd=PROJECT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read() if holder.poll() is not None else ""
        line = fails(run("--lang", "en", "restore", str(backup), ledger=ledger_file))
        assert "open in another" in line and "program" in line, line
        line = fails(run("restore", str(backup), ledger=ledger_file))
        assert "已在另一个团建台账窗口或程序中打开" in line, line
        assert not ledger_file.with_name(ledger_file.name + ".replaced").exists()
        # reading still works
        out = ok(run("info", ledger=ledger_file))
        assert "南高乡" in out and count_line(out, "团组织") == 1
        assert "台账完好" in ok(run("check", ledger=ledger_file))
    finally:
        holder.stdin.close()
        try:
            holder.wait(timeout=20)
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.wait()
    assert holder.returncode == 0
    # once the other program is gone, the restore goes through
    ok(run("restore", str(backup), ledger=ledger_file))
