"""Fixtures for the web tests: the real app under uvicorn over a private copy of the index.

The session's ingested corpus is copied once (a few MB), because asking records answers and
feedback is written: the shared index stays untouched. Apps with other settings (rate limit,
no keys) reuse the same loaded :class:`Assistant`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import ARTIFACTS, CHROMIUM, USER_KEY, LiveServer, serve, web_settings

from assistant.components import build_components
from assistant.service import Assistant
from assistant.web.app import create_app
from ingest.embeddings import SentenceTransformerEmbeddings


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory, indexed_data_dir: Path) -> Path:
    copy = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(indexed_data_dir, copy)
    return copy


@pytest.fixture(scope="session")
def web_assistant(
    web_index: Path, corpus_dir: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> Assistant:
    return Assistant(build_components(web_settings(web_index, corpus_dir), shared_embeddings))


@pytest.fixture(scope="session")
def live(web_assistant: Assistant) -> Iterator[LiveServer]:
    """The API with keys: USER_KEY (user) and ADMIN_KEY (admin); body limit 64 KiB."""
    with serve(create_app(assistant=web_assistant)) as server:
        yield server


@pytest.fixture
def client(live: LiveServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {USER_KEY}"}
    with httpx.Client(base_url=live.url, headers=headers, timeout=30) as http:
        yield http


@pytest.fixture
def anonymous(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def open_live(web_assistant: Assistant, web_index: Path, corpus_dir: Path) -> Iterator[LiveServer]:
    """The same assistant with no keys configured (the local, loopback-only mode)."""
    settings = web_settings(web_index, corpus_dir, api_keys=[], admin_keys=[])
    with serve(create_app(settings, assistant=web_assistant)) as server:
        yield server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def chromium_available() -> bool:
    return os.access(CHROMIUM, os.X_OK)
