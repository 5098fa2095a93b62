"""Attachment contents (blobs): upload, download, and which ones the hub lacks."""

from __future__ import annotations

import hashlib
import logging

from fastapi import APIRouter, Depends, Path as PathParam, Request
from fastapi.responses import JSONResponse, Response

from desktop.ledger import Ledger, scope_ancestors
from sync.hub.errors import HubError, invalid
from sync.hub.openapi import BINARY, blob_responses, body, responses
from sync.hub.routes import device_of, hub_of
from sync.hub.schemas import BlobMissingAnswer, BlobMissingRequest, validate
from sync.hub.settings import MAX_BLOB, SHA256_PATTERN
from sync.hub.store import Device
from sync.hub.wire import blob_body, decoded, parse_json, raw_body

log = logging.getLogger("township.hub")
router = APIRouter(prefix="/v1/blobs")

sha_param = PathParam(..., pattern=SHA256_PATTERN, description="SHA-256 of the content, 64 lower-case hex digits")


@router.put("/{sha256}", responses=blob_responses(201, 400, 401, 404, 413, 422),
            openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": BINARY}}},
            summary="Upload an attachment's content (idempotent; the body's SHA-256 must match the path)")
def put_blob(request: Request, sha256: str = sha_param, device: Device = Depends(device_of),
             raw: bytes = Depends(blob_body)) -> JSONResponse:
    hub = hub_of(request)
    content = decoded(request, raw, MAX_BLOB)
    digest = hashlib.sha256(content).hexdigest()
    if digest != sha256:
        raise invalid(f"The content's SHA-256 is {digest}, not the {sha256} of the path.")

    def store() -> bool:
        if hub.ledger.has_blob(sha256):
            return False
        hub.ledger.add_blob(content)
        return True

    with hub.reading() as reader:
        known = reader.ledger.has_blob(sha256)
    stored = not known and hub.write(store)
    if stored:
        log.info("blob %s (%d bytes) from %s", sha256, len(content), device.device_id)
    return JSONResponse({"sha256": sha256, "stored": stored, "size": len(content)}, status_code=201 if stored else 200)


def _visible(reader: Ledger, sha256: str, scope: str) -> bool:
    """An attachment record with this content lies in *scope*, below it or above it."""
    above = set(scope_ancestors(scope))
    rows = reader.conn.execute("SELECT scope FROM attachment WHERE sha256 = ? AND deleted = 0", (sha256,))
    return any(r[0].startswith(scope) or r[0] in above for r in rows)


@router.get("/{sha256}", responses=blob_responses(None, 401, 404, 422),
            summary="Download an attachment's content (of an attachment in the caller's scope or above)")
def get_blob(request: Request, sha256: str = sha_param, device: Device = Depends(device_of)) -> Response:
    with hub_of(request).reading() as reader:
        ledger = reader.ledger
        data = ledger.blob(sha256) if ledger.has_blob(sha256) and _visible(ledger, sha256, device.scope) else None
    if data is None:  # absent or not the caller's: the same answer, so nothing leaks
        raise HubError(404, "not_found", "The hub has no such content for this device.")
    return Response(data, media_type="application/octet-stream")


@router.post("/missing", responses=responses(BlobMissingAnswer, 400, 401, 413, 422),
             openapi_extra=body(BlobMissingRequest), summary="Which of these contents the hub lacks")
def blobs_missing(request: Request, device: Device = Depends(device_of),
                  raw: bytes = Depends(raw_body)) -> JSONResponse:
    wanted = validate(BlobMissingRequest, parse_json(request, raw)).sha256
    with hub_of(request).reading() as reader:
        missing = [s for s in dict.fromkeys(wanted) if not reader.ledger.has_blob(s)]
    return JSONResponse({"missing": missing})
