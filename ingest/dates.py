"""Due dates as trackers write them, read to the last day they allow.

A tracker's due cell may hold a real spreadsheet date, an ISO or UK date (``31/03/2026``), a
month (``Sept 2026``), a quarter (``Q3 2026``, calendar quarters), a season (``Summer 2026``),
a financial year (``2026/27`` ends 31 March 2027), or words that set no date (``ongoing``,
``TBC``). :func:`due_by` gives the last day the cell allows, so "overdue" means that day has
passed; a cell without a year gives ``None`` rather than a guessed one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ingest.lexicon import MONTH_NUMBERS, SEASON_MONTHS

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d\d:\d\d(?::\d\d)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_QUARTER = re.compile(r"\bQ([1-4])\s*(?:[-/ ]\s*)?(?:FY\s*)?((?:19|20)\d\d|'?\d\d)\b", re.I)
_FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[/-]\s*(\d{2}|\d{4})\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b|'(\d\d)\b")
_WORD = re.compile(r"[A-Za-z]+")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if match is None:
        return None
    return int(match.group(1)) if match.group(1) else 2000 + int(match.group(2))


def _full_year(text: str) -> int:
    value = int(text.lstrip("'"))
    return value + 2000 if value < 100 else value


def due_by(value: object) -> date | None:
    """The last day a due cell allows, or ``None`` when it names no dated point.

    >>> due_by("Q3 2026"), due_by("2026/27"), due_by("Sept 2026"), due_by("ongoing")
    (datetime.date(2026, 9, 30), datetime.date(2027, 3, 31), datetime.date(2026, 9, 30), None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value or "").split())
    if not text:
        return None
    if iso := _ISO.match(text):
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if dmy := _DMY.match(text):
        return _valid(_full_year(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    if quarter := _QUARTER.search(text):
        return _month_end(_full_year(quarter.group(2)), 3 * int(quarter.group(1)))
    if (fy := _FINANCIAL_YEAR.search(text)) and not _month_in(text):
        start = int(fy.group(1))
        end = (
            _full_year(fy.group(2))
            if len(fy.group(2)) == 4
            else start // 100 * 100 + int(fy.group(2))
        )
        if end == start + 1:
            return date(end, 3, 31)
    year = _year(text)
    if year is None:
        return None
    month = _month_in(text)
    if month is not None:
        day = _DAY.search(_YEAR.sub(" ", text))
        if day is not None:
            exact = _valid(year, month, int(day.group(1)))
            if exact is not None:
                return exact
        return _month_end(year, month)
    for word in _WORD.findall(text.casefold()):
        if word in SEASON_MONTHS:
            first, last = SEASON_MONTHS[word]
            return _month_end(year + 1 if last < first else year, last)
    return date(year, 12, 31) if re.fullmatch(r"(?:end of |by )?(?:19|20)\d\d", text) else None


def _month_in(text: str) -> int | None:
    for word in _WORD.findall(text.casefold()):
        if word in MONTH_NUMBERS:
            return MONTH_NUMBERS[word]
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_date_like(value: object) -> bool:
    """Whether a cell reads as a due date: a real date, or text :func:`due_by` can place."""
    return due_by(value) is not None
