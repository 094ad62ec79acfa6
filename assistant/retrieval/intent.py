"""What a question asks for, read from its wording: an owner or status (answer from action
records), a list (keep list blocks whole), a count, a number or date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.lexicon import NUMBER_WORDS
from ingest.status import asked_statuses

_OWNER = re.compile(
    r"\b(who(?:'s|s| is| are)?\b.*\b(own|owns|owner|lead|leads|leading|responsible|accountable|"
    r"working|work|in charge|looking after|driving|deliver)|owner|owners|owned|who owns|who leads|"
    r"responsible for|in charge of|who is working|who's working|lead on)\b",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\b(status|progress|progressing|update|happened|happen|moved|rag)\b"
    r"|\bhow(?: are| is|[’']s) (?:[\w'-]+ ){0,6}?"
    r"(?:getting on|going(?! to\b)|coming along|shaping up)\b"
    r"|\bwhere (?:has|have|is|are|do|does) (?:[\w'-]+ ){0,8}?(?:got to|stand|up to)\b"
    r"|\bhow far (?:along|on)\b",
    re.IGNORECASE,
)
"""Words that ask how an action stands: "what's the status of …", "how are we getting on with
the leaky dams?", "where has the permit got to?", "how far along is the dashboard?". Not: "how
is the plan going to be funded?" (a future, not a state). The states a question names
("stalled", "on hold", "done") come from the trackers' own table,
:data:`ingest.status.STATUS_ASKS`."""
_ACTION_WORDS = re.compile(
    r"\b(action|actions|action log|action agenda|tracker|owner|owners|governance|tasks?)\b",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(what are|which are|list|name (?:the|all)|enumerate|what (?:[\w-]+ ){0,3}(?:are|were)"
    r"|(?:which|what) (?:[\w-]+ ){0,2}[\w-]+s (?:are|were|is|will|does|do|did|have|has)\b"
    r"|steps|stages)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n > 1}
_COUNT = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[\w-]+\s+){0,3}?"
    r"(?!(?:years|months|weeks|days|quarters|hours|decades)\b)\w+s\b"
)
"""A count of answers ("the four missions"); "the first three years" is a span of time."""
_HOW_MANY = re.compile(
    r"\bhow (many|much|big|large|tall|wide)\b|\bwhat(?: was| is| were| are|['’]s)? "
    r"(?:the |its |their |our )?(?:[\w-]+ )?"
    r"(score|rating|percentage|proportion|number of|headcount|floor area|area|size|population"
    r"|concentration|capacity|attendance|turnout)\b",
    re.IGNORECASE,
)
"""A figure asked for: "how many", "how big", or "what score / percentage / number of /
floor area / population / concentration …"."""
_WHEN = re.compile(
    r"^\s*when\b|\bwhen\s+(?:is|are|was|were|will|would|does|do|did|has|have|should|can|could)\b"
    r"|\b(date|by when|which year|what year|deadline|due)\b",
    re.I,
)
"""A date asked for: "when" as a question word, not the "when it explains …" of a clause."""

_MEANING = re.compile(
    r"^\s*why\b|\bwhy (?:is|are|was|were|do|does|did)\b"
    r"|\b(?:mean|meant|meaning|definition|define[sd]?|stand for|stands for|counts? as)\b",
    re.I,
)
"""A definition or a reason asked for: "What do we mean by an active volunteer?", "Why are
the Hub's figures shown net?", "What does CRIS stand for?". Not a value: a table row that
merely names the term is not the answer (a glossary row is)."""


_OUTCOME = re.compile(
    r"^\s*(?:did|was|were|has|have|had)\b.{0,80}?\b(?:win|won|approve[ds]?|award(?:ed)?|grant(?:ed)?"
    r"|accept(?:ed)?|succeed(?:ed)?|successful|secure[ds]?|agree[ds]?|sign(?:ed)? off"
    r"|turn(?:ed)? down|reject(?:ed)?)\b",
    re.I | re.S,
)
"""A yes/no question about the outcome of a bid or a decision: "Did we win the £6.5m bid?",
"Did the Brindle Water board approve our renewal?", "Was the stage 2 bid successful?". Not:
"Did we submit the bid?" (an action the log records, not an outcome)."""

ValueKind = Literal["amount", "frequency", "time", "email", "url", "phone"]
_VALUE_QUESTIONS: dict[ValueKind, re.Pattern[str]] = {
    "amount": re.compile(
        r"\b(budget|cost|costs|how much|funding (?:of|amount)|price|spend|spent|£|salary|salaries"
        r"|wage|wages|paid|fee|fees"
        r"|worth(?! \w+ing\b))\b",  # "worth considering" asks for no amount
        re.I,
    ),
    "frequency": re.compile(r"\bhow often\b|\bfrequency\b", re.I),
    "time": re.compile(r"\bwhat time\b|\bat what time\b", re.I),
    "email": re.compile(r"\be-?mail\b", re.I),
    # "which website", "the link to", "web address"; not "the dashboard for the website"
    "url": re.compile(
        r"\b(?:what|which|where)(?:['’]s| is| are)?\s+(?:the\s+|its\s+|their\s+)?"
        r"(?:[\w-]+\s+)?(?:website|web site|url|link|web page|webpage)\b"
        r"|\b(?:url|web address|link to|address of the (?:website|web page))\b",
        re.I,
    ),
    "phone": re.compile(
        r"\b(phone|telephone|(?:number|who|whom) (?:to|do I|should I|can I) call"
        r"|call (?:them|us|on))\b",
        re.I,
    ),  # "the pledges the plan calls for" asks for no phone number
}


@dataclass(frozen=True)
class QuestionIntent:
    asks_owner: bool
    asks_status: bool
    mentions_actions: bool
    asks_list: bool
    expected_count: int | None
    asks_quantity: bool
    asks_when: bool
    asks_for: frozenset[ValueKind] = frozenset()
    asks_meaning: bool = False
    """Kinds of value the answer must contain ("what is the budget" → amount)."""
    asks_outcome: bool = False
    """Whether a bid or decision succeeded: the answer must say how it ended."""

    @property
    def about_actions(self) -> bool:
        """Owner/status questions are answered from the action records first."""
        return self.asks_owner or self.asks_status or self.mentions_actions


def read_intent(question: str) -> QuestionIntent:
    count_match = _COUNT.search(question.lower())
    expected: int | None = None
    if count_match:
        word = count_match.group(1)
        expected = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        if expected is not None and expected > 20:
            expected = None
    asks_for = frozenset(kind for kind, asks in _VALUE_QUESTIONS.items() if asks.search(question))
    return QuestionIntent(
        asks_owner=bool(_OWNER.search(question)),
        asks_status=bool(_STATUS.search(question)) or bool(asked_statuses(question)),
        mentions_actions=bool(_ACTION_WORDS.search(question)),
        asks_list=bool(_LIST.search(question)) or expected is not None,
        expected_count=expected,
        asks_quantity=bool(_HOW_MANY.search(question)),
        asks_when=bool(_WHEN.search(question)),
        asks_for=asks_for,
        asks_meaning=bool(_MEANING.search(question)),
        asks_outcome=bool(_OUTCOME.search(question)),
    )
