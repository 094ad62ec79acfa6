"""Socket Mode: the bot connects out to Slack over a WebSocket, so no public URL is needed.

Start-up checks both tokens before anything slow happens, and a rejected token is reported by
its variable name (``SLACK_BOT_TOKEN`` / ``SLACK_APP_TOKEN``) rather than as a traceback.
"""

from __future__ import annotations

import logging

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from assistant.service import Assistant
from assistant.settings import Settings
from bots.slack.app import build_slack_app
from bots.slack.bot import slack_error
from bots.slack.config import SlackConfigError, required_slack_values, web_client

log = logging.getLogger("bots.slack")


def check_tokens(settings: Settings) -> WebClient:
    """Both tokens present, well-formed and accepted by Slack; returns the bot's client."""
    values = required_slack_values(settings, "socket")
    client = web_client(settings, values["SLACK_BOT_TOKEN"])
    checks = (
        ("SLACK_BOT_TOKEN", lambda: client.auth_test()),
        (
            "SLACK_APP_TOKEN",
            lambda: client.apps_connections_open(app_token=values["SLACK_APP_TOKEN"]),
        ),
    )
    for name, call in checks:
        try:
            call()
        except SlackApiError as exc:
            raise SlackConfigError(f"{name} was rejected by Slack: {slack_error(exc)}.") from exc
        except Exception as exc:
            raise SlackConfigError(
                f"Slack is not reachable at {client.base_url} ({exc}); check the network or "
                "ASSISTANT_SLACK_API_URL."
            ) from exc
    return client


def run_socket_mode(assistant: Assistant, client: WebClient) -> None:
    """Serve until interrupted (blocks)."""
    values = required_slack_values(assistant.settings, "socket")
    app = build_slack_app(assistant, "socket", client=client)
    SocketModeHandler(app, values["SLACK_APP_TOKEN"]).start()
