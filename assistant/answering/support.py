"""Choosing answer sentences from evidence, and deciding whether they really answer.

Abstention is a chain of checks, each cheap and explainable (the reason lands in
``Answer.debug["route"]``):

1. retrieval is weak (top score under ``abstain_threshold``);
2. the chosen sentences are neither close in meaning to the question nor cover its topic words;
3. a name the question depends on (a proper noun) appears nowhere in the evidence used;
4. the question asks for a kind of value (an amount, a date) and the sentences hold none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import QuestionIntent
from assistant.retrieval.text import content_words, fuzzy_coverage, proper_nouns, word_similarity

NOT_FOUND = (
    "I can't find that in the indexed plans or action logs, so I won't guess. "
    "Try rephrasing, or ask about a specific plan, aim or action."
)
_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 12: "twelve",
}  # fmt: skip
_MONEY_QUESTION = re.compile(
    r"\b(budget|cost|costs|how much|funding (?:of|amount)|worth|price|spend|spent|£)\b", re.I
)
_HAS_NUMBER = re.compile(
    r"[£$€]\s?\d|\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|"
    r"million|billion|dozen)\b",
    re.I,
)
_HAS_AMOUNT = re.compile(
    r"[£$€]\s?\d|\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand|%|per ?cent)\b|"
    r"\b(?:million|billion|thousand)\b",
    re.I,
)
_HAS_DATE = re.compile(
    r"\b(1[89]\d{2}|20\d{2}|\d{4}/\d{2,4}|q[1-4]|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|"
    r"dec|spring|summer|autumn|winter|annual\w*|month\w*|year\w*|week\w*|quarter\w*|"
    r"by the end|deadline)\b",
    re.I,
)
_LEAD_IN = re.compile(r"(:\s*$|\bfollowing\b|\binclud\w*\b|\bare\b.*:)", re.I)
MAX_ANSWER_SENTENCES = 3
MAX_LIST_ITEMS = 12
MAX_ITEM_CHARS = 220


@dataclass
class SentenceChoice:
    text: str
    candidate: Candidate
    similarity: float
    coverage: float
    score: float
    vector: np.ndarray | None = None


def _pool(evidence: RetrievalResult, width: float = 0.15, limit: int = 5) -> list[Candidate]:
    top = evidence.candidates[0].score
    return [c for c in evidence.candidates[:limit] if c.score >= top - width]


def _near_duplicate(a: SentenceChoice, b: SentenceChoice) -> bool:
    if a.vector is not None and b.vector is not None and float(a.vector @ b.vector) > 0.9:
        return True
    words_a, words_b = set(content_words(a.text)), set(content_words(b.text))
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) > 0.6


def choose_sentences(question: str, evidence: RetrievalResult) -> list[SentenceChoice]:
    """Best sentence, plus up to two more that add something and score nearly as well."""
    words = content_words(question)
    intent = evidence.intent
    top_score = evidence.candidates[0].score or 1.0
    scored: list[SentenceChoice] = []
    for candidate in _pool(evidence):
        context = set(content_words(f"{candidate.chunk.title} {candidate.chunk.section}"))
        for sentence in candidate.sentences:
            text = " ".join(sentence.text.split())
            if len(text) < 20:
                continue
            sentence_words = set(content_words(text))
            coverage = fuzzy_coverage(words, sentence_words | context) if words else 0.0
            score = (
                0.55 * sentence.similarity + 0.30 * coverage + 0.15 * (candidate.score / top_score)
            )
            if intent.asks_quantity and _HAS_NUMBER.search(text):
                score += 0.05
            if intent.asks_when and _HAS_DATE.search(text):
                score += 0.05
            scored.append(
                SentenceChoice(
                    text, candidate, sentence.similarity, coverage, score, sentence.vector
                )
            )
    scored.sort(key=lambda s: s.score, reverse=True)
    chosen: list[SentenceChoice] = []
    for choice in scored:
        if len(chosen) == MAX_ANSWER_SENTENCES:
            break
        if chosen and choice.score < chosen[0].score * 0.9:
            break
        if any(_near_duplicate(choice, kept) for kept in chosen):
            continue
        if chosen and sum(len(c.text) for c in chosen) + len(choice.text) > 700:
            continue
        chosen.append(choice)
    return chosen


def supported(question: str, evidence: RetrievalResult, chosen: list[SentenceChoice]) -> bool:
    """Checks 2 and 3 of the module docstring."""
    best = chosen[0]
    if best.similarity < 0.3 or (best.similarity < 0.5 and best.coverage < 0.5):
        return False
    names = [n for n in proper_nouns(question) if len(n) > 2]
    if names:
        used = " ".join(
            f"{c.candidate.chunk.title} {c.candidate.chunk.section} {c.candidate.chunk.text}"
            for c in chosen
        )
        used_words = set(re.findall(r"[\w'-]+", used.lower()))
        for name in names:
            parts = [p for p in re.findall(r"[\w'-]+", name.lower()) if len(p) > 2]
            for part in parts:
                if part in used_words:
                    continue
                if not any(word_similarity(part, w) >= 0.6 for w in used_words):
                    return False
    return True


def answer_type_present(
    question: str, intent: QuestionIntent, chosen: list[SentenceChoice]
) -> bool:
    """Check 4: an amount for "how much / what budget", a date for "when"."""
    text = " ".join(c.text for c in chosen)
    wants_amount = bool(_MONEY_QUESTION.search(question))
    if wants_amount and not _HAS_AMOUNT.search(text):
        return False
    wants_number = intent.asks_quantity or wants_amount
    if wants_number and not _HAS_NUMBER.search(text):
        return False
    return not (intent.asks_when and not wants_number and not _HAS_DATE.search(text))


def list_block(question: str, evidence: RetrievalResult) -> tuple[Candidate, str, list[str]] | None:
    """A lead-in sentence ("… four complementary Missions:") and the items that follow it."""
    expected = evidence.intent.expected_count
    count_word = _NUMBER_WORDS.get(expected or 0, "")
    best: tuple[float, Candidate, int] | None = None
    for candidate in evidence.candidates[:3]:
        for position, sentence in enumerate(candidate.sentences):
            text = sentence.text.strip()
            if not _LEAD_IN.search(text) or position == len(candidate.sentences) - 1:
                continue
            score = sentence.similarity + (0.1 if text.endswith(":") else 0.0)
            if count_word and re.search(rf"\b({count_word}|{expected})\b", text, re.I):
                score += 0.15
            if best is None or score > best[0]:
                best = (score, candidate, position)
    if best is None or best[0] < 0.45:
        return None
    _, candidate, position = best
    following = [" ".join(s.text.split()) for s in candidate.sentences[position + 1 :]]
    items: list[str] = []
    for text in following:
        limit = expected or MAX_LIST_ITEMS
        if len(items) >= limit:
            break
        if len(text) > MAX_ITEM_CHARS and len(items) >= 2:
            break
        items.append(text.rstrip(";,"))
    if len(items) < 2 or (expected and len(items) < expected):
        return None
    lead_in = " ".join(candidate.sentences[position].text.split())
    return candidate, lead_in, items
