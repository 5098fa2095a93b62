"""Offices that have synced once trust each other's data packages through the hub."""

from __future__ import annotations

from conftest import COUNTY, TOWNSHIP
from sync import packages
from desktop.ledger import Ledger
from sync.client import SyncClient, enroll, load_settings


def test_enrolled_devices_learn_each_others_package_keys(hub, tmp_path):
    town = Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="乡团委")
    county = Ledger.new(tmp_path / "county.sqlite", scope=COUNTY, operator="县团委")
    try:
        for ledger, scope in ((town, TOWNSHIP), (county, COUNTY)):
            settings = enroll(ledger, hub.url, hub.new_code(scope, ledger.operator))
            SyncClient(ledger, settings).sync()
        SyncClient(town, load_settings(town)).sync()  # the county enrolled after the township's first sync
        assert county.device_id in packages.peers(town)
        assert town.device_id in packages.peers(county)
        assert packages.peers(town)[county.device_id]["trusted_via"] == "hub"
        # and a package goes through without any fingerprint call
        town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        written = packages.export_package(town, tmp_path, county.device_id)
        report = packages.import_package(county, written)
        assert report.applied >= 1 and not report.rejected
    finally:
        town.close()
        county.close()
