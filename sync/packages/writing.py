"""Writing a package: encrypt, sign, zip, write atomically, read back and verify."""

from __future__ import annotations

import gzip
import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Callable

from desktop.ledger.changes import Change
from desktop.records import ids
from sync import crypto, signatures
from sync.crypto import ExchangeKey, SigningKey
from sync.packages.common import (CHANGES, CIPHER, FORMAT, FORMAT_VERSION, MANIFEST, SIGNATURE, aad, b64,
                                  derive_key, now, sha, unb64, write_atomic)
from sync.packages import refusals
from sync.packages.delivery import acks_for, blobs_needed, for_peer, holding_for, log_event
from sync.packages.errors import PackageDamaged, PackageError, PackageWriteFailed
from sync.packages.identity import device_keys, peer_entry, public_identity
from sync.packages.naming import package_name
from sync.packages.statements import own_statement
from sync.packages.reading import open_verified


def build_package(ledger, receiver: str, peer: dict, changes: list[Change], blobs: dict[str, bytes], *,
                  acks: dict | None = None, schema: int | None = None, signer: SigningKey | None = None,
                  sender: dict | None = None) -> tuple[bytes, dict]:
    """The zip bytes of a package of *changes* and *blobs* for *receiver* (whose trusted
    entry is *peer*), and its manifest.  The keywords override what the package says of
    its sender (acknowledgements, schema, identity, signing key), to craft hostile packages."""
    sign, _ = device_keys(ledger)
    signer = signer or sign
    me = sender or public_identity(ledger)
    statement = own_statement(ledger, me) if sender is None else sender.get("statement")
    package_id = str(uuid.uuid4())
    eph = ExchangeKey.generate()
    key = derive_key(eph.exchange(unb64(peer["enc_pub"])), package_id)
    plain = gzip.compress(json.dumps([c.to_wire() for c in changes], ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8"), compresslevel=6, mtime=0)
    nonce = crypto.new_nonce()
    members = {CHANGES: crypto.encrypt(key, nonce, plain, aad(package_id, CHANGES))}
    for digest, data in blobs.items():
        name = f"blobs/{digest}"
        bn = crypto.new_nonce()
        members[name] = bn + crypto.encrypt(key, bn, data, aad(package_id, name))
    ranges: dict[str, list[int]] = {}
    for c in changes:
        r = ranges.setdefault(c.origin, [c.origin_seq, c.origin_seq])
        r[0], r[1] = min(r[0], c.origin_seq), max(r[1], c.origin_seq)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "package_id": package_id,
        "sender": {"device_id": me["device_id"], "scope": me["scope"], "sign_pub": me["sign_pub"],
                   "enc_pub": me["enc_pub"], "name": me.get("name", ""),
                   # the hub's word on the sender's unit, when it enrolled (older readers ignore it)
                   **({"statement": statement} if statement else {})},
        "receiver": receiver, "created": now(),
        "schema": ledger.schema_version if schema is None else schema,
        "ranges": ranges, "acks": holding_for(ledger, receiver) if acks is None else acks,
        # what this ledger refused of the receiver's changes (sync.packages.refusals)
        "refused": refusals.for_peer(ledger, receiver),
        "covers": {o: s for o, s in ledger.version_vector().items() if o != ids.BUILTIN_DEVICE},
        "count": len(changes), "blob_count": len(blobs),
        # the keys of the other offices whose changes it carries, vouched for by this signature
        "keys": signatures.vouched_keys(ledger, changes),
        "encryption": {"cipher": CIPHER, "ephemeral_pub": b64(eph.public_bytes()), "nonce": b64(nonce)},
        "members": {name: sha(data) for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, signer.sign(manifest_bytes))
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue(), manifest


def export_package(ledger, dest_dir, receiver_device_id: str | None,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Write a package of every change *receiver_device_id* has not acknowledged into
    *dest_dir*; read it back and verify it before returning its path."""
    peer = peer_entry(ledger, receiver_device_id)
    dest = Path(dest_dir)
    if not dest.is_dir():
        raise PackageWriteFailed(path=str(dest), detail="not a folder")
    # one transaction: a package that could not be written leaves the ledger as it was (its
    # changes not yet signed, no export logged)
    with ledger.tx():
        signatures.sign_own(ledger, device_keys(ledger)[0])  # every change of ours leaves signed
        changes = for_peer(ledger, peer, acks_for(ledger, receiver_device_id))
        digests = blobs_needed(ledger, changes)
        blobs = {}
        total = len(digests) + 2
        if progress:
            progress(1, total)
        for i, d in enumerate(digests):
            blobs[d] = ledger.blob(d)
            if progress:
                progress(2 + i, total)
        data, manifest = build_package(ledger, receiver_device_id, peer, changes, blobs)
        path = package_name(ledger, dest)
        write_atomic(path, lambda fh: fh.write(data))
        try:
            back = open_verified(path, public_identity(ledger)["sign_pub"])
            if back[0] != manifest:
                raise PackageDamaged(path=str(path), detail="manifest")
        except PackageError as exc:
            try:
                path.unlink()
            except OSError:
                pass
            raise PackageWriteFailed(path=str(path), detail=str(exc)) from None
        log_event(ledger, "export", receiver_device_id, manifest)
    if progress:
        progress(total, total)
    return path
