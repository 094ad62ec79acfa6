"""The default answerer: no model, only the documents' own words, always cited.

It picks what answers the question from the retrieved evidence — action-record fields for
owner/status questions, a whole list for "what are the four …", otherwise the best one to three
sentences — removes near-duplicates, and numbers each cited passage. It abstains when the
evidence does not support an answer (see :mod:`assistant.answering.support`).

Evidence is untrusted: sentences, list items and action rows that read as instructions to the
assistant or ask for a secret (:data:`assistant.answering.guard.UNSAFE`) are dropped before any
route sees them, so a poisoned upload can be cited for what it says, never for what it orders.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath

from assistant.answering.acronyms import expansion
from assistant.answering.actions import (
    ActionAnswer,
    ActionLine,
    answer_fields,
    clearly_retrieved,
    count_of,
    describe,
    explains,
    first_names,
    ranked_records,
    same_work,
    select_action_lines,
    specific_answer,
    tracker_divisions,
)
from assistant.answering.base import chunk_context, citation_for, table_headers
from assistant.answering.claims import ClaimKind, claim, only_targets, status_claim
from assistant.answering.footnotes import footnotes_answering, whole_footnote
from assistant.answering.front_matter import asked_of_document, front_answer
from assistant.answering.glossary import glossary_entry, said_beside
from assistant.answering.guard import UNSAFE, without_unsafe
from assistant.answering.labelled import LabelledAnswer, labelled_answer, labelled_clauses
from assistant.answering.outline import SUMMARY_PARTS, asked_parts, outline_answer
from assistant.answering.sections import (
    scoped_to_named_section,
    section_sentences,
)
from assistant.answering.signatures import signatory
from assistant.answering.support import (
    NOT_FOUND,
    PART_COVERED,
    SENTENCE_END,
    ListAnswer,
    SentenceChoice,
    another_bodys_own,
    asked_of,
    asks_who,
    best_answering,
    cell_under_header,
    choose_for_parts,
    choose_sentences,
    close_enough,
    evidence_gap,
    focus_word,
    holds_asked_figure,
    in_parts,
    list_block,
    list_led_by,
    month_gap,
    naming_sentences,
    other_place,
    row_year_gap,
    sentences_with_focus,
    states_figure,
    successor_asked,
    this_turn,
    unsplit_year,
    whole_row,
    year_gap,
)
from assistant.answering.table_cells import CellAnswer, cell_answer, column_answer
from assistant.answering.table_rows import RowAnswer, row_answer
from assistant.answering.weights import answer_weights
from assistant.drafts.wording import action_text, shorten_action
from assistant.history import topic_words
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.text import ROLE_STEMS, content_words, fuzzy_coverage, proper_nouns
from assistant.schemas import Answer, Citation, HistoryTurn
from ingest.lexicon import AUXILIARY, FIGURE, HONORIFIC, opening_marker
from ingest.sentences import split_sentences
from ingest.status import StatusLabel, asked_ratings, asks_rating_meaning
from ingest.store.base import IndexStore
from ingest.types import ActionRecord, Chunk

PER_SOURCE_SENTENCES = 2
SAME_WORK_CANDIDATES = 8
"""How far down the ranked evidence another tracker's row for the same work is looked for."""
_ROW_LACKS_IT = re.compile(r"names nobody in that post|and the evidence gives none")
"""Of the :data:`_NOT_ABOUT_IT` gaps, those where the row is about what is asked but lacks the
value: when the plans, read next, answer no better, the refusal names the row."""
_NOT_ABOUT_IT = re.compile(
    rf"appears in none of the evidence|the answer is about \w+ \d|the row gives no reason"
    rf"|{_ROW_LACKS_IT.pattern}"
)
"""An action-route gap saying the rows do not name what the question names, name another
instance of it ("round 3" for "the first round"), only state where it stands when asked why,
name nobody in the post asked about ("Appoint a new Treasurer" for "who's our treasurer"), or
hold no value of the kind asked ("how long must a placement be?" and the placement row): the
plans (and minutes) are read instead of answering "the action log doesn't say"."""


RECORD_MATCH = 0.5
"""Share of a question's topic a tracker row's title must hold to be the row asked about."""


def _distinct(choices: list[SentenceChoice]) -> list[SentenceChoice]:
    """The choices without a text said already (two lines of one row both read as the row)."""
    return [c for i, c in enumerate(choices) if all(c.text != k.text for k in choices[:i])]


_NAMES_A_TABLE = re.compile(r"\b(?:table|grid|row|column|matrix)\b", re.I)
"""A question that asks about a table as such ("what does the summary table show for …")."""


_WHEN_OR_WHERE = re.compile(r"^\s*(?:and\s+)?(?:when|where)\b", re.I)
_YES_NO = re.compile(rf"^\s*{AUXILIARY}", re.I)
"""A question answered yes or no: a field's value alone does not answer it."""


@dataclass
class _Cited:
    """Citations numbered in order of first use; one number per chunk."""

    citations: list[Citation]
    numbers: dict[str, int]

    def number(self, candidate: Candidate, focus: str | None = None) -> int:
        chunk_id = candidate.chunk.id
        if chunk_id not in self.numbers:
            self.numbers[chunk_id] = len(self.citations) + 1
            self.citations.append(citation_for(self.numbers[chunk_id], candidate, focus))
        return self.numbers[chunk_id]


def _names_any(text: str, names: list[str], similarity: float) -> bool:
    lowered = text.lower()
    return similarity >= 0.3 and any(
        name in lowered or (name.endswith("s") and name[:-1] in lowered) for name in names
    )


def _list_supported(
    evidence: RetrievalResult, block: ListAnswer, document_chunks: Callable[[str], list[Chunk]]
) -> bool:
    """Checks 3 and 4 for a list (or outline) answer: the question's names and numbers are in
    what it cites (a body's initials may be anywhere in the documents cited: the body a plan
    is by is named in its opening, not beside each list — "the steps on the ICB public
    involvement spectrum"), and the kind of value asked for is in its items."""

    def documents_cited() -> str:  # read only when the question's initials are not cited
        sources = dict.fromkeys(c.chunk.source for c in block.candidates)
        return " ".join(c.text for source in sources for c in document_chunks(source))

    return not evidence_gap(
        asked_of(evidence),
        evidence.intent,
        " ".join([block.lead_in, *block.items]),
        " ".join(chunk_context(c.chunk) for c in block.candidates),
        acronyms=evidence.acronyms,
        names_elsewhere=documents_cited,
    )


PLANNED_ONLY = "the question asks what has happened, and the evidence only says what is planned"
_RANGE_DASH = re.compile(r"(?<=\d)[–—-](?=\d)")


def _claimed(choice: SentenceChoice) -> ClaimKind | None:
    """What a sentence claims (:func:`~assistant.answering.claims.claim`); a tracker row's
    lines beyond its title (its status, update and notes) report where the row stands,
    unless their own wording says what is to be ("due to open March 1st")."""
    chunk = choice.candidate.chunk
    if chunk.kind == "action" and not choice.text.startswith("Action:"):
        return status_claim(choice.text)
    return claim(choice.text, chunk.section)


def _targets_only(cell: CellAnswer) -> bool:
    """Every cell given sits under a column (or in a row) headed as a target ("Target
    2027–28: 84%")."""
    return only_targets(
        claim(value, f"{row.label} > {header}")
        for row in (cell, *cell.more)
        for header, value in row.cells
    )


def _sentence_gap(evidence: RetrievalResult, chosen: list[SentenceChoice]) -> str:
    """Checks 3 and 4 for a sentence answer: names and numbers in what is cited, the focus
    word in the sentences or their headings, the kind of value asked for in the sentences."""
    answer_text = "\n".join(c.text for c in chosen)
    headings = " ".join(c.candidate.chunk.section for c in chosen)
    titles = [name for c in chosen for name in (c.candidate.chunk.title, c.candidate.chunk.source)]
    headers = " ".join(h for c in chosen for h in table_headers(c.candidate.chunk))
    question = asked_of(evidence)
    # a glossary entry or a footnote says what a word means or where a figure comes from,
    # which is no result either; a sentence that claims neither a target nor a result counts
    # only when it is about what is asked
    close = answer_weights().gates.close_coverage
    said = [
        kind
        for c in chosen
        if "glossary" not in c.candidate.chunk.block_kinds
        and not opening_marker(c.text)
        and ((kind := _claimed(c)) is not None or c.coverage >= close)
    ]
    if evidence.intent.asks_result and only_targets(said):
        return PLANNED_ONLY
    return (
        year_gap(question, answer_text, titles, f"{headings} {headers}")
        or row_year_gap(question, evidence.candidates, answer_text)
        or month_gap(this_turn(question), answer_text, " ".join([headings, headers, *titles]))
        or _unsplit(question, f"{answer_text} {headings} {headers}")
        or _elsewhere(this_turn(question), answer_text, titles)
        or evidence_gap(
            question,
            evidence.intent,
            answer_text,
            _context(chosen),
            f"{answer_text} {headings}",
            naming_sentences(question, chosen),
            evidence.acronyms,
        )
        or _split_across_documents(evidence, chosen)
    )


_CHANGED = re.compile(
    r"\b(?:moved|changed|extended|deferred|postponed|brought forward|revised|reset|agreed"
    r"|approved|closed|cancelled|dropped|replaced|reassigned|now)\b",
    re.I,
)
"""Words that say a decision changed a row: "deadline is *moved* to 30 September"."""


def later_word(record: ActionRecord, evidence: RetrievalResult) -> tuple[str, Candidate] | None:
    """A sentence of the retrieved minutes or plans that changes the row by its reference
    ("The Fellside community flood plan (action 18) deadline is moved to 30 September 2026"
    for the tracker's row 18): the row says what the tracker said, the sentence what was
    decided since. It must name the row's reference and share a word of its title."""
    if not record.ref or not record.ref.strip().isdigit():
        return None
    mention = re.compile(rf"\baction\s+{re.escape(record.ref.strip())}\b", re.I)
    title = set(content_words(record.action))
    for candidate in evidence.candidates:
        if candidate.chunk.kind == "action" or not mention.search(candidate.chunk.text):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(candidate.chunk.text.split())):
            said = set(content_words(sentence))
            if mention.search(sentence) and _CHANGED.search(sentence) and title & said:
                return sentence, candidate
    return None


def _elsewhere(question: str, answer_text: str, titles: list[str]) -> str:
    """Why an answer about another place does not answer (:func:`other_place`), or ""."""
    if not (places := other_place(question, answer_text, titles)):
        return ""
    asked, other = places.split(" / ", 1)
    return f"the question asks about {asked}, and the answer is about {other}"


def _unsplit(question: str, shown: str) -> str:
    """Why an answer with no year in it does not answer a question about one year of a plan
    (:func:`~assistant.answering.support.unsplit_year`), or ""."""
    year = unsplit_year(question, shown)
    return "" if year is None else f"the question asks about year {year}; the evidence has no years"


def _split_across_documents(evidence: RetrievalResult, chosen: list[SentenceChoice]) -> str:
    """Why sentences from several documents (or tracker rows) do not answer together, or "":
    the value asked for must come from a document that also writes the question's names.
    "What's the total budget for *the research plan*?" is not answered by the research plan's
    sentence naming it and another plan's "Total cost £20,000"; "how many residents tested
    *the Fellside plan*?" not by the Fellside row's title and another row's "38 residents"."""

    def unit(choice: SentenceChoice) -> str:
        chunk = choice.candidate.chunk
        return f"{chunk.source}#{chunk.record_id}" if chunk.record_id else chunk.source

    groups = []
    for key in dict.fromkeys(unit(c) for c in chosen):
        group = [c for c in chosen if unit(c) == key]
        groups.append(("\n".join(c.text for c in group), _context(group)))
    return _split_answer(evidence, groups, "documents or rows")


def _split_answer(evidence: RetrievalResult, groups: list[tuple[str, str]], units: str) -> str:
    """Why an answer drawn from several units (documents, tracker rows) does not answer, or
    "": when the question asks for a value and names something, one unit on its own — its
    text, and its context for the names — must hold both. ``groups`` are (text, context) per
    unit. A question in parts may draw on several."""
    question = asked_of(evidence)
    intent = evidence.intent
    asks_value = bool(intent.asks_for) or intent.asks_quantity or intent.asks_when
    if len(groups) < 2 or not asks_value or in_parts(question):
        return ""
    if not any(len(name) > 2 for name in proper_nouns(question)):
        return ""
    for said, context in groups:
        if not evidence_gap(question, intent, said, context, acronyms=evidence.acronyms):
            return ""
    return f"the value asked for and the names the question gives are in different {units}"


_PERSON_IN_CHARGE = re.compile(
    rf"\b(?:led|chaired|headed|owned|sponsored|managed) by\b|\b{HONORIFIC}\s+[A-Z]"
)
"""A sentence that names who is in charge: "Led by Dr Amara Lind", "chaired by the Dean"."""
_VALUE_ASKED = re.compile(r"^\s*(?:what|which|how (?:many|much))\b", re.I)
"""A question for a value ("what did we get for …?"), not whether something has happened
("has it opened yet?", which a status answers)."""
_NOTHING_YET = frozenset({StatusLabel.NOT_STARTED.value, StatusLabel.ON_HOLD.value})
"""Status labels of rows where nothing has happened yet: they hold no result."""


def _planned_only(evidence: RetrievalResult, picked: ActionAnswer) -> bool:
    """Whether a question asking what has happened gets from the picked rows only what was
    planned: "what date did it actually open?" and a row that says it is due to open; "what
    did we score in 2025-26?" and a row whose title states the target ("Raise satisfaction
    from 78% to 85%") and whose status and update give no score."""
    if not evidence.intent.asks_result:
        return False
    commentary = [_commentary(line.record) for line in picked.lines]
    if all(line.record.status_label in _NOTHING_YET for line in picked.lines) and not any(
        states_figure(said) for said in commentary
    ):  # "what did the survey turn up?" of a survey on hold
        return True
    if (
        _VALUE_ASKED.match(this_turn(asked_of(evidence)))
        and all(
            claim(line.record.action) == "target" and line.record.status_class != "done"
            for line in picked.lines
        )
        and not any(states_figure(said) for said in commentary)
    ):  # "what did we get for satisfaction?": "Raise it from 78% to 85%", "In progress"
        return True
    return only_targets(status_claim(said) for said in commentary) or not holds_asked_figure(
        evidence.intent, "; ".join(commentary), this_turn(asked_of(evidence))
    )


def _naming_clauses(question: str, picked: ActionAnswer) -> str:
    """The sentences of one picked row's status and update that name what the question names
    and the row's title does not ("AMRC Samlesbury due to open summer." of an update that
    also says "Fraser House due to open March 1st."); "" when there are several rows or none
    names it. Compared lower case, with runs of spaces and line breaks as one space.

    >>> record = ActionRecord("1", "Growth", "Open new incubators", "Fraser House due to open "
    ...     "March 1st. Orlow Works due to open summer.", None, None, None, "log", 1)
    >>> line = ActionLine(record, None)
    >>> _naming_clauses("What's the exact opening date for Orlow Works?",
    ...                 ActionAnswer(lines=[line], single=True))
    'Orlow Works due to open summer.'
    """
    if len(picked.lines) != 1:
        return ""

    def plain(text: str) -> str:  # a title may break across lines
        return " ".join(text.lower().split())

    record = picked.lines[0].record
    title = plain(record.action)
    names = [
        plain(name)
        for name in proper_nouns(question)
        if len(name.split()) >= 2 and plain(name) not in title
    ]
    said = [
        sentence
        for sentence in split_sentences(_commentary(record))
        if any(name in plain(sentence) for name in names)
    ]
    return "\n".join(said)


def _commentary(record: ActionRecord) -> str:
    """What a row says beyond its title and dates: its status and update columns."""
    said = [record.status, record.notes, *record.extra.values()]
    return "; ".join(dict.fromkeys(text for text in said if text))


def _context(chosen: list[SentenceChoice]) -> str:
    chunks = {c.candidate.chunk.id: c.candidate.chunk for c in chosen}
    return " ".join(chunk_context(c) for c in chunks.values())


# --- untrusted evidence ----------------------------------------------------------------------
def safe_chunk(chunk: Chunk) -> Chunk | None:
    """The chunk without instruction-like or credential-seeking text; None if nothing is left.
    A clean chunk is returned as it is."""
    text = without_unsafe(chunk.text)
    if text == chunk.text:
        return chunk
    return replace(chunk, text=text) if text.strip() else None


def safe_candidate(candidate: Candidate) -> Candidate | None:
    """The candidate with its chunk cleaned and its scored sentences limited to what is left."""
    chunk = safe_chunk(candidate.chunk)
    if chunk is None:
        return None
    if chunk is candidate.chunk:  # its sentences are parts of a clean text
        return candidate
    left = " ".join(chunk.text.split())
    sentences = [
        s
        for s in candidate.sentences
        if not UNSAFE.search(s.text) and " ".join(s.text.split()) in left
    ]
    return replace(candidate, chunk=chunk, sentences=sentences)


def safe_evidence(evidence: RetrievalResult) -> RetrievalResult:
    """The evidence every route answers from: unsafe text dropped, emptied passages dropped,
    the order kept. Untouched (the same object) when nothing is unsafe."""
    kept = [c for c in (safe_candidate(c) for c in evidence.candidates) if c is not None]
    if len(kept) == len(evidence.candidates) and all(
        a is b for a, b in zip(kept, evidence.candidates, strict=True)
    ):
        return evidence
    return replace(evidence, candidates=kept)


def unsafe_answer(text: str) -> bool:
    """A last check on the composed text, line by line (the evidence was cleaned already)."""
    return any(UNSAFE.search(line) for line in text.split("\n"))


MAX_LISTED_ACTIONS = 40
"""Actions an answer lists one by one; it counts the others."""


class ExtractiveAnswerer:
    """Answers from retrieved sentences and action-record fields; the default backend."""

    name = "extractive"

    def __init__(self, store: IndexStore, abstain_threshold: float = 0.35) -> None:
        self.store = store
        self.abstain_threshold = abstain_threshold

    def warm(self) -> None:
        """Read what answers take from the whole index (records, owner names, the chunk of
        every record) now, once per index version, not during the first question."""
        self._owner_names()
        self.store.record_chunks()

    def _owner_names(self) -> frozenset[str]:
        return self.store.per_version(
            "owner_first_names", lambda: first_names(self._safe_records())
        )

    # --- the Answerer interface --------------------------------------------------------
    def answer(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Answer:
        started = time.perf_counter()
        text, citations, abstained, debug = self._compose(evidence)
        if unsafe_answer(text):
            debug["route"] = "abstain: instruction-like text in the answer"
            text, citations, abstained = NOT_FOUND, [], True
        return Answer(
            answer=text,
            abstained=abstained,
            citations=citations,
            model=self.name,
            timings_ms={"generate": round((time.perf_counter() - started) * 1000, 2)},
            question=question,
            debug=debug,
        )

    def stream(
        self, question: str, evidence: RetrievalResult, history: list[HistoryTurn] | None = None
    ) -> Iterator[str | Answer]:
        """Sentence by sentence: the text is ready at once, so streaming is only delivery."""
        final = self.answer(question, evidence)
        parts = SENTENCE_END.split(final.answer)  # text, separator, text, … (kept exactly)
        for index in range(0, len(parts), 2):
            yield parts[index] + (parts[index + 1] if index + 1 < len(parts) else "")
        yield final

    # --- composition -------------------------------------------------------------------
    def _compose(
        self, evidence: RetrievalResult
    ) -> tuple[str, list[Citation], bool, dict[str, object]]:
        """(answer text, citations, abstained, debug). Routes are tried in order; each
        route's answer passes the evidence checks before it is used."""
        question = evidence.question  # standalone, instructions removed: what was retrieved
        intent = evidence.intent
        cited = _Cited([], {})
        retrieved = len(evidence.candidates)
        evidence = safe_evidence(evidence)
        candidates = evidence.candidates
        debug: dict[str, object] = {"top_score": candidates[0].score if candidates else 0.0}
        if len(candidates) < retrieved:
            debug["unsafe_passages"] = retrieved - len(candidates)

        # a row about what is asked that lacks the value: refused with it as the closest row
        # when the plans, read next, answer no better
        lacking: list[tuple[ActionAnswer, str]] = []

        def abstain(route: str, reason: str = "") -> tuple[str, list[Citation], bool, dict]:
            if lacking:
                debug["plans_refused"] = f"{route}" + (f" ({reason})" if reason else "")
                return self._action_route(evidence, *lacking[0], cited, debug)
            debug["route"] = f"abstain: {route}" + (f" ({reason})" if reason else "")
            return NOT_FOUND, [], True, debug

        if not candidates:
            return abstain("nothing indexed" if not retrieved else "only unsafe text retrieved")

        if evidence.unnamed_parts:  # "workstream 5" of a plan with four
            return abstain("no such part", f"no document names {', '.join(evidence.unnamed_parts)}")
        if evidence.per_source:
            return self._per_source_route(evidence, cited, debug)
        if body := another_bodys_own(question, evidence):
            return abstain("another body's own document", f"no document is {body}'s")
        if successor_asked(question, evidence):
            return abstain("a later plan", "no document comes after the one the question names")
        # "what does NMAHP stand for?" (asked with more, that part gets its own answer)
        spelled = (
            None
            if in_parts(question)
            else expansion(question, evidence, self._document_chunks, self._sources)
        )
        if spelled is not None:
            debug["route"] = "acronym"
            number = cited.number(spelled.candidate, spelled.words)
            text = f"**{spelled.acronym}** stands for {spelled.words} [{number}]"
            return text, cited.citations, False, debug
        # "what does the Vale Pledge guarantee?": the document's glossary defines it
        entry = None
        if not in_parts(question):
            # "if my action's rated amber, what do I do?" asks what the tracker's key says
            rating_meaning = bool(asked_ratings(question)) and asks_rating_meaning(question)
            entry = glossary_entry(question, evidence, intent.asks_definition or rating_meaning)
        if entry is not None:  # the entry first, then what the plan says beside it
            debug["route"] = "glossary"
            defined = SentenceChoice(entry.line, entry.candidate, 1.0, 1.0, 1.0)
            more = said_beside(entry, choose_for_parts(question, evidence))
            return self._sentence_answer([defined, *more], cited), cited.citations, False, debug

        labelled = labelled_answer(question, evidence, self._labelled_chunks, self._owner_names())
        if labelled is not None and not evidence_gap(
            asked_of(evidence),
            intent,
            "\n".join(clause for clause, _ in labelled.clauses),
            " ".join(
                chunk_context(c) for c in [labelled.retrieved, *(c for _, c in labelled.clauses)]
            ),
        ):
            debug["route"] = "labelled lines"
            return self._labelled_answer(labelled, cited), cited.citations, False, debug

        named = scoped_to_named_section(question, evidence)
        scoped = named[0] if named is not None and named[1] else None  # a part of the plan
        # "Who leads it?" after an answer naming a section ("Clean Growth, with …"): the
        # section it points at is the part asked about, though no part noun names it
        pointed = named[0] if named is not None and evidence.from_answer else None
        lead = self._part_lead(question, evidence, scoped or pointed)
        if lead:  # "who leads the net zero aim": the plan names the aim's lead, not the log
            debug["route"] = "lead of a plan part"
            return self._sentence_answer(lead, cited), cited.citations, False, debug

        # "who owns the volunteer plan?": the plan's own "Plan owner" field, not a tracker row
        front = self._front_matter(question)
        if front:
            debug["route"] = "document's own fields"
            return self._sentence_answer(front, cited), cited.citations, False, debug

        records = self._safe_records()
        records_by_id = {r.id: r for r in records}
        divisions = (
            tracker_divisions(question, evidence, records) if intent.asks_divisions else None
        )
        if divisions is not None:
            debug["route"] = "tracker divisions"
            return self._divisions_answer(*divisions, cited), cited.citations, False, debug
        top_is_action = candidates[0].chunk.kind == "action"
        # the plan's own parts asked for by name ("what are the Trust's goals") are its outline
        # before any list that happens to mention them, and ("list our research themes and who
        # leads each one") before a tracker row that names them: found at most once, tried
        # here when the rows' route comes next, else after the tables
        found_outline: list[ListAnswer | None] = []

        def supported_outline() -> ListAnswer | None:
            if not found_outline:
                found = outline_answer(question, evidence, self._document_chunks)
                fits = found is not None and _list_supported(evidence, found, self._document_chunks)
                found_outline.append(found if fits else None)
            return found_outline[0]

        if (
            (intent.about_actions or top_is_action)
            and not intent.mentions_actions
            and asked_parts(question) not in ((), SUMMARY_PARTS)
            and (outline := supported_outline()) is not None
        ):
            debug["route"] = "outline"
            return self._list_answer(outline, cited), cited.citations, False, debug
        if records and not intent.asks_definition and (intent.about_actions or top_is_action):
            people = self._owner_names()
            picked = select_action_lines(question, evidence, records, people)
            if picked is None and top_is_action:
                ranked = ranked_records(question, evidence, records)
                if ranked and ranked[0][0] >= RECORD_MATCH:
                    picked = specific_answer(question, evidence, *ranked[0][1:])
                elif intent.asks_owner or intent.asks_status:
                    clear = clearly_retrieved(evidence, records)
                    picked = specific_answer(question, evidence, *clear) if clear else None
            if picked is not None:
                picked, gap = self._rows_answering(evidence, picked, records_by_id)
                if not (_NOT_ABOUT_IT.search(gap) and self._plan_evidence(evidence)):
                    return self._action_route(evidence, picked, gap, cited, debug)
                debug["rows_skipped"] = gap  # rows that do not name it: the plans may
                if _ROW_LACKS_IT.search(gap):
                    lacking.append((picked, gap))

        if candidates[0].score < self.abstain_threshold:
            return abstain("weak retrieval", f"top score {candidates[0].score:.2f}")

        signed = signatory(question, evidence, self._document_chunks)
        if signed is not None:
            debug["route"] = "signature"
            number = cited.number(signed.candidate, signed.name)
            role = f", {signed.role}" if signed.role else ""
            return f"**{signed.name}**{role} [{number}]", cited.citations, False, debug

        # a part of the plan named as such ("what does Goal 5 commit us to?") is answered
        # from its own section, not from a table's whole row that names it, unless a value,
        # a column or the table itself is asked for
        asks_value = intent.asks_quantity or intent.asks_when or bool(intent.asks_for)
        from_section = scoped is not None and not asks_value and not _NAMES_A_TABLE.search(question)
        # a column asked whole ("the Year 2 targets", "the budget line by line") before one
        # cell of it ("… incl the total" names the Total row too)
        cell = column_answer(question, evidence) or cell_answer(question, evidence)
        if cell is not None and cell.whole_row and from_section:
            cell = None
        if cell is not None and cell.figures and asks_who(question):
            cell = None  # "who holds the contingency?": a row of figures names nobody
        if cell is not None and not cell.cells and cell.blank:
            # "the long-term goal for X" and X's long-term cell is empty
            return abstain(
                "evidence incomplete", f"the table leaves {cell.blank[0]} empty for {cell.label}"
            )
        if cell is not None and intent.asks_result and _targets_only(cell):
            # "what score did we actually get?" and the cell under "Target 2027–28"
            return abstain("evidence incomplete", PLANNED_ONLY)
        if cell is not None and not evidence_gap(
            asked_of(evidence),
            # a figure in a table is the amount or count asked for: its unit and what it counts
            # are in the row label, the caption or the header, not beside it in a sentence
            replace(intent, asks_for=intent.asks_for - {"amount"}, asks_quantity=False)
            if cell.figures
            else intent,
            " ".join(f"{row.label} {h} {v}" for row in (cell, *cell.more) for h, v in row.cells),
            chunk_context(cell.candidate.chunk),
        ):
            debug["route"] = "table cell" if not cell.whole_row else "table row by header"
            table: tuple[str, Candidate] | None = (self._cell_answer(cell, cited), cell.candidate)
        else:
            row = None if from_section else row_answer(asked_of(evidence), evidence)
            fits = row is not None and self._row_fits(question, evidence, row)
            table = (self._row_answer(row, cited), row.candidate) if row and fits else None
            if table is not None:
                debug["route"] = "table row"
        if table is not None:  # a cell or row, with the footnotes that say what it does not
            text = self._with_notes(question, *table, cited)
            return text, cited.citations, False, debug

        if (outline := supported_outline()) is not None:
            debug["route"] = "outline"
            return self._list_answer(outline, cited), cited.citations, False, debug

        if intent.asks_list:
            block = list_block(question, evidence, self._section_chunks)
            if block is not None and _list_supported(evidence, block, self._document_chunks):
                debug["route"] = "list"
                return self._list_answer(block, cited), cited.citations, False, debug

        # a section the question names as a part of the plan ("the Clean Growth research
        # theme") answers from its own sentences; one named only as a topic does not
        chosen = section_sentences(question, scoped) if scoped is not None else []
        if chosen and scoped is not None:
            debug["section"] = scoped.candidates[0].chunk.section
        else:
            scoped, chosen = None, choose_for_parts(question, evidence)
        debug["sentences"] = [
            (c.text, round(c.similarity, 3), round(c.coverage, 3)) for c in chosen
        ]
        if not chosen or not (scoped is not None or close_enough(chosen, intent)):
            return abstain("no sentence close to the question")
        # a cell under a column dated otherwise than the question does not answer it ("the
        # score in 2025-26" and the "Long term (2029–30)" cell), though its row has that year
        dated = [c for c in chosen if not year_gap(question, cell_under_header(c), [])]
        if not dated:
            return abstain(
                "evidence incomplete", year_gap(question, cell_under_header(chosen[0]), [])
            )
        chosen = dated
        # a cell is read in its row, a sentence of a footnote in its footnote
        rows = [whole_row(choice, question) for choice in chosen]
        rows = [replace(c, text=whole_footnote(c.text, c.candidate.chunk)) for c in rows]
        chosen = _distinct(rows)
        led = list_led_by(chosen[0], self._section_chunks)
        if led is not None and _list_supported(evidence, led, self._document_chunks):
            debug["route"] = "list after its lead-in"
            return self._list_answer(led, cited), cited.citations, False, debug
        notes = footnotes_answering(
            question, [(c.text, c.candidate.chunk) for c in chosen], self._footnote_chunks
        )
        chosen += [SentenceChoice(text, Candidate(chunk), 0.0, 0.0, 0.0) for text, chunk in notes]
        best_row = records_by_id.get(str(chosen[0].candidate.chunk.record_id))
        # "when is it due?" is the row's due date; "has its deadline been changed?" is not,
        # nor "what date did it actually open?" (what happened, not what was due)
        own = this_turn(question)  # a follow-up's own words
        asks_due = intent.asks_when and not intent.asks_result and not _YES_NO.match(own)
        asks_field = intent.asks_owner or intent.asks_status or asks_due
        if best_row is not None and asks_field:
            # two action rows ranked close together: the sentence closest to the question
            # picks the row, and its fields answer (a bare action sentence names no owner,
            # and no due date)
            picked = specific_answer(question, evidence, chosen[0].candidate, best_row)
            picked, gap = self._rows_answering(evidence, picked, records_by_id)
            return self._action_route(evidence, picked, gap, cited, debug)
        gap = _sentence_gap(evidence, chosen)
        if best_row is not None and (
            (not gap and all(c.candidate.chunk.record_id == best_row.id for c in chosen))
            or (
                gap
                and not _sentence_gap(
                    evidence, [chosen[0], replace(chosen[0], text=_commentary(best_row))]
                )
            )
        ):
            # lines of one action row answering alone: the row is read whole, as a cell is
            # read in its row (the title states the target, "Set up 5 River Guardian groups",
            # not what happened); and when the title lacks what is asked ("how many
            # responded?"), its commentary ("3,412 responses; 58% travel by car") may say it
            picked = specific_answer(question, evidence, chosen[0].candidate, best_row)
            gap = PLANNED_ONLY if _planned_only(evidence, picked) else ""
            return self._action_route(evidence, picked, gap, cited, debug)
        if gap == PLANNED_ONLY:
            # "what did the baseline come out at?": the plan says what is to be done; the
            # tracker row that does it says what came of it, if its status says what is asked
            ranked = ranked_records(question, evidence, records)
            if ranked and ranked[0][0] >= RECORD_MATCH:
                _, candidate, done = ranked[0]
                status = SentenceChoice(_commentary(done), candidate, 0.0, 0.0, 0.0)
                picked = specific_answer(question, evidence, candidate, done)
                gap = _sentence_gap(evidence, [status])
                return self._action_route(evidence, picked, gap, cited, debug)
        focus = focus_word(question)
        if gap and focus and focus in gap:
            rescued = sentences_with_focus(question, evidence, focus)
            if rescued:
                chosen, gap = rescued, _sentence_gap(evidence, rescued)
        if gap:  # another well-ranked sentence may say what these lack
            rescued = best_answering(question, evidence, lambda cs: not _sentence_gap(evidence, cs))
            if not rescued:
                return abstain("evidence incomplete", gap)
            chosen, debug["rescued"] = rescued, gap
        debug["route"] = "sentences"
        # what was checked, shown whole: a line of an action record as its record
        shown = [
            replace(c, text=describe(record))
            if (record := records_by_id.get(str(c.candidate.chunk.record_id)))
            else c
            for c in chosen
        ]
        return self._sentence_answer(_distinct(shown), cited), cited.citations, False, debug

    @staticmethod
    def _part_lead(
        question: str, evidence: RetrievalResult, scoped: RetrievalResult | None
    ) -> list[SentenceChoice]:
        """Who leads a part of the plan the question names ("the exec lead for the
        sustainable campus *aim*"), from that part's own sentences; [] when the question is
        about actions or the part names nobody in charge."""
        intent = evidence.intent
        if not intent.asks_owner or intent.mentions_actions:
            return []
        if scoped is None:
            return []
        saying = [  # the best of the part's sentences that says who is in charge
            choice
            for choice in section_sentences(question, scoped)
            if not ROLE_STEMS.isdisjoint(content_words(choice.text))
        ]
        # one that names a person in charge ("Led by Dr A. Lind") before one that says who
        # runs a part of it ("… run jointly with the City Council")
        saying = sorted(saying, key=lambda choice: not _PERSON_IN_CHARGE.search(choice.text))[:1]
        return saying if saying and not _sentence_gap(scoped, saying) else []

    def _front_matter(self, question: str) -> list[SentenceChoice]:
        """The fields a document the question names gives about itself and that answer it
        (:mod:`~assistant.answering.front_matter`), or []."""
        titles = self.store.per_version(
            "document_titles", lambda: [(d.source, d.title) for d in self.store.documents()]
        )
        found = asked_of_document(question, titles)
        if found is None:
            return []
        source, asked = found
        fields = front_answer(asked, self._document_chunks(source))
        return [SentenceChoice(f.line, Candidate(f.chunk), 1.0, 1.0, 1.0) for f in fields]

    def _sources(self) -> list[str]:
        """Every indexed document, read once per index version."""
        return self.store.per_version("sources", lambda: [d.source for d in self.store.documents()])

    def _safe_records(self) -> list[ActionRecord]:
        """Action rows without instruction-like or credential-seeking text."""
        return self.store.per_version(
            "safe_records",
            lambda: [r for r in self.store.records() if not UNSAFE.search(r.as_text())],
        )

    def _section_chunks(self, source: str, section: str) -> list[Chunk]:
        """A section's chunks (for whole lists), cleaned like the retrieved evidence."""
        chunks = (safe_chunk(c) for c in self.store.section_chunks(source, section))
        return [c for c in chunks if c is not None]

    def _footnote_chunks(self, source: str) -> list[Chunk]:
        """A document's footnote blocks, read once per index version (not per question)."""
        return self.store.per_version(
            f"footnote_chunks:{source}",
            lambda: [c for c in self._document_chunks(source) if "footnote" in c.block_kinds],
        )

    def _labelled_chunks(self, source: str) -> list[Chunk]:
        """A document's chunks with labelled lines (minutes), read once per index version."""
        return self.store.per_version(
            f"labelled_chunks:{source}",
            lambda: [c for c in self._document_chunks(source) if labelled_clauses(c.text)],
        )

    def _document_chunks(self, source: str) -> list[Chunk]:
        """A document's chunks (for its outline), cleaned like the retrieved evidence."""
        chunks = (safe_chunk(c) for c in self.store.source_chunks(source))
        return [c for c in chunks if c is not None]

    def _per_source_route(
        self, evidence: RetrievalResult, cited: _Cited, debug: dict[str, object]
    ) -> tuple[str, list[Citation], bool, dict[str, object]]:
        """One paragraph per document the question named, each from that document alone."""
        parts: list[str] = []
        answered = 0
        names = [n.lower() for n in proper_nouns(evidence.question) if len(n) > 2]
        for source in evidence.per_source:
            own = [c for c in evidence.candidates if c.chunk.source == source]
            if not own:
                continue
            chosen = choose_sentences(evidence.question, replace(evidence, candidates=own))
            # the question also asks about the other documents, so its topic words are spread
            # thin: a sentence naming what it asks about (UKRI, AMRC) is close enough here
            chosen = [
                c for c in chosen if close_enough([c]) or _names_any(c.text, names, c.similarity)
            ][:PER_SOURCE_SENTENCES]
            title = own[0].chunk.title or source
            if chosen:
                answered += 1
                parts.append(f"**{title}:** {self._sentence_answer(chosen, cited)}")
            else:
                parts.append(f"**{title}:** says nothing on this that I can find.")
        if not answered:
            debug["route"] = "abstain: no document named says anything close to the question"
            return NOT_FOUND, [], True, debug
        debug["route"] = "per source"
        return "\n\n".join(parts), cited.citations, False, debug

    def _rows_answering(
        self,
        evidence: RetrievalResult,
        picked: ActionAnswer,
        records_by_id: dict[str, ActionRecord],
    ) -> tuple[ActionAnswer, str]:
        """The picked rows and why they do not answer (:meth:`_action_gap`). When one picked
        row lacks what is asked, another tracker's row for the same piece of work may hold it
        ("Submit a £6.5m bid to the decarbonisation fund", due TBC, and "Decarbonisation fund
        bid (£6.5m)", "Decision now expected Feb 2026"): that row answers instead. When the
        picked row answers, that row is shown beside it: the trackers are kept by different
        people, and the other may be newer ("legal review taking longer; now expected in
        June" beside "Waiting for legal review")."""
        gap = self._action_gap(evidence, picked)
        if not picked.single or picked.abstain_reason:
            return picked, gap
        first = picked.lines[0].record
        for candidate in evidence.candidates[:SAME_WORK_CANDIDATES]:
            record = records_by_id.get(str(candidate.chunk.record_id))
            if record is None or record.id == first.id or not same_work(first, record):
                continue
            other = specific_answer(asked_of(evidence), evidence, candidate, record)
            if other.abstain_reason or self._action_gap(evidence, other):
                continue
            if gap:
                return other, ""
            # both trackers' views of the work: one may be newer ("now expected in June")
            lead = "Two trackers record this piece of work:"
            return replace(picked, lines=[*picked.lines, *other.lines], lead=lead), ""
        return picked, gap

    @staticmethod
    def _action_gap(evidence: RetrievalResult, picked: ActionAnswer) -> str:
        """Why the picked rows do not answer (a name or value asked for is not in them), or
        "". Rows found by topic words or one specific row are checked; a status class or a
        person's rows answer by being selected."""
        if not (picked.single or picked.matched):
            return picked.abstain_reason
        context = " ".join(
            f"{chunk_context(line.candidate.chunk) if line.candidate else ''} "
            f"{line.record.as_text()}"
            for line in picked.lines
        )
        values = "\n".join(
            answer_fields(line.record, with_owner=evidence.intent.asks_owner)
            for line in picked.lines
        )
        titles = [line.record.source for line in picked.lines]
        question = asked_of(evidence)
        unexplained = evidence.intent.asks_reason and not any(
            explains(line.record) for line in picked.lines
        )
        rows = [
            (
                answer_fields(line.record, with_owner=evidence.intent.asks_owner),
                f"{chunk_context(line.candidate.chunk) if line.candidate else ''} "
                f"{line.record.as_text()}",
            )
            for line in picked.lines
        ]
        planned = _planned_only(evidence, picked)
        # "the exact opening date for the new centre?" of a row whose update gives two
        # openings: the value is read from the clauses naming what is asked
        named = _naming_clauses(this_turn(question), picked) or values
        return (
            picked.abstain_reason
            or (PLANNED_ONLY if planned else "")
            or year_gap(question, values, titles)
            # "when will the council publish …?": the row's text must name that deed; who does
            # a row's work is its owner, however the question words it ("who is implementing")
            or evidence_gap(
                question,
                evidence.intent,
                named,
                context,
                context if _WHEN_OR_WHERE.match(this_turn(question)) else "",
                acronyms=evidence.acronyms,
                # who holds a post a row names is read from its fields together, title included
                post_text="\n".join(line.record.as_text() for line in picked.lines),
            )
            or ("the question asks why and the row gives no reason" if unexplained else "")
            or _split_answer(evidence, rows, "rows")
        )

    @staticmethod
    def _plan_evidence(evidence: RetrievalResult) -> bool:
        return any(c.chunk.kind != "action" for c in evidence.candidates)

    def _action_route(
        self,
        evidence: RetrievalResult,
        picked: ActionAnswer,
        gap: str,
        cited: _Cited,
        debug: dict[str, object],
    ) -> tuple[str, list[Citation], bool, dict[str, object]]:
        if gap and picked.empty_field and gap == picked.abstain_reason:
            # the row is the one asked about, and the empty cell is the answer
            debug["route"] = "actions: field empty"
            said = f"{gap[:1].upper()}{gap[1:]}:"
            return (
                f"{said}\n\n{self._action_answer(picked.lines, '', cited)}",
                cited.citations,
                False,
                debug,
            )
        if gap and (picked.single or picked.matched):
            debug["route"] = f"abstain: action field missing ({gap})"
            line = picked.lines[0]
            number = cited.number(line.candidate) if line.candidate else None
            marker = f" [{number}]" if number else ""
            return (
                f"The action log doesn't say: {gap}. The closest row is **"
                f"{shorten_action(action_text(line.record), soft=150, hard=160)}**{marker}.",
                cited.citations,
                True,
                debug,
            )
        if gap:
            debug["route"] = f"abstain: {gap}"
            return f"The action log doesn't say: {gap}.", [], True, debug
        debug["route"] = "actions"
        text = self._action_answer(picked.lines, picked.lead, cited)
        if picked.single and (later := later_word(picked.lines[0].record, evidence)):
            sentence, candidate = later  # "(action 18) deadline is moved to 30 September"
            since = PurePath(candidate.chunk.source).stem  # "2026-04-23 Board minutes extract"
            text += f"\n\nSince then ({since}): {sentence} [{cited.number(candidate)}]"
        return text, cited.citations, False, debug

    def _divisions_answer(
        self, source: str, groups: dict[str, list[ActionRecord]], cited: _Cited
    ) -> str:
        """One line per heading of a tracker, with its number of rows, citing its first."""
        chunks = self.store.record_chunks()
        total = sum(len(rows) for rows in groups.values())
        title = next(
            (chunks[r.id].title for rows in groups.values() for r in rows if r.id in chunks), source
        )
        lines = []
        for heading, rows in list(groups.items())[:MAX_LISTED_ACTIONS]:
            chunk = safe_chunk(chunks[rows[0].id]) if rows[0].id in chunks else None
            marker = f" [{cited.number(Candidate(chunk))}]" if chunk is not None else ""
            lines.append(f"- **{heading}** ({count_of(len(rows), 'action')}){marker}")
        lead = f"{title} groups its {count_of(total, 'action')} under {len(groups)} headings:"
        return lead + "\n\n" + "\n".join(lines)

    def _action_answer(self, lines: list[ActionLine], lead: str, cited: _Cited) -> str:
        """One line per action, each cited; past :data:`MAX_LISTED_ACTIONS` the rest are
        counted, not listed (a chat answer of hundreds of rows helps nobody)."""
        chunks = self.store.record_chunks()
        rendered: list[str] = []
        shown, rest = lines[:MAX_LISTED_ACTIONS], len(lines) - MAX_LISTED_ACTIONS
        for line in shown:
            candidate = line.candidate
            if candidate is None and line.record.id in chunks:
                chunk = safe_chunk(chunks[line.record.id])
                candidate = Candidate(chunk) if chunk is not None else None
            marker = f" [{cited.number(candidate)}]" if candidate is not None else ""
            rendered.append(describe(line.record) + line.note + marker)
        if not lead and len(rendered) == 1:
            return rendered[0]
        if rest > 0:
            rendered.append(f"… and {count_of(rest, 'more action')}, not listed here")
        body = "\n".join(f"- {line}" for line in rendered)
        return f"{lead}\n\n{body}" if lead else body

    @staticmethod
    def _row_fits(question: str, evidence: RetrievalResult, row: RowAnswer) -> bool:
        intent = evidence.intent
        expected = intent.expected_count
        if expected and row.is_list and len(row.rows) != expected:
            return False
        figures = all(FIGURE.match(value.strip()) for _, value in row.rows)
        if intent.asks_owner and figures:
            return False  # "who is writing to the council?": a row of figures names nobody
        if intent.asks_result and only_targets(
            claim(value, f"{row.heading} {label} > {row.column}") for label, value in row.rows
        ):
            return False  # "how many are active at the moment?" and the "Target 2030" cell
        # as the answer shows it: "Volunteer coordination staff under 2025/26 £: 68,000"
        shown = " ".join(
            [row.heading, row.column, *(f"{label} {value}" for label, value in row.rows)]
        )
        chunks = [c.chunk for c in [row.candidate, *row.continued]]
        titles = [name for chunk in chunks for name in (chunk.title, chunk.source)]
        # a follow-up's own words say what it asks, the borrowed ones only of what: "… the
        # workstream's cost? how many months does it need?" is not answered by a Cost cell
        turn = this_turn(evidence.question)
        own = topic_words(turn) if turn != evidence.question.strip() else []
        context = " ".join([shown, *(chunk_context(c) for c in chunks)])
        held = set(content_words(_RANGE_DASH.sub(" ", context)))  # "24-30" holds 24 and 30
        if own and fuzzy_coverage(own, held) < PART_COVERED:
            return False
        # "hours given in 2025" is not answered by the "Hours 2024" column
        return (
            not year_gap(asked_of(evidence), shown, titles)
            and not _unsplit(asked_of(evidence), shown)
            and not evidence_gap(
                asked_of(evidence),
                # figures in a table are the amount or count asked for, as in a cell answer
                replace(intent, asks_for=intent.asks_for - {"amount"}, asks_quantity=False)
                if figures
                and not intent.asks_change  # "cut by how much?": one year's figure is no cut
                else intent,
                shown,
                " ".join(chunk_context(chunk) for chunk in chunks),
                shown,
            )
        )

    def _with_notes(self, question: str, text: str, source: Candidate, cited: _Cited) -> str:
        """A table's answer with the footnotes of its cells that say what the question asks
        and the cells do not ("79%¹" and "¹ … Excluding them, overall satisfaction was
        79.4%" for "… if you leave out the franchise students?"), as a sentence's are."""
        notes = footnotes_answering(question, [(text, source.chunk)], self._footnote_chunks)
        said = [f"{note} [{cited.number(Candidate(chunk), note)}]" for note, chunk in notes]
        return "\n\n".join([text, *said])

    @staticmethod
    def _cell_answer(cell: CellAnswer, cited: _Cited) -> str:
        """ "**Label** — Column: value [n]", or the row's cells one per line; each row so
        when the question names several."""
        number = cited.number(cell.candidate, cell.cells[0][1] if cell.cells else None)
        if cell.more:
            rows = (cell, *cell.more)
            return "\n".join(
                f"- **{row.label}** — "
                + "; ".join(f"{header}: {value}" for header, value in row.cells)
                + f" [{number}]"
                for row in rows
            )
        if len(cell.cells) == 1:
            ((header, value),) = cell.cells
            return f"**{cell.label}** — {header}: {value} [{number}]"
        lines = "\n".join(f"- {header}: {value} [{number}]" for header, value in cell.cells)
        return f"**{cell.label}**:\n\n{lines}"

    @staticmethod
    def _row_answer(row: RowAnswer, cited: _Cited) -> str:
        number = cited.number(row.candidate, row.rows[0][1])
        labels = {label for label, _ in row.rows}
        if len(labels) > 1:  # dated rows, or one row's named columns: one line each
            lines = "\n".join(f"- **{label}:** {value} [{number}]" for label, value in row.rows)
            return f"**{row.heading}**:\n\n{lines}" if row.heading else lines
        label = row.rows[0][0]
        if row.is_list and row.continued:  # a long row in several chunks: cite each piece
            items = "\n".join(
                f"- {value} [{cited.number(source)}]"
                for (_, value), source in zip(row.rows, row.value_candidates, strict=True)
            )
            return f"**{label}** ({row.candidate.chunk.title}):\n\n{items}"
        if row.is_list:
            items = "\n".join(f"- {value}" for _, value in row.rows)
            return f"**{label}** ({row.candidate.chunk.title}) [{number}]:\n\n{items}"
        under = f" under {row.column}" if row.column else ""
        return f"**{label}{under}:** {row.rows[0][1]} [{number}]"

    @staticmethod
    def _labelled_answer(found: LabelledAnswer, cited: _Cited) -> str:
        """ "DECISION: …" clauses one per line, cited; a single clause as a sentence."""
        lines = [
            f"{clause} [{cited.number(Candidate(chunk), clause)}]"
            for clause, chunk in found.clauses
        ]
        if len(lines) == 1:
            return f"**{found.label}:** {lines[0]}"
        body = "\n".join(f"- {line}" for line in lines)
        return f"**{found.label}** ({len(lines)}):\n\n{body}"

    @staticmethod
    def _list_answer(block: ListAnswer, cited: _Cited) -> str:
        lead_in = block.lead_in.rstrip(" :")
        # a summary opens with the document's title and what the document is for
        said_first = [f"**{block.document}**"] if block.document else []
        purpose = " ".join(
            f"{said} [{cited.number(source, said)}]" for said, source in block.purpose
        )
        said_first += [purpose] if purpose else []
        opening = f"{' — '.join(said_first)}\n\n" if said_first else ""
        if len(block.candidates) == 1:
            number = cited.number(block.candidates[0], block.items[0])
            bullets = "\n".join(f"- {item}" for item in block.items)
            return f"{opening}{lead_in}: [{number}]\n\n{bullets}"
        bullets = "\n".join(
            f"- {item} [{cited.number(candidate)}]"
            for item, candidate in zip(block.items, block.candidates, strict=False)
        )
        return f"{opening}{lead_in}:\n\n{bullets}"

    @staticmethod
    def _sentence_answer(chosen: list[SentenceChoice], cited: _Cited) -> str:
        parts = []
        for choice in chosen:
            number = cited.number(choice.candidate, choice.text)
            text = choice.text.rstrip()
            parts.append(f"{text} [{number}]")
        return " ".join(parts)
