"""The hub reads a push's body with orjson where it can and then checks only the numbers
of its changes; what orjson refuses, the standard library reads and every text is checked.
Either way a change is accepted or refused alike."""

from __future__ import annotations

import json

import pytest

from desktop.records.ids import new_id
from sync.hub import wire
from sync.hub.errors import HubError


class _Request:
    headers: dict = {}


def _change(**fields) -> dict:
    origin = "0123456789abcdef"
    return {"origin": origin, "seq": 1, "stamp": f"{1:016x}-{origin}", "kind": "publicity_item", "id": new_id(),
            "scope": "130111", "fields": {"title": "宣传信息", **fields}, "author": "李"}


def _both_ways(item: dict) -> tuple[str | None, str | None]:
    """The reason given for *item* through the fast path and through the full check."""
    body = json.dumps({"changes": [item]}, ensure_ascii=False).encode("utf-8")
    parsed, texts_ok = wire.parse_json_texts(_Request(), body)
    fast = wire.storable(parsed["changes"][0], texts_ok)
    full = wire.storable(json.loads(body)["changes"][0])
    return fast, full


@pytest.mark.parametrize("fields, reason", [
    ({"url": "https://example.cn/1"}, None),
    ({"url": "😀 完整的文字"}, None),
    ({"url": "a\u0000b"}, wire.BAD_TEXT),  # NUL: the body holds an escape, every text is checked
    ({"a\u0000": 1}, wire.BAD_TEXT),
    ({"count": 2**63 - 1}, None),
    ({"count": 2**63}, wire.BAD_NUMBER),  # orjson reads it as an integer out of range
    ({"count": 2**64}, wire.BAD_NUMBER),  # orjson reads it as a float
    ({"count": -(2**63) - 1}, wire.BAD_NUMBER),
    ({"count": 1.0}, wire.BAD_NUMBER),
    ({"count": 1e300}, wire.BAD_NUMBER),
])
def test_the_fast_read_refuses_what_the_full_check_refuses(fields, reason):
    assert _both_ways(_change(**fields)) == (reason, reason)


@pytest.mark.parametrize("body", [
    b'{"changes": [{"url": "\\ud800"}]}',  # a lone surrogate: orjson refuses, the standard library reads
    b'{"changes": [{"count": NaN}]}',
    b'{"changes": [{"count": Infinity}]}',
])
def test_what_orjson_refuses_is_read_as_before_and_checked_whole(body):
    parsed, texts_ok = wire.parse_json_texts(_Request(), body)
    assert not texts_ok and parsed == json.loads(body)
    assert wire.storable(parsed["changes"][0], texts_ok) in (wire.BAD_TEXT, wire.BAD_NUMBER)


@pytest.mark.parametrize("body, words", [(b"", "empty"), (b"{", "not valid JSON"), (b'["a\x00"]', "not valid JSON"),
                                         (b"[" * 5000 + b"]" * 5000, "nested too deeply")])
def test_a_body_that_is_no_json_is_refused_as_before(body, words):
    with pytest.raises(HubError) as caught:
        wire.parse_json_texts(_Request(), body)
    assert caught.value.status == 400 and words in caught.value.message
