"""The bolt App: built once per process from the assistant's settings, shared by Socket Mode
(``assistant slack``) and HTTP mode (``POST /slack/events`` in the web app)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.web import WebClient

from assistant.service import Assistant
from assistant.settings import Settings
from bots.slack.answers import register_answers
from bots.slack.bot import SlackBot
from bots.slack.config import SlackMode, required_slack_values, web_client
from bots.slack.drafts import register_drafts
from bots.slack.feedback import register_feedback

log = logging.getLogger("bots.slack")


def skip_slack_retries(
    req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
) -> BoltResponse:
    """Slack re-sends an event (``X-Slack-Retry-Num``) when our first 200 came late or was
    lost; the first delivery is already being answered, so a retry is acknowledged and dropped
    (and Slack is asked not to retry again). Socket Mode mirrors the header, so this covers both."""
    retry = req.headers.get("x-slack-retry-num")
    if retry:
        reason = (req.headers.get("x-slack-retry-reason") or ["?"])[0]
        log.info("ignoring Slack retry #%s (%s)", retry[0], reason)
        return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
    return next()


def log_errors(error: Exception, body: dict[str, Any]) -> None:
    """A listener error is logged with what Slack sent, never re-raised into the server."""
    log.error(
        "Slack listener failed on %s: %r",
        body.get("type") or body.get("command") or "request",
        error,
        exc_info=error,
    )


def build_slack_app(
    assistant: Assistant,
    mode: SlackMode,
    client: WebClient | None = None,
    token_verification_enabled: bool = False,
    settings: Settings | None = None,
) -> App:
    """The bolt App over ``assistant``; tokens and URLs come from ``settings`` (by default
    ``assistant.settings``).

    ``token_verification_enabled`` is off by default so the app can be built while Slack is
    unreachable; bolt then calls ``auth.test`` on the first request that needs it.
    """
    settings = settings or assistant.settings
    values = required_slack_values(settings, mode)
    token = values["SLACK_BOT_TOKEN"]
    app = App(
        # the client carries the token and ASSISTANT_SLACK_API_URL; bolt takes the token from it
        client=client or web_client(settings, token),
        signing_secret=values.get("SLACK_SIGNING_SECRET"),
        token_verification_enabled=token_verification_enabled,
        request_verification_enabled=mode == "http",
        logger=logging.getLogger("bots.slack.bolt"),
    )
    app.use(skip_slack_retries)
    app.error(log_errors)
    bot = SlackBot(assistant, public_base_url=settings.public_base_url)
    register_answers(app, bot)
    register_drafts(app, bot)
    register_feedback(app, bot)
    return app
