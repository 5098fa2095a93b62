"""A ledger under a new device identity, against a real hub (both backends): a restored
ledger takes the old device's place without a new enrollment code, and two copies of one
ledger file end up as two devices with every edit of both kept."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEVICE_KEYS, TOWNSHIP
from desktop.ledger import Ledger
from desktop.ledger.migrations import CURRENT_VERSION
from desktop.cli.commands import main
from sync.client import SyncClient, enroll, load_settings
from sync.client.errors import IdentityTakenOver, LedgerCopied, PredecessorRevoked
from sync.client.succession import new_identity

ORG = f"org-township_committee-{TOWNSHIP}"


def member(n: int, **extra) -> dict:
    d = {"org_id": ORG, "name": f"委员{n}", "gender": "female" if n % 2 else "male", "post": "member",
         "employment": "part_time", "source": "other", "joined_on": "2020-01-01", "birth_date": "1990-01-1" + str(n % 10)}
    d.update(extra)
    return d


def township(make_ledger, name: str) -> Ledger:
    ledger = make_ledger(name, TOWNSHIP)
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    return ledger


def sync(ledger: Ledger):
    return SyncClient(ledger).sync()


def names(ledger: Ledger) -> set[str]:
    return {r[0] for r in ledger.conn.execute("SELECT name FROM committee_member WHERE deleted = 0")}


def hub_rows(hub, sql: str, params=()) -> list[tuple]:
    with hub.ledger() as h:
        return [tuple(r) for r in h.conn.execute(sql, params)]


def no_pair_twice(conn) -> None:
    assert conn.execute("SELECT count(*) FROM (SELECT origin, origin_seq FROM change_log "
                        "GROUP BY origin, origin_seq HAVING count(*) > 1) AS twice").fetchone()[0] == 0


def cli(capsys, path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--lang", "en", "--ledger", str(path), *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def own_changes(ledger: Ledger) -> list[int]:
    return [r[0] for r in ledger.conn.execute("SELECT origin_seq FROM change_log WHERE origin = ? ORDER BY origin_seq",
                                              (ledger.device_id,))]


def stamps_logged(ledger: Ledger) -> None:
    """Every field stamp of every record is the stamp of a change the ledger holds (a change
    issued again under a new origin took its records' stamps along), and every base names one."""
    from desktop.ledger.changes import Change, expand_clock
    from desktop.records import KINDS

    logged = {r[0] for r in ledger.conn.execute("SELECT stamp FROM change_log")}
    for k in KINDS.values():
        for row in ledger.conn.execute(f"SELECT clock FROM {k.table}"):
            assert set(expand_clock(k, row[0]).values()) - {""} <= logged, k.name
    for row in ledger.conn.execute("SELECT * FROM change_log WHERE origin = ?", (ledger.device_id,)):
        assert set(Change.from_row(row).base.values()) <= logged


def test_restored_ledger_takes_the_old_devices_place(hub, make_ledger, tmp_path):
    ledger = township(make_ledger, "t1")
    path = ledger.path
    enroll(ledger, hub.url, hub.new_code(TOWNSHIP))
    first = ledger.committee_members.create(**member(1))
    sync(ledger)
    backup = ledger.backup(tmp_path / "backup.sqlite")
    ledger.committee_members.update(first, post="deputy_secretary")  # after the backup
    ledger.committee_members.create(**member(2))
    sync(ledger)
    old_id, old_token = ledger.device_id, load_settings(ledger).token
    ledger.close()

    Ledger.restore_from(backup, path)
    restored = Ledger.open(path)
    try:
        assert restored.device_id != old_id and restored.predecessor().device_id == old_id
        restored.committee_members.create(**member(3))
        sync(restored)
        settings = load_settings(restored)
        assert settings.enrolled and settings.token != old_token and restored.predecessor() is None
        assert names(restored) == {"委员1", "委员2", "委员3"}  # the old device's later edits came back
        assert restored.committee_members.get(first)["post"] == "deputy_secretary"
        with hub.ledger() as h:
            assert names(h) == names(restored)
        assert hub_rows(hub, "SELECT count(*) FROM hub_enrollment") == [(1,)]  # no second code
        new = hub_rows(hub, "SELECT scope, revoked FROM hub_device WHERE device_id = ?", (restored.device_id,))
        assert new == [(TOWNSHIP, 0)]
        assert hub_rows(hub, "SELECT revoked, succeeded_by FROM hub_device WHERE device_id = ?",
                        (old_id,)) == [(1, restored.device_id)]
        r = hub.get("/v1/devices", token=old_token)
        assert r.status_code == 401 and r.json()["error"] == "device_succeeded"
        assert sync(restored).push.accepted == 0  # hub and device agree
        assert restored.check() == []
    finally:
        restored.close()


def test_successor_refused_when_the_old_device_was_revoked(hub, make_ledger, tmp_path):
    ledger = township(make_ledger, "t1")
    path = ledger.path
    enroll(ledger, hub.url, hub.new_code(TOWNSHIP))
    sync(ledger)
    backup = ledger.backup(tmp_path / "backup.sqlite")
    old_id = ledger.device_id
    ledger.close()
    assert hub.cli("revoke", old_id).returncode == 0
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        with pytest.raises(PredecessorRevoked) as raised:
            sync(restored)
        assert "enroll" in raised.value.text()
        assert restored.predecessor() is None and load_settings(restored).hub_url == hub.url


def test_successor_claim_needs_the_old_key(hub, make_ledger, tmp_path):
    """A token without the old device's key cannot hand its place to other keys."""
    ledger = township(make_ledger, "t1")
    enroll(ledger, hub.url, hub.new_code(TOWNSHIP))
    token = load_settings(ledger).token
    r = hub.post("/v1/devices/successor", {"predecessor": ledger.device_id, "device_id": "0123456789abcdef",
                                           "public_key": DEVICE_KEYS[ledger.device_id], "schema": CURRENT_VERSION,
                                           "signature": ""}, token=token)
    assert r.status_code == 403 and r.json()["error"] == "bad_claim_signature", r.text
    assert sync(ledger).push.accepted >= 0  # the old token still works


def test_two_copies_of_one_ledger_become_two_devices(hub, make_ledger, tmp_path, capsys):
    a = township(make_ledger, "a")
    enroll(a, hub.url, hub.new_code(TOWNSHIP))
    first = a.committee_members.create(**member(1))
    sync(a)
    a.close()
    copy = tmp_path / "devices" / "b.sqlite"
    shutil.copyfile(a.path, copy)
    a = Ledger.open(a.path)
    b = Ledger.open(copy)
    try:
        assert a.device_id == b.device_id
        a.committee_members.create(**member(2))
        a.committee_members.create(**member(3))
        a.committee_members.update(first, post="deputy_secretary")
        b.committee_members.create(**member(4))
        b.committee_members.update(first, employment="full_time")
        b.committee_members.update(first, employment="seconded")  # based on its own edit just before
        sync(a)
        with pytest.raises(LedgerCopied):
            sync(b)  # the hub holds a's changes under these numbers
        b.close()
        code, out, err = cli(capsys, copy, "sync")  # and it says so until the ledger takes a new identity
        assert code == 1 and "new-identity" in err and len(err.strip().splitlines()) == 1, err
        code, out, err = cli(capsys, copy, "new-identity")
        assert code == 0 and "sync" in out.splitlines()[-1], (out, err)
        b = Ledger.open(copy)
        assert b.device_id != a.device_id and b.predecessor() is None
        assert len(own_changes(b)) == 3  # its three edits the hub did not hold, issued again
        b.committee_members.create(**member(5))
        sync(b)
        a.committee_members.create(**member(6))
        with pytest.raises(IdentityTakenOver):
            sync(a)  # b took the old device's place
        done, settings = new_identity(a)
        assert settings is None  # the old place is taken: a new code
        enroll(a, hub.url, hub.new_code(TOWNSHIP))
        sync(a)
        sync(b)
        sync(a)
        everyone = {f"委员{n}" for n in range(1, 7)}
        assert names(a) == names(b) == everyone
        with hub.ledger() as h:
            assert names(h) == everyone
            no_pair_twice(h.conn)
        for ledger in (a, b):
            no_pair_twice(ledger.conn)
            stamps_logged(ledger)
            assert ledger.check() == []
            row = ledger.committee_members.get(first)
            assert (row["post"], row["employment"]) == ("deputy_secretary", "seconded")
        assert len({a.device_id, b.device_id, done.old_device_id}) == 3
    finally:
        a.close()
        b.close()


def test_the_successor_sends_the_old_devices_changes_the_hub_lacks(hub, make_ledger, tmp_path):
    """Edits the old device made before the backup and never sent go out from the restored
    ledger as the old device's, though it was revoked by the succession."""
    ledger = township(make_ledger, "t1")
    path = ledger.path
    enroll(ledger, hub.url, hub.new_code(TOWNSHIP))
    sync(ledger)
    ledger.committee_members.create(**member(8))
    backup = ledger.backup(tmp_path / "backup.sqlite")
    old_id = ledger.device_id
    ledger.close()
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        result = sync(restored)
        assert result.push.rejected == 0 and result.push.applied >= 1
        assert hub_rows(hub, "SELECT count(*) FROM change_log WHERE origin = ? AND kind = 'committee_member'",
                        (old_id,)) == [(1,)]
