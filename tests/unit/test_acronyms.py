"""What an acronym stands for, read where a document spells it out in brackets."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answering.acronyms import asked_acronym, expansion
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from ingest.types import Chunk

TEXT = (
    "Nurses, midwives, allied health professionals (NMAHPs) make a significant contribution. "
    "We work with the voluntary, community, faith and social enterprise (VCFSE) sector and "
    "the Advanced Manufacturing Research Centre (AMRC)."
)
CHUNK = Chunk(
    id="plan.pdf#1", text=TEXT, source="plan.pdf", title="Plan", section="", kind="plan",
    line_start=1, line_end=1,
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("What does NMAHP stand for?", "NMAHP"),
        ("what is CRIS short for?", "CRIS"),
        ("What does VCFSE mean, and what does the plan do with that sector?", "VCFSE"),
        ("What does twinning mean?", ""),  # a word, not an acronym
        ("What does the strategy mean by reciprocity?", ""),
    ],
)
def test_the_acronym_asked_about(question: str, acronym: str) -> None:
    assert asked_acronym(question) == acronym


@pytest.mark.parametrize(
    ("acronym", "words"),
    [
        ("NMAHP", "Nurses, midwives, allied health professionals"),  # plural in the brackets
        ("VCFSE", "voluntary, community, faith and social enterprise"),  # "and" skipped
        ("AMRC", "Advanced Manufacturing Research Centre"),
    ],
)
def test_the_words_before_the_brackets_whose_initials_spell_it(acronym: str, words: str) -> None:
    question = f"What does {acronym} stand for?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(CHUNK)], {})
    found = expansion(question, evidence, lambda source: [CHUNK])
    assert found is not None and found.words == words


def test_an_acronym_never_spelled_out_has_no_expansion() -> None:
    question = "What does ICB stand for?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(CHUNK)], {})
    assert expansion(question, evidence, lambda source: [CHUNK]) is None
