"""``GET /docs`` (Swagger UI) and ``/redoc``, served from this server when possible.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so the API docs break offline and
leak each visit to a third party. The PyPI package ``fastapi-offline`` ships both bundles
(Swagger UI 5, which reads FastAPI's OpenAPI 3.1; ``swagger-ui-bundle`` ships 4.x, which
cannot): when it is installed they are served under ``/docs-assets``. Without it FastAPI's
CDN pages stay, and the docs' description says so.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"
CDN_NOTE = (
    "These docs load Swagger UI from a CDN (cdn.jsdelivr.net): install the `fastapi-offline` "
    "package to serve them from this server instead."
)


def local_assets() -> Path | None:
    """The folder holding ``swagger-ui-bundle.js`` in the installed fastapi-offline, if any."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def fastapi_options(assets: Path | None) -> dict[str, Any]:
    """Arguments for ``FastAPI(...)``: no CDN pages when local assets exist, else the note."""
    if assets is not None:
        return {"docs_url": None, "redoc_url": None}
    return {"description": CDN_NOTE}


def install(app: FastAPI, assets: Path | None) -> None:
    """Serve ``/docs`` and ``/redoc`` from the local bundle (nothing to do without one)."""
    if assets is None:
        return
    app.mount(ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API docs",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
