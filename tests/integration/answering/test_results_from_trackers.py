""" "What did the carbon baseline come out at?" asks what happened. The plan only says it is
to be done ("Complete a carbon footprint baseline …"); the tracker row doing it says what came
of it, and answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embeddings import SentenceTransformerEmbeddings
from tests.conftest import assistant_over

pytestmark = pytest.mark.integration

PLAN = """# Delivery plan 2025/26

## Goal 5: A sustainable organisation

We will begin work on the income growth the strategy needs.

- Complete a carbon footprint baseline for our own operations.
- Recruit two new trustees with finance experience.
- Set up five Harbour Warden groups.

## Glossary

- **Harbour Warden**: a volunteer who adopts a stretch of coast and reports problems.
"""
TRACKER = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "34,Recruit two trustees with finance experience,Ann Cole,In progress,"
        "One appointed in March,2026-03-31",
        "35,Complete carbon footprint baseline for our operations,Sam Reid,Complete,"
        "Baseline 61 tCO2e; vehicle fleet is 58% of the total.,2025-12-31",
        "36,Set up 5 Harbour Warden groups,Lena Ross,Behind schedule,"
        "3 groups set up (Northcliff; Saltby; Eastwick).,2026-03-31",
    ]
)


def test_a_result_asked_of_a_commitment_is_the_tracker_row_that_did_it(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    files = {"strategy/delivery-plan.md": PLAN, "delivery/tracker.csv": TRACKER}
    assistant = assistant_over(tmp_path, files, shared_embeddings)
    answer = assistant.ask("What did the carbon footprint baseline come out at?")
    assert not answer.abstained and "61 tCO2e" in answer.answer, answer.answer
    assert [c.source for c in answer.citations] == ["delivery/tracker.csv"]
    # asked what is planned, the plan answers
    planned = assistant.ask("What does the delivery plan commit to on the carbon footprint?")
    assert "Complete a carbon footprint baseline" in planned.answer, planned.answer
    # a definition beside the commitment says no more of what has happened
    groups = assistant.ask("Which Harbour Warden groups have actually been set up so far?")
    assert "Northcliff" in groups.answer and "Eastwick" in groups.answer, groups.answer


LOG = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "PP-04,Storm overflow data sharing with Harbour Water,Tom Webb,Blocked,"
        "Waiting for Harbour Water legal review,31/12/2025",
        "PP-05,Beach clean with the harbour school,Ann Cole,Complete,Held in May,31/05/2025",
    ]
)
DELIVERY = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "5,Agree storm overflow data-sharing protocol with Harbour Water,Tom Webb,Slipped,"
        "Legal review taking longer than expected; now expected in June.,2025-12-31",
        "6,Recruit two trustees with finance experience,Ann Cole,In progress,"
        "One appointed in March,2026-03-31",
    ]
)


def test_one_piece_of_work_in_two_trackers_is_shown_from_both(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """Two trackers kept by different people record one piece of work in their own words;
    the newer word ("now expected in June") may be in either, so both rows answer."""
    files = {"delivery/partners-log.csv": LOG, "delivery/delivery-tracker.csv": DELIVERY}
    assistant = assistant_over(tmp_path, files, shared_embeddings)
    answer = assistant.ask("What's the hold-up with storm overflow data sharing?")
    assert not answer.abstained, answer.answer
    assert "legal review" in answer.answer and "June" in answer.answer, answer.answer
    assert {c.source for c in answer.citations} == set(files)
    # a row with no twin in the other tracker is shown alone
    single = assistant.ask("Who is recruiting the trustees with finance experience?")
    assert "Ann Cole" in single.answer and "Two trackers" not in single.answer, single.answer


COUNCIL = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "BC-01,Co-fund upper Harbour reed beds,Ann Cole,On track,"
        "£80,000 agreed; 30 beds in so far,31/03/2026",
        "BC-02,Extend the water survey to Eastwick,Tom Webb,On hold,"
        "Depends on the funding renewal; see Goal 5,30/09/2026",
    ]
)
PROGRAMME = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "15,Plant 50 reed beds in the upper Harbour,Ann Cole,At risk,"
        "30 of 50 planted. Access restricted by nesting birds from March.,2026-03-31",
        "16,Run two landowner workshops,Lena Ross,On track,"
        "Workshop 1 held with 23 landowners. Workshop 2 booked for 15 April.,2026-06-30",
    ]
)


def test_one_piece_of_work_said_with_two_verbs_and_results_not_yet_had(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """ "Co-fund upper Harbour reed beds" and "Plant 50 reed beds in the upper Harbour" are
    one piece of work in two trackers: both rows answer, each saying what the other does not.
    A survey on hold has found nothing yet, so what it turned up is not in the documents."""
    files = {"delivery/council-log.csv": COUNCIL, "delivery/programme.csv": PROGRAMME}
    assistant = assistant_over(tmp_path, files, shared_embeddings)
    answer = assistant.ask("How are we getting on with the reed beds in the upper Harbour?")
    assert "30 beds in so far" in answer.answer and "nesting birds" in answer.answer, answer.answer
    found = assistant.ask("What did the water survey in Eastwick turn up?")
    assert found.abstained or "doesn't say" in found.answer, found.answer


SCORES = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "3.1,Raise member satisfaction from 70% to 80%,Ann Cole,In progress,,2027-03-31",
        "3.2,Recruit 20 harbour fellows,Tom Webb,In progress,11 appointed; 9 in recruitment,"
        "2026-01-31",
    ]
)


def test_a_value_asked_of_a_row_that_only_states_its_target_is_not_given(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """ "What did we get for member satisfaction?" asks a score; a row whose title states the
    target and whose status gives no figure does not say it. A row whose update counts what
    has been done does."""
    assistant = assistant_over(tmp_path, {"delivery/tracker.csv": SCORES}, shared_embeddings)
    score = assistant.ask("What did we get for member satisfaction this year?")
    assert score.abstained, score.answer
    fellows = assistant.ask("How many harbour fellows have we appointed so far?")
    assert not fellows.abstained and "11 appointed" in fellows.answer, fellows.answer
