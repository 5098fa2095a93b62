"""Who may send which change: the hub's checks between a received change and its ledger.

A pushed change is refused, each with a :class:`Refusal` (a code, its parameters and an
English text), when

* its scope is not the device's scope or below it (``outside_scope``), or not a division
  of the division list at all (``unknown_scope``);
* its origin is not the sending device and the sender may not relay it
  (``origin_not_allowed``, ``origin_revoked``): a device relays the changes of an
  enrolled device whose scope lies in its own (a county carrying a township's data
  package up), and of a never-enrolled origin only changes inside its own scope;
* the hub already holds a change with its origin and sequence number and a different
  content (``duplicate_differs``): that is no duplicate, and storing nothing while
  answering "duplicate" would lose the sender's edit without a word;
* its signature does not hold against its origin's key (``bad_signature``), it has none
  and the sender is not its origin (``unsigned_relay``), or no key is known for its
  origin (``origin_key_unknown``) — checked before the write transaction
  (:func:`signature_refusals`, keys from :mod:`sync.hub.keys`);
* it verifies (验收) or returns a checklist task although the device that wrote it is not
  above the task's unit (``verify_not_allowed``): judged by the scope of its origin when
  that device enrolled, else by the sender's.

A change the hub holds with the same content is a duplicate whoever sends it: it
changes nothing.  docs/hub-protocol.md states the rules and what they cannot stop yet.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Iterable

from desktop.ledger.changes import Change
from desktop.records.checklist import verification_refused
from desktop.scope.geo import geography
from sync import signatures
from sync.hub import keys as hub_keys
from sync.hub.store import Device, HubStore


@dataclass(frozen=True)
class Refusal:
    """Why one change is refused: a code the client knows, its parameters, and the text
    for clients that do not know the code."""

    code: str
    text: str
    params: dict = field(default_factory=dict)

    def answer(self) -> dict:
        """The fields of a push result that say why (``reason`` is the text)."""
        return {"reason": self.text, "code": self.code, "params": self.params}


def malformed(text: str) -> Refusal:
    return Refusal("malformed", text, {"detail": text})


def refused(text: str) -> Refusal:
    """A reason the ledger gave (it carries a code when the ledger names one)."""
    code = getattr(text, "code", None)
    params = getattr(text, "params", None)
    return Refusal(code if isinstance(code, str) else "refused", str(text),
                   params if isinstance(params, dict) else {})


def scope_refusal(device: Device, change: Change) -> Refusal | None:
    """Whether *change*'s scope is one *device* may send, and a real division."""
    if not change.scope.startswith(device.scope):
        return Refusal("outside_scope", f"the change's scope {change.scope or '-'} lies outside this device's "
                       f"scope {device.scope}", {"scope": change.scope, "device_scope": device.scope})
    if change.scope and not geography().exists(change.scope):  # "" is the nation: only a national device sends it
        return Refusal("unknown_scope", f"{change.scope} is not a division in the division list",
                       {"scope": change.scope})
    return None


def origin_refusal(device: Device, change: Change, origin: Device | None, hub_id: str) -> Refusal | None:
    """Whether *device* may send *change* of its origin (*origin*: that device at the hub,
    None when it never enrolled)."""
    if change.origin == device.device_id:
        return None
    params = {"origin": change.origin, "device_scope": device.scope}
    if change.origin == hub_id:
        return Refusal("origin_not_allowed", f"no device may send changes of the hub's own origin {change.origin}",
                       params)
    if origin is None:
        return None  # a never-enrolled office's package, relayed: its scope was checked
    if origin.revoked and not origin.succeeded_by:  # a successor's predecessor still speaks for its past
        return Refusal("origin_revoked", f"the device {change.origin} that wrote the change has been revoked",
                       params)
    if not origin.scope.startswith(device.scope):
        return Refusal("origin_not_allowed", f"this device (scope {device.scope}) may not send changes written by "
                       f"the device {change.origin} of scope {origin.scope}", {**params, "origin_scope": origin.scope})
    return None


def verify_refusal(device: Device, change: Change, origin: Device | None) -> Refusal | None:
    """Whether *change* verifies or returns a task its writer may not: only the level above
    a unit does (*origin*: the writing device at the hub, None for the sender itself or a
    never-enrolled office, whose scope the sender's bounds)."""
    author = origin.scope if origin is not None else device.scope
    if not verification_refused(change.kind, change.scope, change.fields, author):
        return None
    return Refusal("verify_not_allowed", f"only the level above {change.scope} may verify or return its tasks, "
                   f"not a device of scope {author}", {"scope": change.scope, "author_scope": author})


def same_content(a: Change, b: Change) -> bool:
    """Whether two changes with one origin and sequence number say the same thing."""
    def content(c: Change) -> tuple:
        return (c.stamp.lower(), c.kind, c.record_id, c.scope, c.fields,
                {k: v.lower() for k, v in c.base.items()}, c.author, bool(c.created))
    return content(a) == content(b)


def differs(change: Change) -> Refusal:
    return Refusal("duplicate_differs", "differs from the change already received with this origin and sequence "
                   "number", {"origin": change.origin, "seq": change.origin_seq})


@dataclass
class Sorted:
    """A batch after the checks: changes to apply, duplicates, refusals (by position)."""

    accepted: list[tuple[int, Change]] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    refused: dict[int, Refusal] = field(default_factory=dict)


def signature_refusal(code: str, change: Change) -> Refusal:
    return Refusal(code, signatures.ENGLISH[code].format(origin=change.origin), {"origin": change.origin})


@dataclass
class Signed:
    """The signature checks of a push: refusals by position, and the keys offered for
    never-enrolled origins that changes verified against (to pin when they are applied)."""

    refused: dict[int, Refusal] = field(default_factory=dict)
    vouched: dict[str, str] = field(default_factory=dict)


def signature_refusals(conn: sqlite3.Connection, device: Device, batch: list[tuple[int, Change]],
                       offered: dict) -> Signed:
    """Check each change's signature against its origin's key: the one the hub knows, or
    — for an origin that never enrolled (or the sender itself, enrolled without a key) —
    the one the sender vouches for in *offered*.  Runs before the write transaction (on a
    read connection), so checking signatures holds up no other writer."""
    out = Signed()
    origins = {c.origin for _, c in batch}
    known, enrolled = hub_keys.known_origins(conn, origins)  # one round trip for both
    keyed = []
    for i, change in batch:
        key = known.get(change.origin)
        vouched = None
        if key is None and (change.origin not in enrolled or change.origin == device.device_id):
            vouched = offered.get(change.origin)
            key = vouched if signatures.valid_key(vouched) else None
        keyed.append((i, change, key, vouched))
    # the signatures checked together, on several processors
    holds = iter(signatures.holding([(c, key) for _, c, key, _ in keyed if c.signature and key is not None]))
    for i, change, key, vouched in keyed:
        if change.signature and key is not None:
            code = None if next(holds) else signatures.BAD_SIGNATURE
        else:
            code = signatures.verdict(change, key, device.device_id)
        if code is not None:
            out.refused[i] = signature_refusal(code, change)
        elif vouched is not None and change.signature:
            out.vouched[change.origin] = vouched
    return out


def pin_vouched(store: HubStore, device: Device, signed: Signed, batch: Sorted) -> None:
    """Keep the vouched keys of the origins whose changes are accepted; inside the write
    transaction.  Should another push have pinned a different key meanwhile, the changes
    checked against this one are refused after all."""
    origins = {c.origin for _, c in batch.accepted if c.origin in signed.vouched}
    lost = {o for o in origins if hub_keys.pin(store.conn, o, signed.vouched[o], device.device_id)
            != signed.vouched[o]}
    if lost:
        for i, c in batch.accepted:
            if c.origin in lost:
                batch.refused[i] = signature_refusal(signatures.BAD_SIGNATURE, c)
        batch.accepted = [(i, c) for i, c in batch.accepted if c.origin not in lost]


def sort_batch(store: HubStore, device: Device, hub_id: str, batch: Iterable[tuple[int, Change]],
               signed: Signed | None = None) -> Sorted:
    """Check each (position, change) of a push from *device*; runs inside the push's write
    transaction, so what the hub holds cannot change meanwhile.  *signed* holds the
    signature checks made before."""
    batch = list(batch)
    bad_signatures = signed.refused if signed is not None else {}
    out = Sorted()
    stored = store.stored_changes((c.origin, c.origin_seq) for _, c in batch)
    origins = {o: store.device(o) for o in {c.origin for _, c in batch} if o != device.device_id}
    for i, change in batch:
        key = (change.origin, change.origin_seq)
        refusal = scope_refusal(device, change)
        prior = stored.get(key)
        if refusal is None and prior is not None and same_content(prior, change):
            out.duplicates.append(i)
            continue
        refusal = (refusal or origin_refusal(device, change, origins.get(change.origin), hub_id)
                   or bad_signatures.get(i) or verify_refusal(device, change, origins.get(change.origin)))
        if refusal is None and prior is not None:
            refusal = differs(change)
        if refusal is not None:
            out.refused[i] = refusal
            continue
        stored[key] = change  # a second copy later in the batch is judged against this one
        out.accepted.append((i, change))
    if signed is not None and signed.vouched:
        pin_vouched(store, device, signed, out)
    return out
