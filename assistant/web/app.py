"""FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI

from assistant import __version__
from assistant.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="Strategy assistant", version=__version__)
    app.state.settings = settings

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up (says nothing about the index)."""
        return {"status": "ok"}

    return app
