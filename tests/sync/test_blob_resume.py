"""A transfer of an attachment's content cut off half-way resumes without resending what
arrived, against a REAL hub process and through the weak-link proxy of the benchmarks
(``benchmarks/weaklink.py``), which counts every byte it carries and cuts the connection
after a given number of them.  See docs/hub-protocol.md ("Attachment contents")."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest
import requests

from desktop.ledger import Ledger
from sync.client import SyncClient, SyncSettings, enroll
from sync.client.settings import load_settings
from conftest import PROJECT, start_hub, stop

sys.path.insert(0, str(PROJECT / "benchmarks"))
from weaklink import WeakLink  # noqa: E402


T1 = "130111200"
COUNTY = "130111"
SIZE = 200_000
#: what a few requests' headers and JSON answers take on the wire, at most
OVERHEAD = 6_000


@pytest.fixture
def hub(tmp_path):
    """A hub on a ledger file: these tests look at the partial files beside it and read its blob
    table directly (a database hub keeps its partials in a folder of the process's own; the code
    is the same, sync/hub/uploads.py)."""
    process = start_hub(tmp_path)
    yield process
    stop(process.proc)
    assert "Traceback" not in process.log.read_text(encoding="utf-8")


def fast() -> SyncSettings:
    return SyncSettings(connect_timeout=3, read_timeout=30, retries=4, backoff_base=0.05, backoff_cap=0.2)


@pytest.fixture
def link(hub):
    """The weak link in front of the hub: fast enough for a test, but paced, so a cut falls
    in the middle of a transfer."""
    port = int(hub.url.rsplit(":", 1)[1])
    weak = WeakLink(("127.0.0.1", port), kbit_per_s=8000, delay_ms=5).start()
    yield weak
    weak.stop()


@pytest.fixture
def device(tmp_path, hub, link):
    """``device(scope, name)``: a ledger enrolled with the hub through the weak link."""
    opened: list[Ledger] = []

    def make(scope: str, name: str) -> Ledger:
        ledger = Ledger.new(tmp_path / f"{name}.sqlite", scope=scope, operator=name)
        opened.append(ledger)
        enroll(ledger, f"http://127.0.0.1:{link.port}", hub.new_code(scope, name), name=name, settings=fast())
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


def token(ledger: Ledger) -> str:
    return load_settings(ledger).token


def hub_blob(db: Path, digest: str) -> bytes | None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT data FROM blob WHERE sha256=?", (digest,)).fetchone()
    finally:
        conn.close()
    return None if row is None else bytes(row[0])


def with_photo(ledger: Ledger, data: bytes) -> str:
    org = ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=T1)
    ledger.attach("organisation", org, "活动照片.jpg", data, "image/jpeg")
    return hashlib.sha256(data).hexdigest()


def bytes_up(link: WeakLink, fn) -> int:
    before = link.stats().up
    fn()
    return link.stats().up - before


def patch(hub, tok: str, digest: str, body: bytes, offset: int, length: int) -> requests.Response:
    return requests.patch(f"{hub.url}/v1/blobs/{digest}/upload", data=body, timeout=30, headers={
        "Authorization": f"Bearer {tok}", "Upload-Offset": str(offset), "Upload-Length": str(length)})


def upload_state(hub, tok: str, digest: str) -> dict:
    r = requests.get(f"{hub.url}/v1/blobs/{digest}/upload", headers={"Authorization": f"Bearer {tok}"}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def partials(hub) -> list[Path]:
    return sorted(Path(str(hub.db) + ".uploads").glob("*.part"))


# ============================================================================ uploads
def test_the_second_attempt_carries_only_the_remainder(hub, link, device):
    t1 = device(T1, "南高乡")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    client = SyncClient(t1)
    client.push()
    start = link.stats()
    link.cut_after(start.up + start.down + SIZE // 3)
    up = bytes_up(link, client.upload_blobs)
    assert link.stats().cuts == 1 and client.transport.stats.retries >= 1
    assert hub_blob(hub.db, digest) == photo and partials(hub) == []
    # without resuming, the photo's first third would travel twice (SIZE + SIZE // 3)
    assert SIZE <= up < SIZE + OVERHEAD, up


def test_an_upload_started_by_an_earlier_sync_is_finished_from_where_it_stopped(hub, link, device):
    t1 = device(T1, "南高乡")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    client = SyncClient(t1)
    client.push()
    half = SIZE // 2
    r = patch(hub, token(t1), digest, photo[:half], 0, SIZE)  # an earlier attempt, cut after half
    assert r.status_code == 200 and r.json() == {"sha256": digest, "offset": half, "complete": False}
    assert r.headers["Upload-Offset"] == str(half)
    assert upload_state(hub, token(t1), digest) == {"sha256": digest, "offset": half, "complete": False}
    assert len(partials(hub)) == 1

    up = bytes_up(link, lambda: client.upload_blobs())
    assert hub_blob(hub.db, digest) == photo and partials(hub) == []
    assert SIZE - half <= up < SIZE - half + OVERHEAD, up
    # the partial is this device's own: another device asking about the content starts at 0
    other = hub.enroll("0123456789abcdef", T1)
    assert upload_state(hub, other, digest) == {"sha256": digest, "offset": 0, "complete": True}


def test_a_content_the_hub_has_is_not_sent_again(hub, link, device):
    t1, t2 = device(T1, "南高乡"), device(T1, "南高乡二")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    SyncClient(t1).sync()
    with_photo(t2, photo)
    client = SyncClient(t2)
    client.push()
    up = bytes_up(link, lambda: client.upload_blobs())
    assert up < OVERHEAD
    # and a resumable upload of it reads nothing: the hub says it is complete
    r = patch(hub, token(t2), digest, photo, 0, SIZE)
    assert r.status_code == 200 and r.json()["complete"] is True
    assert partials(hub) == []


def test_a_hub_without_resumable_uploads_gets_the_whole_content(hub, link, device):
    t1 = device(T1, "南高乡")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    client = SyncClient(t1)
    client.push()
    asked = client.transport.request

    def earlier_hub(method, path, **kw):  # a path this hub does not know: its 404, as an earlier hub answers
        return asked(method, path.replace("/upload", "/upload-unknown"), **kw)

    client.transport.request = earlier_hub
    up = bytes_up(link, client.upload_blobs)
    assert hub_blob(hub.db, digest) == photo and partials(hub) == []
    assert SIZE <= up < SIZE + OVERHEAD, up


def test_wrong_bytes_are_refused_and_the_partial_discarded(hub, link, device):
    t1 = device(T1, "南高乡")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    tok = token(t1)
    half = SIZE // 2
    assert patch(hub, tok, digest, photo[:half], 0, SIZE).status_code == 200
    # an offset the hub does not hold: 409 naming the hub's, nothing read
    r = patch(hub, tok, digest, photo[half + 10:], half + 10, SIZE)
    assert r.status_code == 409 and r.json()["error"] == "offset_mismatch"
    assert r.json()["params"] == {"offset": half} and r.headers["Upload-Offset"] == str(half)
    # the rest, damaged: the whole is checked at the end, refused, and the partial goes
    damaged = bytearray(photo[half:])
    damaged[1000] ^= 0xFF
    r = patch(hub, tok, digest, bytes(damaged), half, SIZE)
    assert r.status_code == 422 and r.json()["error"] == "invalid"
    assert hub_blob(hub.db, digest) is None and partials(hub) == []
    assert upload_state(hub, tok, digest)["offset"] == 0
    # more bytes than the declared length: refused, discarded
    r = patch(hub, tok, digest, photo + b"x", 0, SIZE)
    assert r.status_code == 422 and partials(hub) == []
    # a declared length over the limit: 413 before a byte is read
    assert patch(hub, tok, digest, b"", 0, 50 * 1024 * 1024 + 1).status_code == 413
    # a partial longer than a declared length is of no use: dropped, and that upload starts at 0
    assert patch(hub, tok, digest, photo[:half], 0, SIZE).json()["offset"] == half
    r = patch(hub, tok, digest, photo[:1000], 0, half - 1)
    assert r.status_code == 200 and r.json()["offset"] == 1000
    # the client's own upload then goes through (on from those 1,000 bytes)
    client = SyncClient(t1)
    client.push()
    assert client.upload_blobs().blobs_uploaded == 1 and hub_blob(hub.db, digest) == photo


def test_a_gzipped_remainder_is_inflated_onto_the_partial(hub, link, device):
    import gzip

    t1 = device(T1, "南高乡")
    minutes = ("会议记录：健全班子。\n" * 20000).encode()
    digest = hashlib.sha256(minutes).hexdigest()
    tok = token(t1)
    cut = len(minutes) // 3
    assert patch(hub, tok, digest, minutes[:cut], 0, len(minutes)).json()["offset"] == cut
    r = requests.patch(f"{hub.url}/v1/blobs/{digest}/upload", data=gzip.compress(minutes[cut:]), timeout=30,
                       headers={"Authorization": f"Bearer {tok}", "Upload-Offset": str(cut),
                                "Upload-Length": str(len(minutes)), "Content-Encoding": "gzip"})
    assert r.status_code == 201 and r.json() == {"sha256": digest, "offset": len(minutes), "complete": True}
    assert hub_blob(hub.db, digest) == minutes


def test_partials_are_deleted_once_expired(tmp_path):
    hub = start_hub(tmp_path, "--upload-hours", "0.0004")  # 1.44 s
    try:
        tok = hub.enroll("00000000000000aa", T1)
        first, second = os.urandom(5000), os.urandom(5000)
        d1, d2 = hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()
        assert patch(hub, tok, d1, first[:2000], 0, 5000).json()["offset"] == 2000
        assert len(partials(hub)) == 1
        time.sleep(2)
        # an upload starting sweeps the expired partials of every content and device
        assert patch(hub, tok, d2, second[:1000], 0, 5000).json()["offset"] == 1000
        assert [p.name.split("-")[0] for p in partials(hub)] == [d2]
        time.sleep(2)
        # asked about, an expired partial is gone: the upload starts again from 0
        assert upload_state(hub, tok, d2) == {"sha256": d2, "offset": 0, "complete": False}
        assert partials(hub) == []
    finally:
        stop(hub.proc)
    assert "Traceback" not in hub.log.read_text(encoding="utf-8")


def test_partials_outlive_a_restart_of_the_hub(tmp_path):
    hub = start_hub(tmp_path)
    tok = hub.enroll("00000000000000bb", T1)
    data = os.urandom(4000)
    digest = hashlib.sha256(data).hexdigest()
    try:
        assert patch(hub, tok, digest, data[:1500], 0, 4000).json()["offset"] == 1500
    finally:
        stop(hub.proc)
    hub = start_hub(tmp_path)
    try:
        assert upload_state(hub, tok, digest)["offset"] == 1500
        assert patch(hub, tok, digest, data[1500:], 1500, 4000).status_code == 201
        assert hub_blob(hub.db, digest) == data
    finally:
        stop(hub.proc)


# ============================================================================ downloads
def test_a_download_cut_half_way_resumes_with_a_range(hub, link, device):
    t1, county = device(T1, "南高乡"), device(COUNTY, "栾城区")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    SyncClient(t1).sync()
    client = SyncClient(county)
    client.pull()
    start = link.stats()
    link.cut_after(start.up + start.down + SIZE // 2)
    before = link.stats().down
    result = client.download_blobs()
    down = link.stats().down - before
    assert link.stats().cuts == 1 and result.blobs_downloaded == 1
    assert county.blob(digest) == photo
    assert SIZE <= down < SIZE + OVERHEAD, down
    assert not client.download_folder().exists()  # the partial file is gone with the folder


def test_the_hub_serves_a_range_of_a_content(hub, link, device):
    t1 = device(T1, "南高乡")
    photo = os.urandom(SIZE)
    digest = with_photo(t1, photo)
    SyncClient(t1).sync()
    auth = {"Authorization": f"Bearer {token(t1)}", "Accept-Encoding": "identity"}
    r = requests.get(f"{hub.url}/v1/blobs/{digest}", headers={**auth, "Range": "bytes=1000-"}, timeout=30)
    assert r.status_code == 206 and r.content == photo[1000:]
    assert r.headers["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    whole = requests.get(f"{hub.url}/v1/blobs/{digest}", headers=auth, timeout=30)
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes" and whole.content == photo
    for bad in (f"bytes={SIZE}-", "bytes=0-10", "items=0-"):
        r = requests.get(f"{hub.url}/v1/blobs/{digest}", headers={**auth, "Range": bad}, timeout=30)
        assert r.status_code == 416 and r.headers["Content-Range"] == f"bytes */{SIZE}", bad


@pytest.mark.slow  # waits out the hub's 30 s of silence
def test_a_line_gone_silent_gives_up_its_upload_for_the_next_attempt(hub):
    import socket

    tok = hub.enroll("00000000000000cc", T1)
    data = os.urandom(4000)
    digest = hashlib.sha256(data).hexdigest()
    host, port = hub.url.removeprefix("http://").split(":")
    dead = socket.create_connection((host, int(port)))  # sends half, then neither a byte nor a FIN
    try:
        dead.sendall((f"PATCH /v1/blobs/{digest}/upload HTTP/1.1\r\nHost: {host}\r\n"
                      f"Authorization: Bearer {tok}\r\nUpload-Offset: 0\r\nUpload-Length: 4000\r\n"
                      f"Content-Length: 4000\r\n\r\n").encode() + data[:1500])
        time.sleep(1)
        started = time.monotonic()
        assert upload_state(hub, tok, digest)["offset"] == 1500  # waits for the silent request to give up
        assert time.monotonic() - started < 40
        assert patch(hub, tok, digest, data[1500:], 1500, 4000).status_code == 201
        assert hub_blob(hub.db, digest) == data
    finally:
        dead.close()
