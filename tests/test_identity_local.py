"""A ledger's device identity on the computer itself: the claim a restored ledger carries
(secrets in the key store where there is one), and a new identity that issues the changes
the hub does not hold again under the new origin, consistently."""

from __future__ import annotations

import json

from conftest import TOWNSHIP
from desktop.ledger import Ledger
from desktop.ledger.changes import Change, expand_clock
from sync import packages as P
from sync.client import SyncSettings, save_settings
from enrolled_ledgers import TOKEN, enrolled

ORG = f"org-township_committee-{TOWNSHIP}"


def test_without_a_key_store_the_claim_stays_in_the_ledger(tmp_path):
    path = tmp_path / "ledger.sqlite"
    old, _ = enrolled(path)
    with Ledger.open(path) as ledger:
        backup = ledger.backup(tmp_path / "backup.sqlite")
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        assert restored.predecessor().device_id == old and restored.predecessor().token == TOKEN
        assert restored.meta("predecessor_hub_token") == TOKEN


def test_no_claim_over_a_ledger_of_another_unit(tmp_path):
    path = tmp_path / "ledger.sqlite"
    enrolled(path, scope="130111103")
    other = tmp_path / "other.sqlite"
    enrolled(other)
    with Ledger.open(other) as ledger:
        backup = ledger.backup(tmp_path / "backup.sqlite")
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        assert restored.predecessor() is None


def member(n: int, **extra) -> dict:
    return {"org_id": ORG, "name": f"委员{n}", "gender": "female", "post": "member", "employment": "part_time",
            "source": "other", "joined_on": "2020-01-01", "birth_date": "1990-01-01", **extra}


def test_a_new_identity_issues_the_unacknowledged_changes_again(tmp_path):
    with Ledger.new(tmp_path / "ledger.sqlite", scope=TOWNSHIP, operator="张三") as ledger:
        save_settings(ledger, SyncSettings(hub_url="http://hub.example:8700", token=TOKEN, scope=TOWNSHIP))
        P.device_keys(ledger)
        ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
        kept = ledger.committee_members.create(**member(1))
        ledger.set_meta("push_cursor", str(ledger.last_seq()))  # the hub acknowledged these
        ledger.set_meta("pull_cursor", "77")
        ledger.committee_members.update(kept, post="secretary")
        with ledger.batch():
            fresh = ledger.committee_members.create(**member(2))
            ledger.committee_members.update(fresh, post="deputy_secretary")
        old = ledger.device_id
        before = ledger.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?", (old,)).fetchone()[0]

        done = ledger.take_new_identity()

        assert (done.old_device_id, done.reissued, done.claim) == (old, 3, True)
        assert ledger.device_id == done.device_id != old and ledger.meta("device_id") == done.device_id
        rows = ledger.conn.execute("SELECT * FROM change_log WHERE origin = ? ORDER BY seq", (done.device_id,))
        ours = [Change.from_row(r) for r in rows]
        assert [c.origin_seq for c in ours] == [1, 2, 3] and all(not c.signature for c in ours)
        assert all(c.stamp.endswith(done.device_id) for c in ours)
        assert ours[2].base["post"] == ours[1].stamp  # the edit of the new record names its re-issued creation
        assert ledger.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?", (old,)).fetchone()[0] == \
            before - 3
        logged = {r[0] for r in ledger.conn.execute("SELECT stamp FROM change_log")}
        k = ledger.committee_members.kind
        for record in (kept, fresh):
            clock = expand_clock(k, ledger.conn.execute("SELECT clock FROM committee_member WHERE id = ?",
                                                        (record,)).fetchone()[0])
            assert set(clock.values()) - {""} <= logged
        assert (ledger.meta("pull_cursor"), ledger.predecessor().device_id) == ("0", old)
        assert ledger.check() == []
        ledger.committee_members.create(**member(3))  # numbering goes on after the re-issued ones
        assert ledger.conn.execute("SELECT max(origin_seq) FROM change_log WHERE origin = ?",
                                   (ledger.device_id,)).fetchone()[0] == 4
        assert json.loads(ledger.meta("identity_predecessor"))["device_id"] == old
