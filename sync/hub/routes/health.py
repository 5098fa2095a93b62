"""Is the hub up, and its clock."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from desktop.ledger import migrations
from sync.hub.openapi import responses
from sync.hub.schemas import HealthAnswer, TimeAnswer

router = APIRouter(prefix="/v1")


def now_ms() -> int:
    return int(time.time() * 1000)


@router.get("/health", responses=responses(HealthAnswer), summary="Is the hub up, and its schema")
def health() -> JSONResponse:
    return JSONResponse({"status": "ok", "schema": migrations.CURRENT_VERSION})


@router.get("/time", responses=responses(TimeAnswer), summary="The hub's wall clock")
def hub_time() -> JSONResponse:
    return JSONResponse({"time_ms": now_ms()})
