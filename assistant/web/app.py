"""FastAPI application factory: the assistant over HTTP, plus the browser page.

``create_app`` builds the one :class:`Assistant` (components are lazy, so this is cheap) and
the lifespan warms it in the background: ``/healthz`` answers at once, ``/readyz`` turns 200
when the embedding model is loaded and the stores are open. Requests that arrive earlier
simply wait for the model instead of loading a second copy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant import __version__
from assistant.components import Components, build_components
from assistant.coordination import build_rate_limiter
from assistant.service import Assistant
from assistant.settings import Settings, get_settings
from assistant.web.errors import install_error_handlers
from assistant.web.jobs import IngestJobs
from assistant.web.limits import BodySizeLimit
from assistant.web.metrics import Metrics, MetricsMiddleware
from assistant.web.origins import RequestGuard
from assistant.web.routes import ask, docs, documents, drafts, feedback, health, ingest, page
from assistant.web.security import auth_enabled

log = logging.getLogger("assistant.web")

UVICORN_OPTIONS: dict[str, Any] = {"proxy_headers": False}
"""Pass to ``uvicorn.run``/``uvicorn.Config`` with this app. uvicorn's own default believes
``X-Forwarded-For`` from 127.0.0.1, which would let a local client choose its rate-limit
bucket; the app reads forwarded headers itself, only from ``ASSISTANT_TRUSTED_PROXIES``."""

NO_KEYS_WARNING = (
    "No API keys configured (ASSISTANT_API_KEYS): the API answers only clients on this "
    "machine (127.0.0.1). Set keys to serve anyone else."
)


def _warm(app: FastAPI) -> None:
    try:
        app.state.assistant.warm()
    except Exception as exc:  # reported by /readyz, which is what orchestrators watch
        log.exception("warm-up failed")
        app.state.warm_error = f"{type(exc).__name__}: {exc}"
        return
    app.state.warm = True
    log.info("assistant ready: model loaded, index open")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if auth_enabled(settings):
        log.info(
            "API keys required (%d keys, %d admin)",
            len(settings.api_keys),
            len(settings.admin_keys),
        )
    else:
        log.warning(NO_KEYS_WARNING)
    warming = asyncio.create_task(asyncio.to_thread(_warm, app))
    app.state.jobs.start()  # the embedded ingest worker, when this process is the writer
    try:
        yield
    finally:
        app.state.jobs.shutdown()
        if not warming.done():
            warming.cancel()


def create_app(
    settings: Settings | None = None,
    *,
    components: Components | None = None,
    assistant: Assistant | None = None,
) -> FastAPI:
    """The app for ``assistant serve`` and the tests.

    Pass ``components`` (e.g. built with a shared embedding model) or a ready ``assistant``
    to reuse what is already loaded; otherwise they are built from ``settings``. The web
    options (keys, limits, CORS, Slack) come from ``settings`` when given, else from the
    assistant's own settings, so one loaded assistant can sit behind differently
    configured apps.
    """
    if assistant is None:
        base = settings or (components.settings if components else get_settings())
        assistant = Assistant(components or build_components(base))
    settings = settings or assistant.settings
    metrics = Metrics()
    docs_assets = docs.local_assets()

    app = FastAPI(
        title="Strategy assistant",
        version=__version__,
        summary="Cited answers and drafted progress updates over strategy plans and action logs",
        lifespan=lifespan,
        **docs.fastapi_options(docs_assets),
    )
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.metrics = metrics
    # shared by every process when the settings say so (assistant/coordination.py)
    app.state.rate_limiter = build_rate_limiter(settings, "ask", settings.rate_limit_per_minute)
    app.state.auth_failures = build_rate_limiter(
        settings, "auth_failures", settings.auth_failures_per_minute
    )
    app.state.jobs = IngestJobs(assistant, metrics)
    app.state.warm = False
    app.state.warm_error = None

    install_error_handlers(app)
    for module in (ask, drafts, documents, feedback, ingest, health, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")
    docs.install(app, docs_assets)

    # added innermost first: metrics see every response, 413s included
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            max_age=600,
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestGuard, settings=settings)
    if settings.trusted_proxies:  # client address and scheme as the proxy saw them
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    if settings.slack_signing_secret and settings.slack_bot_token:
        from bots.slack_http import mount_slack_events

        mount_slack_events(app, assistant)
    return app
