"""What Slack sends to ``/slack/events`` (events, slash commands, button presses, modal
submissions), signed with the signing secret exactly as Slack signs requests."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_standin import BOT_USER_ID, TEAM_ID, SlackStandIn

SIGNING_SECRET = "test-signing-secret-8f14e45f"


def sign(
    body: str | bytes, timestamp: int | str | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """Slack's request signature: ``v0=`` + HMAC-SHA256 over ``v0:{timestamp}:{body}``
    (any ``timestamp`` string is signed as given, as an attacker holding the secret could)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body if isinstance(body, bytes) else body.encode()
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def mention_event(api: SlackStandIn, channel: str, text: str) -> dict[str, str]:
    """An ``app_mention`` of the bot, its message stored in the stand-in like Slack would."""
    message = api.add_user_message(channel, f"<@{BOT_USER_ID}> {text}")
    return {**message, "type": "app_mention", "channel": channel}


class SlackSender:
    """Sends what Slack sends to ``/slack/events``: events, slash commands, interactions."""

    _ids = itertools.count(1)

    def __init__(self, base_url: str, api: SlackStandIn) -> None:
        self.url = f"{base_url}/slack/events"
        self.api = api
        self.http = httpx.Client(timeout=10)

    def post(
        self,
        body: str | bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        timestamp: int | str | None = None,
        secret: str = SIGNING_SECRET,
    ) -> httpx.Response:
        all_headers = {"Content-Type": content_type, **sign(body, timestamp, secret)}
        return self.http.post(self.url, content=body, headers={**all_headers, **(headers or {})})

    def event(
        self, event: dict[str, Any], event_id: str | None = None, retry_num: int | None = None
    ) -> httpx.Response:
        envelope = {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "api_app_id": "A0APP0001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "enterprise_id": None}
            ],
        }
        headers = (
            {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
            if retry_num
            else None
        )
        return self.post(json.dumps(envelope), "application/json", headers)

    def command(
        self, command: str, text: str, channel: str = "C0CHAN001", user: str = "UHUMAN01"
    ) -> tuple[httpx.Response, str]:
        """A slash command; returns the response and its ``response_url`` name."""
        name = f"cmd{next(self._ids)}"
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "strategy",
            "user_id": user,
            "user_name": "lead",
            "command": command,
            "text": text,
            "api_app_id": "A0APP0001",
            "response_url": self.api.response_url(name),
            "trigger_id": f"trigger.{name}",
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded"), name

    def interaction(self, payload: dict[str, Any]) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def click(
        self,
        action: dict[str, Any],
        channel: str = "C0CHAN001",
        user: str = "UHUMAN01",
        message: dict[str, Any] | None = None,
    ) -> tuple[httpx.Response, str]:
        """A button press (``block_actions``); returns the response and its response_url name."""
        name = f"act{next(self._ids)}"
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": "lead", "team_id": TEAM_ID},
            "api_app_id": "A0APP0001",
            "token": "legacy-verification-token",
            "team": {"id": TEAM_ID, "domain": "test"},
            "channel": {"id": channel, "name": "strategy"},
            "container": {
                "type": "message",
                "message_ts": (message or {}).get("ts", "1700000000.000001"),
                "channel_id": channel,
                "is_ephemeral": message is None,
            },
            "trigger_id": f"trigger.{name}",
            "response_url": self.api.response_url(name),
            "actions": [{"type": "button", "action_ts": str(time.time()), **action}],
        }
        if message is not None:
            payload["message"] = message
        return self.interaction(payload), name
