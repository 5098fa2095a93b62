"""The hub token and the package private keys: in the computer's key store where it has one
(``keyring``), else in the ledger but never in a backup, which travels."""

from __future__ import annotations

import base64
import json
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from conftest import TOWNSHIP
from desktop.ledger import Ledger
from desktop.ledger.secrets import HUB_TOKEN, PACKAGE_KEYS, SERVICE
from sync import packages as P
from sync.client import enrolled_settings, load_settings

from enrolled_ledgers import TOKEN, enrolled


class MemoryKeyring(KeyringBackend):
    """A key store in memory, through keyring's own backend interface."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        del self.entries[(service, username)]


@pytest.fixture
def key_store(monkeypatch):
    """A computer with a key store (on Linux a desktop session's D-Bus, where they live)."""
    store = MemoryKeyring()
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(fail.Keyring())


def test_without_a_key_store_the_secrets_stay_in_the_ledger_but_no_backup_holds_them(tmp_path):
    path = tmp_path / "ledger.sqlite"
    _, private = enrolled(path)
    assert TOKEN.encode() in path.read_bytes() and private.encode() in path.read_bytes()  # the fallback
    with Ledger.open(path) as ledger:
        assert load_settings(ledger).token == TOKEN
        assert "token" not in json.loads(ledger.meta("sync_settings"))  # a secret apart from the settings
        backup = ledger.backup(tmp_path / "backup.sqlite")
        counts = ledger.counts()
    data = backup.read_bytes()
    assert TOKEN.encode() not in data and private.encode() not in data
    with Ledger.open(backup, read_only=True) as copy:
        assert copy.secret(HUB_TOKEN) is None and copy.secret(PACKAGE_KEYS) is None
        assert copy.counts() == counts and sum(counts.values()) > 0  # the data is all there


def test_with_a_key_store_the_secrets_live_there_under_the_device_id(tmp_path, key_store):
    path = tmp_path / "ledger.sqlite"
    device, private = enrolled(path)
    assert key_store.entries[(SERVICE, f"{device}/{HUB_TOKEN}")] == TOKEN
    assert json.loads(key_store.entries[(SERVICE, f"{device}/{PACKAGE_KEYS}")])["sign"] == private
    data = path.read_bytes()
    assert TOKEN.encode() not in data and private.encode() not in data
    with Ledger.open(path) as ledger:
        assert load_settings(ledger).token == TOKEN
        assert P.device_keys(ledger)[0].private_bytes() == base64.b64decode(private)


def test_secrets_of_an_older_ledger_move_into_the_key_store_when_it_is_opened(tmp_path, monkeypatch):
    path = tmp_path / "ledger.sqlite"
    with Ledger.new(path, scope=TOWNSHIP, operator="张三") as ledger:  # as an older version kept them
        ledger.set_meta("sync_settings", json.dumps({"hub_url": "http://hub.example:8700", "token": TOKEN}))
        P.device_keys(ledger)
        keys = ledger.meta(PACKAGE_KEYS)
        device = ledger.device_id
    store = MemoryKeyring()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    keyring.set_keyring(store)
    try:
        with Ledger.open(path) as ledger:
            assert ledger.meta(PACKAGE_KEYS) is None and ledger.meta(HUB_TOKEN) is None
            assert "token" not in json.loads(ledger.meta("sync_settings"))
            assert load_settings(ledger).token == TOKEN and load_settings(ledger).hub_url == "http://hub.example:8700"
            assert ledger.secret(PACKAGE_KEYS) == keys
    finally:
        keyring.set_keyring(fail.Keyring())
    assert store.entries == {(SERVICE, f"{device}/{HUB_TOKEN}"): TOKEN, (SERVICE, f"{device}/{PACKAGE_KEYS}"): keys}
    assert TOKEN.encode() not in path.read_bytes()


def test_an_older_ledgers_token_leaves_the_settings_without_a_key_store_too(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Ledger.new(path, scope=TOWNSHIP, operator="张三") as ledger:
        ledger.set_meta("sync_settings", json.dumps({"hub_url": "http://hub.example:8700", "token": TOKEN}))
    with Ledger.open(path, read_only=True) as ledger:  # read before it was ever opened for writing
        assert load_settings(ledger).token == TOKEN
    with Ledger.open(path) as ledger:
        assert ledger.meta(HUB_TOKEN) == TOKEN and "token" not in json.loads(ledger.meta("sync_settings"))
        assert load_settings(ledger).token == TOKEN


def test_a_restored_backup_is_a_new_device_without_the_old_ones_secrets(tmp_path, key_store):
    path = tmp_path / "ledger.sqlite"
    device, _ = enrolled(path)
    with Ledger.open(path) as ledger:
        backup = ledger.backup(tmp_path / "backup.sqlite")
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as ledger:
        assert ledger.device_id != device
        assert not load_settings(ledger).enrolled and ledger.secret(PACKAGE_KEYS) is None  # it joins again


def test_portable_mode_keeps_its_secrets_with_the_ledger(tmp_path, key_store, monkeypatch):
    """A portable program travels on its stick with its ledger: so do its secrets."""
    program = tmp_path / "程序"
    program.mkdir()
    (program / "portable").write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "township-ledger"))
    path = tmp_path / "ledger.sqlite"
    enrolled(path)
    assert key_store.entries == {}
    assert TOKEN.encode() in path.read_bytes()


def test_a_restore_carries_the_replaced_ledgers_enrollment_as_a_claim(tmp_path, key_store):
    path = tmp_path / "ledger.sqlite"
    old, _ = enrolled(path)
    with Ledger.open(path) as ledger:
        backup = ledger.backup(tmp_path / "backup.sqlite")
        keys = ledger.secret("package_keys")
    Ledger.restore_from(backup, path)
    with Ledger.open(path) as restored:
        claim = restored.predecessor()
        assert restored.device_id != old
        assert (claim.device_id, claim.hub_url, claim.token, claim.keys) == (old, "http://hub.example:8700", TOKEN, keys)
        assert key_store.entries[(SERVICE, f"{restored.device_id}/predecessor_hub_token")] == TOKEN
        assert enrolled_settings(restored).token == TOKEN  # the window offers to sync: the sync takes over
        again = restored.backup(tmp_path / "again.sqlite")
    assert TOKEN.encode() not in path.read_bytes()  # the key store holds it, not the file
    with Ledger.open(again, read_only=True) as copy:
        assert copy.predecessor() is None  # a backup carries no claim
