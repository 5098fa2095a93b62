"""Enrollment attempts are limited per client address and logged without the code."""

from __future__ import annotations

from conftest import TOWNSHIP, start_hub, stop
from desktop.ledger.migrations import CURRENT_VERSION

WRONG = "ABCDEFGHJK"


def attempt(hub, code: str, device_id: str = "00000000000000aa"):
    return hub.post("/v1/enroll", {"code": code, "device_id": device_id, "name": "试探", "schema": CURRENT_VERSION})


def test_guessing_codes_is_answered_429_with_retry_after(tmp_path, new_hub_db):
    hub = start_hub(tmp_path, "--enroll-rate", "10", db=new_hub_db)
    try:
        good = hub.new_code(TOWNSHIP)
        for _ in range(10):
            r = attempt(hub, WRONG)
            assert r.status_code == 403 and r.json()["error"] == "code_unknown", r.text
        r = attempt(hub, WRONG)
        assert r.status_code == 429, r.text
        body = r.json()
        assert body["error"] == "rate_limited" and body["message"]
        wait = int(r.headers["Retry-After"])
        assert 1 <= wait <= 60 and body["params"] == {"retry_after": wait}
        # even a right code waits: the limit is per address, not per guess
        assert attempt(hub, good).status_code == 429
    finally:
        stop(hub.proc)
    log = hub.log.read_text(encoding="utf-8")
    assert "Traceback" not in log and " ERROR " not in log, log
    assert log.count("enrollment attempt from 127.0.0.1: code_unknown") == 10, log
    assert log.count("enrollment attempt from 127.0.0.1: rate_limited") == 2, log
    assert WRONG not in log and good not in log


def test_the_limit_is_per_address_and_refills(tmp_path):
    from sync.hub.ratelimit import RateLimiter

    now = [0.0]
    limiter = RateLimiter(10, clock=lambda: now[0])
    assert [limiter.take("10.0.0.1") for _ in range(10)] == [0.0] * 10
    assert limiter.take("10.0.0.1") > 0          # the eleventh within the minute waits …
    assert limiter.take("10.0.0.2") == 0.0       # … another address does not
    now[0] += 6.0                                 # one token back every six seconds
    assert limiter.take("10.0.0.1") == 0.0
    assert 5.9 < limiter.take("10.0.0.1") <= 6.0


def test_the_client_says_to_wait_when_the_hub_limits_it(tmp_path):
    import dataclasses

    import pytest

    from desktop.ledger import Ledger
    from sync.client import BadEnrollmentCode, TooManyAttempts, enroll, load_settings

    hub = start_hub(tmp_path, "--enroll-rate", "1")
    try:
        with Ledger.new(tmp_path / "town.sqlite", scope=TOWNSHIP, operator="张三") as ledger:
            settings = dataclasses.replace(load_settings(ledger), retries=0)
            with pytest.raises(BadEnrollmentCode):
                enroll(ledger, hub.url, WRONG, settings=settings)
            with pytest.raises(TooManyAttempts) as caught:
                enroll(ledger, hub.url, hub.new_code(TOWNSHIP), settings=settings)
        text = caught.value.text("en")
        assert "too many in a minute" in text and hub.url in text
        assert 1 <= caught.value.params["seconds"] <= 60
    finally:
        stop(hub.proc)
