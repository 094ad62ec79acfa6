"""Bearer API keys, admin keys and a per-key rate limit, as FastAPI dependencies.

With no keys configured the service is meant for one person on one machine: it answers only
loopback clients (``assistant serve`` also binds 127.0.0.1 in that case), so forgetting to set
keys can never expose the index to a network.

The client address is the TCP peer's: ``X-Forwarded-For`` counts only when that peer is one
of ``ASSISTANT_TRUSTED_PROXIES`` (see :func:`assistant.web.app.create_app`), so a client
cannot pick its own rate-limit bucket. Wrong keys are limited per client address
(``ASSISTANT_AUTH_FAILURES_PER_MINUTE``), checked before any key is compared.

Both limiters are built by :func:`assistant.coordination.build_rate_limiter` (in
:func:`~assistant.web.app.create_app`): in memory for one process, shared by every process
(SQLite state file, PostgreSQL or Redis) when there are several, so the limits hold for the
whole service rather than per process.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.coordination import RateLimiter
from assistant.settings import Settings
from assistant.web.errors import ApiError

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost", "testclient"})
bearer = HTTPBearer(auto_error=False, description="An API key from ASSISTANT_API_KEYS")


@dataclass(frozen=True)
class Caller:
    """Who is calling: the rate-limit bucket and whether admin routes are allowed."""

    identity: str
    admin: bool


def _fingerprint(key: str) -> str:
    """Rate-limit buckets and logs name a key by hash, never by the key itself."""
    return "key:" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _matches(candidate: str, keys: list[str]) -> bool:
    # compare against every key, so timing does not reveal which prefix matched
    found = False
    for key in keys:
        found |= hmac.compare_digest(candidate.encode(), key.encode())
    return found


def auth_enabled(settings: Settings) -> bool:
    return bool(settings.api_keys or settings.admin_keys)


def client_host(request: Request) -> str:
    """The client's address: the TCP peer, or what a trusted proxy forwarded (app.py)."""
    return request.client.host if request.client else "unknown"


def _too_many(wait: float, message: str) -> ApiError:
    retry = max(1, math.ceil(wait))
    return ApiError(429, f"{message} Try again in {retry} s.", headers={"Retry-After": str(retry)})


def _key_caller(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """The caller a bearer key names; wrong keys count against the client's address."""
    settings: Settings = request.app.state.settings
    failures: RateLimiter = request.app.state.auth_failures
    address = f"ip:{client_host(request)}"
    blocked = failures.wait(address)
    if blocked > 0:  # before comparing anything: guessing keys costs time, not just a 401
        raise _too_many(
            blocked,
            f"Too many wrong API keys from this address: the limit is "
            f"{settings.auth_failures_per_minute} per minute.",
        )
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            "Send an API key as 'Authorization: Bearer <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    key = credentials.credentials
    is_admin = _matches(key, settings.admin_keys)
    if not is_admin and not _matches(key, settings.api_keys):
        failures.take(address)
        raise ApiError(401, "That API key is not valid.", headers={"WWW-Authenticate": "Bearer"})
    return Caller(identity=_fingerprint(key), admin=is_admin)


def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """Authenticate (bearer key) and rate-limit one ``/v1`` request."""
    settings: Settings = request.app.state.settings
    if auth_enabled(settings):
        caller = _key_caller(request, credentials)
    else:
        client = client_host(request)
        if client not in LOOPBACK:
            raise ApiError(
                403,
                "No API keys are configured, so only this machine may call the API. "
                "Set ASSISTANT_API_KEYS to serve other clients.",
            )
        caller = Caller(identity=f"ip:{client}", admin=True)
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(caller.identity)
    if wait > 0:
        raise _too_many(
            wait, f"Too many requests: the limit is {settings.rate_limit_per_minute} per minute."
        )
    request.state.caller = caller
    return caller


def admin_caller(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    """Admin routes (ingest) need a key from ASSISTANT_ADMIN_KEYS."""
    if not caller.admin:
        raise ApiError(403, "This needs an admin key (ASSISTANT_ADMIN_KEYS).")
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]
AdminDep = Annotated[Caller, Depends(admin_caller)]
