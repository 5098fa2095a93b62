"""Change records: the unit that sync, data packages and history are made of.

A change sets some fields of one record at one stamp.  ``base`` holds, for each
field it sets, the stamp the writer's value had before the write: the receiver
uses it to tell a knowing overwrite from a concurrent edit (which goes to
``conflicts``).

Each change may carry the Ed25519 signature of the device that wrote it over
:func:`signed_bytes` — the one canonical byte form that the signer and every verifier
use (docs/trust-and-time.md).  The ledger itself holds no key: the program signs its
own changes before they leave (:meth:`Ledger.sign_own_changes`) and checks received
ones through the hook of :meth:`Ledger.apply_changes`.
"""

from __future__ import annotations

import binascii
import json
import re
from dataclasses import dataclass, field

from desktop.jsoncodec import loads
from desktop.records import DELETED, Kind

#: isinstance(value, str), as a function for map()
_is_text = str.__instancecheck__

#: flag bits of a change_log row
FLAG_FUTURE = 1


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# Keys already in order need no sorting; the C encoder is made once, not at every call
# (``JSONEncoder.encode`` makes a new one each time, which costs more than encoding a change's
# few fields).  Without the circular-reference check: the values come from JSON or the ledger.
_IN_ORDER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
if json.encoder.c_make_encoder is not None:
    _in_order_chunks = json.encoder.c_make_encoder(None, _IN_ORDER.default, json.encoder.encode_basestring, None,
                                                   ":", ",", False, False, True)
    _sorted_chunks = json.encoder.c_make_encoder(None, _ENCODER.default, json.encoder.encode_basestring, None,
                                                 ":", ",", True, False, True)

    def _encode_in_order(value: object) -> str:
        return "".join(_in_order_chunks(value, 0))

    def dumps(value: object) -> str:
        """Canonical JSON: the same value always gives the same text (the text
        ``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` gives)."""
        return "".join(_sorted_chunks(value, 0))
else:  # pragma: no cover - CPython always has the C encoder
    _encode_in_order = _IN_ORDER.encode
    dumps = _ENCODER.encode


@dataclass(frozen=True)
class Change:
    origin: str
    origin_seq: int
    stamp: str
    kind: str
    record_id: str
    scope: str
    fields: dict
    base: dict = field(default_factory=dict)
    author: str = ""
    #: a creation: every field the record has is set, those not in ``fields`` to nothing
    created: bool = False
    #: the origin device's Ed25519 signature over :func:`signed_bytes` (base64), "" when unsigned
    signature: str = ""

    def values(self, kind: Kind) -> dict:
        """The fields this change sets, with their values (all of them for a creation)."""
        if not self.created:
            return self.fields
        out = dict.fromkeys(kind.field_names)
        out[DELETED] = 0
        out.update(self.fields)
        return out

    def to_wire(self) -> dict:
        d = {
            "origin": self.origin, "seq": self.origin_seq, "stamp": self.stamp, "kind": self.kind,
            "id": self.record_id, "scope": self.scope, "fields": self.fields, "author": self.author,
        }
        if self.base:
            d["base"] = self.base
        if self.created:
            d["created"] = True
        if self.signature:
            d["sig"] = self.signature
        return d

    @classmethod
    def from_wire(cls, d: dict) -> "Change":
        """Build from received JSON.  Raises ``ValueError`` naming what is malformed."""
        if not isinstance(d, dict):
            raise ValueError("change is not an object")
        try:
            origin, seq, stamp = d["origin"], d["seq"], d["stamp"]
            kind, record_id, scope, fields = d["kind"], d["id"], d["scope"], d["fields"]
        except KeyError as exc:
            raise ValueError(f"change lacks {exc.args[0]!r}") from None
        base = d.get("base") or {}
        author = d.get("author") or ""
        created = d.get("created", False)
        signature = d.get("sig") or ""
        # the first part that is malformed is named (checked in this order, each only as far as needed)
        if not (isinstance(origin, str) and len(origin) == 16):
            bad = "origin"
        elif not (isinstance(seq, int) and not isinstance(seq, bool) and 0 < seq <= 2**63 - 1):
            bad = "seq"
        elif not (isinstance(stamp, str) and _valid_stamp(stamp) and stamp.endswith(origin)):
            bad = "stamp"
        elif not isinstance(kind, str):
            bad = "kind"
        elif not (isinstance(record_id, str) and 0 < len(record_id) <= 64 and plain_text(record_id)):
            bad = "id"
        elif not (isinstance(scope, str) and len(scope) <= 12 and (scope == "" or scope.isdigit())):
            bad = "scope"
        elif not (isinstance(fields, dict) and (fields or created) and all(map(_is_text, fields))):
            bad = "fields"
        elif not isinstance(created, bool):
            bad = "created"
        elif not (isinstance(base, dict) and all(isinstance(v, str) and _valid_stamp(v) for v in base.values())):
            bad = "base"
        elif not (isinstance(author, str) and len(author) <= 100 and plain_text(author)):
            bad = "author"
        elif not (isinstance(signature, str) and (signature == "" or signature_bytes(signature) is not None)):
            bad = "sig"
        else:
            bad = None
        if bad is not None:
            raise ValueError(f"change has a malformed {bad!r}")
        return cls(origin, seq, stamp, kind, record_id, scope, fields, base, author, created, signature)

    def patch_json(self) -> str:
        """The stored patch: ``dumps({"b": base, "c": 1, "f": fields})``, without "b" when the
        change has no base and "c" when it creates nothing (its keys written in their order)."""
        text = '{"b":' + dumps(self.base) + "," if self.base else "{"
        if self.created:
            text += '"c":1,'
        return text + '"f":' + dumps(self.fields) + "}"

    @classmethod
    def from_row(cls, row) -> "Change":
        patch = loads(row["patch"])
        return cls(row["origin"], row["origin_seq"], row["stamp"], row["kind"], row["record_id"],
                   row["scope"], patch["f"], patch.get("b", {}), row["author"], patch.get("c") == 1,
                   row["signature"] or "")


def decoded_all(items: list) -> list:
    """Each received item as a :class:`Change`, or as it came when it is malformed (then
    ``Ledger.apply_changes`` refuses it with the reason): decoded once, for the checks of its
    signature ahead and for the merge."""
    out = []
    for item in items:
        try:
            out.append(Change.from_wire(item))
        except ValueError:
            out.append(item)
    return out


#: the first bytes of every signed form: names what is signed and its version, so a
#: signature over a change can never be taken for one over anything else
SIGNED_PREFIX = b"township-change-v1\n"
#: base64 of a 64-byte Ed25519 signature
SIGNATURE_TEXT_SIZE = 88


def signed_bytes(change: Change) -> bytes:
    """What the origin device signs: everything the change says, in one canonical form
    (canonical JSON of a fixed list, UTF-8) — its origin and sequence number, stamp, kind,
    record id, scope, field values (a deletion is the field ``deleted``), the stamps it was
    based on, its author and whether it creates the record.  Local bookkeeping (the change
    log's position, flags, undo batch) is not part of it."""
    return SIGNED_PREFIX + dumps([change.origin, change.origin_seq, change.stamp, change.kind, change.record_id,
                                  change.scope, change.fields, change.base, change.author,
                                  bool(change.created)]).encode("utf-8")


def signature_bytes(text: str) -> bytes | None:
    """The 64 bytes of a signature as stored and sent (base64), or None when *text* is not one."""
    if not isinstance(text, str) or len(text) != SIGNATURE_TEXT_SIZE:
        return None
    try:
        raw = binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return raw if len(raw) == 64 else None


def signature_text(raw: bytes) -> str:
    return binascii.b2a_base64(raw, newline=False).decode("ascii")


#: A lone surrogate: text that cannot be stored as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def plain_text(text: str) -> bool:
    """No lone surrogates (they cannot be stored as UTF-8); one C-speed scan, not one Python
    step per character, as every received text field passes here."""
    return text.isascii() or _SURROGATE.search(text) is None


def _valid_stamp(stamp: str) -> bool:
    if len(stamp) != 33 or stamp[16] != "-":
        return False
    try:
        int(stamp[:16], 16)
        int(stamp[17:], 16)
    except ValueError:
        return False
    return True


def creation_patch(fields: dict) -> str:
    """The stored patch of a creation setting *fields* (their keys in sorted order): the
    same text as ``Change(..., created=True).patch_json()``, without sorting each time."""
    return '{"c":1,"f":' + _encode_in_order(fields) + "}"


def clock_fields(kind: Kind) -> tuple[str, ...]:
    return kind.clock_fields


def uniform_clock(stamp: str) -> str:
    """The compact clock of a record whose every field carries *stamp* (a new record)."""
    return '{"":"' + stamp + '"}'  # a stamp is hex digits and "-": nothing to escape


def expand_clock(kind: Kind, text: str) -> dict[str, str]:
    """Per-field stamps from the stored compact form."""
    compact = loads(text)
    default = compact.get("", "")
    return {f: compact.get(f, default) for f in clock_fields(kind)}


def compact_clock(full: dict[str, str]) -> str:
    """The canonical compact form: the most common stamp as default, the rest listed.

    It depends only on the per-field stamps, so every replica that holds the same
    state stores the same text.
    """
    stamps = set(full.values())
    if len(stamps) == 1:  # a record written by one change (most are): nothing to count
        return dumps({"": stamps.pop()})
    counts: dict[str, int] = {}
    for s in full.values():
        counts[s] = counts.get(s, 0) + 1
    default = max(counts, key=lambda s: (counts[s], s))
    compact = {f: s for f, s in full.items() if s != default}
    compact[""] = default
    return dumps(compact)
