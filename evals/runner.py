"""Run cases through the same :class:`~assistant.service.Assistant` every surface uses.

For a question: one ``ask`` (the product path, with the configured or requested answerer), one
``retrieve`` per retrieval mode and one search per baseline (top 10, for the ablation), and the
support of every answer sentence by the passages it cites (stored sentence vectors from ingest,
so only answer sentences are embedded here). For a draft: one ``draft``. Results are cached by
(case, configuration hash); the hash covers settings, the index, and the source of the assistant,
ingest and evals packages, so any change that could move a score re-runs the case.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.drafts import DraftRequest
from assistant.history import standalone_question
from assistant.retrieval.hybrid import RetrievalMode
from assistant.schemas import Answer, Filters
from assistant.service import AnswererName, Assistant
from evals.baselines import Baselines, build_baselines
from evals.cases import Case, DraftCase, QACase
from evals.metrics.drafts import draft_citations_valid
from evals.metrics.sentences import answer_sentences, checkable, lexical_support
from evals.runs import (
    ASSISTANT_MODES,
    NAIVE_K,
    CaseRun,
    DraftRun,
    QARun,
    RankedChunk,
    SentenceSupport,
)

REPO = Path(__file__).resolve().parent.parent
RETRIEVAL_K = 10


@dataclass
class RunOptions:
    answerer: AnswererName | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    ablation: bool = True
    on_case: Callable[[Case], None] = field(default=lambda case: None)


FINGERPRINTED = ("assistant", "ingest", "prompts")
EVAL_FILES = (
    "evals/runner.py",
    "evals/runs.py",
    "evals/baselines.py",
    "evals/metrics/sentences.py",
)


def _source_fingerprint() -> str:
    """Hash of the code and prompts that decide a run's raw output (answers, rankings, sentence
    support), so a change there re-runs cases; scoring and reporting changes do not."""
    digest = hashlib.sha256()
    paths = [p for folder in FINGERPRINTED for p in sorted((REPO / folder).rglob("*"))]
    paths += [REPO / name for name in EVAL_FILES]
    for path in paths:
        if path.is_file() and path.suffix in {".py", ".txt", ".md", ".yaml", ".json"}:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_config(assistant: Assistant, answerer: AnswererName | None) -> dict[str, Any]:
    """The configuration an answer depends on; its hash keys the cache and tags the report."""
    settings = assistant.settings
    documents = assistant.documents()
    index = hashlib.sha256(
        json.dumps(sorted((d.source, d.file_hash, d.chunks) for d in documents)).encode()
    ).hexdigest()[:16]
    return {
        "answerer": answerer or settings.answerer,
        "llm_model": settings.llm_model if (answerer or settings.answerer) == "openai" else None,
        "embedding_model": settings.embedding_model,
        "embedding_backend": settings.embedding_backend,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "retrieve_k": settings.retrieve_k,
        "abstain_threshold": settings.abstain_threshold,
        "documents": len(documents),
        "chunks": sum(d.chunks for d in documents),
        "index": index,
        "code": _source_fingerprint(),
    }


def config_hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def _case_key(case: Case, config_key: str) -> str:
    body = case.model_dump(mode="json", exclude={"tags", "suite"})
    blob = json.dumps({"config": config_key, "case": body}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


class Runner:
    """Runs a list of cases; builds the baselines once per run (only when ablating)."""

    def __init__(self, assistant: Assistant, options: RunOptions) -> None:
        self.assistant = assistant
        self.options = options
        self.config = run_config(assistant, options.answerer)
        self.config_key = config_hash(self.config)
        self._baselines: Baselines | None = None
        self._corpus = {d.source for d in assistant.documents()}
        self._record_ids = {r.id for r in assistant.components.store.records()}

    # --- entry point -------------------------------------------------------------------
    def run(self, cases: Sequence[Case]) -> dict[str, CaseRun]:
        self.assistant.warm()
        results: dict[str, CaseRun] = {}
        try:
            for case in cases:
                results[case.id] = self._run_one(case)
                self.options.on_case(case)
        finally:
            if self._baselines is not None:
                self._baselines.close()
        return results

    @property
    def baseline_chunks(self) -> int:
        return self._baselines.chunks if self._baselines is not None else 0

    def _run_one(self, case: Case) -> CaseRun:
        cache_file = None
        if self.options.cache_dir is not None:
            cache_file = self.options.cache_dir / f"{_case_key(case, self.config_key)}.json"
            if self.options.use_cache and cache_file.is_file():
                data = json.loads(cache_file.read_text(encoding="utf-8"))
                run: CaseRun = (
                    DraftRun.model_validate(data)
                    if data.get("kind") == "draft"
                    else QARun.model_validate(data)
                )
                # a cached run made without --ablation lacks the other systems: run again
                short = (
                    isinstance(run, QARun)
                    and isinstance(case, QACase)
                    and case.scores_retrieval
                    and self.options.ablation
                    and len(run.retrieval) < 2
                )
                if not short:
                    run.cached = True
                    return run
        run = self._draft(case) if isinstance(case, DraftCase) else self._ask(case)
        if cache_file is not None and not run.error:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            cache_file.write_text(run.model_dump_json(), encoding="utf-8")
        return run

    # --- questions ---------------------------------------------------------------------
    def _ask(self, case: QACase) -> QARun:
        run = QARun()
        filters = Filters.model_validate(case.filters) if case.filters else None
        try:
            answer = self.assistant.ask(case.question, case.history, filters, self.options.answerer)
        except Exception as exc:  # a crash is a failed case, reported, not a dead run
            run.error = f"{type(exc).__name__}: {exc}"
            return run
        run.answer = answer.model_dump(mode="json")
        run.timings_ms.update({f"ask.{k}": float(v) for k, v in answer.timings_ms.items()})
        run.cited_texts = self._cited_texts(answer)
        if not answer.abstained:
            run.support = self._support(answer, run.cited_texts)
        if case.scores_retrieval:
            modes: tuple[RetrievalMode, ...] = (
                ASSISTANT_MODES if self.options.ablation else ("hybrid+rescore",)
            )
            for mode in modes:
                self._retrieve(run, case, filters, mode)
            if self.options.ablation:
                self._baseline_search(run, case, filters)
        return run

    def _retrieve(
        self, run: QARun, case: QACase, filters: Filters | None, mode: RetrievalMode
    ) -> None:
        try:
            result = self.assistant.retrieve(
                case.question,
                case.history,
                filters,
                mode,
                RETRIEVAL_K,
            )
        except Exception as exc:
            run.error = f"retrieve[{mode}] {type(exc).__name__}: {exc}"
            return
        run.retrieval[mode] = [
            RankedChunk(id=c.chunk.id, source=c.chunk.source, score=c.score, text=c.chunk.text)
            for c in result.candidates[:RETRIEVAL_K]
        ]
        run.timings_ms[f"retrieve.{mode}"] = float(result.timings_ms.get("retrieve", 0.0))
        if mode == "hybrid+rescore":
            for stage in ("embed", "dense", "keyword", "rescore"):
                if stage in result.timings_ms:
                    run.timings_ms[f"retrieve.{stage}"] = float(result.timings_ms[stage])

    def _baseline_search(self, run: QARun, case: QACase, filters: Filters | None) -> None:
        baselines = self._ensure_baselines()
        # the same standalone query the assistant retrieves with, so only retrieval differs
        query = standalone_question(case.question, case.history)
        kind = filters.kind if filters else None
        started = time.perf_counter()
        naive = baselines.naive.search(query, RETRIEVAL_K, kind)
        run.timings_ms["retrieve.langchain-naive"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        bm25 = baselines.bm25.search(query, RETRIEVAL_K, kind)
        run.timings_ms["retrieve.bm25"] = (time.perf_counter() - started) * 1000

        def ranked(hits: Sequence[Any]) -> list[RankedChunk]:
            return [RankedChunk(id=h.id, source=h.source, score=h.score, text=h.text) for h in hits]

        run.retrieval["langchain-naive@4"] = ranked(naive[:NAIVE_K])
        run.retrieval["langchain-naive@10"] = ranked(naive)
        run.retrieval["bm25"] = ranked(bm25)

    def _ensure_baselines(self) -> Baselines:
        if self._baselines is None:
            settings = self.assistant.settings
            self._baselines = build_baselines(
                settings.corpus_dir,
                self.assistant.components.embeddings,
                self.options.cache_dir,
                settings.resolved_embedding_model(),
            )
        return self._baselines

    def _cited_texts(self, answer: Answer) -> dict[int, str]:
        """Full text of each cited passage (the chunk, not the trimmed snippet)."""
        ids = [c.chunk_id for c in answer.citations if c.chunk_id]
        chunks = {c.id: c for c in self.assistant.components.store.chunks(ids)} if ids else {}
        out: dict[int, str] = {}
        for citation in answer.citations:
            chunk = chunks.get(citation.chunk_id or "")
            parts = [citation.title, citation.section, chunk.text if chunk else citation.snippet]
            out[citation.id] = "\n".join(p for p in parts if p)
        return out

    def _support(self, answer: Answer, cited_texts: dict[int, str]) -> list[SentenceSupport]:
        sentences = answer_sentences(answer.answer)
        if not sentences:
            return []
        store = self.assistant.components.store
        chunk_of = {c.id: c.chunk_id for c in answer.citations if c.chunk_id}
        stored = store.sentences(chunk_of.values())
        embed = self.assistant.components.embeddings.encode
        vectors = embed([s.text for s in sentences])
        passage_vectors: dict[int, np.ndarray] = {}
        for number, text in cited_texts.items():
            rows = [v for _, v in stored.get(chunk_of.get(number, ""), []) if v is not None]
            passage_vectors[number] = np.stack(rows) if rows else embed([text])
        out = []
        for sentence, vector in zip(sentences, vectors, strict=True):
            known = [n for n in sentence.cites if n in cited_texts]
            cosine = max((float(np.max(passage_vectors[n] @ vector)) for n in known), default=0.0)
            lexical = (
                lexical_support(sentence.text, " ".join(cited_texts[n] for n in known))
                if known
                else 0.0
            )
            out.append(
                SentenceSupport(
                    text=sentence.text,
                    cites=list(sentence.cites),
                    cosine=round(cosine, 4),
                    lexical=round(lexical, 4),
                    checkable=checkable(sentence.text),
                )
            )
        return out

    # --- drafts ------------------------------------------------------------------------
    def _draft(self, case: DraftCase) -> DraftRun:
        run = DraftRun()
        started = time.perf_counter()
        try:
            result = self.assistant.draft(
                DraftRequest(aim=case.aim, owner=case.owner, status=case.status)
            )
        except Exception as exc:
            run.error = f"{type(exc).__name__}: {exc}"
            return run
        run.timings_ms["draft.total"] = (time.perf_counter() - started) * 1000
        run.actions = [r.action for r in result.records]
        run.rows = [r.row for r in result.records]
        run.markdown = result.markdown
        run.citations_valid = draft_citations_valid(
            result.markdown, set(run.rows), {r.id for r in result.records}, self._record_ids
        )
        return run

    @property
    def corpus_sources(self) -> set[str]:
        return self._corpus
