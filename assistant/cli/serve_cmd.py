"""``assistant serve``: the web API and page (and Slack HTTP events when configured)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.app import app, console, err_console, load_settings
from assistant.settings import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
WORKER_START_S = 120
"""Seconds a web process may take to import and start before uvicorn replaces it (its
default, 5 s, restarts processes that are only importing torch on a busy 2-core machine)."""


def web_processes(requested: int | None, settings: Settings) -> int:
    """How many web processes to run. Unset: one per core with a Chroma server, else one
    (an embedded Chroma is single-process). More than one without a server is refused."""
    chosen = requested or settings.workers
    if chosen is None:
        return (os.cpu_count() or 1) if settings.chroma_host else 1
    if chosen > 1 and not settings.chroma_host:
        err_console.print(
            f"[red]--workers {chosen} needs a Chroma server:[/red] several processes cannot "
            "share the embedded Chroma store. Start one (`chroma run --path data/chroma-server "
            "--port 8001`) and set ASSISTANT_CHROMA_HOST=127.0.0.1 ASSISTANT_CHROMA_PORT=8001, "
            "or use --workers 1. (`make run` does this for you.)"
        )
        raise typer.Exit(2)
    return chosen


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Web processes (default: one per core with a Chroma server, else 1)",
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the web API and page (and Slack HTTP events when configured).

    Without API keys the server binds to 127.0.0.1 whatever --host says, so an index is
    never exposed to a network by accident. With several processes, ingest jobs are run by
    one ``assistant worker`` that this command starts beside them (unless
    ASSISTANT_INGEST_WORKER=external says you run your own).
    """
    import uvicorn

    from assistant.web.app import NO_KEYS_WARNING, UVICORN_OPTIONS, create_app
    from assistant.web.security import auth_enabled

    settings = load_settings()
    count = web_processes(workers, settings)
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
        f"Serving on http://{host}:{port} with {count} process{'es' if count > 1 else ''}"
        f"  (API docs: /docs" + (", Slack events: /slack/events" if slack else "") + ")"
    )
    if count == 1:
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level=log_level, **UVICORN_OPTIONS
        )
        return
    # the processes read their settings from the environment; they are N web processes
    os.environ["ASSISTANT_WORKERS"] = str(count)
    worker = _start_worker() if settings.ingest_worker == "auto" else None
    try:
        uvicorn.run(
            "assistant.web.app:create_app",
            factory=True,
            workers=count,
            timeout_worker_healthcheck=WORKER_START_S,
            host=host,
            port=port,
            log_level=log_level,
            **UVICORN_OPTIONS,
        )
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _start_worker() -> subprocess.Popen[bytes]:
    """The ingest writer beside the web processes (``assistant worker``)."""
    script = Path(sys.executable).parent / "assistant"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
    console.print("Starting the ingest worker (assistant worker)")
    return subprocess.Popen([*command, "worker"])
