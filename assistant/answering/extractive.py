"""The default answerer: no model, only the documents' own words, always cited.

It picks what answers the question from the retrieved evidence — action-record fields for
owner/status questions, a whole list for "what are the four …", otherwise the best one to three
sentences — removes near-duplicates, and numbers each cited passage. It abstains when the
evidence does not support an answer (see :mod:`assistant.answering.support`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answering.actions import ActionLine, describe, select_action_lines
from assistant.answering.base import citation_for
from assistant.answering.support import (
    NOT_FOUND,
    SentenceChoice,
    answer_type_present,
    choose_sentences,
    list_block,
    supported,
)
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.schemas import Answer, Citation, HistoryTurn
from ingest.store.sqlite import SqliteStore

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


@dataclass
class _Cited:
    """Citations numbered in order of first use; one number per chunk."""

    citations: list[Citation]
    numbers: dict[str, int]

    def number(self, candidate: Candidate, focus: str | None = None) -> int:
        chunk_id = candidate.chunk.id
        if chunk_id not in self.numbers:
            self.numbers[chunk_id] = len(self.citations) + 1
            self.citations.append(citation_for(self.numbers[chunk_id], candidate, focus))
        return self.numbers[chunk_id]


class ExtractiveAnswerer:
    """Answers from retrieved sentences and action-record fields; the default backend."""

    name = "extractive"

    def __init__(self, store: SqliteStore, abstain_threshold: float = 0.35) -> None:
        self.store = store
        self.abstain_threshold = abstain_threshold

    # --- the Answerer interface --------------------------------------------------------
    def answer(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Answer:
        started = time.perf_counter()
        text, citations, abstained, debug = self._compose(question, evidence)
        return Answer(
            answer=text,
            abstained=abstained,
            citations=citations,
            model=self.name,
            timings_ms={"generate": round((time.perf_counter() - started) * 1000, 2)},
            question=question,
            debug=debug,
        )

    def stream(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Iterator[str | Answer]:
        """Sentence by sentence: the text is ready at once, so streaming is only delivery."""
        final = self.answer(question, evidence)
        pieces = _SENTENCE_END.split(final.answer)
        for index, piece in enumerate(pieces):
            yield piece if index == len(pieces) - 1 else piece + " "
        yield final

    # --- composition -------------------------------------------------------------------
    def _compose(
        self, question: str, evidence: RetrievalResult
    ) -> tuple[str, list[Citation], bool, dict[str, object]]:
        cited = _Cited([], {})
        candidates = evidence.candidates
        debug: dict[str, object] = {"top_score": candidates[0].score if candidates else 0.0}
        if not candidates:
            return NOT_FOUND, [], True, debug

        if evidence.intent.about_actions:
            records = self.store.records()
            picked = select_action_lines(question, evidence, records) if records else None
            if picked is not None:
                lines, lead = picked
                debug["route"] = "actions"
                return self._action_answer(lines, lead, cited), cited.citations, False, debug

        top = candidates[0]
        if top.score < self.abstain_threshold:
            debug["route"] = "abstain: weak retrieval"
            return NOT_FOUND, [], True, debug

        if evidence.intent.asks_list:
            block = list_block(question, evidence)
            if block is not None:
                candidate, lead_in, items = block
                number = cited.number(candidate, lead_in)
                debug["route"] = "list"
                bullets = "\n".join(f"- {item}" for item in items)
                return f"{lead_in} [{number}]\n\n{bullets}", cited.citations, False, debug

        chosen = choose_sentences(question, evidence)
        debug["sentences"] = [(c.text, round(c.score, 3)) for c in chosen]
        if not chosen or not supported(question, evidence, chosen):
            debug["route"] = "abstain: unsupported"
            return NOT_FOUND, [], True, debug
        if not answer_type_present(question, evidence.intent, chosen):
            debug["route"] = "abstain: answer type missing"
            return NOT_FOUND, [], True, debug
        debug["route"] = "sentences"
        return self._sentence_answer(chosen, cited), cited.citations, False, debug

    def _action_answer(self, lines: list[ActionLine], lead: str, cited: _Cited) -> str:
        chunks = self.store.record_chunks()
        rendered: list[str] = []
        for line in lines:
            candidate = line.candidate
            if candidate is None and line.record.id in chunks:
                candidate = Candidate(chunks[line.record.id])
            marker = f" [{cited.number(candidate)}]" if candidate is not None else ""
            rendered.append(describe(line.record) + line.note + marker)
        if not lead and len(rendered) == 1:
            return rendered[0]
        body = "\n".join(f"- {line}" for line in rendered)
        return f"{lead}\n\n{body}" if lead else body

    @staticmethod
    def _sentence_answer(chosen: list[SentenceChoice], cited: _Cited) -> str:
        parts = []
        for choice in chosen:
            number = cited.number(choice.candidate, choice.text)
            text = choice.text.rstrip()
            parts.append(f"{text} [{number}]")
        return " ".join(parts)
