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
from sync.packages import statements

CODE_V2 = b"township-check-code-v2\n"


def fingerprint(sign_pub: str, enc_pub: str, device_id: str | None = None, scope: str | None = None) -> str:
    """The check code read out by phone: five groups of four base32 characters.

    With *device_id* and *scope*, the code of version 2, which binds the device and its unit
    (scope) as well as both public keys: confirming it by phone confirms the unit.  Without,
    the code of version 1 (older programs show it), of the keys alone."""
    if device_id is None:
        data = unb64(sign_pub) + unb64(enc_pub)
    else:
        data = (CODE_V2 + f"{device_id}\n{scope or ''}\n".encode("utf-8") + unb64(sign_pub) + unb64(enc_pub))
    text = base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")[:20]
    return "-".join(text[i:i + 4] for i in range(0, 20, 4))


def check_code(identity: dict) -> str:
    """The check code (version 2) of an identity: its device, unit and keys."""
    return fingerprint(identity["sign_pub"], identity["enc_pub"], identity["device_id"], identity["scope"])


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
            "fingerprint": fingerprint(sign_pub, enc_pub, ledger.device_id, ledger.scope),
            "name": getattr(ledger, "operator", "") or ""}


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
    statement = statements.own_statement(ledger, ident)
    if statement is not None:  # outside the self-signed body: older programs read the file as before
        doc["statement"] = statement
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
    out["fingerprint"] = check_code(out)
    if isinstance(body.get("statement"), dict):  # the hub's word on it, checked when trusted
        out["statement"] = body["statement"]
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
        if isinstance(doc.get("statement"), dict):
            ident["statement"] = doc["statement"]
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
#: How a peer's unit (scope) was confirmed: a hub statement, the hub's device list, a check
#: code of version 2 by phone, a code of version 1 by phone together with the unit shown
#: and confirmed, in person; "before": trusted by an older version (kept as it was).
SCOPE_ROUTES = ("statement", "hub", "code", "code_v1_shown", "in_person")
_DEFAULT_SCOPE_BY = {"fingerprint": "code", "hub": "hub", "in_person": "in_person"}
_UNSET = object()


def trust_peer(ledger, identity: dict, via: str, *, replace: bool = False, scope_by=_UNSET) -> dict:
    """Trust a peer's keys, by one of :data:`TRUST_ROUTES`; its unit (scope) is confirmed by
    *scope_by* (one of :data:`SCOPE_ROUTES`; by default what *via* confirms; None: not
    confirmed, its packages are held until it is).  A hub statement the identity carries is
    checked first: a forged or mismatched one refuses the trust (:class:`StatementRefused`),
    a valid one confirms the unit."""
    if via not in TRUST_ROUTES:
        raise ValueError(via)
    scope_by = _DEFAULT_SCOPE_BY[via] if scope_by is _UNSET else scope_by
    if scope_by is not None and scope_by not in SCOPE_ROUTES:
        raise ValueError(scope_by)
    ident = check_identity(identity)
    if ident["device_id"] == ledger.device_id:
        raise BadIdentityFile(path=ident["device_id"], detail="this device itself")
    stated = _stated(ledger, ident, required=scope_by == "statement")
    if stated is not None and scope_by in (None, "hub"):
        scope_by = "statement"
    with ledger.tx():
        peers = meta_json(ledger, PEERS_META)
        old = peers.get(ident["device_id"])
        same_keys = old and (old["sign_pub"], old["enc_pub"]) == (ident["sign_pub"], ident["enc_pub"])
        if old and not same_keys and not replace:
            raise PeerKeyChanged(device=ident["device_id"], office=office_text(ledger, ident["device_id"], ident),
                                 trusted=fingerprint(old["sign_pub"], old["enc_pub"], ident["device_id"],
                                                     old["scope"]),
                                 fingerprint=ident["fingerprint"])
        entry = {"scope": ident["scope"], "sign_pub": ident["sign_pub"], "enc_pub": ident["enc_pub"],
                 "name": ident["name"], "trusted_via": via, "trusted_at": now(),
                 "confirmed_scope": ident["scope"] if scope_by else None, "scope_by": scope_by}
        if stated is not None:
            entry["statement_issued"] = stated["issued_at"]
        if scope_by is None and same_keys and allowed_scope(old) == ident["scope"]:
            entry.update(confirmed_scope=old.get("confirmed_scope", old["scope"]),
                         scope_by=old.get("scope_by", "before"))  # confirmed before: stays so
        peers[ident["device_id"]] = entry
        set_meta_json(ledger, PEERS_META, peers)
    return entry


def _stated(ledger, ident: dict, *, required: bool) -> dict | None:
    """The hub statement *ident* carries, checked; None when there is none, or (unless
    *required*) when it is signed by a hub this ledger does not know."""
    doc = ident.get("statement")
    office = office_text(ledger, ident["device_id"], ident)
    if doc is None:
        if required:
            raise statements.StatementMissing(office=office)
        return None
    try:
        return statements.verify(ledger, doc, ident, office)
    except statements.StatementUnknownHub:
        if required:
            raise
        return None


def allowed_scope(entry: dict | None) -> str | None:
    """The unit a trusted peer may send records of: the confirmed one (an entry of an older
    version: the scope it was trusted with); None when it is not confirmed."""
    if not entry:
        return None
    if "scope_by" not in entry:
        return entry["scope"]
    return entry.get("confirmed_scope") if entry.get("scope_by") else None


def trust_by_statement(ledger, identity: dict) -> dict:
    """Trust a peer on the hub's word: the statement its identity carries, signed by a hub
    this ledger knows, about exactly its device, unit and keys (no phone call)."""
    return trust_peer(ledger, identity, "hub", scope_by="statement")


def trust_by_fingerprint(ledger, identity: dict, entered: str, *, scope_shown: bool = False) -> dict:
    """Trust a peer's identity (as read from its file) when *entered*, the check code the
    other office read out on the phone, matches; :class:`FingerprintMismatch` if not.

    A code of version 2 confirms the unit as well.  A code of version 1 (an older program's,
    of the keys alone) confirms the unit only with *scope_shown* — the unit was shown and
    confirmed on the phone — and is recorded as such; without it the keys are trusted but the
    unit is not: its packages are held until it is (the entry's ``allowed_scope`` is None)."""
    version = code_version(identity, entered)
    if version is None:
        raise FingerprintMismatch(entered=(entered or "").strip())
    if version == 2:
        return trust_peer(ledger, identity, "fingerprint", scope_by="code")
    return trust_peer(ledger, identity, "fingerprint", scope_by="code_v1_shown" if scope_shown else None)


def code_version(identity: dict, entered: str) -> int | None:
    """Which check code of *identity* *entered* is (as typed: any case, spaces, 0/O mixed
    up): 2 (device, unit and keys), 1 (the keys alone, an older program's) or None."""
    typed = normalise_fingerprint(entered)
    if typed == check_code(identity):
        return 2
    if typed == fingerprint(identity["sign_pub"], identity["enc_pub"]):
        return 1
    return None


def code_matches(identity: dict, entered: str) -> bool:
    """Whether *entered* is a check code (either version) of *identity*.  The expected code
    is never shown, so the comparison is a check."""
    return code_version(identity, entered) is not None


def trust_hub_devices(ledger, devices: list[dict]) -> int:
    """Trust the devices the hub lists (``/v1/devices``) whose ``public_key`` is a package
    identity (``tlpk1:…``); returns how many.  Their units are the hub's word (its statement
    where it sends one, checked against its key).  A device already trusted with another key,
    or with a statement that does not hold, is left alone (the phone check decides)."""
    n = 0
    for d in devices:
        key = d.get("public_key") if isinstance(d, dict) else None
        if not isinstance(key, str) or not key.startswith("tlpk1:") or d.get("device_id") == ledger.device_id:
            continue
        try:
            _, sign_pub, enc_pub = key.split(":")
            ident = {"device_id": d.get("device_id"), "scope": d.get("scope"), "sign_pub": sign_pub,
                     "enc_pub": enc_pub, "name": d.get("name") or ""}
            if isinstance(d.get("statement"), dict):
                ident["statement"] = d["statement"]
            trust_peer(ledger, ident, "hub")
            n += 1
        except (ValueError, PeerKeyChanged, statements.StatementRefused):
            continue
    return n


def peers(ledger) -> dict[str, dict]:
    """Trusted peers by device id, each with its check code and ``allowed_scope``."""
    out = {}
    for device, entry in meta_json(ledger, PEERS_META).items():
        out[device] = dict(entry, fingerprint=fingerprint(entry["sign_pub"], entry["enc_pub"], device, entry["scope"]),
                           allowed_scope=allowed_scope(entry))
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
