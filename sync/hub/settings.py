"""The hub's limits (part of the protocol) and its settings (per running hub)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROTOCOL_VERSION = 1
#: Largest request body as sent (compressed or not).
MAX_BODY = 16 * 1024 * 1024
#: Largest request body after gunzip.
MAX_INFLATED = 64 * 1024 * 1024
MAX_CHANGES = 2000
PULL_DEFAULT, PULL_MAX = 2000, 5000
INT64_MAX = 2**63 - 1
#: Largest attachment content (PUT /v1/blobs/{sha256}), as sent and after gunzip.
MAX_BLOB = 50 * 1024 * 1024
#: Seconds an unfinished attachment upload is kept by default (a week: a township may sync
#: again only days later).
UPLOAD_EXPIRY = 7 * 24 * 3600.0
#: Most hashes in one POST /v1/blobs/missing.
MAX_BLOB_QUERY = 1000
SHA256_PATTERN = "^[0-9a-f]{64}$"
#: Changes read (and held in memory) at a time while a snapshot file is written.
SNAPSHOT_PAGE = 500
#: How often a device's "last contact" is written at most (seconds).
TOUCH_EVERY = 60.0
#: Seconds an idle connection is kept open for the client's next call.  uvicorn's default of 5
#: is shorter than the pause a busy device (or a reverse proxy's pooled connection) may leave
#: between two calls: a call sent just as the hub closes the connection finds it reset,
#: unanswered.  Beyond this, a client notices the closed connection before it sends again.
KEEP_ALIVE = 75


@dataclass(frozen=True)
class HubSettings:
    """How one hub process uses its machine (``township-hub serve`` options)."""

    #: read-only connections to the hub ledger at most, shared by all requests (each holds
    #: its own page cache, so a few serve many threads: a read takes milliseconds)
    readers: int = 4
    #: seconds a request waits for a free read connection before it is answered 503
    reader_wait: float = 30.0
    #: worker threads for requests at most (None: anyio's default, 40)
    threads: int | None = None
    #: where first-sync snapshot files are kept (None: ``<ledger>.snapshots`` beside the ledger)
    snapshot_dir: Path | None = None
    #: snapshot files kept on disk for resumed downloads, newest first
    snapshots_kept: int = 32
    #: snapshot files written at once (writing is CPU-bound: more at once only share the
    #: processors, each finishing later, and hold more in memory)
    snapshot_writers: int = 2
    #: enrollment attempts a minute per client address (a token bucket; 429 beyond it)
    enroll_rate: int = 10
    #: where unfinished attachment uploads are kept (None: ``<ledger>.uploads`` beside the ledger)
    upload_dir: Path | None = None
    #: seconds an unfinished attachment upload is kept after its last byte arrived
    upload_expiry: float = UPLOAD_EXPIRY

    def __post_init__(self) -> None:
        if self.readers < 1:
            raise ValueError("the hub needs at least one read connection")
        if self.enroll_rate < 1:
            raise ValueError("the hub must allow at least one enrollment a minute")
        if self.upload_expiry <= 0:
            raise ValueError("unfinished uploads must be kept for some time")
        if self.threads is not None and self.threads < 1:
            raise ValueError("the hub needs at least one worker thread")
