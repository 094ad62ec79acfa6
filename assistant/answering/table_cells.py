"""Answers read from a table by its structure: the row the question names, under the column
it names, using the header row ingest stored with the chunk (``structure["table_header"]``).

"How much is budgeted for *Vale Futures Fellowships* in *2026-27*?" names a row label and a
column header of a budget table: the answer is that one cell, with its row and column. A
question that names a row but no column gets the row, each cell after its header. Only rows
whose label is wholly named by the question count, so a question about something else that
shares a word with a row is left to the other routes.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.answering.base import placed_period, table_headers
from assistant.answering.claims import ClaimKind, heading_claim
from assistant.answering.support import question_clauses, this_turn
from assistant.answering.table_rows import extreme, figure_value, row_label, totals_row
from assistant.answering.weights import answer_weights
from assistant.retrieval.corpus_terms import part_labels
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from assistant.retrieval.text import (
    ASKING_VERBS,
    FORM_WORDS,
    ROLE_WORDS,
    STOPWORDS,
    fuzzy_coverage,
    stem,
    tokens,
)
from ingest.lexicon import (
    ACROSS_ALL,
    COST_WORDS,
    FIGURE,
    ITEM_NUMBER,
    NUMBERED_PART,
    SCALE_NOTE,
    SUPERLATIVE,
    TOTAL_ASK,
    TOTAL_LABELS,
    UNIT_QUESTION_WORDS,
    YEAR,
)

TOP_CHUNKS = 5
"""Only tables among the best few chunks are read: a row named in a table nobody retrieved
near the top is more likely a coincidence of words."""
# the two thresholds (share of the question beyond the row the table must hold; share of a
# row label's words a question must name when not all) are gates in weights.json
_DASH = re.compile(r"(?<=\d)\s*[–—/-]\s*(?=\d)|(?<=\w)[–—/-](?=\w)")
"""A dash or slash inside one term ("2026–27", "2026 / 27", "Apr–Jun"); one spaced between
words separates them ("Saltmere Marshes wetland – design")."""
_BRACKETS = re.compile(r"\(([^)]*)\)")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


_SHORT_YEARS = re.compile(r"(?<![\d-])(\d\d)-(\d\d)(?![\d-])")


def _full_years(match: re.Match[str]) -> str:
    """ "26/27" is the year 2026-27; "22-25" the span 2022-2025 (a plan's years)."""
    first, second = int(match.group(1)), int(match.group(2))
    if second == first + 1:
        return f"20{match.group(1)}-{match.group(2)}"
    return f"20{match.group(1)}-20{match.group(2)}" if first < second else match.group(0)


def _words(text: str) -> set[str]:
    """Content words with dashes and slashes between parts made one ("2026–27" = "2026-27" =
    "2026/27", and "26/27" as "2026/27"), possessives dropped ("theme's"), and single digits
    kept ("Aim 2")."""
    text = _SHORT_YEARS.sub(_full_years, _POSSESSIVE.sub("", _DASH.sub("-", text)))
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())}


_FORM = frozenset(stem(w) for w in FORM_WORDS | ASKING_VERBS)
_COST = frozenset(stem(w) for w in COST_WORDS)
_CURRENCY = re.compile(r"[£$€]")
MIN_CLIPPED = 4
"""The shortest clipped word read as the start of a longer one ("prep", "admin")."""


def _unclipped(asked: set[str], table_words: Set[str]) -> set[str]:
    """The question's words, each written short for one word of the table written out in
    full ("REF *prep*" for "REF 2029 preparation", "*admin* costs" for "Administration"):
    a word of four letters or more that begins exactly one longer table word (three letters
    more at least), and is not a table word itself.

    >>> sorted(_unclipped({"ref", "prep", "2028-29"}, {"ref", "2029", "preparation"}))
    ['2028-29', 'preparation', 'ref']
    >>> sorted(_unclipped({"plan"}, {"plan", "planning"}))
    ['plan']
    """
    out = set(asked)
    for word in asked - table_words:
        if len(word) < MIN_CLIPPED or any(ch.isdigit() for ch in word):
            continue
        longer = [w for w in table_words if len(w) >= len(word) + 3 and w.startswith(word)]
        if len(longer) == 1:
            out = (out - {word}) | {longer[0]}
    return out


_ROLES = frozenset(_words(" ".join(ROLE_WORDS)))


def _cell(cells: list[str], column: int) -> str:
    """The cell under ``column``, "" when the row is shorter or the cell empty."""
    return cells[column].strip() if column < len(cells) else ""


_BARE_FIGURE = re.compile(r"^\s*\d[\d,.]*\s*$")
_FIGURE_THEN_UNIT = re.compile(r"^\s*\d[\d,.]*\s*([A-Za-z][\w-]{0,11})\s*$")


def _with_unit(value: str, column: list[str]) -> str:
    """A bare figure with the unit every other figure of its column writes: a Total row's
    "2" under "0.25 FTE", "0.5 FTE" … is "2 FTE".

    >>> _with_unit("2", ["0.25 FTE", "0.5 FTE", "2"]), _with_unit("2", ["0.25 FTE", "3 days"])
    ('2 FTE', '2')
    """
    if not _BARE_FIGURE.match(value):
        return value
    units = [m.group(1) for cell in column if (m := _FIGURE_THEN_UNIT.match(cell))]
    bare = sum(1 for cell in column if _BARE_FIGURE.match(cell))
    if len(units) >= 2 and len(set(units)) == 1 and len(units) >= bare:
        return f"{value.strip()} {units[0]}"
    return value


_NOUN_NUMBER = re.compile(r"\b([A-Za-z]{3,})\s+(\d{1,2})\b(?![/–.,-]\d)")
"""A thing and its number ("year 2", "phase 3"), not the start of "25/26" or "2.5"."""


def _numbers_of_other_parts(question: str, header: _Header) -> set[str]:
    """The numbers the question gives a thing the table's header does not name: the 2 of
    "year 2" in a table headed "Workstream, Cost" (not that of "workstream 2")."""
    return {
        number
        for noun, number in _NOUN_NUMBER.findall(question)
        if stem(noun.lower()) not in header.all_words
    }


def _numbers_of_columns(question: str, header: _Header) -> set[str]:
    """The numbers the question gives a thing the header names: the 3 of "year 3" in a table
    headed "Priority, Year 1, Year 2, Year 3", which a row's "3 clubs" does not take."""
    return {
        number
        for noun, number in _NOUN_NUMBER.findall(question)
        if stem(noun.lower()) in header.all_words
    }


def _numbers(words: set[str]) -> set[str]:
    return {w for w in words if any(ch.isdigit() for ch in w)}


@dataclass(frozen=True)
class CellAnswer:
    """A table row the question names, and the cells it asks for as (header, value) pairs."""

    candidate: Candidate
    label: str
    cells: tuple[tuple[str, str], ...]
    whole_row: bool
    more: tuple[CellAnswer, ...] = ()
    """Other rows of the same table the question names whole, with the same columns asked
    ("the Year 3 targets for *volunteer leadership* and for *young people*")."""
    blank: tuple[str, ...] = ()
    """Headers of the columns asked whose cell this row leaves empty: with no cell given, the
    table does not say ("the long-term goal" of a row whose long-term cell is empty)."""

    @property
    def figures(self) -> bool:
        """Every cell given is a figure ("1,150", "£620,000", "45%")."""
        return all(FIGURE.match(value.strip()) for _, value in self.cells)


def _body_rows(text: str, header: str, width: int) -> list[list[str]]:
    """The cells of each line of a table chunk but its header row, no wider than the header."""
    return [
        cells
        for line in text.split("\n")
        if line != header and len(cells := line.split("\t")) <= width
    ]


@dataclass(frozen=True)
class _Shape:
    """What a table chunk's body says of its columns, read once per chunk and header (a
    chunk's text never changes; a question must not parse it again)."""

    units: list[set[str]]
    numbering: frozenset[int]
    money: bool
    words: frozenset[str]
    """Every word of the chunk, as :func:`_words` reads them (for clipped words)."""


@lru_cache(maxsize=4096)
def _shape(text: str, header: str) -> _Shape:
    width = len(header.split("\t"))
    return _Shape(
        units=_column_units(text, header, width),
        numbering=_numbering_columns(text, header, width),
        money=bool(_CURRENCY.search(text)),
        words=frozenset(_words(text)),
    )


def _column_units(text: str, header: str, width: int) -> list[set[str]]:
    r"""Each column's unit: the word its figures carry in every body row but one (a "Total"
    row's bare "2"). A "Resource" column of "0.25 FTE", "0.75 FTE" … is named by "the total
    FTE" as much as by its header.

    >>> head = "Item\tResource\tCost"
    >>> rows = "\nA\t0.25 FTE\t£20,000\nB\t0.5 FTE\t£30,000\nTotal\t2\t£50,000"
    >>> _column_units(head + rows, head, 3)
    [set(), {'fte'}, {'money'}]
    """
    figures: list[list[set[str]]] = [[] for _ in range(width)]
    for cells in _body_rows(text, header, width):
        for index, cell in enumerate(cells):
            if any(ch.isdigit() for ch in cell):
                words = _words(cell)
                money = {"money"} if _CURRENCY.search(cell) else set()
                figures[index].append(words - _numbers(words) | money)
    units: list[set[str]] = []
    for column in figures:
        counts = Counter(word for words in column for word in words)
        enough = max(2, len(column) - 1)
        units.append({word for word, n in counts.items() if n >= enough})
    return units


def _numbering_columns(text: str, header: str, width: int) -> frozenset[int]:
    r"""Columns whose cells, row after row, count up by one (1, 2, 3 …; a later chunk of the
    table may start at 4): they number the rows, whatever their header says.

    >>> head = "Priorities\t\tShort term\tLong term"
    >>> _numbering_columns(head + "\n1\tFoundations\tPlan\n2\tPrevention\tCare\tCare", head, 4)
    frozenset({0})
    >>> _numbering_columns(head + "\nA\t2\tPlan\nB\t5\tCare", head, 4)
    frozenset()
    """
    columns: list[list[str]] = [[] for _ in range(width)]
    for cells in _body_rows(text, header, width):
        if len(cells) < 2:
            continue  # a line of prose beside the table
        for index, cell in enumerate(cells):
            columns[index].append(cell.strip().rstrip("."))
    return frozenset(
        index
        for index, column in enumerate(columns)
        if len(column) >= 2
        and all(cell.isdigit() for cell in column)
        and all(int(b) == int(a) + 1 for a, b in itertools.pairwise(column))
    )


@dataclass(frozen=True)
class _Header:
    """A table's header row read once per chunk: each column's name as words, whole (outside
    brackets, "Medium term") and bracketed ("2027–28"), and the words of the table's context."""

    names: list[str]
    ways: list[list[set[str]]]
    words: list[set[str]]
    all_words: set[str]
    context: set[str]
    """Words of the header, the section, the title and the table's caption and lead-in."""
    naming: set[str]
    """Words that name the table, not a column: section, title, caption ("our 2030 targets")."""
    money: bool = False
    """Its figures are sums of money (a currency sign in its cells or header): "how much is
    *set aside* for X" asks what its columns hold, in other words."""
    numbering: frozenset[int] = frozenset()
    """Columns that only number the rows (1, 2, 3 …): whatever their header says ("Long-term
    strategic priorities" above 1, 2, 3), no question asks for their cells."""

    @classmethod
    def of(cls, header: str, candidate: Candidate, caption: str = "") -> _Header:
        names = header.split("\t")
        shape = _shape(candidate.chunk.text, header)
        units = shape.units
        ways = []
        carried = Counter(word for unit in units for word in unit)
        for name, unit in zip(names, units, strict=True):
            outside = _words(_BRACKETS.sub(" ", name))
            inside = set().union(*(_words(m) for m in _BRACKETS.findall(name)))
            # the one column of sums of money is asked by "the price", of FTEs by "staffing"
            asking = [
                _words(phrase)
                for kind in unit
                if carried[kind] == 1
                for phrase in UNIT_QUESTION_WORDS.get(kind, ())
            ]
            ways.append([w for w in (outside, inside, unit - {"money"}, *asking) if w])
        words = [_words(name) for name in names]
        naming = _words(" ".join([candidate.chunk.section, candidate.chunk.title, caption]))
        context = naming | _words(header)
        all_words = set().union(*words)
        return cls(names, ways, words, all_words, context, naming, shape.money, shape.numbering)

    def words_naming(self, columns: list[int], asked: set[str]) -> set[str]:
        """The words of ``asked`` that name these columns: their headers' words, and the
        other ways it names them ("staffing" for a column of FTEs)."""
        named = set().union(*(self.words[c] for c in columns if c < len(self.words)))
        for column in columns:
            if column < len(self.ways):
                named |= set().union(*(way for way in self.ways[column] if way <= asked))
        return named

    def role_columns(self) -> list[int]:
        """Columns that name who is in charge ("Lead", "Staff lead", "Owner")."""
        return [i for i, words in enumerate(self.words) if words & _ROLES]

    def with_claimed(self, columns: list[int], asked: ClaimKind | None, label: int) -> list[int]:
        """``columns``, and the one value column (after the row's ``label``) headed as the
        kind of claim asked ("2030 target" for "what are we aiming for?", "Actual" for "what
        did we actually get?") when none of them is; several such columns name none (the
        question's year or period picks one).

        >>> names = ["Goal", "Measure", "2024 baseline", "2030 target"]
        >>> header = _Header(names, [], [], set(), set(), set())
        >>> header.with_claimed([2], "target", label=1)
        [2, 3]
        >>> header.with_claimed([2], None, label=1)
        [2]
        """
        if asked is None or any(heading_claim(self.names[c]) == asked for c in columns):
            return columns
        claimed = [
            c for c, name in enumerate(self.names) if c > label and heading_claim(name) == asked
        ]
        return sorted({*columns, *claimed}) if len(claimed) == 1 else columns

    def named_columns(self, asked: set[str]) -> list[int]:
        """Columns the question names: whole names it holds ("Medium term", "2027–28") or a
        year it gives; with no year of its own, a column's words beside its year ("the
        *baseline* and the *target*" name "2024 baseline" and "2030 target" — the "2030" of
        "the 2030 targets table" names the table); else those sharing most words with it
        ("Lead" and "Budget 2025–26" for "who leads … and how much in 2025-26")."""
        own_numbers = _numbers(asked) - self.naming
        # two years asked of two columns ("the 2030 target …, and where were we in 2024?")
        # name them, though the caption gives the same years
        in_columns = {n for n in _numbers(asked) if any(n in words for words in self.words)}
        if len(in_columns) >= 2:
            own_numbers |= in_columns
        whole = [i for i, ways in enumerate(self.ways) if any(w <= asked for w in ways)]
        dated = [i for i, words in enumerate(self.words) if _numbers(words) & own_numbers]
        if not own_numbers:  # "Year 3" named whole names no other "Year n"
            taken = {frozenset(self.words[i] - _numbers(self.words[i])) for i in whole}
            whole += [
                i
                for i, words in enumerate(self.words)
                if _numbers(words)
                and (plain := words - _numbers(words))
                and plain <= asked
                and frozenset(plain) not in taken
            ]
        if whole or dated:
            return sorted({*whole, *dated} - self.numbering)
        shared = [(len(words & asked), i) for i, words in enumerate(self.words)]
        top = max((n for n, _ in shared), default=0)
        return [i for n, i in shared if n and n == top and i not in self.numbering]


PART_NAMED = 2.0
"""How strongly a row is named by the part label the question gives it ("workstream 2"): as
by two of its words."""
_WHOLE_ROW = re.compile(r"\b(?:whole|entire|full|complete) row\b|\bevery column\b", re.I)
"""A question for every cell of a row: "give me the *whole row* for 'Improve quality' in the
strategic priorities table" (its other words name the table, not a column)."""


def _label_index(
    cells: list[str],
    asked: set[str],
    columns: list[str] | None = None,
    parts: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[int, float] | None:
    """The cell that names the row, and how strongly: the question holds all of its words, or
    all but a qualifier — "Continuation (full-time first degree)" is named by "continuation",
    and "Harrowbridge Enterprise Hub (net)" by "the Enterprise Hub line" (two of its three
    words outside brackets; at least two words, and two thirds of them, must be named). A
    numbered cell is named by its column's name and number too, when the question names
    that part (``columns``: the header's names; ``parts``: the question's
    :func:`~assistant.retrieval.corpus_terms.part_labels`): "2. Define the Offer" under
    "Workstream" is "workstream 2", not one of "the 2 workstreams".

    >>> row, header = ["2. Define the Offer", "£60,000"], ["Workstream", "Cost"]
    >>> _label_index(row, {"cost"}, header, frozenset({("workstream", "2")}))
    (0, 2.0)
    >>> _label_index(row, {"cost", "workstream", "2"}, header) is None  # "the 2 workstreams"
    True
    """
    best: tuple[float, int] | None = None
    for index, cell in enumerate(cells):
        # "Aim 2: Research with impact" is named by all of it, or by either side of its colon
        names = [cell, *cell.split(":", 1)[: 2 if ":" in cell else 0]]
        names += [_BRACKETS.sub(" ", name) for name in names if "(" in name]
        numbered = ITEM_NUMBER.match(cell) if columns and index < len(columns) else None
        label = f"{columns[index]} {numbered[1]}" if numbered and columns else ""
        if label and set(part_labels(label)) & parts and (best is None or best[0] < PART_NAMED):
            best = (PART_NAMED, index)
        for name in names:
            words = _words(name)
            if not words:
                continue
            named = len(words & asked)
            if named == len(words):
                strength = float(named)
            elif named >= 2 and named >= answer_weights().gates.table_partial_label * len(words):
                strength = named - 0.5  # a whole label named beats a partly named one
            else:
                continue
            if best is None or strength > best[0]:
                best = (strength, index)
    return (best[1], best[0]) if best is not None else None


MIN_PLACING_STRENGTH = 1.5
"""A row named by two of its words, wholly (2) or as two of three (1.5, :func:`_label_index`),
places the question in its table."""


def _table_holds(rest: set[str], beyond_row: set[str], header: _Header, strength: float) -> bool:
    """Whether the table holds enough of the question beyond the row it names. A row named by
    two words or more ("Heritage Rivers Fund") places the question in this table, so the
    columns it names count as held; a one-word row ("Total") does not, and the rest must be
    in the table's header, section, title or caption — "the total cost of the *Leveraging
    Relationships* workstream" is not read from another workstream's total."""
    covered = fuzzy_coverage(sorted(rest), header.context)
    if strength < MIN_PLACING_STRENGTH:
        return covered >= answer_weights().gates.table_rest_coverage
    held = len(beyond_row) - len(rest) + covered * len(rest)
    return held >= answer_weights().gates.table_rest_coverage * len(beyond_row)


def _caption(evidence: RetrievalResult, candidate: Candidate) -> str:
    """The lines around a table that are not its rows ("Table 2: Secured funding by funder",
    the paragraph that introduces it), from every retrieved chunk of the same section: a long
    table's later rows sit in a chunk of their own, without the caption."""
    chunk = candidate.chunk
    return " ".join(
        other.chunk.text.split("\t", 1)[0].rsplit("\n", 1)[0] if "\t" in other.chunk.text else ""
        for other in evidence.candidates
        if other.chunk.source == chunk.source and other.chunk.section == chunk.section
    )  # the lines before a chunk's first row: a row's wrapped text is not a caption


def _whole_asked(
    question: str,
    rows: list[list[str]],
    labels: list[tuple[int, float] | None],
    evidence: RetrievalResult,
) -> int | None:
    """The index of a table's totals row when the question asks a figure of the table and
    names none of its other rows (``labels``: each row's named label): "what is the
    volunteer plan's 2025/26 budget?" asks the whole, which the Total row holds; "… on the
    RiverHub licence" names its own row, and "which workstream costs the most?" asks for one
    row among them."""
    intent = evidence.intent
    if not (intent.asks_quantity or "amount" in intent.asks_for) or SUPERLATIVE.search(question):
        return None
    totals = [index for index, cells in enumerate(rows) if totals_row(cells)]
    if len(totals) != 1 or any(
        named for index, named in enumerate(labels) if named and index not in totals
    ):
        return None
    return totals[0]


_YEAR_ASKED = frozenset({stem("year")})
"""What asks a column that is a year: "in which *year* does it peak?"."""


def _extreme_cell(
    cells: list[str], header: _Header, label: int, superlative: re.Match[str]
) -> int | None:
    """The column of a row's highest (or lowest) figure, among two or more, past its label and
    outside a Total column or one that numbers the rows: "in which year does the REF line
    *peak*?" asks which of its years holds the most."""
    figures = [
        (value, column)
        for column, cell in enumerate(cells)
        if column != label
        and column not in header.numbering
        and column < len(header.words)
        and not header.words[column] & TOTAL_LABELS
        and (value := figure_value(cell.strip())) is not None
    ]
    return extreme(figures, superlative) if len(figures) >= 2 else None


def _sections_in_thousands(evidence: RetrievalResult) -> set[tuple[str, str]]:
    """The (source, section) of every retrieved passage saying that figures count thousands of
    pounds ("All figures are in £000s"): the tables of those sections do. Read once per
    question, not once per table."""
    return {
        (c.chunk.source, c.chunk.section)
        for c in evidence.candidates
        if SCALE_NOTE.search(c.chunk.text)
    }


def _pounds(value: str) -> str:
    """A bare figure of a table in thousands of pounds, as the sum it stands for ("300" is
    "£300,000", "2,380" is "£2,380,000"); any other cell stays as written.

    >>> _pounds("300"), _pounds("2,380"), _pounds("0.5"), _pounds("45%")
    ('£300,000', '£2,380,000', '£500', '45%')
    """
    if not _BARE_FIGURE.match(value):
        return value
    return f"£{round(float(value.replace(',', '')) * 1000):,}"


ACROSS_BONUS = 5.0
"""What a table's Total row gains when the question asks a figure of all its rows together:
more than any row label named word for word ("Total Cost of Workstream")."""


def cell_answer(question: str, evidence: RetrievalResult) -> CellAnswer | None:
    """The named cell (or row) of a table among the top chunks, or None."""
    question = TOTAL_ASK.sub(" total ", question)  # "what does it add up to" names the Total row
    whole_row = bool(_WHOLE_ROW.search(question))
    # each part of a question of several, read once: its words, and whether it asks who
    parts = question_clauses(question)
    clauses = [(_words(p), read_intent(p).asks_owner) for p in parts] if len(parts) > 1 else []
    question_words = _words(question)
    # a follow-up's own words (the last sentence of a standalone question) name its row first
    turn = this_turn(question)
    own_words = _words(turn) if turn != question.strip() else set()
    asked_numbers = _numbers(question_words)
    named_parts = frozenset(part_labels(question))  # "workstream 2" names "2. Define …"
    # "which line is the biggest?" asks one row among the others, never their Total (a part
    # asking the total is answered on its own)
    superlative_match = SUPERLATIVE.search(question)
    superlative = superlative_match is not None
    across = bool(ACROSS_ALL.search(question))
    across_words = set().union(*(_words(m.group(0)) for m in ACROSS_ALL.finditer(question)))
    in_thousands: set[tuple[str, str]] | None = None  # read at the first table, once
    found: list[tuple[float, int, CellAnswer, set[str]]] = []  # with the words naming the row
    for rank, candidate in enumerate(evidence.candidates[:TOP_CHUNKS]):
        headers = table_headers(candidate.chunk)
        if not headers:
            continue
        header = _Header.of(headers[0], candidate, _caption(evidence, candidate))
        # a year in the table's title or caption ("Action Plan 2022-2025") is the question's
        # too, unless the columns are years: then the year asked must be one of them
        named_by = set() if YEAR.search(headers[0]) else header.naming
        if in_thousands is None:
            in_thousands = _sections_in_thousands(evidence)
        thousands = bool(SCALE_NOTE.search(headers[0])) or (
            (candidate.chunk.source, candidate.chunk.section) in in_thousands
        )
        glossary = "glossary" in candidate.chunk.block_kinds  # a term named is enough
        if evidence.intent.asks_meaning and not glossary:
            continue  # "what do we mean by X?": a row naming X holds figures, not a meaning
        rows = [
            cells
            for line in candidate.chunk.text.split("\n")
            if len(cells := line.split("\t")) >= 2
            and line not in headers
            and len(cells) <= len(header.names)
        ]
        asked = _unclipped(question_words, _shape(candidate.chunk.text, headers[0]).words)
        labels = [_label_index(cells, asked, header.names, named_parts) for cells in rows]
        all_labels = labels
        if own_words:  # "… the licence line? what's the total?": the row this turn names
            mine = [_label_index(cells, own_words, header.names, named_parts) for cells in rows]
            if any(mine):
                labels = [label if own else None for label, own in zip(labels, mine, strict=True)]
        whole_at = _whole_asked(question, rows, labels, evidence)
        asked_here = asked  # the question's words, and a Total row's when it asks the whole
        if whole_at is not None:
            asked_here = asked | _words(row_label(rows[whole_at]))
            labels[whole_at] = _label_index(rows[whole_at], asked_here, header.names, named_parts)
        # the words naming any row: "… for River Guardian groups and team leaders" names two,
        # and each row's check counts the other's words as the table's
        naming_rows = set().union(
            *(
                _words(cells[named[0]]) & asked
                for cells, named in zip(rows, all_labels, strict=True)
                if named
            )
        )
        # "year 2" is not the "2." that numbers the row "2. Events and visits"
        bound = _numbers_of_other_parts(question, header) - header.all_words - named_by
        column_numbers = _numbers_of_columns(question, header)
        for index, (cells, named_label) in enumerate(zip(rows, labels, strict=True)):
            if named_label is None:
                continue
            line = "\t".join(cells)
            if (asked_numbers - bound) - _words(line) - header.all_words - named_by or (
                bound and bound - _words("\t".join(ITEM_NUMBER.sub("", c) for c in cells))
            ):
                continue  # a year or figure the question names is not in this row or header
            if superlative and totals_row(cells):
                continue
            label, label_strength = named_label
            label_words = _words(cells[label]) & asked_here
            # "year 2 and year 3" name two columns, though a cell ("3 clubs") holds the 3
            columns_asked = asked - (label_words - column_numbers)
            named_columns = [] if whole_row else header.named_columns(columns_asked)
            if any(
                not asks_owner and not header.named_columns(words - label_words)
                for words, asks_owner in clauses
            ):
                named_columns = []  # "…, and what's it for?": no column named, the row answers
            if not whole_row:  # "…, and what are we aiming for?": the column headed a target
                named_columns = header.with_claimed(
                    named_columns, evidence.intent.claim_asked, label
                )
            place = placed_period(question, [header.names[c] for c in named_columns])
            if place is not None:  # "in the final year of the plan"
                named_columns = [named_columns[place]]
            elif not named_columns and not whole_row:  # "… by the end of the plan?"
                place = placed_period(question, header.names)
                named_columns = [place] if place is not None else []
            if evidence.intent.asks_owner and named_columns:  # "… and who leads them?"
                named_columns = sorted({*named_columns, *header.role_columns()})
            naming = _words(cells[label])
            if label in named_columns or _numbers(naming):
                # named by one of its values ("… and team leaders" by "35 team leaders", under
                # the column asked or not): the row is shown by its own label; a name cell
                # ("Marshes wetland – design" beside its programme) stays the row's name
                label = cells.index(row_label(cells))
            # "the *Total* for 2025/26": the label's words name the row, not a column
            asked_columns = [c for c in named_columns if c != label]
            named = [
                (header.names[c], _with_unit(cells[c], [row[c] for row in rows if c < len(row)]))
                for c in asked_columns
                if _cell(cells, c)
            ]
            blank = tuple(header.names[c] for c in asked_columns if not _cell(cells, c))
            beyond_row = asked - label_words - _FORM
            rest = beyond_row - set().union(*(header.words[c] for c in asked_columns))
            rest -= naming_rows
            # words the table holds otherwise: the label column's header, a column's other
            # names ("staffing"), and words for money in a table of sums of money
            rest -= (
                header.words_naming([label, *asked_columns], asked)
                | (_COST if header.money else set())
                | across_words  # "across the two items" asks all the rows: the Total's
            )
            peak = (
                _extreme_cell(cells, header, label, superlative_match)
                if superlative_match is not None and not named and not blank
                else None
            )
            if peak is not None and superlative_match is not None:  # "which year … peak"
                rest -= _words(superlative_match.group(0)) | (
                    _YEAR_ASKED if YEAR.search(header.names[peak]) else set()
                )
            defines = glossary and evidence.intent.asks_meaning  # a term named is enough
            if rest and not defines and not _table_holds(rest, beyond_row, header, label_strength):
                continue  # the question asks about more than this table (or glossary) says
            whole = not named and not blank  # a cell asked and left empty says so
            if whole and evidence.intent.asks_owner and not header.role_columns():
                continue  # "who leads the Digital theme?": a row of its budget names nobody
            if peak is not None:  # "in which year does the line peak?": that year's cell
                named, whole = [(header.names[peak], cells[peak].strip())], False
            if whole:
                named = [(h, v) for i, (h, v) in enumerate(zip(header.names, cells, strict=False))
                         if i != label and v.strip()]  # fmt: skip
            if thousands:
                named = [(h, _pounds(v)) for h, v in named]
            strength = label_strength + (0 if whole else 10)
            if index == whole_at and across:
                strength += ACROSS_BONUS  # the Total of several rows, asked of them all
            answer = CellAnswer(candidate, cells[label], tuple(named), whole, blank=blank)
            found.append((strength, -rank, answer, naming))
    if not found:
        return None
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best = found[0][2]
    if best.whole_row:
        return best
    headers_asked = [header for header, _ in best.cells]
    taken = found[0][3]
    more: list[CellAnswer] = []
    for _, _, other, naming in found[1:]:
        words = naming - _numbers(naming)
        said = words & question_words  # "… and team leaders": the row "20 trained team leaders"
        if (
            other.candidate.chunk.id == best.candidate.chunk.id
            and [header for header, _ in other.cells] == headers_asked
            and len(said) >= 2
            and len(said) >= answer_weights().gates.table_partial_label * len(words)
            and not words & taken
        ):
            more.append(other)
            taken |= words
    return replace(best, more=tuple(more)) if more else best


def _numbered_nouns(*texts: str) -> set[str]:
    """The nouns of the numbered labels in the texts ("Aim 4", "Goal 2" → aim, goal)."""
    return {m.group(1).lower() for text in texts for m in NUMBERED_PART.finditer(text)}


_ONE_TOTAL = re.compile(
    r"(?<!incl )(?<!including )(?<!incl\. )(?<!plus )(?<!and )\btotal\b"
    rf"|{TOTAL_ASK.pattern}",
    re.I,
)
"""A question for one figure of all rows, not for the rows with their total ("… line by line
incl the total")."""


def column_answer(question: str, evidence: RetrievalResult) -> CellAnswer | None:
    """Every row's cell under the one column a question names, when it asks for a list and
    names no row but the total: "what are the Year 2 targets in the volunteer plan? need the
    whole list" is the grid's Year 2 column, each cell with its row ("Grow the volunteer base:
    850 active volunteers", …), and "break down the 25/26 budget line by line incl the
    total" the budget's 2025/26 column. The question's other words must be the table's (its
    header, section, title or caption), as for a cell. None when no table answers so."""
    if not evidence.intent.asks_list or SUPERLATIVE.search(question):
        return None  # "which of the four costs the most?" asks one row among them
    if _ONE_TOTAL.search(question) and ACROSS_ALL.search(question):
        return None  # "across all four workstreams, what's the total cost?" is the Total row
    asked = _words(question)
    named_parts = frozenset(part_labels(question))
    for candidate in evidence.candidates[:TOP_CHUNKS]:
        headers = table_headers(candidate.chunk)
        if not headers:
            continue
        header = _Header.of(headers[0], candidate, _caption(evidence, candidate))
        named = [i for i, ways in enumerate(header.ways) if i and any(w <= asked for w in ways)]
        if len(named) != 1:
            continue
        column = named[0]
        rows = [
            cells
            for line in candidate.chunk.text.split("\n")
            if len(cells := line.split("\t")) > column and line not in headers
        ]
        if len(rows) < 2 or any(
            _label_index(cells, asked, header.names, named_parts) and not totals_row(cells)
            for cells in rows
        ):
            continue  # a row named is the cell route's ("… incl. the total" names no one row)
        if _numbered_nouns(question) & _numbered_nouns(*(row_label(cells) for cells in rows)):
            continue  # "Aim 4" names a row of rows "Aim 1: …", "Aim 2: …", in another chunk
        totals = set().union(*(_words(row_label(cells)) for cells in rows if totals_row(cells)))
        rest = asked - header.words[column] - totals - _FORM
        if (
            fuzzy_coverage(sorted(rest), header.context)
            < answer_weights().gates.table_rest_coverage
        ):
            continue
        under = tuple((row_label(row), row[column]) for row in rows if row[column].strip())
        return CellAnswer(candidate, header.names[column], under, whole_row=False)
    return None
