"""Answers other than 2xx, all in the protocol's ``{"error", "message"}`` shape.

:class:`HubError` is raised anywhere below a route; :func:`install` registers the
handlers that turn it, FastAPI's own validation errors, Starlette's HTTP errors, a
busy database and anything unexpected into that shape.
"""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("township.hub")

UNAUTHORIZED = "unauthorized"
#: 401 for the token of a device another took over from (``POST /v1/devices/successor``)
SUCCEEDED = "device_succeeded"
RETRY_SOON = {"Retry-After": "5"}


class HubError(Exception):
    """An answer other than 2xx, in the protocol's ``{"error", "message"}`` shape."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None,
                 params: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.error, self.message, self.headers = status, error, message, headers
        #: what the message names, for a client that words it itself (``"params"`` in the answer)
        self.params = params


def bad_request(message: str) -> HubError:
    return HubError(400, "bad_request", message)


def invalid(message: str) -> HubError:
    return HubError(422, "invalid", message)


def too_large(message: str) -> HubError:
    return HubError(413, "too_large", message)


def shutting_down() -> HubError:
    return HubError(503, "busy", "The hub is shutting down; try again shortly.", RETRY_SOON)


def busy() -> HubError:
    return HubError(503, "busy", "The hub is busy; try again shortly.", RETRY_SOON)


def error_response(status: int, error: str, message: str, headers: dict[str, str] | None = None,
                   params: dict | None = None) -> JSONResponse:
    body: dict = {"error": error, "message": message}
    if params is not None:
        body["params"] = params
    return JSONResponse(body, status_code=status, headers=headers)


_HTTP_ERRORS = {400: "bad_request", 401: UNAUTHORIZED, 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "too_large", 422: "invalid"}


async def _hub_error(request: Request, exc: HubError) -> JSONResponse:
    return error_response(exc.status, exc.error, exc.message, exc.headers, exc.params)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "header", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return error_response(422, "invalid", "; ".join(parts) or "The request is invalid.")


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    error = _HTTP_ERRORS.get(exc.status_code, "http_error")
    message = {404: f"No such path: {request.url.path[:200]}",
               405: f"{request.method} is not allowed on {request.url.path[:200]}"}.get(
        exc.status_code, str(exc.detail))
    return error_response(exc.status_code, error, message, getattr(exc, "headers", None))


async def _database_error(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
    if "locked" in str(exc) or "busy" in str(exc):
        return error_response(503, "busy", "The hub is busy; try again shortly.", RETRY_SOON)
    log.exception("database error", exc_info=exc)
    return error_response(500, "internal", "The hub failed to answer; the problem has been logged.")


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal", "The hub failed to answer; the problem has been logged.")


def install(app: FastAPI) -> None:
    """Answer every error of *app* in the protocol's shape."""
    app.add_exception_handler(HubError, _hub_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(sqlite3.OperationalError, _database_error)
    app.add_exception_handler(Exception, _internal)
