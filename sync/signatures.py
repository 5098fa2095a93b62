"""Signatures of changes: made by the device that wrote them, checked by everyone who
receives them (the hub on push, a device on pull and on importing a package).

A device signs its own changes with its Ed25519 key (the one its data packages are
signed with, :func:`sync.packages.device_keys`) before they leave it — at a push and at
a package export — over :func:`desktop.ledger.changes.signed_bytes`.  The signature
travels with the change unaltered and is stored beside it in every change log, so a
relay (a county carrying a township's package up, the hub on a pull) cannot alter what
it carries without the receiver noticing.

A receiver checks a change it does not hold yet against the key it knows for the
change's origin; :func:`verdict` gives the refusal code, if any:

``bad_signature``
    the signature does not match the origin's key: altered on the way, or forged (a
    signature made with another device's key included);
``unsigned_relay``
    no signature, and the change was not handed over by its own origin (changes written
    before signing are accepted only from their origin device — or from the hub, which
    took them only from their origin or before signing began);
``origin_key_unknown``
    signed, but no key is known for its origin.

Which key a device uses for an origin (:class:`KeyBook`): the key of a trusted peer
(package partner, or a device the hub listed) first, then one it learned before (kept
in its meta), then one offered with the changes (the hub's pull answer, a package's
manifest — vouched for by the sender), which it then keeps.  docs/trust-and-time.md.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Callable

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger.changes import Change, signature_bytes, signed_bytes
from desktop.ledger.merge import Reason
from desktop.records import ids
from sync.crypto import InvalidSignature, SigningKey, VerifyKey

#: the prefix of a device's public key string at the hub: ``tlpk1:<sign_pub>:<enc_pub>``
KEY_PREFIX = "tlpk1:"
#: ledger meta: origin → Ed25519 public key (base64) learned from the hub or a package
ORIGIN_KEYS_META = "origin_keys"

BAD_SIGNATURE = "bad_signature"
UNSIGNED_RELAY = "unsigned_relay"
KEY_UNKNOWN = "origin_key_unknown"
CODES = (BAD_SIGNATURE, UNSIGNED_RELAY, KEY_UNKNOWN)

#: each refusal in words (context "sync"; the client's wording of the hub's codes uses them too)
REASONS = {
    BAD_SIGNATURE: QT_TRANSLATE_NOOP("sync", "its signature does not match the key of the device {origin} that wrote it: it was altered on the way, or forged"),
    UNSIGNED_RELAY: QT_TRANSLATE_NOOP("sync", "it carries no signature and was not handed over by the device {origin} that wrote it"),
    KEY_UNKNOWN: QT_TRANSLATE_NOOP("sync", "the key of the device {origin} that wrote it is not known here, so its signature cannot be checked"),
}
#: the same in English, for the hub's answer (a client that does not know the code shows it)
ENGLISH = {
    BAD_SIGNATURE: "the signature does not match the key of the device {origin} that wrote the change: it was "
                   "altered on the way, or forged",
    UNSIGNED_RELAY: "the change carries no signature and was not sent by the device {origin} that wrote it",
    KEY_UNKNOWN: "the key of the device {origin} that wrote the change is not known, so its signature cannot "
                 "be checked",
}


def key_text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def valid_key(text: object) -> bool:
    """Whether *text* is an Ed25519 public key as sent (32 bytes, base64)."""
    if not isinstance(text, str) or len(text) != 44:
        return False
    try:
        return len(binascii.a2b_base64(text.encode("ascii"), strict_mode=True)) == 32
    except (binascii.Error, UnicodeEncodeError):
        return False


def signing_key_of(public_key: str | None) -> str | None:
    """The Ed25519 part of a device's public key string at the hub (``tlpk1:sign:enc``)."""
    if not isinstance(public_key, str) or not public_key.startswith(KEY_PREFIX):
        return None
    parts = public_key.split(":")
    return parts[1] if len(parts) == 3 and valid_key(parts[1]) else None


@lru_cache(maxsize=4096)
def _verifier(key: str) -> VerifyKey:
    return VerifyKey(base64.b64decode(key, validate=True))


def signature_holds(change: Change, key: str) -> bool:
    """Whether *change* carries a signature by *key* (base64 Ed25519) over its content."""
    raw = signature_bytes(change.signature)
    if raw is None or not valid_key(key):
        return False
    try:
        _verifier(key).verify(raw, signed_bytes(change))
    except (InvalidSignature, UnicodeEncodeError, TypeError, ValueError):  # nothing a signer could have signed
        return False
    return True


def verdict(change: Change, key: str | None, handed_by: str | None, *, unsigned_ok: bool = False) -> str | None:
    """The refusal code for *change* (None: accept) checked against *key*, the one known
    for its origin; *handed_by* is the device that handed it over (the pusher, the
    package's sender); *unsigned_ok* accepts changes without signature whoever brings them
    (a pull: the hub vouches that it took them from their origin)."""
    if not change.signature:
        return None if unsigned_ok or change.origin == handed_by else UNSIGNED_RELAY
    if key is None:
        return KEY_UNKNOWN
    return None if signature_holds(change, key) else BAD_SIGNATURE


def reason(code: str, change: Change) -> Reason:
    """A refusal this device makes, in its language, with its code (as the hub's are kept)."""
    return Reason(translate("sync", REASONS[code]).format(origin=change.origin), code, origin=change.origin)


def sign_own(ledger, key: SigningKey, *, upto: int | None = None) -> int:
    """Sign this device's changes not signed yet (before a push or a package export; *upto*:
    those up to that change-log position only), many at once on several processors (as
    :func:`holding` checks them)."""
    return ledger.sign_own_changes(key.sign, upto=upto,
                                   sign_many=lambda data: _shared(lambda part: [key.sign(d) for d in part], data))


def learned_keys(ledger) -> dict[str, str]:
    """The keys this device knows for other devices: trusted peers' first, then learned ones."""
    from sync.packages.common import PEERS_META, meta_json  # sync.packages uses this module

    book = {o: k for o, k in meta_json(ledger, ORIGIN_KEYS_META).items() if valid_key(k)}
    for device, entry in meta_json(ledger, PEERS_META).items():
        if isinstance(entry, dict) and valid_key(entry.get("sign_pub")):
            book[device] = entry["sign_pub"]
    return book


def vouched_keys(ledger, changes: list[Change]) -> dict[str, str]:
    """The keys this device knows for the origins of *changes* that are not its own: sent
    along when it relays them (a push, a package), for a receiver that has not met them."""
    origins = {c.origin for c in changes} - {ledger.device_id, ids.BUILTIN_DEVICE}
    if not origins:
        return {}
    book = learned_keys(ledger)
    return {o: book[o] for o in sorted(origins) if o in book}

#: below this many signatures, one thread checks them all (handing work over costs more)
SHARED_CHECK_MIN = 64
_helpers: ThreadPoolExecutor | None = None
_helpers_made = threading.Lock()


def _helper_threads() -> tuple[ThreadPoolExecutor, int]:
    """The threads that check signatures beside the caller's (one fewer than the processors,
    at most three), made at the first large check; and how many there are."""
    global _helpers
    count = max(1, min(3, (os.cpu_count() or 1) - 1))
    with _helpers_made:
        if _helpers is None:
            _helpers = ThreadPoolExecutor(count, thread_name_prefix="signatures")
    return _helpers, count


def holding(pairs: list[tuple[Change, str]]) -> list[bool]:
    """:func:`signature_holds` of each (change, key).  Many are checked on several
    processors at once: Ed25519 runs in libsodium, which leaves the interpreter free, and a
    check is some 40 µs there against a few µs of Python around it."""
    return _shared(_holding, pairs)


def _holding(pairs: list[tuple[Change, str]]) -> list[bool]:
    return [signature_holds(c, k) for c, k in pairs]


def _shared(work: Callable[[list], list], items: list) -> list:
    """``work(items)``, the items shared out between the caller's thread and the helper
    threads when there are many; the results in the items' order."""
    if len(items) < SHARED_CHECK_MIN or (os.cpu_count() or 1) < 2:
        return work(items)
    pool, helpers = _helper_threads()
    size = -(-len(items) // (helpers + 1))
    parts = [items[i:i + size] for i in range(0, len(items), size)]
    futures = [pool.submit(work, part) for part in parts[1:]]
    out = work(parts[0])
    for future in futures:
        out += future.result()
    return out


class KeyBook:
    """The check of received changes' signatures on a device (the ``authentic`` hook of
    ``Ledger.apply_changes``): keys known here first, then those *offered* with the changes."""

    def __init__(self, ledger, offered: object = None, *, handed_by: str | None = None,
                 handed_by_key: str | None = None, unsigned_ok: bool = False) -> None:
        self.ledger = ledger
        self.known = learned_keys(ledger)
        if handed_by and handed_by_key:
            self.known[handed_by] = handed_by_key  # the package's sender, trusted with this key
        self.offered = {o: k for o, k in offered.items() if isinstance(o, str) and valid_key(k)} \
            if isinstance(offered, dict) else {}
        self.handed_by, self.unsigned_ok = handed_by, unsigned_ok
        self.learned: dict[str, str] = {}
        #: (id of a change, key) → (the change, whether its signature holds) (:meth:`check_ahead`);
        #: the change is held, so its id names no other change while the entry lasts
        self._checked: dict[tuple[int, str], tuple[Change, bool]] = {}

    def _key(self, change: Change) -> tuple[str | None, bool]:
        """The key to check *change* against, and whether it is one offered with the changes."""
        key = self.known.get(change.origin)
        if key is None and change.origin in self.offered:
            return self.offered[change.origin], True
        return key, False

    def check_ahead(self, changes: list) -> None:
        """Check the signatures of *changes* (received changes; what is no :class:`Change` is
        left to the ledger's checks) all at once, on several processors (:func:`holding`), for
        the calls that follow.  Each result is kept for the key it was checked against: should
        the key for an origin be another by then, the change is checked again."""
        pairs = []
        for change in changes:
            if isinstance(change, Change) and change.signature \
                    and change.origin not in (self.ledger.device_id, ids.BUILTIN_DEVICE):
                key = self._key(change)[0]
                if key is not None:
                    pairs.append((change, key))
        self._checked = {(id(c), k): (c, ok) for (c, k), ok in zip(pairs, holding(pairs))}

    def __call__(self, change: Change) -> Reason | None:
        if change.origin in (self.ledger.device_id, ids.BUILTIN_DEVICE):
            return None  # the ledger's own checks refuse these
        key, offered = self._key(change)
        checked = self._checked.get((id(change), key)) if change.signature and key is not None else None
        if checked is not None and checked[0] is change:
            code = None if checked[1] else BAD_SIGNATURE
        else:
            code = verdict(change, key, self.handed_by, unsigned_ok=self.unsigned_ok)
        if code is not None:
            return reason(code, change)
        if offered and change.signature:
            self.learned[change.origin] = key
        return None

    def adopt_offered(self) -> None:
        """Remember every offered key as it is (inside the caller's transaction): a first
        sync's ready ledger, whose changes the hub checked against these keys when they
        were pushed, and which a new device has no other keys to check against."""
        self.learned.update(self.offered)
        self.keep()

    def keep(self) -> None:
        """Remember the offered keys that proved good (inside the caller's transaction)."""
        if not self.learned:
            return
        try:
            stored = json.loads(self.ledger.meta(ORIGIN_KEYS_META) or "{}")
        except ValueError:
            stored = {}
        stored = stored if isinstance(stored, dict) else {}
        for origin, key in self.learned.items():
            stored.setdefault(origin, key)
        self.ledger.set_meta(ORIGIN_KEYS_META, json.dumps(stored, sort_keys=True))
        self.known.update(self.learned)
        self.learned = {}
