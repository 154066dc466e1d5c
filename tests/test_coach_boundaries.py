"""The coach on each hard boundary of the labelling guide (coach/LABELS.md).

The examples were written from the guide's definitions, one family per boundary, before looking at
what the coach says about them; none is in the training corpora or the development set. They are a
floor, not the measure: the measure is bench/coach.py on questions nobody on the team wrote.
"""

from __future__ import annotations

import pytest

from als_tui.questioning import classify

# "Polite yes/no invitations are open. ... But a polite frame around a single fact is still closed."
POLITE = [
    ("Would you be willing to tell us what the first month in post was like?", "open"),
    ("Could you describe what a normal Monday looks like on the unit?", "open"),
    ("Would you mind talking us through how the complaint unfolded?", "open"),
    ("Can you say a bit more about what you mean by 'stuck'?", "open"),
    ("Could you remind us what date the funding runs out?", "closed"),
    ("Can you tell us how many people are on the night team?", "closed"),
    ("Would you be able to say whether the post is permanent?", "closed"),
]

# "A wh-word does not make a question open."
WH_FACT = [
    ("What year did you join the trust?", "closed"),
    ("Who chairs the finance committee?", "closed"),
    ("Which building is the team moving to?", "closed"),
    ("How many complaints came in last quarter?", "closed"),
    ("When is the inspection?", "closed"),
    ("What is it like to lead a team you used to be part of?", "open"),
    ("How are you feeling about the move now?", "open"),
]

# "Generic next steps are open; a named step is advice."
NEXT_STEPS = [
    ("What options do you have at this point?", "open"),
    ("What could you do next, if anything?", "open"),
    ("How would you like to take this forward?", "open"),
    ("Could you ask the regional director for a second deputy?", "advice"),
    ("Is a part-time contract something you could put to HR?", "advice"),
    ("Have you thought about moving the weekly meeting to Fridays?", "advice"),
    ("Why not hand the budget over to your deputy?", "advice"),
]

# "Hypotheticals about a specific action are advice ... A hypothetical with no action in it is open."
HYPOTHETICALS = [
    ("If you stopped answering emails after six, what would change?", "advice"),
    ("Suppose you cancelled the Monday briefing, who would notice?", "advice"),
    ("Imagine you handed the rota to Priya - how would the week look?", "advice"),
    ("What would happen if you told the board you were leaving?", "advice"),
    ("If you had no constraints at all, what would you change?", "open"),
    ("If you could change one thing about the job, what would it be?", "open"),
    ("Picture this working well in a year - what do you see?", "open"),
]

# "Past actions asked about as fact are closed."
PAST_ACTIONS = [
    ("Was the decision to merge the two teams yours or your director's?", "closed"),
    ("Did the board vote on the restructure?", "closed"),
    ("Did you write the bid yourself?", "closed"),
    ("Was the rota changed before or after you arrived?", "closed"),
]

# "Loaded words and presuppositions make a question leading, whatever its form."
LOADED = [
    ("How does it feel to work for such a spineless manager?", "leading"),
    ("Tell us about the moment the board finally lost the plot.", "leading"),
    ("Is it fair to say your director is out of his depth?", "leading"),
    ("When did your deputy start undermining you?", "leading"),
    ("Why do the governors always side with the parents?", "leading"),
    ("Who on earth thought that timetable would work?", "leading"),
    ("What if she is just jealous of you?", "leading"),
]

# "Negative questions and tags are not automatically leading."
NEGATIVES_AND_TAGS = [
    ("Doesn't the contract end in March?", "closed"),
    ("Isn't the audit next week?", "closed"),
    ("The new manager starts on Monday, doesn't she?", "closed"),
    ("Bit of a shambles, that department, isn't it?", "leading"),
    ("They've treated you appallingly, haven't they?", "leading"),
    ("You'd want to get that agreed in writing first, wouldn't you?", "advice"),
    ("You could always copy your director in, couldn't you?", "advice"),
]

# The stacked rule: advice > leading > the rest.
STACKED = [
    ("How did the meeting go, and could you not just ask her to leave?", "advice"),
    ("What happened next? And isn't she just covering for the manager?", "leading"),
    ("What happened next, and how did you feel about it?", "open"),
    ("When did it start, and who was there?", "closed"),
]

ALL = POLITE + WH_FACT + NEXT_STEPS + HYPOTHETICALS + PAST_ACTIONS + LOADED + NEGATIVES_AND_TAGS + STACKED


@pytest.mark.parametrize(("text", "kind"), ALL)
def test_each_boundary_of_the_guide(text: str, kind: str) -> None:
    assert classify(text).kind == kind, classify(text)


def test_the_stacked_turns_are_flagged() -> None:
    for text, _ in STACKED:
        assert "stacked" in classify(text).flags, text


@pytest.mark.parametrize(
    "text",
    [
        "That sounds really tough.",
        "I had exactly the same thing with my last boss.",
        "Thank you for sharing all that.",
        "We tried a rota like that at our place once.",
    ],
)
def test_a_remark_is_not_a_question_and_never_open(text: str) -> None:
    fb = classify(text)
    assert "not_a_question" in fb.flags
    assert fb.kind == "statement"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You should talk to HR before you do anything else.", "advice"),
        ("I'd just tell them you're at capacity.", "advice"),
        ("The board are clueless about the shop floor.", "leading"),
    ],
)
def test_a_remark_that_carries_advice_or_a_view_says_so(text: str, kind: str) -> None:
    fb = classify(text)
    assert fb.kind == kind and "not_a_question" in fb.flags


@pytest.mark.parametrize(
    "text",
    [
        "Describe the last handover as if we were watching it.",
        "Talk us through what happened after the call.",
        "Tell us more about the people on the night shift.",
    ],
)
def test_an_invitation_without_a_question_mark_is_an_open_question(text: str) -> None:
    fb = classify(text)
    assert fb.kind == "open" and "not_a_question" not in fb.flags
