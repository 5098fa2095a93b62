"""First contact without a computer person: readable file names, the first package of an
office not trusted yet held until its check code is confirmed, identities on a stick,
offices by name, and the one count of what is still only here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import COUNTY, TOWNSHIP, TOWNSHIP_2
from desktop.ledger import Ledger
from desktop.offices import office_of
from sync import packages as P
from sync.pending import pending_count


def township(path, code=TOWNSHIP, operator="张三", members=2) -> Ledger:
    ledger = Ledger.new(path, scope=code, operator=operator)
    org = ledger.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code)
    for n in range(members):
        ledger.committee_members.create(org_id=org, name=f"委员{n}", gender="female", post="member",
                                        employment="part_time", source="other", joined_on="2020-01-01")
    return ledger


@pytest.fixture
def offices(tmp_path):
    t = township(tmp_path / "t.sqlite")
    c = Ledger.new(tmp_path / "c.sqlite", scope=COUNTY, operator="李四")
    stick = tmp_path / "stick"
    stick.mkdir()
    yield t, c, stick
    t.close()
    c.close()


def test_files_are_named_after_the_office_and_the_day(offices):
    t, c, stick = offices
    ident = P.peer_identity_file(t, stick)
    assert ident.name == "南高乡团委-身份.tlid"
    P.trust_office(t, P.read_identity_file(P.peer_identity_file(c, stick)))
    day = dt.date.today().isoformat()
    first = P.export_package(t, stick, c.device_id)
    second = P.export_package(t, stick, c.device_id)
    assert first.name == f"南高乡团委-{day}.tlpkg" and second.name == f"南高乡团委-{day}-2.tlpkg"
    # a package under an old-style name is read as before
    old = first.rename(stick / f"{t.device_id}-20261205-061236.tlpkg")
    assert P.read_manifest(old)["sender"]["device_id"] == t.device_id
    assert old in P.packages_in(stick) and old in P.packages_for(c, stick)


def test_the_first_package_of_an_unknown_office_is_held_until_its_code_matches(offices):
    t, c, stick = offices
    P.trust_office(t, P.read_identity_file(P.peer_identity_file(c, stick)))  # the county's stick, in person
    path = P.export_package(t, stick, c.device_id)
    before = c.last_seq()
    held = P.receive(c, path)
    assert isinstance(held, P.HeldPackage) and c.last_seq() == before  # nothing applied
    assert held.office().text() == "南高乡（张三）" and held.count > 0
    assert office_of(c, t.device_id).text() == "南高乡（张三）"  # named before it is trusted
    assert P.receive(c, path) == held and len(P.held_packages(c)) == 1  # the same package is held once
    with pytest.raises(P.FingerprintMismatch) as err:
        P.confirm_held(c, t.device_id, "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert held.fingerprint not in str(err.value)
    assert t.device_id not in P.peers(c) and c.last_seq() == before
    reports = P.confirm_held(c, t.device_id, P.public_identity(t)["fingerprint"].lower())
    assert sum(r.applied for r in reports) == held.count
    assert c.count("committee_member") == 2 and P.held_packages(c) == []
    assert P.peers(c)[t.device_id]["trusted_via"] == "fingerprint"


def test_a_forged_package_is_refused_not_held(offices, tmp_path):
    t, c, stick = offices
    P.trust_office(c, P.read_identity_file(P.peer_identity_file(t, stick)))
    stranger = township(tmp_path / "s.sqlite", TOWNSHIP_2)
    P.trust_office(stranger, P.read_identity_file(P.peer_identity_file(c, stick)))
    # claims the trusted township's device with its own keys
    fake = dict(P.public_identity(stranger), device_id=t.device_id, scope=TOWNSHIP)
    data, _ = P.build_package(stranger, c.device_id, P.peers(stranger)[c.device_id], [], {}, sender=fake)
    (stick / "fake.tlpkg").write_bytes(data)
    with pytest.raises(P.PackageKeyMismatch) as err:
        P.receive(c, stick / "fake.tlpkg")
    assert "南高乡" in str(err.value)
    # an unknown office's package whose signature does not hold is not held either
    data, _ = P.build_package(stranger, c.device_id, P.peers(stranger)[c.device_id], [], {},
                              signer=P.device_keys(t)[0])
    (stick / "bad.tlpkg").write_bytes(data)
    with pytest.raises(P.PackageBadSignature):
        P.receive(c, stick / "bad.tlpkg")
    assert P.held_packages(c) == []
    stranger.close()


def test_a_county_identity_on_the_stick_is_trusted_with_one_confirmation(offices):
    t, c, stick = offices
    assert P.upper_identities_on(t, stick) == []
    P.peer_identity_file(c, stick)
    P.peer_identity_file(t, stick)  # its own file is not offered
    [found] = P.upper_identities_on(t, stick)
    assert found.office().text() == "栾城区（李四）"
    P.trust_office(t, found.identity)
    assert P.peers(t)[c.device_id]["trusted_via"] == "in_person"
    assert P.identities_on(t, stick) == []


def test_a_held_package_is_applied_when_the_office_is_trusted_from_its_file(offices):
    t, c, stick = offices
    P.trust_office(c, P.read_identity_file(P.peer_identity_file(t, stick)))
    c.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    held = P.receive(t, P.export_package(c, stick, t.device_id))
    assert isinstance(held, P.HeldPackage) and held.office().text() == "栾城区（李四）"
    reports = P.trust_office(t, P.read_identity_file(P.peer_identity_file(c, stick)))
    assert [r.applied for r in reports] == [held.count] and P.held_packages(t) == []


def test_pending_counts_what_no_upper_office_confirmed_by_any_route(offices):
    t, c, stick = offices
    own = pending_count(t)
    assert own == t.pending_changes() > 0
    P.trust_office(t, P.read_identity_file(P.peer_identity_file(c, stick)))
    P.trust_office(c, P.read_identity_file(P.peer_identity_file(t, stick)))
    # the county imports the township's package: the changes are pending there (for the hub)
    before = pending_count(c)
    report = P.receive(c, P.export_package(t, stick, c.device_id))
    assert pending_count(c) == before + report.applied
    # the county publishes something downward: it reaches the township but is never pending there
    c.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    P.receive(t, P.export_package(c, stick, t.device_id))
    assert pending_count(t) == 0  # the county's package acknowledged everything
    t.committee_members.create(org_id=f"org-township_committee-{TOWNSHIP}", name="新人", gender="male",
                               post="member", employment="part_time", source="other", joined_on="2021-01-01")
    assert pending_count(t) == 1
    # a neighbouring township that confirmed holding everything is no upper office
    other = township(stick.parent / "o.sqlite", TOWNSHIP_2)
    P.trust_office(t, P.public_identity(other))
    acks = json.loads(t.meta(P.ACKS_META))
    acks[other.device_id] = t.version_vector()
    t.set_meta(P.ACKS_META, json.dumps(acks))
    assert pending_count(t) == 1
    other.close()
    # the hub confirmed everything up to the push cursor
    t.set_meta("push_cursor", str(t.last_seq()))
    assert pending_count(t) == 0

