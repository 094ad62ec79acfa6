"""The one place that builds the long-lived components from settings.

Every surface (CLI, web, Slack, evals, benchmarks) calls :func:`build_components` and gets the
same objects; nothing else constructs a model, a store or a client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assistant.settings import Settings
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.pipeline import IngestPipeline
from ingest.store.sqlite import SqliteStore
from ingest.store.vectors import ChunkVectors, make_client


@dataclass
class Components:
    """Shared, lazily-built parts. The embedding model loads on first use (or ``warm()``)."""

    settings: Settings
    embeddings: SentenceTransformerEmbeddings = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.embeddings is None:
            self.embeddings = SentenceTransformerEmbeddings.from_settings(self.settings)

    @cached_property
    def store(self) -> SqliteStore:
        return SqliteStore(self.settings.sqlite_path)

    @cached_property
    def vectors(self) -> ChunkVectors:
        return ChunkVectors(
            make_client(self.settings), self.settings.collection, self.settings.chroma_ef_search
        )

    @cached_property
    def pipeline(self) -> IngestPipeline:
        return IngestPipeline(
            corpus_root=self.settings.corpus_dir,
            embeddings=self.embeddings,
            store=self.store,
            vectors=self.vectors,
            chunk_size=self.settings.chunk_size,
            chunk_overlap=self.settings.chunk_overlap,
        )

    def warm(self) -> None:
        """Load the model and open the stores now (start-up), not on the first request."""
        self.embeddings.embed_query("warm up")
        _ = self.store, self.vectors


def build_components(
    settings: Settings, embeddings: SentenceTransformerEmbeddings | None = None
) -> Components:
    """``embeddings`` lets several index directories share one loaded model (tests, benches)."""
    return Components(settings, embeddings)  # type: ignore[arg-type]
