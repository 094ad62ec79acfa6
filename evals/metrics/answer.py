"""Answer metrics: fact recall and forbidden strings (exact-match style, as in ALCE's
string-recall), citation validity and precision (ALCE), groundedness (the RAG-triad
groundedness of TruLens / ragas faithfulness, approximated offline by embedding similarity plus
lexical support instead of an LLM judge) and unsupported literals (numbers, dates, names that
no cited text contains)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evals.metrics.retrieval import normalise

MARKER = re.compile(r"\[(\d+)\]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MARKDOWN = re.compile(r"[*_`#>]+")
_BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
_WORD = re.compile(r"[a-z0-9£$%]+(?:[-'][a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
_NAME = re.compile(r"\b[A-Z][A-Za-z&'-]*[A-Za-z]\b|\b[A-Z]{2,}\b")
STOPWORDS = _words(
    "a an and are as at be been but by can could did do does for from had has have how i if in "
    "into is it its of on or our so such than that the their them then there these they this "
    "those to was we were what when where which who whom whose why will with would you your not "
    "no yes also any all each more most other some about over under per via"
)
# capitalised words that start labels or are grammar, not names
_NOT_NAMES = _words(
    "i the a an and or but of in on at to for by with from as is are was were be it this that "
    "these those their there they we our you your he she his her its who what when where which "
    "why how owner owners status aim action actions source sources documents document yes no "
    "not none note done"
)

# a sentence counts as supported when 0.5·cosine + 0.5·lexical ≥ SUPPORT_SCORE and at least
# MIN_LEXICAL of its content words occur in the passage (a lexical anchor)
SUPPORT_SCORE = 0.55
MIN_LEXICAL = 0.25
MIN_CONTENT_WORDS = 3


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


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    cites: tuple[int, ...]


def answer_sentences(answer: str) -> list[AnswerSentence]:
    """Split an answer into sentences (lines, bullets, sentence punctuation), each with the
    ``[n]`` markers it carries. A marker after the full stop belongs to the sentence before it,
    and a sentence without a marker is covered by the next marker on the same line (extractive
    answers and LLMs alike often cite once at the end of a line or bullet)."""
    out: list[AnswerSentence] = []
    for raw_line in answer.splitlines():
        line = _BULLET.sub("", _MARKDOWN.sub("", raw_line)).strip()
        if not line:
            continue
        line = re.sub(r"([.!?])((?:\s*\[\d+\])+)", r"\2\1", line)
        pending: list[str] = []
        for part in re.split(r"(?<=[.!?])\s+", line):
            cites = tuple(dict.fromkeys(int(m) for m in MARKER.findall(part)))
            text = re.sub(r"\s+", " ", MARKER.sub("", part)).strip()
            text = re.sub(r"\s+([.!?,;:])", r"\1", text)
            if not text:
                continue
            if not cites:
                pending.append(text)
                continue
            out.extend(AnswerSentence(p, cites) for p in pending)
            pending = []
            out.append(AnswerSentence(text, cites))
        out.extend(AnswerSentence(p, ()) for p in pending)
    return out


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def lexical_support(sentence: str, passage: str) -> float:
    """Share of the sentence's content words that occur in the passage."""
    words = content_words(sentence)
    if not words:
        return 1.0
    have = set(content_words(passage))
    return sum(1 for w in words if w in have) / len(words)


def is_supported(cosine: float, lexical: float) -> bool:
    return lexical >= MIN_LEXICAL and 0.5 * cosine + 0.5 * lexical >= SUPPORT_SCORE


def checkable(sentence: str) -> bool:
    """Sentences too short to carry a claim ("Owner: Matt") are left to the literal check."""
    return len(content_words(sentence)) >= MIN_CONTENT_WORDS


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
