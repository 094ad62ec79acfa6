"""An answer that matches more actions than a chat answer should list names the first
:data:`MAX_LISTED_ACTIONS`, each cited, and counts the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.extractive import MAX_LISTED_ACTIONS
from assistant.components import build_components
from assistant.service import Assistant
from ingest.embeddings import SentenceTransformerEmbeddings
from tests.conftest import settings_for

pytestmark = pytest.mark.integration

ROWS = MAX_LISTED_ACTIONS + 7


def _tracker() -> str:
    lines = ["Aim,Action,Owner,Status"]
    for i in range(ROWS):
        lines.append(f"Estates,Survey roof section {i + 1} of the depot,Facilities team,On hold")
    lines.append("Estates,Repaint the reception,Facilities team,On track")
    return "\n".join(lines) + "\n"


def test_a_long_match_lists_the_first_rows_and_counts_the_rest(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "trackers").mkdir(parents=True)
    (corpus / "trackers" / "estates-actions.csv").write_text(_tracker())
    components = build_components(settings_for(tmp_path / "data", corpus), shared_embeddings)
    assert not components.pipeline.run().failed
    answer = Assistant(components).ask("Which actions are on hold?")

    listed = [line for line in answer.answer.splitlines() if line.startswith("- **Survey")]
    assert len(listed) == MAX_LISTED_ACTIONS
    assert all(line.rstrip().endswith("]") for line in listed), "every listed row is cited"
    assert f"… and {ROWS - MAX_LISTED_ACTIONS} more actions, not listed here" in answer.answer
    assert answer.answer.startswith(f"{ROWS} actions in the log read as on hold")
    assert "Repaint" not in answer.answer
