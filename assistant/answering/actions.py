"""Answers about the action log, built from the parsed records' fields (owner, status, aim).

Three shapes of question, tried in order:

* a status class ("what is stalled?", "which actions have no owner?", "what is done?"):
  every record in that class, decided by the drafts' status rule table;
* a person ("what does Maya own?", "which actions is Matt working on?"): every record whose
  owner cell names them, as lead, joint owner or supporter;
* one action ("who owns the marketing strategy?", "status of the Innovation Festival?"):
  the record the retriever ranked best, matched fuzzily so OCR damage and partial names work.

Every line cites the record's chunk, so the row number travels with the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.drafts.owners import name_tokens, parse_owner
from assistant.drafts.select import owner_match, owner_names
from assistant.drafts.status import StatusClass, classify_status
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import content_words, fuzzy_coverage
from ingest.types import ActionRecord

_CLASS_QUESTIONS: tuple[tuple[re.Pattern[str], StatusClass], ...] = (
    (re.compile(r"\b(stall\w*|stuck|blocked|at risk|behind|late|slipp\w*|didn'?t happen)\b", re.I),
     StatusClass.STALLED),
    (re.compile(r"\b(done|completed?|finished|achieved|delivered already)\b", re.I),
     StatusClass.DONE),
    (re.compile(r"\b(not (?:yet )?started|scoping|yet to start)\b", re.I), StatusClass.NOT_STARTED),
    (re.compile(r"\b(on track|underway|in progress|moving)\b", re.I), StatusClass.ON_TRACK),
)  # fmt: skip
_NEEDS_OWNER = re.compile(
    r"\b(no owner|without (?:an )?owner|needs? an owner|unowned|unassigned"
    r"|owner (?:is )?(?:tbc|missing)|nobody owns|no one owns|no-one owns)\b",
    re.I,
)
_PLURAL_ASK = re.compile(r"\b(which|what)\s+(actions|items|ones|things|work)\b|\bactions\b", re.I)
# Words that say what is being asked, not which action: ignored when matching an action.
_QUESTION_WORDS = {
    "who", "own", "owner", "owns", "lead", "leads", "responsible", "status", "progress",
    "action", "actions", "log", "update", "happen", "happened", "work", "working", "stand",
    "latest", "current", "currently", "doing", "going", "tell", "say", "record", "recorded",
}  # fmt: skip


@dataclass
class ActionLine:
    record: ActionRecord
    candidate: Candidate | None
    note: str = ""


def _quote(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def describe(record: ActionRecord, with_aim: bool = True) -> str:
    """``**Action** — owner: X; status: "…"; aim: …`` with nothing invented."""
    cell = parse_owner(record)
    if cell.missing:
        owner = (
            f"no owner recorded (the owner cell reads {record.owner!r})"
            if record.owner
            else ("no owner recorded")
        )
    else:
        owner = record.owner or "no owner recorded"
    status = f'"{_quote(record.status)}"' if record.status.strip() else "no status recorded"
    parts = [f"owner: {owner}", f"status: {status}"]
    if record.rag:
        parts.append(f"RAG: {record.rag}")
    if record.due:
        parts.append(f"due: {record.due}")
    if with_aim and record.aim:
        parts.append(f"aim: {record.aim}")
    action = record.extra.get("action_normalised") or record.action
    return f"**{_quote(action, 160)}** — " + "; ".join(parts)


def asked_status_class(question: str) -> StatusClass | None:
    for pattern, status_class in _CLASS_QUESTIONS:
        if pattern.search(question):
            return status_class
    return None


def asks_needs_owner(question: str) -> bool:
    return bool(_NEEDS_OWNER.search(question))


def person_in_question(question: str, records: list[ActionRecord]) -> tuple[str, ...] | None:
    """Owner-name tokens the question mentions ("Maya", "matt"), or None."""
    known = {token for name in owner_names(records) for token in name_tokens(name)}
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", question) if len(w) > 1]
    hits = tuple(w.casefold() for w in words if w.casefold() in known)
    return hits or None


def action_match(question: str, record: ActionRecord) -> float:
    """How well the question's topic words cover the record's action (and aim) text."""
    words = [w for w in content_words(question) if w not in _QUESTION_WORDS]
    if not words:
        return 0.0
    action = record.extra.get("action_normalised") or record.action
    haystack = set(content_words(f"{action} {record.aim}"))
    return fuzzy_coverage(words, haystack)


def select_action_lines(
    question: str, evidence: RetrievalResult, records: list[ActionRecord]
) -> tuple[list[ActionLine], str] | None:
    """The records that answer an action question, and a lead-in sentence; None if not one."""
    intent = evidence.intent
    by_record = {c.chunk.record_id: c for c in evidence.candidates if c.chunk.record_id}
    by_id = {r.id: r for r in records}

    if asks_needs_owner(question):
        chosen = [r for r in records if parse_owner(r).needs_owner]
        lead = f"{len(chosen)} action(s) in the log have no named owner:"
        return [ActionLine(r, by_record.get(r.id)) for r in chosen], lead

    person = person_in_question(question, records)
    status_class = asked_status_class(question) if intent.asks_status else None
    topic = [
        (action_match(question, by_id[c.chunk.record_id]), c)
        for c in evidence.candidates
        if c.chunk.record_id in by_id
    ]
    topic.sort(key=lambda pair: (pair[0], pair[1].score), reverse=True)
    specific = topic[0] if topic and topic[0][0] >= 0.5 else None

    if person and not (specific and specific[0] >= 0.75 and intent.asks_owner):
        chosen = [r for r in records if owner_match(person, r) is not None]
        if status_class is not None:
            chosen = [
                r for r in chosen if classify_status(r.status, r.rag).status_class is status_class
            ]
        if chosen:
            name = " ".join(t.title() for t in person)
            lines = []
            for record in chosen:
                match = owner_match(person, record)
                note = " (supporting)" if match is not None and match.role == "with" else ""
                lines.append(ActionLine(record, by_record.get(record.id), note))
            lead = f"The action log names {name} on {len(chosen)} action(s):"
            return lines, lead

    if status_class is not None and (specific is None or _PLURAL_ASK.search(question)):
        chosen = [
            r for r in records if classify_status(r.status, r.rag).status_class is status_class
        ]
        if chosen:
            lead = f"{len(chosen)} action(s) in the log read as {status_class.value}:"
            lines = []
            for record in chosen:
                verdict = classify_status(record.status, record.rag)
                note = (
                    f' (status says "{verdict.evidence_phrase}")' if verdict.evidence_phrase else ""
                )
                lines.append(ActionLine(record, by_record.get(record.id), note))
            return lines, lead

    if specific is not None:
        best_score, best = specific
        record = by_id[best.chunk.record_id or ""]
        close = [
            c for s, c in topic[1:4]
            if s >= 0.5 and s >= best_score - 0.05 and intent.asks_list
        ]  # fmt: skip
        lines = [ActionLine(record, best)]
        lines += [ActionLine(by_id[c.chunk.record_id or ""], c) for c in close]
        return lines, ""
    return None
