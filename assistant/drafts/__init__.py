"""Drafted progress updates from action logs: select rows, classify statuses, render, cite.

Surfaces call :func:`make_draft` with a :class:`DraftRequest`; pickers use :func:`list_aims`
and :func:`list_owners`. Domain errors: :class:`NoMatchError` (an aim, owner or status that
matches nothing, with the closest names) and :class:`EmptyIndexError` (nothing ingested).
"""

from assistant.drafts.models import (
    ActionChange,
    ChangeReport,
    DraftFormat,
    DraftRecord,
    DraftRequest,
    DraftResult,
    Milestone,
)
from assistant.drafts.select import NoMatchError
from assistant.drafts.service import EmptyIndexError, list_aims, list_owners, make_draft
from ingest.status import (
    STATUS_RULES,
    StatusClass,
    StatusClassification,
    classify_status,
)

__all__ = [
    "STATUS_RULES",
    "ActionChange",
    "ChangeReport",
    "DraftFormat",
    "DraftRecord",
    "DraftRequest",
    "DraftResult",
    "EmptyIndexError",
    "Milestone",
    "NoMatchError",
    "StatusClass",
    "StatusClassification",
    "classify_status",
    "list_aims",
    "list_owners",
    "make_draft",
]
