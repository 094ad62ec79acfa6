"""What every index store provides, whichever database holds it.

Two implementations: :class:`ingest.store.sqlite.SqliteStore` (the default: files under
``data_dir``, one host) and :class:`ingest.store.postgres.PostgresStore`
(``ASSISTANT_DATABASE_URL``: every host shares one database). Answering, drafts, ingest and
the surfaces only use the methods below, never SQL.

The job store (ingest jobs, uploaded files and the single-writer lease) is a separate protocol,
:class:`JobStore`, implemented by both databases as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar, cast, runtime_checkable

import numpy as np

from ingest.types import ActionRecord, Chunk

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentRow:
    source: str
    title: str
    kind: str
    file_hash: str
    chunks: int
    records: int
    ingested_at: float
    modified_at: float
    origin: str = ""
    """Which corpus added it (``host:folder``), or ``upload``. A scan of one host's corpus
    deletes only the documents that corpus added, never another host's ("" = unknown: an
    index made before origins, treated as this host's)."""


UPLOAD_ORIGIN = "upload"


@dataclass(frozen=True)
class SentenceRow:
    chunk_id: str
    idx: int
    text: str


@dataclass(frozen=True)
class RecordVersion:
    source: str
    version: int
    file_hash: str
    ingested_at: float
    records: list[ActionRecord]


_KEYWORD_TOKEN = re.compile(r"[\w£$%]+", re.UNICODE)


def keyword_tokens(text: str) -> list[str]:
    """The words of a keyword query, for every store: lower-cased word characters (and £ $ %),
    two or more long, each once in first-occurrence order. Only these reach FTS5 or
    ``tsquery`` (quoted), so no user syntax does.

    >>> keyword_tokens("Who owns the £2m AI-pilot? Who?")
    ['who', 'owns', 'the', '£2m', 'ai', 'pilot']
    """
    tokens = [t for t in _KEYWORD_TOKEN.findall(text.lower()) if len(t) > 1]
    return list(dict.fromkeys(tokens))


def record_from_data(data: Any) -> ActionRecord:
    """An action record from its stored JSON (text in SQLite, already parsed in PostgreSQL)."""
    raw = json.loads(data) if isinstance(data, str | bytes) else data
    return ActionRecord(**raw)


def sorted_records(data: Iterable[Any]) -> list[ActionRecord]:
    """Stored records parsed, in source and row order (every store returns them so)."""
    return sorted((record_from_data(d) for d in data), key=lambda r: (r.source, r.row))


class VersionCache:
    """Values derived from the index, each reused until the index version changes: a store's
    own writes :meth:`clear` it; the version it is asked with (generation and
    ``index_version()``) catches writes by other processes."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[object, object]] = {}

    def get(self, name: str, version: object, load: Callable[[], T]) -> T:
        cached = self._values.get(name)
        if cached is None or cached[0] != version:
            cached = (version, load())
            self._values[name] = cached
        return cast(T, cached[1])

    def clear(self) -> None:
        self._values.clear()


SentenceInsert = tuple[str, int, str, bytes | None]
"""(chunk id, index in chunk, text, float32 embedding bytes or None)."""


@runtime_checkable
class IndexStore(Protocol):
    """The index of one generation plus the state that outlives rebuilds (answers, feedback,
    record versions). Thread-safe; readers follow the generation in service."""

    # --- manifest ---------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]: ...
    def document_hashes(self) -> dict[str, str]: ...
    def processing_version(self) -> int: ...
    def set_processing_version(self, version: int) -> None: ...

    # --- writing (the single writer only) ------------------------------------------------
    def begin_source(self, source: str) -> None:
        """Note that vectors of ``source`` are about to change: if the writer dies before it
        calls :meth:`clear_pending` (after the store's swap and the removal of the source's old
        vectors), the next run removes that source's vectors the store does not know — and only
        that source's: orphan clean-up is scoped by document and generation."""
        ...

    def pending_sources(self) -> list[str]: ...
    def clear_pending(self, source: str) -> None: ...
    def replace_source(
        self,
        document: DocumentRow,
        chunks: list[Chunk],
        sentences: list[SentenceInsert],
        records: list[ActionRecord] | None,
    ) -> None:
        """Swap everything stored for one source in one transaction (its pending mark stays)."""
        ...

    def delete_source(self, source: str) -> None:
        """Remove one source's rows (its pending mark stays)."""
        ...

    def clear(self) -> None: ...

    # --- reading ------------------------------------------------------------------------
    def chunk_ids(self) -> set[str]: ...
    def chunk_ids_for_source(self, source: str) -> set[str]: ...
    def chunk_count(self) -> int: ...
    def chunks(self, ids: Iterable[str] | None = None) -> list[Chunk]: ...
    def chunk_fields(self) -> list[tuple[str, str, str]]:
        """(title, section, text) of every chunk: the vocabulary spelling correction knows."""
        ...

    def index_version(self) -> tuple[int, float]: ...
    def section_chunks(self, source: str, section: str) -> list[Chunk]: ...
    def source_chunks(self, source: str) -> list[Chunk]: ...
    def record_chunks(self) -> dict[str, Chunk]: ...
    def keyword_search(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """(chunk id, keyword score — larger is better), best first."""
        ...

    def sentences(
        self, chunk_ids: Iterable[str]
    ) -> dict[str, list[tuple[str, np.ndarray | None]]]: ...
    def records(self, source: str | None = None) -> list[ActionRecord]: ...
    def per_version(self, name: str, load: Callable[[], T]) -> T: ...
    def record_versions(self, source: str) -> list[RecordVersion]: ...

    # --- answers and feedback -----------------------------------------------------------
    def add_answer(
        self, answer_id: str, question: str, answer: str, abstained: bool, model: str
    ) -> None: ...
    def purge_conversations(self, before: float) -> int: ...
    def answer(self, answer_id: str) -> dict[str, Any] | None: ...
    def add_feedback(
        self,
        answer_id: str,
        rating: str,
        comment: str | None,
        question: str | None,
        answer: str | None,
        surface: str,
    ) -> int: ...
    def feedback(self) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


# --- ingest jobs, uploads and the writer lease ----------------------------------------------

JobState = Literal["queued", "running", "done", "failed"]
JobMode = Literal["upload", "corpus"]


@dataclass
class JobRow:
    """One ingest request, as every replica sees it."""

    id: str
    mode: JobMode
    rebuild: bool
    files: list[str]
    """Sources of the uploads the job ingests (empty: the whole corpus)."""
    state: JobState = "queued"
    total: int | None = None
    processed: int = 0
    current: str | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    worker: str | None = None
    """The worker running it (``host:pid:random``)."""
    heartbeat_at: float | None = None
    attempts: int = 0
    """How many times a worker took it (2 or more: a worker died during it)."""


@dataclass(frozen=True)
class UploadRow:
    source: str
    """Path relative to the corpus root, e.g. ``uploads/board-minutes.md``."""
    content: bytes
    sha256: str
    created_at: float


class JobStore(Protocol):
    """Ingest jobs, uploaded files and the single-writer lease, shared by every process (and,
    on PostgreSQL, every host)."""

    def submit_job(
        self, job_id: str, mode: JobMode, rebuild: bool, uploads: list[tuple[str, bytes]]
    ) -> JobRow:
        """Store the uploads (a source uploaded again replaces its bytes) and queue a job that
        ingests them (or, with no uploads, the corpus), in one transaction."""
        ...

    def job(self, job_id: str) -> JobRow | None: ...
    def claim_job(self, worker: str, lease_s: float) -> JobRow | None:
        """The oldest queued job, or a running one whose worker has not been heard from for
        ``lease_s``; marked running by ``worker`` (attempts + 1). None when there is none."""
        ...

    def job_progress(
        self,
        job_id: str,
        worker: str,
        *,
        total: int | None = None,
        source: str | None = None,
        outcome: str | None = None,
    ) -> bool:
        """Record progress (and a heartbeat). False when the job is no longer ``worker``'s
        (another worker took it over): the caller stops."""
        ...

    def finish_job(
        self,
        job_id: str,
        worker: str,
        state: Literal["done", "failed"],
        report: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> None: ...
    def uploads(self) -> list[UploadRow]:
        """Every uploaded file (the worker writes them into its corpus folder before a job)."""
        ...

    def acquire_writer(self, worker: str, lease_s: float) -> bool:
        """Take or renew the single-writer lease; False while another worker holds it."""
        ...

    def release_writer(self, worker: str) -> None: ...
    def writer(self) -> tuple[str, float] | None:
        """(holder, expires at, epoch seconds) of an unexpired writer lease, else None."""
        ...
