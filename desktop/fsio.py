"""Files the user cares about, written whole or not at all.

Every file the program hands to a person — a backup, a workbook, a report, a data package —
is written to ``<name>.part`` beside its final place, flushed to disk, renamed over the final
name and the folder synced: a crash, a full disk or a stick pulled out never leaves a
half-written file under the user's name.  The file is readable by its owner only, since it
holds personal data (a no-op on Windows, where the per-user folders already are private).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from pathlib import Path
from typing import Iterator

#: Suffix of a file being written; readers pass such files over.
PART = ".part"

_umask_lock = threading.Lock()
_private_depth = 0
_saved_umask = 0o022


class TargetInUse(PermissionError):
    """The final file could not be replaced: another program holds it open."""


def part_path(path: Path) -> Path:
    """Where *path* is written before it is renamed into place."""
    return path.with_name(path.name + PART)


def sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; Windows cannot open folders)."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield the temporary path to write *path* through; on leaving the block without an
    error it is synced, made private and renamed over *path*; on an error it is removed.

    A full disk or a place that cannot be written (whoever wrote into the temporary file:
    SQLite, openpyxl, Qt) comes out as one :class:`~desktop.errors.FileNotWritten` naming
    *path*, still an ``OSError``."""
    from desktop.errors import file_fault

    path = Path(path)
    tmp = part_path(path)
    try:
        tmp.unlink(missing_ok=True)
        try:
            with private_files():
                yield tmp
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            make_private(tmp)
            try:
                os.replace(tmp, path)
            except PermissionError as exc:  # Windows: another program (Excel, a virus scanner) has it open
                if os.name == "nt":
                    raise TargetInUse(exc.errno, exc.strerror, str(path)) from None
                raise
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
    except TargetInUse:
        raise
    except OSError as exc:
        fault = file_fault(exc, path)
        if fault is None:
            raise
        raise fault from exc
    sync_folder(path.parent)


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Files created inside the block are readable by their owner only from the start (POSIX:
    the process's umask; a no-op on Windows).  For files another library creates (SQLite's
    ledger and its -wal/-shm, openpyxl's workbook), where no mode can be passed."""
    global _private_depth, _saved_umask
    if os.name != "posix":
        yield
        return
    with _umask_lock:  # the umask is the process's: threads writing at once restore it once, at the end
        if _private_depth == 0:
            _saved_umask = os.umask(0o077)
        _private_depth += 1
    try:
        yield
    finally:
        with _umask_lock:
            _private_depth -= 1
            if _private_depth == 0:
                os.umask(_saved_umask)


def make_private(path: Path) -> None:
    """Readable and writable by the file's owner only (POSIX)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's content (hex), read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while piece := fh.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


#: bytes of a file compressed as one gzip member by :func:`gzip_file`
GZIP_PIECE = 8 << 20


def gzip_file(src: Path, dst: Path, level: int, threads: int | None = None) -> None:
    """Write *src* gzip'd to *dst*, pieces of :data:`GZIP_PIECE` bytes compressed on *threads*
    threads at once (default: the processors, at most 4; zlib leaves the interpreter free while
    it compresses).  Each piece is a gzip member of its own, which every gzip reader reads as
    one stream; the output depends on the bytes and *level* only (no name, no time), and at most
    two pieces per thread are held in memory."""
    import collections
    import concurrent.futures
    import zlib

    def member(piece: bytes) -> bytes:
        packer = zlib.compressobj(level, zlib.DEFLATED, 31)  # 31: a gzip header (time 0, no name)
        return packer.compress(piece) + packer.flush()

    threads = max(1, threads or min(4, os.cpu_count() or 1))
    with open(src, "rb") as fin, open(dst, "wb") as fout, \
            concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="gzip") as pool:
        waiting: collections.deque = collections.deque()
        while piece := fin.read(GZIP_PIECE):
            waiting.append(pool.submit(member, piece))
            if len(waiting) >= 2 * threads:
                fout.write(waiting.popleft().result())
        while waiting:
            fout.write(waiting.popleft().result())
        if fout.tell() == 0:  # an empty file is still one gzip stream
            fout.write(member(b""))
