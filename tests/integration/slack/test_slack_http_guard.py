"""``POST /slack/events`` under attack and under a failing Slack: the signature is checked on
the raw bytes before anything is parsed (401, fast, one log line, no traceback), a signed body
bolt cannot read is a 400, the ack never waits on the Web API, and signed requests are rate
limited (429 with ``Retry-After``)."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI
from slack_live import LiveServer, slack_settings
from slack_sender import SlackSender, mention_event, sign
from slack_standin import SlackStandIn

from assistant.service import Assistant
from bots.slack_http import mount_slack_events

pytestmark = pytest.mark.integration

SLACK_ACK_DEADLINE_S = 3.0
NESTED = "[" * 100_000 + "]" * 100_000
JUNK = {"empty-array": "[]", "invalid-json": '{"type": "event_callback",', "nested": NESTED}
CHALLENGE = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})


@pytest.fixture
def server_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """What the app and uvicorn log (uvicorn's loggers do not propagate to the root one).
    Use after the server has started: starting uvicorn reconfigures its loggers."""
    caplog.set_level(logging.INFO)
    server = logging.getLogger("uvicorn")
    server.addHandler(caplog.handler)
    yield caplog
    server.removeHandler(caplog.handler)


def assert_one_short_line(logs: pytest.LogCaptureFixture, status: int) -> None:
    """The server and the route logged one short line and no traceback (other bots.slack
    loggers are left out: listener threads of earlier tests may still be logging)."""
    ours = [r for r in logs.records if r.name.startswith(("uvicorn", "bots.slack.http"))]
    assert not [r for r in ours if r.exc_info], "a client error logged a traceback"
    lines = [r.getMessage() for r in ours]
    assert len(lines) == 1 and f"refused with {status}" in lines[0] and len(lines[0]) < 200, lines


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.json()["error"]["code"] == code
    assert len(response.content) < 500


@pytest.mark.parametrize("body", list(JUNK.values()), ids=list(JUNK))
def test_unsigned_junk_is_refused_before_it_is_parsed(
    slack: SlackSender, slack_api: SlackStandIn, server_logs: pytest.LogCaptureFixture, body: str
) -> None:
    started = time.monotonic()
    response = slack.http.post(
        slack.url, content=body, headers={"Content-Type": "application/json"}
    )
    assert time.monotonic() - started < 1.5
    assert_error(response, 401, "unauthorized")
    assert_one_short_line(server_logs, 401)
    assert not [c for c in slack_api.calls if c.method != "auth.test"]


def post_challenge(slack: SlackSender, **headers: str) -> httpx.Response:
    content_type = {"Content-Type": "application/json"}
    return slack.http.post(slack.url, content=CHALLENGE, headers={**content_type, **headers})


def _now(offset_s: int = 0) -> int:
    return int(time.time()) + offset_s


BAD_HEADERS: dict[str, Callable[[], dict[str, str]]] = {
    # built when the test runs, so "stale" and "future" do not drift while the session runs
    "timestamp-abc": lambda: sign(CHALLENGE, "abc"),
    "timestamp-float": lambda: sign(CHALLENGE, f"{time.time():.3f}"),
    "timestamp-negative": lambda: sign(CHALLENGE, "-1"),
    "timestamp-huge": lambda: sign(CHALLENGE, "9" * 40),
    "wrong-secret": lambda: sign(CHALLENGE, secret="not-the-secret"),
    "stale": lambda: sign(CHALLENGE, _now(-6 * 60)),
    "future": lambda: sign(CHALLENGE, _now(6 * 60)),
    "other-body": lambda: sign(CHALLENGE.replace("c-123", "c-456")),
    "signature-not-hex": lambda: {**sign(CHALLENGE), "X-Slack-Signature": "v0=" + "zz" * 32},
    "signature-v1": lambda: {**sign(CHALLENGE), "X-Slack-Signature": "v1=abc"},
    "no-signature": lambda: {"X-Slack-Request-Timestamp": str(_now())},
    "no-timestamp": lambda: {"X-Slack-Signature": sign(CHALLENGE)["X-Slack-Signature"]},
}


@pytest.mark.parametrize("headers", list(BAD_HEADERS.values()), ids=list(BAD_HEADERS))
def test_a_bad_signature_or_timestamp_is_401(
    slack: SlackSender,
    server_logs: pytest.LogCaptureFixture,
    headers: Callable[[], dict[str, str]],
) -> None:
    assert_error(post_challenge(slack, **headers()), 401, "unauthorized")
    assert_one_short_line(server_logs, 401)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        *[pytest.param(body, "application/json", id=name) for name, body in JUNK.items()],
        pytest.param(b"\xff\xfe{}", "application/json", id="not-utf8"),
        pytest.param('"a string"', "application/json", id="json-string"),
        pytest.param('{"authorizations": 5}', "application/json", id="wrong-shape"),
        pytest.param("payload=%7Bnot+json", "application/x-www-form-urlencoded", id="bad-payload"),
    ],
)
def test_a_signed_body_bolt_cannot_read_is_400(
    slack: SlackSender,
    slack_api: SlackStandIn,
    server_logs: pytest.LogCaptureFixture,
    body: str | bytes,
    content_type: str,
) -> None:
    assert_error(slack.post(body, content_type), 400, "bad_request")
    assert_one_short_line(server_logs, 400)
    assert not [c for c in slack_api.calls if c.method != "auth.test"]


def test_signed_url_verification_still_answers(slack: SlackSender) -> None:
    response = slack.post(CHALLENGE, "application/json")
    assert response.status_code == 200 and response.json() == {"challenge": "c-123"}


@contextmanager
def hanging_port() -> Iterator[int]:
    """A port whose connections are accepted by the kernel but never answered; closing it
    resets them, so whatever still waits fails at once."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


@contextmanager
def failing_web_api(kind: str, port: int, standin: SlackStandIn) -> Iterator[str]:
    """The ``slack_api_url`` of a Web API that is unreachable, hangs, or fails ``auth.test``."""
    if kind == "unreachable":
        yield f"http://127.0.0.1:{port}/api/"  # nothing listens
    elif kind == "hanging":
        with hanging_port() as hanging:
            yield f"http://127.0.0.1:{hanging}/api/"
    else:
        standin.fail_next("auth.test", status=500, times=1000)
        yield standin.api_url


@pytest.mark.parametrize("kind", ["unreachable", "hanging", "auth-test-erroring"])
def test_events_are_acknowledged_in_time_whatever_the_web_api_does(
    slack_assistant: Assistant, slack_api: SlackStandIn, port: int, kind: str
) -> None:
    with failing_web_api(kind, port, slack_api) as api_url:
        app = FastAPI()
        app.state.settings = slack_settings(slack_assistant.settings.data_dir, api_url)
        mount_slack_events(app, slack_assistant)
        with LiveServer(app) as url:
            sender = SlackSender(url, slack_api)
            event = mention_event(slack_api, "C0DOWN001", "Who owns monitoring and evaluation?")
            started = time.monotonic()
            mention = sender.event(event)
            mention_s = time.monotonic() - started
            started = time.monotonic()
            command, _ = sender.command("/ask", "Who owns monitoring and evaluation?")
            command_s = time.monotonic() - started
            assert (mention.status_code, command.status_code) == (200, 200)
            assert mention_s < SLACK_ACK_DEADLINE_S and command_s < SLACK_ACK_DEADLINE_S
            assert "Looking up" in command.json()["text"]
            if kind == "auth-test-erroring":  # the token still works: the work follows the ack
                update = slack_api.wait_calls("chat.update")[0].args
                assert update["channel"] == "C0DOWN001"
            sender.http.close()


def test_signed_requests_beyond_the_limit_get_429(
    slack_assistant: Assistant, slack_api: SlackStandIn
) -> None:
    settings = slack_settings(
        slack_assistant.settings.data_dir, slack_api.api_url, slack_rate_limit_per_minute=3
    )
    app = FastAPI()
    app.state.settings = settings
    mount_slack_events(app, slack_assistant)
    with LiveServer(app) as url:
        sender = SlackSender(url, slack_api)
        unsigned = [post_challenge(sender).status_code for _ in range(5)]
        allowed = [sender.post(CHALLENGE, "application/json").status_code for _ in range(3)]
        limited = sender.post(CHALLENGE, "application/json")
        after = post_challenge(sender).status_code
        sender.http.close()
    assert unsigned == [401] * 5, "unsigned requests do not spend Slack's allowance"
    assert allowed == [200] * 3
    assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    assert after == 401, "the signature is checked first"


def test_the_web_apps_create_app_guards_slack_events(
    slack_assistant: Assistant, slack_api: SlackStandIn
) -> None:
    create_app = pytest.importorskip("assistant.web.app").create_app
    app = create_app(slack_assistant.settings, assistant=slack_assistant)
    with LiveServer(app) as url:
        sender = SlackSender(url, slack_api)
        unsigned = sender.http.post(
            sender.url, content=NESTED, headers={"Content-Type": "application/json"}
        )
        signed = sender.post(NESTED, "application/json")
        challenge = sender.post(CHALLENGE, "application/json")
        sender.http.close()
    assert_error(unsigned, 401, "unauthorized")
    assert_error(signed, 400, "bad_request")
    assert challenge.json() == {"challenge": "c-123"}
