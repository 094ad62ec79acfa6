"""The default ONNX encoder: same vectors as torch, exported once, and never a hard failure.

Each test exports into its own cache directory (about 10 s), so these are the only tests that
pay for an export; every other test shares the checkout's ``data/models`` cache.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.settings import Settings
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.onnx_backend import FP32_FILE, model_cache_dir

SENTENCES = [
    "Who owns the Innovation Ambassadors action?",
    "The Citizens' Panel of around 4,000 people is consulted several times a year.",
    "Rolling out but somewhat stalled due to Covid and Capacity.",
    "NMAHP leadership group",
    "What are the four missions of the Lancashire innovation plan?",
    # past the tokenizer file's own 128-token limit: must be cut at the model's 256, as torch is
    "We will work with partners across the region to embed research in everyday care. " * 25,
]


def test_onnx_is_the_default_backend() -> None:
    assert Settings(_env_file=None).embedding_backend == "onnx"  # type: ignore[call-arg]


def test_cached_onnx_model_loads_without_torch(tmp_path: Path) -> None:
    """A process using the cached export imports neither torch nor sentence-transformers
    (that import is most of start-up): checked in a fresh interpreter."""
    onnx_embeddings(tmp_path).embed_query("export once")
    probe = (
        "import sys; from ingest.embeddings import SentenceTransformerEmbeddings as E; "
        f"e = E({Settings(_env_file=None).resolved_embedding_model()!r}, backend='onnx', "  # type: ignore[call-arg]
        f"cache_dir={str(tmp_path)!r}); e.embed_query('hello'); "
        "print(e.active_backend, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["onnx", "False", "False"], out.stderr


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    model = Settings(_env_file=None).resolved_embedding_model()  # type: ignore[call-arg]
    return SentenceTransformerEmbeddings(model, backend="torch").encode(SENTENCES)


def onnx_embeddings(cache: Path) -> SentenceTransformerEmbeddings:
    model = Settings(_env_file=None).resolved_embedding_model()  # type: ignore[call-arg]
    return SentenceTransformerEmbeddings(model, backend="onnx", cache_dir=str(cache))


def test_export_matches_torch_and_is_reused(tmp_path: Path, torch_vectors: np.ndarray) -> None:
    first = onnx_embeddings(tmp_path)
    vectors = first.encode(SENTENCES)
    assert first.active_backend == "onnx" and first.fallback_reason is None
    cosines = np.sum(vectors * torch_vectors, axis=1)
    assert cosines.min() > 0.999, cosines

    exported = model_cache_dir(first.model_name_or_path, str(tmp_path)) / FP32_FILE
    assert exported.is_file()
    stamp = exported.stat().st_mtime_ns
    again = onnx_embeddings(tmp_path)
    np.testing.assert_allclose(again.encode(SENTENCES), vectors, atol=1e-5)
    assert exported.stat().st_mtime_ns == stamp  # loaded from the cache, not exported again


def test_corrupt_cached_export_is_replaced(tmp_path: Path, torch_vectors: np.ndarray) -> None:
    model = Settings(_env_file=None).resolved_embedding_model()  # type: ignore[call-arg]
    exported = model_cache_dir(model, str(tmp_path)) / FP32_FILE
    exported.parent.mkdir(parents=True)
    exported.write_bytes(b"not an onnx model")

    embeddings = onnx_embeddings(tmp_path)
    vectors = embeddings.encode(SENTENCES)
    assert embeddings.active_backend == "onnx"
    assert exported.stat().st_size > 1_000_000  # a real export took its place
    assert np.sum(vectors * torch_vectors, axis=1).min() > 0.999


def test_missing_onnx_packages_fall_back_to_torch(
    tmp_path: Path,
    torch_vectors: np.ndarray,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import ingest.onnx_backend as onnx_backend

    def missing() -> None:
        raise onnx_backend.OnnxBackendUnavailable("onnxruntime is not installed")

    monkeypatch.setattr(onnx_backend, "_require_packages", missing)
    embeddings = onnx_embeddings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="ingest.embeddings"):
        vectors = embeddings.encode(SENTENCES)
    assert embeddings.active_backend == "torch"
    assert "onnxruntime is not installed" in (embeddings.fallback_reason or "")
    assert "using torch instead" in caplog.text
    np.testing.assert_allclose(vectors, torch_vectors, atol=1e-6)
