"""A text repeated within a file (a sentence in the overlap of two chunks) is encoded once,
and every occurrence gets that text's vector."""

from __future__ import annotations

import numpy as np

from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.pipeline import encode_once


class CountingEmbeddings(SentenceTransformerEmbeddings):
    """A vector per text from its characters; records what the encoder was given."""

    def __init__(self) -> None:
        self.given: list[list[str]] = []

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        self.given.append(list(texts))
        return np.array([[len(t), sum(map(ord, t)) % 97, 1.0] for t in texts], dtype=np.float32)


def test_repeats_are_encoded_once_and_every_occurrence_gets_the_vector() -> None:
    embeddings = CountingEmbeddings()
    texts = ["Chunk one.", "Chunk two.", "Shared sentence.", "Own sentence.", "Shared sentence."]
    vectors, encoded = encode_once(embeddings, texts)

    assert embeddings.given == [["Chunk one.", "Chunk two.", "Shared sentence.", "Own sentence."]]
    assert encoded == 4
    assert vectors.shape == (5, 3)
    expected = CountingEmbeddings().encode(texts)
    np.testing.assert_array_equal(vectors, expected)


def test_distinct_texts_go_through_unchanged() -> None:
    embeddings = CountingEmbeddings()
    vectors, encoded = encode_once(embeddings, ["a", "b"])
    assert (encoded, len(vectors), embeddings.given) == (2, 2, [["a", "b"]])
