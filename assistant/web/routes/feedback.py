"""``POST /v1/feedback``: thumbs up/down on an answer, stored with its question for evals."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.web.deps import AssistantDep, MetricsDep
from assistant.web.errors import ERROR_RESPONSES, ApiError, error_doc
from assistant.web.models import FeedbackBody, FeedbackStored
from assistant.web.security import CallerDep

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackStored,
    responses={**ERROR_RESPONSES, 404: error_doc(404, "No such answer (`unknown_answer`)")},
    summary="Rate an answer",
)
def feedback(
    body: FeedbackBody, assistant: AssistantDep, metrics: MetricsDep, caller: CallerDep
) -> FeedbackStored:
    """Stored in SQLite under the data dir together with the question and answer, so the
    evals can export rated answers as cases. Only answers this index gave can be rated."""
    if assistant.components.store.answer(body.answer_id) is None:
        raise ApiError(
            404,
            f"No answer with id {body.answer_id!r}: rate an answer returned by /v1/ask.",
            code="unknown_answer",
        )
    stored = assistant.feedback(body.answer_id, body.rating, body.comment, surface="web")
    metrics.feedback.labels(body.rating).inc()
    return FeedbackStored(id=stored, answer_id=body.answer_id, rating=body.rating)
