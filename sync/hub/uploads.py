"""Unfinished attachment uploads: the bytes of one content received so far from one device.

An upload cut off half-way leaves its bytes in ``<sha256>-<device>.part`` in the hub's upload
folder, so the device resumes where the hub's copy ends instead of sending the whole
content again (``/v1/blobs/{sha256}/upload`` in docs/hub-protocol.md).  A partial is only
ever appended to, by one request at a time (:meth:`PartialUploads.held`); it becomes a
blob once it has all its bytes and their SHA-256 is the one named, and is discarded when
it is not.  Partials survive a restart of the hub (that is when they are wanted) and are
deleted once untouched for longer than the expiry.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
import time
from pathlib import Path
from typing import AsyncIterator, Callable

from sync.hub.errors import HubError

SUFFIX = ".part"
#: seconds a request waits for another request on the same partial to finish
HOLD_WAIT = 45.0
#: seconds without a byte after which an upload stops reading and keeps what it has: a line
#: that died without a word (no FIN, no RST) would otherwise hold its partial for hours
BODY_IDLE = 30.0
#: a sweep of expired partials at most this often (seconds), when uploads start
SWEEP_EVERY = 60.0
_SAFE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def upload_busy() -> HubError:
    return HubError(409, "upload_busy", "Another request is still sending this content; try again shortly.",
                    {"Retry-After": "5"})


class PartialUploads:
    """The unfinished uploads of one hub, in *folder*."""

    def __init__(self, folder: Path, expiry: float, clock: Callable[[], float] = time.time) -> None:
        self.folder, self.expiry, self.clock = folder, expiry, clock
        folder.mkdir(parents=True, exist_ok=True)
        #: one lock per (content, device) in use, with how many requests hold or wait for it
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._swept = 0.0
        self.sweep()

    def path(self, sha256: str, device_id: str) -> Path:
        if not _SAFE.match(device_id):  # device ids are hex; anything else still gets a safe name
            device_id = hashlib.sha256(device_id.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{sha256}-{device_id}{SUFFIX}"

    def offset(self, path: Path) -> int:
        """Bytes held in the partial at *path* (0: none, or it had expired and is gone)."""
        try:
            st = path.stat()
        except OSError:
            return 0
        if self.clock() - st.st_mtime > self.expiry:
            self.discard(path)
            return 0
        return st.st_size

    @staticmethod
    def discard(path: Path) -> None:
        with contextlib.suppress(OSError):  # on Windows, a file still open elsewhere: swept later
            path.unlink()

    def sweep(self) -> int:
        """Delete the partials untouched for longer than the expiry; how many went."""
        self._swept = self.clock()
        gone = 0
        for f in self.folder.glob("*" + SUFFIX):
            with contextlib.suppress(OSError):
                if self._swept - f.stat().st_mtime > self.expiry:
                    f.unlink()
                    gone += 1
        return gone

    def sweep_due(self) -> None:
        """:meth:`sweep`, unless one ran within the last minute."""
        if self.clock() - self._swept >= min(SWEEP_EVERY, self.expiry):
            self.sweep()

    @contextlib.asynccontextmanager
    async def held(self, path: Path) -> AsyncIterator[None]:
        """The partial at *path* for this request alone: a cut request still writing its last
        bytes finishes before the next one reads the offset.  409 ``upload_busy`` when the
        other request does not finish in time."""
        key = path.name
        lock, users = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            try:
                await asyncio.wait_for(lock.acquire(), HOLD_WAIT)
            except asyncio.TimeoutError:
                raise upload_busy() from None
            try:
                yield
            finally:
                lock.release()
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
