"""What a question asks, read by a model fitted on labelled questions rather than by patterns.

The rules of :mod:`assistant.retrieval.intent` read the phrasings they were written from;
a fresh question brings new ones ("what size are they trying to get it to?" asks a target
figure in words no rule knows). This reader is a linear model over the question's words and
word pairs, fitted (``python -m evals.fit_reader``) on development questions whose kind of
answer and claim a person labelled from the wording alone (``evals/labels/question_kinds.tsv``),
and cross-validated by corpus. Each label has its own weights and the probability above which
it is trusted; :func:`~assistant.retrieval.intent.read_intent` adds what it reads where the
rules are silent, and never takes away what they found.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

from assistant.answering.question_text import with_apostrophes
from assistant.retrieval.text import content_words

ReaderLabel = Literal[
    "amount", "number", "percentage", "date", "duration", "frequency", "target", "result"
]  # fmt: skip
READER_LABELS: tuple[ReaderLabel, ...] = (
    "amount", "number", "percentage", "date", "duration", "frequency", "target", "result"
)  # fmt: skip
"""What the reader reads: a kind of value the answer must hold (money; a count or other
figure; a rate; a date; a length of time; how often), and whether a target or a result is
asked (:mod:`assistant.answering.claims`)."""
VALUE_LABELS: tuple[ReaderLabel, ...] = ("amount", "percentage", "duration", "frequency")
"""Labels that are kinds of value of the same name (``QuestionIntent.asks_for``); "number"
is ``asks_quantity``, "date" ``asks_when``."""
READER_FILE = Path(__file__).with_name("question_reader.json")

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[£$€%]")
_YEAR = re.compile(r"(?:19|20)\d\d")


def question_features(question: str) -> list[str]:
    """The reader's inputs: the question's words and adjacent word pairs (numbers and years
    as placeholders, contractions with their apostrophes), and its opening words.

    >>> question_features("How many by 2030?")
    ['w:how', 'w:many', 'w:by', 'w:<year>', 'b:how many', 'b:many by', 'b:by <year>', 'o:how many']
    """
    words = [
        "<year>" if _YEAR.fullmatch(token) else "<num>" if token[0].isdigit() else token
        for token in _TOKEN.findall(with_apostrophes(question.lower().replace("’", "'")))
    ]
    features = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in pairwise(words)]
    if words:
        features.append(f"o:{' '.join(words[:2])}")
    return list(dict.fromkeys(features))


@dataclass(frozen=True)
class LabelModel:
    """One label's weights: P(label) = sigmoid(intercept + Σ weights of the features)."""

    intercept: float
    weights: dict[str, float]
    threshold: float
    """The probability above which the label is read (chosen by cross-validation)."""

    def probability(self, features: list[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class QuestionReader:
    labels: dict[ReaderLabel, LabelModel]

    def read(self, question: str) -> frozenset[ReaderLabel]:
        """The labels the model trusts for ``question``."""
        features = question_features(question)
        return frozenset(
            name
            for name, model in self.labels.items()
            if model.probability(features) >= model.threshold
        )

    @classmethod
    def from_json(cls, data: dict[str, object]) -> QuestionReader:
        labels = data["labels"]
        assert isinstance(labels, dict)
        return cls(
            {
                name: LabelModel(
                    float(spec["intercept"]),
                    {k: float(v) for k, v in spec["weights"].items()},
                    float(spec["threshold"]),
                )
                for name, spec in labels.items()
                if name in READER_LABELS
            }
        )


@lru_cache(maxsize=1)
def question_reader() -> QuestionReader:
    """The fitted reader in :data:`READER_FILE` (no labels read when the file is absent)."""
    if not READER_FILE.exists():
        return QuestionReader({})
    return QuestionReader.from_json(json.loads(READER_FILE.read_text(encoding="utf-8")))


MIN_TOPIC_WORDS = 2
"""A question with fewer topic words ("and the year after?") asks what the turn before it
asked: its own words do not say."""


_GOES_ON_FROM = re.compile(r"^\s*(?:and|but|so|what about|how about|same for)\b", re.I)
"""A question that goes on from the turn before ("And what was it back in 2023-24?") asks
the kind of thing that turn asked."""


def reads_alone(question: str) -> bool:
    """Whether ``question``'s own words say what it asks: it has topic words of its own
    (:data:`MIN_TOPIC_WORDS`) and does not go on from the turn before."""
    return len(content_words(question)) >= MIN_TOPIC_WORDS and not _GOES_ON_FROM.match(question)


@lru_cache(maxsize=4096)
def read_question(question: str) -> frozenset[ReaderLabel]:
    """What the fitted reader reads in ``question`` (cached: one question is read often)."""
    return question_reader().read(question) if reads_alone(question) else frozenset()
