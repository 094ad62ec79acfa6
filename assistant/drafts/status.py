"""Status classes for action-log rows, decided by one readable table of phrase rules.

A lead has to be able to check every class, so each classification carries the phrase that
decided it and the rule's explanation. How the text rules and a RAG value combine:

1. The first rule in :data:`STATUS_RULES` (table order, not text order) whose pattern occurs in
   the status text gives the *text class*. Stalled phrases come first so "Rolling out but
   somewhat stalled" is stalled; a status that *opens* with "TBC" is not started even if it
   later mentions on-going talks; progress phrases come before the softer scoping phrases so
   "First videos created … Scoping needed of how to create programme" is on track.
2. A RAG value (only CSV/XLSX trackers have one; the text log's RAG column is empty) then:
   * never overrides a text class of ``done`` — a rating measures delivery risk, and a
     finished action carries none;
   * ``Red`` makes anything else ``stalled / at risk`` (the owner's own rating of risk);
   * ``Amber`` and ``Green`` never override the text; when the text decides nothing they give
     ``on track``, and Amber is always *flagged* (``flagged=True``) so drafts show it next to
     the class — Amber means "watch this", not "stalled".
3. An empty status with no RAG is ``unknown``: nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class StatusClass(StrEnum):
    """The five classes, in the order drafts report them."""

    DONE = "done"
    ON_TRACK = "on track"
    STALLED = "stalled / at risk"
    NOT_STARTED = "not started / scoping"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StatusRule:
    """One row of the rule table: the class a phrase implies, and why."""

    status_class: StatusClass
    pattern: re.Pattern[str]
    explanation: str


def _rule(status_class: StatusClass, pattern: str, explanation: str) -> StatusRule:
    return StatusRule(status_class, re.compile(pattern, re.IGNORECASE), explanation)


STALLED, DONE, ON_TRACK, NOT_STARTED, UNKNOWN = (
    StatusClass.STALLED,
    StatusClass.DONE,
    StatusClass.ON_TRACK,
    StatusClass.NOT_STARTED,
    StatusClass.UNKNOWN,
)

STATUS_RULES: tuple[StatusRule, ...] = (
    # --- stalled / at risk: checked first; a stall outweighs the progress it interrupts -----
    _rule(STALLED,
          r"\b(?:didn[’']?t|did not|has not|hasn[’']?t|never) happen(?:ed)?\b",
          "the status says it did not happen"),
    _rule(STALLED,
          r"\b(?:stalled|stuck|blocked|on hold|paused|cancell?ed|abandoned)\b",
          "the status says work has stopped"),
    _rule(STALLED,
          r"\b(?:late|overdue|delayed|behind schedule|slipp(?:ed|ing)|at risk)\b",
          "the status says it is late or at risk"),
    _rule(STALLED,
          r"\bresource[- ](?:dependent|heavy|constrained)\b|\black of (?:capacity|resource)",
          "the status says it depends on resource it lacks"),
    # --- not started: a status that opens by saying it is undecided -------------------------
    _rule(NOT_STARTED,
          r"^\W*(?:TBC|TBD|TBA|not (?:yet )?started|no progress)\b",
          "the status opens with TBC / not started"),
    # --- done -------------------------------------------------------------------------------
    _rule(DONE,
          r"\bnow (?:established|in place|complete|live|running)\b",
          "the status says it is now in place"),
    _rule(DONE,
          r"\b(?:held|delivered|ran|completed?)\s*(?:&|and)\s*(?:was\s+)?successful\b"
          r"|\bsuccessfully (?:held|delivered|completed|launched)\b",
          "the status says it was held or delivered successfully"),
    _rule(DONE,
          r"\b(?:completed|finished|achieved|signed off)\b"
          r"|\b(?:is|are|was|were|been|now|all) done\b|\b(?:action|now) closed\b",
          "the status says it is complete"),
    _rule(DONE,
          r"\b(?:weekly|fortnightly|monthly|quarterly)\s+(?:working group|meetings?|board)\b"
          r"|\bmeeting (?:weekly|fortnightly|monthly|quarterly|regularly)\b",
          "a regular meeting cycle is in place"),
    # --- on track ---------------------------------------------------------------------------
    _rule(ON_TRACK,
          r"\b(?:on-?going|underway|under way|in progress|rolling out|roll[- ]out planned)\b",
          "the status says work is under way"),
    _rule(ON_TRACK,
          r"\b(?:work has (?:commenced|started|begun)|commenced|being done|delivering)\b",
          "the status says work has started"),
    _rule(ON_TRACK,
          r"\b(?:due to (?:open|launch|start|come|complete)|coming to \w+ board)\b",
          "a dated next step is scheduled"),
    _rule(ON_TRACK,
          r"\b(?:piloted|created|developed|engaged|lined up|established|running|ran)\b",
          "the status reports something produced or engaged"),
    _rule(ON_TRACK,
          r"\b(?:discussions?|conversations?)\s+(?:also\s+)?(?:had|held|opened)\b"
          r"|\bbudget allocation\b|\bincrease in\b",
          "the status reports talks held or resources committed"),
    # --- not started / scoping: only when no progress phrase matched -----------------------
    _rule(NOT_STARTED,
          r"\bscoping(?: work| exercise)? needed\b|\bpotential to scope\b|\bto be scoped\b"
          r"|\bTBC\b|\bnot (?:yet )?started\b|\bscoping\b",
          "the status says it still needs scoping"),
)  # fmt: skip
"""Ordered: the first rule whose pattern occurs in the status text decides its text class."""


@dataclass(frozen=True)
class StatusClassification:
    """A class with the phrase that decided it, so a reader can check the call."""

    status_class: StatusClass
    evidence_phrase: str
    """The words of the status (or ``RAG: Red``) that decided the class; empty when none."""
    explanation: str
    flagged: bool = False
    """True for an Amber RAG: reported with its class so a reader watches it."""


def _text_class(status: str) -> StatusClassification | None:
    for rule in STATUS_RULES:
        match = rule.pattern.search(status)
        if match:
            return StatusClassification(rule.status_class, match.group(0), rule.explanation)
    return None


def classify_status(status: str, rag: str | None = None) -> StatusClassification:
    """Class of one row from its status text and RAG (``Red``/``Amber``/``Green`` or None)."""
    text = _text_class(status.strip()) if status and status.strip() else None
    rag_key = (rag or "").strip().casefold()
    amber = rag_key in {"amber", "a"}
    if text is not None and text.status_class is StatusClass.DONE:
        return text
    if rag_key in {"red", "r"}:
        return StatusClassification(
            StatusClass.STALLED, "RAG: Red", "the row is rated Red", flagged=False
        )
    if text is not None:
        return StatusClassification(
            text.status_class, text.evidence_phrase, text.explanation, flagged=amber
        )
    if amber or rag_key in {"green", "g"}:
        label = "Amber" if amber else "Green"
        return StatusClassification(
            StatusClass.ON_TRACK, f"RAG: {label}", f"no status phrase; rated {label}", amber
        )
    if not status.strip():
        return StatusClassification(StatusClass.UNKNOWN, "", "no status recorded")
    return StatusClassification(StatusClass.UNKNOWN, "", "no rule matched the status text")


STATUS_SYNONYMS: dict[str, StatusClass] = {
    "done": DONE,
    "complete": DONE,
    "completed": DONE,
    "finished": DONE,
    "closed": DONE,
    "on track": ON_TRACK,
    "ontrack": ON_TRACK,
    "on-track": ON_TRACK,
    "in progress": ON_TRACK,
    "progress": ON_TRACK,
    "underway": ON_TRACK,
    "ongoing": ON_TRACK,
    "green": ON_TRACK,
    "stalled / at risk": STALLED,
    "stalled": STALLED,
    "at risk": STALLED,
    "risk": STALLED,
    "late": STALLED,
    "blocked": STALLED,
    "red": STALLED,
    "not started / scoping": NOT_STARTED,
    "not started": NOT_STARTED,
    "scoping": NOT_STARTED,
    "tbc": NOT_STARTED,
    "unknown": StatusClass.UNKNOWN,
    "no status": StatusClass.UNKNOWN,
}
"""Words a user may type for ``--status``; the five class names are included."""
