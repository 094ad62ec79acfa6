"""One error shape for every failure: ``{"error": {"code", "message"}}``.

Domain code raises its own exceptions with user-worthy messages (``QuestionError``,
``NoMatchError``, ``EmptyIndexError``); this module is the only place that turns them, and
framework errors (404, 405, 422, 413 …), into HTTP status codes. A 500 never carries a
traceback: the client gets a reference it can quote, the log gets the details.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.drafts import EmptyIndexError, NoMatchError
from assistant.service import QuestionError

log = logging.getLogger(__name__)

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "not_ready",
}


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, machine-readable: 'unauthorized', 'no_match' …")
    message: str = Field(description="What went wrong and how to fix it, for a person")
    suggestions: list[str] | None = Field(None, description="Closest valid names (no_match)")
    fields: list[dict[str, Any]] | None = Field(None, description="Per-field problems (422)")


class ErrorResponse(BaseModel):
    """The body of every non-2xx response."""

    error: ErrorDetail


class ApiError(Exception):
    """Raised by routes and middleware for an error response with a chosen code."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        suggestions: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers
        self.suggestions = suggestions


def error_response(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    detail = ErrorDetail(code=code, message=message, **extra)
    body = {"error": detail.model_dump(exclude_none=True)}
    return JSONResponse(body, status_code=status, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """``('body', 'history', 0, 'role')`` → ``body.history[0].role``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def readable_validation_message(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """One sentence per problem, e.g. ``body.question: Field required``."""
    fields: list[dict[str, Any]] = []
    parts: list[str] = []
    for error in errors:
        where = _location(error.get("loc", ()))
        kind = str(error.get("type", ""))
        if kind == "json_invalid":
            ctx = error.get("ctx") or {}
            reason = str(ctx.get("error", "could not be parsed"))
            loc = list(error.get("loc", ()))
            if loc and isinstance(loc[-1], int):
                reason += f" at character {loc[-1]}"
                where = "body"
            message = f"The request body is not valid JSON ({reason})."
        elif kind == "missing" and where == "body":
            message = "The request needs a JSON body."
        else:
            message = f"{where}: {error.get('msg', 'invalid value')}"
        parts.append(message)
        fields.append({"location": where, "message": str(error.get("msg", "")), "type": kind})
    return "; ".join(parts[:5]) or "The request is invalid.", fields


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers so no response leaves the app in any other shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(
            exc.status, exc.code, exc.message, exc.headers, suggestions=exc.suggestions
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"There is no {request.url.path} here; see /docs for the API."
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}."
        else:
            message = str(exc.detail)
        return error_response(exc.status_code, code, message, dict(exc.headers or {}) or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, fields = readable_validation_message(list(exc.errors()))
        return error_response(422, "invalid_request", message, fields=fields)

    @app.exception_handler(QuestionError)
    async def _bad_question(request: Request, exc: QuestionError) -> JSONResponse:
        return error_response(422, "invalid_question", str(exc))

    @app.exception_handler(NoMatchError)
    async def _no_match(request: Request, exc: NoMatchError) -> JSONResponse:
        return error_response(404, "no_match", str(exc), suggestions=exc.suggestions)

    @app.exception_handler(EmptyIndexError)
    async def _empty(request: Request, exc: EmptyIndexError) -> JSONResponse:
        return error_response(409, "empty_index", str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        reference = uuid.uuid4().hex[:12]
        log.error(
            "unhandled error %s on %s %s", reference, request.method, request.url.path, exc_info=exc
        )
        return error_response(
            500,
            "internal_error",
            f"Something went wrong on our side. Quote reference {reference} when reporting it.",
        )


_DESCRIBED: dict[int, str] = {
    400: "Bad request: a Host this server does not answer to (`invalid_host`) or a malformed "
    "body (`bad_request`)",
    401: "No API key, or a wrong one (`unauthorized`)",
    403: "Not allowed: an admin key is needed, a browser request from another origin "
    "(`cross_origin`), or another machine while no keys are set (`forbidden`)",
    413: "The body is larger than ASSISTANT_MAX_BODY_BYTES (`payload_too_large`)",
    422: "Invalid request: the message names each field and its limit (`invalid_request`)",
    429: "Too many requests, or too many wrong API keys, from this caller (`rate_limited`)",
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


def error_doc(status: int, description: str | None = None) -> dict[str, Any]:
    """One OpenAPI ``responses`` entry in the error shape."""
    doc: dict[str, Any] = {
        "model": ErrorResponse,
        "description": description or _DESCRIBED.get(status, CODES[status].replace("_", " ")),
    }
    if status == 429:
        doc["headers"] = _RETRY_AFTER
    return doc


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: error_doc(status) for status in _DESCRIBED
}
"""Documented on every ``/v1`` route so the OpenAPI schema says what errors look like."""

HOST_RESPONSES: dict[int | str, dict[str, Any]] = {400: error_doc(400)}
"""For routes outside ``/v1`` (no key, no body): only the Host check can refuse them."""
