"""What is still only here: the one count of "pending" changes every view shows.

A change held in this ledger is pending until an upper office has confirmed holding it,
by either route: the hub (it answered the change at a push, or sent it to us — the push
cursor moves past both), or an office above this one (its county, …) whose package or
receipt acknowledged it.  Changes a level above published downward never go up, so they
are never pending; neither is the program's built-in reference data.

The status bar, the package view and ``township-ledger info`` all ask :func:`pending_count`.
"""

from __future__ import annotations

from desktop.ledger import scope_ancestors
from desktop.records import ids
from sync.packages.common import ACKS_META, meta_json, vmax
from sync.packages.identity import peers

PUSH_CURSOR = "push_cursor"


def upper_offices(ledger) -> list[str]:
    """Device ids of the trusted offices above this ledger's unit."""
    scope = ledger.scope or ""
    return [d for d, p in peers(ledger).items() if scope and p["scope"] != scope and scope.startswith(p["scope"])]


def confirmed_above(ledger) -> dict[str, int]:
    """origin → highest change number an upper office confirmed by package or receipt."""
    acks = meta_json(ledger, ACKS_META)
    out: dict[str, int] = {}
    for device in upper_offices(ledger):
        out = vmax(out, acks.get(device) or {})
    return out


def pending_count(ledger) -> int:
    """This ledger's changes that no upper office (the hub, or an office above that
    acknowledged a package) has confirmed yet."""
    try:
        cursor = int(ledger.meta(PUSH_CURSOR, "0") or 0)
    except ValueError:
        cursor = 0
    sql = "SELECT count(*) FROM change_log WHERE seq > ? AND origin != ?"
    params: list = [cursor, ids.BUILTIN_DEVICE]
    above = scope_ancestors(ledger.scope or "")
    if above:  # published downward by a level above: not ours to hand up
        sql += f" AND NOT (origin != ? AND scope IN ({', '.join('?' * len(above))}))"
        params += [ledger.device_id, *above]
    for origin, seq in sorted(confirmed_above(ledger).items()):
        sql += " AND NOT (origin = ? AND origin_seq <= ?)"
        params += [origin, seq]
    return int(ledger.conn.execute(sql, params).fetchone()[0])
