"""The ingestion pipeline: incremental by content hash, one file at a time, resumable.

Order per file: hash → parse (load + prepare, in an isolated worker: :mod:`ingest.isolation`)
→ embed → upsert vectors → swap the file's rows in SQLite in one transaction → drop the file's
stale vectors. SQLite decides what is indexed, so a run killed at any point leaves the previous
index usable, and the next run (seeing the old hash) redoes the file. An unchanged file is
skipped on its hash alone; a file that failed to parse is quarantined (:mod:`ingest.quarantine`)
and skipped the same way until its content changes.

Three files are in flight at once, so the encoder is rarely idle: the next file parses in the
worker while this one is encoded, and the previous one is written in a background thread
(:mod:`ingest.write_behind`); writes stay one at a time and in file order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.isolation import FileParser, ParseJob
from ingest.limits import IngestLimits
from ingest.loaders import LoadError, discover_files, precheck, relative_source
from ingest.prepare import PreparedFile as PreparedFile
from ingest.prepare import prepare as prepare
from ingest.quarantine import Quarantine
from ingest.store.base import UPLOAD_ORIGIN, DocumentRow, IndexStore
from ingest.store.vectors import ChunkVectors
from ingest.write_behind import WriteBehind

UPLOADS_FOLDER = "uploads/"
"""Where uploads live inside the corpus (assistant/web/uploads.py): their origin is shared."""
PROCESSING_VERSION = 21
"""Bump when chunking, sentence splitting or record parsing changes what a file becomes: an
index built by older code then re-processes every file on the next full ingest, although no
file's content hash changed."""


class ProgressSink(Protocol):
    """What the pipeline reports while it works (rich bar in the CLI, job state on the web)."""

    def start(self, total: int) -> None: ...

    def advance(self, source: str, outcome: str) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        return None

    def advance(self, source: str, outcome: str) -> None:
        return None


@dataclass
class IngestReport:
    """What a run did, for the CLI summary, the web job and tests."""

    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks: int = 0
    records: int = 0
    embedded_texts: int = 0
    """Chunk and sentence texts given vectors."""
    encoded_texts: int = 0
    """Of those, the ones the encoder ran on: a text repeated within a file is encoded once."""
    seconds: float = 0.0

    @property
    def files_seen(self) -> int:
        return len(self.ingested) + len(self.skipped) + len(self.failed)

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files_seen,
            "ingested": self.ingested,
            "skipped": self.skipped,
            "deleted": self.deleted,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "warnings": self.warnings,
            "chunks": self.chunks,
            "records": self.records,
            "seconds": round(self.seconds, 3),
        }


def encode_once(
    embeddings: SentenceTransformerEmbeddings, texts: list[str]
) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, each distinct text encoded once (a sentence in the overlap of
    two chunks is one text twice: about one sentence in eight); and how many were encoded."""
    distinct = list(dict.fromkeys(texts))
    vectors = embeddings.encode(distinct)
    if len(distinct) == len(texts):
        return vectors, len(texts)
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[text] for text in texts]], len(distinct)


@dataclass(frozen=True)
class _FilePlan:
    """A file of the run, and its outcome when that is decided before parsing ("" = parse)."""

    path: Path
    source: str
    file_hash: str = ""
    outcome: str = ""
    reason: str = ""


@dataclass(frozen=True)
class _Embedded:
    """A file's vectors (chunks first, then sentences), how many texts, how many encoded."""

    vectors: np.ndarray
    texts: int
    encoded: int


class IngestPipeline:
    """Load, chunk, embed and store files; every surface that ingests goes through here."""

    def __init__(
        self,
        corpus_root: Path,
        embeddings: SentenceTransformerEmbeddings,
        store: IndexStore,
        vectors: ChunkVectors,
        chunk_size: int = 900,
        chunk_overlap: int = 120,
        *,
        limits: IngestLimits | None = None,
        quarantine: Quarantine | None = None,
        origin: str = "",
    ) -> None:
        """``origin`` names this corpus (``host:folder``): documents are stored with it, and a
        scan deletes only missing files of its own origin, never what another host's corpus
        or an upload added to a shared index."""
        self.corpus_root = corpus_root
        self.embeddings = embeddings
        self.store = store
        self.vectors = vectors
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.limits = limits or IngestLimits()
        self.quarantine = quarantine
        self.origin = origin
        self.worker_peak_kib = 0
        """The parse worker's peak RSS in the last run (0 when parsing ran in-process)."""

    def run(
        self,
        paths: list[Path] | None = None,
        rebuild: bool = False,
        progress: ProgressSink | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        sink = progress or _NoProgress()
        report = IngestReport()
        roots = paths or [self.corpus_root]
        if rebuild:
            self.store.clear()
            self.vectors.reset()
        else:
            self._drop_orphan_vectors()
        files = discover_files(roots)
        known = self.store.document_hashes()
        self._delete_missing(roots, files, self._own_sources(), report)
        if not known:  # an empty index is built by this code whatever happens next
            self.store.set_processing_version(PROCESSING_VERSION)
        current = self.store.processing_version() == PROCESSING_VERSION
        unchanged = known if current else {}  # older processing: every file is redone
        if unchanged and self.vectors.count() < self.store.chunk_count():
            unchanged = self._with_vectors(unchanged)
        if self.quarantine is not None:
            self.quarantine.reload()
            if roots == [self.corpus_root]:
                self.quarantine.keep_only({relative_source(p, self.corpus_root) for p in files})
        sink.start(len(files))
        plans = [self._plan(path, unchanged) for path in files]
        job = ParseJob(self.corpus_root, self.chunk_size, self.chunk_overlap, self.limits)
        with FileParser(job) as parser, WriteBehind() as writer:
            self._ingest(plans, parser, writer, report, sink)
            writer.wait()
            self.worker_peak_kib = parser.worker_peak_kib
        if roots == [self.corpus_root]:  # a partial run leaves the other files as they were
            self.store.set_processing_version(PROCESSING_VERSION)
        report.seconds = time.perf_counter() - started
        return report

    def _plan(self, path: Path, unchanged: dict[str, str]) -> _FilePlan:
        """What a file needs, decided without parsing it: by name, size, a read error, its
        hash (unchanged) or the quarantine."""
        source = relative_source(path, self.corpus_root)
        try:
            file_hash = precheck(path, source, self.limits)
        except LoadError as exc:  # decided by name, size or a read error: cheap to redo
            return _FilePlan(path, source, outcome="failed", reason=exc.reason)
        if unchanged.get(source) == file_hash:
            return _FilePlan(path, source, outcome="skipped")
        held = self.quarantine.reason(source, file_hash) if self.quarantine else None
        if held is not None:
            return _FilePlan(path, source, outcome="failed", reason=f"quarantined: {held}")
        return _FilePlan(path, source, file_hash)

    def _ingest(
        self,
        plans: list[_FilePlan],
        parser: FileParser,
        writer: WriteBehind,
        report: IngestReport,
        sink: ProgressSink,
    ) -> None:
        """Every file in order, three at once: the next file parses in the worker process
        while this one is encoded here and the previous one is written behind. Outcomes are
        reported in file order, each once its file is written."""
        to_parse = iter([plan for plan in plans if not plan.outcome])
        ahead = next(to_parse, None)
        if ahead is not None:
            parser.submit(ahead.path)
        for plan in plans:
            if plan.outcome:
                writer.wait()
                self._record(plan, plan.outcome, plan.reason, report, sink)
                continue
            prepared: PreparedFile | LoadError
            try:
                prepared = parser.receive(plan.path)
            except LoadError as exc:
                prepared = exc
            ahead = next(to_parse, None)
            if ahead is not None:
                parser.submit(ahead.path)
            if isinstance(prepared, LoadError):
                writer.wait()
                if self.quarantine is not None:
                    self.quarantine.add(plan.source, plan.file_hash, prepared.reason)
                self._record(plan, "failed", prepared.reason, report, sink)
                continue
            embedded = self._embed(prepared)
            writer.submit(
                partial(self._write, prepared, embedded),
                partial(self._ingested, plan, prepared, embedded, report, sink),
            )

    def _record(
        self,
        plan: _FilePlan,
        outcome: str,
        reason: str,
        report: IngestReport,
        sink: ProgressSink,
    ) -> None:
        if outcome == "skipped":
            report.skipped.append(plan.source)
        else:
            report.failed.append((plan.source, reason))
        sink.advance(plan.source, outcome)

    def _ingested(
        self,
        plan: _FilePlan,
        prepared: PreparedFile,
        embedded: _Embedded,
        report: IngestReport,
        sink: ProgressSink,
    ) -> None:
        report.chunks += len(prepared.chunks)
        report.records += len(prepared.records or [])
        report.embedded_texts += embedded.texts
        report.encoded_texts += embedded.encoded
        report.warnings.extend(prepared.warnings)
        report.ingested.append(plan.source)
        if self.quarantine is not None:
            self.quarantine.release(plan.source)
        sink.advance(plan.source, "ingested")

    def _drop_orphan_vectors(self) -> None:
        """Vectors the store does not know, left by a writer killed between the vector upsert
        and the store's swap: only for the sources it marked as in progress (``begin_source``),
        never "every vector I do not know", which would delete what another writer is adding.
        Retrieval already ignores them; dropping them keeps the stores equal even when that
        file is then removed from the corpus (it never reached the manifest)."""
        for source in self.store.pending_sources():
            known = self.store.chunk_ids_for_source(source)
            orphans = set(self.vectors.ids_for_source(source)) - known
            self.vectors.delete(sorted(orphans))
            self.store.clear_pending(source)

    def _with_vectors(self, unchanged: dict[str, str]) -> dict[str, str]:
        """The unchanged sources whose vectors are all there. The vector store can lose what
        the chunk store has (a new or wiped Chroma server, an embedded store swapped for a
        server): those files are redone although their hash did not change."""
        complete = {
            row.source
            for row in self.store.documents()
            if len(self.vectors.ids_for_source(row.source)) >= row.chunks
        }
        return {source: h for source, h in unchanged.items() if source in complete}

    def _own_sources(self) -> set[str]:
        """Sources this corpus added (or whose origin is unknown): the only ones a scan of it
        may delete. Uploads belong to every host (the worker writes them into its corpus)."""
        return {
            row.source
            for row in self.store.documents()
            if row.origin in ("", self.origin) and row.origin != UPLOAD_ORIGIN
        }

    def _delete_missing(
        self, roots: list[Path], files: list[Path], known: set[str], report: IngestReport
    ) -> None:
        """Sources under a scanned folder that are no longer on disk lose their chunks."""
        present = {relative_source(p, self.corpus_root) for p in files}
        prefixes = []
        for root in roots:
            if root.is_dir():
                rel = relative_source(root, self.corpus_root)
                prefixes.append("" if rel in (".", "") else rel.rstrip("/") + "/")
        for source in sorted(known):
            if source in present:
                continue
            if any(p == "" or source.startswith(p) for p in prefixes):
                # chunks before vectors, so a reader never sees chunks without vectors; the
                # pending mark makes the next run finish the vectors if this one dies here
                self.store.begin_source(source)
                self.store.delete_source(source)
                self.vectors.delete(self.vectors.ids_for_source(source))
                self.store.clear_pending(source)
                report.deleted.append(source)

    def _origin_of(self, source: str) -> str:
        return UPLOAD_ORIGIN if source.startswith(UPLOADS_FOLDER) else self.origin

    def _embed(self, prepared: PreparedFile) -> _Embedded:
        texts = [c.embedding_text() for c in prepared.chunks] + prepared.sentence_embedding_texts()
        vectors, encoded = encode_once(self.embeddings, texts)
        return _Embedded(vectors, len(texts), encoded)

    def _write(self, prepared: PreparedFile, embedded: _Embedded) -> None:
        """One file's vectors and rows swapped in (in the writer thread)."""
        document = prepared.document
        chunk_vectors = embedded.vectors[: len(prepared.chunks)]
        sentence_vectors = embedded.vectors[len(prepared.chunks) :]
        old_ids = set(self.vectors.ids_for_source(document.source))
        self.store.begin_source(document.source)
        self.vectors.upsert(prepared.chunks, chunk_vectors)
        self.store.replace_source(
            DocumentRow(
                source=document.source,
                title=document.title,
                kind=document.kind,
                file_hash=document.file_hash,
                chunks=len(prepared.chunks),
                records=len(prepared.records or []),
                ingested_at=time.time(),
                modified_at=document.modified_at,
                origin=self._origin_of(document.source),
            ),
            prepared.chunks,
            [
                (chunk_id, index, text, vector.tobytes())
                for (chunk_id, index, text), vector in zip(
                    prepared.sentences, sentence_vectors, strict=True
                )
            ],
            prepared.records,
        )
        self.vectors.delete(sorted(old_ids - {c.id for c in prepared.chunks}))
        self.store.clear_pending(document.source)
