"""A first sync through a ready ledger (:mod:`sync.hub.ready`): the hub's file of the scope's
records and change log, downloaded (a cut download resumes), checked — its SHA-256 as the hub
gave it over the authenticated connection, SQLite's own check, this program's schema, this
ledger's scope — and adopted in one transaction (:meth:`Ledger.adopt_ready`) with the pull
cursor, so a cut at any moment leaves either nothing or everything.

The changes in the file are not checked one by one against their origins' keys: the hub
checked each when it was pushed, and a device that has never synced knows no key but those
the same hub would hand it with the changes (docs/hub-protocol.md).  Any trouble with the
file — gone from the hub, damaged, of another schema — falls back to the snapshot of
changes or to pages, which check every change as always.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

from desktop.fsio import file_sha256
from desktop.ledger.adopt import NotReady, check_ready
from desktop.records import KINDS
from sync.client.blobs import add_digests, is_sha256
from sync.client.errors import NotAHub, ProtocolError
from sync.client.ranged import fetch_to
from sync.client.results import PullResult
from sync.client.settings import MISSING_BLOBS, PULL_CURSOR, PUSH_CURSOR, SNAPSHOT_STATE
from sync.client.transport import Cancelled, Progress, check_cancelled
from sync.signatures import KeyBook

log = logging.getLogger(__name__)


def offer_of(transport, cancelled: Cancelled | None) -> dict | None:
    """The hub's ready ledger for this device, or None (a hub of an earlier version, or one
    that offers none because this device has sent changes of its own)."""
    try:
        answer = transport.request("GET", "/v1/snapshot/ledger", cancelled=cancelled)
    except NotAHub:
        return None
    offer = answer.get("ready") if isinstance(answer, dict) else None
    if offer is None:
        return None
    ok = (isinstance(offer, dict) and isinstance(offer.get("id"), str) and is_sha256(offer.get("sha256"))
          and all(isinstance(offer.get(k), int) and offer[k] >= 0 for k in ("cursor", "count", "size"))
          and isinstance(offer.get("keys"), dict))
    if not ok:
        raise ProtocolError(detail="snapshot/ledger: offer")
    return offer


class ReadyAdopter:
    """Fetching and adopting a ready ledger (a part of :class:`SyncClient`)."""

    def ready_files(self) -> tuple[Path, Path]:
        base = str(self.ledger.path)
        return Path(base + ".ready.gz"), Path(base + ".ready")

    def _adopt_ready(self, state: dict, result: PullResult, progress: Progress | None,
                     cancelled: Cancelled | None) -> bool:
        """Download, check and adopt the ready ledger *state* names; False when it cannot be
        used (the state is then cleared: the caller takes the other way)."""
        ledger, offer = self.ledger, state["ready"]
        packed, plain = self.ready_files()
        try:
            if not state.get("downloaded"):
                result.snapshot_bytes += fetch_to(self.transport, f"/v1/snapshot/ledger/{offer['id']}", packed,
                                                  accept="application/gzip, application/json", progress=progress,
                                                  cancelled=cancelled, chunk=self.SNAPSHOT_CHUNK)
                if packed.stat().st_size != offer["size"] or file_sha256(packed) != offer["sha256"]:
                    raise NotReady(detail="its SHA-256 differs from the hub's")
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(dict(state, downloaded=True)))
            check_cancelled(cancelled)
            with gzip.open(packed, "rb") as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            check_ready(plain, ledger.scope)
            self._take_up(plain, offer, result)
        except (NotAHub, NotReady, OSError, EOFError, gzip.BadGzipFile) as exc:
            log.warning("ready ledger not used: %s", exc)
            ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
            return False
        finally:
            plain.unlink(missing_ok=True)
        packed.unlink(missing_ok=True)
        result.snapshot = True
        return True

    def _take_up(self, plain: Path, offer: dict, result: PullResult) -> None:
        ledger = self.ledger
        nothing_pending = ledger.pending_changes() == 0

        def also() -> None:  # in the adopting transaction
            ledger.set_meta(PULL_CURSOR, str(offer["cursor"]))
            ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
            KeyBook(ledger, offer["keys"]).adopt_offered()
            wanted = [r[0] for r in ledger.conn.execute(f"SELECT DISTINCT sha256 FROM {KINDS['attachment'].table} "
                                                        "WHERE deleted = 0")
                      if is_sha256(r[0]) and not ledger.has_blob(r[0])]
            if wanted:
                add_digests(ledger, MISSING_BLOBS, wanted)
            if nothing_pending:  # what came from the hub need not go back to it
                ledger.set_meta(PUSH_CURSOR, str(ledger.last_seq()))

        applied = ledger.adopt_ready(plain, also=also)
        result.received += offer["count"]
        result.applied += applied
        result.pages += 1
        self.transport.stats.raw_received += plain.stat().st_size
