"""The real corpus ingested into a real Chroma server (``chroma run`` on a free port), then the
incremental cases on a temp copy of the corpus: unchanged → skipped, edited → only its chunks
replaced, deleted → gone from SQLite and Chroma, re-added → back.

The corpus is ingested once for the module (it is the slow part); every test leaves the index
as it found it (the full, unedited corpus), so they can run in any order.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings
from ingest_support import (
    ACTION_PLAN,
    ALL_SOURCES,
    CORPUS,
    NMAHP,
    RESEARCH_PLAN,
    assert_stores_agree,
    chroma_server,
    copy_corpus,
    expected_ids,
    free_port,
    settings,
    stored_ids,
)

from assistant.components import Components, build_components
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.pipeline import IngestReport
from ingest.store.vectors import VectorStoreUnavailable, make_client

pytestmark = pytest.mark.integration


@dataclass
class Indexed:
    corpus: Path
    components: Components
    first: IngestReport
    port: int


@pytest.fixture(scope="module")
def indexed(
    tmp_path_factory: pytest.TempPathFactory, shared_embeddings: SentenceTransformerEmbeddings
) -> Iterator[Indexed]:
    root = tmp_path_factory.mktemp("chroma-server")
    with chroma_server(root / "chroma", root / "chroma.log") as port:
        corpus = copy_corpus(root / "corpus")
        config = settings(root / "data", corpus, chroma_host="127.0.0.1", chroma_port=port)
        components = build_components(config, shared_embeddings)
        first = components.pipeline.run()
        yield Indexed(corpus, components, first, port)
        components.store.close()


def run(indexed: Indexed) -> IngestReport:
    return indexed.components.pipeline.run()


def test_first_run_puts_the_real_corpus_on_the_server(indexed: Indexed) -> None:
    report = indexed.first
    assert report.ingested == ALL_SOURCES and not report.failed and not report.skipped
    assert stored_ids(indexed.components) == expected_ids(indexed.corpus)
    assert_stores_agree(indexed.components)
    # a second, independent client sees the vectors: they live in the server, not this process
    other = chromadb.HttpClient(
        host="127.0.0.1",
        port=indexed.port,
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    collection = other.get_collection(indexed.components.vectors.name)  # this generation's
    assert collection.count() == report.chunks == indexed.components.store.chunk_count()
    hits = indexed.components.vectors.query(
        indexed.components.embeddings.embed_query("monthly working group of the innovation board"),
        k=3,
    )
    assert hits and all(chunk_id in indexed.components.store.chunk_ids() for chunk_id, _ in hits)


def test_second_run_skips_every_file_and_is_much_faster(indexed: Indexed) -> None:
    before = stored_ids(indexed.components)
    again = run(indexed)
    assert again.skipped == ALL_SOURCES
    assert not again.ingested and not again.deleted and not again.failed
    assert again.chunks == 0 and again.embedded_texts == 0
    assert again.seconds < indexed.first.seconds / 5, (again.seconds, indexed.first.seconds)
    assert stored_ids(indexed.components) == before


def test_an_edited_file_has_only_its_chunks_replaced(indexed: Indexed) -> None:
    before = stored_ids(indexed.components)
    path = indexed.corpus / NMAHP
    original = path.read_text(encoding="utf-8")
    edited = original.replace(
        "Health Education England North West (HEE NW) recognises",
        "Health Education England North West (HEE NW) wholeheartedly recognises",
    )
    assert edited != original
    try:
        path.write_text(edited, encoding="utf-8")
        report = run(indexed)
        assert report.ingested == [NMAHP]
        assert report.skipped == [s for s in ALL_SOURCES if s != NMAHP]
        after = stored_ids(indexed.components)
        assert {s: ids for s, ids in after.items() if s != NMAHP} == {
            s: ids for s, ids in before.items() if s != NMAHP
        }
        assert after[NMAHP] == expected_ids(indexed.corpus)[NMAHP]
        replaced = set(before[NMAHP]) - set(after[NMAHP])
        assert len(replaced) == 1  # one sentence changed: one chunk, the others keep their ids
        assert not replaced & set(indexed.components.vectors.ids())
        assert not indexed.components.store.chunks(replaced)
        assert_stores_agree(indexed.components)
        hits = indexed.components.store.keyword_search("wholeheartedly", limit=5)
        assert [chunk_id for chunk_id, _ in hits] == sorted(set(after[NMAHP]) - set(before[NMAHP]))
    finally:
        path.write_text(original, encoding="utf-8")
        restored = run(indexed)
    assert restored.ingested == [NMAHP]
    assert stored_ids(indexed.components) == before
    assert not indexed.components.store.keyword_search("wholeheartedly")


def test_a_deleted_file_disappears_and_comes_back_when_re_added(indexed: Indexed) -> None:
    before = stored_ids(indexed.components)
    store, vectors = indexed.components.store, indexed.components.vectors
    path = indexed.corpus / RESEARCH_PLAN
    kept = path.with_suffix(".kept")
    shutil.move(path, kept)
    try:
        report = run(indexed)
        assert report.deleted == [RESEARCH_PLAN]
        assert report.skipped == [s for s in ALL_SOURCES if s != RESEARCH_PLAN]
        assert RESEARCH_PLAN not in {row.source for row in store.documents()}
        assert not store.chunks(before[RESEARCH_PLAN])
        assert not vectors.ids_for_source(RESEARCH_PLAN)
        assert not set(before[RESEARCH_PLAN]) & set(vectors.ids())
        assert not store.sentences(before[RESEARCH_PLAN])
        assert_stores_agree(indexed.components)
    finally:
        shutil.move(kept, path)
        readded = run(indexed)
    assert readded.ingested == [RESEARCH_PLAN]
    assert stored_ids(indexed.components) == before
    assert_stores_agree(indexed.components)


def test_ingesting_one_folder_leaves_files_outside_it_alone(indexed: Indexed) -> None:
    before = stored_ids(indexed.components)
    report = indexed.components.pipeline.run([indexed.corpus / "action-logs"])
    assert report.skipped == ["action-logs/lancashire-innovation-action-agenda.txt"]
    assert not report.deleted
    assert stored_ids(indexed.components) == before
    assert ACTION_PLAN in before


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(VectorStoreUnavailable, match=f"127.0.0.1:{port}"):
        make_client(settings(tmp_path, CORPUS, chroma_host="127.0.0.1", chroma_port=port))
