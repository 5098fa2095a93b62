"""The fast JSON codec reads and writes what the standard library does, with orjson and
without it (a build or platform where its library does not load)."""

from __future__ import annotations

import json

import pytest

from desktop import jsoncodec

SAMPLES = [
    {"name": "孙八", "joined_on": "2023-01-01", "n": 3, "ok": True, "none": None, "list": [1, "二", {"x": []}]},
    {"emoji": "😀", "quote": "\"", "slash": "\\", "ctl": "\u0001\u2028"},
    [],
    {"big": 2**62},
]


@pytest.fixture(params=["orjson", "standard library"])
def codec(request, monkeypatch):
    if request.param == "orjson":
        if jsoncodec.orjson is None:
            pytest.skip("orjson does not load here")
    else:
        monkeypatch.setattr(jsoncodec, "orjson", None)
    return jsoncodec


@pytest.mark.parametrize("value", SAMPLES)
def test_the_wire_bytes_are_the_standard_librarys(codec, value):
    assert codec.wire_bytes(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    assert codec.loads(codec.wire_bytes(value)) == value


def test_texts_orjson_refuses_are_read_by_the_standard_library(codec):
    assert codec.loads('{"a": "\\ud800"}') == {"a": "\ud800"}  # a lone surrogate escape
    assert codec.loads('{"a": NaN}')["a"] != codec.loads('{"a": NaN}')["a"]  # NaN
    assert codec.wire_bytes({1: "a"}) == b'{"1":"a"}'  # a key that is no text
    assert codec.loads(codec.wire_bytes({"n": 2**70})) == {"n": 2**70}  # beyond 64 bits
