"""``/ask`` with its Share button, ``/draft-update`` with Post and Regenerate, and the feedback
buttons with their comment modal, over real HTTP with signed requests."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from slack_checks import expected_text, record, section_text
from slack_sender import SlackSender
from slack_standin import SlackStandIn, find_button

from assistant.service import Assistant
from bots.slack.answers import SHARE_ANSWER
from bots.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP
from bots.slack.drafts import POST_DRAFT, REGENERATE_DRAFT
from bots.slack.feedback import COMMENT_BLOCK, COMMENT_INPUT, FEEDBACK_VIEW

pytestmark = pytest.mark.integration


def responses(api: SlackStandIn, name: str, count: int = 1) -> list[dict[str, Any]]:
    """What the bot sent to one ``response_url`` (waiting for ``count`` posts)."""
    url = f"/response/{name}"
    api.wait_for(lambda calls: sum(c.args.get("_url") == url for c in calls) >= count)
    return [c.args for c in api.calls_to("response_url") if c.args.get("_url") == url]


def test_ask_answers_privately_and_shares_on_request(
    slack: SlackSender, slack_api: SlackStandIn, slack_assistant: Assistant
) -> None:
    started = time.monotonic()
    ack, name = slack.command("/ask", "Who owns monitoring and evaluation?")
    assert ack.status_code == 200 and time.monotonic() - started < 3
    assert ack.json()["response_type"] == "ephemeral" and "Looking up" in ack.json()["text"]

    reply = responses(slack_api, name)[0]
    assert reply["response_type"] == "ephemeral"
    question = "Who owns monitoring and evaluation?"
    assert section_text(reply["blocks"]) == expected_text(slack_assistant, question)
    assert not slack_api.calls_to("chat.postMessage"), "nothing public before Share"
    share = find_button(reply["blocks"], SHARE_ANSWER)

    clicked, click_name = slack.click({"action_id": SHARE_ANSWER, "value": share["value"]})
    assert clicked.status_code == 200
    posted = slack_api.wait_calls("chat.postMessage")[0].args
    assert posted["channel"] == "C0CHAN001" and "thread_ts" not in posted
    assert "<@UHUMAN01> asked" in json.dumps(posted["blocks"])
    find_button(posted["blocks"], FEEDBACK_UP)
    assert responses(slack_api, click_name)[0].get("delete_original") is True


def test_share_in_a_channel_without_the_bot_explains_how_to_invite_it(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    _, name = slack.command("/ask", "Who owns monitoring and evaluation?", channel="CNOTIN001")
    share = find_button(responses(slack_api, name)[0]["blocks"], SHARE_ANSWER)
    _, click_name = slack.click({"action_id": SHARE_ANSWER, "value": share["value"]}, "CNOTIN001")
    hint = responses(slack_api, click_name)[0]
    assert "/invite" in hint["text"] and hint.get("replace_original") is False


def test_ask_with_no_question_says_how_to_use_it(slack: SlackSender) -> None:
    ack, _ = slack.command("/ask", "   ")
    assert ack.status_code == 200 and "/ask <question>" in ack.json()["text"]


def test_draft_update_is_private_until_posted(slack: SlackSender, slack_api: SlackStandIn) -> None:
    ack, name = slack.command("/draft-update", "aim: aim 5 | owner: Maya")
    assert ack.status_code == 200 and "Drafting" in ack.json()["text"]
    draft = responses(slack_api, name)[0]
    assert draft["response_type"] == "ephemeral"
    blocks = draft["blocks"]
    record("draft", blocks)
    assert blocks[0]["type"] == "header" and len(blocks) <= 50
    assert json.dumps(blocks).count("[row") >= 1, "every bullet cites its log row"
    post = find_button(blocks, POST_DRAFT)
    regenerate = find_button(blocks, REGENERATE_DRAFT)
    assert json.loads(post["value"])["owner"] == "Maya"
    assert not slack_api.calls_to("chat.postMessage")

    _, again = slack.click({"action_id": REGENERATE_DRAFT, "value": regenerate["value"]})
    redrafted = responses(slack_api, again)[0]
    assert redrafted["replace_original"] is True and redrafted["blocks"][0]["type"] == "header"

    _, posting = slack.click({"action_id": POST_DRAFT, "value": post["value"]})
    posted = slack_api.wait_calls("chat.postMessage")[0].args
    assert posted["channel"] == "C0CHAN001"
    assert posted["blocks"][0] == blocks[0]
    assert "Posted by <@UHUMAN01>" in json.dumps(posted["blocks"][-1])
    assert not any(b["type"] == "actions" for b in posted["blocks"])
    assert responses(slack_api, posting)[0]["delete_original"] is True


def test_draft_update_explains_bad_arguments_and_unknown_names(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    ack, _ = slack.command("/draft-update", "owner:")
    assert "Usage" in ack.json()["text"]
    _, name = slack.command("/draft-update", "owner: Zebedee Quarterfield")
    assert "No owner matches" in responses(slack_api, name)[0]["text"]


def feedback_rows(assistant: Assistant, answer_id: str) -> list[dict[str, Any]]:
    return [r for r in assistant.components.store.feedback() if r["answer_id"] == answer_id]


def test_feedback_is_stored_once_with_an_optional_comment(
    slack: SlackSender, slack_api: SlackStandIn, slack_assistant: Assistant
) -> None:
    _, name = slack.command("/ask", "Who owns the innovation marketing strategy?")
    blocks = responses(slack_api, name)[0]["blocks"]
    answer_id = find_button(blocks, FEEDBACK_DOWN)["value"]
    message = {"type": "message", "ts": "1700000001.000200", "thread_ts": "1700000001.000100"}

    slack.click({"action_id": FEEDBACK_DOWN, "value": answer_id}, message=message)
    opened = slack_api.wait_calls("views.open")[0].args
    view = opened["view"]
    assert view["callback_id"] == FEEDBACK_VIEW and opened["trigger_id"].startswith("trigger.")
    assert feedback_rows(slack_assistant, answer_id) == [], "stored on submit, not on click"

    submission: dict[str, Any] = {
        "type": "view_submission",
        "team": {"id": "T0TEAM001"},
        "user": {"id": "UHUMAN01"},
        "api_app_id": "A0APP0001",
        "view": {
            "id": "VFEEDBACK1",
            "type": "modal",
            "callback_id": FEEDBACK_VIEW,
            "private_metadata": view["private_metadata"],
            "state": {
                "values": {
                    COMMENT_BLOCK: {
                        COMMENT_INPUT: {"type": "plain_text_input", "value": "Owner is wrong"}
                    }
                }
            },
        },
    }
    assert slack.interaction(submission).status_code == 200
    thanks = slack_api.wait_calls("chat.postEphemeral")[0].args
    assert thanks["thread_ts"] == "1700000001.000100" and "👎" in thanks["text"]
    rows = feedback_rows(slack_assistant, answer_id)
    assert [(r["rating"], r["comment"], r["surface"]) for r in rows] == [
        ("down", "Owner is wrong", "slack")
    ]
    assert rows[0]["question"] == "Who owns the innovation marketing strategy?"

    slack.click({"action_id": FEEDBACK_UP, "value": answer_id}, message=message)
    view = slack_api.wait_calls("views.open", 2)[1].args["view"]
    closed = {
        **submission,
        "type": "view_closed",
        "view": {
            **submission["view"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {}},
        },
    }
    slack.interaction(closed)
    slack_api.wait_calls("chat.postEphemeral", 2)
    ratings = [(r["rating"], r["comment"]) for r in feedback_rows(slack_assistant, answer_id)]
    assert ratings == [("down", "Owner is wrong"), ("up", None)]
