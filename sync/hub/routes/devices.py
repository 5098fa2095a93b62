"""Enrollment (a one-time code for a device token) and the device list."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from sync.hub import statements
from sync.hub.errors import HubError
from sync.hub.openapi import body, responses
from sync.hub.routes import device_of, hub_of
from sync.hub.routes.health import now_ms
from sync.hub.ratelimit import retry_after
from sync.hub.schemas import DevicesAnswer, EnrollAnswer, EnrollRequest, HubKey, validate
from sync.hub.service import Hub
from sync.hub.store import Device, EnrollmentRefused
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
