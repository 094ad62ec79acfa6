"""Mentions and DMs over real HTTP: answered in their thread, with sources and feedback buttons,
follow-ups reading the thread, retries and bot messages never answered."""

from __future__ import annotations

import time
from typing import Any

import pytest
from slack_checks import expected_text, record, section_text
from slack_sender import SlackSender
from slack_standin import BOT_ID, BOT_USER_ID, SlackStandIn, find_button

from assistant.schemas import HistoryTurn
from assistant.service import Assistant
from bots.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP

pytestmark = pytest.mark.integration

CHANNEL = "C0CHAN001"
QUESTION = "What is the status of the innovation marketing strategy?"


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


def test_mention_is_answered_in_its_thread_with_sources(
    slack: SlackSender, slack_api: SlackStandIn, slack_assistant: Assistant
) -> None:
    expected = slack_assistant.ask(QUESTION)
    assert expected.citations, "precondition: the corpus answers this question with sources"
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
    assert section_text(blocks) == expected_text(slack_assistant, QUESTION)
    sources = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert len(sources) == len(expected.citations)
    assert sources[0].startswith("*[1]* <https://assistant.example.org/#cite=")
    assert expected.citations[0].title in sources[0]
    assert find_button(blocks, FEEDBACK_UP)["value"] == find_button(blocks, FEEDBACK_DOWN)["value"]
    assert update["text"] == expected.answer, "fallback text carries the answer (history, alerts)"


def test_direct_message_is_answered_in_its_thread(
    slack: SlackSender, slack_api: SlackStandIn, slack_assistant: Assistant
) -> None:
    dm = "D0DIRECT1"
    message = slack_api.add_user_message(dm, "Who owns monitoring and evaluation?")
    event = {**message, "channel": dm, "channel_type": "im", "event_ts": message["ts"]}
    assert slack.event(event).status_code == 200
    update = answer_update(slack_api)
    assert update["channel"] == dm
    assert slack_api.calls_to("chat.postMessage")[0].args["thread_ts"] == message["ts"]
    question = "Who owns monitoring and evaluation?"
    assert section_text(update["blocks"]) == expected_text(slack_assistant, question)


def test_follow_up_in_a_thread_uses_the_earlier_turns(
    slack: SlackSender, slack_api: SlackStandIn, slack_assistant: Assistant
) -> None:
    root = mention(slack, slack_api, QUESTION)
    first = answer_update(slack_api, 1)
    mention(slack, slack_api, "and who owns it?", thread_ts=root["ts"])
    follow_up = answer_update(slack_api, 2)

    replies = slack_api.calls_to("conversations.replies")
    assert [(c.args["channel"], c.args["ts"]) for c in replies] == [(CHANNEL, root["ts"])]
    history = [
        HistoryTurn(role="user", content=QUESTION),
        HistoryTurn(role="assistant", content=first["text"]),
    ]
    with_history = expected_text(slack_assistant, "and who owns it?", history)
    assert section_text(follow_up["blocks"]) == with_history
    assert with_history != expected_text(slack_assistant, "and who owns it?"), "history matters"
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
    assert slack_api.messages["C0CHAN429"][-1]["blocks"] == updates[1].args["blocks"]
    assert len(slack_api.calls_to("chat.postMessage")) == 1, "retried, not re-posted"
