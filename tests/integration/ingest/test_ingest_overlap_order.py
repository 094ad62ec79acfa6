"""With parsing ahead and writing behind, an ingest still reports every file once, in file
order, each only after its rows and vectors are stored; a failed file between two good ones
changes nothing for them, and the vectors stored are the encoder's for those texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ingest_support import ACTION_LOG, RESEARCH_PLAN, assert_stores_agree, copy_corpus, settings

from assistant.components import Components, build_components
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.loaders import load_file
from ingest.pipeline import prepare

pytestmark = pytest.mark.integration

BROKEN = "plans/a-broken.pdf"


class RecordingSink:
    """The progress events, with how many documents were stored when each arrived."""

    def __init__(self, parts: Components) -> None:
        self.parts = parts
        self.events: list[tuple[str, str, int]] = []

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, source: str, outcome: str) -> None:
        stored = {row.source for row in self.parts.store.documents()}
        self.events.append((source, outcome, int(source in stored)))


def test_outcomes_come_in_file_order_after_each_file_is_stored(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", [ACTION_LOG, RESEARCH_PLAN])
    (corpus / BROKEN).write_bytes(b"%PDF-1.4 not really a pdf")
    parts = build_components(settings(tmp_path / "data", corpus), shared_embeddings)

    sink = RecordingSink(parts)
    report = parts.pipeline.run(progress=sink)
    assert sink.events == [
        (ACTION_LOG, "ingested", 1),
        (BROKEN, "failed", 0),
        (RESEARCH_PLAN, "ingested", 1),
    ]
    assert report.ingested == [ACTION_LOG, RESEARCH_PLAN]
    assert [source for source, _ in report.failed] == [BROKEN]
    assert_stores_agree(parts)

    # the stored vectors are the encoder's for exactly the texts prepare() gives
    prepared = prepare(load_file(corpus / RESEARCH_PLAN, corpus), 900, 120)
    stored = parts.vectors.vectors_for([c.id for c in prepared.chunks])
    expected = shared_embeddings.encode([c.embedding_text() for c in prepared.chunks])
    got = np.stack([stored[c.id] for c in prepared.chunks])
    np.testing.assert_allclose(got, expected, atol=1e-5)
    sentences = parts.store.sentences([c.id for c in prepared.chunks])
    assert [text for c in prepared.chunks for text, _ in sentences.get(c.id, [])] == [
        text for _, _, text in prepared.sentences
    ]

    again = RecordingSink(parts)
    parts.pipeline.run(progress=again)
    assert [(s, o) for s, o, _ in again.events] == [
        (ACTION_LOG, "skipped"),
        (BROKEN, "failed"),
        (RESEARCH_PLAN, "skipped"),
    ]
