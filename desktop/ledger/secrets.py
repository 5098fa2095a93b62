"""The device's secrets — its hub token and its package private keys — kept out of the ledger
file where the computer has a key store.

With a key store (Windows' Credential Manager, macOS' Keychain, a Secret Service on Linux),
reached through the ``keyring`` package, a secret lives there under the ledger's device id, and a
copy of the ledger (a backup, a file sent by mail) carries none.  Without one — portable mode,
whose secrets must travel with the program on its stick, or a Linux machine without a Secret
Service — the secret stays in the ledger's ``meta`` under its own name; backups leave it out
(:mod:`desktop.ledger.backup`).  Secrets found in ``meta`` move to the key store when the
ledger is opened for writing on a computer that has one.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from desktop import paths

log = logging.getLogger(__name__)

#: The key store's name for the program's entries; each entry is "<device id>/<secret>".
SERVICE = "township-ledger"
#: The hub token of this device.
HUB_TOKEN = "hub_token"
#: This device's package signing and encryption keys (JSON).
PACKAGE_KEYS = "package_keys"
#: The hub token and the keys of the device this ledger took over from, until the hub has
#: taken it on as that device's successor (:mod:`desktop.ledger.identity`).
PREDECESSOR_TOKEN = "predecessor_hub_token"
PREDECESSOR_KEYS = "predecessor_package_keys"
#: Every secret; without a key store each is a ``meta`` entry of the same name.
SECRETS = (HUB_TOKEN, PACKAGE_KEYS, PREDECESSOR_TOKEN, PREDECESSOR_KEYS)
#: Where older versions kept a secret inside another ``meta`` entry: (entry, JSON field, secret).
LEGACY = (("sync_settings", "token", HUB_TOKEN),)


def key_store():
    """The computer's key store (a ``keyring`` backend), or None when there is none.

    On Linux every key store is a D-Bus service of the desktop session: without a session bus
    ``keyring`` (slow to load) is not even imported."""
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        import keyring
    except ImportError:  # a build without it keeps the secrets in the ledger
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - a broken key store must not stop the program
        log.warning("no key store: %r", exc)
        return None
    return backend if getattr(backend, "priority", 0) > 0 else None  # the fail/null backends: none


class Secrets:
    """Reading, writing and moving the device's secrets (a mixin of ``Ledger``)."""

    def _store_for_writing(self):
        """The key store new secrets go to; None in portable mode, whose secrets travel with it."""
        return None if paths.is_portable() else key_store()

    def _entry(self, name: str) -> str:
        return f"{self.device_id}/{name}"

    def secret(self, name: str) -> str | None:
        """The secret *name* (one of :data:`SECRETS`), or None when this device has none."""
        value = self.meta(name)
        if value is not None:
            return value
        for legacy, field, secret in LEGACY:  # not yet moved out (a ledger read without writing)
            if secret == name:
                value = _json_field(self.meta(legacy), field)
                if value:
                    return value
        store = key_store()
        if store is None:
            return None
        try:
            return store.get_password(SERVICE, self._entry(name))
        except Exception as exc:  # noqa: BLE001 - a locked or broken key store reads as empty
            log.warning("key store unreadable: %r", exc)
            return None

    def set_secret(self, name: str, value: str | None) -> None:
        """Keep (or, with None, forget) the secret *name*: in the key store when there is one,
        else in the ledger."""
        store = self._store_for_writing()
        with self.tx():
            if store is not None and _put(store, self._entry(name), value):
                self.conn.execute("DELETE FROM meta WHERE key = ?", (name,))
            elif value is None:
                self.conn.execute("DELETE FROM meta WHERE key = ?", (name,))
            else:
                self.set_meta(name, value)

    def _move_secrets_to_key_store(self) -> int:
        """Move the secrets this ledger keeps in ``meta`` into the key store, if the computer
        has one; how many moved.  Run when the ledger is opened for writing."""
        found = {name: self.meta(name) for name in SECRETS}
        legacy = [(entry, field, name, self.meta(entry)) for entry, field, name in LEGACY]
        legacy = [(entry, field, name, text) for entry, field, name, text in legacy if _json_field(text, field)]
        if not any(v is not None for v in found.values()) and not legacy:
            return 0  # the usual case: nothing to look at, and the key store is not even loaded
        store = self._store_for_writing()
        if store is None and not legacy:
            return 0
        moved = 0
        with self.tx():
            for entry, field, name, text in legacy:
                data = json.loads(text)
                value = data.pop(field)
                found[name] = found[name] or value
                if store is None:  # no key store: the secret takes its own entry, out of the settings
                    self.set_meta(name, found[name])
                self.set_meta(entry, json.dumps(data, ensure_ascii=False, sort_keys=True))
            if store is not None:
                for name, value in found.items():
                    if value is not None and _put(store, self._entry(name), value):
                        self.conn.execute("DELETE FROM meta WHERE key = ?", (name,))
                        moved += 1
        return moved


def _put(store, entry: str, value: str | None) -> bool:
    """Write (or delete) one key store entry; False when the key store refused."""
    try:
        if value is None:
            try:
                store.delete_password(SERVICE, entry)
            except Exception:  # noqa: BLE001 - nothing to delete
                pass
        else:
            store.set_password(SERVICE, entry, value)
            if store.get_password(SERVICE, entry) != value:
                return False
    except Exception as exc:  # noqa: BLE001 - a locked key store: keep the secret in the ledger
        log.warning("key store refused %s: %r", entry, exc)
        return False
    return True


def _json_field(text: str | None, field: str) -> str | None:
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    value = data.get(field) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None
