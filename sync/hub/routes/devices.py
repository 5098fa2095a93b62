"""Enrollment (a one-time code for a device token), a successor taking over from a
device whose token it holds, and the device list."""

from __future__ import annotations

import base64
import binascii
import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from sync.hub import statements
from sync.hub.errors import UNAUTHORIZED, HubError
from sync.hub.openapi import body, responses
from sync.hub.routes import device_of, hub_of
from sync.hub.routes.health import now_ms
from sync.hub.ratelimit import retry_after
from desktop.ledger.identity import claim_bytes
from sync import signatures
from sync.crypto import InvalidSignature, VerifyKey
from sync.hub.schemas import (DevicesAnswer, EnrollAnswer, EnrollRequest, HubKey, SuccessorAnswer, SuccessorRequest,
                              validate)
from sync.hub.service import Hub
from sync.hub.store import Device, EnrollmentRefused, SuccessionRefused
from sync.hub.wire import check_schema, parse_json, raw_body

log = logging.getLogger("township.hub")
router = APIRouter(prefix="/v1")

_REFUSALS = {"unknown": "code_unknown", "used": "code_used", "expired": "code_expired", "revoked": "device_revoked"}


@router.post("/enroll", responses=responses(EnrollAnswer, 400, 403, 409, 413, 422, 429), openapi_extra=body(EnrollRequest),
             summary="Exchange an enrollment code for a device token")
def enroll(request: Request, raw: bytes = Depends(raw_body)) -> JSONResponse:
    hub = hub_of(request)
    address = request.client.host if request.client else "unknown"
    wait = hub.enroll_limiter.take(address)
    if wait:
        log.warning("enrollment attempt from %s: rate_limited", address)
        seconds = retry_after(wait)
        raise HubError(429, "rate_limited", f"Too many enrollment attempts from {address}; try again in "
                       f"{seconds} seconds.", {"Retry-After": seconds}, {"retry_after": int(seconds)})
    try:
        token, device = _redeem(hub, request, raw)
    except HubError as exc:
        log.warning("enrollment attempt from %s: %s", address, exc.error)  # never the code itself
        raise
    log.info("enrollment attempt from %s: enrolled device %s for scope %s", address, device.device_id,
             device.scope)
    with hub.reading() as reader:  # the hub's word on the device's unit and keys (sync/hub/statements.py)
        statement, key = statements.statement_for(reader.store.conn, device), statements.public_key(reader.store.conn)
    answer = {"token": token, "device_id": device.device_id, "scope": device.scope, "hub_time_ms": now_ms(),
              "hub_key": key}
    return JSONResponse(answer | ({"statement": statement} if statement else {}))


def _redeem(hub: Hub, request: Request, raw: bytes) -> tuple[str, Device]:
    data = validate(EnrollRequest, parse_json(request, raw))
    check_schema(data.schema_)

    def redeem() -> tuple[str, Device]:
        token = hub.store.redeem(data.code, data.device_id, data.name, data.public_key)
        return token, hub.store.device(data.device_id)

    try:
        token, device = hub.write(redeem)
    except EnrollmentRefused as exc:
        raise HubError(403, _REFUSALS[exc.reason], exc.text("en")) from None
    hub.forget_touch(data.device_id)
    return token, device


_SUCCESSION = {
    "unknown": (403, "predecessor_unknown", "The hub does not know the old device, or its token; enroll with a code."),
    "revoked": (403, "predecessor_revoked", "The old device has been revoked; enroll with a code."),
    "succeeded": (409, "predecessor_succeeded", "Another device has already taken over from the old device; "
                  "enroll with a code."),
    "exists": (409, "device_exists", "The new device id is enrolled already."),
}


@router.post("/devices/successor", responses=responses(SuccessorAnswer, 400, 401, 403, 409, 413, 422),
             openapi_extra=body(SuccessorRequest), summary="Take over from the device whose token is given")
def successor(request: Request, raw: bytes = Depends(raw_body)) -> JSONResponse:
    """A restored or copied ledger (a new device id) takes the place of the device whose
    token authenticates the call: same scope and label, the old token revoked."""
    hub = hub_of(request)
    data = validate(SuccessorRequest, parse_json(request, raw))
    check_schema(data.schema_)
    token = _bearer(request)
    with hub.reading() as reader:
        old = reader.store.device(data.predecessor)
    if old is None:
        _refuse("unknown")
    _check_claim(old, data)

    def succeed() -> tuple[str, Device]:
        new_token = hub.store.succeed(token, data.predecessor, data.device_id, data.name, data.public_key)
        return new_token, hub.store.device(data.device_id)

    try:
        new_token, device = hub.write(succeed)
    except SuccessionRefused as exc:
        log.warning("successor %s of %s refused: %s", data.device_id, data.predecessor, exc.reason)
        _refuse(exc.reason)
    hub.forget_touch(data.predecessor)
    log.info("device %s took over from %s (scope %s)", device.device_id, data.predecessor, device.scope)
    return JSONResponse({"token": new_token, "device_id": device.device_id, "predecessor": data.predecessor,
                         "scope": device.scope, "name": device.name, "hub_time_ms": now_ms()})


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HubError(401, UNAUTHORIZED, "This call needs the old device's token (Authorization: Bearer <token>).",
                       {"WWW-Authenticate": "Bearer"})
    return token.strip()


def _check_claim(old: Device, data: SuccessorRequest) -> None:
    """An old device with a signing key must have signed the claim (the new id and keys)."""
    key = signatures.signing_key_of(old.public_key)
    if key is None:
        return  # enrolled by a version without keys: its token is all it has
    try:
        VerifyKey(base64.b64decode(key)).verify(base64.b64decode(data.signature or ""),
                                                claim_bytes(data.predecessor, data.device_id, data.public_key))
    except (InvalidSignature, ValueError, binascii.Error):
        raise HubError(403, "bad_claim_signature", "The claim is not signed with the old device's key.") from None


def _refuse(reason: str) -> None:
    status, error, text = _SUCCESSION[reason]
    raise HubError(status, error, text)


@router.get("/devices", responses=responses(DevicesAnswer, 401),
            summary="Devices of the caller's scope (and below) and of the levels above it")
def devices(request: Request, device: Device = Depends(device_of)) -> JSONResponse:
    with hub_of(request).reading() as reader:
        visible = reader.store.devices_visible_to(device.scope)
        key = statements.signing_key(reader.store.conn)
        signed = [(d.wire(), statements.statement_for(reader.store.conn, d, key=key)) for d in visible]
    # "statement" only for a device with package keys: the others are listed as before
    return JSONResponse({"devices": [wire | ({"statement": s} if s else {}) for wire, s in signed]})


@router.get("/hub-key", responses=responses(HubKey), summary="The public key the hub signs device statements with")
def hub_key(request: Request) -> JSONResponse:
    """Public: a device compares its check code with the one on its enrollment slip."""
    with hub_of(request).reading() as reader:
        return JSONResponse(statements.public_key(reader.store.conn))
