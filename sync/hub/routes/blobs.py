"""Attachment contents (blobs): upload (whole, or resumable through ``/upload``), download
(resumable with ``Range``), and which ones the hub lacks."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Path as PathParam, Request
from fastapi.responses import JSONResponse, Response
from starlette.requests import ClientDisconnect

from desktop.ledger import Ledger, scope_ancestors
from sync.hub.errors import HubError, bad_request, invalid, too_large
from sync.hub.openapi import BINARY, blob_responses, body, responses, upload_responses
from sync.hub.routes import device_of, hub_of
from sync.hub.schemas import BlobMissingAnswer, BlobMissingRequest, UploadState, validate
from sync.hub.service import Hub
from sync.hub.settings import MAX_BLOB, SHA256_PATTERN
from sync.hub.store import Device
from sync.hub.uploads import BODY_IDLE, PartialUploads
from sync.hub.wire import Inflater, blob_body, decoded, parse_json, range_start, raw_body

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

    stored = not _known(hub, sha256) and _store(hub, content, device)
    return JSONResponse({"sha256": sha256, "stored": stored, "size": len(content)}, status_code=201 if stored else 200)


def _known(hub: Hub, sha256: str) -> bool:
    with hub.reading() as reader:
        return reader.ledger.has_blob(sha256)


def _store(hub: Hub, content: bytes, device: Device) -> bool:
    """Store a checked content; False when the hub had it already."""
    sha256 = hashlib.sha256(content).hexdigest()

    def store() -> bool:
        if hub.ledger.has_blob(sha256):
            return False
        hub.ledger.add_blob(content)
        return True

    stored = hub.write(store)
    if stored:
        log.info("blob %s (%d bytes) from %s", sha256, len(content), device.device_id)
    return stored


# ------------------------------------------------------------------------------------ resumable upload
def _state(sha256: str, offset: int, complete: bool, status: int = 200) -> JSONResponse:
    return JSONResponse({"sha256": sha256, "offset": offset, "complete": complete}, status_code=status,
                        headers={"Upload-Offset": str(offset), "Cache-Control": "no-store"})


@router.get("/{sha256}/upload", responses=responses(UploadState, 401, 409, 422),
            summary="How much of this content the hub holds from the caller (to resume an upload)")
async def upload_state(request: Request, sha256: str = sha_param,
                       device: Device = Depends(device_of)) -> JSONResponse:
    hub = hub_of(request)
    if await anyio.to_thread.run_sync(_known, hub, sha256):
        return _state(sha256, 0, True)
    path = hub.uploads.path(sha256, device.device_id)
    async with hub.uploads.held(path):  # a cut request finishes writing first
        return _state(sha256, hub.uploads.offset(path), False)


@router.patch("/{sha256}/upload", responses=upload_responses(),
              openapi_extra={"requestBody": {"required": True, "content": {"application/offset+octet-stream": BINARY}}},
              summary="Send an attachment's content from Upload-Offset on (the hub checks the SHA-256 at the end)")
async def upload(request: Request, sha256: str = sha_param, device: Device = Depends(device_of),
                 upload_offset: int = Header(..., ge=0, description="bytes of the content the hub holds already"),
                 upload_length: int = Header(..., ge=0, description="the whole content's size")) -> JSONResponse:
    hub = hub_of(request)
    if upload_length > MAX_BLOB:
        raise too_large(f"An attachment's content is at most {MAX_BLOB} bytes.")
    if await anyio.to_thread.run_sync(_known, hub, sha256):  # nothing to read
        return _state(sha256, 0, True)
    uploads = hub.uploads
    path = uploads.path(sha256, device.device_id)
    async with uploads.held(path):
        have = uploads.offset(path)
        if have > upload_length:  # not of this content's size: of no use
            uploads.discard(path)
            have = 0
        if have != upload_offset:
            raise HubError(409, "offset_mismatch", f"The hub holds {have} bytes of this content, not {upload_offset}.",
                           {"Upload-Offset": str(have)}, params={"offset": have})
        if have == 0:
            uploads.sweep_due()
        try:
            have = await _receive(request, path, have, upload_length)
        except HubError:
            uploads.discard(path)
            raise
        if have < upload_length:
            return _state(sha256, have, False)
        stored = await anyio.to_thread.run_sync(_finish, hub, path, sha256, device)
    return _state(sha256, have, True, 201 if stored else 200)


async def _receive(request: Request, path: Path, have: int, length: int) -> int:
    """Append the body (inflated when gzip'd) to the partial at *path* as it arrives; the
    bytes held afterwards.  A line cut meanwhile (or silent for BODY_IDLE) keeps what
    arrived, for the next attempt."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip"):
        raise bad_request(f"Unsupported Content-Encoding {encoding[:40]!r}; send gzip or nothing.")
    inflater = Inflater(length - have) if encoding == "gzip" else None
    body = request.stream().__aiter__()
    with open(path, "ab") as fh:
        try:
            while True:
                chunk = await asyncio.wait_for(body.__anext__(), BODY_IDLE)
                piece = inflater.feed(chunk) if inflater else chunk
                if have + len(piece) > length:
                    raise invalid(f"The body holds more than the Upload-Length of {length} bytes.")
                fh.write(piece)
                have += len(piece)
        except (StopAsyncIteration, ClientDisconnect, asyncio.TimeoutError):
            pass
    return have


def _finish(hub: Hub, path: Path, sha256: str, device: Device) -> bool:
    """Store a partial that has all its bytes, if they are the content named; discard it either way."""
    try:
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        if digest != sha256:
            raise invalid(f"The content's SHA-256 is {digest}, not the {sha256} of the path; "
                          "the bytes received are discarded.")
        return _store(hub, content, device)
    finally:
        PartialUploads.discard(path)


def _visible(reader: Ledger, sha256: str, scope: str) -> bool:
    """An attachment record with this content lies in *scope*, below it or above it."""
    above = set(scope_ancestors(scope))
    rows = reader.conn.execute("SELECT scope FROM attachment WHERE sha256 = ? AND deleted = 0", (sha256,))
    return any(r[0].startswith(scope) or r[0] in above for r in rows)


@router.get("/{sha256}", responses=blob_responses(None, 401, 404, 416, 422), summary=(
    "Download an attachment's content (of an attachment in the caller's scope or above); resumable with Range"))
def get_blob(request: Request, sha256: str = sha_param, device: Device = Depends(device_of)) -> Response:
    with hub_of(request).reading() as reader:
        ledger = reader.ledger
        data = ledger.blob(sha256) if ledger.has_blob(sha256) and _visible(ledger, sha256, device.scope) else None
    if data is None:  # absent or not the caller's: the same answer, so nothing leaks
        raise HubError(404, "not_found", "The hub has no such content for this device.")
    start = range_start(request.headers.get("range"), len(data))
    headers = {"Accept-Ranges": "bytes"}
    if start is None:
        return Response(data, media_type="application/octet-stream", headers=headers)
    headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
    return Response(data[start:], status_code=206, media_type="application/octet-stream", headers=headers)


@router.post("/missing", responses=responses(BlobMissingAnswer, 400, 401, 413, 422),
             openapi_extra=body(BlobMissingRequest), summary="Which of these contents the hub lacks")
def blobs_missing(request: Request, device: Device = Depends(device_of),
                  raw: bytes = Depends(raw_body)) -> JSONResponse:
    wanted = validate(BlobMissingRequest, parse_json(request, raw)).sha256
    with hub_of(request).reading() as reader:
        missing = [s for s in dict.fromkeys(wanted) if not reader.ledger.has_blob(s)]
    return JSONResponse({"missing": missing})
