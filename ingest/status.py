"""Status classes for action-log rows, decided by one readable table of phrase rules.

A lead has to be able to check every class, so each classification carries the phrase that
decided it and the rule's explanation. How the text rules and a RAG value combine:

1. The first rule in :data:`STATUS_RULES` (table order, not text order) whose pattern occurs in
   the status text gives the *text label* and so the class. A tracker's status word at the
   start of the cell decides first ("On hold pending restructure", "Complete", "TBC – talks
   on-going"); then stalled phrases anywhere, so "Rolling out but somewhat stalled" is
   stalled; progress phrases come before the softer scoping phrases so
   "First videos created … Scoping needed of how to create programme" is on track.
2. A RAG value (only CSV/XLSX trackers have one; the text log's RAG column is empty) then:
   * never overrides a text class of ``done`` — a rating measures delivery risk, and a
     finished action carries none;
   * ``Red`` makes anything else ``stalled / at risk`` (the owner's own rating of risk); the
     label stays what the text says ("not started", rated Red), or ``at risk`` without text;
   * ``Amber`` and ``Green`` never override the text; when the text decides nothing they give
     ``on track``, and Amber is always *flagged* (``flagged=True``) so drafts show it next to
     the class — Amber means "watch this", not "stalled".
3. An empty status with no RAG is ``unknown``: nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum


class StatusClass(StrEnum):
    """The five classes, in the order drafts report them."""

    DONE = "done"
    ON_TRACK = "on track"
    STALLED = "stalled / at risk"
    NOT_STARTED = "not started / scoping"
    UNKNOWN = "unknown"


class StatusLabel(StrEnum):
    """What a status says, one step finer than its class: "which actions are *on hold*?" and
    "which are *delayed*?" ask for different rows of the same class."""

    DONE = "done"
    ON_TRACK = "on track"
    IN_PROGRESS = "in progress"
    AT_RISK = "at risk"
    DELAYED = "delayed"
    ON_HOLD = "on hold"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"
    NOT_STARTED = "not started"
    UNKNOWN = "unknown"


LABEL_CLASS: dict[StatusLabel, StatusClass] = {
    StatusLabel.DONE: StatusClass.DONE,
    StatusLabel.ON_TRACK: StatusClass.ON_TRACK,
    StatusLabel.IN_PROGRESS: StatusClass.ON_TRACK,
    StatusLabel.AT_RISK: StatusClass.STALLED,
    StatusLabel.DELAYED: StatusClass.STALLED,
    StatusLabel.ON_HOLD: StatusClass.STALLED,
    StatusLabel.BLOCKED: StatusClass.STALLED,
    StatusLabel.CANCELLED: StatusClass.STALLED,
    StatusLabel.NOT_STARTED: StatusClass.NOT_STARTED,
    StatusLabel.UNKNOWN: StatusClass.UNKNOWN,
}
"""The class each label belongs to: the drafts report classes, questions may ask for labels."""


@dataclass(frozen=True)
class StatusRule:
    """One row of the rule table: the label a phrase implies, and why."""

    label: StatusLabel
    pattern: re.Pattern[str]
    explanation: str

    @property
    def status_class(self) -> StatusClass:
        return LABEL_CLASS[self.label]


def _rule(label: StatusLabel, pattern: str, explanation: str) -> StatusRule:
    return StatusRule(label, re.compile(pattern, re.IGNORECASE), explanation)


_L = StatusLabel
_OPENS = r"^\W*"
"""A tracker's status cell that *opens* with a status word ("Complete", "On hold pending …")."""

STATUS_RULES: tuple[StatusRule, ...] = (
    # --- a tracker's status word at the start of the cell decides first ---------------------
    _rule(_L.NOT_STARTED,
          _OPENS + r"(?:TBC|TBD|TBA|not (?:yet )?started|yet to start|no progress|to start)\b",
          "the status opens with TBC / not started"),
    _rule(_L.CANCELLED, _OPENS + r"(?:cancell?ed|withdrawn|abandoned|dropped|closed - not)\b",
          "the status opens with cancelled"),
    _rule(_L.ON_HOLD, _OPENS + r"(?:on hold|paused|parked|deferred|suspended)\b",
          "the status opens with on hold"),
    _rule(_L.BLOCKED, _OPENS + r"(?:blocked|stuck)\b", "the status opens with blocked"),
    _rule(_L.DELAYED,
          _OPENS + r"(?:delayed|overdue|late|slipp(?:ed|ing)|behind(?: schedule)?|off track)\b",
          "the status opens with delayed / behind"),
    _rule(_L.AT_RISK, _OPENS + r"(?:at risk|risk)\b", "the status opens with at risk"),
    _rule(_L.DONE,
          _OPENS + r"(?:complete[d]?|done|finished|achieved|delivered|closed)\b",
          "the status opens with complete / done"),
    _rule(_L.ON_TRACK, _OPENS + r"on[- ]?track\b", "the status opens with on track"),
    _rule(_L.IN_PROGRESS,
          _OPENS + r"(?:in progress|in hand|ongoing|on-going|underway|under way|started|wip)\b",
          "the status opens with in progress"),
    # --- stalled / at risk anywhere: a stall outweighs the progress it interrupts ------------
    _rule(_L.DELAYED,
          r"\b(?:didn[’']?t|did not|has not|hasn[’']?t|never) happen(?:ed)?\b",
          "the status says it did not happen"),
    _rule(_L.BLOCKED, r"\b(?:stalled|stuck|blocked)\b", "the status says work has stopped"),
    _rule(_L.ON_HOLD, r"\b(?:on hold|paused)\b", "the status says work is on hold"),
    _rule(_L.CANCELLED, r"\b(?:cancell?ed|abandoned)\b", "the status says it was cancelled"),
    _rule(_L.DELAYED,
          r"\b(?:late|overdue|delayed|behind schedule|slipp(?:ed|ing))\b",
          "the status says it is late"),
    _rule(_L.AT_RISK, r"\bat risk\b", "the status says it is at risk"),
    _rule(_L.AT_RISK,
          r"\bresource[- ](?:dependent|heavy|constrained)\b|\black of (?:capacity|resource)",
          "the status says it depends on resource it lacks"),
    # --- done -------------------------------------------------------------------------------
    _rule(_L.DONE,
          r"\bnow (?:established|in place|complete|live|running)\b",
          "the status says it is now in place"),
    _rule(_L.DONE,
          r"\b(?:held|delivered|ran|completed?)\s*(?:&|and)\s*(?:was\s+)?successful\b"
          r"|\bsuccessfully (?:held|delivered|completed|launched)\b",
          "the status says it was held or delivered successfully"),
    _rule(_L.DONE,
          r"\b(?:completed|finished|achieved|signed off)\b"
          r"|\b(?:is|are|was|were|been|now|all) done\b|\b(?:action|now) closed\b",
          "the status says it is complete"),
    _rule(_L.DONE,
          r"\b(?:weekly|fortnightly|monthly|quarterly)\s+(?:working group|meetings?|board)\b"
          r"|\bmeeting (?:weekly|fortnightly|monthly|quarterly|regularly)\b",
          "a regular meeting cycle is in place"),
    # --- on track ---------------------------------------------------------------------------
    _rule(_L.ON_TRACK, r"\bon[- ]track\b", "the status says it is on track"),
    _rule(_L.IN_PROGRESS,
          r"\b(?:on-?going|underway|under way|in progress|rolling out|roll[- ]out planned)\b",
          "the status says work is under way"),
    _rule(_L.IN_PROGRESS,
          r"\b(?:work has (?:commenced|started|begun)|commenced|being done|delivering)\b",
          "the status says work has started"),
    _rule(_L.ON_TRACK,
          r"\b(?:due to (?:open|launch|start|come|complete)|coming to \w+ board)\b",
          "a dated next step is scheduled"),
    _rule(_L.IN_PROGRESS,
          r"\b(?:piloted|created|developed|engaged|lined up|established|running|ran)\b",
          "the status reports something produced or engaged"),
    _rule(_L.IN_PROGRESS,
          r"\b(?:discussions?|conversations?)\s+(?:also\s+)?(?:had|held|opened)\b"
          r"|\bbudget allocation\b|\bincrease in\b",
          "the status reports talks held or resources committed"),
    # --- not started / scoping: only when no progress phrase matched -----------------------
    _rule(_L.NOT_STARTED,
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
    label: StatusLabel = StatusLabel.UNKNOWN
    """The finer reading of the status ("on hold", "delayed" …) inside its class."""


def _text_class(status: str) -> StatusClassification | None:
    for rule in STATUS_RULES:
        match = rule.pattern.search(status)
        if match:
            return StatusClassification(
                rule.status_class, match.group(0), rule.explanation, label=rule.label
            )
    return None


def classify_status(status: str, rag: str | None = None) -> StatusClassification:
    """Class of one row from its status text and RAG (``Red``/``Amber``/``Green`` or None)."""
    text = _text_class(status.strip()) if status and status.strip() else None
    rating = RAG_RATINGS.get((rag or "").strip().casefold())
    amber = rating == "Amber"
    if text is not None and text.status_class is StatusClass.DONE:
        return text
    if rating == "Red":
        return StatusClassification(
            StatusClass.STALLED,
            "RAG: Red",
            "the row is rated Red",
            flagged=False,
            label=text.label if text is not None else StatusLabel.AT_RISK,
        )
    if text is not None:
        return replace(text, flagged=amber)
    if rating in ("Amber", "Green"):
        return StatusClassification(
            StatusClass.ON_TRACK,
            f"RAG: {rating}",
            f"no status phrase; rated {rating}",
            amber,
            StatusLabel.ON_TRACK,
        )
    if not status.strip():
        return StatusClassification(StatusClass.UNKNOWN, "", "no status recorded")
    return StatusClassification(StatusClass.UNKNOWN, "", "no rule matched the status text")


STATUS_SYNONYMS: dict[str, StatusClass] = {
    **{label.value: status_class for label, status_class in LABEL_CLASS.items()},
    **{status_class.value: status_class for status_class in StatusClass},
    "complete": StatusClass.DONE,
    "completed": StatusClass.DONE,
    "finished": StatusClass.DONE,
    "closed": StatusClass.DONE,
    "ontrack": StatusClass.ON_TRACK,
    "on-track": StatusClass.ON_TRACK,
    "progress": StatusClass.ON_TRACK,
    "underway": StatusClass.ON_TRACK,
    "ongoing": StatusClass.ON_TRACK,
    "green": StatusClass.ON_TRACK,
    "stalled": StatusClass.STALLED,
    "risk": StatusClass.STALLED,
    "late": StatusClass.STALLED,
    "overdue": StatusClass.STALLED,
    "paused": StatusClass.STALLED,
    "red": StatusClass.STALLED,
    "scoping": StatusClass.NOT_STARTED,
    "tbc": StatusClass.NOT_STARTED,
    "no status": StatusClass.UNKNOWN,
}
"""Words a user may type for ``--status``: every class and label name, and common synonyms."""


@dataclass(frozen=True)
class StatusAsk:
    """Words a question uses to ask for rows in a state, and what they select: labels when
    the words are specific ("on hold" asks for on-hold rows, not every stalled one), else a
    class."""

    pattern: re.Pattern[str]
    labels: frozenset[StatusLabel] = frozenset()
    status_class: StatusClass | None = None
    examples: tuple[str, ...] = ()


def _ask(
    pattern: str,
    labels: tuple[StatusLabel, ...] = (),
    status_class: StatusClass | None = None,
    examples: tuple[str, ...] = (),
) -> StatusAsk:
    return StatusAsk(re.compile(pattern, re.IGNORECASE), frozenset(labels), status_class, examples)


STATUS_ASKS: tuple[StatusAsk, ...] = (
    _ask(r"\b(?:on hold|paused|parked|deferred)\b", (_L.ON_HOLD,),
         examples=("What's on hold in the tracker?", "Which actions are paused?")),
    _ask(r"\bblocked\b", (_L.BLOCKED,), examples=("Which tasks are blocked?",)),
    _ask(r"\b(?:delayed|behind schedule|(?:fallen|falling|fall|running|are|is|got) behind"
         r"|slipp\w*|running late)\b", (_L.DELAYED,),
         examples=("Which actions are delayed?", "What has slipped?", "What has fallen behind?")),
    _ask(r"\b(?:cancell?ed|withdrawn|abandoned)\b", (_L.CANCELLED,),
         examples=("Was anything cancelled?",)),
    _ask(r"\b(?:stall\w*|stuck|at risk|late|didn'?t happen|in trouble)\b",
         status_class=StatusClass.STALLED, examples=("What is stalled?", "What's at risk?")),
    # "the risks to getting this year's plan done" asks about risks, not about done rows,
    # "what does Priya have to get done by 8 May?" about what is still to do, and "when is the
    # boiler replacement expected to be finished?" about a date
    _ask(r"^(?!.*\b(?:get(?:s|ting)? (?:[\w'’-]+ ){1,6}|to (?:get|be) (?:[\w'’-]+ ){0,6})"
         r"(?:done|finished|completed?)\b)"
         r".*\b(?:done|completed?|finished|achieved|delivered already)\b",
         status_class=StatusClass.DONE,
         examples=("What is done?", "How many are complete?", "What did we get done?")),
    _ask(r"(?:\bnot|n[’']t|\bnever)\s+(?:yet\s+)?(?:been\s+|even\s+)?(?:started|begun|got going"
         r"|got (?:under ?way|off the ground)|kicked off)\b|\bscoping\b"
         r"|\byet to (?:start|begin|get going|kick off)\b",
         status_class=StatusClass.NOT_STARTED,
         examples=("Which actions have not started?", "Which ones haven't been started yet?",
                   "What hasn't got going yet?", "Which tasks are yet to begin?")),
    _ask(r"\b(?:on track|underway|in progress|moving)\b", status_class=StatusClass.ON_TRACK,
         examples=("What is on track?",)),
)  # fmt: skip
"""The one table of status words in questions, read against the same labels and classes the
trackers' status cells are read into."""


RAG_RATINGS = {
    "r": "Red",
    "red": "Red",
    "a": "Amber",
    "amber": "Amber",
    "g": "Green",
    "green": "Green",
}
"""A RAG cell or a question's colour word → the rating trackers store (``R``, ``red`` → Red)."""

_COLOUR = r"(red|amber|green)"
RAG_ASK = re.compile(
    r"\b(?:rated|flagged|marked|showing|shown as|coded"
    r"|rag(?:\s+(?:status|rating))?(?:\s+(?:of|is))?"
    rf"|(?:are|is|at|on|as|in|gone|turned)(?:\s+(?:rated|flagged|marked))?)\s+{_COLOUR}\b"
    rf"|\b{_COLOUR}(?:[- ]rated|[- ]flagged)?"
    r"\s+(?:actions?|items?|tasks?|rows?|ones|lines?|rag)\b"
    rf"|\b{_COLOUR}\s+(?:on|in)\s+the\s+(?:\w+\s+){{0,3}}(?:tracker|log|rag)\b",
    re.IGNORECASE,
)
"""Words asking for rows by RAG rating. Examples: "Which actions are rated red?", "What is
flagged red on the council log?", "List the amber items", "Anything at red?", "How many are
green on the tracker?". Not: "green spaces", "the Green Flag award", "red tape" — a colour
word alone is not a rating."""


_COLOUR_PAIR = re.compile(rf"\b{_COLOUR}\s*(?:or|and|/|,)\s*{_COLOUR}\b", re.IGNORECASE)


def asked_ratings(question: str) -> frozenset[str]:
    """The RAG ratings a question asks rows to have (``{"Red"}`` for "which actions are red?")."""
    found = set()
    for match in RAG_ASK.finditer(question):
        colour = next(group for group in match.groups() if group)
        found.add(RAG_RATINGS[colour.lower()])
    if found:  # "red or amber", "amber/green": every colour of the pair
        for pair in _COLOUR_PAIR.finditer(question):
            found.update(RAG_RATINGS[colour.lower()] for colour in pair.groups())
    return frozenset(found)


RATING_MEANING = re.compile(
    r"\bif\b[^?]{0,60}\b(?:rated|flagged|marked|goes|turns|gets|is|are)\b"
    r"|\bmean(?:s|ing)?\b|\bwhat happens\b|\bstands? for\b",
    re.IGNORECASE,
)
"""Words asking what a rating means or leads to, which the tracker's key says, not the rows
rated so: "What does amber mean?", "If my action's rated amber, what am I supposed to do?",
"What happens when an action is rated red?"."""


def asks_rating_meaning(question: str) -> bool:
    """Whether a question naming a rating asks what it means or leads to (:data:`RATING_MEANING`).

    >>> asks_rating_meaning("If an action gets rated red, what is the lead expected to do?")
    True
    >>> asks_rating_meaning("Which actions are rated red?")
    False
    """
    return RATING_MEANING.search(question) is not None


def asked_statuses(question: str) -> list[StatusAsk]:
    """Every state the question asks for ("delayed or blocked" asks for two)."""
    return [ask for ask in STATUS_ASKS if ask.pattern.search(question)]


def in_state(label: str, status_class: str, asks: list[StatusAsk]) -> bool:
    """Whether a row read as ``label`` / ``status_class`` is in one of the asked states.

    A row whose text says it has not started is not started whatever its rating: a "Not
    started" row rated Red is at risk *and* not started, so "which actions haven't started?"
    lists it (an "In progress" row rated Red is not listed as on track: the rating says why)."""
    unstarted = StatusLabel(label) is StatusLabel.NOT_STARTED
    return any(
        (ask.labels and StatusLabel(label) in ask.labels)
        or (ask.status_class is not None and ask.status_class.value == status_class)
        or (ask.status_class is StatusClass.NOT_STARTED and unstarted)
        for ask in asks
    )
