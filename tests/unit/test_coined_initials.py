"""Initials a reader coins for a name the documents never shorten ("VFFs" for the Vale Futures
Fellows) are read as that name; a list headed by what the question asks beats one that only
shares its document's name."""

from __future__ import annotations

import numpy as np

from assistant.answering.support import _missing_name, list_block
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from assistant.retrieval.text import coined_names, spell_out_coined
from ingest.types import Chunk

TEXTS = [
    "We will appoint 20 Harbour Futures Fellows by January 2026.",
    "A Harbour Futures Fellowship lasts five years.",  # another form of the same name
    "The Harbour Dock Board and the Harbour Development Bank meet in May.",  # hdb: two names
    "The Annual Delivery Plan (ADP) sets out the year.",
]


def test_initials_fit_one_name_of_the_corpus_in_any_of_its_forms() -> None:
    coined = coined_names(TEXTS, written={"adp"})
    assert coined["hff"] == "Harbour Futures Fellows"
    assert "hdb" not in coined  # two names share the initials: neither is meant
    assert "adp" not in coined  # the documents write it themselves


def test_a_question_with_coined_initials_is_read_with_the_name() -> None:
    coined = coined_names(TEXTS, written=set())
    question = spell_out_coined("How many HFFs have been appointed?", coined)
    assert question == "How many Harbour Futures Fellows (HFFs) have been appointed?"
    # initials that are a word of their own are left alone
    assert spell_out_coined("Who is the HFF?", coined, lambda w: True) == "Who is the HFF?"
    # and the evidence that writes the name holds the initials asked
    context = "recruit 20 harbour futures fellows"
    assert not _missing_name("HFFs", context, set(context.split()), {}, TEXTS[0])


def _list_chunk(position: int, section: str, text: str, score: float) -> Candidate:
    chunk = Chunk(
        id=f"plan.txt#{position}", text=text, source="plans/harbour-action-plan.txt",
        title="Action Plan", section=section, kind="plan", line_start=position,
        line_end=position, position=position, block_kinds="list",
    )  # fmt: skip
    return Candidate(chunk, score=score)


def test_the_list_headed_by_what_is_asked_beats_one_sharing_only_the_document_name() -> None:
    question = "Which countries are the emerging markets in the harbour action plan?"
    # both match four of the question's words (the first through "Harbour" in its lead-in);
    # only the second through what is asked, not through the document's name
    ways = _list_chunk(
        1, "Sectors and Markets", "Therefore, Harbour will need to prioritise:\n- Core markets"
        " – links\n- Emerging markets – growth", 0.9,
    )  # fmt: skip
    emerging = _list_chunk(
        5, "Sectors and Markets > EMERGING MARKETS", "- Canada\n- Denmark\n- Malaysia", 0.72
    )
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [ways, emerging], {})
    found = list_block(question, evidence, lambda source, section: [])
    assert found is not None and found.items == ["Canada", "Denmark", "Malaysia"]


def test_a_list_under_a_heading_the_question_names_is_the_answer() -> None:
    """ "the short-term / year 1 focus markets" names the heading SHORT TERM (YEAR 1) word for
    word (its bracketed addition aside, "short-term" as "short term"), though its words are
    few among the question's: its list answers."""
    question = "which countries are the short-term / year 1 focus markets for harbour innovation?"
    short = _list_chunk(6, "Markets > SHORT TERM (YEAR 1)", "- Germany\n- Malaysia\n- USA", 0.6)
    later = _list_chunk(7, "Markets > MEDIUM TO LONG TERM (YEAR 2)", "- Canada\n- France", 0.6)
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [later, short], {})
    found = list_block(question, evidence, lambda source, section: [])
    assert found is not None and found.items == ["Germany", "Malaysia", "USA"]


def test_a_list_after_a_sentence_of_its_own_is_led_by_its_heading() -> None:
    """The sentence before the list says something else ("… principles for the types of
    involvement."); the answer names the list by its heading."""
    question = "what are the steps on the public involvement spectrum?"
    steps = _list_chunk(
        3, "Public involvement spectrum", "This sets out consistent principles for the types of "
        "involvement.\n- Inform\n- Listen\n- Discuss", 0.8,
    )  # fmt: skip
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [steps], {})
    found = list_block(question, evidence, lambda source, section: [])
    assert found is not None and found.lead_in == "Public involvement spectrum"
    assert found.items == ["Inform", "Listen", "Discuss"]
