"""Signatures made and checked many at once, on several threads: the same signatures and
the same verdicts, in the same order, as one at a time; a bad one anywhere is found where
it is; a key changed after the check ahead is not taken on the old answer."""

from __future__ import annotations

import dataclasses
import threading

from conftest import COUNTY, sign_key
from desktop.ledger import Ledger
from desktop.ledger.changes import Change, decoded_all
from sync import packages, signatures
from sync.signatures import BAD_SIGNATURE, KEY_UNKNOWN, UNSIGNED_RELAY, KeyBook

ORG = f"org-county_committee-{COUNTY}"


def writer(path, n: int) -> Ledger:
    ledger = Ledger.new(path, scope=COUNTY, operator="县团委")
    org = ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.publicity_items.create_many([{"org_id": org, "published_on": "2024-05-01", "channel": "website",
                                         "title": f"宣传信息{i}"} for i in range(n - 1)])
    return ledger


def altered(change: Change) -> Change:
    return dataclasses.replace(change, fields={**change.fields, "title": "改过的标题"})


def test_signing_many_at_once_gives_the_signatures_of_one_at_a_time(tmp_path):
    one = writer(tmp_path / "one.sqlite", 300)
    one.close()
    (tmp_path / "many.sqlite").write_bytes((tmp_path / "one.sqlite").read_bytes())  # the same device, twice
    one, many = Ledger.open(tmp_path / "one.sqlite"), Ledger.open(tmp_path / "many.sqlite")
    try:
        key = packages.device_keys(one)[0]
        threads = []
        assert one.sign_own_changes(key.sign) == 300
        assert many.sign_own_changes(key.sign, sign_many=lambda data: threads.append(len(data)) or
                                     signatures._shared(lambda part: [key.sign(d) for d in part], data)) == 300
        assert threads == [300]
        query = "SELECT origin_seq, signature FROM change_log WHERE origin = ? ORDER BY origin_seq"
        signed = one.conn.execute(query, (one.device_id,)).fetchall()
        assert [tuple(r) for r in signed] == [tuple(r) for r in many.conn.execute(query, (one.device_id,))]
        assert all(r["signature"] for r in signed)
        assert signatures.sign_own(many, key) == 0  # nothing left unsigned
    finally:
        one.close()
        many.close()


def test_checking_many_at_once_finds_each_bad_signature_where_it_is(tmp_path):
    ledger = writer(tmp_path / "w.sqlite", 400)
    signatures.sign_own(ledger, packages.device_keys(ledger)[0])
    key = sign_key(ledger)
    changes = ledger.changes_since(0)[0]
    ledger.close()
    bad_at = {0, 63, 64, 199, 200, 399}
    pairs = [(altered(c) if i in bad_at else c, key) for i, c in enumerate(changes)]
    seen: set[str] = set()
    real = signatures.signature_holds

    def holds(change, k):
        seen.add(threading.current_thread().name)
        return real(change, k)

    signatures.signature_holds = holds
    try:
        shared = signatures.holding(pairs)
    finally:
        signatures.signature_holds = real
    assert shared == [i not in bad_at for i in range(400)]
    assert shared == [real(c, k) for c, k in pairs]
    assert any(name.startswith("signatures") for name in seen) and threading.current_thread().name in seen
    assert signatures.holding(pairs[:10]) == [i not in bad_at for i in range(10)]  # few: one thread


def test_a_key_book_checked_ahead_gives_the_verdicts_of_one_checked_change_by_change(tmp_path):
    town = writer(tmp_path / "w.sqlite", 200)
    signatures.sign_own(town, packages.device_keys(town)[0])
    other = writer(tmp_path / "other.sqlite", 100)
    signatures.sign_own(other, packages.device_keys(other)[0])
    wire = [c.to_wire() for c in town.changes_since(0)[0]]
    wire[5]["fields"] = {**wire[5]["fields"], "title": "途中改过"}      # altered on the way
    wire[70].pop("sig")                                                # stripped
    wire += [c.to_wire() for c in other.changes_since(0)[0]][:80]      # an origin with no key offered
    wire.append(["not", "a", "change"])                                # malformed: left to the ledger
    keys = {town.device_id: sign_key(town)}
    receiver = Ledger.new(tmp_path / "r.sqlite", scope=COUNTY, operator="收")
    try:
        plain = KeyBook(receiver, keys)
        expected = [plain(c) if isinstance(c, Change) else "malformed" for c in decoded_all(wire)]
        ahead = KeyBook(receiver, keys)
        changes = decoded_all(wire)
        ahead.check_ahead(changes)
        assert len(ahead._checked) == 199  # the town's signed ones (one stripped); no key for the other
        got = [ahead(c) if isinstance(c, Change) else "malformed" for c in changes]
        assert got == expected
        codes = [getattr(r, "code", r) for r in got]
        assert codes[5] == BAD_SIGNATURE and codes[70] == UNSIGNED_RELAY and codes[-1] == "malformed"
        assert set(codes[200:280]) == {KEY_UNKNOWN} and codes.count(None) == 198

        # a key that is another by the time of the call: checked again, not taken on the old answer
        later = KeyBook(receiver, keys)
        later.check_ahead(changes)
        later.known[town.device_id] = sign_key(other)
        assert getattr(later(changes[0]), "code", None) == BAD_SIGNATURE
    finally:
        for ledger in (town, other, receiver):
            ledger.close()
