"""``assistant serve``: the web API and page (and Slack HTTP events when configured)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.app import app, console, err_console, load_settings
from assistant.settings import Settings
from assistant.web.balance import LoadBoard, ShedWhenBusier
from assistant.web.processes import Child, Supervisor, reuse_port_socket

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


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
    reuse_port: Annotated[
        bool, typer.Option(hidden=True, help="Bind with SO_REUSEPORT (one of several processes)")
    ] = False,
    load_board: Annotated[
        Path | None, typer.Option(hidden=True, help="The processes' shared in-flight counts")
    ] = None,
    slot: Annotated[int, typer.Option(hidden=True, help="This process's place on the board")] = 0,
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
    if not reuse_port:  # a child of the supervisor below: the parent said it
        console.print(
            f"Serving on http://{host}:{port} with {count} process{'es' if count > 1 else ''}"
            f"  (API docs: /docs" + (", Slack events: /slack/events" if slack else "") + ")"
        )
    if count == 1:
        app_ = create_app(settings)
        options = {"log_level": log_level, **UVICORN_OPTIONS}
        if reuse_port:  # one of several processes on this port (started as below)
            served = ShedWhenBusier(app_, LoadBoard(load_board, slot)) if load_board else app_
            server = uvicorn.Server(uvicorn.Config(served, **options))
            server.run(sockets=[reuse_port_socket(host, port)])
            return
        uvicorn.run(app_, host=host, port=port, **options)
        return
    # N processes on one port, each with its own SO_REUSEPORT socket, and the ingest worker;
    # they read their settings from the environment, which says they are N
    os.environ["ASSISTANT_WORKERS"] = str(count)
    command = _assistant_command()
    web = [
        *command,
        "serve",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        "1",
        "--reuse-port",
        "--log-level",
        log_level,
    ]
    reuse_port_socket(host, port).close()  # fail here, once, if the port is taken
    board = LoadBoard.create(settings.data_dir / "run" / f"web-load-{port}.board", count)
    children = [
        Child(f"web process {i + 1}", [*web, "--load-board", str(board), "--slot", str(i)])
        for i in range(count)
    ]
    if settings.ingest_worker == "auto":
        console.print("Starting the ingest worker (assistant worker)")
        children.append(Child("ingest worker", [*command, "worker"]))
    raise typer.Exit(Supervisor(children).run())


def _assistant_command() -> list[str]:
    script = Path(sys.executable).parent / "assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
