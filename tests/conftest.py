"""Fixtures shared by every test folder.

The expensive things happen once per test session: loading the embedding model and ingesting
the real corpus into a temporary data directory. Tests that change an index make their own
(``make_settings`` + ``build_components(settings, shared_embeddings)``), reusing the model.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# One ONNX export per checkout, shared by every test's data dir and the servers tests start.
os.environ.setdefault(
    "ASSISTANT_MODEL_CACHE_DIR", str(Path(__file__).resolve().parents[1] / "data" / "models")
)

from assistant.components import Components, build_components
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.embeddings import SentenceTransformerEmbeddings
from tests.servers.ports import free_port

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def settings_for(data_dir: Path, corpus: Path = CORPUS, **overrides: Any) -> Settings:
    """Settings isolated from the developer's environment and ``.env``."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        corpus_dir=corpus,
        prompts_dir=REPO / "prompts",
        **overrides,
    )


def assistant_over(
    root: Path, files: dict[str, str], embeddings: SentenceTransformerEmbeddings, **overrides: Any
) -> Assistant:
    """An Assistant over a corpus of ``files`` (path under the corpus folder → text), ingested
    into ``root``; every file must ingest."""
    corpus = root / "corpus"
    for name, text in files.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text)
    components = build_components(settings_for(root / "data", corpus, **overrides), embeddings)
    report = components.pipeline.run()
    assert not report.failed, report.failed
    return Assistant(components)


def corpus_assistant(fixture_name: str, files: dict[str, str]) -> Any:
    """A module-scoped fixture named ``fixture_name``: an Assistant over ``files``, ingested
    once for the test module (``museums = corpus_assistant("museums", {...})``)."""

    @pytest.fixture(scope="module", name=fixture_name)
    def fixture(
        tmp_path_factory: pytest.TempPathFactory, shared_embeddings: SentenceTransformerEmbeddings
    ) -> Assistant:
        return assistant_over(tmp_path_factory.mktemp(fixture_name), files, shared_embeddings)

    return fixture


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """``make_settings(**overrides)``: settings over a fresh data dir under ``tmp_path``."""

    def make(**overrides: Any) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "data")
        data_dir = overrides.pop("data_dir")
        corpus = overrides.pop("corpus_dir", CORPUS)
        return settings_for(data_dir, corpus, **overrides)

    return make


@pytest.fixture(scope="session")
def shared_embeddings() -> SentenceTransformerEmbeddings:
    """The packaged MiniLM, loaded once for the whole session."""
    embeddings = SentenceTransformerEmbeddings.from_settings(settings_for(Path("unused")))
    embeddings.embed_query("warm up")
    return embeddings


@pytest.fixture(scope="session")
def indexed_data_dir(
    tmp_path_factory: pytest.TempPathFactory, shared_embeddings: SentenceTransformerEmbeddings
) -> Path:
    """The real corpus ingested once into an embedded Chroma + SQLite. Treat as read-only."""
    data_dir = tmp_path_factory.mktemp("indexed") / "data"
    components = build_components(settings_for(data_dir), shared_embeddings)
    report = components.pipeline.run()
    assert not report.failed, report.failed
    return data_dir


@pytest.fixture(scope="session")
def indexed_components(
    indexed_data_dir: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> Components:
    return build_components(settings_for(indexed_data_dir), shared_embeddings)


@pytest.fixture(scope="session")
def assistant(indexed_components: Components) -> Assistant:
    """An Assistant over the ingested real corpus (extractive answerer). Read-only use."""
    return Assistant(indexed_components)


@pytest.fixture
def port() -> Iterator[int]:
    yield free_port()
