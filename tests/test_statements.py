"""A peer's unit (scope) is never its own claim alone: it comes from a hub statement or from
the check code confirmed by phone.  These tests stand in for the hub with a key of their
own (the statements the hub signs are made by the same function, :mod:`sync.hub.statements`);
tests/sync/test_statements_hub.py runs the real hub."""

from __future__ import annotations

import json
import zipfile

import pytest

from desktop.ledger import Ledger
from sync import packages as P
from sync.crypto import SigningKey
from sync.hub.statements import statement_for
from sync.hub.store import Device
from sync.packages.common import b64
from test_packages import COUNTY, TOWNSHIP, TOWNSHIP_2, township_ledger

PREFECTURE = "1301"


class FakeHub:
    """A hub's signing key, and statements signed with it as the hub signs them."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.public = b64(self.key.public_bytes())

    def statement(self, ledger: Ledger, scope: str | None = None) -> dict:
        ident = P.public_identity(ledger)
        device = Device(ident["device_id"], ident["name"], "", ledger.scope if scope is None else scope,
                        f"tlpk1:{ident['sign_pub']}:{ident['enc_pub']}", "2026-12-01T00:00:00Z", None, 0, False)
        return statement_for(None, device, key=self.key)

    def enroll(self, ledger: Ledger) -> None:
        """What enrollment leaves in a ledger: the hub's key and the device's own statement."""
        with ledger.tx():
            assert P.take_from_enrollment(ledger, {"hub_key": {"public_key": self.public},
                                                   "statement": self.statement(ledger)})


def identity_with(ledger: Ledger, statement: dict | None) -> dict:
    ident = P.public_identity(ledger)
    if statement is not None:
        ident["statement"] = statement
    return ident


@pytest.fixture
def offices(tmp_path):
    """A prefecture (the receiver), a township of its county, and a stick."""
    prefecture = Ledger.new(tmp_path / "prefecture.sqlite", scope=PREFECTURE, operator="市团委")
    township = township_ledger(tmp_path / "township.sqlite")
    P.trust_peer(township, P.public_identity(prefecture), "fingerprint")
    stick = tmp_path / "stick"
    stick.mkdir()
    yield prefecture, township, stick
    prefecture.close()
    township.close()


# ------------------------------------------------------------------------------- check codes
def test_the_check_code_binds_device_and_unit_and_an_old_code_is_told_apart(tmp_path):
    ledger = township_ledger(tmp_path / "t.sqlite")
    ident = P.public_identity(ledger)
    assert ident["fingerprint"] == P.check_code(ident)
    assert P.check_code(dict(ident, scope=COUNTY)) != ident["fingerprint"]
    assert P.check_code(dict(ident, device_id="0" * 16)) != ident["fingerprint"]
    old = P.fingerprint(ident["sign_pub"], ident["enc_pub"])
    assert P.code_version(ident, ident["fingerprint"].lower().replace("-", " ")) == 2
    assert P.code_version(ident, old) == 1
    assert P.code_version(dict(ident, scope=COUNTY), ident["fingerprint"]) is None
    ledger.close()


# ------------------------------------------------------------------------------- enforcement
def _county_wide_package(forger: Ledger, receiver: Ledger, stick):
    """A package of a county-scope ledger: one record of its county, one of another township,
    one of the township it was confirmed as."""
    forger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    forger.organisations.create(kind="township_committee", name="别的乡团委", division_code=TOWNSHIP_2)
    forger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    P.trust_peer(forger, P.public_identity(receiver), "fingerprint")
    return P.export_package(forger, stick, receiver.device_id)


def test_a_forged_county_scope_sends_only_the_confirmed_townships_records(offices, tmp_path):
    prefecture, _township, stick = offices
    forger = Ledger.new(tmp_path / "forger.sqlite", scope=COUNTY, operator="假县团委")
    try:
        # its identity file claims the county; the prefecture confirmed it by phone as a township
        claim = P.read_identity_file(P.peer_identity_file(forger, tmp_path / "forger.tlid"))
        assert claim["scope"] == COUNTY
        P.trust_by_fingerprint(prefecture, dict(claim, scope=TOWNSHIP),
                               P.check_code(dict(claim, scope=TOWNSHIP)))
        report = P.import_package(prefecture, _county_wide_package(forger, prefecture, stick))
        assert report.applied == 1 and len(report.rejected) == 2
        assert [r["division_code"] for r in prefecture.organisations.query()] == [TOWNSHIP]
        assert all(TOWNSHIP in reason for _o, _s, reason in report.rejected)
    finally:
        forger.close()


def test_a_peer_checked_by_an_old_code_alone_is_held_until_its_unit_is_confirmed(offices, tmp_path):
    prefecture, _township, stick = offices
    forger = Ledger.new(tmp_path / "forger.sqlite", scope=COUNTY, operator="县团委")
    try:
        claim = P.read_identity_file(P.peer_identity_file(forger, tmp_path / "forger.tlid"))
        old = P.fingerprint(claim["sign_pub"], claim["enc_pub"])
        assert P.trust_office(prefecture, claim, code=old) == []
        assert P.peers(prefecture)[forger.device_id]["allowed_scope"] is None
        path = _county_wide_package(forger, prefecture, stick)
        with pytest.raises(P.PackageScopeUnconfirmed) as err:
            P.import_package(prefecture, path)
        assert "unit is not confirmed" in err.value.text("en")
        held = P.receive(prefecture, path)
        assert isinstance(held, P.HeldPackage)
        assert prefecture.organisations.query() == []
        # the new code (device, unit and keys) read out on the phone confirms it: the package applies
        reports = P.confirm_held(prefecture, forger.device_id, claim["fingerprint"])
        assert sum(r.applied for r in reports) == 3
        assert P.peers(prefecture)[forger.device_id]["scope_by"] == "code"
    finally:
        forger.close()


def test_an_unconfirmed_peer_is_sent_nothing(offices, tmp_path):
    prefecture, township, stick = offices
    ident = P.public_identity(township)
    P.trust_by_fingerprint(prefecture, ident, P.fingerprint(ident["sign_pub"], ident["enc_pub"]))
    prefecture.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    status = {s.device_id: s for s in P.delivery_status(prefecture)}
    assert status[township.device_id].pending == 0
    P.trust_by_fingerprint(prefecture, ident, ident["fingerprint"])
    status = {s.device_id: s for s in P.delivery_status(prefecture)}
    assert status[township.device_id].pending == 1


# ------------------------------------------------------------------------------- old codes
def test_old_code_peers_keep_working(offices, tmp_path):
    prefecture, township, stick = offices
    ident = P.public_identity(township)
    # trusted by an older version: an entry without a unit confirmation of its own
    with prefecture.tx():
        prefecture.set_meta(P.PEERS_META, json.dumps({township.device_id: {
            "scope": TOWNSHIP, "sign_pub": ident["sign_pub"], "enc_pub": ident["enc_pub"], "name": "乡团委书记",
            "trusted_via": "fingerprint", "trusted_at": "2026-01-01T00:00:00+00:00"}}))
    assert P.peers(prefecture)[township.device_id]["allowed_scope"] == TOWNSHIP
    assert P.import_package(prefecture, P.export_package(township, stick, prefecture.device_id)).applied > 0
    # an old code typed again (the unit not shown) leaves the confirmation as it was
    P.trust_by_fingerprint(prefecture, ident, P.fingerprint(ident["sign_pub"], ident["enc_pub"]))
    assert P.peers(prefecture)[township.device_id]["allowed_scope"] == TOWNSHIP


def test_an_old_code_with_the_unit_shown_and_confirmed_is_recorded_as_such(offices):
    prefecture, township, stick = offices
    ident = P.public_identity(township)
    old = P.fingerprint(ident["sign_pub"], ident["enc_pub"])
    entry = P.trust_by_fingerprint(prefecture, ident, old, scope_shown=True)
    assert (entry["confirmed_scope"], entry["scope_by"]) == (TOWNSHIP, "code_v1_shown")
    assert P.import_package(prefecture, P.export_package(township, stick, prefecture.device_id)).applied > 0


# ------------------------------------------------------------------------------- hub statements
def test_a_valid_hub_statement_is_trusted_without_a_phone_call(offices, tmp_path):
    prefecture, township, stick = offices
    hub = FakeHub()
    hub.enroll(prefecture)
    hub.enroll(township)
    # the identity file carries the township's statement; the prefecture trusts it on the hub's word
    ident = P.read_identity_file(P.peer_identity_file(township, tmp_path / "t.tlid"))
    assert ident["statement"]["statement"]["scope"] == TOWNSHIP
    entry = P.trust_by_statement(prefecture, ident)
    assert (entry["confirmed_scope"], entry["scope_by"], entry["trusted_via"]) == (TOWNSHIP, "statement", "hub")
    assert P.import_package(prefecture, P.export_package(township, stick, prefecture.device_id)).applied > 0


def test_a_package_with_a_valid_statement_from_an_unknown_office_applies_at_once(offices):
    prefecture, township, stick = offices
    hub = FakeHub()
    hub.enroll(prefecture)
    hub.enroll(township)
    path = P.export_package(township, stick, prefecture.device_id)
    with zipfile.ZipFile(path) as zf:
        assert json.loads(zf.read("manifest.json"))["sender"]["statement"]["statement"]["scope"] == TOWNSHIP
    report = P.receive(prefecture, path)
    assert isinstance(report, P.ImportReport) and report.applied > 0
    assert P.peers(prefecture)[township.device_id]["scope_by"] == "statement"


def test_a_statement_of_an_unknown_hub_is_refused_with_a_message(offices):
    prefecture, township, stick = offices
    FakeHub().enroll(prefecture)
    other = FakeHub()  # the township enrolled at another hub
    other.enroll(township)
    ident = identity_with(township, other.statement(township))
    with pytest.raises(P.StatementUnknownHub) as err:
        P.trust_by_statement(prefecture, ident)
    assert P.hub_key_code(other.public) in err.value.text("en")
    assert "does not know" in err.value.text("en") and "不" in err.value.text("zh_CN")
    assert township.device_id not in P.peers(prefecture)
    # its package waits for the phone check, like any unknown office's
    held = P.receive(prefecture, P.export_package(township, stick, prefecture.device_id))
    assert isinstance(held, P.HeldPackage)
    assert P.confirm_held(prefecture, township.device_id, P.public_identity(township)["fingerprint"])


def test_a_forged_or_mismatched_statement_is_refused(offices, tmp_path):
    prefecture, township, stick = offices
    hub = FakeHub()
    hub.enroll(prefecture)
    # the hub said township; the statement is edited to say county
    forged = hub.statement(township)
    forged["statement"]["scope"] = COUNTY
    with pytest.raises(P.StatementBadSignature) as err:
        P.trust_by_statement(prefecture, identity_with(township, forged))
    assert "forged" in err.value.text("en")
    # a true statement of the township, with an identity that claims the county
    true = hub.statement(township)
    with pytest.raises(P.StatementMismatch) as err:
        P.trust_by_statement(prefecture, dict(identity_with(township, true), scope=COUNTY))
    assert COUNTY in err.value.text("en") and TOWNSHIP in err.value.text("en")
    # ... even beside a correct phone code: the forged statement refuses the trust
    with pytest.raises(P.StatementBadSignature):
        P.trust_by_fingerprint(prefecture, identity_with(township, forged), P.public_identity(township)["fingerprint"])
    assert township.device_id not in P.peers(prefecture)


def test_a_hub_listing_with_a_bad_statement_is_not_trusted(offices):
    prefecture, township, _stick = offices
    hub = FakeHub()
    hub.enroll(prefecture)
    ident = P.public_identity(township)
    listed = {"device_id": township.device_id, "name": "乡", "scope": COUNTY, "revoked": False,
              "public_key": f"tlpk1:{ident['sign_pub']}:{ident['enc_pub']}", "statement": hub.statement(township)}
    assert P.trust_hub_devices(prefecture, [listed]) == 0
    assert P.trust_hub_devices(prefecture, [dict(listed, scope=TOWNSHIP)]) == 1
    assert P.peers(prefecture)[township.device_id]["scope_by"] == "statement"


def test_enrollment_keeps_only_a_statement_of_this_device(tmp_path):
    ledger = township_ledger(tmp_path / "t.sqlite")
    other = township_ledger(tmp_path / "o.sqlite")
    hub = FakeHub()
    with ledger.tx():
        assert not P.take_from_enrollment(ledger, {"hub_key": {"public_key": hub.public},
                                                   "statement": hub.statement(other)})
        assert not P.take_from_enrollment(ledger, {"hub_key": {"public_key": hub.public},
                                                   "statement": hub.statement(ledger, scope=COUNTY)})
        assert not P.take_from_enrollment(ledger, {})
    assert P.hub_keys(ledger) == {P.hub_key_code(hub.public): hub.public}
    assert "statement" not in json.loads(P.peer_identity_file(ledger, tmp_path / "x.tlid").read_text("utf-8"))
    ledger.close()
    other.close()


# ------------------------------------------------------------------------------- command line
def test_the_command_line_trusts_by_hub_and_asks_for_the_unit_with_an_old_code(capsys, tmp_path):
    from test_cli_packages import cli

    hub = FakeHub()
    paths = {name: tmp_path / f"{name}.sqlite" for name in ("town", "county", "stranger")}
    for name, scope in (("town", TOWNSHIP), ("county", COUNTY), ("stranger", TOWNSHIP_2)):
        with Ledger.new(paths[name], scope=scope, operator=name) as ledger:
            if name != "stranger":
                hub.enroll(ledger)
            P.peer_identity_file(ledger, tmp_path / f"{name}.tlid")
            ident = P.public_identity(ledger)
            if name == "stranger":
                old = P.fingerprint(ident["sign_pub"], ident["enc_pub"])
    code, out, _err = cli(capsys, paths["county"], "package", "trust", str(tmp_path / "town.tlid"), "--by-hub")
    assert code == 0 and "Trusted" in out
    code, _out, err = cli(capsys, paths["county"], "package", "trust", str(tmp_path / "stranger.tlid"), "--by-hub")
    assert code == 1 and "carries no hub's statement" in err and "check code" in err
    # an older program's code: the keys are trusted, the unit waits for --unit
    code, out, _err = cli(capsys, paths["county"], "package", "trust", str(tmp_path / "stranger.tlid"),
                          "--fingerprint", old)
    assert code == 0 and "--unit " + TOWNSHIP_2 in out
    code, _out, err = cli(capsys, paths["county"], "package", "trust", str(tmp_path / "stranger.tlid"),
                          "--fingerprint", old, "--unit", TOWNSHIP)
    assert code == 1 and TOWNSHIP_2 in err
    code, out, _err = cli(capsys, paths["county"], "package", "trust", str(tmp_path / "stranger.tlid"),
                          "--fingerprint", old, "--unit", TOWNSHIP_2)
    assert code == 0 and "--unit" not in out
    with Ledger.open(paths["county"]) as county:
        peers = P.peers(county)
    assert {p["scope_by"] for p in peers.values()} == {"statement", "code_v1_shown"}


def test_a_statement_is_signed_once_per_unit_name_and_keys(offices):
    """The hub lists the devices of a scope at every sync: a statement it signed already is
    given again, as a copy of its own; a new unit or name is signed anew."""
    prefecture, township, _stick = offices
    hub = FakeHub()
    signed: list[bytes] = []
    sign = hub.key.sign
    hub.key.sign = lambda data: signed.append(data) or sign(data)  # counts the signatures made
    first = hub.statement(township)
    first["statement"]["scope"] = COUNTY  # what a caller does with its copy stays with it
    again = hub.statement(township)
    assert len(signed) == 1 and again["statement"]["scope"] == township.scope
    assert again == {**first, "statement": {**first["statement"], "scope": township.scope}}
    moved = hub.statement(township, scope=TOWNSHIP_2)
    assert len(signed) == 2 and moved["statement"]["scope"] == TOWNSHIP_2
    ident = P.public_identity(township)
    hub.enroll(prefecture)
    listed = {"device_id": township.device_id, "name": "乡", "scope": township.scope, "revoked": False,
              "public_key": f"tlpk1:{ident['sign_pub']}:{ident['enc_pub']}", "statement": hub.statement(township)}
    assert P.trust_hub_devices(prefecture, [listed]) == 1  # the statement given again still holds
