"""Data packages: changes carried on a USB stick between offices that have no connection.

A township secretary exports a package for the county; the county imports it (and relays
it to the hub with its own sync) and carries a package back.  One package is one zip file
``<sender>-<timestamp>.tlpkg``:

``manifest.json``
    format version, package id, sender (device id, scope, public keys), receiver, created
    time, schema version, change ranges per origin, the sender's acknowledgements (what it
    holds, so the receiver's next package need not carry it back), counts, the encryption
    parameters and the sha256 of every other member.
``manifest.sig``
    Ed25519 signature of the sender over the exact bytes of ``manifest.json`` (which holds
    the hashes of the other members, so it covers everything).
``changes.bin``
    gzip'd JSON list of changes (wire form), encrypted with XChaCha20-Poly1305 under a key
    derived (HKDF-SHA256) from X25519(ephemeral key, receiver's encryption key): a lost
    stick exposes neither the personal data of committee members nor anything else.
``blobs/<sha256>``
    attachment files the changes need, encrypted the same way (24-byte nonce first).

Packages are cumulative: each holds every change the receiver has not acknowledged, so a
lost or skipped stick is made good by the next one, and importing twice or out of order
changes nothing (apply is idempotent, acknowledgements only move forward).

Keys: every device has an Ed25519 signing key and an X25519 encryption key, created on
first use and kept in the ledger's ``meta`` (raw private bytes, base64).  This is a
desktop program on an office PC: **the keys are exactly as safe as the ledger file** —
whoever can copy the ledger can read its packages and sign as it (they could read the
ledger itself anyway).  Peers are trusted explicitly, after comparing a fingerprint by
phone (or because the hub vouched for them); a key that changes is refused.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sync import crypto
from desktop import fsio
from desktop.fsio import atomic_path
from desktop.records import ids
from sync.crypto import ExchangeKey, InvalidSignature, InvalidTag, SigningKey, VerifyKey
from desktop.ledger.changes import Change, dumps
from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS

FORMAT = "township-ledger-package"
FORMAT_VERSION = 1
IDENTITY_FORMAT = "township-ledger-identity"
RECEIPT_FORMAT = "township-ledger-receipt"
SUFFIX = ".tlpkg"
RECEIPT_SUFFIX = ".tlrcpt"
PART = fsio.PART
CIPHER = "X25519-HKDF-SHA256-XCHACHA20POLY1305"

KEYS_META = "package_keys"
PEERS_META = "package_peers"
ACKS_META = "package_acks"     # receiver → version vector it confirmed holding
HAVE_META = "package_have"     # sender → origin → seq: what its packages to us covered
LOG_META = "package_log"       # last exports/imports, for the status view

MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.bin"
#: Refuse absurd members before reading them into memory (a county's year is a few MB).
MAX_MEMBER = 512 * 1024 * 1024

#: Fields of each kind that are personal data (encrypted in packages).
PERSONAL_FIELDS = {k.name: tuple(f.name for f in k.fields if getattr(f, "personal", False)) for k in KINDS.values()}


# ============================================================================ errors
class PackageError(LedgerError):
    """Errors of data packages; their messages live in the "packages" translation context."""

    message = QT_TRANSLATE_NOOP("packages", "The data package could not be used.")
    context = "packages"


class PackageDamaged(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package {path} is damaged or incomplete ({detail}); nothing was imported. Copy it again from the sender's computer.")


class PackageUnfinished(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is an unfinished package (its writing was interrupted); nothing was imported. Export the package again.")


class PackageBadSignature(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The signature of the data package {path} does not match its contents: it was changed after it was written. Nothing was imported.")


class PackageUnknownSender(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package comes from device {device} (fingerprint {fingerprint}), which this ledger does not trust yet. Trust its identity file first, after comparing the fingerprint by phone.")


class PackageKeyMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package claims to come from device {device} but is signed with a different key (fingerprint {fingerprint}, trusted: {trusted}). Nothing was imported; ask the sender by phone.")


class PackageNotForUs(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package is meant for device {receiver}, not for this ledger ({device}). Nothing was imported.")


class PackageTooNew(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package was written by a newer version of the program (schema {found}, this program knows {known}). Nothing was imported; please update the program.")


class PackageWriteFailed(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package {path} could not be written correctly ({detail}). Check the USB stick and export again.")


class UnknownPeer(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "No trusted device {device}. Trust its identity file first.")


class BadReceiver(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "A data package is always for one known device; choose the device it is for.")


class BadIdentityFile(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid device identity file ({detail}).")


class FingerprintMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The fingerprint does not match: the file shows {actual}, you entered {entered}. Do not trust this file; ask the other office again.")


class PeerKeyChanged(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "Device {device} is already trusted with another key (fingerprint {trusted}); the new fingerprint is {fingerprint}. Remove the old trust first if the office really has a new computer.")


class BadReceipt(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid receipt ({detail}).")


#: Reason a received change is rejected: it is none of this ledger's business.
REJECT_NOT_OURS = QT_TRANSLATE_NOOP("packages", "record scope {scope} lies outside this ledger's scope {own}")


# ============================================================================ helpers
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _raw_pub(key: SigningKey | ExchangeKey) -> bytes:
    return key.public_bytes()


def fingerprint(sign_pub: str, enc_pub: str) -> str:
    """Five groups of four base32 characters of sha256(both public keys): read out by phone."""
    digest = hashlib.sha256(_unb64(sign_pub) + _unb64(enc_pub)).digest()
    text = base64.b32encode(digest).decode("ascii")[:20]
    return "-".join(text[i:i + 4] for i in range(0, 20, 4))


def normalise_fingerprint(text: str) -> str:
    """What a person typed: any case, spaces or dashes; 0/1/8 misread as O/I/B fixed."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _meta_json(ledger, key: str) -> dict:
    try:
        value = json.loads(ledger.meta(key) or "{}")
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def _set_meta_json(ledger, key: str, value: dict) -> None:
    ledger.set_meta(key, json.dumps(value, ensure_ascii=False, sort_keys=True))


def _vmax(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > out.get(k, 0):
            out[k] = v
    return out


def _write_atomic(path: Path, write: Callable) -> None:
    """Write through ``<path>.part`` (:func:`desktop.fsio.atomic_path`)."""
    try:
        with atomic_path(path) as part, open(part, "wb") as fh:
            write(fh)
    except OSError as exc:
        raise PackageWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None


# ============================================================================ keys and identity
def device_keys(ledger) -> tuple[SigningKey, ExchangeKey]:
    """This device's signing and encryption keys, created on first use (kept in meta)."""
    stored = _meta_json(ledger, KEYS_META)
    if "sign" in stored and "enc" in stored:
        return SigningKey(_unb64(stored["sign"])), ExchangeKey(_unb64(stored["enc"]))
    sign, enc = SigningKey.generate(), ExchangeKey.generate()
    with ledger.tx():
        again = _meta_json(ledger, KEYS_META)  # another connection of this program may have won
        if "sign" in again and "enc" in again:
            return device_keys(ledger)
        _set_meta_json(ledger, KEYS_META, {"sign": _b64(sign.private_bytes()),
                                           "enc": _b64(enc.private_bytes()), "created": _now()})
    return sign, enc


def public_identity(ledger) -> dict:
    sign, enc = device_keys(ledger)
    sign_pub, enc_pub = _b64(_raw_pub(sign)), _b64(_raw_pub(enc))
    return {"device_id": ledger.device_id, "scope": ledger.scope, "sign_pub": sign_pub, "enc_pub": enc_pub,
            "fingerprint": fingerprint(sign_pub, enc_pub), "name": getattr(ledger, "operator", "") or ""}


def public_key_string(ledger) -> str:
    """The identity in one line, for the hub's ``public_key`` field of a device."""
    ident = public_identity(ledger)
    return f"tlpk1:{ident['sign_pub']}:{ident['enc_pub']}"


def peer_identity_file(ledger, path) -> Path:
    """Write this device's identity (public keys, self-signed) for a first contact."""
    ident = public_identity(ledger)
    body = {k: ident[k] for k in ("device_id", "scope", "sign_pub", "enc_pub", "name")}
    sign, _ = device_keys(ledger)
    doc = {"format": IDENTITY_FORMAT, "version": 1, "identity": body,
           "signature": _b64(sign.sign(dumps(body).encode("utf-8"))), "fingerprint": ident["fingerprint"]}
    path = Path(path)
    _write_atomic(path, lambda fh: fh.write(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")))
    return path


def _check_identity(body: object) -> dict:
    if not isinstance(body, dict):
        raise ValueError("identity")
    out = {}
    for key in ("device_id", "scope", "sign_pub", "enc_pub"):
        if not isinstance(body.get(key), str):
            raise ValueError(key)
        out[key] = body[key]
    if len(out["device_id"]) != 16 or not (out["scope"] == "" or out["scope"].isdigit()):
        raise ValueError("device_id/scope")
    try:
        VerifyKey(_unb64(out["sign_pub"]))
        crypto.check_exchange_public(_unb64(out["enc_pub"]))
    except ValueError:
        raise ValueError("public key") from None
    out["name"] = str(body.get("name") or "")[:100]
    out["fingerprint"] = fingerprint(out["sign_pub"], out["enc_pub"])
    return out


def read_identity_file(path) -> dict:
    """A peer's identity from its file (self-signature checked; the fingerprint is computed
    here from the keys, never taken from the file)."""
    path = Path(path)
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != IDENTITY_FORMAT:
            raise ValueError("format")
        ident = _check_identity(doc.get("identity"))
        body = {k: doc["identity"][k] for k in ("device_id", "scope", "sign_pub", "enc_pub", "name")
                if k in doc["identity"]}
        VerifyKey(_unb64(ident["sign_pub"])).verify(
            _unb64(doc.get("signature", "")), dumps(body).encode("utf-8"))
    except OSError as exc:
        raise BadIdentityFile(path=str(path), detail=exc.strerror or str(exc)) from None
    except InvalidSignature:
        raise BadIdentityFile(path=str(path), detail="signature") from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BadIdentityFile(path=str(path), detail=str(exc) or type(exc).__name__) from None
    return ident


def trust_peer(ledger, identity: dict, via: str, *, replace: bool = False) -> dict:
    """Trust a peer's keys: ``via`` is "fingerprint" (compared by phone) or "hub"."""
    if via not in ("hub", "fingerprint"):
        raise ValueError(via)
    ident = _check_identity(identity)
    if ident["device_id"] == ledger.device_id:
        raise BadIdentityFile(path=ident["device_id"], detail="this device itself")
    with ledger.tx():
        peers = _meta_json(ledger, PEERS_META)
        old = peers.get(ident["device_id"])
        if old and (old["sign_pub"], old["enc_pub"]) != (ident["sign_pub"], ident["enc_pub"]) and not replace:
            raise PeerKeyChanged(device=ident["device_id"], trusted=fingerprint(old["sign_pub"], old["enc_pub"]),
                                 fingerprint=ident["fingerprint"])
        entry = {"scope": ident["scope"], "sign_pub": ident["sign_pub"], "enc_pub": ident["enc_pub"],
                 "name": ident["name"], "trusted_via": via, "trusted_at": _now()}
        peers[ident["device_id"]] = entry
        _set_meta_json(ledger, PEERS_META, peers)
    return entry


def trust_hub_devices(ledger, devices: list[dict]) -> int:
    """Trust the devices the hub lists (``/v1/devices``) whose ``public_key`` is a package
    identity (``tlpk1:…``); returns how many.  A device already trusted with another key
    is left alone (the fingerprint check decides)."""
    n = 0
    for d in devices:
        key = d.get("public_key") if isinstance(d, dict) else None
        if not isinstance(key, str) or not key.startswith("tlpk1:") or d.get("device_id") == ledger.device_id:
            continue
        try:
            _, sign_pub, enc_pub = key.split(":")
            trust_peer(ledger, {"device_id": d.get("device_id"), "scope": d.get("scope"), "sign_pub": sign_pub,
                                "enc_pub": enc_pub, "name": d.get("name") or ""}, "hub")
            n += 1
        except (ValueError, PeerKeyChanged):
            continue
    return n


def peers(ledger) -> dict[str, dict]:
    out = {}
    for device, entry in _meta_json(ledger, PEERS_META).items():
        out[device] = dict(entry, fingerprint=fingerprint(entry["sign_pub"], entry["enc_pub"]))
    return out


def resolve_peer(ledger, text: str) -> str:
    """A device id from what the user typed: a device id, a fingerprint, a name or a division code."""
    text = (text or "").strip()
    if not text or text.lower() == "hub":
        raise BadReceiver()
    known = peers(ledger)
    if text in known:
        return text
    fp = normalise_fingerprint(text)
    hits = [d for d, e in known.items() if e["fingerprint"] == fp or e["name"] == text or e["scope"] == text]
    if len(hits) == 1:
        return hits[0]
    raise UnknownPeer(device=text)


def _peer(ledger, device_id: str | None) -> dict:
    if not device_id or device_id == "hub":
        raise BadReceiver()
    entry = peers(ledger).get(device_id)
    if entry is None:
        raise UnknownPeer(device=device_id)
    return entry


# ============================================================================ what goes where
def _visible_to(scope: str, change_scope: str) -> bool:
    """Does a device of *scope* hold changes of *change_scope*: its own and its units', and
    what the levels above publish downward."""
    return change_scope.startswith(scope) or scope.startswith(change_scope)


def _acks_for(ledger, peer_id: str) -> dict:
    return _meta_json(ledger, ACKS_META).get(peer_id, {}) or {}


def _holding_for(ledger, peer_id: str) -> dict:
    """What this ledger tells *peer_id* it holds: its contiguous version vector, raised by
    what that peer's packages covered (a package skips changes outside our scope, so our
    own vector may stop at a gap that will never be filled)."""
    have = _meta_json(ledger, HAVE_META).get(peer_id, {}) or {}
    return _vmax(ledger.version_vector(), have)


def _for_peer(ledger, peer: dict, acks: dict) -> list[Change]:
    """Changes inside this ledger's scope, seen by the peer, that the peer has not confirmed."""
    return [c for c in ledger.changes_after(acks, scope=ledger.scope or None)
            if _visible_to(peer["scope"], c.scope)]


def _blobs_needed(ledger, changes: list[Change]) -> list[str]:
    out = []
    for c in changes:
        if c.kind == "attachment":
            digest = c.fields.get("sha256")
            if isinstance(digest, str) and digest not in out and ledger.has_blob(digest):
                out.append(digest)
    return out


# ============================================================================ crypto
def _derive(shared: bytes, package_id: str) -> bytes:
    return crypto.hkdf_sha256(shared, salt=package_id.encode("ascii"), info=b"township-ledger package v1")


def _aad(package_id: str, member: str) -> bytes:
    return f"{FORMAT}/{package_id}/{member}".encode("utf-8")


# ============================================================================ export
@dataclass
class PackageInfo:
    path: Path
    manifest: dict

    @property
    def count(self) -> int:
        return self.manifest["count"]


def _build(ledger, receiver: str, peer: dict, changes: list[Change], blobs: dict[str, bytes], *,
           acks: dict | None = None, schema: int | None = None, signer: SigningKey | None = None,
           sender: dict | None = None) -> tuple[bytes, dict]:
    """The zip bytes of a package (also used by tests to craft packages)."""
    sign, _ = device_keys(ledger)
    signer = signer or sign
    me = sender or public_identity(ledger)
    package_id = str(uuid.uuid4())
    eph = ExchangeKey.generate()
    key = _derive(eph.exchange(_unb64(peer["enc_pub"])), package_id)
    plain = gzip.compress(json.dumps([c.to_wire() for c in changes], ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8"), compresslevel=6, mtime=0)
    nonce = crypto.new_nonce()
    members = {CHANGES: crypto.encrypt(key, nonce, plain, _aad(package_id, CHANGES))}
    for digest, data in blobs.items():
        name = f"blobs/{digest}"
        bn = crypto.new_nonce()
        members[name] = bn + crypto.encrypt(key, bn, data, _aad(package_id, name))
    ranges: dict[str, list[int]] = {}
    for c in changes:
        r = ranges.setdefault(c.origin, [c.origin_seq, c.origin_seq])
        r[0], r[1] = min(r[0], c.origin_seq), max(r[1], c.origin_seq)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "package_id": package_id,
        "sender": {"device_id": me["device_id"], "scope": me["scope"], "sign_pub": me["sign_pub"],
                   "enc_pub": me["enc_pub"], "name": me.get("name", "")},
        "receiver": receiver, "created": _now(),
        "schema": ledger.schema_version if schema is None else schema,
        "ranges": ranges, "acks": _holding_for(ledger, receiver) if acks is None else acks,
        "covers": {o: s for o, s in ledger.version_vector().items() if o != ids.BUILTIN_DEVICE},
        "count": len(changes), "blob_count": len(blobs),
        "encryption": {"cipher": CIPHER, "ephemeral_pub": _b64(_raw_pub(eph)), "nonce": _b64(nonce)},
        "members": {name: _sha(data) for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, signer.sign(manifest_bytes))
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue(), manifest


def _package_name(ledger, dest: Path, suffix: str = SUFFIX) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = dest / f"{ledger.device_id}-{stamp}{suffix}"
    n = 2
    while path.exists() or path.with_name(path.name + PART).exists():
        path = dest / f"{ledger.device_id}-{stamp}-{n}{suffix}"
        n += 1
    return path


def export_package(ledger, dest_dir, receiver_device_id: str | None,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Write a package of every change *receiver_device_id* has not acknowledged into
    *dest_dir*; read it back and verify it before returning its path."""
    peer = _peer(ledger, receiver_device_id)
    dest = Path(dest_dir)
    if not dest.is_dir():
        raise PackageWriteFailed(path=str(dest), detail="not a folder")
    changes = _for_peer(ledger, peer, _acks_for(ledger, receiver_device_id))
    digests = _blobs_needed(ledger, changes)
    blobs = {}
    total = len(digests) + 2
    if progress:
        progress(1, total)
    for i, d in enumerate(digests):
        blobs[d] = ledger.blob(d)
        if progress:
            progress(2 + i, total)
    data, manifest = _build(ledger, receiver_device_id, peer, changes, blobs)
    path = _package_name(ledger, dest)
    _write_atomic(path, lambda fh: fh.write(data))
    try:
        back = _open_verified(path, public_identity(ledger)["sign_pub"])
        if back[0] != manifest:
            raise PackageDamaged(path=str(path), detail="manifest")
    except PackageError as exc:
        try:
            path.unlink()
        except OSError:
            pass
        raise PackageWriteFailed(path=str(path), detail=str(exc)) from None
    _log_event(ledger, "export", receiver_device_id, manifest)
    if progress:
        progress(total, total)
    return path


def _log_event(ledger, what: str, peer: str, manifest: dict) -> None:
    log = _meta_json(ledger, LOG_META)
    log.setdefault(peer, {})[what] = {"at": _now(), "package_id": manifest.get("package_id"),
                                      "count": manifest.get("count")}
    _set_meta_json(ledger, LOG_META, log)


# ============================================================================ reading
def _read_zip(path: Path) -> dict[str, bytes]:
    if path.name.endswith(PART):
        raise PackageUnfinished(path=str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            out = {}
            for info in zf.infolist():
                if info.file_size > MAX_MEMBER or info.filename in out:
                    raise PackageDamaged(path=str(path), detail=info.filename)
                out[info.filename] = zf.read(info)  # checks the CRC
            return out
    except FileNotFoundError:
        raise PackageDamaged(path=str(path), detail="no such file") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise PackageDamaged(path=str(path), detail=str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise PackageDamaged(path=str(path), detail=exc.strerror or str(exc)) from None


def _manifest_of(path: Path, members: dict[str, bytes]) -> dict:
    try:
        manifest = json.loads(members[MANIFEST].decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
        sender = manifest["sender"]
        for key in ("device_id", "scope", "sign_pub", "enc_pub"):
            if not isinstance(sender.get(key), str):
                raise ValueError(key)
        if not isinstance(manifest.get("members"), dict) or SIGNATURE not in members:
            raise ValueError("members")
        return manifest
    except (KeyError, ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise PackageDamaged(path=str(path), detail=f"manifest: {exc}") from None


def _open_verified(path: Path, sign_pub: str) -> tuple[dict, dict[str, bytes]]:
    """Zip, signature (with *sign_pub*) and every member's hash; nothing is decrypted."""
    members = _read_zip(path)
    manifest = _manifest_of(path, members)
    try:
        VerifyKey(_unb64(sign_pub)).verify(members[SIGNATURE], members[MANIFEST])
    except (InvalidSignature, ValueError):
        raise PackageBadSignature(path=str(path)) from None
    listed = manifest["members"]
    present = set(members) - {MANIFEST, SIGNATURE}
    if present != set(listed):
        raise PackageDamaged(path=str(path), detail="members")
    for name, digest in listed.items():
        if _sha(members[name]) != digest:
            raise PackageDamaged(path=str(path), detail=name)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise PackageTooNew(found=manifest.get("format_version"), known=FORMAT_VERSION)
    return manifest, members


def read_manifest(path) -> dict:
    """The (unverified) manifest of a package, for showing what it is before importing."""
    path = Path(path)
    members = _read_zip(path)
    return _manifest_of(path, members)


def packages_in(folder) -> list[Path]:
    """The finished packages in *folder* (``.part`` files of an interrupted writer are not)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(SUFFIX))


# ============================================================================ import
@dataclass
class ImportReport:
    applied: int = 0
    already_had: int = 0
    rejected: list[tuple[str, int, str]] = field(default_factory=list)
    #: how many of our changes the sender newly confirmed holding
    acknowledged: int = 0
    sender: str = ""
    package_id: str = ""
    blobs: int = 0
    conflicts: int = 0


def import_package(ledger, path) -> ImportReport:
    """Verify and apply a package.  Damage of any kind refuses the whole package and stores
    nothing; a change outside the sender's scope is rejected alone."""
    path = Path(path)
    unverified = _manifest_of(path, _read_zip(path))
    sender = unverified["sender"]
    device = sender["device_id"]
    claimed_fp = fingerprint(sender["sign_pub"], sender["enc_pub"]) if _keys_ok(sender) else "?"
    trusted = peers(ledger).get(device)
    if trusted is None:
        raise PackageUnknownSender(device=device, fingerprint=claimed_fp)
    if (trusted["sign_pub"], trusted["enc_pub"]) != (sender["sign_pub"], sender["enc_pub"]):
        raise PackageKeyMismatch(device=device, fingerprint=claimed_fp, trusted=trusted["fingerprint"])
    manifest, members = _open_verified(path, trusted["sign_pub"])
    if manifest["receiver"] != ledger.device_id:
        raise PackageNotForUs(receiver=manifest["receiver"], device=ledger.device_id)
    schema = manifest.get("schema")
    if not isinstance(schema, int) or schema > ledger.schema_version:
        raise PackageTooNew(found=schema, known=ledger.schema_version)
    package_id = manifest["package_id"]
    try:
        enc = manifest["encryption"]
        if enc.get("cipher") != CIPHER:
            raise ValueError("cipher")
        _, my_enc = device_keys(ledger)
        key = _derive(my_enc.exchange(_unb64(enc["ephemeral_pub"])), package_id)
        plain = crypto.decrypt(key, _unb64(enc["nonce"]), members[CHANGES], _aad(package_id, CHANGES))
        wire = json.loads(gzip.decompress(plain).decode("utf-8"))
        if not isinstance(wire, list) or len(wire) != manifest["count"]:
            raise ValueError("count")
        blobs = {}
        for name, data in members.items():
            if name.startswith("blobs/"):
                n = crypto.NONCE_SIZE
                blob = crypto.decrypt(key, data[:n], data[n:], _aad(package_id, name))
                if _sha(blob) != name[len("blobs/"):]:
                    raise ValueError(name)
                blobs[name[len("blobs/"):]] = blob
        acks = manifest.get("acks") or {}
        covers = manifest.get("covers") or {}
        if not isinstance(acks, dict) or not isinstance(covers, dict):
            raise ValueError("acks")
    except (InvalidTag, ValueError, TypeError, KeyError, OSError, EOFError, UnicodeDecodeError) as exc:
        raise PackageDamaged(path=str(path), detail=f"contents: {type(exc).__name__} {exc}".strip()) from None

    report = ImportReport(sender=device, package_id=package_id, blobs=len(blobs))
    sender_scope = trusted["scope"]
    before = _pending_count(ledger, trusted, device)
    with ledger.tx():
        for digest, blob in blobs.items():
            if not ledger.has_blob(digest):
                ledger.add_blob(blob)
        mine, foreign = _split_foreign(ledger, wire)
        applied = ledger.apply_changes(mine, allowed_scope=sender_scope)
        all_acks = _meta_json(ledger, ACKS_META)
        all_acks[device] = _vmax(all_acks.get(device, {}) or {}, acks)
        _set_meta_json(ledger, ACKS_META, all_acks)
        have = _meta_json(ledger, HAVE_META)
        have[device] = _vmax(have.get(device, {}) or {}, covers)
        _set_meta_json(ledger, HAVE_META, have)
        _log_event(ledger, "import", device, manifest)
    report.applied, report.already_had, report.conflicts = applied.applied, applied.duplicate, applied.conflicts
    applied.rejected[:0] = foreign
    for change, reason in applied.rejected:
        if isinstance(change, Change):
            report.rejected.append((change.origin, change.origin_seq, reason))
        else:
            d = change if isinstance(change, dict) else {}
            report.rejected.append((str(d.get("origin", "?")), d.get("seq", 0) if isinstance(d.get("seq"), int) else 0,
                                    reason))
    report.acknowledged = max(before - _pending_count(ledger, trusted, device), 0)
    return report


def _split_foreign(ledger, wire: list) -> tuple[list, list]:
    """Changes this ledger may hold (its scope and what the levels above publish), and the
    others, rejected with their reason (a county's package has no business carrying another
    township's records to a township)."""
    mine, foreign = [], []
    for item in wire:
        scope = item.get("scope") if isinstance(item, dict) else None
        if isinstance(scope, str) and ledger.scope and not _visible_to(ledger.scope, scope):
            foreign.append((item, translate("packages", REJECT_NOT_OURS).format(scope=scope or "-",
                                                                                 own=ledger.scope)))
        else:
            mine.append(item)
    return mine, foreign


def _keys_ok(sender: dict) -> bool:
    try:
        _unb64(sender["sign_pub"]), _unb64(sender["enc_pub"])
        return True
    except (ValueError, KeyError):
        return False


# ============================================================================ status
@dataclass
class PeerStatus:
    device_id: str
    name: str
    scope: str
    fingerprint: str
    trusted_via: str
    acknowledged: int
    pending: int
    last_export: str | None
    last_import: str | None


def _pending_count(ledger, peer: dict, peer_id: str) -> int:
    return len(_for_peer(ledger, peer, _acks_for(ledger, peer_id)))


def delivery_status(ledger) -> list[PeerStatus]:
    """Per trusted peer: how many changes it confirmed holding, how many are still only here."""
    log = _meta_json(ledger, LOG_META)
    out = []
    for device, peer in sorted(peers(ledger).items()):
        total = len(_for_peer(ledger, peer, {}))
        pending = _pending_count(ledger, peer, device)
        events = log.get(device, {})
        out.append(PeerStatus(device, peer.get("name", ""), peer["scope"], peer["fingerprint"],
                              peer.get("trusted_via", ""), total - pending, pending,
                              (events.get("export") or {}).get("at"), (events.get("import") or {}).get("at")))
    return out


# ============================================================================ receipts
def write_receipt(ledger, dest_dir, sender_device_id: str) -> Path:
    """A small signed file saying what this ledger holds, for when no package goes back."""
    _peer(ledger, sender_device_id)
    sign, _ = device_keys(ledger)
    body = {"format": RECEIPT_FORMAT, "from": ledger.device_id, "to": sender_device_id, "created": _now(),
            "acks": _holding_for(ledger, sender_device_id)}
    doc = {"receipt": body, "signature": _b64(sign.sign(dumps(body).encode("utf-8")))}
    path = _package_name(ledger, Path(dest_dir), RECEIPT_SUFFIX)
    _write_atomic(path, lambda fh: fh.write(json.dumps(doc, ensure_ascii=False).encode("utf-8")))
    return path


def import_receipt(ledger, path) -> int:
    """Take up a peer's receipt; returns how many of our changes it newly acknowledged."""
    path = Path(path)
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
        body = doc["receipt"]
        if body.get("format") != RECEIPT_FORMAT or not isinstance(body.get("acks"), dict):
            raise ValueError("format")
        sig = _unb64(doc["signature"])
    except OSError as exc:
        raise BadReceipt(path=str(path), detail=exc.strerror or str(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BadReceipt(path=str(path), detail=str(exc) or type(exc).__name__) from None
    device = body.get("from")
    trusted = peers(ledger).get(device)
    if trusted is None:
        raise PackageUnknownSender(device=device, fingerprint="?")
    if body.get("to") != ledger.device_id:
        raise PackageNotForUs(receiver=body.get("to"), device=ledger.device_id)
    try:
        VerifyKey(_unb64(trusted["sign_pub"])).verify(sig, dumps(body).encode("utf-8"))
    except InvalidSignature:
        raise PackageBadSignature(path=str(path)) from None
    before = _pending_count(ledger, trusted, device)
    with ledger.tx():
        all_acks = _meta_json(ledger, ACKS_META)
        all_acks[device] = _vmax(all_acks.get(device, {}) or {}, body["acks"])
        _set_meta_json(ledger, ACKS_META, all_acks)
    return max(before - _pending_count(ledger, trusted, device), 0)


__all__ = [
    "device_keys", "public_identity", "public_key_string", "fingerprint", "normalise_fingerprint",
    "peer_identity_file", "read_identity_file", "trust_peer", "trust_hub_devices", "peers", "resolve_peer",
    "export_package", "import_package", "ImportReport", "read_manifest", "packages_in", "delivery_status",
    "PeerStatus", "write_receipt", "import_receipt", "PERSONAL_FIELDS",
]
