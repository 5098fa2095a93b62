"""Screenshots of the USB exchange: the county's package window (offices by name, a first
package waiting for the phone check) and a township's first exchange step.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python docs/screenshots_exchange.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.ledger import Ledger  # noqa: E402
from docs.screenshots import OUT, settle  # noqa: E402
from sync import packages  # noqa: E402
from ui import i18n as ui_i18n  # noqa: E402
from ui.app import make_app  # noqa: E402

COUNTY = "130111"
TOWNSHIPS = {"130111200": "张三", "130111105": "王五", "130111201": "赵六"}


def township(folder: Path, code: str, person: str) -> Ledger:
    ledger = Ledger.new(folder / f"{code}.sqlite", scope=code, operator=person)
    org = ledger.organisations.create(kind="township_committee", name="团委", division_code=code)
    for n in range(3):
        ledger.committee_members.create(org_id=org, name=f"委员{n}", gender="female", post="member",
                                        employment="part_time", source="other", joined_on="2020-01-01")
    return ledger


def shoot_screen(app: QApplication, name: str) -> None:
    path = OUT / f"{name}.png"
    app.primaryScreen().grabWindow(0).save(str(path))
    print(path.relative_to(ROOT))


def county_packages(app: QApplication, folder: Path) -> None:
    from ui import package_dialogs
    from ui.package_dialogs import PackagesDialog

    stick = folder / "stick"
    stick.mkdir()
    package_dialogs.removable_drives = lambda: [("U盘 (E:)", str(stick))]
    county = Ledger.new(folder / "county.sqlite", scope=COUNTY, operator="李四")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    for code, person in TOWNSHIPS.items():
        t = township(folder, code, person)
        packages.trust_office(t, packages.public_identity(county))
        path = packages.export_package(t, stick, county.device_id)
        if code != "130111201":  # the last one's first package waits for the phone check
            packages.trust_office(county, packages.public_identity(t))
        packages.receive(county, path)
        t.close()
    packages.export_package(county, stick, next(iter(packages.peers(county))))
    dialog = PackagesDialog(county)
    dialog.move(200, 90)
    dialog.show()
    settle(app)
    shoot_screen(app, "county-packages")
    dialog.close()
    county.close()


def first_day_exchange(app: QApplication, folder: Path) -> None:
    from ui import package_dialogs
    from ui import settings as S
    from ui import sync_widgets
    from ui.main_window import MainWindow

    stick = folder / "stick2"
    stick.mkdir()
    package_dialogs.removable_drives = lambda: [("U盘 (E:)", str(stick))]
    county = Ledger.new(folder / "county2.sqlite", scope=COUNTY, operator="李四")
    packages.peer_identity_file(county, stick)  # the county hands out a stick with its identity
    county.close()
    (folder / "first").mkdir()
    town = township(folder / "first", "130111200", "张三")
    sync_widgets.AUTO_SYNC = False
    settings = S.Settings(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    window = MainWindow(town, settings)
    window.resize(1366, 740)
    window.show()
    settle(app)
    window.report_button.click()
    settle(app)
    shoot_screen(app, "first-day-exchange")
    window.exchange_dialog.close()
    window.sync_controller.shutdown()
    window.close()


def main() -> int:
    app = make_app()
    ui_i18n.install("zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        county_packages(app, Path(tmp))
        first_day_exchange(app, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
