"""The real corpus ingested once (session fixture) into embedded Chroma + SQLite: what the
stores hold, read-only."""

from __future__ import annotations

import numpy as np
import pytest
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
