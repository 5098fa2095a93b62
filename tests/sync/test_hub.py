"""The hub (docs/hub-protocol.md) as a real process on 127.0.0.1, over real HTTP.

Device ledgers are built with the ledger API and their change logs pushed as the
desktop would; what devices pull is applied back into ledgers where it matters.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import os
import secrets
import socket
import subprocess
import sys

import pytest
import time
from pathlib import Path
from urllib.parse import urlsplit

from conftest import resign, sign_key, signed_wire, start_hub, stop
from sync.hub.store import CODE_ALPHABET, HubStore
from desktop.ledger.migrations import CURRENT_VERSION
from desktop.ledger.reference import templates_for

COUNTY = "130111"          # 河北省石家庄市栾城区
TOWNSHIP = "130111200"     # 南高乡
TOWNSHIP_2 = "130111103"   # 冶河镇
OTHER_COUNTY = "130102"    # 长安区, another county of the same prefecture
PREFECTURE = "1301"        # 石家庄市
PROJECT = Path(__file__).resolve().parents[2]
COUNTY_ORG = f"org-county_committee-{COUNTY}"
TOWNSHIP_ORG = f"org-township_committee-{TOWNSHIP}"
TOWNSHIP_2_ORG = f"org-township_committee-{TOWNSHIP_2}"


def wire(ledger, *, own: bool = True) -> list[dict]:
    """The ledger's changes as pushed (only those it wrote itself, unless own=False)."""
    return signed_wire(ledger, own=own)


def keys(changes: list[dict]) -> list[tuple[str, int]]:
    return [(c["origin"], c["seq"]) for c in changes]


def statuses(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def assert_error(response, status: int, error: str) -> str:
    """A 4xx in the protocol's shape, with the hub's time header.  Returns the message."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"error", "message"}, body
    assert body["error"] == error, body
    assert body["message"]
    assert response.headers["X-Hub-Time-Ms"].isdigit()
    return body["message"]


def meetings(ledger, n: int, org: str = TOWNSHIP_ORG) -> None:
    for i in range(n):
        ledger.meetings.create(org_id=org, kind="training", held_on="2024-03-15", title=f"团干部培训 第{i + 1}期")


# ---------------------------------------------------------------------- health, time, documentation
@pytest.mark.skipif(sys.platform == "win32", reason="the Windows run pins an older pydantic (newer ones do not load under Wine 8), whose description names and nests its parts otherwise; the hub runs on Linux and the shapes are checked there")
def test_health_time_and_errors_shape(hub):
    before = time.time() * 1000
    r = hub.get("/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "schema": CURRENT_VERSION}
    assert abs(int(r.headers["X-Hub-Time-Ms"]) - before) < 60_000
    t = hub.get("/v1/time")
    assert t.status_code == 200 and set(t.json()) == {"time_ms"}
    assert abs(t.json()["time_ms"] - time.time() * 1000) < 60_000

    assert_error(hub.get("/v1/nothing-here"), 404, "not_found")
    r = hub.post("/v1/health", {})
    assert_error(r, 405, "method_not_allowed")
    assert r.headers["Allow"] == "GET"

    spec = hub.get("/openapi.json").json()
    assert {"/v1/health", "/v1/time", "/v1/enroll", "/v1/push", "/v1/pull", "/v1/devices"} <= set(spec["paths"])
    push_body = spec["paths"]["/v1/push"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in push_body:  # the body's model, among the description's components
        push_body = spec["components"]["schemas"][push_body["$ref"].rsplit("/", 1)[-1]]
    assert push_body["required"] == ["schema", "changes"]
    assert push_body["properties"]["changes"]["items"]["required"] == ["origin", "seq", "stamp", "kind", "id",
                                                                       "scope", "fields"]
    assert spec["paths"]["/v1/enroll"]["post"]["requestBody"]["required"] is True


# ---------------------------------------------------------------------- enrollment
def _enroll_body(code: str, device_id: str = "a" * 16, **kw) -> dict:
    return {"code": code, "device_id": device_id, "name": "办公室电脑", "public_key": "pk-1",
            "schema": CURRENT_VERSION, **kw}


def test_an_idle_connection_is_kept_for_the_devices_next_call(tmp_path):
    """A device that pauses a few seconds between two calls (a loaded machine, a reverse proxy's
    pooled connection) finds its connection still open: with uvicorn's 5 s the hub would close
    it, and a call sent just then would be reset unanswered."""
    import http.client

    hub = start_hub(tmp_path)
    try:
        address = urlsplit(hub.url)
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        conn.request("GET", "/v1/health")
        assert conn.getresponse().read() and conn.sock is not None
        first = conn.sock
        time.sleep(6)
        conn.request("GET", "/v1/health")  # on the same socket: a closed one answers RemoteDisconnected
        answer = conn.getresponse()
        assert answer.status == 200 and conn.sock is first
        conn.close()
    finally:
        stop(hub.proc)


def test_enroll_code_works_once(hub):
    code = hub.new_code(COUNTY, "栾城区团委")
    assert len(code) == 10 and set(code) <= set(CODE_ALPHABET), code

    # a typed code may come in lower case with a dash
    r = hub.post("/v1/enroll", _enroll_body(code[:5].lower() + "-" + code[5:].lower()))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["device_id"] == "a" * 16 and body["scope"] == COUNTY
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", body["token"])  # 32 random bytes, url-safe base64
    assert abs(body["hub_time_ms"] - time.time() * 1000) < 60_000
    token = body["token"]
    assert hub.get("/v1/devices", token=token).status_code == 200

    # spent: for another device, and for the same device once it has used its token
    assert_error(hub.post("/v1/enroll", _enroll_body(code, "b" * 16)), 403, "code_used")
    assert_error(hub.post("/v1/enroll", _enroll_body(code)), 403, "code_used")
    assert hub.get("/v1/devices", token=token).status_code == 200  # the failed tries changed nothing
    # never issued
    unknown = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    assert_error(hub.post("/v1/enroll", _enroll_body(unknown, "c" * 16)), 403, "code_unknown")


def test_expired_code_is_refused(hub):
    with HubStore.open_admin(hub.db) as store:  # beside the running hub, like the admin CLI
        old = store.create_code(COUNTY, "栾城区团委", now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=15))
    message = assert_error(hub.post("/v1/enroll", _enroll_body(old)), 403, "code_expired")
    assert "expired" in message


def test_enroll_retry_after_a_lost_reply(hub):
    """The device may redeem its code again until it first uses its token (the first
    reply never arrived); the first token then stops working."""
    code = hub.new_code(TOWNSHIP)
    first = hub.post("/v1/enroll", _enroll_body(code)).json()["token"]
    second = hub.post("/v1/enroll", _enroll_body(code)).json()["token"]
    assert first != second
    assert_error(hub.get("/v1/devices", token=first), 401, "unauthorized")
    assert hub.get("/v1/devices", token=second).status_code == 200
    assert_error(hub.post("/v1/enroll", _enroll_body(code)), 403, "code_used")


def test_enroll_validates_before_spending_the_code(hub):
    code = hub.new_code(COUNTY)
    assert_error(hub.post("/v1/enroll", _enroll_body(code, schema=CURRENT_VERSION + 1)), 409, "schema_too_new")
    for bad, field in [({"device_id": "XYZ"}, "device_id"), ({"device_id": "0" * 16}, "device_id"),
                       ({"name": 12}, "name"), ({"schema": "3"}, "schema"), ({"schema": True}, "schema"),
                       ({"public_key": ["k"]}, "public_key"), ({"code": None}, "code")]:
        message = assert_error(hub.post("/v1/enroll", {**_enroll_body(code), **bad}), 422, "invalid")
        assert field in message, (bad, message)
    missing = _enroll_body(code)
    del missing["schema"]
    assert "schema" in assert_error(hub.post("/v1/enroll", missing), 422, "invalid")
    assert_error(hub.post("/v1/enroll", [code]), 422, "invalid")
    assert_error(hub.post("/v1/enroll", data=b"{code:"), 400, "bad_request")
    # none of that spent the code
    assert hub.post("/v1/enroll", _enroll_body(code)).status_code == 200


# ---------------------------------------------------------------------- push and pull
def test_push_then_pull_between_two_devices_of_a_county(hub, make_ledger):
    a = make_ledger("a", COUNTY, townships=(TOWNSHIP,))
    b = make_ledger("b", COUNTY)
    ta, tb = hub.enroll(a.device_id, COUNTY), hub.enroll(b.device_id, COUNTY)

    sent = wire(a)
    r = hub.push(ta, sent)
    assert statuses(r) == ["applied"] * len(sent)
    assert keys(r.json()["results"]) == keys(sent)
    assert abs(r.json()["hub_time_ms"] - time.time() * 1000) < 60_000

    got, cursor_b = hub.pull_all(tb)
    assert keys(got) == keys(sent)
    assert got == sent  # the same wire form comes out as went in
    report = b.apply_changes(got, allowed_scope=COUNTY)
    assert report.applied == len(sent) and not report.rejected
    assert b.organisations.get(TOWNSHIP_ORG)["name"] == a.organisations.get(TOWNSHIP_ORG)["name"]

    # a does not get its own changes back
    mine, cursor_a = hub.pull_all(ta)
    assert mine == []

    # b writes; a receives exactly that
    b.organisations.update(TOWNSHIP_ORG, league_members=25)
    assert statuses(hub.push(tb, wire(b))) == ["applied"]
    got_a, _ = hub.pull_all(ta, cursor_a)
    assert [c["origin"] for c in got_a] == [b.device_id]
    a.apply_changes(got_a, allowed_scope=COUNTY)
    assert a.organisations.get(TOWNSHIP_ORG)["league_members"] == 25
    # and b, pulling on from its cursor, gets nothing (its own change)
    assert hub.pull_all(tb, cursor_b)[0] == []


def test_county_relays_its_townships_changes(hub, make_ledger):
    town = make_ledger("town", TOWNSHIP)
    town.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP)
    meetings(town, 2)
    county, other = make_ledger("county", COUNTY), make_ledger("other", COUNTY)
    t_county, t_other = hub.enroll(county.device_id, COUNTY), hub.enroll(other.device_id, COUNTY)
    t_town = hub.enroll(town.device_id, TOWNSHIP)

    relayed = wire(town)  # carried to the county on a USB stick, say
    assert statuses(hub.push(t_county, relayed)) == ["applied"] * 3
    got, _ = hub.pull_all(t_other)
    assert keys(got) == keys(relayed) and {c["origin"] for c in got} == {town.device_id}
    assert hub.pull_all(t_town)[0] == []  # its own changes, though a county sent them
    assert statuses(hub.push(t_town, relayed)) == ["duplicate"] * 3


def test_township_cannot_push_another_townships_records(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP, TOWNSHIP_2))
    observer = make_ledger("observer", COUNTY)
    t_town = hub.enroll("1" * 15 + "a", TOWNSHIP)
    t_observer = hub.enroll(observer.device_id, COUNTY)

    sent = wire(county)
    assert [c["scope"] for c in sent] == [COUNTY, TOWNSHIP, TOWNSHIP_2]
    # relayed, with the key of the (never enrolled) county device as the relay knows it
    results = hub.push(t_town, sent, keys={county.device_id: sign_key(county)}).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied", "rejected"]
    assert COUNTY in results[0]["reason"] and TOWNSHIP in results[0]["reason"]
    assert TOWNSHIP_2 in results[2]["reason"]
    assert "reason" not in results[1]

    got, _ = hub.pull_all(t_observer)
    assert [c["id"] for c in got] == [TOWNSHIP_ORG]


def test_malformed_changes_are_rejected_one_by_one(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    observer = make_ledger("observer", COUNTY)
    token, t_observer = hub.enroll(county.device_id, COUNTY), hub.enroll(observer.device_id, COUNTY)
    good = wire(county)
    org = good[1]
    stamp = lambda seq: f"{int(org['stamp'][:16], 16) + seq:016x}-{county.device_id}"  # noqa: E731
    bad = [
        {**org, "seq": 100, "stamp": stamp(100), "kind": "spaceship"},
        {**org, "seq": 101, "stamp": stamp(101), "fields": {"colour": "red"}, "created": False},
        {**org, "seq": 102, "stamp": stamp(102), "fields": {"league_members": "many"}, "created": False},
        {**org, "seq": 103, "stamp": stamp(103), "fields": {"league_members": 10**30}, "created": False},
        {**org, "seq": 104, "stamp": stamp(104), "fields": {"name": "\ud800"}, "created": False},
        {k: v for k, v in org.items() if k != "stamp"},
        {**org, "seq": "7"},
        42,
        [org],
    ]
    bad = [resign(county, b) for b in bad]  # the device signs whatever it writes
    batch = [good[0], *bad, good[1]]
    results = hub.push(token, batch).json()["results"]
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * len(bad) + ["applied"]
    reasons = [r["reason"] for r in results[1:-1]]
    assert all(reasons), reasons
    assert "spaceship" in reasons[0] and "colour" in reasons[1] and "league_members" in reasons[2]
    assert "stamp" in reasons[5] and "seq" in reasons[6]
    assert results[1]["origin"] == county.device_id and results[1]["seq"] == 100
    assert results[7]["seq"] is None and results[8]["origin"] is None  # nothing to echo from 42

    got, _ = hub.pull_all(t_observer)
    assert keys(got) == keys(good)


def test_the_same_batch_twice_is_all_duplicate(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    meetings(county, 3)
    token = hub.enroll(county.device_id, COUNTY)
    sent = wire(county)
    assert statuses(hub.push(token, sent)) == ["applied"] * 5
    assert statuses(hub.push(token, sent)) == ["duplicate"] * 5  # the first reply was lost: a retry
    county.organisations.update(TOWNSHIP_ORG, league_members=3)
    new = wire(county)[-1]
    assert statuses(hub.push(token, [new, new, sent[0]])) == ["applied", "duplicate", "duplicate"]


def test_pull_pages_with_limit(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    meetings(county, 5)
    observer = make_ledger("observer", COUNTY)
    token, t_observer = hub.enroll(county.device_id, COUNTY), hub.enroll(observer.device_id, COUNTY)
    sent = wire(county)
    assert len(sent) == 7
    hub.push(token, sent)

    pages, cursor = [], 0
    while True:
        body = hub.get("/v1/pull", token=t_observer, params={"cursor": cursor, "limit": 3}).json()
        assert body["cursor"] > cursor
        pages.append((len(body["changes"]), body["more"]))
        cursor = body["cursor"]
        if not body["more"]:
            break
        assert len(body["changes"]) == 3
    assert pages == [(3, True), (3, True), (1, False)]
    everything, last = hub.pull_all(t_observer, 0, limit=3)
    assert keys(everything) == keys(sent) and last == cursor

    again = hub.get("/v1/pull", token=t_observer, params={"cursor": cursor}).json()
    assert again["changes"] == [] and again["more"] is False and again["cursor"] == cursor

    default = hub.get("/v1/pull", token=t_observer).json()  # no cursor: from the start
    assert keys(default["changes"]) == keys(sent)
    for params, name in [({"limit": 0}, "limit"), ({"limit": 5001}, "limit"), ({"cursor": -1}, "cursor"),
                         ({"cursor": "abc"}, "cursor"), ({"cursor": str(2**70)}, "cursor")]:
        message = assert_error(hub.get("/v1/pull", token=t_observer, params=params), 422, "invalid")
        assert name in message, message


def test_township_receives_what_its_county_publishes(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP, TOWNSHIP_2))
    template = county.checklist_templates.create(template_kind="reference", level="township", code="LC-1",
                                                 title="栾城区自选任务：青年之家建设", issued_by=COUNTY)
    town = make_ledger("town", TOWNSHIP)
    t_county, t_town = hub.enroll(county.device_id, COUNTY), hub.enroll(town.device_id, TOWNSHIP)
    assert set(statuses(hub.push(t_county, wire(county)))) == {"applied"}

    got, _ = hub.pull_all(t_town)
    ids_ = [c["id"] for c in got]
    assert template in ids_ and TOWNSHIP_ORG in ids_ and COUNTY_ORG in ids_  # its own, and from above
    assert TOWNSHIP_2_ORG not in ids_  # a sibling's
    assert next(c for c in got if c["id"] == template)["scope"] == COUNTY
    town.apply_changes(got)
    assert [t["code"] for t in templates_for(town, TOWNSHIP, "township")] == ["LC-1"]


def test_gzip_both_ways(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    meetings(county, 30)
    observer = make_ledger("observer", COUNTY)
    token, t_observer = hub.enroll(county.device_id, COUNTY), hub.enroll(observer.device_id, COUNTY)
    body = gzip.compress(json.dumps({"schema": CURRENT_VERSION, "changes": wire(county)}).encode())
    r = hub.post("/v1/push", data=body, token=token,
                 headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert statuses(r) == ["applied"] * 32
    r = hub.get("/v1/pull", token=t_observer, headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert len(r.json()["changes"]) == 32
    assert r.headers["X-Hub-Time-Ms"].isdigit()


# ---------------------------------------------------------------------- bad input changes nothing
def test_bad_bodies_get_4xx_and_store_nothing(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    observer = make_ledger("observer", COUNTY)
    token, t_observer = hub.enroll(county.device_id, COUNTY), hub.enroll(observer.device_id, COUNTY)
    changes = wire(county)
    good = json.dumps({"schema": CURRENT_VERSION, "changes": changes}).encode()

    def post(data: bytes, **headers):
        return hub.post("/v1/push", data=data, token=token, headers={"Content-Type": "application/json", **headers})

    assert_error(post(good[:-5]), 400, "bad_request")                       # malformed JSON
    assert_error(post(b""), 400, "bad_request")
    assert_error(post(b"\xff\xfe\x00{"), 400, "bad_request")                 # not text
    assert_error(post(b"[" * 100_000 + b"]" * 100_000), 400, "bad_request")  # nested too deeply
    assert_error(post(good, **{"Content-Encoding": "gzip"}), 400, "bad_request")            # not gzip
    assert_error(post(gzip.compress(good)[:-20], **{"Content-Encoding": "gzip"}), 400, "bad_request")  # cut
    assert_error(post(good, **{"Content-Encoding": "br"}), 400, "bad_request")
    wrong_types = [
        ({"schema": str(CURRENT_VERSION), "changes": changes}, "schema"),
        ({"schema": True, "changes": changes}, "schema"),
        ({"schema": 0, "changes": changes}, "schema"),
        ({"schema": CURRENT_VERSION, "changes": {"0": changes[0]}}, "changes"),
        ({"schema": CURRENT_VERSION, "changes": None}, "changes"),
        ({"changes": changes}, "schema"),
        ({"schema": CURRENT_VERSION}, "changes"),
    ]
    for body, name in wrong_types:
        assert name in assert_error(hub.post("/v1/push", body, token=token), 422, "invalid"), body
    assert_error(hub.post("/v1/push", changes, token=token), 422, "invalid")  # an array, not an object
    assert_error(hub.push(token, changes, schema=CURRENT_VERSION + 1), 409, "schema_too_new")

    assert hub.pull_all(t_observer)[0] == []  # nothing was stored
    assert statuses(hub.push(token, changes)) == ["applied"] * 2  # and the same changes still apply


def test_too_many_changes_or_too_big(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    observer = make_ledger("observer", COUNTY)
    token, t_observer = hub.enroll(county.device_id, COUNTY), hub.enroll(observer.device_id, COUNTY)
    one = wire(county)[0]
    many = [resign(county, {**one, "seq": i}) for i in range(1, 2002)]  # the same creation under 2,001 numbers
    assert "2000" in assert_error(hub.push(token, many), 413, "too_large")
    assert hub.pull_all(t_observer)[0] == []
    assert statuses(hub.push(token, many[:2000])) == ["applied"] * 2000  # 2,000 is allowed

    # a zip bomb: 80 MB of zeros in ~80 kB
    bomb = gzip.compress(b'{"changes": [], "pad": "' + b"0" * 80_000_000 + b'"}', compresslevel=1)
    assert len(bomb) < 1_000_000
    assert_error(hub.post("/v1/push", data=bomb, token=token, headers={"Content-Encoding": "gzip"}),
                 413, "too_large")

    # a body over 16 MB, streamed without a length: read up to the limit, then refused
    def chunks():
        yield b'{"changes": [], "pad": "'
        for _ in range(17):
            yield b"x" * 1_000_000
    assert_error(hub.post("/v1/push", data=chunks(), token=token), 413, "too_large")

    # announced as over 16 MB: refused before a byte of it is read
    url = urlsplit(hub.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        s.sendall(f"POST /v1/push HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {17 * 1024 * 1024}\r\n\r\n".encode())
        answer = b""
        while b"}" not in answer:
            piece = s.recv(65536)
            if not piece:
                break
            answer += piece
        answer = answer.decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer
    assert '"too_large"' in answer

    assert len(hub.pull_all(t_observer)[0]) == 2000


# ---------------------------------------------------------------------- tokens
def test_missing_forged_and_revoked_tokens(hub, make_ledger):
    for call in (lambda t: hub.get("/v1/pull", token=t), lambda t: hub.get("/v1/devices", token=t),
                 lambda t: hub.post("/v1/push", {"schema": CURRENT_VERSION, "changes": []}, token=t)):
        r = call(None)
        assert_error(r, 401, "unauthorized")
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert_error(call(secrets.token_urlsafe(32)), 401, "unauthorized")
    assert_error(hub.get("/v1/pull", headers={"Authorization": "Basic YWRtaW46YWRtaW4="}), 401, "unauthorized")
    # a bad body without a token is still a 401: nothing is read for strangers
    assert_error(hub.post("/v1/push", data=b"{not json"), 401, "unauthorized")

    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    token = hub.enroll(county.device_id, COUNTY)
    assert statuses(hub.push(token, wire(county))) == ["applied"] * 2
    earlier_code = hub.new_code(COUNTY)  # issued before the revocation, not used yet
    r = hub.cli("revoke", county.device_id)
    assert r.returncode == 0 and county.device_id in r.stdout, r.stderr
    assert_error(hub.get("/v1/pull", token=token), 401, "unauthorized")
    assert_error(hub.push(token, wire(county)), 401, "unauthorized")
    # a code from before the revocation cannot undo it (and is not spent by trying)
    message = assert_error(hub.post("/v1/enroll", _enroll_body(earlier_code, county.device_id)), 403,
                           "device_revoked")
    assert "after the revocation" in message
    # a code the admin issues afterwards lets the device in again, with a new token
    r = hub.post("/v1/enroll", _enroll_body(hub.new_code(COUNTY), county.device_id))
    assert r.status_code == 200, r.text
    new_token = r.json()["token"]
    assert hub.get("/v1/pull", token=new_token).status_code == 200
    assert_error(hub.get("/v1/pull", token=token), 401, "unauthorized")  # the old token stays dead
    assert statuses(hub.push(new_token, wire(county))) == ["duplicate"] * 2
    rows = hub.cli("devices").stdout.splitlines()
    assert [line.split()[-1] for line in rows if county.device_id in line] == ["-"]
    # the earlier code still works for another device
    other = make_ledger("other", COUNTY, townships=())
    assert hub.post("/v1/enroll", _enroll_body(earlier_code, other.device_id)).status_code == 200


# ---------------------------------------------------------------------- devices
def test_devices_of_the_scope_and_above(hub):
    ids_ = {"prefecture": "0" * 15 + "1", "county": "0" * 15 + "2", "town": "0" * 15 + "3",
            "town2": "0" * 15 + "4", "other": "0" * 15 + "5"}
    scopes = {"prefecture": PREFECTURE, "county": COUNTY, "town": TOWNSHIP, "town2": TOWNSHIP_2,
              "other": OTHER_COUNTY}
    tokens = {k: hub.enroll(ids_[k], scopes[k], name=f"电脑-{k}") for k in ids_}
    assert hub.cli("revoke", ids_["town2"]).returncode == 0

    def seen(who: str) -> dict:
        r = hub.get("/v1/devices", token=tokens[who])
        assert r.status_code == 200, r.text
        return {d["device_id"]: d for d in r.json()["devices"]}

    town = seen("town")
    assert set(town) == {ids_["town"], ids_["county"], ids_["prefecture"]}
    d = town[ids_["county"]]
    assert d == {"device_id": ids_["county"], "name": "电脑-county", "scope": COUNTY,
                 "public_key": f"key-of-{ids_['county']}", "enrolled_at": d["enrolled_at"], "revoked": False}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["enrolled_at"])
    county = seen("county")
    assert set(county) == {ids_["county"], ids_["town"], ids_["town2"], ids_["prefecture"]}
    assert county[ids_["town2"]]["revoked"] is True
    assert set(seen("other")) == {ids_["other"], ids_["prefecture"]}


# ---------------------------------------------------------------------- the admin CLI
ONE_LINE = re.compile(r"^township-hub: (error|错误): .+$")


def fails(result) -> str:
    assert result.returncode != 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and ONE_LINE.match(lines[0]), result.stderr
    return lines[0]


def test_cli_enroll_devices_revoke(hub, make_ledger, tmp_path):
    r = hub.cli("enroll", "--scope", TOWNSHIP, "--name", "南高乡团委")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    lines = r.stdout.strip().splitlines()
    assert TOWNSHIP in lines[0] and "南高乡团委" in lines[0]
    code = lines[-1]
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{10}}", code)
    town = make_ledger("town", TOWNSHIP)
    r = hub.post("/v1/enroll", _enroll_body(code, town.device_id, name="南高乡电脑"))
    assert r.status_code == 200
    t_town = r.json()["token"]

    county = make_ledger("county", COUNTY, townships=(TOWNSHIP, TOWNSHIP_2))
    t_county = hub.enroll(county.device_id, COUNTY, name="县团委电脑")
    hub.push(t_county, wire(county))  # the county org and this township's reach the township: 2 pending

    def listing() -> dict[str, list[str]]:
        r = hub.cli("devices")
        assert r.returncode == 0 and r.stderr == "", r.stderr
        out = r.stdout.splitlines()
        assert out[0].split()[:3] == ["DEVICE", "NAME", "SCOPE"]
        return {line.split()[0]: line for line in out[1:]}

    rows = listing()
    assert set(rows) == {town.device_id, county.device_id}
    assert "南高乡团委 (南高乡电脑)" in rows[town.device_id] and TOWNSHIP in rows[town.device_id]
    # pending, clock (never said), refused, not revoked
    assert rows[town.device_id].split()[-4:] == ["2", "-", "0", "-"]
    assert rows[county.device_id].split()[-4:] == ["0", "-", "0", "-"]  # its own changes are not pending for it
    hub.pull_all(t_town)
    assert listing()[town.device_id].split()[-4:] == ["0", "-", "0", "-"]

    r = hub.cli("revoke", town.device_id)
    assert r.returncode == 0 and town.device_id in r.stdout
    assert listing()[town.device_id].split()[-1] == "revoked"
    r = hub.cli("revoke", town.device_id)
    assert r.returncode == 0 and "already" in r.stdout
    assert hub.get("/v1/pull", token=t_town).status_code == 401

    # --db on the command line works too, and the scope filter
    r = run_cli_plain("devices", "--db", str(hub.db), "--scope", TOWNSHIP)
    assert r.returncode == 0 and town.device_id in r.stdout and county.device_id not in r.stdout

    # errors: one line each
    assert "999999" in fails(hub.cli("enroll", "--scope", "999999", "--name", "x"))
    fails(hub.cli("enroll", "--scope", COUNTY, "--name", "  "))
    fails(hub.cli("enroll", "--scope", COUNTY))
    fails(hub.cli("enroll", "--scope", COUNTY, "--name", "x", "--days", "0"))
    assert "ffffffffffffffff" in fails(hub.cli("revoke", "ffffffffffffffff"))
    fails(hub.cli("revoke", "ffffffffffffffff", lang="zh_CN"))
    fails(run_cli_plain("devices"))  # no --db, no $TOWNSHIP_HUB_DB
    fails(run_cli_plain("devices", "--db", str(tmp_path / "nowhere.sqlite")))
    not_a_ledger = tmp_path / "notes.sqlite"
    not_a_ledger.write_text("hello", encoding="utf-8")
    fails(run_cli_plain("revoke", "--db", str(not_a_ledger), "ffffffffffffffff"))
    fails(run_cli_plain("devices", "--db", str(county.path)))  # a unit's ledger is not a hub
    if hub.backend == "sqlite":  # the running hub holds the ledger file (a database takes several processes)
        fails(hub.cli("serve", "--port", "0"))
    fails(hub.cli("frobnicate"))
    fails(hub.cli())


def run_cli_plain(*args: str) -> subprocess.CompletedProcess:
    """``township-hub`` without $TOWNSHIP_HUB_DB."""
    env = dict(os.environ, TOWNSHIP_LEDGER_LANG="en", PYTHONIOENCODING="utf-8")
    env.pop("TOWNSHIP_HUB_DB", None)
    return subprocess.run([sys.executable, "-m", "sync.hub.cli", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_enroll_creates_the_hub_ledger_when_missing(tmp_path):
    from desktop.ledger import Ledger

    db = tmp_path / "new-hub.sqlite"
    r = run_cli_plain("enroll", "--db", str(db), "--scope", COUNTY, "--name", "栾城区团委")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.strip().splitlines()[-1]) == 10
    with Ledger.open(db) as ledger:
        assert ledger.scope == ""


def test_fractions_are_refused_even_where_they_look_whole(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    token = hub.enroll(county.device_id, COUNTY)
    org = wire(county)[1]
    stamp = f"{int(org['stamp'][:16], 16) + 1:016x}-{county.device_id}"
    batch = [{**org, "seq": 50, "stamp": stamp, "created": False, "fields": {"deleted": 1.0}},
             {**org, "seq": 51, "stamp": stamp, "created": False, "fields": {"league_members": 12.0}}]
    results = hub.push(token, batch).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    body = '{"schema": %d, "changes": [%s]}' % (CURRENT_VERSION, json.dumps({**batch[1], "fields": {"league_members": 0}})
                                                 .replace('"league_members": 0', '"league_members": NaN'))
    r = hub.post("/v1/push", data=body.encode(), token=token, headers={"Content-Type": "application/json"})
    assert [x["status"] for x in r.json()["results"]] == ["rejected"]
