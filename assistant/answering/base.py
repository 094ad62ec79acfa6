"""The one small interface every answer backend implements, and helpers they share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Protocol

from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.schemas import Answer, Citation, HistoryTurn
from ingest.lexicon import ORDINAL, ORDINAL_WORDS, PLAN_END, YEAR
from ingest.types import ActionRecord, Chunk

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


def final_answer(items: Iterable[str | Answer]) -> Answer:
    """Drain an answer stream (text deltas, then the Answer) and return the Answer."""
    final: Answer | None = None
    for item in items:
        if isinstance(item, Answer):
            final = item
    if final is None:
        raise RuntimeError("an answer stream ended without its Answer")
    return final


def table_headers(chunk: Chunk) -> list[str]:
    """The header rows ingest stored with a chunk of table rows (cells joined by tabs)."""
    if not chunk.structure:
        return []
    headers: list[str] = json.loads(chunk.structure).get("table_header", [])
    return headers


def chunk_context(chunk: Chunk) -> str:
    """Everything a chunk says about itself: file name, title, section path, text and where
    its footnotes are cited (where a question's names may legitimately sit, and what an answer
    may draw words from)."""
    source = re.sub(r"[-_/.]+", " ", chunk.source)
    anchors = " ".join(chunk.footnote_anchors().values())
    return f"{source} {chunk.title} {chunk.section} {chunk.text} {anchors}".rstrip()


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


# "last year" is the year before this one, not a table's last column
_PERIOD_BY_PLACE = re.compile(rf"\b(?!last\b)({ORDINAL})\s+(?:year|period|phase)\b", re.I)
_DATED_HEADER = re.compile(rf"{YEAR.pattern}|\b(?:year|phase|stage)\s+\d\b", re.I)
"""A column of a period: "2025–26", "Year 2", "Phase 1"."""
_PLAN_END = re.compile(rf"\b{PLAN_END}\b", re.I)
"""The last dated column: "by the end of the plan"."""


def placed_period(question: str, headers: list[str]) -> int | None:
    """Which of ``headers`` the question names by its place among the dated ones: "the *final
    year* of the plan" is the last of "Budget 2025–26 / 2026–27 / 2027–28", "the first year"
    the first, "the end of the plan" the last. None when the question places no period or
    fewer than two headers are dated."""
    place = _PERIOD_BY_PLACE.search(question)
    dated = [index for index, header in enumerate(headers) if _DATED_HEADER.search(header)]
    if len(dated) >= 2 and _PLAN_END.search(question):
        return dated[-1]
    if place is None or len(dated) < 2:
        return None
    position = ORDINAL_WORDS[place.group(1).lower()]
    if position > len(dated):
        return None
    return dated[position - 1 if position > 0 else position]
