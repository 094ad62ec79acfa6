"""Which indexed documents a question names ("the LSC R&I plan", "the action agenda").

A question that names two or more documents ("How do the NMAHP strategy and the LSC R&I plan
each address career pathways?") wants one answer per document; ranking all chunks together
lets one document crowd out the other. Documents are recognised from their own titles and file
paths, so a newly ingested plan is recognised without configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval.text import STOPWORDS, run_initials, stem

# A mention ends in a document-type word: "the innovation action plan", "the action log".
_MENTION = re.compile(
    r"\b((?:[\w&@'-]+\s+){0,7}?(?:plan|strategy|agenda|log|tracker|roadmap)s?"
    r"(?:\s+\d{4}\s*[-–]\s*\d{2,4})?)\b",
    re.I,
)
MIN_SHARE = 0.6  # of a mention's words that must belong to the document


@dataclass(frozen=True)
class NamedSource:
    source: str
    mention: str  # as written in the question


def _normal(token: str) -> str:
    word = stem(token)
    return word[:-1] if len(word) > 3 and word.endswith("s") else word  # "logs" → "log"


def _words(text: str) -> list[str]:
    """Content words, normalised, in order; an abbreviation written with "&" ("R&I") as its
    letters ("ri"), the form :func:`run_initials` gives."""
    out: list[str] = []
    for token in re.findall(r"[a-z0-9&@]+", text.lower().replace("-", " ").replace("/", " ")):
        if (token in STOPWORDS and token not in _DOCUMENT_WORDS) or token in _IGNORED:
            continue
        if re.fullmatch(r"[a-z]&[a-z]", token):
            token = token.replace("&", "")
        out.append(_normal(token))
    return out


_IGNORED = frozenset({"&", "txt", "md", "pdf", "docx", "csv", "xlsx"})
_DOCUMENT_WORDS = frozenset({"plan", "plans"})  # stopwords for retrieval, names here


@lru_cache(maxsize=4096)
def _profile(source: str, title: str) -> frozenset[str]:
    """A document's words, read once per document rather than once per question."""
    return frozenset(_words(f"{source} {title}"))


@lru_cache(maxsize=4096)
def _short_forms(source: str, title: str) -> frozenset[str]:
    """What a question may abbreviate a document's title words to (not its own words: a
    document's size, for ties, is its words alone)."""
    return run_initials(title) - _profile(source, title)


class _DocumentWords:
    """Each document's words, and which documents hold each word, so a mention is compared
    only with the documents sharing a word with it (a share of at least ``MIN_SHARE`` needs
    one), not with every document of a large index."""

    def __init__(self, documents: tuple[tuple[str, str], ...]) -> None:
        self.profiles = {source: _profile(source, title) for source, title in documents}
        self.short = {source: _short_forms(source, title) for source, title in documents}
        self.order = {source: i for i, source in enumerate(self.profiles)}
        self.holding: dict[str, list[str]] = {}
        for source, profile in self.profiles.items():
            for word in profile | self.short[source]:
                self.holding.setdefault(word, []).append(source)

    def best_source(self, words: list[str]) -> tuple[float, int, float, str] | None:
        """(share, matched, jaccard, source) for the document holding most of ``words``."""
        best: tuple[float, int, float, str] | None = None
        wanted = set(words)
        sharing = {source for word in wanted for source in self.holding.get(word, ())}
        for source in sorted(sharing, key=self.order.__getitem__):  # ties: document order
            profile = self.profiles[source]
            matched = len(wanted & (profile | self.short[source]))
            share = matched / len(wanted)
            if share < MIN_SHARE:
                continue
            key = (share, matched, matched / len(wanted | profile), source)
            if best is None or key[:3] > best[:3]:
                best = key
        return best


@lru_cache(maxsize=8)
def _document_words(documents: tuple[tuple[str, str], ...]) -> _DocumentWords:
    return _DocumentWords(documents)


def named_sources(question: str, documents: Iterable[tuple[str, str]]) -> list[NamedSource]:
    """The documents ``question`` names, in the order named; ``documents`` is (source, title).

    Each phrase ending in a document-type word ("… plan", "… strategy") is read from its end
    backwards: the longest tail of which at least 60% of the words belong to one document
    names that document; ties go to the document with fewer words of its own ("the
    innovation plan" is the short-titled one). Two words at least: "the plan" names nothing.
    """
    index = _document_words(tuple(documents))
    named: list[NamedSource] = []
    for match in _MENTION.finditer(question):
        raw = match.group(1).split()
        best: tuple[tuple[float, int, float, str], str] | None = None
        for start in range(len(raw) - 1, -1, -1):
            tail = raw[start:]
            words = _words(" ".join(tail))
            if len(set(words)) < 2:
                continue
            found = index.best_source(words)
            if found is not None and (best is None or found[1] > best[0][1]):
                best = (found, " ".join(tail))
        if best is not None and all(n.source != best[0][3] for n in named):
            named.append(NamedSource(best[0][3], best[1]))
    return named


_SCOPE_BEFORE = re.compile(
    r"\b(?:in|under|within|from|according to|throughout)\s+(?:the|our|this|its|their)\s+$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s*[\w'-]*[a-z]", re.I)


def scoped_source(question: str, documents: Iterable[tuple[str, str]]) -> NamedSource | None:
    """The one document a question confines itself to, or None: it names exactly one, every
    word of the mention is that document's ("the volunteer plan", not "the Fellside community
    flood plan", which also names a flood), and the mention says where to look — after "in /
    under / from the" ("the Year 2 targets *in the volunteer and community plan*") or as a
    noun's modifier ("the *volunteer plan* budget"). A document named for what something
    serves ("the working group *for the innovation plan*") does not confine the answer.

    >>> docs = [("plans/volunteer-plan.md", "Volunteer and Community Plan 2025-2028")]
    >>> scoped_source("What is the volunteer plan budget for 2026/27?", docs).source
    'plans/volunteer-plan.md'
    >>> scoped_source("Who sits on the working group for the volunteer plan?", docs) is None
    True
    """
    documents = tuple(documents)
    named = named_sources(question, documents)
    if len(named) != 1:
        return None
    mention, source = named[0].mention, named[0].source
    index = _document_words(documents)
    if not set(_words(mention)) <= index.profiles[source] | index.short[source]:
        return None
    at = question.find(mention)
    before, after = question[:at], question[at + len(mention) :]
    as_modifier = bool(_NOUN_AFTER.match(after)) and not re.match(r"\s*(?:and|or)\b", after)
    return named[0] if _SCOPE_BEFORE.search(before) or as_modifier else None


def without_mentions(question: str, named: Iterable[NamedSource]) -> str:
    """The question with the document names taken out: what it asks each document about."""
    for item in named:
        question = question.replace(item.mention, " ")
    return " ".join(question.split())
