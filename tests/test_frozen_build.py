"""The installable program: a PyInstaller build made from a clean checkout starts and works.

The slow tests clone the repository (committed files only, as a build machine sees them),
run ``bash .ci/build`` there, then run the frozen programs: the window's ``--smoke`` check
(offscreen), the console program's ``demo`` and ``info``, and portable mode.  About a minute
on a 2-core machine.  The smoke check itself is also run from source, quickly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT, TOWNSHIP

EXE = ".exe" if sys.platform == "win32" else ""
#: Nothing of these may end up in the desktop build (hub, tests, unused Qt modules).
NOT_IN_BUILD = ("QtWebEngine", "QtQml", "QtQuick", "Qt3D", "QtMultimedia", "QtPdf", "QtDesigner", "fastapi",
                "uvicorn", "starlette", "schemathesis", "hypothesis", "pytest", "tkinter", "sync/hub",
                "cryptography", "libqglib", "pypdfium2", "onnxruntime", "cv2")


def run(cmd: list[str], *, env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, (result.args, result.returncode, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


def test_smoke_check_from_source(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TOWNSHIP_LEDGER_HOME=str(tmp_path / "home"),
               TOWNSHIP_LEDGER_SMOKE_TIMING="1", PYTHONIOENCODING="utf-8")
    code = "import sys; from ui.smoke import run_smoke; sys.exit(run_smoke())"
    out = ok(run([sys.executable, "-c", code], env=env, cwd=PROJECT))
    assert out.rstrip().endswith("smoke ok")
    assert "window shown after" in out
    assert not (tmp_path / "home").exists()  # the smoke check leaves the data folder alone

    bad = run([sys.executable, "-c", code.replace("run_smoke()", f"run_smoke(ledger={str(tmp_path / 'x')!r})")],
              env=env, cwd=PROJECT)
    assert bad.returncode == 1
    assert bad.stderr.startswith("smoke failed: ") and "smoke ok" not in bad.stdout


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """The built program's folder (``dist/township-ledger`` of a fresh clone)."""
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout")
    src = tmp_path_factory.mktemp("clone") / "township-ledger"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT), str(src)], check=True, timeout=120)
    env = dict(os.environ, PYTHON=sys.executable)
    t = time.time()
    out = ok(run(["bash", ".ci/build"], env=env, cwd=src, timeout=900))
    print(out)
    print(f"bash .ci/build took {time.time() - t:.0f} s")
    assert "build size unpacked" in out and "build size zipped" in out
    assert "smoke ok" in out
    return src / "dist" / "township-ledger"


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", TOWNSHIP_LEDGER_HOME=str(tmp_path / "home"),
             TOWNSHIP_LEDGER_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    e.pop("TOWNSHIP_LEDGER", None)
    return e


@pytest.mark.slow
def test_the_build_holds_what_the_program_needs_and_nothing_of_the_hub(build):
    internal = build / "_internal"
    for name in ("divisions/divisions.tsv.gz", "divisions/divisions.pack", "divisions/villages/13.tsv.gz", "i18n/township_zh_CN.ts",
                 "reference/enums.json", "reference/checklists.json", "icons/app.png"):
        assert (internal / "resources" / name).is_file(), name
    assert not list((internal / "resources").rglob("*.py")), "build scripts were copied into the build"
    assert list(build.rglob("qtbase_zh_CN.qm")), "Qt's Chinese translations (standard dialogs) were trimmed away"
    assert (build / f"township-ledger{EXE}").is_file()
    assert (build / f"township-ledger-cli{EXE}").is_file()
    files = [f.relative_to(build).as_posix() for f in build.rglob("*")]
    unwanted = [f for f in files if any(bad in f for bad in NOT_IN_BUILD)]
    assert not unwanted, unwanted[:20]
    if sys.platform.startswith("linux"):  # ICU's data, trimmed to the root, Chinese and English locales
        icu = list(internal.rglob("libicudata.so.*"))
        assert icu and all(f.stat().st_size < 10_000_000 for f in icu if not f.is_symlink()), icu
        assert (build / "township-ledger-cli").resolve() == (build / "township-ledger").resolve()


@pytest.mark.slow
def test_the_window_starts_and_renders(build, env, tmp_path):
    exe = build / f"township-ledger{EXE}"
    if sys.platform == "win32":  # the windowed program has no console to print "smoke ok" to
        exe = build / "township-ledger-cli.exe"
    out = ok(run([str(exe), "--smoke"], env=env, cwd=tmp_path))
    assert "smoke ok" in out


@pytest.mark.slow
def test_the_console_program_makes_and_reads_a_ledger(build, env, tmp_path):
    cli = str(build / f"township-ledger-cli{EXE}")
    ledger = tmp_path / "demo.sqlite"
    demo = run([cli, "--ledger", str(ledger), "demo", "--scope", TOWNSHIP], env=env, cwd=tmp_path)
    out = ok(demo)
    assert demo.stderr == ""
    assert "南高乡" in out and TOWNSHIP in out
    assert "团组织" in out

    info = run([cli, "--ledger", str(ledger), "info"], env=env, cwd=tmp_path)
    out = ok(info)
    assert info.stderr == ""
    assert f"河北省石家庄市栾城区南高乡（{TOWNSHIP}）" in out
    assert "团委委员" in out and "待同步的修改" in out

    bad = run([cli, "--ledger", str(tmp_path / "missing.sqlite"), "info"], env=env, cwd=tmp_path)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1, bad.stderr


@pytest.mark.slow
def test_portable_mode_keeps_the_data_beside_the_program(build, env, tmp_path):
    stick = tmp_path / "stick"
    shutil.copytree(build, stick / "township-ledger", symlinks=True)
    program = stick / "township-ledger"
    (program / "portable").write_text("")
    del env["TOWNSHIP_LEDGER_HOME"]
    out = ok(run([str(program / f"township-ledger-cli{EXE}"), "init", "--scope", TOWNSHIP, "--operator", "张三"],
                 env=env, cwd=tmp_path))
    assert (program / "data" / "ledger.sqlite").is_file(), out
    out = ok(run([str(program / f"township-ledger-cli{EXE}"), "info"], env=env, cwd=tmp_path))
    assert "张三" in out
