"""Typos fixed against the corpus's words; the corpus's own words and their other forms kept."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.retrieval.spelling import Speller

CORPUS = Counter({"workstream": 12, "marketing": 9, "strategy": 20, "organised": 3, "tracker": 7})


def _speller() -> Speller:
    return Speller(lambda: CORPUS)


def test_a_typo_becomes_the_corpus_word_it_is_closest_to() -> None:
    assert _speller().correct("the marketting stratgy") == "the marketing strategy"


def test_another_form_of_a_corpus_word_is_not_a_typo() -> None:
    """The corpus writes "workstream" and "tracker"; "workstreams" and "trackers" are the
    same words, not misspellings of them (a question for the plural is a question for all)."""
    question = "Which workstreams is the tracker organised into, across all trackers?"
    assert _speller().correct(question) == question


def test_a_misspelt_form_is_still_a_typo() -> None:
    """ "scopeing" strips to "scope", but it is "scoping" misspelt, not a form of "scope"."""
    speller = Speller(lambda: Counter({"scope": 3, "scoping": 5, "waiting": 4}))
    assert speller.correct("still waiting on scopeing work") == "still waiting on scoping work"


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        ("how many ppl r on the panel?", "how many people are on the panel?"),
        ("which countries first (yr 1)?", "which countries first (year 1)?"),
        ("wen is the next mtg?", "when is the next meeting?"),
        (
            "wht are the priorities, and hw are they funded?",
            "what are the priorities, and how are they funded?",
        ),
        # capitals are ratings and headings
        ("is it R or Amber in Yr 2?", "is it R or Amber in Yr 2?"),
    ],
)
def test_chat_shorthand_is_written_out(question: str, read_as: str) -> None:
    assert Speller(lambda: {}).correct(question) == read_as
