"""Start the GUI: language, the ledger (or the first-start wizard), the main window."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import paths
from desktop.errors import LedgerError
from desktop.ledger import Ledger
from ui import i18n as ui_i18n
from ui import settings as S
from ui import workers

log = logging.getLogger("township_ledger")


def _install_excepthook() -> None:
    """A bug shows a plain message and is written to the log; never a traceback dialog."""
    log_path = paths.data_dir() / "error.log"

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(log_path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now().isoformat()}\n{text}\n")
        except OSError:
            pass
        if sys.stderr is not None:  # the windowed Windows program has no stderr
            sys.stderr.write(text)
        if QApplication.instance() is not None:
            QMessageBox.critical(None, QCoreApplication.translate("App", "Township Ledger"), QCoreApplication.translate(
                "App", "Something went wrong inside the program. Your data is safe; the last action may not have "
                "been saved. Details were written to {path}.").format(path=log_path))

    sys.excepthook = hook


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Township Ledger")
    app.setOrganizationName("TownshipLedger")
    app.setApplicationDisplayName("团建台账")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resource_dir() / "icons" / "app.png")))
    return app


def choose_ledger(settings: S.Settings, option: str | None) -> Path | None:
    """The ledger to open; runs the first-start wizard when there is none yet."""
    if option:
        path = Path(option)
    else:
        env = paths.ledger_path(None)
        last = settings.get(S.LAST_LEDGER)
        path = env if env != paths.default_ledger_path() or not last else paths.load_path(last)
    if path.exists() and path.stat().st_size > 0:
        return path
    from ui.wizard import FirstStartWizard

    wizard = FirstStartWizard(ledger_path=path)
    if not wizard.exec():
        return None
    settings.set(S.LANGUAGE, wizard.language)
    return wizard.ledger_path


def open_ledger(path: Path) -> Ledger | None:
    try:
        return Ledger.open(path)
    except LedgerError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Township Ledger"), exc.text())
        return None


def run(ledger_option: str | None = None) -> int:
    app = make_app()
    settings = S.Settings()
    ui_i18n.install(settings.get(S.LANGUAGE))
    _install_excepthook()
    path = choose_ledger(settings, ledger_option)
    if path is None:
        return 0
    ledger = open_ledger(path)
    if ledger is None:
        return 1
    settings.set(S.LAST_LEDGER, paths.store_path(path))
    from ui.main_window import MainWindow

    state = {"window": None, "ledger": ledger}

    def show(ledger: Ledger) -> None:
        window = MainWindow(ledger, settings)
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.sig_open_ledger.connect(switch)
        window.show()
        state["window"], state["ledger"] = window, ledger
        _daily_backup(ledger, settings)

    def switch(new_path: str) -> None:
        new = open_ledger(Path(new_path))
        if new is None:
            return
        old_window, old_ledger = state["window"], state["ledger"]
        old_window.sig_open_ledger.disconnect(switch)
        old_window.close()
        workers.wait_all()
        old_ledger.close()
        settings.set(S.LAST_LEDGER, paths.store_path(new_path))
        show(new)

    show(ledger)
    code = app.exec()
    workers.wait_all()
    state["ledger"].close()
    return code


def _daily_backup(ledger: Ledger, settings: S.Settings) -> None:
    """The automatic daily backup: written in a worker, recorded (QSettings) on the GUI thread."""
    from ui.settings_dialog import backup_folder, daily_backup_due, prune_backups, write_backup

    today = dt.date.today()
    if not daily_backup_due(settings, today):
        return
    folder = backup_folder(settings)

    def work(task):
        path = write_backup(ledger, folder)
        prune_backups(folder, ledger.path)
        return path

    def done(_path) -> None:
        settings.set(S.LAST_BACKUP_DAY, today.isoformat())
        settings.sync()

    workers.start(work, done, lambda exc: log.warning("daily backup failed: %s", exc))
