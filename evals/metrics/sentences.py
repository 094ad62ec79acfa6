"""Answer sentences with their ``[n]`` markers, and lexical support: the parts of the
groundedness check the runner computes (and caches) per case, kept apart from the scoring-only
metrics so that changing a scoring rule does not invalidate cached runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"\[(\d+)\]")
MIN_CONTENT_WORDS = 3


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MARKDOWN = re.compile(r"[*_`#>]+")
_BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
_WORD = re.compile(r"[a-z0-9£$%]+(?:[-'][a-z0-9]+)*")
STOPWORDS = word_set(
    "a an and are as at be been but by can could did do does for from had has have how i if in "
    "into is it its of on or our so such than that the their them then there these they this "
    "those to was we were what when where which who whom whose why will with would you your not "
    "no yes also any all each more most other some about over under per via"
)


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


def checkable(sentence: str) -> bool:
    """Sentences too short to carry a claim ("Owner: Matt") are left to the literal check."""
    return len(content_words(sentence)) >= MIN_CONTENT_WORDS
