"""The app agrees with itself: every question the shipped banks offer is one the coach accepts where it
is offered, and the stage the room is in changes what counts as advice only where the presenter is
choosing their own actions (the bank rule ``planning``)."""

from __future__ import annotations

import json

import pytest

from als_tui import cli
from als_tui.bank import load_bank_text, shipped_banks
from als_tui.clock import FakeClock
from als_tui.questioning import classify, judge
from als_tui.questioning.cues import part_cues
from als_tui.questioning.stage import REASON
from als_tui.questioning.text import analyse
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import open_meeting

FLAGGED = ("advice", "leading")


def offered() -> list[tuple[str, str, bool, str]]:
    """(bank, where, planning, question) for every question a shipped bank puts on screen."""
    out = []
    for bank in shipped_banks():
        for stage in bank.stages:
            out += [(bank.id, stage.id, stage.rules.planning, p.text) for p in stage.prompts]
        out += [(bank.id, "check-in", False, p.text) for p in bank.checkin_prompts]
        out += [(bank.id, "review", False, p.text) for p in bank.review_prompts]
    return out


def test_every_question_the_banks_offer_is_accepted_where_it_is_offered() -> None:
    """A member who asks the app's own question must not be flagged for it by the app's own coach."""
    wrong = [
        f"{bank}/{where}: {text!r} -> {kind}"
        for bank, where, planning, text in offered()
        if (kind := judge(text, planning=planning)[0]) in FLAGGED
    ]
    assert len(offered()) > 150
    assert not wrong, "\n".join(wrong)


def test_the_future_action_stages_are_planning_stages() -> None:
    planning = {(b.id, s.id) for b in shipped_banks() for s in b.stages if s.rules.planning}
    assert planning == {("classic", "future"), ("intervision", "evaluation"), ("kollegiale", "close")}


# --------------------------------------------------------------------------- the planning rule


@pytest.mark.parametrize("question", [
    "Who might help you with this?",
    "When will you start?",
    "What will you report back to the set next time?",
    "When could you start?",
])
def test_a_question_taking_the_presenters_own_step_for_granted_is_fine_while_they_plan(question: str) -> None:
    """Asked before anything is chosen, these assume a step; where the presenter is choosing, the step
    they assume is the presenter's own."""
    assert judge(question)[0] == "advice"
    feedback = classify(question, planning=True)
    assert feedback.kind in ("open", "closed")
    assert feedback.reasons == (REASON,)


@pytest.mark.parametrize("question", [
    "Could you ask finance for a pilot budget?",  # a step of the asker's, by name
    "Have you tried talking to HR?",  # a suggestion frame
    "What if you just said no?",
    "Why don't you escalate it?",
    "Who could cover the Friday clinic?",  # who + a named step
    "Which of your colleagues could help you with this?",  # names the helpers
    "Could you just stop?",  # "could you" + a step
])
def test_advice_is_still_advice_while_the_presenter_plans(question: str) -> None:
    assert classify(question, planning=True).kind == "advice"


def test_planning_changes_nothing_but_advice() -> None:
    for question in ("Why is your director always moving the goalposts?", "How many people are on the team?",
                     "What matters most to you here?", "That sounds really tough."):
        assert judge(question, planning=True) == judge(question)


def test_a_bank_stage_reads_the_planning_rule() -> None:
    text = (
        "schema: 1\nid: tiny\nname: Tiny\nstages:\n"
        "  - id: next\n    title: Next steps\n    purpose: Choose.\n    minutes: 5\n    speaker: set\n"
        "    rules: {questions_only: true, planning: true}\n"
        '    prompts:\n      - {text: "When will you start?", purpose: commitment}\n'
    )
    (stage,) = load_bank_text(text, "tiny.yaml").stages
    assert stage.rules.planning and stage.rules.questions_only


# --------------------------------------------------------------------------- in the room


async def _note_in_stage(db_path, stage_id: str, question: str) -> tuple[str, str, list]:
    """A classic meeting taken to *stage_id*, where the scribe notes *question*: (the kind kept, the
    notes under the clock, the warnings shown)."""
    with Store(db_path) as store:
        meeting_at(store, make_set(store, 5, bank="classic"), "session")
    app = make_app(db_path, FakeClock(0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        for _ in range(10):  # Ctrl+N through the stages before it
            if getattr(app.screen, "stage", None) is not None and app.screen.stage.id == stage_id:
                break
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.screen.stage.id == stage_id
        await pilot.press("s")
        app.screen.query_one("#question").value = question
        await pilot.press("enter")
        await pilot.pause()
        (kept,) = app.screen.session.questions
        notes = str(app.screen.query_one("#harvest").render())
        return kept.kind, notes, [n for n in app._notifications if n.severity == "warning"]


@pytest.mark.parametrize(("stage_id", "flagged"), [("future", False), ("clarify", True)])
async def test_the_room_flags_who_might_help_only_before_the_presenter_plans(db_path, stage_id, flagged):
    """The finding: the room offered "Who might help you with this?" in Future action and then flagged
    it as advice when a member asked it. There it is the presenter's own step; in Clarifying questions,
    before anything is chosen, it still assumes one."""
    kind, harvest, warnings = await _note_in_stage(db_path, stage_id, "Who might help you with this?")
    assert (kind == "advice") is flagged
    assert ("⚑" in harvest) is flagged
    assert bool(warnings) is flagged


async def test_a_factual_question_in_the_clarifying_stage_is_not_flagged(db_path):
    """Clarifying questions are where a plain factual question belongs: the room keeps it as closed,
    shows no mark beside it and gives no warning."""
    kind, harvest, warnings = await _note_in_stage(db_path, "clarify", "How long has it been going on?")
    assert kind == "closed"
    assert "How long has it been going on?" in harvest and "⚑" not in harvest
    assert not warnings


# --------------------------------------------------------------------------- cues that misread open questions


def cues_of(question: str) -> set[str]:
    return {name for part in analyse(question).parts for name in part_cues(part)}


@pytest.mark.parametrize(("question", "cue", "fires"), [
    # "could it be that…" offers the asker's explanation; "how else could…" asks for the presenter's
    ("Could the real problem be the rota?", "could_it_be", True),
    ("How else could the problem be described?", "could_it_be", False),
    # who + a step assumes the step; who might help the presenter asks about their support
    ("Who could cover the night shift?", "who_could", True),
    ("Who might help you with this?", "who_could", False),
    # "worth trying X" floats a remedy; "worth doing" names none
    ("Is mediation worth a try?", "is_option", True),
    ("What is the smallest version of this that would still be worth doing?", "is_option", False),
    # a change in someone taken for granted; the start of the matter itself is a date
    ("When did they start ignoring you?", "presupposes", True),
    ("When did this start to be an issue?", "presupposes", False),
])
def test_cues_read_the_presenters_own_matter_as_theirs(question: str, cue: str, fires: bool) -> None:
    assert (cue in cues_of(question)) is fires


def test_als_coach_judges_a_question_as_asked_while_the_presenter_plans(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", "--json", "When will you start?"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "advice"
    assert cli.main(["coach", "--json", "--planning", "When will you start?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "closed" and data["reasons"] == [REASON]


def test_als_coach_says_where_an_advice_verdict_would_be_fine(capsys: pytest.CaptureFixture[str]) -> None:
    """A member checking the app's own "Who might help you with this?" learns why the app offers it."""
    assert cli.main(["coach", "Who might help you with this?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Advice in disguise") and "--planning): open — " + REASON in out
    assert cli.main(["coach", "Have you tried asking HR?"]) == 0
    assert "--planning" not in capsys.readouterr().out
