"""Reading request bodies: size limits, gzip, JSON, and received changes.

Every bad input gets the protocol's ``{"error", "message"}`` answer with a 4xx status
and changes nothing: the body is read with a size limit, gunzipped with a second
limit (against zip bombs), parsed, and its shape checked (:func:`sync.hub.schemas.validate`)
before anything touches the ledger.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from typing import Any

from desktop.jsoncodec import orjson

from fastapi import Request

from desktop.ledger import migrations
from desktop.ledger.changes import Change, signature_bytes
from desktop.records import ids
from sync.hub.errors import HubError, bad_request, too_large
from sync.hub.schemas import change_problem
from sync.hub.settings import INT64_MAX, MAX_BLOB, MAX_BODY, MAX_INFLATED

log = logging.getLogger("township.hub")


async def _read_limited(request: Request, limit: int, too_big: str) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise too_large(too_big)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(too_big)
        chunks.append(chunk)
    return b"".join(chunks)


async def raw_body(request: Request) -> bytes:
    """The request body as sent, read up to the size limit (413 beyond it)."""
    return await _read_limited(request, MAX_BODY, f"The request body is larger than {MAX_BODY} bytes.")


async def blob_body(request: Request) -> bytes:
    """An attachment's content as sent, read up to MAX_BLOB (413 beyond it)."""
    return await _read_limited(request, MAX_BLOB, f"An attachment's content is at most {MAX_BLOB} bytes.")


class Inflater:
    """Inflates a gzip body piece by piece as it arrives (concatenated members too, as RFC 1952
    allows), refusing more than *limit* bytes in all (against zip bombs)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)

    @property
    def finished(self) -> bool:
        """The last member's end has been read (else the body was cut short)."""
        return self._z.eof

    def feed(self, data: bytes) -> bytes:
        out = []
        try:
            while data:
                piece = self._z.decompress(data, self.limit + 1 - self.size)
                self.size += len(piece)
                out.append(piece)
                if self.size > self.limit:
                    raise too_large(f"The request body is larger than {self.limit} bytes once decompressed.")
                if self._z.eof:
                    data = self._z.unused_data
                    if data:  # the next member
                        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    continue
                data = self._z.unconsumed_tail
        except zlib.error as exc:
            raise bad_request(f"The body is not valid gzip data ({exc}).") from None
        return b"".join(out)


def gunzip(data: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Inflate a gzip body (concatenated members too), refusing more than *limit* bytes."""
    inflater = Inflater(limit)
    out = inflater.feed(data)
    if not inflater.finished:
        raise bad_request("The gzip-compressed body is truncated.")
    return out


def range_start(wanted: str | None, size: int) -> int | None:
    """The first byte asked for by a ``Range: bytes=N-`` header (None: the whole content);
    416 ``bad_range`` for any other form or a start beyond the *size* bytes there are."""
    if wanted is None:
        return None
    unit, _, spec = wanted.strip().partition("=")
    first, dash, last = spec.partition("-")
    if unit.strip() != "bytes" or not dash or last.strip() or not first.strip().isdigit():
        raise HubError(416, "bad_range", "Only a range of the form 'bytes=N-' is served.",
                       {"Content-Range": f"bytes */{size}"})
    start = int(first)
    if start >= size:
        raise HubError(416, "bad_range", f"The content has {size} bytes.", {"Content-Range": f"bytes */{size}"})
    return start


def decoded(request: Request, body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """The body with its Content-Encoding (gzip or none) taken off."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        return gunzip(body, limit)
    if encoding not in ("identity", ""):
        raise bad_request(f"Unsupported Content-Encoding {encoding[:40]!r}; send gzip or nothing.")
    return body


def parse_json(request: Request, body: bytes) -> Any:
    """Decompress (when the client says so) and parse a JSON body."""
    return parse_json_texts(request, body)[0]


def parse_json_texts(request: Request, body: bytes) -> tuple[Any, bool]:
    """A JSON body parsed, and whether every text in it is known to be storable (see
    :func:`storable`).  orjson reads it when it can: it refuses a lone surrogate, so what it
    reads from a body without a NUL escape holds only storable text.  What orjson refuses (a
    lone surrogate, NaN, nesting beyond 1,024 levels) the standard library reads as before,
    its texts then checked one by one.  orjson reads an integer beyond 64 bits as a float:
    either way it is refused as a number that is no whole 64-bit number."""
    body = decoded(request, body)
    if not body.strip():
        raise bad_request("The request body is empty; send a JSON object.")
    if orjson is not None:
        try:
            return orjson.loads(body), b"\\u0000" not in body
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(body), False
    except RecursionError:
        raise bad_request("The JSON body is nested too deeply.") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        raise bad_request(f"The body is not valid JSON ({str(exc)[:200]}).") from None


def check_schema(schema: int) -> None:
    if schema > migrations.CURRENT_VERSION:
        raise HubError(409, "schema_too_new",
                       f"The data is of schema {schema}; this hub knows schema {migrations.CURRENT_VERSION}. "
                       "Update the hub first.")


# ------------------------------------------------------------------------------------ received changes
def _text_ok(text: str) -> bool:
    """Text every database of the hub and the JSON answer can hold: no lone surrogates, and
    no NUL character (PostgreSQL's text cannot hold one; a file-backed hub refuses it too, so
    both answer alike)."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


BAD_TEXT = "the change holds text that is not valid Unicode or holds a NUL character"
#: a fraction (no field holds one: money is in fen; 1.0 is not 1) or an integer beyond 64 bits
BAD_NUMBER = "the change holds a number that is not a whole number within 64 bits"


def storable(value: object, texts_ok: bool = False) -> str | None:
    """Why a received JSON value cannot be stored as it is, or None.  Iterative, so a
    deeply nested value cannot exhaust the stack.  With *texts_ok* its texts are known to be
    storable (:func:`parse_json_texts`) and only its numbers are looked at."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if not texts_ok and not _text_ok(v):
                return BAD_TEXT
        elif isinstance(v, bool) or v is None:
            continue
        elif isinstance(v, float):
            return BAD_NUMBER
        elif isinstance(v, int):
            if not -INT64_MAX - 1 <= v <= INT64_MAX:
                return BAD_NUMBER
        elif isinstance(v, dict):
            if not texts_ok:
                for k in v:
                    if not _text_ok(k):
                        return BAD_TEXT
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def echo(item: Any) -> tuple[str | None, int | None]:
    """The origin and seq of a received change, as far as they are well-formed."""
    if not isinstance(item, dict):
        return None, None
    origin, seq = item.get("origin"), item.get("seq")
    origin = origin if isinstance(origin, str) and len(origin) <= 64 and _text_ok(origin) else None
    seq = seq if _is_int(seq) and -INT64_MAX - 1 <= seq <= INT64_MAX else None
    return origin, seq


#: the patterns of :class:`sync.hub.schemas.WireChange`, for ``fullmatch``
_HEX16 = re.compile("[0-9a-f]{16}")
_STAMP = re.compile("[0-9a-f]{16}-[0-9a-f]{16}")
_SCOPE = re.compile("[0-9]{0,12}")
_SIGNATURE = re.compile("[A-Za-z0-9+/]{86}==")
#: isinstance(value, str) as a function for map(): most fields hold text (a subclass of str
#: cannot come out of JSON)
_is_text = str.__instancecheck__
_WIRE_KEYS = frozenset(("origin", "seq", "stamp", "kind", "id", "scope", "fields", "created", "base", "author",
                        "sig"))


def _plain_value(value: object) -> bool:
    """A field value as the ledger stores one: nothing, a text or a whole number within 64 bits."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return True
    return kind is int and -INT64_MAX - 1 <= value <= INT64_MAX


def well_formed(item: Any) -> Change | None:
    """The change *item* is, when it is well-formed in every respect :func:`storable`,
    :class:`~sync.hub.schemas.WireChange` and ``Change.from_wire`` look at — its texts
    already known to be storable (:func:`parse_json_texts`) — or None.  One pass over the
    change in the form every device sends, instead of three; anything else (a key of its
    own, a nested or missing value, an empty author sent as null) is None here and goes to
    the full check, which names what is wrong.  Never accepts what the full check refuses
    (tests/sync/test_wire_fast.py)."""
    if type(item) is not dict or not _WIRE_KEYS.issuperset(item):
        return None
    origin, seq, stamp = item.get("origin"), item.get("seq"), item.get("stamp")
    kind, record_id, scope = item.get("kind"), item.get("id"), item.get("scope")
    fields, created = item.get("fields"), item.get("created", False)
    base, author, sig = item.get("base", {}), item.get("author", ""), item.get("sig", "")
    if not (type(origin) is str and _HEX16.fullmatch(origin) and origin != ids.BUILTIN_DEVICE
            and type(seq) is int and 0 < seq <= INT64_MAX
            and type(stamp) is str and _STAMP.fullmatch(stamp) and stamp.endswith(origin)
            and type(kind) is str
            and type(record_id) is str and 0 < len(record_id) <= 64
            and type(scope) is str and _SCOPE.fullmatch(scope)
            and type(created) is bool and type(fields) is dict and (fields or created)
            and (all(map(_is_text, fields.values())) or all(map(_plain_value, fields.values())))
            and type(base) is dict and all(type(v) is str and _STAMP.fullmatch(v) for v in base.values())
            and type(author) is str and len(author) <= 100
            and type(sig) is str and (not sig or (_SIGNATURE.fullmatch(sig) and signature_bytes(sig)))):
        return None
    return Change(origin, seq, stamp, kind, record_id, scope, fields, base, author, created, sig)


def received(item: Any, texts_ok: bool = False) -> tuple[Change | None, str | None]:
    """A received change, or why it is rejected before it reaches the ledger (*texts_ok*: see
    :func:`storable`)."""
    if texts_ok:
        change = well_formed(item)
        if change is not None:
            return change, None
    reason = storable(item, texts_ok) or change_problem(item)
    if reason:
        return None, reason
    try:
        change = Change.from_wire(item)
    except ValueError as exc:
        return None, str(exc)
    except (TypeError, AttributeError, KeyError):  # a shape from_wire does not expect
        log.warning("malformed change from_wire did not catch: %r", str(item)[:200])
        return None, "change is malformed"
    if change.origin == ids.BUILTIN_DEVICE:
        return None, "changes of the built-in reference data are not sent"
    return change, None
