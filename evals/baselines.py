"""The two baselines issue 3 asks the retriever to beat, built over the same corpus files:

- a naive LangChain RAG: ``RecursiveCharacterTextSplitter(1000, 200)`` over each file's raw
  text, embedded with the same model into a throw-away in-memory Chroma via ``langchain-chroma``,
  top-k cosine search (k=4, the usual default; also reported at k=10);
- plain BM25 (``rank_bm25.BM25Okapi``, lower-cased word tokens, no stemming or stop words) over
  the very same 1000/200 chunks.

They share nothing with the assistant's ingest (no cleaning, no structure-aware chunking, no
sentence store), which is the point of a baseline.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from ingest.loaders import LoadError, discover_files, load_file

SPLIT_SIZE = 1000
SPLIT_OVERLAP = 200
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class BaselineHit:
    id: str
    source: str
    text: str
    score: float


def corpus_documents(corpus_dir: Path) -> list[Document]:
    """Every loadable corpus file as one LangChain Document of its raw extracted text."""
    documents = []
    for path in discover_files([corpus_dir]):
        try:
            loaded = load_file(path, corpus_dir)
        except LoadError:
            continue
        documents.append(
            Document(
                page_content=loaded.raw_text,
                metadata={"source": loaded.source, "kind": loaded.kind},
            )
        )
    return documents


def split_documents(documents: Sequence[Document]) -> list[Document]:
    """The textbook splitter settings: 1000 characters with 200 overlap."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=SPLIT_SIZE, chunk_overlap=SPLIT_OVERLAP)
    chunks = splitter.split_documents(list(documents))
    for index, chunk in enumerate(chunks):
        chunk.metadata["chunk"] = index
        chunk.id = f"{chunk.metadata['source']}@{index}"
    return chunks


class CachedEmbeddings(Embeddings):
    """Document vectors cached on disk by text hash, so re-runs do not re-embed the baseline."""

    def __init__(self, inner: Embeddings, cache_file: Path | None) -> None:
        self.inner = inner
        self.cache_file = cache_file
        self._cache: dict[str, list[float]] = {}
        if cache_file is not None and cache_file.is_file():
            with np.load(cache_file) as data:
                self._cache = {key: data[key].tolist() for key in data.files}

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if self._key(t) not in self._cache]
        if missing:
            for text, vector in zip(missing, self.inner.embed_documents(missing), strict=True):
                self._cache[self._key(text)] = vector
            if self.cache_file is not None:
                self.cache_file.parent.mkdir(parents=True, exist_ok=True)
                arrays = {k: np.asarray(v, dtype=np.float32) for k, v in self._cache.items()}
                with self.cache_file.open("wb") as handle:
                    np.savez(handle, **arrays)  # type: ignore[arg-type]
        return [self._cache[self._key(t)] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class NaiveLangChainRAG:
    """Recursive 1000/200 chunks in an in-memory Chroma, searched by cosine similarity."""

    def __init__(self, chunks: Sequence[Document], embeddings: Embeddings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        # EphemeralClient instances share one in-process store: a unique name keeps runs apart
        self._client = chromadb.EphemeralClient(
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        )
        self._name = f"eval-naive-{uuid.uuid4().hex[:12]}"
        self.store = Chroma(
            collection_name=self._name,
            embedding_function=embeddings,
            client=self._client,
            collection_metadata={"hnsw:space": "cosine"},
        )
        self.store.add_documents(list(chunks), ids=[str(c.id) for c in chunks])

    def search(self, query: str, k: int, kind: str | None = None) -> list[BaselineHit]:
        where = {"kind": kind} if kind else None
        hits = self.store.similarity_search_with_score(query, k=k, filter=where)
        return [
            BaselineHit(
                str(doc.id or ""), str(doc.metadata["source"]), doc.page_content, 1.0 - distance
            )
            for doc, distance in hits
        ]

    def close(self) -> None:
        self._client.delete_collection(self._name)


def bm25_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class BM25Baseline:
    """Okapi BM25 with rank-bm25's defaults (k1=1.5, b=0.75) over the 1000/200 chunks."""

    def __init__(self, chunks: Sequence[Document]) -> None:
        from rank_bm25 import BM25Okapi

        self.chunks = list(chunks)
        self.bm25 = BM25Okapi([bm25_tokens(c.page_content) for c in self.chunks])

    def search(self, query: str, k: int, kind: str | None = None) -> list[BaselineHit]:
        scores = self.bm25.get_scores(bm25_tokens(query))
        order = np.argsort(-scores, kind="stable")
        out: list[BaselineHit] = []
        for index in order:
            chunk = self.chunks[int(index)]
            if kind and chunk.metadata.get("kind") != kind:
                continue
            out.append(
                BaselineHit(
                    str(chunk.id),
                    chunk.metadata["source"],
                    chunk.page_content,
                    float(scores[index]),
                )
            )
            if len(out) >= k:
                break
        return out


@dataclass
class Baselines:
    naive: NaiveLangChainRAG
    bm25: BM25Baseline
    chunks: int

    def close(self) -> None:
        self.naive.close()


def build_baselines(
    corpus_dir: Path, embeddings: Embeddings, cache_dir: Path | None, model_key: str = ""
) -> Baselines:
    """``model_key`` names the embedding model, so a cached vector never outlives its model."""
    chunks = split_documents(corpus_documents(corpus_dir))
    tag = hashlib.sha256(model_key.encode()).hexdigest()[:10]
    cache_file = cache_dir / f"baseline-vectors-{tag}.npz" if cache_dir is not None else None
    cached = CachedEmbeddings(embeddings, cache_file)
    return Baselines(NaiveLangChainRAG(chunks, cached), BM25Baseline(chunks), len(chunks))
