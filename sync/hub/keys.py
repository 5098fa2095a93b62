"""The signing key the hub knows for each origin of changes.

An enrolled device's key is the one it registered at enrollment (``hub_device.public_key``,
``tlpk1:<sign>:<enc>``).  An office that never enrolled (a township whose data packages a
county relays) has its key pinned in ``hub_origin_key`` by the first device that relays
its signed changes and vouches for it (the push's ``keys``); a later, different key from
anyone is ignored, so from then on its changes must verify against the pinned one.  A
device enrolled without a key (by an older version) pins its own the same way, and only
it may.  The hub passes these keys on with its pull answers and snapshots.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Iterable

from sync.signatures import signing_key_of, valid_key


def origin_keys(conn: sqlite3.Connection, origins: Iterable[str]) -> dict[str, str]:
    """origin → Ed25519 public key (base64) of those the hub knows: the enrolled device's
    registered key before a pinned one."""
    return known_origins(conn, origins)[0]


def known_origins(conn: sqlite3.Connection, origins: Iterable[str]) -> tuple[dict[str, str], set[str]]:
    """:func:`origin_keys` of *origins*, and those of them that are (or were) devices enrolled
    at the hub; one statement per 500."""
    wanted = sorted(set(origins))
    keys: dict[str, str] = {}
    devices: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(f"SELECT 0, origin, public_key FROM hub_origin_key WHERE origin IN ({marks}) "
                            f"UNION ALL SELECT 1, device_id, public_key FROM hub_device WHERE device_id IN ({marks})",
                            [*chunk, *chunk]).fetchall()
        for device, origin, key in sorted(rows, key=lambda r: r[0]):  # a device's own key wins
            if device:
                devices.add(origin)
                key = signing_key_of(key)
            if key is not None:
                keys[origin] = key
    return keys, devices


def pin(conn: sqlite3.Connection, origin: str, key: str, vouched_by: str) -> str:
    """Keep *key* for the never-enrolled *origin* unless one is kept already; the kept key.
    Runs inside the push's write transaction."""
    if not valid_key(key):
        raise ValueError("not an Ed25519 public key")
    conn.execute("INSERT OR IGNORE INTO hub_origin_key (origin, public_key, vouched_by, vouched_at) "
                 "VALUES (?, ?, ?, ?)", (origin, key, vouched_by,
                                         dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))
    return conn.execute("SELECT public_key FROM hub_origin_key WHERE origin = ?", (origin,)).fetchone()[0]
