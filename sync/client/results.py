"""What a push, a pull and a whole sync did, and what travelled on the wire."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ledger.changes import Change


@dataclass
class Exchanged:
    """What became of the changes of one direction: taken, already there, refused."""

    applied: int = 0
    duplicate: int = 0
    rejected: int = 0


@dataclass
class PushResult(Exchanged):
    sent: int = 0
    #: changes not sent: published downward by a level above (the hub already has them)
    skipped: int = 0
    batches: int = 0
    #: the refused changes of this push: (change, reason)
    refused: list[tuple[Change, str]] = field(default_factory=list)
    #: attachment contents uploaded, and those the hub already had
    blobs_uploaded: int = 0
    blobs_present: int = 0
    #: attachment contents too large for the hub (sha256)
    blobs_too_large: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        """Changes the hub now holds from this push: taken, or already there.  What a person
        is told was sent — ``sent`` also counts the refused ones and those sent twice."""
        return self.applied + self.duplicate


@dataclass
class PullResult(Exchanged):
    received: int = 0
    conflicts: int = 0
    flagged_future: int = 0
    pages: int = 0
    #: whether the first sync came as a snapshot, and its bytes downloaded in this run
    snapshot: bool = False
    snapshot_bytes: int = 0
    #: attachment contents downloaded; those the hub did not have (still in "sync_missing_blobs")
    blobs_downloaded: int = 0
    blobs_missing: list[str] = field(default_factory=list)


@dataclass
class SyncResult:
    push: PushResult
    pull: PullResult
    clock_skew_ms: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Everything was pushed (nothing refused) and pulled."""
        return self.push.rejected == 0


@dataclass
class TransferStats:
    requests: int = 0
    retries: int = 0
    #: bytes of request bodies as sent (gzip) and their JSON size before compression
    bytes_sent: int = 0
    raw_sent: int = 0
    #: bytes of answers as received on the wire and their decoded size
    bytes_received: int = 0
    raw_received: int = 0
