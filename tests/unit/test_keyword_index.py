"""The in-memory keyword index (BM25 weights built once per index version) and the
vocabulary fuzzy matching looks words up in: their results against straightforward
reference computations, on hand-made chunks."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from assistant.retrieval.corpus_terms import CorpusTerms, words_of
from assistant.retrieval.keyword_index import (
    HEADING_WEIGHT,
    K1,
    MIN_IDF,
    B,
    KeywordIndex,
    index_terms,
)
from assistant.retrieval.text import (
    WordIndex,
    best_similarity,
    content_words,
    fuzzy_coverage,
    raw_tokens,
)
from ingest.types import Chunk


def _chunk(chunk_id: str, text: str, title: str = "Plan", section: str = "") -> Chunk:
    return Chunk(
        id=chunk_id, text=text, source="plans/p.txt", title=title, section=section,
        kind="plan", line_start=1, line_end=1,
    )  # fmt: skip


CHUNKS = [
    _chunk("a", "The hydrogen hub opens in 2026. Hydrogen buses follow."),
    _chunk("b", "Skills bootcamps for digital jobs, and a digital skills fund."),
    _chunk("c", "Hydrogen is mentioned once among many other words about buses and trains."),
    _chunk("d", "Nothing relevant here at all.", section="Hydrogen"),
    _chunk("e", "Digital inclusion for older residents."),
]


def _reference_bm25(chunks: list[Chunk], query: str) -> dict[str, float]:
    """BM25 written out term by term, as the module's docstring defines it."""
    counts = []
    lengths = []
    for chunk in chunks:
        lengths.append(len(raw_tokens(f"{chunk.title} {chunk.section} {chunk.text}")))
        weighted: Counter[str] = Counter()
        for term in index_terms(f"{chunk.title} {chunk.section}"):
            weighted[term] += HEADING_WEIGHT
        for term in index_terms(chunk.text):
            weighted[term] += 1
        counts.append(weighted)
    average = sum(lengths) / len(lengths)
    scores: dict[str, float] = {}
    for term in set(index_terms(query)):
        holding = sum(1 for c in counts if term in c)
        if not holding:
            continue
        idf = max(math.log((len(chunks) - holding + 0.5) / (holding + 0.5)), MIN_IDF)
        for chunk, weighted, length in zip(chunks, counts, lengths, strict=True):
            tf = weighted[term]
            if tf:
                norm = K1 * (1 - B + B * length / average)
                scores[chunk.id] = scores.get(chunk.id, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
    return scores


@pytest.mark.parametrize(
    "query",
    ["hydrogen buses", "digital skills", "Who runs the hydrogen hub?", "older residents trains"],
)
def test_scores_are_bm25_and_the_order_follows_them(query: str) -> None:
    expected = _reference_bm25(CHUNKS, query)
    found = KeywordIndex(CHUNKS).search(query, limit=10)

    assert {i: pytest.approx(s, rel=1e-5) for i, s in expected.items()} == dict(found)
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_a_rare_word_outweighs_a_common_one_and_headings_count_double() -> None:
    index = KeywordIndex(CHUNKS)
    scores = dict(index.search("hydrogen", 10))
    assert scores["a"] > scores["c"], "two mentions in a short chunk beat one in a long one"
    assert scores["d"] > scores["c"], "a section heading counts twice"
    assert index.search("older hydrogen", 1)[0][0] == "e", "'older' is in one chunk only"


def test_the_limit_unknown_words_and_stop_words() -> None:
    index = KeywordIndex(CHUNKS)
    assert len(index.search("hydrogen digital", 2)) == 2
    assert index.search("quantum", 5) == []
    assert index.search("the and of what who", 5) == []
    assert KeywordIndex([]).search("hydrogen", 5) == []


def test_forms_of_a_word_meet_at_one_stem() -> None:
    index = KeywordIndex([_chunk("x", "Innovation missions were delivered.")])
    for query in ("innovative", "mission", "delivering"):
        assert [i for i, _ in index.search(query, 5)] == ["x"], query


def test_ties_are_broken_by_index_order_every_time() -> None:
    copies = [_chunk(f"copy{i}", "The hydrogen hub opens in 2026.") for i in range(12)]
    index = KeywordIndex(copies)
    assert [i for i, _ in index.search("hydrogen", 5)] == [f"copy{i}" for i in range(5)]


def test_fuzzy_coverage_through_the_vocabulary_equals_the_direct_comparison() -> None:
    """The per-question neighbour lookup is a speed-up only: the same value as comparing each
    query word with every word of the text, on random damaged words."""
    rng = random.Random(7)
    terms = CorpusTerms.read(CHUNKS)
    vocabulary = sorted(terms.vocabulary.words)
    for _ in range(200):
        query = []
        for word in rng.sample(vocabulary, 4):
            cut = rng.randrange(len(word))
            query.append(word[:cut] + word[cut + 1 :] if rng.random() < 0.6 else word)
        query.append("zzzz")
        chunk = rng.choice(CHUNKS)
        words = words_of(chunk)
        direct = fuzzy_coverage(query, set(words))
        assert fuzzy_coverage(query, words, neighbours=terms.neighbours(query)) == direct


def test_similar_words_are_exactly_those_over_the_threshold() -> None:
    words = content_words(" ".join(c.text for c in CHUNKS))
    index = WordIndex(words)
    for probe in ("hydrogn", "digitl", "bootcamp", "resident", "xyz"):
        near = index.similar(probe, 0.5)
        assert set(near) == {w for w in set(words) if best_similarity(probe, [w], 0.01) >= 0.5}
        assert max(near.values(), default=0.0) == pytest.approx(
            max(0.0, best_similarity(probe, set(words), 0.5)) if near else 0.0
        )


def test_without_weights_only_the_tokens_are_counted() -> None:
    """When the store does keyword search, no process holds BM25 weights; the token counts
    (vocabulary, speller) are the same either way."""
    weighed, counted = KeywordIndex(CHUNKS), KeywordIndex(CHUNKS, weigh=False)
    assert counted.token_counts == weighed.token_counts
    assert (counted.token_counts["Hydrogen"], counted.token_counts["hydrogen"]) == (3, 1)
    assert counted.weights.nnz == 0 and counted.search("hydrogen", 5) == []
    assert CorpusTerms.read(CHUNKS, keyword_weights=False).vocabulary.words == (
        CorpusTerms.read(CHUNKS).vocabulary.words
    )
