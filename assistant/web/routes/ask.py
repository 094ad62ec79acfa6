"""``POST /v1/ask``: one cited answer as JSON, or streamed as Server-Sent Events.

The stream sends ``delta`` events (``{"text": …}``) as the answer is produced and ends with
one ``answer`` event carrying the whole :class:`Answer` (citations included), whose text is
authoritative. A failure after the stream has started arrives as an ``error`` event in the
usual error shape, since the status line has already been sent.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from assistant.schemas import Answer
from assistant.service import Assistant
from assistant.web.deps import AssistantDep, MetricsDep
from assistant.web.errors import ERROR_RESPONSES, error_doc
from assistant.web.limits import check_ask_limits
from assistant.web.metrics import Metrics
from assistant.web.models import AskBody
from assistant.web.security import CallerDep

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["answers"])

SSE_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer; with `?stream=true` or `Accept: text/event-stream`, "
        "`delta` events then one `answer` event",
        "content": {
            "text/event-stream": {
                # before OpenAPI 3.2, `schema` of an event stream describes each event
                "schema": {
                    "type": "object",
                    "required": ["event", "data"],
                    "properties": {
                        "event": {"type": "string", "enum": ["delta", "answer", "error"]},
                        "data": {
                            "type": "string",
                            "contentMediaType": "application/json",
                            "description": "delta: {text}; answer: the Answer; error: "
                            "{error: {code, message}}",
                        },
                    },
                }
            }
        },
    },
}


def sse(event: str, data: Any) -> str:
    """One Server-Sent Event; JSON keeps newlines out of the data line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _events(assistant: Assistant, body: AskBody, question: str, metrics: Metrics) -> Iterator[str]:
    try:
        for item in assistant.stream(question, body.history, body.filters):
            if isinstance(item, Answer):
                metrics.record_answer(item.abstained, item.model)
                yield sse("answer", item.model_dump(mode="json"))
            else:
                yield sse("delta", {"text": item})
    except Exception:
        log.exception("answer stream failed")
        yield sse(
            "error",
            {"error": {"code": "internal_error", "message": "The answer could not be finished."}},
        )


def wants_stream(request: Request, stream: bool) -> bool:
    return stream or "text/event-stream" in request.headers.get("accept", "")


@router.post(
    "/ask",
    response_model=Answer,
    responses={
        **ERROR_RESPONSES,
        409: error_doc(409, "Nothing indexed yet (`empty_index`)"),
        **SSE_DOC,
    },
    summary="Answer a question with citations",
)
def ask(
    body: AskBody,
    request: Request,
    assistant: AssistantDep,
    metrics: MetricsDep,
    caller: CallerDep,
    stream: Annotated[
        bool, Query(description="Stream Server-Sent Events instead of one JSON answer")
    ] = False,
) -> Answer | Response:
    """Retrieve evidence and answer from it, or abstain; every `[n]` names a citation.

    The question, each history turn, the number of turns and `filters.owner`/`aim` are
    bounded by the server's settings (422 names the field and its limit)."""
    check_ask_limits(body, assistant.settings)
    if wants_stream(request, stream):
        question = assistant.check_question(body.question)  # 422 before the stream starts
        return StreamingResponse(
            _events(assistant, body, question, metrics),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    answer = assistant.ask(body.question, body.history, body.filters)
    metrics.record_answer(answer.abstained, answer.model)
    return answer
