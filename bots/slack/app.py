"""The bolt App: built once per process from the assistant's settings, shared by Socket Mode
(``assistant slack``) and HTTP mode (``POST /slack/events`` in the web app).

Building it never calls Slack, and no request waits on ``auth.test`` before its ack: the bot
token and ids come from :class:`~bots.slack.identity.BotIdentity` (bolt's ``authorize``).
Signatures are not bolt's job here: ``POST /slack/events`` checks them on the raw bytes before
anything is parsed (:mod:`bots.slack.signature`), and Socket Mode has none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.web import WebClient

from assistant.coordination import build_seen_once
from assistant.service import Assistant
from assistant.settings import Settings
from bots.slack.answers import register_answers
from bots.slack.bot import SlackBot
from bots.slack.config import SlackMode, required_slack_values, web_client
from bots.slack.drafts import register_drafts
from bots.slack.feedback import register_feedback
from bots.slack.identity import BotIdentity

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
    settings: Settings | None = None,
) -> App:
    """The bolt App over ``assistant``; tokens and URLs come from ``settings`` (by default
    ``assistant.settings``), or the bot token from ``client`` when given.

    The bot's ids are fetched by a background ``auth.test`` started here, so the app can be
    built while Slack is unreachable (a failure is logged as a warning naming the token).
    """
    settings = settings or assistant.settings
    values = required_slack_values(settings, mode)
    # the client carries the token and ASSISTANT_SLACK_API_URL
    identity = BotIdentity(client or web_client(settings, values["SLACK_BOT_TOKEN"]))
    app = App(
        # bolt copies this client's URL, timeout and retries into each request's client and
        # takes the token from ``authorize``; without a token here it does not warn about two
        client=without_token(identity.client),
        authorize=identity,
        request_verification_enabled=False,
        logger=logging.getLogger("bots.slack.bolt"),
    )
    app.use(skip_slack_retries)
    app.error(log_errors)
    bot = SlackBot(
        assistant,
        public_base_url=settings.public_base_url,
        # shared by every process when several may receive the same event (coordination.py)
        seen=build_seen_once(settings, "slack_events", ttl_s=3600.0, max_items=4096),
    )
    register_answers(app, bot)
    register_drafts(app, bot)
    register_feedback(app, bot)
    identity.check_later()
    return app


def without_token(client: WebClient) -> WebClient:
    """``client``'s connection settings without its token."""
    return WebClient(
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=client.headers,
        logger=client.logger,
        retry_handlers=client.retry_handlers,
    )
