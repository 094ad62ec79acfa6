"""Who owns a document, who approved it, when it is reviewed: read from its own front matter.

A plan opens with fields about itself — "Plan owner | Lucy Obi, Volunteer Coordinator",
"Owner: Dr Eleanor Voss, Dean of Student Experience · Approved by the Student Experience
Committee on 24 September 2025", "Review date | June 2026". A question that names the
document and asks only who is in charge of it, who approved it or when it is reviewed ("Who
owns the volunteer and community plan?") is answered by that field, not by a tracker row
whose owner happens to work on the plan's topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.sources import named_sources, without_mentions
from assistant.retrieval.text import ROLE_STEMS, content_words, stem
from ingest.lexicon import DOCUMENT_NOUNS
from ingest.types import Chunk

FRONT_CHUNKS = 2
"""A document's fields about itself stand at its start: only its first chunks are read."""
MAX_LABEL_WORDS = 4

ASKS = {
    "owner": ROLE_STEMS,
    "approval": frozenset(stem(w) for w in ("approve", "approved", "approval", "agreed", "signed")),
    "review": frozenset(stem(w) for w in ("review", "reviewed", "renewed", "refreshed")),
    "author": frozenset(stem(w) for w in ("wrote", "written", "author", "authored", "drafted")),
}
"""What a question may ask of a document itself, by the stems of the words that ask it, and
the fields that say it: "who *owns* the plan" is its "Plan owner" or "Owner"; "who *approved*
it" its "Approved by"; "when is it *reviewed*" its "Review date"."""
_DOCUMENT_WORDS = frozenset(stem(w) for w in (*DOCUMENT_NOUNS, "up", "due", "next", "date"))
"""Words of a question about a document that ask nothing of it: what it is, and "up for
review", "next due"."""

_LABELLED = re.compile(
    r"(?:^|(?<=\s))\**(?P<label>[A-Z][A-Za-z]*(?: [a-z]+){0,3})\**\s*(?::|—)\s+"
    r"(?P<value>\S.*)$"
)
"""A field written "Label: value" within a piece of text ("… Research with impact *Owner:
Professor Per Lind*"): a capital, then at most three words in lower case ("Review date")."""
_APPROVED = re.compile(
    r"^\s*(?P<label>Approved by|Agreed by|Signed off by)\s+(?P<value>\S.*)$", re.I
)
_PIECES = re.compile(r"\s+[·|•]\s+|(?<=[a-z0-9)][.;])\s+(?=[A-Z])")
"""Between the fields of one line: " · ", or a sentence's end."""


@dataclass(frozen=True)
class FrontField:
    label: str
    value: str
    chunk: Chunk

    @property
    def line(self) -> str:
        return f"{self.label} — {self.value}"


def front_fields(chunks: list[Chunk]) -> list[FrontField]:
    r"""The label–value fields at a document's start: table rows of two cells, "Label: value"
    pieces of its lines (split by " · " and at sentence ends), and "Approved by …".

    >>> text = "**Harbour College** · Owner: Dr A. Bell, Dean · Approved by Senate on 3 May 2025"
    >>> chunk = Chunk("p#0", text + "\nReview date\tJune 2026", "p.md", "P", "", "plan", 1, 2)
    >>> [(f.label, f.value) for f in front_fields([chunk])]  # doctest: +NORMALIZE_WHITESPACE
    [('Owner', 'Dr A. Bell, Dean'), ('Approved by', 'Senate on 3 May 2025'),
     ('Review date', 'June 2026')]
    """
    fields = []
    for chunk in chunks[:FRONT_CHUNKS]:
        if chunk.kind == "action":
            continue
        for line in chunk.text.split("\n"):
            cells = [cell.strip(" *") for cell in line.split("\t") if cell.strip(" *")]
            if len(cells) == 2 and len(cells[0].split()) <= MAX_LABEL_WORDS:
                fields.append(FrontField(cells[0], cells[1], chunk))
                continue
            for piece in _PIECES.split(line):
                found = _APPROVED.match(piece) or _LABELLED.search(piece)
                if found:
                    value = found.group("value").strip(" *").rstrip(".")
                    fields.append(FrontField(found.group("label").strip(), value, chunk))
    return fields


def asked_of_document(
    question: str, documents: list[tuple[str, str]]
) -> tuple[str, tuple[str, ...]] | None:
    """(source, what is asked) when the question names one document and asks only who is in
    charge of it, who approved or wrote it, or when it is reviewed; else None.

    >>> docs = [("plans/volunteer-plan.md", "Volunteer and Community Plan 2025-2028")]
    >>> asked_of_document("Who owns the volunteer and community plan?", docs)
    ('plans/volunteer-plan.md', ('owner',))
    >>> asked_of_document("Who owns the volunteer plan, and when is it up for review?", docs)
    ('plans/volunteer-plan.md', ('owner', 'review'))
    >>> asked_of_document("Who owns the RiverHub action in the volunteer plan?", docs) is None
    True
    """
    named = named_sources(question, documents)
    if len(named) != 1:
        return None
    words = set(content_words(without_mentions(question, named))) - _DOCUMENT_WORDS
    asked = tuple(ask for ask, stems in ASKS.items() if words & stems)
    if not asked or not words <= set().union(*(ASKS[ask] for ask in asked)):
        return None
    return named[0].source, asked


def front_answer(asked: tuple[str, ...], chunks: list[Chunk]) -> list[FrontField]:
    """The document's fields that say what is asked ("owner": "Plan owner", "Owner"), or []
    when any of it is not there."""
    fields = front_fields(chunks)
    found: list[FrontField] = []
    for ask in asked:
        saying = [f for f in fields if ASKS[ask] & set(content_words(f.label))]
        if not saying:
            return []
        found += [f for f in saying if f not in found]
    return found


__all__ = ["FrontField", "asked_of_document", "front_answer", "front_fields"]
