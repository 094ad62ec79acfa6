"""Answers about the action log, built from the parsed records' fields (owner, status, aim).

Three shapes of question, tried in order:

* a status class ("what is stalled?", "which actions have no owner?", "what is done?"):
  every record in that class, decided by the drafts' status rule table;
* a person ("what does Maya own?", "which actions is Matt working on?"): every record whose
  owner cell names them, as lead, joint owner or supporter;
* one action ("who owns the marketing strategy?", "status of the Innovation Festival?"):
  the record the retriever ranked best, matched fuzzily so OCR damage and partial names work.

Every line cites the record's chunk, so the row number travels with the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.roles import PostQuestion
from assistant.answering.support import asked_by_user, counted_noun
from assistant.drafts.select import owner_match, owner_names
from assistant.drafts.wording import action_text, owner_display, shorten_action, status_gist
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from assistant.retrieval.text import ROLE_STEMS, content_words, fuzzy_coverage, parted_words
from ingest.lexicon import HONORIFIC, NUMBERED_PART, part_number
from ingest.owners import name_tokens, parse_owner
from ingest.records import status_of
from ingest.status import (
    StatusAsk,
    asked_ratings,
    asked_statuses,
    asks_rating_meaning,
    classify_status,
    in_state,
)
from ingest.types import ActionRecord

_NEEDS_OWNER = re.compile(
    r"\b((?:no |without (?:an? )?|needs? an? |(?:do|does|did)(?:n[’']?t| not) have (?:an? )?)"
    r"(?:\w+ )?owner|unowned|unassigned"
    r"|owner (?:is )?(?:tbc|missing)|nobody owns|no one owns|no-one owns"
    r"|(?:nobody|no one|no-one)(?: is)? (?:assigned|responsible|named)|not (?:yet )?assigned"
    r"|(?:nobody|no one|no-one) (?:down )?as (?:an? |the )?owner"
    r"|(?:do|does|did)(?:n[’']?t| not) have (?:anyone|anybody) (?:assigned|down|named)"
    # the owner's column by its name, left empty: "have the Who column left blank"
    r"|(?:owner|who|lead|responsible)\s+(?:column|field|cell)s?\s+(?:is\s+|are\s+)?(?:left\s+)?"
    r"(?:blank|empty)|(?:blank|empty)\s+(?:owner|who|lead)\s+(?:column|field|cell)s?)\b",
    re.I,
)
_PLURAL_ASK = re.compile(
    r"\b(which|what)\s+(actions|items|ones|things|work)\b|\b(actions|tasks|milestones)\b"
    r"|\b(?:anything|any (?:actions?|items?|tasks?|rows?|work))\b",
    re.I,
)
"""Rows asked for in the plural: "which actions …", "is anything stuck?", "any tasks late?"."""
# Words that say what is being asked, not which action: ignored when matching an action (the
# words for being in charge are the lexicon's, in every form: "who manages", "who is leading").
_QUESTION_WORDS = ROLE_STEMS | {
    "who", "status", "progress",
    "action", "actions", "log", "update", "happen", "happened", "work", "working", "stand",
    "latest", "current", "currently", "doing", "going", "tell", "say", "record", "recorded",
    # status-class words say which class is asked for, not which action
    "stalled", "stall", "stuck", "blocked", "risk", "late", "behind", "done", "complete",
    "completed", "finished", "underway", "track", "started", "scoping", "moving",
    # how much, and how far things have got ("how many have we actually got so far, at the
    # moment?") say what is asked of the row, not which row
    "many", "actual", "actually", "got", "far", "moment", "yet", "now",
}  # fmt: skip
_QUESTION_WORDS |= set(
    content_words("on hold paused parked deferred delayed slipped cancelled withdrawn overdue")
)


_ROW_NOUNS = frozenset(
    stem
    for word in ("actions", "items", "tasks", "things", "projects", "milestones", "rows", "ones")
    for stem in content_words(word)
)


def rows_counted(question: str) -> str | None:
    """What status words pick rows by: "" for rows of any kind ("which actions are on track?",
    "how many are done?"), a noun the rows must name ("how many of the *workshops* are
    finished?"), or None when status words do not pick rows at all: "what salary keeps the
    plan *on track*?" asks for a value, "how many practitioners have *completed* it?"
    counts people."""
    if read_intent(question).asks_for:
        return None
    noun = counted_noun(question)
    return "" if noun in _ROW_NOUNS else noun


@dataclass
class ActionLine:
    record: ActionRecord
    candidate: Candidate | None
    note: str = ""


@dataclass
class ActionAnswer:
    """Records that answer the question; ``single`` when one specific action was asked about."""

    lines: list[ActionLine]
    lead: str = ""
    single: bool = False
    abstain_reason: str = ""
    """Set when the log has the row but not the value asked for (no owner, no RAG)."""
    empty_field: bool = False
    """The one row asked about is found and its owner cell is empty: "Who owns …?" is
    answered that no owner is recorded (an unowned action is news to act on), with the row.
    An unreadable owner cell ("• • •") and an empty RAG cell stay refusals: the value asked for
    may exist, and is not given."""
    matched: bool = False
    """Several rows matched by the question's topic words (not a status class or a person):
    like a single row, they must hold the names and values the question asks for."""


_RAG = re.compile(r"\bRAG\b|\b(red|amber|green)\b", re.I)


def owner_unrecorded(record: ActionRecord) -> bool:
    """Blank or illegible owner cell (``• • •``); "TBC" is a recorded value, not a gap."""
    return not record.owner or not re.search(r"[^\W\d_]", record.owner)


_BARE_STATE_WORDS = 3
"""A status of this many words or fewer, with no update, only says where a row stands."""


def explains(record: ActionRecord) -> bool:
    """Whether the row says more than where it stands: "Paused" does not; "Delayed – awaiting
    funding decision" or an update does."""
    return bool(record.notes.strip()) or len(record.status.split()) > _BARE_STATE_WORDS


def describe(record: ActionRecord, with_aim: bool = True) -> str:
    """``**Action** (ref 2.3) — owner: X; status: "…"; aim: …`` in the drafts' own wording, so
    an answer and a draft say the same thing about a row, and nothing is invented; the row's
    reference, when the tracker has one, lets the reader find it."""
    status = (
        f'"{status_gist(record.status, limit=600)}"'
        if record.status.strip()
        else ("no status recorded")
    )
    parts = [f"owner: {owner_display(parse_owner(record))}", f"status: {status}"]
    if record.notes.strip():
        parts.append(f'update: "{status_gist(record.notes, limit=400)}"')
    if record.rag:
        parts.append(f"RAG: {record.rag}")
    if record.due:
        parts.append(f"due: {record.due}")
    if with_aim and record.aim:
        parts.append(f"aim: {record.aim}")
    title = shorten_action(action_text(record), soft=150, hard=160)
    return f"**{title}**{reference(record)} — " + "; ".join(parts)


_TRACKER_MENTION = re.compile(
    r"\b(?:in|on|from|of)\s+(?:the|our|this)\s+((?:[\w&'-]+\s+){1,5}?)"
    r"(?:action\s+)?(?:agenda|log|tracker|register|spreadsheet|sheet)\b",
    re.I,
)


@lru_cache(maxsize=8_192)
def without_tracker_mention(question: str, source: str) -> str:
    """The question without the words naming the row's own tracker, which say where to look,
    not which row: "whats stalled *in the innovation action agenda*?" names no action.

    >>> without_tracker_mention("whats stalled in the innovation action agenda?",
    ...                         "logs/lancashire-innovation-action-agenda.txt")
    'whats stalled?'
    >>> without_tracker_mention("who leads the fund in the council log?", "logs/vceb.xlsx")
    'who leads the fund in the council log?'
    """
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    named = set(content_words(re.sub(r"[-_]+", " ", stem)))

    def dropped(match: re.Match[str]) -> str:
        words = set(content_words(match.group(1))) - {"action"}
        return "" if words and words <= named else match.group(0)

    return " ".join(_TRACKER_MENTION.sub(dropped, question).split()).replace(" ?", "?")


def named_by_reference(text: str, record: ActionRecord) -> bool:
    """Whether the text names the row by its tracker reference, as an answer does ("leads
    action 5.3", "(ref BC-05)", "the Fellside plan (action 18)").

    >>> row = ActionRecord("r1", "", "Fix drains", "", None, None, None, "log.csv", 2, ref="5.3")
    >>> named_by_reference("F. MacLeod leads action 5.3, growing KTPs", row)
    True
    >>> named_by_reference("Aim 5.3 of the plan", row)
    False
    """
    ref = (record.ref or "").strip()
    if not ref:
        return False
    pattern = _reference_pattern(ref)
    return pattern.search(text) is not None


@lru_cache(maxsize=4096)
def _reference_pattern(ref: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:action|ref|row|item)\s+(?:no\.?\s*)?{re.escape(ref)}(?![\w.]*\d)", re.I
    )


def reference(record: ActionRecord) -> str:
    """The tracker's own reference for the row, as an answer shows it after the title
    (" (ref PP-04)"), so a reader finds the row; "" when the tracker has none.

    >>> row = ActionRecord("r1", "", "Fix drains", "", None, None, None, "log.csv", 2, ref="OD-05")
    >>> reference(row)
    ' (ref OD-05)'
    """
    ref = (record.ref or "").strip()
    return f" (ref {ref})" if ref else ""


def answer_fields(record: ActionRecord, with_owner: bool) -> str:
    """The fields that can hold the value a question asks for: the action, its status, RAG and
    due date, and the owner when the question asks who. Not the aim: the 1 of "Strategic
    Aim 1" is no count, and its words name no company."""
    fields = [action_text(record), record.status, record.notes, record.rag or "", record.due or ""]
    return "\n".join([*fields, record.owner or ""] if with_owner else fields)


def in_asked_state(record: ActionRecord, asks: list[StatusAsk]) -> bool:
    """Whether the row is in a state the question asks for: the label and class read from its
    cells once, at ingest, by the trackers' own rule table."""
    return in_state(*status_of(record), asks)


def state_name(asks: list[StatusAsk]) -> str:
    """The states asked for, as the answer names them ("on hold or blocked")."""
    names = [
        " or ".join(sorted(label.value for label in ask.labels))
        if ask.labels
        else (ask.status_class.value if ask.status_class else "")
        for ask in asks
    ]
    return " or ".join(dict.fromkeys(n for n in names if n))


def count_of(number: int, noun: str) -> str:
    """``1 action``, ``3 actions``: counts read as English, not ``3 action(s)``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _agree(number: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: ``1 action has``, ``3 actions have``."""
    return singular if number == 1 else plural


def asks_needs_owner(question: str) -> bool:
    return bool(_NEEDS_OWNER.search(question))


def first_names(records: list[ActionRecord]) -> frozenset[str]:
    """The names a question can name an owner by, case-folded: one-word names ("Maya"), whole
    names ("dev sharma", matched as a phrase), and the surname of a name written with an
    initial or a title ("okonjo" of "T. Okonjo", "voss" of "Dr E. Voss").

    A lone word of a longer name does not count otherwise: cells such as "Marketing
    Lancashire" name organisations, and "Lancashire" is everywhere in questions.
    """
    keys: set[str] = set()
    for name in owner_names(records):
        tokens = name_tokens(name)
        if not tokens or not name[:1].isupper() or name.isupper():
            continue
        if len(tokens) == 1:
            keys.add(tokens[0])
            continue
        keys.add(" ".join(tokens))
        if _INITIAL_OR_TITLE.match(name) and len(tokens[-1]) > 2:
            keys.add(tokens[-1])
    return frozenset(keys)


_INITIAL_OR_TITLE = re.compile(rf"^(?:[A-Z]\.|{HONORIFIC}(?=\s))")


_STATE_FILLER = (
    frozenset(
        content_words("what whats has have had is are was were been gone got currently now yet log")
    )
    | _ROW_NOUNS
    | {"programm", "programme", "tracker", "aim", "workstream", "theme", "area"}
)
"""Words of a question that asks only for a state ("What has slipped in the Clean Water
programme?") besides the state and the aim."""


def _only_a_state(question: str, asks: list[StatusAsk], records: list[ActionRecord]) -> bool:
    """The question names a state and nothing else but (perhaps) an aim: "What has slipped?",
    "What's on hold in the Clean Water programme?" ask for every such row, though no plural
    says so; "What has been done on the dashboard?" asks about one."""
    if not asks:
        return False
    rest = question
    for ask in asks:
        rest = ask.pattern.sub(" ", rest)
    words = set(content_words(rest)) - _STATE_FILLER - _QUESTION_WORDS
    aim = aim_in_question(question, records)
    if aim is not None:
        words -= set(content_words(aim))
    return not words


def aim_in_question(question: str, records: list[ActionRecord]) -> str | None:
    """The log's aim a question names: by number ("strategic aim 2", "Aim Two") or by its
    whole title ("Governance", "New Routeways to Excellence")."""
    aims = (m for m in NUMBERED_PART.finditer(question) if m.group(1).lower() == "aim")
    match = next(aims, None)
    number = str(part_number(match.group(2))) if match else ""
    words = set(content_words(question))
    for aim in sorted({r.aim for r in records if r.aim}):
        if number and re.search(rf"\baim\s+{number}\b", aim, re.I):
            return aim
        title = content_words(re.sub(r"\bstrategic aim \d+\b", "", aim, flags=re.I))
        if title and all(word in words for word in title):
            return aim
    return None


_SOURCE_WORD = re.compile(r"[A-Za-z]+")
_TRACKER_WORD = re.compile(r"\b(?:tracker|log|register|spreadsheet|sheet)\b", re.I)
_GENERIC_SOURCE_WORDS = frozenset(
    {"tracker", "trackers", "action", "actions", "log", "logs", "plan", "agenda", "programme",
     "implementation", "export", "update", "updates", "sheet", "register", "list", "and", "the",
     "of", "for", "to", "in"}
)  # fmt: skip


def named_source(question: str, records: list[ActionRecord]) -> str | None:
    """The one tracker file a question names, when several hold records: by an acronym in its
    file name ("VCEB", "ESC"), by two of its other words ("the *net zero* tracker"), or by one
    word no other tracker's name has when the question says it means a tracker ("the
    *council* log", "the *delivery* tracker")."""
    sources = tuple(sorted({r.source for r in records}))
    if len(sources) < 2:
        return None
    asked_words = set(content_words(question))
    asked_acronyms = set(re.findall(r"\b[A-Z]{3,}\b", question))
    says_tracker = bool(_TRACKER_WORD.search(question))
    hits = []
    for source, acronyms, named, unique in _source_names(sources):
        covered = named & asked_words
        if acronyms & asked_acronyms or len(covered) >= 2 or (says_tracker and covered & unique):
            hits.append(source)
    return hits[0] if len(hits) == 1 else None


def tracker_divisions(
    question: str, evidence: RetrievalResult, records: list[ActionRecord]
) -> tuple[str, dict[str, list[ActionRecord]]] | None:
    """(tracker source, its rows by the heading they sit under, in the tracker's order) for
    "which workstreams is the net zero tracker organised into?": the tracker the question
    names, else the best-retrieved one. None when it groups its rows under fewer than two."""
    source = named_source(question, records) or next(
        (c.chunk.source for c in evidence.candidates if c.chunk.kind == "action"), None
    )
    groups: dict[str, list[ActionRecord]] = {}
    for record in records:
        if record.source == source and record.aim:
            groups.setdefault(record.aim, []).append(record)
    return (source, groups) if source and len(groups) >= 2 else None


@lru_cache(maxsize=64)
def _source_names(
    sources: tuple[str, ...],
) -> list[tuple[str, frozenset[str], frozenset[str], frozenset[str]]]:
    """Per tracker file: (source, acronyms in its name, its other name words, those of them
    no other tracker's name has). Read once per set of trackers, not per question."""
    names: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for source in sources:
        stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        words = [w for w in _SOURCE_WORD.findall(stem) if w.casefold() not in _GENERIC_SOURCE_WORDS]
        acronyms = frozenset(w for w in words if w.isupper() and len(w) >= 3)
        named = frozenset(
            content_words(w)[0] for w in words if not w.isupper() and content_words(w)
        )
        names[source] = acronyms, named
    counts: dict[str, int] = {}
    for _, named in names.values():
        for word in named:
            counts[word] = counts.get(word, 0) + 1
    return [
        (source, acronyms, named, frozenset(w for w in named if counts[w] == 1))
        for source, (acronyms, named) in names.items()
    ]


def person_in_question(question: str, known: frozenset[str]) -> tuple[str, ...] | None:
    """Owner names (from :func:`first_names`) the question mentions, as name tokens, or None;
    a whole name ("Dev Sharma") is matched as a phrase."""
    words = [w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", question)]
    text = " ".join(words)
    hits: list[str] = []
    for key in sorted(known, key=len, reverse=True):
        if " " in key and f" {key} " in f" {text} ":
            hits.extend(key.split())
    hits += [w for w in words if len(w) > 2 and w in known and w not in hits]
    return tuple(hits) or None


def action_match(question: str, record: ActionRecord) -> float:
    """How well the question's topic words cover the record's action (and aim) text."""
    if named_by_reference(question, record):
        return 1.0
    question = without_tracker_mention(question, record.source)
    words = [w for w in content_words(question) if w not in _QUESTION_WORDS]
    if not words:
        return 0.0
    on_action, on_row = _record_words(action_text(record), record.aim, f"{record.status}")
    # questions also name what a status says ("the February board", "FutureGov")
    return max(fuzzy_coverage(words, on_action), 0.9 * fuzzy_coverage(words, on_row))


@lru_cache(maxsize=8_192)
def _record_words(action: str, aim: str, status: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content words of a record's action and aim, and of those with its status."""
    on_action = frozenset(content_words(f"{action} {aim}"))
    return on_action, on_action | frozenset(content_words(status))


def ranked_records(
    question: str, evidence: RetrievalResult, records: list[ActionRecord]
) -> list[tuple[float, Candidate, ActionRecord]]:
    """Retrieved action chunks, best topic match first (retrieval score breaks ties)."""
    by_id = {r.id: r for r in records}
    ranked = [
        (action_match(question, by_id[c.chunk.record_id]), c, by_id[c.chunk.record_id])
        for c in evidence.candidates
        if c.chunk.record_id in by_id
    ]
    ranked.sort(key=lambda item: (item[0], item[1].score), reverse=True)
    return ranked


CLEAR_LEAD_SCORE = 0.6
CLEAR_LEAD_MARGIN = 0.15


def clearly_retrieved(
    evidence: RetrievalResult, records: list[ActionRecord]
) -> tuple[Candidate, ActionRecord] | None:
    """The top action when retrieval puts it well clear of every other action: a paraphrase
    ("where our industries cross over" for "overlaps and synergies between … sectors") shares
    too few words with the row for :func:`action_match`, but its meaning ranks it first."""
    by_id = {r.id: r for r in records}
    actions = [c for c in evidence.candidates if c.chunk.record_id in by_id]
    if not actions or actions[0] is not evidence.candidates[0]:
        return None
    top = actions[0]
    runner_up = actions[1].score if len(actions) > 1 else 0.0
    if top.score < CLEAR_LEAD_SCORE or top.score - runner_up < CLEAR_LEAD_MARGIN:
        return None
    return top, by_id[str(top.chunk.record_id)]


SAME_WORK_WORDS = 3
"""Content words the shorter of two rows' titles must have, all written in the longer, for the
two to be one piece of work recorded in two trackers."""
SAME_WORK_SHARE = 2 / 3
"""Or: the share of the shorter title's words (more than ``SAME_WORK_WORDS`` of them, no
figures) the longer writes too, its verb aside."""


def same_work(a: ActionRecord, b: ActionRecord) -> bool:
    """Two rows of different trackers that record one piece of work: every word of the shorter
    title is in the longer ("Decarbonisation fund bid (£6.5m)" and "Submit a £6.5m bid to the
    public sector decarbonisation fund"). Rows of one tracker are separate actions however
    alike their words; "Staff and student travel survey" is not "Publish a Sustainable Travel
    Plan for staff and students"."""
    if a.source == b.source and a.sheet == b.sheet:
        return False
    words_a, words_b = _title_words(a.action), _title_words(b.action)
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) >= SAME_WORK_WORDS and shorter <= longer:
        return True
    # the same things done, said with another verb ("Co-fund upper X reed beds", "Plant 50
    # reed beds in the upper X"): all but the verb shared
    shared = {w for w in shorter & longer if not any(ch.isdigit() for ch in w)}
    return len(shared) > SAME_WORK_WORDS and len(shared) >= SAME_WORK_SHARE * len(shorter)


def _title_words(title: str) -> set[str]:
    """A row title's content words, a hyphenated word as its parts ("data-sharing protocol"
    and "data sharing" write the same words).

    >>> sorted(_title_words("Agree storm overflow data-sharing protocol"))
    ['agree', 'data', 'overflow', 'protocol', 'shar', 'storm']
    """
    return set(parted_words(title))


def specific_answer(
    question: str, evidence: RetrievalResult, candidate: Candidate, record: ActionRecord
) -> ActionAnswer:
    answer = ActionAnswer([ActionLine(record, candidate)], single=True)
    if _RAG.search(question) and not record.rag:
        answer.abstain_reason = (
            "no RAG rating is recorded for this action (the RAG column is empty)"
        )
    elif evidence.intent.asks_owner and owner_unrecorded(record):
        shown = f" (the owner cell reads {record.owner!r})" if record.owner else ""
        answer.abstain_reason = f"no owner is recorded for this action{shown}"
        answer.empty_field = not (record.owner or "").strip()  # "• • •" unreadable: no fact
    return answer


def select_action_lines(
    question: str,
    evidence: RetrievalResult,
    records: list[ActionRecord],
    people: frozenset[str] | None = None,
) -> ActionAnswer | None:
    """The records that answer an action question; None if it is not one. ``people`` is
    :func:`first_names` of ``records``, passed in when the caller keeps it cached."""
    intent = evidence.intent
    named = named_source(question, records)
    if named is not None:  # "on the net zero tracker": that tracker's rows only
        records = [r for r in records if r.source == named]
    by_record = {c.chunk.record_id: c for c in evidence.candidates if c.chunk.record_id}
    ranked = ranked_records(question, evidence, records)
    specific = ranked[0] if ranked and ranked[0][0] >= 0.5 else None
    # filters come from what the user asked, not from words borrowed from the last answer:
    # "it has slipped and is rated red; led by Ravi" does not make "has its deadline been
    # changed?" a question about red rows or about Ravi's actions
    standalone, question = question, asked_by_user(evidence)

    if _RAG.search(question) and not any(r.rag for r in records) and specific is None:
        return ActionAnswer(
            [], abstain_reason="the action log's RAG column is empty for every action"
        )
    if asks_needs_owner(question):
        chosen = [r for r in records if parse_owner(r).needs_owner]
        have = _agree(len(chosen), "has", "have")
        lead = f"{count_of(len(chosen), 'action')} in the log {have} no named owner:"
        return ActionAnswer([ActionLine(r, by_record.get(r.id)) for r in chosen], lead)

    person = person_in_question(question, first_names(records) if people is None else people)
    counted = rows_counted(question)
    asks = asked_statuses(question) if intent.asks_status and counted is not None else []
    ratings = asked_ratings(question)
    # "which actions are rated red?"; not "what does red mean?", which the tracker's key says
    if ratings and any(r.rag for r in records) and not asks_rating_meaning(question):
        chosen = [r for r in records if r.rag in ratings]
        if person:
            chosen = [r for r in chosen if owner_match(person, r) is not None]
        aim = aim_in_question(question, records)
        if aim is not None:
            chosen = [r for r in chosen if r.aim == aim]
        rated = " or ".join(sorted(ratings))
        verb = _agree(len(chosen), "is", "are")
        lead = f"{count_of(len(chosen), 'action')} in the log {verb} rated {rated}:"
        return ActionAnswer([ActionLine(r, by_record.get(r.id)) for r in chosen], lead)
    plural = bool(_PLURAL_ASK.search(question)) or _only_a_state(question, asks, records)
    aim = aim_in_question(question, records) if plural else None
    if aim is not None and not person:
        chosen = [r for r in records if r.aim == aim]
        if asks:  # "what is stalled under aim 2?"
            chosen = [r for r in chosen if in_asked_state(r, asks)]
        state = f" and read as {state_name(asks)}" if asks else ""
        sit = _agree(len(chosen), "sits", "sit")
        lead = f"{count_of(len(chosen), 'action')} in the log {sit} under {aim}{state}:"
        return ActionAnswer([ActionLine(r, by_record.get(r.id)) for r in chosen], lead)
    about_people = intent.asks_owner or intent.asks_status or intent.mentions_actions
    names_one_action = specific and specific[0] >= 0.75 and not _PLURAL_ASK.search(question)
    # "who's the head of the International Office?" asks for a post's holder: the rows that
    # the office owns do not say who heads it
    holder_asked = PostQuestion.read(question) is not None
    # "and what RAG has it been given?" after "Action 1.8, piloting …": the row the last
    # answer named by its reference, not every row of the person the last question named
    pointed_row = specific is not None and named_by_reference(evidence.from_answer, specific[2])
    if (
        person
        and about_people
        and not holder_asked
        and not pointed_row
        and not (names_one_action and intent.asks_owner)
    ):
        chosen = [r for r in records if owner_match(person, r) is not None]
        if asks:
            chosen = [r for r in chosen if in_asked_state(r, asks)]
        if chosen:
            name = " ".join(t.title() for t in person)
            lines = []
            for record in chosen:
                match = owner_match(person, record)
                note = " (supporting)" if match is not None and match.role == "with" else ""
                lines.append(ActionLine(record, by_record.get(record.id), note))
            lead = f"The action log names {name} on {count_of(len(chosen), 'action')}:"
            return ActionAnswer(lines, lead)

    # "why did the X pilot get put on hold?" asks the reason for one row's state, not for
    # the rows in that state
    if asks and (specific is None or plural) and (plural or not intent.asks_reason):
        chosen = [r for r in records if in_asked_state(r, asks)]
        if counted:
            chosen = [r for r in chosen if counted in content_words(action_text(r))]
        if chosen:
            lines = []
            for record in chosen:
                verdict = classify_status(record.status or record.notes, record.rag)
                phrase = verdict.evidence_phrase
                note = f' (status says "{phrase}")' if phrase else ""
                lines.append(ActionLine(record, by_record.get(record.id), note))
            lead = f"{count_of(len(chosen), 'action')} in the log read as {state_name(asks)}:"
            return ActionAnswer(lines, lead)

    if specific is not None and intent.asks_list:
        # "Which papers are coming to the February board?": every row about it, not the first
        close = [item for item in ranked if item[0] >= max(0.4, 0.6 * specific[0])]
        if len(close) > 1:
            lines = [ActionLine(record, candidate) for _, candidate, record in close]
            return ActionAnswer(lines, f"{len(lines)} actions in the log match:", matched=True)
    if specific is not None:
        return specific_answer(standalone, evidence, *specific[1:])
    return None
