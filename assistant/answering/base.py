"""The one small interface every answer backend implements, and helpers they share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.schemas import Answer, Citation, HistoryTurn
from ingest.types import ActionRecord

CITATION_MARK = re.compile(r"\[(\d{1,3})\]")


class Answerer(Protocol):
    """Turns retrieved evidence into an :class:`Answer`; ``stream`` yields text deltas and
    returns the final answer (``yield from`` gives it back)."""

    name: str

    def answer(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Answer: ...

    def stream(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Iterator[str | Answer]: ...


def snippet_for(candidate: Candidate, focus: str | None = None, width: int = 420) -> str:
    """The cited passage shown to users: around the sentence used, else the chunk start."""
    text = " ".join(candidate.chunk.text.split())
    if len(text) <= width:
        return text
    start = 0
    if focus:
        position = text.find(" ".join(focus.split())[:60])
        if position > 0:
            start = max(0, position - width // 4)
    piece = text[start : start + width]
    return ("… " if start else "") + piece.rstrip() + " …"


def citation_for(number: int, candidate: Candidate, focus: str | None = None) -> Citation:
    chunk = candidate.chunk
    return Citation(
        id=number,
        source=chunk.source,
        title=chunk.title,
        section=chunk.section,
        snippet=snippet_for(candidate, focus),
        score=round(candidate.score, 4),
        chunk_id=chunk.id,
        line_start=chunk.line_start,
        line_end=chunk.line_end,
        page=chunk.page_start,
        record_id=chunk.record_id,
    )


def valid_markers(text: str, citations: list[Citation]) -> bool:
    ids = {c.id for c in citations}
    return all(int(m) in ids for m in CITATION_MARK.findall(text))


def record_line(record: ActionRecord) -> str:
    owner = record.owner or "no owner recorded"
    return (
        f"**{record.action.strip()}** — owner: {owner}; status: {record.status or 'none recorded'}"
    )
