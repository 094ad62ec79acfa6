"""Answer metrics: fact recall and forbidden strings (exact-match style, as in ALCE's
string-recall), citation validity and precision (ALCE), groundedness (the RAG-triad
groundedness of TruLens / ragas faithfulness, approximated offline by embedding similarity plus
lexical support instead of an LLM judge) and unsupported literals (numbers, dates, names that
no cited text contains)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from evals.metrics.retrieval import normalise
from evals.metrics.sentences import (
    MARKER,
    MIN_CONTENT_WORDS,
    STOPWORDS,
    AnswerSentence,
    answer_sentences,
    checkable,
    content_words,
    lexical_support,
    word_set,
)

_NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
_NAME = re.compile(r"\b[A-Z][A-Za-z&'-]*[A-Za-z]\b|\b[A-Z]{2,}\b")
# capitalised words that start labels or are grammar, not names
_NOT_NAMES = word_set(
    "i the a an and or but of in on at to for by with from as is are was were be it this that "
    "these those their there they we our you your he she his her its who what when where which "
    "why how owner owners status aim action actions source sources documents document yes no "
    "not none note done"
)

# a sentence counts as supported when 0.5·cosine + 0.5·lexical ≥ SUPPORT_SCORE and at least
# MIN_LEXICAL of its content words occur in the passage (a lexical anchor)
SUPPORT_SCORE = 0.55
MIN_LEXICAL = 0.25


def fact_hits(answer: str, facts: Sequence[Sequence[str]]) -> list[bool]:
    """Per fact: does any alternative occur in the answer (case-insensitive substring)?"""
    text = normalise(answer)
    return [any(normalise(alt) in text for alt in alternatives) for alternatives in facts]


def forbidden_found(answer: str, forbidden: Iterable[str]) -> list[str]:
    """The forbidden strings that occur in the answer (case-insensitive substring)."""
    text = normalise(answer)
    return [f for f in forbidden if normalise(f) and normalise(f) in text]


def markers(answer: str) -> list[int]:
    """The ``[n]`` numbers used in the answer, in order of first use, unique."""
    return list(dict.fromkeys(int(m) for m in MARKER.findall(answer)))


def citation_valid(answer: str, citation_sources: dict[int, str], corpus: set[str]) -> bool:
    """Every ``[n]`` names an existing citation whose source is a real corpus file."""
    return all(n in citation_sources and citation_sources[n] in corpus for n in markers(answer))


def citation_precision(used_sources: Sequence[str], gold_sources: Sequence[str]) -> tuple[int, int]:
    """(citations used in the answer that point at a gold source, citations used)."""
    gold = set(gold_sources)
    return sum(1 for s in used_sources if s in gold), len(used_sources)


def is_supported(cosine: float, lexical: float) -> bool:
    return lexical >= MIN_LEXICAL and 0.5 * cosine + 0.5 * lexical >= SUPPORT_SCORE


def literals(answer: str) -> list[str]:
    """Numbers, and capitalised words that are not sentence-initial (names, places, months,
    acronyms), in the answer text without markers or Markdown."""
    found: list[str] = []
    for sentence in answer_sentences(answer):
        text = sentence.text
        found.extend(_NUMBER.findall(text))
        for match in _NAME.finditer(text):
            word = match.group(0)
            before = text[: match.start()].rstrip()
            if not before or before[-1] in ".;!?(\"“'‘—–-":
                continue  # sentence- or clause-initial capital
            if word.lower() in _NOT_NAMES:
                continue
            found.append(word)
    return found


def unsupported_literals(answer: str, cited_texts: Iterable[str]) -> tuple[list[str], int]:
    """(literals that occur in no cited text, number of literals)."""
    found = literals(answer)
    haystack = normalise(" ".join(cited_texts))
    plain = haystack.replace(",", "")
    missing = []
    for literal in found:
        needle = normalise(literal)
        if needle in haystack or needle.replace(",", "") in plain:
            continue
        missing.append(literal)
    return missing, len(found)


__all__ = [
    "MARKER",
    "MIN_CONTENT_WORDS",
    "STOPWORDS",
    "AnswerSentence",
    "answer_sentences",
    "checkable",
    "citation_precision",
    "citation_valid",
    "content_words",
    "fact_hits",
    "forbidden_found",
    "is_supported",
    "lexical_support",
    "literals",
    "markers",
    "unsupported_literals",
]
