"""JSON the program wrote itself, read back, and JSON sent over the wire, through orjson:
several times faster than the standard library on the many small texts of a change log and
on a page of changes.

What is hashed, signed or stored as text to be compared (a change's canonical form, its
stored patch and clock) is written by :func:`desktop.ledger.changes.dumps` alone, with the
standard library's encoder: its bytes must stay what every version of the program writes.
Where orjson is missing or its library does not load, the standard library does it all.
"""

from __future__ import annotations

import json

try:
    import orjson
except (ImportError, OSError):  # the standard library reads and writes the same texts, more slowly
    orjson = None


def loads(data: str | bytes | bytearray) -> object:
    """``json.loads(data)`` of a text this program wrote (a stored patch or clock): by orjson,
    and where orjson refuses a text the standard library reads (a lone surrogate escape, NaN,
    a UTF-8 BOM in bytes), by ``json.loads``.  Not for texts from elsewhere: orjson reads an
    integer beyond 64 bits as a float, where the standard library keeps it (none is stored:
    SQLite holds none)."""
    if orjson is not None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)


def wire_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON of a message (a request body): the bytes of
    ``json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()`` for the values a
    message holds (text keys; text, integers, booleans, None, lists and objects; no floats:
    orjson writes NaN as null)."""
    if orjson is not None:
        try:
            return orjson.dumps(value)
        except TypeError:  # what orjson does not write (a key that is no text, an integer beyond 64 bits)
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
