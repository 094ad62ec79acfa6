"""The real corpus ingested once (session fixture) into embedded Chroma + SQLite: what the
stores hold, read-only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from ingest_support import (
    ACTION_LOG,
    ACTION_PLAN,
    ALL_SOURCES,
    CORPUS,
    NMAHP,
    assert_stores_agree,
    expected_ids,
    stored_ids,
)

from assistant.components import Components
from ingest.store.vectors import ChunkVectors

pytestmark = pytest.mark.integration


def test_every_chunk_of_the_real_corpus_is_in_both_stores(
    indexed_components: Components,
) -> None:
    assert stored_ids(indexed_components) == expected_ids(CORPUS)
    assert_stores_agree(indexed_components)
    documents = {row.source: row for row in indexed_components.store.documents()}
    assert sorted(documents) == ALL_SOURCES
    assert documents[ACTION_LOG].kind == "action"
    assert documents[ACTION_LOG].records == 26
    assert {documents[s].kind for s in ALL_SOURCES if s != ACTION_LOG} == {"plan"}


def test_chroma_metadata_matches_the_sqlite_chunk(indexed_components: Components) -> None:
    chunks = indexed_components.store.chunks()
    sample = [chunks[0], chunks[len(chunks) // 2], chunks[-1]]
    got = indexed_components.vectors.collection.get(
        ids=[c.id for c in sample], include=["metadatas", "documents"]
    )
    stored = dict(
        zip(
            got["ids"],
            zip(got["metadatas"] or [], got["documents"] or [], strict=True),
            strict=True,
        )
    )
    for chunk in sample:
        metadata, text = stored[chunk.id]
        assert text == chunk.text
        assert metadata == chunk.metadata()
        assert metadata["source"] == chunk.source and metadata["hash"] == chunk.hash


def test_a_question_finds_its_chunk_by_vector_and_by_keyword(
    indexed_components: Components,
) -> None:
    question = "Which enterprise zone is a prime site for future mobility R&D?"
    vector = indexed_components.embeddings.embed_query(question)
    hits = indexed_components.vectors.query(vector, k=5)
    chunks = indexed_components.store.chunks([chunk_id for chunk_id, _ in hits])
    assert any("Warton Enterprise Zone is a prime site" in c.text for c in chunks)
    assert all(c.source == ACTION_PLAN for c in chunks[:1])
    keyword = indexed_components.store.keyword_search("Warton enterprise zone mobility", limit=3)
    top = indexed_components.store.chunks([keyword[0][0]])[0]
    assert "Warton" in top.text


def test_action_records_and_their_chunks(indexed_components: Components) -> None:
    records = indexed_components.store.records(ACTION_LOG)
    assert len(records) == 26
    by_record = indexed_components.store.record_chunks()
    assert set(by_record) == {r.id for r in records}
    governance = [r for r in records if r.aim == "Governance"]
    assert len(governance) == 4
    chunk = by_record[governance[0].id]
    assert chunk.kind == "action" and chunk.section == "Governance"
    assert chunk.text == governance[0].as_text()


def test_sentences_are_stored_with_normalised_embeddings(indexed_components: Components) -> None:
    ids = [c.id for c in indexed_components.store.chunks() if c.source == NMAHP][:5]
    sentences = indexed_components.store.sentences(ids)
    assert set(sentences) == set(ids)
    for items in sentences.values():
        for text, vector in items:
            assert text.strip()
            assert vector is not None and vector.shape == (384,)
            assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)


def _suite_questions() -> list[str]:
    suites = Path(__file__).resolve().parents[3] / "evals" / "suites"
    return [
        case["question"]
        for name in ("plans", "actions", "unanswerable")
        for case in yaml.safe_load((suites / f"{name}.yaml").read_text())
        if "question" in case
    ]


def test_vector_search_returns_the_exact_nearest_neighbours(
    indexed_components: Components,
) -> None:
    """HNSW is approximate: with Chroma's default breadth (ef_search 100) a few evaluation
    questions lost one of their true top 30 chunks, a different few on each load, so answers
    changed between runs. The configured breadth must make it exact at this corpus size."""
    vectors = indexed_components.vectors
    assert vectors.collection.configuration["hnsw"]["ef_search"] == 500
    stored = vectors.collection.get(include=["embeddings"])
    matrix = np.asarray(stored["embeddings"])
    questions = _suite_questions()
    assert len(questions) > 100
    missed = []
    for question, vector in zip(
        questions, indexed_components.embeddings.embed_documents(questions), strict=True
    ):
        exact = {stored["ids"][i] for i in np.argsort(-(matrix @ np.asarray(vector)))[:30]}
        found = {chunk_id for chunk_id, _ in vectors.query(vector, k=30)}
        if found != exact:
            missed.append(question)
    assert missed == []


def test_a_collection_made_with_chroma_defaults_is_widened_when_opened(tmp_path: Path) -> None:
    """An index built before the setting existed keeps working, with the configured breadth
    stored in the collection (so a ``chroma run`` server serving it uses it too)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    # one client: chromadb shares one system per path in a process anyway, and a second
    # client's writes could meet the first one's lock on a loaded machine ("database is
    # locked"); the collection is still read back from the store after it was widened
    client = chromadb.PersistentClient(
        path=str(tmp_path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    old = client.get_or_create_collection("old", metadata={"hnsw:space": "cosine"})
    assert (old.configuration["hnsw"] or {})["ef_search"] == 100
    ChunkVectors(client, "old", ef_search=400)
    reopened = client.get_collection("old").configuration["hnsw"] or {}
    assert reopened["ef_search"] == 400
    assert reopened["space"] == "cosine"
    fresh = ChunkVectors(client, "fresh", ef_search=300)
    assert (fresh.collection.configuration["hnsw"] or {})["ef_search"] == 300
