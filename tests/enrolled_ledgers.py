"""A ledger enrolled at a hub, with its package keys: for the tests of secrets and identities."""

from __future__ import annotations

import json

from conftest import TOWNSHIP
from desktop.ledger import Ledger
from desktop.ledger.secrets import PACKAGE_KEYS
from sync import packages as P
from sync.client import SyncSettings, save_settings

TOKEN = "tok-" + "x" * 39


def enrolled(path, scope: str = TOWNSHIP) -> tuple[str, str]:
    """A ledger with a hub token and package keys; (its device id, its private signing key)."""
    with Ledger.new(path, scope=scope, operator="张三") as ledger:
        save_settings(ledger, SyncSettings(hub_url="http://hub.example:8700", token=TOKEN, scope=scope))
        P.device_keys(ledger)
        return ledger.device_id, json.loads(ledger.secret(PACKAGE_KEYS))["sign"]
