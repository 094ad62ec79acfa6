"""Typos fixed against the corpus's own vocabulary before retrieval.

"innovaton marketting stratgy" finds nothing in a keyword index and embeds poorly; each
unknown word is replaced by the closest word the indexed documents actually use (difflib
ratio ≥ 0.8, ties to the more frequent word). Known words, short words and stopwords are
never touched, so correct questions pass through unchanged. The vocabulary is rebuilt only
when the index changes.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable

from assistant.retrieval.text import STOPWORDS
from ingest.store.base import IndexStore

_WORD = re.compile(r"[A-Za-z]{4,}")
MIN_RATIO = 0.8


class Speller:
    def __init__(
        self, store: IndexStore, known_words: Callable[[], Iterable[str]] | None = None
    ) -> None:
        """``known_words``: real words the corpus may not use ("charge"), never corrected;
        the embedding model's tokenizer vocabulary is a good source."""
        self.store = store
        self._known_words = known_words
        self._known: set[str] = set()
        self._lock = threading.Lock()
        self._version: tuple[int, float] | None = None
        self._counts: Counter[str] = Counter()
        self._by_first: dict[str, list[str]] = {}

    def refresh(self) -> None:
        """Count the index's words again if it changed since the last count."""
        self._refresh()

    def _refresh(self) -> None:
        version = self.store.index_version()
        if version == self._version:
            return
        with self._lock:
            counts: Counter[str] = Counter()
            for row in self.store.chunk_fields():
                for field in row:
                    counts.update(w.lower() for w in _WORD.findall(field or ""))
            by_first: dict[str, list[str]] = {}
            for word in counts:
                by_first.setdefault(word[0], []).append(word)
            if self._known_words is not None and not self._known:
                self._known = {w for w in self._known_words() if w.isalpha()}
            self._counts, self._by_first, self._version = counts, by_first, version

    def correct_word(self, word: str) -> str:
        lowered = word.lower()
        if len(lowered) < 5 or lowered in STOPWORDS or lowered in self._counts:
            return word
        if lowered in self._known:
            return word
        pool = self._by_first.get(lowered[0], [])  # typos rarely hit the first letter
        close = difflib.get_close_matches(lowered, pool, n=3, cutoff=MIN_RATIO)
        if not close:
            return word
        best = max(
            close,
            key=lambda w: (difflib.SequenceMatcher(None, lowered, w).ratio(), self._counts[w]),
        )
        return best.capitalize() if word[0].isupper() else best

    def correct(self, text: str) -> str:
        self._refresh()
        if not self._counts:
            return text
        return re.sub(r"[A-Za-z][A-Za-z]{3,}", lambda m: self.correct_word(m.group(0)), text)
