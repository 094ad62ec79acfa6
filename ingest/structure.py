"""Recover a document's own structure (headings, lists, table rows, paragraphs) from text.

The inputs are text extracted from PDFs and spreadsheets: hard-wrapped lines, tab-separated
table rows, bullet glyphs, bold markers and headings that are just short lines on their own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ingest.cleaning import normalise_spaces
from ingest.document_model import signature_parts, type_blocks
from ingest.lexicon import LEADING_BULLET, PART_HEADING, SUPERSCRIPT_DIGITS, footnote_marks
from ingest.sentences import GOES_ON_WORDS
from ingest.types import Block

_NOTE = re.compile(rf"^(?:[{SUPERSCRIPT_DIGITS}]+|\[\^\w{{1,3}}\]:)\s*\S")
"""A footnote's first line ("¹ The £24.6m figure …", "[^2]: The grant rises …"): each note
starts a block of its own, like a list item."""
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*$")
_BULLET = LEADING_BULLET
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\(?[a-z]\))\s+(?=\S)")
_TERMINAL_PUNCT = re.compile(r"[.;,!?)]$")
_TOC_ROW = re.compile(r"^[^\t]{2,}\t\s*\d{1,3}\s*$")
_MIN_TOC_ROWS = 3
_CONTENTS_HEADINGS = {"contents", "table of contents", "contents page"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&-]*")


def _is_heading_line(line: str, alone: bool) -> tuple[bool, int]:
    """(is it a heading, level) for one line of plain text.

    Level 1: Markdown ``#`` and bold lines (and, in :func:`text_to_blocks`, lines listed in the
    document's own table of contents). Level 2: ALL-CAPS lines and a plan's numbered parts
    ("Workstream 2", "Aim Four", "Goal 1: Clean water"). Level 3: a short line standing alone
    that does not end like a sentence.
    """
    stripped = line.strip()
    if not stripped or "\t" in stripped:
        return False, 0
    md = _MD_HEADING.match(stripped)
    if md:
        return True, len(md.group(1))
    if _BOLD_LINE.match(stripped) and len(stripped) <= 120:
        return True, 1
    if _BULLET.match(stripped) or _NUMBERED.match(stripped):
        return False, 0
    words = _WORD.findall(stripped)
    if not words or len(stripped) > 90 or len(words) > 12:
        return False, 0
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True, 2
    if PART_HEADING.match(stripped):
        return True, 2
    # a lead-in ("It will target four complementary Missions:") or a sentence that lost its
    # full stop ("In 2019, Lancaster University opened a campus in Leipzig, Germany") is text
    sentence_like = (
        stripped.endswith(":") or len(words) > 8 or ("," in stripped and len(words) >= 6)
    )
    if (
        alone
        and (stripped[0].isupper() or stripped[0].isdigit())
        and not _TERMINAL_PUNCT.search(stripped)
        and not sentence_like
    ):
        return True, 3
    return False, 0


_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+\S")


def _listed_level(text: str) -> int:
    """The level of a heading the document's contents list: by the depth of its number ("2
    Our research themes" 1, "2.1 Healthy Ageing" 2, under it), else 1.

    >>> [_listed_level(t) for t in ("2 Our themes", "2.1 Healthy Ageing", "Foreword")]
    [1, 2, 1]
    """
    numbered = _SECTION_NUMBER.match(text)
    return numbered.group(1).count(".") + 1 if numbered else 1


def _heading_text(line: str) -> str:
    stripped = line.strip()
    md = _MD_HEADING.match(stripped)
    if md:
        return md.group(2).strip()
    bold = _BOLD_LINE.match(stripped)
    if bold:
        return bold.group(1).strip()
    return stripped.rstrip(":").strip()


def _paragraph_groups(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of runs of non-blank lines."""
    groups: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            groups.append((start, i))
            start = None
    if start is not None:
        groups.append((start, len(lines)))
    return groups


def _join_bold_run(lines: Sequence[str], start: int, end: int) -> str | None:
    """A bold title hard-wrapped over several lines: ``**Strategy for\\n…\\n2023-2026**``."""
    text = " ".join(line.strip() for line in lines[start:end])
    if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
        return text[2:-2].strip()
    return None


def _table_of_contents_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of ``Title<TAB>page`` lines in runs of at least three.

    Blank lines (the dot leaders between entries clean to blanks) do not break a run; any other
    line does, so an ordinary two-column table row such as ``Year<TAB>2`` is kept.
    """
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "end of text"]):
        stripped = line.strip()
        if not stripped:
            continue
        if _TOC_ROW.match(stripped):
            run.append(i)
            continue
        if len(run) >= _MIN_TOC_ROWS:
            found.update(run)
        run = []
    return found


def _cell_count(line: str) -> int:
    return len(line.strip(" ").rstrip("\t ").split("\t"))


def _placed_rows(lines: Sequence[str], start: int, end: int) -> set[int]:
    """Lines of tab-separated tables whose empty cells hold columns in place, so are kept: a
    header "Priorities<tab><tab>Short term<tab>Medium term" over rows "1<tab>Foundations<tab>…"
    has an empty cell above the row names. Kept when the table's rows line up with its header
    that way (most rows as wide as the header, none wider); otherwise doubled tabs are spacing
    ("FTE 0.75<tab><tab>Months 12") and are read as one."""
    placed: set[int] = set()
    index = start
    while index < end:
        if "\t" not in lines[index]:
            index += 1
            continue
        run = index
        while run < end and "\t" in lines[run]:
            run += 1
        counts = [_cell_count(lines[i]) for i in range(index, run)]
        header = counts[0]
        lined_up = sum(count >= header - 1 for count in counts[1:])
        if run - index >= 3 and max(counts) == header and lined_up >= 2 * (run - index - 1) / 3:
            placed.update(range(index, run))
        index = run
    return placed


def text_to_blocks(lines: Sequence[str], pages: Sequence[int | None] | None = None) -> list[Block]:
    """Turn cleaned lines into blocks; ``line_start``/``line_end`` are 1-based file lines."""
    blocks: list[Block] = []
    toc_lines = _table_of_contents_lines(lines)
    toc_titles = {lines[i].strip().split("\t")[0].strip().lower() for i in toc_lines}

    def page_of(index: int) -> int | None:
        return pages[index] if pages is not None else None

    def add(text: str, kind: str, start: int, end: int, level: int = 0) -> None:
        text = normalise_spaces(text)
        # a row's leading tabs are its empty first cells: they keep the columns in place
        text = text.rstrip().lstrip(" ") if kind == "table_row" else text.strip()
        if text:
            blocks.append(
                Block(
                    text=text,
                    kind=kind,  # type: ignore[arg-type]
                    level=level,
                    line_start=start + 1,
                    line_end=end + 1,
                    page=page_of(start),
                )
            )

    for start, end in _paragraph_groups(lines):
        bold = _join_bold_run(lines, start, end) if end - start > 1 else None
        if bold:
            add(bold, "heading", start, end - 1, level=1)
            continue
        if all(i in toc_lines for i in range(start, end)):
            continue  # a table of contents: page numbers, nothing to answer from
        alone = end - start == 1
        placed = _placed_rows(lines, start, end)
        if alone and toc_lines and lines[start].strip().lower() in _CONTENTS_HEADINGS:
            continue  # the "Contents" heading of that table
        item: list[str] = []
        item_start = start
        prose: list[str] = []
        prose_start = start

        def flush_prose(upto: int) -> None:
            nonlocal prose
            if prose:
                add(" ".join(prose), "paragraph", prose_start, upto)  # noqa: B023 (same iteration)
                if signature_parts(prose) and blocks:
                    lines = (("lines", "\n".join(prose)),)
                    blocks[-1] = dataclasses.replace(blocks[-1], structure=lines)
                prose = []

        def flush_item(upto: int) -> None:
            nonlocal item
            if item:
                add(" ".join(item), "list", item_start, upto)  # noqa: B023 (same iteration)
                item = []

        for i in range(start, end):
            line = lines[i]
            stripped = line.strip()
            if i in toc_lines:
                continue
            is_heading, level = _is_heading_line(line, alone)
            if is_heading:
                flush_prose(i - 1)
                flush_item(i - 1)
                text = _heading_text(line)
                level = _listed_level(text) if text.lower() in toc_titles else level
                add(text, "heading", i, i, level=level)
            elif "\t" in line:
                flush_prose(i - 1)
                flush_item(i - 1)
                row = line.strip(" ").rstrip("\t ")
                add(
                    row if i in placed else row.strip("\t").replace("\t\t", "\t"), "table_row", i, i
                )
            elif _BULLET.match(stripped) or _NUMBERED.match(stripped) or _NOTE.match(stripped):
                flush_prose(i - 1)
                flush_item(i - 1)
                item = [stripped]
                item_start = i
            elif item:
                item.append(stripped)  # a wrapped bullet continues on the next line
            else:
                if not prose:
                    prose_start = i
                prose.append(stripped)
        flush_prose(end - 1)
        flush_item(end - 1)
    listed = _label_runs_as_lists(_rejoin_column_lines(blocks))
    return type_blocks(_name_footnotes(_fold_arrow_captions(listed)))


_OPEN_END = re.compile(r"[^.!?;:)]$")
_COLUMN_LABEL = re.compile(r"^\d{1,2}\s*[-–.)]\s")
_COLUMN_WINDOW = 6


def _open_line(block: Block) -> bool:
    """A line cut mid-sentence that a later line may continue: prose, a list item or a
    short line taken for a heading, not ending like a sentence ("… placements and"). A
    numbered column label ("2 - Knowing our workforce") is a real heading."""
    opens = block.kind in ("paragraph", "list") or (block.kind == "heading" and _cut_short(block))
    return opens and bool(_OPEN_END.search(block.text)) and not _COLUMN_LABEL.match(block.text)


def _cut_short(heading: Block) -> bool:
    """A level-3 "heading" that is really a column line cut mid-sentence: long for a
    heading, or ending on a word a sentence goes on from ("… support for internal and")."""
    words = _WORD.findall(heading.text)
    if heading.level != 3 or not words:
        return False
    return len(words) >= 6 or words[-1].lower() in GOES_ON_WORDS


def _rejoin_column_lines(blocks: list[Block]) -> list[Block]:
    """Join a line that starts in lower case to the line it continues.

    A PDF page in two or three text columns extracts one line from each column in turn:
    "Explore the introduction of transitional awards for NMAHP clinical academics" / "Provide
    clarity and support for … pathways," / "between Masters and Post-Doctoral level." The
    continuation belongs to the open line written longest ago among the last few (the column
    whose turn it is); in one-column text that is simply the line before. Upper-case lines
    are left where they are, as a new sentence and a continuation look alike there; where
    that leaves the reading unsure, the run is kept as extracted (see :func:`_rejoin_segment`).
    Headings above level 3 and table rows bound the search.
    """
    out: list[Block] = []
    segment: list[Block] = []
    for block in blocks:
        if block.kind == "table_row" or (block.kind == "heading" and block.level < 3):
            out += _rejoin_grids(segment)
            segment = []
            out.append(block)
        else:
            segment.append(block)
    return out + _rejoin_grids(segment)


_GRID_LABEL = re.compile(r"^(\d{1,2})\s*[-–]\s+\S")


def _rejoin_grids(segment: list[Block]) -> list[Block]:
    """Read the text under a run of numbered column labels ("1 - Share strategy", "2 -
    Research leadership", "3 - Academic support") as a grid of that many columns, where a
    column may go on in upper case ("… across the" / "NW, County Councils …"); the rest of
    the segment, and a grid that does not read cleanly, by :func:`_rejoin_segment`."""
    out: list[Block] = []
    start = 0
    index = 0
    while index < len(segment):
        columns, labels = _label_run(segment, index)
        if not columns:
            index += 1
            continue
        end = index + labels
        while end < len(segment) and not _label_run(segment, end)[0]:
            end += 1
        grid = segment[index + labels : end]
        out += _rejoin_segment(segment[start : index + labels])
        out += _grid_cells(grid, columns) or _rejoin_segment(grid)
        start = index = end
    return out + _rejoin_segment(segment[start:])


def _label_run(segment: list[Block], index: int) -> tuple[int, int]:
    """(columns, labels) of a run of two or more consecutively numbered column labels
    starting at ``index``; (0, 0) if none starts there. The first label may be missing (its
    line was glued to the paragraph above), so the highest number counts the columns."""
    numbers: list[int] = []
    for block in segment[index:]:
        label = _GRID_LABEL.match(block.text) if block.kind in ("heading", "paragraph") else None
        if not label or (numbers and int(label.group(1)) != numbers[-1] + 1):
            break
        numbers.append(int(label.group(1)))
    return (numbers[-1], len(numbers)) if len(numbers) >= 2 else (0, 0)


def _grid_cells(lines: list[Block], columns: int) -> list[Block] | None:
    """The cells of a grid whose lines were extracted one per column in turn, or None when
    the lines do not read that way.

    Each line goes to the next column in turn that can take it: a column with an unfinished
    cell takes any line; a column whose cell is finished, or that has none yet in this row,
    takes a line starting in upper case as a new cell. A lower-case line skips such columns
    (a column it skips before its first cell is empty in this row). A row ends when every
    cell in it is finished; its cells are written out column by column.
    """
    out: list[Block] = []
    cells: list[list[Block]] = [[] for _ in range(columns)]
    state: list[str] = ["empty"] * columns  # empty | absent | open | done
    turn = 0
    for line in lines:
        if line.kind not in ("heading", "paragraph"):
            return None
        lower = line.text[:1].islower()
        column = None
        for step in range(columns):
            candidate = (turn + step) % columns
            if state[candidate] == "open" or (not lower and state[candidate] in ("empty", "done")):
                column = candidate
                break
            if state[candidate] == "empty":
                state[candidate] = "absent"
        if column is None:
            return None  # a lower-case line with no unfinished cell to go on
        if state[column] == "open":
            cell = cells[column][-1]
            cells[column][-1] = dataclasses.replace(
                cell, text=f"{cell.text} {line.text}", line_end=max(cell.line_end, line.line_end)
            )
        else:
            cells[column].append(dataclasses.replace(line, kind="paragraph", level=0))
        state[column] = "open" if _OPEN_END.search(cells[column][-1].text) else "done"
        turn = column + 1
        if "open" not in state:
            out += [cell for column_cells in cells for cell in column_cells]
            cells = [[] for _ in range(columns)]
            state, turn = ["empty"] * columns, 0
    return None if "open" in state else out


def _rejoin_segment(blocks: list[Block]) -> list[Block]:
    """Joins within one segment, kept only for runs that read as regular columns.

    A run opens with the first unfinished prose line and ends when every prose line in it is
    finished. It is left as extracted when a prose line is never finished (within the window,
    or by the segment's end), or when its joins reach back unevenly (two lines back, then
    three, each chosen among several open lines): then some columns went on in upper case,
    and the joins would splice columns.
    """
    out: list[Block] = []
    written: list[int] = []  # for each block in ``out``: when it was last extended
    run: tuple[list[Block], list[int], int] | None = None  # the state before the run opened
    strides: set[int] = set()  # how many lines back the run's joins reached
    settled = 0  # blocks before this index were given up on: kept as extracted

    def unfinished() -> list[int]:
        return [
            i
            for i in range(settled, len(out))
            if out[i].kind in ("paragraph", "list") and _open_line(out[i])
        ]

    for step, block in enumerate(blocks):
        was_open = bool(unfinished())
        before = None if was_open else (list(out), list(written), step)  # a run may open here
        choices = _open_lines_before(out, block, settled)
        target = min(choices, key=lambda i: written[i]) if choices else None
        stride = 0
        if target is None:
            out.append(block)
            written.append(step)
        else:
            joined = out[target]
            out[target] = dataclasses.replace(
                joined,
                text=f"{joined.text} {block.text}",
                kind="list" if joined.kind == "list" else "paragraph",
                level=0,
                line_end=max(joined.line_end, block.line_end),
            )
            if len(choices) > 1:  # the only open line needs no column reading
                stride = step - written[target]
            written[target] = step
        pending = unfinished()
        if pending and not was_open:
            run, strides = before, set()
        if stride:
            strides.add(stride)
        lost = any(i < len(out) - _COLUMN_WINDOW for i in pending)
        if run is not None and (lost or len(strides) > 1):
            out = run[0] + blocks[run[2] : step + 1]
            written = run[1] + list(range(run[2], step + 1))
            settled, run, strides = len(out), None, set()
        elif not pending:
            run, strides = None, set()
    if run is not None:
        return run[0] + blocks[run[2] :]
    return out


def _open_lines_before(out: list[Block], block: Block, settled: int) -> list[int]:
    """Indexes in ``out`` of the open lines a lower-case ``block`` may continue: none while
    an open line near it was given up on, as the block may continue that one."""
    if block.kind != "paragraph" or not block.text[:1].islower():
        return []
    window = [i for i in range(max(0, len(out) - _COLUMN_WINDOW), len(out)) if _open_line(out[i])]
    return [] if window and window[0] < settled else window


_MAX_LABEL_WORDS = 4
_MIN_LABEL_RUN = 3


def _label_runs_as_lists(blocks: list[Block]) -> list[Block]:
    """Three or more short lines standing alone one after another under a heading
    ("CORE MARKETS" / France / Germany / USA) are the items of a list, not nested headings:
    read as headings, each would open a section and the last would swallow the text after it.
    They become list items ("- France") so that list answers can find them.
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _is_label(out[j]):
            j += 1
        follows_heading = i > 0 and out[i - 1].kind == "heading" and out[i - 1].level < 3
        if j - i >= _MIN_LABEL_RUN and follows_heading:
            for k in range(i, j):
                out[k] = dataclasses.replace(out[k], text=f"- {out[k].text}", kind="list", level=0)
        i = max(j, i + 1)
    return out


_ARROW_CAPTION = re.compile(r"^(?P<label>.*?\w.*?)\s*(?:→|->|⟶|➔|►|▶)\s*$")
"""A diagram's axis label flattened into text: "YEAR 1 →", "Phase 2 ->"."""


def _fold_arrow_captions(blocks: list[Block]) -> list[Block]:
    """A label ending in an arrow, right after a list under a heading, captions that list (a
    diagram's axis, flattened): "SHORT TERM" / Germany / Malaysia / USA / "YEAR 1 →" is the
    list "SHORT TERM (YEAR 1)". Read as a heading, the caption would head the next list
    instead.

    >>> rows = [Block("SHORT TERM", "heading", level=2), Block("- Germany", "list"),
    ...         Block("- USA", "list"), Block("YEAR 1 →", "heading", level=2),
    ...         Block("LONG TERM", "heading", level=2), Block("- Canada", "list")]
    >>> [(b.kind, b.text) for b in _fold_arrow_captions(rows)][::3]
    [('heading', 'SHORT TERM (YEAR 1)'), ('heading', 'LONG TERM')]
    """
    out: list[Block] = []
    for block in blocks:
        caption = _ARROW_CAPTION.match(block.text) if block.kind == "heading" else None
        if caption and out and out[-1].kind == "list":
            start = len(out) - 1
            while start > 0 and out[start - 1].kind == "list":
                start -= 1
            if start > 0 and out[start - 1].kind == "heading":
                heading = out[start - 1]
                label = caption.group("label").strip()
                out[start - 1] = dataclasses.replace(heading, text=f"{heading.text} ({label})")
                continue
        out.append(block)
    return out


def _is_label(block: Block) -> bool:
    return (
        block.kind == "heading"
        and not _ARROW_CAPTION.match(block.text)
        and block.level == 3
        and len(_WORD.findall(block.text)) <= _MAX_LABEL_WORDS
    )


_FOOTNOTE = re.compile(r"^(\d{1,2})\)\s+(?=[A-Z])")
"""A footnote that explains in words ("4) The Senior Nurse …"), not a bare link."""


def _name_footnotes(blocks: list[Block]) -> list[Block]:
    """Head a footnote with the name its marker sits on: "… including the 70@70⁴ cohort"
    and "4) The Senior Nurse and Midwife Research Leader Programme aims …" gets the heading
    "Footnote 4: 70@70", so a question about 70@70 meets its explanation (the heading is
    the chunk's section, embedded and indexed with it; the footnote's text stays as
    written). Only a marker on a name (a capital or a digit in the word) that appears once
    is used: "this work³" names nothing."""
    marked: dict[str, list[str]] = {}
    for block in blocks:
        for number, name in footnote_marks(block.text):
            marked.setdefault(number, []).append(name)
    out = []
    for block in blocks:
        note = _FOOTNOTE.match(block.text)
        names = marked.get(note.group(1), []) if note else []
        name = names[0] if len(names) == 1 else ""
        if note and name:
            out.append(
                dataclasses.replace(
                    block,
                    text=f"Footnote {note.group(1)}: {name}",
                    kind="heading",
                    level=3,
                    line_end=block.line_start,
                )
            )
            # the note itself is a footnote ("4)" reads as a list item otherwise), found by
            # its number when a sentence carrying ⁴ is answered
            block = dataclasses.replace(
                block, kind="footnote", structure=(("marker", note.group(1)),)
            )
        out.append(block)
    return out
