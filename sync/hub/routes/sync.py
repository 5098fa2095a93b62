"""Push (send changes) and pull (receive the changes after a cursor)."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from desktop.ledger.changes import Change
from sync import signatures
from sync.hub import keys as hub_keys
from sync.hub import trust
from sync.hub.openapi import body, responses
from sync.hub.routes import clock_skew, dumps, hub_of, syncing_device_of
from sync.hub.routes.health import now_ms
from sync.hub.schemas import PullAnswer, PushAnswer, PushRequest, validate
from sync.hub.service import Hub
from sync.hub.settings import INT64_MAX, PULL_DEFAULT, PULL_MAX
from sync.hub.store import Device
from sync.hub.wire import check_schema, echo, parse_json_texts, raw_body, received

log = logging.getLogger("township.hub")
router = APIRouter(prefix="/v1")

#: changes read (and held in memory) at a time while a pull answer is written
PULL_CHUNK = 250


@router.post("/push", responses=responses(PushAnswer, 400, 401, 409, 413, 422), openapi_extra=body(PushRequest),
             summary="Send changes")
def push(request: Request, device: Device = Depends(syncing_device_of), raw: bytes = Depends(raw_body)
         ) -> JSONResponse:
    hub = hub_of(request)
    skew = clock_skew(request)
    try:
        body, texts_ok = parse_json_texts(request, raw)
        data = validate(PushRequest, body)
        check_schema(data.schema_)
    except Exception:
        hub.touch(device, skew)  # the push writes nothing: its call is noted on its own
        raise
    return _push(request, hub, device, data, skew, texts_ok)


def _push(request: Request, hub: Hub, device: Device, data: PushRequest, skew: int | None,
          texts_ok: bool = False) -> JSONResponse:
    items = data.changes
    results: list[dict] = []
    wellformed: list[tuple[int, Change]] = []
    for i, item in enumerate(items):
        change, reason = received(item, texts_ok)
        if change is None:
            origin, seq = echo(item)
            results.append({"origin": origin, "seq": seq, "status": "rejected", **trust.malformed(reason).answer()})
        else:
            results.append({"origin": change.origin, "seq": change.origin_seq, "status": "rejected"})
            wellformed.append((i, change))

    with hub.reading() as reader:  # signatures are checked before the write: no other writer waits
        signed = trust.signature_refusals(reader.store.conn, device, wellformed, data.keys)

    def apply() -> tuple[trust.Sorted, Any, dict[str, int]]:
        # on PostgreSQL the records go with the checks' look-up (the usual push: every change accepted)
        hub.ledger.read_records_ahead([c for _, c in wellformed])
        batch = trust.sort_batch(hub.store, device, hub.ledger.device_id, wellformed, signed)
        # sort_batch has looked up each change in this transaction: what it accepts is not held
        report = hub.ledger.apply_changes([c for _, c in batch.accepted], allowed_scope=device.scope, unheld=True)
        refused = _refused_by_code(results, batch, report)
        hub.store.record_call(device.device_id, skew, refused)  # in the push's own transaction
        return batch, report, refused

    batch, report, refused = hub.write(apply)
    hub.contacted(device.device_id)
    applied = _settle(results, batch, report)
    duplicate = len(batch.duplicates)
    request.app.state.metrics.pushed(applied, duplicate, len(items) - applied - duplicate, refused)
    if applied or len(items) > applied + duplicate:
        log.info("push from %s: %d applied, %d duplicate, %d rejected", device.device_id, applied, duplicate,
                 len(items) - applied - duplicate)
    _log_refusals(device, batch)
    return JSONResponse({"results": results, "hub_time_ms": now_ms()})


def _log_refusals(device: Device, batch: trust.Sorted) -> None:
    """One line per kind of refusal that says something about trust (a forged or replayed
    origin, a made-up scope), with its first example."""
    first: dict[str, trust.Refusal] = {}
    count: dict[str, int] = {}
    for refusal in batch.refused.values():
        if refusal.code in ("origin_not_allowed", "origin_revoked", "duplicate_differs", "unknown_scope",
                            *signatures.CODES):
            first.setdefault(refusal.code, refusal)
            count[refusal.code] = count.get(refusal.code, 0) + 1
    for code, refusal in first.items():
        log.warning("push from %s (scope %s): %d refused as %s, e.g. %s %s", device.device_id, device.scope,
                    count[code], code, refusal.params, refusal.text)


def _refused_by_code(results: list[dict], batch: trust.Sorted, report) -> dict[str, int]:
    """How many changes of a push are refused, by code: malformed ones (already in *results*),
    those the checks refused and those the ledger refused."""
    codes = [r["code"] for r in results if "code" in r]
    codes += [refusal.code for refusal in batch.refused.values()]
    codes += [trust.refused(reason).code for _, reason in report.rejected]
    return dict(Counter(codes))


def _settle(results: list[dict], batch: trust.Sorted, report) -> int:
    """Each change's status from the checks and the ledger's report; how many were applied."""
    for i in batch.duplicates:
        results[i]["status"] = "duplicate"
    for i, refusal in batch.refused.items():
        results[i].update(refusal.answer())
    rejected = {id(c): reason for c, reason in report.rejected}
    applied = 0
    for i, change in batch.accepted:
        if id(change) in rejected:
            results[i].update(trust.refused(rejected[id(change)]).answer())
        else:
            results[i]["status"] = "applied"
            applied += 1
    if (applied, 0) != (report.applied, report.duplicate):  # pragma: no cover - a ledger change
        log.error("push results disagree with the ledger's report: %s/0 vs %s/%s",
                  applied, report.applied, report.duplicate)
    return applied


@router.get("/pull", responses=responses(PullAnswer, 401, 422), summary="Receive changes after a cursor")
def pull(request: Request, device: Device = Depends(syncing_device_of),
         cursor: int = Query(0, ge=0, le=INT64_MAX, description="the cursor of the previous answer"),
         limit: int = Query(PULL_DEFAULT, ge=1, le=PULL_MAX, description="most changes in the answer")
         ) -> StreamingResponse:
    hub = hub_of(request)
    pages = hub.pages(device, cursor, limit, PULL_CHUNK)
    skew = clock_skew(request)
    try:
        first = next(pages)  # read before the answer starts, so a busy hub still answers 503
    except Exception:
        hub.touch(device, skew)
        raise
    return StreamingResponse(_pull_answer(hub, device, first, pages, skew), media_type="application/json")


def _pull_answer(hub: Hub, device: Device, first: tuple, pages: Iterator[tuple], skew: int | None
                 ) -> Iterator[bytes]:
    """``{"changes": [...], "keys", "cursor", "more", "hub_time_ms"}``, written as the changes
    are read; ``keys`` holds the signing keys of the origins of the signed changes."""
    yield b'{"changes":['
    comma = False
    new_cursor = more = None
    origins: set[str] = set()
    for changes, new_cursor, more in _chain(first, pages):
        if changes:
            yield (b"," if comma else b"") + b",".join(dumps(c.to_wire()) for c in changes)
            comma = True
            origins.update(c.origin for c in changes if c.signature)
    keys: dict[str, str] = {}
    if origins:
        with hub.reading() as reader:
            keys = hub_keys.origin_keys(reader.store.conn, origins)
    _note_pull(hub, device, new_cursor, skew)
    yield (b'],"keys":' + dumps(keys) + b',"cursor":' + dumps(new_cursor) + b',"more":' + dumps(more)
           + b',"hub_time_ms":' + dumps(now_ms()) + b"}")


def _note_pull(hub: Hub, device: Device, cursor: int, skew: int | None) -> None:
    """The device's last contact, with its new cursor when it moved (for the admin's "pending"
    count): one statement."""
    try:
        if cursor != device.last_pull_cursor:
            hub.contact(lambda store: store.record_pull(device.device_id, cursor, skew))
            hub.contacted(device.device_id)
        else:
            hub.touch(device, skew)
    except Exception as exc:  # noqa: BLE001 - a figure for the admin; the answer stands
        log.warning("could not record the pull of %s: %s", device.device_id, exc)


def _chain(first: tuple, rest: Iterator[tuple]) -> Iterator[tuple]:
    yield first
    yield from rest
