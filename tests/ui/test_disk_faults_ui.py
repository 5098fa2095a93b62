"""The window meets a full disk or a read-only ledger as the command line does: saving a form
shows the same one message in a message box, and the ledger stays as it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from test_disk_faults import _lowered_connect, shrink_pages, state
from test_sections import GOOD, fill, press_save

from desktop.errors import LedgerFull, LedgerReadOnly
from desktop.ledger import Ledger, db, store
from ui.forms import RecordForm

from conftest import COUNTY, TOWNSHIP


@pytest.mark.parametrize("fault", ["full", "read_only"])
def test_saving_a_form_on_a_full_disk_or_read_only_ledger_shows_one_message(qtbot, monkeypatch, tmp_path, fault):
    path = tmp_path / "ledger.sqlite"
    with Ledger.new(path, scope=COUNTY, operator="测试员") as ledger:
        ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
        ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                    parent_id=f"org-county_committee-{COUNTY}")
    shrink_pages(path)
    before = state(path)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)  # closing the filled form
    with monkeypatch.context() as patch:
        if fault == "full":
            patch.setattr(store, "connect", _lowered_connect(db.connect))
        ledger = Ledger.open(path)
    if fault == "read_only":  # the medium turned read-only while the ledger was open (SQLITE_READONLY)
        ledger.conn.execute("PRAGMA query_only = ON")
    try:
        form = RecordForm(ledger, "committee_member")
        qtbot.addWidget(form)
        form.show()
        fill(qtbot, form, GOOD["committee_member"])
        press_save(qtbot, form)
        expected = (LedgerFull if fault == "full" else LedgerReadOnly)(path=str(path)).text()
        assert shown == [expected]
        assert form.isVisible()  # the form stays open with what was typed
    finally:
        ledger.close()  # does not fail after the error
    assert state(path) == before
