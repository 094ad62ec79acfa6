"""The development answers as reviewed: every development question keeps the route that
answered it, the sources it cited and whether it abstained (evals/snapshots/development.json).
A change shows the cases that moved; after reviewing them, `make snapshot` rewrites the file."""

from __future__ import annotations

import json

import pytest

from assistant.service import Assistant
from evals.snapshot import SNAPSHOT, differences, take_snapshot

pytestmark = pytest.mark.integration


def test_development_answers_match_the_reviewed_snapshot(assistant: Assistant) -> None:
    reviewed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    moved = differences(reviewed, take_snapshot(assistant))
    assert not moved, "answers moved (review, then `make snapshot`):\n" + "\n".join(moved)


def test_the_comparison_names_each_case_that_moved() -> None:
    old = {"a": {"route": "list", "sources": ["x"], "abstained": False}, "b": {"route": "x"}}
    new = {"a": {"route": "sentences", "sources": ["x"], "abstained": False}, "c": {"route": "y"}}
    assert [line.split(":")[0] for line in differences(old, new)] == ["a", "b", "c"]
