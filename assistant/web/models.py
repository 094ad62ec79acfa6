"""Request and response bodies of the HTTP API that are not shared with other surfaces.

``Answer``, ``Filters``, ``HistoryTurn``, ``DraftRequest`` and ``DraftResult`` come from the
domain packages unchanged, so ``/v1/ask`` returns exactly what ``assistant ask --json`` prints.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.schemas import Filters, HistoryTurn
from ingest.store.base import DocumentRow


class AskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(
        description="What you want to know, in plain words", examples=["Who owns aim 5?"]
    )
    history: list[HistoryTurn] = Field(
        default_factory=list,
        description="Earlier turns of this conversation, oldest first (for follow-ups); "
        "the server's settings bound how many and how long (20 turns of 4000 characters "
        "by default)",
    )
    filters: Filters | None = None


class FeedbackBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(min_length=1, max_length=64, description="The answer's `id`")
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000)


class FeedbackStored(BaseModel):
    id: int
    answer_id: str
    rating: Literal["up", "down"]


class DocumentOut(BaseModel):
    source: str = Field(description="Path relative to the corpus root, as cited")
    title: str
    kind: str = Field(description="'plan' or 'action'")
    chunks: int
    records: int = Field(description="Action-log rows parsed from it")
    ingested_at: datetime
    modified_at: datetime
    hash: str = Field(description="Content hash; unchanged files are skipped on re-ingest")

    @classmethod
    def from_row(cls, row: DocumentRow) -> DocumentOut:
        return cls(
            source=row.source,
            title=row.title,
            kind=row.kind,
            chunks=row.chunks,
            records=row.records,
            ingested_at=datetime.fromtimestamp(row.ingested_at, UTC),
            modified_at=datetime.fromtimestamp(row.modified_at, UTC),
            hash=row.file_hash,
        )


class DocumentList(BaseModel):
    count: int
    documents: list[DocumentOut]


class Facets(BaseModel):
    """Values for the draft panel's pickers."""

    aims: list[str]
    owners: list[str]
    statuses: list[str] = Field(description="Status classes a filter may name")


class ActionList(BaseModel):
    count: int
    actions: list[dict[str, Any]] = Field(
        description="Action records with `status_class` and the `status_evidence` behind it"
    )
    facets: Facets


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    ready: bool
    documents: int
    chunks: int
    vectors: int = Field(description="Vectors this process sees (at least one per chunk)")
    model_loaded: bool
