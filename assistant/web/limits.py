"""Request limits: the body size (ASGI middleware, 413) and the size of an ask's parts (422).

A declared ``Content-Length`` over the limit is refused before any byte is read; a chunked
body is counted as it arrives and refused the moment it crosses the limit, so an upload can
never fill memory or disk beyond ``max_body_bytes``.

The question, each history turn and the ``owner``/``aim`` filters are bounded by settings
(``ASSISTANT_MAX_QUESTION_CHARS``, ``_MAX_HISTORY_TURNS``, ``_MAX_HISTORY_CHARS``,
``_MAX_FILTER_CHARS``), so their limits cannot live in the static pydantic models: the route
checks them and raises the same ``RequestValidationError`` a model would, so the 422 reads
like every other one (``body.history[2].content: …``).
"""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.settings import Settings
from assistant.web.errors import error_response
from assistant.web.models import AskBody


class _TooLarge(HTTPException):
    """An HTTPException, so FastAPI's body parsing re-raises it instead of answering 400,
    and the app's error handler renders it as JSON."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message, headers={"Connection": "close"})


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return (
            f"The request body is larger than the limit of {self.max_bytes:,} bytes "
            "(ASSISTANT_MAX_BODY_BYTES)."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge(self._message())
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if started:  # pragma: no cover - a route that answers before reading its body
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413, "payload_too_large", self._message(), headers={"Connection": "close"}
        )
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_long(loc: tuple[str | int, ...], limit: int, size: int, unit: str, setting: str) -> Any:
    return {
        "type": "too_long",
        "loc": ("body", *loc),
        "msg": f"should have at most {limit} {unit} (ASSISTANT_{setting}), not {size}",
        "input": None,
        "ctx": {"max_length": limit},
    }


def check_ask_limits(body: AskBody, settings: Settings) -> None:
    """Refuse (422) a history or filter larger than the settings allow, before any work."""
    errors: list[Any] = []
    turns = len(body.history)
    if turns > settings.max_history_turns:
        limit = settings.max_history_turns
        errors.append(_too_long(("history",), limit, turns, "turns", "MAX_HISTORY_TURNS"))
    for index, turn in enumerate(body.history):
        if len(turn.content) > settings.max_history_chars:
            errors.append(
                _too_long(
                    ("history", index, "content"),
                    settings.max_history_chars,
                    len(turn.content),
                    "characters",
                    "MAX_HISTORY_CHARS",
                )
            )
    filters = body.filters
    for name in ("owner", "aim"):
        value = getattr(filters, name) if filters else None
        if value is not None and len(value) > settings.max_filter_chars:
            errors.append(
                _too_long(
                    ("filters", name),
                    settings.max_filter_chars,
                    len(value),
                    "characters",
                    "MAX_FILTER_CHARS",
                )
            )
    if errors:
        raise RequestValidationError(errors)
