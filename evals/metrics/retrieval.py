"""Ranking metrics over a list of retrieved chunks (BEIR-style: hit@k, MRR@k, nDCG@k) and span
context recall (ragas' context recall, with verbatim gold spans instead of an LLM judge)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space and lower-case, for span matching."""
    return _SPACE.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class Retrieved:
    """What ranking metrics need from a retrieved chunk."""

    source: str
    text: str


def first_relevant_rank(ranked: Sequence[Retrieved], gold_sources: Sequence[str]) -> int | None:
    """1-based rank of the first chunk from a gold source, or None."""
    gold = set(gold_sources)
    for rank, item in enumerate(ranked, 1):
        if item.source in gold:
            return rank
    return None


def hit_at_k(ranked: Sequence[Retrieved], gold_sources: Sequence[str], k: int) -> float:
    """1.0 when a chunk from some gold source is in the top ``k``."""
    rank = first_relevant_rank(ranked, gold_sources)
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(ranked: Sequence[Retrieved], gold_sources: Sequence[str], k: int = 10) -> float:
    """1/rank of the first gold-source chunk within the top ``k`` (MRR@k per query)."""
    rank = first_relevant_rank(ranked, gold_sources)
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def spans_in(text: str, spans: Sequence[str]) -> set[int]:
    """Indexes of the gold spans that occur in ``text`` (whitespace-collapsed, case-insensitive)."""
    haystack = normalise(text)
    return {i for i, span in enumerate(spans) if normalise(span) in haystack}


def span_recall(ranked: Sequence[Retrieved], spans: Sequence[str], k: int = 5) -> tuple[int, int]:
    """(gold spans found in the top ``k`` chunks, gold spans): context recall@k as a ratio."""
    found: set[int] = set()
    for item in ranked[:k]:
        found |= spans_in(item.text, spans)
    return len(found), len(spans)


def ndcg_at_k(ranked: Sequence[Retrieved], spans: Sequence[str], k: int = 10) -> float:
    """Span-novelty nDCG@k: a chunk gains the number of gold spans it is first to contain,
    discounted by log2(rank + 1); the ideal puts every span in the rank-1 chunk.

    Relevance is defined by the gold spans, not by chunk ids, so systems that chunk the corpus
    differently (the 1000/200 baselines) are judged on the same ground.
    """
    if not spans:
        return 0.0
    seen: set[int] = set()
    dcg = 0.0
    for rank, item in enumerate(ranked[:k], 1):
        new = spans_in(item.text, spans) - seen
        seen |= new
        dcg += len(new) / math.log2(rank + 1)
    return dcg / len(spans)
