"""Which actions a draft covers: by aim, owner and status class, each fuzzy, combined with AND.

A selector that matches nothing is an error a person can act on (:class:`NoMatchError` lists
the closest valid names), never an empty draft that looks like "no actions".

Aims (``aim 1``, ``Aim 5``, ``Staying Ahead``, ``broadening the innovation base``,
``governance``): a number in the query selects the aim with that number; otherwise every
content word must match a word of the aim — equal, a prefix of three letters or more
(``govern``), or a small typo (``Leting``). Owners: whole-name-token match as in
:mod:`ingest.owners` (``Matt`` never matches ``Matthew``), typos fixed only when
nothing matches exactly.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.owners import (
    OwnerName,
    correct_tokens,
    name_tokens,
    parse_owner,
    tokens_match,
)
from ingest.status import STATUS_SYNONYMS, StatusClass, classify_status
from ingest.types import ActionRecord

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_AIM_NUMBER = re.compile(r"\b(?:aim|objective|priority|goal|theme)\s*#?\s*(\d+)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\s*#?(\d+)(?:[.):\s]|$)")
_STOPWORDS = {"the", "a", "an", "of", "to", "and", "for", "in", "on", "aim", "strategic", "s"}


class NoMatchError(LookupError):
    """An aim, owner or status that matches nothing; the message lists the closest names."""

    def __init__(self, kind: str, query: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        hint = f" Closest {kind}s: {', '.join(suggestions)}." if suggestions else ""
        super().__init__(f"No {kind} matches {query!r}.{hint}")


def _closest(query: str, names: Iterable[str], n: int = 5) -> list[str]:
    """Up to n valid names nearest the query (difflib), best first; never empty if names exist."""
    pool = list(dict.fromkeys(names))
    by_fold = {name.casefold(): name for name in pool}
    close = difflib.get_close_matches(query.casefold(), list(by_fold), n=n, cutoff=0.0)
    return [by_fold[c] for c in close] or pool[:n]


# --- aims ---------------------------------------------------------------------------------


def aim_number(aim: str) -> int | None:
    """``Strategic Aim 5 'Letting …'`` → 5; ``3. Broadening`` → 3; ``Governance`` → None."""
    match = _AIM_NUMBER.search(aim) or _LEADING_NUMBER.match(aim)
    return int(match.group(1)) if match else None


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _word_matches(query: str, words: list[str]) -> bool:
    """Equal, a prefix of 3+ letters, or a close spelling (ratio ≥ 0.8)."""
    for word in words:
        if query == word or (len(query) >= 3 and word.startswith(query)):
            return True
        if len(query) >= 4 and difflib.SequenceMatcher(None, query, word).ratio() >= 0.8:
            return True
    return False


def match_aims(query: str, aims: list[str]) -> list[str]:
    """The aims a user's text names (see the module docstring). Raises NoMatchError."""
    number = aim_number(query)
    if number is None and query.strip().isdigit():
        number = int(query.strip())
    if number is not None:
        found = [aim for aim in aims if aim_number(aim) == number]
    else:
        content = [w for w in _words(query) if w not in _STOPWORDS and not w.isdigit()]
        found = [
            aim for aim in aims if content and all(_word_matches(w, _words(aim)) for w in content)
        ]
        if not found and content:
            folded = {aim.casefold(): aim for aim in aims}
            close = difflib.get_close_matches(query.casefold(), list(folded), n=3, cutoff=0.6)
            found = [folded[c] for c in close]
    if not found:
        raise NoMatchError("aim", query, _closest(query, aims))
    return found


# --- owners -------------------------------------------------------------------------------


def owner_names(records: Iterable[ActionRecord]) -> list[str]:
    """Every name read from owner cells, once each (first spelling seen), sorted."""
    names: dict[str, str] = {}
    for record in records:
        for owner in parse_owner(record).names:
            names.setdefault(owner.name.casefold(), owner.name)
    return sorted(names.values(), key=str.casefold)


def owner_match(query: tuple[str, ...], record: ActionRecord) -> OwnerName | None:
    """The best-ranked name in the record's owner cell that the query tokens match."""
    for owner in sorted(
        parse_owner(record).names, key=lambda o: ("lead", "co", "with").index(o.role)
    ):
        if tokens_match(query, name_tokens(owner.name)):
            return owner
    return None


def resolve_owner(query: str, records: list[ActionRecord]) -> tuple[tuple[str, ...], list[str]]:
    """Query tokens (typos fixed if needed) and the owner names they match. Raises NoMatchError."""
    names = owner_names(records)
    tokens = name_tokens(query)
    matched = [n for n in names if tokens_match(tokens, name_tokens(n))]
    if not matched and tokens:
        known = {t for n in names for t in name_tokens(n)}
        tokens = correct_tokens(tokens, known)
        matched = [n for n in names if tokens_match(tokens, name_tokens(n))]
    if not matched:
        raise NoMatchError("owner", query, _closest(query, names))
    return tokens, matched


# --- status -------------------------------------------------------------------------------


def resolve_status(query: str) -> StatusClass:
    """``stalled``, ``at risk``, ``done``, ``on track``, ``scoping`` … → a class."""
    key = " ".join(query.casefold().replace("_", " ").split())
    if key in STATUS_SYNONYMS:
        return STATUS_SYNONYMS[key]
    close = difflib.get_close_matches(key, list(STATUS_SYNONYMS), n=1, cutoff=0.75)
    if close:
        return STATUS_SYNONYMS[close[0]]
    raise NoMatchError("status", query, [c.value for c in StatusClass])


# --- the selection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """A resolved request: applies to any record, current or from an earlier version."""

    aims: tuple[str, ...] | None = None
    owner_tokens: tuple[str, ...] | None = None
    owner_names: tuple[str, ...] = ()
    status_class: StatusClass | None = None
    queries: dict[str, str] = field(default_factory=dict)

    def matches(self, record: ActionRecord) -> bool:
        if self.aims is not None and record.aim not in self.aims:
            return False
        if self.owner_tokens is not None and owner_match(self.owner_tokens, record) is None:
            return False
        if self.status_class is not None:
            return classify_status(record.status, record.rag).status_class is self.status_class
        return True

    def owner_role(self, record: ActionRecord) -> OwnerName | None:
        """How the selected owner appears on this row (``with`` = supporting), if selected."""
        return None if self.owner_tokens is None else owner_match(self.owner_tokens, record)

    def scope(self) -> str:
        """Human words for the title: ``Strategic Aim 5 'Letting the World Know!' · owner Maya``."""
        parts: list[str] = []
        if self.aims is not None:
            parts.append("; ".join(self.aims))
        if self.owner_tokens is not None:
            typed = self.queries.get("owner", "")
            names = ", ".join(self.owner_names)
            same = len(self.owner_names) == 1 and names.casefold() == typed.casefold()
            parts.append(f"owner {names}" if same or not typed else f"owner {typed} ({names})")
        if self.status_class is not None:
            parts.append(f"status {self.status_class.value}")
        return " · ".join(parts) or "all actions"


def resolve_selection(
    records: list[ActionRecord],
    aim: str | None = None,
    owner: str | None = None,
    status: str | None = None,
) -> Selection:
    """Turn the user's words into a Selection over these records. Raises NoMatchError."""
    aims = list(dict.fromkeys(r.aim for r in records if r.aim))
    queries = {k: v for k, v in (("aim", aim), ("owner", owner), ("status", status)) if v}
    matched_aims = tuple(match_aims(aim, aims)) if aim else None
    tokens: tuple[str, ...] | None = None
    names: list[str] = []
    if owner:
        tokens, names = resolve_owner(owner, records)
    status_class = resolve_status(status) if status else None
    return Selection(matched_aims, tokens, tuple(names), status_class, queries)


def aims_of(records: Iterable[ActionRecord]) -> list[str]:
    """Aims in log order, once each (for pickers)."""
    return list(dict.fromkeys(r.aim for r in records if r.aim))
