"""``township-ledger --smoke``: does this build of the program work at all?

Builds a demo ledger of one township in a temporary folder (or opens ``--ledger PATH``),
checks that the shipped resources are there (divisions with villages, translations,
enumerations, checklist templates, QtCharts), builds the real main window offscreen,
renders it, closes everything, prints ``smoke ok`` and returns 0.  Any failure prints
``smoke failed: …`` on stderr and returns 1.  Nothing outside the temporary folder is
touched: the settings file lives there too.

With ``TOWNSHIP_LEDGER_SMOKE_TIMING=1`` (or the ``timing`` argument) it also prints
``window shown after X.XXX s``, counted from the start of the process (the operating
system's record of it), or from ``TOWNSHIP_LEDGER_SMOKE_T0`` (a ``time.time()`` value set
by whoever launched the process) when that is given.  With an own ``--ledger`` the figure
is launch → main window shown; with the built demo, the time spent building the demo is
left out and printed separately.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SMOKE_TOWNSHIP = "130111200"  # 河北省石家庄市栾城区南高乡
TIMING_ENV = "TOWNSHIP_LEDGER_SMOKE_TIMING"
T0_ENV = "TOWNSHIP_LEDGER_SMOKE_T0"


class SmokeFailure(Exception):
    pass


def process_age() -> float | None:
    """Seconds since this process started, from the operating system; None when unknown."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", "rb") as fh:
                stat = fh.read()
            start_ticks = int(stat[stat.rindex(b")") + 2:].split()[19])  # field 22: starttime
            with open("/proc/uptime", "rb") as fh:
                uptime = float(fh.read().split()[0])
            return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            creation, exit_, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
            k32 = ctypes.windll.kernel32
            if not k32.GetProcessTimes(k32.GetCurrentProcess(), ctypes.byref(creation), ctypes.byref(exit_),
                                       ctypes.byref(kernel), ctypes.byref(user)):
                return None
            k32.GetSystemTimeAsFileTime(ctypes.byref(now))

            def ticks(ft) -> int:
                return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

            return (ticks(now) - ticks(creation)) / 1e7
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _since_start() -> float | None:
    t0 = os.environ.get(T0_ENV)
    if t0:
        try:
            return time.time() - float(t0)
        except ValueError:
            pass
    return process_age()


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def _check_resources() -> None:
    from desktop import i18n, paths
    from desktop.scope.geo import geography

    res = paths.resource_dir()
    _check(res.is_dir(), f"no resources folder at {res}")
    geo = geography()
    name = geo.full_name(SMOKE_TOWNSHIP)
    _check("南高乡" in name, f"division list incomplete: {SMOKE_TOWNSHIP} is {name!r}")
    villages = geo.villages(SMOKE_TOWNSHIP[:2])
    _check(len(villages) > 1000, f"villages of province {SMOKE_TOWNSHIP[:2]} missing ({len(villages)} found)")
    _check(i18n.translate("cli", "error", "zh_CN") != "error", "Chinese translations missing (resources/i18n)")
    for name in ("reference/enums.json", "reference/checklists.json", "icons/app.png"):
        _check((res / name).is_file(), f"resources/{name} missing")
    from PySide6.QtCore import QLibraryInfo

    qt_zh = Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)) / "qtbase_zh_CN.qm"
    _check(qt_zh.is_file(), f"Qt's own Chinese translations missing ({qt_zh})")


def run_smoke(ledger: str | Path | None = None, timing: bool | None = None) -> int:
    """Run the smoke check; returns the exit code (0 = the program works)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if timing is None:
        timing = os.environ.get(TIMING_ENV, "") not in ("", "0")
    try:
        with tempfile.TemporaryDirectory(prefix="township-ledger-smoke-", ignore_cleanup_errors=True) as tmp:
            report = _smoke(Path(tmp), Path(ledger) if ledger else None)
    except Exception as exc:  # noqa: BLE001 - the whole point is to report any failure
        import traceback

        print(f"smoke failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        if not isinstance(exc, SmokeFailure) and sys.stderr is not None:
            traceback.print_exc(file=sys.stderr)
        return 1
    if timing:
        shown, building = report["shown"], report["demo_build"]
        if shown is not None:
            print(f"window shown after {shown:.3f} s" + (f" (building the demo ledger, {building:.3f} s, left out)"
                                                          if building else ""))
        print(f"main window built and rendered in {report['window']:.3f} s")
    print("smoke ok", flush=True)
    return 0


def _smoke(tmp: Path, ledger_path: Path | None) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.tools import synthetic
    from desktop.ledger import Ledger
    from ui import i18n as ui_i18n
    from ui import settings as S
    from ui import workers
    from ui.app import make_app

    building = 0.0
    if ledger_path is None:
        t = time.perf_counter()
        ledger_path = tmp / "smoke.sqlite"
        with Ledger.new(ledger_path, scope=SMOKE_TOWNSHIP, operator="冒烟测试") as demo:
            counts = synthetic.build(demo, SMOKE_TOWNSHIP, seed=1)
        _check(counts.get("organisation", 0) > 0, f"the demo ledger came out empty: {counts}")
        building = time.perf_counter() - t

    app = make_app()
    _check(isinstance(app, QApplication), "no QApplication")
    ui_i18n.install("zh_CN")
    settings = S.Settings(QSettings(str(tmp / "settings.ini"), QSettings.IniFormat))
    window = None
    ledger = Ledger.open(ledger_path)
    try:
        t = time.perf_counter()
        from ui.main_window import MainWindow

        window = MainWindow(ledger, settings)
        window.resize(1280, 760)
        window.show()
        app.processEvents()
        pixmap = window.grab()
        window_time = time.perf_counter() - t
        shown = _since_start()
        if shown is not None:
            shown -= building
        _check(not pixmap.isNull(), "window.grab() returned a null pixmap")
        _check(pixmap.width() > 0 and pixmap.height() > 0, f"the rendered window is empty ({pixmap.size()})")
        image = pixmap.toImage().scaled(64, 40)
        colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
        _check(len(colours) > 4, "the rendered window is blank")
        _check(window.tabs.count() >= 9, f"the main window has only {window.tabs.count()} tabs")
        for i in range(window.tabs.count()):  # the views made when first shown: each must build here too
            window.lazy.view_at(i)
        _check(window.windowTitle() != "", "the main window has no title")
        _check_resources()
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        workers.wait_all()
        ledger.close()
        app.processEvents()
        ui_i18n.uninstall()
    return {"shown": shown, "demo_build": building, "window": window_time}
