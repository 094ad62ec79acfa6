"""The answer contract shared by every surface (CLI ``--json``, ``/v1/ask``, Slack, evals)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)
    """A hard cap for every surface; the web API's (setting) is lower: 4000 by default."""


class Filters(BaseModel):
    """Metadata filters passed through to retrieval; all optional, combined with AND.

    The caps here hold for every surface; the web API bounds ``aim`` and ``owner`` further
    (``ASSISTANT_MAX_FILTER_CHARS``, 200 by default)."""

    source: str | None = Field(None, max_length=1000)
    kind: Literal["plan", "action"] | None = None
    aim: str | None = Field(None, max_length=1000)
    owner: str | None = Field(None, max_length=1000)


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
    upload_note: str | None = Field(
        None,
        description="Set when every citation is an upload ingested less than "
        "ASSISTANT_RECENT_UPLOAD_DAYS ago (not a reviewed plan); the same line ends the answer",
    )
    question: str = ""
    debug: dict[str, Any] | None = Field(None, exclude=True)
