"""Data packages through the dialog: offices by name, the phone check that never shows the
code it expects, the first package of an office not trusted yet held until that check,
export that is never a dead end, and columns that fit a 1366×768 screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from conftest import COUNTY, TOWNSHIP
from desktop.ledger import Ledger
from sync import packages
from sync.pending import pending_count
from ui import package_dialogs
from ui.exchange import PhoneCheckDialog
from ui.package_dialogs import PackagesDialog


def _pair(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    org = town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    town.committee_members.create(org_id=org, name="赵丽", gender="female", post="secretary",
                                  employment="full_time", source="civil_servant", joined_on="2022-01-01",
                                  phone="13912345678")
    return town, county


def answer_phone(monkeypatch, code: str | None = None, seen: list | None = None) -> None:
    """The phone check, answered: *code* typed and checked, or (None) "handed over in person"."""

    def exec_(dialog: PhoneCheckDialog) -> int:
        if seen is not None:
            seen.append(dialog)
        if code is None:
            dialog.in_person_button.click()
        else:
            dialog.code_edit.setText(code)
            dialog.buttons.button(QDialogButtonBox.Ok).click()
        return dialog.result()

    monkeypatch.setattr(PhoneCheckDialog, "exec", exec_)


def shown_texts(dialog) -> str:
    return "\n".join([label.text() for label in dialog.findChildren(QLabel)] + [dialog.code_edit.placeholderText()])


def test_trust_by_phone_export_and_import_through_the_dialogs(qtbot, tmp_path, monkeypatch):
    town, county = _pair(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(package_dialogs, "removable_drives", lambda: [("U盘 (E:)", str(stick))])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)

    dialog = PackagesDialog(town)
    qtbot.addWidget(dialog)
    # nothing trusted: export is not locked, it writes this office's identity file and says what to do
    assert dialog.empty.isVisibleTo(dialog) and dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert (stick / "南高乡团委-身份.tlid").exists() and "Give it to the other office" in dialog.status.text()

    # the phone check: a wrong code says so plainly, and the expected code is never on screen
    county_file = packages.peer_identity_file(county, tmp_path / "county.tlid")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(county_file), ""))
    seen = []
    answer_phone(monkeypatch, "WRONG-CODE", seen)
    qtbot.mouseClick(dialog.trust_button, Qt.LeftButton)
    fp = packages.public_identity(county)["fingerprint"]
    assert packages.peers(town) == {} and "was not trusted" in dialog.status.text()
    assert "is not the code of 栾城区（县团委）" in seen[0].result_label.text()
    assert fp not in shown_texts(seen[0]) and fp not in seen[0].result_label.text()
    answer_phone(monkeypatch, fp.lower())
    qtbot.mouseClick(dialog.trust_button, Qt.LeftButton)
    assert packages.peers(town)[county.device_id]["trusted_via"] == "fingerprint"

    # export to the stick: a readable name; the table names the office, the id only in its tooltip
    assert dialog.model.rows[0].pending > 0
    cells = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert cells[0] == "栾城区（县团委）" and county.device_id not in " ".join(cells)
    assert county.device_id in dialog.model.index(0, 0).data(Qt.ToolTipRole)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "removed safely" in dialog.status.text(), timeout=20000)
    [written] = packages.packages_in(stick)
    assert written.name == f"南高乡团委-{dt.date.today().isoformat()}.tlpkg"
    town.close()
    county.close()


def test_a_first_package_waits_for_the_phone_check(qtbot, tmp_path, monkeypatch):
    town, county = _pair(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(package_dialogs, "removable_drives", lambda: [("U盘 (E:)", str(stick))])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    packages.trust_office(town, packages.read_identity_file(packages.peer_identity_file(county, stick)))
    path = packages.export_package(town, stick, county.device_id)

    dialog = PackagesDialog(county)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.No)[1])
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.held_model.rowCount() == 1, timeout=20000)
    assert county.count("committee_member") == 0  # held, not applied
    assert "南高乡（乡团委）" in asked[0] and "Check by phone now?" in asked[0]
    assert dialog.held_box.isVisibleTo(dialog)
    row = [dialog.held_model.index(0, c).data() for c in range(dialog.held_model.columnCount())]
    assert row[0] == "南高乡（乡团委）" and row[3] == path.name and town.device_id not in " ".join(row)

    seen = []
    answer_phone(monkeypatch, "AAAA-BBBB-CCCC-DDDD-EEEE", seen)
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    assert county.count("committee_member") == 0 and dialog.held_model.rowCount() == 1
    assert packages.public_identity(town)["fingerprint"] not in shown_texts(seen[0])
    answer_phone(monkeypatch, packages.public_identity(town)["fingerprint"])
    with qtbot.waitSignal(dialog.sig_imported, timeout=20000):
        qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    assert county.query("committee_member")[0]["name"] == "赵丽"
    assert not dialog.held_box.isVisibleTo(dialog) and "南高乡（乡团委） is trusted now" in dialog.status.text()
    assert dialog.model.index(0, 0).data() == "南高乡（乡团委）"
    # what is only here: the count every view shows
    assert f"Only here: {pending_count(county)} changes" in dialog.only_here.text()
    town.close()
    county.close()


def test_columns_are_named_once_and_fit_a_small_screen(qtbot, tmp_path):
    town, county = _pair(tmp_path)
    packages.trust_office(town, packages.public_identity(county))
    dialog = PackagesDialog(town)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    for view in (dialog.view, dialog.held_view):
        model = view.model()
        headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
        assert len(set(headers)) == len(headers)
    header = dialog.view.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= dialog.view.viewport().width()
    assert dialog.view.textElideMode() == Qt.ElideMiddle
    town.close()
    county.close()


def test_peer_model_passes_the_model_tester(qtmodeltester, tmp_path):
    town, county = _pair(tmp_path)
    packages.trust_peer(town, packages.read_identity_file(packages.peer_identity_file(county, tmp_path / "c.tlid")),
                        "fingerprint")
    model = package_dialogs.PeerModel(town)
    model.set_rows(packages.delivery_status(town))
    qtmodeltester.check(model)
    town.close()
    county.close()


def test_a_receipt_says_which_handed_over_changes_the_county_refused(qtbot, tmp_path, monkeypatch):
    town, county = _pair(tmp_path)
    for me, other in ((town, county), (county, town)):
        ident = packages.public_identity(other)
        packages.trust_by_fingerprint(me, ident, ident["fingerprint"])
    other = Ledger.new(tmp_path / "other.sqlite", scope="130111201", operator="另一乡")
    other.organisations.create(kind="township_committee", name="另一乡团委", division_code="130111201")
    stick = tmp_path / "stick"
    stick.mkdir()
    data, _ = packages.build_package(town, county.device_id, packages.peers(town)[county.device_id],
                                     town.changes_after({}) + other.changes_after({}), {})
    (stick / "mixed.tlpkg").write_bytes(data)
    assert len(packages.import_package(county, stick / "mixed.tlpkg").rejected) == 1
    receipt = packages.write_receipt(county, stick, town.device_id)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(receipt), ""))
    dialog = PackagesDialog(town)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "newly confirmed as delivered" in shown[0]
    assert "栾城区（县团委） refused 1 of the changes this office handed over" in shown[0]
    assert "130111201" in shown[0]  # the first reason: outside the sender's scope
    other.close()
    town.close()
    county.close()
