"""Slack's request signature, checked on the raw bytes before anything is parsed.

Slack signs every HTTP request with ``X-Slack-Signature: v0=<hex HMAC-SHA256>`` over
``v0:{X-Slack-Request-Timestamp}:{raw body}``, keyed with the app's signing secret
(https://api.slack.com/authentication/verifying-requests-from-slack). A request older or
newer than five minutes is refused so a captured one cannot be replayed later.

slack_sdk's ``SignatureVerifier`` is not used: it raises on a non-numeric timestamp and
decodes the body as UTF-8 first, so junk would reach an exception before it reached a 401.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

MAX_AGE_S = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class SignatureError(Exception):
    """Why a request is not Slack's: a short sentence, safe to show and to log."""


def check_signature(
    secret: str,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    now: float | None = None,
) -> None:
    """Return if ``signature`` is Slack's for ``body`` at ``timestamp``; else raise
    :class:`SignatureError`. Header formats are checked before any arithmetic, and the digest
    is compared in constant time."""
    if not timestamp or not signature:
        raise SignatureError("The request is not signed (X-Slack-Signature).")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise SignatureError("X-Slack-Request-Timestamp is not a Unix time.")
    if not _SIGNATURE.fullmatch(signature):
        raise SignatureError("X-Slack-Signature is not a v0 signature.")
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > MAX_AGE_S:
        raise SignatureError("The request timestamp is more than five minutes away.")
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise SignatureError("The request signature does not match.")
