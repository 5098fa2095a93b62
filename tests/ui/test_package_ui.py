"""Data packages through the dialog: export for a trusted office, import on the other side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from conftest import COUNTY, TOWNSHIP
from sync import packages
from desktop.ledger import Ledger
from ui import package_dialogs
from ui.package_dialogs import PackagesDialog


def _pair(tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    org = town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    town.committee_members.create(org_id=org, name="赵丽", gender="female", post="secretary",
                                  employment="full_time", source="civil_servant", joined_on="2022-01-01",
                                  phone="13912345678")
    return town, county


def test_trust_export_and_import_through_the_dialogs(qtbot, tmp_path, monkeypatch):
    town, county = _pair(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(package_dialogs, "removable_drives", lambda: [("U盘 (E:)", str(stick))])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)

    # first contact: each trusts the other's identity file after checking the fingerprint
    county_file = packages.peer_identity_file(county, tmp_path / "county.tlid")
    town_file = packages.peer_identity_file(town, tmp_path / "town.tlid")
    dialog = PackagesDialog(town)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.export_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(county_file), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("WRONG-FINGERPRINT", True))
    qtbot.mouseClick(dialog.trust_button, Qt.LeftButton)
    assert packages.peers(town) == {} and "differ" in dialog.status.text()
    fp = packages.public_identity(county)["fingerprint"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (fp.lower(), True))
    qtbot.mouseClick(dialog.trust_button, Qt.LeftButton)
    assert county.device_id in packages.peers(town)
    packages.trust_peer(county, packages.read_identity_file(town_file), "fingerprint")

    # export to the stick: written, checked, the table shows what is still only here
    assert dialog.model.rows[0].pending > 0
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "removed safely" in dialog.status.text(), timeout=20000)
    written = packages.packages_in(stick)
    assert len(written) == 1

    # the county imports it through its dialog
    other = PackagesDialog(county)
    qtbot.addWidget(other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(written[0]), ""))
    with qtbot.waitSignal(other.sig_imported, timeout=20000):
        qtbot.mouseClick(other.import_button, Qt.LeftButton)
    assert county.count("committee_member") == 1
    assert county.query("committee_member")[0]["name"] == "赵丽"
    qtmodel = other.model
    assert qtmodel.rowCount() == 1
    town.close()
    county.close()


def test_peer_model_passes_the_model_tester(qtmodeltester, tmp_path):
    town, county = _pair(tmp_path)
    packages.trust_peer(town, packages.read_identity_file(packages.peer_identity_file(county, tmp_path / "c.tlid")),
                        "fingerprint")
    model = package_dialogs.PeerModel()
    model.set_rows(packages.delivery_status(town))
    qtmodeltester.check(model)
    town.close()
    county.close()
