"""``POST /v1/drafts`` and ``GET /v1/actions``: progress updates and the records behind them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from assistant.drafts import DraftRequest, DraftResult, StatusClass
from assistant.web.deps import AssistantDep
from assistant.web.errors import ERROR_RESPONSES, error_doc
from assistant.web.models import ActionList, Facets
from assistant.web.security import CallerDep

router = APIRouter(prefix="/v1", tags=["drafts"])

NO_MATCH: dict[int | str, dict[str, Any]] = {
    404: error_doc(404, "No aim, owner or status matches (`no_match`, with `suggestions`)")
}


@router.post(
    "/drafts",
    response_model=DraftResult,
    responses={
        **ERROR_RESPONSES,
        **NO_MATCH,
        409: error_doc(409, "Nothing ingested yet (`empty_index`)"),
    },
    summary="Draft a cited progress update",
)
def draft(body: DraftRequest, assistant: AssistantDep, caller: CallerDep) -> DraftResult:
    """Select actions by aim / owner / status (fuzzy, combined with AND) and draft an update
    whose every line cites its action-log row. `format` picks what `markdown`/`blocks` hold."""
    return assistant.draft(body)


@router.get(
    "/actions",
    response_model=ActionList,
    responses={**ERROR_RESPONSES, **NO_MATCH},
    summary="List action records (for pickers and checks)",
)
def actions(
    assistant: AssistantDep,
    caller: CallerDep,
    aim: Annotated[str | None, Query(max_length=200, description="'aim 5' …")] = None,
    owner: Annotated[str | None, Query(max_length=200, description="'Maya' …")] = None,
    status: Annotated[
        str | None, Query(max_length=100, description="done, on track, stalled …")
    ] = None,
) -> ActionList:
    """Action records with their status class; the facets fill the draft panel's pickers."""
    records = assistant.actions(aim or None, owner or None, status or None)
    facets = Facets(
        aims=assistant.aims(),
        owners=assistant.owners(),
        statuses=[c.value for c in StatusClass],
    )
    return ActionList(count=len(records), actions=records, facets=facets)
