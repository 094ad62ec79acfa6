"""Questions about labelled lines: the decisions, actions, apologies of a set of minutes.

Minutes and notes label what they record — "DECISION: The Board approved the budget …",
"ACTION: Priya Nandakumar to send the report by 8 May.", "Apologies: Colin Baxter, Harriet
Dunmore" — and a question names the label in its own words: "What did the Board *decide*?",
"What *actions* did Priya pick up at the April board?", "Which trustees sent *apologies*?".
The answer is every clause under that label in the best-retrieved document that has it, one
per line and cited, narrowed to the person the question names.

A label is an upper-case word before a colon anywhere in a line ("ACTION:", "DECISION:",
"AGREED:") or a capitalised word or two opening a line ("Apologies:", "In attendance:"); a
label with a number ("Goal 1:") is a heading, and a record's field ("Status:", "Owner:")
is read by the trackers, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.support import asks_who, shared_prefix, this_turn, users_words
from assistant.retrieval.hybrid import RetrievalResult
from assistant.retrieval.text import content_words, fuzzy_coverage
from ingest.columns import column_field
from ingest.types import Chunk

ROLL_CALL_LABELS = ("Present", "Apologies", "In attendance", "Attendees", "Absent")
"""The labels that open a meeting's minutes: a document labelled so is minutes, whether or not
its other labels are capitals, and they label a clause mid-line too (a wrapped header joins
"… (for item 4) In attendance: …  Apologies: …" into one line)."""
_LABEL = re.compile(
    r"(?:(?<=\s)|^)(?P<caps>[A-Z]{4,}(?: [A-Z]{2,})?):\s+"
    r"|^(?P<word>[A-Z][a-z]+(?: [a-z]+)?(?: \([^)]{1,30}\))?):\s+"
    rf"|(?<=\s)(?P<roll>(?:{'|'.join(ROLL_CALL_LABELS)})(?: \([^)]{{1,30}}\))?):\s+",
    re.M,
)
_QUALIFIER = re.compile(r"\([^)]*\)")
"""A label's bracketed qualifier: "Present *(trustees)*"."""
_MEETING_NOUNS = ("meeting", "minutes", "board", "committee", "forum", "panel")
_MEETING = re.compile(rf"\b(?:{'|'.join(_MEETING_NOUNS)})\b", re.I)
"""A question about a meeting ("at the April board"): its minutes' labelled lines answer
before the trackers' rows do ("what actions did Priya pick up at the April board?")."""
_MEETING_WORDS = frozenset(content_words(" ".join(_MEETING_NOUNS)))
MIN_PREFIX = 4
"""Letters a question word and a label must share to name each other ("decide" and
"DECISION" share "deci"; "apologies" and "apologise" share "apolog")."""
TOP_CANDIDATES = 8
MAX_CLAUSES = 12


@dataclass(frozen=True)
class LabelledAnswer:
    label: str
    clauses: list[tuple[str, Chunk]]
    """Each clause under the label, with the chunk it is cited from."""
    retrieved: Chunk
    """The retrieved chunk that led to the document (its header names the meeting)."""


def labelled_clauses(text: str) -> list[tuple[str, str]]:
    """(label, clause) for every labelled clause of a text, in order: a clause runs to the
    next label or the end of its line."""
    found = []
    for line in text.split("\n"):
        marks = list(_LABEL.finditer(line))
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(line)
            clause = line[mark.end() : end].strip()
            label = mark.group("caps") or mark.group("word") or mark.group("roll")
            if mark.group("word") and column_field(label) is not None:
                continue  # "Status:", "Owner:", "Due:": a record's field, read by the trackers
            if clause:
                found.append((label, clause))
    return found


def _names(word: str, label: str) -> bool:
    """A question word names a label word when they share a start of :data:`MIN_PREFIX`
    letters or more that is all but the last three letters of the shorter ("decid-e" and
    "decis-ion", "apologies" and "apologise")."""
    head = _QUALIFIER.sub(" ", label)  # "Present (trustees)" is named by "present"
    word = word.lower()
    return any(
        (common := shared_prefix(w.lower(), word)) >= MIN_PREFIX
        and common >= min(len(w), len(word)) - 3
        for w in re.findall(r"[A-Za-z]+", head)
    )


def _person_named(words: list[str], people: frozenset[str]) -> str:
    """The full name (lower case) of a known person the question names by first name,
    surname or both ("Priya", "Nandakumar", "Priya Nandakumar"); "" when none or several."""
    asked = {w.casefold() for w in words if len(w) > 2}
    named = [
        name for name in people if " " in name and all(part[:1].isalpha() for part in name.split())
        and asked & set(name.split())
    ]  # fmt: skip
    return named[0] if len(named) == 1 else ""


DOING_COVERAGE = 0.75
"""Share of a who-question's own topic words a minutes' line must write to say who is doing
it ("who's bringing a recovery plan?" and "ACTION: Priya to bring a recovery plan …")."""


Clause = tuple[str, str, Chunk]
"""(label, clause, the chunk it is cited from)."""


def _clause_doing(asked: str, clauses: list[Clause]) -> Clause | None:
    """The one line under a capitals label (ACTION, DECISION) that writes what a who-question
    asks about, at least two of its words and :data:`DOING_COVERAGE` of them; None when none
    or several do equally well."""
    topic = [w for w in content_words(asked) if w not in _MEETING_WORDS]  # "to which meeting"
    if len(set(topic)) < 2:
        return None
    scored = [
        (fuzzy_coverage(topic, set(content_words(clause))), (label, clause, chunk))
        for label, clause, chunk in clauses
        if label.isupper()
    ]
    scored.sort(key=lambda item: item[0], reverse=True)
    if not scored or scored[0][0] < DOING_COVERAGE:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _minutes_labels(document: list[tuple[str, str, Chunk]]) -> bool:
    """Whether a document's labelled lines are a meeting's: some label is in capitals
    ("DECISION:", "ACTION:") or calls the roll ("Apologies:", "Present (trustees):")."""
    return any(
        label.isupper() or _QUALIFIER.sub("", label).strip() in ROLL_CALL_LABELS
        for label, _, _ in document
    )


def labelled_answer(
    question: str,
    evidence: RetrievalResult,
    document_chunks: Callable[[str], list[Chunk]],
    people: frozenset[str] = frozenset(),
) -> LabelledAnswer | None:
    """The clauses under the label the question names, from the best-retrieved document that
    labels its lines (read whole: "what did the Board decide?" retrieves the minutes' header,
    not every DECISION line); None when the question names no label there. ``people``: the
    names the action records know (lower case); one the question names narrows the clauses
    ("what actions did *Priya* pick up?")."""
    # the labels asked for are the user's words, not the last answer's a follow-up borrows
    # ("why did it slip?" after "Ravi leads it (action 18)" asks for no ACTION lines)
    asked_text = users_words(question, evidence)
    words = re.findall(r"[A-Za-z]+", asked_text)
    person = _person_named(words, people)
    of_a_meeting = bool(_MEETING.search(asked_text))
    who_asked = asks_who(asked_text)
    read: set[str] = set()
    for candidate in evidence.candidates[:TOP_CANDIDATES]:
        if candidate.chunk.kind == "action":
            if of_a_meeting:
                continue
            return None  # an action row ranks above: the trackers answer
        source = candidate.chunk.source
        if source in read or not labelled_clauses(candidate.chunk.text):
            continue
        read.add(source)
        clauses = [
            (label, clause, chunk)
            for chunk in document_chunks(source)
            for label, clause in labelled_clauses(chunk.text)
        ]
        if not _minutes_labels(clauses):
            continue  # "Risks: …" in a plan is a definition list; minutes call the roll
        labels = list(dict.fromkeys(label for label, _, _ in clauses))
        asked = [label for label in labels if any(_names(word, label) for word in words)]
        # "who's bringing a recovery plan?": the ACTION line saying so, though no label is named
        doing = _clause_doing(this_turn(asked_text), clauses) if who_asked and not asked else None
        if doing is not None:
            return LabelledAnswer(doing[0], [doing[1:]], candidate.chunk)
        if not asked:
            continue
        chosen = [(clause, chunk) for name, clause, chunk in clauses if name == asked[0]]
        if person:
            chosen = [(c, chunk) for c, chunk in chosen if person in c.casefold()]
        if not chosen or not content_words(" ".join(c for c, _ in chosen)):
            continue
        return LabelledAnswer(asked[0], chosen[:MAX_CLAUSES], candidate.chunk)
    return None


__all__ = ["LabelledAnswer", "labelled_answer", "labelled_clauses"]
