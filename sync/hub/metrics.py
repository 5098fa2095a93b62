"""What the hub did: Prometheus metrics at ``GET /metrics`` and one JSON line per request.

The figures come from the well-kept ``prometheus_client`` in its text format, per hub process
(scrape each process on its own address; docs/hub-operations.md):

* ``township_hub_requests_total{method,route,status}`` and
  ``township_hub_request_seconds{route}`` — every answer, by the route's template (so that
  ``/v1/blobs/<sha>`` does not make a series per attachment);
* ``township_hub_changes_total{outcome}`` — changes received by push: applied, duplicate, rejected;
* ``township_hub_changes_rejected_total{code}`` — the rejected ones by refusal code
  (``outside_scope``, ``bad_signature``, ``clock_ahead``, … as docs/hub-protocol.md lists them);
* ``township_hub_devices_seen_today`` and ``township_hub_devices`` — read from the database at
  each scrape (so every process reports the same).

The access log (logger ``township.hub.access``) is one JSON object per answer: time, client
address, method, path, route, status, milliseconds — for log collectors, without parsing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

from fastapi import FastAPI
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

ACCESS_LOG = logging.getLogger("township.hub.access")
#: seconds: a push or pull page takes tens of milliseconds, a first-sync snapshot seconds
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _DeviceFigures:
    """Device counts read from the hub's database when Prometheus asks."""

    def __init__(self, hub) -> None:
        self.hub = hub

    def collect(self):
        today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT00:00:00Z")
        with self.hub.reading() as reader:
            conn = reader.store.conn
            seen = conn.execute("SELECT count(*) FROM hub_device WHERE revoked = 0 AND token_used = 1 "
                                "AND last_contact >= ?", (today,)).fetchone()[0]
            enrolled = conn.execute("SELECT count(*) FROM hub_device WHERE revoked = 0").fetchone()[0]
        yield GaugeMetricFamily("township_hub_devices_seen_today", "Devices that called today (UTC)", value=seen)
        yield GaugeMetricFamily("township_hub_devices", "Enrolled devices not revoked", value=enrolled)


class HubMetrics:
    """The hub's metrics in a registry of their own (never the process-wide default)."""

    def __init__(self, hub) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("township_hub_requests", "HTTP requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("township_hub_request_seconds", "Time to answer a request", ["route"],
                                 buckets=BUCKETS, registry=self.registry)
        self.changes = Counter("township_hub_changes", "Changes received by push, by outcome", ["outcome"],
                               registry=self.registry)
        self.rejected = Counter("township_hub_changes_rejected", "Changes refused by push, by refusal code",
                                ["code"], registry=self.registry)
        self.registry.register(_DeviceFigures(hub))

    def pushed(self, applied: int, duplicate: int, rejected: int, by_code: dict[str, int] | None = None) -> None:
        for outcome, n in (("applied", applied), ("duplicate", duplicate), ("rejected", rejected)):
            if n:
                self.changes.labels(outcome).inc(n)
        for code, n in (by_code or {}).items():
            self.rejected.labels(code).inc(n)


class Measured:
    """Pure ASGI middleware: counts and times every answer and writes the access log line."""

    def __init__(self, app, metrics: HubMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = [500]

        async def send_status(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], route, str(status[0])).inc()
            self.metrics.latency.labels(route).observe(seconds)
            if ACCESS_LOG.isEnabledFor(logging.INFO):
                client = scope.get("client") or ("", 0)
                ACCESS_LOG.info(json.dumps({
                    "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
                    "client": client[0], "method": scope["method"], "path": scope["path"], "route": route,
                    "status": status[0], "ms": round(seconds * 1000, 1)}, ensure_ascii=False))


def install(app: FastAPI, hub) -> HubMetrics:
    """Count the application's answers and serve ``/metrics``."""
    metrics = HubMetrics(hub)
    app.state.metrics = metrics
    app.add_middleware(Measured, metrics=metrics)

    @app.get("/metrics", include_in_schema=False)
    def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return metrics
