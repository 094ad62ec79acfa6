"""``assistant serve``: the web API and page (and Slack HTTP events when configured)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.app import app, console, err_console, load_settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the web API and page (and Slack HTTP events when configured).

    Without API keys the server binds to 127.0.0.1 whatever --host says, so an index is
    never exposed to a network by accident.
    """
    import uvicorn

    from assistant.web.app import NO_KEYS_WARNING, UVICORN_OPTIONS, create_app
    from assistant.web.security import auth_enabled

    settings = load_settings()
    if not auth_enabled(settings):
        if host not in LOOPBACK_HOSTS:
            err_console.print(
                f"[yellow]Refusing to bind {host}:[/yellow] no API keys are configured, so "
                "binding 127.0.0.1 only. Set ASSISTANT_API_KEYS to serve other machines."
            )
        host = "127.0.0.1"
        err_console.print(f"[yellow]{NO_KEYS_WARNING}[/yellow]")
    slack = bool(settings.slack_signing_secret and settings.slack_bot_token)
    console.print(
        f"Serving on http://{host}:{port}  (API docs: /docs"
        + (", Slack events: /slack/events" if slack else "")
        + ")"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, **UVICORN_OPTIONS)
