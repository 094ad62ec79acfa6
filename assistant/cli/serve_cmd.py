"""``assistant serve``: the web API and page."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.app import app, load_settings


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the web API and page (and Slack HTTP events when configured)."""
    import uvicorn

    from assistant.web.app import create_app

    settings = load_settings()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
