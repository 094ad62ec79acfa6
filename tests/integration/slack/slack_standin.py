"""A local stand-in for the Slack Web API (and for ``response_url``), as bolt-python tests
itself: a real HTTP server on 127.0.0.1 that implements the methods the bot calls, keeps the
messages it was sent (so ``conversations.replies`` returns a real thread), records every call,
and can answer 429 on demand."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0TEAM001"
INVALID_TOKEN = "xoxb-invalid"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str = ""
    at: float = field(default_factory=time.monotonic)


class SlackStandIn:
    """Start with :meth:`start`; ``api_url`` goes into ``ASSISTANT_SLACK_API_URL``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.failures: dict[str, list[int]] = {}
        self._cond = threading.Condition()
        self._clock = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.api_url = f"{self.url}/api/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle and test controls -----------------------------------------------------
    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self.messages.clear()
            self.failures.clear()

    def next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._clock)}.000100"

    def fail_next(self, method: str, status: int = 429, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` get ``status`` (429 with ``Retry-After: 0``)."""
        with self._cond:
            self.failures.setdefault(method, []).extend([status] * times)

    def add_user_message(
        self, channel: str, text: str, user: str = "UHUMAN01", thread_ts: str | None = None
    ) -> dict[str, Any]:
        """A person's message, as Slack would store it (so thread history can include it)."""
        ts = self.next_ts()
        message = {"type": "message", "user": user, "text": text, "ts": ts, "team": TEAM_ID}
        if thread_ts:
            message["thread_ts"] = thread_ts
        with self._cond:
            self.messages.setdefault(channel, []).append(message)
        return message

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    # --- reading what the bot did ----------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self, predicate: Callable[[list[Call]], bool], timeout: float = 30.0
    ) -> list[Call]:
        """Block until ``predicate(calls)`` holds (lazy listeners run in threads), or fail."""
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(list(self.calls)), timeout):
                seen = [(c.method, str(c.args)[:200]) for c in self.calls]
                raise AssertionError(f"timed out after {timeout}s; calls so far: {seen}")
            return list(self.calls)

    def wait_calls(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Call]:
        self.wait_for(lambda calls: sum(c.method == method for c in calls) >= count, timeout)
        return self.calls_to(method)

    # --- the Web API ---------------------------------------------------------------------
    def _record(self, method: str, args: dict[str, Any], token: str) -> tuple[int, Any]:
        with self._cond:
            self.calls.append(Call(method, args, token))
            queued = self.failures.get(method)
            status = queued.pop(0) if queued else 200
            result = self._reply(method, args, token) if status == 200 else {"ok": False}
            self._cond.notify_all()
        return status, result

    def _reply(self, method: str, args: dict[str, Any], token: str) -> dict[str, Any]:
        if method == "response_url":
            return {"ok": True}
        if token == INVALID_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        channel = str(args.get("channel", ""))
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://test.slack.com/",
                "team": "Test",
                "user": "assistant",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "chat.postMessage":
            if channel.startswith("CNOTIN"):
                return {"ok": False, "error": "not_in_channel"}
            ts = self.next_ts()
            message = {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "text": args.get("text", ""),
                "blocks": args.get("blocks", []),
                "ts": ts,
            }
            if args.get("thread_ts"):
                message["thread_ts"] = args["thread_ts"]
            self.messages.setdefault(channel, []).append(message)
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "chat.update":
            for message in self.messages.get(channel, []):
                if message["ts"] == args.get("ts"):
                    message.update(text=args.get("text", ""), blocks=args.get("blocks", []))
                    return {"ok": True, "channel": channel, "ts": message["ts"]}
            return {"ok": False, "error": "message_not_found"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.next_ts()}
        if method == "reactions.add":
            return {"ok": True}
        if method == "conversations.replies":
            root = args.get("ts")
            thread = [
                m
                for m in self.messages.get(channel, [])
                if m["ts"] == root or m.get("thread_ts") == root
            ]
            return {"ok": True, "messages": thread, "has_more": False}
        if method == "views.open":
            return {"ok": True, "view": {"id": "VFEEDBACK1", **(args.get("view") or {})}}
        if method == "apps.connections.open":
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": False, "error": "unknown_method"}


def _handler(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _args(self) -> dict[str, Any]:
            query = dict(parse_qsl(urlsplit(self.path).query))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            if not raw:
                return query
            if "json" in (self.headers.get("Content-Type") or ""):
                return {**query, **json.loads(raw)}
            form: dict[str, Any] = dict(parse_qsl(raw))
            for key in ("blocks", "view"):
                if isinstance(form.get(key), str):
                    form[key] = json.loads(form[key])
            return {**query, **form}

        def _handle(self) -> None:
            path = urlsplit(self.path).path
            if path.startswith("/response/"):
                method = "response_url"
            elif path.startswith("/api/"):
                method = path.removeprefix("/api/")
            else:
                self.send_error(404)
                return
            args = self._args()
            if method == "response_url":
                args["_url"] = path
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            token = token or str(args.get("token", ""))
            status, result = standin._record(method, args, token)
            body = json.dumps(result).encode()
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "0")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _handle
        do_POST = _handle

    return Handler


def find_button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    """The button with ``action_id`` in a message's blocks (fails the test if absent)."""
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} button in {json.dumps(blocks)[:500]}")
