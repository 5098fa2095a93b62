"""The hub service: its ledger, its tables, and how requests share them.

:class:`Hub` holds the hub's ledger (scope "", created on first start): a file with
its instance lock for the life of the process, or a PostgreSQL database
(:mod:`sync.hub.postgres`) that several hub processes share.  Reads (authentication, pulls, the
device list, attachment downloads, snapshot pages) check a read-only connection out
of a bounded pool (:mod:`sync.hub.pool`) for as long as they read; writes (pushes,
enrollments, attachment uploads) go through the group-commit writer
(:mod:`sync.hub.writer`) on the one writing connection.  A device's "last contact" and
pull cursor join those writes in a file; on PostgreSQL they are one statement on a read
connection (:meth:`Hub.contact`).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from desktop.ledger import Ledger
from sync.hub.dialect import is_database_url
from sync.hub.errors import SUCCEEDED, UNAUTHORIZED, HubError
from sync.hub.pool import Reader, ReaderPool
from sync.hub.ratelimit import RateLimiter
from sync.hub.settings import TOUCH_EVERY, HubSettings
from sync.hub.ready import ReadyLedgers
from sync.hub.snapshots import SnapshotFiles
from sync.hub.store import Device, HubStore, NotAHub
from sync.hub.uploads import PartialUploads
from sync.hub.writer import GroupWriter


def open_hub_ledger(path: Path) -> Ledger:
    """The hub's ledger at *path* (created, scope "", when there is none); locked."""
    if path.exists() and path.stat().st_size > 0:
        ledger = Ledger.open(path)
    else:
        ledger = Ledger.new(path, scope="", operator="hub")
    if ledger.scope != "":
        scope = ledger.scope
        ledger.close()
        raise NotAHub(path=str(path), scope=scope)
    return ledger


class Hub:
    """The hub ledger, its device tables, the writer and the pool of readers."""

    def __init__(self, db_path: Path | str, settings: HubSettings | None = None) -> None:
        self.settings = settings or HubSettings()
        self._own_folder: Path | None = None
        self._own_uploads: Path | None = None
        if is_database_url(db_path):
            from sync.hub import postgres

            self.ledger = postgres.open_hub_ledger(str(db_path))
        else:
            self.ledger = open_hub_ledger(Path(db_path))
        try:
            self.store = HubStore(self.ledger)  # brings the hub's tables up to date
            if self.ledger.path is None:
                self.pool = postgres.PgReaderPool(str(db_path), self.settings.readers, self.settings.reader_wait)
            else:
                self.pool = ReaderPool(self.ledger.reader, self.settings.readers, self.settings.reader_wait)
        except BaseException:
            self.ledger.close()
            raise
        self.writer = GroupWriter(self.ledger)
        self.snapshots = SnapshotFiles(self._snapshot_folder(), self.pool, self.settings.snapshots_kept,
                                       self.settings.snapshot_writers)
        self.ready = ReadyLedgers(self.snapshots.folder / "ready", self.pool, self.settings.snapshots_kept)
        self.uploads = PartialUploads(self._upload_folder(), self.settings.upload_expiry)
        #: enrollment attempts per client address (in this process; docs/hub-protocol.md)
        self.enroll_limiter = RateLimiter(self.settings.enroll_rate)
        self._touched: dict[str, float] = {}
        self._touch_lock = threading.Lock()

    def _snapshot_folder(self) -> Path:
        """``--data-dir``, or beside the ledger file, or (a database) a folder of this
        process's own, removed when it stops: snapshot files are a cache of the change log,
        the same bytes whichever process writes them."""
        if self.settings.snapshot_dir is not None:
            return self.settings.snapshot_dir
        if self.ledger.path is not None:
            return Path(str(self.ledger.path) + ".snapshots")
        self._own_folder = Path(tempfile.mkdtemp(prefix="township-hub-snapshots-"))
        return self._own_folder

    def _upload_folder(self) -> Path:
        """Where unfinished attachment uploads wait: as configured, or beside the ledger file,
        or (a database) a folder of this process's own, removed when it stops — an upload cut
        and resumed through another process then starts again from its first byte there
        (docs/hub-operations.md: a sticky reverse proxy keeps a device on one process)."""
        if self.settings.upload_dir is not None:
            return self.settings.upload_dir
        if self.ledger.path is not None:
            return Path(str(self.ledger.path) + ".uploads")
        self._own_uploads = Path(tempfile.mkdtemp(prefix="township-hub-uploads-"))
        return self._own_uploads

    @property
    def lock(self) -> threading.Lock:
        """Held while a group of writes runs."""
        return self.writer.lock

    def close(self) -> None:
        with self.writer.lock:
            self.writer.closed = True
            self.pool.close()
            if self.ledger.conn is not None:
                self.ledger.close()
            for own in (self._own_folder, self._own_uploads):
                if own is not None:
                    shutil.rmtree(own, ignore_errors=True)

    def reading(self) -> contextlib.AbstractContextManager[Reader]:
        """A read-only connection for the block (``with hub.reading() as r: r.ledger…``)."""
        return self.pool.reading()

    def write(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn()`` (which uses ``self.ledger`` / ``self.store``) in a committed write
        transaction; return its result or raise its exception."""
        return self.writer.write(fn)

    # ----------------------------------------------------------------- devices
    def authenticate(self, token: str | None, skew_s: int | None = None, *, touch: bool = True) -> Device:
        """The device holding *token* (401 for none); its "last contact" (and its clock's
        *skew_s*, when the call said its time) is written once a minute at most — unless
        *touch* is False: the caller writes it with what the call itself writes (a push, a
        pull) or calls :meth:`touch`."""
        if not token:
            raise HubError(401, UNAUTHORIZED, "This call needs a device token (Authorization: Bearer <token>).",
                           {"WWW-Authenticate": "Bearer"})
        with self.reading() as reader:
            device = reader.store.device_for_token(token)
        if device is None:
            with self.reading() as reader:
                former = reader.store.device_for_any_token(token)
            if former is not None and former.succeeded_by:  # the token of a copy, or of a restored ledger's past
                raise HubError(401, SUCCEEDED, f"This device's identity has passed to the device "
                               f"{former.succeeded_by}; this token is no longer valid.",
                               {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                               {"device_id": former.device_id, "succeeded_by": former.succeeded_by})
            raise HubError(401, UNAUTHORIZED, "The device token is unknown or has been revoked.",
                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if touch:
            self.touch(device, skew_s)
        return device

    def touch(self, device: Device, skew_s: int | None) -> None:
        """Write the device's "last contact" (and its clock's *skew_s*) when a minute has passed
        since it was last written."""
        if self.contact_due(device.device_id):
            self.contact(lambda store: store.touch(device.device_id, skew_s))

    def contact_due(self, device_id: str) -> bool:
        """Whether the device's "last contact" is due to be written (once a minute at most);
        when it is, it counts as written from now."""
        now = time.monotonic()
        with self._touch_lock:
            due = now - self._touched.get(device_id, -TOUCH_EVERY) >= TOUCH_EVERY
            if due:
                self._touched[device_id] = now
        return due

    def contacted(self, device_id: str) -> None:
        """The device's "last contact" was written now (with a push or a pull cursor)."""
        with self._touch_lock:
            self._touched[device_id] = time.monotonic()

    def forget_touch(self, device_id: str) -> None:
        with self._touch_lock:
            self._touched.pop(device_id, None)

    def contact(self, fn: Callable[[HubStore], Any]) -> Any:
        """Run ``fn(store)``, a write of one statement to the device table (a device's last
        contact, its pull cursor).  On PostgreSQL it runs on a read connection outside any
        transaction — one round trip, without waiting for the write lock that orders the
        change log; in a ledger file it joins the next group of writes."""
        if self.ledger.path is None:
            with self.reading() as reader:
                return fn(reader.store)
        return self.write(lambda: fn(self.store))

    def last_seq(self) -> int:
        with self.reading() as reader:
            return reader.ledger.last_seq()

    def pages(self, device: Device, cursor: int, limit: int, chunk: int) -> Iterator[tuple[list, int, bool]]:
        """A pull's changes after *cursor* (at most *limit*), read *chunk* at a time on a
        connection checked out per chunk.  Yields (changes, cursor, more); the last
        yield's cursor and more are the page's.  The page ends at the change log's
        last seq when it starts, so later chunks see exactly what the first saw."""
        with self.reading() as reader:
            high = reader.ledger.last_seq()
        left = limit
        while True:
            with self.reading() as reader:
                changes, cursor, more = reader.ledger.changes_for(
                    cursor, device.scope, limit=min(chunk, left), exclude_origin=device.device_id, upto=high)
            left -= len(changes)
            done = not more or left <= 0
            yield changes, cursor, more if done else True
            if done:
                return
