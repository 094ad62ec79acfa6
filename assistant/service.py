"""The assistant object every surface (CLI, web, Slack, evals, benchmarks) talks to.

It is built once from :class:`~assistant.components.Components` and holds no per-request
state, so one instance serves concurrent requests. Surfaces translate their input, call one
method here, and render the result.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answering.base import Answerer, final_answer
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.guard import LinkFilter, rewrite_links, split_instructions
from assistant.answering.llm_answerer import LLMAnswerer
from assistant.answering.parts import PartAnswer, join_part_answers
from assistant.answering.question_text import (
    NOT_ENGLISH_NOTICE,
    looks_non_english,
    readable,
    unreadable_reason,
)
from assistant.answering.support import in_parts, question_parts
from assistant.components import Components
from assistant.drafts import (
    DraftRecord,
    DraftRequest,
    DraftResult,
    EmptyIndexError,
    StatusClass,
    classify_status,
    list_aims,
    list_owners,
    make_draft,
)
from assistant.drafts.select import resolve_selection
from assistant.history import (
    borrowed_parts,
    condense_with_llm,
    points_back,
    standalone_question,
    switched_question,
    topic_words,
)
from assistant.retrieval.hybrid import HybridRetriever, RetrievalMode, RetrievalResult
from assistant.retrieval.sources import (
    NamedSource,
    named_sources,
    scoped_source,
    without_mentions,
)
from assistant.retrieval.spelling import Speller
from assistant.retrieval.text import content_words, proper_nouns, spell_out_coined
from assistant.schemas import Answer, Filters, HistoryTurn
from ingest.pipeline import IngestReport, ProgressSink
from ingest.store.base import DocumentRow
from ingest.types import ActionRecord

log = logging.getLogger(__name__)
AnswererName = Literal["extractive", "openai"]
CANDIDATES_KEPT = 30
UPLOADS_PREFIX = "uploads/"
"""Where uploads sit in the corpus (``assistant.web.uploads.UPLOADS_DIR``), as a source prefix."""
_TOGETHER = re.compile(r"\b(each|both|across|compare|comparison|between|differ\w*)\b", re.I)


class NothingIndexedError(EmptyIndexError):
    """Nothing has been ingested, so there is nothing to answer from."""

    def __init__(self) -> None:
        LookupError.__init__(
            self,
            "Nothing is indexed yet: run `assistant ingest` (it reads corpus/ by default), "
            "then ask again.",
        )


class QuestionError(ValueError):
    """The question itself is unusable (empty, too long, binary junk); the message says how to
    fix it."""


@dataclass(frozen=True)
class Evidence:
    """What the retrieve step hands the answer step: the checked question and its evidence."""

    question: str
    result: RetrievalResult
    history: list[HistoryTurn]
    answerer: AnswererName | None
    started: float  # when the question arrived, for the answer's total time
    filters: Filters | None = None

    @property
    def documents(self) -> list[Document]:
        """The evidence as LangChain Documents, best first, scores in their metadata."""
        return [candidate.to_document() for candidate in self.result.candidates]


@dataclass(frozen=True)
class AskRequest:
    """Input of the runnable chain: what ``/v1/ask`` and ``assistant ask`` receive."""

    question: str
    history: tuple[HistoryTurn, ...] = ()
    filters: Filters | None = None


def about_the_same(part: str, question: str) -> str:
    """A later part of a question that names nothing of its own, asked of what the whole
    names: "…the Mercer Building heat pump install, and who won the contract?" asks who won
    *the Mercer Building's* contract, not whoever won one.

    >>> about_the_same("who won the contract?", "What's the Mercer Building contract worth, "
    ...                "and who won the contract?")
    'Mercer Building: who won the contract?'
    >>> about_the_same("who leads Clean Growth?", "What is the budget, and who leads Clean Growth?")
    'who leads Clean Growth?'

    A question that names no one and nothing by name is about the topic of its first part:
    "How far off target is the teacher training, and when is the recovery plan due back?"
    asks when *the teacher training's* recovery plan is due.

    >>> about_the_same("when is the recovery plan due back?", "How far off target is the "
    ...                "teacher training, and when is the recovery plan due back?")
    'teacher training: when is the recovery plan due back?'
    """
    if (
        points_back(part)  # "how often does *it* meet": made standalone as a follow-up is
        or proper_nouns(part, opening_word=True)
        or question.strip().startswith(part.strip())
    ):
        return part
    names = [name for name in proper_nouns(question) if len(name) > 2]
    first = question_parts(question)[0]
    if not names and not points_back(first):  # "what's *its* target": the last turn's topic
        own = set(content_words(part))
        names = [
            word
            for word in re.findall(r"[\w'’-]+", first)
            if (stems := content_words(word)) and topic_words(word) and not own & set(stems)
        ]
    return f"{' '.join(dict.fromkeys(names))}: {part}" if names else part


class Assistant:
    """Ask, stream, draft, list and ingest: the product's operations in one place."""

    def __init__(self, components: Components) -> None:
        self.components = components
        self.settings = components.settings
        self._ingest_lock = threading.Lock()
        self._answering = threading.BoundedSemaphore(self.settings.answer_concurrency)
        self.extractive = ExtractiveAnswerer(components.store, self.settings.abstain_threshold)
        self._llm: LLMAnswerer | None = None
        self.speller = Speller(
            lambda: self.retriever().corpus_terms().token_counts,
            components.embeddings.vocabulary,
        )

    # --- parts -------------------------------------------------------------------------
    def retriever(self, mode: RetrievalMode = "hybrid+rescore") -> HybridRetriever:
        return HybridRetriever(
            store=self.components.store,
            vectors=self.components.vectors,
            embeddings=self.components.embeddings,
            k=self.settings.retrieve_k,
            mode=mode,
            keyword_index=self.settings.keyword_index,
        )

    def answerer(self, name: AnswererName | None = None) -> Answerer:
        if (name or self.settings.answerer) == "openai" and self.settings.llm_base_url:
            if self._llm is None:
                self._llm = LLMAnswerer(self.settings, self.extractive)
            return self._llm
        return self.extractive

    def warm(self) -> None:
        """Model, stores and everything read once per index version (retrieval's terms,
        records, owner names, document titles, the speller's words), before any request."""
        self.components.warm()
        self.retriever().corpus_terms()
        self.extractive.warm()
        self._document_titles()
        self.speller.refresh()

    def ready(self) -> dict[str, Any]:
        """What ``/readyz`` reports: the index is loaded and the model is warm."""
        documents = self.components.store.documents()
        return {
            "documents": len(documents),
            "chunks": self.components.store.chunk_count(),
            "vectors": self.components.vectors.count(),
            "model_loaded": self.components.embeddings.loaded,
        }

    # --- questions ---------------------------------------------------------------------
    def check_question(self, question: str) -> str:
        cleaned = " ".join(question.split())
        if not cleaned:
            raise QuestionError("The question is empty: type what you want to know.")
        limit = self.settings.max_question_chars
        if len(cleaned) > limit:  # checked first: a huge paste is refused unread
            raise QuestionError(
                f"The question is {len(cleaned)} characters long; the limit is {limit}. "
                "Ask about one thing at a time."
            )
        unreadable = unreadable_reason(cleaned)
        if unreadable:
            raise QuestionError(unreadable)
        return " ".join(readable(cleaned).split())

    def retrieve(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
        mode: RetrievalMode = "hybrid+rescore",
        k: int | None = None,
        answerer: AnswererName | None = None,
    ) -> RetrievalResult:
        asked, _ = split_instructions(question)
        asked = self.speller.correct(asked)
        # initials a reader coins ("VFFs"), or a tracker writes undefined ("the SU"): written out
        asked = spell_out_coined(asked, self.retriever().corpus_terms().coined, self.speller.knows)
        backend = self.answerer(answerer)
        if isinstance(backend, LLMAnswerer) and history:
            query = condense_with_llm(asked, history, lambda q: backend.condense(q, history))
        else:
            query = standalone_question(asked, history)
        # what is asked: the user's own words, or the whole question a follow-up swaps into
        asked_text = switched_question(asked, history) or asked
        retriever = self.retriever(mode)
        named = [] if filters and filters.source else self.named_documents(query)
        scoped = (  # a question of several parts may ask one of them elsewhere
            None
            if named or (filters and filters.source) or len(question_parts(asked)) > 1
            else self.scoped_document(asked)  # the user's own words, not the last answer's
        )
        if len(named) >= 2:
            result = self._search_each(retriever, query, named, filters, k or CANDIDATES_KEPT)
        elif scoped is not None:  # "the Year 2 targets in the volunteer plan": that plan only
            within = (filters or Filters()).model_copy(update={"source": scoped.source})
            result = retriever.search(query, within, k or CANDIDATES_KEPT, intent_text=asked_text)
        else:  # answerers look past the top few (whole lists, sibling rows): keep the pool
            result = retriever.search(query, filters, k or CANDIDATES_KEPT, intent_text=asked_text)
        borrowed, answers_words = borrowed_parts(asked, history)
        if borrowed and borrowed in result.question:  # not in an LLM's rewrite of the question
            from_answer = borrowed if answers_words else ""
            result = replace(result, borrowed=borrowed, from_answer=from_answer)
        return result

    def _document_titles(self) -> list[tuple[str, str]]:
        store = self.components.store
        return store.per_version(
            "document_titles", lambda: [(d.source, d.title) for d in store.documents()]
        )

    def named_documents(self, question: str) -> list[NamedSource]:
        """Documents the question names and asks about together ("… in X and in Y",
        "… each", "… across"); a document named only as context doesn't count."""
        named = named_sources(question, self._document_titles())
        if len(named) < 2:
            return []
        first, last = question.find(named[0].mention), question.rfind(named[-1].mention)
        between = question[first + len(named[0].mention) : last]
        if _TOGETHER.search(question) or re.search(r"\band\b", between):
            return named
        return []

    def scoped_document(self, question: str) -> NamedSource | None:
        """The one document the question confines its answer to ("… in the volunteer plan"),
        which is then searched alone (:func:`~assistant.retrieval.sources.scoped_source`)."""
        return scoped_source(question, self._document_titles())

    @staticmethod
    def _search_each(
        retriever: HybridRetriever,
        query: str,
        named: list[NamedSource],
        filters: Filters | None,
        k: int,
    ) -> RetrievalResult:
        """One search per named document on what is asked of each; ranks interleaved."""
        topic = without_mentions(query, named)
        base = filters or Filters()
        results = [
            retriever.search(topic, base.model_copy(update={"source": n.source}), k) for n in named
        ]
        candidates = [
            c
            for rank in zip_longest(*(r.candidates for r in results))
            for c in rank
            if c is not None
        ]
        timings = {"retrieve": sum(r.timings_ms.get("retrieve", 0.0) for r in results)}
        first = results[0]
        return replace(  # the first search's intent, vector and index facts (acronyms)
            first,
            question=topic,
            candidates=candidates[:k],
            timings_ms=timings,
            per_source=tuple(n.source for n in named),
        )

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
        answerer: AnswererName | None = None,
    ) -> Answer:
        return final_answer(self.stream(question, history, filters, answerer))

    def stream(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
        answerer: AnswererName | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas, then the final :class:`Answer` (whose text is authoritative).

        At most ``answer_concurrency`` questions are worked on at once in this process. An
        extractive answer is all CPU work, so it is made whole inside that slot; an LLM
        answer leaves the slot once its evidence is retrieved, while the model writes."""
        with self._answering:
            evidence = self.gather_evidence(question, history, filters, answerer)
            extractive = isinstance(self.answerer(evidence.answerer), ExtractiveAnswerer)
            made = list(self.answer_evidence(evidence)) if extractive else None
        yield from made if made is not None else self.answer_evidence(evidence)

    def gather_evidence(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        filters: Filters | None = None,
        answerer: AnswererName | None = None,
    ) -> Evidence:
        """The chain's first step: the question checked, then the evidence retrieved for it."""
        started = time.perf_counter()
        cleaned = self.check_question(question)
        if self.components.store.index_version()[0] == 0:
            raise NothingIndexedError()
        result = self.retrieve(cleaned, history, filters, answerer=answerer)
        return Evidence(cleaned, result, list(history or []), answerer, started, filters)

    def answer_evidence(self, evidence: Evidence) -> Iterator[str | Answer]:
        """The chain's second step: the chosen backend's deltas, then the final answer."""
        backend = self.answerer(evidence.answerer)
        final: Answer | None = None
        allowed = self.settings.link_allowed_domains
        links = LinkFilter(allowed)  # every surface gets the same text, streamed or not
        several = in_parts(evidence.question) and not evidence.result.per_source
        if isinstance(backend, ExtractiveAnswerer) and several:
            parts = question_parts(evidence.question)
            items: Iterable[str | Answer] = self._answer_in_parts(backend, evidence, parts)
        else:  # an LLM reads a question of several parts whole
            items = backend.stream(evidence.question, evidence.result, evidence.history)
        for item in items:
            if isinstance(item, Answer):
                final = item
            elif text := links.feed(item):
                yield text
        if tail := links.flush():
            yield tail
        assert final is not None
        final.answer = rewrite_links(final.answer, allowed)
        for citation in final.citations:
            citation.snippet = rewrite_links(citation.snippet, allowed)
            citation.title = rewrite_links(citation.title, allowed)
            citation.section = rewrite_links(citation.section, allowed)
        if note := self.upload_note(final):  # in the text, so every surface shows it once
            final.answer = f"{final.answer.rstrip()}\n\n{note}"
            final.upload_note = note
            yield f"\n\n{note}"
        final.id = final.id or uuid.uuid4().hex[:16]
        final.question = evidence.question
        if final.abstained and looks_non_english(evidence.question):
            final.notice = " ".join(filter(None, [final.notice, NOT_ENGLISH_NOTICE]))
        final.timings_ms = {
            "retrieve": round(evidence.result.timings_ms.get("retrieve", 0.0), 2),
            **final.timings_ms,
            "total": round((time.perf_counter() - evidence.started) * 1000, 2),
        }
        self._remember(final)
        yield final

    def _answer_in_parts(
        self, backend: ExtractiveAnswerer, evidence: Evidence, parts: list[str]
    ) -> Iterator[str | Answer]:
        """A question of several parts: the whole question's answer, joined with each part's
        own (:mod:`assistant.answering.parts`). A part that leans on the rest ("how often
        does *it* meet") is made standalone from the whole question, as a follow-up is."""
        whole = backend.answer(evidence.question, evidence.result, evidence.history)
        context = [*evidence.history, HistoryTurn(role="user", content=evidence.result.question)]
        answered = [
            PartAnswer(
                part,
                backend.answer(
                    part,
                    self.retrieve(
                        about_the_same(part, evidence.question),
                        # only a part pointing back leans on the rest ("how often does *it*
                        # meet"); one naming little of its own is asked as it stands
                        context if points_back(part) else [],
                        evidence.filters,
                        answerer=evidence.answerer,
                    ),
                    evidence.history,
                ),
            )
            for part in parts
        ]
        final = join_part_answers(whole, answered)
        yield final.answer
        yield final

    def upload_note(self, answer: Answer) -> str | None:
        """A line for an answer whose every citation is an upload ingested less than
        ``recent_upload_days`` ago: nobody has reviewed it the way the plans were."""
        sources = {c.source for c in answer.citations}
        if not sources or not all(s.startswith(UPLOADS_PREFIX) for s in sources):
            return None
        store = self.components.store
        ingested = store.per_version(
            "ingested_at", lambda: {d.source: d.ingested_at for d in store.documents()}
        )
        since = time.time() - self.settings.recent_upload_days * 86_400
        times = [ingested.get(source) for source in sources]
        if any(t is None or t < since for t in times):
            return None
        days = sorted({datetime.fromtimestamp(t, UTC).date().isoformat() for t in times if t})
        which = "a document" if len(sources) == 1 else "documents"
        return (
            f"Note: this comes only from {which} uploaded on {' and '.join(days)}, "
            "not from the reviewed plans."
        )

    def chain(self) -> Runnable[AskRequest, Any]:
        """The answer pipeline as a LangChain runnable sequence, retrieve | answer: the first
        step hands on :class:`Evidence` (its ``documents`` are LangChain Documents); ``invoke``
        and ``batch`` give an :class:`Answer`, ``stream`` text deltas and then the Answer."""

        def retrieve(request: AskRequest) -> Evidence:
            return self.gather_evidence(request.question, list(request.history), request.filters)

        return RunnableLambda(retrieve, name="retrieve") | RunnableLambda(
            self.answer_evidence, name="answer"
        )

    def _remember(self, answer: Answer) -> None:
        """Keep the question and answer so feedback can be exported as eval cases."""
        try:
            self.components.store.add_answer(
                answer.id, answer.question, answer.answer, answer.abstained, answer.model
            )
        except Exception:  # pragma: no cover - losing the log must never lose the answer
            log.exception("could not record answer %s", answer.id)

    # --- drafts and records ------------------------------------------------------------
    def draft(self, request: DraftRequest) -> DraftResult:
        return make_draft(self.components.store, request, self.settings)

    def actions(
        self, aim: str | None = None, owner: str | None = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        """Records with their status class, filtered like drafts (fuzzy aim/owner/status)."""
        records = self.components.store.records()
        if not records:
            return []
        selection = resolve_selection(records, aim, owner, status)
        return [record_view(r) for r in records if selection.matches(r)]

    def aims(self) -> list[str]:
        return list_aims(self.components.store)

    def owners(self) -> list[str]:
        return list_owners(self.components.store)

    def documents(self) -> list[DocumentRow]:
        return self.components.store.documents()

    # --- ingestion and feedback --------------------------------------------------------
    def ingest(
        self,
        paths: list[Path] | None = None,
        rebuild: bool = False,
        progress: ProgressSink | None = None,
    ) -> IngestReport:
        """One ingest at a time per process; readers keep using the previous index meanwhile."""
        with self._ingest_lock:
            return self.components.ingest(paths, rebuild, progress)

    def feedback(
        self, answer_id: str, rating: Literal["up", "down"], comment: str | None, surface: str
    ) -> int:
        stored = self.components.store.answer(answer_id)
        return self.components.store.add_feedback(
            answer_id,
            rating,
            comment,
            stored["question"] if stored else None,
            stored["answer"] if stored else None,
            surface,
        )


def record_view(record: ActionRecord) -> dict[str, Any]:
    verdict = classify_status(record.status, record.rag)
    return {
        **record.to_dict(),
        "status_class": verdict.status_class.value,
        "status_evidence": verdict.evidence_phrase,
    }


__all__ = [
    "AskRequest",
    "Assistant",
    "DraftRecord",
    "DraftRequest",
    "QuestionError",
    "StatusClass",
    "record_view",
]
