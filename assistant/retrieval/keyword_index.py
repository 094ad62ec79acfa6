"""Keyword search over the whole index as one sparse matrix, built once per index version.

BM25 weights every (term, chunk) pair at build time ("eager" BM25, as in the bm25s
library), so a query adds the rows of its few terms: the cost follows the number of chunks
holding those terms, with a small constant, and never parses or ranks text. SQLite's FTS5 or
the database's BM25 in SQL score every match of every term for each query, and on a ×100
corpus of near-copies that was 19 ms of each question. The stores keep their own keyword
search (``ASSISTANT_KEYWORD_INDEX=store``) for an index too large for every web process to
hold these weights (about 12 bytes per term occurrence).

The scoring is FTS5's ``bm25()``: k1 = 1.2, b = 0.75, idf = ln((N − n + 0.5) / (n + 0.5))
floored just above 0, a term's frequency summed over the fields with the 2:2:1 weights the
stores give title, section and body, and a chunk's length its number of words of any kind.
Terms are Snowball (Porter 2) stems of the words that are not stop words, as FTS5's
``porter`` tokenizer and PostgreSQL's ``english`` configuration stem them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import Stemmer
from scipy import sparse

from assistant.retrieval.text import STOPWORDS, raw_tokens, token_form
from ingest.types import Chunk

K1 = 1.2
B = 0.75
HEADING_WEIGHT = 2
"""How many times a title or section term counts against one in the body."""
MIN_IDF = 1e-6
"""A word in half the chunks or more still counts, barely (FTS5's floor)."""

_PART = re.compile(r"[\w£$%]+", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def token_terms(raw: str) -> tuple[str, ...]:
    """The terms of one raw token (as :func:`raw_tokens` finds it): none for a stop word,
    else its parts split at hyphens and apostrophes, stemmed."""
    token = token_form(raw)
    if token in STOPWORDS:
        return ()
    return tuple(_STEMMER.stemWords([p for p in _PART.findall(token) if len(p) > 1]))


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed and searched by, repeats kept.

    >>> index_terms("Missions of the AI-pilots; innovative innovation")
    ['mission', 'ai', 'pilot', 'innov', 'innov']
    """
    return [term for raw in raw_tokens(text) for term in token_terms(raw)]


class KeywordIndex:
    """BM25 over chunks: ``search(text, limit)`` → ``[(chunk id, score)]``, best first.

    ``weigh=False`` only counts the tokens (``token_counts``, which the vocabulary and the
    speller read): the BM25 weights are not built and ``search`` finds nothing, for an index
    whose keyword search the store does (``ASSISTANT_KEYWORD_INDEX=store``)."""

    def __init__(self, chunks: Sequence[Chunk], weigh: bool = True) -> None:
        self.ids = [c.id for c in chunks] if weigh else []
        self.token_counts: Counter[str] = Counter()
        """Every token of every chunk's title, section and text, as written, with its count."""
        self.term_ids: dict[str, int] = {}
        ids_of: dict[str, tuple[int, ...]] = {}  # raw token → its term ids

        def term_ids(raw: str) -> tuple[int, ...]:
            found = ids_of.get(raw)
            if found is None:
                terms = token_terms(raw)
                found = tuple(self.term_ids.setdefault(t, len(self.term_ids)) for t in terms)
                ids_of[raw] = found
            return found

        # one flat (term, chunk, weight) list per occurrence; the sparse matrix sums repeats
        occurrences: list[int] = []
        sizes: list[int] = []
        weights: list[int] = []
        lengths = np.zeros(len(chunks), dtype=np.float32)
        for doc, chunk in enumerate(chunks):
            for weight, text in (
                (HEADING_WEIGHT, f"{chunk.title} {chunk.section}"),
                (1, " ".join((chunk.text, *chunk.footnote_anchors().values()))),
            ):
                raws = raw_tokens(text)
                self.token_counts.update(raws)
                if not weigh:
                    continue
                found = [t for raw in raws for t in term_ids(raw)]
                occurrences.extend(found)
                sizes.append(len(found))
                weights.append(weight)
                lengths[doc] += len(raws)
        self.weights = self._bm25(occurrences, sizes, weights, lengths)

    def _bm25(
        self, occurrences: list[int], sizes: list[int], weights: list[int], lengths: np.ndarray
    ) -> sparse.csr_matrix:
        n_docs = len(self.ids)
        shape = (len(self.term_ids), n_docs)
        if not occurrences:
            return sparse.csr_matrix(shape, dtype=np.float32)
        part_sizes = np.asarray(sizes, dtype=np.int64)
        part_docs = np.arange(len(sizes)) // 2  # a heading part, then a body part, per chunk
        term = np.asarray(occurrences, dtype=np.int32)
        doc = np.repeat(part_docs, part_sizes).astype(np.int32)
        weight = np.repeat(np.asarray(weights, dtype=np.float32), part_sizes)
        counts = sparse.csr_matrix((weight, (term, doc)), shape=shape, dtype=np.float32)
        counts.sum_duplicates()
        doc_freq = np.diff(counts.indptr).astype(np.float32)  # chunks per term (row)
        idf = np.maximum(np.log((n_docs - doc_freq + 0.5) / (doc_freq + 0.5)), MIN_IDF)
        norm = K1 * (1 - B + B * lengths / max(float(lengths.mean()), 1.0))
        coo = counts.tocoo()
        tf = coo.data
        score = idf[coo.row] * tf * (K1 + 1) / (tf + norm[coo.col])
        return sparse.csr_matrix((score.astype(np.float32), (coo.row, coo.col)), shape=shape)

    def search(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """Chunks holding any of the text's terms, by BM25 (each term once, as a query)."""
        wanted = {self.term_ids[t] for t in index_terms(text) if t in self.term_ids}
        if not wanted or limit < 1:
            return []
        scores = np.asarray(self.weights[sorted(wanted)].sum(axis=0)).ravel()
        hits = np.flatnonzero(scores)
        if len(hits) > limit:
            hits = hits[np.argpartition(-scores[hits], limit - 1)[:limit]]
        order = hits[np.lexsort((hits, -scores[hits]))]  # ties: index order, deterministic
        return [(self.ids[i], float(scores[i])) for i in order]
