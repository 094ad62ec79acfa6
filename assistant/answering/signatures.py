"""Who signed a foreword or letter, read from the signature block ingest typed (its name and
role), not guessed from the nearest sentence that mentions a person."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from assistant.retrieval.hybrid import Candidate, RetrievalResult

ASKS_SIGNATORY = re.compile(
    r"\bwho(?:se)?\b.*\b(?:sign(?:ed|s|ing)?|wrote|write|writes)\b"
    r"|\b(?:signator(?:y|ies)|signature|signed by|written by|author of|whose name is on)\b",
    re.I,
)
"""Questions asking who signed: "Who signed off the foreword?", "Whose signature is on …",
"The foreword is signed by?" — not "What budget did the trustees *sign off*?", which asks for
what was agreed."""
TOP_CHUNKS = 8


@dataclass(frozen=True)
class Signatory:
    candidate: Candidate
    name: str
    role: str


def signatory(question: str, evidence: RetrievalResult) -> Signatory | None:
    """The signature among the best chunks when the question asks who signed, else None."""
    if not ASKS_SIGNATORY.search(question):
        return None
    for candidate in evidence.candidates[:TOP_CHUNKS]:
        if "signature" not in candidate.chunk.block_kinds or not candidate.chunk.structure:
            continue
        facts = json.loads(candidate.chunk.structure)
        names, roles = facts.get("name", []), facts.get("role", [])
        if names:
            return Signatory(candidate, names[0], roles[0] if roles else "")
    return None
