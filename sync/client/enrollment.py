"""Enrollment: a one-time code from the hub's administrator is exchanged for this
device's token, and the settings are saved."""

from __future__ import annotations

import dataclasses
import platform

import requests

from sync.client.errors import BadEnrollmentCode, ProtocolError
from sync.client.settings import (PULL_CURSOR, PUSH_CURSOR, SyncSettings, load_settings, normalise_url, now_iso,
                                  save_settings)
from sync.client.transport import Transport


def enroll(ledger, hub_url: str, code: str, name: str | None = None, session: requests.Session | None = None,
           *, settings: SyncSettings | None = None) -> SyncSettings:
    """Exchange a one-time enrollment code for this device's token; save and return the
    settings.  *settings* carries the connection options to use and keep (proxies, CA
    bundle, timeouts); by default the ledger's current ones.  Re-enrolling (a new code
    after a revocation) keeps the cursors when the hub and scope stay the same."""
    from sync import packages

    old = load_settings(ledger)
    s = dataclasses.replace(settings or old)
    s.hub_url = normalise_url(hub_url)
    s.token = ""
    code = (code or "").strip()
    if not code:
        raise BadEnrollmentCode()
    name = (name or "").strip() or default_name(ledger)
    transport = Transport(s, session, ledger.clock.now_ms)
    transport.local_schema = ledger.schema_version
    # connection problems are retried, but briefly: a person is waiting
    answer = transport.request("POST", "/v1/enroll", auth=False, retries=min(s.retries, 2), body={
        "code": code, "device_id": ledger.device_id, "name": name, "schema": ledger.schema_version,
        "public_key": packages.public_key_string(ledger)})  # so offices can trust each other's packages
    token, scope = answer.get("token"), answer.get("scope")
    if not isinstance(token, str) or not token or not isinstance(scope, str):
        raise ProtocolError(detail="enroll: token/scope")
    if answer.get("device_id") not in (None, ledger.device_id):
        raise ProtocolError(detail="enroll: device_id")
    s.token, s.scope, s.name, s.enrolled_at = token, scope, name, now_iso()
    with ledger.tx():
        if old.hub_url != s.hub_url:  # another hub knows nothing of us: start over (duplicates are harmless)
            ledger.set_meta(PUSH_CURSOR, "0")
            ledger.set_meta(PULL_CURSOR, "0")
        elif old.scope != s.scope:  # another scope: its older changes were never sent to us
            ledger.set_meta(PULL_CURSOR, "0")
        save_settings(ledger, s)
        packages.take_from_enrollment(ledger, answer)  # the hub's key and its statement of our unit
        ledger.set_predecessor(None)  # enrolled with a code: a restored ledger's claim is spent
    return s


def default_name(ledger) -> str:
    """The name a device gets at the hub when none is given: operator@computer."""
    host = platform.node() or "?"
    who = getattr(ledger, "operator", "") or ""
    return f"{who}@{host}"[:100] if who else host[:100]
