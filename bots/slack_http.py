"""Slack's HTTP Events mode inside the web app: ``POST /slack/events``.

The web app's ``create_app`` calls :func:`mount_slack_events` when ``SLACK_SIGNING_SECRET`` and
``SLACK_BOT_TOKEN`` are set. Events, slash commands and interactivity all arrive on that one
URL, and each request goes through, in this order:

1. the signature, on the raw bytes, before anything is parsed (:mod:`bots.slack.signature`):
   unsigned, wrongly signed, stale or malformed → 401. This is the cheap filter for anyone
   who is not Slack, so junk never reaches a parser;
2. the rate limit, ``ASSISTANT_SLACK_RATE_LIMIT_PER_MINUTE`` signed requests a minute → 429
   with ``Retry-After``. It comes after the signature because every signed request comes from
   the one Slack: a limit before it would be one shared bucket that unsigned floods could
   empty, locking Slack out, whereas after it only Slack (or a replay of what Slack signed)
   can spend it;
3. parsing (JSON, or a form with a JSON ``payload``) → 400 when it is not a Slack payload;
4. bolt, which acknowledges at once (URL-verification challenges, slash-command acks) and
   does the slow work afterwards in lazy-listener threads. Nothing before the ack calls Slack
   (see :mod:`bots.slack.identity`), so an unreachable or hanging Web API cannot delay it.

Client errors are answered in the web app's error shape and logged as one line, never a
traceback.
"""

from __future__ import annotations

import logging
import math

from fastapi import FastAPI, Request, Response
from slack_bolt import BoltRequest
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from assistant.coordination import build_rate_limiter
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.errors import CODES, error_response
from assistant.web.security import client_host
from bots.slack.app import build_slack_app
from bots.slack.config import required_slack_values
from bots.slack.signature import SignatureError, check_signature

log = logging.getLogger("bots.slack.http")

_MALFORMED = (ValueError, TypeError, AttributeError, LookupError, RecursionError)
"""What parsing a body bolt cannot read raises: bad UTF-8 or JSON (ValueError), JSON nested
too deep (RecursionError), JSON that is not an object (AttributeError, TypeError …)."""


def refuse(request: Request, status: int, message: str, retry_after: int | None = None) -> Response:
    """A client error: the app's error shape, and one log line."""
    log.warning(
        "POST /slack/events from %s refused with %d: %s", client_host(request), status, message
    )
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return error_response(status, CODES[status], message, headers)


def parse(request: Request, body: bytes) -> BoltRequest | None:
    """The request as bolt reads it, or None when the body is not a Slack payload."""
    try:
        bolt_request = to_bolt_request(request, body)
    except _MALFORMED:
        return None
    return bolt_request if isinstance(bolt_request.body, dict) else None


def mount_slack_events(app: FastAPI, assistant: Assistant) -> None:
    """Add ``POST /slack/events`` serving the Slack bot over ``assistant`` to ``app``.

    Slack settings come from ``app.state.settings`` when the web app set it (its options may
    differ from the assistant's own), else from ``assistant.settings``. Raises
    :class:`bots.slack.SlackConfigError` naming the variable when one is missing.
    """
    settings = getattr(app.state, "settings", None)
    if not isinstance(settings, Settings):
        settings = assistant.settings
    secret = required_slack_values(settings, "http")["SLACK_SIGNING_SECRET"]
    bolt_app = build_slack_app(assistant, mode="http", settings=settings)
    limiter = build_rate_limiter(settings, "slack", settings.slack_rate_limit_per_minute)
    app.state.slack_app = bolt_app

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        """Slack events, slash commands and interactivity (signed by Slack)."""
        body = await request.body()
        try:
            check_signature(
                secret,
                body,
                request.headers.get("x-slack-request-timestamp"),
                request.headers.get("x-slack-signature"),
            )
        except SignatureError as exc:
            return refuse(request, 401, str(exc))
        wait = limiter.take("slack")
        if wait > 0:
            return refuse(
                request,
                429,
                f"Too many Slack requests: the limit is {settings.slack_rate_limit_per_minute} "
                "per minute (ASSISTANT_SLACK_RATE_LIMIT_PER_MINUTE).",
                retry_after=max(1, math.ceil(wait)),
            )
        bolt_request = parse(request, body)
        if bolt_request is None:
            return refuse(request, 400, "The body is not a Slack payload (JSON or form).")
        # dispatch() runs the ack listener (no Web API call before the ack): off the event loop
        bolt_response = await run_in_threadpool(bolt_app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)
