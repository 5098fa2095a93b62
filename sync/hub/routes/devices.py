"""Enrollment (a one-time code for a device token) and the device list."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from sync.hub.errors import HubError
from sync.hub.openapi import body, responses
from sync.hub.routes import device_of, hub_of
from sync.hub.routes.health import now_ms
from sync.hub.schemas import DevicesAnswer, EnrollAnswer, EnrollRequest, validate
from sync.hub.store import Device, EnrollmentRefused
from sync.hub.wire import check_schema, parse_json, raw_body

log = logging.getLogger("township.hub")
router = APIRouter(prefix="/v1")

_REFUSALS = {"unknown": "code_unknown", "used": "code_used", "expired": "code_expired", "revoked": "device_revoked"}


@router.post("/enroll", responses=responses(EnrollAnswer, 400, 403, 409, 413, 422), openapi_extra=body(EnrollRequest),
             summary="Exchange an enrollment code for a device token")
def enroll(request: Request, raw: bytes = Depends(raw_body)) -> JSONResponse:
    hub = hub_of(request)
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
    log.info("enrolled device %s for scope %s", data.device_id, device.scope)
    return JSONResponse({"token": token, "device_id": data.device_id, "scope": device.scope,
                         "hub_time_ms": now_ms()})


@router.get("/devices", responses=responses(DevicesAnswer, 401),
            summary="Devices of the caller's scope (and below) and of the levels above it")
def devices(request: Request, device: Device = Depends(device_of)) -> JSONResponse:
    with hub_of(request).reading() as reader:
        visible = reader.store.devices_visible_to(device.scope)
    return JSONResponse({"devices": [d.wire() for d in visible]})
