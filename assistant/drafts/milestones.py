"""Dated or board-bound next steps pulled from status text ("Paper to Feb board", "due to open
March 1st", "by March 2021") and from a tracker's Due column.

Only forward-looking wording counts (``due …``, ``by <date>``, ``to/coming to <month> board``,
``planned/scheduled/aiming … <date>``): "ran 2019" or "Innovation Month 2020 held" are history,
not milestones. Month names must be capitalised so the verb "may" is never read as May.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.lexicon import CLAUSE_BREAK, MONTH_NUMBERS

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:20\d\d|'\d\d)"
_DATE = (
    rf"(?:{_MONTH}(?:\s+{_DAY}\b)?(?:,?\s+{_YEAR})?"
    rf"|{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?"
    rf"|(?i:spring|summer|autumn|winter|year[- ]end|end of (?:the )?year)(?:\s+{_YEAR})?"
    rf"|Q[1-4](?:\s+{_YEAR})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|20\d\d-\d\d-\d\d)"
)
_BOARD = rf"(?:(?:{_MONTH}|next|the|a)\s+)?(?:[A-Z][\w&]*\s+)?[Bb]oard(?:\s+meeting)?"
_TRIGGERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:coming to|going to|to|for|at)\s+(?P<when>{_BOARD})\b"),
    re.compile(
        rf"\bdue\s+(?:to\s+(?:[a-z]+\s+){{0,4}}?)?(?:(?:in|on|by|from|for)\s+)?(?P<when>{_DATE})",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:by|before|until)\s+(?:the\s+)?(?:end of\s+)?(?P<when>{_DATE})"),
    re.compile(
        rf"\b(?:planned|scheduled|expected|aiming|targeted|target)\b[^.;]*?\b(?P<when>{_DATE})",
        re.IGNORECASE,
    ),
)
_SENTENCE = CLAUSE_BREAK
_SHEET_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)(?:[ T]00:00(?::00)?)?$")
_CUT_AFTER = re.compile(r"\s+(?:with|which|whilst|while)\s+|\s+\(|;")


@dataclass(frozen=True)
class MilestoneHit:
    """One next step: when (``Feb board``, ``March 1st``) and the clause that says so."""

    when: str
    text: str


def _trim(clause: str, end: int, limit: int = 160) -> str:
    """Keep the clause up to the date; drop trailing asides (``with further investment …``)."""
    cut = _CUT_AFTER.search(clause, end)
    text = clause[: cut.start()] if cut else clause
    text = text.strip().rstrip(".;,: ")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def due_text(due: str) -> str:
    """A Due cell as written, except a spreadsheet date (``2022-06-01 00:00:00``) reads
    ``1 June 2022``."""
    match = _SHEET_DATE.match(due.strip())
    if not match:
        return due.strip()
    day = date.fromisoformat(match.group(1))
    return f"{day.day} {day:%B %Y}"


def find_milestones(status: str, due: str | None = None) -> list[MilestoneHit]:
    """Next steps in one row, in text order; a Due cell comes first."""
    hits: list[MilestoneHit] = []
    if due and due.strip():
        when = due_text(due)
        hits.append(MilestoneHit(when, f"Due {when}"))
    for clause in _SENTENCE.split(status or ""):
        found = [m for p in _TRIGGERS if (m := p.search(clause))]
        if not found:
            continue
        first = min(found, key=lambda m: m.start())
        when = " ".join(first.group("when").split()).rstrip(".")
        when = when[4:] if when.startswith("the ") else when
        hits.append(MilestoneHit(when, _trim(clause, first.end())))
    return hits


_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "winter": 12, "year": 12, "end": 12}


def when_parts(when: str) -> tuple[int | None, int | None]:
    """(year, month) a milestone's ``when`` names, each None when it does not say."""
    iso = re.search(r"(20\d\d)-(\d\d)-\d\d", when)
    if iso:
        return int(iso.group(1)), int(iso.group(2))
    slashed = re.search(r"\d{1,2}/(\d{1,2})/(\d{2,4})", when)
    if slashed:
        short = int(slashed.group(2))
        return (short + 2000 if short < 100 else short), int(slashed.group(1))
    year_match = re.search(r"\b20\d\d\b|'(\d\d)\b", when)
    year: int | None = None
    if year_match:
        year = 2000 + int(year_match.group(1)) if year_match.group(1) else int(year_match.group(0))
    month: int | None = None
    for word in re.findall(r"[A-Za-z]+", when):
        key = word.casefold()
        if key in MONTH_NUMBERS:
            month = MONTH_NUMBERS[key]
            break
        if key in _SEASON_MONTH:
            month = _SEASON_MONTH[key]
            break
    quarter = re.search(r"\bQ([1-4])\b", when)
    if month is None and quarter:
        month = 3 * int(quarter.group(1)) - 2
    return year, month


def calendar_order(whens: list[str]) -> list[int]:
    """Indices of ``whens`` in calendar order; a date without a year takes the year most
    others give (a log written in one season rarely says the year twice); undated last."""
    parts = [when_parts(w) for w in whens]
    years = [y for y, _ in parts if y is not None]
    usual = max(set(years), key=years.count) if years else 0

    def key(index: int) -> tuple[int, int, int]:
        year, month = parts[index]
        if month is None and year is None:
            return (1, 0, index)
        return (0, (year or usual) * 12 + (month or 12), index)

    return sorted(range(len(whens)), key=key)
