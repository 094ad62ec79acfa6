"""Settings, models and indexes for the benchmarks, built the way every surface builds them."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings
from evals.bench.config import MODEL_CACHE, REPO, BenchConfig
from evals.bench.measure import Stopwatch
from ingest.embeddings import SentenceTransformerEmbeddings


def make_settings(
    data_dir: Path, corpus: Path, backend: str = "torch", **overrides: Any
) -> Settings:
    """Settings isolated from the developer's ``.env`` and environment choices that matter."""
    return Settings(
        _env_file=None,
        data_dir=data_dir,
        corpus_dir=corpus,
        prompts_dir=REPO / "prompts",
        embedding_backend=backend,
        model_cache_dir=MODEL_CACHE,
        **overrides,
    )


class TimedEmbeddings(SentenceTransformerEmbeddings):
    """The real embeddings, with the time spent inside ``encode`` added up.

    Lets the report split a pipeline run into encoder time and everything else, which is
    what the pipeline-vs-raw-encoder ratio is about.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.encode_watch = Stopwatch()
        self.texts = 0

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        with self.encode_watch:
            out = super().encode(texts, **kwargs)
        self.texts += len(texts)
        return out

    def reset_watch(self) -> None:
        self.encode_watch = Stopwatch()
        self.texts = 0


def load_embeddings(cfg: BenchConfig, backend: str) -> TimedEmbeddings:
    """The configured model on ``backend``; ONNX exports are cached in ``cfg.model_cache``."""
    settings = make_settings(cfg.work / "unused", cfg.corpus, backend)
    return TimedEmbeddings(
        settings.resolved_embedding_model(),
        batch_size=cfg.batch_size,
        backend=backend,
        cache_dir=str(cfg.model_cache),
    )


def base_corpus(cfg: BenchConfig) -> Path:
    """The corpus this run indexes: the real one, or the quick run's two-file subset."""
    if not cfg.corpus_files:
        return cfg.corpus
    target = cfg.work / "corpus-base"
    if target.exists():
        shutil.rmtree(target)
    for name in cfg.corpus_files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cfg.corpus / name, target / name)
    return target


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())


def content_hash(corpus: Path) -> str:
    """SHA-256 over every file's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        digest.update(path.relative_to(corpus).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def copy_index(source: Path, target: Path) -> Path:
    """A private copy of a built data directory (index generations, Chroma, state file), for a
    process that may write to it: asking records answers in the state file."""
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target)
    return target


def dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path
