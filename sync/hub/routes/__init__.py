"""The hub's endpoints as ``APIRouter``s, one module per area; :data:`ROUTERS` lists them.

Endpoints are plain ``def`` functions, so FastAPI runs them in its worker threads;
:func:`hub_of` and :func:`device_of` (:func:`syncing_device_of` for a push or pull) give them the
hub service and the calling device, and
:func:`clock_skew` how far that device's clock is from the hub's.
"""

from __future__ import annotations

import json
import time

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.hub.service import Hub
from sync.hub.store import Device

bearer = HTTPBearer(auto_error=False, description="the device token from POST /v1/enroll")


def hub_of(request: Request) -> Hub:
    return request.app.state.hub


#: The header in which a device says its own clock's time (ms since 1970) when it sends a call.
DEVICE_TIME_HEADER = "x-device-time-ms"
#: A told time further than this from the hub's is no clock reading (ms: ten years).
SKEW_LIMIT_MS = 10 * 366 * 86_400_000


def clock_skew(request: Request) -> int | None:
    """How far the calling device's clock is ahead of the hub's (seconds; behind: negative), from
    the time it says in ``X-Device-Time-Ms`` and when the call arrived; None when it says none.
    The call's way across the network makes a device look behind by that much, a second at most."""
    told = request.headers.get(DEVICE_TIME_HEADER)
    if told is None or not told.isdigit() or len(told) > 16:
        return None
    arrived = request.scope.get("state", {}).get("arrived_ms") or int(time.time() * 1000)
    skew = int(told) - arrived
    return round(skew / 1000) if abs(skew) <= SKEW_LIMIT_MS else None


def device_of(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Device:
    return hub_of(request).authenticate(credentials.credentials if credentials else None, clock_skew(request))


def syncing_device_of(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Device:
    """The calling device of a push or pull: its last contact is written with what the call
    writes anyway (the push's transaction, the pull's cursor), not in a write of its own."""
    return hub_of(request).authenticate(credentials.credentials if credentials else None, clock_skew(request),
                                        touch=False)


def dumps(value) -> bytes:
    """JSON as the answers write it (the bytes of FastAPI's JSONResponse)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def routers() -> list:
    from sync.hub.routes import blobs, devices, health, snapshot, sync

    return [health.router, devices.router, sync.router, snapshot.router, blobs.router]
