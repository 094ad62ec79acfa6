"""Draft checks: each must-include action present, each must-exclude action absent, and every
``[row N]`` citation naming a row of a selected record that exists in the ingested log."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.metrics.retrieval import normalise

ROW_MARKER = re.compile(r"\[row (\d+)\]", re.IGNORECASE)


def action_present(action: str, actions: Sequence[str]) -> bool:
    needle = normalise(action)
    return any(needle in normalise(a) for a in actions)


def include_exclude(
    actions: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> tuple[list[str], list[str]]:
    """(must-include actions missing from the draft, must-exclude actions present in it)."""
    missing = [a for a in include if not action_present(a, actions)]
    leaked = [a for a in exclude if action_present(a, actions)]
    return missing, leaked


def draft_citations_valid(
    markdown: str, draft_rows: set[int], draft_ids: set[str], known_ids: set[str]
) -> bool:
    """Every ``[row N]`` in the draft is the row of a selected record, and every selected
    record exists in the ingested log (no invented rows)."""
    rows = {int(n) for n in ROW_MARKER.findall(markdown)}
    return rows <= draft_rows and draft_ids <= known_ids
