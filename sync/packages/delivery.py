"""What goes to whom: the changes a peer sees and has not confirmed, the attachments
they need, and per peer what was delivered (the status view)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.ledger.changes import Change
from sync.packages.common import ACKS_META, HAVE_META, LOG_META, meta_json, now, set_meta_json, vmax
from sync.packages.identity import peers


def visible_to(scope: str, change_scope: str) -> bool:
    """Does a device of *scope* hold changes of *change_scope*: its own and its units', and
    what the levels above publish downward."""
    return change_scope.startswith(scope) or scope.startswith(change_scope)


def acks_for(ledger, peer_id: str) -> dict:
    return meta_json(ledger, ACKS_META).get(peer_id, {}) or {}


def raise_vector(ledger, key: str, peer_id: str, vector: dict) -> None:
    """Move *peer_id*'s version vector kept under *key* (ACKS_META, HAVE_META) forward to
    *vector* where that is ahead (never back)."""
    vectors = meta_json(ledger, key)
    vectors[peer_id] = vmax(vectors.get(peer_id, {}) or {}, vector)
    set_meta_json(ledger, key, vectors)


def holding_for(ledger, peer_id: str) -> dict:
    """What this ledger tells *peer_id* it holds: its contiguous version vector, raised by
    what that peer's packages covered (a package skips changes outside our scope, so our
    own vector may stop at a gap that will never be filled)."""
    have = meta_json(ledger, HAVE_META).get(peer_id, {}) or {}
    return vmax(ledger.version_vector(), have)


def for_peer(ledger, peer: dict, acks: dict) -> list[Change]:
    """Changes inside this ledger's scope, seen by the peer, that the peer has not confirmed.
    What a peer sees follows its confirmed unit: one whose unit is not confirmed gets none."""
    scope = peer.get("allowed_scope", peer["scope"])
    if scope is None:
        return []
    return [c for c in ledger.changes_after(acks, scope=ledger.scope or None) if visible_to(scope, c.scope)]


def blobs_needed(ledger, changes: list[Change]) -> list[str]:
    out = []
    for c in changes:
        if c.kind == "attachment":
            digest = c.fields.get("sha256")
            if isinstance(digest, str) and digest not in out and ledger.has_blob(digest):
                out.append(digest)
    return out


def log_event(ledger, what: str, peer: str, manifest: dict) -> None:
    log = meta_json(ledger, LOG_META)
    log.setdefault(peer, {})[what] = {"at": now(), "package_id": manifest.get("package_id"),
                                      "count": manifest.get("count")}
    set_meta_json(ledger, LOG_META, log)


@dataclass
class PeerStatus:
    device_id: str
    name: str
    scope: str
    fingerprint: str
    trusted_via: str
    acknowledged: int
    pending: int
    last_export: str | None
    last_import: str | None


def pending_count(ledger, peer: dict, peer_id: str) -> int:
    return len(for_peer(ledger, peer, acks_for(ledger, peer_id)))


def delivery_status(ledger) -> list[PeerStatus]:
    """Per trusted peer: how many changes it confirmed holding, how many are still only here."""
    log = meta_json(ledger, LOG_META)
    out = []
    for device, peer in sorted(peers(ledger).items()):
        total = len(for_peer(ledger, peer, {}))
        pending = pending_count(ledger, peer, device)
        events = log.get(device, {})
        out.append(PeerStatus(device, peer.get("name", ""), peer["scope"], peer["fingerprint"],
                              peer.get("trusted_via", ""), total - pending, pending,
                              (events.get("export") or {}).get("at"), (events.get("import") or {}).get("at")))
    return out
