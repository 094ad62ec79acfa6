"""Typos fixed against the corpus's own vocabulary before retrieval.

"innovaton marketting stratgy" finds nothing in a keyword index and embeds poorly; each
unknown word is replaced by the closest word the indexed documents actually use (difflib
ratio ≥ 0.8, ties to the more frequent word). Known words, plurals of the corpus's words (its
"workstream" makes "workstreams" a word), short words and stopwords are never touched, so
correct questions pass through unchanged. The vocabulary is rebuilt only when the index
changes: the counts are the per-version token counts retrieval already
reads (:class:`assistant.retrieval.corpus_terms.CorpusTerms`), not a scan of their own.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from assistant.retrieval.text import STOPWORDS
from ingest.lexicon import CHAT_SHORTHAND

_WORD = re.compile(r"[A-Za-z]{4,}")
_SHORTHAND = re.compile(
    rf"(?<![\w&/'’-])({'|'.join(sorted(map(re.escape, CHAT_SHORTHAND), key=len, reverse=True))})"
    r"(?![\w&/'’-])"
)
MIN_RATIO = 0.8


class Speller:
    def __init__(
        self,
        token_counts: Callable[[], Mapping[str, int]],
        known_words: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        """``token_counts``: the index's tokens as written, with their counts, the same
        object for as long as the index is unchanged. ``known_words``: real words the corpus
        may not use ("charge"), never corrected; the embedding model's tokenizer vocabulary
        is a good source."""
        self._token_counts = token_counts
        self._known_words = known_words
        self._known: set[str] = set()
        self._lock = threading.Lock()
        self._read: Mapping[str, int] | None = None
        self._counts: Counter[str] = Counter()
        self._by_first: dict[str, list[str]] = {}

    def refresh(self) -> None:
        """Count the index's words again if it changed since the last count."""
        tokens = self._token_counts()
        if tokens is self._read:
            return
        with self._lock:
            counts: Counter[str] = Counter()
            for token, count in tokens.items():
                for word in _WORD.findall(token):
                    counts[word.lower()] += count
            by_first: dict[str, list[str]] = {}
            for word in counts:
                by_first.setdefault(word[0], []).append(word)
            if self._known_words is not None and not self._known:
                self._known = {w for w in self._known_words() if w.isalpha()}
            self._counts, self._by_first, self._read = counts, by_first, tokens

    def correct_word(self, word: str) -> str:
        lowered = word.lower()
        if len(lowered) < 5 or lowered in STOPWORDS or lowered in self._counts:
            return word
        if lowered in self._known or self._plural_of_known(lowered):
            return word
        if self._inflection_of_known(lowered):
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

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a word of the corpus or of the language ("ceo" is; "vff" is
        not)."""
        self.refresh()
        return word.lower() in self._counts or word.lower() in self._known

    def _plural_of_known(self, lowered: str) -> bool:
        """ "workstreams" when the corpus writes "workstream" (or "priorities", "priority").
        Only plurals: "scopeing" is not "scope" + "ing", it is "scoping" misspelt."""
        bases = []
        if lowered.endswith("ies"):
            bases.append(lowered[:-3] + "y")
        if lowered.endswith("es"):
            bases.append(lowered[:-2])
        if lowered.endswith("s"):
            bases.append(lowered[:-1])
        return any(base in self._counts or base in self._known for base in bases)

    def _inflection_of_known(self, lowered: str) -> bool:
        """ "staffing" when the corpus writes "staff", "planned" for "plan", "scoping" for
        "scope": the ways English adds -ing, -ed and -er (a final e dropped, a final consonant
        doubled). "scopeing" keeps the e that English drops, so it stays a misspelling.

        >>> speller = Speller(lambda: {"staff": 3, "plan": 2, "scope": 1})
        >>> speller.refresh()
        >>> words = ("staffing", "planned", "scoping", "scopeing")
        >>> [speller._inflection_of_known(w) for w in words]
        [True, True, True, False]
        """
        for suffix in ("ing", "ed", "er", "ers"):
            if not lowered.endswith(suffix) or len(lowered) - len(suffix) < 3:
                continue
            root = lowered[: -len(suffix)]
            bases = [root + "e"] if suffix == "ing" else [root, root + "e"]
            if suffix == "ing" and not root.endswith("e"):
                bases.append(root)
            if len(root) > 3 and root[-1] == root[-2]:
                bases.append(root[:-1])  # "planned", "planning"
            if any(base in self._counts or base in self._known for base in bases):
                return True
        return False

    def correct(self, text: str) -> str:
        """``text`` with chat shorthand written out (:data:`~ingest.lexicon.CHAT_SHORTHAND`)
        and typos replaced by the corpus's closest words.

        >>> Speller(lambda: {}).correct("how many ppl r on the panel (yr 1)? R&I, RAG R")
        'how many people are on the panel (year 1)? R&I, RAG R'
        """
        text = _SHORTHAND.sub(lambda m: CHAT_SHORTHAND[m.group(1)], text)
        self.refresh()
        if not self._counts:
            return text
        return re.sub(r"[A-Za-z][A-Za-z]{3,}", lambda m: self.correct_word(m.group(0)), text)
