"""Who holds a named post: the answer must name a person *in* that post, not near it.

"Who chairs the University Council?", "Who is the chief executive of Orlow District Council?",
"What's the name of Brindle Water's Director of Environment?" ask for the holder of a post.
A sentence that only mentions the post ("Tom Whitcombe to meet Brindle Water's Director of
Environment") or a similar one ("the Deputy Vice-Chancellor, Professor Joanna Okafor" for the
Chancellor) does not answer. The post is held when a name stands next to it:

* "the Head of Sustainability, Lucy Brannigan" / "Lucy Obi, Volunteer Coordinator"
* "Dr Eleanor Voss (Chair)" / "chaired by Professor Miriam Ashcombe" / "Chair: Dr Ravi Patel"
* "The Pro Vice-Chancellor (Research & Enterprise), Professor Per Lind, leads this aim"

and, when the question names the body the post belongs to ("… *of Orlow District Council*"),
that body is named in the same sentence. Questions about who *leads* or *owns* something are
not posts (those are owners, answered from the action records and their own checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.text import content_words
from ingest.lexicon import HONORIFIC

_OWNERSHIP = re.compile(
    r"\b(?:lead|leads|leading|lead on|owner|owns|responsible|accountable|in charge|contact)\b",
    re.I,
)
"""Words that make "who is the …" an owner question, not a post ("who is the lead for …")."""
_ARTICLE = r"(?:(?i:the|our|their|its|his|her)|[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}['’]s)"
""""the", "our", or a capitalised possessor ("Brindle Water's"): case-sensitive, so "who was
brought in as the Board's …" is not read as a possessor."""
_PHRASE = r"([\w&-][^?,;]{0,120}?)"
_END = r"\s*(?:\?|$|,|;|\s+and\s)"
"""A post's phrase ends at the question mark or where a second question begins ("Who chairs
the committee, and how often …?")."""
POST_QUESTIONS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^\s*(?i:who(?:['’]?s|\s+is))\s+{_ARTICLE}\s+{_PHRASE}{_END}"),
    re.compile(
        rf"^\s*(?i:what(?:['’]?s|\s+is)\s+the\s+(?:full\s+)?name\s+of)\s+{_ARTICLE}\s+{_PHRASE}"
        rf"{_END}"
    ),
    re.compile(
        rf"^\s*(?i:(?:who|(?:which|what)\s+\w+)\s+(chairs\s+(?:the\s+)?[^?,;]{{2,120}}?)){_END}"
    ),
    re.compile(
        r"^\s*(?i:who\s+(?:was|has\s+been|is|got|will\s+be)\s+(?:appointed|recruited|hired)"
        r"\s+(?:as|to|into)\s+(?:the\s+|our\s+|a\s+|an\s+)?(?:new\s+)?)"
        rf"{_PHRASE}(?i:\s+(?:post|role|position|job))?{_END}"
    ),
    re.compile(  # the same asked in the active voice: "who did we appoint as …"
        r"^\s*(?i:who\s+(?:did|have|has)\s+(?:we|they|you|the\s+\w+)\s+(?:appoint|recruit|hire"
        r"|appointed|recruited|hired|take\s+on|taken\s+on)\s+(?:as|to|into)\s+"
        r"(?:the\s+|our\s+|a\s+|an\s+)?(?:new\s+)?)"
        rf"{_PHRASE}(?i:\s+(?:post|role|position|job))?{_END}"
    ),
)
"""Questions for the holder of a post. Examples: "Who is the chief executive of Orlow District
Council?", "Who's our Volunteer Coordinator?", "What's the name of Brindle Water's Director of
Environment?" (typed "whats the name of …" too), "Who chairs the Programmes Committee?",
"Which trustee chairs the Audit Committee?", "Who was appointed to the new Education
Assistant post?", "who did we appoint as the new Education Assistant?".
Not: "Who is the lead for the Kestrel Centre?" (an owner), "Who signed the foreword?" (a
signatory), "Who was our chief executive before Tom?" (a past holder is told as a story, not
as a post next to a name)."""
_SPLIT = re.compile(r"\s+(?=(?:of|at|for|on|in|doing|working on|running|who|that)\s)", re.I)
"""Where a post's name may end and the body it belongs to begin: "Head | of Sustainability |
at Northmoor College" is the Head of Sustainability at Northmoor, or the Head at Sustainability…"""
_MAX_POST_WORDS = 6

_SURNAME = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?\b(?!['’]s\b)"
_NAME = rf"(?:{HONORIFIC}\s+)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?(?:\s+[A-Z]\.)*\s+{_SURNAME}"
"""A person's name: "Lucy Brannigan", "Professor Per Lind"; not "Brindle Water's"."""
_SHORT_NAME = rf"{HONORIFIC}\s+(?:[A-Z]\.\s*)*{_SURNAME}"
"""A title and a surname are enough: "Dr Voss", "Dr E. Voss"."""
_PERSON = rf"(?:{_SHORT_NAME}|{_NAME})"
_GLUE = (
    r"(?:\s*\([^)]{0,60}\))?\s*(?i:[,:–—-]|\bis\b|\bwas\b|\bby\b|\bthe\b|\bappointed\b"
    r"|\belected\b|\bas\b|\bnew\b|\s)*\s*"
)
"""What may stand between a post and its holder: a bracketed remit, a comma, "is", "by",
"was appointed as the new"."""
_NOT_THE_POST = r"(?<![-\w])(?<!vice[- ])(?<!deputy )(?<!pro )(?<!assistant )(?<!associate )"
""""Vice-Chancellor" is not the Chancellor, nor a deputy director the director."""


@dataclass(frozen=True)
class PostQuestion:
    """The post a question asks about, as the words naming it ("Head of Sustainability at
    Northmoor College"): its holder may be named by a shorter post, when the rest (the body it
    belongs to) is named in the same sentence."""

    phrase: str

    @classmethod
    def read(cls, question: str) -> PostQuestion | None:
        for pattern in POST_QUESTIONS:
            match = pattern.match(question)
            if match is None:
                continue
            phrase = re.sub(
                r"^chairs\s+(?:the\s+)?(.*)$", r"chair of \1", match.group(1), flags=re.I
            )
            # "the university's Chancellor" is the Chancellor of the university
            phrase = re.sub(r"^([\w&.-]+)['’]s\s+(.*)$", r"\2 of \1", phrase)
            parts = _SPLIT.split(phrase)
            # "the person *in charge* of …" asks for an owner: the post's word and the next
            if _OWNERSHIP.search(" ".join(parts[:2])) or not content_words(parts[0]):
                return None
            return cls(phrase.strip())
        return None

    def splits(self) -> list[tuple[str, str]]:
        """(post, body) readings of the phrase, longest post first."""
        parts = _SPLIT.split(self.phrase)
        readings = []
        for cut in range(len(parts), 0, -1):
            post = " ".join(parts[:cut])
            if len(post.split()) <= _MAX_POST_WORDS:
                readings.append((post, " ".join(parts[cut:])))
        return readings

    def held_in(self, text: str) -> bool:
        """Whether a sentence of ``text`` names the holder of this post (and its body), or a
        tracker row to fill it says who was (:func:`_filled`)."""
        sentences = _units(text)
        for post, body in self.splits():
            held = _held_pattern(post)
            body_words = set(content_words(body))
            for sentence in sentences:
                if held.search(sentence) and body_words <= set(content_words(sentence)):
                    return True
            if not body_words and _filled(post, text):
                return True
        return False


_FIELD_LINE = re.compile(r"^\s*[A-Z][\w ]{1,20}:\s")
"""A tracker row's field as a line of its own ("Action: NZ-20 Scope 3 emissions audit",
"Update: Consultant: Greenledger Associates")."""


def _units(text: str) -> list[str]:
    r"""The sentences of ``text``, with a tracker row's field lines read as one: its update
    ("Consultant: Greenledger Associates") holds the post for the audit its title names.

    >>> _units("Action: NZ-20 Scope 3 audit\nUpdate: Consultant: Greenledger. Fee £38,000\nDone.")
    ['Action: NZ-20 Scope 3 audit Update: Consultant: Greenledger. Fee £38,000', 'Done.']
    """
    lines = text.split("\n")
    fields = [line for line in lines if _FIELD_LINE.match(line)]
    if len(fields) < 2:  # one "Present: …" line is a sentence, not a row's fields
        fields = []
    rest = [line for line in lines if line not in fields]
    units = [" ".join(fields)] if fields else []
    return units + [s for line in rest for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]


_APPOINTED = re.compile(
    rf"{_PERSON}\s+(?:(?:has|had)\s+been\s+|was\s+|were\s+)?"
    r"(?i:appointed|elected|recruited|co-opted|took up|started|joined)\b"
)
"""A person said to have been appointed: "Graham Holt appointed at the AGM …"."""


def _filled(post: str, text: str) -> bool:
    """A row to fill the post ("Appoint a new Treasurer to the Board") whose update says who
    was appointed ("Graham Holt appointed at the AGM on 25 September 2025")."""
    words = post.split()
    head = "".join(rf"{re.escape(w)}\s+" for w in words[:-1])
    filling = re.compile(
        rf"(?i:\b(?:appoint|recruit|elect|co-opt|find|hire)\w*\s+(?:an?\s+|the\s+|our\s+)?"
        rf"(?:new\s+|permanent\s+|interim\s+)?{head}{re.escape(words[-1].rstrip('s'))})"
    )
    return bool(filling.search(text) and _APPOINTED.search(text))


def _held_pattern(post: str) -> re.Pattern[str]:
    """The post in any case ("Chair", "chaired"), next to a capitalised name."""
    words = post.split()
    head = "".join(rf"{re.escape(w)}\s+" for w in words[:-1])
    last = re.escape(words[-1].rstrip("s"))
    named = rf"(?i:{_NOT_THE_POST}{head}{last}\w*)"  # "exec" is the executive, "chair" chaired
    return re.compile(rf"{named}{_GLUE}{_PERSON}|{_PERSON}{_GLUE}(?:\(\s*)?(?i:our\s+)?{named}")


def unheld_post(question: str, answer_text: str) -> str:
    """Why the answer does not name the holder of the post asked about, or ""."""
    asked = PostQuestion.read(question)
    if asked is None or asked.held_in(answer_text):
        return ""
    return (
        f"the question asks who is the {asked.phrase}, and the evidence names nobody in that post"
    )


__all__ = ["POST_QUESTIONS", "PostQuestion", "unheld_post"]
