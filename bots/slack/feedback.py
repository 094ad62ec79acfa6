"""👍 / 👎 on any answer: a small modal for an optional comment, then one feedback record
(``surface="slack"``) in the same store as the web's feedback.

The rating is stored exactly once: when the modal is submitted (with the comment) or closed
(without one); if the modal cannot be opened, at once. So no click is lost and none counts
twice.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Literal

from slack_bolt import Ack, App
from slack_sdk.web import WebClient

from bots.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP, Block
from bots.slack.bot import SlackBot, try_call

log = logging.getLogger("bots.slack")

FEEDBACK_VIEW = "answer_feedback"
COMMENT_BLOCK = "comment"
COMMENT_INPUT = "comment_text"
Rating = Literal["up", "down"]


def feedback_view(rating: Rating, metadata: dict[str, str]) -> Block:
    """The modal: an optional multi-line comment; its metadata says what is being rated."""
    prompt = "What was useful?" if rating == "up" else "What was wrong or missing?"
    return {
        "type": "modal",
        "callback_id": FEEDBACK_VIEW,
        "notify_on_close": True,
        "private_metadata": json.dumps(metadata)[:3000],
        "title": {"type": "plain_text", "text": "Feedback"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": f"Thanks for the {'👍' if rating == 'up' else '👎'}. Add a comment "
                    "if you like; it helps us improve the answers.",
                },
            },
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": prompt},
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_INPUT,
                    "multiline": True,
                    "max_length": 2000,
                },
            },
        ],
    }


def comment_of(view: dict[str, Any]) -> str | None:
    values = view.get("state", {}).get("values", {})
    text = values.get(COMMENT_BLOCK, {}).get(COMMENT_INPUT, {}).get("value")
    return (text.strip() or None) if isinstance(text, str) else None


def register_feedback(app: App, bot: SlackBot) -> None:
    """The two buttons, and the modal's submit and close."""

    def store(client: WebClient, meta: dict[str, str], comment: str | None) -> None:
        rating: Rating = "up" if meta.get("r") == "up" else "down"
        try:
            bot.assistant.feedback(meta.get("a", ""), rating, comment, surface="slack")
        except Exception:
            log.exception("storing Slack feedback for answer %s failed", meta.get("a"))
            return
        if meta.get("c") and meta.get("u"):
            kwargs = {"thread_ts": meta["t"]} if meta.get("t") else {}
            try_call(
                "chat.postEphemeral",
                client.chat_postEphemeral,
                channel=meta["c"],
                user=meta["u"],
                text=f"Thanks, your {'👍' if rating == 'up' else '👎'} was recorded.",
                **kwargs,
            )

    def ack_now(ack: Ack) -> None:
        ack()

    def on_button(body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        rating: Rating = "up" if action.get("action_id") == FEEDBACK_UP else "down"
        container = body.get("container") or {}
        message = body.get("message") or {}
        meta = {
            "a": str(action.get("value") or ""),
            "r": rating,
            "u": str(body.get("user", {}).get("id", "")),
            "c": str((body.get("channel") or {}).get("id") or container.get("channel_id") or ""),
            "t": str(message.get("thread_ts") or container.get("thread_ts") or ""),
        }
        opened = try_call(
            "views.open",
            client.views_open,
            trigger_id=body.get("trigger_id", ""),
            view=feedback_view(rating, meta),
        )
        if opened is None:  # no modal, no comment: keep the rating anyway
            store(client, meta, None)

    def on_submit(view: dict[str, Any], client: WebClient) -> None:
        store(client, json.loads(view.get("private_metadata") or "{}"), comment_of(view))

    def on_close(view: dict[str, Any], client: WebClient) -> None:
        store(client, json.loads(view.get("private_metadata") or "{}"), None)

    app.action(FEEDBACK_UP)(ack=ack_now, lazy=[on_button])
    app.action(FEEDBACK_DOWN)(ack=ack_now, lazy=[on_button])
    app.view_submission(FEEDBACK_VIEW)(ack=ack_now, lazy=[on_submit])
    app.view_closed(FEEDBACK_VIEW)(ack=ack_now, lazy=[on_close])
