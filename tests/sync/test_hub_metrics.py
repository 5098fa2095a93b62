"""The hub's /metrics and its access log, on a real hub process."""

from __future__ import annotations

import json
import time

from prometheus_client.parser import text_string_to_metric_families

COUNTY = "130111"
TOWNSHIP = "130111200"


def figures(hub) -> dict[tuple[str, tuple], float]:
    r = hub.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(r.text) for s in family.samples}


def test_metrics_count_requests_pushed_changes_and_devices(hub, make_ledger):
    county = make_ledger("county", COUNTY, townships=(TOWNSHIP,))
    token = hub.enroll(county.device_id, COUNTY)
    hub.enroll("ab" * 8, TOWNSHIP)  # enrolled, never called
    sent = [c.to_wire() for c in county.changes_since(0)[0]]
    assert len(sent) >= 2
    assert hub.push(token, sent).status_code == 200
    assert hub.push(token, sent).status_code == 200  # the same again: all duplicate
    bad = dict(sent[0], seq=10_000, scope="139999")    # a record outside its scope: rejected
    assert hub.push(token, [bad]).json()["results"][0]["status"] == "rejected"
    hub.get(f"/v1/blobs/{'0' * 64}", token=token)      # a route with a parameter: one series

    got = figures(hub)
    assert got[("township_hub_changes_total", (("outcome", "applied"),))] == len(sent)
    assert got[("township_hub_changes_total", (("outcome", "duplicate"),))] == len(sent)
    assert got[("township_hub_changes_total", (("outcome", "rejected"),))] == 1
    push = ("township_hub_requests_total", (("method", "POST"), ("route", "/v1/push"), ("status", "200")))
    assert got[push] == 3
    assert not any("0" * 64 in str(key) for key in got)  # the template, not the address
    assert got[("township_hub_devices", ())] == 2
    assert got[("township_hub_devices_seen_today", ())] == 1  # the township never called
    assert got[("township_hub_request_seconds_count", (("route", "/v1/push"),))] == 3


def test_every_answer_is_one_json_line_in_the_access_log(hub):
    hub.get("/v1/health")
    hub.get("/v1/no-such-thing")

    def logged() -> list[dict]:
        return [json.loads(line) for line in hub.log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]

    # the line is written once the answer has left: give the hub a moment
    deadline = time.monotonic() + 10
    while not any(e["path"] == "/v1/no-such-thing" for e in logged()) and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = logged()
    health = [entry for entry in lines if entry["path"] == "/v1/health"]
    assert health and health[-1]["status"] == 200 and health[-1]["method"] == "GET" and health[-1]["ms"] >= 0
    assert health[-1]["client"] == "127.0.0.1" and health[-1]["time"].endswith("+00:00")
    missing = [entry for entry in lines if entry["path"] == "/v1/no-such-thing"]
    assert missing and missing[-1]["status"] == 404 and missing[-1]["route"] == "unmatched"
