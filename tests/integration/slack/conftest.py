"""Fixtures for the Slack bot's integration tests.

One Slack Web API stand-in and one real uvicorn serving a FastAPI app with
``mount_slack_events`` for the whole session; requests to ``/slack/events`` are signed with the
signing secret exactly as Slack signs them. The bot's assistant is the real one over the
ingested corpus, on a private copy of the index so feedback written here touches nothing else.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from slack_live import LiveServer, slack_settings
from slack_sender import SlackSender
from slack_standin import SlackStandIn

from assistant.components import build_components
from assistant.service import Assistant
from bots.slack_http import mount_slack_events
from ingest.embeddings import SentenceTransformerEmbeddings


@pytest.fixture(scope="session")
def slack_api() -> Iterator[SlackStandIn]:
    standin = SlackStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture(autouse=True)
def _fresh_slack_api(slack_api: SlackStandIn) -> None:
    slack_api.reset()


@pytest.fixture(scope="session")
def slack_assistant(
    indexed_data_dir: Path,
    shared_embeddings: SentenceTransformerEmbeddings,
    slack_api: SlackStandIn,
    tmp_path_factory: pytest.TempPathFactory,
) -> Assistant:
    """The real assistant over a private copy of the ingested corpus."""
    data_dir = tmp_path_factory.mktemp("slack") / "data"
    shutil.copytree(indexed_data_dir, data_dir)
    settings = slack_settings(data_dir, slack_api.api_url)
    return Assistant(build_components(settings, shared_embeddings))


@pytest.fixture(scope="session")
def slack_web(slack_assistant: Assistant) -> Iterator[str]:
    """Base URL of a real uvicorn serving FastAPI + ``mount_slack_events``."""
    app = FastAPI()
    # the whole session shares this server; the rate limit has its own test and server
    settings = slack_assistant.settings
    app.state.settings = settings.model_copy(update={"slack_rate_limit_per_minute": 100_000})
    mount_slack_events(app, slack_assistant)
    with LiveServer(app) as url:
        yield url


@pytest.fixture
def slack(slack_web: str, slack_api: SlackStandIn) -> Iterator[SlackSender]:
    sender = SlackSender(slack_web, slack_api)
    yield sender
    sender.http.close()
