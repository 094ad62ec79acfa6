"""Slack settings checks and the one Web API client the bot uses.

Start-up problems must name the variable to fix (``SLACK_BOT_TOKEN`` …), because that is what
an operator reads in the log; and every Web API call goes through a client whose base URL comes
from ``ASSISTANT_SLACK_API_URL`` and which retries rate limits, server errors and dropped
connections with backoff instead of failing the reply.
"""

from __future__ import annotations

import logging
from typing import Literal

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import WebClient

from assistant.settings import Settings

log = logging.getLogger(__name__)

SlackMode = Literal["socket", "http"]

_PREFIXES = {
    "SLACK_BOT_TOKEN": ("xoxb-", "the Bot User OAuth Token (OAuth & Permissions page)"),
    "SLACK_APP_TOKEN": ("xapp-", "an app-level token with connections:write (Basic Information)"),
    "SLACK_SIGNING_SECRET": ("", "the Signing Secret (Basic Information › App Credentials)"),
}


class SlackConfigError(RuntimeError):
    """A Slack variable is missing or malformed; the message names it and where to find it."""


def _value(settings: Settings, name: str) -> str | None:
    secret = {
        "SLACK_BOT_TOKEN": settings.slack_bot_token,
        "SLACK_APP_TOKEN": settings.slack_app_token,
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret,
    }[name]
    value = secret.get_secret_value().strip() if secret is not None else ""
    return value or None


def required_slack_values(settings: Settings, mode: SlackMode) -> dict[str, str]:
    """The variables ``mode`` needs, checked; raises :class:`SlackConfigError` naming the first
    missing or malformed one (socket: app + bot token; http: signing secret + bot token)."""
    names = (
        ["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"]
        if mode == "socket"
        else ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"]
    )
    values: dict[str, str] = {}
    for name in names:
        prefix, where = _PREFIXES[name]
        value = _value(settings, name)
        if value is None:
            raise SlackConfigError(
                f"{name} is not set: Slack {mode} mode needs it. Set it to {where}."
            )
        if prefix and not value.startswith(prefix):
            raise SlackConfigError(f"{name} does not look right: it should start with {prefix!r}.")
        values[name] = value
    return values


def api_base_url(settings: Settings) -> str:
    """``slack_api_url`` with the trailing slash slack_sdk joins method names onto."""
    url = settings.slack_api_url.strip()
    return url if url.endswith("/") else url + "/"


class LoggedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Slack's own 429 handler (waits ``Retry-After``), plus a warning so throttling is visible."""

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        headers = response.headers if response is not None else {}
        wait = next((v for k, v in headers.items() if k.lower() == "retry-after"), "?")
        log.warning(
            "Slack rate-limited %s (attempt %d); retrying after %ss",
            request.url.rsplit("/", 1)[-1],
            state.current_attempt + 1,
            wait[0] if isinstance(wait, list) and wait else wait,
        )
        super().prepare_for_next_attempt(
            state=state, request=request, response=response, error=error
        )


def retry_handlers() -> list[RetryHandler]:
    """Connection resets, 429s (honouring ``Retry-After``) and 500/503s, each a few times."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        LoggedRateLimitRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def web_client(settings: Settings, token: str, timeout_s: int = 20) -> WebClient:
    """The bot's Web API client: base URL from settings, retries with backoff."""
    return WebClient(
        token=token,
        base_url=api_base_url(settings),
        timeout=timeout_s,
        retry_handlers=retry_handlers(),
        logger=logging.getLogger("bots.slack.web"),
    )
