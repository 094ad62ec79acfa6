"""Chroma behind a small interface: embedded ``PersistentClient`` by default, a ``chroma run``
server via ``HttpClient`` when ``ASSISTANT_CHROMA_HOST`` is set.

Vectors are computed by the pipeline (in batches) and handed over, so Chroma never loads a
model of its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.types import Chunk

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from assistant.settings import Settings


class VectorStoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached; the message says where it was looked for."""


def make_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
            client.heartbeat()
        except Exception as exc:
            raise VectorStoreUnavailable(
                f"Cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
                f" ({exc}). Start it with `chroma run --path data/chroma` or unset "
                "ASSISTANT_CHROMA_HOST to use the embedded store."
            ) from exc
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


LOCK_RETRIES = 6
LOCK_BACKOFF_SECONDS = 0.1


def _while_locked(write: Callable[[], None]) -> None:
    """Run a write to Chroma's store again while SQLite reports it locked ("database is
    locked": another writer of the same store, or Chroma's own background flush on a loaded
    machine), waiting 0.1, 0.2, 0.4 … seconds; any other error, or the last attempt's, is
    raised."""
    for attempt in range(LOCK_RETRIES):
        try:
            write()
            return
        except Exception as error:  # chromadb raises InternalError with SQLite's message
            if "database is locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(LOCK_BACKOFF_SECONDS * 2**attempt)


class ChunkVectors:
    """The chunk collection: cosine space, ids shared with the SQLite ``chunks`` table."""

    def __init__(
        self, client: ClientAPI, name: str | Callable[[], str], ef_search: int = 500
    ) -> None:
        """``name``: the collection, or a function naming the one in service now (the index
        generation, so readers follow a rebuild; ingest/store/generations.py).

        ``ef_search``: how many graph neighbours HNSW explores per query. Chroma's default
        (100) missed a true top-30 neighbour in 1 to 9 of 209 evaluation questions, differently
        on each load of the same index, so answers changed between runs; 500 found all of them
        on every load (README, "How it works" → Retrieval)."""
        self.client = client
        self._name = name
        self.ef_search = ef_search
        self._opened: tuple[str, Collection] | None = None
        self._open_lock = threading.Lock()
        _ = self.collection  # created (or widened) now, not on the first query

    @property
    def name(self) -> str:
        return self._name if isinstance(self._name, str) else self._name()

    @property
    def collection(self) -> Collection:
        name = self.name
        opened = self._opened
        if opened is None or opened[0] != name:
            with self._open_lock:
                opened = (name, self._open(name))
                self._opened = opened
        return opened[1]

    def _open(self, name: str) -> Collection:
        collection = self.client.get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine", "ef_search": self.ef_search}}
        )
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search") != self.ef_search:  # made before the setting, or changed since
            ef_search = self.ef_search
            _while_locked(
                lambda: collection.modify(configuration={"hnsw": {"ef_search": ef_search}})
            )
        return collection

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, batch: int = 1000) -> None:
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + batch],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )

    def ids_for_source(self, source: str) -> list[str]:
        return list(self.collection.get(where={"source": source}, include=[])["ids"])

    def ids(self) -> list[str]:
        """Every id in the collection (ids only, no vectors or documents)."""
        return list(self.collection.get(include=[])["ids"])

    def vectors_for(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored embeddings by id (for keyword-only hits, so they get a real dense score)."""
        if not ids:
            return {}
        got = self.collection.get(ids=list(ids), include=["embeddings"])
        embeddings = got.get("embeddings")
        if embeddings is None:
            return {}
        return {
            chunk_id: np.asarray(vector, dtype=np.float32)
            for chunk_id, vector in zip(got["ids"], embeddings, strict=True)
        }

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self.collection.delete(ids=list(ids))

    def count(self) -> int:
        return int(self.collection.count())

    def query(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first (none from an empty collection). No
        ``count()`` first: with a Chroma server that is one more round trip per question."""
        result = self.collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32),
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=False)]

    def query_among(
        self, vector: Sequence[float], ids: Sequence[str], k: int
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``k`` closest of ``ids``, exactly, best first:
        for a filter that leaves a few chunks (one document's), reading their vectors and
        taking dot products beats a filtered HNSW search (2.6 against 22 ms at 20,000 chunks)
        and is never approximate."""
        stored = self.vectors_for(ids)
        if not stored:
            return []
        found = list(stored)
        similarities = np.stack([stored[i] for i in found]) @ np.asarray(vector, np.float32)
        order = sorted(range(len(found)), key=lambda i: (-similarities[i], found[i]))[:k]
        return [(found[i], float(similarities[i])) for i in order]

    def reset(self) -> None:
        self.drop(self.name)

    def drop(self, name: str) -> None:
        """Delete a collection (a retired index generation); a missing one is not an error."""
        with self._open_lock:
            try:
                self.client.delete_collection(name)
            except Exception as exc:  # chromadb raises NotFoundError / ValueError by version
                if "does not exist" not in str(exc) and "not found" not in str(exc).lower():
                    raise
            if self._opened is not None and self._opened[0] == name:
                self._opened = None

    def as_langchain(self, embeddings: Embeddings) -> Chroma:
        """The same collection as a LangChain ``VectorStore`` (for chains and baselines)."""
        from langchain_chroma import Chroma

        return Chroma(client=self.client, collection_name=self.name, embedding_function=embeddings)
