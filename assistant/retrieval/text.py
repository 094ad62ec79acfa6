"""Small text utilities shared by retrieval, answering and evals: tokens, stopwords, fuzzy
matching that survives OCR damage (``mplementing`` ~ ``implementing``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Set
from functools import lru_cache

from ingest.lexicon import IRREGULAR_FORMS, ROLE_WORDS

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "tell",
        "please",
        "give",
        "list",
        "name",
        "describe",
        "explain",
        "say",
        "says",
        "said",
        "does",
        "doing",
        "document",
        "documents",
        "plan",
        "plans",
        "mention",
        "mentioned",
        "according",
        "any",
        "anything",
        "something",
        "whats",
        "what's",
        "who's",
        "kind",
        "sort",
        "type",
        "mean",  # "what does twinning mean": asks for a definition, not about "this means"
        "means",
        "meant",
    ]
)
FORM_WORDS = frozenset(
    {"full", "whole", "line", "row", "entry", "figure", "figures", "breakdown", "detail",
     "details", "year-by-year", "each", "every", "complete", "exact", "exactly", "value",
     "much", "many", "amount", "number", "table", "us", "break", "incl", "including",
     "itemise", "itemize"}
)  # fmt: skip
"""Words that ask for the form of an answer, not its subject: "give me the *full* KPI *line*
for operating surplus", "the *year-by-year figures* for the Hub", "*how much* is the fund giving
*us*", "what does the *table* give", "*break* down the budget line by line *incl* the total". A
table route does not count them among the words the table must hold."""
MANNER_WORDS = frozenset({"actually", "currently", "really", "moment", "now", "yet", "far"})
"""How a question is put, not what it is about: "how many have *actually* been set up *so far*",
"how many are active *at the moment*". A follow-up that has only these and form words besides
its verb names no topic of its own."""
ASKING_VERBS = frozenset(
    {"expected", "expect", "need", "needs", "needed", "require", "requires", "required"}
)
"""Verbs that carry a question, not its subject: "what is it *expected* to cost", "how much
staff time does it *need*". A table need not hold them."""
CLAIM_WORDS = frozenset({"aim", "aims", "aiming", "target", "targets", "ambition", "hoping"})
"""Words that ask for a target rather than name a topic ("what are we *aiming* for by
2030?", "what's the *target*?"): a part or follow-up of only these and form words leans on the
rest of the question for its topic (:mod:`assistant.answering.claims`)."""
_TOKEN = re.compile(r"[A-Za-z0-9£$%][A-Za-z0-9£$%'’.-]*[A-Za-z0-9%]|[A-Za-z0-9]")
_PROPER = re.compile(
    r"\b([A-Z][a-zA-Z]+(?:['’](?=\s+[A-Z]))?(?:\s+[A-Z][a-zA-Z]+(?:['’](?=\s+[A-Z]))?)*"
    r"|[A-Z]{2,}[a-z]?s?)\b"
)
"""A run of capitalised words, a plural possessive inside it ("the Students' Union"), or an
acronym."""


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, keeping £/%/digits (money and percentages matter here)."""
    return [token_form(t) for t in _TOKEN.findall(text)]


def raw_tokens(text: str) -> list[str]:
    """The tokens of :func:`tokens` as the text writes them (for counting before mapping)."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=200_000)
def token_form(raw: str) -> str:
    return raw.lower().strip(".'’")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match ``stalled``/``stall``, ``owners``/``owner``,
    and irregular past forms to their base (``led``/``leads`` → ``lead``).

    A final e after a consonant goes too, as English drops it before -ing and -ed, so
    ``define``/``defining``/``defined`` and ``centre``/``centres`` meet.

    >>> [stem(w) for w in ("led", "leads", "stalled", "owners", "written")]
    ['lead', 'lead', 'stall', 'owner', 'writ']
    >>> [stem(w) for w in ("define", "defining", "improve", "improving", "centres", "free")]
    ['defin', 'defin', 'improv', 'improv', 'centr', 'free']
    """
    if word in IRREGULAR_FORMS:
        return _without_final_e(IRREGULAR_FORMS[word])
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return _without_final_e(word[: -len(suffix)])
    return _without_final_e(word)


def _without_final_e(word: str) -> str:
    """ "define" → "defin"; a short word ("line", "time") or one ending "ee" stays whole."""
    if len(word) > 4 and word.endswith("e") and word[-2] not in "aeiouy":
        return word[:-1]
    return word


_DOUBLES = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")
"""A one-syllable word ending in one vowel and one consonant doubles it: run → running."""


def _forms(word: str) -> tuple[str, ...]:
    """A regular verb's forms: lead, leads, leaded (harmless), leading; manage, managing;
    oversee, overseeing; run, running."""
    if word.endswith("e") and not word.endswith("ee"):
        return (word, f"{word}s", f"{word}d", f"{word[:-1]}ing")
    if word.endswith("ee"):
        return (word, f"{word}s", f"{word}d", f"{word}ing")
    grown = word + word[-1] if _DOUBLES.fullmatch(word) else word
    return (word, f"{word}s", f"{grown}ed", f"{grown}ing")


ROLE_FORMS = frozenset(
    {form for word in ROLE_WORDS for form in _forms(word)}
    | {irregular for irregular, base in IRREGULAR_FORMS.items() if base in ROLE_WORDS}
)
"""The words for being in charge as a question writes them: "who *led* it", "who *runs* …",
"who is *running* …"."""
ROLE_STEMS = frozenset(stem(form) for form in ROLE_FORMS)
"""Every form of the words for being in charge, as :func:`content_words` stems them
("oversees" → "overse", "led" → "lead")."""


@lru_cache(maxsize=20_000)
def parted_words(text: str) -> frozenset[str]:
    """A text's content words with a hyphenated word as its parts: "short-term" says "short
    term", "data-sharing protocol" "data sharing protocol".

    >>> sorted(parted_words("the short-term data-sharing protocol"))
    ['data', 'protocol', 'shar', 'short', 'term']
    """
    return frozenset(content_words(_HYPHEN.sub(" ", text)))


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def content_words(text: str) -> list[str]:
    """The stems of a text's words that are not stop words, in order, repeats kept."""
    return [word for raw in _TOKEN.findall(text) for word in _content_word(raw)]


@lru_cache(maxsize=200_000)
def _content_word(raw: str) -> tuple[str, ...]:
    """A raw token's content word (its stem), or none: every text's words go through here,
    and a corpus has far fewer distinct tokens than occurrences."""
    token = token_form(raw)
    return (stem(token),) if token not in STOPWORDS and len(token) > 1 else ()


def proper_nouns(text: str, opening_word: bool = False) -> list[str]:
    """Capitalised names and acronyms. A lone capitalised first word ("Findings from …") is
    skipped, as any sentence capitalises it, unless ``opening_word`` says it may be a name
    (an answer such as "Rosebud have been engaged")."""
    found = []
    for match in _PROPER.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower() in STOPWORDS:  # "Which Malaysian" → "Malaysian"
            words = words[1:]
        alone = len(match.group(1).split()) == 1 and not match.group(1).isupper()
        if alone and not opening_word and not text[: match.start()].strip():
            words = []
        if words:
            found.append(" ".join(words))
    return found


def abbreviations(name: str) -> set[str]:
    """What a plan abbreviates a name to: "National Nuclear Laboratory" → nnl, "Health
    Innovation Campus" → hic ("Lancashire and South Cumbria" → lasc, lsc). Two letters are too
    common to mean a name ("North West" is not every "nw"); one word has no initials. The
    plural ("crns") counts too."""
    words = name.lower().split()
    significant = [w for w in words if w not in STOPWORDS]
    short = {initials(ws) for ws in (words, significant) if len(ws) >= 3}
    return short | {f"{s}s" for s in short}  # "Clinical Research Networks (CRNs)"


def initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words)


def run_initials(text: str, sizes: Iterable[int] = (2, 3, 4)) -> frozenset[str]:
    """The initials of every run of consecutive words of ``text`` (stop words left out) of
    each size: what a document's title may be shortened to ("the LSC R&I plan" for
    "Lancashire & South Cumbria Research & Innovation Plan": lsc, ri), with no list of short
    forms. Unlike :func:`abbreviations` of a name, two-letter forms count: a question's
    short form must still match most of a mention's words to name a document.

    >>> sorted(run_initials("Integrated Care System Workforce Plan"))  # "plan": a stop word
    ['cs', 'csw', 'ic', 'ics', 'icsw', 'sw']
    """
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS]
    return frozenset(
        initials(words[start : start + size])
        for size in sizes
        for start in range(len(words) - size + 1)
    )


def name_initials(question: str) -> list[str]:
    """Abbreviations of the question's names, for finding the passages that use them ("the
    Clean Energy Technology Park" is "the CETP" in the plan)."""
    return sorted({short for name in proper_nouns(question) for short in abbreviations(name)})


@lru_cache(maxsize=50_000)
def trigrams(word: str) -> frozenset[str]:
    padded = f"  {word.lower()} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def word_similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams: robust to a lost first letter."""
    if a == b:
        return 1.0
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / max(1, len(ta | tb))


class WordIndex:
    """Words with an index from trigram to the words holding it, so the words close to a word
    are found from the few sharing a trigram with it, not by comparing it with every word.
    Retrieval keeps one over the whole index's vocabulary (:class:`CorpusTerms`)."""

    __slots__ = ("by_trigram", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        by_trigram: dict[str, list[str]] = {}
        for word in self.words:
            for gram in trigrams(word):
                by_trigram.setdefault(gram, []).append(word)
        self.by_trigram = by_trigram

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def similar(self, word: str, threshold: float) -> dict[str, float]:
        """Every word whose trigram Jaccard with ``word`` is at least ``threshold`` (the
        measure of :func:`word_similarity`)."""
        grams = trigrams(word)
        shared: dict[str, int] = {}
        for gram in grams:
            for other in self.by_trigram.get(gram, ()):
                shared[other] = shared.get(other, 0) + 1
        size = len(grams)
        out = {}
        for other, n in shared.items():
            similarity = n / (size + len(trigrams(other)) - n)
            if similarity >= threshold:
                out[other] = similarity
        return out


FUZZY_THRESHOLD = 0.5
"""A word counts as found when a text's word is this close to it (trigram Jaccard)."""


@lru_cache(maxsize=8_192)
def chunk_words(key: str, text: str) -> frozenset[str]:
    """The content words of a chunk's text, kept per chunk (``key``: its id and content
    hash) across questions; bounded, as a large index's chunks do not all fit."""
    return frozenset(content_words(text))


Neighbours = Mapping[str, Mapping[str, float]]
"""Query word → the index's words close to it, with their similarity (:meth:`WordIndex.similar`)."""


def fuzzy_coverage(
    query_words: list[str],
    text_words: Set[str],
    threshold: float = FUZZY_THRESHOLD,
    neighbours: Neighbours | None = None,
) -> float:
    """Share of query words found in the text exactly, by stem, or fuzzily (OCR damage).

    ``neighbours``, when the caller scores many texts against one question, holds each query
    word's close words from a vocabulary containing every word of those texts; a fuzzy match
    is then a few set lookups instead of a comparison with every word of the text."""
    if not query_words:
        return 0.0
    hits = 0.0
    for word in query_words:
        if word in text_words or _written_otherwise(word, text_words):
            hits += 1
            continue
        if neighbours is not None and word in neighbours:
            near = neighbours[word]
            best = max((s for other, s in near.items() if other in text_words), default=0.0)
        else:
            best = best_similarity(word, text_words, threshold)
        if best >= threshold:
            hits += best
    return hits / len(query_words)


def _written_otherwise(word: str, text_words: Set[str]) -> bool:
    """The text writes the word another way: a hyphenated word's parts apart ("short-term"
    and "SHORT TERM").

    >>> _written_otherwise("short-term", {"short", "term", "market"})
    True
    >>> _written_otherwise("short-term", {"short", "market"})
    False
    >>> _written_otherwise("2025-26", {"2025", "26"})
    False
    """
    if "-" not in word:
        return False
    parts = _hyphen_parts(word)
    return len(parts) > 1 and all(part in text_words for part in parts)


@lru_cache(maxsize=8192)
def _hyphen_parts(word: str) -> tuple[str, ...]:
    """The stems of a hyphenated word's parts, worked out once per word (coverage reads them
    for every candidate passage); none for "2025-26", a year, not two words."""
    if not word.replace("-", "").isalpha():
        return ()
    return tuple(stem(part) for part in word.split("-") if part)


def best_similarity(word: str, text_words: Iterable[str], threshold: float) -> float:
    """Best trigram Jaccard of ``word`` against ``text_words``, skipping words whose trigram
    counts alone rule out reaching ``threshold`` (Jaccard ≤ smaller / larger set size): this
    runs for every candidate chunk of every question, so most pairs must cost one comparison."""
    grams = trigrams(word)
    size = len(grams)
    low, high = size * threshold, size / threshold
    best = 0.0
    for other in text_words:
        other_grams = trigrams(other)
        other_size = len(other_grams)
        if other_size < low or other_size > high:
            continue
        shared = len(grams & other_grams)
        similarity = shared / (size + other_size - shared)
        if similarity > best:
            best = similarity
    return best


_ACRONYM_DEFINED = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_DEFINITION_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_JOINING_WORDS = {"and", "of", "the", "for", "in", "on"}


_CAPITALISED_RUN = re.compile(r"(?:\b[A-Z][a-z]+(?:s['’])?(?![\w'’])[ \t]*){2,6}")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;•\n]\s*|\s[-–—]\s*)$")


def capitalised_runs(text: str) -> list[tuple[str, str]]:
    """(initials, words) of every run of three to six capitalised words in ``text`` and of its
    parts of three or more, and of two-word names that do not open a sentence: what a reader
    shortens a name to when the documents never define the short form ("Annual Delivery Plan"
    → "adp", "the Students' Union" → "su").

    >>> capitalised_runs("We will appoint Vale Futures Fellows soon.")
    [('vff', 'Vale Futures Fellows')]
    >>> capitalised_runs("The Students' Union grant rises. Our Trust and the Students' Union")
    [('tsu', "The Students' Union"), ('su', "Students' Union")]
    """
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group(0).split()
        if len(words) == 2:
            if not _SENTENCE_OPENING.search(text[: run.start()]):
                found.append(("".join(w[0] for w in words).lower(), " ".join(words)))
            continue
        for start in range(len(words)):
            for end in range(start + 3, len(words) + 1):
                part = words[start:end]
                found.append(("".join(w[0] for w in part).lower(), " ".join(part)))
    return found


def coined_names(texts: Iterable[str], written: Iterable[str]) -> dict[str, str]:
    """Initials → the one capitalised name of the corpus they stand for, when a reader may
    coin them ("VFFs" for the Vale Futures Fellows): only initials that fit one name alone,
    and, of three letters or more, that no document writes as a word (``written``: the
    corpus's tokens, lower case). Two letters are read however often written ("the SU" of a
    tracker for the Students' Union): one two-word name that fits them says what they are."""
    names: dict[str, Counter[str]] = {}
    for text in texts:
        for initials, name in capitalised_runs(text):
            names.setdefault(initials, Counter())[name] += 1
    used = set(written)

    def same_name(name: str) -> tuple[str, ...]:  # "Fellows", "Fellowships": one name
        return tuple(word[:5].lower() for word in name.split())

    return {
        initials: found.most_common(1)[0][0]
        for initials, found in names.items()
        if len({same_name(n) for n in found}) == 1
        and (len(initials) == 2 or (initials not in used and f"{initials}s" not in used))
    }


_COINED = re.compile(r"\b([A-Z]{2,6})(s?)\b")


def spell_out_coined(
    question: str, coined: Mapping[str, str], knows: Callable[[str], bool] = lambda word: False
) -> str:
    """The question with initials written out as the name they fit ("How many VFFs …" →
    "How many Vale Futures Fellows (VFFs) …"); initials that are a word in their own right
    are left as they are: of three letters or more, a word of the corpus or the language
    (``knows``: "CEO", "BBC"), of two, a small word ("IT", "US").

    >>> coined = {"vff": "Vale Futures Fellows", "ceo": "Community Engagement Officer",
    ...           "su": "Students' Union", "it": "Information Technology"}
    >>> spell_out_coined("How many VFFs so far, CEO?", coined, lambda w: w.lower() == "ceo")
    'How many Vale Futures Fellows (VFFs) so far, CEO?'
    >>> spell_out_coined("Is IT funding the SU?", coined)
    "Is IT funding the Students' Union (SU)?"
    """

    def written_out(match: re.Match[str]) -> str:
        initials = match.group(1)
        name = coined.get(initials.lower())
        word = initials.lower() in STOPWORDS if len(initials) == 2 else knows(initials)
        if name is None or word:
            return match.group(0)
        return f"{name} ({match.group(0)})"

    return _COINED.sub(written_out, question)


def acronym_definitions(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Acronym → the content words of the long form the documents define it by:
    "Nurses, midwives, allied health professionals (NMAHPs)" gives nmahp → (nurs, midwiv,
    alli, health, professional). The long form's words must start with the acronym's
    capitals, in order ("and", "of" may sit between), so "Department of Health and Social
    Care (UK)" defines nothing. Shorter acronyms inside one are defined too (AHP inside
    NMAHP), as a plan writes "senior AHP roles" having defined only NMAHPs."""
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for match in _ACRONYM_DEFINED.finditer(text):
            acronym = match.group(1)
            letters = [c.lower() for c in acronym if c.isupper()]
            if len(letters) < 2:
                continue
            words = _DEFINITION_WORD.findall(text[max(0, match.start() - 160) : match.start()])
            long_form = _long_form(words, letters)
            if long_form:
                plural = acronym.endswith("s")  # "NMAHPs": the plural of NMAHP; "ICS" is not
                key = acronym[:-1] if plural else acronym
                found.setdefault(key.lower(), tuple(content_words(long_form)))
    for acronym, long_words in list(found.items()):
        for inner, inner_words in _inner_acronyms(acronym, long_words):
            found.setdefault(inner, inner_words)
    return found


def _inner_acronyms(acronym: str, words: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Runs of three or more letters inside an acronym spelt one word per letter, with
    their words: NMAHP (nurses, midwives, allied health professionals) holds AHP (allied
    health professionals) and MAH. One defined in its own right is kept as defined."""
    if len(words) != len(acronym) or any(w[0] != a for w, a in zip(words, acronym, strict=True)):
        return []
    return [
        (acronym[start:end], words[start:end])
        for start in range(len(acronym))
        for end in range(start + 3, len(acronym) + 1)
        if end - start < len(acronym)
    ]


def _long_form(words: list[str], letters: list[str]) -> str:
    """The last words before an acronym whose initials spell it, or ""."""
    wanted = len(letters) - 1
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word[0].lower() == letters[wanted]:
            wanted -= 1
            if wanted < 0:
                return " ".join(words[index:])
        elif word.lower() not in _JOINING_WORDS:
            return ""
    return ""


def spelled_out(text: str, acronyms: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Content words of ``text`` plus the long forms of the acronyms it uses, so "NMAHPs"
    covers a question about "nurses, midwives and allied health professionals"."""
    words = content_words(text)
    if not acronyms:
        return words
    for token in tokens(text):
        long_form = acronyms.get(token) or acronyms.get(token[:-1] if token.endswith("s") else "")
        if long_form:
            words.extend(long_form)
    return words
