"""Markdown's own structure read into the plain-text forms the block builder knows.

* a pipe table (``| Measure | 2024–25 |``) becomes tab-separated rows, its ``|---|`` rule a
  blank line, and ``**bold**`` inside cells plain;
* footnotes (``79%[^1]``, ``[^1]: The figure …``) become superscript markers (``79%¹``,
  ``¹ The figure …``), the form PDFs use, so one footnote reader serves both.

Line numbers are kept: every input line gives exactly one output line.
"""

from __future__ import annotations

import re

from ingest.lexicon import TO_SUPERSCRIPT

_RULE_CELL = re.compile(r"^:?-{3,}:?$")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_FOOTNOTE_REF = re.compile(r"\[\^(\d{1,3})\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:\s*")


def _superscript(match: re.Match[str]) -> str:
    return match.group(1).translate(TO_SUPERSCRIPT)


def _table_row(line: str) -> str | None:
    """``| a | b |`` → ``a<TAB>b``; the rule row → ``""``; None for a line that is no row."""
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
        return None
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
    if all(_RULE_CELL.match(c) for c in cells if c) and any(cells):
        return ""
    return "\t".join(_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), c) for c in cells)


def markdown_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        row = _table_row(line)
        if row is not None:
            line = row
        else:
            definition = _FOOTNOTE_DEF.match(line)
            if definition:
                line = (
                    definition.group(1).translate(TO_SUPERSCRIPT) + " " + line[definition.end() :]
                )
        out.append(_FOOTNOTE_REF.sub(_superscript, line))
    return out
