"""The hub's own tables are versioned like the ledger's (``sync.hub.migrations``):
a hub ledger written before the hub counted its versions upgrades in place."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import COUNTY, TOWNSHIP
from desktop.ledger import Ledger
from sync.hub import migrations
from sync.hub.service import Hub
from sync.hub.store import EnrollmentRefused, HubStore

#: The tables exactly as the hub made them before its migrations (frozen copy of that code path).
UNVERSIONED_SCHEMA = """
CREATE TABLE IF NOT EXISTS hub_enrollment (
    code_sha256 TEXT PRIMARY KEY, scope TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0, used_at TEXT, used_by TEXT
);
CREATE TABLE IF NOT EXISTS hub_device (
    device_id TEXT PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', scope TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE, public_key TEXT, enrolled_at TEXT NOT NULL, last_contact TEXT,
    token_used INTEGER NOT NULL DEFAULT 0, last_pull_cursor INTEGER NOT NULL DEFAULT 0,
    revoked INTEGER NOT NULL DEFAULT 0, revoked_at TEXT, codes_before_revocation INTEGER
);
CREATE INDEX IF NOT EXISTS hub_device_scope ON hub_device(scope);
"""


def unversioned_hub(path, *, with_revocation_column: bool = True) -> None:
    """A hub ledger as the earlier code left it: its tables, a device, no ``hub_schema``."""
    ledger = Ledger.new(path, scope="", operator="hub")
    schema = UNVERSIONED_SCHEMA if with_revocation_column else UNVERSIONED_SCHEMA.replace(
        ", codes_before_revocation INTEGER", "")
    for statement in schema.split(";"):
        if statement.strip():
            ledger.conn.execute(statement)
    ledger.conn.execute("INSERT INTO hub_enrollment VALUES ('c0de', ?, '县团委', '2024-01-01T00:00:00Z', "
                        "'2099-01-01T00:00:00Z', 1, '2024-01-02T00:00:00Z', ?)", (COUNTY, "ab" * 8))
    ledger.conn.execute("INSERT INTO hub_device (device_id, name, label, scope, token_sha256, enrolled_at, revoked) "
                        "VALUES (?, '电脑', '县团委', ?, 't0ken', '2024-01-02T00:00:00Z', 1)", ("ab" * 8, COUNTY))
    ledger.close()


def versions(path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT version FROM hub_schema ORDER BY version")]
    finally:
        conn.close()


def test_a_new_hub_records_every_version(tmp_path):
    Hub(tmp_path / "hub.sqlite").close()
    assert versions(tmp_path / "hub.sqlite") == sorted(migrations.MIGRATIONS)


@pytest.mark.parametrize("with_column", [True, False], ids=["current-tables", "before-revocation-column"])
def test_an_unversioned_hub_ledger_upgrades_and_keeps_its_devices(tmp_path, with_column):
    path = tmp_path / "hub.sqlite"
    unversioned_hub(path, with_revocation_column=with_column)
    hub = Hub(path)
    try:
        assert versions(path) == sorted(migrations.MIGRATIONS)
        device = hub.store.device("ab" * 8)
        assert device is not None and device.revoked and device.scope == COUNTY
        # the revoked device needs a code issued after the upgrade
        later = hub.write(lambda: hub.store.create_code(TOWNSHIP, "乡团委"))
        token = hub.write(lambda: hub.store.redeem(later, "ab" * 8, "电脑"))
        assert hub.authenticate(token).scope == TOWNSHIP
    finally:
        hub.close()
    Hub(path).close()  # opening again changes nothing
    assert versions(path) == sorted(migrations.MIGRATIONS)


def test_the_admin_command_path_migrates_too_and_a_failing_step_leaves_nothing(tmp_path, monkeypatch):
    path = tmp_path / "hub.sqlite"
    unversioned_hub(path, with_revocation_column=False)

    def broken(conn):
        conn.execute("ALTER TABLE hub_device ADD COLUMN codes_before_revocation INTEGER")
        raise RuntimeError("disk full")

    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError):
        HubStore.open_admin(path)
    assert versions(path) == [1]  # step 1 committed with its row; step 2 left nothing behind
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(hub_device)")}
    conn.close()
    assert "codes_before_revocation" not in columns
    monkeypatch.undo()
    with HubStore.open_admin(path) as store:
        assert store.device("ab" * 8).revoked
        with pytest.raises(EnrollmentRefused):
            store.redeem("c0de", "ab" * 8, "电脑")
    assert versions(path) == sorted(migrations.MIGRATIONS)
