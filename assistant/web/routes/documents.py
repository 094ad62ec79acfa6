"""``GET /v1/documents``: what is indexed (the page's document list)."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.web.deps import AssistantDep
from assistant.web.errors import ERROR_RESPONSES
from assistant.web.models import DocumentList, DocumentOut
from assistant.web.security import CallerDep

router = APIRouter(prefix="/v1", tags=["documents"])


@router.get(
    "/documents",
    response_model=DocumentList,
    responses=ERROR_RESPONSES,
    summary="List indexed documents",
)
def documents(assistant: AssistantDep, caller: CallerDep) -> DocumentList:
    """Source, title, kind, chunks, when ingested and the content hash, per document."""
    rows = [DocumentOut.from_row(row) for row in assistant.documents()]
    return DocumentList(count=len(rows), documents=rows)
