"""Optional ONNX Runtime encoder (faster on CPU); exported once from the local model and cached.

Imported lazily: the ``bench`` extra brings ``onnxruntime`` and ``optimum``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class OnnxBackendUnavailable(RuntimeError):
    """The ONNX backend was chosen but its packages are missing."""


def load_onnx_model(model_path: str, backend: str, cache_dir: str | None) -> SentenceTransformer:
    """Load ``model_path`` with sentence-transformers' ONNX backend (int8 when asked)."""
    try:
        import onnxruntime  # noqa: F401
        import optimum  # noqa: F401
    except ImportError as exc:
        raise OnnxBackendUnavailable(
            "The ONNX embedding backend needs extra packages: pip install -e '.[bench]'"
        ) from exc
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    cache = Path(cache_dir or "data/models") / (Path(model_path).name + "-onnx")
    if not (cache / "onnx" / "model.onnx").exists():
        model = SentenceTransformer(model_path, device="cpu", backend="onnx")
        model.save_pretrained(str(cache))
    if backend == "onnx-int8":
        quantised = cache / "onnx" / "model_qint8_avx2.onnx"
        if not quantised.exists():
            model = SentenceTransformer(str(cache), device="cpu", backend="onnx")
            export_dynamic_quantized_onnx_model(model, "avx2", str(cache))
        return SentenceTransformer(
            str(cache),
            device="cpu",
            backend="onnx",
            model_kwargs={"file_name": "onnx/model_qint8_avx2.onnx"},
        )
    return SentenceTransformer(str(cache), device="cpu", backend="onnx")
