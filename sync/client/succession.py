"""A ledger with a new device identity takes the old device's place at the hub.

A restored ledger, and one that took a new identity because it turned out to be a copy,
hold a one-time claim on the device they replace (:mod:`desktop.ledger.identity`): its
hub settings, its token and its keys.  :func:`take_over` shows the claim to the hub
(``POST /v1/devices/successor``, with the old token and the old key's signature over the
new device id and keys), keeps the new token it answers with and forgets the claim.  A
definite refusal (the old device revoked, replaced already, or unknown to the hub) also
forgets the claim, keeping the hub's address, and says to enroll with a code.

:func:`new_identity` is the whole step for a copy: a new identity for the ledger, then
the take-over when the old token is still good.
"""

from __future__ import annotations

import json

import requests

from desktop.ledger.identity import NewIdentity, Predecessor, claim_bytes
from sync.client.errors import NotEnrolled, ProtocolError, SuccessionRefused
from sync.client.settings import SyncSettings, claim_settings, load_settings, now_iso, save_settings
from sync.client.transport import SUCCESSOR_PATH, Transport


def pending_claim(ledger) -> Predecessor | None:
    """The claim the next sync shows the hub: one held with the old device's token, by a
    ledger not enrolled (with a code) since."""
    claim = ledger.predecessor()
    if claim is None or not (claim.token and claim.hub_url) or load_settings(ledger).enrolled:
        return None
    return claim


def take_over(ledger, session: requests.Session | None = None, *, transport: Transport | None = None
              ) -> SyncSettings:
    """Register this ledger at the hub as the successor of its predecessor; save and return
    the new settings.  :class:`NotEnrolled` without a claim, a :class:`SuccessionRefused`
    when the hub will not have it (the claim is dropped then: only a code helps)."""
    from sync import packages

    claim = ledger.predecessor()
    if claim is None or not claim.token or not claim.hub_url:
        raise NotEnrolled()
    settings = transport.settings if transport is not None else claim_settings(claim)
    if transport is None:
        transport = Transport(settings, session, ledger.clock.now_ms)
        transport.local_schema = ledger.schema_version
    public_key = packages.public_key_string(ledger)  # the new device's own keys, made now if need be
    body = {"predecessor": claim.device_id, "device_id": ledger.device_id, "name": settings.name,
            "public_key": public_key, "schema": ledger.schema_version,
            "signature": _claim_signature(claim, ledger.device_id, public_key)}
    try:
        answer = transport.request("POST", SUCCESSOR_PATH, body=body, retries=min(settings.retries, 2))
    except SuccessionRefused:
        settings.token = ""
        with ledger.tx():  # the hub's address stays for the enrollment with a code
            save_settings(ledger, settings)
            ledger.set_predecessor(None)
        raise
    token, scope = answer.get("token"), answer.get("scope")
    if not isinstance(token, str) or not token or not isinstance(scope, str) \
            or answer.get("device_id") != ledger.device_id:
        raise ProtocolError(detail="devices/successor: token/scope/device_id")
    settings.token, settings.scope, settings.enrolled_at = token, scope, now_iso()
    settings.name = str(answer.get("name") or settings.name)
    with ledger.tx():
        save_settings(ledger, settings)
        ledger.set_predecessor(None)
    return settings


def _claim_signature(claim: Predecessor, device_id: str, public_key: str) -> str:
    """The old device's signature over the claim ("" when the ledger does not hold its key)."""
    from sync.packages.common import unb64
    from sync.crypto import SigningKey
    from sync.signatures import key_text

    try:
        seed = unb64(json.loads(claim.keys or "{}")["sign"])
        key = SigningKey(seed)
    except (ValueError, KeyError, TypeError):
        return ""
    return key_text(key.sign(claim_bytes(claim.device_id, device_id, public_key)))


def new_identity(ledger, session: requests.Session | None = None) -> tuple[NewIdentity, SyncSettings | None]:
    """Give a copied ledger a new identity and, when it holds the old device's token, take
    that device's place at the hub.  The new settings, or None when the ledger must be
    enrolled with a code (it holds no token, or the hub refused: the old place is taken or
    revoked).  An unreachable hub is raised; the claim waits for the next sync then."""
    done = ledger.take_new_identity()
    if not done.claim:
        return done, None
    try:
        return done, take_over(ledger, session)
    except SuccessionRefused:
        return done, None
