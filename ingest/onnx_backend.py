"""Optional ONNX Runtime encoder (faster on CPU); exported once from the local model and cached.

Why not ``SentenceTransformer(path, backend="onnx")``: sentence-transformers delegates that to
``optimum.onnxruntime`` (the ``optimum-onnx`` package), whose releases pin
``transformers<4.58`` and fail to import against the transformers 5.x this project runs
(``ImportError: cannot import name 'get_parameter_dtype'``); installing it downgrades
transformers and sentence-transformers for every surface. So the export here uses only
``torch.onnx`` (already installed), ``onnx`` and ``onnxruntime``:

1. load the packaged model with the torch backend (no network),
2. export its transformer to ``<cache>/model.onnx`` (fp32) once, checked against torch,
3. for ``onnx-int8``, dynamically quantise the weights to int8 with
   ``onnxruntime.quantization.quantize_dynamic`` into ``<cache>/model_qint8.onnx``,
4. swap the transformer inside the ``SentenceTransformer`` for an ONNX Runtime session.

Tokenisation, pooling, normalisation and ``encode`` (with its length-sorted batching) stay
sentence-transformers' own, so callers see the same ``SentenceTransformer`` object as with
torch. ``onnx`` and ``onnxruntime`` are imported lazily, only when this backend is chosen.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
FP32_FILE = "model.onnx"
INT8_FILE = "model_qint8.onnx"
PROBE_TEXTS = (
    "Who owns the Innovation Ambassadors action?",
    "Warton Enterprise Zone is a prime site for future mobility R&D, alongside Samlesbury.",
    "short",
)
_export_lock = threading.Lock()


class OnnxBackendUnavailable(RuntimeError):
    """The ONNX backend was chosen but its packages are missing."""


class OnnxExportError(RuntimeError):
    """The exported ONNX model does not reproduce the torch model's embeddings."""


def _require_packages() -> None:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise OnnxBackendUnavailable(
            "The ONNX embedding backend needs onnx and onnxruntime: pip install -e ."
        ) from exc


def model_cache_dir(model_path: str, cache_dir: str | None) -> Path:
    """``<cache_dir>/<name>-onnx-<key>``: the key changes when the weights or config change.

    The packaged model's folder is called ``model``, so the parent's name is used too.
    """
    source = Path(model_path)
    digest = hashlib.sha1()
    for name in ("config.json", "modules.json"):
        if (source / name).exists():
            digest.update((source / name).read_bytes())
    for weights in sorted(source.glob("*.safetensors")) + sorted(source.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    label = "-".join(p for p in (source.parent.name, source.name) if p)[:60] or "model"
    return Path(cache_dir or "data/models") / f"{label}-onnx-{digest.hexdigest()[:10]}"


def _atomic_target(path: Path) -> Path:
    """A temporary file next to ``path``; ``os.replace`` makes a half-written export invisible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp.onnx", dir=path.parent)
    os.close(handle)
    os.chmod(name, 0o644)  # mkstemp makes 0600; the cache is shared by the CLI and the server
    return Path(name)


def export_fp32(model: SentenceTransformer, target: Path) -> None:
    """Export the transformer of ``model`` (inputs ids/mask/types → last hidden state)."""
    import torch

    transformer: Any = model[0]  # sentence-transformers' Transformer module (untyped here)
    hf_model = transformer.model.eval()

    class _LastHiddenState(torch.nn.Module):
        """Positional inputs for the exporter; keyword call for transformers 5's forward."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> torch.Tensor:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    sample = transformer.tokenizer(
        ["an example input", "a second, longer example input for the exporter"],
        padding=True,
        return_tensors="pt",
    )
    if "token_type_ids" not in sample:
        sample["token_type_ids"] = torch.zeros_like(sample["input_ids"])
    tmp = _atomic_target(target)
    try:
        # The tracer warns about Python control flow in the attention mask code; the export is
        # verified against torch afterwards, so the warnings are noise for users.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _LastHiddenState(hf_model),
                tuple(sample[name] for name in ONNX_INPUTS),
                str(tmp),
                input_names=list(ONNX_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "sequence"}
                    for name in (*ONNX_INPUTS, "last_hidden_state")
                },
                opset_version=17,
                dynamo=False,  # the dynamo exporter needs onnxscript; TorchScript export suffices
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def quantise_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation (weights ahead, activations at run time): no calibration data.

    Per-channel weights with ``reduce_range`` (7-bit) were chosen by measurement on this
    corpus: plain per-tensor int8 gave a mean cosine of 0.958 to the torch vectors (min 0.91),
    per-channel + reduced range 0.991 (min 0.984) at the same speed. Reduced range avoids the
    u8×s8 overflow of AVX2 (non-VNNI) CPUs, which is what these machines have.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = _atomic_target(target)
    try:
        quantize_dynamic(
            str(source),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            reduce_range=True,
        )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


class OrtTransformer:
    """Stands in for the Hugging Face model inside sentence-transformers' ``Transformer``.

    Called as ``model(input_ids=…, attention_mask=…, token_type_ids=…, return_dict=True)``
    and returns ``{"last_hidden_state": tensor}``, which is all the Pooling module needs.
    ``InferenceSession.run`` is thread-safe, so one instance serves concurrent requests.
    """

    def __init__(self, onnx_path: Path, config: Any, threads: int | None = None) -> None:
        import onnxruntime as ort
        import torch

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.onnx_path = onnx_path
        self.config = config
        self.device = torch.device("cpu")
        self.dtype = torch.float32
        self._inputs = [i.name for i in self.session.get_inputs()]

    def __call__(self, **features: Any) -> dict[str, Any]:
        import torch

        ids = features["input_ids"]
        feeds: dict[str, np.ndarray] = {}
        for name in self._inputs:
            value = features.get(name)
            if value is None:  # token types: BERT uses zeros when they are not given
                value = torch.zeros_like(ids)
            feeds[name] = value.detach().cpu().numpy().astype(np.int64, copy=False)
        (hidden,) = self.session.run(["last_hidden_state"], feeds)
        return {"last_hidden_state": torch.from_numpy(hidden)}

    # sentence-transformers calls ``.eval()``/``.to()`` on its modules in places
    def eval(self) -> OrtTransformer:
        return self

    def to(self, *args: Any, **kwargs: Any) -> OrtTransformer:
        return self


def _swap_in(model: SentenceTransformer, onnx_path: Path) -> None:
    import torch

    transformer: Any = model[0]
    runner = OrtTransformer(onnx_path, transformer.model.config, torch.get_num_threads())

    class _OrtModule(torch.nn.Module):
        """A ``Module`` shell so ``nn.Module.__setattr__`` accepts the replacement."""

        def __init__(self) -> None:
            super().__init__()
            self.runner = runner
            self.config = runner.config

        def forward(self, **features: Any) -> dict[str, Any]:
            return runner(**features)

    transformer.model = _OrtModule()  # the torch weights are released here


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(np.sum(a * b, axis=1), dtype=np.float64)


def load_onnx_model(model_path: str, backend: str, cache_dir: str | None) -> SentenceTransformer:
    """``model_path`` served by ONNX Runtime: fp32 for ``onnx``, int8 weights for ``onnx-int8``.

    The export happens once per model into ``cache_dir`` and is verified against the torch
    model on a few probe sentences (cosine ≥ 0.999 for fp32, ≥ 0.95 for int8), so a broken
    export fails loudly at start-up instead of silently degrading retrieval.
    """
    if backend not in ("onnx", "onnx-int8"):
        raise ValueError(f"Unknown ONNX backend {backend!r}: use 'onnx' or 'onnx-int8'")
    _require_packages()
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu")
    cache = model_cache_dir(model_path, cache_dir)
    fp32 = cache / FP32_FILE
    target = cache / (INT8_FILE if backend == "onnx-int8" else FP32_FILE)
    with _export_lock:
        if target.exists():
            try:
                _swap_in(model, target)  # leaves the torch model in place if it raises
                return model
            except Exception as exc:  # ORT raises several unrelated types for a bad file
                log.warning("cached ONNX model %s is unreadable (%s); re-exporting", target, exc)
                target.unlink(missing_ok=True)
                fp32.unlink(missing_ok=True)
        reference = model.encode(list(PROBE_TEXTS), normalize_embeddings=True)
        if not fp32.exists():
            log.info("exporting %s to ONNX under %s", model_path, cache)
            export_fp32(model, fp32)
        if backend == "onnx-int8":
            log.info("quantising %s to int8", fp32)
            quantise_int8(fp32, target)
    _swap_in(model, target)
    produced = model.encode(list(PROBE_TEXTS), normalize_embeddings=True)
    worst = float(_cosines(reference, produced).min())
    floor = 0.95 if backend == "onnx-int8" else 0.999
    if worst < floor:
        target.unlink(missing_ok=True)
        raise OnnxExportError(
            f"The {backend} export of {model_path} disagrees with torch (cosine {worst:.4f}"
            f" < {floor}); it was deleted. Use ASSISTANT_EMBEDDING_BACKEND=torch."
        )
    return model
