"""The answer contract shared by every surface (CLI ``--json``, ``/v1/ask``, Slack, evals)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class Filters(BaseModel):
    """Metadata filters passed through to retrieval; all optional, combined with AND."""

    source: str | None = None
    kind: Literal["plan", "action"] | None = None
    aim: str | None = None
    owner: str | None = None


class Citation(BaseModel):
    id: int = Field(description="The number used as [n] in the answer text")
    source: str = Field(description="Path relative to the corpus root")
    title: str
    section: str = ""
    snippet: str
    score: float
    chunk_id: str | None = None
    line_start: int | None = None
    line_end: int | None = None
    page: int | None = None
    record_id: str | None = None


class Answer(BaseModel):
    """An answer with numbered citations; every ``[n]`` in ``answer`` names one of them."""

    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    model: str = "extractive"
    timings_ms: dict[str, float] = Field(default_factory=dict)
    id: str = Field("", description="Answer id, quoted back in feedback")
    notice: str | None = Field(None, description="e.g. the LLM was unreachable, so extractive")
    question: str = ""
    debug: dict[str, Any] | None = Field(None, exclude=True)
