""" "What's the volunteer expenses budget for 2026/27?" asked of a plan whose budget table has
only a 2025/26 column: the row is named, the year is not in its table, so the documents do
not say — not the whole organisation's 2026/27 budget from the minutes, which names no
volunteer expenses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embeddings import SentenceTransformerEmbeddings
from tests.conftest import assistant_over

pytestmark = pytest.mark.integration

PLAN = """# Volunteer plan 2025-2028

## 6. Budget

The volunteer programme budget for 2025/26 is set out below.

| Item | 2025/26 £ |
|---|---|
| Volunteer coordinator salary | 38,000 |
| Volunteer expenses | 9,000 |
| Training and first aid | 6,500 |
| Total | 53,500 |
"""
MINUTES = """Board of Trustees — minutes of the meeting held on 23 April 2026

5. Budget 2026/27

DECISION: The Board approved the 2026/27 budget of £1,510,000, with a planned deficit of £35,000.
"""


def test_a_named_row_in_a_year_its_table_lacks_is_not_answered_from_another_document(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    files = {"community/volunteer-plan.md": PLAN, "board/2026-04-23-minutes.txt": MINUTES}
    assistant = assistant_over(tmp_path, files, shared_embeddings)
    other_year = assistant.ask("What's the volunteer expenses budget for 2026/27?")
    assert other_year.abstained, other_year.answer
    assert "1,510,000" not in other_year.answer
    this_year = assistant.ask("What's the volunteer expenses budget for 2025/26?")
    assert not this_year.abstained and "9,000" in this_year.answer, this_year.answer
    # the whole budget of that year is another document's to give
    whole = assistant.ask("What budget did the Board approve for 2026/27?")
    assert "1,510,000" in whole.answer, whole.answer
