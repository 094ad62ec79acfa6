"""The optional LLM rewrite: cited prose is used, anything else falls back to the template."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafts import DraftRequest, make_draft
from assistant.drafts.rewrite import PROMPT_NAME, check_prose, records_message, sentences
from assistant.llm import load_prompt
from assistant.settings import Settings
from ingest.actionlog import parse_action_log
from ingest.store.sqlite import DocumentRow, RecordVersion
from ingest.types import ActionRecord

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
GOOD = (
    "The Lancashire Innovation Month 2020 was held and was successful [row 26]. "
    "Case studies are being delivered by a freelance journalist [row 28].\n\n"
    "The marketing strategy has stalled because of Covid and capacity [row 27]. "
    "Engagement with national fora is much better [row 29]. "
    "The showcase action needs a named owner, and a paper goes to the Feb board. [row 26]"
)


@dataclass
class FakeStore:
    current: list[ActionRecord]

    def records(self, source: str | None = None) -> list[ActionRecord]:
        return self.current

    def record_versions(self, source: str) -> list[RecordVersion]:
        return []

    def documents(self) -> list[DocumentRow]:
        return []


class Exploding:
    """Stands in for a chat model whose server times out."""

    def invoke(self, messages: Any) -> Any:
        raise TimeoutError("read timed out")


@pytest.fixture(scope="module")
def store() -> FakeStore:
    return FakeStore(parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return Settings(
        data_dir=tmp_path, answerer="openai", llm_base_url=f"http://127.0.0.1:{port}/v1"
    )


def draft(store: FakeStore, settings: Settings | None, reply: Any = None) -> Any:
    model = FakeListChatModel(responses=[reply]) if isinstance(reply, str) else reply
    return make_draft(store, DraftRequest(aim="aim 5"), settings, chat_model=model)


def test_cited_prose_replaces_the_bullets(store: FakeStore, settings: Settings) -> None:
    result = draft(store, settings, GOOD)
    assert result.notice is None
    assert result.model == settings.llm_model
    assert "## Summary\n\nThe Lancashire Innovation Month 2020 was held" in result.markdown
    assert "## Progress" not in result.markdown
    assert result.markdown.startswith("# Progress update: Strategic Aim 5")  # title kept
    assert "**4 actions:**" in result.markdown  # counts come from the template, not the model
    assert "Prose drafted by" in result.markdown
    sections = [b for b in result.blocks if b["type"] == "section"]
    assert any("freelance journalist" in b["text"]["text"] for b in sections)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("The strategy stalled [row 27]. Everything else is fine.", "has no row citation"),
        ("The board met [row 31].", "not supplied: [row 31]"),  # Governance row, not aim 5
        ("", "no text"),
    ],
)
def test_uncited_or_foreign_prose_is_rejected(
    store: FakeStore, settings: Settings, reply: str, reason: str
) -> None:
    result = draft(store, settings, reply)
    assert result.model == "template"
    assert result.notice and reason in result.notice
    assert "## Progress" in result.markdown
    assert result.notice in result.markdown  # the footer says why


def test_errors_and_timeouts_fall_back(store: FakeStore, settings: Settings) -> None:
    result = draft(store, settings, Exploding())
    assert result.model == "template"
    assert result.notice and "TimeoutError" in result.notice
    assert "## Progress" in result.markdown


def test_unreachable_server_falls_back(store: FakeStore, settings: Settings) -> None:
    result = draft(store, settings)  # the real ChatOpenAI against a closed port
    assert result.model == "template"
    assert result.notice and result.notice.startswith("LLM rewrite unavailable")


def test_extractive_settings_never_call_a_model(store: FakeStore, tmp_path: Path) -> None:
    result = draft(store, Settings(data_dir=tmp_path), Exploding())
    assert (result.model, result.notice) == ("template", None)


def test_the_model_sees_only_the_selected_rows(store: FakeStore) -> None:
    records = make_draft(store, DraftRequest(aim="aim 5")).records
    message = records_message("Strategic Aim 5", records)
    cited = [line[:8] for line in message.splitlines()[3:]]
    assert cited == ["[row 26]", "[row 27]", "[row 28]", "[row 29]"]
    assert "needs an owner (cell reads “Factory)”)" in message
    assert "Innovation Board" not in message


def test_prompt_file_loads(tmp_path: Path) -> None:
    prompt = load_prompt(Settings(data_dir=tmp_path), PROMPT_NAME)
    assert "[row 12]" in prompt and "Never invent a row number" in prompt


def test_sentence_checks() -> None:
    allowed = {"[row 1]", "[row 2]"}
    assert check_prose("A happened [row 1]. B happened. [row 2]", allowed) is None
    assert check_prose("- A happened [row 1]\n- B happened [row 1] [row 2].", allowed) is None
    assert check_prose("# Heading\nA happened [row 1].", allowed) is None
    assert "no row citation" in (check_prose("A happened [row 1]. B happened.", allowed) or "")
    assert "[row 3]" in (check_prose("A happened [row 3].", allowed) or "")
    assert sentences("A [row 1]. [row 2] B [row 2].") == ["A [row 1]. [row 2] B [row 2]."]
