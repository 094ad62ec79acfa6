"""Questions from Slack: mentions and direct messages (answered in their thread) and ``/ask``
(answered privately, with a button to share the answer in the channel).

Each listener acknowledges at once and does the slow work (retrieval, generation) in a bolt
lazy listener, so Slack always gets its reply within 3 seconds.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from assistant.schemas import Answer, HistoryTurn
from assistant.service import QuestionError
from bots.slack.blocks import (
    SlackMessage,
    answer_messages,
    button,
    context,
    cut,
    notice_message,
)
from bots.slack.bot import SORRY, SlackBot, deliver_in_thread, read_thread, slack_error, try_call
from bots.slack.text import THINKING_TEXT, is_from_a_bot, slack_to_plain

log = logging.getLogger("bots.slack")

SHARE_ANSWER = "share_answer"
ASK_USAGE = "Usage: `/ask <question>`, e.g. `/ask Who owns the innovation marketing strategy?`"


def _quote(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _answer_or_notice(
    bot: SlackBot, question: str, history: list[HistoryTurn] | None = None
) -> tuple[Answer | None, list[SlackMessage]]:
    """Ask the assistant; a bad question or a failure becomes a safe message."""
    try:
        answer = bot.assistant.ask(question, history or None)
    except QuestionError as exc:
        return None, [notice_message(str(exc))]
    except Exception:
        log.exception("answering %r failed", question[:200])
        return None, [notice_message(SORRY)]
    return answer, answer_messages(answer, bot.public_base_url)


def answer_in_thread(
    bot: SlackBot, client: WebClient, event: dict[str, Any], ctx: BoltContext
) -> None:
    """👀 on the question, a placeholder in its thread, then the answer in its place."""
    channel, ts = str(event["channel"]), str(event["ts"])
    if not bot.seen.first(f"{channel}:{ts}"):
        log.info("message %s in %s already answered; ignoring the repeat", ts, channel)
        return
    thread_ts = str(event.get("thread_ts") or ts)
    question = slack_to_plain(str(event.get("text") or ""), ctx.bot_user_id)
    try_call("reactions.add", client.reactions_add, channel=channel, timestamp=ts, name="eyes")
    placeholder = try_call(
        "chat.postMessage",
        client.chat_postMessage,
        channel=channel,
        thread_ts=thread_ts,
        text=THINKING_TEXT,
    )
    history: list[HistoryTurn] = []
    if event.get("thread_ts"):  # a reply in a thread: earlier turns give "it" its meaning
        history = read_thread(client, channel, thread_ts, ts, ctx.bot_user_id, ctx.bot_id)
    _, messages = _answer_or_notice(bot, question, history)
    replace = str(placeholder["ts"]) if placeholder and placeholder.get("ts") else None
    deliver_in_thread(client, channel, thread_ts, messages, replace_ts=replace)


def register_answers(app: App, bot: SlackBot) -> None:
    """Mentions, direct messages, ``/ask`` and its "Share in channel" button."""

    def ack_now(ack: Ack) -> None:
        ack()

    def on_mention(client: WebClient, event: dict[str, Any], context: BoltContext) -> None:
        if is_from_a_bot(event):
            return
        answer_in_thread(bot, client, event, context)

    def on_message(client: WebClient, event: dict[str, Any], context: BoltContext) -> None:
        # Only people's new messages in a DM with the bot; edits, joins and bots are ignored.
        if event.get("channel_type") != "im" or event.get("subtype") or is_from_a_bot(event):
            return
        answer_in_thread(bot, client, event, context)

    def ack_ask(ack: Ack, command: dict[str, Any]) -> None:
        try:
            question = bot.assistant.check_question(str(command.get("text") or ""))
        except QuestionError as exc:
            ack(response_type="ephemeral", text=f"{exc} {ASK_USAGE}")
            return
        ack(response_type="ephemeral", text=f":mag: Looking up: _{_quote(cut(question, 500))}_")

    def run_ask(command: dict[str, Any], respond: Respond) -> None:
        question = str(command.get("text") or "")
        try:
            bot.assistant.check_question(question)
        except QuestionError:
            return  # ack() already said what is wrong
        answer, messages = _answer_or_notice(bot, question)
        if answer is not None:
            bot.answers.put(answer.id, answer)
            value = json.dumps({"a": answer.id, "q": question[:1500]})
            share = button("Share in channel", SHARE_ANSWER, value, style="primary")
            messages = answer_messages(answer, bot.public_base_url, extra_buttons=[share])
        for message in messages:
            try:
                respond(response_type="ephemeral", **message)
            except Exception:
                log.exception("could not send the /ask answer through response_url")

    def share_answer(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        data = json.loads(action.get("value") or "{}")
        user = body.get("user", {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get(
            "channel_id"
        )
        answer = bot.answers.get(str(data.get("a", "")))
        if answer is None:  # another process answered it, or it expired: ask again
            answer, _ = _answer_or_notice(bot, str(data.get("q", "")))
        if answer is None or not channel:
            respond(response_type="ephemeral", replace_original=False, text=SORRY)
            return
        asked = context(f"<@{user}> asked: _{_quote(cut(answer.question, 1500))}_")
        messages = answer_messages(answer, bot.public_base_url, preface=[asked])
        try:
            first = client.chat_postMessage(channel=channel, unfurl_links=False, **messages[0])
        except SlackApiError as exc:
            error = slack_error(exc)
            log.warning("sharing answer %s in %s failed: %s", answer.id, channel, error)
            hint = (
                "I'm not in this channel: add me with `/invite @Strategy Assistant`, then press "
                "Share again."
                if error in {"not_in_channel", "channel_not_found"}
                else f"Slack would not let me post here ({error})."
            )
            respond(response_type="ephemeral", replace_original=False, text=hint)
            return
        deliver_in_thread(client, channel, str(first["ts"]), messages[1:])
        respond(delete_original=True)

    app.event("app_mention")(ack=ack_now, lazy=[on_mention])
    app.event("message")(ack=ack_now, lazy=[on_message])
    app.command("/ask")(ack=ack_ask, lazy=[run_ask])
    app.action(SHARE_ANSWER)(ack=ack_now, lazy=[share_answer])
