"""Host and origin checks against DNS rebinding and cross-site requests, as ASGI middleware.

Without API keys the API trusts anyone who can reach 127.0.0.1, and so can any web page the
local user opens: a form POST from ``https://evil.example``, or a page whose own host name is
re-pointed ("rebound") at 127.0.0.1 so that its scripts count as same-origin. Two checks:

* **Host** (when no keys are set, or ``ASSISTANT_ALLOWED_HOSTS`` is): the ``Host`` header must
  be a loopback name (``localhost``, ``127.0.0.1``, ``[::1]``; any port), the host of
  ``ASSISTANT_PUBLIC_BASE_URL`` or one of ``ASSISTANT_ALLOWED_HOSTS`` (``*.example.org``
  matches sub-domains) → else 400 ``invalid_host``.
* **Origin** (always, on POST/PUT/PATCH/DELETE): a browser request from another origin is
  refused (403 ``cross_origin``). The origin is the ``Origin`` header or, without one, the
  ``Referer``'s; failing both, ``Sec-Fetch-Site: cross-site`` alone is refused. Allowed: the
  request's own origin (scheme + ``Host``), ``ASSISTANT_PUBLIC_BASE_URL``'s and
  ``ASSISTANT_CORS_ORIGINS``. Requests without any of these headers (curl, the CLI, Slack)
  are not a browser's and pass, as does the page, whose fetch calls are same-origin.
"""

from __future__ import annotations

import ipaddress
from typing import NamedTuple
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.settings import Settings
from assistant.web.errors import error_response

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class Origin(NamedTuple):
    scheme: str
    host: str
    port: int


def parse_origin(url: str) -> Origin | None:
    """``https://Example.org`` → ``Origin('https', 'example.org', 443)``; None if not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return Origin(parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme])


def host_name(host_header: str) -> str | None:
    """The name in a ``Host`` header without its port: ``[::1]:8000`` → ``::1``."""
    if any(c in host_header for c in "@/?#\\ "):
        return None  # no browser sends these; urlsplit would read past them
    try:
        parts = urlsplit("//" + host_header.strip())
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    return parts.hostname.lower() if parts.hostname else None


def is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class RequestGuard:
    """Refuses unexpected ``Host`` headers and cross-origin state-changing requests."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.check_host = not (settings.api_keys or settings.admin_keys) or bool(
            settings.allowed_hosts
        )
        base = parse_origin(settings.public_base_url) if settings.public_base_url else None
        self.hosts = {name for name in map(_pattern, settings.allowed_hosts) if name}
        if base is not None:
            self.hosts.add(base.host)
        self.origins = {o for o in map(parse_origin, settings.cors_origins) if o is not None}
        if base is not None:
            self.origins.add(base)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.check_host and not self._host_allowed(host):
            message = (
                f"This server does not answer to the Host {host[:100]!r}: use localhost or "
                "127.0.0.1, or add the name to ASSISTANT_ALLOWED_HOSTS (this guards against "
                "DNS rebinding)."
            )
            await error_response(400, "invalid_host", message)(scope, receive, send)
            return
        if scope["method"] in UNSAFE_METHODS:
            refused = self._cross_origin(headers, scope["scheme"], host)
            if refused is not None:
                message = (
                    f"Cross-origin request refused: {refused} is not this server's origin. "
                    "Call the API from its own page, or list the site in "
                    "ASSISTANT_CORS_ORIGINS."
                )
                await error_response(403, "cross_origin", message)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _host_allowed(self, host: str) -> bool:
        name = host_name(host)
        if name is None:
            return False
        if is_loopback(name) or name in self.hosts or "*" in self.hosts:
            return True
        return any(p.startswith("*.") and name.endswith(p[1:]) for p in self.hosts)

    def _cross_origin(self, headers: Headers, scheme: str, host: str) -> str | None:
        """What was refused, for the message; None when the request may pass."""
        origin_header = headers.get("origin")
        sent = origin_header or headers.get("referer")
        if sent is None:
            return "a cross-site page" if headers.get("sec-fetch-site") == "cross-site" else None
        origin = parse_origin(sent)
        if origin is not None and (
            origin in self.origins or origin == parse_origin(f"{scheme}://{host}")
        ):
            return None
        shown = repr(sent[:200])
        return shown if origin_header else f"{shown} (Referer)"


def _pattern(entry: str) -> str | None:
    """An ``ASSISTANT_ALLOWED_HOSTS`` entry without a port; ``*`` and ``*.x`` stay patterns."""
    entry = entry.strip().lower()
    return entry if entry.startswith("*") else host_name(entry)
