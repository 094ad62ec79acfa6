"""The extractive answerer's fitted numbers, in one config object.

``weights.json`` beside this module holds them with where they come from (``fitted.by``) and
the figures that justify them. ``python -m evals.fit`` fits a logistic regression over
:data:`SENTENCE_FEATURES` (each a number in [0, 1] read from the question and one evidence
sentence, :func:`assistant.answering.support.sentence_features`), cross-validated by corpus;
``--write`` puts the fitted weights in force. The weights in force are whichever did better end
to end (``assistant eval`` on every corpus's development suites): on 2026-12-04 that was still
the hand-set sum (``link: identity``), recorded with the fit's figures in ``weights.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import numpy as np

WEIGHTS_FILE = Path(__file__).with_name("weights.json")

SENTENCE_FEATURES: tuple[str, ...] = (
    "similarity",
    "coverage",
    "heading_coverage",
    "rare_coverage",
    "phrase",
    "passage",
    "amount",
    "count",
    "date",
    "frequency",
    "contact",
    "new_name",
    "answer_noun",
    "abbreviation",
    "lead",
    "length",
    "claim",
)
"""The sentence scorer's inputs, in order; ``support.sentence_features`` documents each."""


class WeightsError(ValueError):
    """weights.json does not fit this code (a feature added or removed without a refit)."""


Link = Literal["logistic", "identity"]


@dataclass(frozen=True)
class SentenceScorer:
    """A linear score of the features: with the ``logistic`` link, the fitted P(sentence holds
    an asked-for fact); with ``identity``, the weighted sum itself (hand-set weights)."""

    coefficients: tuple[float, ...]
    intercept: float
    keep_ratio: float
    """A further sentence joins the answer when its score is at least this share of the best
    sentence's."""
    link: Link = "logistic"

    def __post_init__(self) -> None:
        if len(self.coefficients) != len(SENTENCE_FEATURES):
            raise WeightsError(
                f"{len(self.coefficients)} sentence coefficients for "
                f"{len(SENTENCE_FEATURES)} features; refit with `python -m evals.fit --write`"
            )

    def score(self, features: np.ndarray) -> float:
        linear = float(np.dot(self._vector, features)) + self.intercept
        if self.link == "identity":
            return linear
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, linear))))

    @cached_property
    def _vector(self) -> np.ndarray:
        return np.asarray(self.coefficients, dtype=np.float64)


@dataclass(frozen=True)
class Gates:
    """The thresholds of the answer checks, hand-set and kept here beside the scorer so a fit
    can move them with it (issue 19, item 6). Defaults are the values in force."""

    similarity_floor: float = 0.3
    """``close_enough``: below this similarity the best sentence is never close enough."""
    close_similarity: float = 0.5
    """``close_enough``: a sentence at least this similar is close enough …"""
    close_coverage: float = 0.5
    """… or one covering at least this share of the question's content words."""
    table_rest_coverage: float = 0.5
    """``table_cells``: share of the question beyond the row it names the table must hold."""
    table_partial_label: float = 0.6666
    """``table_cells``: share of a row label's words a question must name when not all (two
    thirds, written just below 2/3 so that two of three words are enough)."""


@dataclass(frozen=True)
class AnswerWeights:
    sentence: SentenceScorer
    gates: Gates = field(default_factory=Gates)
    fitted: dict[str, object] = field(default_factory=dict)
    """How the numbers were obtained: command, suites, date, cross-validated figures."""


def parse_weights(raw: dict[str, object]) -> AnswerWeights:
    sentence = raw.get("sentence")
    if not isinstance(sentence, dict):
        raise WeightsError("weights.json has no 'sentence' object")
    names = sentence.get("features")
    if list(names or []) != list(SENTENCE_FEATURES):
        raise WeightsError(
            f"weights.json scores features {names}, the code computes {list(SENTENCE_FEATURES)}; "
            "refit with `python -m evals.fit --write`"
        )
    coefficients = sentence.get("coefficients", {})
    if not isinstance(coefficients, dict):
        raise WeightsError("'sentence.coefficients' must map each feature to its weight")
    fitted = raw.get("fitted", {})
    link = sentence.get("link", "logistic")
    if link not in ("logistic", "identity"):
        raise WeightsError(f"'sentence.link' is {link!r}: use logistic or identity")
    gates = raw.get("gates", {})
    if not isinstance(gates, dict):
        raise WeightsError("'gates' must map each threshold to its value")
    unknown = set(gates) - set(Gates.__dataclass_fields__)
    if unknown:
        raise WeightsError(
            f"unknown gates {sorted(unknown)}: known {sorted(Gates.__dataclass_fields__)}"
        )
    return AnswerWeights(
        gates=Gates(**{name: float(value) for name, value in gates.items()}),
        sentence=SentenceScorer(
            coefficients=tuple(float(coefficients[name]) for name in SENTENCE_FEATURES),
            intercept=float(sentence.get("intercept", 0.0)),
            keep_ratio=float(sentence.get("keep_ratio", 0.9)),
            link=link,
        ),
        fitted=fitted if isinstance(fitted, dict) else {},
    )


def weights_json(weights: AnswerWeights) -> str:
    scorer = weights.sentence
    raw = {
        "sentence": {
            "features": list(SENTENCE_FEATURES),
            "coefficients": {
                name: round(value, 4)
                for name, value in zip(SENTENCE_FEATURES, scorer.coefficients, strict=True)
            },
            "intercept": round(scorer.intercept, 4),
            "keep_ratio": scorer.keep_ratio,
            "link": scorer.link,
        },
        "gates": {
            name: round(getattr(weights.gates, name), 4) for name in Gates.__dataclass_fields__
        },
        "fitted": weights.fitted,
    }
    return json.dumps(raw, indent=2) + "\n"


@cache
def answer_weights(path: Path = WEIGHTS_FILE) -> AnswerWeights:
    """The committed weights (read once per process)."""
    return parse_weights(json.loads(path.read_text(encoding="utf-8")))
