"""Read an owner cell into the people (or teams) it names, and match a typed name against them.

Owner cells are free text: ``Maya & Matt (with Andy & Steve Fogg)``, ``Matt (& Maya re
accelerators)``, ``Maya + Andy W``, ``Maya (& LEP team)  Maya (with Digital Lancashire)``.
Roles, as a lead would read them:

* ``lead`` — names outside brackets, split on ``&``, ``+``, ``and``, ``,``, ``;``, ``/`` or a
  double space (``Matt & Maya`` has two leads);
* ``co`` — names in a bracket that opens with ``&``/``+``/``and`` (``Matt (& Maya re
  accelerators)``): a joint owner, so the action appears in Maya's draft too;
* ``with`` — names in a bracket that opens with ``with`` (or any other bracket): supporting
  people. They *do* select the action (``--owner Andy`` finds the Innovation Board row) but
  drafts label them "supporting", because the log says they help rather than own.

Qualifiers after a name (``re accelerators``, ``via Rosebud?``, ``- ML``) are not names.
Cells that name nobody (blank, TBC in any alphabet, ``• • •``) give no names; a cut-off cell
like ``Factory)`` (its opening bracket is on a lost line) gives no names either and is marked
``incomplete``: the drafts list such rows under *Needs an owner* instead of guessing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ingest.actionlog import owner_is_missing
from ingest.types import ActionRecord

OwnerRole = Literal["lead", "co", "with"]
_RANK: dict[str, int] = {"lead": 0, "co": 1, "with": 2}
_SPLIT = re.compile(r"\s*(?:&|\+|,|;|/|\band\b|\s{2,})\s*", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s+(?:re|via)\s+.*$|\s+[-–—]\s+.*$", re.IGNORECASE)
_WITH = re.compile(r"^(?:with|supported by|support from|w/)\s*", re.IGNORECASE)
_JOINT = re.compile(r"^(?:&|\+|and)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХаесорх", "ABCEHKMOPTXaecopx")


@dataclass(frozen=True)
class OwnerName:
    """One name from an owner cell, with the part it plays."""

    name: str
    role: OwnerRole


@dataclass(frozen=True)
class OwnerCell:
    """What an owner cell says: names, and whether it names anyone at all."""

    raw: str | None
    names: tuple[OwnerName, ...]
    missing: bool
    """Blank, TBC-like or bullets only: the log says nobody owns it yet."""
    incomplete: bool
    """Brackets do not balance, e.g. ``Factory)``: part of the cell is lost."""

    @property
    def needs_owner(self) -> bool:
        """No lead or joint owner can be read from the cell."""
        return self.missing or not any(n.role != "with" for n in self.names)


def _split_groups(text: str) -> list[tuple[str, bool, bool]]:
    """(text, in_brackets, unmatched) pieces; text before a stray ``)`` is an unmatched piece."""
    groups: list[tuple[str, bool, bool]] = []
    depth, current = 0, ""
    for char in text:
        if char == "(":
            if current.strip():
                groups.append((current, depth > 0, False))
            current, depth = "", depth + 1
        elif char == ")":
            groups.append((current, depth > 0, depth == 0))
            current, depth = "", max(depth - 1, 0)
        else:
            current += char
    if current.strip():
        groups.append((current, depth > 0, False))
    return [(t.strip(), b, u) for t, b, u in groups if t.strip()]


def _clean(name: str) -> str:
    """``Amin via Rosebud?`` → ``Amin``; ``Rachel McQueen - ML`` → ``Rachel McQueen``."""
    name = _QUALIFIER.sub("", name.strip())
    return name.strip(" ?!.:-–—'\"").strip()


def parse_owner(record: ActionRecord) -> OwnerCell:
    """Names and roles in the record's owner cell (see the module docstring)."""
    return _parse_cell(record.owner, record.extra.get("owner_missing") == "true")


@lru_cache(maxsize=8192)
def _parse_cell(raw: str | None, marked_missing: bool) -> OwnerCell:
    """Parsed once per distinct cell: every person question reads every record's owner."""
    if marked_missing or not raw or owner_is_missing(raw):
        return OwnerCell(raw, (), True, False)
    text = raw.translate(_HOMOGLYPHS)
    incomplete = text.count("(") != text.count(")")
    found: dict[str, OwnerName] = {}
    for group, in_brackets, unmatched in _split_groups(text):
        if unmatched:
            continue  # the start of this bracket is lost: do not guess whose name it is
        role: OwnerRole = "lead"
        if in_brackets:
            role = "with"
            if _JOINT.match(group):
                role, group = "co", _JOINT.sub("", group)
            elif _WITH.match(group):
                group = _WITH.sub("", group)
        for part in _SPLIT.split(group):
            name = _clean(part)
            if not _TOKEN.search(name):
                continue
            key = name.casefold()
            if key not in found or _RANK[role] < _RANK[found[key].role]:
                found[key] = OwnerName(name, role)
    return OwnerCell(raw, tuple(found.values()), False, incomplete)


def name_tokens(name: str) -> tuple[str, ...]:
    """Case-folded word tokens of a name (letters only, any alphabet)."""
    return tuple(t.casefold() for t in _TOKEN.findall(name))


def _token_match(a: str, b: str, initials: bool) -> bool:
    return a == b or (initials and (len(a) == 1 or len(b) == 1) and a[0] == b[0])


def tokens_match(query: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whole-token match: ``matt`` ≠ ``matthew``; ``andy`` ~ ``andy w``; ``maya ellis`` ~ ``maya``.

    Every token of the shorter side must equal a token of the longer side; initials
    (``W`` ~ ``Walker``) count only when both sides have two or more tokens.
    """
    if not query or not name:
        return False
    initials = len(query) > 1 and len(name) > 1
    short, long = (query, name) if len(query) <= len(name) else (name, query)
    if not all(any(_token_match(s, t, initials) for t in long) for s in short):
        return False
    # the query's first word must be one of the name's words (no match on an initial alone)
    return any(query[0] == t for t in name) or any(name[0] == t for t in query)


def correct_tokens(query: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    """Small typos fixed against known name tokens (``Mya`` → ``maya``; never ``matthew``)."""
    fixed = []
    for token in query:
        if token in known:
            fixed.append(token)
            continue
        close = difflib.get_close_matches(token, sorted(known), n=1, cutoff=0.75)
        fixed.append(close[0] if close else token)
    return tuple(fixed)
