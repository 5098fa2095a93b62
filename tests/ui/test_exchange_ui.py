"""One way up: Report / exchange data beside Sync.  Never enrolled, it opens the USB step;
a township that has never been online trusts the county from the stick the county handed
over, writes its first package, gets the county's back, and every count stays true."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import COUNTY, TOWNSHIP
from desktop.ledger import Ledger
from sync import client, packages
from sync.pending import pending_count
from tests.ui.test_package_ui import answer_phone
from ui import package_dialogs, sync_widgets, workers
from ui import settings as S
from ui.exchange import ExchangeDialog
from tests.ui.windows import close_windows

pytestmark = [pytest.mark.gui]

TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"


@pytest.fixture
def stick(tmp_path, monkeypatch):
    folder = tmp_path / "stick"
    folder.mkdir()
    monkeypatch.setattr(package_dialogs, "removable_drives", lambda: [("U盘 (E:)", str(folder))])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)
    return folder


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    settings = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    windows = []

    def make(ledger: Ledger):
        window = MainWindow(ledger, settings)
        sync_widgets.install_sync(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    close_windows(*windows)


@pytest.fixture
def offices(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三")
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    town.committee_members.create(org_id=TOWNSHIP_ORG, name="赵丽", gender="female", post="secretary",
                                  employment="full_time", source="civil_servant", joined_on="2022-01-01")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="李四")
    county.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    yield town, county
    town.close()
    county.close()


def open_step(qtbot, window) -> ExchangeDialog:
    qtbot.mouseClick(window.report_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "exchange_dialog", None) is not None
                    and window.exchange_dialog.isVisible())
    return window.exchange_dialog


def test_first_exchange_of_a_township_that_was_never_online(qtbot, offices, stick, make_window, monkeypatch):
    town, county = offices
    packages.peer_identity_file(county, stick)  # the county hands out a stick with its identity on it
    window = make_window(town)
    window.sync_status.watch.setInterval(50)
    assert window.report_button.text() == "Report / exchange data"
    assert f"Unsynced changes: {pending_count(town)}" in window.sync_status.text()

    step = open_step(qtbot, window)
    assert "not connected to a hub" in step.reason.text() and step.reason.isVisibleTo(step)
    assert step.mode == step.TRUST and step.go_button.text() == "Trust 栾城区（李四）"
    answer_phone(monkeypatch, None)  # "they handed me this stick in person": one confirmation
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    assert packages.peers(town)[county.device_id]["trusted_via"] == "in_person"
    assert step.mode == step.EXPORT and step.target.currentText() == "栾城区（李四）"
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "removed safely" in step.status.text(), timeout=20000)
    [first] = packages.packages_in(stick)
    assert first.name == f"南高乡团委-{dt.date.today().isoformat()}.tlpkg"
    step.close()

    # at the county: the first package of a township it does not trust yet waits for the phone check
    held = packages.receive(county, first)
    assert isinstance(held, packages.HeldPackage) and county.count("committee_member") == 0
    packages.confirm_held(county, town.device_id, packages.public_identity(town)["fingerprint"])
    assert county.query("committee_member")[0]["name"] == "赵丽"
    packages.export_package(county, stick, town.device_id)

    # back at the township: the next step takes up the county's package (which confirms what
    # arrived) and writes the next one; the status bar follows
    assert pending_count(town) > 0
    step = open_step(qtbot, window)
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "removed safely" in step.status.text(), timeout=20000)
    assert "Imported from 栾城区（李四）" in step.status.text()
    assert pending_count(town) == 0
    qtbot.waitUntil(lambda: "Unsynced changes: 0" in window.sync_status.text())
    # a write made elsewhere (as an Excel import does) shows in the status bar without a signal
    town.committee_members.create(org_id=TOWNSHIP_ORG, name="新人", gender="male", post="member",
                                  employment="part_time", source="other", joined_on="2023-01-01")
    qtbot.waitUntil(lambda: "Unsynced changes: 1" in window.sync_status.text())
    step.close()


def test_with_nothing_on_the_stick_the_step_writes_this_offices_identity(qtbot, offices, stick, make_window):
    town, _ = offices
    window = make_window(town)
    step = open_step(qtbot, window)
    assert step.mode == step.IDENTITY and "take it to your county office" in step.state.text()
    qtbot.mouseClick(step.go_button, Qt.LeftButton)
    assert (stick / "南高乡团委-身份.tlid").exists()
    assert "南高乡团委-身份.tlid" in step.status.text()
    assert packages.read_identity_file(stick / "南高乡团委-身份.tlid")["device_id"] == town.device_id
    step.close()


def test_an_unreachable_hub_offers_the_stick_in_plain_words(qtbot, offices, stick, make_window):
    town, _ = offices
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    client.save_settings(town, client.SyncSettings(hub_url=f"http://127.0.0.1:{port}", token="t" * 43,
                                                   scope=TOWNSHIP, retries=1, backoff_base=0.05))
    window = make_window(town)
    with qtbot.waitSignal(window.report_button.sig_use_stick, timeout=60_000) as offered:
        qtbot.mouseClick(window.report_button, Qt.LeftButton)
    assert "The hub did not answer" in offered.args[0] and str(port) in offered.args[0]
    qtbot.waitUntil(lambda: getattr(window, "exchange_dialog", None) is not None)
    assert window.exchange_dialog.reason.text() == offered.args[0]
    window.exchange_dialog.close()


def test_when_the_hub_answers_report_is_a_sync(qtbot, offices, stick, make_window):
    town, _ = offices
    client.save_settings(town, client.SyncSettings(hub_url="http://127.0.0.1:9", token="t" * 43, scope=TOWNSHIP))
    window = make_window(town)
    synced = []

    class Answering:
        """A hub that answers: the sync goes through."""

        def __init__(self, db, settings):
            self.db = db

        def sync(self, progress=None, cancelled=None):
            synced.append(True)
            self.db.set_meta("push_cursor", str(self.db.last_seq()))
            return client.SyncResult(client.PushResult(sent=2, applied=2), client.PullResult())

        def refused_summary(self, push):
            return None

    window.sync_controller.client_factory = Answering
    offered = []
    window.report_button.sig_use_stick.connect(offered.append)
    with qtbot.waitSignal(window.sync_controller.sig_finished, timeout=30_000) as finished:
        qtbot.mouseClick(window.report_button, Qt.LeftButton)
    assert finished.args[0] and synced == [True] and offered == []
    assert getattr(window, "exchange_dialog", None) is None
    assert pending_count(town) == 0 and "Unsynced changes: 0" in window.sync_status.text()
