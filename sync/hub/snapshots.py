"""First-sync snapshot files: written to disk once, served from there with ranges.

A snapshot is everything a device receives up to a cursor, as one gzip'd NDJSON
file: a header ``{"snapshot", "cursor", "count", "schema"}``, one change per line in
hub order, a footer ``{"end": count}``.  The same (device, cursor) always gives the
same bytes: changes up to the cursor never change once committed, they are written
in seq order, and the gzip header carries no time.  So a download cut off half-way
resumes with an HTTP range, even after the hub restarted and wrote the file anew.

Files are written page by page (a bounded number of changes in memory, a read
connection checked out per page) and served in chunks, so neither the size of a
scope nor the number of devices downloading at once grows the hub's memory.  The
newest few files are kept; the folder is emptied when the hub starts, so a file
never outlives the ledger it was read from.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import zlib
from pathlib import Path
from typing import Iterator

from desktop.fsio import PART, atomic_path
from desktop.ledger import migrations
from sync.hub.keys import origin_keys
from sync.hub.pool import ReaderPool
from sync.hub.settings import SNAPSHOT_PAGE
from sync.hub.store import Device

#: bytes read from a snapshot file per chunk of the answer
CHUNK = 64 * 1024
SUFFIX = ".ndjson.gz"


def wire_line(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class SnapshotFiles:
    """The snapshot files of one hub, in *folder*."""

    def __init__(self, folder: Path, pool: ReaderPool, kept: int, writers: int = 2) -> None:
        self.folder, self.pool, self.kept = folder, pool, kept
        self._writers = threading.Semaphore(writers)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():  # another ledger's, or half-written when the hub stopped
            if old.name.endswith((SUFFIX, SUFFIX + PART)):
                with contextlib.suppress(OSError):
                    old.unlink()
        #: one lock per stripe of keys, so a file is written once however many ask at once
        self._locks = [threading.Lock() for _ in range(64)]

    def path(self, device: Device, upto: int) -> Path:
        return self.folder / f"{device.device_id}-{device.scope or 'all'}-{upto}{SUFFIX}"

    def file(self, device: Device, upto: int) -> Path:
        """The snapshot file of *device* up to seq *upto*, written if it is not there."""
        path = self.path(device, upto)
        with self._locks[hash(path.name) % len(self._locks)]:
            if path.exists():
                with contextlib.suppress(OSError):
                    os.utime(path)  # recently used: kept longer
                return path
            with self._writers, atomic_path(path) as tmp, open(tmp, "wb") as fh:
                for piece in self._pieces(device, upto):
                    fh.write(piece)
        self._evict(path)
        return path

    def _pieces(self, device: Device, upto: int) -> Iterator[bytes]:
        with self.pool.reading() as reader:
            count = reader.ledger.count_changes_for(device.scope, upto, exclude_origin=device.device_id)
            # the signing keys of the origins in the file (docs/hub-protocol.md)
            keys = origin_keys(reader.store.conn, reader.ledger.origins_for(device.scope, upto,
                                                                              exclude_origin=device.device_id))
        packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        yield packer.compress(wire_line({"snapshot": 1, "cursor": upto, "count": count,
                                         "schema": migrations.CURRENT_VERSION, "keys": dict(sorted(keys.items()))}))
        cursor, written, more = 0, 0, True
        while more:
            with self.pool.reading() as reader:  # one page at a time: others read in between
                changes, cursor, more = reader.ledger.changes_for(
                    cursor, device.scope, limit=SNAPSHOT_PAGE, exclude_origin=device.device_id, upto=upto)
            yield packer.compress(b"".join(wire_line(c.to_wire()) for c in changes))
            written += len(changes)
        if written != count:  # pragma: no cover - the change log only grows
            raise RuntimeError(f"snapshot: {written} changes written, {count} counted")
        yield packer.compress(wire_line({"end": count}))
        yield packer.flush()

    def _evict(self, keep: Path) -> None:
        evict_oldest(self.folder, SUFFIX, self.kept, keep)


def evict_oldest(folder: Path, suffix: str, kept: int, keep: Path, beside=lambda f: ()) -> None:
    """Remove the files ending in *suffix* in *folder* but the *kept* newest and *keep*,
    with the files ``beside(file)`` names."""
    files = []
    for f in folder.glob("*" + suffix):
        with contextlib.suppress(OSError):
            files.append((f.stat().st_mtime, f))
    files.sort(reverse=True)
    for _, f in files[kept:]:
        if f != keep:
            with contextlib.suppress(OSError):  # being served on Windows: kept until next time
                for other in beside(f):
                    other.unlink(missing_ok=True)
                f.unlink()


def chunks(fh, start: int) -> Iterator[bytes]:
    """The bytes of an open file from *start*, a chunk at a time; closes the file."""
    try:
        fh.seek(start)
        while piece := fh.read(CHUNK):
            yield piece
    finally:
        fh.close()
