"""The one place that builds the long-lived components from settings.

Every surface (CLI, web, Slack, evals, benchmarks) calls :func:`build_components` and gets the
same objects; nothing else constructs a model, a store or a client.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.settings import Settings
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.limits import IngestLimits
from ingest.pipeline import IngestPipeline, IngestReport, ProgressSink
from ingest.quarantine import Quarantine
from ingest.store.base import IndexStore, JobStore
from ingest.store.generations import Generation, IndexGenerations
from ingest.store.sqlite import SqliteStore
from ingest.store.sqlite_jobs import SqliteJobStore
from ingest.store.vectors import ChunkVectors, make_client

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from ingest.store.postgres import PgGenerations


@dataclass
class Components:
    """Shared, lazily-built parts. The embedding model loads on first use (or ``warm()``)."""

    settings: Settings
    embeddings: SentenceTransformerEmbeddings = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.embeddings is None:
            self.embeddings = SentenceTransformerEmbeddings.from_settings(self.settings)

    @property
    def database_url(self) -> str | None:
        """The PostgreSQL URL when the stores are shared between hosts, else None (SQLite)."""
        url = self.settings.database_url
        return url.get_secret_value() if url is not None else None

    @cached_property
    def generations(self) -> IndexGenerations | PgGenerations:
        """Which generation of the index is in service (a rebuild makes the next one)."""
        if self.database_url:
            from ingest.store.postgres import PgGenerations

            return PgGenerations(self.database_url, self.settings.collection)
        return IndexGenerations(
            self.settings.data_dir, self.settings.collection, self.settings.sqlite_path
        )

    @cached_property
    def client(self) -> ClientAPI:
        return make_client(self.settings)

    @cached_property
    def store(self) -> IndexStore:
        """Follows the generation in service: readers move to a rebuilt index at once."""
        return self._store(self.generations)

    def _store(self, index: IndexGenerations | PgGenerations | Generation) -> IndexStore:
        retention = self.settings.retention_days
        if self.database_url:
            from ingest.store.postgres import PostgresStore

            return PostgresStore(self.database_url, index, retention)  # type: ignore[arg-type]
        if isinstance(index, Generation):
            return SqliteStore(self.settings.sqlite_path, index.sqlite_path)
        return SqliteStore(self.settings.sqlite_path, index, retention)  # type: ignore[arg-type]

    @cached_property
    def job_store(self) -> JobStore:
        """Ingest jobs, uploads and the writer lease, seen by every process (and host)."""
        if self.database_url:
            from ingest.store.postgres import PostgresJobStore

            return PostgresJobStore(self.database_url)
        return SqliteJobStore(self.settings.sqlite_path)

    @cached_property
    def vectors(self) -> ChunkVectors:
        return ChunkVectors(
            self.client,
            lambda: self.generations.current().collection,
            self.settings.chroma_ef_search,
        )

    @cached_property
    def quarantine(self) -> Quarantine:
        """Files that failed to parse: skipped until their content changes or a rebuild."""
        return Quarantine(self.settings.data_dir / "quarantine.json")

    @cached_property
    def pipeline(self) -> IngestPipeline:
        """Ingests into the generation in service (incremental by content hash)."""
        return self._pipeline(self.store, self.vectors)

    def _pipeline(self, store: IndexStore, vectors: ChunkVectors) -> IngestPipeline:
        return IngestPipeline(
            corpus_root=self.settings.corpus_dir,
            embeddings=self.embeddings,
            store=store,
            vectors=vectors,
            chunk_size=self.settings.chunk_size,
            chunk_overlap=self.settings.chunk_overlap,
            limits=IngestLimits.from_settings(self.settings),
            quarantine=self.quarantine,
            origin=self.origin,
        )

    @property
    def origin(self) -> str:
        """This corpus's name in a shared index (``ASSISTANT_ORIGIN``, else ``host:folder``)."""
        corpus = self.settings.corpus_dir.resolve()
        return self.settings.origin or f"{socket.gethostname()}:{corpus}"

    def ingest(
        self,
        paths: list[Path] | None = None,
        rebuild: bool = False,
        progress: ProgressSink | None = None,
    ) -> IngestReport:
        """Incremental ingest into the index in service, or a rebuild beside it."""
        if rebuild:
            return self.rebuild(progress)
        return self.pipeline.run(paths, progress=progress)

    def rebuild(self, progress: ProgressSink | None = None) -> IngestReport:
        """Build the whole corpus into a new generation, then switch to it atomically.

        Readers keep answering from the generation in service until the switch; a rebuild
        that is killed leaves it in service (the next rebuild removes the abandoned files).
        The generation before the new one is kept until the next rebuild, for readers that
        were mid-question at the switch; older ones are deleted.
        """
        generation = self.generations.next()
        self.generations.retire(self.vectors.drop)  # abandoned rebuilds, very old generations
        self.quarantine.clear()  # a rebuild retries every file
        store = self._store(generation)
        vectors = ChunkVectors(self.client, generation.collection, self.settings.chroma_ef_search)
        try:
            report = self._pipeline(store, vectors).run(progress=progress)
            if not report.ingested and report.failed:  # nothing usable: keep what serves now
                report.warnings.append(
                    "The rebuild indexed no file, so the index in service was kept."
                )
                return report
            self.generations.switch(generation)
        finally:
            store.close()
        self.generations.retire(self.vectors.drop)
        return report

    def warm(self) -> None:
        """Load the model and open the stores now (start-up), not on the first request."""
        self.embeddings.embed_query("warm up")
        _ = self.store, self.vectors


def build_components(
    settings: Settings, embeddings: SentenceTransformerEmbeddings | None = None
) -> Components:
    """``embeddings`` lets several index directories share one loaded model (tests, benches)."""
    return Components(settings, embeddings)  # type: ignore[arg-type]
