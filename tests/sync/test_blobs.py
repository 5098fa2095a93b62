"""Attachment contents (blobs) travel with their records, against a REAL hub process.

A township attaches evidence to a checklist task and syncs; the county receives the
record and the bytes.  The hub stores contents by their SHA-256, serves them only to
devices whose scope (or an ancestor's) holds an attachment of that content, and
refuses wrong hashes and oversize bodies.  See docs/hub-protocol.md.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os

import pytest
import requests

from desktop.ledger import Ledger
from sync.client import BLOB_UPLOADS, MISSING_BLOBS, SyncCancelled, SyncClient, SyncSettings, enroll, load_settings

COUNTY = "130111"
T1 = "130111200"  # 南高乡
T2 = "130111103"  # 冶河镇
MAX_BLOB = 50 * 1024 * 1024


def fast() -> SyncSettings:
    return SyncSettings(connect_timeout=3, read_timeout=60, retries=3, backoff_base=0.05, backoff_cap=0.2)


@pytest.fixture
def device(tmp_path, hub):
    opened: list[Ledger] = []

    def make(scope: str, name: str) -> Ledger:
        ledger = Ledger.new(tmp_path / f"{name}.sqlite", scope=scope, operator=name)
        opened.append(ledger)
        enroll(ledger, hub.url, hub.new_code(scope, name), name=name, settings=fast())
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


def token(ledger: Ledger) -> str:
    return load_settings(ledger).token


def hub_blob(hub, digest: str) -> bytes | None:
    with hub.ledger() as ledger:
        return ledger.blob(digest) if ledger.has_blob(digest) else None


def task_with_file(ledger: Ledger, code: str, data: bytes, filename: str = "整改照片.jpg") -> tuple[str, str]:
    """A committee, a checklist task and *data* attached to it; the attachment id and sha256."""
    org = ledger.organisations.create(kind="township_committee", name=f"{code}团委", division_code=code)
    task = ledger.checklist_tasks.create(org_id=org, system="organisation", title="健全班子", problem="缺少记录")
    attachment = ledger.attach("checklist_task", task, filename, data, media_type="image/jpeg")
    return attachment, hashlib.sha256(data).hexdigest()


def missing_list(ledger: Ledger) -> list[str]:
    return json.loads(ledger.meta(MISSING_BLOBS) or "[]")


# ============================================================================ the round trip
def test_township_file_reaches_the_county_and_no_other_township(hub, device):
    t1, t2, county = device(T1, "南高乡"), device(T2, "冶河镇"), device(COUNTY, "栾城区")
    photo = os.urandom(200_000)                       # incompressible: sent as it is
    minutes = ("会议记录：健全班子。\n" * 5000).encode()  # compressible: sent gzipped
    attachment, digest = task_with_file(t1, T1, photo)
    task = t1.query("checklist_task")[0]["id"]
    t1.attach("checklist_task", task, "会议记录.txt", minutes, media_type="text/plain")
    minutes_digest = hashlib.sha256(minutes).hexdigest()

    result = SyncClient(t1).sync()
    assert result.push.rejected == 0
    assert result.push.blobs_uploaded == 2 and result.push.blobs_present == 0
    assert hub_blob(hub, digest) == photo and hub_blob(hub, minutes_digest) == minutes
    assert json.loads(t1.meta(BLOB_UPLOADS)) == []

    result = SyncClient(county).sync()
    assert result.pull.blobs_downloaded == 2 and result.pull.blobs_missing == []
    row = county.get("attachment", attachment)
    assert row["sha256"] == digest and row["owner_id"] == task and row["scope"] == T1
    assert county.blob(digest) == photo and county.blob(minutes_digest) == minutes
    assert missing_list(county) == [] and county.meta("last_sync_error") == ""

    # the county may read it (its scope holds the record); another township may not, and
    # its answer is the same as for content the hub does not have at all
    assert hub.get(f"/v1/blobs/{digest}", token=token(county)).content == photo
    other = hub.get(f"/v1/blobs/{digest}", token=token(t2))
    unknown = hub.get(f"/v1/blobs/{'0' * 64}", token=token(t2))
    assert other.status_code == unknown.status_code == 404
    assert other.json()["error"] == unknown.json()["error"] == "not_found"
    assert hub.get(f"/v1/blobs/{digest}").status_code == 401
    # the other township's sync does not get the record, nor ask for its content
    result = SyncClient(t2).sync()
    assert result.pull.blobs_downloaded == 0 and t2.count("attachment") == 0 and not t2.has_blob(digest)

    # a second sync uploads nothing: nothing new to push …
    again = SyncClient(t1)
    result = again.sync()
    assert (result.push.sent, result.push.blobs_uploaded) == (0, 0)
    # … and when the same records are pushed again (duplicates), the hub says it has the contents
    t1.set_meta("push_cursor", "0")
    again = SyncClient(t1)
    result = again.sync()
    assert result.push.duplicate >= 2
    assert (result.push.blobs_uploaded, result.push.blobs_present) == (0, 2)
    # a PUT of content the hub has is answered "not stored"
    r = requests.put(f"{hub.url}/v1/blobs/{digest}", data=photo, headers={"Authorization": f"Bearer {token(t1)}"},
                     timeout=60)
    assert r.status_code == 200 and r.json()["stored"] is False


def test_a_record_whose_content_never_reached_the_hub(hub, device):
    t1, county = device(T1, "南高乡"), device(COUNTY, "栾城区")
    data = b"%PDF-1.4 evidence " + os.urandom(5000)
    _, digest = task_with_file(t1, T1, data, "证明.pdf")
    # the record goes up without its content (the push alone, the upload list dropped)
    client = SyncClient(t1)
    assert client.push().applied >= 3
    t1.set_meta(BLOB_UPLOADS, "[]")
    assert hub_blob(hub, digest) is None

    result = SyncClient(county).sync()  # not an error for the sync as a whole
    assert result.pull.blobs_missing == [digest] and result.pull.blobs_downloaded == 0
    assert missing_list(county) == [digest]
    assert county.meta("last_sync_error") == "" and county.meta("last_sync")
    assert not county.has_blob(digest) and county.count("attachment") == 1

    # still missing at the next sync: asked again, still no error
    result = SyncClient(county).sync()
    assert result.pull.blobs_missing == [digest] and missing_list(county) == [digest]

    # the township sends it after all; the county's next sync fetches it
    t1.set_meta(BLOB_UPLOADS, json.dumps([digest]))
    assert SyncClient(t1).sync().push.blobs_uploaded == 1
    result = SyncClient(county).sync()
    assert result.pull.blobs_downloaded == 1 and result.pull.blobs_missing == []
    assert county.blob(digest) == data and missing_list(county) == []


# ============================================================================ the hub's checks
def test_put_checks_the_hash_and_the_size(hub, device):
    t1 = device(T1, "南高乡")
    auth = {"Authorization": f"Bearer {token(t1)}"}
    data = b"some evidence"
    digest = hashlib.sha256(data).hexdigest()
    wrong = hashlib.sha256(b"other").hexdigest()

    r = requests.put(f"{hub.url}/v1/blobs/{wrong}", data=data, headers=auth, timeout=60)
    assert r.status_code == 422 and r.json()["error"] == "invalid"
    assert hub_blob(hub, wrong) is None and hub_blob(hub, digest) is None
    assert requests.put(f"{hub.url}/v1/blobs/{digest}", data=data, timeout=60).status_code == 401
    assert requests.put(f"{hub.url}/v1/blobs/NOT-A-HASH", data=data, headers=auth, timeout=60).status_code == 422

    r = requests.put(f"{hub.url}/v1/blobs/{digest}", data=gzip.compress(data),
                     headers={**auth, "Content-Encoding": "gzip"}, timeout=60)
    assert r.status_code == 201 and r.json() == {"sha256": digest, "stored": True, "size": len(data)}
    assert hub_blob(hub, digest) == data
    r = requests.put(f"{hub.url}/v1/blobs/{digest}", data=data, headers=auth, timeout=60)
    assert r.status_code == 200 and r.json()["stored"] is False
    r = requests.put(f"{hub.url}/v1/blobs/{digest}", data=b"\x1f\x8b broken",
                     headers={**auth, "Content-Encoding": "gzip"}, timeout=60)
    assert r.status_code == 400

    # over 50 MB: as sent, and once decompressed (a small gzip body)
    big = b"\0" * (MAX_BLOB + 1)
    big_digest = hashlib.sha256(big).hexdigest()
    r = requests.put(f"{hub.url}/v1/blobs/{big_digest}", data=big, headers=auth, timeout=120)
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    r = requests.put(f"{hub.url}/v1/blobs/{big_digest}", data=gzip.compress(big),
                     headers={**auth, "Content-Encoding": "gzip"}, timeout=120)
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    assert hub_blob(hub, big_digest) is None


def test_missing_asks_in_bounds(hub, device):
    t1 = device(T1, "南高乡")
    data = b"known"
    digest = hashlib.sha256(data).hexdigest()
    hub.post("/v1/blobs/missing", {"sha256": []}, token=token(t1)).raise_for_status()
    requests.put(f"{hub.url}/v1/blobs/{digest}", data=data, headers={"Authorization": f"Bearer {token(t1)}"},
                 timeout=60).raise_for_status()
    other = "a" * 64
    r = hub.post("/v1/blobs/missing", {"sha256": [digest, other, other]}, token=token(t1))
    assert r.status_code == 200 and r.json() == {"missing": [other]}
    assert hub.post("/v1/blobs/missing", {"sha256": [other] * 1001}, token=token(t1)).status_code == 413
    assert hub.post("/v1/blobs/missing", {"sha256": ["A" * 64]}, token=token(t1)).status_code == 422
    assert hub.post("/v1/blobs/missing", {"sha256": "x"}, token=token(t1)).status_code == 422
    assert hub.post("/v1/blobs/missing", {}, token=token(t1)).status_code == 422
    assert hub.post("/v1/blobs/missing", {"sha256": []}).status_code == 401


# ============================================================================ the client's edges
def test_cancelled_download_is_fetched_at_the_next_sync(hub, device):
    t1, county = device(T1, "南高乡"), device(COUNTY, "栾城区")
    data = os.urandom(3000)
    _, digest = task_with_file(t1, T1, data)
    assert SyncClient(t1).sync().push.blobs_uploaded == 1

    client = SyncClient(county)
    client.push()
    client.pull()
    assert missing_list(county) == [digest]  # listed with the page that brought the record
    with pytest.raises(SyncCancelled):
        client.download_blobs(cancelled=lambda: True)
    assert missing_list(county) == [digest] and not county.has_blob(digest)

    seen = []
    result = SyncClient(county).sync(progress=lambda done, total: seen.append((done, total)))
    assert result.pull.blobs_downloaded == 1 and county.blob(digest) == data and missing_list(county) == []
    assert (1, 1) in seen


def test_a_file_too_large_for_the_hub_is_a_warning(hub, device):
    t1 = device(T1, "南高乡")
    big = b"\0" * (MAX_BLOB + 1)
    _, digest = task_with_file(t1, T1, big, "录像.mp4")
    result = SyncClient(t1).sync()
    assert result.push.rejected == 0 and result.push.blobs_uploaded == 0
    assert result.push.blobs_too_large == [digest]
    assert any("录像.mp4" in w for w in result.warnings)
    assert json.loads(t1.meta(BLOB_UPLOADS)) == [] and hub_blob(hub, digest) is None
