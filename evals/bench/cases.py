"""Eval-suite questions, and the retrieval-quality metrics the encoder options are judged by.

``hit@5`` here is span-level (a top-5 chunk contains one of the case's ``gold_spans``), which
is stricter than the suite runner's file-level hit and so more sensitive to a worse encoder;
the file-level figure is reported too. MRR uses the rank of the first chunk holding a span
(0 when none is in the top 10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from evals.bench.config import REPO, SUITES

if TYPE_CHECKING:
    from assistant.retrieval.hybrid import RetrievalMode
    from assistant.service import Assistant

MRR_DEPTH = 10


@dataclass(frozen=True)
class Case:
    """One question from a suite, with what retrieval should find for it."""

    id: str
    question: str
    answerable: bool
    history: tuple[tuple[str, str], ...] = ()
    filters: dict[str, Any] = field(default_factory=dict)
    gold_spans: tuple[str, ...] = ()
    gold_sources: tuple[str, ...] = ()


def load_cases(suites: tuple[str, ...] = SUITES, sources: tuple[str, ...] = ()) -> list[Case]:
    """Question cases (drafts excluded); with ``sources``, only cases answerable from them
    or unanswerable ones (so the quick run's small corpus still has fair questions)."""
    cases: list[Case] = []
    for name in suites:
        raw = yaml.safe_load((REPO / "evals" / "suites" / name).read_text(encoding="utf-8"))
        for item in raw or []:
            if item.get("kind") == "draft" or "question" not in item:
                continue
            case = Case(
                id=str(item["id"]),
                question=str(item["question"]),
                answerable=bool(item.get("answerable", True)),
                history=tuple((t["role"], t["content"]) for t in item.get("history") or []),
                filters=dict(item.get("filters") or {}),
                gold_spans=tuple(item.get("gold_spans") or ()),
                gold_sources=tuple(item.get("gold_sources") or ()),
            )
            if sources and case.gold_sources and not set(case.gold_sources) <= set(sources):
                continue
            cases.append(case)
    return cases


def spread(cases: list[Case], limit: int | None) -> list[Case]:
    """Every n-th case, so a small sample still covers every suite."""
    if limit is None or len(cases) <= limit:
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def request_args(case: Case) -> tuple[list[Any] | None, Any]:
    """The case's history and filters as the assistant's own types."""
    from assistant.schemas import Filters, HistoryTurn

    history = [HistoryTurn(role=r, content=c) for r, c in case.history] or None
    filters = Filters(**case.filters) if case.filters else None
    return history, filters


def retrieval_quality(
    assistant: Assistant, cases: list[Case], mode: RetrievalMode = "hybrid+rescore"
) -> dict[str, Any]:
    """hit@5 / MRR@10 (span level) and file hit@5 over the answerable cases with spans."""
    scored = [c for c in cases if c.answerable and c.gold_spans]
    hits = file_hits = 0
    reciprocal = 0.0
    for case in scored:
        history, filters = request_args(case)
        result = assistant.retrieve(case.question, history, filters, mode=mode, k=MRR_DEPTH)
        chunks = [c.chunk for c in result.candidates[:MRR_DEPTH]]
        spans = [_norm(s) for s in case.gold_spans]
        rank = next(
            (i + 1 for i, ch in enumerate(chunks) if any(s in _norm(ch.text) for s in spans)),
            None,
        )
        if rank is not None:
            reciprocal += 1.0 / rank
            hits += rank <= 5
        file_hits += any(ch.source in case.gold_sources for ch in chunks[:5])
    n = len(scored) or 1
    return {
        "mode": mode,
        "cases": len(scored),
        "hit_at_5": round(hits / n, 4),
        "mrr": round(reciprocal / n, 4),
        "file_hit_at_5": round(file_hits / n, 4),
    }


def corpus_sources(corpus: Path, files: tuple[str, ...]) -> tuple[str, ...]:
    """Corpus-relative names of the files a run indexes."""
    if files:
        return files
    return tuple(sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()))
