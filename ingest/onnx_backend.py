"""The default ONNX Runtime encoder; exported once from the local model and cached.

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
4. serve it with :class:`OnnxEncoder`: the model's own ``tokenizer.json``, ONNX Runtime and
   numpy pooling, so a process that uses the cached export never imports torch.

``onnx`` and ``onnxruntime`` are imported lazily, only when this backend is chosen.
"""

from __future__ import annotations

import hashlib
import json
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


class OnnxEncoder:
    """The sentence-transformers model without torch: the model's own fast tokenizer
    (``tokenizer.json``), ONNX Runtime, mean pooling and L2 normalisation in numpy.

    It mirrors what sentence-transformers does for this architecture (Transformer → mean
    Pooling → Normalize, ``max_seq_length`` truncation, batches sorted by length) and is
    checked against it at export time. Loading it imports neither torch nor
    sentence-transformers, which is most of a process's start-up time (about 7 of 9 s here).
    ``InferenceSession.run`` is thread-safe, so one instance serves concurrent requests.
    """

    def __init__(self, model_dir: Path, onnx_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        settings = json.loads((model_dir / "sentence_bert_config.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        self.max_seq_length = int(settings.get("max_seq_length", 256))
        self.dimension = int(pooling["word_embedding_dimension"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)
        pad = self.tokenizer.padding or {}
        self.tokenizer.enable_padding(
            pad_id=int(pad.get("pad_id", 0)), pad_token=str(pad.get("pad_token", "[PAD]"))
        )  # to the longest text of each batch, as sentence-transformers pads
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # idle intra-op threads sleep instead of spinning: with several web processes on
        # few cores, spinning threads burnt the CPU the other processes needed (make bench)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.onnx_path = onnx_path
        self._inputs = [i.name for i in self.session.get_inputs()]

    @staticmethod
    def supports(model_dir: Path) -> bool:
        """Only the layout this class reproduces: Transformer, mean pooling, Normalize."""
        try:
            modules = json.loads((model_dir / "modules.json").read_text())
            pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        except (OSError, ValueError):
            return False
        kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
        only_mean = pooling.get("pooling_mode_mean_tokens") and not any(
            v
            for k, v in pooling.items()
            if k.startswith("pooling_mode_") and "mean_tokens" not in k
        )
        return (
            kinds == ["Transformer", "Pooling", "Normalize"]
            and bool(only_mean)
            and (model_dir / "tokenizer.json").exists()
        )

    def get_sentence_embedding_dimension(self) -> int:
        return self.dimension

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (hidden,) = self.session.run(["last_hidden_state"], feeds)
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        return np.asarray(summed / np.clip(weights.sum(axis=1), 1e-9, None), dtype=np.float32)

    def encode(
        self,
        texts: list[str],
        batch_size: int = 32,
        normalize_embeddings: bool = True,
        convert_to_numpy: bool = True,
        show_progress_bar: bool = False,
    ) -> np.ndarray:
        """Like ``SentenceTransformer.encode``: longest texts first, original order returned."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            out[chosen] = self._batch([texts[i] for i in chosen])
        if normalize_embeddings:
            out /= np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-12, None)
        return out


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(np.sum(a * b, axis=1), dtype=np.float64)


def load_onnx_model(model_path: str, backend: str, cache_dir: str | None) -> OnnxEncoder:
    """``model_path`` served by ONNX Runtime: fp32 for ``onnx``, int8 weights for ``onnx-int8``.

    The export happens once per model into ``cache_dir`` (this needs torch and
    sentence-transformers) and is verified against the torch model on a few probe sentences
    (cosine ≥ 0.999 for fp32, ≥ 0.95 for int8), so a broken export fails loudly at start-up
    instead of silently degrading retrieval. Later loads read the cached file only.
    """
    if backend not in ("onnx", "onnx-int8"):
        raise ValueError(f"Unknown ONNX backend {backend!r}: use 'onnx' or 'onnx-int8'")
    _require_packages()
    model_dir = Path(model_path)
    if not OnnxEncoder.supports(model_dir):
        raise OnnxBackendUnavailable(
            f"{model_path} is not a Transformer + mean pooling + Normalize model with a "
            "tokenizer.json; use ASSISTANT_EMBEDDING_BACKEND=torch for it"
        )
    cache = model_cache_dir(model_path, cache_dir)
    fp32 = cache / FP32_FILE
    target = cache / (INT8_FILE if backend == "onnx-int8" else FP32_FILE)
    with _export_lock:
        if target.exists():
            try:
                return OnnxEncoder(model_dir, target)
            except Exception as exc:  # ORT raises several unrelated types for a bad file
                log.warning("cached ONNX model %s is unreadable (%s); re-exporting", target, exc)
                target.unlink(missing_ok=True)
                fp32.unlink(missing_ok=True)
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(model_path, device="cpu")
        reference = model.encode(list(PROBE_TEXTS), normalize_embeddings=True)
        if not fp32.exists():
            log.info("exporting %s to ONNX under %s", model_path, cache)
            export_fp32(model, fp32)
        if backend == "onnx-int8":
            log.info("quantising %s to int8", fp32)
            quantise_int8(fp32, target)
        del model
    encoder = OnnxEncoder(model_dir, target)
    produced = encoder.encode(list(PROBE_TEXTS), normalize_embeddings=True)
    worst = float(_cosines(reference, produced).min())
    floor = 0.95 if backend == "onnx-int8" else 0.999
    if worst < floor:
        target.unlink(missing_ok=True)
        raise OnnxExportError(
            f"The {backend} export of {model_path} disagrees with torch (cosine {worst:.4f}"
            f" < {floor}); it was deleted. Use ASSISTANT_EMBEDDING_BACKEND=torch."
        )
    return encoder
