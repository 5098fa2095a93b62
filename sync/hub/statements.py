"""The hub's signing key and the device statements it signs with it.

The key (Ed25519) is made once per hub, by the hub migration that brings it, and kept in
the hub's database (``hub_signing_key``, one row) — like the admin page's session secret —
so every hub process on one PostgreSQL database signs with the same key, the admin
commands reach it beside a running hub, and a backup of the hub's database keeps the hub's
identity with the devices it vouches for.  Whoever can read that database can sign as the
hub; they could rewrite its device table as well.

A statement (format in :mod:`sync.packages.statements`) says which unit (scope) a device
works for, with its name and package keys: the hub gives a device its own at enrollment and
one with every device it lists (``GET /v1/devices``).  Only devices enrolled with package
keys (``tlpk1:…``) get one.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import threading
from collections import OrderedDict

from sync.crypto import SigningKey
from sync.hub.dialect import dialect_of
from sync.hub.store import Device
from sync.packages.common import b64, unb64
from sync.packages.statements import STATEMENT_FORMAT, STATEMENT_VERSION, hub_key_code, signed_bytes

TABLE = "CREATE TABLE IF NOT EXISTS hub_signing_key (id INTEGER PRIMARY KEY, seed TEXT NOT NULL, created_at TEXT NOT NULL)"


def create_key(conn: sqlite3.Connection) -> None:
    """The hub migration that brings the key: the table and the key, made once."""
    conn.execute(dialect_of(conn).ddl(TABLE))
    conn.execute("INSERT OR IGNORE INTO hub_signing_key (id, seed, created_at) VALUES (1, ?, ?)",
                 (secrets.token_bytes(32).hex(), dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))


def signing_key(conn: sqlite3.Connection) -> SigningKey:
    row = conn.execute("SELECT seed FROM hub_signing_key WHERE id = 1").fetchone()
    return SigningKey(bytes.fromhex(row[0]))


def public_key(conn: sqlite3.Connection) -> dict:
    """The hub's public key (base64) and its check code, as ``township-hub key`` prints it."""
    key = b64(signing_key(conn).public_bytes())
    return {"public_key": key, "check_code": hub_key_code(key)}


#: statements signed by this process, by what they state (the oldest dropped beyond ISSUED_MAX)
_issued: OrderedDict[tuple, dict] = OrderedDict()
_issued_lock = threading.Lock()
#: some 600 bytes each: a province's devices many times over
ISSUED_MAX = 20_000


def statement_for(conn: sqlite3.Connection, device: Device, *, key: SigningKey | None = None) -> dict | None:
    """The hub's signed statement of *device*'s unit, name and package keys; None for a device
    without package keys.  A statement this process has signed of the same unit, name and
    keys is given again (``issued_at`` says when it was signed): every sync lists the devices
    of the caller's scope, and a province's devices signed afresh at each call would cost a
    signature each."""
    parts = (device.public_key or "").split(":")
    if len(parts) != 3 or parts[0] != "tlpk1":
        return None
    try:
        unb64(parts[1]), unb64(parts[2])
    except ValueError:
        return None
    key = key or signing_key(conn)
    hub_pub = b64(key.public_bytes())
    stated = (hub_pub, device.device_id, device.scope, device.name, parts[1], parts[2])
    with _issued_lock:
        found = _issued.get(stated)
        if found is not None:
            _issued.move_to_end(stated)
            return _copy(found)
    body = {"device_id": device.device_id, "scope": device.scope, "name": device.name, "sign_pub": parts[1],
            "enc_pub": parts[2], "issued_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "hub_key": hub_key_code(hub_pub)}
    statement = {"format": STATEMENT_FORMAT, "version": STATEMENT_VERSION, "statement": body,
                 "signature": b64(key.sign(signed_bytes(body))), "hub_pub": hub_pub}
    with _issued_lock:
        _issued[stated] = statement
        while len(_issued) > ISSUED_MAX:
            _issued.popitem(last=False)
    return _copy(statement)


def _copy(statement: dict) -> dict:
    """A statement of one's own (its values are texts and numbers: two levels to copy)."""
    return {**statement, "statement": dict(statement["statement"])}
