"""The hub's endpoints as ``APIRouter``s, one module per area; :data:`ROUTERS` lists them.

Endpoints are plain ``def`` functions, so FastAPI runs them in its worker threads;
:func:`hub_of` and :func:`device_of` give them the hub service and the calling device.
"""

from __future__ import annotations

import json

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.hub.service import Hub
from sync.hub.store import Device

bearer = HTTPBearer(auto_error=False, description="the device token from POST /v1/enroll")


def hub_of(request: Request) -> Hub:
    return request.app.state.hub


def device_of(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Device:
    return hub_of(request).authenticate(credentials.credentials if credentials else None)


def dumps(value) -> bytes:
    """JSON as the answers write it (the bytes of FastAPI's JSONResponse)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def routers() -> list:
    from sync.hub.routes import blobs, devices, health, snapshot, sync

    return [health.router, devices.router, sync.router, snapshot.router, blobs.router]
