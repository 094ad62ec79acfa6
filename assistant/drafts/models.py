"""The request and result shapes every surface shares (CLI, ``POST /v1/drafts``, Slack)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from ingest.status import StatusClass

DraftFormat = Literal["markdown", "json", "slack"]
ChangeKind = Literal["new", "status", "owner", "wording", "closed"]

EARLIEST_SINCE = date(1970, 1, 1)
"""Nothing can have been ingested before the Unix epoch; earlier dates are refused."""
LATEST_SINCE = date(9999, 12, 30)
"""The end of this day must still be a timestamp in every time zone."""


class DraftRequest(BaseModel):
    """What to draft. Every selector is optional and fuzzy; set ones are combined with AND."""

    aim: str | None = Field(None, max_length=200, description="'aim 5', 'Staying Ahead' …")
    owner: str | None = Field(None, max_length=200, description="'Maya', 'Matt' …")
    status: str | None = Field(
        None, max_length=100, description="done, on track, stalled / at risk, not started …"
    )
    since: date | None = Field(
        None, description="List what changed since the latest version ingested on/before this"
    )
    changes: bool = Field(False, description="List what changed since the previous version")
    format: DraftFormat = "markdown"

    @field_validator("since")
    @classmethod
    def _since_in_range(cls, value: date | None) -> date | None:
        if value is not None and not EARLIEST_SINCE <= value <= LATEST_SINCE:
            raise ValueError(
                f"must be a date from {EARLIEST_SINCE.isoformat()} to "
                f"{LATEST_SINCE.isoformat()}, not {value.isoformat()}"
            )
        return value

    @field_validator("aim", "owner", "status", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """A web form sends "" for an untouched picker: that means "any", not "match ''"."""
        return None if isinstance(value, str) and not value.strip() else value


class OwnerRef(BaseModel):
    name: str
    role: Literal["lead", "co", "with"]


class DraftRecord(BaseModel):
    """One selected action with its class and the phrase that decided it."""

    id: str
    source: str
    row: int
    row_end: int | None = None
    citation: str = Field(description="'[row 12]' (with the file name when several logs)")
    aim: str
    action: str
    action_short: str
    owner: str | None = Field(description="The owner cell as written")
    owners: list[OwnerRef] = Field(default_factory=list)
    needs_owner: bool
    status: str
    status_class: StatusClass
    evidence: str = Field(description="Words of the status (or 'RAG: Red') that decided it")
    rule: str = Field(description="Why those words give that class")
    flagged: bool = Field(False, description="Amber RAG: on track but to watch")
    selected_owner: OwnerRef | None = Field(
        None, description="The owner asked for, as named on this row ('with' = supporting)"
    )
    rag: str | None = None
    due: str | None = None
    cells_shared_by: int = Field(
        1, description="How many actions the log gives this one status/owner cell"
    )


class Milestone(BaseModel):
    """A next step, grouped over the rows that share it (a status cell shared by three rows)."""

    when: str
    text: str
    citations: list[str]
    actions: list[str]


class ActionChange(BaseModel):
    kind: ChangeKind
    source: str
    action: str
    row: int = Field(description="Row now; for a closed action, its row in the earlier version")
    citation: str
    before: str | None = None
    after: str | None = None
    class_before: StatusClass | None = None
    class_after: StatusClass | None = None
    matched_by: Literal["id", "text"] | None = None


class ChangeReport(BaseModel):
    """What changed between an earlier version of the selected logs and now."""

    since: date | None = None
    baseline: dict[str, int] = Field(
        default_factory=dict, description="source → version compared against"
    )
    baseline_ingested_at: datetime | None = Field(
        None, description="When the oldest compared version was ingested (UTC)"
    )
    changes: list[ActionChange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class DraftResult(BaseModel):
    """A finished draft: Markdown, Slack blocks and the structured content behind both."""

    format: DraftFormat = "markdown"
    scope: str
    title: str
    as_of: date | None = None
    as_of_basis: str = ""
    sources: list[str] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    records: list[DraftRecord] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    changes: ChangeReport | None = None
    markdown: str
    blocks: list[dict[str, Any]] = Field(default_factory=list)
    model: str = Field("template", description="'template', or the LLM that wrote the prose")
    notice: str | None = None
