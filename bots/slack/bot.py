"""What every listener shares: the assistant, the public URL, recent replies, and the few
Web API steps (post, update, read a thread) that must log Slack errors instead of raising."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from assistant.drafts import DraftResult
from assistant.schemas import Answer, HistoryTurn
from assistant.service import Assistant
from bots.slack.blocks import SlackMessage
from bots.slack.memory import MemorySeenOnce, Recent, SeenOnce
from bots.slack.text import thread_history

log = logging.getLogger("bots.slack")

SORRY = (
    "Sorry, something went wrong while answering. It has been logged; please try again in a "
    "minute, or ask on the web page."
)


@dataclass
class SlackBot:
    """State shared by the listeners of one bolt App (one per process)."""

    assistant: Assistant
    public_base_url: str | None = None
    seen: SeenOnce = field(default_factory=MemorySeenOnce)  # app.py passes the shared one
    answers: Recent[Answer] = field(default_factory=Recent)
    drafts: Recent[DraftResult] = field(default_factory=Recent)


def slack_error(exc: SlackApiError) -> str:
    """The ``error`` code Slack returned (``not_in_channel`` …), for logs and user hints."""
    response = exc.response
    data = response.data if response is not None else None
    return str(data.get("error", "unknown")) if isinstance(data, dict) else "unknown"


def try_call(what: str, call: Any, **kwargs: Any) -> dict[str, Any] | None:
    """Call a Web API method; on a Slack error log it and return None (never raise)."""
    try:
        response = call(**kwargs)
        return dict(response.data) if isinstance(response.data, dict) else {}
    except SlackApiError as exc:
        log.warning("Slack %s failed: %s", what, slack_error(exc))
    except Exception:
        log.exception("Slack %s failed", what)
    return None


def deliver_in_thread(
    client: WebClient,
    channel: str,
    thread_ts: str,
    messages: Sequence[SlackMessage],
    replace_ts: str | None = None,
) -> list[str]:
    """Post ``messages`` in a thread, the first one replacing ``replace_ts`` (the placeholder)
    when given. Returns the timestamps posted; failures are logged, never raised."""
    posted: list[str] = []
    for index, message in enumerate(messages):
        result = None
        if index == 0 and replace_ts:
            result = try_call(
                "chat.update", client.chat_update, channel=channel, ts=replace_ts, **message
            )
        if result is None:
            result = try_call(
                "chat.postMessage",
                client.chat_postMessage,
                channel=channel,
                thread_ts=thread_ts,
                unfurl_links=False,
                **message,
            )
        if result is not None and result.get("ts"):
            posted.append(str(result["ts"]))
    return posted


def read_thread(
    client: WebClient,
    channel: str,
    thread_ts: str,
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None,
) -> list[HistoryTurn]:
    """The thread's earlier turns as history (empty when Slack will not give them)."""
    data = try_call(
        "conversations.replies",
        client.conversations_replies,
        channel=channel,
        ts=thread_ts,
        limit=100,
    )
    messages = (data or {}).get("messages") or []
    return thread_history(messages, before_ts, bot_user_id, bot_id)
