"""The package format's names and the small helpers every part of it uses."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Callable

from desktop import fsio
from desktop.errors import FileNotWritten
from desktop.fsio import atomic_path
from sync import crypto
from sync.packages.errors import PackageWriteFailed

FORMAT = "township-ledger-package"
FORMAT_VERSION = 1
IDENTITY_FORMAT = "township-ledger-identity"
RECEIPT_FORMAT = "township-ledger-receipt"
SUFFIX = ".tlpkg"
RECEIPT_SUFFIX = ".tlrcpt"
IDENTITY_SUFFIX = ".tlid"
PART = fsio.PART
CIPHER = "X25519-HKDF-SHA256-XCHACHA20POLY1305"

KEYS_META = "package_keys"  # a secret of the device (desktop.ledger.secrets.PACKAGE_KEYS)
PEERS_META = "package_peers"
ACKS_META = "package_acks"     # receiver → version vector it confirmed holding
HAVE_META = "package_have"     # sender → origin → seq: what its packages to us covered
LOG_META = "package_log"       # last exports/imports, for the status view
HELD_META = "package_held"     # packages of offices not trusted yet, held until their check code is confirmed

MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.bin"
#: Refuse absurd members before reading them into memory (a county's year is a few MB).
MAX_MEMBER = 512 * 1024 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def meta_json(ledger, key: str) -> dict:
    try:
        value = json.loads(ledger.meta(key) or "{}")
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def set_meta_json(ledger, key: str, value: dict) -> None:
    ledger.set_meta(key, json.dumps(value, ensure_ascii=False, sort_keys=True))


def vmax(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > out.get(k, 0):
            out[k] = v
    return out


def write_atomic(path: Path, write: Callable) -> None:
    """Write through ``<path>.part`` (:func:`desktop.fsio.atomic_path`)."""
    try:
        with atomic_path(path) as part, open(part, "wb") as fh:
            write(fh)
    except FileNotWritten:  # a full disk or a read-only stick, named as such
        raise
    except OSError as exc:
        raise PackageWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None


def derive_key(shared: bytes, package_id: str) -> bytes:
    return crypto.hkdf_sha256(shared, salt=package_id.encode("ascii"), info=b"township-ledger package v1")


def aad(package_id: str, member: str) -> bytes:
    return f"{FORMAT}/{package_id}/{member}".encode("utf-8")


def office_text(ledger, device_id: str, identity: dict | None = None) -> str:
    """An office as a person reads it (unit and person): from *identity* (what a package or
    file says of its sender) when given, else from what this ledger knows."""
    from desktop.offices import Office, office_of

    if isinstance(identity, dict) and isinstance(identity.get("scope"), str):
        return Office(str(device_id), identity["scope"], str(identity.get("name") or "")).text()
    return office_of(ledger, str(device_id)).text()
