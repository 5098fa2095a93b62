"""Start the real program on a demo ledger and save screenshots of its main views.

    bash docs/make-screenshots.sh        (runs this under Xvfb, 1366x768)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.ledger import Ledger  # noqa: E402
from ui import i18n as ui_i18n  # noqa: E402
from ui import workers  # noqa: E402
from ui.app import make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TOWNSHIP = "130111200"


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let workers finish and the window repaint."""
    end = time.monotonic() + 30
    while workers.busy() and time.monotonic() < end:
        app.processEvents(QEventLoop.AllEvents, 50)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def shoot(widget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def main(ledger_path: str, language: str = "zh_CN") -> int:
    app = make_app()
    ui_i18n.install(language)
    from PySide6.QtCore import QSettings

    from ui import settings as S
    from ui.forms import RecordForm
    from ui.main_window import MainWindow

    settings = S.Settings(QSettings(str(Path(ledger_path).with_suffix(".ini")), QSettings.IniFormat))
    ledger = Ledger.open(ledger_path)
    window = MainWindow(ledger, settings)
    window.resize(1366, 740)
    window.show()
    settle(app)
    suffix = "" if language == "zh_CN" else f"-{language}"
    shoot(window, f"overview-county{suffix}")
    township = window.unit_model.index_of(TOWNSHIP)
    window.units.setCurrentIndex(township)
    window.units.scrollTo(township)
    settle(app)
    shoot(window, f"overview-township{suffix}")
    for kind in ("committee_member", "organisation", "funding_entry", "meeting"):
        window.tabs.setCurrentWidget(window.sections[kind])
        settle(app)
        shoot(window, f"{kind}{suffix}")
    window.tabs.setCurrentWidget(window.checklist)
    settle(app)
    shoot(window, f"checklist{suffix}")
    window.units.setCurrentIndex(window.unit_model.index(0, 0))
    window.tabs.setCurrentWidget(window.report_view)
    settle(app, 1.0)
    shoot(window, f"monthly-report{suffix}")
    window.units.setCurrentIndex(township)
    settle(app)
    section = window.sections["committee_member"]
    window.tabs.setCurrentWidget(section)
    settle(app)
    if section.model.rowCount():
        record_id = section.model.record(0)["id"]
        form = RecordForm(ledger, "committee_member", record_id, parent=window)
        form.show()
        settle(app)
        shoot(form, f"member-form{suffix}")
        form.close()
        from ui.history import HistoryDialog

        ledger.committee_members.update(record_id, phone="13900001234")
        dialog = HistoryDialog(ledger, "committee_member", record_id, window)
        dialog.show()
        settle(app)
        shoot(dialog, f"history{suffix}")
        dialog.close()
    window.close()
    workers.wait_all()
    ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
