"""What running one case produces, before any scoring: kept in the answer cache and in
``report.json`` so a case can be re-scored (or debugged) without asking again."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.retrieval.hybrid import RetrievalMode

MAIN_SYSTEM = "hybrid+rescore"
ASSISTANT_MODES: tuple[RetrievalMode, ...] = ("vector", "keyword", "hybrid", "hybrid+rescore")
NAIVE_K = 4
SYSTEMS = (*ASSISTANT_MODES, "langchain-naive@4", "langchain-naive@10", "bm25")
"""Every retrieval system in the ablation table; the first four go through ``Assistant``."""


class RankedChunk(BaseModel):
    id: str
    source: str
    score: float
    text: str


class SentenceSupport(BaseModel):
    """How well one answer sentence is backed by the passages it cites."""

    text: str
    cites: list[int] = Field(default_factory=list)
    cosine: float = 0.0
    lexical: float = 0.0
    checkable: bool = True


class QARun(BaseModel):
    kind: Literal["qa"] = "qa"
    answer: dict[str, Any] | None = None
    error: str | None = None
    cited_texts: dict[int, str] = Field(default_factory=dict)
    support: list[SentenceSupport] = Field(default_factory=list)
    retrieval: dict[str, list[RankedChunk]] = Field(default_factory=dict)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    cached: bool = False


class DraftRun(BaseModel):
    kind: Literal["draft"] = "draft"
    actions: list[str] = Field(default_factory=list)
    rows: list[int] = Field(default_factory=list)
    citations_valid: bool = True
    markdown: str = ""
    error: str | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)
    cached: bool = False


CaseRun = QARun | DraftRun
