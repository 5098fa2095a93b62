"""The hub's signing key and its device statements, end to end on a running hub (a ledger
file and a PostgreSQL database): enrollment hands a device its statement and the hub's key,
the device list carries statements, and two offices enrolled at one hub trust each other's
identity files and packages on the hub's word, without a phone call."""

from __future__ import annotations

import json

import pytest

from desktop.ledger import Ledger
from sync import packages as P
from sync.client import SyncClient
from sync.packages.statements import OWN_STATEMENT_META
from test_package_relay import COUNTY, TOWNSHIP, enrolled


def test_enrollment_brings_the_hubs_key_and_the_devices_statement(hub, tmp_path):
    county = enrolled(hub, tmp_path, "county", COUNTY)
    try:
        printed = hub.cli("key")
        assert printed.returncode == 0, printed.stderr
        key = hub.get("/v1/hub-key").json()
        assert key["public_key"] in printed.stdout and key["check_code"] in printed.stdout
        assert P.hub_keys(county) == {key["check_code"]: key["public_key"]}
        statement = json.loads(county.meta(OWN_STATEMENT_META))
        assert statement["statement"]["scope"] == COUNTY
        assert statement["statement"]["device_id"] == county.device_id
        assert statement["statement"]["hub_key"] == key["check_code"]
        again = hub.cli("key")  # made once: the same key every time
        assert again.stdout == printed.stdout
    finally:
        county.close()


def test_offices_of_one_hub_trust_each_others_unit_on_the_hubs_word(hub, tmp_path):
    county = enrolled(hub, tmp_path, "county", COUNTY)
    township = enrolled(hub, tmp_path, "township", TOWNSHIP)
    stick = tmp_path / "stick"
    stick.mkdir()
    try:
        # the device list carries statements: the township trusts the county's unit from them
        assert SyncClient(township).trust_hub_devices() == 1
        assert P.peers(township)[county.device_id]["scope_by"] == "statement"
        # the county has not synced since: the township's identity file speaks for it
        ident = P.read_identity_file(P.peer_identity_file(township, stick))
        assert ident["statement"]["statement"]["scope"] == TOWNSHIP
        P.trust_by_statement(county, ident)
        township.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        report = P.import_package(county, P.export_package(township, stick, county.device_id))
        assert report.applied == 1 and report.rejected == []
        # an office enrolled at another hub is not taken on this hub's word
        with Ledger.new(tmp_path / "stranger.sqlite", scope=TOWNSHIP, operator="x") as stranger:
            forged = dict(P.public_identity(stranger), statement=ident["statement"])
            with pytest.raises(P.StatementMismatch):
                P.trust_by_statement(county, forged)
            assert stranger.device_id not in P.peers(county)
    finally:
        county.close()
        township.close()
