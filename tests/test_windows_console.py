"""The command line's Chinese messages survive any console code page and redirected output.

On Windows, output redirected to a file or a pipe is encoded in the system's ANSI code page:
GBK (cp936) on a Chinese system, cp1252 or cp437 elsewhere, where Chinese cannot be written at
all.  ``PYTHONIOENCODING`` gives a child process the same encoding here; under Windows Python
(``bash .ci/windows``) the tests without it also meet the real code page of the pipe.
"""

from __future__ import annotations

import io
import locale
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.common import CONSOLE_PROBE, prepare_console

PROJECT = Path(__file__).resolve().parents[1]
COUNTY = "130111"


def run_cli(*args: str, encoding: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT), env.get("PYTHONPATH", "")])
    env["TOWNSHIP_LEDGER_LANG"] = "zh_CN"
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=PROJECT, env=env,
                          capture_output=True, timeout=120)


def can_carry_chinese(encoding: str) -> bool:
    try:
        CONSOLE_PROBE.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def decoded(data: bytes, encoding: str) -> str:
    """The output as the program meant it: in *encoding* when that takes Chinese, else UTF-8."""
    return data.decode(encoding if can_carry_chinese(encoding) else "utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "cp936", "utf-8", None])
def test_init_and_a_failure_print_chinese_under_any_code_page(tmp_path, encoding):
    ledger = tmp_path / "台账 数据" / "ledger.sqlite"
    ledger.parent.mkdir()
    result = run_cli("--ledger", str(ledger), "init", "--scope", COUNTY, "--operator", "测试员", encoding=encoding)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    expected = encoding or locale.getpreferredencoding(False)  # what a pipe gets without it
    out = decoded(result.stdout, expected)
    assert "栾城区" in out and str(ledger) in out, out
    assert b"Traceback" not in result.stderr

    # an error line is Chinese too, and the exit code is the error's, not a crash's
    result = run_cli("--ledger", str(tmp_path / "无此台账.sqlite"), "info", encoding=encoding)
    assert result.returncode == 1, result.stderr
    err = decoded(result.stderr, expected)
    assert "错误" in err and "无此台账" in err and "Traceback" not in err, err


def stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")


@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "ascii"])
def test_a_stream_that_cannot_take_chinese_is_switched_to_utf8(monkeypatch, encoding):
    out = stream(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    prepare_console(("stdout",))
    print("已创建台账", file=out)
    out.flush()
    assert out.buffer.getvalue().decode("utf-8") == "已创建台账\n"


def test_a_chinese_code_page_is_kept_and_its_missing_characters_replaced(monkeypatch):
    out = stream("gbk")
    monkeypatch.setattr(sys, "stderr", out)
    prepare_console(("stderr",))
    assert out.encoding == "gbk"
    print("团员\U00020BB7", file=out)  # 𠮷 is not in GBK
    out.flush()
    assert out.buffer.getvalue() == "团员?\n".encode("gbk")


def test_no_streams_at_all_is_fine(monkeypatch):
    """The window has no console on Windows: its standard streams are None."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    prepare_console()
