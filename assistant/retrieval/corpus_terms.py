"""What retrieval reads from every chunk once per index version, so that no question pays
for it: the acronyms the documents define, the vocabulary that fuzzy word matching looks
words up in, the token counts the speller corrects against, and the keyword index."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.retrieval.keyword_index import KeywordIndex
from assistant.retrieval.text import (
    FUZZY_THRESHOLD,
    Neighbours,
    WordIndex,
    acronym_definitions,
    chunk_words,
    content_words,
)
from ingest.types import Chunk


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
        return cls(acronyms, WordIndex(set(counts)), keywords, rarity)

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
