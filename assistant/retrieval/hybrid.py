"""The retriever: dense + keyword candidates, reciprocal rank fusion, then re-scoring.

Everything that depends only on the documents was computed at ingest (sentence splits,
sentence embeddings) or once per index version (BM25 weights, the vocabulary fuzzy matching
looks words up in: :mod:`assistant.retrieval.corpus_terms`); a query costs one embedding,
one Chroma query, a sparse row sum and a few dot products.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from assistant.retrieval.corpus_terms import CorpusTerms, chunk_haystack, words_of
from assistant.retrieval.intent import QuestionIntent, read_intent
from assistant.retrieval.text import (
    abbreviations,
    content_words,
    fuzzy_coverage,
    name_initials,
    proper_nouns,
    tokens,
)
from assistant.schemas import Filters
from ingest.columns import column_field
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.lexicon import BULLET_GLYPHS, CLAUSE_BREAK
from ingest.store.base import IndexStore
from ingest.store.vectors import ChunkVectors
from ingest.types import Chunk

RetrievalMode = Literal["vector", "keyword", "hybrid", "hybrid+rescore"]
RRF_K = 60
PART_NAMED_BONUS = 0.15
"""Added to a chunk under the heading of the numbered part the question names ("goal 3"): the
part is what is asked about, whatever words its text uses."""
EXACT_SCAN_MAX_CHUNKS = 2_000
"""A document with at most this many chunks is searched by reading its vectors, not HNSW."""


@dataclass
class ScoredSentence:
    text: str
    similarity: float
    index: int
    vector: np.ndarray | None = None


@dataclass
class Candidate:
    """A chunk with every signal that went into its score (kept for debugging and evals)."""

    chunk: Chunk
    dense: float = 0.0
    dense_rank: int | None = None
    keyword_rank: int | None = None
    rrf: float = 0.0
    sentence_best: float = 0.0
    coverage: float = 0.0
    proper: float = 0.0
    part_named: bool = False
    """The chunk sits under a heading that names the numbered part the question asks about."""
    score: float = 0.0
    sentences: list[ScoredSentence] = field(default_factory=list)

    def to_document(self) -> Document:
        metadata: dict[str, Any] = {**self.chunk.metadata(), "id": self.chunk.id}
        metadata.update(
            score=round(self.score, 4),
            dense=round(self.dense, 4),
            rrf=round(self.rrf, 5),
            sentence_best=round(self.sentence_best, 4),
        )
        return Document(page_content=self.chunk.text, metadata=metadata, id=self.chunk.id)


@dataclass
class RetrievalResult:
    question: str
    intent: QuestionIntent
    query_vector: np.ndarray
    candidates: list[Candidate]
    timings_ms: dict[str, float]
    per_source: tuple[str, ...] = ()
    """Set when the question named several documents: each was searched on its own and the
    candidates interleaved, so the answer can give one part per document."""
    borrowed: str = ""
    """Words ``question`` took from the previous answer to resolve a follow-up: they help
    find passages, but the evidence need not hold their names or numbers."""
    from_answer: str = ""
    """The part of ``borrowed`` that is the previous answer's own words (not the names of the
    user's last question): what a follow-up points at, never a filter on rows."""
    acronyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The acronyms the documents define, with their long forms (:func:`acronym_definitions`)."""
    rarity: Mapping[str, float] = field(default_factory=dict)
    """Each content word's rarity in the corpus (:attr:`CorpusTerms.rarity`)."""
    unnamed_parts: tuple[str, ...] = ()
    """Numbered parts the question names that no document does ("workstream 5" of a plan
    with four: :meth:`CorpusTerms.unnamed_parts`)."""


def _names(needle: str, haystack: str) -> bool:
    """``needle`` as whole words: owner "Ann" is not in "annual", aim "Aim 1" not in "Aim 10"."""
    return re.search(rf"(?<!\w){re.escape(needle.strip())}(?!\w)", haystack, re.I) is not None


def _matches_filters(chunk: Chunk, filters: Filters | None) -> bool:
    if filters is None:
        return True
    if filters.source and chunk.source != filters.source:
        return False
    if filters.kind and chunk.kind != filters.kind:
        return False
    if filters.aim and not _names(filters.aim, chunk.section):
        return False
    return not (filters.owner and not _names(filters.owner, chunk.text))


class HybridRetriever(BaseRetriever):
    """LangChain retriever; ``search`` returns the scored candidates for the answerers."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: IndexStore
    vectors: ChunkVectors
    embeddings: SentenceTransformerEmbeddings
    k: int = 8
    pool: int = Field(30, description="Candidates taken from each of dense and keyword search")
    mode: RetrievalMode = "hybrid+rescore"
    keyword_index: Literal["memory", "store"] = "memory"

    # --- LangChain entry point ---------------------------------------------------------
    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [c.to_document() for c in self.search(query).candidates[: self.k]]

    # --- the real work -----------------------------------------------------------------
    def search(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        intent_text: str | None = None,
    ) -> RetrievalResult:
        """``intent_text``: what the user typed, when ``question`` carries extra context
        (a follow-up made standalone) whose words must not change what is being asked."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        intent = read_intent(intent_text or question)
        terms = self.corpus_terms()
        query_vector = self.embeddings.encode_query(question)
        timings["embed"] = (time.perf_counter() - started) * 1000

        t = time.perf_counter()
        dense_hits = self._dense_search(query_vector, filters) if self.mode != "keyword" else []
        timings["dense"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        keyword_hits = self._keyword_search(question, terms) if self.mode != "vector" else []
        timings["keyword"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        structure = [*terms.part_chunks(question), *terms.heading_chunks(question)]
        part_hits = (
            [(i, 0.0) for i in dict.fromkeys(structure)] if self.mode == "hybrid+rescore" else []
        )
        candidates = self._fuse(dense_hits, keyword_hits, filters, part_hits)
        if self.mode == "hybrid+rescore":
            self._rescore(question, intent, query_vector, candidates, terms)
        candidates.sort(key=lambda c: c.score, reverse=True)
        timings["rescore"] = (time.perf_counter() - t) * 1000
        timings["retrieve"] = (time.perf_counter() - started) * 1000
        limit = k or self.k
        return RetrievalResult(
            question,
            intent,
            query_vector,
            candidates[: max(limit, 1)],
            timings,
            acronyms=terms.acronyms,
            rarity=terms.rarity,
            unnamed_parts=tuple(terms.unnamed_parts(question)),
        )

    def _dense_search(
        self, query_vector: np.ndarray, filters: Filters | None
    ) -> list[tuple[str, float]]:
        """Chroma's nearest chunks; within one document, an exact scan of its chunks."""
        if filters is not None and filters.source and not filters.kind:
            ids = sorted(self.store.chunk_ids_for_source(filters.source))
            if len(ids) <= EXACT_SCAN_MAX_CHUNKS:
                return self.vectors.query_among(query_vector.tolist(), ids, self.pool)
        where: dict[str, Any] | None = None
        if filters is not None and filters.kind:
            where = {"kind": filters.kind}
        if filters is not None and filters.source:
            where = (
                {"source": filters.source}
                if where is None
                else {"$and": [where, {"source": filters.source}]}
            )
        return self.vectors.query(query_vector.tolist(), self.pool, where)

    def _keyword_search(self, question: str, terms: CorpusTerms) -> list[tuple[str, float]]:
        """The question's words and the abbreviations of its names ("the CETP")."""
        initials = name_initials(question)
        if self.keyword_index == "memory":
            return terms.keywords.search(" ".join([question, *initials]), self.pool)
        keyword_text = " ".join(content_words(question) + initials) or question
        return self.store.keyword_search(keyword_text, self.pool)

    def corpus_terms(self) -> CorpusTerms:
        """Read from the chunks once per index version (at start-up by ``warm``); the BM25
        weights only when keyword search runs here, not in the store."""
        weigh = self.keyword_index == "memory"
        return self.store.per_version(
            f"corpus_terms:{self.keyword_index}",
            lambda: CorpusTerms.read(self.store.chunks(), keyword_weights=weigh),
        )

    def _fuse(
        self,
        dense_hits: Sequence[tuple[str, float]],
        keyword_hits: Sequence[tuple[str, float]],
        filters: Filters | None,
        part_hits: Sequence[tuple[str, float]] = (),
    ) -> list[Candidate]:
        """Reciprocal rank fusion of the dense, keyword and named-part lists (the last:
        the chunks under a heading the question names by its number, "goal 3")."""
        ids = list(
            dict.fromkeys(
                [i for i, _ in dense_hits]
                + [i for i, _ in keyword_hits]
                + [i for i, _ in part_hits]
            )
        )
        chunks = {c.id: c for c in self.store.chunks(ids)}  # unknown ids: stale vectors, dropped
        by_id: dict[str, Candidate] = {}
        for rank, (chunk_id, similarity) in enumerate(dense_hits):
            if chunk_id in chunks:
                cand = by_id.setdefault(chunk_id, Candidate(chunks[chunk_id]))
                cand.dense, cand.dense_rank = similarity, rank
                cand.rrf += 1.0 / (RRF_K + rank + 1)
        for rank, (chunk_id, _) in enumerate(keyword_hits):
            if chunk_id in chunks:
                cand = by_id.setdefault(chunk_id, Candidate(chunks[chunk_id]))
                cand.keyword_rank = rank
                cand.rrf += 1.0 / (RRF_K + rank + 1)
        for rank, (chunk_id, _) in enumerate(part_hits):
            if chunk_id in chunks:
                cand = by_id.setdefault(chunk_id, Candidate(chunks[chunk_id]))
                cand.rrf += 1.0 / (RRF_K + rank + 1)
                cand.part_named = True
        out = [c for c in by_id.values() if _matches_filters(c.chunk, filters)]
        for cand in out:
            cand.score = cand.rrf
        return out

    def _rescore(
        self,
        question: str,
        intent: QuestionIntent,
        query_vector: np.ndarray,
        candidates: list[Candidate],
        terms: CorpusTerms,
    ) -> None:
        if not candidates:
            return
        stored = self.store.sentences(c.chunk.id for c in candidates)
        words = content_words(question)
        neighbours = terms.neighbours(words)
        names = [(n.lower(), abbreviations(n)) for n in proper_nouns(question)]
        best_rrf = max(c.rrf for c in candidates) or 1.0
        missing_dense = [c for c in candidates if c.dense_rank is None]
        if missing_dense:  # keyword-only hits: their stored chunk vectors give a dense score
            stored_vectors = self.vectors.vectors_for([c.chunk.id for c in missing_dense])
            for cand in missing_dense:
                if cand.chunk.id in stored_vectors:
                    cand.dense = float(stored_vectors[cand.chunk.id] @ query_vector)
        for cand in candidates:
            sentences = stored.get(cand.chunk.id, [])
            scored = []
            for index, (text, vector) in enumerate(sentences):
                similarity = float(vector @ query_vector) if vector is not None else 0.0
                scored.append(ScoredSentence(text, similarity, index, vector))
            cand.sentences = scored
            cand.sentence_best = max((s.similarity for s in scored), default=cand.dense)
            if intent.asks_list and count_list_items(cand.chunk.text) >= 2:
                # a list's items rarely echo the question; its lead-in heading (in the
                # chunk's embedded text) does
                cand.sentence_best = max(cand.sentence_best, cand.dense)
            cand.coverage = fuzzy_coverage(words, words_of(cand.chunk), neighbours=neighbours)
            lowered = chunk_haystack(cand.chunk).lower()
            cand.proper = _share_named(names, lowered)
            kind_bonus = 0.0
            if intent.about_actions:
                kind_bonus = 0.08 if cand.chunk.kind == "action" else 0.0
            elif cand.chunk.kind == "action":
                kind_bonus = -0.02
            if intent.asks_list:  # "what are the four …": prefer chunks that hold a list
                items = count_list_items(cand.chunk.text)
                kind_bonus += 0.04 if items >= 2 else 0.0
                kind_bonus += 0.04 if items and items == intent.expected_count else 0.0
            kind_bonus += PART_NAMED_BONUS if cand.part_named else 0.0
            cand.score = (
                0.25 * (cand.rrf / best_rrf)
                + 0.35 * cand.sentence_best
                + 0.15 * cand.dense
                + 0.15 * cand.coverage
                + 0.10 * cand.proper
                + kind_bonus
            )


def _share_named(names: list[tuple[str, set[str]]], lowered: str) -> float:
    """Share of the question's names (each with its abbreviations) the text writes."""
    if not names:
        return 0.0
    words: set[str] | None = None
    found = 0
    for name, short in names:
        if name in lowered:
            found += 1
        elif short:
            words = set(tokens(lowered)) if words is None else words
            found += bool(short & words)
    return found / len(names)


_BULLET_LINE = re.compile(rf"^\s*[-*{BULLET_GLYPHS}]\s+")
_NUMBER_MARK = re.compile(r"(?:(?<=\s)|^)\d{1,2}[.)](?:\s+(?=[A-Z])|$|(?=\s+\d{1,2}[.)]))")


def extract_list(text: str) -> tuple[str, list[str]]:
    """(lead-in, items) of the list in ``text``: bullet lines, else a numbered run ("1. … 2. …",
    on separate lines or joined on one). The lead-in is the text just before the first item.
    Cached per text: list questions read every candidate's list."""
    lead_in, items = _list_in(text)
    return lead_in, list(items)


@lru_cache(maxsize=8_192)
def _list_in(text: str) -> tuple[str, tuple[str, ...]]:
    lead_in, items = _read_list(text)
    return lead_in, tuple(items)


def _read_list(text: str) -> tuple[str, list[str]]:
    lines = text.splitlines()
    bullets = [i for i, line in enumerate(lines) if _BULLET_LINE.match(line)]
    if len(bullets) >= 2:
        items = [_BULLET_LINE.sub("", lines[i]).strip() for i in bullets]
        lead_in = lines[bullets[0] - 1].strip() if bullets[0] > 0 else ""
        return lead_in, [i for i in items if i]
    flat = " ".join(line.strip() for line in lines)
    markers = list(_NUMBER_MARK.finditer(flat))
    if len(markers) < 2:
        return _labelled_list(text)
    items = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(flat)
        item = flat[marker.end() : end].strip()
        if item:
            items.append(item)
    before = flat[: markers[0].start()].strip()
    own_line = next((i for i, line in enumerate(lines) if _NUMBER_MARK.match(line.strip())), None)
    if own_line is not None and own_line > 0 and before.endswith(lines[own_line - 1].strip()):
        lead_in = lines[own_line - 1].strip()  # the line the list hangs from ("… These are:")
    else:
        lead_in = before.splitlines()[-1] if before else ""
    return lead_in, items


_LABEL = r"(?:\*\*)?(?P<label>[A-Z][a-z][\w'’&-]*(?: (?:[a-z][\w'’-]*|&)){0,3})(?:\*\*)?"
_LABEL_END = r"(?::|[ \t]+[—–])[ \t]+(?=\S)"
_LABELLED_ITEM = re.compile(r"(?:^|(?<=\n)|(?<=[.!?;]\s))[ \t]*" + _LABEL + _LABEL_END)
_LABEL_IN_LINE = re.compile(_LABEL + _LABEL_END)
MIN_LABELLED_ITEMS = 3


def _labelled_list(text: str) -> tuple[str, list[str]]:
    """(lead-in, items) of a run of labelled paragraphs, each a short capitalised label and
    a colon or dash, on lines of their own or one after another in a paragraph:

        Our values
        Open — we welcome people and ideas from everywhere.
        Ambitious — we set high expectations for our students and ourselves.
        …
        Permits: the weir works need a permit. Council budgets: all three councils face …

    A label that is a record's field ("Owner:", "Status:") is a record, not an item. The
    first label may follow a heading that lost its line break ("Our values Evidence first:
    we base …"); the lead-in is the text before the first label."""
    markers = [
        m for m in _LABELLED_ITEM.finditer(text)
        if (field := column_field(m["label"])) is None or field[1] > 0
    ]  # fmt: skip
    if len(markers) < MIN_LABELLED_ITEMS - 1:
        return "", []
    starts = [m.start("label") - (2 if text[: m.start("label")].endswith("**") else 0)
              for m in markers]  # fmt: skip
    before = text[: starts[0]]
    sentence = _last_sentence(before)
    run_on = next(_LABEL_IN_LINE.finditer(sentence), None)
    if run_on is not None and run_on.start() > 0:  # "Our values Evidence first: …"
        starts.insert(0, before.rindex(sentence) + run_on.start())
    if len(starts) < MIN_LABELLED_ITEMS:
        return "", []
    on_lines = all(start == 0 or text[start - 1] == "\n" for start in starts[1:])
    items = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        item = text[start:end]
        if on_lines:
            item = item.split("\n", 1)[0]
        items.append(" ".join(item.replace("**", "").split()))
    return " ".join(_last_sentence(text[: starts[0]]).split()), items


def _last_sentence(text: str) -> str:
    """The last sentence or line of ``text`` (its own closing stop included)."""
    body = text.rstrip()
    ends = [m.end() for m in CLAUSE_BREAK.finditer(body[:-1])]
    cut = max([*ends, body.rfind("\n") + 1])
    return body[cut:].strip()


def list_items(text: str) -> list[str]:
    return extract_list(text)[1]


def count_list_items(text: str) -> int:
    return len(list_items(text))


def question_tokens(question: str) -> list[str]:
    return tokens(question)
