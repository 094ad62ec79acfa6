"""Mentions and DMs over real HTTP: answered in their thread, with sources and feedback buttons,
follow-ups reading the thread, retries and bot messages never answered."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from slack_sender import SlackSender
from slack_standin import BOT_ID, BOT_USER_ID, SlackStandIn, find_button

from bots.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP

pytestmark = pytest.mark.integration

CHANNEL = "C0CHAN001"
QUESTION = "What is the status of the innovation marketing strategy?"


def record(name: str, blocks: Any) -> None:
    """With SLACK_RECORD_DIR set, keep the Block Kit JSON the stand-in received (for docs)."""
    folder = os.environ.get("SLACK_RECORD_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.json").write_text(json.dumps(blocks, indent=2, ensure_ascii=False))


def mention(
    slack: SlackSender,
    api: SlackStandIn,
    text: str,
    channel: str = CHANNEL,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """A person mentions the bot: stored in the stand-in (for history) and sent as an event."""
    message = api.add_user_message(channel, f"<@{BOT_USER_ID}> {text}", thread_ts=thread_ts)
    event = {
        "type": "app_mention",
        "user": message["user"],
        "text": message["text"],
        "ts": message["ts"],
        "channel": channel,
        "event_ts": message["ts"],
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    started = time.monotonic()
    response = slack.event(event)
    assert response.status_code == 200
    assert time.monotonic() - started < 3, "Slack needs the ack within 3 seconds"
    return message


def answer_update(api: SlackStandIn, count: int = 1) -> dict[str, Any]:
    """The ``count``-th chat.update (the placeholder replaced by an answer)."""
    return api.wait_calls("chat.update", count)[count - 1].args


def section_text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def test_mention_is_answered_in_its_thread_with_sources(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    question = mention(slack, slack_api, QUESTION)
    update = answer_update(slack_api)

    reaction = slack_api.calls_to("reactions.add")[0].args
    assert (reaction["channel"], reaction["timestamp"]) == (CHANNEL, question["ts"])
    placeholder = slack_api.calls_to("chat.postMessage")[0].args
    assert placeholder["thread_ts"] == question["ts"], "the placeholder goes in the thread"
    assert all(c.args.get("thread_ts") for c in slack_api.calls_to("chat.postMessage"))
    stored = slack_api.messages[CHANNEL][-1]
    assert update["ts"] == stored["ts"] and stored["thread_ts"] == question["ts"]

    blocks = update["blocks"]
    record("answer", blocks)
    assert "Maya" in section_text(blocks) and "[1]" in section_text(blocks)
    sources = [b for b in blocks if b["type"] == "context"]
    first = sources[0]["elements"][0]["text"]
    assert first.startswith("*[1]* <https://assistant.example.org/#cite=")
    assert "Lancashire Innovation Action Agenda" in first
    assert find_button(blocks, FEEDBACK_UP)["value"] == find_button(blocks, FEEDBACK_DOWN)["value"]
    assert "Maya" in update["text"], "the fallback text carries the answer (notifications, history)"


def test_direct_message_is_answered_in_its_thread(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    dm = "D0DIRECT1"
    message = slack_api.add_user_message(dm, "Who owns monitoring and evaluation?")
    event = {**message, "channel": dm, "channel_type": "im", "event_ts": message["ts"]}
    assert slack.event(event).status_code == 200
    update = answer_update(slack_api)
    assert update["channel"] == dm
    assert slack_api.calls_to("chat.postMessage")[0].args["thread_ts"] == message["ts"]
    assert "Maya" in section_text(update["blocks"])


def test_follow_up_in_a_thread_uses_the_earlier_turns(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    root = mention(slack, slack_api, QUESTION)
    answer_update(slack_api, 1)
    mention(slack, slack_api, "and who owns it?", thread_ts=root["ts"])
    follow_up = answer_update(slack_api, 2)

    replies = slack_api.calls_to("conversations.replies")
    assert [(c.args["channel"], c.args["ts"]) for c in replies] == [(CHANNEL, root["ts"])]
    text = section_text(follow_up["blocks"])
    assert "Maya" in text and "Marketing Strategy" in text, text
    assert all(c.args["thread_ts"] == root["ts"] for c in slack_api.calls_to("chat.postMessage"))


def test_a_retried_or_repeated_event_is_answered_once(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    question = slack_api.add_user_message(
        "D0DIRECT2", "Who owns the innovation marketing strategy?"
    )
    event = {**question, "channel": "D0DIRECT2", "channel_type": "im", "event_ts": question["ts"]}
    assert slack.event(event, event_id="EvRETRY01").status_code == 200
    retry = slack.event(event, event_id="EvRETRY01", retry_num=1)
    assert retry.status_code == 200 and retry.headers.get("x-slack-no-retry") == "1"
    assert slack.event(event, event_id="EvAGAIN01").status_code == 200  # same message, new id
    answer_update(slack_api)

    sentinel = slack_api.add_user_message("D0DIRECT2", "Who owns monitoring and evaluation?")
    slack.event({**sentinel, "channel": "D0DIRECT2", "channel_type": "im"})
    answer_update(slack_api, 2)
    threads = [c.args["thread_ts"] for c in slack_api.calls_to("chat.postMessage")]
    assert threads.count(question["ts"]) == 1, threads


def test_messages_from_bots_are_ignored(slack: SlackSender, slack_api: SlackStandIn) -> None:
    dm = "D0DIRECT3"
    own = {
        "type": "message",
        "channel": dm,
        "channel_type": "im",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "text": "an answer",
        "ts": slack_api.next_ts(),
    }
    other = {
        "type": "message",
        "subtype": "bot_message",
        "channel": dm,
        "channel_type": "im",
        "bot_id": "BOTHER001",
        "text": "beep",
        "ts": slack_api.next_ts(),
    }
    edit = {
        "type": "message",
        "subtype": "message_changed",
        "channel": dm,
        "channel_type": "im",
        "ts": slack_api.next_ts(),
        "message": {"text": "edited"},
    }
    for event in (own, other, edit):
        assert slack.event(event).status_code == 200
    person = slack_api.add_user_message(dm, "Who owns monitoring and evaluation?")
    slack.event({**person, "channel": dm, "channel_type": "im"})
    answer_update(slack_api)
    assert [c.args["thread_ts"] for c in slack_api.calls_to("chat.postMessage")] == [person["ts"]]
    assert len(slack_api.calls_to("reactions.add")) == 1


def test_a_rate_limited_web_api_call_is_retried(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    slack_api.fail_next("chat.update", status=429)
    mention(slack, slack_api, QUESTION, channel="C0CHAN429")
    updates = slack_api.wait_calls("chat.update", 2)
    assert updates[0].args["ts"] == updates[1].args["ts"]
    assert "Maya" in section_text(slack_api.messages["C0CHAN429"][-1]["blocks"])
    assert len(slack_api.calls_to("chat.postMessage")) == 1, "retried, not re-posted"
