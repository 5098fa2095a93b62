"""Device statements: the hub's signed word on a device's unit (scope) and keys.

A hub signs, for each enrolled device with package keys, a statement of its device id,
scope, name, public keys, when it was issued and which hub key signed it.  The device keeps
its own statement and the hub's public key (ledger ``meta``: public data), and hands the
statement on in its identity files and packages; a receiver that knows the same hub key
takes the peer's scope from the statement instead of from the peer's own claim.

Document (``township-device-statement``, version 1)::

    {"format": "township-device-statement", "version": 1,
     "statement": {"device_id", "scope", "name", "sign_pub", "enc_pub", "issued_at", "hub_key"},
     "signature": <Ed25519 of the hub over SIGNED_PREFIX + canonical JSON of "statement">,
     "hub_pub": <the hub's public key, base64: not signed; only taken when its check code is known>}

``hub_key`` is the hub key's check code (:func:`hub_key_code`), the same as the hub prints
(``township-hub key``) and the enrolment slip shows.  This module is shared by the hub (which
signs, :mod:`sync.hub.statements`) and the desktop (which checks); it holds no key.
"""

from __future__ import annotations

import base64
import hashlib

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger.changes import dumps
from sync.crypto import InvalidSignature, VerifyKey
from sync.packages.common import meta_json, now, set_meta_json, unb64
from sync.packages.errors import PackageError

STATEMENT_FORMAT = "township-device-statement"
STATEMENT_VERSION = 1
SIGNED_PREFIX = b"township-device-statement-v1\n"
FIELDS = ("device_id", "scope", "name", "sign_pub", "enc_pub", "issued_at", "hub_key")
#: hub key check code → {"public_key", "learned" ("enrollment" or "slip"), "at"}
HUB_KEYS_META = "package_hub_keys"
#: this device's own statement, as the hub gave it at enrollment
OWN_STATEMENT_META = "package_statement"


class StatementRefused(PackageError):
    """A hub statement that does not vouch for what it comes with."""

    message = QT_TRANSLATE_NOOP("packages", "The hub's statement about {office} cannot be used.")


class StatementBadSignature(StatementRefused):
    message = QT_TRANSLATE_NOOP("packages", "The hub's statement about {office} does not carry a valid signature of the hub (hub check code {hub}): it was altered or forged. Nothing was trusted; phone that office.")


class StatementUnknownHub(StatementRefused):
    message = QT_TRANSLATE_NOOP("packages", "The statement about {office} is signed by a hub this ledger does not know (hub check code {hub}). Its unit cannot be taken from it: confirm the office by phone with its check code.")


class StatementMissing(StatementRefused):
    message = QT_TRANSLATE_NOOP("packages", "The identity file of {office} carries no hub's statement (that office has not enrolled with a hub, or its program is older). Its unit cannot be taken on a hub's word: confirm the office by phone with its check code.")


class StatementMismatch(StatementRefused):
    message = QT_TRANSLATE_NOOP("packages", "The hub's statement names {office} with unit {stated} and other details than the office claims (unit {claimed}). It may be forged; nothing was trusted. Phone that office.")


def hub_key_code(public_key: str) -> str:
    """The check code of a hub's public key (base64): five groups of four base32 characters."""
    digest = hashlib.sha256(b"township-hub-key-v1\n" + unb64(public_key)).digest()
    text = base64.b32encode(digest).decode("ascii")[:20]
    return "-".join(text[i:i + 4] for i in range(0, 20, 4))


def signed_bytes(body: dict) -> bytes:
    return SIGNED_PREFIX + dumps({k: body[k] for k in FIELDS}).encode("utf-8")


def well_formed(doc: object) -> dict | None:
    """The statement's body when *doc* has the shape of a statement document, else None."""
    if not isinstance(doc, dict) or doc.get("format") != STATEMENT_FORMAT or doc.get("version") != STATEMENT_VERSION:
        return None
    body = doc.get("statement")
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in FIELDS):
        return None
    if not isinstance(doc.get("signature"), str):
        return None
    return {k: body[k] for k in FIELDS}


def hub_keys(ledger) -> dict[str, str]:
    """hub key check code → public key (base64) of the hubs this ledger knows."""
    return {code: entry["public_key"] for code, entry in meta_json(ledger, HUB_KEYS_META).items()
            if isinstance(entry, dict) and isinstance(entry.get("public_key"), str)}


def learn_hub_key(ledger, public_key: str, learned: str) -> str:
    """Keep a hub's public key (from enrollment, or confirmed against a slip's check code);
    its check code.  Call inside a transaction or alone."""
    code = hub_key_code(public_key)
    VerifyKey(unb64(public_key))  # ValueError when it is none
    with ledger.tx():
        known = meta_json(ledger, HUB_KEYS_META)
        if code not in known:
            known[code] = {"public_key": public_key, "learned": learned, "at": now()}
            set_meta_json(ledger, HUB_KEYS_META, known)
    return code


def own_statement(ledger, identity: dict) -> dict | None:
    """This device's statement, when it still speaks of *identity* (a restored backup is a
    new device: the old device's statement is not handed on)."""
    doc = meta_json(ledger, OWN_STATEMENT_META)
    body = well_formed(doc)
    if body is None or any(body[k] != identity.get(k) for k in ("device_id", "scope", "sign_pub", "enc_pub")):
        return None
    return doc


def keep_own_statement(ledger, doc: dict) -> None:
    set_meta_json(ledger, OWN_STATEMENT_META, doc)


def verify(ledger, doc: object, identity: dict, office: str) -> dict:
    """The statement's body when *doc* is a statement signed by a hub this ledger knows,
    about exactly *identity* (device id, scope and keys); else :class:`StatementRefused`
    (*office* names the peer in the message)."""
    body = well_formed(doc)
    if body is None:
        raise StatementBadSignature(office=office, hub="?")
    key = hub_keys(ledger).get(body["hub_key"])
    if key is None:
        raise StatementUnknownHub(office=office, hub=body["hub_key"])
    try:
        VerifyKey(unb64(key)).verify(unb64(doc["signature"]), signed_bytes(body))
    except (InvalidSignature, ValueError):
        raise StatementBadSignature(office=office, hub=body["hub_key"]) from None
    if any(body[k] != identity.get(k) for k in ("device_id", "scope", "sign_pub", "enc_pub")):
        raise StatementMismatch(office=office, stated=body["scope"] or "-", claimed=identity.get("scope") or "-")
    return body


def take_from_enrollment(ledger, answer: dict) -> bool:
    """Keep what an enrollment answer brings: the hub's public key (this device reached the
    hub with its one-time code, so it learns the key from it) and its own statement, when
    the statement is signed by that key and speaks of this device's id, unit and keys.
    Whether a statement was kept; an older hub sends none."""
    from sync.packages.identity import public_identity

    key, doc = answer.get("hub_key"), answer.get("statement")
    public = key.get("public_key") if isinstance(key, dict) else None
    if not isinstance(public, str):
        return False
    try:
        learn_hub_key(ledger, public, "enrollment")
    except ValueError:
        return False
    if doc is None:
        return False
    try:
        verify(ledger, doc, public_identity(ledger), office="")
    except StatementRefused:
        return False
    if well_formed(doc)["hub_key"] != hub_key_code(public):
        return False
    keep_own_statement(ledger, doc)
    return True
