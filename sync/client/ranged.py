"""A download into a file that resumes where the file ends: each attempt asks the hub with
``Range: bytes=N-`` for only the bytes the file lacks (the snapshot file of a first sync,
attachment contents)."""

from __future__ import annotations

import os
from pathlib import Path

import requests
import urllib3

from desktop import fsio

from sync.client.errors import HubRefused
from sync.client.transport import Cancelled, Progress, Transport, check_cancelled

#: bytes of a download written to disk at a time
CHUNK = 256 * 1024


def total_length(resp: requests.Response) -> int | None:
    """The whole file's size: from Content-Range of a 206, else Content-Length."""
    rng = resp.headers.get("Content-Range", "")
    if resp.status_code == 206 and "/" in rng and rng.rsplit("/", 1)[1].isdigit():
        return int(rng.rsplit("/", 1)[1])
    length = resp.headers.get("Content-Length", "")
    return int(length) if resp.status_code == 200 and length.isdigit() else None


def arriving(resp: requests.Response, size: int):
    """The answer's bytes as they arrive, at most *size* at a time: unlike ``iter_content``,
    which waits for a whole chunk, a line cut loses nothing that had arrived."""
    try:
        while piece := resp.raw.read1(size, decode_content=True):
            yield piece
    except urllib3.exceptions.HTTPError as exc:  # cut, ended early, timed out: retried
        raise requests.exceptions.ChunkedEncodingError(str(exc)) from None


def fetch_to(transport: Transport, path: str, file: Path, *, accept: str, params: dict | None = None,
             progress: Progress | None = None, cancelled: Cancelled | None = None, chunk: int = CHUNK) -> int:
    """GET *path* into *file*, continuing what an earlier attempt (or sync) left there; the
    bytes received.  A file longer than the hub's (416) is fetched afresh; one that ends
    early counts as a cut line (retried)."""
    got = 0

    def missing() -> dict:
        have = file.stat().st_size if file.exists() else 0
        # identity: the ranges count bytes of the file itself, not of a compressed answer
        return {"Accept": accept, "Accept-Encoding": "identity", **({"Range": f"bytes={have}-"} if have else {})}

    def store(resp: requests.Response) -> None:
        nonlocal got
        total = total_length(resp)
        resumed = resp.status_code == 206
        on_disk = file.stat().st_size if resumed else 0
        with fsio.private_files(), open(file, "ab" if resumed else "wb") as fh:
            for piece in arriving(resp, chunk):
                check_cancelled(cancelled)
                fh.write(piece)
                got += len(piece)
                on_disk += len(piece)
                if progress:  # the download's share: bytes of the file
                    progress(on_disk, total or 0)
            fh.flush()
            os.fsync(fh.fileno())
        if total is not None and file.stat().st_size != total:
            raise requests.exceptions.ChunkedEncodingError("the download ended early")

    def fetch() -> None:
        transport.request("GET", path, params=params, cancelled=cancelled, extra_headers=missing, stream_to=store)

    try:
        fetch()
    except HubRefused as exc:
        if exc.params.get("status") != 416 or not file.exists():
            raise
        file.unlink()  # more on disk than the hub's file: start afresh
        fetch()
    return got
