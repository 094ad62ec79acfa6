"""Questions for the holder of a post are answered only by a name standing in that post."""

from __future__ import annotations

import pytest

from assistant.answering.roles import PostQuestion, unheld_post

STAFF = (
    "The Chief Operating Officer, Rachel Thornbury, leads this aim, supported by the Director "
    "of Estates, Gareth Mwangi, and the Head of Sustainability, Lucy Brannigan."
)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Who is the Head of Sustainability?", STAFF),
        ("Who is the Pro Vice-Chancellor for Research?",
         "The Pro Vice-Chancellor (Research & Enterprise), Professor Per Lind, leads this aim."),
        ("Who chairs the Programmes Committee?",
         "The Programmes Committee is chaired by Dr Ravi Patel."),
        ("Who's our Volunteer Coordinator?", "Plan owner Lucy Obi, Volunteer Coordinator"),
        ("Who is the Chair of the Board of Trustees?",
         "Margaret Ellison, Chair of the Board of Trustees, welcomed members."),
        ("Who was appointed to the new Harbour Warden post?",
         "Jo Bright was appointed as the new Harbour Warden in May."),
        ("who did we appoint as the new Harbour Warden?",
         "Jo Bright was appointed as the new Harbour Warden in May."),
        # a tracker row's fields are one unit: its update names who holds the post its
        # title is about
        ("Who is the consultant on the dune survey?",
         "Action: DS-4 Dune survey\nUpdate: Consultant: Marram Ecology; fee £12,000"),
    ],
)  # fmt: skip
def test_a_name_standing_in_the_post_answers(question: str, answer: str) -> None:
    assert unheld_post(question, answer) == ""


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # the post is only mentioned, or nobody is named in it
        ("Who is the chief executive of Orlow District Council?",
         "We work with Brindleshire County Council and Orlow District Council."),
        ("Who was appointed to the new Harbour Warden post?",
         "Two new posts (a Harbour Warden and a Boat Officer) must be filled by summer."),
        ("who did we appoint as the new Harbour Warden and when did they start?",
         "Two new posts (a Harbour Warden and a Boat Officer) must be filled by summer."),
        # another committee's chair
        ("Which trustee chairs the Audit Committee?",
         "Present: Ann Lee (Chair) Bo Chen (Treasurer) Aisha Rahman (Chair, Programmes "
         "Committee). The Audit Committee reviews the risk register each quarter."),
        ("What's the name of Brindle Water's Director of Environment?",
         "ACTION: Tom Whitcombe to meet Brindle Water's Director of Environment in June."),
        ("whats the name of Brindle Water's Director of Environment that Tom is meeting?",
         "ACTION: Tom Whitcombe to meet Brindle Water's Director of Environment in June."),
        ("Who is the Leader of Brindleshire County Council?",
         "ACTION: Margaret Ellison to write to the Leader of Brindleshire County Council."),
        ("What's the name of the freelance journalist doing the case studies?",
         "Freelance journalist engaged and delivering the case studies."),
        # a similar post, or the post in another body
        ("Who is the university's Chancellor?",
         "The Deputy Vice-Chancellor (Education), Professor Joanna Okafor, leads this aim."),
        ("Who is the Head of Sustainability at Northmoor College?", STAFF),
        ("Who chairs the University Council?", "Present: Dr Eleanor Voss (Chair), Samuel Adeyemi"),
    ],
)  # fmt: skip
def test_a_post_mentioned_or_held_elsewhere_does_not_answer(question: str, answer: str) -> None:
    assert unheld_post(question, answer)


@pytest.mark.parametrize(
    "question",
    ["Who is the lead for the Kestrel Centre?", "Who owns the dashboard action?",
     "Who signed the foreword?", "What is the budget?",
     "who's the person in charge of taking out the weir at Hollin?"],
)  # fmt: skip
def test_owner_and_other_questions_are_not_posts(question: str) -> None:
    assert PostQuestion.read(question) is None


def test_a_long_body_still_needs_a_name_in_the_post() -> None:
    question = (
        "Who chairs the Strategic Board / Implementation Group that oversees the regional "
        "research strategy?"
    )
    answer = "Establish a Research Leadership Group to oversee delivery of the strategy."
    assert unheld_post(question, answer)


def test_a_row_to_fill_the_post_names_who_was_appointed() -> None:
    """A tracker row "Appoint a new Treasurer" whose update says "Graham Holt appointed at
    the AGM" names the treasurer; one whose update names nobody appointed does not."""
    filled = "Appoint a new Treasurer to the Board\nUpdate: Graham Holt appointed at the AGM."
    assert unheld_post("Who is our treasurer?", filled) == ""
    open_post = "Appoint a new Treasurer to the Board\nUpdate: advert out, Ann Lee to shortlist."
    assert unheld_post("Who is our treasurer?", open_post)
