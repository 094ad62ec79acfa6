"""Follow-up questions ("and who owns it?") made standalone from the conversation so far.

Rule-based on purpose: it is deterministic, free, and the same for every answer backend. A
question that leans on earlier turns (a pronoun, "and …", "what about …", or very few topic
words) gets the previous question and the gist of the previous answer prepended for retrieval,
or, when it brings four or more topic words of its own, only the previous question's names;
the question shown to the user and to an LLM stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.base import CITATION_MARK
from assistant.retrieval.text import content_words, proper_nouns
from assistant.schemas import HistoryTurn

_LEANS_ON_CONTEXT = re.compile(
    r"^\s*(and|also|what about|how about|then|so)\b|\b(it|its|they|them|their|this|that|those|"
    r"these|he|she|his|her|the same|there)\b",
    re.I,
)
_GIST_CHARS = 160
_OWN_TOPIC_WORDS = 4


def is_follow_up(question: str) -> bool:
    return bool(_LEANS_ON_CONTEXT.search(question)) or len(content_words(question)) < 2


def _has_own_topic(question: str) -> bool:
    """A follow-up naming enough of its own topic ("under that aim, transitional awards …")
    that the last question's names are context enough."""
    return len(content_words(question)) >= _OWN_TOPIC_WORDS


def _gist(answer: str) -> str:
    text = CITATION_MARK.sub("", answer).replace("*", "")
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    return first[:_GIST_CHARS]


_SWITCH = re.compile(r"^\s*(?:and|what about|how about)\s+([^?,.;]{2,40}?)\s*[?,.;]\s*(.*)$", re.I)
"""A follow-up that swaps the subject: "and malaysia? what's the joint research there?"."""


def _switched_subject(question: str, last_user: str) -> str:
    """The last question asked again of the follow-up's new subject ("Why is *Malaysia* one of
    the focus markets …"), plus whatever else the follow-up asks; "" when it is no swap."""
    match = _SWITCH.match(question)
    if not match:
        return ""
    subject, rest = match.group(1).strip(), match.group(2).strip()
    names = proper_nouns(last_user)
    if not names or set(content_words(subject)) & set(content_words(last_user)):
        return ""
    if len(content_words(rest)) >= 2:  # its own question, about the new subject
        pointed, swaps = _POINTER.subn(lambda m: _pointing_at(m.group(0), subject), rest, 1)
        return pointed if swaps else f"{rest} ({subject})"
    return last_user.replace(names[0], subject, 1)


_PERIOD = (
    r"(?:(?:short|medium|long)[- ]term|(?:first|second|third|fourth|fifth|final|last|next|this)"
    r" year|year (?:\d|one|two|three|four|five)|(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?|q[1-4])"
)
PERIOD = re.compile(rf"\b{_PERIOD}\b", re.I)
"""A period a question is about: "the short term", "Year 1", "this year", "2025/26", "Q3"."""
_PERIOD_SWITCH = re.compile(
    rf"^\s*(?:and|what about|how about)?\s*(?:(?:by|in|for|during|over|across)\s+)?"
    rf"(?:the\s+)?({_PERIOD})\s*\??\s*$",
    re.I,
)
"""A follow-up that only swaps the period: "What about the medium term?", "And by 2030?",
"And the final year?"; not "And who leads it?"."""


def _switched_period(question: str, last_user: str) -> str:
    """The last question asked again of the follow-up's period ("What are the *medium-term*
    priorities for Aim 4?"); "" when it is no period swap or the last question named none."""
    match = _PERIOD_SWITCH.match(question)
    if not match or not PERIOD.search(last_user):
        return ""
    old = PERIOD.search(last_user)
    assert old is not None
    before = last_user[: old.start()]
    new = match.group(1)
    if re.search(r"\b(?:this|the)\s*$", before, re.I) and re.match(r"(?:this|the)\b", new, re.I):
        before = re.sub(r"\b(?:this|the)\s*$", "", before, flags=re.I)
    rest = re.sub(r"^['’]s\b", "", last_user[old.end() :])  # "this year's target" → "2030 target"
    return f"{before}{new}{rest}"


_POINTER = re.compile(r"\b(?:there|it|they|them)\b", re.I)


def _pointing_at(word: str, subject: str) -> str:
    return f"in {subject}" if word.lower() == "there" else subject


def _last(history: list[HistoryTurn], role: str) -> str:
    return next((turn.content for turn in reversed(history) if turn.role == role), "")


def _names_asked(text: str) -> str:
    """The names a question is about ("Aim Three", "NW NMAHP"), joined."""
    return " ".join(name for name in proper_nouns(text) if len(name) > 2)


def borrowed_answer(question: str, history: list[HistoryTurn] | None) -> str:
    """What :func:`standalone_question` adds to a follow-up that the user did not ask about,
    or "". Usually the gist of the previous answer ("what else does *she* own?" needs the
    Maya it named). A follow-up with its own topic ("under that aim, transitional awards
    … sit between which levels?") borrows only the names of the last question: they say
    where to look ("Aim Three"), but the passage answering it may sit under that aim
    without naming it."""
    if not history or not is_follow_up(question):
        return ""
    last_user = _last(history, "user")
    if _switched_subject(question, last_user) or _switched_period(question, last_user):
        return ""
    if _has_own_topic(question):
        return _names_asked(last_user)
    return _gist(_last(history, "assistant"))


def standalone_question(question: str, history: list[HistoryTurn] | None) -> str:
    """The text to retrieve with: the question, plus context when it is a follow-up. A
    follow-up with its own topic gets only the last question's names, as the whole last
    question would outweigh its own words."""
    if not history or not is_follow_up(question):
        return question
    last_user = _last(history, "user")
    if switched := _switched_period(question, last_user) or _switched_subject(question, last_user):
        return switched  # the last answer is about the old subject or period: leave it out
    borrowed = borrowed_answer(question, history)
    if _has_own_topic(question) and borrowed:
        return f"{borrowed}: {question}"
    context = " ".join(p for p in (last_user.strip(), borrowed) if p)
    return f"{context} {question}".strip() if context else question


def condense_with_llm(
    question: str, history: list[HistoryTurn] | None, ask_model: Callable[[str], str]
) -> str:
    """An LLM's standalone rewrite (prompt in ``prompts/condense_question.md``), checked:
    anything empty, multi-line or over-long falls back to :func:`standalone_question`."""
    if not history or not is_follow_up(question):
        return question
    try:
        rewritten = " ".join(ask_model(question).split())
    except Exception:  # the answer path reports LLM failures; here the rule-based form will do
        return standalone_question(question, history)
    if not rewritten or len(rewritten) > 4 * len(question) + 300:
        return standalone_question(question, history)
    return rewritten
