"""How the hub shares its ledger between request threads (``sync.hub.service.Hub``).

Reads run on pooled read-only connections without waiting for writers; writes
are committed in groups, each write in a savepoint of its own.  These tests drive the
``Hub`` object from several threads in this process; the HTTP layer over it is tested
with a real hub process in test_hub.py.
"""

from __future__ import annotations

import threading

import pytest

from conftest import BACKENDS, COUNTY, TOWNSHIP, hub_db, read_hub_ledger, run_hub_cli
from sync.hub.store import HubStore
from sync.hub.errors import HubError
from sync.hub.service import Hub
from sync.hub.writer import PendingWrite


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A new hub ledger's file, or a new database's address."""
    return hub_db(request, tmp_path)


@pytest.fixture
def hub(db):
    hub = Hub(db)
    yield hub
    hub.close()


def enroll(hub: Hub, device_id: str, scope: str = COUNTY) -> str:
    code = hub.write(lambda: hub.store.create_code(scope, "测试单位"))
    return hub.write(lambda: hub.store.redeem(code, device_id, "测试电脑"))


def committed_codes(db) -> int:
    """Enrollment codes as another connection sees them (what is committed)."""
    with read_hub_ledger(db) as ledger:
        return ledger.conn.execute("SELECT count(*) FROM hub_enrollment").fetchone()[0]


def test_a_group_commits_once_and_a_failing_write_takes_back_only_itself(hub, db):
    def failing():
        hub.store.create_code(COUNTY, "写了一半")
        raise ValueError("boom")

    jobs = [PendingWrite(lambda: hub.store.create_code(COUNTY, "甲")), PendingWrite(failing),
            PendingWrite(lambda: hub.store.create_code(TOWNSHIP, "乙"))]
    with hub.lock:
        hub.writer.commit(jobs)
    assert (hub.writer.groups, hub.writer.writes) == (1, 3)
    assert all(job.done for job in jobs)
    assert isinstance(jobs[1].error, ValueError) and jobs[1].result is None
    assert jobs[0].error is None and jobs[2].error is None
    assert committed_codes(db) == 2
    names = {r[0] for r in hub.ledger.conn.execute("SELECT name FROM hub_enrollment")}
    assert names == {"甲", "乙"}
    # the failing write's exception reaches the request that queued it
    with pytest.raises(ValueError):
        hub.write(failing)
    assert committed_codes(db) == 2


def test_concurrent_pushes_lose_nothing_and_count_nothing_twice(hub, db, make_ledger):
    devices = []
    for i in range(6):
        ledger = make_ledger(f"county{i}", COUNTY, townships=(TOWNSHIP,))
        org = f"org-township_committee-{TOWNSHIP}"
        ledger.publicity_items.create_many([{"org_id": org, "published_on": "2024-05-01", "channel": "website",
                                             "title": f"设备{i} 第{k}条"} for k in range(40)])
        devices.append(ledger)
    batches = [[c for c in d.changes_since(0)[0] if c.origin == d.device_id] for d in devices]
    expected = sum(len(b) for b in batches)
    errors: list[BaseException] = []
    start = threading.Barrier(len(batches) * 2)

    def push(batch) -> None:
        try:
            start.wait(timeout=60)
            for k in range(0, len(batch), 7):  # small batches, as many devices would send
                part = batch[k:k + 7]
                hub.write(lambda part=part: hub.ledger.apply_changes(part, allowed_scope=COUNTY))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # every batch twice, at once: the second copy must change nothing
    threads = [threading.Thread(target=push, args=(b,)) for b in batches for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert not any(t.is_alive() for t in threads)
    with read_hub_ledger(db) as ledger:
        conn = ledger.conn
        keys = [tuple(r) for r in conn.execute("SELECT origin, origin_seq FROM change_log WHERE origin != ?",
                                               ("0" * 16,)).fetchall()]
        seqs = [r[0] for r in conn.execute("SELECT seq FROM change_log ORDER BY seq")]
        titles = conn.execute("SELECT count(*) FROM publicity_item").fetchone()[0]
    assert len(keys) == len(set(keys)) == expected
    assert titles == 6 * 40
    assert seqs == sorted(set(seqs))  # cursors only ever grow
    assert hub.writer.groups <= hub.writer.writes


def test_reads_do_not_wait_for_a_write_in_progress(hub):
    token = enroll(hub, "ab" * 8)
    hub.authenticate(token)  # its "last contact" is written now, not on the next call
    answers: list = []

    def read() -> None:
        device = hub.authenticate(token)
        with hub.reading() as reader:
            answers.append(reader.ledger.changes_for(0, device.scope, exclude_origin=device.device_id))

    with hub.lock:  # a long write holds the writing connection
        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=60)
        assert not reader.is_alive(), "a read waited for the write lock"
    assert len(answers) == 1
    changes, cursor, more = answers[0]
    assert more is False and cursor >= 0


def test_a_revocation_by_the_admin_command_is_seen_by_the_next_read(hub, db):
    """The admin command is another process that opens and closes the hub ledger while
    the hub runs; the hub's read connections must see its revocation at once, and the
    hub's own commits must stay visible to it."""
    token = enroll(hub, "cd" * 8)
    assert hub.authenticate(token).device_id == "cd" * 8
    r = run_hub_cli("devices", db=db)
    assert r.returncode == 0 and "cd" * 8 in r.stdout, r.stderr
    second = enroll(hub, "ef" * 8, TOWNSHIP)  # committed after the admin process closed the ledger
    r = run_hub_cli("revoke", "ef" * 8, db=db)
    assert r.returncode == 0, r.stderr
    with pytest.raises(HubError) as exc:
        hub.authenticate(second)
    assert exc.value.status == 401
    assert hub.authenticate(token).device_id == "cd" * 8
    with HubStore.open_admin(db) as admin:
        assert admin.device("ef" * 8).revoked and not admin.device("cd" * 8).revoked


def test_a_hub_ledger_of_the_earlier_version_keeps_its_revocations(db):
    """Hub ledgers written before revoked devices could come back lack the column that
    says which codes came before the revocation: opening one adds it, and its revoked
    devices then come back only with codes issued from then on."""
    path = db
    hub = Hub(path)
    token = enroll(hub, "12" * 8)
    earlier = hub.write(lambda: hub.store.create_code(COUNTY, "早先的"))
    hub.write(lambda: hub.store.revoke("12" * 8))
    hub.close()
    conn = writing_connection(path)  # as the earlier version left it (which counted no versions either)
    conn.execute("ALTER TABLE hub_device DROP COLUMN codes_before_revocation")
    conn.execute("DROP TABLE hub_schema")
    conn.commit()
    conn.close()

    hub = Hub(path)
    try:
        from sync.hub.store import EnrollmentRefused

        with pytest.raises(EnrollmentRefused) as refused:
            hub.write(lambda: hub.store.redeem(earlier, "12" * 8, "电脑"))
        assert refused.value.reason == "revoked"
        with pytest.raises(HubError):
            hub.authenticate(token)
        later = hub.write(lambda: hub.store.create_code(COUNTY, "之后的"))
        again = hub.write(lambda: hub.store.redeem(later, "12" * 8, "电脑"))
        assert hub.authenticate(again).device_id == "12" * 8
    finally:
        hub.close()


def writing_connection(db):
    """A plain connection to the hub ledger (a transaction is open until ``commit``)."""
    if isinstance(db, str):
        import psycopg

        return psycopg.connect(db)
    import sqlite3

    return sqlite3.connect(db)
