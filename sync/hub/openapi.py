"""``/openapi.json`` from the wire shapes of :mod:`sync.hub.schemas`.

Request bodies are read by hand (size limits, gzip, the protocol's error shape), so
FastAPI does not see them as parameters; the routes name their models here instead,
and :func:`install` adds every model to the description's components.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from sync.hub.schemas import MODELS, BlobStored, ErrorAnswer, SnapshotInfo, UploadState

REF = "#/components/schemas/{model}"

_TIME_HEADER = {"X-Hub-Time-Ms": {"description": "the hub's wall clock, ms since 1970", "schema": {"type": "string"}}}
_ERROR_TEXT = {
    400: "malformed JSON or gzip", 401: "missing, unknown or revoked token", 403: "bad, used or expired code",
    404: "no such content (or not visible to the caller)",
    409: "schema newer than the hub's; or an Upload-Offset other than the hub's (offset_mismatch, its offset in params) "
         "or another request still sending this content (upload_busy)",
    413: "too many changes or body too big", 416: "a range the content does not have",
    422: "wrong types or missing fields",
    429: "too many enrollment attempts from this address; try again after Retry-After", 503: "the hub is busy or shutting down; try again after Retry-After",
}
BINARY = {"schema": {"type": "string", "format": "binary"}}


def ref(model) -> dict:
    return {"$ref": REF.format(model=model.__name__)}


def components() -> dict:
    """The JSON schema of every wire shape, by model name."""
    _, top = models_json_schema([(m, "validation") for m in MODELS], ref_template=REF)
    return top.get("$defs", {})


def body(model) -> dict:
    """``openapi_extra`` of a route whose JSON body is *model*."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref(model)}}}}


def responses(ok, *errors: int) -> dict:
    """The answers of a route: 200 with *ok* (a model), and the protocol's errors."""
    out: dict = {200: {"description": "OK", "headers": _TIME_HEADER,
                       "content": {"application/json": {"schema": ref(ok)}}}}
    for status in errors:
        out[status] = {"description": _ERROR_TEXT[status], "headers": _TIME_HEADER,
                       "content": {"application/json": {"schema": ref(ErrorAnswer)}}}
    return out


def snapshot_responses() -> dict:
    out = responses(SnapshotInfo, 401, 409, 416, 422)
    out[409] = dict(out[409], description="the hub cannot write the snapshot file now (snapshot_unavailable: a full "
                                          "disk): pull page by page")
    binary = {"application/gzip": BINARY}
    out[200] = {"description": "The whole snapshot: gzip'd lines of JSON — a header {snapshot, cursor, count, "
                               "schema}, one change per line, a footer {end: count}", "content": binary}
    out[206] = {"description": "The rest of the snapshot from the requested byte", "content": binary}
    return out


def ready_responses() -> dict:
    out = responses(SnapshotInfo, 401, 404, 416)
    binary = {"application/gzip": BINARY}
    out[200] = {"description": "The whole ready ledger: a gzip'd SQLite ledger file", "content": binary}
    out[206] = {"description": "The rest of the file from the requested byte", "content": binary}
    return out


def blob_responses(ok_status: int | None, *errors: int) -> dict:
    out = responses(BlobStored, *errors)
    if ok_status == 201:
        out[201] = {"description": "Stored", "headers": _TIME_HEADER,
                    "content": {"application/json": {"schema": ref(BlobStored)}}}
        out[200]["description"] = "Already stored"
    elif ok_status is None:  # GET: the bytes themselves
        out[200] = {"description": "The content", "headers": _TIME_HEADER,
                    "content": {"application/octet-stream": BINARY}}
    return out


def upload_responses() -> dict:
    out = responses(UploadState, 400, 401, 409, 413, 422)
    out[200]["description"] = "The bytes held so far (complete: false), or the hub had the content already"
    out[201] = {"description": "The content is complete, checked and stored", "headers": _TIME_HEADER,
                "content": {"application/json": {"schema": ref(UploadState)}}}
    return out


def install(app: FastAPI) -> None:
    """Serve a description whose components hold every wire shape."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {}).update(components())
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
