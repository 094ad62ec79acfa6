"""What a sentence claims: a **target** (what is to be: a commitment, an aim, an ambition) or
a **result** (what is, or has been: a figure reached, a thing done). Read from the sentence's
own wording first and, when that says neither, from the heading it sits under ("Our
ambition" vs "Progress in 2022/23"). Every marker is a row of a table with examples and
non-examples, checked by one parametrised test.

A question asks for one or the other (:attr:`~assistant.retrieval.intent.QuestionIntent.
asks_result`, ``asks_target``): the sentence scorer prefers sentences of the kind asked
(:func:`claim_match`), and a question asking what has happened is refused when the evidence
only states targets (:func:`only_targets`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval.intent import ClaimKind
from ingest.lexicon import PLAN_VERBS

__all__ = [
    "HEADING_MARKERS", "ROW_REFERENCE", "SENTENCE_MARKERS", "ClaimKind", "ClaimMarker", "claim",
    "claim_match", "heading_claim", "only_targets", "sentence_claim", "status_claim",
]  # fmt: skip

ROW_REFERENCE = r"[A-Z]{0,4}[-/]?\d[\w./-]*"
"""A tracker row's number or code ("18", "BC-05", "NZ-21")."""

_TARGET_NOUNS = r"(?:ambition|aim|target|goal|objective|intention|aspiration|plan)s?"
_REPORT_LABELS = r"(?:status|progress|update|outcome|result|latest|position)s?"
"""Labels of a line that reports where things stand ("Status: complete")."""

_PAST_RESULT_VERBS = (
    "achieved|reached|exceeded|surpassed|recorded|rose|fell|grew|dropped|doubled|halved"
    "|completed|delivered|launched|received|secured|attracted|won|hit|met|began|started"
    "|opened|closed|finished|ended|took place|came out"
)


@dataclass(frozen=True)
class ClaimMarker:
    """One way a sentence or heading says what it claims, with texts it must match and must
    not."""

    kind: ClaimKind
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    non_examples: tuple[str, ...] = ()
    opening: bool = False
    """Reads how a line opens (a commitment's verb): a tracker row's status ("Complete") is
    not such a line (:func:`status_claim`)."""


def _marker(
    kind: ClaimKind,
    pattern: str,
    examples: tuple[str, ...],
    non_examples: tuple[str, ...] = (),
    opening: bool = False,
) -> ClaimMarker:
    return ClaimMarker(kind, re.compile(pattern, re.IGNORECASE), examples, non_examples, opening)


SENTENCE_MARKERS: tuple[ClaimMarker, ...] = (
    # a commitment line: a plan's verb or "We will" first
    _marker(
        "target",
        # after a row's number, or a list item's own label ("Knowledge exchange: grow …")
        rf"^\s*(?:Action:\s*)?(?:{ROW_REFERENCE}\s+|(?!{_REPORT_LABELS}\b)[\w ,&'()-]{{1,60}}:\s+)?"
        rf"(?:We will\s+(?:\w+\b)|(?:{'|'.join(sorted(PLAN_VERBS))})\b)",
        (
            "Fix 60 misconnected drains by 2026.",
            "We will begin work on our carbon footprint.",
            "2.5 Submit to REF 2029 with at least 45% of outputs at 4*.",
            "Knowledge Transfer Partnerships: grow from 6 active KTPs to 15.",
        ),
        (
            "We fixed 60 drains in 2024.",
            "Funding rose by 12% last year.",
            "Knowledge Transfer Partnerships: 9 active, 2 awaiting approval.",
            "Status: complete, with 60 drains fixed.",
        ),
        opening=True,
    ),
    # an aim stated as such: "The ambition is to …", "we aim to …", "aims for 4,000 members"
    _marker(
        "target",
        rf"\b{_TARGET_NOUNS}\s+(?:is|are|was|were)\s+(?:to|for|that)\b"
        r"|\b(?:aim|aims|aiming|intend|intends|plan|plans|planning|hope|hopes|hoping|seek|seeks"
        r"|commit|commits|committed)\s+to\b|\b(?:aim|aims|aiming|hoping)\s+(?:for|at)\b"
        r"|\bby (?:the end of |20\d\d\b)|\b(?:will|shall) (?:be |have )?\w+"
        r"|\b(?:due|expected|scheduled|planned|proposed|set) to\b",
        (
            "The ambition is to increase the membership to around 4,000.",
            "We aim to plant 10,000 trees.",
            "Membership should reach 500 by 2028.",
            "The hub will open in spring.",
            "The new hub is due to open on 1 March.",
        ),
        ("Membership reached 1,340 in March.", "The panel has 1,340 members."),
    ),
    # done, or reached: "have been fixed", "was completed", "rose to", "so far", "to date"
    _marker(
        "result",
        r"\b(?:has|have|had)\s+(?:now\s+|already\s+|so far\s+)?(?:been\s+)?\w{2,}(?:ed|en)\b"
        rf"|\b(?:was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b|\b(?:{_PAST_RESULT_VERBS})\b"
        r"|\b(?:so far|to date|last year|this year)\b",
        (
            "Membership reached 1,340 in March.",
            "60 drains have been fixed so far.",
            "The baseline was completed in June.",
            "Funding rose by 12% last year.",
        ),
        ("The panel will have 4,000 members.", "Fix 60 drains."),
    ),
)
"""What a sentence's own wording claims; the first kind found is the sentence's, unless it
also writes the other (then it claims neither: "We have raised £2m and will raise £3m")."""


HEADING_MARKERS: tuple[ClaimMarker, ...] = (
    _marker(
        "result",
        r"\b(?:progress|achievements?|achieved|results?|highlights|updates?|status|latest"
        r"|so far|to date"
        r"|performance|delivered|what we did|year in review|review of (?:the )?year|outturn)\b",
        ("Progress in 2022/23", "Our achievements", "Results so far", "Q2 update", "Status"),
        ("Our ambition", "Targets for 2030"),
    ),
    _marker(
        "target",
        r"\b(?:ambition|aim|target|goal|objective|aspiration)s?\b|\b(?:vision|priorities"
        r"|commitments?|kpis?|key performance indicators?|milestones|what we will do"
        r"|what success looks like|success measures"
        r"|we will)\b",
        (
            "The Trust's Innovation Ambition",
            "Targets for 2030",
            "Our commitments",
            "What success looks like",
        ),
        ("Progress in 2022/23", "Background"),
    ),
)
"""What the heading a sentence sits under claims for it; the result markers are read first
("Progress against our aims" reports progress)."""


def _first_kind(text: str, markers: tuple[ClaimMarker, ...]) -> ClaimKind | None:
    found = {m.kind for m in markers if m.pattern.search(text)}
    if len(found) == 1:
        return found.pop()
    return None


@lru_cache(maxsize=8192)
def sentence_claim(text: str) -> ClaimKind | None:
    """What the sentence's own wording claims, or None.

    >>> sentence_claim("The ambition is to increase the membership to around 4,000.")
    'target'
    >>> sentence_claim("Establishing an online citizen panel of 1,340 people who have agreed.")
    'result'
    >>> sentence_claim("We have raised £2m and will raise £3m by 2027.") is None
    True
    """
    return _first_kind(text, SENTENCE_MARKERS)


@lru_cache(maxsize=4096)
def heading_claim(section: str) -> ClaimKind | None:
    """What the nearest heading of a section path ("A > B > C") with a kind claims, or None;
    a result heading wins over a target one in the same heading.

    >>> heading_claim("Working with communities > Progress in 2022/23")
    'result'
    >>> heading_claim("The Trust's Innovation Ambition")
    'target'
    >>> heading_claim("Key sectors > Emerging tech") is None
    True
    """
    for heading in reversed(section.split(" > ")):
        for marker in HEADING_MARKERS:  # results first
            if marker.pattern.search(heading):
                return marker.kind
    return None


_STATUS_MARKERS = tuple(m for m in SENTENCE_MARKERS if not m.opening)


def status_claim(text: str) -> ClaimKind:
    """What a tracker row's status and update say: where the row stands (a result), unless
    they say what is still to happen ("Due to open 1 March"). A status word that is also a
    plan's verb ("Complete") reports, it does not commit.

    >>> status_claim("Complete; Baseline 61 tCO2e")
    'result'
    >>> status_claim("In progress; Due to open 1 March")
    'target'
    """
    return _first_kind(text, _STATUS_MARKERS) or "result"


def claim(text: str, section: str = "") -> ClaimKind | None:
    """What a sentence claims: its own wording, else its heading's.

    >>> claim("A 20% increase in funding.", "Our ambition")  # the same line reports a result
    'target'
    >>> claim("A 20% increase in funding.", "Progress in 2024")  # under a progress heading
    'result'
    >>> claim("Establishing a citizen panel of 1,340 people.", "Engagement > Progress in 2022/23")
    'result'
    """
    return sentence_claim(text) or heading_claim(section)


def claim_match(asked: ClaimKind | None, text: str, section: str) -> bool:
    """The question asks a target or a result, and the sentence claims that kind."""
    return asked is not None and claim(text, section) == asked


def only_targets(kinds: Iterable[ClaimKind | None]) -> bool:
    """Every sentence's claim (:func:`claim`) says what is to be done or reached, none what
    has been or says neither.

    >>> only_targets([claim("We will begin work on our carbon footprint."),
    ...               claim("Fix 60 drains.")])
    True
    >>> only_targets([claim("Complete a baseline."), claim("Baseline 61 tCO2e; fleet is 58%.")])
    False
    >>> only_targets([claim("A 20% increase in innovation funding.", "Our ambition")])
    True
    """
    kinds = list(kinds)
    return bool(kinds) and all(kind == "target" for kind in kinds)
