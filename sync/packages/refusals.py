"""Refusals travel back: what this ledger refused of a peer's package goes back to that peer
in the next receipt or package it receives from here, and what a peer refused of ours is
taken up from its receipt or package and kept with the changes the hub refused (one list,
:mod:`sync.client.rejections`), so an office learns that a change it handed over on a stick
was not taken — and why — as it would from the hub.

A refused change is still acknowledged (the package covered it, and sending it again would be
refused again): without this, the sender would believe it delivered.  The list a ledger keeps
per peer is bounded and sent whole every time; the receiving side keeps each refusal once.
"""

from __future__ import annotations

from sync.packages.common import meta_json, now, set_meta_json

#: peer → refusals of its changes to tell it: ``{"origin", "seq", "kind", "id", "scope", "reason", "at"}``
REFUSED_META = "package_refused"
#: refusals kept per peer (the newest)
KEPT = 200
#: the fields of one refusal on the wire, with their types
FIELDS = {"origin": str, "seq": int, "kind": str, "id": str, "scope": str, "reason": str, "at": str}
#: the longest text accepted in one field of a received refusal
TEXT_MAX = 500


def remember(ledger, peer_id: str, refused: list) -> None:
    """Keep what this ledger refused of *peer_id*'s package (``(change or wire dict, reason)``
    pairs, or ``(origin, seq, reason)`` triples with the change's wire form unknown), to tell
    that peer.  Call inside the import's transaction."""
    if not refused:
        return
    kept = meta_json(ledger, REFUSED_META)
    entries = list(kept.get(peer_id) or [])
    at = now()
    for item in refused:
        change, reason = item[0], item[-1]
        wire = change.to_wire() if hasattr(change, "to_wire") else change if isinstance(change, dict) else {}
        entry = {"origin": wire.get("origin"), "seq": wire.get("seq"), "kind": wire.get("kind"),
                 "id": wire.get("id"), "scope": wire.get("scope"), "reason": str(reason), "at": at}
        entries.append({k: v for k, v in entry.items() if isinstance(v, FIELDS[k])})
    kept[peer_id] = entries[-KEPT:]
    set_meta_json(ledger, REFUSED_META, kept)


def for_peer(ledger, peer_id: str) -> list[dict]:
    """The refusals of *peer_id*'s changes to put in what goes to it (receipt or package)."""
    return list(meta_json(ledger, REFUSED_META).get(peer_id) or [])


def take_up(ledger, sender_id: str, entries: object) -> list[dict]:
    """Keep what *sender_id* says it refused of ours (from its signed receipt or package) in
    the list of refused changes, each once; returns those newly learned."""
    if not isinstance(entries, list):
        return []
    # here, not at the top: the sync client imports the packages (its changes are signed with their keys)
    from sync.client.rejections import record_rejected, rejected_changes

    known = {(e.get("origin"), e.get("seq"), e.get("refused_by")) for e in rejected_changes(ledger)
             if isinstance(e, dict)}
    new = []
    for e in entries[-KEPT:]:
        if not isinstance(e, dict) or not isinstance(e.get("origin"), str) or not isinstance(e.get("seq"), int):
            continue
        clean = {k: e[k][:TEXT_MAX] if isinstance(e.get(k), str) else e.get(k)
                 for k in FIELDS if isinstance(e.get(k), FIELDS[k])}
        if (clean["origin"], clean["seq"], sender_id) in known:
            continue
        known.add((clean["origin"], clean["seq"], sender_id))
        new.append(clean)
    if new:
        record_rejected(ledger, [(dict(e), e.get("reason", "")) for e in new], "package", refused_by=sender_id)
    return new
