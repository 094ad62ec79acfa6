"""``assistant slack``: the Slack bot over Socket Mode (needs SLACK_APP_TOKEN + SLACK_BOT_TOKEN).

Tokens are checked before the model loads, so a typo is reported in a second, by name.
"""

from __future__ import annotations

import logging

from assistant.cli.app import app, components, console, err_console, load_settings


@app.command()
def slack() -> None:
    """Run the Slack bot in Socket Mode (no public URL needed)."""
    import typer

    from assistant.service import Assistant
    from bots.slack import SlackConfigError
    from bots.slack.socket import check_tokens, run_socket_mode

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    try:
        client = check_tokens(settings)
    except SlackConfigError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    assistant = Assistant(components())
    if not assistant.documents():
        err_console.print("[yellow]Nothing is indexed yet[/yellow]: run `assistant ingest`.")
    assistant.warm()
    console.print("Slack bot connected over Socket Mode; Ctrl-C to stop.")
    run_socket_mode(assistant, client)
