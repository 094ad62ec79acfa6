"""Remove extraction noise from text pulled out of PDFs and spreadsheets.

Each rule is a small function so that a test can show what it removes and what it keeps.
"""

from __future__ import annotations

import re

from ingest.lexicon import BULLET_GLYPHS

_HTML_LIST_ITEM = re.compile(r"\s*<li[^>]*>\s*", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:ul|ol|li|p|br|div|span|strong|em|b|i)\b[^>]*>", re.IGNORECASE)
_DOT_LEADER = re.compile(r"(?:\s*\.){4,}\s*")
_DOT_ONLY_LINE = re.compile(r"^\s*(?:[.·…]\s*){3,}$")
_IMAGE_DESCRIPTION = re.compile(
    r"^\s*(?:An?|The)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:image|photo|photograph|picture|illustration|icon|logo|graphic|diagram|stack|speech bubble"
    r"|vertical stack|horizontal stack)\b.*$",
    re.IGNORECASE,
)
_IMAGE_VERBS = re.compile(
    r"\b(?:positioned|depict(?:s|ing)?|shows?|showing|containing the text|in various colou?rs|"
    r"is sharpened|are sharpened|point to the (?:right|left)|background)\b",
    re.IGNORECASE,
)
_BULLET_GLYPHS = re.compile(rf"^\s*[{BULLET_GLYPHS}-]\s*")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \u00a0]{2,}")


def strip_html_lists(text: str) -> str:
    """Turn ``<ul style=…><li>`` fragments into inline ``•`` bullets; drop the remaining tags.

    Bullets stay on the same line so that a table row (one line, tab-separated) stays one row
    and line numbers keep pointing at the original file.
    """
    text = _HTML_LIST_ITEM.sub(" • ", text)
    return _SPACES.sub(" ", _HTML_TAG.sub(" ", text))


def strip_dot_leaders(line: str, gap: str = " ") -> str:
    """``Introduction ........ 3`` → ``Introduction 3``; a line of dots alone → empty. ``gap``
    replaces the dots (a wide gap keeps the entry and its page number in separate cells)."""
    if _DOT_ONLY_LINE.match(line):
        return ""
    return _DOT_LEADER.sub(gap, line)


def is_image_description(line: str) -> bool:
    """Alt-text a PDF extractor wrote for a picture: ``A red speech bubble … positioned above …``.

    Needs both the opening ("A … image/stack/bubble") and a describing verb, so that ordinary
    sentences beginning "A collaborative approach…" survive.
    """
    return bool(_IMAGE_DESCRIPTION.match(line)) and bool(_IMAGE_VERBS.search(line))


def clean_lines(text: str) -> list[str]:
    """Apply every line rule, returning exactly one (possibly emptied) line per input line.

    Noise lines become empty rather than disappearing, so line numbers in citations still
    point at the original file; the block builder skips the blank runs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = []
    for line in text.split("\n"):
        if is_image_description(line):
            lines.append("")
            continue
        lines.append(strip_dot_leaders(strip_html_lists(line)).rstrip())
    return lines


def clean_text(text: str) -> str:
    """Cleaned text with runs of blank lines collapsed (for display and plain loaders)."""
    return _BLANK_RUNS.sub("\n\n", "\n".join(clean_lines(text))).strip("\n")


def normalise_spaces(text: str) -> str:
    """Collapse runs of spaces (not newlines or tabs, which carry table structure)."""
    return _SPACES.sub(" ", text)


def strip_bullet(line: str) -> str:
    return _BULLET_GLYPHS.sub("", line, count=1)
