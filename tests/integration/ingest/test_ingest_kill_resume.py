"""Killing ``assistant ingest`` half-way leaves the previous index usable, and the next run
completes the work with SQLite and Chroma in agreement."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import numpy as np
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
from ingest.loaders import load_file
from ingest.pipeline import PROCESSING_VERSION, prepare

pytestmark = pytest.mark.integration


def manifest(sqlite_path: Path) -> dict[str, str]:
    """source → file hash, read without taking a write lock (WAL lets readers in)."""
    with sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True, timeout=5) as db:
        return dict(db.execute("SELECT source, file_hash FROM documents").fetchall())


def test_kill_mid_ingest_then_resume(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", [ACTION_LOG, RESEARCH_PLAN])
    config = settings(tmp_path / "data", corpus)
    previous = build_components(config, shared_embeddings)
    assert previous.pipeline.run().ingested == [ACTION_LOG, RESEARCH_PLAN]
    index_file = previous.store.index_file()  # the generation in service
    assert index_file is not None
    old_hashes = manifest(index_file)
    release(previous)

    # new work: two large plans added and the small plan edited
    copy_corpus(corpus, [NMAHP, PEOPLE_PLAN])
    research = corpus / RESEARCH_PLAN
    research.write_text(research.read_text(encoding="utf-8") + "\nA new closing line.\n")
    new_research_hash = load_file(research, corpus).file_hash

    log = tmp_path / "ingest.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(VENV_BIN / "assistant"), "ingest", "--json"],
            cwd=tmp_path,
            env=subprocess_env(config.data_dir, corpus),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 300
            while manifest(index_file).get(RESEARCH_PLAN) != new_research_hash:
                assert process.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "the ingest made no progress"
                time.sleep(0.05)
            os.kill(process.pid, signal.SIGKILL)  # first file done, the large plans not yet
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    at_kill = manifest(index_file)
    assert at_kill[ACTION_LOG] == old_hashes[ACTION_LOG]
    assert at_kill[RESEARCH_PLAN] == new_research_hash
    assert not {NMAHP, PEOPLE_PLAN} <= set(at_kill), "the run finished before it was killed"

    # the index is usable as it stands: every indexed chunk is in both stores and answers
    killed = build_components(config, shared_embeddings)
    sqlite_ids = killed.store.chunk_ids()
    assert sqlite_ids <= set(killed.vectors.ids())
    for row in killed.store.documents():
        assert len([c for c in killed.store.chunks() if c.source == row.source]) == row.chunks
    question = "Is the Innovation Board established and does the working group meet monthly?"
    hits = killed.vectors.query(killed.embeddings.embed_query(question), k=8)
    usable = killed.store.chunks([i for i, _ in hits if i in sqlite_ids])
    assert any(c.source == ACTION_LOG and c.section == "Governance" for c in usable)
    assert killed.store.keyword_search("Innovation Board", limit=3)

    # the next run completes the work; the stores agree chunk for chunk
    resumed = killed.pipeline.run()
    assert not resumed.failed
    assert set(resumed.ingested) == {NMAHP, PEOPLE_PLAN} - set(at_kill)
    assert set(resumed.skipped) == set(at_kill)
    assert stored_ids(killed) == expected_ids(corpus)
    assert_stores_agree(killed)
    assert sorted(manifest(index_file)) == sorted([ACTION_LOG, NMAHP, PEOPLE_PLAN, RESEARCH_PLAN])
    release(killed)


def test_vectors_left_by_a_run_killed_before_its_sqlite_swap_are_dropped(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """The window between the Chroma upsert and the SQLite commit, made deterministic: the
    file's vectors exist but SQLite never heard of it, and then the file is removed."""
    corpus = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN])
    components = build_components(settings(tmp_path / "data", corpus), shared_embeddings)
    components.pipeline.run()
    draft = corpus / "plans" / "draft.txt"
    draft.write_text("# Draft plan\n\nA plan that was being ingested when the run died.\n")
    chunks = prepare(load_file(draft, corpus), 900, 120).chunks
    vectors = np.zeros((len(chunks), 384), dtype=np.float32)
    vectors[:, 0] = 1.0
    components.store.begin_source("plans/draft.txt")  # as the pipeline does before upserting
    components.vectors.upsert(chunks, vectors)
    draft.unlink()

    report = components.pipeline.run()
    assert report.skipped == [RESEARCH_PLAN] and not report.deleted
    assert not components.vectors.ids_for_source("plans/draft.txt")
    assert not components.store.pending_sources()
    assert_stores_agree(components)
    release(components)


def test_a_run_never_deletes_vectors_another_writer_is_adding(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """Orphan clean-up is scoped to the sources this store marked as in progress: vectors of
    a source nobody marked here (another writer, between its upsert and its swap) stay."""
    corpus = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN])
    components = build_components(settings(tmp_path / "data", corpus), shared_embeddings)
    components.pipeline.run()
    other = corpus / "plans" / "other-writer.txt"
    other.write_text("# Another plan\n\nBeing written by another process right now.\n")
    chunks = prepare(load_file(other, corpus), 900, 120).chunks
    other.unlink()
    vectors = np.zeros((len(chunks), 384), dtype=np.float32)
    vectors[:, 0] = 1.0
    components.vectors.upsert(chunks, vectors)

    components.pipeline.run()
    assert sorted(components.vectors.ids_for_source("plans/other-writer.txt")) == sorted(
        c.id for c in chunks
    )
    release(components)


def test_an_index_built_by_older_processing_is_redone_although_no_file_changed(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """New sentence splitting or chunking must reach an existing index: the file hashes match,
    but the processing version the index was built with does not."""
    corpus = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN, PEOPLE_PLAN])
    components = build_components(settings(tmp_path / "data", corpus), shared_embeddings)
    assert components.pipeline.run().ingested == [RESEARCH_PLAN, PEOPLE_PLAN]
    assert components.pipeline.run().skipped == [RESEARCH_PLAN, PEOPLE_PLAN]

    components.store.set_processing_version(PROCESSING_VERSION - 1)
    redone = components.pipeline.run()
    assert redone.ingested == [RESEARCH_PLAN, PEOPLE_PLAN] and not redone.skipped
    assert components.store.processing_version() == PROCESSING_VERSION
    assert components.pipeline.run().skipped == [RESEARCH_PLAN, PEOPLE_PLAN]
    assert_stores_agree(components)
    release(components)
