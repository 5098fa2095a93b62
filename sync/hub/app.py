"""The hub: a small FastAPI service over a ledger (docs/hub-protocol.md).

``create_app(db_path)`` opens the hub's ledger (creating it, scope "", on first start)
and holds its instance lock for the life of the process.  The endpoints are plain
``def`` functions, so FastAPI runs them in its thread pool: reads run side by side on
per-thread read-only connections, writes are committed in groups on the one writing
connection (see :class:`Hub`).

Request bodies are parsed by hand, so every bad input gets the protocol's
``{"error", "message"}`` answer with a 4xx status and changes nothing: the body is
read with a size limit, gunzipped with a second limit (against zip bombs), parsed,
and its shape checked before anything touches the ledger.  The pydantic-free JSON
schemas below only document the bodies in ``/openapi.json``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
import zlib
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from desktop.records import ids
from desktop.ledger import migrations
from desktop.ledger.changes import Change
from sync.hub.store import NAME_MAX, PUBLIC_KEY_MAX, Device, EnrollmentRefused, HubStore, NotAHub
from desktop.ledger import Ledger, scope_ancestors

log = logging.getLogger("township.hub")

PROTOCOL_VERSION = 1
#: Largest request body as sent (compressed or not).
MAX_BODY = 16 * 1024 * 1024
#: Largest request body after gunzip.
MAX_INFLATED = 64 * 1024 * 1024
MAX_CHANGES = 2000
PULL_DEFAULT, PULL_MAX = 2000, 5000
INT64_MAX = 2**63 - 1
#: Largest attachment content (PUT /v1/blobs/{sha256}), as sent and after gunzip.
MAX_BLOB = 50 * 1024 * 1024
#: Most hashes in one POST /v1/blobs/missing.
MAX_BLOB_QUERY = 1000
SHA256_PATTERN = "^[0-9a-f]{64}$"
#: Changes read per query while a snapshot is written; snapshots kept for resumed downloads.
SNAPSHOT_PAGE, SNAPSHOT_CACHE = 5000, 4
#: How often a device's "last contact" is written at most (seconds).
TOUCH_EVERY = 60.0


def now_ms() -> int:
    return int(time.time() * 1000)


class HubError(Exception):
    """An answer other than 2xx, in the protocol's ``{"error", "message"}`` shape."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.error, self.message, self.headers = status, error, message, headers


def _error_response(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status, headers=headers)


def bad_request(message: str) -> HubError:
    return HubError(400, "bad_request", message)


def invalid(message: str) -> HubError:
    return HubError(422, "invalid", message)


def too_large(message: str) -> HubError:
    return HubError(413, "too_large", message)


UNAUTHORIZED = "unauthorized"


# ------------------------------------------------------------------------------------ the hub's state
class _Write:
    """One request's write, waiting for the group that commits it."""

    __slots__ = ("fn", "done", "result", "error")

    def __init__(self, fn) -> None:
        self.fn = fn
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None


class _Reader(threading.local):
    ledger: Ledger | None = None
    store: HubStore | None = None


class Hub:
    """The hub ledger, its device tables, and how requests share them.

    Reads (authentication, pulls, the device list, attachment downloads) run on a
    read-only connection of the request's own thread, without waiting for writers:
    SQLite's WAL gives each read a consistent snapshot of what was committed.

    Writes (pushes, enrollments, attachment uploads, the devices' "last contact" and
    pull cursor) go through :meth:`write`, which commits them in groups: a request
    queues its write and takes the write lock; whoever holds the lock runs every
    queued write in one transaction (each in a savepoint of its own, so one failing
    write takes back only itself) and commits once.  One fsync then serves all the
    requests that arrived meanwhile, and nobody's answer leaves before its write is
    on disk.  Writes commit in order on one connection, so a reader never sees a
    change log with a hole in it.
    """

    def __init__(self, db_path: Path | str) -> None:
        path = Path(db_path)
        if path.exists() and path.stat().st_size > 0:
            self.ledger = Ledger.open(path)
        else:
            self.ledger = Ledger.new(path, scope="", operator="hub")
        if self.ledger.scope != "":
            scope = self.ledger.scope
            self.ledger.close()
            raise NotAHub(path=str(path), scope=scope)
        try:
            self.store = HubStore(self.ledger)
        except BaseException:
            self.ledger.close()
            raise
        #: held while a group of writes runs (and to close)
        self.lock = threading.Lock()
        self._queue: list[_Write] = []
        self._queue_lock = threading.Lock()
        self._reader = _Reader()
        self._readers: list[Ledger] = []
        self._touched: dict[str, float] = {}
        self._snapshots: dict[tuple, bytes] = {}  # the last few snapshots made, oldest first
        self._closed = False
        #: writes committed and groups that committed them (for the log and the tests)
        self.writes = self.groups = 0

    def close(self) -> None:
        with self.lock:
            self._closed = True
            with self._queue_lock:
                readers, self._readers = self._readers, []
            for reader in readers:
                if reader.conn is not None:
                    reader.close()
            if self.ledger.conn is not None:
                self.ledger.close()

    # ----------------------------------------------------------------- reading
    def reading(self) -> tuple[Ledger, HubStore]:
        """This thread's read-only connection to the hub ledger (opened on first use)."""
        local = self._reader
        if local.ledger is None or local.ledger.conn is None:
            if self._closed:
                raise HubError(503, "busy", "The hub is shutting down; try again shortly.", {"Retry-After": "5"})
            reader = self.ledger.reader()
            local.ledger, local.store = reader, HubStore(conn=reader.conn, create_tables=False)
            with self._queue_lock:
                self._readers.append(reader)
        return local.ledger, local.store  # type: ignore[return-value]

    # ----------------------------------------------------------------- writing
    def write(self, fn):
        """Run ``fn()`` (which uses ``self.ledger`` / ``self.store``) in a committed write
        transaction shared with the writes queued meanwhile; return its result or raise
        its exception."""
        job = _Write(fn)
        with self._queue_lock:
            self._queue.append(job)
        with self.lock:
            if not job.done:
                with self._queue_lock:
                    group, self._queue = self._queue, []
                self._commit(group)
        if job.error is not None:
            raise job.error
        return job.result

    def _commit(self, group: list[_Write]) -> None:
        if self._closed or self.ledger.conn is None:
            error = HubError(503, "busy", "The hub is shutting down; try again shortly.", {"Retry-After": "5"})
            for job in group:
                job.error, job.done = error, True
            return
        try:
            with self.ledger.tx():
                for job in group:
                    try:
                        with self.ledger.tx():  # a savepoint: a failing write takes back only itself
                            job.result = job.fn()
                    except Exception as exc:  # noqa: BLE001 - handed to the request that queued it
                        job.error = exc
        except BaseException as exc:  # the commit failed: nothing of the group is stored
            for job in group:
                job.result, job.error = None, exc if isinstance(exc, Exception) else RuntimeError(str(exc))
            if not isinstance(exc, Exception):
                raise
        finally:
            for job in group:
                job.done = True
        self.writes += len(group)
        self.groups += 1

    # ----------------------------------------------------------------- devices
    def authenticate(self, token: str | None) -> Device:
        if not token:
            raise HubError(401, UNAUTHORIZED, "This call needs a device token (Authorization: Bearer <token>).",
                           {"WWW-Authenticate": "Bearer"})
        device = self.reading()[1].device_for_token(token)
        if device is None:
            raise HubError(401, UNAUTHORIZED, "The device token is unknown or has been revoked.",
                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        now = time.monotonic()
        with self._queue_lock:
            due = now - self._touched.get(device.device_id, -TOUCH_EVERY) >= TOUCH_EVERY
            if due:
                self._touched[device.device_id] = now
        if due:
            self.write(lambda: self.store.touch(device.device_id))
        return device

    # ----------------------------------------------------------------- first-sync snapshots
    def snapshot(self, device: Device, upto: int) -> bytes:
        """The gzip'd NDJSON snapshot of what *device* receives up to seq *upto*.

        The same (device, upto) always gives the same bytes: changes up to *upto* never
        change once committed, they are written in seq order, and the gzip header carries
        no time.  So a download cut off half-way resumes with an HTTP range."""
        key = (device.device_id, device.scope, upto)
        with self._queue_lock:
            cached = self._snapshots.get(key)
        if cached is not None:
            return cached
        reader = self.reading()[0]
        count = reader.count_changes_for(device.scope, upto, exclude_origin=device.device_id)
        packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        parts = [packer.compress(json.dumps({"snapshot": 1, "cursor": upto, "count": count,
                                             "schema": migrations.CURRENT_VERSION}).encode() + b"\n")]
        cursor, written, more = 0, 0, True
        while more:
            changes, cursor, more = reader.changes_for(cursor, device.scope, limit=SNAPSHOT_PAGE,
                                                       exclude_origin=device.device_id, upto=upto)
            lines = "".join(json.dumps(c.to_wire(), ensure_ascii=False, separators=(",", ":")) + "\n"
                            for c in changes)
            parts.append(packer.compress(lines.encode("utf-8")))
            written += len(changes)
        if written != count:  # pragma: no cover - the change log only grows
            raise RuntimeError(f"snapshot: {written} changes written, {count} counted")
        parts.append(packer.compress(json.dumps({"end": count}).encode() + b"\n"))
        parts.append(packer.flush())
        body = b"".join(parts)
        with self._queue_lock:
            self._snapshots[key] = body
            while len(self._snapshots) > SNAPSHOT_CACHE:
                self._snapshots.pop(next(iter(self._snapshots)))
        return body

    def forget_touch(self, device_id: str) -> None:
        with self._queue_lock:
            self._touched.pop(device_id, None)


# ------------------------------------------------------------------------------------ request bodies
async def raw_body(request: Request) -> bytes:
    """The request body as sent, read up to the size limit (413 beyond it)."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY:
        raise too_large(f"The request body is larger than {MAX_BODY} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise too_large(f"The request body is larger than {MAX_BODY} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


async def blob_body(request: Request) -> bytes:
    """An attachment's content as sent, read up to MAX_BLOB (413 beyond it)."""
    too_big = f"An attachment's content is at most {MAX_BLOB} bytes."
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BLOB:
        raise too_large(too_big)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BLOB:
            raise too_large(too_big)
        chunks.append(chunk)
    return b"".join(chunks)


def _is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _gunzip(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = []
    size = 0
    try:
        while data:
            piece = inflater.decompress(data, limit + 1 - size)
            size += len(piece)
            out.append(piece)
            if size > limit:
                raise too_large(f"The request body is larger than {limit} bytes once decompressed.")
            if inflater.eof:
                data = inflater.unused_data
                if data:  # concatenated gzip members (allowed by RFC 1952)
                    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                continue
            data = inflater.unconsumed_tail
            if not data:
                break
        if not inflater.eof:
            raise bad_request("The gzip-compressed body is truncated.")
    except zlib.error as exc:
        raise bad_request(f"The body is not valid gzip data ({exc}).") from None
    return b"".join(out)


def parse_json(request: Request, body: bytes) -> Any:
    """Decompress (when the client says so) and parse a JSON body."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        body = _gunzip(body)
    elif encoding not in ("identity", ""):
        raise bad_request(f"Unsupported Content-Encoding {encoding[:40]!r}; send gzip or nothing.")
    if not body.strip():
        raise bad_request("The request body is empty; send a JSON object.")
    try:
        return json.loads(body)
    except RecursionError:
        raise bad_request("The JSON body is nested too deeply.") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        raise bad_request(f"The body is not valid JSON ({str(exc)[:200]}).") from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_ok(text: str) -> bool:
    """Text SQLite and the JSON answer can hold: no lone surrogates."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable(value: object) -> str | None:
    """Why a received JSON value cannot be stored as it is, or None.  Iterative, so a
    deeply nested value cannot exhaust the stack."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if not _text_ok(v):
                return "the change holds text that is not valid Unicode"
        elif isinstance(v, bool) or v is None:
            continue
        elif isinstance(v, float):  # no field holds a fraction (money is in fen); 1.0 is not 1
            return "the change holds a number with a fraction"
        elif isinstance(v, int):
            if not -INT64_MAX - 1 <= v <= INT64_MAX:
                return "the change holds a number out of range"
        elif isinstance(v, dict):
            for k, item in v.items():
                if not _text_ok(k):
                    return "the change holds text that is not valid Unicode"
                stack.append(item)
        elif isinstance(v, list):
            stack.extend(v)
    return None


def _require_object(data: Any) -> dict:
    if not isinstance(data, dict):
        raise invalid("The body must be a JSON object.")
    return data


def _schema_of(data: dict) -> int:
    if "schema" not in data:
        raise invalid("Field 'schema' is missing.")
    schema = data["schema"]
    if not _is_int(schema) or schema < 1:
        raise invalid("Field 'schema' must be a whole number of at least 1.")
    return schema


def _check_schema(schema: int) -> None:
    if schema > migrations.CURRENT_VERSION:
        raise HubError(409, "schema_too_new",
                       f"The data is of schema {schema}; this hub knows schema {migrations.CURRENT_VERSION}. "
                       "Update the hub first.")


def _text_field(data: dict, name: str, *, max_len: int, required: bool = True, min_len: int = 0) -> str | None:
    if name not in data or data[name] is None:
        if required:
            raise invalid(f"Field '{name}' is missing.")
        return None
    value = data[name]
    if not isinstance(value, str):
        raise invalid(f"Field '{name}' must be a string.")
    if not _text_ok(value):
        raise invalid(f"Field '{name}' is not valid Unicode text.")
    if not min_len <= len(value) <= max_len:
        raise invalid(f"Field '{name}' must have {min_len} to {max_len} characters.")
    return value


def _echo(item: Any) -> tuple[str | None, int | None]:
    """The origin and seq of a received change, as far as they are well-formed."""
    if not isinstance(item, dict):
        return None, None
    origin, seq = item.get("origin"), item.get("seq")
    origin = origin if isinstance(origin, str) and len(origin) <= 64 and _text_ok(origin) else None
    seq = seq if _is_int(seq) and -INT64_MAX - 1 <= seq <= INT64_MAX else None
    return origin, seq


def _received(item: Any) -> tuple[Change | None, str | None]:
    """A received change, or why it is rejected before it reaches the ledger."""
    reason = _storable(item)
    if reason:
        return None, reason
    if isinstance(item, dict) and "origin" in item and not isinstance(item["origin"], str):
        return None, "change has a malformed 'origin'"  # Change.from_wire would fail on it with a TypeError
    try:
        change = Change.from_wire(item)
    except ValueError as exc:
        return None, str(exc)
    except (TypeError, AttributeError, KeyError):  # a shape from_wire does not expect
        log.warning("malformed change from_wire did not catch: %r", str(item)[:200])
        return None, "change is malformed"
    if change.origin_seq > INT64_MAX:
        return None, "change has a malformed 'seq'"
    if change.origin == ids.BUILTIN_DEVICE:
        return None, "changes of the built-in reference data are not sent"
    return change, None


# ------------------------------------------------------------------------------------ OpenAPI documentation
def _obj(properties: dict, required: list[str], **extra) -> dict:
    return {"type": "object", "properties": properties, "required": required, **extra}


ERROR_SCHEMA = _obj({"error": {"type": "string"}, "message": {"type": "string"}}, ["error", "message"])
CHANGE_SCHEMA = _obj({
    "origin": {"type": "string", "pattern": "^[0-9a-f]{16}$", "description": "device id of the writer"},
    "seq": {"type": "integer", "minimum": 1, "maximum": INT64_MAX, "description": "the writer's sequence number"},
    "stamp": {"type": "string", "pattern": "^[0-9a-f]{16}-[0-9a-f]{16}$",
              "description": "HLC stamp: 16 hex digits of clock, '-', the origin"},
    "kind": {"type": "string", "description": "record kind, e.g. organisation"},
    "id": {"type": "string", "minLength": 1, "maxLength": 64},
    "scope": {"type": "string", "pattern": "^[0-9]{0,12}$", "description": "division code of the record"},
    "fields": {"type": "object", "additionalProperties": {"type": ["string", "integer", "null"]}},
    "base": {"type": "object", "additionalProperties": {"type": "string"}},
    "author": {"type": "string", "maxLength": 100},
    "created": {"type": "boolean"},
}, ["origin", "seq", "stamp", "kind", "id", "scope", "fields"],
    description="Change.to_wire(). A malformed change is answered per change (status rejected), not with 422.")
ENROLL_REQUEST = _obj({
    "code": {"type": "string", "minLength": 1, "maxLength": 64},
    "device_id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
    "name": {"type": "string", "maxLength": NAME_MAX},
    "public_key": {"type": ["string", "null"], "maxLength": PUBLIC_KEY_MAX},
    "schema": {"type": "integer", "minimum": 1},
}, ["code", "device_id", "name", "schema"])
ENROLL_ANSWER = _obj({"token": {"type": "string"}, "device_id": {"type": "string"}, "scope": {"type": "string"},
                      "hub_time_ms": {"type": "integer"}}, ["token", "device_id", "scope", "hub_time_ms"])
PUSH_REQUEST = _obj({"schema": {"type": "integer", "minimum": 1},
                     "changes": {"type": "array", "maxItems": MAX_CHANGES, "items": CHANGE_SCHEMA}},
                    ["schema", "changes"])
PUSH_ANSWER = _obj({
    "results": {"type": "array", "items": _obj({
        "origin": {"type": ["string", "null"]}, "seq": {"type": ["integer", "null"]},
        "status": {"type": "string", "enum": ["applied", "duplicate", "rejected"]},
        "reason": {"type": "string"}}, ["origin", "seq", "status"])},
    "hub_time_ms": {"type": "integer"}}, ["results", "hub_time_ms"])
PULL_ANSWER = _obj({"changes": {"type": "array", "items": CHANGE_SCHEMA}, "cursor": {"type": "integer"},
                    "more": {"type": "boolean"}, "hub_time_ms": {"type": "integer"}},
                   ["changes", "cursor", "more", "hub_time_ms"])
DEVICES_ANSWER = _obj({"devices": {"type": "array", "items": _obj({
    "device_id": {"type": "string"}, "name": {"type": "string"}, "scope": {"type": "string"},
    "public_key": {"type": ["string", "null"]}, "enrolled_at": {"type": "string"}, "revoked": {"type": "boolean"},
}, ["device_id", "name", "scope", "public_key", "enrolled_at", "revoked"])}}, ["devices"])
HEALTH_ANSWER = _obj({"status": {"type": "string", "enum": ["ok"]}, "schema": {"type": "integer"}},
                     ["status", "schema"])
BLOB_STORED = _obj({"sha256": {"type": "string", "pattern": SHA256_PATTERN}, "stored": {"type": "boolean"},
                    "size": {"type": "integer", "minimum": 0}}, ["sha256", "stored", "size"],
                   description="stored: false when the hub already had this content")
BLOB_MISSING_REQUEST = _obj({"sha256": {"type": "array", "maxItems": MAX_BLOB_QUERY,
                                        "items": {"type": "string", "pattern": SHA256_PATTERN}}}, ["sha256"])
BLOB_MISSING_ANSWER = _obj({"missing": {"type": "array", "items": {"type": "string", "pattern": SHA256_PATTERN}}},
                           ["missing"])
TIME_ANSWER = _obj({"time_ms": {"type": "integer"}}, ["time_ms"])

_TIME_HEADER = {"X-Hub-Time-Ms": {"description": "the hub's wall clock, ms since 1970", "schema": {"type": "string"}}}
_ERROR_TEXT = {
    400: "malformed JSON or gzip", 401: "missing, unknown or revoked token", 403: "bad, used or expired code",
    404: "no such content (or not visible to the caller)",
    409: "schema newer than the hub's", 413: "too many changes or body too big", 416: "a range the snapshot does not have", 422: "wrong types or missing fields",
}


SNAPSHOT_INFO = _obj({"cursor": {"type": "integer", "minimum": 0}, "count": {"type": "integer", "minimum": 0},
                      "hub_time_ms": {"type": "integer"}}, ["cursor", "count", "hub_time_ms"])


def _snapshot_responses() -> dict:
    out = _responses(SNAPSHOT_INFO, 401, 416, 422)
    binary = {"application/gzip": {"schema": {"type": "string", "format": "binary"}}}
    out[200] = {"description": "The whole snapshot: gzip'd lines of JSON — a header {snapshot, cursor, count, "
                               "schema}, one change per line, a footer {end: count}", "content": binary}
    out[206] = {"description": "The rest of the snapshot from the requested byte", "content": binary}
    return out


def _responses(ok: dict, *errors: int) -> dict:
    out: dict = {200: {"description": "OK", "headers": _TIME_HEADER,
                       "content": {"application/json": {"schema": ok}}}}
    for status in errors:
        out[status] = {"description": _ERROR_TEXT[status], "headers": _TIME_HEADER,
                       "content": {"application/json": {"schema": ERROR_SCHEMA}}}
    return out


def _blob_responses(ok_status: int | None, *errors: int) -> dict:
    out = _responses(BLOB_STORED, *errors)
    if ok_status == 201:
        out[201] = {"description": "Stored", "headers": _TIME_HEADER,
                    "content": {"application/json": {"schema": BLOB_STORED}}}
        out[200]["description"] = "Already stored"
    elif ok_status is None:  # GET: the bytes themselves
        out[200] = {"description": "The content", "headers": _TIME_HEADER,
                    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
    return out


def _body(schema: dict) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


# ------------------------------------------------------------------------------------ the application
class HubTimeHeader:
    """Adds ``X-Hub-Time-Ms`` to every answer (pure ASGI, so error answers get it too)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-hub-time-ms", str(now_ms()).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_time)


def create_app(db_path: Path | str) -> FastAPI:
    """The hub application over the ledger at *db_path* (created on first start)."""
    hub = Hub(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        hub.close()

    app = FastAPI(title="Township Ledger hub", version=str(PROTOCOL_VERSION), lifespan=lifespan,
                  description="Sync hub of 团建台账 Township Ledger; see docs/hub-protocol.md.")
    app.state.hub = hub
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(HubTimeHeader)
    bearer = HTTPBearer(auto_error=False, description="the device token from POST /v1/enroll")

    def device_of(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Device:
        return hub.authenticate(credentials.credentials if credentials else None)

    # --------------------------------------------------------------- errors in the protocol's shape
    @app.exception_handler(HubError)
    async def _hub_error(request: Request, exc: HubError) -> JSONResponse:
        return _error_response(exc.status, exc.error, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "header", "path"))
            parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return _error_response(422, "invalid", "; ".join(parts) or "The request is invalid.")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        error = {400: "bad_request", 401: UNAUTHORIZED, 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large", 422: "invalid"}.get(exc.status_code, "http_error")
        message = {404: f"No such path: {request.url.path[:200]}",
                   405: f"{request.method} is not allowed on {request.url.path[:200]}"}.get(
            exc.status_code, str(exc.detail))
        return _error_response(exc.status_code, error, message, getattr(exc, "headers", None))

    @app.exception_handler(sqlite3.OperationalError)
    async def _busy(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        if "locked" in str(exc) or "busy" in str(exc):
            return _error_response(503, "busy", "The hub is busy; try again shortly.", {"Retry-After": "5"})
        log.exception("database error", exc_info=exc)
        return _error_response(500, "internal", "The hub failed to answer; the problem has been logged.")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _error_response(500, "internal", "The hub failed to answer; the problem has been logged.")

    # --------------------------------------------------------------- endpoints
    @app.get("/v1/health", responses=_responses(HEALTH_ANSWER), summary="Is the hub up, and its schema")
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "schema": migrations.CURRENT_VERSION})

    @app.get("/v1/time", responses=_responses(TIME_ANSWER), summary="The hub's wall clock")
    def hub_time() -> JSONResponse:
        return JSONResponse({"time_ms": now_ms()})

    @app.post("/v1/enroll", responses=_responses(ENROLL_ANSWER, 400, 403, 409, 413, 422),
              openapi_extra=_body(ENROLL_REQUEST), summary="Exchange an enrollment code for a device token")
    def enroll(request: Request, body: bytes = Depends(raw_body)) -> JSONResponse:
        data = _require_object(parse_json(request, body))
        code = _text_field(data, "code", max_len=64, min_len=1)
        device_id = _text_field(data, "device_id", max_len=16)
        if not (len(device_id) == 16 and all(c in "0123456789abcdef" for c in device_id)):
            raise invalid("Field 'device_id' must be 16 lower-case hex digits.")
        if device_id == ids.BUILTIN_DEVICE:
            raise invalid("Field 'device_id' is reserved.")
        name = _text_field(data, "name", max_len=NAME_MAX)
        public_key = _text_field(data, "public_key", max_len=PUBLIC_KEY_MAX, required=False)
        _check_schema(_schema_of(data))
        def redeem() -> tuple[str, Device]:
            token = hub.store.redeem(code, device_id, name, public_key)
            return token, hub.store.device(device_id)

        try:
            token, device = hub.write(redeem)
        except EnrollmentRefused as exc:
            error = {"unknown": "code_unknown", "used": "code_used", "expired": "code_expired",
                     "revoked": "device_revoked"}[exc.reason]
            raise HubError(403, error, exc.text("en")) from None
        hub.forget_touch(device_id)
        log.info("enrolled device %s for scope %s", device_id, device.scope)
        return JSONResponse({"token": token, "device_id": device_id, "scope": device.scope,
                             "hub_time_ms": now_ms()})

    @app.post("/v1/push", responses=_responses(PUSH_ANSWER, 400, 401, 409, 413, 422),
              openapi_extra=_body(PUSH_REQUEST), summary="Send changes")
    def push(request: Request, device: Device = Depends(device_of), body: bytes = Depends(raw_body)) -> JSONResponse:
        data = _require_object(parse_json(request, body))
        schema = _schema_of(data)
        if "changes" not in data:
            raise invalid("Field 'changes' is missing.")
        items = data["changes"]
        if not isinstance(items, list):
            raise invalid("Field 'changes' must be an array of changes.")
        if len(items) > MAX_CHANGES:
            raise too_large(f"A push carries at most {MAX_CHANGES} changes; this one has {len(items)}. "
                            "Send them in smaller batches.")
        _check_schema(schema)

        results: list[dict] = []
        accepted: list[tuple[int, Change]] = []
        for i, item in enumerate(items):
            origin, seq = _echo(item)
            results.append({"origin": origin, "seq": seq, "status": "rejected"})
            change, reason = _received(item)
            if change is None:
                results[i]["reason"] = reason
            else:
                accepted.append((i, change))
        def apply() -> tuple[set, Any]:
            seen = hub.store.known_changes((c.origin, c.origin_seq) for _, c in accepted)
            return seen, hub.ledger.apply_changes([c for _, c in accepted], allowed_scope=device.scope)

        seen, report = hub.write(apply)
        rejected = {id(c): reason for c, reason in report.rejected}
        applied = duplicate = 0
        for i, change in accepted:
            key = (change.origin, change.origin_seq)
            if id(change) in rejected:
                results[i]["reason"] = rejected[id(change)]
            elif key in seen:
                results[i]["status"] = "duplicate"
                duplicate += 1
            else:
                results[i]["status"] = "applied"
                seen.add(key)
                applied += 1
        if (applied, duplicate) != (report.applied, report.duplicate):  # pragma: no cover - a ledger change
            log.error("push results disagree with the ledger's report: %s/%s vs %s/%s",
                      applied, duplicate, report.applied, report.duplicate)
        if applied or report.rejected:
            log.info("push from %s: %d applied, %d duplicate, %d rejected", device.device_id, applied, duplicate,
                     len(items) - applied - duplicate)
        return JSONResponse({"results": results, "hub_time_ms": now_ms()})

    @app.get("/v1/pull", responses=_responses(PULL_ANSWER, 401, 422), summary="Receive changes after a cursor")
    def pull(device: Device = Depends(device_of),
             cursor: int = Query(0, ge=0, le=INT64_MAX, description="the cursor of the previous answer"),
             limit: int = Query(PULL_DEFAULT, ge=1, le=PULL_MAX, description="most changes in the answer")
             ) -> JSONResponse:
        reader = hub.reading()[0]
        changes, new_cursor, more = reader.changes_for(cursor, device.scope, limit=limit,
                                                       exclude_origin=device.device_id)
        if new_cursor != device.last_pull_cursor:  # kept for the admin's "pending" count
            hub.write(lambda: hub.store.record_pull(device.device_id, new_cursor))
        return JSONResponse({"changes": [c.to_wire() for c in changes], "cursor": new_cursor, "more": more,
                             "hub_time_ms": now_ms()})

    @app.get("/v1/devices", responses=_responses(DEVICES_ANSWER, 401),
             summary="Devices of the caller's scope (and below) and of the levels above it")
    def devices(device: Device = Depends(device_of)) -> JSONResponse:
        visible = hub.reading()[1].devices_visible_to(device.scope)
        return JSONResponse({"devices": [d.wire() for d in visible]})

    # --------------------------------------------------------------- first-sync snapshot
    @app.get("/v1/snapshot/info", responses=_responses(SNAPSHOT_INFO, 401),
             summary="How many changes a first sync of the caller's scope holds, up to which cursor")
    def snapshot_info(device: Device = Depends(device_of)) -> JSONResponse:
        reader = hub.reading()[0]
        upto = reader.last_seq()
        count = reader.count_changes_for(device.scope, upto, exclude_origin=device.device_id)
        return JSONResponse({"cursor": upto, "count": count, "hub_time_ms": now_ms()})

    @app.get("/v1/snapshot", responses=_snapshot_responses(), summary=(
        "Everything the caller receives up to a cursor, as one gzip'd NDJSON file; resumable with Range"))
    def snapshot(request: Request, device: Device = Depends(device_of),
                 upto: int = Query(..., ge=0, le=INT64_MAX, description="the cursor from /v1/snapshot/info")
                 ) -> Response:
        if upto > hub.reading()[0].last_seq():
            raise invalid("Field 'upto' is beyond the hub's change log; take it from /v1/snapshot/info.")
        body = hub.snapshot(device, upto)
        start = 0
        wanted = request.headers.get("range")
        if wanted is not None:
            unit, _, spec = wanted.strip().partition("=")
            first, dash, last = spec.partition("-")
            if unit.strip() != "bytes" or not dash or last.strip() or not first.strip().isdigit():
                raise HubError(416, "bad_range", "Only a range of the form 'bytes=N-' is served.",
                               {"Content-Range": f"bytes */{len(body)}"})
            start = int(first)
            if start >= len(body):
                raise HubError(416, "bad_range", f"The snapshot has {len(body)} bytes.",
                               {"Content-Range": f"bytes */{len(body)}"})
        headers = {"Accept-Ranges": "bytes", "X-Snapshot-Cursor": str(upto)}
        if wanted is None:
            return Response(body, media_type="application/gzip", headers=headers)
        headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        return Response(body[start:], status_code=206, media_type="application/gzip", headers=headers)

    # --------------------------------------------------------------- attachment contents (blobs)
    sha_param = PathParam(..., pattern=SHA256_PATTERN, description="SHA-256 of the content, 64 lower-case hex digits")

    @app.put("/v1/blobs/{sha256}", responses=_blob_responses(201, 400, 401, 404, 413, 422),
             openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                 "schema": {"type": "string", "format": "binary"}}}}},
             summary="Upload an attachment's content (idempotent; the body's SHA-256 must match the path)")
    def put_blob(request: Request, sha256: str = sha_param, device: Device = Depends(device_of),
                 body: bytes = Depends(blob_body)) -> JSONResponse:
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding == "gzip":
            body = _gunzip(body, MAX_BLOB)
        elif encoding not in ("identity", ""):
            raise bad_request(f"Unsupported Content-Encoding {encoding[:40]!r}; send gzip or nothing.")
        digest = hashlib.sha256(body).hexdigest()
        if digest != sha256:
            raise invalid(f"The content's SHA-256 is {digest}, not the {sha256} of the path.")
        def store() -> bool:
            if hub.ledger.has_blob(sha256):
                return False
            hub.ledger.add_blob(body)
            return True

        stored = hub.reading()[0].has_blob(sha256) is False and hub.write(store)
        if stored:
            log.info("blob %s (%d bytes) from %s", sha256, len(body), device.device_id)
        return JSONResponse({"sha256": sha256, "stored": stored, "size": len(body)}, status_code=201 if stored else 200)

    def _visible(reader: Ledger, sha256: str, scope: str) -> bool:
        """An attachment record with this content lies in *scope*, below it or above it."""
        above = set(scope_ancestors(scope))
        rows = reader.query("attachment", where={"sha256": sha256})
        return any(r["scope"].startswith(scope) or r["scope"] in above for r in rows)

    @app.get("/v1/blobs/{sha256}", responses=_blob_responses(None, 401, 404, 422),
             summary="Download an attachment's content (of an attachment in the caller's scope or above)")
    def get_blob(sha256: str = sha_param, device: Device = Depends(device_of)) -> Response:
        reader = hub.reading()[0]
        data = reader.blob(sha256) if reader.has_blob(sha256) and _visible(reader, sha256, device.scope) else None
        if data is None:  # absent or not the caller's: the same answer, so nothing leaks
            raise HubError(404, "not_found", "The hub has no such content for this device.")
        return Response(data, media_type="application/octet-stream")

    @app.post("/v1/blobs/missing", responses=_responses(BLOB_MISSING_ANSWER, 400, 401, 413, 422),
              openapi_extra=_body(BLOB_MISSING_REQUEST), summary="Which of these contents the hub lacks")
    def blobs_missing(request: Request, device: Device = Depends(device_of),
                      body: bytes = Depends(raw_body)) -> JSONResponse:
        data = _require_object(parse_json(request, body))
        if "sha256" not in data:
            raise invalid("Field 'sha256' is missing.")
        wanted = data["sha256"]
        if not isinstance(wanted, list):
            raise invalid("Field 'sha256' must be an array of SHA-256 hex digests.")
        if len(wanted) > MAX_BLOB_QUERY:
            raise too_large(f"Ask about at most {MAX_BLOB_QUERY} contents at once; this asks about {len(wanted)}.")
        if not all(_is_sha256(s) for s in wanted):
            raise invalid("Field 'sha256' must hold SHA-256 digests: 64 lower-case hex digits each.")
        reader = hub.reading()[0]
        missing = [s for s in dict.fromkeys(wanted) if not reader.has_blob(s)]
        return JSONResponse({"missing": missing})

    return app
