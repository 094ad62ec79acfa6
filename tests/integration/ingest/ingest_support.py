"""Helpers shared by the ingestion integration tests (a plain module, not fixtures)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from assistant.components import Components
from assistant.settings import Settings
from ingest.loaders import discover_files, load_file
from ingest.pipeline import prepare
from tests.servers.ports import free_port

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "corpus"
VENV_BIN = REPO / ".venv" / "bin"
ACTION_LOG = "action-logs/lancashire-innovation-action-agenda.txt"
ACTION_PLAN = "plans/lancashire-innovation-action-plan-2022-2025.txt"
RESEARCH_PLAN = "plans/lsc-research-innovation-plan-2024-2027.txt"
PEOPLE_PLAN = "plans/lsc-working-with-people-and-communities-2023-2026.txt"
NMAHP = "plans/nw-nmahp-research-strategy.txt"
ALL_SOURCES = sorted([ACTION_LOG, ACTION_PLAN, RESEARCH_PLAN, PEOPLE_PLAN, NMAHP])


def settings(data_dir: Path, corpus: Path, **overrides: Any) -> Settings:
    """Isolated from the developer's environment and ``.env`` (as tests/conftest.py does)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        corpus_dir=corpus,
        prompts_dir=REPO / "prompts",
        **overrides,
    )


def copy_corpus(target: Path, sources: list[str] = ALL_SOURCES) -> Path:
    for source in sources:
        (target / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CORPUS / source, target / source)
    return target


def expected_ids(corpus: Path, size: int = 900, overlap: int = 120) -> dict[str, list[str]]:
    """Chunk ids per source computed without the model: what the stores must hold."""
    out = {}
    for path in discover_files([corpus]):
        doc = load_file(path, corpus)
        out[doc.source] = [c.id for c in prepare(doc, size, overlap).chunks]
    return out


def stored_ids(components: Components) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk in components.store.chunks():
        out.setdefault(chunk.source, []).append(chunk.id)
    return out


def assert_stores_agree(components: Components) -> None:
    """SQLite chunks, the FTS index, sentences, the manifest and Chroma hold the same set."""
    store, vectors = components.store, components.vectors
    sqlite_ids = store.chunk_ids()
    assert set(vectors.ids()) == sqlite_ids
    fts = {row["id"] for row in store.query("SELECT id FROM chunks_fts")}
    assert fts == sqlite_ids
    sentence_chunks = {row["chunk_id"] for row in store.query("SELECT chunk_id FROM sentences")}
    assert sentence_chunks <= sqlite_ids
    per_source = stored_ids(components)
    manifest = {row.source: row.chunks for row in store.documents()}
    assert manifest == {source: len(ids) for source, ids in per_source.items()}
    for source, ids in per_source.items():
        assert sorted(vectors.ids_for_source(source)) == sorted(ids), source


def subprocess_env(data_dir: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_CORPUS_DIR=str(corpus),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
    )
    return env


@contextmanager
def chroma_server(path: Path, log: Path) -> Iterator[int]:
    """``chroma run`` on 127.0.0.1 and a free port, up once its heartbeat answers."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(VENV_BIN / "chroma"),
                "run",
                "--path",
                str(path),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"chroma run exited: {log.read_text(errors='replace')}")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("chroma run did not answer its heartbeat within 60 s")
                time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def release(components: Components) -> None:
    """Close the SQLite connection and the embedded Chroma, so that another process (a
    killed-and-restarted ingest) can own the folder."""
    components.store.close()
    components.client.close()  # type: ignore[attr-defined]
