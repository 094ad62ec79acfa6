"""``POST /slack/events`` itself: signatures, URL verification without Slack, the web app's
own ``create_app`` hook, and an answer too long for one message."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from slack_checks import section_text
from slack_live import LiveServer, slack_settings
from slack_sender import SlackSender, mention_event
from slack_standin import SlackStandIn

from assistant.schemas import Answer, HistoryTurn
from assistant.service import Assistant
from bots.slack.blocks import MAX_BLOCKS, MAX_SECTION, answer_mrkdwn
from bots.slack_http import mount_slack_events

pytestmark = pytest.mark.integration


def test_bad_signature_and_old_timestamp_are_rejected(
    slack: SlackSender, slack_api: SlackStandIn
) -> None:
    body = json.dumps({"type": "event_callback", "event": mention_event(slack_api, "C0SIG", "hi")})
    wrong = slack.post(body, "application/json", secret="not-the-secret")
    stale = slack.post(body, "application/json", timestamp=int(time.time()) - 10 * 60)
    unsigned = httpx.post(slack.url, content=body, headers={"Content-Type": "application/json"})
    assert (wrong.status_code, stale.status_code, unsigned.status_code) == (401, 401, 401)
    assert not [c for c in slack_api.calls if c.method != "auth.test"]


def test_url_verification_answers_the_challenge(slack: SlackSender) -> None:
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"}
    )
    response = slack.post(body, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


def test_web_app_starts_and_verifies_urls_while_slack_is_unreachable(
    slack_assistant: Assistant,
    slack_api: SlackStandIn,
    port: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="bots.slack")
    settings = slack_settings(
        slack_assistant.settings.data_dir,
        f"http://127.0.0.1:{port}/api/",  # nothing listens
    )
    app = FastAPI()
    app.state.settings = settings
    mount_slack_events(app, slack_assistant)
    with LiveServer(app) as url:
        sender = SlackSender(url, slack_api)
        body = json.dumps({"token": "t", "challenge": "offline-ok", "type": "url_verification"})
        assert sender.post(body, "application/json").json() == {"challenge": "offline-ok"}
        deadline = time.monotonic() + 20
        while "Slack is not reachable" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Slack is not reachable" in caplog.text


def test_the_web_apps_create_app_serves_slack_events(
    slack_assistant: Assistant, slack_api: SlackStandIn
) -> None:
    create_app = pytest.importorskip("assistant.web.app").create_app
    app = create_app(slack_assistant.settings, assistant=slack_assistant)
    if not any(getattr(r, "path", None) == "/slack/events" for r in app.routes):
        pytest.skip("create_app does not mount /slack/events yet")
    with LiveServer(app) as url:
        sender = SlackSender(url, slack_api)
        event = mention_event(slack_api, "C0WEBAPP1", "Who owns monitoring and evaluation?")
        assert sender.event(event).status_code == 200
        update = slack_api.wait_calls("chat.update")[0].args
        assert update["channel"] == "C0WEBAPP1" and section_text(update["blocks"])


class LongAnswers(Assistant):
    """The real assistant, its answer repeated into ~200k characters (no Slack involved)."""

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        *args: object,
        **kwargs: object,
    ) -> Answer:
        answer = super().ask(question, history)
        paragraph = (answer.answer.replace("\n", " ") + " ") * (
            2400 // max(len(answer.answer), 1) + 1
        )
        text = "\n\n".join(f"Part {i}: {paragraph[:2400]}" for i in range(80))
        return answer.model_copy(update={"answer": text})


def test_an_answer_too_long_for_one_message_is_split_in_the_thread(
    slack_assistant: Assistant, slack_api: SlackStandIn, tmp_path: Path
) -> None:
    long_assistant = LongAnswers(slack_assistant.components)
    app = FastAPI()
    mount_slack_events(app, long_assistant)
    with LiveServer(app) as url:
        sender = SlackSender(url, slack_api)
        event = mention_event(slack_api, "C0LONG001", "Who owns monitoring and evaluation?")
        assert sender.event(event).status_code == 200
        slack_api.wait_for(
            lambda calls: any(
                c.method == "chat.postMessage" and c.args.get("text") == "(answer continued)"
                for c in calls
            )
        )
    update = slack_api.calls_to("chat.update")[0].args
    posts = slack_api.calls_to("chat.postMessage")
    continued = [c.args for c in posts if c.args.get("text") == "(answer continued)"]
    messages = [update, *continued]
    assert len(messages) == 2
    assert all(c.args["thread_ts"] == event["ts"] for c in posts)
    for message in messages:
        assert len(message["blocks"]) <= MAX_BLOCKS
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= MAX_SECTION
    assert messages[-1]["blocks"][-1]["type"] == "actions", "buttons close the whole answer"
    assert not any(b["type"] == "actions" for b in messages[0]["blocks"])
    shown = " ".join(section_text(m["blocks"]) for m in messages)
    whole = answer_mrkdwn(long_assistant.ask("Who owns monitoring and evaluation?").answer)
    assert shown.split() == whole.split(), "nothing lost or duplicated between the pieces"
    assert len(update["text"]) <= 4000
