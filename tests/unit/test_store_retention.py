"""Questions, answers and feedback are deleted after ``retention_days``; 0 keeps them."""

from __future__ import annotations

import time
from pathlib import Path

from ingest.store.sqlite import SqliteStore

DAY = 86400.0


def _age(store: SqliteStore, days: float) -> None:
    """Make everything recorded so far ``days`` old."""
    then = time.time() - days * DAY
    store.query("UPDATE answers SET created_at = ?", (then,))
    store.query("UPDATE feedback SET created_at = ?", (then,))


def test_conversations_older_than_the_retention_are_deleted(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3", retention_days=30)
    store.add_answer("old", "Who leads it?", "Priya [1]", False, "extractive")
    store.add_feedback("old", "down", "wrong person", "Who leads it?", "Priya [1]", "web")
    _age(store, 31)
    store._last_purge = 0.0  # the hourly check is due
    store.add_answer("new", "When is it due?", "March [1]", False, "extractive")
    assert store.answer("old") is None
    assert store.feedback() == []
    assert store.answer("new") is not None


def test_recent_conversations_and_a_zero_retention_keep_everything(tmp_path: Path) -> None:
    keep_forever = SqliteStore(tmp_path / "forever.sqlite3", retention_days=0)
    keep_forever.add_answer("a", "q", "a", False, "extractive")
    _age(keep_forever, 3650)
    keep_forever.add_answer("b", "q", "a", False, "extractive")
    assert keep_forever.answer("a") is not None

    monthly = SqliteStore(tmp_path / "monthly.sqlite3", retention_days=30)
    monthly.add_answer("a", "q", "a", False, "extractive")
    _age(monthly, 29)
    assert monthly.purge_conversations(time.time() - 30 * DAY) == 0
    assert monthly.answer("a") is not None
