"""Short wording for bullets: actions cut at a clause, status gists, owner descriptions.

Everything here only cuts or quotes the log's own words (plus the parser's OCR repairs), so a
bullet never says more than its row.
"""

from __future__ import annotations

import re

from ingest.lexicon import CLAUSE_BREAK
from ingest.owners import OwnerCell
from ingest.types import ActionRecord

_CLAUSE_BREAKS = re.compile(
    r",\s*so\b|\s+so that\b|,\s*(?:helping|ensuring|with|including|in order)\b"
    r"|\s+but\s+|;\s+|\s+[–—-]\s+"
)
_SENTENCE = CLAUSE_BREAK
_SPACES = re.compile(r"\s+")


def action_text(record: ActionRecord) -> str:
    """The action with spaces collapsed and the parser's OCR repairs (``Norking`` → ``Working``)."""
    text = record.extra.get("action_normalised") or record.action
    return _SPACES.sub(" ", text).strip()


def shorten_action(text: str, soft: int = 100, hard: int = 120) -> str:
    """Cut a long action at its first clause break (``, so that …``), else at a word."""
    text = _SPACES.sub(" ", text).strip().rstrip(";,. ")
    if len(text) <= soft:
        return text
    for match in _CLAUSE_BREAKS.finditer(text):
        if 30 <= match.start() <= hard:
            text = text[: match.start()].rstrip(";,. ")
            break
    if len(text) <= hard:
        return text
    return text[: hard - 1].rsplit(" ", 1)[0].rstrip(";,. ") + "…"


def status_gist(status: str, evidence: str = "", limit: int = 220) -> str:
    """Whole sentences of a status up to ``limit``, always including the deciding one.

    Left-out sentences are marked with ``…`` so a reader knows the row says more.
    """
    status = _SPACES.sub(" ", status).strip()
    if not status:
        return "No status recorded."
    if len(status) <= limit:
        return status
    sentences = _SENTENCE.split(status)
    keep = [0]
    deciding = next(
        (i for i, s in enumerate(sentences) if evidence and evidence.casefold() in s.casefold()),
        0,
    )
    if deciding:
        keep.append(deciding)
    for index in range(1, len(sentences)):
        if index in keep:
            continue
        if sum(len(sentences[i]) + 1 for i in keep) + len(sentences[index]) > limit:
            break
        keep.append(index)
    parts: list[str] = []
    for position, index in enumerate(sorted(keep)):
        if position and index != sorted(keep)[position - 1] + 1:
            parts.append("…")
        parts.append(sentences[index])
    if max(keep) < len(sentences) - 1:
        parts.append("…")
    gist = " ".join(parts)
    if len(gist) > 2 * limit:
        gist = gist[: 2 * limit - 1].rsplit(" ", 1)[0] + " …"
    return gist


def owner_display(cell: OwnerCell) -> str:
    """The owner cell as written, or a plain statement of what is missing."""
    raw = (cell.raw or "").strip()
    if cell.missing:
        return f"no owner (“{raw}”)" if raw else "no owner recorded"
    if cell.needs_owner:
        return f"owner unclear (cell reads “{raw}”)"
    return _SPACES.sub(" ", raw)


def needs_owner_reason(cell: OwnerCell) -> str:
    """Why the row is under *Needs an owner*, quoting the cell."""
    raw = (cell.raw or "").strip()
    if not raw:
        return "owner cell is blank"
    if cell.missing:
        return f"owner cell reads “{raw}”"
    return f"owner cell reads only “{raw}” (the start of the cell is missing)"
