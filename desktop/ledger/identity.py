"""A ledger that goes on under a new device identity, and its claim on the old one.

Two ledgers must never write under one device id: their changes would take the same
(origin, seq) pairs.  So a ledger takes a new device id when it is restored from a backup
(:meth:`Backups.restore_from`) and when the hub shows it is a copy of another computer's
(its own sequence numbers arrive there with other contents first: :meth:`take_new_identity`).

Either way it keeps a one-time *predecessor claim*: the old device's id, its hub settings,
and — as secrets of the ledger (:mod:`desktop.ledger.secrets`), in the computer's key store
where it has one — the old device's hub token and keys.  At its next sync the program
shows the claim to the hub, which enrolls the ledger as the old device's successor (no new
enrollment code) and retires the old token (docs/trust-and-time.md, "A new identity").

:func:`claim_bytes` is what the old device's key signs for that: the new device id and
its public keys, so a token alone (copied, or read off a disk) does not hand the old
device's place to keys the holder of the old key never saw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from desktop.errors import LedgerError
from desktop.ledger.backup import new_device_identity
from desktop.ledger.changes import Change, compact_clock, dumps, expand_clock
from desktop.ledger.secrets import HUB_TOKEN, PACKAGE_KEYS, PREDECESSOR_KEYS, PREDECESSOR_TOKEN
from desktop.records import KINDS

#: meta: the claim on the device this ledger took over from (JSON: device_id, scope, settings, since)
PREDECESSOR = "identity_predecessor"
#: meta: the hub showed this ledger to be a copy of another computer's (the device id, JSON)
COPIED = "identity_copied"
#: what the successor's claim signature covers first (never taken for any other signature)
CLAIM_PREFIX = b"township-successor-v1\n"
#: the meta entries of the sync that belong to the hub's view of the old device
PUSH_CURSOR, PULL_CURSOR, SYNC_SETTINGS = "push_cursor", "pull_cursor", "sync_settings"


def claim_bytes(predecessor: str, device_id: str, public_key: str | None) -> bytes:
    """What the predecessor's signing key signs when *device_id* (with *public_key*) takes over."""
    return CLAIM_PREFIX + dumps([predecessor, device_id, public_key or ""]).encode("utf-8")


@dataclasses.dataclass(frozen=True)
class Predecessor:
    """The device a ledger took over from: its id, scope, hub settings (JSON, no token) and secrets."""

    device_id: str
    scope: str
    settings: str
    token: str | None
    keys: str | None

    @property
    def hub_url(self) -> str:
        try:
            value = json.loads(self.settings or "{}").get("hub_url")
        except (ValueError, AttributeError):
            return ""
        return value if isinstance(value, str) else ""


@dataclasses.dataclass(frozen=True)
class NewIdentity:
    """What :meth:`Identities.take_new_identity` did."""

    old_device_id: str
    device_id: str
    #: own changes the hub did not hold, issued again under the new id
    reissued: int
    #: whether the ledger can take over the old device's place at the hub (it holds its token)
    claim: bool


class Identities:
    """The device identity and the claim on a predecessor (a mixin of ``Ledger``)."""

    def predecessor(self) -> Predecessor | None:
        """The pending claim on the device this ledger took over from, or None."""
        try:
            data = json.loads(self.meta(PREDECESSOR) or "null")
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("device_id"), str):
            return None
        return Predecessor(data["device_id"], str(data.get("scope", self.scope)), str(data.get("settings") or ""),
                           self.secret(PREDECESSOR_TOKEN), self.secret(PREDECESSOR_KEYS))

    def own_identity_claim(self) -> Predecessor | None:
        """This ledger's present identity as a successor would claim it: its hub enrollment
        (settings and token), or the claim it holds itself when it never used it; None when
        it has neither."""
        token = self.secret(HUB_TOKEN)
        if token:
            return Predecessor(self.device_id, self.scope, self.meta(SYNC_SETTINGS) or "", token,
                               self.secret(PACKAGE_KEYS))
        return self.predecessor()

    def set_predecessor(self, claim: Predecessor | None) -> None:
        """Keep *claim* (None: forget it, once the hub took the ledger on or refused for good)."""
        with self.tx():
            if claim is None:
                self.conn.execute("DELETE FROM meta WHERE key = ?", (PREDECESSOR,))
            else:
                self.set_meta(PREDECESSOR, json.dumps({
                    "device_id": claim.device_id, "scope": claim.scope, "settings": claim.settings,
                    "since": dt.datetime.now().isoformat(timespec="seconds")}, ensure_ascii=False, sort_keys=True))
            self.set_secret(PREDECESSOR_TOKEN, claim.token if claim else None)
            self.set_secret(PREDECESSOR_KEYS, claim.keys if claim else None)

    def copied_from(self) -> str | None:
        """The device id this ledger shares with another computer's copy, as the hub showed; or None."""
        return self.meta(COPIED) or None

    def mark_copied(self) -> None:
        self.set_meta(COPIED, self.device_id)

    def take_new_identity(self) -> NewIdentity:
        """Go on as a new device: a ledger copied from another computer's must not write
        under the same device id.  Its own changes the hub acknowledged (up to the push
        cursor) stay the old device's; those after it — which the hub does not hold, or holds
        with another copy's contents — are issued again as the new device's, with new
        sequence numbers and stamps and without signatures (the push signs them with the
        new key); the records' field stamps and the conflicts follow.  The pull starts over,
        so the other copy's changes under the old id arrive.  The old identity becomes the
        ledger's predecessor claim.  One transaction."""
        claim = self.own_identity_claim()
        held = int(self.meta(PUSH_CURSOR, "0") or 0)
        own = self.device_id
        try:
            with self._writing():
                old, new = new_device_identity(self.conn, "new_identity_at")
                reissued = self._reissue(old, new, held)
                self.device_id = new
                self._next_seq = reissued + 1
                self._meta_dirty = True
                self.set_meta(PULL_CURSOR, "0")
                self.conn.execute("DELETE FROM meta WHERE key = ?", (COPIED,))
                self.set_predecessor(claim if claim is not None and claim.token else None)
        except BaseException:
            self.device_id = own
            raise
        return NewIdentity(old, new, reissued, claim is not None and bool(claim.token))

    def _reissue(self, old: str, new: str, held: int) -> int:
        """Issue *old*'s changes after change-log position *held* again as *new*'s."""
        rows = self.conn.execute("SELECT * FROM change_log WHERE origin = ? AND seq > ? ORDER BY seq",
                                 (old, held)).fetchall()
        stamps: dict[str, str] = {}
        updates = []
        for n, row in enumerate(rows, 1):
            change = Change.from_row(row)
            stamp = change.stamp[:17] + new  # the same moment, the new origin
            stamps[change.stamp] = stamp
            base = {f: stamps.get(s, s) for f, s in change.base.items()}
            updates.append((new, n, stamp, dataclasses.replace(change, base=base).patch_json(), row["seq"]))
        self.conn.executemany("UPDATE change_log SET origin = ?, origin_seq = ?, stamp = ?, patch = ?, "
                              "signature = NULL WHERE seq = ?", updates)
        for kind, record_id in {(r["kind"], r["record_id"]) for r in rows}:
            k = KINDS[kind]
            row = self._row(k, record_id)
            if row is None:
                continue
            clock = expand_clock(k, row["clock"])
            if any(s in stamps for s in clock.values()):
                clock = {f: stamps.get(s, s) for f, s in clock.items()}
                self.conn.execute(f"UPDATE {k.table} SET clock = ? WHERE id = ?", (compact_clock(clock), record_id))
        for column in ("lost_stamp", "won_stamp"):
            self.conn.executemany(f"UPDATE conflicts SET {column} = ? WHERE {column} = ?",
                                  [(s, o) for o, s in stamps.items()])
        return len(rows)


def carried_claim(ledger_class, path, scope: str) -> Predecessor | None:
    """The claim a ledger restored over the one at *path* carries forward: that ledger's hub
    enrollment (or its own unused claim), when it is a ledger of the same *scope*; None when
    there is nothing to carry or the file cannot be read (a damaged ledger being replaced)."""
    try:
        old = ledger_class.open(path, read_only=True, verify=False)
    except LedgerError:
        return None
    try:
        return old.own_identity_claim() if old.scope == scope else None
    except LedgerError:
        return None
    finally:
        old.close()


__all__ = ["COPIED", "Identities", "NewIdentity", "PREDECESSOR", "Predecessor", "carried_claim",
           "claim_bytes"]
