"""Is the hub up (and its database with it), and its clock."""

from __future__ import annotations

import logging
import sqlite3
import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from desktop.ledger import migrations
from sync.hub.errors import RETRY_SOON, HubError
from sync.hub.openapi import responses
from sync.hub.schemas import HealthAnswer, TimeAnswer

log = logging.getLogger("township.hub")
router = APIRouter(prefix="/v1")


def now_ms() -> int:
    return int(time.time() * 1000)


@router.get("/health", responses=responses(HealthAnswer, 503), summary="Is the hub up, its database, and its schema")
def health(request: Request) -> JSONResponse:
    try:
        request.app.state.hub.last_seq()  # a read on a pooled connection: the database answers
    except sqlite3.Error as exc:
        log.warning("health check: the database does not answer: %s", exc)
        raise HubError(503, "database_unavailable", "The hub cannot reach its database.", RETRY_SOON) from None
    return JSONResponse({"status": "ok", "schema": migrations.CURRENT_VERSION})


@router.get("/time", responses=responses(TimeAnswer), summary="The hub's wall clock")
def hub_time() -> JSONResponse:
    return JSONResponse({"time_ms": now_ms()})
