"""Rebuilds build a new index generation beside the one in service and switch atomically.

``kill -9`` during ``assistant ingest --rebuild`` leaves the old index in service, whole; the
next rebuild removes the abandoned generation. Answers, feedback and record history live in
the state file and survive a rebuild.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from ingest_support import (
    ACTION_LOG,
    NMAHP,
    PEOPLE_PLAN,
    RESEARCH_PLAN,
    VENV_BIN,
    assert_stores_agree,
    copy_corpus,
    expected_ids,
    release,
    settings,
    stored_ids,
    subprocess_env,
)

from assistant.components import build_components
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration


def documents_in(path: Path) -> list[str]:
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        try:
            return [row[0] for row in db.execute("SELECT source FROM documents")]
        except sqlite3.OperationalError:  # tables not created yet
            return []


def test_a_killed_rebuild_leaves_the_old_index_in_service(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", [ACTION_LOG, RESEARCH_PLAN])
    config = settings(tmp_path / "data", corpus)
    before = build_components(config, shared_embeddings)
    assert before.pipeline.run().ingested == [ACTION_LOG, RESEARCH_PLAN]
    in_service = before.generations.current()
    before.store.add_answer("answer-1", "Who chairs the board?", "Nobody.", False, "extractive")
    next_generation = before.generations.next()
    assert next_generation.sqlite_path is not None
    release(before)

    copy_corpus(corpus, [NMAHP, PEOPLE_PLAN])  # the rebuild has four files to do
    log = tmp_path / "rebuild.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(VENV_BIN / "assistant"), "ingest", "--rebuild", "--json"],
            cwd=tmp_path,
            env=subprocess_env(config.data_dir, corpus),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 300
            while not documents_in(next_generation.sqlite_path):
                assert process.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "the rebuild made no progress"
                time.sleep(0.05)
            os.kill(process.pid, signal.SIGKILL)  # one file into the new generation
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 0 < len(documents_in(next_generation.sqlite_path)) < 4, "killed too late"

    after = build_components(config, shared_embeddings)
    assert after.generations.current() == in_service
    assert [d.source for d in after.store.documents()] == [ACTION_LOG, RESEARCH_PLAN]
    assert_stores_agree(after)
    assert after.store.keyword_search("Innovation Board", limit=3)

    report = after.rebuild()
    assert sorted(report.ingested) == sorted([ACTION_LOG, NMAHP, PEOPLE_PLAN, RESEARCH_PLAN])
    current = after.generations.current()
    assert current.number > next_generation.number, "an abandoned number was reused"
    assert not next_generation.sqlite_path.exists(), "the abandoned generation was left"
    assert after.generations.numbers() == [in_service.number, current.number]
    assert stored_ids(after) == expected_ids(corpus)
    assert_stores_agree(after)
    assert after.store.answer("answer-1") is not None, "answers must outlive a rebuild"
    assert after.store.record_versions(ACTION_LOG), "record history must outlive a rebuild"

    second = after.rebuild()  # the oldest generation goes, with its collection
    assert not second.failed
    assert after.generations.numbers() == [current.number, after.generations.current().number]
    names = {c.name for c in after.client.list_collections()}
    assert names == {after.generations.make(n).collection for n in after.generations.numbers()}
    release(after)


def test_an_index_made_before_generations_stays_in_service_until_a_rebuild(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """Generation 0: an existing ``assistant.sqlite3`` that holds the index tables itself."""
    from ingest.store.sqlite import SqliteStore
    from ingest.store.vectors import ChunkVectors

    corpus = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN])
    config = settings(tmp_path / "data", corpus)
    legacy = build_components(config, shared_embeddings)
    legacy_store = SqliteStore(config.sqlite_path)  # the one-file layout of older versions
    legacy_vectors = ChunkVectors(legacy.client, config.collection)
    legacy._pipeline(legacy_store, legacy_vectors).run()
    legacy_store.close()
    legacy.client.close()  # type: ignore[attr-defined]
    assert not (config.data_dir / "index").exists()

    upgraded = build_components(config, shared_embeddings)
    assert upgraded.generations.current().number == 0
    assert [d.source for d in upgraded.store.documents()] == [RESEARCH_PLAN]
    assert upgraded.vectors.count() == upgraded.store.chunk_count() > 0

    upgraded.rebuild()
    assert upgraded.generations.current().number == 1
    assert [d.source for d in upgraded.store.documents()] == [RESEARCH_PLAN]
    assert_stores_agree(upgraded)
    release(upgraded)
