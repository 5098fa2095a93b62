"""The hub: a small FastAPI service over a ledger (docs/hub-protocol.md).

``create_app(db_path)`` builds the hub service (:class:`sync.hub.service.Hub`: the
hub's ledger and tables, the group-commit writer, the pool of read connections) and
the application around it: the routers of :mod:`sync.hub.routes`, answers in the
protocol's error shape (:mod:`sync.hub.errors`), the hub's time on every answer, and
an OpenAPI description built from the wire shapes (:mod:`sync.hub.openapi`).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from sync.hub import errors, metrics, openapi
from sync.hub.admin import pages as admin_pages
from sync.hub.routes import routers
from sync.hub.routes.health import now_ms
from sync.hub.service import Hub
from sync.hub.settings import PROTOCOL_VERSION, HubSettings


class HubTimeHeader:
    """Adds ``X-Hub-Time-Ms`` to every answer (pure ASGI, so error answers get it too), and
    notes when each call arrived (``request.state.arrived_ms``: a device's clock is measured
    against it, before the call waits for a worker thread)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["arrived_ms"] = now_ms()

        async def send_with_time(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-hub-time-ms", str(now_ms()).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_time)


def create_app(db_path: Path | str, settings: HubSettings | None = None) -> FastAPI:
    """The hub application over the ledger at *db_path* (created on first start)."""
    hub = Hub(db_path, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if hub.settings.threads is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = hub.settings.threads
        yield
        hub.close()

    app = FastAPI(title="Township Ledger hub", version=str(PROTOCOL_VERSION), lifespan=lifespan,
                  description="Sync hub of 团建台账 Township Ledger; see docs/hub-protocol.md.")
    app.state.hub = hub
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(HubTimeHeader)
    errors.install(app)
    for router in routers():
        app.include_router(router)
    admin_pages.install(app, hub)
    metrics.install(app, hub)
    openapi.install(app)
    return app
