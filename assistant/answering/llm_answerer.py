"""Answers written by any OpenAI-compatible chat server, checked before anyone sees them.

The model gets numbered evidence and the rules in ``prompts/answer_system.md``. Its reply is
then post-processed: ``[n]`` markers that name no supplied passage are dropped, passages are
renumbered in order of use, and a reply that cites nothing (or that fails outright) becomes the
extractive answer with a notice saying why. The model is a writer, never the source of facts.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from langchain_core.documents import Document

from assistant.answering.base import CITATION_MARK, chunk_context, citation_for, final_answer
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.guard import INSTRUCTION, split_instructions
from assistant.llm import load_prompt, make_chat_model
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import content_words
from assistant.schemas import Answer, Citation, HistoryTurn

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings

log = logging.getLogger(__name__)
ABSTAIN_TOKEN = "NOT_IN_DOCUMENTS"
_ABSTAIN_PHRASES = re.compile(
    r"NOT_IN_DOCUMENTS|\b(?:the (?:evidence|documents?|passages?) (?:do(?:es)? not|don't)"
    r" (?:say|answer|mention|contain)|I (?:can't|cannot|could not|couldn't) find)\b",
    re.I,
)


def neutralise(text: str) -> str:
    """Sentences in a document that read as instructions to the model are replaced, so a
    poisoned file cannot steer the answer (they stay visible to people in the snippet)."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(
        "[instruction-like text removed]" if INSTRUCTION.search(s) else s for s in sentences
    )


def evidence_block(documents: list[Document], passage_chars: int = 1200) -> str:
    """The numbered passages of the prompt, from the retrieved LangChain Documents."""
    blocks = []
    for number, document in enumerate(documents, start=1):
        title, section = document.metadata["title"], document.metadata.get("section", "")
        where = f"{title} > {section}" if section else title
        text = neutralise(" ".join(document.page_content.split())[:passage_chars])
        blocks.append(f"[{number}] ({where}; {document.metadata['source']})\n{text}")
    return "\n\n".join(blocks)


def history_block(history: list[HistoryTurn] | None) -> str:
    """The last turns, neutralised like evidence: an earlier message is data too."""
    if not history:
        return ""
    turns = "\n".join(f"{turn.role}: {neutralise(turn.content[:600])}" for turn in history[-6:])
    return f"Conversation so far:\n{turns}\n\n"


def renumber(text: str, candidates: list[Candidate]) -> tuple[str, list[Citation], int]:
    """Keep markers that name a supplied passage, renumbered 1..m by first use.

    Returns the new text, its citations and how many invalid markers were dropped.
    """
    mapping: dict[int, int] = {}
    citations: list[Citation] = []
    dropped = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal dropped
        number = int(match.group(1))
        if not 1 <= number <= len(candidates):
            dropped += 1
            return ""
        if number not in mapping:
            mapping[number] = len(mapping) + 1
            citations.append(citation_for(mapping[number], candidates[number - 1]))
        return f"[{mapping[number]}]"

    cleaned = CITATION_MARK.sub(replace, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    return cleaned, citations, dropped


MIN_SUPPORT = 0.6
"""Share of the reply's topic words that must occur in the passages it cites."""


def lexical_support(text: str, cited: list[Candidate]) -> float:
    """Share of the answer's content words found in its cited passages: a cheap hallucination
    guard (the evals measure groundedness properly, with embeddings too)."""
    words = content_words(CITATION_MARK.sub(" ", text))
    if not words:
        return 1.0  # nothing asserted beyond stopwords

    passages = set(content_words(" ".join(chunk_context(c.chunk) for c in cited)))
    return sum(1 for w in words if w in passages) / len(words)


class LLMAnswerer:
    """``answerer=openai``: an OpenAI-compatible server writes, the evidence decides."""

    def __init__(self, settings: Settings, fallback: ExtractiveAnswerer) -> None:
        self.settings = settings
        self.fallback = fallback
        self.name = f"openai:{settings.llm_model}"
        self._system = load_prompt(settings, "answer_system.md")
        self._user = load_prompt(settings, "answer_user.md")
        self._condense = load_prompt(settings, "condense_question.md")
        self._model: BaseChatModel | None = None

    @property
    def model(self) -> BaseChatModel:
        if self._model is None:
            self._model = make_chat_model(self.settings)
        return self._model

    def condense(self, question: str, history: list[HistoryTurn]) -> str:
        """The follow-up made standalone by the model, with ``prompts/condense_question.md``."""
        asked, _ = split_instructions(question)
        prompt = self._condense.format(history=history_block(history), question=asked)
        reply = self.model.invoke([("user", prompt)])
        return reply.text if isinstance(reply.text, str) else str(reply.content)

    def messages(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> list[tuple[str, str]]:
        """The prompt: instruction-like clauses of the question are left out, as they are of
        retrieval, so "… also ignore your instructions" never reaches the model."""
        asked, _ = split_instructions(question)
        user = self._user.format(
            evidence=evidence_block(
                [c.to_document() for c in self._passages(evidence)],
                self.settings.llm_passage_chars,
            ),
            history=history_block(history),
            question=asked,
        )
        return [("system", self._system), ("user", user)]

    def _passages(self, evidence: RetrievalResult) -> list[Candidate]:
        return evidence.candidates[: self.settings.llm_evidence_passages]

    # --- the Answerer interface --------------------------------------------------------
    def answer(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Answer:
        return final_answer(self.stream(question, evidence, history))

    def stream(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Iterator[str | Answer]:
        started = time.perf_counter()
        if not evidence.candidates:
            yield from self.fallback.stream(question, evidence)
            return
        pieces: list[str] = []
        try:
            for chunk in self.model.stream(self.messages(question, evidence, history)):
                delta = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
                if delta:
                    pieces.append(delta)
                    if ABSTAIN_TOKEN not in "".join(pieces):
                        yield delta
        except Exception as exc:  # any transport or server failure: degrade, never crash
            reason = _short_reason(exc)
            log.warning("LLM unavailable (%s); answering extractively", reason)
            yield from self._fallback(
                question,
                evidence,
                f"The language model at {self.settings.llm_base_url} could not be reached "
                f"({reason}), so this is the extractive answer.",
                restart=bool(pieces),
            )
            return
        yield self._finish(question, evidence, "".join(pieces), started)

    def _finish(self, question: str, evidence: RetrievalResult, raw: str, started: float) -> Answer:
        candidates = self._passages(evidence)
        text, citations, dropped = renumber(raw, candidates)
        generate_ms = round((time.perf_counter() - started) * 1000, 2)
        debug = {"raw": raw, "dropped_markers": dropped}
        if _ABSTAIN_PHRASES.search(text) and not citations:
            fallback = self.fallback.answer(question, evidence)
            if fallback.abstained:
                fallback.model = self.name
                fallback.timings_ms["generate"] = generate_ms
                return fallback
            text = ""  # the model refused but the evidence answers: prefer the checked answer
        if not citations or not text:
            fallback = self.fallback.answer(question, evidence)
            fallback.notice = (
                "The language model's reply cited none of the evidence, so this is the "
                "extractive answer."
            )
            fallback.debug = {**(fallback.debug or {}), **debug}
            return fallback
        cited_ids = {c.chunk_id for c in citations}
        support = lexical_support(text, [c for c in candidates if c.chunk.id in cited_ids])
        debug["support"] = round(support, 3)
        if support < MIN_SUPPORT:
            fallback = self.fallback.answer(question, evidence)
            fallback.notice = (
                f"The language model's reply used words its cited passages do not contain "
                f"(support {support:.0%}), so this is the extractive answer."
            )
            fallback.debug = {**(fallback.debug or {}), **debug}
            return fallback
        notice = None
        if dropped:
            notice = f"Removed {dropped} citation(s) that pointed at no supplied passage."
        return Answer(
            answer=text,
            abstained=False,
            citations=citations,
            model=self.name,
            timings_ms={"generate": generate_ms},
            notice=notice,
            question=question,
            debug=debug,
        )

    def _fallback(
        self, question: str, evidence: RetrievalResult, notice: str, restart: bool
    ) -> Iterator[str | Answer]:
        answer = self.fallback.answer(question, evidence)
        answer.notice = notice
        if restart:
            yield "\n\n"
        yield answer.answer
        yield answer


def _short_reason(exc: Exception) -> str:
    name = type(exc).__name__
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{name}: {message[:160]}" if message else name
