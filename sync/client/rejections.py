"""Changes refused at a sync (by the hub, or by this ledger for pulled ones): kept in the
ledger's meta, summed up in one line, and shaped for showing in a table; and the one
sentence that tells how a sync went."""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger.changes import Change
from desktop.records import KINDS
from sync.client.errors import CTX
from sync.client.results import PushResult, SyncResult
from sync.client.settings import REJECTED_KEY, meta_list, now_iso

#: how many refused changes are kept (the newest)
REJECTED_KEPT = 200

M_REFUSED_SCOPE = QT_TRANSLATE_NOOP("sync", "the hub refused {n} changes outside your scope {scope}")
M_REFUSED = QT_TRANSLATE_NOOP("sync", "the hub refused {n} changes (first reason: {reason})")
M_REFUSED_PLAIN = QT_TRANSLATE_NOOP("sync", "the hub refused {n} changes")
M_SEE_DETAILS = QT_TRANSLATE_NOOP("sync", "{summary} — click the sync status for details.")
M_REFUSED_HERE = QT_TRANSLATE_NOOP("sync", "{n} changes from the hub could not be applied here — click the sync status for details.")
M_NOTHING_NEW = QT_TRANSLATE_NOOP("sync", "Synced: nothing new on either side.")
M_SYNCED = QT_TRANSLATE_NOOP("sync", "Synced: {sent} changes sent, {received} received.")


def rejected_changes(ledger) -> list[dict]:
    """What the hub (or this ledger, for pulled ones) refused, oldest first (the last 200):
    ``{"origin", "seq", "kind", "id", "scope", "reason", "at", "direction"}``."""
    return meta_list(ledger, REJECTED_KEY)


def record_rejected(ledger, refused: list[tuple[Change | dict, str]], direction: str, refused_by: str = "") -> None:
    """Add *refused* ((change or its wire form, reason) pairs) to the kept list; *direction*
    is "push" (the hub refused ours), "pull" (this ledger refused the hub's) or "package"
    (the office *refused_by* refused ours, handed over on a stick)."""
    entries = rejected_changes(ledger)
    now = now_iso()
    for c, reason in refused:
        if isinstance(c, Change):
            entry = {"origin": c.origin, "seq": c.origin_seq, "kind": c.kind, "id": c.record_id, "scope": c.scope}
        else:
            d = c if isinstance(c, dict) else {}
            entry = {k: d.get(k) for k in ("origin", "seq", "kind", "id", "scope")}
        entry.update(reason=str(reason), at=now, direction=direction)
        if refused_by:
            entry["refused_by"] = refused_by
        entries.append(entry)
    ledger.set_meta(REJECTED_KEY, json.dumps(entries[-REJECTED_KEPT:], ensure_ascii=False))


def refused_summary(result: PushResult, scope: str | None) -> str | None:
    """One line on what the hub refused in *result* (for a device enrolled for *scope*), or None."""
    if not result.rejected:
        return None
    if scope is not None and all(not c.scope.startswith(scope) for c, _ in result.refused):
        return translate(CTX, M_REFUSED_SCOPE).format(n=result.rejected, scope=scope or "-")
    return translate(CTX, M_REFUSED).format(n=result.rejected, reason=result.refused[0][1])


def describe(result: SyncResult, summary: str | None = None) -> tuple[bool, str]:
    """Whether a finished sync went well, and what happened in plain words: what went each
    way, what was refused (with *summary*, the client's line on it) and the warnings."""
    notes = []
    if result.push.rejected:
        line = summary or translate(CTX, M_REFUSED_PLAIN).format(n=result.push.rejected)
        notes.append(translate(CTX, M_SEE_DETAILS).format(summary=line[:1].upper() + line[1:]))
    if result.pull.rejected:
        notes.append(translate(CTX, M_REFUSED_HERE).format(n=result.pull.rejected))
    notes += result.warnings
    sent, received = result.push.accepted, result.pull.applied
    head = translate(CTX, M_SYNCED).format(sent=sent, received=received) if sent or received \
        else translate(CTX, M_NOTHING_NEW)
    return not notes, " ".join([head, *notes])


@dataclass(frozen=True)
class RefusedChange:
    """One refused change as a person reads it."""

    at: str | None
    kind: str
    #: the kind's name in the current language (the kind's code when unknown)
    kind_label: str
    record_id: str
    #: the record's title in this ledger, else its id
    title: str
    reason: str
    #: True: the hub refused our change; False: this ledger or another office refused it
    by_hub: bool
    origin: str
    seq: object
    #: the device of the office that refused our change in a package ("" when not one)
    refused_by: str = ""


def refused_for_display(ledger) -> list[RefusedChange]:
    """The refused changes, newest first, with their records' kinds and titles."""
    items = [item for item in reversed(rejected_changes(ledger)) if isinstance(item, dict)]
    titles = _titles(ledger, items)
    out = []
    for item in items:
        kind, record_id = str(item.get("kind") or ""), str(item.get("id") or "")
        k = KINDS.get(kind)
        out.append(RefusedChange(item.get("at") or None, kind, k.label.text() if k is not None else kind, record_id,
                                 titles.get((kind, record_id)) or record_id, str(item.get("reason") or ""),
                                 item.get("direction", "push") == "push", str(item.get("origin", "")),
                                 item.get("seq", ""), str(item.get("refused_by") or "")))
    return out


def _titles(ledger, items: list[dict]) -> dict[tuple[str, str], str]:
    """The titles of the refused changes' records this ledger holds (one look-up per kind)."""
    wanted: dict[str, list[str]] = {}
    for item in items:
        kind = str(item.get("kind", ""))
        if kind in KINDS and item.get("id"):
            wanted.setdefault(kind, []).append(str(item["id"]))
    out = {}
    for kind, record_ids in wanted.items():
        try:
            out.update({(kind, i): t for i, t in ledger.titles(kind, record_ids).items() if t})
        except LedgerError:
            pass
    return out
