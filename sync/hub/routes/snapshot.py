"""First sync of a big scope: one resumable snapshot file (see :mod:`sync.hub.snapshots`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from sync.hub.errors import invalid
from sync.hub.openapi import responses, snapshot_responses
from sync.hub.routes import device_of, hub_of
from sync.hub.routes.health import now_ms
from sync.hub.schemas import SnapshotInfo
from sync.hub.settings import INT64_MAX
from sync.hub.snapshots import chunks
from sync.hub.store import Device
from sync.hub.wire import range_start

router = APIRouter(prefix="/v1")


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
    fh = open(hub.snapshots.file(device, upto), "rb")  # open: a newer file may replace it on disk meanwhile
    try:
        size = fh.seek(0, 2)
        start = range_start(request.headers.get("range"), size)
    except BaseException:
        fh.close()
        raise
    headers = {"Accept-Ranges": "bytes", "X-Snapshot-Cursor": str(upto), "Content-Length": str(size - (start or 0))}
    if start is None:
        return StreamingResponse(chunks(fh, 0), media_type="application/gzip", headers=headers)
    headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    return StreamingResponse(chunks(fh, start), status_code=206, media_type="application/gzip", headers=headers)
