"""What retrieval reads from every chunk once per index version, so that no question pays
for it: the acronyms the documents define, the vocabulary that fuzzy word matching looks
words up in, the token counts the speller corrects against, and the keyword index."""

from __future__ import annotations

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

    @classmethod
    def read(cls, chunks: Iterable[Chunk], keyword_weights: bool = True) -> CorpusTerms:
        chunks = list(chunks)
        keywords = KeywordIndex(chunks, weigh=keyword_weights)
        vocabulary = {word for raw in keywords.token_counts for word in content_words(raw)}
        acronyms = acronym_definitions(c.text for c in chunks)
        return cls(acronyms, WordIndex(vocabulary), keywords)

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
