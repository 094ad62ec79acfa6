"""Answers read from labelled table rows: "Vision<TAB>Improve lives …", "Jul 23<TAB>Sign off …".

Plans often put their key facts in tables whose first cell names the row (a plan-on-a-page:
Vision / Priority / Actions; a roadmap: one row per month). Sentence extraction cannot read
them: the label and the value are in different cells and no sentence joins them. A row is used
when its label is what the question asks for ("What is the *vision* …", "What are the four
*priorities* …") or the month and year it asks about ("What happens in *July 2023* …"). When a
header row names columns and the question names one ("Under the *Commercial R&I* priority …"),
only that column's cell is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.answering.base import placed_period, table_headers
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import best_similarity, content_words
from ingest.lexicon import FIGURE, MONTH_WORD, NUMBER_WORDS, SUPERLATIVE, TOTAL_LABELS
from ingest.sentences import PERIOD_LABEL
from ingest.types import Chunk

MAX_LABEL_WORDS = 4
MAX_DATE_ROWS = 4
_MONTH = rf"({MONTH_WORD})"
_QUESTION_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{4}}|\d{{2}})\b", re.I)
_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|a|an|its|their)\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|main|key)\s+)?"
    r"((?:[a-z&'-]+\s+){0,2}?[a-z&'-]+)"
    r"(?=\s+(?:of|for|in|on|at|does|do|did|is|are|will|would|has|have|that|which|set|under"
    r"|sits?|comes?|falls?|belongs?|goes|go|appears?|fits?|lies?)\b|\s*\?)",
    re.I,
)


@dataclass
class RowAnswer:
    rows: list[tuple[str, str]]  # (label, value) as written
    candidate: Candidate
    is_list: bool
    column: str = ""  # the header cell of the one column given, when the question named it
    heading: str = ""
    """The row's label when ``rows`` are its cells under several named columns, each paired
    with its column's header ("Short-term 1-3 years", "Three-year system financial plan.")."""
    value_candidates: list[Candidate] = field(default_factory=list)
    """The chunk each of ``rows`` came from, when a long row was chunked in pieces (each piece
    keeps the row's label); empty when every row is in ``candidate``."""

    @property
    def continued(self) -> list[Candidate]:
        """The other chunks holding pieces of the row, in document order."""
        others = (c for c in self.value_candidates if c.chunk.id != self.candidate.chunk.id)
        return list({c.chunk.id: c for c in others}.values())


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) % 100


def _cells(line: str) -> list[str]:
    """A row's cells in their columns: an empty cell keeps its place (a header with nothing
    over the row labels, a row with no value in one column); empty cells at the end, which
    a text table drops anyway, are left out."""
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _rows(text: str) -> list[list[str]]:
    rows = (_cells(line) for line in text.splitlines() if "\t" in line)
    return [cells for cells in rows if sum(1 for cell in cells if cell) > 1]


def _label_at(row: list[str]) -> int:
    """Where the row's label is: its first filled cell, past a leading row number
    ("3<TAB>Integrate and strengthen primary care<TAB>…" is labelled by the name)."""
    filled = [index for index, cell in enumerate(row) if cell]
    if len(filled) > 2 and _ROW_NUMBER.match(row[filled[0]]):
        return filled[1]
    return filled[0]


def row_label(row: list[str]) -> str:
    """The cell naming the row (:func:`_label_at`)."""
    return row[_label_at(row)]


def _values(row: list[str]) -> list[str]:
    """The row's filled cells after its label."""
    return [cell for cell in row[_label_at(row) + 1 :] if cell]


def _has(row: list[str], index: int) -> bool:
    """Whether the row has a value in column ``index``."""
    return index < len(row) and bool(row[index])


def asked_for(question: str) -> list[str]:
    """The words naming what a "what/which …" question asks for: "the four *priorities* of",
    "what *actions* sit under …"."""
    match = _ASKED.search(question)
    return content_words(match.group(1)) if match else []


def _key(word: str) -> str:
    """ "priority", "priorities" (stemmed "prioriti") and "priority's" share one key."""
    return re.sub(r"(?:ies|ie|i|y|s)$", "", word)


def _covered(words: list[str], by: list[str]) -> bool:
    keys = {_key(w) for w in by}
    return all(_key(w) in keys or best_similarity(w, by, 0.8) >= 0.8 for w in words)


def _label_matches(label: str, asked: list[str]) -> bool:
    words = content_words(label)
    if not words or len(words) > MAX_LABEL_WORDS or not asked or any(w.isdigit() for w in words):
        return False
    # both ways: "Total" must not answer "total cost", nor "Total cost of X" answer "cost"
    return _covered(words, asked) and _covered(asked, words)


def _date_matches(label: str, wanted: list[tuple[str, int]]) -> bool:
    match = PERIOD_LABEL.match(label)
    if not match:
        return False
    start_month, start_year, _, end_year = match.groups()
    year = _year(start_year) if start_year else _year(end_year)  # "May – Jun 23"
    return (start_month.lower()[:3], year) in wanted if year is not None else False


def _label_words(label: str) -> list[str]:
    """ "1.Leveraging Existing Relationships" → leverag, exist, relationship."""
    return content_words(re.sub(r"^\s*\d{1,2}[.)]\s*", "", label))


def _label_and_column(
    rows: list[list[str]], columns: list[Column], row: list[str], asked: list[str], question: str
) -> tuple[int, str] | None:
    """(index, header) when the row's label and a column header together are what is asked:
    "the *total cost*" is the "Total" row's "Cost" cell."""
    words = content_words(row_label(row))
    if not words or len(words) > MAX_LABEL_WORDS or not _covered(words, asked):
        return None
    rest = [w for w in asked if not _covered([w], words)]
    topic = set(content_words(question)) - set(asked)
    if not rest or any(len(topic & set(_label_words(row_label(other)))) >= 2 for other in rows):
        return None  # "the total cost of the Leveraging Relationships workstream" is one row's
    for header, index, cell in columns:
        # a totals row often ends early (its trailing empty cells are dropped), so its cells
        # line up with the header's first ones
        if header is row or not _has(row, index):
            continue
        if _covered(rest, content_words(cell)) and _covered(content_words(cell), rest):
            return index, cell
    return None


# a column's span after its name: "Short-term 1-3 years", "Year 1 (2022/23)"
_SPAN = re.compile(r"\s*\(?\d[\d\s/–-]*(?:years?|months?)?\)?$", re.I)
_ROW_NUMBER = re.compile(r"^\d{1,2}[.)]?$")


def _column_name(cell: str) -> str:
    """A header cell without its span, in words: "Short-term 1-3 years" is "Short term"."""
    return (_SPAN.sub("", cell) or cell).replace("-", " ")


Column = tuple[list[str], int, str]  # (header row, index, header cell)


def _named_columns(rows: list[list[str]], words: set[str]) -> list[Column]:
    """Every header cell past the first whose name the question (its ``words``) uses: the
    columns it names ("Under the *Commercial R&I* priority", "costs the most")."""
    named: list[Column] = []
    width = max((len(row) for row in rows), default=0)
    for header in rows:
        # a header with nothing over a leading row-number column is that much shorter than
        # the table's rows: its cells stand over the rows' last ones
        shift = max(0, width - len(header))
        for index, cell in enumerate(header[1:], start=1):
            cell_words = content_words(_column_name(cell)) + _SMALL_NUMBER.findall(cell)
            if cell_words and all(word in words for word in cell_words):
                named.append((header, index + shift, cell))
    return named


def _period_by_place(columns: list[Column], question: str) -> list[Column]:
    """Of the dated columns the question names, the one it places ("the *final year*")."""
    place = placed_period(question, [cell for _, _, cell in columns])
    return columns if place is None else [columns[place]]


_SMALL_NUMBER = re.compile(r"(?<![\d.,/–-])\b\d{1,2}\b(?![\d.,/–-])")
"""A column's number ("Year *2*", "Phase *3*"): a question naming the column names it too,
in digits or in words ("in year two")."""


def _question_words(question: str) -> list[str]:
    """The question's content words, with the small numbers it writes in digits or words
    ("year two" → "2"), to match numbered columns."""
    numbers = [str(n) for w, n in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", question, re.I)]
    return content_words(question) + _SMALL_NUMBER.findall(question) + numbers


def _column(columns: list[Column], row: list[str]) -> tuple[int, str] | None:
    """(index, header) of the value column the question names through a header cell."""
    for header, index, cell in columns:
        if header is not row and _has(row, index):
            return index, cell
    return None


def _named_row(
    rows: list[list[str]], columns: list[Column], words: list[str], candidate: Candidate
) -> RowAnswer | None:
    """ "For the 'Strengthen our foundations' priority, what's aimed for in the short term and
    in the medium term?": the row the question (its ``words``) names by its label, read in the
    columns it names by their headers, those of the first header row naming any. A leading row
    number ("1") is not the label."""
    if not columns:
        return None
    for row in rows:
        name = row_label(row)
        label = content_words(name)
        if not 2 <= len(label) <= MAX_LABEL_WORDS or not _covered(label, words):
            continue
        headers = [header for header, _, _ in columns if header is not row]
        if not headers:
            continue
        named = [
            (index, cell)
            for header, index, cell in columns
            if header is headers[0] and _has(row, index)
        ]
        if len(named) == 1:
            index, cell = named[0]
            return RowAnswer([(name, row[index])], candidate, False, column=cell)
        if named:
            picked = [(cell, row[index]) for index, cell in named]
            return RowAnswer(picked, candidate, is_list=True, heading=name)
    return None


def _held(words: list[str], held: list[str]) -> int:
    """How many of ``words`` are among the ``held`` ones."""
    return sum(1 for w in words if _covered([w], held))


def _cell_under_named_column(
    rows: list[list[str]],
    columns: list[Column],
    words: list[str],
    candidate: Candidate,
    others: list[Candidate],
) -> RowAnswer | None:
    """ "Under the *Embed R&I* priority, whose *pledges* does the plan call for?": in the column
    the question (its ``words``) names by its header, the cell holding most of its other words
    (not the header row's nor the document title's), the first such row on a tie; unless a
    sentence among ``others`` that names the column holds more of them: it says it better
    ("8.1 Provider collaborative establish approach for commercial R&I activity")."""
    for header, index, cell in columns:
        known = set(content_words(f"{header[0]} {cell} {candidate.chunk.title}"))
        topic = [w for w in words if w not in known]

        best: tuple[int, list[str]] | None = None
        for row in rows:
            if row is header or not _has(row, index):
                continue
            found = _held(topic, content_words(row[index]))
            if found and (best is None or found > best[0]):
                best = (found, row)
        if best is None:
            continue
        column_words = content_words(_column_name(cell))
        sentences = (content_words(s.text) for c in others for s in c.sentences)
        said = max(
            (_held(topic, held) for held in sentences if _covered(column_words, held)), default=0
        )
        if said > best[0]:
            return None
        row = best[1]
        return RowAnswer([(row_label(row), row[index])], candidate, is_list=False, column=cell)
    return None


_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9}


def figure_value(cell: str) -> float | None:
    """The number a cell holds when the cell is only a figure ("£60,000", "0.75", "40k")."""
    match = FIGURE.match(cell.replace("FTE", "").strip())
    if not match:
        return None
    return float(match.group(1).replace(",", "")) * _SCALE.get((match.group(2) or "").lower(), 1)


T = TypeVar("T")


def extreme(values: list[tuple[float, T]], superlative: re.Match[str]) -> T:
    """What goes with the highest figure of ``values`` when the superlative asks the greatest
    (:data:`~ingest.lexicon.SUPERLATIVE`'s first group: "most", "peak"), else with the
    lowest."""
    pick = max if superlative.group(1) else min
    return pick(values, key=lambda value: value[0])[1]


_ITEM_ASKED = re.compile(
    r"\b(?:single\s+)?(?:item|line|row|entry|cost|expense|heading)s?\b(?!\s+(?:of|for)\b)", re.I
)
"""A superlative over a table's rows without naming a column: "the *biggest single item*",
"the largest *line* in it"."""


def _only_figure_column(rows: list[list[str]]) -> list[Column]:
    """The one column past the label that holds figures in two rows or more (the "2025/26 £"
    of an "Item | 2025/26 £" budget), as a named column; none when there are several."""
    if not rows:
        return []
    header = rows[0]
    found = [
        index
        for index in range(1, len(header))
        if sum(figure_value(row[index]) is not None for row in rows[1:] if _has(row, index)) >= 2
    ]
    return [(header, found[0], header[found[0]])] if len(found) == 1 else []


def totals_row(row: list[str]) -> bool:
    """A row labelled as a total ("Total", "Grand total"): it is no item of the table."""
    words = set(content_words(row_label(row)))
    return bool(words) and words <= TOTAL_LABELS


def _extreme_row(
    rows: list[list[str]], columns: list[Column], question: str, candidate: Candidate
) -> RowAnswer | None:
    """ "Which workstream costs the most?": the row with the highest (or lowest) figure in the
    column the question names by its header, among the table's rows (not a "Total" row)."""
    superlative = SUPERLATIVE.search(question)
    if not superlative:
        return None
    if not columns and _ITEM_ASKED.search(question):
        columns = _only_figure_column(rows)  # "the biggest single item" of a one-column table
    for header, index, cell in columns:
        values = [
            (figure, row)
            for row in rows
            if row is not header and _has(row, index) and not totals_row(row)
            and (figure := figure_value(row[index])) is not None
        ]  # fmt: skip
        if len(values) >= 2:
            best = extreme(values, superlative)
            return RowAnswer(
                [(row_label(best), best[index])], candidate, is_list=False, column=cell
            )
    return None


def row_answer(question: str, evidence: RetrievalResult, limit: int = 30) -> RowAnswer | None:
    """Rows of the best-ranked candidates whose label answers the question, or None."""
    wanted = [
        (m.group(1).lower()[:3], int(m.group(2)) % 100) for m in _QUESTION_DATE.finditer(question)
    ]
    asked = asked_for(question)
    words = content_words(question)
    word_set = set(_question_words(question))
    for candidate in evidence.candidates[:limit]:
        rows = _rows(candidate.chunk.text)
        if wanted:
            dated = [r for r in rows if _date_matches(row_label(r), wanted)]
            if dated:
                single = sorted(dated, key=lambda r: "–" in row_label(r) or "-" in row_label(r))
                picked = [(row_label(r), " ".join(_values(r))) for r in single[:MAX_DATE_ROWS]]
                return RowAnswer(picked, candidate, is_list=len(picked) > 1)
            continue
        columns = _period_by_place(_named_columns(rows, word_set), question)
        extreme = _extreme_row(rows, columns, question, candidate)
        if extreme is not None:
            return extreme
        named = _named_row(rows, columns, words, candidate)
        if named is not None:
            return named
        headers = _header_rows(candidate)
        for row in rows:
            if tuple(row) in headers:
                continue  # "Goal | Measure | …" names the columns: it answers no "what goals"
            label = row_label(row)
            if not _label_matches(label, asked):
                total = _label_and_column(rows, columns, row, asked, question)
                if total is not None:  # "total cost": the "Total" row's "Cost" cell
                    index, header = total
                    return RowAnswer([(label, row[index])], candidate, False, column=header)
                continue
            column = _column(columns, row)
            if column is not None:
                index, header = column
                return RowAnswer([(label, row[index])], candidate, is_list=False, column=header)
            return _whole_row(label, candidate, evidence.candidates[:limit])
        others = evidence.candidates[:limit]
        cell = _cell_under_named_column(rows, columns, words, candidate, others)
        if cell is not None:
            return cell
    return None


def _header_rows(candidate: Candidate) -> set[tuple[str, ...]]:
    """The chunk's table header rows, as :func:`_rows` reads them."""
    return {tuple(_cells(header)) for header in table_headers(candidate.chunk)}


def labelled_rows(chunk: Chunk) -> list[tuple[str, str]]:
    """A table's body rows as (row label, its values named by their columns): "Young people",
    "Year 1: Young River Rangers pilot · Year 2: 3 clubs · …". Header rows are not items."""
    headers = [_cells(header) for header in table_headers(chunk)]
    header_set = {tuple(header) for header in headers}
    header = headers[-1] if headers else []
    out = []
    for row in _rows(chunk.text):
        if tuple(row) in header_set:
            continue
        at = _label_at(row)
        shift = max(0, len(row) - len(header))  # no header cell over a row-number column
        named = [
            f"{header[i - shift]}: {cell}"
            if 0 <= i - shift < len(header) and header[i - shift]
            else cell
            for i, cell in enumerate(row)
            if i > at and cell
        ]
        if named:
            out.append((row[at], " · ".join(named)))
    return out


def _whole_row(label: str, found: Candidate, candidates: list[Candidate]) -> RowAnswer:
    """Every value of the row labelled ``label`` in ``found``'s document, from each retrieved
    chunk holding a piece of it, in document order."""
    pieces = sorted(
        (c for c in candidates if c.chunk.source == found.chunk.source),
        key=lambda c: c.chunk.position,
    )
    rows: list[tuple[str, str]] = []
    sources: list[Candidate] = []
    for candidate in pieces:
        headers = _header_rows(candidate)
        for row in _rows(candidate.chunk.text):
            if row_label(row) == label and tuple(row) not in headers:
                values = _values(row)
                rows.extend((label, value) for value in values)
                sources.extend(candidate for _ in values)
    return RowAnswer(
        rows, sources[0] if sources else found, len(rows) > 1, value_candidates=sources
    )
