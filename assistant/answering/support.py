"""Choosing answer sentences from evidence, and deciding whether they really answer.

Abstention is a chain of checks, each cheap and explainable (the reason lands in
``Answer.debug["route"]``):

1. retrieval is weak (top score under ``abstain_threshold``);
2. the chosen sentences are neither close in meaning to the question nor cover its topic words;
3. a name the question depends on (a proper noun) appears nowhere in the evidence used;
4. the question asks for a kind of value (an amount, a date; for "who", a name it does not
   already hold) and the answer holds none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import pairwise
from types import MappingProxyType

import numpy as np

from assistant.answering.base import CITATION_MARK, table_headers
from assistant.answering.claims import ROW_REFERENCE, claim_match
from assistant.answering.roles import unheld_post
from assistant.answering.weights import answer_weights
from assistant.history import THING_POINTER
from assistant.retrieval.corpus_terms import rare_coverage
from assistant.retrieval.hybrid import (
    Candidate,
    RetrievalResult,
    ScoredSentence,
    extract_list,
    list_items,
)
from assistant.retrieval.intent import (
    QuestionIntent,
    ValueKind,
    in_parts,
    question_clauses,
    read_intent,
)
from assistant.retrieval.text import (
    ROLE_STEMS,
    STOPWORDS,
    abbreviations,
    best_similarity,
    capitalised_runs,
    content_words,
    fuzzy_coverage,
    parted_words,
    proper_nouns,
    spelled_out,
    stem,
    tokens,
)
from ingest.lexicon import (
    AUXILIARY,
    BRACKETED,
    COST_WORDS,
    DOCUMENT_NOUNS,
    IRREGULAR_FORMS,
    LIST_MARKER,
    MEASURE_UNITS,
    MONEY_IN_WORDS,
    MONTH_NUMBERS,
    MONTH_WORD,
    NUMBER_WORDS,
    NUMBERED_LABEL_WORDS,
    NUMBERED_PART,
    ORDINAL,
    ORDINAL_WORDS,
    ORGANISATION_KIND_SHORT_FORMS,
    ORGANISATION_KINDS,
    PART_LABEL,
    PEOPLE_NOUNS,
    SUPERSCRIPT_DIGITS,
    TOTAL_LABELS,
    opening_marker,
    part_number,
)
from ingest.sentences import (
    GOES_ON_WORDS,
    OUTLINE_ITEM,
    PRONOUN_OPENERS,
    carried_subject,
    row_context,
    split_sentences,
)
from ingest.types import Chunk, footnote_anchors

NOT_FOUND = (
    "I can't find that in the indexed plans or action logs, so I won't guess. "
    "Try rephrasing, or ask about a specific plan, aim or action."
)
_HAS_NUMBER = re.compile(
    r"[£$€]\s?\d|\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|"
    r"million|billion|dozen)\b",
    re.I,
)
_HAS_COUNT = re.compile(  # a number that is not a year: "1,340 people", "six sectors"
    r"(?<![\d/–-])(?!(?:19|20)\d\d\b)\d[\d,.]*|\b(one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen)\b",
    re.I,
)
_DAY_OR_YEAR = re.compile(
    rf"\b{MONTH_WORD}\s*[-']?\s*\d{{1,4}}(?:st|nd|rd|th)?\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_WORD}(?!\w)",
    re.I,
)
"""The number in "Aug 23", "1st March" or "March 1st" is a date, not the count a "how many"
asks for."""
_NUMERIC_DATE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\bQ[1-4]\s+\d{4}\b", re.I
)
"""A date written in figures ("12/07/2026", "2026-03-31", "Q2 2026"): not a count."""
_TIME_UNITS = r"(days?|weeks?|months?|years?|hours?|decades?|times?)\b"
_DURATION = re.compile(
    rf"(?:\d[\d,.]*|{'|'.join(NUMBER_WORDS)}|twenty|thirty)\s*-?\s*(?:working\s+|calendar\s+)?"
    + _TIME_UNITS,
    re.I,
)
"""A span of time or a frequency: no answer to "how many members" unless it asks in months."""
_LEADING_ITEM_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})*|\d{1,2}\.)(?=\s+[A-Za-z])", re.M
)
"""The "3.1" of "3.1 Benchmark – SORT tool" numbers an item; it is not a figure."""
_RECORD_REF = re.compile(rf"\bAction:\s*{ROW_REFERENCE}\s")
"""A tracker row's reference ("Action: 18 Community flood plan", "Action: BC-05 Support …",
:meth:`ingest.types.ActionRecord.as_text`): it names the row; it counts nothing."""
_HAS_AMOUNT = re.compile(
    r"[£$€]\s?\d|\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)\b|"
    r"\b(?:million|billion|thousand)\b|\b\d+(?:\.\d+)?p\b",  # pence: "20p per mile"
    re.I,
)
_HAS_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_WORD}|\b{MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)"
    r"|\b\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
    re.I,
)
"""A day, not only a month: "25 September", "September 25th", "25/09/2026", "2026-09-25".

>>> bool(_HAS_DAY.search("at the AGM in September")), bool(_HAS_DAY.search("on 25 Sept 2026"))
(False, True)
"""
_HAS_DATE = re.compile(
    r"\b(1[89]\d{2}|20\d{2}|\d{4}/\d{2,4}|q[1-4]|january|february|march|april|(?-i:May)|june|"
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
    r"nov|dec|spring|summer|autumn|winter|year [1-9]|by the end of)\b",
    re.I,
)
"""A date or period in an answer. "May" only capitalised: "the strategy *may* be delivered"
holds no date."""
_NO_DATE_SET = re.compile(
    r"\bno (?:date|deadline|timescale)s? (?:(?:was|has been|have been|is|were) )?(?:yet )?"
    r"(?:set|agreed|given|fixed)|\bdates? (?:is |are )?(?:still )?(?:to be (?:confirmed|agreed|set)"
    r"|tbc)\b|\bdue:?\s*(?:tbc|tbd|not set)\b",
    re.I,
)
"""The documents saying there is no date yet: that answers "by when …" as well as a date."""
_MONTHS = {name: name[:3] for name in MONTH_NUMBERS if len(name) > 3 and name != "sept"}
"""Full month names → the three-letter form plans also write ("February" → "feb")."""
_MONTH_NAMES = set(MONTH_NUMBERS)
_HAS_FREQUENCY = re.compile(  # "quarterly", "every two months", "three times a year"
    r"\b(daily|weekly|fortnightly|monthly|bi-?monthly|quarterly|termly|annual\w*|bi-?annual\w*"
    r"|yearly|every|each|per (?:year|month|week)"
    r"|(?:once|twice|\w+ times) (?:a|per|each) (?:day|week|fortnight|month|quarter|term|year))\b",
    re.I,
)
_HAS_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_HAS_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:org|com|uk|gov|nhs)\b", re.I)
_HAS_PHONE = re.compile(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")
_HAS_TIME = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\bnoon\b"
    r"|\bmidday\b",
    re.I,
)
"""A time of day: "2.00pm", "10:30", "6pm", "noon"."""
_HAS_AREA = re.compile(
    r"\d[\d,.]*\s*(?:m²|m2|sq\.? ?(?:m|ft|metres|meters|feet)|square (?:metres|meters|feet)"
    r"|hectares?|ha|acres?)\b",
    re.I,
)
_HAS_CONCENTRATION = re.compile(
    r"\d[\d,.]*\s*(?:mg|µg|ug|micrograms?|milligrams?)\s*(?:/|per)", re.I
)
_UNIT_SPELLINGS = sorted((w for ws in MEASURE_UNITS.values() for w in ws), key=len, reverse=True)
_HAS_MEASURE = re.compile(rf"\d[\d,.]*\s?(?:{'|'.join(_UNIT_SPELLINGS)})\b", re.I)
_HAS_SALARY = re.compile(
    r"\b(?:salary|salaries|wages?|per annum|p\.a\.)\b|[£$€]\s?[\d,.]+k?\s*(?:a|per) (?:year|hour)",
    re.I,
)
_HAS_PERCENTAGE = re.compile(
    r"\d\s?%|\bper ?cent\b|\b(?:one|\d+) in (?:every )?(?:\d+|two|three|four|five|ten)\b"
    r"|\b\d+ out of \d+\b|\b(?:half|a third|a quarter|two thirds|three quarters)\b",
    re.I,
)
_HAS_POPULATION = re.compile(
    r"\b(?:population|residents|inhabitants|people live|home to|live in|living in)\b", re.I
)
_HAS_DURATION = re.compile(
    rf"{_DURATION.pattern}|\ban?\s+(?:[a-z]+\s+)?{_TIME_UNITS}"  # "a year", "a five-year …"
    rf"|\b{_TIME_UNITS}(?:\s[a-z]+)?\s\d"  # a cell with its label: "months required 8"
    rf"|\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?:{MONTH_WORD}\s+)?(?:19|20)\d\d\b",  # how long
    re.I,  # it has been going: "running since October 2022"
)
"""Measures in their units: a duration in hours to years, an area in m² or hectares, a
concentration in mg/l, a salary said as one ("£32,000 a year"), a population as residents."""
_VALUE_IN_TEXT: dict[ValueKind, tuple[re.Pattern[str], str]] = {
    "amount": (_HAS_AMOUNT, "an amount"),
    "frequency": (_HAS_FREQUENCY, "a frequency"),
    "time": (_HAS_TIME, "a time of day"),
    "email": (_HAS_EMAIL, "an email address"),
    "url": (_HAS_URL, "a web address"),
    "phone": (_HAS_PHONE, "a phone number"),
    "area": (_HAS_AREA, "an area"),
    "concentration": (_HAS_CONCENTRATION, "a concentration"),
    "salary": (_HAS_SALARY, "a salary"),
    "population": (_HAS_POPULATION, "a population"),
    "percentage": (_HAS_PERCENTAGE, "a rate or share"),
    "measure": (_HAS_MEASURE, "a figure in the units asked"),
    "duration": (_HAS_DURATION, "a length of time"),
}
"""For each kind of value a question can ask for (see ``QuestionIntent.asks_for``), what
shows the evidence holds one."""
_QUESTION_NUMBER = re.compile(r"(?<![\w£$])(\d+(?:[.,]\d+)?)(?![\w%])")
_YEAR = re.compile(r"(?<![\d£$.,])(?:19|20)\d\d(?!\d)")
"""A calendar year in a question ("in summer 2025", "for 2024-25"): the scope of what it asks."""
_HAS_OUTCOME = re.compile(
    r"\b(?:approved|awarded|won|successful|unsuccessful|rejected|declined|granted|refused"
    r"|turned down|accepted|agreed(?! to\b)|confirmed|secured|offered|signed"
    r"|(?<!be )decided|resolved"
    r"|not (?:been )?funded)\b",
    re.I,
)
"""Words that say how a bid or a decision ended; "submitted", "awaiting a decision", "expected
to be decided" and "agreed to prepare a case" (a task taken on) do not."""
_EVENT_ASKED = re.compile(
    r"\b(?:go|went|gone) ahead\b|\b(?:happen|happened|take place|took place)\b", re.I
)
"""A question whether something took place ("did the trial go ahead in the end?")."""
_EVENT_OUTCOME = re.compile(
    r"\b(?:cancel+ed|went ahead|took place|held|completed?|done|postponed|called off|dropped"
    r"|abandoned)\b",
    re.I,
)
"""Words that say whether it took place: a status "Cancelled" or "Complete" answers "did the
trial go ahead?", though not "did we win the bid?" ("bid submitted: complete")."""
_NOT_YET_KNOWN = re.compile(
    r"\b(\w+)(?:\s+and\s+(\w+))?"
    r"\s+(?:is\s+|are\s+|has\s+|have\s+)?(?:not\s+yet|yet\s+to\s+be|still\s+to\s+be|to\s+be)"
    r"\s+(?:been\s+)?(?:identified|confirmed|named|chosen|selected|appointed|decided|agreed"
    r"|found|known|recruited|set|fixed|determined)\b",
    re.I,
)
"""A thing a document cannot name yet, and what it writes after it: "second *partner* not yet
identified", "*venue* to be confirmed", "*baseline* and *target* to be set after the audit"
(groups 1 and 2: the words before). One pattern, compiled once: built per question word it
cost a compile for each (a tenth of an answer's time)."""
_OUTLINE_ITEM = re.compile(rf"^{OUTLINE_ITEM}")
"""A plan-on-a-page item ("2.3 Matron toolkit roll out"): short, and still a whole answer."""
_GOES_ON = "|".join(sorted(GOES_ON_WORDS))
_CUT_OFF = re.compile(rf"\b(?:{_GOES_ON})\s*$", re.I)
_ITEM_LINE = re.compile(LIST_MARKER.pattern + r"\S")
MAX_ANSWER_SENTENCES = 3
MAX_LIST_ITEMS = 12
MAX_ITEM_CHARS = 220


@dataclass
class SentenceChoice:
    text: str
    candidate: Candidate
    similarity: float
    coverage: float
    score: float
    vector: np.ndarray | None = None


MAX_ROW_CHARS = 400


_FIELD = re.compile(r"^\s*([^:;\n]{1,40}):\s+(\S.*)$")
_NEXT_FIELD = re.compile(r";\s+(?=[^:;\n]{1,40}:\s)")
"""Where the next field starts: a value may hold "; " itself ("Some risk; being managed")."""


def _field_lines(text: str) -> list[list[tuple[str, str]]]:
    """A sheet's rows written one per line as fields, each after its column's header ("RAG:
    Amber (A); Meaning: Some risk to delivery; What happens next: Lead reviews monthly")."""
    rows = []
    for line in text.split("\n"):
        fields = [_FIELD.match(part) for part in _NEXT_FIELD.split(line)]
        if len(fields) >= 2 and all(fields):
            rows.append([(f.group(1).strip(), f.group(2).strip()) for f in fields if f])
    return rows


def _field_row(choice: SentenceChoice, question: str) -> SentenceChoice:
    """A sentence that is one field of such a row, given as its row, labelled by its first
    field's value ("Amber (A) — Meaning: …; What happens next: …"). When the question names
    another row of the same table by its first field ("what does *amber* mean"), that row."""
    rows = _field_lines(choice.candidate.chunk.text)
    wanted = " ".join(choice.text.split())
    found = next((r for r in rows if any(wanted in f"{h}: {v}" for h, v in r)), None)
    if found is None:
        return choice
    asked = set(content_words(question))
    named = [r for r in rows if asked & set(content_words(r[0][1]))]
    if named and found not in named and len(named) == 1:
        found = named[0]
    text = f"{found[0][1]} — " + "; ".join(f"{h}: {v}" for h, v in found[1:])
    return replace(choice, text=text) if len(text) <= MAX_ROW_CHARS else choice


def cell_under_header(choice: SentenceChoice) -> str:
    """A sentence that is one cell of a table row, with its column's header ("Long term
    (2029–30): NSS overall satisfaction of 85%"); "" for any other sentence. The header scopes
    the cell: a year there is the cell's, not the row's other cells'."""
    chunk = choice.candidate.chunk
    if "\t" not in chunk.text:
        return ""
    wanted = " ".join(choice.text.split())
    headers = [h.split("\t") for h in table_headers(chunk)]
    for line in chunk.text.split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        header = next((h for h in headers if len(h) == len(cells)), None)
        if len(cells) < 2 or header is None or wanted not in cells[1:]:
            continue
        name = " ".join(header[cells.index(wanted, 1)].split())
        return f"{name}: {wanted}" if name else ""
    return ""


def whole_row(choice: SentenceChoice, question: str = "") -> SentenceChoice:
    """A sentence that is one cell of a table row, given as its row with the column headers
    ("Communications Officer — Name: Ellie Turner; Responsibilities: Website … and the River
    Voices panel"): a cell alone loses who or what the row is about. Other sentences, and
    rows too long to read as one answer, are returned as they are. A row written as fields
    on one line is read the same way (:func:`_field_row`)."""
    chunk = choice.candidate.chunk
    if "\t" not in chunk.text:
        return _field_row(choice, question)
    wanted = " ".join(choice.text.split())
    headers = [h.split("\t") for h in table_headers(chunk)]
    for line in chunk.text.split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if len(cells) < 2 or wanted not in " ".join(cells):
            continue
        if any(cells == [" ".join(h.split()) for h in header] for header in headers):
            return choice  # the header row itself
        header = next((h for h in headers if len(h) == len(cells)), None)
        pairs = [
            f"{header[i].strip()}: {cell}" if header and header[i].strip() else cell
            for i, cell in enumerate(cells[1:], start=1)
            if cell
        ]
        text = f"{cells[0]} — {'; '.join(pairs)}" if cells[0] else "; ".join(pairs)
        return replace(choice, text=text) if len(text) <= MAX_ROW_CHARS else choice
    return choice


def _pool(evidence: RetrievalResult, width: float = 0.15, limit: int = 8) -> list[Candidate]:
    top = evidence.candidates[0].score
    return [c for c in evidence.candidates[:limit] if c.score >= top - width]


_DATE_FIGURE = re.compile(r"\d[\d,.]*")
"""The numbers of a date ("Apr 24", "Apr 2025"), compared between two sentences."""


def _near_duplicate(a: SentenceChoice, b: SentenceChoice, dates_asked: bool = False) -> bool:
    """Two sentences that say the same (two lines of one row both read as the row). Not when
    the question asks when and they give different dates: a roadmap's "Apr 24 Review delivery
    …" and "Apr 2025 Review delivery …" are two reviews; nor two tracker rows close only in
    meaning ("Co-fund upper Orlow leaky dams" and "Install 80 leaky dams in the upper Orlow"
    record different work)."""
    words_a, words_b = set(content_words(a.text)), set(content_words(b.text))
    alike = bool(words_a and words_b) and len(words_a & words_b) / len(words_a | words_b) > 0.6
    if alike and dates_asked:  # the same words: the same event, unless on another date
        return set(_DATE_FIGURE.findall(a.text)) == set(_DATE_FIGURE.findall(b.text))
    rows = a.candidate.chunk.record_id, b.candidate.chunk.record_id
    if None not in rows and rows[0] != rows[1]:
        return alike  # two tracker rows about one thing are two actions, however close in meaning
    if a.vector is not None and b.vector is not None and float(a.vector @ b.vector) > 0.9:
        return True
    return alike


_BARE_ASK = re.compile(
    r"^\s*(?:(?:since|until|till|by|from)\s+)?(?:when|where|how often)"
    r"(?:\s+(?:exactly|then|roughly))?\s*\??\s*$",
    re.I,
)
"""A part that is only a question word of time, place or frequency ("…, and since when?",
"…, and how often?"): it asks of what the part before it asks. ("…, and how long?" after
"how much does it cost" asks how long it *takes*: not completed.)"""
_ASKED_OF = re.compile(
    rf"^\s*(?:how (?:often|long|much|many|soon)|when|where)\s+(?P<rest>{AUXILIARY}.*?)\s*\??\s*$",
    re.I,
)
"""The rest of a question after its question word, from its verb: "how often *does it
meet*"."""


def completed_clauses(question: str) -> list[str]:
    """:func:`question_clauses`, with a part that is only a question word completed from the
    part before it: "How often does it meet, and since when?" → ["How often does it meet",
    "since when does it meet?"]. Left as written when the part before does not open with a
    question word and its verb."""
    clauses = question_clauses(question)
    for index in range(1, len(clauses)):
        before = _ASKED_OF.match(clauses[index - 1])
        if before and _BARE_ASK.match(clauses[index]):
            clauses[index] = f"{clauses[index].strip().rstrip('?')} {before.group('rest')}?"
    return clauses


def question_parts(question: str) -> list[str]:
    """ "Over what timeline …, and how long is the strategy?" → its two questions. A fragment
    with fewer than two topic words ("How much budget" in "How much budget and how many FTE
    are pencilled in for …") asks nothing alone and is left out, unless it points at what the
    rest names ("what's it for?") or asks only its total ("…, and what's the total?"); one
    that is only a question word ("…, and since when?") is completed from the part before
    (:func:`completed_clauses`)."""
    return [
        part
        for part in completed_clauses(question)
        # a short part pointing at what the rest names ("…, and why did *it* slip?") is asked
        # on its own, made standalone from the whole question, as a follow-up is
        if len(set(content_words(part)) - {"much", "many"}) >= 2
        or THING_POINTER.search(part)
        or _asks_total_alone(part)
    ]


def _asks_total_alone(part: str) -> bool:
    """A part asking only for a total ("…, and what's the total?"): the total of what the rest
    names, as a pointer would be.

    >>> _asks_total_alone("and what's the total"), _asks_total_alone("what's the total budget")
    (True, False)
    """
    words = set(content_words(part))
    return bool(words) and words <= TOTAL_LABELS


PART_COVERED = 0.5
"""Share of a question part's topic words an answer must hold to count as answering it."""


def choose_for_parts(question: str, evidence: RetrievalResult) -> list[SentenceChoice]:
    """The best sentences for the whole question, plus the best one for each further part
    that they leave unanswered (a two-part question has its answers in two sentences)."""
    chosen = choose_sentences(question, evidence)
    if not in_parts(question) or not chosen:
        return chosen
    parts = question_parts(question)
    for part in parts:
        covered = max(
            fuzzy_coverage(content_words(part), set(content_words(c.text))) for c in chosen
        )
        if covered >= PART_COVERED:
            continue
        # of the part's best sentences not already said, the one with most of the part's own
        # words ("…, and how many are we aiming for by *2030*?" is answered by the target,
        # not by another count of the same thing)
        words = content_words(part)
        fresh = [
            c
            for c in choose_sentences(part, evidence)[:PART_CHOICES]
            if not any(_near_duplicate(c, kept) for kept in chosen)
        ]
        if fresh:
            chosen.append(
                max(fresh, key=lambda c: fuzzy_coverage(words, set(content_words(c.text))))
            )
    return chosen


PART_CHOICES = 3
"""How far down a part's own ranking the sentence that answers it may be, once the better
ones were given for the other parts."""


def sentences_with_focus(
    question: str, evidence: RetrievalResult, focus: str
) -> list[SentenceChoice]:
    """Before giving up on "Who *sponsors* …" because the best passages never say it, the
    best sentence from any candidate that does ("… is sponsored by HEE")."""
    saying = [
        c
        for c in evidence.candidates
        if any(best_similarity(focus, content_words(s.text), 0.5) >= 0.5 for s in c.sentences)
    ]
    if not saying:
        return []
    top = evidence.candidates[0].score
    chosen = choose_sentences(question, replace(evidence, candidates=saying), pool_all=True)
    return [
        c
        for c in chosen
        if best_similarity(focus, content_words(c.text), 0.5) >= 0.5
        and c.similarity >= 0.45
        and c.candidate.score >= top - 0.2
    ][:1]


"""The verb that ends the subject of "Which *toolkit* does …" or "Which *company* was …"."""
_WHICH_NOUN = re.compile(
    rf"^\s*(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?!{AUXILIARY})([a-z]{{3,}})\s+{AUXILIARY}",
    re.I,
)


_HOW_MANY_NOUN = re.compile(r"^\s*how many\s+([a-z]{3,})\b", re.I)


def answer_noun(question: str) -> str:
    """The kind of thing a "Which *toolkit* does …" or "How many *months* …" question wants,
    stemmed; a sentence naming it ("2.3 Matron toolkit roll out", "Number of months required
    12") is more likely the answer than one merely on topic."""
    match = _WHICH_NOUN.match(question) or _HOW_MANY_NOUN.match(question)
    words = content_words(match.group(1)) if match else []
    return words[0] if words else ""


_ASKS_ENTITY = re.compile(r"\b(?:who|whom|whose|which|where)\b", re.I)
_ASKS_WHAT_IT_IS = re.compile(r"^\s*what(?:'s|’s| is| are| was| were)\b", re.I)
"""A question for the thing itself ("what's the baseline figure?"), which a document saying
it is still to be set does not answer."""


_WHO_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|ok,?|then)\s+)?(?:who|whom|whose)\b"
    r"|^\s*what(?:'s|’s| is| was) the (?:full )?name of\b",
    re.I,
)


_WHICH_BODY = re.compile(
    rf"^\s*(?:which|what)\s+(?:(?!{AUXILIARY})[\w-]+\s+){{0,2}}?"
    r"(company|companies|firms?|organi[sz]ations?|"
    r"providers?|suppliers?|contractors?|consultan(?:cy|cies|ts?)|agenc(?:y|ies)|universit(?:y|ies)|"
    r"trusts?|charit(?:y|ies)|councils?|businesses)\b",
    re.I,
)
"""A question asking which organisation: answered only by naming one."""


def asks_who(question: str) -> bool:
    """Whether this turn asks for a person ("who holds the contingency?", "whose idea …")."""
    return _WHO_QUESTION.match(this_turn(question)) is not None


def lacks_a_name(question: str, answer_text: str) -> str:
    """Why a "Who …" or "Which company …" answer is no answer: it names nobody the question
    does not already name ("A Universities manager works across all four universities …",
    "Twinning research active Trusts with less active Trusts")."""
    asks = "who" if asks_who(question) else ""
    if not asks and (body := _WHICH_BODY.match(question)):
        asks = f"which {body.group(1).lower()}"
    if not asks:
        return ""
    # "Rosebud have been engaged" answers who; an organisation is rarely a lone opening word,
    # nor an acronym describing something else ("take part in *NHS* research")
    text = answer_text if asks == "who" else _ATTRIBUTIVE_ACRONYM.sub(" ", answer_text)
    asked = set(content_words(question))
    if _new_name(text, asked, asks == "who"):
        return ""
    if asks == "who" and _names_a_group(text, asked):
        return ""
    return f"the question asks {asks}, and the evidence names nobody new"


def _names_a_group(text: str, asked: Set[str]) -> bool:
    """People named as a group the question does not name: "written for *staff, partners and
    leaders*", "NMAHP *leaders* from individual organisations will take responsibility". One
    person by role ("a trustee") is not who."""
    return any(
        _looks_plural(word) and stems[0] in _PEOPLE and stems[0] not in asked
        for word in re.findall(r"[a-z]+", text)
        if (stems := content_words(word))
    )


def naming_sentences(question: str, chosen: list[SentenceChoice]) -> str:
    """The chosen sentences that may answer "who …" or "which trusts …": those saying
    something the question asks besides the kind of thing it wants and the document's own
    name. "Presentation of the strategy at North West NHS Trust Boards" names trusts, but
    none "being twinned"."""
    body = _WHICH_BODY.match(question)
    wanted = set(content_words(body.group(0))) if body else set()
    kept = []
    for choice in chosen:
        chunk = choice.candidate.chunk
        known = wanted | set(content_words(f"{chunk.title} {chunk.source}"))
        asked = [word for word in content_words(question) if word not in known]
        said = content_words(f"{choice.text} {chunk.section}")
        in_charge = not ROLE_STEMS.isdisjoint(said)  # "led by" answers "responsible for"
        if not asked or any(
            best_similarity(word, said, 0.5) >= 0.5 or (in_charge and word in ROLE_STEMS)
            for word in asked
        ):
            kept.append(choice.text)
    return "\n".join(kept)


_ATTRIBUTIVE_ACRONYM = re.compile(
    rf"\b[A-Z]{{2,}}s?(?=\s+(?!{AUXILIARY}|(?:{_GOES_ON}|as)\b|\w+s\b)[a-z])"
)
"""An acronym before a lower-case noun modifies it ("NHS research", "ICB staff"); before a
verb or a joining word it names the subject ("BTH runs it", "UCLan and BAE")."""


def _new_name(text: str, question_words: Set[str], opening_word: bool = False) -> bool:
    """The sentence names someone or something the question does not: "which place" is
    answered by "Southampton", not by a sentence repeating the question's own names."""
    return any(
        word not in question_words  # "Kevin Lavery Chief Executive" names Kevin Lavery
        for part in _STATEMENT_START.split(text)  # each sentence or field opens with a capital
        for name in proper_nouns(part, opening_word)
        if len(name) > 2 and name.lower() not in _MONTH_NAMES  # "by March" names nobody
        for word in content_words(name)
    )


_STATEMENT_START = re.compile(r"(?<=[.;:!?])\s+|\n")


def _names(candidate: Candidate, noun: str) -> bool:
    return any(noun in content_words(s.text) for s in candidate.sentences)


@dataclass(frozen=True)
class SentenceQuestion:
    """What the sentence features read from the question, computed once per question."""

    words: list[str]
    word_set: frozenset[str]
    intent: QuestionIntent
    noun: str
    asks_entity: bool
    abbreviated: list[set[str]]
    acronyms: Mapping[str, tuple[str, ...]]
    rarity: Mapping[str, float]
    top_score: float

    @classmethod
    def of(cls, question: str, evidence: RetrievalResult) -> SentenceQuestion:
        intent = evidence.intent
        words = content_words(question)
        return cls(
            words=words,
            word_set=frozenset(words),
            intent=intent,
            noun=answer_noun(question),
            asks_entity=bool(_ASKS_ENTITY.search(question)) and not intent.asks_list,
            abbreviated=[
                forms for name in proper_nouns(question) if (forms := abbreviations(name))
            ],
            acronyms=evidence.acronyms,
            rarity=evidence.rarity,
            top_score=evidence.candidates[0].score or 1.0,
        )

    @property
    def contact(self) -> frozenset[ValueKind]:
        return self.intent.asks_for & {"email", "url", "phone"}


def answerable_sentence(text: str, question: SentenceQuestion) -> bool:
    """A statement that could answer: not a heading or label (unless it holds the figure or
    contact detail asked for), not a short line cut mid-phrase (a PDF column break)."""
    intent = question.intent
    wants_figure = intent.asks_quantity or intent.asks_when or "amount" in intent.asks_for
    holds_contact = any(_VALUE_IN_TEXT[kind][0].search(text) for kind in question.contact)
    short = len(text.split()) < 6 and not _OUTLINE_ITEM.match(text)
    if short and not holds_contact and not (wants_figure and _HAS_NUMBER.search(text)):
        return False
    return not (len(text.split()) < 12 and (_CUT_OFF.search(text) or text[:1].islower()))


@dataclass(frozen=True)
class PassageView:
    """What the sentence features read from a passage, computed once per passage."""

    candidate: Candidate
    context: frozenset[str]
    """The content words of the passage's document title and section heading."""
    heading_coverage: float
    passage_score: float
    carried: Mapping[int, frozenset[str]]
    """By sentence index: the words it is read with beyond its own (:func:`_sentence_context`):
    the subject it goes on about, the rest of its table row."""

    @classmethod
    def of(cls, question: SentenceQuestion, candidate: Candidate) -> PassageView:
        chunk = candidate.chunk
        context = frozenset(content_words(f"{chunk.title} {chunk.section}"))
        words = question.words
        return cls(
            candidate,
            context,
            fuzzy_coverage(words, context) if words else 0.0,
            candidate.score / question.top_score,
            _sentence_context(candidate),
        )


def _sentence_context(candidate: Candidate) -> Mapping[int, frozenset[str]]:
    """By sentence index, the words a sentence is read with beyond its own: the subject it
    goes on about (:func:`carried_subjects`), for a cell of a table row, the rest of its
    row ("Website, campaigns and the River Voices panel" is Ellie Turner's, the
    Communications Officer's), for a field of an action record, the record's title, and for
    a footnote, the place that cites it. It depends on the chunk alone, so it is worked out
    once per chunk (:func:`_chunk_sentence_context`), not once per question."""
    chunk = candidate.chunk
    ordered = tuple(s.text for s in sorted(candidate.sentences, key=lambda s: s.index))
    key = f"{chunk.id}:{chunk.hash}"
    return _chunk_sentence_context(
        key, chunk.text, ordered, chunk.kind == "action", chunk.structure
    )


@lru_cache(maxsize=8_192)
def _chunk_sentence_context(
    key: str, text: str, sentences: tuple[str, ...], record: bool = False, structure: str = ""
) -> Mapping[int, frozenset[str]]:
    """:func:`_sentence_context` of one chunk (``key``: its id and content hash). A field of an
    action record ("Status: 9 active, 2 awaiting approval") is read with the record's title
    line, as a cell is read with its row; a sentence of a footnote with the place that cites
    it (the anchors in ``structure``, by marker: "Supporting our volunteers: We will reimburse
    reasonable expenses³ …" for "³ Travel is reimbursed at 45p per mile …")."""
    anchors = footnote_anchors(structure)
    context = carried_subjects(list(sentences))
    if record and sentences:
        title = frozenset(content_words(sentences[0]))
        for index in range(1, len(sentences)):
            context[index] = context.get(index, frozenset()) | title
    if anchors:
        notes = {}
        for line in text.split("\n"):
            if place := anchors.get(opening_marker(line)):
                notes[" ".join(line.split())] = frozenset(content_words(place))
        for index, sentence in enumerate(sentences):
            wanted = " ".join(sentence.split())
            for note, words in notes.items():
                if wanted in note:
                    context[index] = context.get(index, frozenset()) | words
    if "\t" in text:
        for index, sentence in enumerate(sentences):
            if row := row_context(sentence, text):
                words = frozenset(content_words(row))
                context[index] = context.get(index, frozenset()) | words
    return MappingProxyType(context)


_GOES_ON_ABOUT = re.compile(rf"^(?:{'|'.join(sorted(PRONOUN_OPENERS))})\b", re.I)


def carried_subjects(sentences: list[str]) -> dict[int, frozenset[str]]:
    """By index, the content words of the name each sentence goes on about from the one
    before (:func:`~ingest.sentences.carried_subject`): a sentence read alone loses its
    subject; read so, it covers a question that names it.

    >>> carried = carried_subjects(["We will appoint 20 Vale Futures Fellows by 2026.",
    ...                             "Fellows receive a grant of £25,000."])
    >>> {index: sorted(words) for index, words in carried.items()}
    {1: ['fellow', 'futur', 'vale']}
    """
    return {
        index: frozenset(content_words(subject))
        for index in range(1, len(sentences))
        if (subject := carried_subject(sentences[index - 1], sentences[index]))
    }


def sentence_features(
    question: SentenceQuestion, passage: PassageView, sentence: ScoredSentence, text: str
) -> np.ndarray:
    """The scorer's inputs for one sentence, in the order of
    :data:`assistant.answering.weights.SENTENCE_FEATURES`, each in [0, 1]:

    - ``similarity``: the sentence's embedding similarity to the question;
    - ``coverage``: the share of the question's content words the sentence, its section
      heading, its document title, the subject it goes on about or the rest of its table row
      (:func:`_sentence_context`) write (fuzzily: "Smarter" matches "Smart");
    - ``heading_coverage``: the same share from the heading and title alone;
    - ``rare_coverage``: the share the sentence itself writes, each word weighed by its rarity
      in the corpus (:func:`~assistant.retrieval.corpus_terms.rare_coverage`);
    - ``phrase``: the share of the question's adjacent word pairs the sentence writes adjacent
      ("active volunteers"), by stem;
    - ``passage``: the passage's retrieval score over the best passage's;
    - ``amount`` / ``count`` / ``date`` / ``frequency`` / ``contact``: the question asks for
      that kind of value and the sentence holds one (a count only when no amount matched);
    - ``new_name``: a "who / which / where" question, and the sentence names someone the
      question does not;
    - ``answer_noun``: the sentence names the kind of thing "Which *toolkit* …" asks for, and
      covers the question's topic;
    - ``abbreviation``: the share of the question's long names the sentence writes as their
      initials ("CETP");
    - ``lead``: the sentence opens its passage;
    - ``length``: its length in words over 40, at most 1;
    - ``claim``: the question asks a target or a result and the sentence, or the heading it
      sits under, claims that kind (:mod:`assistant.answering.claims`); only for a sentence
      that holds a figure.
    """
    intent = question.intent
    sentence_words = set(spelled_out(text, question.acronyms))
    words = question.words
    context = passage.context | passage.carried.get(sentence.index, frozenset())
    coverage = fuzzy_coverage(words, sentence_words | context) if words else 0.0
    amount = "amount" in intent.asks_for and bool(_HAS_AMOUNT.search(text))
    abbreviated = question.abbreviated
    written = set(tokens(text)) if abbreviated else set()
    return np.array(
        [
            sentence.similarity,
            coverage,
            passage.heading_coverage,
            rare_coverage(words, sentence_words, question.rarity),
            _phrase_share(words, content_words(text)),
            passage.passage_score,
            amount,
            not amount and intent.asks_quantity and bool(_HAS_NUMBER.search(text)),
            intent.asks_when and bool(_HAS_DATE.search(text)),
            "frequency" in intent.asks_for and bool(_HAS_FREQUENCY.search(text)),
            any(_VALUE_IN_TEXT[kind][0].search(text) for kind in question.contact),
            question.asks_entity and _new_name(text, question.word_set),
            bool(question.noun) and question.noun in sentence_words and coverage >= 0.4,
            sum(bool(f & written) for f in abbreviated) / len(abbreviated) if abbreviated else 0.0,
            sentence.index == 0,
            min(1.0, len(text.split()) / 40),
            # a target or result is a figure: a sentence without one ("the grid below shows
            # what we aim to achieve") gains nothing by its kind
            bool(_HAS_NUMBER.search(text))
            and claim_match(intent.claim_asked, text, passage.candidate.chunk.section),
        ],
        dtype=np.float64,
    )


def _phrase_share(question_words: list[str], text_words: list[str]) -> float:
    """The share of the question's adjacent content-word pairs the text also writes adjacent.

    >>> _phrase_share(["activ", "volunt", "2030"], ["grow", "activ", "volunt"])
    0.5
    """
    pairs = set(pairwise(question_words))
    if not pairs:
        return 0.0
    return len(pairs & set(pairwise(text_words))) / len(pairs)


def sentence_pool(
    question: str, evidence: RetrievalResult, pool_all: bool = False
) -> list[Candidate]:
    """The passages whose sentences compete: those scoring near the best (every passage when
    the question asks for a contact detail, which sits in one short low-ranked footer line),
    the rest of the best passage's table, plus a little lower ones naming the thing "Which
    *toolkit* …" asks for."""
    intent = evidence.intent
    contact = intent.asks_for & {"email", "url", "phone"}
    pool = evidence.candidates if contact or pool_all else _pool(evidence)
    if pool and "table_row" in pool[0].chunk.block_kinds:
        # a table split over chunks is one table: its other rows compete too ("Apr 24 Review
        # delivery …" in the chunk before "Apr 2025 Review delivery …")
        top, seen = pool[0].chunk, {c.chunk.id for c in pool}
        pool = pool + [
            c
            for c in evidence.candidates
            if c.chunk.id not in seen
            and (c.chunk.source, c.chunk.section) == (top.source, top.section)
            and "table_row" in c.chunk.block_kinds
        ]
    noun = answer_noun(question)
    if noun and not pool_all:
        seen = {c.chunk.id for c in pool}
        pool = pool + [
            c for c in _pool(evidence, 0.3, limit=8) if c.chunk.id not in seen and _names(c, noun)
        ]
    return pool


def choose_sentences(
    question: str, evidence: RetrievalResult, pool_all: bool = False
) -> list[SentenceChoice]:
    """Best sentence, plus up to two more that add something and score nearly as well; each
    scored by the fitted scorer (:mod:`assistant.answering.weights`)."""
    scorer = answer_weights().sentence
    # "when are the reviews?": a timeline's rows that differ only by their date are two events
    chosen = keep_best(
        _scored_sentences(question, evidence, pool_all),
        scorer.keep_ratio,
        dates_asked=evidence.intent.asks_when,
    )
    return _with_what_they_announce(chosen)


_ANNOUNCES = re.compile(
    rf"^(?:\S+\s+){{0,6}}?(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+[a-z]+s\s*[.:]$", re.I
)
"""A short sentence that counts what the next one says: "We fell short in two areas.",
"There are three reasons:"."""


def _with_what_they_announce(chosen: list[SentenceChoice]) -> list[SentenceChoice]:
    """Each chosen sentence that only announces what follows (:data:`_ANNOUNCES`), followed by
    the sentence after it in its passage ("We fell short in two areas." and "Work with schools
    reached 18 schools against a target of 25 …; and only 9% of our volunteers …")."""
    out: list[SentenceChoice] = []
    for choice in chosen:
        out.append(choice)
        if not _ANNOUNCES.match(choice.text):
            continue
        ordered = sorted(choice.candidate.sentences, key=lambda s: s.index)
        for this, after in pairwise(ordered):
            text = " ".join(after.text.split())
            if " ".join(this.text.split()) == choice.text and all(text != c.text for c in chosen):
                out.append(SentenceChoice(text, choice.candidate, after.similarity, 0.0, 0.0))
                break
    return out


def _scored_sentences(
    question: str, evidence: RetrievalResult, pool_all: bool = False
) -> list[SentenceChoice]:
    scorer = answer_weights().sentence
    asked = SentenceQuestion.of(question, evidence)
    said_before = set(content_words(evidence.from_answer))
    scored: list[SentenceChoice] = []
    for candidate in sentence_pool(question, evidence, pool_all):
        passage = PassageView.of(asked, candidate)
        # a table's header row names its columns and says nothing ("Activity  Hours 2024")
        headers = {" ".join(h.split()) for h in table_headers(candidate.chunk)}
        for sentence in candidate.sentences:
            text = " ".join(sentence.text.split())
            if text in headers or not answerable_sentence(text, asked):
                continue
            if said_before and _said_before(text, said_before):
                continue  # "which groups are named?": not the sentence the last answer gave
            features = sentence_features(asked, passage, sentence, text)
            scored.append(
                SentenceChoice(
                    text,
                    candidate,
                    sentence.similarity,
                    float(features[1]),
                    scorer.score(features),
                    sentence.vector,
                )
            )
    return scored


SAID_BEFORE = 0.8
"""Share of a sentence's content words the last answer holds for the sentence to be what it
said already: a follow-up asks for something more."""


def _said_before(text: str, said: set[str]) -> bool:
    """Whether the last answer (its content words, ``said``) already said this sentence: a
    follow-up pointing into it ("which groups are named?" after "… including targeted
    engagement with 8 groups") asks what that sentence did not say."""
    words = content_words(text)
    return bool(words) and fuzzy_coverage(words, said) >= SAID_BEFORE


RESCUE_SIMILARITY = 0.5
RESCUE_SCORE_GAP = 0.15


def best_answering(
    question: str, evidence: RetrievalResult, answers: Callable[[list[SentenceChoice]], bool]
) -> list[SentenceChoice]:
    """Before refusing because the best sentences lack what the question asks for (a time, a
    date, an amount …), the best-scored sentence of the well-ranked passages that has it
    ("open 8am to 8pm on weekdays" for "what time will the Hive open"), or []. It must be
    close to the question and come from a passage ranked near the top, or outscore every
    sentence of those passages (the scorer weighs the passage's rank already); it must write
    the question's names itself, or with the close sentence before it."""
    if not evidence.candidates:
        return []
    top = evidence.candidates[0].score
    scored = sorted(_scored_sentences(question, evidence, pool_all=True), key=lambda c: -c.score)
    near = [c.score for c in scored if c.candidate.score >= top - RESCUE_SCORE_GAP]
    best_near = near[0] if near else 0.0
    for choice in scored:
        if choice.candidate.chunk.kind == "action":
            continue  # a row's title says nothing its fields do not: the record route reads them
        before = _sentence_before(choice)
        goes_on = before is not None and bool(_GOES_ON_ABOUT.match(choice.text))
        close = max(choice.similarity, before.similarity if before and goes_on else 0.0)
        ranked_near = choice.candidate.score >= top - RESCUE_SCORE_GAP
        if not (close >= RESCUE_SIMILARITY and ranked_near) and choice.score <= best_near:
            continue  # neither close and well ranked, nor the scorer's best of all
        if (
            before is not None
            and not goes_on
            and _names_all(question, choice.text, evidence.acronyms)
        ):
            before = None  # the sentence says it all on its own
        if before is not None and not goes_on and before.similarity < RESCUE_SIMILARITY:
            before = None  # the sentence before must be about the question too
        rescued = [before, choice] if before else [choice]
        said = " ".join(c.text for c in rescued)
        if _names_all(question, said, evidence.acronyms) and answers(rescued):
            return rescued
    return []


def _names_all(
    question: str, text: str, acronyms: Mapping[str, tuple[str, ...]] | None = None
) -> bool:
    """Whether ``text`` itself (not merely its passage) writes the question's names (or the
    long forms the documents define for them) and numbers: a rescued sentence must be about
    what was asked."""
    lowered = text.lower()
    words = set(re.findall(r"\w+", lowered))
    names = [n for n in proper_nouns(question) if len(n) > 2]
    if any(_missing_name(n, lowered, words, acronyms) for n in names):
        return False
    written = numbered_instances(text)
    instances = {  # "round 3" is written "a third round"
        str(n)
        for noun, asked in numbered_instances(question).items()
        for n in asked & written.get(noun, set())
    }
    return all(
        n in instances or re.search(rf"(?<![\d.,]){re.escape(n)}(?!\d)", text)
        for n in _QUESTION_NUMBER.findall(question)
    )


def _sentence_before(choice: SentenceChoice) -> SentenceChoice | None:
    """The sentence before a chosen one in its passage, which may name what it goes on about
    ("We will open the Hive …" before "*It* will … open 8am to 8pm"; "The plan was written in
    the open." before "Over fourteen weeks we heard from 2,316 people …")."""
    sentences = sorted(choice.candidate.sentences, key=lambda s: s.index)
    for before, this in pairwise(sentences):
        if " ".join(this.text.split()) == choice.text:
            text = " ".join(before.text.split())
            return SentenceChoice(text, choice.candidate, before.similarity, 0.0, 0.0)
    return None


def keep_best(
    scored: list[SentenceChoice], keep_ratio: float, dates_asked: bool = False
) -> list[SentenceChoice]:
    """The best sentence, and up to two more within ``keep_ratio`` of its score that are not
    near-duplicates (:func:`_near_duplicate`) and keep the answer under 700 characters."""
    scored = sorted(scored, key=lambda s: s.score, reverse=True)
    chosen: list[SentenceChoice] = []
    for choice in scored:
        if len(chosen) == MAX_ANSWER_SENTENCES:
            break
        if chosen and choice.score < chosen[0].score * keep_ratio:
            break
        if any(_near_duplicate(choice, kept, dates_asked) for kept in chosen):
            continue
        if chosen and sum(len(c.text) for c in chosen) + len(choice.text) > 700:
            continue
        chosen.append(choice)
    return chosen


_WHO_VERB = re.compile(
    r"^\s*who\s+(?!(?:is|are|was|were|has|have|had|will|would|should|can|could|did|does|do|owns|"
    r"leads|runs|looks after|look after|heads|oversees|counts|count|qualifies|qualify)\b)"
    r"([a-z]{3,})\b",
    re.I,
)
"""A "who *chairs* …" question's verb; "who *counts as* under-represented" asks a meaning."""
_WHAT_OF = re.compile(
    r"^\s*(?i:what|which)\s+(?i:is|are|was|were)\s+(?:the\s+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*'s\s+)"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|main|key)\s+)?([a-z]{3,})(?:\s+[a-z]+)?(?:\s+(?:of|for|in|at|on)\b|\s*\?)",
)


_WHAT_POSSESSED = re.compile(
    r"^\s*(?i:what(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were))\s+(?i:the\s+|our\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,4}?[\w-]+['’]s\s+([a-z]{3,})(?:\s+[a-z]+)?\s*\??\s*$"
)
"""What a thing has, asked in lower case too: "what's the volunteer coordinator's *salary*?"
(a sentence valuing volunteer time at £14.20 an hour names no salary)."""


_SAME_AS = {
    "budget": ("cost", "costs", "funding", "spend"),
    "cost": ("budget", "funding", "spend"),
    "aim": ("objective", "goal", "purpose"),
    "goal": ("aim", "objective"),
    "objective": ("aim", "goal"),
    "become": ("appointed", "elected", "joined", "new"),
    "job": ("role", "post", "position", "title"),
    "role": ("job", "post", "position", "title"),
    "replacing": ("replace", "successor", "succeed", "succeeds", "appointed", "elected"),
    "open": ("opened", "opens", "opening", "launch", "launched", "launches"),
    "start": ("began", "begin", "begins", "begun", "launched", "opened", "commenced"),
    "win": ("awarded", "appointed", "selected", "chosen", "successful"),
    "build": ("built", "building", "construct", "construction", "located", "site", "sited"),
    "send": ("circulate", "share", "issue", "distribute", "forward"),
    "sending": ("circulate", "share", "issue", "distribute", "forward"),
}
"""Focus words whose answer is usually written with another word ("budget" → "Total Cost",
"who *became* Treasurer" → "appointed at the AGM")."""


_WHO_ROLE = re.compile(
    r"^\s*(?i:who\s+(?:is|was|are|were|will be)\s+(?:the|its|their))\s+"
    r"([a-z]{3,})\s+(?:of|for|at)\b",
)
"""A role asked about: "Who is the *director* of …"; a sentence naming the body only is not
an answer. Lower-case only: "the Chief Executive of …" is a name, checked as a proper noun."""


_WHO_DOING = re.compile(r"^\s*(?i:who)\s+(?:is|are|was|were|will be)\s+([a-z]{3,}ing)\b")
_WHEN_DONE = re.compile(
    r"^\s*(?i:when)\s+(?:did|does|do|will|would)\s+"
    r"(?:(?!(?i:how|what|whether|if|that|to|and|want|wants|expect|expects|is|are|be)\b)"
    r"[\w&'’-]+\s+){1,5}([a-z]{3,})\s*\??\s*$"
)
_WHEN_BE_DONE = re.compile(
    r"^\s*(?i:when|where)\s+(?:is|are|was|were|will)\s+"
    r"(?:(?!(?i:how|what|whether|if|that|to|and|going|due|set|be)\b)[\w&'’-]+\s+){1,8}"
    r"(?:(?:going|due|set) to )?be\s+([a-z]{3,})\s*\??\s*$"
)
_WHICH_WON = re.compile(r"^\s*(?i:which|what)\s+(?:[a-z-]+\s+){1,2}?(won|wins|win)\b")
_WHEN_GOING_TO = re.compile(
    r"^\s*(?i:when)\s+(?:is|are|was|were)\s+(?:[\w&'’-]+\s+){1,6}?"
    r"(?:going|planning|expected|supposed|meant|hoping)\s+to\s+"
    r"(?!(?:start|begin|finish|end|complete|close|run|happen|take|be|have|get)\b)([a-z]{3,})\b"
)
"""The event asked about, when the question ends on it or names it in a who/which form:
"Who is *replacing* …", "When did the tunnel *open*?", "Where will the hospitals be
*built*?", "Which firm *won* …", "When is the council going to *publish* its strategy?" (not a
schedule's own "meant to start and finish": every dated row says when; nor "hoping to *have*
a contractor in", whose light verb names no event)."""


def focus_word(question: str) -> str:
    """The relation a question asks about, when its form makes it plain: "Who *chairs* …",
    "What is the *capital* of …", "What is Matt's *job* title?", "what's the coordinator's
    *salary*?", "Who is the *director* of …",
    "Who is *replacing* …", "When did the tunnel *open*?". An answer that never mentions it
    answers a different question. Empty for other forms."""
    match = (
        _WHO_VERB.match(question)
        or _WHAT_OF.match(question)
        or _WHAT_POSSESSED.match(question)
        or _WHO_ROLE.match(question)
        or _WHO_DOING.match(question)
        or _WHEN_DONE.match(question)
        or _WHEN_BE_DONE.match(question)
        or _WHICH_WON.match(question)
        or _WHEN_GOING_TO.match(question)
    )
    focus = match.group(1).lower() if match else ""
    if match and match.re is _WHO_DOING and ROLE_STEMS & set(content_words(focus)):
        return ""  # "who is leading it?": any way of naming who is in charge answers
    return "" if focus in DOCUMENT_NOUNS else focus  # the answer need not say "strategy"


def close_enough(chosen: list[SentenceChoice], intent: QuestionIntent | None = None) -> bool:
    """Check 2: a chosen sentence is near the question in meaning, or covers its topic, or
    (for "what number do I call …") is on topic and holds the contact detail asked for. Any
    chosen sentence will do: the scorer's order among them (a result preferred to its target
    for "how many are in so far?") does not decide whether to answer."""
    gates = answer_weights().gates
    contact = intent.asks_for & {"email", "url", "phone"} if intent else frozenset()

    def close(choice: SentenceChoice) -> bool:
        if choice.similarity < gates.similarity_floor:
            return False
        if any(_VALUE_IN_TEXT[kind][0].search(choice.text) for kind in contact):
            return True
        return not (
            choice.similarity < gates.close_similarity and choice.coverage < gates.close_coverage
        )

    return any(close(choice) for choice in chosen)


def _same_word(part: str, lowered: str, context_words: set[str]) -> bool:
    """The evidence writes this word of a name, perhaps as "Feb", "3", "Smart" (for
    "Smarter") or with OCR damage."""
    if part in lowered or part.rstrip("s") in lowered:
        return True
    if _MONTHS.get(part, "\0") in context_words:  # "February" asked, "Feb" written
        return True
    if str(NUMBER_WORDS.get(part, "\0")) in context_words:  # "Aim Three" asked, "Aim 3" written
        return True
    if (
        len(part) >= 5
        and any(  # an inflection: "Smarter" asked, "Smart" written
            shared_prefix(part, word) >= max(5, min(len(part), len(word)) - 1)  # "Defining"
            for word in context_words
            if word[:5] == part[:5]
        )
    ):
        return True
    if len(part) >= 4 and any(_swapped(part, word) for word in context_words):
        return True  # "Wier" asked, "Weir" written
    return best_similarity(part, context_words, 0.6) >= 0.6


def _swapped(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with two neighbouring letters swapped ("wier", "weir")."""
    if len(typed) != len(word) or typed == word:
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and typed[differ[0]] == word[differ[1]]
        and typed[differ[1]] == word[differ[0]]
    )


def shared_prefix(a: str, b: str) -> int:
    """Length of the common start of two words."""
    pairs = zip(a, b, strict=False)
    return next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))


_INITIALISM = re.compile(r"([A-Z]{3,6})s?")


def _capitalised_initials(text: str) -> set[str]:
    """The initials of every run of three to six capitalised words in ``text`` and of its
    parts of three or more (:func:`~assistant.retrieval.text.capitalised_runs`).

    >>> sorted(_capitalised_initials("See the Annual Delivery Plan for details."))
    ['adp']
    """
    return {initials for initials, _ in capitalised_runs(text)}


def _missing_name(
    name: str,
    lowered: str,
    context_words: set[str],
    acronyms: Mapping[str, tuple[str, ...]] | None = None,
    context: str = "",
) -> bool:
    """A name the question depends on that the evidence never writes, in full, as its
    initials ("the National Nuclear Laboratory" is the "NNL" of the plan) or as the documents
    define it: an acronym asked, its long form written ("PAT" and "Personal Academic
    Tutoring"), or the other way round ("the Students' Union" and "the SU")."""
    words = [w for w in re.findall(r"\w+", name.lower()) if w not in _MONTH_NAMES]
    if not words or abbreviations(name) & context_words:
        return False  # "the November SEC": the month dates it, the name is "SEC"
    initials = _INITIALISM.fullmatch(name)
    if initials and initials.group(1).lower() in _capitalised_initials(context):
        return False  # "the ADP" is the "Annual Delivery Plan" the evidence names, "VFFs" its
        # "Vale Futures Fellows"
    capitals = [w for w in re.findall(r"[A-Za-z][\w'’]*", name) if w[0].isupper()]
    if len(capitals) == 2 and re.search(rf"\b{capitals[0][0]}{capitals[1][0]}\b", context):
        return False  # "the Students' Union" written "the SU", in capitals

    acronyms = acronyms or {}  # lower-case acronym → its long form's content words
    long_form = acronyms.get(name.lower(), ())
    if long_form and _writes_all(" ".join(long_form), lowered, context_words):
        return False
    stems = tuple(content_words(name))
    if any(short in context_words and stems == forms for short, forms in acronyms.items()):
        return False
    return any(not _same_word(part, lowered, context_words) for part in words if len(part) > 2)


def _writes_all(name: str, lowered: str, context_words: set[str]) -> bool:
    return all(
        _same_word(part, lowered, context_words)
        for part in re.findall(r"\w+", name.lower())
        if len(part) > 2 and part not in STOPWORDS
    )


_ITS_OWN = re.compile(r"\b((?:[A-Z][\w&-]*\s+){1,4}[A-Z][\w&-]*)['’]s own\b")
"""A named body's own document asked for: "What are *Northmoor College's own* strategic
priorities?". A name of two words or more: "the Trust's own carbon footprint" is the
organisation's own, whose plans need not carry its name."""


def another_bodys_own(question: str, evidence: RetrievalResult) -> str:
    """The body whose own plan the question asks about, when no retrieved document is that
    body's (none names it in its title or file name): another organisation's strategy is not
    answered from this one's mentions of it. "" when the question asks for no body's own."""
    match = _ITS_OWN.search(question)
    if not match:
        return ""
    body = match.group(1).lower()
    for candidate in evidence.candidates:
        chunk = candidate.chunk
        if body in f"{chunk.title} {re.sub(r'[-_/.]+', ' ', chunk.source)}".lower():
            return ""
    return match.group(1)


_SUCCESSOR = re.compile(
    r"\b(?:plan|strategy|programme|document)s?\s+(?:that|which)\s+(?:will\s+)?"
    r"(?:follows?|replaces?|comes? after|succeeds?)\b"
    r"|\bsuccessor (?:to|of)\b"
    r"|\b(?:plan|strategy) after (?:the|this|our)\s+(?:[\w-]+\s+){0,4}?(?:plan|strategy|one)\b",
    re.I,
)
"""A question about the document that comes after one: "the innovation action plan *that
follows* the 2022-2025 one", "the *successor to* the strategy", "the plan after this one".
Not "the new deadline for the flood plan after the board meeting"."""


def successor_asked(question: str, evidence: RetrievalResult) -> bool:
    """The question asks about the plan after one the documents hold, and no retrieved
    document is dated later than every year the question names: the next plan is not
    answered from the current one."""
    if not _SUCCESSOR.search(question):
        return False
    named = [int(y) for y in _YEAR.findall(question)]
    latest = max(named, default=0)
    for candidate in evidence.candidates:
        chunk = candidate.chunk
        years = [int(y) for y in _YEAR.findall(f"{chunk.title} {chunk.source}")]
        if latest and years and min(years) >= latest:
            return False  # a plan starting when the named one ends is that successor
    return True


def asked_by_user(evidence: RetrievalResult) -> str:
    """The standalone question without the previous answer's words: what the user asked in
    this turn and the last, which is what rows may be filtered by."""
    return _without(evidence.question, evidence.from_answer)


def users_words(question: str, evidence: RetrievalResult) -> str:
    """What a route reads a question's asks from: the user's own words (:func:`asked_by_user`)
    when ``question`` is the evidence's whole question, else ``question`` (a part of it)."""
    return asked_by_user(evidence) if evidence.question == question else question


SENTENCE_END = re.compile(r"((?<=[.!?:])\s+)")
"""Between sentences (kept when split on, so a text is rebuilt exactly)."""


def this_turn(question: str) -> str:
    """The question's last sentence: a follow-up's own words, after the last question a
    standalone question repeats ("Who is sending the framework out? and by when do they have
    to send comments back?" → "and by when …")."""
    return SENTENCE_END.split(question.strip())[-1]


def asked_of(evidence: RetrievalResult) -> str:
    """What the evidence must answer: the standalone question without the words it borrowed
    from the previous answer (their names and numbers were not asked about)."""
    return _without(evidence.question, evidence.borrowed)


def _without(question: str, borrowed: str) -> str:
    return " ".join(question.replace(borrowed, " ").split()) if borrowed else question


_AGES = re.compile(
    r"\baged\s+(?:between\s+)?\d+(?:\s*(?:to|and|-|–)\s*\d+)?"
    r"|\b\d+\s*(?:to|-|–)\s*\d+[- ]years?(?:[- ]olds?)?\b",
    re.I,
)
_NUMBERED_LABEL = re.compile(
    rf"\b(?:{'|'.join(w.capitalize() for w in NUMBERED_LABEL_WORDS)}|(?i:action|item))"
    r"\s+\d{1,2}\b(?![\d,.%])"
)
"""A number that names a level, stage or row ("its Level 3 students", "Scope 3 emissions",
"the flood plan (action 18)"), not how many there are."""
_CLOCK = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", re.I)
_SHARE = re.compile(r"\d[\d,.]*\s?(?:%|per ?cent\b)", re.I)
_CODE = re.compile(r"\b[A-Z]{1,4}\d{1,3}\b")
"""A code that ends in a number ("Goal: G4", "due: Q2 2026", "KPI3"): it names something and
counts nothing."""
_ITEM_NUMBER = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}(?=\s+[A-Z])")
"""An item's number inside a line ("… guarantee; 3.2 Open The Hive")."""
_FOOTNOTE_MARKS = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_MONEY = re.compile(r"[£$€]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion)\b)?", re.I)


def _counts_only(answer_text: str, question: str) -> str:
    """The answer without what only looks like a count: sums of money ("a £1.2m fund"), ages
    ("aged 11 to 16"), times of day ("8am"), dates ("Aug 23"), item numbers ("3.1
    Benchmark"), labels ("Objective Four", "Level 3"), codes ("G4") and spans of time the
    question does not count in ("meets every two months").

    >>> _counts_only("Aim: Volunteers Goal: G4; due: Q2 2026", "What score did they give?")
    'Aim: Volunteers Goal:  ; due:   2026'
    """
    text = _AGES.sub(" ", _FOOTNOTE_MARKS.sub("", answer_text))  # "410 volunteers¹"
    text = _CLOCK.sub(" ", text)  # "open 8am to 8pm"
    if counted_noun(question):  # "how many staff", not "how much" nor "what share"
        text = _SHARE.sub(" ", _MONEY.sub(" ", text))
    text = _ITEM_NUMBER.sub(" ", _CODE.sub(" ", text))
    text = _LEADING_ITEM_NUMBER.sub(" ", _DAY_OR_YEAR.sub(" ", _NUMERIC_DATE.sub(" ", text)))
    text = _NUMBERED_LABEL.sub(" ", PART_LABEL.sub(" ", _RECORD_REF.sub("Action: ", text)))

    def unless_asked(span: re.Match[str]) -> str:
        unit = span.group(1).lower().rstrip("s")
        return span.group(0) if re.search(rf"\b{unit}s?\b", question, re.I) else " "

    return _DURATION.sub(unless_asked, text)


_MEETING = re.compile(rf"\b{MONTH_WORD}\s+(?:board|meeting|committee)\b", re.I)
"""A meeting named by its month ("paper coming to Feb board"): when the paper is due, not
when the thing asked about happens."""


def _unless_after(day: int, found: re.Match[str]) -> str:
    """A date of the month kept when it is on or after ``day``, else blanked."""
    return " " if int(found.group(1)) < day else found.group(0)


def _dates_only(answer_text: str, question: str) -> str:
    """The answer without the days the question itself names ("the next meeting after the
    18 November one" is not answered by "the meeting on 18 November 2025"), and without
    meetings named by month unless the question asks about one."""
    for day in _DAY_OR_YEAR.finditer(question):
        number = re.search(r"\d+", day.group(0))
        month = re.search(r"[a-z]{3}", day.group(0), re.I)
        if number is None or month is None or len(number.group(0)) > 2:
            continue  # "Aug 23" may be a year; only a day of a month is removed
        d, m = number.group(0), month.group(0)
        if re.search(r"\bafter\s+(?:the\s+)?$", question[: day.start()], re.I):
            # "the next meeting after the 18 November one": nor any earlier day of that month
            answer_text = re.sub(
                rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{m}[a-z]*\.?(?:\s+(?:19|20)\d\d)?",
                partial(_unless_after, int(d)),
                answer_text,
                flags=re.I,
            )
        answer_text = re.sub(
            rf"\b{d}(?:st|nd|rd|th)?\s+{m}[a-z]*\.?(?:\s+(?:19|20)\d\d)?"
            rf"|\b{m}[a-z]*\.?\s+{d}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d)?",
            " ",
            answer_text,
            flags=re.I,
        )
    if re.search(r"\b(?:board|meeting|committee|paper)s?\b", question, re.I):
        return answer_text
    return _MEETING.sub(" ", answer_text)


_PEOPLE = frozenset(stem for word in PEOPLE_NOUNS for stem in content_words(word))
_PLURAL_NOUNS = frozenset({"people", "staff", "children", "men", "women", "data"})
_COUNTED_PHRASE = re.compile(
    r"^\s*(?:(?:roughly|approximately|about|around|so|and|just)\s+)?how many\s+"
    r"((?:[a-z-]+\s+){0,4}[a-z-]+)",
    re.I,
)
"""A count's noun phrase, up to its verb: "how many *GP patient participation groups are*
…" counts groups; "roughly how many *people came* …" people."""


def counted_noun(question: str) -> str:
    """What "how many …" counts, stemmed: the head of its noun phrase ("how many *young
    people* have joined" → people, "how many farmers came" → farmer); "" when not a count."""
    match = _COUNTED_PHRASE.match(question)
    if not match:
        return ""
    phrase = match.group(1).lower().split()
    # the noun phrase ends at its verb: "how many *fish* did volunteers rescue"
    ends = next((i for i, word in enumerate(phrase) if re.fullmatch(AUXILIARY, word)), None)
    for word in phrase[:ends]:
        if word in _PLURAL_NOUNS or (word.endswith("s") and not word.endswith("ss")):
            stems = content_words(word)
            return stems[0] if stems else ""
    return answer_noun(question)


_COUNT_THEN_WORD = re.compile(
    r"(?<![\d/£$€.,–-])(?!(?:19|20)\d\d\b)(\d+(?:[,.]\d+)*(?![\w.,])|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred|thousand)"
    r"\s+((?:[a-z-]+\s+){0,2}[a-z]{3,})\b",
    re.I,
)
"""A count and the (up to three) words after it: "five River Guardian groups". Not an amount
("£1.2m hardship fund"), nor a number that ends a phrase ("aged 11 to 16, run with …")."""


def _counted_word(words: str) -> str:
    """What a count counts, of the words after it: the last that looks plural, the head of
    the compound ("five River Guardian *groups*", "5,000 staff volunteering *days*", "20
    Vale Futures *Fellows*"), else the last ("1 new *member*")."""
    split = words.split()
    return next((word for word in reversed(split) if _looks_plural(word)), split[-1])


def _counted(answer_text: str, question: str) -> bool:
    """The answer holds a count, and when it names what "how many *visits*" counts, the count
    stands by that word: "a programme of visits … Society 1 … £20k" counts no visits. When
    it does not name it, a count of something else is no answer: "four events a year" does
    not say how many *people* came, nor "150 places" how many *students* a college has."""
    if not _HAS_COUNT.search(answer_text):
        return False
    noun = counted_noun(question) or answer_noun(question)
    sentences = [  # "2024–25" is one word, a year; a count stands by its noun in one sentence
        re.findall(r"[\w£$,.%–-]+", sentence)
        for sentence in split_sentences(CITATION_MARK.sub("\n", answer_text))  # a cited one
    ]  # ends at its mark
    places = [
        (words, i)
        for words in sentences
        for i, word in enumerate(words)
        if content_words(word) == [noun]
    ]
    if places:
        return any(
            _HAS_COUNT.match(words[j])
            for words, i in places
            for j in range(max(0, i - 3), min(len(words), i + 4))
            if j != i
        )
    if not counted_noun(question):
        return True
    found = [
        (m.group(1), _counted_word(m.group(2))) for m in _COUNT_THEN_WORD.finditer(answer_text)
    ]
    counted = [word for _, word in found]
    if noun in _PEOPLE:  # "how many staff": only a count of people says
        return not counted or any(
            not content_words(word) or content_words(word)[0] in _PEOPLE for word in counted
        )
    return not counted or any(  # "one branch closure" counts closures, as "two closures" does
        not content_words(word) or not (_looks_plural(word) or count.lower() in _ONE)
        for count, word in found
    )


_ONE = frozenset({"1", "one"})


def _looks_plural(word: str) -> bool:
    word = word.lower()
    return word in _PLURAL_NOUNS or (word.endswith("s") and not word.endswith("ss"))


_NAME_BREAK = re.compile(r"[-_./]")
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")


def _span_ends(span: re.Match[str]) -> tuple[str, str]:
    """A range of years' first and last year, written in full ("2024-27" → 2024, 2027)."""
    return span.group(1), span.group(1)[:2] + span.group(2)[-2:]


def years_spanned(text: str) -> set[int]:
    """How many years each range of years in ``text`` runs ("Plan 2025–2030" runs 5,
    "2024-27" 3); a one-year range ("2025/26") runs 1.

    >>> sorted(years_spanned("Research Plan 2025–2030, budget 2025/26, strategy 2024-27"))
    [1, 3, 5]
    """
    spans = (_span_ends(span) for span in _YEAR_SPAN.finditer(text))
    return {int(last) - int(first) for first, last in spans if int(last) > int(first)}


_DIGIT = re.compile(r"\d")


def _title_words(title: str) -> set[str]:
    """A title's or file name's words without its years ("lsc-research-plan-2024-2027.txt")."""
    return {w for w in content_words(_NAME_BREAK.sub(" ", title)) if not _DIGIT.search(w)}


def year_gap(question: str, answer_text: str, titles: list[str], headings: str = "") -> str:
    """A year the question asks about when the answer is explicitly about another: "how many
    fish were rescued in summer 2025?" is not answered by "in the dry summer of 2022 …", nor
    "total income for 2024-25" by 2023–24's. ``headings`` are the answer's section headings
    and table headers (a year there also scopes it); ``titles`` the cited documents' titles
    and file names.

    Left alone: an answer that gives no year (its scope may be its document's: "and by 2030?"
    is answered from the 2025–2030 strategy), a question of several parts (the year belongs to
    one of them), and a year that names a document — the question names it with more than half
    of the title's other words ("the LSC Research and Innovation Plan 2024-2027"), or gives the
    title's span ("the 2024-2027 R&I plan")."""
    if len(question_parts(question)) > 1:
        return ""
    asked = set(content_words(question))
    naming = [title for title in titles if _names_title(asked, title)]
    for span in _YEAR_SPAN.finditer(question):
        start, end = _span_ends(span)
        if any(start in title and end in title for title in titles):
            naming.append(f"{start} {end}")
    said = set(_YEAR.findall(answer_text))
    scoped = said | set(_YEAR.findall(headings))
    for year in _YEAR.findall(question):
        if year in scoped or any(year in title for title in naming):
            continue
        if said:
            return f"the question asks about {year}, and the answer is about {min(said)}"
    return ""


TABLES_READ = 5
"""Only tables among the best few passages place a question's row in time."""


def row_year_gap(question: str, candidates: list[Candidate], answer_text: str) -> str:
    r"""A row the question names, of a retrieved table dated by its columns, asked for a year
    none of them is, when the answer does not name that row: "the *volunteer expenses* budget
    for 2026/27" of a budget table with a 2025/26 column only is not answered by the whole
    organisation's 2026/27 budget. A totals row names no item (another document may give a
    year's whole).

    >>> header = "Item\t2025/26 £"
    >>> text = header + "\nVolunteer expenses\t9,000"
    >>> structure = '{"table_header": ["Item\\t2025/26 £"]}'
    >>> table = Candidate(Chunk("b#1", text, "b.md", "Plan", "", "plan", 1, 2, structure=structure))
    >>> row_year_gap("What's the volunteer expenses budget for 2026/27?", [table], "£1.5m in 2026")
    'the question asks for Volunteer expenses in 2026; its table gives 2025'
    >>> row_year_gap("What's the volunteer expenses budget for 2025/26?", [table], "9,000")
    ''
    """
    years = set(_YEAR.findall(question))
    if not years or len(question_parts(question)) > 1:
        return ""
    asked, said = set(content_words(question)), set(content_words(answer_text))
    for candidate in candidates[:TABLES_READ]:
        for header in table_headers(candidate.chunk):
            dated = set(_YEAR.findall(header))
            if not dated or dated & years:
                continue  # no dated columns, or one for the year asked
            for line in candidate.chunk.text.split("\n"):
                label = line.split("\t", 1)[0] if "\t" in line and line != header else ""
                words = set(content_words(label))
                if words - TOTAL_LABELS and words <= asked and not words <= said:
                    return (
                        f"the question asks for {label} in {min(years)}; "
                        f"its table gives {', '.join(sorted(dated))}"
                    )
    return ""


_MONTH_WORD = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_NAMED_MONTH = re.compile(
    rf"(?<![\w-])(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH_WORD})\.?"
    rf"(?![\w-])(?P<after>\s*(?:\d|[-–]\s*(?:{_MONTH_WORD})\b))?",
    re.I,
)
_MONTH_RANGE = re.compile(rf"\b({_MONTH_WORD})\.?\s*[-–]\s*({_MONTH_WORD})\b", re.I)
_MONTH_IN_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}/(?P<dm>\d{1,2})/(?:19|20)?\d\d|(?:19|20)\d\d-(?P<im>\d{1,2})-\d{1,2})"
    r"(?!\d)"
)


def months_named(text: str, written_by_user: bool = False) -> set[int]:
    """The months a text names: by name ("October", "Oct 2025", "8 May"), as a range ("Aug –
    Oct 23" is August to October) or in a date ("31/10/2025", "2025-10-31"). "May" is a month
    only beside a day, a year or another month ("the plan *may* change" names none); a user
    writes months in lower case, documents capitalise them.

    >>> sorted(months_named("fell to 14 days in October; Aug – Oct 23; due 31/12/2025"))
    [8, 9, 10, 12]
    >>> months_named("The strategy may be reviewed"), months_named("in november", True)
    (set(), {11})
    """
    found: set[int] = set()
    for match in _NAMED_MONTH.finditer(text):
        word = match.group("month")
        if not written_by_user and not word[0].isupper():
            continue
        if word.lower() == "may" and not (match.group("day") or match.group("after")):
            continue
        found.add(MONTH_NUMBERS[word.lower()])
    for match in _MONTH_RANGE.finditer(text):
        first, last = (MONTH_NUMBERS[m.lower()] for m in match.groups())
        found.update(range(first, last + 1) if first <= last else ())
    for match in _MONTH_IN_DATE.finditer(text):
        month = int(match.group("dm") or match.group("im"))
        if 1 <= month <= 12:
            found.add(month)
    return found


def month_gap(question: str, answer_text: str, scope: str) -> str:
    """A month the question asks about when the answer is dated by others only: "what was
    the median wait in September 2025?" is not answered by "fallen to 14 days in October".
    ``scope`` is what also dates the answer (its headings, table headers, document titles
    and file names: minutes "2026-04-23" are April's). Left alone: an answer naming no month,
    and a question of several parts (the month belongs to one of them)."""
    if len(question_parts(question)) > 1:
        return ""
    asked = months_named(question, written_by_user=True)
    said = months_named(answer_text)
    if not asked or not said or asked & (said | months_named(scope)):
        return ""
    name = {MONTH_NUMBERS[full]: full.title() for full in _MONTHS}
    return f"the question asks about {name[min(asked)]}, and the answer about {name[min(said)]}"


_SUB_NUMBER = re.compile(r"[.,]\d")
_ORDINAL_THEN_WORDS = re.compile(
    rf"\b({ORDINAL})\s+((?:[A-Za-z][\w-]*\s+){{0,3}}[A-Za-z][\w-]*)", re.I
)


def numbered_instances(text: str) -> dict[str, set[int]]:
    """Which instance of a thing the text names, by the thing's stem: "round 2" and "the
    second round" → {"round": {2}}; "the second slurry workshop" → each of the words after
    the ordinal ("slurry", "workshop") → {2}. Months are dates, not instances."""
    found: dict[str, set[int]] = {}
    for match in NUMBERED_PART.finditer(text):
        noun = match.group(1).lower()
        if noun in _MONTH_NAMES or noun in NUMBER_WORDS or _SUB_NUMBER.match(text, match.end()):
            continue  # "18 November", "target 1.4", "£2,500"
        for word in content_words(noun):
            found.setdefault(word, set()).add(part_number(match.group(2)))
    for match in _ORDINAL_THEN_WORDS.finditer(text):
        number = ORDINAL_WORDS[match.group(1).lower()]
        if number > 0:
            for word in content_words(match.group(2)):
                found.setdefault(word, set()).add(number)
    return found


def instance_gap(question: str, answer_text: str) -> str:
    """The question names one instance ("round 2 of the fund", "the second workshop") and the
    answer names only others of that thing ("round 3 opens in February"): it is about
    something else. An answer that names no instance of the thing is left alone."""
    asked_instances = numbered_instances(question)
    said = numbered_instances(answer_text) if asked_instances else {}
    for noun, asked in asked_instances.items():
        others = said.get(noun, set())
        if others and not asked & others:
            return (
                f"the question asks about {noun} {min(asked)}, and the answer is about "
                f"{noun} {min(others)}"
            )
    return ""


_YEAR_WORD = re.compile(r"\b(?:years?|yr)\b", re.I)


def unsplit_year(question: str, answer_text: str) -> int | None:
    """The year of a plan the question asks about ("Year 2", "the second year") when the
    answer (with its headings) says nothing by year: "how much of the workstream budget is
    allocated to year 2?" is not answered by its "Total Cost £60,000".

    >>> unsplit_year("How much is allocated to year 2?", "Total cost of workstream £60,000")
    2
    >>> unsplit_year("What's the Year 2 target?", "Year 2: 850 active volunteers") is None
    True
    """
    asked = numbered_instances(question).get("year")
    if not asked or _YEAR_WORD.search(answer_text):
        return None
    return min(asked)


def _names_title(asked: set[str], title: str) -> bool:
    words = _title_words(title)  # more than half: "volunteers" names no "Volunteer … Plan"
    return bool(words) and len(words & asked) > len(words) / 2


_PART_OF_AMOUNT = re.compile(
    r"\b(?:up to|at least|at most|no more than|towards|contribut\w+(?: of)?|a share of"
    r"|of which|part of|a further|an extra|an additional|another)\s+(?:about\s+)?$",
    re.I,
)
"""Words that make the amount after them a bound or a part: "underwrite *up to* £60,000"."""
_CURRENCY_AMOUNT = re.compile(r"[£$€]\s?\d")


def _whole_amount(text: str) -> bool:
    """Whether some sum of money in ``text`` is not a bound or a part of a larger sum (or the
    text writes amounts without a currency sign, which are left alone).

    >>> _whole_amount("The Board agreed to underwrite up to £60,000 of the costs.")
    False
    >>> _whole_amount("Removal will cost £780,000, of which up to £60,000 is underwritten.")
    True
    """
    amounts = list(_CURRENCY_AMOUNT.finditer(text))
    return not amounts or any(
        not _PART_OF_AMOUNT.search(text[max(0, a.start() - 40) : a.start()]) for a in amounts
    )


_COST_ASKED = re.compile(
    r"^\s*(?:what|how much)\b.*\b(?:cost|costs|costing|spend|price|expenditure)\b", re.I
)
_AMOUNT_AT = re.compile(r"[£$€]\s?\d")
_CLAUSE_START = re.compile(r"[.;:—\n\[]")


def money_in_only(question: str, answer_text: str) -> bool:
    """The question asks what something costs, and every sum the answer gives is money coming
    in or asked for: "what's the total capital cost of the centre?" is not answered by
    "research income of £32m", nor "what will removing the weir cost?" by "submit a bid
    … (£780,000)". A sum in a clause that says cost, budget, spend … answers; a question that
    itself asks about a bid or a grant ("how much of the costs did they underwrite?") is left
    alone.

    >>> money_in_only("What will it cost?", "Submit a stage 2 bid for the weir (£780,000).")
    True
    >>> money_in_only("What will it cost?", "Removal will cost £780,000, met by a bid.")
    False
    """
    asked = set(re.findall(r"[a-z]+", question.lower()))
    if not _COST_ASKED.search(question) or asked & MONEY_IN_WORDS:
        return False
    kinds = []
    for amount in _AMOUNT_AT.finditer(answer_text):
        starts = [m.end() for m in _CLAUSE_START.finditer(answer_text, 0, amount.start())]
        clause = set(
            re.findall(r"[a-z]+", answer_text[max(starts, default=0) : amount.start()].lower())
        )
        kinds.append(bool(clause & MONEY_IN_WORDS) and not clause & COST_WORDS)
    return bool(kinds) and all(kinds)


_WHENEVER_ASKED = re.compile(r"\bwhen (?:does|do)\b", re.I)
"""A question of what sets something off, each time ("when does it trigger an alert?"): a
condition answers it as well as a date."""
_CONDITION = re.compile(
    r"\b(?:if|whenever|unless|below|above|under|over|exceeds?|more than|less than|fewer than)"
    r"\b",
    re.I,
)
"""Words that state a condition: "a score *below* 6 triggers an alert"."""
_HAPPENED_ASKED = re.compile(r"^\s*(?:did|has|have|had|was|were)\b", re.I)
_MAYBE = frozenset({"can", "could", "may", "might", "will", "would", "should", "whether", "to"})
"""Words that make the verb after them a possibility, not an event: "to agree whether the
pilot *can restart*"."""
_WORD_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")


def _maybe_stems(text: str) -> tuple[set[str], set[str]]:
    """The stems ``text`` writes straight after a possibility word ("can *restart*"), and
    those it writes otherwise."""
    maybe: set[str] = set()
    said: set[str] = set()
    tokens = [t.lower() for t in _WORD_TOKEN.findall(text)]
    for i, token in enumerate(tokens):
        for word in content_words(token):
            (maybe if i and tokens[i - 1] in _MAYBE else said).add(word)
    return maybe, said


def only_possible(question: str, answer_text: str) -> str:
    """What a "did / has … happen?" question asks about that the answer only says may happen
    ("Did the pilot restart in January?" and "to agree whether the pilot can restart in
    January"), or "". A word the question itself puts after "to" ("did they agree to
    restart it?") is left alone.

    >>> only_possible("Did the pilot restart in January?", "to agree whether it can restart")
    'restart'
    >>> only_possible("Did the pilot restart in January?", "The pilot restarted on 12 January.")
    ''
    """
    if not _HAPPENED_ASKED.match(question):
        return ""
    asked_maybe, asked_said = _maybe_stems(question)
    maybe, said = _maybe_stems(answer_text)

    def written(word: str, stems: set[str]) -> bool:  # "moved" is written "move"
        return any(
            shared_prefix(word, other) >= max(4, min(len(word), len(other)) - 1) for other in stems
        )

    for word in sorted(asked_said - asked_maybe):
        if written(word, maybe) and not written(word, said) and not _DIGIT.search(word):
            return word
    return ""


def _only_together(question: str, answer_text: str) -> str:
    """A name the question asks about by itself that the answer writes only joined to another
    ("Edge Hill University *and the University of Cumbria* have …", "*Lancashire and* South
    Cumbria … 1.8 million"), or ""."""
    for name in (n for n in proper_nouns(question) if len(n) > 2):
        found = list(re.finditer(re.escape(name), answer_text, re.I))
        joined = [
            m
            for m in found
            if re.match(r"\s+(?:and|&)\s+(?:the\s+)?[A-Z]", answer_text[m.end() :])
            or re.search(r"[A-Z][\w-]*\s+(?:and|&)\s+(?:the\s+)?$", answer_text[: m.start()])
        ]
        if found and len(joined) == len(found):
            return name
    return ""


def sibling_name(question: str, answer_text: str) -> str:
    """A name the question asks about ("Lancaster University") that the answer leaves out
    while naming others of its kind ("UCLan …", "Edge Hill University and the University of
    Cumbria …": another University), as "<asked> / <other>"; "" otherwise. Names of one word
    are left alone (the kind is the name's last word).

    >>> sibling_name("How many partnerships does Lancaster University have?",
    ...              "Edge Hill University has over 70 research collaborations.")
    'Lancaster University / Edge Hill University'
    >>> sibling_name("How many partnerships does Lancaster Uni have?",
    ...              "Edge Hill University has over 70 research collaborations.")
    'Lancaster Uni / Edge Hill University'
    >>> sibling_name("How many partnerships does Lancaster University have?",
    ...              "Lancaster University has partnerships in Malaysia and China.")
    ''
    """
    said = set(re.findall(r"[a-z]+", answer_text.lower()))
    answer_names = proper_nouns(answer_text, opening_word=True)
    for name in proper_nouns(question):
        words = name.lower().split()
        kind = ORGANISATION_KIND_SHORT_FORMS.get(words[-1], words[-1])  # "Northfield Uni"
        own = [w for w in words[:-1] if w not in STOPWORDS]
        if kind not in ORGANISATION_KINDS or not own or said & set(own):
            continue  # "Lancaster" in the answer: it may be about it
        if abbreviations(name) & said:
            continue  # "LSC" written for "Lancashire and South Cumbria"
        for other in answer_names:
            other_words = other.lower().split()
            if (
                kind in other_words
                and len(other_words) > 1
                and best_similarity(other.lower(), [name.lower()], 0.6) < 0.6  # a typo
            ):
                return f"{name} / {other}"
    return _sibling_thing(question, answer_text)


_NAMED_THING = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+((?:[a-z][\w-]*\s+){1,2}[a-z][\w-]*)"
)
"""A name and the thing it names, in lower case: "*Saltmere* community flood plan"."""


def _sibling_thing(question: str, answer_text: str) -> str:
    """A thing the question names by a place or name ("the Saltmere community flood plan")
    that the answer gives only under another name ("the Fellside community flood plan"), as
    "<asked> / <other>"; "" otherwise.

    >>> _sibling_thing("What's the deadline for the Saltmere community flood plan?",
    ...                "The Fellside community flood plan deadline is moved to 30 September.")
    'Saltmere community flood plan / Fellside community flood plan'
    >>> _sibling_thing("What's the deadline for the Saltmere community flood plan?",
    ...                "The Saltmere community flood plan is due in May.")
    ''
    """
    names = set(proper_nouns(question))
    lowered = answer_text.lower()
    for match in _NAMED_THING.finditer(question):
        name, thing = match.group(1), match.group(2)
        if name not in names or name.lower() in lowered or len(content_words(thing)) < 2:
            continue
        other = re.search(
            rf"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+{re.escape(thing)}\b", answer_text
        )
        written = re.sub(r"^(?:The|A|An|Our|Its|Their)\s+", "", other.group(1)) if other else ""
        if written and written.lower() != name.lower():
            return f"{name} {thing} / {written} {thing}"
    return ""


_PLACE = re.compile(r"\b(?:in|at|near|around)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_NO_PLACE = frozenset(MONTH_NUMBERS) | {
    "year", "q1", "q2", "q3", "q4", "the", "our", "this", "that", "aim", "goal", "priority",
    "phase", "round", "stage", "workstream", "appendix", "section", "table", "part", "summer",
    "winter", "spring", "autumn", "january", "week", "term",
}  # fmt: skip
"""Capitalised words after "in" / "at" that are no place: "in March", "in Year 2"."""


def _places(text: str) -> list[str]:
    return [
        m.group(1) for m in _PLACE.finditer(text) if m.group(1).split()[0].lower() not in _NO_PLACE
    ]


def other_place(question: str, answer_text: str, titles: Iterable[str] = ()) -> str:
    """A place the question asks about ("homes *in Kestingham*") that the answer leaves out
    while placing what it says elsewhere ("flooded 140 homes *at Orlow Bridge*"), as
    "<asked> / <other>"; "" otherwise. A place the cited documents are named after (the
    region a plan covers) is left alone: its plan speaks of its towns.

    >>> other_place("How many homes in Kestingham flooded?", "140 homes at Orlow Bridge")
    'Kestingham / Orlow Bridge'
    """
    said = answer_text.lower()
    named = " ".join(titles).lower()
    for place in _places(question):
        low = place.lower()
        if low in said or low in named:
            continue
        for other in _places(answer_text):
            if low not in other.lower() and other.lower() not in low:
                return f"{place} / {other}"
    return ""


_OWN_DOING = re.compile(r"(?:['’]s own|\s+itself|\s+themselves|\s+board)\b", re.I)
"""What marks an organisation's own doing in a question: "Orlow District Council's *own*
target", "… Council *itself* spending", "the Brindle Water *board*"."""
_OWN_LATER = re.compile(r"\b(?:its|their) own\b", re.I)
"""The same mark later in the question, pointing back at the name: "what year is Harrowbridge
City Council targeting net zero for *its own* buildings?"; not "did the trustees cover the
Hollin Weir costs *themselves*?" (the trustees, not the place)."""
_ACTING = (
    r"['’]s\b|\s+(?:will|would|has|have|had|is|are|was|were|plans?|planned|aims?|intends?"
    r"|expects?|estimates?|decided|agreed|approved|sets?|committed|spends?|spent|targets?"
    r"|board|itself)\b"
)
"""What follows an organisation's name when a sentence has it do something: "Orlow District
Council *estimates* …", "Brindle Water*'s* budget", "the Brindle Water *board* approved"."""


def other_party(question: str, answer_text: str) -> str:
    """A named organisation whose own doing the question asks about (:data:`_OWN_DOING`, or
    the organisation as the subject of the question's verb: :func:`_subject_verb`), when the
    answer never has it do anything — it names it only as a partner or funder ("work with
    Orlow District Council", "Orlow District Council — 2026/27: £50,000") or not at all (the
    Trust's own Board's decisions); "" otherwise.

    >>> other_party("What is Orlow District Council's own target?", "Fix 250 drains with "
    ...             "Orlow District Council.")
    'Orlow District Council'
    >>> other_party("What is Orlow District Council's own target?", "Orlow District Council "
    ...             "aims to fix 400 drains.")
    ''
    >>> other_party("What did the Brindle Water board decide?", "The Board approved the budget.")
    'Brindle Water'
    >>> other_party("When is Orlow District Council aiming to fix its own drains?", "Fix 250 "
    ...             "drains with Orlow District Council.")
    'Orlow District Council'
    >>> other_party("How many staff does Orlow Angling Association employ?", "We employ 24 "
    ...             "staff, working with Orlow Angling Association.")
    'Orlow Angling Association'
    >>> other_party("How much is Orlow District Council contributing?", "Orlow District "
    ...             "Council — 2026/27: £50,000")
    ''
    """
    for name in proper_nouns(question):
        at = question.find(name)
        if len(name.split()) < 2 or at < 0:
            continue
        after = question[at + len(name) :]
        verb = _subject_verb(question[:at], after) if _outside_body(name) else ""
        if not (_OWN_DOING.match(after) or _OWN_LATER.search(after) or verb):
            continue
        acting = f"{_ACTING}|\\s+{re.escape(verb[:4])}" if len(verb) >= 4 else _ACTING
        if not re.search(rf"{re.escape(name)}(?:{acting})", answer_text, re.I):
            return name
    return ""


_AUXILIARY_BEFORE = re.compile(rf"\b{AUXILIARY}\s+(?:the\s+)?$", re.I)
_VERB_AFTER = re.compile(r"\s+([a-z]+)\b")
_GIVING = re.compile(
    r"(?:contribut|giv|gave|pay|paid|fund|put|provid|donat|grant|offer|match|secur|ha[sv]|got"
    r"|get)"
)
"""Verbs of an organisation giving to us or holding something for us: "how much is the
council contributing?", "what does the Foundation have down for 2026/27?" are answered by the
row naming it as a funder."""


_BODIES_WITHIN = frozenset({"board", "committee", "fund", "centre", "center"})
"""Kinds of organisation that are usually our own bodies or things (the Innovation Board meets,
the Fund opens), named by the rows and sentences that run them rather than doing."""


def _outside_body(name: str) -> bool:
    """Whether a name is of an organisation of its own kind ("Northvale Angling
    *Association*", "Harrowbridge City *Council*"), not one of our bodies ("the Innovation
    Board") or a plan ("the Integrated Care Strategy")."""
    kind = name.split()[-1].lower()
    return kind in ORGANISATION_KINDS and kind not in _BODIES_WITHIN


def _subject_verb(before: str, after: str) -> str:
    """The verb a question has an organisation do as its subject ("how many staff does
    Northvale Angling Association *employ*?", "what year is the City Council *aiming* …"),
    unless it gives to us; "" otherwise.

    >>> _subject_verb("how many staff does ", " employ?")
    'employ'
    >>> _subject_verb("how much is ", " contributing?")
    ''
    """
    verb = _VERB_AFTER.match(after)
    if (
        not (verb and _AUXILIARY_BEFORE.search(before))
        or _GIVING.match(verb.group(1))
        or verb.group(1) in STOPWORDS
    ):
        return ""
    return verb.group(1)


def stated_unknown(question: str, answer_text: str) -> str:
    """The thing a "which / who / where / what is" question asks for, when the evidence says
    it is not known yet ("Which group is our second partner?" and "second partner not yet
    identified"; "What's the baseline?" and "Baseline and target to be set after the audit");
    "" otherwise. A yes/no question ("has the permit been granted?") is answered by it."""
    asks = _ASKS_ENTITY.search(question) or _ASKS_WHAT_IT_IS.match(question)
    if not asks or re.match(rf"\s*{AUXILIARY}", question, re.I):
        return ""
    unknown = [
        word.lower()
        for found in _NOT_YET_KNOWN.finditer(answer_text)
        for word in found.groups()
        if word
    ]
    for asked in content_words(question):
        if said := next((word for word in unknown if word.startswith(asked)), None):
            return said
    return ""


_INITIALS = re.compile(r"[A-Z]{2,6}s?")
"""A body's initials ("ICB", "NHS"): named in a plan's opening, not beside each of its lists.
A name of several words ("South West NMAHP", "Integrated Care Strategy") must be cited."""


def _lowered_words(text: str) -> tuple[str, set[str]]:
    lowered = text.lower()
    return lowered, set(re.findall(r"\w+", lowered))


_NUMBER_WORD = {str(n): word for word, n in NUMBER_WORDS.items()}
"""A small number as the documents may write it ("3" → "three")."""


def _holds_value(kind: ValueKind, intent: QuestionIntent, text: str) -> bool:
    """Whether ``text`` holds a value of the kind asked; "how much have pay costs gone up?"
    is answered by "risen by 24%"."""
    if kind == "amount" and intent.asks_change and _HAS_PERCENTAGE.search(text):
        return True
    return bool(_VALUE_IN_TEXT[kind][0].search(text))


def states_figure(text: str) -> bool:
    """Whether ``text`` gives a figure that is not a date, a label or an item number.

    >>> states_figure("Depends on the renewal, see Goal 5; delayed to 30/09/2026")
    False
    >>> states_figure("40 misconnections found"), states_figure("Contract awarded; £2.9m")
    (True, True)
    """
    return bool(_HAS_COUNT.search(_counts_only(text, "")) or _HAS_AMOUNT.search(text))


def holds_asked_figure(intent: QuestionIntent, text: str, question: str) -> bool:
    """Whether ``text`` holds a figure of the kind ``question`` asks for: a sum of money, a
    rate, or a count (of anything: a row's update, "420 trained to date", counts what its
    title names); true of a question asking for no figure.

    >>> holds_asked_figure(read_intent("what % did we score in 2025-26?"), "In progress", "")
    False
    >>> q = "How many drains have been fixed so far?"
    >>> holds_asked_figure(read_intent(q), "184 fixed to date", q)
    True
    """
    kinds = intent.asks_for & {"amount", "percentage"}
    if kinds:
        return any(_holds_value(kind, intent, text) for kind in kinds)
    if intent.asks_quantity:
        return bool(_HAS_COUNT.search(_counts_only(text, question)))
    return True


def evidence_gap(
    question: str,
    intent: QuestionIntent,
    answer_text: str,
    context: str,
    focus_text: str = "",
    naming_text: str | None = None,
    acronyms: Mapping[str, tuple[str, ...]] | None = None,
    post_text: str | None = None,
    names_elsewhere: Callable[[], str] | None = None,
) -> str:
    """Why the evidence cannot answer, or "" if nothing is missing (checks 3 and 4).

    ``answer_text`` is what would be shown; ``context`` is everything cited (chunk text,
    titles, sections), where the question's names and numbers must appear; ``focus_text``
    (answer plus section headings) must mention the question's focus word, when given;
    ``naming_text``, when given, is where a name is looked for; ``post_text`` where who holds a
    post asked about is read (a tracker row's fields read together: "Update: Consultant:
    Greenledger Associates" of the row titled "Scope 3 emissions audit"); ``acronyms`` are
    those the documents define, with their long forms; ``names_elsewhere``, when given, reads
    the rest of the documents cited, where a body's initials the question gives, or the span
    it names a document by ("the 3 yr plan"), may stand instead (read only when they are not
    in ``context``).
    """
    if instance := instance_gap(question, answer_text):
        return instance
    lowered, context_words = _lowered_words(context)
    for name in (n for n in proper_nouns(question) if len(n) > 2):
        if name.lower() in ORGANISATION_KINDS:
            continue  # "the University's emissions": the organisation itself, not a name
        if _missing_name(name, lowered, context_words, acronyms, context) and not (
            names_elsewhere is not None
            and _INITIALS.fullmatch(name)  # "ICB": the body a plan is by, named in its opening
            and not _missing_name(
                name, *_lowered_words(elsewhere := names_elsewhere()), acronyms, elsewhere
            )
        ):
            return f"'{name}' appears in none of the evidence"
    asked_instances = numbered_instances(question)
    named_instances = numbered_instances(context) if asked_instances else {}
    instances = {  # "round 2" is in the evidence as "the second round"
        str(n)
        for noun, asked in asked_instances.items()
        for n in asked & named_instances.get(noun, set())
    }
    for number in _QUESTION_NUMBER.findall(question):
        if number == str(intent.expected_count) or number in instances:
            continue  # "what are the 3 strands": a count of items, not a value to find
        written = [number]
        if re.search(rf"\b(?:19|20)\d\d\s*[-–/]\s*{re.escape(number)}\b", question):
            written.append(f"20{number}")  # "2024-27" is written "2024-2027" too
        elif re.search(rf"(?<![\d/.,]){re.escape(number)}\s*[-–/]\s*\d\d(?![\d/])", question):
            written.append(f"20{number}")  # "25/26" is written "2025/26" too
        elif re.search(rf"(?<![\d/.,])\d\d\s*[-–/]\s*{re.escape(number)}(?![\d/])", question):
            written.append(f"20{number}")  # "the plan 22-25" is "2022 - 2025"

        def written_in(text: str, written: list[str] = written, number: str = number) -> bool:
            return any(
                re.search(rf"(?<![\d.,]){re.escape(n)}(?!\d)", text) for n in written
            ) or bool(  # "the 3 yr plan" is "the three year action plan"
                (word := _NUMBER_WORD.get(number)) and re.search(rf"\b{word}\b", text, re.I)
            )

        # "the 3 yr innovation plan" names the document: its span is anywhere in it, or in
        # the years its title runs ("over the 5 yrs" of a "Plan 2025–2030")
        spans = re.search(rf"(?<![\d.,]){re.escape(number)}[\s-]*(?:yr|year)s?\b", question, re.I)
        if not written_in(context) and not (
            spans
            and (
                int(number) in years_spanned(context)
                or (names_elsewhere and written_in(names_elsewhere()))
            )
        ):
            return f"the number {number} appears in none of the evidence"
    if party := other_party(this_turn(question), answer_text):
        return (
            f"the question asks what {party} itself does, and the evidence names it only beside us"
        )
    if sibling := sibling_name(this_turn(question), answer_text):
        asked, other = sibling.split(" / ", 1)
        return f"the question asks about {asked}, and the answer is about {other}"
    if intent.asks_alone and (joined := _only_together(question, answer_text)):
        return f"the question asks about {joined} on its own; the evidence joins it to another"
    if (
        intent.asks_outcome
        and not _HAS_OUTCOME.search(answer_text)
        and not (_EVENT_ASKED.search(question) and _EVENT_OUTCOME.search(answer_text))
    ):
        return "the question asks how it ended, and the evidence gives no outcome"
    if possible := only_possible(this_turn(question), answer_text):
        return f"the question asks if it happened; the evidence says only that it may ({possible})"
    if unknown := stated_unknown(question, answer_text):
        return f"the evidence says the {unknown} is not known yet"
    focus = focus_word(this_turn(question)) if focus_text else ""
    said = content_words(focus_text)
    in_charge = bool(ROLE_STEMS & set(content_words(focus))) and not ROLE_STEMS.isdisjoint(said)
    same_as = _SAME_AS.get(IRREGULAR_FORMS.get(focus, focus), ())  # "became" as "become"
    if (  # "heads up" is answered by "led by"
        focus
        and not in_charge
        and all(best_similarity(stem(word), said, 0.5) < 0.5 for word in (focus, *same_as))
        and not any(shared_prefix(focus, word) >= 5 for word in said)  # "developed", "develop"
        and not (
            len(base := re.sub(r"ing$", "", focus)) >= 4 and any(w.startswith(base) for w in said)
        )
    ):
        return f"the answer does not mention '{focus}', which the question asks about"
    if intent.asks_total and _HAS_AMOUNT.search(answer_text) and not _whole_amount(answer_text):
        return "the question asks for a total, and the evidence gives only part of one"
    if money_in_only(this_turn(question), answer_text):
        return "the question asks what it costs, and the evidence gives only money coming in"
    for kind in sorted(intent.asks_for):
        if not _holds_value(kind, intent, answer_text):
            return f"the question asks for {_VALUE_IN_TEXT[kind][1]} and the evidence gives none"
    if who := lacks_a_name(question, answer_text if naming_text is None else naming_text):
        return who
    if post := unheld_post(this_turn(question), answer_text if post_text is None else post_text):
        return post
    # "What training do they get, and how big a work party can they lead?": the count is the
    # second part's, and it counts what that part names
    counting = next((p for p in question_parts(question) if read_intent(p).asks_quantity), question)
    if intent.asks_quantity and not _counted(_counts_only(answer_text, question), counting):
        return "the question asks for a number and the evidence gives none"
    wants_date = intent.asks_when and "frequency" not in intent.asks_for  # "how often … since"
    if (
        wants_date
        and not _HAS_DATE.search(_dates_only(answer_text, question))
        and not (intent.asks_deadline and _NO_DATE_SET.search(answer_text))
        and not (_WHENEVER_ASKED.search(question) and _CONDITION.search(answer_text))
    ):
        return "the question asks for a date and the evidence gives none"
    if intent.asks_day and not _HAS_DAY.search(_dates_only(answer_text, question)):
        return "the question asks for the day, and the evidence gives no day"
    return ""


@dataclass
class ListAnswer:
    lead_in: str
    items: list[str]
    candidates: list[Candidate]
    purpose: list[tuple[str, Candidate]] = field(default_factory=list)
    """A summary's opening: the sentences saying what the whole document is for, and where."""
    document: str = ""
    """A summary's document, by its title (with the period it covers: "Volunteer and
    Community Plan 2025–2028"), named before its parts."""


MIN_HEADING_WORDS = 2
_HEADING_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[A-Z])[.)]?\s+")


def heading_names(heading: str) -> list[str]:
    """The names a heading goes by, without its numbering: itself, each side of a colon ("2.2
    Goal 2: Room for rivers"), and itself without what it adds in brackets ("SHORT TERM (YEAR
    1)" is named by "the short-term markets")."""
    plain = _HEADING_NUMBERING.sub("", heading).strip()
    names = [plain, *(side.strip() for side in plain.split(":", 1))] if ":" in plain else [plain]
    unbracketed = BRACKETED.sub("", plain).strip()
    return [*names, unbracketed] if unbracketed and unbracketed != plain else names


def spoken_words(text: str) -> set[str]:
    """A text's content words with hyphenated words as their parts ("short-term" = "short
    term"), digits left out: how a question and a heading are compared."""
    return {w for w in parted_words(text) if not w.isdigit()}


def names_heading(question: str, name: str) -> bool:
    """The question holds every word of the name, and the name has at least
    :data:`MIN_HEADING_WORDS` of them ("which are the short-term markets?" names "SHORT TERM")."""
    words = spoken_words(name)
    return len(words) >= MIN_HEADING_WORDS and words <= spoken_words(question)


NAMED_HEADING_BONUS = 0.5
"""What a list gains when the question names the heading it stands under, word for word."""


def _lead_in_score(
    question_words: list[str], lead_in: str, items: list[str], expected: int | None
) -> float:
    if not lead_in:
        return 0.0
    score = fuzzy_coverage(question_words, set(content_words(lead_in)))
    if expected:
        score += 0.3 if len(items) == expected else -0.2
    return score


SectionChunks = Callable[[str, str], list[Chunk]]
"""(source, section) → that section's chunks and its sub-sections', in document order."""


def chunk_list(candidate: Candidate, section_chunks: SectionChunks) -> tuple[str, list[str]]:
    """(lead-in, items) of the list the chunk belongs to. A list split over several chunks is
    joined again (neighbours in the same section that continue with list items); the lead-in
    falls back to the section heading when the list opens the section."""
    chunk = candidate.chunk
    if not list_items(chunk.text):
        return "", []
    ordered = [c for c in section_chunks(chunk.source, chunk.section) if c.section == chunk.section]
    index = next((i for i, c in enumerate(ordered) if c.id == chunk.id), None)
    run = [chunk]
    if index is not None:
        start = index
        while start > 0 and _opens_with_item(ordered[start].text):
            start -= 1
        end = index
        while end + 1 < len(ordered) and _opens_with_item(ordered[end + 1].text):
            end += 1
        run = ordered[start : end + 1]
    lead_in, items = extract_list("\n".join(part.text for part in run))
    unique = list(dict.fromkeys(item for item in items if item))
    lead_in = lead_in or chunk.section.split(" > ")[-1]
    return lead_in, [i[:MAX_ITEM_CHARS] for i in unique[:MAX_LIST_ITEMS]]


def list_led_by(choice: SentenceChoice, section_chunks: SectionChunks) -> ListAnswer | None:
    """The list a chosen sentence introduces, when the sentence is only its lead-in: a heading
    or a line ending in a colon ("Lancashire's energy and low carbon innovation proposition",
    "Existing Activity:") says what follows, and what follows is the answer."""
    lead_in, items = chunk_list(choice.candidate, section_chunks)
    said = _LEAD_IN_TEXT.sub("", choice.text).casefold()
    if len(items) < 2 or not said or _LEAD_IN_TEXT.sub("", lead_in).casefold() != said:
        return None
    if _LEAD_IN_TEXT.sub("", lead_in).endswith((".", "!", "?")):
        return None  # a sentence that ends says what it says ("DECISION: … moved to 30 June.")
    return ListAnswer(lead_in, items, [choice.candidate])


_LEAD_IN_TEXT = re.compile(r"[\s:*#]+$|^[\s*#]+")


def _opens_with_item(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_ITEM_LINE.match(first))


def sub_sections(chunks: list[Chunk], parent: str) -> dict[str, Chunk]:
    """The sub-sections directly under ``parent``, each with its first chunk, in order."""
    children: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.section.startswith(parent + " > "):
            children.setdefault(chunk.section[len(parent) + 3 :].split(" > ")[0], chunk)
    return children


def list_block(
    question: str, evidence: RetrievalResult, section_chunks: SectionChunks
) -> ListAnswer | None:
    """A list that answers "what are the (four) …": bullet lines under a lead-in that matches
    the question, or the sub-sections of a matching section."""
    words = content_words(question)
    expected = evidence.intent.expected_count
    fetched: dict[tuple[str, str], list[Chunk]] = {}

    def cached(source: str, section: str) -> list[Chunk]:
        if (source, section) not in fetched:
            fetched[source, section] = section_chunks(source, section)
        return fetched[source, section]

    best: tuple[float, ListAnswer] | None = None
    ranked: float | None = None
    for candidate in evidence.candidates:
        lead_in, items = chunk_list(candidate, cached)
        if not items:
            continue
        chunk = candidate.chunk
        heading = f"{lead_in} {chunk.section.split(' > ')[-1]}"
        where = f"{heading} {chunk.title} {chunk.source}"
        score = _lead_in_score(words, where, items, expected) + 0.5 * candidate.score
        # among one document's lists, the words that name the document tell none apart:
        # "the *emerging markets* in the action plan" is the list headed EMERGING MARKETS
        naming = _title_words(f"{chunk.title} {chunk.source}")
        rest = [w for w in words if w not in naming]
        own = 0.5 * fuzzy_coverage(rest, set(content_words(heading))) if rest else 0.0
        if any(names_heading(question, n) for n in heading_names(chunk.section.split(" > ")[-1])):
            score += NAMED_HEADING_BONUS  # "the short-term markets": the list headed SHORT TERM
        if ranked is None or score + own > ranked:
            best, ranked = (score, ListAnswer(lead_in, items, [candidate])), score + own
    for candidate in evidence.candidates[:3]:
        parts = candidate.chunk.section.split(" > ")
        whole = cached(candidate.chunk.source, parts[0])  # every depth below is inside it
        for depth in range(1, len(parts) + 1):
            children = sub_sections(whole, " > ".join(parts[:depth]))
            if len(children) < 3:
                continue
            heading = parts[depth - 1]
            score = _lead_in_score(words, heading, list(children), expected) + 0.5 * candidate.score
            if ranked is None or score > ranked:
                names = list(children)[:MAX_LIST_ITEMS]
                cited = [Candidate(children[name]) for name in names]
                best, ranked = (score, ListAnswer(heading, names, cited)), score
    if best is None or best[0] < 0.75:
        return None
    found = best[1]
    heading = found.candidates[0].chunk.section.split(" > ")[-1]
    if found.lead_in.rstrip().endswith((".", "!", "?")) and heading:
        # a sentence before the list says something of its own; the heading names the list
        found = replace(found, lead_in=heading)
    return found
