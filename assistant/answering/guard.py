"""Questions arrive with instructions mixed in ("ignore previous instructions and …").

Those clauses are data, not commands: they are removed from the text used to retrieve and
match evidence, so they can neither steer retrieval nor dilute the real question. The answerers
never echo question text, so an injected claim ("the owner is Bob") cannot reach an answer.
"""

from __future__ import annotations

import re

_CLAUSE = re.compile(
    r"(?<=[.?!;:])\s+|\s+(?=\b(?:also|and then|then)\b\s+"
    r"(?:ignore|disregard|forget|say|reply|pretend|print|tell)\b)",
    re.I,
)
INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|rule|prompt|above|previous|"
    r"everything)|\b(reply|respond|answer) (?:only )?with\b|\bsay (?:that )?the\b|"
    r"\byou are now\b|\bdeveloper mode\b|\bpretend\b|\bsystem (?:notice|prompt|message)\b|"
    r"\bprint (?:your|the) (?:system )?prompt\b|\bact as\b",
    re.I,
)


def split_instructions(question: str) -> tuple[str, list[str]]:
    """(the question without instruction-like clauses, the clauses removed).

    If every clause looks like an instruction the question is returned unchanged, so that
    checks downstream (abstention) still see it.
    """
    clauses = [c.strip() for c in _CLAUSE.split(question) if c and c.strip()]
    kept = [c for c in clauses if not INSTRUCTION.search(c)]
    removed = [c for c in clauses if INSTRUCTION.search(c)]
    if not kept or not removed:
        return question, []
    asked = [c for c in kept if c.endswith("?")]
    if asked:  # an injection travelled with the question: keep only what was asked
        removed += [c for c in kept if not c.endswith("?")]
        kept = asked
    return " ".join(kept), removed
