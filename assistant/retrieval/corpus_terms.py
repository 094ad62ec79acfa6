"""What retrieval reads from every chunk once per index version, so that no question pays
for it: the acronyms the documents define, the vocabulary that fuzzy word matching looks
words up in, the token counts the speller corrects against, and the keyword index."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from assistant.retrieval.keyword_index import KeywordIndex
from assistant.retrieval.text import (
    FUZZY_THRESHOLD,
    Neighbours,
    WordIndex,
    acronym_definitions,
    chunk_words,
    coined_names,
    content_words,
    parted_words,
)
from ingest.lexicon import BRACKETED, NUMBER_WORDS, PART_LABEL, PLAN_DIVISIONS, PLAN_PARTS
from ingest.types import Chunk

PART_CHUNKS = 6
"""At most this many chunks are fetched for a part of a plan the question names."""


_PART_NOUN = {
    form: part
    for part, forms in (*PLAN_PARTS.items(), *((d.rstrip("s"), (d,)) for d in PLAN_DIVISIONS))
    for form in forms
}
"""Each word naming a part of a plan → the part, singular ("priorities" → "priority")."""


def part_labels(text: str) -> list[tuple[str, str]]:
    """The numbered parts of a plan a text names, normalised ("Goal 3", "aims three",
    "Workstream 2.1" → ("goal", "3"), ("aim", "3"), ("workstream", "2.1")).

    >>> part_labels("And what about goal three? Aim 2.1 too")
    [('goal', '3'), ('aim', '2.1')]
    """
    labels = []
    for match in PART_LABEL.finditer(text):
        noun, number = match.group(0).lower().split(None, 1)
        labels.append((_PART_NOUN.get(noun, noun), str(NUMBER_WORDS.get(number, number))))
    return labels


def part_index(chunks: Iterable[Chunk]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each numbered part a section heading names → the ids of the chunks under it, in
    document order (a document's "2.3 Goal 3: Resilient communities" and its sub-sections)."""
    found: dict[tuple[str, str], list[Chunk]] = {}
    for chunk in chunks:
        if chunk.kind == "action" or not chunk.section:
            continue
        labels = {label for heading in chunk.section.split(" > ") for label in part_labels(heading)}
        for label in labels:
            found.setdefault(label, []).append(chunk)
    return {
        label: tuple(c.id for c in sorted(under, key=lambda c: (c.source, c.line_start)))
        for label, under in found.items()
    }


_UNNUMBERED = frozenset({"section", "chapter"})

HEADING_WORDS = (2, 4)
"""A heading is fetched by name when it has this many content words (fewer name nothing in
particular; more are a sentence, which similarity finds)."""


def heading_words(heading: str) -> frozenset[str]:
    """A heading's words as a question names it: content words, hyphenated ones as their
    parts, without its numbering or what it adds in brackets.

    >>> sorted(heading_words("SHORT TERM (YEAR 1)"))
    ['short', 'term']
    """
    return frozenset(w for w in parted_words(BRACKETED.sub(" ", heading)) if not w.isdigit())


def heading_index(chunks: Iterable[Chunk]) -> dict[frozenset[str], tuple[str, ...]]:
    """Each short heading's words (:data:`HEADING_WORDS`) → the ids of the chunks directly
    under it that are lists and nothing else, in document order: a list headed "SHORT TERM
    (YEAR 1)" holds only its items ("Germany", "Malaysia", "USA"), which no similarity to
    "which markets are the short-term focus?" finds. Prose and tables carry words of their
    own for retrieval to find."""
    found: dict[frozenset[str], list[Chunk]] = {}
    low, high = HEADING_WORDS
    for chunk in chunks:
        if chunk.kind == "action" or not chunk.section or chunk.block_kinds != "list":
            continue
        words = heading_words(chunk.section.split(" > ")[-1])
        if low <= len(words) <= high:
            found.setdefault(words, []).append(chunk)
    return {
        words: tuple(c.id for c in sorted(under, key=lambda c: (c.source, c.line_start)))
        for words, under in found.items()
    }


MAX_HEADING_ASKED = 16
"""At most this many of a question's words are combined into heading names (1,820 sets of
four): a longer question is a sentence, not a heading's name."""


def numbered_parts(chunks: Iterable[Chunk]) -> dict[str, frozenset[str]]:
    """Each kind of numbered part the chunks name → its numbers, read once per index version:
    what :meth:`CorpusTerms.unnamed_parts` checks a question's parts against."""
    found: dict[str, set[str]] = {}
    for chunk in chunks:
        for noun, number in part_labels(f"{chunk.title}\n{chunk.section}\n{chunk.text}"):
            found.setdefault(noun, set()).add(number)
    return {noun: frozenset(numbers) for noun, numbers in found.items()}


def chunk_haystack(chunk: Chunk) -> str:
    """The text a chunk's words are read from: its title, section and body."""
    return f"{chunk.title} {chunk.section} {chunk.text}"


def words_of(chunk: Chunk) -> frozenset[str]:
    """The content words of :func:`chunk_haystack`, cached per chunk id and content."""
    return chunk_words(f"{chunk.id}:{chunk.hash}", chunk_haystack(chunk))


@dataclass(frozen=True)
class CorpusTerms:
    acronyms: Mapping[str, tuple[str, ...]]
    """Acronym → the content words of its long form (:func:`acronym_definitions`)."""
    vocabulary: WordIndex
    """Every content word of every chunk's :func:`chunk_haystack`."""
    keywords: KeywordIndex
    """BM25 weights (only counted tokens when the store does keyword search)."""
    rarity: Mapping[str, float]
    """Content word → log(total words / its count): how much finding it says (see
    :func:`rare_coverage`)."""
    parts: Mapping[tuple[str, str], tuple[str, ...]]
    """Numbered part of a plan → the chunks under the headings that name it (:func:`part_index`)."""
    coined: Mapping[str, str] = field(default_factory=dict)
    """Initials a reader may coin → the one name they fit (:func:`coined_names`)."""
    headings: Mapping[frozenset[str], tuple[str, ...]] = field(default_factory=dict)
    """A short heading's words → the chunks under it (:func:`heading_index`)."""
    numbered: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each kind of numbered part any chunk names, in its text, section or title → the numbers
    named (:func:`part_labels`: "workstream" → {"1", "2", "3", "4"})."""

    @classmethod
    def read(cls, chunks: Iterable[Chunk], keyword_weights: bool = True) -> CorpusTerms:
        chunks = list(chunks)
        keywords = KeywordIndex(chunks, weigh=keyword_weights)
        counts: Counter[str] = Counter()
        for raw, count in keywords.token_counts.items():
            for word in content_words(raw):
                counts[word] += count
        total = sum(counts.values()) + 1
        rarity = {word: math.log(total / count) for word, count in counts.items()}
        acronyms = acronym_definitions(c.text for c in chunks)
        written = {token.lower() for token in keywords.token_counts} | set(acronyms)
        coined = coined_names((c.text for c in chunks), written)
        return cls(
            acronyms,
            WordIndex(set(counts)),
            keywords,
            rarity,
            part_index(chunks),
            coined,
            heading_index(chunks),
            numbered_parts(chunks),
        )

    def part_chunks(self, question: str) -> list[str]:
        """The chunks under the headings of the numbered parts the question names ("what
        about goal 3?"): retrieval by structure, which no similarity finds when the part's
        words are not the question's."""
        ids: list[str] = []
        for label in part_labels(question):
            ids.extend(self.parts.get(label, ())[:PART_CHUNKS])
        return list(dict.fromkeys(ids))

    def unnamed_parts(self, question: str) -> list[str]:
        """The numbered parts the question names that no document does, of a kind the
        documents number ("workstream 5" when the plan has workstreams 1 to 4): no passage
        about another part answers for it. Sections and chapters are left alone (a document
        numbers them without the word).

        >>> from dataclasses import replace
        >>> terms = replace(CorpusTerms.read([]), numbered={"workstream": frozenset({"1", "2"})})
        >>> terms.unnamed_parts("What does workstream 5 cost, and workstream 2?")
        ['workstream 5']
        >>> terms.unnamed_parts("What is goal 3?")  # no goals are numbered at all
        []
        """
        return [
            f"{noun} {number}"
            for noun, number in dict.fromkeys(part_labels(question))
            if noun in self.numbered
            and noun not in _UNNUMBERED
            and number not in self.numbered[noun]
        ]

    def heading_chunks(self, question: str) -> list[str]:
        """The chunks under the short headings the question names every word of ("which
        markets are the short-term focus?" names SHORT TERM): retrieval by structure."""
        asked = sorted(parted_words(question))[:MAX_HEADING_ASKED]
        low, high = HEADING_WORDS
        ids = [  # looked up by the question's word sets, never a scan of every heading
            chunk_id
            for size in range(low, high + 1)
            for words in combinations(asked, size)
            for chunk_id in self.headings.get(frozenset(words), ())[:PART_CHUNKS]
        ]
        return list(dict.fromkeys(ids))

    @property
    def token_counts(self) -> Mapping[str, int]:
        """Every token of every chunk's title, section and text, as written, with its count."""
        return self.keywords.token_counts

    def neighbours(self, words: Iterable[str], threshold: float = FUZZY_THRESHOLD) -> Neighbours:
        """Each word → the vocabulary's words close to it (itself included when present):
        computed once per question, then every candidate's fuzzy coverage is set lookups.

        >>> terms = CorpusTerms.read([])
        >>> terms.neighbours(["hydrogen"])
        {'hydrogen': {}}
        """
        return {word: self.vocabulary.similar(word, threshold) for word in set(words)}


def rare_coverage(
    query_words: Iterable[str], text_words: Iterable[str], rarity: Mapping[str, float]
) -> float:
    """The share of the question's content words a text holds, each weighed by its rarity in
    the corpus: finding "quorum" says more than finding "trust" in a trust's documents. A word
    the corpus never writes weighs as much as the rarest.

    >>> rare_coverage(["quorum", "trust"], {"quorum"}, {"quorum": 6.0, "trust": 2.0})
    0.75
    """
    unknown = max(rarity.values(), default=1.0)
    weights = {word: rarity.get(word, unknown) for word in query_words}
    total = sum(weights.values())
    if not total:
        return 0.0
    held = set(text_words)
    return sum(weight for word, weight in weights.items() if word in held) / total
