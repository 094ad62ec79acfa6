"""What an acronym stands for, read where a document spells it out.

Plans introduce an acronym once, in brackets after its words: "nurses, midwives, allied
health professionals (NMAHPs)", "the voluntary, community, faith and social enterprise
(VCFSE) sector". "What does NMAHP stand for?" is answered with those words: the shortest run
before the brackets whose initials spell the acronym (small joining words skipped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.retrieval.hybrid import Candidate, RetrievalResult
from ingest.types import Chunk

ACRONYM_ASK = re.compile(
    r"\bwhat (?:does|do|is|are) (?:the |an? )?(?:acronym |abbreviation )?"
    r"(?P<acronym>[A-Z][A-Z&]{1,9})(?:s|'s)? (?:actually |really |exactly )?"
    r"(?:stand for|mean|short for)\b",
    re.IGNORECASE,
)
"""Examples: "What does NMAHP stand for?", "what is CRIS short for?", "What does VCFSE mean,
and …", "what does VCFSE actually stand for?"; the acronym itself must be written in
capitals."""
_JOINING = frozenset({"and", "of", "for", "the", "in", "on", "to", "&"})
MAX_WORDS = 12
_WORD = re.compile(r"[A-Za-z][\w'-]*|&")


@dataclass(frozen=True)
class Expansion:
    acronym: str
    words: str
    candidate: Candidate


def asked_acronym(question: str) -> str:
    """The acronym a "what does X stand for" question asks about, or ""."""
    match = ACRONYM_ASK.search(question)
    if not match or not match.group("acronym").isupper():
        return ""
    return match.group("acronym")


def _spelled(words: list[str], acronym: str) -> int | None:
    """Where the shortest run of ``words`` ending at the last whose initials spell
    ``acronym`` starts, or None."""
    letters = acronym.lower().replace("&", "")
    for start in range(len(words) - 1, -1, -1):
        run = words[start:]
        initials = "".join(w[0].lower() for w in run if w.lower() not in _JOINING)
        if initials == letters and run[0].lower() not in _JOINING:
            return start
        if len(initials) > len(letters):
            return None
    return None


def expansion(
    question: str,
    evidence: RetrievalResult,
    document_chunks: Callable[[str], list[Chunk]],
    all_sources: Callable[[], list[str]] = list,
) -> Expansion | None:
    """Where the retrieved documents spell out the acronym asked about, or None. When none of
    them does but the corpus defines it (``evidence.acronyms``), every document is read: one
    plan writes "VCFSE" throughout and another spells it out once."""
    acronym = asked_acronym(question)
    if not acronym:
        return None
    sources = list(dict.fromkeys(c.chunk.source for c in evidence.candidates))[:3]
    chunks = [c.chunk for c in evidence.candidates] + [
        chunk for source in sources for chunk in document_chunks(source)
    ]
    found = _spelled_out(acronym, chunks)
    if found is None and acronym.lower() in evidence.acronyms:
        others = [s for s in all_sources() if s not in sources]
        found = _spelled_out(acronym, [c for s in others for c in document_chunks(s)])
    return found


def _spelled_out(acronym: str, chunks: list[Chunk]) -> Expansion | None:
    """The first of ``chunks`` that spells out ``acronym`` before it in brackets."""
    bracketed = re.compile(rf"\(\s*{re.escape(acronym)}s?\s*\)")
    for chunk in chunks:
        for match in bracketed.finditer(chunk.text):
            before = list(_WORD.finditer(chunk.text[: match.start()]))[-MAX_WORDS:]
            start = _spelled([word.group(0) for word in before], acronym)
            if start is not None:
                words = chunk.text[before[start].start() : match.start()]
                return Expansion(acronym, " ".join(words.split()).strip(" ,;–-"), Candidate(chunk))
    return None


__all__ = ["ACRONYM_ASK", "Expansion", "asked_acronym", "expansion"]
