"""Slack message text in, plain questions and history turns out.

Slack sends mrkdwn with escapes (``&amp;``), mentions (``<@U123>``) and links (``<url|label>``);
the assistant wants the words a person typed. A thread read back with ``conversations.replies``
becomes :class:`HistoryTurn`s so a follow-up ("and who owns it?") has its context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.schemas import HistoryTurn

THINKING_TEXT = ":mag: Looking through the plans and action logs…"
MAX_TURN_CHARS = 4000
MAX_TURNS = 12

_LINK = re.compile(r"<(?P<target>[^<>|]+)(?:\|(?P<label>[^<>]*))?>")


def slack_to_plain(text: str, bot_user_id: str | None = None) -> str:
    """Drop the bot's own mention, show other links by their label, undo Slack's escaping."""

    def link(match: re.Match[str]) -> str:
        target, label = match["target"], match["label"]
        if target.startswith("@"):
            return "" if bot_user_id and target[1:] == bot_user_id else f"@{label or target[1:]}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            return ""
        return label or target

    plain = _LINK.sub(link, text)
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(plain.split())


def ts_key(ts: str) -> tuple[int, int]:
    """Slack timestamps ("1700000000.000100") compared exactly, not as floats."""
    seconds, _, fraction = ts.partition(".")
    return int(seconds or 0), int(fraction.ljust(6, "0")[:6] or 0)


def is_from_a_bot(message: Mapping[str, Any]) -> bool:
    return bool(message.get("bot_id")) or message.get("subtype") == "bot_message"


def thread_history(
    messages: Iterable[Mapping[str, Any]],
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None,
) -> list[HistoryTurn]:
    """Turns of a thread before ``before_ts``: people are "user", this bot is "assistant";
    other bots and the bot's unfinished placeholders are left out; same-role runs are joined."""
    turns: list[HistoryTurn] = []
    limit = ts_key(before_ts)
    for message in messages:
        ts = str(message.get("ts", ""))
        if not ts or ts_key(ts) >= limit:
            continue
        text = str(message.get("text") or "")
        ours = (bot_id and message.get("bot_id") == bot_id) or (
            bot_user_id and message.get("user") == bot_user_id
        )
        if ours:
            role = "assistant"
            if text == THINKING_TEXT or text == "(answer continued)":
                continue
        elif is_from_a_bot(message):
            continue
        else:
            role = "user"
            text = slack_to_plain(text, bot_user_id)
        text = text.strip()
        if not text:
            continue
        if turns and turns[-1].role == role:
            joined = f"{turns[-1].content}\n{text}"[:MAX_TURN_CHARS]
            turns[-1] = HistoryTurn(role=turns[-1].role, content=joined)
        else:
            turns.append(HistoryTurn(role=role, content=text[:MAX_TURN_CHARS]))
    return turns[-MAX_TURNS:]
