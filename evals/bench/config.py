"""What one run measures: the full run and the ``--quick`` smoke run differ only here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODEL_CACHE = REPO / "data" / "models"  # ONNX exports survive between runs and sections
BENCH_CACHE = REPO / "data" / "bench-cache"  # built ×10/×100 indexes (data/ is git-ignored)
SUITES = ("plans.yaml", "actions.yaml", "unanswerable.yaml")
SECTIONS = ("ingestion", "latency", "load", "workers", "scaling")
QUICK_FILES = (
    "action-logs/lancashire-innovation-action-agenda.txt",
    "plans/lsc-research-innovation-plan-2024-2027.txt",
)


@dataclass
class BenchConfig:
    """Sizes, counts and options; ``quick()`` is what ``make test`` runs in under 90 s."""

    out: Path = REPO / "bench"
    quick: bool = False
    corpus: Path = REPO / "corpus"
    corpus_files: tuple[str, ...] = ()  # empty: every file under ``corpus``
    model_cache: Path = MODEL_CACHE
    backends: tuple[str, ...] = ("torch", "onnx", "onnx-int8")
    unsorted_baseline: bool = True  # also time the encoder on batches in corpus order
    max_questions: int | None = 80  # latency questions, spread over the suites
    quality_cases: int | None = None  # retrieval-quality cases per backend (None: all)
    concurrency: tuple[int, ...] = (1, 4, 16)
    requests_per_client: int = 8
    soak_requests: int = 10_000  # asks to the one-process server after the levels, RSS read
    soak_clients: int = 4  # every tenth of the way
    # "workers": one process vs ``--workers 2`` against one Chroma server (0 clients: skip)
    workers_processes: tuple[int, ...] = (1, 2)
    workers_clients: int = 16
    workers_requests_per_client: int = 48  # ~10 s a round: 16 per client gave ~4 s, ramp-bound
    scales: tuple[int, ...] = (1, 10, 100)
    scale_questions: int = 30
    chroma_server_at_largest: bool = True
    # built indexes of the synthetic sizes above ×1 (evals/bench/scaling.py); None: under
    # ``work`` (the quick run leaves the repository's data/ alone)
    cache_root: Path | None = BENCH_CACHE
    rebuild_cache: bool = False  # build (and re-cache) every synthetic size even when cached
    build_timeout_s: float = 4 * 3600  # one size's real ingest (×100 on 2 shared cores: ~½ h)
    seed: int = 20240611
    batch_size: int = 32
    plots: bool = True
    extra: dict[str, str] = field(default_factory=dict)
    only: tuple[str, ...] = ()  # sections to run (``--only``); empty: every section

    def runs(self, section: str) -> bool:
        return not self.only or section in self.only

    @classmethod
    def full(cls, out: Path | None = None) -> BenchConfig:
        return cls(out=out or REPO / "bench")

    @classmethod
    def quick_run(cls, out: Path | None = None) -> BenchConfig:
        """Two small files, torch only, few queries, one synthetic size, 1 and 4 clients;
        the workers comparison at 4 clients with 2 asks each (it proves the plumbing only)."""
        return cls(
            out=out or REPO / "bench" / "quick",
            quick=True,
            corpus_files=QUICK_FILES,
            backends=("torch",),
            unsorted_baseline=False,
            max_questions=6,
            quality_cases=8,
            concurrency=(1, 4),
            requests_per_client=2,
            soak_requests=40,
            workers_clients=4,
            workers_requests_per_client=2,
            scales=(2,),
            scale_questions=5,
            chroma_server_at_largest=False,
            cache_root=None,
        )

    @property
    def work(self) -> Path:
        """Scratch data directories (indexes, synthetic corpora); git-ignored, kept for reruns."""
        return self.out / "work"

    @property
    def cache_dir(self) -> Path:
        """Where built synthetic indexes are kept between runs."""
        return self.cache_root or self.work / "bench-cache"
