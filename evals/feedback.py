"""Thumbs-down feedback (web and Slack) → draft eval cases for a person to complete.

Each case carries the question, the answer that was judged bad and the comment, with
``needs_review: true``; the loader skips such cases until someone fills in ``answerable``,
the facts and the gold, and deletes that flag. Feedback rows already exported (same feedback id
in the output file) are not written twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ingest.store.base import IndexStore

HEADER = (
    "# Draft eval cases from thumbs-down feedback (assistant eval --from-feedback).\n"
    "# For each case: set `answerable`, `required_facts`, `forbidden`, `gold_sources`,\n"
    "# `gold_spans` and `tags` from the corpus text, then delete `needs_review: true`.\n"
    "# Cases with `needs_review: true` are skipped by the runner.\n"
)


def feedback_cases(rows: list[dict[str, Any]], rating: str = "down") -> list[dict[str, Any]]:
    cases = []
    for row in rows:
        if row.get("rating") != rating or not (row.get("question") or "").strip():
            continue
        cases.append(
            {
                "id": f"fb-{row['id']}",
                "needs_review": True,
                "feedback_id": int(row["id"]),
                "question": str(row["question"]).strip(),
                "answerable": True,
                "required_facts": [],
                "forbidden": [],
                "gold_sources": [],
                "gold_spans": [],
                "tags": ["feedback", str(row.get("surface") or "unknown")],
                "feedback_comment": row.get("comment") or "",
                "previous_answer": row.get("answer") or "",
            }
        )
    return cases


def export_feedback(store: IndexStore, out: Path, rating: str = "down") -> int:
    """Append new draft cases to ``out`` (created with a header); returns how many were added."""
    existing: list[dict[str, Any]] = []
    if out.is_file():
        existing = yaml.safe_load(out.read_text(encoding="utf-8")) or []
    known = {c.get("feedback_id") for c in existing if isinstance(c, dict)}
    new = [c for c in feedback_cases(store.feedback(), rating) if c["feedback_id"] not in known]
    if not new and out.is_file():
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(existing + new, sort_keys=False, allow_unicode=True, width=100)
    out.write_text(HEADER + "\n" + body, encoding="utf-8")
    return len(new)
