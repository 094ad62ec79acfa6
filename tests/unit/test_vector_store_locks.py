"""A write to Chroma's store that meets SQLite's lock is tried again, a bounded number of
times; any other error is not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ingest.store import vectors


class _Locked(Exception):
    pass


def _write_failing(times: int, message: str, calls: list[int]) -> Callable[[], None]:
    def write() -> None:
        calls.append(1)
        if len(calls) <= times:
            raise _Locked(message)

    return write


def test_a_locked_store_is_written_once_it_frees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "LOCK_BACKOFF_SECONDS", 0.0)
    calls: list[int] = []
    vectors._while_locked(_write_failing(2, "Database error: database is locked", calls))
    assert len(calls) == 3


def test_a_store_locked_throughout_raises_after_the_last_try(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vectors, "LOCK_BACKOFF_SECONDS", 0.0)
    calls: list[int] = []
    with pytest.raises(_Locked):
        vectors._while_locked(_write_failing(99, "database is locked", calls))
    assert len(calls) == vectors.LOCK_RETRIES


def test_another_error_is_raised_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "LOCK_BACKOFF_SECONDS", 0.0)
    calls: list[int] = []
    with pytest.raises(_Locked):
        vectors._while_locked(_write_failing(1, "no such collection", calls))
    assert len(calls) == 1
