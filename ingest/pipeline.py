"""The ingestion pipeline: incremental by content hash, one file at a time, resumable.

Order per file: embed → upsert vectors → swap the file's rows in SQLite in one transaction →
drop the file's stale vectors. SQLite decides what is indexed, so a run killed at any point
leaves the previous index usable, and the next run (seeing the old hash) redoes the file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ingest.actionlog import NoActionRowsError, parse_action_log
from ingest.chunking import chunk_document, chunk_records, finalise_chunks
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.loaders import LoadError, discover_files, load_file, relative_source
from ingest.records import enrich
from ingest.sentences import split_sentences
from ingest.store.sqlite import DocumentRow, SqliteStore
from ingest.store.vectors import ChunkVectors
from ingest.tabular import read_sheet, sheet_blocks
from ingest.types import ActionRecord, Block, Chunk, LoadedDocument

PROCESSING_VERSION = 12
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


@dataclass
class PreparedFile:
    """A file parsed and chunked, ready to embed."""

    document: LoadedDocument
    chunks: list[Chunk]
    records: list[ActionRecord] | None
    sentences: list[tuple[str, int, str]]
    warnings: list[str] = field(default_factory=list)


def prepare(document: LoadedDocument, chunk_size: int, overlap: int) -> PreparedFile:
    """Parse action logs into records, chunk everything, split sentences (no model needed)."""
    records: list[ActionRecord] | None = None
    warnings: list[str] = []
    chunks: list[Chunk] = []
    if document.sheets is not None:
        records, chunks, warnings = _prepare_sheets(document, chunk_size, overlap)
    elif document.kind == "action":
        records = parse_action_log(document.raw_text, document.source)
    if records is not None:
        records = [enrich(r) for r in records]
        chunks = finalise_chunks(chunk_records(document, records) + chunks)
    elif not chunks:
        chunks = chunk_document(document, chunk_size, overlap)
    if not chunks:
        raise LoadError(document.source, "nothing to index after parsing")
    sentences = [
        (chunk.id, index, sentence)
        for chunk in chunks
        for index, sentence in enumerate(split_sentences(chunk.text))
    ]
    return PreparedFile(document, chunks, records, sentences, warnings)


def _prepare_sheets(
    document: LoadedDocument, chunk_size: int, overlap: int
) -> tuple[list[ActionRecord] | None, list[Chunk], list[str]]:
    """Tracker sheets become records; every other sheet is chunked as a table, row by row.

    The summary names a tracker's columns that stay unmapped, and a spreadsheet in which no
    sheet reads as a tracker, so a user learns why "which actions are red?" finds nothing.
    """
    sheets = document.sheets or []
    several = len(sheets) > 1
    parses = [read_sheet(sheet, document.source, several) for sheet in sheets]
    records: list[ActionRecord] = []
    table_blocks: list[Block] = []
    warnings: list[str] = []
    for parse in parses:
        where = f"{document.source} [{parse.sheet.name}]" if several else document.source
        if parse.tracker is not None:
            records.extend(parse.tracker.records)
            if parse.tracker.unmapped_columns:
                warnings.append(
                    f"{where}: columns kept but not mapped: "
                    + ", ".join(parse.tracker.unmapped_columns)
                )
            continue
        table_blocks.extend(sheet_blocks(parse, several))
    trackers = [p for p in parses if p.tracker is not None]
    if trackers:
        document.kind = "action"
        title = next((p.title for p in trackers if 4 <= len(p.title) <= 120), "")
        document.title = title or document.title
    elif parses:
        warnings.append(
            f"{document.source}: no sheet reads as an action tracker (no header row naming an "
            "action column and a status, owner, RAG or due column); indexed as a table"
        )
    chunks: list[Chunk] = []
    if table_blocks:
        tables = replace(document, blocks=table_blocks, kind="plan")
        chunks = chunk_document(tables, chunk_size, overlap)
    return (records or None), chunks, warnings


class IngestPipeline:
    """Load, chunk, embed and store files; every surface that ingests goes through here."""

    def __init__(
        self,
        corpus_root: Path,
        embeddings: SentenceTransformerEmbeddings,
        store: SqliteStore,
        vectors: ChunkVectors,
        chunk_size: int = 900,
        chunk_overlap: int = 120,
    ) -> None:
        self.corpus_root = corpus_root
        self.embeddings = embeddings
        self.store = store
        self.vectors = vectors
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap

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
        self._delete_missing(roots, files, known, report)
        if not known:  # an empty index is built by this code whatever happens next
            self.store.set_processing_version(PROCESSING_VERSION)
        current = self.store.processing_version() == PROCESSING_VERSION
        unchanged = known if current else {}  # older processing: every file is redone
        sink.start(len(files))
        for path in files:
            source = relative_source(path, self.corpus_root)
            try:
                document = load_file(path, self.corpus_root)
                if unchanged.get(source) == document.file_hash:
                    report.skipped.append(source)
                    sink.advance(source, "skipped")
                    continue
                prepared = prepare(document, self.chunk_size, self.chunk_overlap)
                self._store(prepared, report)
            except LoadError as exc:
                report.failed.append((exc.source, exc.reason))
                sink.advance(source, "failed")
                continue
            except NoActionRowsError as exc:
                report.failed.append((source, str(exc)))
                sink.advance(source, "failed")
                continue
            report.ingested.append(source)
            sink.advance(source, "ingested")
        if roots == [self.corpus_root]:  # a partial run leaves the other files as they were
            self.store.set_processing_version(PROCESSING_VERSION)
        report.seconds = time.perf_counter() - started
        return report

    def _drop_orphan_vectors(self) -> None:
        """Vectors SQLite does not know: left by a run killed between the vector upsert and the
        SQLite swap. Retrieval already ignores them; dropping them keeps the stores equal even
        when that file is then removed from the corpus (it never reached the manifest)."""
        orphans = set(self.vectors.ids()) - self.store.chunk_ids()
        self.vectors.delete(sorted(orphans))

    def _delete_missing(
        self, roots: list[Path], files: list[Path], known: dict[str, str], report: IngestReport
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
                self.vectors.delete(self.vectors.ids_for_source(source))
                self.store.delete_source(source)
                report.deleted.append(source)

    def _store(self, prepared: PreparedFile, report: IngestReport) -> None:
        document = prepared.document
        texts = [c.embedding_text() for c in prepared.chunks] + [
            s for _, _, s in prepared.sentences
        ]
        vectors = self.embeddings.encode(texts)
        chunk_vectors = vectors[: len(prepared.chunks)]
        sentence_vectors = vectors[len(prepared.chunks) :]
        old_ids = set(self.vectors.ids_for_source(document.source))
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
        report.chunks += len(prepared.chunks)
        report.records += len(prepared.records or [])
        report.embedded_texts += len(texts)
        report.warnings.extend(prepared.warnings)
