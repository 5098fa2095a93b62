"""The sync details offer a copied ledger its new identity (no hub needed: the sync that
follows is only started)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from conftest import TOWNSHIP
from desktop.ledger import Ledger
from sync import client
from ui.sync_controller import SyncController
from ui.sync_widgets import SyncDetailsDialog

pytestmark = pytest.mark.gui


def test_a_copied_ledger_takes_a_new_identity_from_the_details(qtbot, tmp_path, monkeypatch):
    with Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="测试员") as ledger:
        client.save_settings(ledger, client.SyncSettings(hub_url="http://127.0.0.1:9", token="t" * 43,
                                                         scope=TOWNSHIP))
        controller = SyncController(ledger)
        started = []
        monkeypatch.setattr(controller, "sync_now", lambda: started.append(True) or True)
        dialog = SyncDetailsDialog(ledger, controller)
        qtbot.addWidget(dialog)
        assert dialog.identity_button.isHidden()  # nothing to do for a ledger that is no copy
        ledger.mark_copied()
        dialog.refresh()
        assert not dialog.identity_button.isHidden()
        old = ledger.device_id
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
        qtbot.mouseClick(dialog.identity_button, Qt.LeftButton)
        assert ledger.device_id != old and ledger.predecessor().device_id == old
        assert started == [True]  # the sync takes the old device's place
        assert dialog.identity_button.isHidden()
        dialog.close()
