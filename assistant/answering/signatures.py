"""Who signed a foreword or letter, read from the signature block ingest typed (its name and
role), not guessed from the nearest sentence that mentions a person."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.support import users_words
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import content_words
from ingest.types import Chunk

ASKS_SIGNATORY = re.compile(
    r"\bwho(?:se)?\b.*\b(?:sign(?:ed|s|ing)?(?![- ]up\b)|wrote|write|writes)\b"
    r"|\b(?:signator(?:y|ies)|signature|signed by|written by|author of|whose name is on)\b",
    re.I,
)
"""Questions asking who signed: "Who signed off the foreword?", "Whose signature is on …",
"The foreword is signed by?" — not "What budget did the trustees *sign off*?", which asks for
what was agreed."""
TOP_CHUNKS = 8
TOP_SOURCES = 3
"""The best-retrieved documents whose signature blocks are read when none was retrieved."""


@dataclass(frozen=True)
class Signatory:
    candidate: Candidate
    name: str
    role: str


def signatory(
    question: str,
    evidence: RetrievalResult,
    document_chunks: Callable[[str], list[Chunk]] | None = None,
) -> Signatory | None:
    """The signature among the best chunks when the question asks who signed, else None.
    When none is retrieved, the signature in the section the question names ("the
    *foreword*") of the best-retrieved documents: a signature block says little a question's
    words would find, but it belongs to its document."""
    # the user's words: "low sign-up" in the last answer a follow-up borrows asks nothing
    asked_text = users_words(question, evidence)
    if not ASKS_SIGNATORY.search(asked_text):
        return None
    for candidate in evidence.candidates[:TOP_CHUNKS]:
        if found := _signed(candidate.chunk):
            return Signatory(candidate, *found)
    if document_chunks is None:
        return None
    asked = set(content_words(question))
    sources = list(dict.fromkeys(
        c.chunk.source for c in evidence.candidates if c.chunk.kind != "action"
    ))[:TOP_SOURCES]  # fmt: skip
    for source in sources:
        for chunk in document_chunks(source):
            heading = set(content_words(chunk.section.split(" > ")[-1]))
            if heading & asked and (found := _signed(chunk)):
                return Signatory(Candidate(chunk), *found)
    return None


def _signed(chunk: Chunk) -> tuple[str, str] | None:
    """(name, role) of a signature block, or None."""
    if "signature" not in chunk.block_kinds or not chunk.structure:
        return None
    facts = json.loads(chunk.structure)
    names, roles = facts.get("name", []), facts.get("role", [])
    return (names[0], roles[0] if roles else "") if names else None
