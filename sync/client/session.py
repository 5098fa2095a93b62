"""``SyncClient``: one ledger's exchange with its hub — push, upload of attachment
contents, pull (or a first snapshot), download of contents, and the hub's device keys."""

from __future__ import annotations

import requests

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from sync.client.blobs import BlobExchange
from sync.client.errors import (CTX, IdentityTakenOver, LedgerCopied, NotEnrolled, ProtocolError, SyncCancelled,
                                SyncError)
from sync.client.pull import Puller
from sync.client.push import Pusher
from sync.client.rejections import refused_summary
from sync.client.results import PushResult, SyncResult, TransferStats
from sync.client.settings import LAST_SYNC, LAST_SYNC_ERROR, SyncSettings, claim_settings, load_settings, now_iso
from sync.client.snapshot import SnapshotFetcher
from sync.client.succession import pending_claim, take_over
from sync.client.transport import Cancelled, Progress, Transport

#: a clock further from the hub's than this is worth a warning
SKEW_WARNING_MS = 5 * 60 * 1000
#: A skew smaller than this is the network's noise, not a wrong clock.
CLOCK_CORRECTION_MIN_MS = 2000

W_AHEAD_MIN = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} minutes ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BEHIND_MIN = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} minutes behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_AHEAD_H = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} hours ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BEHIND_H = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} hours behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BLOB_TOO_LARGE = QT_TRANSLATE_NOOP("sync", "The attached file \"{name}\" is larger than the hub accepts (50 MB); its record was sent, its content was not.")


class SyncClient(Pusher, Puller, SnapshotFetcher, BlobExchange):
    """Push and pull one ledger's changes.  Not thread-safe: one client per worker."""

    def __init__(self, ledger, settings: SyncSettings | None = None, session: requests.Session | None = None) -> None:
        self.ledger = ledger
        self.settings = settings or load_settings(ledger)
        #: a restored or copied ledger's claim on the old device's place, shown at the first sync
        self.claim = pending_claim(ledger)
        if self.claim is not None and not self.settings.enrolled:
            self.settings = claim_settings(self.claim)
        if not self.settings.enrolled:
            raise NotEnrolled()
        self.transport = Transport(self.settings, session, ledger.clock.now_ms)
        self.transport.device_ms = lambda: int(ledger.clock.wall() * 1000)
        self.transport.local_schema = ledger.schema_version

    # ---------------------------------------------------------------- status
    @property
    def clock_skew_ms(self) -> int | None:
        """Hub clock minus this computer's system clock (ms), measured at the last answer; None
        before one.  (The ledger stamps with the clock corrected by this much.)"""
        residual = self.transport.clock_skew_ms
        return None if residual is None else residual + self.ledger.clock.correction_ms

    @property
    def clock_warning(self) -> str | None:
        skew = self.clock_skew_ms
        if skew is None or abs(skew) <= SKEW_WARNING_MS:
            return None
        ahead = skew < 0  # the hub is behind us: our clock runs ahead
        minutes = round(abs(skew) / 60000)
        if minutes < 120:
            return translate(CTX, W_AHEAD_MIN if ahead else W_BEHIND_MIN).format(n=minutes)
        hours = round(abs(skew) / 3600000)
        return translate(CTX, W_AHEAD_H if ahead else W_BEHIND_H).format(n=hours)

    @property
    def stats(self) -> TransferStats:
        return self.transport.stats

    def probe(self, timeout: float = 5.0) -> bool:
        """Is the hub there?  One cheap GET /v1/health, no retries, never raises."""
        try:
            answer = self.transport.request("GET", "/v1/health", auth=False, retries=0,
                                            timeout=(min(timeout, self.settings.connect_timeout), timeout))
        except SyncError:
            return False
        return answer.get("status") == "ok"

    def _correct_clock(self) -> bool:
        """Stamp from now on with this computer's clock corrected by what the hub found it off
        by (the skew is measured against the corrected clock: corrections add up).  A clock that
        ran ahead comes back, and the values it stamped beyond the bound are written again with
        real time; returns True then (they are to be pushed)."""
        skew = self.transport.clock_skew_ms
        if skew is None or abs(skew) <= CLOCK_CORRECTION_MIN_MS:
            return False
        self.ledger.set_clock_correction(self.ledger.clock.correction_ms + skew)
        return self.ledger.repair_clock() > 0

    # ---------------------------------------------------------------- sync
    def sync(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> SyncResult:
        """Push, then pull.  Records "last_sync" on success, "last_sync_error" on failure."""
        ledger = self.ledger
        try:
            self.transport.contacted = False  # a new attempt: fail fast if there is no network
            if ledger.copied_from() == ledger.device_id:  # told once by the hub: no push until it has a new identity
                raise LedgerCopied()
            if self.claim is not None:
                take_over(ledger, transport=self.transport)
                self.claim = None
            push = self.push(progress, cancelled)
            self.upload_blobs(push, progress, cancelled)
            if self._correct_clock():  # what the hub refused as dated ahead goes again, stamped right
                again = self.push(progress, cancelled)
                push.applied += again.applied
                push.duplicate += again.duplicate
                push.sent += again.sent
            pull = self.pull(progress, cancelled)
            self.download_blobs(pull, progress, cancelled)
            self.trust_hub_devices()
        except SyncCancelled:
            raise
        except IdentityTakenOver as exc:  # from now on the ledger says so without asking the hub
            ledger.mark_copied()
            self._record_failure(exc.text())
            raise
        except LedgerError as exc:
            self._record_failure(exc.text())
            raise
        except Exception as exc:  # a bug or the disk: still leave a trace for the GUI
            self._record_failure(f"{type(exc).__name__}: {exc}")
            raise
        with ledger.tx():
            ledger.set_meta(LAST_SYNC, now_iso())
            ledger.set_meta(LAST_SYNC_ERROR, "")
        warnings = [w for w in (self.clock_warning,) if w]
        for digest in push.blobs_too_large:
            rows = ledger.query("attachment", where={"sha256": digest}, limit=1)
            name = rows[0]["filename"] if rows else digest[:12]
            warnings.append(translate(CTX, W_BLOB_TOO_LARGE).format(name=name))
        return SyncResult(push, pull, self.clock_skew_ms, warnings)

    def trust_hub_devices(self) -> int:
        """Take the package keys of the devices the hub lists for this scope, so data
        packages between offices that have been online once need no fingerprint call."""
        from sync import packages

        answer = self.transport.request("GET", "/v1/devices")
        devices = answer.get("devices") if isinstance(answer, dict) else None
        if not isinstance(devices, list):
            raise ProtocolError(detail="devices")
        return packages.trust_hub_devices(self.ledger, devices)

    def _record_failure(self, message: str) -> None:
        try:
            self.ledger.set_meta(LAST_SYNC_ERROR, message)
        except Exception:  # noqa: BLE001 - the original error matters more
            pass

    def refused_summary(self, result: PushResult) -> str | None:
        """One line on what the hub refused in *result*, or None."""
        return refused_summary(result, self.settings.scope)
