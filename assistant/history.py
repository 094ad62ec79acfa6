"""Follow-up questions ("and who owns it?") made standalone from the conversation so far.

Rule-based on purpose: it is deterministic, free, and the same for every answer backend. A
question that leans on earlier turns (a pronoun, "and …", "what about …", or very few topic
words) gets the previous question and the gist of the previous answer prepended for retrieval,
or, when it brings four or more topic words of its own, only the previous question's names;
the question shown to the user and to an LLM stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.base import CITATION_MARK
from assistant.retrieval.intent import read_intent
from assistant.retrieval.text import (
    ASKING_VERBS,
    CLAIM_WORDS,
    FORM_WORDS,
    MANNER_WORDS,
    content_words,
    proper_nouns,
)
from assistant.schemas import HistoryTurn
from ingest.lexicon import (
    AUXILIARY,
    BRACKETED,
    ITEM_NUMBER,
    LEADING_BULLET,
    LIST_MARKER,
    NUMBERED_PART,
    OPENING_FILLER,
    ORDINAL,
    ORDINAL_WORDS,
    PLAN_END,
    part_number,
)

THING_POINTERS = (
    "it", "its", "they", "them", "their", "this", "that", "those", "these", "there", "ones",
)  # fmt: skip
PERSON_POINTERS = ("she", "he", "her", "him", "his", "hers")
THING_POINTER = re.compile(rf"\b(?:{'|'.join(THING_POINTERS)})\b", re.I)
"""A word pointing at something said before: "it", "those", "ones"."""
_LEANS_ON_CONTEXT = re.compile(
    rf"^\s*(?:{OPENING_FILLER}\b[\s,.!-]*)*"
    r"(and|also|what about|how about|then|so)\b"
    rf"|\b({'|'.join((*THING_POINTERS, *PERSON_POINTERS))}|the same)\b",
    re.I,
)
_GIST_CHARS = 160
_OWN_TOPIC_WORDS = 4
_UNNAMED_TOPIC_WORDS = 3
"""A question with fewer topic words than this, naming nothing (no name, no number), leans on
the last turn: "when did we actually send the application in?" asks of the application the
last turn named."""


def points_back(question: str) -> bool:
    """Whether the question points at something said before ("it", "the second one", "the
    teacher one", "and …", "ok so …") or names fewer than two topic words of its own ("how
    many have actually been set up, and where?": form and manner words name none), unless it
    asks what its one topic word means ("what is a misconnection?").

    >>> points_back("what is a misconnection?"), points_back("and where?")
    (False, True)
    >>> points_back("ok and when do we hear?")
    True
    """
    if any(p.search(question) for p in (_LEANS_ON_CONTEXT, _POINTS_INTO_LIST, _NAMED_ONE)):
        return True
    topic = topic_words(question)
    # "what is a misconnection?" names its one topic: the term it asks the meaning of
    return len(topic) < 2 and not (topic and read_intent(question).asks_definition)


def is_follow_up(question: str) -> bool:
    """Whether a question asked after another leans on the last turn: it points back
    (:func:`points_back`), or names fewer than three topic words and no name or number of
    its own ("when did we send the application?" asks of the application the last turn
    named).

    >>> is_follow_up("when did we send the application?")
    True
    >>> is_follow_up("when did we send the Mill Race application?")
    False
    """
    if points_back(question):
        return True
    names_its_own = bool(proper_nouns(question)) or any(ch.isdigit() for ch in question)
    return not names_its_own and len(topic_words(question)) < _UNNAMED_TOPIC_WORDS


_NOT_TOPIC = frozenset(
    content_words(" ".join(FORM_WORDS | MANNER_WORDS | CLAIM_WORDS | ASKING_VERBS))
)


def topic_words(text: str) -> list[str]:
    """The content words (stems) of ``text`` that name what it is about, not how it asks
    ("how far off target is the teacher training" → teacher, train)."""
    return [w for w in content_words(text) if w not in _NOT_TOPIC]


def _has_own_topic(question: str) -> bool:
    """A follow-up naming enough of its own topic ("under that aim, transitional awards …")
    that the last question's names are context enough."""
    return len(content_words(question)) >= _OWN_TOPIC_WORDS


_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)\s|\n")
"""Where a sentence ends: not after an initial ("F. MacLeod")."""


def _gist(answer: str) -> str:
    text = CITATION_MARK.sub("", answer).replace("*", "")
    # the first clause of the first sentence, read past initials ("F. MacLeod leads action
    # 5.3"); what follows a semicolon says more about it, which a follow-up does not point at
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return first.split(";", 1)[0][:_GIST_CHARS].strip()


_SWITCH = re.compile(r"^\s*(?:and|what about|how about)\s+([^?,.;]{2,40}?)\s*[?,.;]\s*(.*)$", re.I)
"""A follow-up that swaps the subject: "and malaysia? what's the joint research there?"."""


_ASKS = re.compile(
    rf"\b(?:who|whom|whose|what|when|where|why|how|which|{'|'.join(THING_POINTERS)}"
    rf"|{'|'.join(PERSON_POINTERS)})\b|\b{AUXILIARY}",
    re.I,
)
"""A word that makes a follow-up's opening a question of its own, not a new subject: "and who
owns it?", "and its deadline?"."""
_ONE_OF_THEM = re.compile(r"^the\s+|\s+ones?$", re.I)
"""What names a subject as one of a kind: "the Mercer Building one" is the Mercer Building."""


def _switched_subject(question: str, last_user: str) -> str:
    """The last question asked again of the follow-up's new subject ("Why is *Malaysia* one of
    the focus markets …", "and the Mercer Building one?" after the Ashdown Building's), plus
    whatever else the follow-up asks; "" when it is no swap: a question of its own ("and who
    owns it?") or a subject with no word the last question lacks."""
    match = _SWITCH.match(question)
    if not match or _ASKS.search(match.group(1)):
        return ""
    subject, rest = match.group(1).strip(), match.group(2).strip()
    subject = _ONE_OF_THEM.sub("", subject) if rest == "" else subject
    names = proper_nouns(last_user)
    new_words = set(content_words(subject)) - set(content_words(last_user))
    if not names or not new_words or len(new_words) < len(set(content_words(subject))) / 2:
        return ""
    if len(content_words(rest)) >= 2:  # its own question, about the new subject
        pointed, swaps = _POINTER.subn(lambda m: _pointing_at(m.group(0), subject), rest, 1)
        return pointed if swaps else f"{rest} ({subject})"
    shared = set(content_words(subject))
    old = max(names, key=lambda name: len(shared & set(content_words(name))))
    return last_user.replace(old, subject, 1)


_KIND_SWITCH = re.compile(
    r"^\s*(?:and|so|ok,?)?\s*(?:what about|how about|which (?:ones?|of them)(?: are| is)?|what"
    r"(?:['’]s| are| is)?)?\s*(?:the|our)?\s*(?P<new>[A-Za-z][\w-]*)\s+(?P<head>[A-Za-z]{3,}s?)"
    r"\s*\??\s*$",
    re.I,
)
"""A follow-up that names another of the last question's kind: "And which ones are the
*emerging markets*?" after "Which countries are the *core markets* …"."""


def _switched_kind(question: str, last_user: str) -> str:
    """The last question asked of the follow-up's kind, its modifier swapped ("… the emerging
    markets in the plan?"); "" when the follow-up names no "<modifier> <noun>" whose noun the
    last question writes after another modifier.

    >>> _switched_kind("And which ones are the emerging markets?",
    ...                "Which countries are the core markets in the action plan?")
    'Which countries are the emerging markets in the action plan?'
    >>> _switched_kind("and the core markets?", "Which countries are the core markets?")
    ''
    """
    match = _KIND_SWITCH.match(question)
    if not match or not content_words(match.group("new")):
        return ""
    new, head = match.group("new"), match.group("head")
    before = re.search(rf"\b([A-Za-z][\w-]*)\s+({re.escape(head)})\b", last_user, re.I)
    if before is None or before.group(1).lower() == new.lower():
        return ""
    if not content_words(before.group(1)):
        return ""  # "the markets" has no modifier to swap
    return f"{last_user[: before.start()]}{new} {before.group(2)}{last_user[before.end() :]}"


_PERIOD = (
    rf"(?:(?:short|medium|long)(?:[- ]to[- ](?:medium|long))?[- ]term|{PLAN_END}"
    r"|(?:first|second|third|fourth|fifth|final|last|next|this)"
    r" year|year (?:\d|one|two|three|four|five)|(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?|q[1-4])"
)
PERIOD = re.compile(rf"\b{_PERIOD}\b", re.I)
"""A period a question is about: "the short term", "Year 1", "this year", "2025/26", "Q3"."""
_PERIOD_SWITCH = re.compile(
    rf"^\s*(?:and|what about|how about)?\s*(?:(?:by|in|for|during|over|across)\s+)?"
    rf"(?:the\s+)?({_PERIOD})(?:\s+ones?)?\s*\??\s*$",
    re.I,
)
"""A follow-up that only swaps the period: "What about the medium term?", "And by 2030?",
"And the final year?", "and the medium to long term ones?"; not "And who leads it?"."""


_YEAR_AFTER = r"year after(?: that)?|following year|next year"
_YEAR_BEFORE = r"year before(?: that)?|previous year"
"""A year named by its place beside the last question's ("the *following year*")."""
_NEXT_YEAR = re.compile(
    r"^\s*(?:and|what about|how about)?\s*(?:(?:in|for)\s+)?(?:the\s+)?"
    rf"(?:(?P<after>{_YEAR_AFTER}|next one)|(?P<before>{_YEAR_BEFORE}|one before))\s*\??\s*$",
    re.I,
)
"""A follow-up that moves the last question's year by one: "and the year after?", "What about
the previous year?"."""
_YEAR_FORM = re.compile(r"^(?P<start>(?:19|20)\d\d)(?:(?P<sep>\s*[-–/]\s*)(?P<end>\d{2}|\d{4}))?$")
_YEAR_NUMBER = re.compile(r"^(?P<word>year\s+)(?P<n>\d)$", re.I)


def shifted_year(period: str, step: int) -> str:
    """``period`` moved by ``step`` years in its own spelling; "" when it is not a year.

    >>> shifted_year("2025/26", 1), shifted_year("2025–2026", -1), shifted_year("2027", 1)
    ('2026/27', '2024–2025', '2028')
    >>> shifted_year("Year 2", 1), shifted_year("the short term", 1)
    ('Year 3', '')
    """
    if number := _YEAR_NUMBER.match(period):
        moved = int(number.group("n")) + step
        return f"{number.group('word')}{moved}" if moved > 0 else ""
    year = _YEAR_FORM.match(period)
    if not year:
        return ""
    start = str(int(year.group("start")) + step)
    if not year.group("end"):
        return start
    end = int(year.group("end")) + step
    width = len(year.group("end"))
    return f"{start}{year.group('sep')}{end % 10**width:0{width}d}"


_RELATIVE_YEAR = re.compile(
    rf"\b(?:(?:in|for)\s+)?(?:the\s+)?(?:(?P<after>{_YEAR_AFTER})|(?P<before>{_YEAR_BEFORE}))\b",
    re.I,
)
"""The same inside a follow-up with words of its own: "… for the *following year*"."""


def _dated_relative(question: str, last_user: str) -> str:
    """A follow-up with its own words whose year is the one after (or before) the last
    question's, with that year written in; the question as it is otherwise.

    >>> _dated_relative("And how much is secured for the following year?",
    ...                 "Which funder gives the most in 2025/26?")
    'And how much is secured in 2026/27?'
    """
    relative = _RELATIVE_YEAR.search(question)
    old = PERIOD.search(last_user)
    if relative is None or old is None or PERIOD.search(question):
        return question
    new = shifted_year(old.group(0), 1 if relative.group("after") else -1)
    if not new:
        return question
    return f"{question[: relative.start()]}in {new}{question[relative.end() :]}"


def _switched_period(question: str, last_user: str) -> str:
    """The last question asked again of the follow-up's period ("What are the *medium-term*
    priorities for Aim 4?", "… in *2026/27*?" after "and the year after?"); "" when it is no
    period swap or the last question named none."""
    match = _PERIOD_SWITCH.match(question)
    relative = _NEXT_YEAR.match(question)
    old = PERIOD.search(last_user)
    if not (match or relative) or old is None:
        return ""
    before = last_user[: old.start()]
    if relative:
        new = shifted_year(old.group(0), 1 if relative.group("after") else -1)
        if not new:
            return ""
        return f"{before}{new}{last_user[old.end() :]}"
    assert match is not None
    new = match.group(1)
    if re.search(r"\b(?:this|the|its|our)\s*$", before, re.I) and re.match(
        r"(?:this|the|end)\b", new, re.I
    ):
        before = re.sub(r"\b(?:this|the|its|our)\s*$", "", before, flags=re.I)
    rest = re.sub(r"^['’]s\b", "", last_user[old.end() :])  # "this year's target" → "2030 target"
    return f"{before}{new}{rest}"


_POINTS_INTO_LIST = re.compile(
    rf"\b(?:the|that|this)\s+(?P<ordinal>{ORDINAL})(?:\s+(?P<noun>one|item|[a-z]+))?\b", re.I
)
"""A follow-up pointing into the last answer's list: "the second one", "that last one", "the
third goal"."""
_MIN_ITEMS = 2
_REFERENCE = re.compile(r"[A-Z]{0,4}[-\s]?\d{1,3}(?:\.\d{1,2})*")
"""An item's reference alone ("3.3", "NZ-11"): its description follows after a comma."""
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_REFERENCED_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?P<ref>\d{1,2}(?:\.\d{1,2})+|[A-Z]{1,4}-\d{1,3}),\s+"
    r"(?P<desc>[^.()]+?)\s*(?:\(|,|\.(?!\d))"
)
"""Sentences that each open with an item's reference: "3.3, reducing waiting times … (S.
Adeyemi), is delayed. 3.8, increasing participation … has not started." lists 3.3 and 3.8."""


def listed_items(answer: str) -> list[str]:
    """The items an answer listed, in order: its bullet or numbered lines (the bold title of
    an action line), else the parts of its sentence after a colon ("The five goals are: Clean
    water; Room for rivers; …", "Healthy Ageing, Clean Growth and Creative Communities")."""
    text = CITATION_MARK.sub("", answer)
    lines = [line for line in text.splitlines() if LIST_MARKER.match(line)]
    if len(lines) >= _MIN_ITEMS:
        bullets = []
        for line in lines:
            bold = _BOLD.search(line)
            item = bold.group(1) if bold else LEADING_BULLET.sub("", line)
            bullets.append(ITEM_NUMBER.sub("", item).strip(" .*"))
        return bullets
    referenced = [f"{m['ref']} {m['desc']}" for m in _REFERENCED_SENTENCE.finditer(text)]
    if len(referenced) >= _MIN_ITEMS:  # "3.3, reducing waiting times … 3.8, increasing …"
        return referenced
    # the first sentence: "1." of "are: 1. Leveraging …, 2. Define the Offer" ends none
    first = re.split(r"(?<=\D[.!?])\s+(?=[A-Z])|\n", text.replace("*", "").strip(), maxsplit=1)[0]
    if ":" in first:
        body = first.split(":", 1)[1]
    elif dash := _DASH_LEAD.search(first):  # "Two actions are red - 4.4, reducing …"
        body = first[dash.end() :]
    else:
        body = _LIST_LEAD.sub("", first, count=1)
    body = BRACKETED.sub("", body)  # "(not started, target 31 August 2027)" is one item's note
    parts = re.split(r";\s*" if ";" in body else r",\s*", body.strip().rstrip("."))
    if " and " in parts[-1] and ";" not in body and not re.search(r",\s+(?:and|or)\s", body):
        parts[-1:] = parts[-1].rsplit(" and ", 1)
    if any(_RELATIVE.match(part) for part in parts[1:]):
        return []  # "Saltmere Youth Hub, which works with …" is one thing, described
    items: list[str] = []
    for part in (re.sub(r"^(?:and|or)\s+", "", part).strip() for part in parts):
        part = ITEM_NUMBER.sub("", part)  # "2. Plan the visits", "2 - Our people"
        # "3.3, reducing waiting times" is one item; "OD-05, BC-06" (their notes in brackets
        # taken out) are two
        if items and _REFERENCE.fullmatch(items[-1]) and not _REFERENCE.fullmatch(part):
            items[-1] = f"{items[-1]} {part}"
        elif part:
            items.append(part)
    return items if len(items) >= _MIN_ITEMS else []


_DASH_LEAD = re.compile(r"\s+[-–—]\s+(?=[^,]+,)")
"""A lead-in ended by a spaced dash before a list: "Two are red - 4.4, reducing …, and 4.7, …"."""
_LIST_LEAD = re.compile(r"^[^,]*?\b(?:are|were|include|includes|including)\s+(?=[^,]+,)", re.I)
"""A sentence's words before its list when no colon ends them: "The four themes are Healthy
Ageing, Clean Growth …" lists from "Healthy Ageing"."""
_RELATIVE = re.compile(r"\s*(?:which|who|whose|whom|where|that)\b", re.I)
"""A clause after a comma that describes what comes before it, not a next item."""
_ORDINAL_THING = re.compile(
    rf"\b(?P<ordinal>{ORDINAL})\s+(?P<thing>(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)", re.I
)


def _switched_ordinal(question: str, last_user: str) -> str:
    """ "and have we found the second one yet?" after "Who is our first community partner?":
    the follow-up with "the second one" written as the last question's thing ("the second
    community partner"); "" when it points no ordinal or the last question named none."""
    match = _POINTS_INTO_LIST.search(question)
    before = _ORDINAL_THING.search(last_user)
    if not match or not before or (match.group("noun") or "one").lower() != "one":
        return ""
    if match.group("ordinal").lower() == before.group("ordinal").lower():
        return ""
    thing = re.split(r"\s+(?:under|in|of|for|on|at|from|with)\b", before.group("thing"))[0]
    pointed = f"the {match.group('ordinal')} {thing}"
    return f"{question[: match.start()]}{pointed}{question[match.end() :]}"


_NAMED_ONE = re.compile(r"\b(?:the|that)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+one\b", re.I)
"""A follow-up pointing at a listed item by a word of it: "the teacher one"."""


def _named_item(question: str, history: list[HistoryTurn]) -> str:
    """The follow-up with "the teacher one" replaced by the one item of the last answer's
    list that writes those words ("training 40 teachers"); "" when none or several do."""
    match = _NAMED_ONE.search(question)
    words = set(content_words(match.group(1))) if match else set()
    if match is None or not words or _POINTS_INTO_LIST.search(match.group(0)):
        return ""
    items = listed_items(_last(history, "assistant"))
    named = [item for item in items if words <= set(content_words(item))]
    if len(named) != 1:
        return ""
    return f"{question[: match.start()]}{named[0]}{question[match.end() :]}"


def _pointed_item(question: str, history: list[HistoryTurn]) -> str:
    """The follow-up with "the second one" replaced by the last answer's second item, or "the
    teacher one" by the item that names teachers (:func:`_named_item`); "" when it points at
    no item ("the first year" is a period, not an item: a noun that the last question does not
    use for its list is left alone)."""
    match = _POINTS_INTO_LIST.search(question)
    if not match:
        return _named_item(question, history)
    noun = (match.group("noun") or "").lower()
    if PERIOD.fullmatch(f"{match.group('ordinal')} {noun}"):
        return ""  # "the first year" is a period
    last_user = _last(history, "user")
    asked_nouns = {w.rstrip("s") for w in re.findall(r"[a-z]+", last_user.lower())}
    if noun and noun not in ("one", "item") and noun.rstrip("s") not in asked_nouns:
        return ""
    items = listed_items(_last(history, "assistant"))
    position = ORDINAL_WORDS[match.group("ordinal").lower()]
    if not items or position > len(items):
        return _switched_ordinal(question, last_user)
    item = items[position - 1] if position > 0 else items[-1]
    return f"{question[: match.start()]}{item}{question[match.end() :]}"


_NUMBER_SWITCH = re.compile(
    r"^\s*(?:and\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+)?([a-z]+\s+\w+)\s*\??\s*$", re.I
)


def _switched_number(question: str, last_user: str) -> str:
    """ "And what about goal 3?" after a question about Goal 2: the last question asked again
    of goal 3; "" when the follow-up names no numbered part the last question numbered
    differently."""
    match = _NUMBER_SWITCH.match(question)
    subject = NUMBERED_PART.fullmatch(match.group(1).strip()) if match else None
    if subject is None:
        return ""
    for old in NUMBERED_PART.finditer(last_user):
        same_part = old.group(1).lower() == subject.group(1).lower()
        if same_part and part_number(old.group(2)) != part_number(subject.group(2)):
            return f"{last_user[: old.start()]}{subject.group(0)}{last_user[old.end() :]}"
    return ""


_PERSON_PRONOUN = re.compile(rf"\b({'|'.join(PERSON_POINTERS)})\b(\s+(?=[a-z]))?", re.I)
_PERSON_NAME = re.compile(
    r"\b(?:[A-Z]\.\s?)+[A-Z][a-z’'-]+"  # "K. Balogun", "J. R. Smith"
    r"|\b(?:Dr|Professor|Prof|Mr|Mrs|Ms)\.?\s+[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?"
    r"|\b(?!(?:The|A|An|Our|This|That|Its)\b)[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+\b"
    r"(?=\s*[(,—])"
)
"""A person as an answer names them first: "K. Balogun (…) leads …", "Owen Pritchard, Head
of …", "Dr Eleanor Voss is …" (two capitalised words alone name a person only before an
apposition: "Aim Three is …" is a part of the plan)."""
_NAME_ALONE = re.compile(
    r"^\s*((?!(?:The|A|An|Our|This|That|Its)\b)[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+)\."
)
"""A person answering "who …?" as a sentence of its own: "Ffion Davies. She looks after …"."""
_WHO = re.compile(r"^\s*who\b", re.I)


def _person_pointed(question: str, history: list[HistoryTurn]) -> str:
    """The follow-up with "she / he / her / his" replaced by the person the last answer names
    first ("What else is *she* down for on the tracker?" → "What else is K. Balogun down for
    …"); "" when it points at no person or the last answer names none."""
    if not _PERSON_PRONOUN.search(question):
        return ""
    answer = CITATION_MARK.sub("", _last(history, "assistant")).replace("*", "")
    person = _PERSON_NAME.search(answer)
    alone = _NAME_ALONE.match(answer) if _WHO.match(_last(history, "user")) else None
    if person is None and alone is None:
        return ""
    name = alone.group(1) if alone is not None else person.group(0)  # type: ignore[union-attr]

    def named(match: re.Match[str]) -> str:
        pronoun, noun_follows = match.group(1).lower(), match.group(2)
        if pronoun in ("his", "hers") or (pronoun == "her" and noun_follows):
            return f"{name}'s{noun_follows or ''}"
        return f"{name}{noun_follows or ''}"

    return _PERSON_PRONOUN.sub(named, question, count=1)


_ELLIPTIC_COUNT = re.compile(
    r"\bhow (?:many|much)\s+(?:has|have|had|did|do|does|will|can)\s+(?:she|he|we|they|you)\b",
    re.I,
)
"""A count whose thing is left unsaid, as the last turn said it: "how many has *she* got
through so far?" (of the 28 schools the last answer named)."""


def _person_alone(named: str, question: str) -> str:
    """A follow-up with its person named (:func:`_person_pointed`), when the person is all it
    points at ("What else is she down for?"); "" when it also points at something else
    ("her deadline for *that*", "how many has she got through?"), which the last turn says."""
    if not named or THING_POINTER.search(named) or _ELLIPTIC_COUNT.search(question):
        return ""
    return named


_POINTER = re.compile(r"\b(?:there|it|they|them)\b", re.I)


def _pointing_at(word: str, subject: str) -> str:
    return f"in {subject}" if word.lower() == "there" else subject


def _last(history: list[HistoryTurn], role: str) -> str:
    return next((turn.content for turn in reversed(history) if turn.role == role), "")


def _names_asked(text: str) -> str:
    """The names a question is about ("Aim Three", "NW NMAHP"), joined."""
    return " ".join(name for name in proper_nouns(text) if len(name) > 2)


def borrowed_answer(question: str, history: list[HistoryTurn] | None) -> str:
    """What :func:`standalone_question` adds to a follow-up that the user did not ask about,
    or "". Usually the gist of the previous answer ("what else does *she* own?" needs the
    Maya it named). A follow-up with its own topic ("under that aim, transitional awards
    … sit between which levels?") borrows only the names of the last question: they say
    where to look ("Aim Three"), but the passage answering it may sit under that aim
    without naming it."""
    return borrowed_parts(question, history)[0]


def borrowed_parts(question: str, history: list[HistoryTurn] | None) -> tuple[str, bool]:
    """(:func:`borrowed_answer`, whether it is the previous *answer's* words rather than the
    names of the user's last question). The answer's words say what a follow-up points at,
    never what to filter by ("it is rated red" does not make "has its deadline changed?"
    about red rows)."""
    if not history or not is_follow_up(question):
        return "", False
    last_user = _last(history, "user")
    if (
        _switched_subject(question, last_user)
        or _switched_period(question, last_user)
        or _switched_kind(question, last_user)
        or _switched_number(question, last_user)
        or _person_alone(_person_pointed(question, history), question)
    ):
        return "", False
    if pointed := _pointed_item(question, history):
        return (_names_asked(last_user) if _names_asked(last_user) not in pointed else ""), False
    if _has_own_topic(question):
        return _names_asked(last_user), False
    return _gist(_last(history, "assistant")), True


def switched_question(question: str, history: list[HistoryTurn] | None) -> str:
    """The last question asked again of what the follow-up swaps: its period ("and the medium
    to long term ones?"), its kind, number or subject, or the person it names alone; "" when
    it swaps nothing. Such a rewrite is a whole question: what it asks is read from it, as a
    bare "and the year after?" asks nothing of its own.

    >>> last = [HistoryTurn(role="user", content="Which are the short term markets?")]
    >>> switched_question("and the medium to long term ones?", last)
    'Which are the medium to long term markets?'
    """
    if not history or not is_follow_up(question):
        return ""
    last_user = _last(history, "user")
    return (
        _switched_period(question, last_user)
        or _switched_kind(question, last_user)
        or _switched_number(question, last_user)
        or _switched_subject(question, last_user)
        or _person_alone(_person_pointed(question, history), question)
    )


def standalone_question(question: str, history: list[HistoryTurn] | None) -> str:
    """The text to retrieve with: the question, plus context when it is a follow-up. A
    follow-up with its own topic gets only the last question's names, as the whole last
    question would outweigh its own words."""
    if not history or not is_follow_up(question):
        return question
    if switched := switched_question(question, history):
        return switched  # the last answer is about the old subject or period: leave it out
    last_user = _last(history, "user")
    # "… for the following year": the year written in, asked of what the last answer named
    # (the last question's own year would contradict it)
    if (dated := _dated_relative(question, last_user)) != question:
        names = ", ".join(proper_nouns(_gist(_last(history, "assistant"))))
        return f"{names}: {dated}" if names else dated
    # "her deadline for that": the person named, the rest kept
    question = _person_pointed(question, history) or question
    if pointed := _pointed_item(question, history):  # "the second one" → the item it names
        names = borrowed_answer(question, history)
        return f"{names}: {pointed}" if names else pointed
    borrowed = borrowed_answer(question, history)
    if _has_own_topic(question) and borrowed:
        return f"{borrowed}: {question}"
    # each piece ends as a sentence, so the follow-up's own words stay the last sentence
    # (:func:`~assistant.answering.support.this_turn`) though the last question had no "?"
    pieces = (_ended(last_user, "?"), _ended(borrowed, "."))
    context = " ".join(p for p in pieces if p)
    return f"{context} {question}".strip() if context else question


def _ended(text: str, mark: str) -> str:
    """``text`` ending in a sentence's closing mark (``mark`` when it has none); "" stays ""."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else f"{text}{mark}"


def condense_with_llm(
    question: str, history: list[HistoryTurn] | None, ask_model: Callable[[str], str]
) -> str:
    """An LLM's standalone rewrite (prompt in ``prompts/condense_question.md``), checked:
    anything empty, multi-line or over-long falls back to :func:`standalone_question`."""
    if not history or not is_follow_up(question):
        return question
    try:
        rewritten = " ".join(ask_model(question).split())
    except Exception:  # the answer path reports LLM failures; here the rule-based form will do
        return standalone_question(question, history)
    if not rewritten or len(rewritten) > 4 * len(question) + 300:
        return standalone_question(question, history)
    return rewritten
