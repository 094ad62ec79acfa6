"""The retriever's ranking rules, on hand-made vectors: reciprocal rank fusion, the modes,
re-scoring, filters. No embedding model, Chroma or corpus: the fakes below stand in for them
and record what the retriever asked, so each rule is checked on its own."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
import pytest

from assistant.retrieval.hybrid import (
    RRF_K,
    Candidate,
    HybridRetriever,
    RetrievalMode,
    RetrievalResult,
)
from assistant.retrieval.intent import read_intent
from assistant.schemas import Filters
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.store.sqlite import SqliteStore
from ingest.store.vectors import ChunkVectors
from ingest.types import Chunk, DocKind

T = TypeVar("T")
Hits = list[tuple[str, float]]
POOL = 5
"""Not the default (30), so the tests see the retriever pass its own pool on."""


def _unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


QUERY = _unit(1, 0, 0)
ACROSS = _unit(0, 1, 0)
"""Orthogonal to the query: similarity 0."""


# --- fakes ---------------------------------------------------------------------------------
# Subclasses, so the pydantic retriever accepts them and mypy checks the overridden
# signatures; the parents' __init__ (a SQLite file, a Chroma client) is skipped on purpose.


class FakeEmbeddings(SentenceTransformerEmbeddings):
    """Every question embeds to ``QUERY``."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    def encode_query(self, text: str) -> np.ndarray:
        self.questions.append(text)
        return QUERY


class FakeVectors(ChunkVectors):
    """Returns fixed dense hits whatever the ``where`` (so the retriever's own filtering shows)."""

    def __init__(self, hits: Hits, stored: dict[str, np.ndarray] | None = None) -> None:
        self.hits = hits
        self.stored = stored or {}
        self.queries: list[tuple[list[float], int, dict[str, Any] | None]] = []
        self.looked_up: list[list[str]] = []

    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        self.queries.append((list(vector), k, where))
        return list(self.hits)

    def vectors_for(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        self.looked_up.append(list(ids))
        return {i: self.stored[i] for i in ids if i in self.stored}


class FakeStore(SqliteStore):
    """Chunks, fixed keyword hits and stored sentence vectors, all in memory."""

    def __init__(
        self,
        chunks: Iterable[Chunk],
        keyword_hits: Hits,
        sentences: dict[str, list[tuple[str, np.ndarray | None]]] | None = None,
    ) -> None:
        self.by_id = {c.id: c for c in chunks}
        self.keyword_hits = keyword_hits
        self.stored_sentences = sentences or {}
        self.searches: list[tuple[str, int]] = []

    def keyword_search(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        self.searches.append((text, limit))
        return list(self.keyword_hits)

    def chunk_ids_for_source(self, source: str) -> set[str]:
        return {i for i, c in self.by_id.items() if c.source == source}

    def chunks(self, ids: Iterable[str] | None = None) -> list[Chunk]:
        wanted = self.by_id if ids is None else ids
        return [self.by_id[i] for i in wanted if i in self.by_id]

    def sentences(self, chunk_ids: Iterable[str]) -> dict[str, list[tuple[str, np.ndarray | None]]]:
        return {i: self.stored_sentences[i] for i in chunk_ids if i in self.stored_sentences}

    def per_version(self, name: str, load: Callable[[], T]) -> T:
        return load()


# --- helpers -------------------------------------------------------------------------------


def _chunk(
    chunk_id: str,
    text: str = "Shared wording.",
    kind: DocKind = "plan",
    source: str = "plans/p.txt",
    section: str = "Aims",
) -> Chunk:
    return Chunk(
        id=chunk_id, text=text, source=source, title="Plan", section=section, kind=kind,
        line_start=1, line_end=1,
    )  # fmt: skip


def _retriever(store: FakeStore, vectors: FakeVectors, mode: RetrievalMode) -> HybridRetriever:
    """Keyword hits come from the fake store (``keyword_index="store"``), so each test sets
    them; the in-memory index has its own tests below and in test_keyword_index.py."""
    return HybridRetriever(
        store=store,
        vectors=vectors,
        embeddings=FakeEmbeddings(),
        mode=mode,
        pool=POOL,
        keyword_index="store",
    )


def _rrf(*ranks: int) -> float:
    return sum(1.0 / (RRF_K + rank + 1) for rank in ranks)


def _ids(result: RetrievalResult) -> list[str]:
    return [c.chunk.id for c in result.candidates]


def _by_id(result: RetrievalResult) -> dict[str, Candidate]:
    return {c.chunk.id: c for c in result.candidates}


# --- fusion and modes ----------------------------------------------------------------------


def test_a_chunk_found_by_both_searches_outranks_the_top_of_either() -> None:
    """RRF: second place in both lists beats first place in one; scores are the rank sums."""
    chunks = [_chunk(i) for i in ("dense", "both", "keyword")]
    store = FakeStore(chunks, keyword_hits=[("keyword", 9.0), ("both", 5.0)])
    vectors = FakeVectors([("dense", 0.9), ("both", 0.8)])
    found = _by_id(_retriever(store, vectors, "hybrid").search("innovation month"))

    assert next(iter(found)) == "both"
    assert found["both"].rrf == pytest.approx(_rrf(1, 1))
    assert found["dense"].rrf == pytest.approx(_rrf(0))
    assert found["keyword"].rrf == pytest.approx(_rrf(0))
    assert (found["both"].dense_rank, found["both"].keyword_rank) == (1, 1)
    assert (found["keyword"].dense_rank, found["dense"].keyword_rank) == (None, None)
    assert all(c.score == c.rrf for c in found.values()), "without rescoring, score is rrf"


def test_dense_hits_unknown_to_the_store_are_dropped() -> None:
    """Stale vectors (chunk deleted from SQLite) must not surface as candidates."""
    store = FakeStore([_chunk("live")], keyword_hits=[])
    vectors = FakeVectors([("stale", 0.99), ("live", 0.5)])
    assert _ids(_retriever(store, vectors, "hybrid").search("innovation")) == ["live"]


def test_vector_mode_never_searches_keywords() -> None:
    """Only the dense list ranks; the keyword-only chunk cannot appear."""
    store = FakeStore([_chunk("a"), _chunk("b"), _chunk("c")], keyword_hits=[("c", 9.0)])
    vectors = FakeVectors([("a", 0.9), ("b", 0.8)])
    result = _retriever(store, vectors, "vector").search("innovation month")

    assert _ids(result) == ["a", "b"]
    assert store.searches == []
    assert vectors.queries == [(QUERY.tolist(), POOL, None)]


def test_keyword_mode_never_queries_vectors() -> None:
    """Only the keyword list ranks; it is searched with the question's content words."""
    store = FakeStore([_chunk("a"), _chunk("b"), _chunk("c")], keyword_hits=[("c", 9.0)])
    vectors = FakeVectors([("a", 0.9), ("b", 0.8)])
    result = _retriever(store, vectors, "keyword").search("Who owns the innovation month action?")

    assert _ids(result) == ["c"]
    assert vectors.queries == []
    assert store.searches == [("owns innovation month action", POOL)]


def test_the_in_memory_keyword_index_searches_the_question_and_its_names_initials() -> None:
    """The default keyword search reads the store's chunks once, not the store's own search:
    the question's words and the initials of its names ("CETP") find their chunks."""
    chunks = [
        _chunk("park", "The CETP opens in 2027."),
        _chunk("month", "Innovation month runs in May."),
        _chunk("other", "Unrelated wording."),
    ]
    store = FakeStore(chunks, keyword_hits=[("other", 9.0)])
    retriever = HybridRetriever(
        store=store, vectors=FakeVectors([]), embeddings=FakeEmbeddings(), mode="keyword"
    )
    assert _ids(retriever.search("When is innovation month?")) == ["month"]
    assert _ids(retriever.search("When does the Clean Energy Technology Park open?")) == ["park"]
    assert store.searches == []


# --- rescoring -----------------------------------------------------------------------------


def test_the_closest_stored_sentence_beats_a_better_fused_rank() -> None:
    """``far`` tops both lists, but only ``near`` holds a sentence that matches the query."""
    store = FakeStore(
        [_chunk("far"), _chunk("near")],
        keyword_hits=[("far", 9.0)],
        sentences={"far": [("Unrelated.", ACROSS)], "near": [("On point.", QUERY)]},
    )
    vectors = FakeVectors([("far", 0.6), ("near", 0.6)])
    question = "What does the plan say about innovation month?"

    assert _ids(_retriever(store, vectors, "hybrid").search(question))[0] == "far"
    result = _retriever(store, vectors, "hybrid+rescore").search(question)
    assert _ids(result)[0] == "near"
    near = _by_id(result)["near"]
    assert near.sentence_best == pytest.approx(1.0)
    assert [s.text for s in near.sentences] == ["On point."]
    assert _by_id(result)["far"].sentence_best == pytest.approx(0.0)


def test_a_name_from_the_question_lifts_the_chunk_that_writes_it() -> None:
    """Equal coverage (one of two words each), equal dense: only ``proper`` separates them."""
    store = FakeStore(
        [_chunk("other", "The scheme will fund labs."), _chunk("named", "Rosebud is a scheme.")],
        keyword_hits=[("other", 9.0), ("named", 5.0)],
    )
    vectors = FakeVectors([("other", 0.5), ("named", 0.5)])
    question = "What did Rosebud fund?"

    assert _ids(_retriever(store, vectors, "hybrid").search(question))[0] == "other"
    result = _retriever(store, vectors, "hybrid+rescore").search(question)
    found = _by_id(result)
    assert _ids(result)[0] == "named"
    assert (found["named"].proper, found["other"].proper) == (1.0, 0.0)
    assert found["named"].coverage == pytest.approx(found["other"].coverage)


@pytest.mark.parametrize(
    ("question", "about_actions", "action_bonus"),
    [
        ("Who owns the innovation month action?", True, 0.08),
        ("What does the plan say about innovation month?", False, -0.02),
    ],
    ids=["action question", "plan question"],
)
def test_action_chunks_win_action_questions_and_lose_plan_questions(
    question: str, about_actions: bool, action_bonus: float
) -> None:
    """Twin chunks differing only in kind; fusion favours the one the kind rule should sink."""
    assert read_intent(question).about_actions is about_actions
    winner, loser = ("action", "plan") if action_bonus > 0 else ("plan", "action")
    store = FakeStore(
        [_chunk("action", kind="action"), _chunk("plan", kind="plan")],
        keyword_hits=[(loser, 9.0), (winner, 5.0)],
    )
    vectors = FakeVectors([(loser, 0.5), (winner, 0.5)])
    result = _retriever(store, vectors, "hybrid+rescore").search(question)
    found = _by_id(result)

    assert _ids(result) == [winner, loser]
    best_rrf = max(c.rrf for c in result.candidates)
    fused_gap = 0.25 * (found["action"].rrf - found["plan"].rrf) / best_rrf
    assert found["action"].score - found["plan"].score == pytest.approx(fused_gap + action_bonus)


def test_keyword_only_hits_get_a_dense_score_from_their_stored_vectors() -> None:
    """Without it a keyword-only hit would count as dense 0 however close its vector is."""
    store = FakeStore(
        [_chunk("dense"), _chunk("unstored"), _chunk("stored")],
        keyword_hits=[("unstored", 9.0), ("stored", 5.0)],
    )
    stored = {"stored": _unit(0.8, 0.6, 0), "dense": ACROSS}
    vectors = FakeVectors([("dense", 0.4)], stored=stored)

    hybrid = _by_id(_retriever(store, vectors, "hybrid").search("innovation month"))
    assert vectors.looked_up == [], "only rescoring looks vectors up"
    assert hybrid["stored"].dense == 0.0

    result = _retriever(store, vectors, "hybrid+rescore").search("innovation month")
    found = _by_id(result)
    assert vectors.looked_up == [["unstored", "stored"]]
    assert found["stored"].dense == pytest.approx(0.8)
    assert found["unstored"].dense == 0.0
    assert found["dense"].dense == pytest.approx(0.4), "a dense hit keeps its own similarity"
    assert _ids(result).index("stored") < _ids(result).index("unstored")


# --- filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "where"),
    [
        (None, None),
        (Filters(aim="skills", owner="jo"), None),
        (Filters(kind="action"), {"kind": "action"}),
        (
            Filters(kind="action", source="logs/a.txt"),
            {"$and": [{"kind": "action"}, {"source": "logs/a.txt"}]},
        ),
    ],
    ids=["no filters", "aim and owner", "kind", "kind and source"],
)
def test_kind_and_source_filters_reach_the_vector_query(
    filters: Filters | None, where: dict[str, Any] | None
) -> None:
    """Chroma filters kind and source itself; aim and owner it cannot, so they stay out."""
    vectors = FakeVectors([])
    _retriever(FakeStore([], keyword_hits=[]), vectors, "hybrid").search("innovation", filters)
    assert vectors.queries == [(QUERY.tolist(), POOL, where)]


def test_one_document_is_searched_exactly_by_its_own_vectors() -> None:
    """A source filter alone: that document's chunk vectors are read and ranked by dot
    product (exact, and cheaper than a filtered HNSW search); no Chroma query is made."""
    chunks = [
        _chunk("close", source="logs/a.txt"),
        _chunk("far", source="logs/a.txt"),
        _chunk("closest elsewhere", source="logs/b.txt"),
    ]
    stored = {"close": _unit(1, 0.2, 0), "far": ACROSS, "closest elsewhere": QUERY}
    vectors = FakeVectors([("closest elsewhere", 1.0)], stored)
    result = _retriever(FakeStore(chunks, keyword_hits=[]), vectors, "vector").search(
        "innovation", Filters(source="logs/a.txt")
    )
    assert _ids(result) == ["close", "far"]
    assert _by_id(result)["close"].dense == pytest.approx(float(_unit(1, 0.2, 0) @ QUERY))
    assert vectors.queries == []
    assert vectors.looked_up == [["close", "far"]]


def test_kind_and_source_filters_also_drop_keyword_hits() -> None:
    """Keyword search is not filtered, so fusion must drop what the filter excludes."""
    chunks = [
        _chunk("match", kind="action", source="logs/a.txt"),
        _chunk("plan", kind="plan", source="logs/a.txt"),
        _chunk("elsewhere", kind="action", source="logs/b.txt"),
    ]
    store = FakeStore(chunks, keyword_hits=[("plan", 9.0), ("elsewhere", 8.0), ("match", 7.0)])
    filters = Filters(kind="action", source="logs/a.txt")
    result = _retriever(store, FakeVectors([]), "hybrid").search("innovation", filters)
    assert _ids(result) == ["match"]


@pytest.mark.parametrize("mode", ["hybrid", "hybrid+rescore"])
def test_aim_and_owner_filters_drop_candidates_that_miss_either(mode: RetrievalMode) -> None:
    """Aim is matched in the section, owner in the text, case-insensitively, both required."""
    chunks = [
        _chunk("both", "Action: Labs\nOwner: Jo Bloggs", section="Aim 2: Skills"),
        _chunk("aim only", "Action: Labs\nOwner: Sam Smith", section="Aim 2: Skills"),
        _chunk("owner only", "Action: Labs\nOwner: Jo Bloggs", section="Aim 1: Growth"),
    ]
    store = FakeStore(chunks, keyword_hits=[("owner only", 9.0)])
    vectors = FakeVectors([("aim only", 0.9), ("both", 0.8)])
    filters = Filters(aim="skills", owner="jo bloggs")
    assert _ids(_retriever(store, vectors, mode).search("labs", filters)) == ["both"]


def test_aim_and_owner_filters_match_whole_words() -> None:
    """Owner "Ann" is not the "annual" planning row, and "Aim 1" is not "Aim 10"."""
    chunks = [
        _chunk("ann", "Action: Labs\nOwner: Ann", section="Aim 1: Growth"),
        _chunk("annual", "Action: annual planning\nOwner: Sam", section="Aim 1: Growth"),
        _chunk("aim ten", "Action: Labs\nOwner: Ann", section="Aim 10: Skills"),
    ]
    store = FakeStore(chunks, keyword_hits=[("annual", 9.0), ("aim ten", 8.0), ("ann", 7.0)])
    filters = Filters(aim="Aim 1", owner="Ann")
    assert _ids(_retriever(store, FakeVectors([]), "hybrid").search("labs", filters)) == ["ann"]
