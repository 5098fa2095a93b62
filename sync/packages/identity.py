"""This device's keys, identity files for a first contact, and the peers it trusts
(by a fingerprint compared on the phone, or because the hub vouched for them)."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from desktop.ledger.changes import dumps
from sync import crypto
from sync.crypto import ExchangeKey, InvalidSignature, SigningKey, VerifyKey
from sync.packages.common import (IDENTITY_FORMAT, KEYS_META, PEERS_META, b64, meta_json, now, office_text,
                                  set_meta_json, unb64, write_atomic)
from sync.packages.errors import BadIdentityFile, BadReceiver, FingerprintMismatch, PeerKeyChanged, UnknownPeer


def fingerprint(sign_pub: str, enc_pub: str) -> str:
    """Five groups of four base32 characters of sha256(both public keys): read out by phone."""
    digest = hashlib.sha256(unb64(sign_pub) + unb64(enc_pub)).digest()
    text = base64.b32encode(digest).decode("ascii")[:20]
    return "-".join(text[i:i + 4] for i in range(0, 20, 4))


def normalise_fingerprint(text: str) -> str:
    """What a person typed: any case, spaces or dashes; 0/1/8 misread as O/I/B fixed."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _stored_keys(ledger) -> dict:
    try:
        value = json.loads(ledger.secret(KEYS_META) or "{}")
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def device_keys(ledger) -> tuple[SigningKey, ExchangeKey]:
    """This device's signing and encryption keys, created on first use (a secret of the device:
    in the computer's key store where it has one, see :mod:`desktop.ledger.secrets`)."""
    stored = _stored_keys(ledger)
    if "sign" in stored and "enc" in stored:
        return SigningKey(unb64(stored["sign"])), ExchangeKey(unb64(stored["enc"]))
    sign, enc = SigningKey.generate(), ExchangeKey.generate()
    with ledger.tx():
        again = _stored_keys(ledger)  # another connection of this program may have won
        if "sign" in again and "enc" in again:
            return device_keys(ledger)
        ledger.set_secret(KEYS_META, json.dumps({"sign": b64(sign.private_bytes()), "enc": b64(enc.private_bytes()),
                                                 "created": now()}, sort_keys=True))
    return sign, enc


def public_identity(ledger) -> dict:
    sign, enc = device_keys(ledger)
    sign_pub, enc_pub = b64(sign.public_bytes()), b64(enc.public_bytes())
    return {"device_id": ledger.device_id, "scope": ledger.scope, "sign_pub": sign_pub, "enc_pub": enc_pub,
            "fingerprint": fingerprint(sign_pub, enc_pub), "name": getattr(ledger, "operator", "") or ""}


def public_key_string(ledger) -> str:
    """The identity in one line, for the hub's ``public_key`` field of a device."""
    ident = public_identity(ledger)
    return f"tlpk1:{ident['sign_pub']}:{ident['enc_pub']}"


def peer_identity_file(ledger, path) -> Path:
    """Write this device's identity (public keys, self-signed) for a first contact; into a
    folder (a USB stick) under its readable name (``南高乡团委-身份.tlid``)."""
    from sync.packages.naming import identity_name

    path = Path(path)
    if path.is_dir():
        path = identity_name(ledger, path)
    ident = public_identity(ledger)
    body = {k: ident[k] for k in ("device_id", "scope", "sign_pub", "enc_pub", "name")}
    sign, _ = device_keys(ledger)
    doc = {"format": IDENTITY_FORMAT, "version": 1, "identity": body,
           "signature": b64(sign.sign(dumps(body).encode("utf-8"))), "fingerprint": ident["fingerprint"]}
    write_atomic(path, lambda fh: fh.write(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")))
    return path


def check_identity(body: object) -> dict:
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
        VerifyKey(unb64(out["sign_pub"]))
        crypto.check_exchange_public(unb64(out["enc_pub"]))
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
        ident = check_identity(doc.get("identity"))
        body = {k: doc["identity"][k] for k in ("device_id", "scope", "sign_pub", "enc_pub", "name")
                if k in doc["identity"]}
        VerifyKey(unb64(ident["sign_pub"])).verify(
            unb64(doc.get("signature", "")), dumps(body).encode("utf-8"))
    except OSError as exc:
        raise BadIdentityFile(path=str(path), detail=exc.strerror or str(exc)) from None
    except InvalidSignature:
        raise BadIdentityFile(path=str(path), detail="signature") from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BadIdentityFile(path=str(path), detail=str(exc) or type(exc).__name__) from None
    return ident


#: How a peer came to be trusted: its check code compared by phone, the hub vouched for it,
#: or its identity came on a stick handed over in person.
TRUST_ROUTES = ("fingerprint", "hub", "in_person")


def trust_peer(ledger, identity: dict, via: str, *, replace: bool = False) -> dict:
    """Trust a peer's keys, by one of :data:`TRUST_ROUTES`."""
    if via not in TRUST_ROUTES:
        raise ValueError(via)
    ident = check_identity(identity)
    if ident["device_id"] == ledger.device_id:
        raise BadIdentityFile(path=ident["device_id"], detail="this device itself")
    with ledger.tx():
        peers = meta_json(ledger, PEERS_META)
        old = peers.get(ident["device_id"])
        if old and (old["sign_pub"], old["enc_pub"]) != (ident["sign_pub"], ident["enc_pub"]) and not replace:
            raise PeerKeyChanged(device=ident["device_id"], office=office_text(ledger, ident["device_id"], ident),
                                 trusted=fingerprint(old["sign_pub"], old["enc_pub"]),
                                 fingerprint=ident["fingerprint"])
        entry = {"scope": ident["scope"], "sign_pub": ident["sign_pub"], "enc_pub": ident["enc_pub"],
                 "name": ident["name"], "trusted_via": via, "trusted_at": now()}
        peers[ident["device_id"]] = entry
        set_meta_json(ledger, PEERS_META, peers)
    return entry


def trust_by_fingerprint(ledger, identity: dict, entered: str) -> dict:
    """Trust a peer's identity (as read from its file) when *entered*, the fingerprint the
    other office read out on the phone, matches its keys; :class:`FingerprintMismatch` if not."""
    if not code_matches(identity, entered):
        raise FingerprintMismatch(entered=(entered or "").strip())
    return trust_peer(ledger, identity, "fingerprint")


def code_matches(identity: dict, entered: str) -> bool:
    """Whether *entered* (as typed: any case, spaces, 0/O mixed up) is the check code of
    *identity*'s keys.  The expected code is never shown, so the comparison is a check."""
    return normalise_fingerprint(entered) == fingerprint(identity["sign_pub"], identity["enc_pub"])


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
    for device, entry in meta_json(ledger, PEERS_META).items():
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


def peer_entry(ledger, device_id: str | None) -> dict:
    if not device_id or device_id == "hub":
        raise BadReceiver()
    entry = peers(ledger).get(device_id)
    if entry is None:
        raise UnknownPeer(device=device_id)
    return entry
