"""First sync of a big scope: one resumable snapshot file (see :mod:`sync.hub.snapshots`)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from sync.hub.errors import HubError, invalid
from sync.hub.openapi import ready_responses, responses, snapshot_responses
from sync.hub.routes import device_of, hub_of
from sync.hub.routes.health import now_ms
from sync.hub.schemas import ReadyAnswer, SnapshotInfo
from sync.hub.settings import INT64_MAX
from sync.hub.snapshots import chunks
from sync.hub.store import Device
from sync.hub.wire import range_start

router = APIRouter(prefix="/v1")
log = logging.getLogger("township.hub")


@router.get("/snapshot/info", responses=responses(SnapshotInfo, 401),
            summary="How many changes a first sync of the caller's scope holds, up to which cursor")
def snapshot_info(request: Request, device: Device = Depends(device_of)) -> JSONResponse:
    with hub_of(request).reading() as reader:
        upto = reader.ledger.last_seq()
        count = reader.ledger.count_changes_for(device.scope, upto, exclude_origin=device.device_id)
    return JSONResponse({"cursor": upto, "count": count, "hub_time_ms": now_ms()})


@router.get("/snapshot", responses=snapshot_responses(), summary=(
    "Everything the caller receives up to a cursor, as one gzip'd NDJSON file; resumable with Range"))
def snapshot(request: Request, device: Device = Depends(device_of),
             upto: int = Query(..., ge=0, le=INT64_MAX, description="the cursor from /v1/snapshot/info")
             ) -> StreamingResponse:
    hub = hub_of(request)
    if upto > hub.last_seq():
        raise invalid("Field 'upto' is beyond the hub's change log; take it from /v1/snapshot/info.")
    try:
        path = hub.snapshots.file(device, upto)
    except OSError as exc:  # a full or failing disk: the device pulls page by page
        log.warning("snapshot file of scope %r not written (%s): first syncs pull page by page",
                    device.scope or "all", exc)
        raise HubError(409, "snapshot_unavailable",
                       "The hub cannot write the snapshot file now; pull page by page.") from None
    return _serve(request, open(path, "rb"),  # open: a newer file may replace it
                  {"X-Snapshot-Cursor": str(upto)})


@router.get("/snapshot/ledger", responses=responses(ReadyAnswer, 401), summary=(
    "A ready ledger file for the caller's first sync (none once it has sent changes of its own)"))
def ready_ledger(request: Request, device: Device = Depends(device_of)) -> JSONResponse:
    return JSONResponse({"ready": hub_of(request).ready.offer(device), "hub_time_ms": now_ms()})


@router.get("/snapshot/ledger/{file_id}", responses=ready_responses(), summary=(
    "The bytes of a ready ledger file named by /v1/snapshot/ledger; resumable with Range"))
def ready_ledger_file(request: Request, file_id: str = Path(..., max_length=64, pattern=r"^[0-9a-z]+-[0-9]+$"),
                      device: Device = Depends(device_of)) -> StreamingResponse:
    path = hub_of(request).ready.path(device, file_id)
    if path is None:
        raise HubError(404, "not_found", "That ready ledger is no longer kept; ask /v1/snapshot/ledger again.")
    return _serve(request, open(path, "rb"), {})


def _serve(request: Request, fh, headers: dict) -> StreamingResponse:
    """The file *fh* (open; closed when done), whole or from the byte a Range asks for."""
    try:
        size = fh.seek(0, 2)
        start = range_start(request.headers.get("range"), size)
    except BaseException:
        fh.close()
        raise
    headers = dict(headers, **{"Accept-Ranges": "bytes", "Content-Length": str(size - (start or 0))})
    if start is None:
        return StreamingResponse(chunks(fh, 0), media_type="application/gzip", headers=headers)
    headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    return StreamingResponse(chunks(fh, start), status_code=206, media_type="application/gzip", headers=headers)
