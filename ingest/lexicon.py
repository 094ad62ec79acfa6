"""The shared word lists and glyphs: months, seasons, number words, bullet glyphs, the
irregular verb forms word matching folds together, and the words that say who is in charge.

Every module that reads dates, counts or list items takes its words from here, so a new
spelling ("Sept", "▪") is added once and every reader learns it.
"""

from __future__ import annotations

import re

MONTH_NUMBERS: dict[str, int] = {
    **{
        name: number
        for number, name in enumerate(
            (
                "january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december",
            ),
            start=1,
        )
    },
    **{
        name: number
        for number, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            start=1,
        )
    },
    "sept": 9,
}  # fmt: skip
"""Month names and their usual abbreviations ("Sept" included), case-folded → 1–12."""

MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
"""A month as plans write it ("Jul", "July", "Sept."): only meaningful next to a day or year
("Aug 23", "1st March"), since on its own it also matches "mayor" or "separate"."""

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
"""A season's first and last month (winter runs into the next year)."""

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
"""Counts written as words ("the four missions")."""

NUMBERED_PART = re.compile(
    rf"\b([A-Za-z]+)\s+(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE
)
"""A numbered part of a plan: "Goal 3", "aim two", "Workstream 4" (groups: noun, number)."""


PLAN_PARTS: dict[str, tuple[str, ...]] = {
    "aim": ("aim", "aims"),
    "goal": ("goal", "goals"),
    "priority": ("priority", "priorities"),
    "objective": ("objective", "objectives"),
    "theme": ("theme", "themes"),
    "mission": ("mission", "missions"),
    "value": ("value", "values"),
    "risk": ("risk", "risks"),
    "enabler": ("enabler", "enablers"),
    "principle": ("principle", "principles"),
    "commitment": ("commitment", "commitments"),
    "pillar": ("pillar", "pillars"),
    "strand": ("strand", "strands"),
}
"""The parts a plan is made of, by the words that name them (singular, plural): what a broad
question asks for ("what are its main *risks*") and what a heading names."""
PLAN_DIVISIONS = ("workstream", "workstreams", "programme", "programmes", "section", "chapter")
"""Divisions of a plan that are not among its parts in a summary, but scope a question."""

_PART_NOUNS = "|".join(
    sorted({w for words in PLAN_PARTS.values() for w in words} | set(PLAN_DIVISIONS))
)
PART_LABEL = re.compile(
    rf"\b(?:{_PART_NOUNS})\s+(?:\d{{1,2}}(?:\.\d{{1,2}})*|{'|'.join(NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
"""A numbered part's label: "Objective Four", "Aim 3", "Workstream 2.1". It names a part;
it counts nothing ("four objectives" would)."""
_HEADING_NOUNS = "|".join(w.capitalize() for w in (*PLAN_PARTS, "workstream", "programme"))
_NUMBER = rf"\d{{1,2}}(?:\.\d{{1,2}})*\b|(?i:{'|'.join(NUMBER_WORDS)})\b"
PART_HEADING = re.compile(rf"^(?:Strategic\s+)?(?:{_HEADING_NOUNS})\s+(?:{_NUMBER}|[A-Z]\w*)")
"""A line opening with a part of the plan and its number or name: "Goal 1: Clean water", "Aim
Four", "Workstream 2 - Defining the Offer", "Strategic Aim 5 'Letting the World Know!'"."""


NUMBERED_LABEL_WORDS: tuple[str, ...] = (
    "level", "year", "phase", "stage", "scope", "tier", "band", "grade", "round", "cohort",
    "wave", "step", "part", "table", "figure", "page", "item", "lot", "zone", "ward", "site",
    "action", "workstream", "output",
)  # fmt: skip
"""Nouns a number names rather than counts: "Level 3 students", "Year 2 targets", "Scope 3
emissions", "action 18" (with the plan's parts, :data:`PLAN_PARTS`: "Aim 2", "Goal 3")."""


_PURPOSE_PARTS = "|".join(sorted({w for words in PLAN_PARTS.values() for w in words}))
SELF_DESCRIPTION = re.compile(
    r"\bthis (?:[\w-]+ ){0,2}(?:plan|strategy|document|framework|programme|report|roadmap)"
    r" (?:sets out|turns|describes|explains|delivers|supports|is|will|aims|brings|covers"
    r"|focuses|runs)\b",
    re.IGNORECASE,
)
"""A document saying in its own words what it is for: "This plan turns Aim 3 of the strategic
plan into a three-year programme of work", "This three-year plan covers the first part of that
journey". Not "this year's budget"."""
PURPOSE_STATEMENT = re.compile(
    rf"{SELF_DESCRIPTION.pattern}"
    rf"|\b(?:delivering|supporting|delivers|supports) (?:our |the )?(?:{_PURPOSE_PARTS}) "
    rf"(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\b"
    r"|^\W*(?:our )?(?:vision|mission|purpose)\b\W",
    re.IGNORECASE,
)
"""A sentence that says what the whole document is for, near its start: its self-description
(:data:`SELF_DESCRIPTION`), "Supporting Goal 4 of Flowing
Forward", "Vision — Improve lives of people in our communities". Not "this year's budget"."""


def part_number(written: str) -> int:
    """The number of a numbered part, written in digits or as a word ("3", "three" → 3)."""
    return int(written) if written.isdigit() else NUMBER_WORDS[written.lower()]


ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10, "last": -1, "final": -1,
}  # fmt: skip
"""Positions in a list ("the second one", "that last one"); -1 counts from the end."""
ORDINAL = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
"""Any of :data:`ORDINAL_WORDS`, as a pattern (longest first)."""

BULLET_GLYPHS = "•▪◦●✓✔➢►"
"""Glyphs that open a list item in extracted text (a hyphen or asterisk does too when a space
follows it; see :data:`LEADING_BULLET`)."""

LEADING_BULLET = re.compile(rf"^\s*(?:[{BULLET_GLYPHS}]|[-*](?=\s))\s*")
"""A bullet glyph at the start of a line, with the spaces after it."""

INLINE_BULLET = re.compile(rf"\s+[{BULLET_GLYPHS}]\s+")
"""A bullet glyph between two items run together on one line."""

LIST_MARKER = re.compile(rf"^\s*(?:[-*{BULLET_GLYPHS}]|\d{{1,2}}[.)])\s+")
"""A bullet glyph, hyphen, asterisk or item number (``1.``, ``2)``) opening a line."""

ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})(?:[.)]\s*|\s+[-–—]\s+)(?=[A-Za-z])")
"""An item's own number before its words (group 1): "2. Define the Offer", "1.Leveraging
…", "2) …", "2 - Knowing our workforce"; not a reference ("2.4 hiring coaches")."""

CLAUSE_BREAK = re.compile(r"(?<=[.;!?])\s+")
"""The space after a full stop, semicolon, ! or ?: where a status comment's clauses part
("Paper drafted; to Feb board. Funding agreed.")."""

AUXILIARY = r"(?:is|are|was|were|does|do|did|will|would|has|have|had|can|could|should)\b"
"""A verb that opens a yes/no question ("Has the permit been granted?"), as a pattern."""
PLAN_END = r"end of the (?:plan|strategy|programme|period)"
"""A period named by the plan's end ("by the end of the plan"), as a pattern."""

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year as plans write it ("2030", "2025–26" holds 2025)."""
BRACKETED = re.compile(r"\s*\([^()]*\)")
"""What a text adds in brackets, with the space before it: "SHORT TERM *(YEAR 1)*", "…
*(not started, target 31 August 2027)*"."""

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
"""Footnote markers as PDFs print them ("status¹")."""
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
FOOTNOTE_OPENING = re.compile(
    rf"^(?:\[\^?(?P<a>\w{{1,3}})\]:?|(?P<b>[{SUPERSCRIPT_DIGITS}]+))\s*(?=\S)"
)
"""A line that opens a footnote ("¹ The 2024–25 figure …", "[^2]: …", "[3] …"); groups: the
marker written plain (``a``) or in superscript (``b``)."""


def opening_marker(line: str) -> str:
    """The plain number of the footnote a line opens ("³ Travel …" → "3"), or ""."""
    opening = FOOTNOTE_OPENING.match(line.strip())
    if opening is None:
        return ""
    return opening.group("a") or opening.group("b").translate(FROM_SUPERSCRIPT)


_FOOTNOTE_MARK = re.compile(rf"([^\s{SUPERSCRIPT_DIGITS}]+)([{SUPERSCRIPT_DIGITS}]+)")


def footnote_marks(text: str) -> list[tuple[str, str]]:
    """(number, the name it sits on) for each footnote marker in ``text``: "the 70@70⁴ cohort"
    → ("4", "70@70"). The name is "" when the marker sits on a plain word ("this work³"): only
    a word with a capital or a digit names something a question can ask about."""
    marks = []
    for mark in _FOOTNOTE_MARK.finditer(text):
        word = mark.group(1).strip("()[],.;:“”\"'")
        named = any(c.isupper() or c.isdigit() for c in word)
        marks.append((mark.group(2).translate(FROM_SUPERSCRIPT), word if named else ""))
    return marks


HONORIFIC = r"(?:Professor|Prof\.?|Dr\.?|Cllr\.?|Councillor|Sir|Dame|Mr\.?|Mrs\.?|Ms\.?|Rev\.?)"
"""A title before a person's name ("Dr E. Voss", "Professor Miriam Ashcombe"), as a pattern."""

FIGURE = re.compile(r"^[£$€]?\s?(-?\d[\d,]*(?:\.\d+)?)\s?(k|m|bn|%|m²|ha|km)?$", re.IGNORECASE)
"""A cell that is only a figure ("£60,000", "0.75", "40k", "45%", "8.5 km"); groups: the number
and its unit or scale."""


IRREGULAR_FORMS: dict[str, str] = {
    "led": "lead", "held": "hold", "ran": "run", "met": "meet", "began": "begin",
    "begun": "begin", "built": "build", "brought": "bring", "bought": "buy", "chose": "choose",
    "chosen": "choose", "drew": "draw", "drawn": "draw", "fell": "fall", "fallen": "fall",
    "gave": "give", "given": "give", "grew": "grow", "grown": "grow", "kept": "keep",
    "made": "make", "rose": "rise", "risen": "rise", "sent": "send", "sought": "seek",
    "spent": "spend", "taken": "take", "took": "take", "taught": "teach", "thought": "think",
    "won": "win", "wrote": "write", "written": "write", "oversaw": "oversee",
    "overseen": "oversee", "undertook": "undertake", "undertaken": "undertake",
    "became": "become",
}  # fmt: skip
"""Past forms a suffix stripper cannot undo, to the base form a question uses: "Who leads
the programme?" is answered by "The programme is led by …". Only forms that are rarely
anything else ("left", "found", "set" and "lead" the metal are left out)."""


PEOPLE_NOUNS = frozenset(
    {
        "people", "person", "resident", "volunteer", "member", "student", "staff", "pupil",
        "child", "children", "participant", "attendee", "visitor", "farmer", "user", "trustee",
        "employee", "worker", "learner", "patient", "researcher", "officer", "young", "adult",
        "manager", "director", "colleague", "leader", "partner", "practitioner", "clinician",
    }
)  # fmt: skip
"""Words for people (singular forms): a count of "local people" answers "how many
residents", a count of "events" does not; "*which member* of the team leads …" asks for a
person."""

POST_WORDS = frozenset(
    {
        "executive", "director", "officer", "chair", "chairman", "chairwoman", "chairperson",
        "head", "manager", "secretary", "treasurer", "coordinator", "dean", "president",
        "chancellor", "vice-chancellor", "clerk", "adviser", "advisor", "governor", "trustee",
        "principal", "controller", "lead", "leader",
    }
)  # fmt: skip
"""Words job titles are made of: "Chief Executive" and "Head of Sustainability" are posts,
not people, though capitalised like names."""

ROLE_WORDS = frozenset(
    {
        "lead", "own", "owner", "responsible", "responsibility", "accountable", "charge",
        "chair", "head", "manage", "run", "oversee", "coordinate", "direct",
    }
)  # fmt: skip
"""Words (base forms) that say who is in charge of something. "Who is responsible for the
programme?" is answered by "The programme is led by …": any of them, in any form, answers a
question that asks with another (``assistant.answering.support.ROLE_STEMS``)."""


OPENING_FILLER = r"(?:ok(?:ay)?|hmm+|um+|er+|hi|hello|hey|thanks|thx)"
"""A word that opens a chat message without asking anything ("ok and which ones …", "hi, who
leads …", "thanks - and when?"), as a pattern to build on. Not "so", "right" or "great"
("So far, …", "Right to buy …", "Great Harwood …")."""
TOTAL_ASK = re.compile(
    r"\b(?:adds? up to|add up|adding up|added (?:up|together)|altogether|all told|all in"
    r"|in total|combined|the sum of"
    r"|over (?:the|its|all)(?: \w+)? (?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r" (?:yrs|years))\b",
    re.I,
)
"""A question for a table's total in other words: "what does our secured funding *add up
to*", "how much is it *altogether*", "… all the workstreams *added together*" ask for the row
labelled "Total"; "how much does the theme get *over the 5 yrs*?" its row's Total column."""
ACROSS_ALL = re.compile(
    r"\b(?:added together|adding up all|across|all (?:the |of the |our )?\w+s|every|whole"
    r"|entire)\b"
    r"|\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) \w+s\b",
    re.I,
)
"""A question for a figure of several rows together: "across all the workstreams", "the four
workstreams", "the whole plan" — a table's Total row, not one row's own total ("Total Cost of
Workstream" in one workstream's table)."""


DOCUMENT_NOUNS = frozenset(
    {"strategy", "plan", "document", "report", "tracker", "log", "minutes", "framework", "policy"}
)
"""What every document is: "what is the *strategy* pushing for on storm overflows" asks about
overflows, and "who owns the volunteer *plan*?" about the plan's owner, not about plans."""
TOTAL_LABELS = frozenset({"total", "totals", "subtotal", "grand", "overall", "sum"})
"""Words of a table's totals row ("Total", "Grand total"): such a row names no item of its own."""


SUPERLATIVE = re.compile(
    r"\b(?:(most|highest|largest|biggest|greatest|maximum|peak(?:s|ed|ing)?)|"
    r"(least|lowest|smallest|cheapest|fewest|minimum))\b",
    re.I,
)
"""A question for one row among a table's ("which workstream costs *the most*?"), or for one
cell among a row's ("in which year does the REF line *peak*?"): group 1 the greatest, group 2
the least."""
SCALE_NOTE = re.compile(r"£\s?['’]?000s?\b|\(£k\)|\bin £k\b|\bthousands of pounds\b", re.I)
"""A table's note that its figures count thousands of pounds: "All figures are in £000s",
"(£'000)"; "in thousands" alone may count people, and is not one."""


ORGANISATION_KINDS = frozenset(
    {
        "university", "college", "school", "academy", "council", "trust", "fund", "foundation",
        "board", "committee", "hospital", "company", "agency", "authority", "association",
        "society", "institute", "centre", "center",
    }
)  # fmt: skip
"""The last word of an organisation's name that says what kind it is: "Lancaster
*University*", "Brindleshire County *Council*". Two names ending in one are siblings."""
ORGANISATION_KIND_SHORT_FORMS: dict[str, str] = {
    "uni": "university", "univ": "university", "coll": "college", "co": "company",
    "assoc": "association", "inst": "institute", "ctr": "centre",
}  # fmt: skip
"""Kinds as people shorten them in a name they type: "Northfield *Uni*" is a university."""

CONTRACTIONS_TYPED_BARE: dict[str, str] = {
    "whats": "what's", "whos": "who's", "hows": "how's", "wheres": "where's",
    "whens": "when's", "thats": "that's", "theres": "there's", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "dont": "don't",
    "doesnt": "doesn't", "didnt": "didn't", "hasnt": "hasn't", "havent": "haven't",
    "hadnt": "hadn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't", "couldnt": "couldn't",
}  # fmt: skip
"""Contractions typed without their apostrophe ("whats the budget?"), given it back when a
question is read, whatever its case (:func:`assistant.answering.question_text.with_apostrophes`),
so that every rule reads one spelling ("wont" and "cant" are words too, and are left alone).
Beside :data:`CHAT_SHORTHAND`: both are words as people type them."""
CHAT_SHORTHAND: dict[str, str] = {
    "ppl": "people", "ppls": "people's", "yr": "year", "yrs": "years", "r": "are", "u": "you",
    "ur": "your", "govt": "government", "mgmt": "management", "dept": "department",
    "depts": "departments", "approx": "approximately", "info": "information", "b4": "before",
    "wk": "week", "wks": "weeks", "mth": "month", "mths": "months", "mtg": "meeting",
    "mtgs": "meetings", "abt": "about", "bc": "because", "cuz": "because", "tho": "though",
    "wat": "what", "wot": "what", "wen": "when", "shud": "should", "cud": "could",
    "wud": "would", "pls": "please", "plz": "please", "thx": "thanks", "msg": "message",
    "wht": "what", "whn": "when", "hw": "how", "hwo": "how", "wrk": "work",
}  # fmt: skip
"""Words as people type them in chat, written out before a question is read: "how many *ppl*
signed up", "which countries *r* we targeting first (*yr* 1)". Only lower-case tokens: "R"
is a rating, "Yr 1" a heading."""

COST_WORDS = frozenset(
    {
        "cost", "costs", "costing", "costed", "spend", "spending", "spent", "price", "priced",
        "expenditure", "budget", "budgeted", "pay", "paid", "fee", "fees", "worth", "total",
        "allocate", "allocated", "allocation", "aside", "earmarked", "ringfenced",
    }
)  # fmt: skip
"""Words that make a sum of money what something costs: "will *cost* £780,000", "a *budget*
of £99,500", "£1.2m *set aside* for hardship", "*allocated* to the Hub"."""

UNIT_QUESTION_WORDS: dict[str, frozenset[str]] = {
    "money": COST_WORDS - {"total"} | {"price tag"},
    "fte": frozenset({"staffing", "staffed", "staff time", "headcount", "posts", "full-time"}),
}
"""Words (or phrases, every word needed) a question uses for what a table's figures measure,
by the unit the figures carry ("money": a currency sign): "the total *price* tag" asks the one
column of sums of money, "how much *staff time*" the one column of "0.5 FTE" figures, whatever
their headers say ("Cost", "Resource")."""

MONEY_IN_WORDS = frozenset(
    {
        "income", "revenue", "raise", "raised", "raising", "bid", "bids", "grant", "grants",
        "award", "awards", "awarded", "donation", "donations", "turnover", "surplus",
        "underwrite", "underwrites", "underwritten", "reserves",
    }
)  # fmt: skip
"""Words for money coming in or asked for: "research *income* of £32m", "a stage 2 *bid* for
… (£780,000)" say what is earned or sought, not what something costs."""


MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "tonnes": ("tonnes", "tonne", "tons", "ton", "t", "tco2e", "tco2", "ktco2e", "kt"),
    "kilograms": ("kilograms", "kilogram", "kg"),
    "kilowatt hours": ("kilowatt hours", "kwh", "mwh", "gwh"),
    "megawatts": ("megawatts", "megawatt", "kilowatts", "kw", "mw", "mwp", "kwp"),
    "kilometres": ("kilometres", "kilometers", "km", "miles", "mile"),
    "litres": ("litres", "liters", "litre", "megalitres", "ml"),
}
"""Units a measure is asked in ("the baseline in tonnes", "how many kilometres"), with the ways
its figure is written ("9,800 tCO2e", "1.8 MWp"): the question names the first column's unit
or one of its spellings, the answer must give a figure in one of them."""

PLAN_VERBS = frozenset((
    "achieve", "adopt", "agree", "appoint", "build", "bring", "commission", "complete",
    "create", "cut", "deliver", "design", "develop", "double", "embed", "enable", "encourage",
    "ensure", "establish", "expand", "extend", "fix", "grow", "halve", "help", "hold",
    "improve", "increase", "install", "introduce", "invest", "keep", "launch", "map", "monitor",
    "offer", "open", "pilot", "plant", "promote", "protect", "provide", "publish", "raise",
    "recruit", "reduce", "remove", "replace", "restore", "review", "run", "secure", "set",
    "start", "strengthen", "submit", "support", "trace", "train", "transform", "trial",
    "upgrade", "work",
))  # fmt: skip
"""Verbs a plan's commitments open with, in the base form ("Fix 60 misconnected drains",
"2.5 Submit to REF 2029 with …"): a line that opens with one says what will be done, not
what has been."""
