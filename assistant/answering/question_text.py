"""What a question's characters say before any retrieval: binary junk, no words, not English.

Junk (a pasted binary file, a string of control characters) is refused with a message that says
so; a bare "I can't find that" would suggest the documents were searched for something. A
question in another language is still answered when it can be (names and numbers often match),
but when the answer is an abstention the user is told the documents are in English, which is
the likelier reason than the documents not covering it.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.lexicon import CONTRACTIONS_TYPED_BARE, OPENING_FILLER

UNREADABLE_SHARE = 0.1  # of the non-space characters, above which the text is not a question
_UNREADABLE = frozenset({"Cc", "Cs", "Co", "Cn"})  # control, surrogate, private use, unassigned
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Common function words of the languages staff are likeliest to write in instead; two of them
# with no English function word mark the question as not English ("Qui est responsable de …").
_FOREIGN_FUNCTION_WORDS_TEXT = """
le la les des du est qui quel quelle quels que une avec pour dans sur
el los las es quién qué cuál cuándo una con por para del
der die das ist wer was wann welche und mit für von dem den
il gli di che chi è sono della delle per
o os é quem qual quando não com uma
"""
_FOREIGN_FUNCTION_WORDS = frozenset(_FOREIGN_FUNCTION_WORDS_TEXT.split())
# English function words only: the retrieval stopwords hold domain words ("plan") too
_ENGLISH_FUNCTION_WORDS_TEXT = """
the a an is are was were be been what who whom whose which when where why how does do did
of to in on at for and or with by about from into it its this that these those has have had
will would can could should there any our we i you my me your they their not if as
"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS_TEXT.split())


def _unreadable(char: str) -> bool:
    return char == "\ufffd" or (unicodedata.category(char) in _UNREADABLE and char not in "\t\n\r")


def unreadable_reason(question: str) -> str | None:
    """Why the text is not a question a person typed, or None when it reads as one."""
    visible = [c for c in question if not c.isspace()]
    bad = sum(1 for c in visible if _unreadable(c))
    if "\x00" in question or (visible and bad / len(visible) > UNREADABLE_SHARE):
        return (
            "The question contains unreadable characters (it looks like binary data, not "
            "text). Type or paste the question as plain text."
        )
    if not _WORD.search(question):
        return "The question has no words in it. Ask about a plan, an aim or an action."
    return None


_OPENING_FILLER = re.compile(rf"^\s*{OPENING_FILLER}\b[,.!:;-]*\s+(?=\S)", re.I)
"""A word that opens a chat message without asking anything (lexicon ``OPENING_FILLER``)."""


_BARE_CONTRACTION = re.compile(rf"\b(?:{'|'.join(CONTRACTIONS_TYPED_BARE)})\b", re.I)


def with_apostrophes(question: str) -> str:
    """
    >>> with_apostrophes("Whats the budget, and who doesnt know?")
    "What's the budget, and who doesn't know?"
    """

    def restored(match: re.Match[str]) -> str:
        word = CONTRACTIONS_TYPED_BARE[match.group(0).lower()]
        return word[0].upper() + word[1:] if match.group(0)[0].isupper() else word

    return _BARE_CONTRACTION.sub(restored, question)


_WH = r"(?:what|who|whom|which|when|where|why|how)\b"
_INDIRECT_LEAD = re.compile(
    r"^\s*(?:(?:can|could|would|will) (?:you|someone|somebody|anyone) (?:please )?)?"
    rf"(?:remind me|tell me|let me know|explain|do you know|any idea)\s+(?={_WH})",
    re.I,
)
"""A request that wraps the question: "Remind me what …", "Can someone tell me who …"."""
_EMBEDDED = re.compile(
    rf"^({_WH}(?:\s+(?:many|much|often|long|far|big))?)\s+(?!(?:is|are|was|were)\b)"
    r"(.+?)\s+(is|are|was|were)(?=\s*(?:[,?.!;]|$)|\s+(?:and|in|of|for|on|under|at)\b)",
    re.I,
)
"""An embedded question's order, the verb last: "what a misconnection actually is"."""


def as_direct_question(question: str) -> str:
    """A question asked indirectly, as it would be asked directly: every rule then reads one
    word order.

    >>> as_direct_question('Remind me what a "misconnection" actually is, and how many?')
    'what is a "misconnection" actually, and how many?'
    >>> as_direct_question("Can someone remind me what the four missions are in the plan?")
    'what are the four missions in the plan?'
    >>> as_direct_question("Tell me who is leading it.")
    'who is leading it.'
    >>> as_direct_question("What is the plan? Remind me what it is.")
    'What is the plan? Remind me what it is.'
    """
    lead = _INDIRECT_LEAD.match(question)
    if lead is None:
        return question
    asked = question[lead.end() :]
    return _EMBEDDED.sub(r"\1 \3 \2", asked, count=1)


def readable(question: str) -> str:
    """The question without stray control characters (a few, below the refusal share),
    without a filler word before it or a request around it (:func:`as_direct_question`), and
    with the apostrophes of its contractions (:func:`with_apostrophes`).

    >>> readable("ok and which ones get the short-term focus?"), readable("Okapi numbers?")
    ('and which ones get the short-term focus?', 'Okapi numbers?')
    """
    text = "".join(c for c in question if not _unreadable(c))
    return as_direct_question(with_apostrophes(_OPENING_FILLER.sub("", text, count=1) or text))


def looks_non_english(question: str) -> bool:
    """Mostly non-Latin letters, or foreign function words and no English ones."""
    letters = [c for c in question if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < 0.5:
        return True
    words = [w.lower() for w in _WORD.findall(question)]
    english = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    foreign = sum(1 for w in words if w in _FOREIGN_FUNCTION_WORDS)
    return english == 0 and foreign >= 2


NOT_ENGLISH_NOTICE = (
    "Your question does not look like English. The plans and action logs are written in "
    "English, so asking in English is likelier to find the answer."
)
