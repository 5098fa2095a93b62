"""Trust and time at the ledger: no received change can move the clock past the bound, speak
for this device, or rewrite a change already received; a restored backup continues as a new
device; a half-created file does not block a new ledger."""

from __future__ import annotations

import dataclasses
import sqlite3
import time

import pytest
from conftest import COUNTY, TOWNSHIP

from desktop.ledger import Ledger
from desktop.ledger.hlc import COUNTER_BITS, MAX_CLOCK, MAX_OFFSET_MS, HybridClock, make_stamp, stamp_ms

ORG = f"org-township_committee-{TOWNSHIP}"


def member_change(ledger: Ledger, name: str = "王芳"):
    member = ledger.committee_members.create(org_id=ORG, name=name, gender="female", post="member",
                                             employment="part_time", source="other", joined_on="2021-05-01")
    change = ledger.changes_since(0)[0][-1]
    assert change.record_id == member
    return change


@pytest.fixture
def township(tmp_path, county_ledger):
    ledger = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡干部")
    ledger.apply_changes(county_ledger.changes_since(0)[0])
    yield ledger
    ledger.close()


def future(change, ms_ahead: int | None = None, clock: int | None = None):
    value = clock if clock is not None else (int(time.time() * 1000) + ms_ahead) << COUNTER_BITS
    return dataclasses.replace(change, stamp=make_stamp(value, change.origin))


@pytest.mark.parametrize("ahead", ["a year", "the 64-bit maximum"])
def test_a_far_future_stamp_is_refused_and_moves_no_clock(ahead, county_ledger, township):
    before = township.clock.last
    change = member_change(county_ledger)
    bad = future(change, 365 * 24 * 3600 * 1000) if ahead == "a year" else future(change, clock=MAX_CLOCK)
    report = township.apply_changes([bad])
    assert report.applied == 0 and len(report.rejected) == 1
    assert "ahead of this computer's clock" in report.rejected[0][1] or "时钟" in report.rejected[0][1]
    assert township.get("committee_member", change.record_id) is None
    assert township.clock.last == before  # not poisoned
    township.committee_members.create(org_id=ORG, name="李四", gender="male", post="member",
                                      employment="part_time", source="other", joined_on="2021-05-01")
    assert stamp_ms(township.changes_since(0)[0][-1].stamp) - time.time() * 1000 < MAX_OFFSET_MS


def test_a_stamp_within_the_bound_applies_and_the_clock_never_passes_the_bound(county_ledger, township):
    change = member_change(county_ledger)
    report = township.apply_changes([future(change, MAX_OFFSET_MS // 2)])
    assert report.applied == 1
    clock = HybridClock(0, wall=lambda: 1000.0)
    clock.observe(((1000 * 1000) + 10 * MAX_OFFSET_MS) << COUNTER_BITS)
    assert clock.last == ((1000 * 1000) + MAX_OFFSET_MS) << COUNTER_BITS


def test_a_change_in_this_devices_own_name_is_refused_and_local_writes_go_on(county_ledger, township):
    change = member_change(county_ledger)
    forged = dataclasses.replace(change, origin=township.device_id, origin_seq=township.version_vector().get(
        township.device_id, 0) + 1, stamp=make_stamp(int(change.stamp[:16], 16), township.device_id))
    report = township.apply_changes([forged])
    assert report.applied == 0 and len(report.rejected) == 1
    member_change(township, "李四")  # no UNIQUE constraint failure: the sequence number was not taken
    assert township.check() == []


def test_a_duplicate_that_differs_is_refused_not_counted(county_ledger, township):
    change = member_change(county_ledger)
    assert township.apply_changes([change]).applied == 1
    assert township.apply_changes([change]).duplicate == 1
    altered = dataclasses.replace(change, fields={**change.fields, "name": "冒名顶替"})
    report = township.apply_changes([altered])
    assert report.duplicate == 0 and len(report.rejected) == 1
    assert township.get("committee_member", change.record_id)["name"] == "王芳"


def test_a_restored_backup_continues_as_a_new_device(county_ledger, tmp_path):
    member_change(county_ledger)
    old_device, old_vector = county_ledger.device_id, county_ledger.version_vector()
    backup = county_ledger.backup(tmp_path / "backups" / "b.sqlite")
    member_change(county_ledger, "李四")  # an edit after the backup, already gone up to the hub
    path = county_ledger.path
    county_ledger.close()
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        assert restored.device_id != old_device
        assert restored.meta("previous_device_ids") == old_device
        assert restored.version_vector()[old_device] == old_vector[old_device]  # old edits keep their name
        member_change(restored, "赵五")
        mine = [c for c in restored.changes_since(0)[0] if c.origin == restored.device_id]
        assert [c.origin_seq for c in mine] == [1]  # never a number the old device used
        assert restored.check() == []


def test_a_restored_backup_signs_the_old_devices_unsent_changes_before_dropping_its_key(county_ledger, tmp_path):
    from sync.signatures import signature_holds

    key = _key(county_ledger)  # the old device's keys exist: it exchanged packages or enrolled
    member_change(county_ledger, "未发送")  # written, not sent anywhere when the backup was made
    old_device = county_ledger.device_id
    backup = county_ledger.backup(tmp_path / "backups" / "b.sqlite")
    path = county_ledger.path
    county_ledger.close()
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        old = [c for c in restored.changes_since(0)[0] if c.origin == old_device]
        assert old and all(signature_holds(c, key) for c in old)
        assert _key(restored) != key  # the restored ledger has keys of its own


def test_the_clock_is_corrected_and_a_poisoned_clock_repaired(county_ledger):
    county_ledger.set_clock_correction(-3_600_000)  # the hub said: this computer runs an hour ahead
    assert abs(county_ledger.clock.now_ms() - (time.time() * 1000 - 3_600_000)) < 5000
    county_ledger.set_clock_correction(0)
    county_ledger.clock.last = (int(time.time() * 1000) + 365 * 24 * 3600 * 1000) << COUNTER_BITS
    assert county_ledger.clock.runs_ahead()
    moved = county_ledger.repair_clock()
    assert moved > 364 * 24 * 3600 * 1000 and not county_ledger.clock.runs_ahead()
    assert county_ledger.repair_clock() == 0


def test_a_half_created_file_is_replaced_but_another_database_is_not(tmp_path):
    half = tmp_path / "half.sqlite"
    conn = sqlite3.connect(half)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("DROP TABLE t")  # a file with a header and no table, as a cut-short creation leaves
    conn.commit()
    conn.close()
    assert half.stat().st_size > 0
    Ledger.new(half, scope=COUNTY, operator="张三").close()
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()
    with pytest.raises(Exception) as caught:
        Ledger.new(other, scope=COUNTY, operator="张三")
    assert "already exists" in str(caught.value) or "已存在" in str(caught.value)


# ---------------------------------------------------------------------- signed changes
def _signed(ledger: Ledger):
    from sync import packages, signatures

    signatures.sign_own(ledger, packages.device_keys(ledger)[0])
    return [c for c in ledger.changes_since(0)[0] if c.origin == ledger.device_id]


def _key(ledger: Ledger) -> str:
    from sync import packages, signatures

    return signatures.key_text(packages.device_keys(ledger)[0].public_bytes())


def test_the_signature_covers_every_part_of_a_change_and_nothing_local(county_ledger, township):
    from sync.signatures import signature_holds

    change = member_change(township)
    assert change.signature == ""  # signed when it first leaves the ledger, not before
    (signed,) = [c for c in _signed(township) if c.origin_seq == change.origin_seq]
    key = _key(township)
    assert signature_holds(signed, key) and not signature_holds(signed, _key(county_ledger))
    field = next(iter(signed.fields))
    for altered in (dict(origin_seq=signed.origin_seq + 1), dict(stamp=make_stamp(1, signed.origin)),
                    dict(kind="meeting"), dict(record_id="another"), dict(scope=COUNTY),
                    dict(fields={**signed.fields, field: "改"}), dict(fields={**signed.fields, "deleted": 1}),
                    dict(base={field: signed.stamp}), dict(author="别人"), dict(created=not signed.created)):
        assert not signature_holds(dataclasses.replace(signed, **altered), key), altered
    # stored with the change and carried unaltered by the wire form and the change log
    row = township.conn.execute("SELECT * FROM change_log WHERE origin = ? AND origin_seq = ?",
                                (signed.origin, signed.origin_seq)).fetchone()
    from desktop.ledger.changes import Change
    assert Change.from_row(row) == signed == Change.from_wire(signed.to_wire())
    assert township.sign_own_changes(lambda data: b"\0" * 64) == 0  # signed once; nothing left to sign


def test_a_received_change_is_checked_against_its_origins_key_and_refused_alone(county_ledger, township):
    from desktop.i18n import translate
    from sync.signatures import REASONS, KeyBook

    member_change(township, "李明")
    member_change(township, "赵强")
    honest, other = _signed(township)[-2:]
    altered = dataclasses.replace(other, fields={**other.fields, "name": "冒名"})
    unsigned = dataclasses.replace(other, signature="")
    key = _key(township)

    # a package from the county relaying the township's changes, one altered on the way
    book = KeyBook(county_ledger, {township.device_id: key}, handed_by="c" * 16, handed_by_key=_key(county_ledger))
    report = county_ledger.apply_changes([honest, altered, unsigned], authentic=book)
    assert report.applied == 1
    assert [(c.origin_seq, r.code) for c, r in report.rejected] == [(other.origin_seq, "bad_signature"),
                                                                     (other.origin_seq, "unsigned_relay")]
    assert report.rejected[0][1] == translate("sync", REASONS["bad_signature"]).format(origin=township.device_id)
    book.keep()  # the vouched key that proved good is kept
    assert county_ledger.meta("origin_keys") == f'{{"{township.device_id}": "{key}"}}'
    assert county_ledger.get("committee_member", other.record_id) is None
    # from the township itself the same changes arrive; an unsigned one too (written before signing)
    book = KeyBook(county_ledger, handed_by=township.device_id, handed_by_key=key)
    report = county_ledger.apply_changes([unsigned], authentic=book)
    assert report.applied == 1 and report.rejected == []
