"""Tracker column names, one rule table for every reader: CSV/XLSX trackers and text logs.

Each header is matched against :data:`COLUMN_RULES`, one row per field with the phrases
trackers use and examples; a header matches a phrase when it holds all of the phrase's words
(``Lead officer`` holds ``lead``; ``Status / update`` holds ``status``). Rules are tried in
table order, so ``Last updated`` is ``updated`` before ``update`` can make it a status, and
``Action ID`` is a ref before ``action`` can make it the action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["COLUMN_RULES", "ColumnRule", "column_field"]

_HEADER_WORD = re.compile(r"[a-z0-9]+|#")


@dataclass(frozen=True)
class ColumnRule:
    """The field a header names when it holds all the words of one of ``phrases``."""

    field: str
    phrases: tuple[str, ...]
    """Matched when the header holds all of a phrase's words."""
    whole: tuple[str, ...]
    """Matched only as the whole header: a short word that inside a longer header means
    something else ("Who" is the owner; "What happens next" is not the action)."""
    examples: tuple[str, ...]
    """Headers seen in real trackers that this rule maps (checked by a test)."""


COLUMN_RULES: tuple[ColumnRule, ...] = (
    ColumnRule("ref", ("action id", "action ref", "action no", "ref", "reference", "item no"),
               ("id", "#", "no", "number"),
               ("Ref", "ID", "#", "Action ID", "No.", "Item no")),
    ColumnRule("updated", ("last updated", "last reviewed", "date updated", "updated on",
                           "last update date", "date of update", "reviewed on"),
               ("updated", "reviewed"),
               ("Last updated", "Last reviewed", "Date updated")),
    ColumnRule("rag", ("rag", "rag status", "rag rating", "red amber green"), ("rating", "r a g"),
               ("RAG", "RAG status", "RAG rating", "R/A/G")),
    ColumnRule("status", ("status", "status comments", "progress", "update", "updates",
                          "commentary", "comments", "comment", "progress notes"),
               ("position",),
               ("Status", "Status / update", "Progress update", "Update (Mar 26)",
                "Progress notes", "Comments")),
    ColumnRule("owner", ("owner", "owners", "lead", "leads", "lead officer", "responsible",
                         "responsibility", "assigned to", "assignee", "accountable",
                         "by whom", "action by"),
               ("who", "officer", "person"),
               ("Owner(s)", "Lead(s)", "Lead officer", "Responsible", "Who", "Assigned to")),
    ColumnRule("due", ("due", "due date", "deadline", "target date", "by when", "completion date",
                       "end date", "target completion", "timescale", "timeframe", "date due"),
               ("when",),
               ("Due", "Due date", "Target date", "Deadline", "By when")),
    ColumnRule("action", ("action", "actions", "key action", "task", "tasks", "activity",
                          "activities", "milestone", "deliverable", "deliverables",
                          "description", "initiative", "commitment"),
               ("what", "step", "item description"),
               ("Action", "Task", "Milestone / action", "What", "Key actions")),
    ColumnRule("aim", ("aim", "strategic aim", "objective", "workstream", "theme", "programme",
                       "program", "priority", "goal", "section", "strand", "pillar"),
               ("area",),
               ("Aim", "Strategic aim", "Workstream", "Programme", "Area", "Goal")),
    ColumnRule("notes", ("notes", "note", "remarks", "narrative"), (),
               ("Notes", "Remarks")),
)  # fmt: skip
"""Ordered: a header takes the field of the first rule with a phrase whose words it holds."""


def column_words(field: str) -> frozenset[str]:
    """The one-word names a header for ``field`` goes by ("aim" → aim, workstream, theme,
    area …), for questions that ask for a column's values by its name."""
    rule = next(rule for rule in COLUMN_RULES if rule.field == field)
    return frozenset(w for w in (*rule.phrases, *rule.whole) if re.fullmatch(r"[a-z]+", w))


_PHRASES: tuple[tuple[str, frozenset[str], int, bool], ...] = tuple(
    (rule.field, frozenset(_HEADER_WORD.findall(phrase)), rank, whole)
    for rule in COLUMN_RULES
    for rank, (phrase, whole) in enumerate(
        [(p, False) for p in rule.phrases] + [(p, True) for p in rule.whole]
    )
)


def _header_words(header: str) -> frozenset[str]:
    """``Lead(s)`` → {lead, s}; ``Status / Comments`` → {status, comments}."""
    words = _HEADER_WORD.findall(header.casefold())
    return frozenset(words) | {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}


def column_field(header: str) -> tuple[str, int] | None:
    """(field, rank of the phrase) a header names, or None; the first rule that matches wins.

    A header of more than six words is a sentence, not a column name.
    """
    words = _header_words(header)
    if not words or len(words) > 8:
        return None
    exact = frozenset(_HEADER_WORD.findall(header.casefold()))
    for fieldname, phrase, rank, whole in _PHRASES:
        if phrase and (phrase == exact if whole else phrase <= words):
            return fieldname, rank
    return None
