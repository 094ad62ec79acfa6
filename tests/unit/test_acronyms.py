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
        ("what does VCFSE actually stand for?", "VCFSE"),
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


def test_an_acronym_spelled_out_in_a_document_not_retrieved() -> None:
    """The retrieved plan writes only "VCFSE"; another document spells it out once."""
    question = "The plan keeps talking about VCFSE - what does VCFSE actually stand for?"
    plan = Chunk(
        id="ri.txt#1", text="3.4 VCFSE capacity building", source="ri.txt", title="R&I Plan",
        section="", kind="plan", line_start=1, line_end=1,
    )  # fmt: skip
    by_source = {"ri.txt": [plan], "plan.pdf": [CHUNK]}
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(plan)], {},
        acronyms={"vcfse": ("voluntari", "communiti", "faith", "social", "enterpris")},
    )  # fmt: skip
    found = expansion(question, evidence, by_source.__getitem__, lambda: list(by_source))
    assert found is not None and found.words == "voluntary, community, faith and social enterprise"
    assert found.candidate.chunk.source == "plan.pdf"
    # an acronym the corpus never defines is not looked for in every document
    undefined = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(plan)], {})
    assert expansion(question, undefined, by_source.__getitem__, lambda: list(by_source)) is None
