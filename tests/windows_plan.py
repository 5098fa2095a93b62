"""Which tests run under Windows Python in Wine (``bash .ci/windows``), and a list of the rest.

Loaded with ``-p windows_plan`` by that run only.  A test that cannot run there is skipped with
its reason, never left out silently: at the end every test not run is listed under its reason,
with the counts.  The reasons are limits of Wine 8, not of Windows; docs/windows.md says what a
person checks by hand instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

NO_WINDOW = ("needs a window: Qt's QGuiApplication aborts under Wine 8 "
             "(checked by hand on Windows, docs/windows.md)")
NO_SCHEMATHESIS = ("schemathesis's Rust extension (jsonschema_rs) needs ProcessPrng, "
                   "which Wine 8 lacks")

NO_CALAMINE = ("python-calamine's Windows build does not load under Wine 8 (\"DLL load failed: Module not found\"), "
               "so nothing reads a spreadsheet there; on Windows 10/11 it loads (checked by hand, docs/windows.md)")
NO_SCAN = ("the optional scan component (rapidocr-onnxruntime: onnxruntime, opencv) is not installed in the Wine "
           "run, to keep its set-up small; the reader's table recovery runs there (tests/test_scan_table.py) and a "
           "photo import is checked by hand on Windows (docs/windows.md)")
#: Test files that read photos with the real OCR engine.
SCAN_FILES = ("tests/test_scan_ocr.py",)
#: Test files, or single tests, that read spreadsheets (skipped when the reader cannot load).
SPREADSHEET_FILES = ("tests/test_excel.py", "tests/test_excel_reading.py", "tests/test_spreadsheet_formats.py",
                     "tests/test_excel_rosters.py", "tests/test_first_day_cli.py",
                     "tests/test_work_ledger.py::test_a_filled_template_imports",
                     "tests/test_work_ledger.py::test_the_whole_ledger_exported_imports_into_another_unchanged")
#: Parameters of a test that read a spreadsheet (the commands run one by one, e.g. on a full disk).
SPREADSHEET_PARAMS = ("[import-excel-",)


def _calamine_loads() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


NO_POSTGRES = ("the PostgreSQL-backed hub is a Linux server's: its tests start a throwaway cluster as a Unix user "
               "(tests/pg_server.py), and psycopg is not installed there; the same tests run on the file-backed hub")
#: Test files only about the PostgreSQL-backed hub (the others run it as their "postgres" parameter).
POSTGRES_FILES = ("tests/sync/test_hub_postgres.py",)


def _postgres(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return item.nodeid.startswith(POSTGRES_FILES) or (
        callspec is not None and "postgres" in callspec.params.values())


NO_KEYRING = ("keyring is not installed in the Wine run: pip there follows this Linux machine's markers and "
              "would bring keyring's Linux backend with cryptography, whose Rust extension needs ProcessPrng; "
              "without it the program keeps its secrets in the ledger, which the other tests cover, and the "
              "Credential Manager is checked by hand on Windows (docs/windows.md)")
#: Test files and folders that are not even imported there (an import would fail), with the reason.
NOT_COLLECTED = {
    "tests/test_secrets.py": NO_KEYRING,
    "tests/sync/test_hub_fuzz.py": NO_SCHEMATHESIS,
    "tests/ui": NO_WINDOW,
}
SLOW_UNDER_WINE = ("slow under Wine (real hub processes killed and restarted, about 15 minutes there): "
                   "run by `bash .ci/windows --all`")
#: Files left out of the routine run (CI) for time; ``--all`` (TOWNSHIP_WINDOWS_ALL=1) runs them.
SLOW_FILES = ("tests/sync/test_sync_client.py",)
#: Tests that start the window in a process of their own.
WINDOW_TESTS = {"tests/test_frozen_build.py::test_smoke_check_from_source"}
#: Fixtures that start Qt's application object.
QT_FIXTURES = {"qtbot", "qapp", "qapp_args", "qapp_cls"}

_left_out: dict[str, set[str]] = defaultdict(set)


# Wine 8 now and then fails to start a process with ERROR_INTERNAL_ERROR (1359) when the machine
# is busy; Windows does not.  The run starts such a process again, a few times, instead of failing
# the test that wanted it (the failure is counted and shown at the end).
WINE_INTERNAL_ERROR = 1359
RESPAWNS: list[str] = []


def _respawning(init):
    # Popen.__init__ as a whole: a failed start has closed the pipes it made, and the next one
    # makes them anew
    def start(self, args, *rest, **kw):
        for attempt in range(4):
            try:
                return init(self, args, *rest, **kw)
            except OSError as exc:
                if getattr(exc, "winerror", None) != WINE_INTERNAL_ERROR or attempt == 3:
                    raise
                RESPAWNS.append(str(args)[:120])
                time.sleep(0.5 * (attempt + 1))
    return start


if sys.platform == "win32":
    subprocess.Popen.__init__ = _respawning(subprocess.Popen.__init__)


def _relative(path: Path, config) -> str:
    try:
        return Path(path).resolve().relative_to(Path(str(config.rootpath)).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def pytest_ignore_collect(collection_path, config):
    reason = NOT_COLLECTED.get(_relative(collection_path, config))
    if reason:
        path = Path(collection_path)
        files = sorted(path.rglob("test_*.py")) if path.is_dir() else [path]
        _left_out[reason].update(_relative(f, config) + " (not collected)" for f in files)
        return True
    return None


def window_reason(item) -> str | None:
    """Why *item* is not run under Wine, or None when it is."""
    if item.get_closest_marker("gui") or item.nodeid in WINDOW_TESTS:
        return NO_WINDOW
    if QT_FIXTURES & set(getattr(item, "fixturenames", ())):
        return NO_WINDOW
    if os.environ.get("TOWNSHIP_WINDOWS_ALL") != "1" and item.nodeid.startswith(SLOW_FILES):
        return SLOW_UNDER_WINE
    if item.nodeid.startswith(SCAN_FILES):
        return NO_SCAN
    reads = item.nodeid.startswith(SPREADSHEET_FILES) or any(p in item.nodeid for p in SPREADSHEET_PARAMS)
    if reads and not _calamine_loads():
        return NO_CALAMINE
    if _postgres(item):
        return NO_POSTGRES
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        reason = window_reason(item)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_deselected(items):
    for item in items:
        _left_out["deselected (-m \"not slow\"): run on Linux by `bash .ci/bootstrap test -m slow`"].add(
            item.nodeid)


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    skipped = tr.stats.get("skipped", [])
    by_reason: dict[str, set[str]] = defaultdict(set)
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        by_reason[reason.removeprefix("Skipped: ")].add(report.nodeid)
    for reason, ids in _left_out.items():
        by_reason[reason] |= ids
    tr.section("not run under Windows Python (Wine)")
    for reason, ids in sorted(by_reason.items()):
        tr.write_line(f"{len(ids):4d}  {reason}")
        for nodeid in sorted(ids):
            tr.write_line(f"        {nodeid}")
    counts = {k: len(tr.stats.get(k, [])) for k in ("passed", "failed", "error", "skipped")}
    deselected = sum(len(v) for k, v in _left_out.items() if k.startswith("deselected"))
    tr.write_line(f"not collected or deselected: {sum(len(v) for v in _left_out.values())} "
                  f"({deselected} deselected as slow); errors: {counts['error']}")
    if RESPAWNS:
        tr.write_line(f"processes started again after Wine's internal error {WINE_INTERNAL_ERROR}: {len(RESPAWNS)}, "
                      f"e.g. {RESPAWNS[0]}")
    tr.write_line(f"windows: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
