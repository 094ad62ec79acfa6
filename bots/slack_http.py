"""Slack's HTTP Events mode inside the web app: ``POST /slack/events``.

The web app's ``create_app`` calls :func:`mount_slack_events` when ``SLACK_SIGNING_SECRET`` and
``SLACK_BOT_TOKEN`` are set. Events, slash commands and interactivity all arrive on that one
URL, signed by Slack; bolt checks the signature (401 when wrong or older than five minutes),
answers URL-verification challenges without calling Slack, and acknowledges before the slow
work, which runs in bolt's lazy-listener threads.

The app must start even when Slack cannot be reached: the token is not checked while the app
is built; a background ``auth.test`` only logs a warning naming ``SLACK_BOT_TOKEN`` if it fails.
"""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI, Request, Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.errors import SlackApiError
from starlette.concurrency import run_in_threadpool

from assistant.service import Assistant
from assistant.settings import Settings
from bots.slack.app import build_slack_app
from bots.slack.bot import slack_error

log = logging.getLogger("bots.slack")


def check_token_later(app: App) -> threading.Thread:
    """``auth.test`` off the start-up path: a bad or unreachable token is a warning, not a crash."""

    def check() -> None:
        try:
            result = app.client.auth_test()
            log.info("Slack bot token OK: %s in %s", result.get("user"), result.get("team"))
        except SlackApiError as exc:
            log.warning(
                "SLACK_BOT_TOKEN was rejected by Slack (%s): Slack events will fail until it "
                "is fixed.",
                slack_error(exc),
            )
        except Exception as exc:
            log.warning(
                "Slack is not reachable at %s (%s); the token will be checked on the first event.",
                app.client.base_url,
                exc,
            )

    thread = threading.Thread(target=check, name="slack-auth-test", daemon=True)
    thread.start()
    return thread


def mount_slack_events(app: FastAPI, assistant: Assistant) -> None:
    """Add ``POST /slack/events`` serving the Slack bot over ``assistant`` to ``app``.

    Slack settings come from ``app.state.settings`` when the web app set it (its options may
    differ from the assistant's own), else from ``assistant.settings``. Raises
    :class:`bots.slack.SlackConfigError` naming the variable when one is missing.
    """
    settings = getattr(app.state, "settings", None)
    if not isinstance(settings, Settings):
        settings = assistant.settings
    bolt_app = build_slack_app(assistant, mode="http", settings=settings)
    app.state.slack_app = bolt_app

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        """Slack events, slash commands and interactivity (signed by Slack)."""
        body = await request.body()
        # dispatch() blocks (signature check, ack, maybe auth.test): keep it off the event loop
        bolt_response = await run_in_threadpool(bolt_app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    check_token_later(bolt_app)
