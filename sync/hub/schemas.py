"""The shapes of what crosses the wire, declared once.

Each request and answer body is a pydantic model here.  The same models check the
request bodies (:func:`validate`, which turns pydantic's complaint into the protocol's
``{"error", "message"}`` answer) and describe them in ``/openapi.json``
(:func:`components`, :func:`body`, :func:`responses`).  :class:`WireChange` is the
shape ``Change.to_wire()`` writes and ``Change.from_wire`` reads; the hub checks every
received change against it before the ledger sees it (a malformed change is
answered per change, not with 422), and tests/sync/test_wire_shapes.py feeds it and
``Change.from_wire`` the same payloads to keep the two in agreement.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, SkipValidation,
                      ValidationError, ValidationInfo, field_validator, model_validator)
from pydantic_core import PydanticCustomError

from desktop.ledger.changes import plain_text
from desktop.records import ids
from sync.hub.errors import invalid, too_large
from sync.hub.settings import INT64_MAX, MAX_BLOB_QUERY, MAX_CHANGES, SHA256_PATTERN
from sync.hub.store import NAME_MAX, PUBLIC_KEY_MAX

STAMP_PATTERN = "^[0-9a-f]{16}-[0-9a-f]{16}$"
#: an Ed25519 signature (64 bytes) and public key (32 bytes) in base64
SIGNATURE_PATTERN = "^([A-Za-z0-9+/]{86}==)?$"
KEY_PATTERN = "^[A-Za-z0-9+/]{43}=$"
HEX16_PATTERN = "^[0-9a-f]{16}$"


def _plain(text: str) -> str:
    """Text every database of the hub and the JSON answer can hold: no lone surrogates, and
    no NUL character (PostgreSQL's text cannot hold one)."""
    if "\x00" in text:
        raise PydanticCustomError("nul", "holds a NUL character")
    if not plain_text(text):
        raise PydanticCustomError("unicode", "is not valid Unicode text")
    return text


def _or_empty(empty):
    """What the ledger's reader makes of a missing or false value: *empty*."""
    return BeforeValidator(lambda value: value if value else empty)


PlainText = Annotated[str, AfterValidator(_plain)]
Stamp = Annotated[str, Field(pattern=STAMP_PATTERN)]


class Shape(BaseModel):
    """A body on the wire: strict JSON types (no "1" for 1, no true for 1)."""

    model_config = ConfigDict(strict=True, extra="ignore")


# ------------------------------------------------------------------------------------ changes
class WireChange(Shape):
    """A change as ``Change.to_wire()`` writes it.  Field order is the order in which
    ``Change.from_wire`` checks them (the first problem names the reason)."""

    model_config = ConfigDict(json_schema_extra={
        "description": "Change.to_wire(). A malformed change is answered per change (status rejected), not with 422."})

    origin: str = Field(pattern=HEX16_PATTERN, description="device id of the writer")
    seq: int = Field(ge=1, le=INT64_MAX, description="the writer's sequence number")
    stamp: Stamp = Field(description="HLC stamp: 16 hex digits of clock, '-', the origin")
    kind: str = Field(description="record kind, e.g. organisation")
    id: PlainText = Field(min_length=1, max_length=64)
    scope: str = Field(pattern="^[0-9]{0,12}$", description="division code of the record")
    fields: dict[str, Any] = Field(description="field → value; empty only in a creation")
    created: bool = False
    base: Annotated[dict[str, Stamp], _or_empty({})] = Field(
        default_factory=dict, description="field → the stamp the writer saw before it changed the field")
    author: Annotated[PlainText, _or_empty("")] = Field("", max_length=100)
    sig: Annotated[str, _or_empty("")] = Field("", pattern=SIGNATURE_PATTERN, description=(
        "Ed25519 signature of the origin device over the change's canonical form (base64); docs/hub-protocol.md"))

    @field_validator("stamp")
    @classmethod
    def _stamp_of_origin(cls, stamp: str, info: ValidationInfo) -> str:
        origin = info.data.get("origin")
        if origin is not None and not stamp.endswith(origin):
            raise PydanticCustomError("stamp_origin", "is not a stamp of the change's origin")
        return stamp

    @model_validator(mode="after")
    def _fields_or_created(self) -> "WireChange":
        if not self.fields and not self.created:
            raise PydanticCustomError("malformed", "a change sets at least one field", {"field": "fields"})
        return self


def change_problem(item: Any) -> str | None:
    """Why *item* is not a :class:`WireChange`, in the words of ``Change.from_wire``."""
    if not isinstance(item, dict):
        return "change is not an object"
    try:
        WireChange.model_validate(item)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = err["loc"][0] if err["loc"] else err.get("ctx", {}).get("field", "change")
        if err["type"] == "missing":
            return f"change lacks {name!r}"
        return f"change has a malformed {name!r}"
    return None


# ------------------------------------------------------------------------------------ requests
class EnrollRequest(Shape):
    code: PlainText = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=HEX16_PATTERN, description="16 lower-case hex digits")
    name: PlainText = Field(max_length=NAME_MAX)
    public_key: PlainText | None = Field(None, max_length=PUBLIC_KEY_MAX)
    schema_: int = Field(alias="schema", ge=1)

    @field_validator("device_id")
    @classmethod
    def _not_reserved(cls, device_id: str) -> str:
        if device_id == ids.BUILTIN_DEVICE:
            raise PydanticCustomError("reserved", "is reserved")
        return device_id


class SuccessorRequest(Shape):
    """A new device taking over from one whose token it holds (a restored or copied ledger)."""

    predecessor: str = Field(pattern=HEX16_PATTERN, description="the device whose token authenticates the call")
    device_id: str = Field(pattern=HEX16_PATTERN, description="the new device: 16 lower-case hex digits")
    name: PlainText = Field("", max_length=NAME_MAX)
    public_key: PlainText | None = Field(None, max_length=PUBLIC_KEY_MAX)
    #: the predecessor's Ed25519 signature over the claim (desktop.ledger.identity.claim_bytes), when it has a key
    signature: str = Field("", pattern=SIGNATURE_PATTERN)
    schema_: int = Field(alias="schema", ge=1)

    @field_validator("device_id")
    @classmethod
    def _not_reserved(cls, device_id: str) -> str:
        if device_id == ids.BUILTIN_DEVICE:
            raise PydanticCustomError("reserved", "is reserved")
        return device_id


class PushRequest(Shape):
    schema_: int = Field(alias="schema", ge=1)
    #: each change is checked on its own (and answered per change), not with the body
    changes: list[SkipValidation[WireChange]] = Field(max_length=MAX_CHANGES)
    #: origin → the signing key the sender knows for it (for origins the hub may not know)
    keys: dict[Annotated[str, Field(pattern=HEX16_PATTERN)], Annotated[str, Field(pattern=KEY_PATTERN)]] = Field(
        default_factory=dict, max_length=MAX_CHANGES)


Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]


class BlobMissingRequest(Shape):
    sha256: list[Sha256] = Field(max_length=MAX_BLOB_QUERY)


# ------------------------------------------------------------------------------------ answers
class ErrorAnswer(Shape):
    error: str
    message: str
    #: what the message names, for a client that words it in its own language
    params: dict | None = None


class DeviceStatementBody(Shape):
    device_id: str
    scope: str
    name: str
    sign_pub: str
    enc_pub: str
    issued_at: str
    hub_key: str = Field(description="the check code of the hub key that signed it")


class DeviceStatement(Shape):
    """The hub's signed word on a device's unit (scope), name and package keys
    (docs/hub-protocol.md, "Device statements")."""

    format: str = Field(json_schema_extra={"enum": ["township-device-statement"]})
    version: int
    statement: DeviceStatementBody
    signature: str = Field(description="Ed25519 of the hub key, base64")
    hub_pub: str = Field(description="the hub's public key, base64 (not signed: known by its check code)")


class HubKey(Shape):
    public_key: str = Field(description="the hub's Ed25519 public key, base64")
    check_code: str


class EnrollAnswer(Shape):
    token: str
    device_id: str
    scope: str
    hub_time_ms: int
    #: the device's own statement (none when it enrolled without package keys)
    statement: DeviceStatement | None = None
    hub_key: HubKey | None = None


class SuccessorAnswer(Shape):
    token: str
    device_id: str
    predecessor: str
    scope: str
    name: str
    hub_time_ms: int


class PushResult(Shape):
    origin: str | None
    seq: int | None
    status: str = Field(json_schema_extra={"enum": ["applied", "duplicate", "rejected"]})
    reason: str | None = Field(None, json_schema_extra={"type": "string"})
    #: why, for a client that words it in its own language (with status "rejected")
    code: str | None = Field(None, json_schema_extra={"type": "string", "description": (
        "malformed, outside_scope, unknown_scope, origin_not_allowed, origin_revoked, duplicate_differs, "
        "bad_signature, unsigned_relay, origin_key_unknown, "
        "refused (the text says why) or a code a later hub adds; see docs/hub-protocol.md")})
    params: dict | None = Field(None, json_schema_extra={"type": "object"})


class PushAnswer(Shape):
    results: list[PushResult]
    hub_time_ms: int


class PullAnswer(Shape):
    changes: list[WireChange]
    #: origin → signing key (base64 Ed25519) of the origins of the signed changes
    keys: dict[str, str] = Field(default_factory=dict)
    cursor: int
    more: bool
    hub_time_ms: int


class WireDevice(Shape):
    device_id: str
    name: str
    scope: str
    public_key: str | None
    enrolled_at: str
    revoked: bool
    statement: DeviceStatement | None = None


class DevicesAnswer(Shape):
    devices: list[WireDevice]


class HealthAnswer(Shape):
    status: str = Field(json_schema_extra={"enum": ["ok"]})
    schema_: int = Field(alias="schema")


class TimeAnswer(Shape):
    time_ms: int


class BlobStored(Shape):
    """stored: false when the hub already had this content"""

    sha256: Sha256
    stored: bool
    size: int = Field(ge=0)


class UploadState(Shape):
    """An attachment upload at the hub: ``complete`` when the hub holds the whole content
    (nothing to send; ``offset`` is then its size, or 0 when it held it before); else
    ``offset`` is how many bytes of it the hub holds from the caller, to go on from"""

    sha256: Sha256
    offset: int = Field(ge=0)
    complete: bool


class BlobMissingAnswer(Shape):
    missing: list[Sha256]


class SnapshotInfo(Shape):
    cursor: int = Field(ge=0)
    count: int = Field(ge=0)
    hub_time_ms: int


class ReadyLedger(Shape):
    """A ready ledger for a first sync (sync.hub.ready): fetch ``/v1/snapshot/ledger/{id}``."""

    id: str
    cursor: int = Field(ge=0)
    count: int = Field(ge=0)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256_PATTERN)
    keys: dict[str, str]


class ReadyAnswer(Shape):
    ready: ReadyLedger | None
    hub_time_ms: int


MODELS = (WireChange, EnrollRequest, PushRequest, BlobMissingRequest, ErrorAnswer, EnrollAnswer, PushResult,
          PushAnswer, PullAnswer, WireDevice, DevicesAnswer, HealthAnswer, TimeAnswer, BlobStored,
          UploadState, BlobMissingAnswer, SnapshotInfo, ReadyLedger, ReadyAnswer, DeviceStatementBody,
          DeviceStatement, HubKey)


# ------------------------------------------------------------------------------------ checking requests
_WHAT = {"int": "a whole number", "string": "a string", "list": "an array", "bool": "true or false",
         "dict": "an object", "model": "an object"}


def _message(model: type[BaseModel], err: dict) -> str:
    """One problem of a request body, in the protocol's words."""
    name = err["loc"][0] if err["loc"] else None
    kind = err["type"]
    if name is None:
        return "The body must be a JSON object."
    field = model.model_fields.get(name) or next(
        (f for f in model.model_fields.values() if f.alias == name), None)
    if kind == "missing":
        return f"Field '{name}' is missing."
    if len(err["loc"]) > 1:
        return f"Field '{name}' holds an item that is not valid: {err['msg']}."
    if kind in ("string_unicode", "unicode"):
        return f"Field '{name}' is not valid Unicode text."
    if kind == "nul":
        return f"Field '{name}' holds a NUL character, which the hub does not store."
    if kind.endswith("_type"):
        return f"Field '{name}' must be {_WHAT.get(kind[:-5], 'of another type')}."
    if kind in ("string_too_short", "string_too_long"):
        return f"Field '{name}' must have {_bound(field, 'min_length') or 0} to {_bound(field, 'max_length')} characters."
    if kind == "string_pattern_mismatch" and field is not None and field.description:
        return f"Field '{name}' must be {field.description}."
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"Field '{name}' must be a whole number {err['msg'].removeprefix('Input should be ')}."
    return f"Field '{name}' {err['msg'].removeprefix('Input should be ').removeprefix('Value error, ')}."


def _bound(field, name: str):
    """A length bound (``min_length``/``max_length``) declared on a model's field."""
    for item in getattr(field, "metadata", ()):
        if hasattr(item, name):
            return getattr(item, name)
    return None



def validate(model: type[Shape], data: Any) -> Shape:
    """*data* (parsed JSON) as *model*; otherwise the first problem as a 422 ``invalid``
    (or 413 ``too_large`` for an array longer than the protocol allows)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:  # an array too long is refused as such, whatever its items hold
            if err["type"] == "too_long" and len(err["loc"]) == 1:
                raise too_large(_too_many(err)) from None
        raise invalid(_message(model, errors[0])) from None


def _too_many(err: dict) -> str:
    name, most = err["loc"][0], err.get("ctx", {}).get("max_length")
    have = err.get("ctx", {}).get("actual_length")
    if name == "changes":
        return (f"A push carries at most {most} changes; this one has {have}. Send them in smaller batches.")
    return f"Ask about at most {most} contents at once; this asks about {have}."

