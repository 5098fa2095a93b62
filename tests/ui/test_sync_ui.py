"""The sync in the main window, against a real hub process on 127.0.0.1: enrollment,
the Sync button (push and pull), cancelling, an unreachable hub, refused changes and
the automatic sync."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest
import requests
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from conftest import COUNTY, PROJECT, TOWNSHIP
from desktop import i18n
from desktop.ledger import Ledger
from sync import client
from ui import settings as S
from ui import workers
from ui.sync_controller import NOT_ENROLLED, OFFLINE, ONLINE, SyncController
from ui import sync_widgets
from ui.sync_widgets import EnrollDialog, SyncDetailsDialog, install_sync
from tests.ui.windows import close_windows

pytestmark = [pytest.mark.gui, pytest.mark.slow]

TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
WAIT = 60_000  # ms: generous, the hub is a separate process


# ----------------------------------------------------------------------------- the hub

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        return requests.get(url + "/v1/health", timeout=2).json().get("status") == "ok"
    except (requests.RequestException, ValueError):
        return False


class Hub:
    def __init__(self, db, url: str, proc: subprocess.Popen) -> None:
        self.db, self.url, self.proc = db, url, proc

    def code(self, scope: str = TOWNSHIP, name: str = "南高乡团委") -> str:
        """A one-time enrollment code: the last line of ``township-hub enroll``."""
        out = subprocess.run([sys.executable, "-m", "sync.hub.cli", "enroll", "--db", str(self.db), "--scope", scope,
                              "--name", name], cwd=PROJECT, capture_output=True, text=True, timeout=60, check=True)
        return out.stdout.strip().splitlines()[-1].strip()

    def enroll(self, ledger: Ledger, scope: str = TOWNSHIP) -> client.SyncSettings:
        return client.enroll(ledger, self.url, self.code(scope), name="test")

    def count(self, kind: str) -> int:
        hub = Ledger.open(self.db, read_only=True, verify=False)
        try:
            return hub.count(kind)
        finally:
            hub.close()


@pytest.fixture
def hub(qtbot, tmp_path):
    db = tmp_path / "hub" / "hub.sqlite"
    db.parent.mkdir()
    port = free_port()
    log = open(tmp_path / "hub" / "hub.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "sync.hub.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None or healthy(url), timeout=WAIT)
        assert proc.poll() is None, (tmp_path / "hub" / "hub.log").read_text()
        yield Hub(db, url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


# ----------------------------------------------------------------------------- the window

def member(n: int) -> dict:
    return {"org_id": TOWNSHIP_ORG, "name": f"委员{n}", "gender": "female", "post": "member",
            "employment": "part_time", "source": "other", "joined_on": "2020-01-01"}


@pytest.fixture
def township_ledger(tmp_path):
    ledger = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="测试员")
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    yield ledger
    ledger.close()


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    s = S.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    s.set(S.DAILY_BACKUP, False)
    return s


@pytest.fixture
def make_window(qtbot, settings, monkeypatch):
    """A main window with the sync installed (by MainWindow itself, or here), no automatic sync."""
    from ui.main_window import MainWindow

    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    windows = []

    def make(ledger: Ledger):
        window = MainWindow(ledger, settings)
        controller = install_sync(window)
        assert not controller.auto
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window, controller

    yield make
    close_windows(*windows, wait_ms=WAIT)


def click_sync(qtbot, window, *, pulled: bool = False):
    """Press the Sync button and wait for the end of the sync; returns (ok, message)."""
    controller = window.sync_controller
    with qtbot.waitSignal(controller.sig_finished, timeout=WAIT) as finished:
        if pulled:
            with qtbot.waitSignal(controller.sig_records_changed, timeout=WAIT):
                qtbot.mouseClick(window.sync_button, Qt.LeftButton)
        else:
            qtbot.mouseClick(window.sync_button, Qt.LeftButton)
    return tuple(finished.args)


def finish_workers(qtbot) -> None:
    qtbot.waitUntil(lambda: not workers.busy(), timeout=WAIT)


# ----------------------------------------------------------------------------- tests

def test_enroll_through_the_dialog(qtbot, hub, township_ledger, make_window):
    window, controller = make_window(township_ledger)
    assert controller.state == NOT_ENROLLED
    assert window.sync_status.text().startswith("Not enrolled")
    assert window.sync_action in window.sync_ui.tools_menu().actions()

    window.enroll_action.trigger()
    dialog = window.findChild(EnrollDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.name_edit.text() == "河北省石家庄市栾城区南高乡"

    # a wrong code: the hub's refusal is shown in the dialog, which stays open
    dialog.hub_edit.setText(hub.url)
    dialog.code_edit.setText("WRONGCODE9")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=WAIT)
    assert dialog.isVisible()
    assert "enrollment code" in dialog.error_label.text() or "代码" in dialog.error_label.text() \
        or "码" in dialog.error_label.text()
    assert "Traceback" not in dialog.error_label.text()

    dialog.code_edit.setText(hub.code())
    with qtbot.waitSignal(controller.sig_state, timeout=WAIT):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    settings = client.load_settings(township_ledger)
    assert settings.enrolled and settings.scope == TOWNSHIP and settings.hub_url == hub.url
    assert controller.state == ONLINE
    assert controller.hub_url() == hub.url
    assert "Not enrolled" not in window.sync_status.text()


def test_an_empty_field_is_refused_before_asking_the_hub(qtbot, township_ledger, make_window):
    window, controller = make_window(township_ledger)
    assert "enroll" in window.sync_button.toolTip()
    qtbot.mouseClick(window.sync_button, Qt.LeftButton)  # not enrolled: the button offers the enrollment
    dialog = window.findChild(EnrollDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.hub_edit.setText("http://127.0.0.1:9")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.error_label.text() == dialog.tr("Enter the enrollment code.")
    assert not dialog.busy and dialog.buttons.isEnabled()  # the hub was not asked
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
    assert dialog.result() == QDialog.Rejected
    assert controller.state == NOT_ENROLLED


def test_sync_button_pushes_and_pulls(qtbot, hub, township_ledger, make_window, tmp_path):
    township_ledger.committee_members.create(**member(1))
    hub.enroll(township_ledger)
    window, controller = make_window(township_ledger)
    assert township_ledger.pending_changes() == 2
    assert "Unsynced changes: 2" in window.sync_status.text()

    ok, message = click_sync(qtbot, window)
    assert ok, message
    assert township_ledger.pending_changes() == 0
    assert hub.count("committee_member") == 1
    last = township_ledger.meta("last_sync")
    assert last
    assert f"Last sync: {last[11:16]}" in window.sync_status.text()
    assert "Unsynced changes: 0" in window.sync_status.text()
    assert controller.state == ONLINE
    assert window.sync_button.text() == "Sync"

    # another office of the township adds a member; the Sync button brings it here
    other = Ledger.new(tmp_path / "other.sqlite", scope=TOWNSHIP, operator="李四")
    try:
        hub.enroll(other)
        client.SyncClient(other).sync()
        added = other.committee_members.create(**member(2))
        client.SyncClient(other).sync()
    finally:
        other.close()
    reloaded = []
    window.sync_controller.sig_records_changed.connect(lambda: reloaded.append(True))
    ok, message = click_sync(qtbot, window, pulled=True)
    assert ok, message
    assert reloaded
    assert township_ledger.committee_members.get(added)["name"] == "委员2"
    assert township_ledger.pending_changes() == 0
    assert "Unsynced changes: 0" in window.sync_status.text()
    finish_workers(qtbot)


def test_cancel_stops_without_losing_anything(qtbot, hub, township_ledger, make_window):
    township_ledger.committee_members.create_many([member(n) for n in range(599)])
    hub.enroll(township_ledger)
    settings = client.load_settings(township_ledger)
    settings.batch_size = 100  # 600 changes: six batches
    client.save_settings(township_ledger, settings)
    window, controller = make_window(township_ledger)
    assert township_ledger.pending_changes() == 600

    # hold the worker after its first batch until the GUI has pressed Cancel
    gate = threading.Event()
    make_client = controller.client_factory

    def holding_client(db, s):
        c = make_client(db, s)
        real_sync = c.sync

        def sync(progress=None, cancelled=None):
            def held(done, total):
                progress(done, total)
                assert gate.wait(60)
            return real_sync(progress=held, cancelled=cancelled)

        c.sync = sync
        return c

    controller.client_factory = holding_client
    seen = {}

    def on_progress(done, total):
        if gate.is_set():
            return
        seen["button"] = window.sync_button.text()
        seen["status"] = window.sync_status.text()
        seen["second"] = controller.sync_now()  # never two syncs at once
        qtbot.mouseClick(window.sync_button, Qt.LeftButton)  # = Cancel
        seen["stopping"] = window.sync_button.text()
        gate.set()

    controller.sig_progress.connect(on_progress)
    ok, message = click_sync(qtbot, window)
    assert not ok
    assert seen["button"] == "Cancel 16%"
    assert seen["status"].startswith("Syncing 16%")
    assert seen["second"] is False
    assert seen["stopping"] == "Stopping…"
    assert "Traceback" not in message
    # exactly the first batch went: the hub has it, the ledger still counts the rest
    assert township_ledger.pending_changes() == 500
    assert hub.count("organisation") + hub.count("committee_member") == 100
    assert controller.state == ONLINE
    assert not controller.last_error  # a cancel is no error
    assert window.sync_button.text() == "Sync"

    controller.client_factory = make_client
    ok, message = click_sync(qtbot, window)
    assert ok, message
    assert township_ledger.pending_changes() == 0
    assert hub.count("committee_member") == 599


def test_unreachable_hub_gives_plain_words(qtbot, township_ledger, make_window):
    port = free_port()  # nothing listens there
    client.save_settings(township_ledger, client.SyncSettings(hub_url=f"http://127.0.0.1:{port}", token="t" * 43,
                                                              scope=TOWNSHIP, backoff_base=0.1))
    window, controller = make_window(township_ledger)
    assert controller.state == OFFLINE
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(controller.sig_finished, timeout=WAIT) as finished:
        qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)  # Tools ▸ Sync now
    ok, message = finished.args
    assert not ok
    assert str(port) in message and "Traceback" not in message and "Error" not in message
    assert controller.state == OFFLINE
    text = window.sync_status.text()
    assert text.startswith("Offline")
    assert "Unsynced changes: 1" in text and "Last sync: never" in text
    assert message[:20] in text
    assert window.sync_status.styleSheet()  # shown as an error
    assert message in window.sync_status.toolTip()
    assert township_ledger.meta("last_sync_error") == message
    assert township_ledger.pending_changes() == 1


def test_refused_changes_are_listed_in_the_details(qtbot, hub, county_ledger, make_window, qtmodeltester):
    i18n.set_language("en")  # the client's messages in the language of the window under test
    # a county ledger enrolled for one of its townships: the county committee lies outside
    hub.enroll(county_ledger, scope=TOWNSHIP)
    window, controller = make_window(county_ledger)
    ok, message = click_sync(qtbot, window)
    assert not ok
    assert "1" in message and "details" in message
    assert county_ledger.pending_changes() == 0  # answered: not sent again
    assert "1 changes refused" in window.sync_status.text()

    qtbot.mouseClick(window.sync_status, Qt.LeftButton)
    dialog = window.findChild(SyncDetailsDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.rejected_table.model()
    assert table.rowCount() == 1
    row = [table.index(0, c).data() for c in range(table.columnCount())]
    assert row[2] == "栾城区团委"
    assert COUNTY in row[3] and TOWNSHIP in row[3]  # the hub's reason
    assert row[4] == "the hub"
    qtmodeltester.check(table)
    assert dialog.hub_value.text() == hub.url
    dialog.close()


def test_details_show_the_last_error(qtbot, township_ledger, make_window):
    client.save_settings(township_ledger, client.SyncSettings(hub_url=f"http://127.0.0.1:{free_port()}",
                                                              token="t" * 43, scope=TOWNSHIP, backoff_base=0.1))
    window, controller = make_window(township_ledger)
    ok, message = click_sync(qtbot, window)
    dialog = window.sync_status.show_details()
    assert dialog.error_value.text() == message
    assert dialog.none_label.isVisible() and not dialog.rejected_table.isVisible()
    dialog.close()


def test_automatic_sync_when_the_hub_comes_within_reach(qtbot, hub, township_ledger):
    hub.enroll(township_ledger)
    good = client.load_settings(township_ledger)
    away = client.SyncSettings(**{**good.__dict__, "hub_url": f"http://127.0.0.1:{free_port()}"})
    client.save_settings(township_ledger, away)
    controller = SyncController(township_ledger, probe_seconds=1)
    finished = []
    controller.sig_finished.connect(lambda ok, m: finished.append((ok, m)))
    try:
        controller.start_auto()
        qtbot.waitUntil(lambda: controller.scheduled() == "probe", timeout=WAIT)  # offline: only probing
        assert controller.state == OFFLINE
        assert not finished  # no sync attempted while offline

        client.save_settings(township_ledger, good)  # the hub is back
        with qtbot.waitSignal(controller.sig_finished, timeout=WAIT) as done:
            pass
        assert done.args[0], done.args[1]
        assert township_ledger.pending_changes() == 0
        assert controller.state == ONLINE
        assert controller.scheduled() == "sync"
    finally:
        controller.shutdown()
        assert workers.wait_all(WAIT)
        QApplication.processEvents()
        controller.deleteLater()


def test_the_automatic_sync_starts_after_the_window_and_never_after_it_closed(qtbot, township_ledger, settings,
                                                                           monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", True)
    monkeypatch.setattr(sync_widgets, "AUTO_START_MS", 50)
    windows = [MainWindow(township_ledger, settings), MainWindow(township_ledger, settings)]
    first, second = (w.sync_controller for w in windows)
    assert not first.auto and not second.auto  # not while the window is made: its first paint comes first
    second.shutdown()  # closed before the sync would start
    qtbot.waitUntil(lambda: first.auto, timeout=WAIT)
    qtbot.wait(200)
    assert not second.auto
    close_windows(*windows, wait_ms=WAIT)


def test_menu_actions_survive_a_language_switch(qtbot, township_ledger, make_window):
    window, controller = make_window(township_ledger)
    window.retranslate()  # what MainWindow.switch_language does: the menus are built anew
    assert window.sync_action not in window.sync_ui.tools_menu().actions()
    QApplication.sendEvent(window, QEvent(QEvent.LanguageChange))  # then Qt's LanguageChange arrives
    actions = window.sync_ui.tools_menu().actions()
    assert window.sync_action in actions and window.enroll_action in actions
    assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.sync_button.text() == "Sync"
    assert not window.sync_label.isVisible() and not window.pending_label.isVisible()
    assert window.sync_status.isVisible()
