""" "Which workstreams is the tracker organised into?" is answered by the headings its rows sit
under (the distinct values of its aim column, written once per group), not by one row."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embeddings import SentenceTransformerEmbeddings
from tests.conftest import assistant_over

pytestmark = pytest.mark.integration

TRACKER = """ID;Workstream;Task;Owner;Status;Due
EP-01;Heat networks;Connect the library to the district heat network;G. Moss;In progress;30/09/2026
EP-02;;Replace the sports hall boilers;G. Moss;Not started;31/12/2026
EP-03;Solar power;Install rooftop solar on the science block;T. Reid;Complete;31/08/2025
EP-04;;Appraise a power purchase agreement;P. Vance;Not started;Q2 2026
EP-05;Travel;Run the staff travel survey;L. Brook;Complete;30/06/2025
"""
OTHER = """Ref,Aim,Action,Owner,Status
1,Teaching,Launch the digital academy,K. Bell,On track
2,Research,Appoint ten research fellows,F. Lamb,On track
"""


def test_the_headings_of_the_named_tracker_each_with_its_rows(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    files = {
        "trackers/Energy_Programme_Tracker.csv": TRACKER,
        "trackers/Board_Action_Tracker.csv": OTHER,
    }
    answer = assistant_over(tmp_path, files, shared_embeddings).ask(
        "Which workstreams is the energy programme tracker organised into?"
    )
    assert answer.debug and answer.debug["route"] == "tracker divisions", answer.debug
    assert answer.answer.splitlines()[2:] == [
        "- **Heat networks** (2 actions) [1]",
        "- **Solar power** (2 actions) [2]",
        "- **Travel** (1 action) [3]",
    ], answer.answer
    assert "Teaching" not in answer.answer
    assert [c.source for c in answer.citations] == ["trackers/Energy_Programme_Tracker.csv"] * 3
