"""What a term means, read from the document's own glossary.

A plan that keeps a glossary ("Vale Pledge — the University's guarantee that every
undergraduate will be offered a paid placement …") has already written the definition a
reader wants; ingest types those entries (``glossary`` blocks with their ``term``). A question
that asks what a term means, or asks "what is the <term>?" and nothing more, is answered with
the entry that defines that term, not with the nearest sentence or tracker row that merely
names it ("Launch the Vale Pledge placement guarantee" says when, not what).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answering.support import SentenceChoice
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import STOPWORDS, content_words, fuzzy_coverage
from ingest.lexicon import BRACKETED, FOOTNOTE_OPENING
from ingest.sentences import split_sentences

_WHAT_IS = re.compile(
    r"^\s*(?:so |and |ok,? )?what(?: exactly| actually)?(?:['’]s| is| are) (?:exactly |actually )?"
    r"(?:the |a |an |our )?"
    r"(?P<thing>[^?,;]{2,60}?)\s*\??\s*$",
    re.IGNORECASE,
)
"""A question that asks only what a thing is ("What is the Vale Pledge?", "what's a River
Guardian", "What exactly is the Vale Pledge?"), not something of it ("What is the Vale Pledge
budget?" names more than the term)."""


_RELATIVE_CLAUSE = re.compile(r"\s+(?:that|which|who|we|you|they|people)\s+.*$", re.I)
"""What a question says of the thing after naming it: "what is the SEF *that projects bid
into*?" asks what the SEF is."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    line: str
    candidate: Candidate


def _named(term: str, question: str) -> bool:
    """Whether ``question`` names ``term``: an acronym in its capitals, words in any case.

    >>> _named("NSS", "what is the NSS target?"), _named("NSS", "the nss")
    (True, False)
    >>> _named("River Guardian", "What does a river guardian do?")
    True
    >>> _named("Amber (A)", "what does amber mean?")  # without its bracketed code
    True
    """
    names = {term, BRACKETED.sub("", term).strip()} - {""}
    return any(
        re.search(
            rf"(?<![\w-]){re.escape(name)}(?:s|es)?(?![\w-])",
            question,
            0 if name.isupper() else re.IGNORECASE,
        )
        is not None
        for name in names
    )


def _entry_line(text: str, term: str) -> str:
    """The line of ``text`` that defines ``term``: it opens with the term ("- **Mentor**: …"),
    or with a field holding it (a key's row "RAG: Amber (A); Meaning: …"), or, in a note, says
    what it is ("² A misconnection is …")."""
    for line in text.splitlines():
        opening = FOOTNOTE_OPENING.sub("", line.lstrip("-•* "), count=1)
        if (
            opening.startswith(term)
            or re.match(rf"(?:An?|The)\s+{re.escape(term)}\b", opening)
            or re.match(rf"[^:;]{{1,40}}:\s*{re.escape(term)}\s*;", opening)
        ):
            return line.strip()
    return ""


def glossary_entry(
    question: str, evidence: RetrievalResult, asks_definition: bool
) -> GlossaryEntry | None:
    """The retrieved glossary entry of the term ``question`` asks about: when it asks what
    something means (``asks_definition``; a reason, "why was it paused?", is not), the longest
    term it names; otherwise only when the whole question is "what is <term>?"."""
    asked = _WHAT_IS.match(question)
    best: GlossaryEntry | None = None
    for candidate in evidence.candidates:
        chunk = candidate.chunk
        if (
            not ({"glossary", "footnote"} & set(chunk.block_kinds.split(",")))
            or not chunk.structure
        ):
            continue  # a note may define a term too ("² A misconnection is …")
        for term in json.loads(chunk.structure).get("term", []):
            if not _named(term, question):
                continue
            whole = asked is not None and re.fullmatch(
                rf"{re.escape(term)}(?:s|es)?",
                _RELATIVE_CLAUSE.sub("", asked.group("thing")).strip(),
                re.IGNORECASE,
            )
            if not (asks_definition or whole):
                continue
            line = _entry_line(chunk.text, term)
            if line and (best is None or len(term) > len(best.term)):
                best = GlossaryEntry(term, line, candidate)
    if best is None and asks_definition:
        return defining_sentence(question, evidence)
    return best


_DEFINES = re.compile(
    r"(?P<term>(?:[\w'’-]+\s+){0,2}[\w'’-]+)(?:\s+\([^)]{1,20}\))?\s+"
    r"(?:means|stands for|refers to|is defined as|denotes)\b",
    re.IGNORECASE,
)
"""A term defined in running text: "*amber means* there is a risk …", "*RAG stands for* …"."""
DEFINING_CHUNKS = 5
"""Only the best few chunks are read for a sentence that defines the term."""


def defining_sentence(question: str, evidence: RetrievalResult) -> GlossaryEntry | None:
    """The sentence of a top chunk (not a tracker row) that says what a term the question
    names means, when no glossary does (:func:`defining_line`)."""
    for candidate in evidence.candidates[:DEFINING_CHUNKS]:
        if candidate.chunk.kind == "action":
            continue  # a tracker row names a rating; its key or its plan defines it
        if not _DEFINES.search(candidate.chunk.text):
            continue  # most chunks define nothing: no sentence is read
        # the sentences retrieval already split and scored, when it kept them
        said = [s.text for s in candidate.sentences] or split_sentences(candidate.chunk.text)
        found = _defining(question, said)
        if found is not None:
            return GlossaryEntry(found[0], found[1], candidate)
    return None


def defining_line(question: str, text: str) -> tuple[str, str] | None:
    """The term and the sentence of ``text`` that says what it means: "what does amber
    mean?" and "Red means …; amber means there is a risk …", not a sentence that only names
    amber among the ratings. The term is the one to three words before "means" that the
    question names (the longest), never a small word ("this means …").

    >>> text = "Every action has a RAG rating. Red means it will be missed; amber means a risk."
    >>> defining_line("What does amber mean?", text)
    ('amber', 'Red means it will be missed; amber means a risk.')
    >>> defining_line("What does this mean for staff?", "This means more work.") is None
    True
    """
    return _defining(question, split_sentences(text))


def _defining(question: str, sentences: Iterable[str]) -> tuple[str, str] | None:
    for sentence in sentences:
        for match in _DEFINES.finditer(sentence):
            words = match.group("term").split()
            terms = [" ".join(words[i:]) for i in range(len(words))]
            named = [t for t in terms if t.lower() not in STOPWORDS and _named(t, question)]
            if named:
                return named[0], sentence.strip()
    return None


SAID_ALREADY = 0.6
"""Share of a sentence's topic words the entry holds for the sentence to add nothing."""
MORE_SENTENCES = 2


def said_beside(entry: GlossaryEntry, chosen: list[SentenceChoice]) -> list[SentenceChoice]:
    """Of the sentences chosen for the question, those that say more than the entry ("The
    Forum has 14 members" beside what the Forum is; "Team leaders receive two days of
    training" beside what a team leader is): not the glossary's other entries, not a tracker
    row that merely names the term, not the entry's words again."""
    said = set(content_words(entry.line))
    more = []
    for choice in chosen:
        chunk = choice.candidate.chunk
        if chunk.id == entry.candidate.chunk.id or chunk.kind == "action":
            continue
        words = content_words(choice.text)
        figures = {w for w in words if any(ch.isdigit() for ch in w)} - said  # "14 volunteers"
        if words and (figures or fuzzy_coverage(words, said) < SAID_ALREADY):
            more.append(choice)
    return more[:MORE_SENTENCES]
