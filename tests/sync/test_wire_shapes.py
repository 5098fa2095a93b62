"""One declaration of the wire shapes (``sync.hub.schemas``): the models that check
request bodies are the ones ``/openapi.json`` describes, and :class:`WireChange`
agrees with ``Change.from_wire`` on what a change is."""

from __future__ import annotations

import copy
import sys

import pytest

from desktop.ledger import Ledger
from desktop.ledger.changes import Change
from sync.hub import schemas
from sync.hub.errors import HubError
from sync.hub.openapi import components
from sync.hub.schemas import EnrollRequest, PushRequest, WireChange, change_problem, validate

ORIGIN = "0123456789abcdef"
STAMP = f"{5:016x}-{ORIGIN}"
GOOD = {"origin": ORIGIN, "seq": 7, "stamp": STAMP, "kind": "organisation", "id": "org-1", "scope": "130111",
        "fields": {"name": "团委", "league_members": 3}, "author": "县团委"}


def with_(**changes) -> dict:
    out = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is _DROP:
            out.pop(key)
        else:
            out[key] = value
    return out


_DROP = object()

VALID = [
    GOOD,
    with_(author=_DROP), with_(author=None), with_(author=""), with_(base={"name": STAMP}), with_(base=None),
    with_(base={}), with_(created=True, fields={}), with_(created=False), with_(scope=""), with_(id="x" * 64),
    with_(seq=2**63 - 1), with_(fields={"name": None}), with_(extra="ignored"), with_(kind="no_such_kind"),
    with_(sig="A" * 86 + "=="), with_(sig="+/" * 43 + "=="), with_(sig=None), with_(sig=""),
]
INVALID = [  # (payload, the reason both give)
    ("not a change", "change is not an object"),
    ([GOOD], "change is not an object"),
    *[(with_(**{k: _DROP}), f"change lacks {k!r}") for k in ("origin", "seq", "stamp", "kind", "id", "scope", "fields")],
    (with_(origin=12), "change has a malformed 'origin'"),
    (with_(origin="abc"), "change has a malformed 'origin'"),
    (with_(seq=0), "change has a malformed 'seq'"),
    (with_(seq=-1), "change has a malformed 'seq'"),
    (with_(seq=2**63), "change has a malformed 'seq'"),
    (with_(seq=True), "change has a malformed 'seq'"),
    (with_(seq="7"), "change has a malformed 'seq'"),
    (with_(seq=7.0), "change has a malformed 'seq'"),
    (with_(stamp="nope"), "change has a malformed 'stamp'"),
    (with_(stamp=f"{5:016x}-{'f' * 16}"), "change has a malformed 'stamp'"),  # not the origin's
    (with_(stamp=f"{5:016x}_{ORIGIN}"), "change has a malformed 'stamp'"),
    (with_(kind=3), "change has a malformed 'kind'"),
    (with_(id=""), "change has a malformed 'id'"),
    (with_(id="x" * 65), "change has a malformed 'id'"),
    (with_(id="a\ud800"), "change has a malformed 'id'"),
    (with_(id=5), "change has a malformed 'id'"),
    (with_(scope="13x"), "change has a malformed 'scope'"),
    (with_(scope="1" * 13), "change has a malformed 'scope'"),
    (with_(scope=130111), "change has a malformed 'scope'"),
    (with_(fields={}), "change has a malformed 'fields'"),
    (with_(fields=[["name", "x"]]), "change has a malformed 'fields'"),
    (with_(fields="name"), "change has a malformed 'fields'"),
    (with_(created="yes"), "change has a malformed 'created'"),
    (with_(created=None), "change has a malformed 'created'"),
    (with_(created=1), "change has a malformed 'created'"),
    (with_(base={"name": "nope"}), "change has a malformed 'base'"),
    (with_(base={"name": 5}), "change has a malformed 'base'"),
    (with_(base=["x"]), "change has a malformed 'base'"),
    (with_(author="a" * 101), "change has a malformed 'author'"),
    (with_(author=5), "change has a malformed 'author'"),
    (with_(author="\udc00"), "change has a malformed 'author'"),
    (with_(sig="A" * 88), "change has a malformed 'sig'"),
    (with_(sig="A" * 84 + "===="), "change has a malformed 'sig'"),
    (with_(sig="A" * 85 + "=" * 3), "change has a malformed 'sig'"),
    (with_(sig="é" * 86 + "=="), "change has a malformed 'sig'"),
    (with_(sig=5), "change has a malformed 'sig'"),
    (with_(origin=5, seq=0), "change has a malformed 'origin'"),  # the first problem in from_wire's order
    (with_(seq=0, scope="x"), "change has a malformed 'seq'"),
]
#: Changes ``Change.from_wire`` lets through that the hub's declaration refuses: the
#: protocol says lower-case hex and ASCII digits, which is all the program writes.
STRICTER = [
    with_(origin="ABCDEF0123456789", stamp=f"{5:016x}-ABCDEF0123456789"),
    with_(origin=" 123456789abcdef", stamp=f"{5:016x}- 123456789abcdef"),
    with_(stamp=f"+{5:015x}-{ORIGIN}"),
    with_(scope="１３"),
]


def from_wire_reason(payload) -> str | None:
    try:
        Change.from_wire(payload)
    except ValueError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("payload", VALID)
def test_both_accept_a_valid_change(payload):
    assert from_wire_reason(payload) is None
    assert change_problem(payload) is None
    model = WireChange.model_validate(payload)
    assert Change.from_wire(payload).to_wire() == {
        k: v for k, v in model.model_dump().items() if (k not in ("base", "created", "sig") or v)}


@pytest.mark.parametrize("payload,reason", INVALID)
def test_both_refuse_an_invalid_change_for_the_same_reason(payload, reason):
    assert from_wire_reason(payload) == reason
    assert change_problem(payload) == reason


@pytest.mark.parametrize("payload", STRICTER)
def test_where_the_hub_is_stricter_than_the_ledger_reader(payload):
    assert from_wire_reason(payload) is None
    assert change_problem(payload) is not None


def test_every_change_the_ledger_writes_is_a_wire_change(tmp_path):
    ledger = Ledger.new(tmp_path / "l.sqlite", scope="130111", operator="测试")
    try:
        org = ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code="130111")
        ledger.organisations.update(org, league_members=12)
        ledger.organisations.delete(org)
        wire = [c.to_wire() for c in ledger.changes_since(0)[0]]
    finally:
        ledger.close()
    assert len(wire) >= 3
    for payload in wire:
        assert change_problem(payload) is None, payload


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows run pins an older pydantic (newer ones do not load under Wine 8), whose description names and nests its parts otherwise; the hub runs on Linux and the shapes are checked there")
def test_the_description_is_the_checking_model():
    described = components()
    for model in schemas.MODELS:
        own = model.model_json_schema(ref_template="#/components/schemas/{model}")
        assert described[model.__name__]["properties"] == own["properties"], model
        assert described[model.__name__].get("required") == own.get("required"), model
    enroll = described["EnrollRequest"]
    assert set(enroll["required"]) == {"code", "device_id", "name", "schema"}
    assert enroll["properties"]["device_id"]["pattern"] == schemas.HEX16_PATTERN
    push = described["PushRequest"]
    assert push["properties"]["changes"]["maxItems"] == 2000


@pytest.mark.parametrize("body,status,word", [
    ({"code": "X", "device_id": "ab" * 8, "name": "n"}, 422, "schema"),
    ({"code": "X", "device_id": "AB" * 8, "name": "n", "schema": 1}, 422, "device_id"),
    ({"code": "X", "device_id": "0" * 16, "name": "n", "schema": 1}, 422, "reserved"),
    ({"code": "", "device_id": "ab" * 8, "name": "n", "schema": 1}, 422, "code"),
    ({"code": "X", "device_id": "ab" * 8, "name": 5, "schema": 1}, 422, "name"),
    ({"code": "X", "device_id": "ab" * 8, "name": "n", "schema": True}, 422, "schema"),
    ({"code": "X", "device_id": "ab" * 8, "name": "a\ud800", "schema": 1}, 422, "Unicode"),
    ([], 422, "object"),
])
def test_a_bad_enrollment_body_is_refused_naming_the_field(body, status, word):
    with pytest.raises(HubError) as exc:
        validate(EnrollRequest, body)
    assert exc.value.status == status and word in exc.value.message, exc.value.message


def test_too_many_changes_is_413_whatever_they_hold():
    with pytest.raises(HubError) as exc:
        validate(PushRequest, {"schema": 1, "changes": ["junk"] * 2001})
    assert exc.value.status == 413 and "2000" in exc.value.message
    assert validate(PushRequest, {"schema": 1, "changes": ["junk"]}).changes == ["junk"]  # checked one by one
