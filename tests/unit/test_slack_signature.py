"""Slack's v0 request signature, checked on raw bytes (bots.slack.signature)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bots.slack.signature import MAX_AGE_S, SignatureError, check_signature

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = 1_700_000_000.0


def signed(body: bytes, timestamp: str = str(int(NOW)), secret: str = SECRET) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@pytest.mark.parametrize("body", [b"", b"token=x&command=%2Fask", b"\xff\xfe not utf-8"])
def test_slacks_signature_is_accepted(body: bytes) -> None:
    check_signature(SECRET, body, str(int(NOW)), signed(body), now=NOW)


def test_the_edges_of_the_five_minute_window() -> None:
    body = b"{}"
    for offset in (-MAX_AGE_S, MAX_AGE_S):
        timestamp = str(int(NOW) + offset)
        check_signature(SECRET, body, timestamp, signed(body, timestamp), now=NOW)
    for offset in (-MAX_AGE_S - 1, MAX_AGE_S + 1):
        timestamp = str(int(NOW) + offset)
        with pytest.raises(SignatureError, match="five minutes"):
            check_signature(SECRET, body, timestamp, signed(body, timestamp), now=NOW)


@pytest.mark.parametrize(
    ("timestamp", "signature", "reason"),
    [
        (None, signed(b"{}"), "not signed"),
        (str(int(NOW)), None, "not signed"),
        ("abc", signed(b"{}", "abc"), "not a Unix time"),
        ("１７００００００００", signed(b"{}", "１７００００００００"), "not a Unix time"),
        (" 1700000000", signed(b"{}", " 1700000000"), "not a Unix time"),
        (str(int(NOW)), "v0=" + "A" * 64, "not a v0 signature"),
        (str(int(NOW)), signed(b"{}") + "0", "not a v0 signature"),
        (str(int(NOW)), signed(b"{ }"), "does not match"),
        (str(int(NOW)), signed(b"{}", secret="other"), "does not match"),
    ],
)
def test_anything_else_is_refused_with_a_reason(
    timestamp: str | None, signature: str | None, reason: str
) -> None:
    with pytest.raises(SignatureError, match=reason):
        check_signature(SECRET, b"{}", timestamp, signature, now=NOW)
