"""The question gym, driven by keys: spot the type, ask better, progress; results checked in the file."""

from __future__ import annotations

import random

from textual.widgets import Select, Sparkline

from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import TrainingResult
from als_tui.drills import spot_round
from als_tui.questioning import KINDS
from als_tui.screens.ask import AskScreen
from als_tui.screens.gym import GymScreen, gym_training
from als_tui.screens.home import HomeScreen
from als_tui.screens.progress import ProgressScreen
from als_tui.screens.spot import SpotScreen
from als_tui.store import Store
from tests.factories import TODAY, make_app, make_set
from tests.helpers import text_of, type_text

KEYS = {"open": "1", "closed": "c", "leading": "3", "advice": "a"}  # digits and letters both work
WRONG = {"open": "2", "closed": "l", "leading": "4", "advice": "o"}
LETTER = {"1": "open", "2": "closed", "3": "leading", "4": "advice",
          "o": "open", "c": "closed", "l": "leading", "a": "advice"}


def gym_app(db_path, **kw) -> ALSApp:
    return ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start="gym", **kw)


# -- reaching the gym ----------------------------------------------------------------------
async def test_als_train_opens_the_gym_above_home(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, GymScreen)
        assert "Question gym" in text_of(app.screen, "#gym-title")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_t_opens_the_gym_and_help_has_a_topic(db_path):
    with Store(db_path) as store:
        make_set(store, 3)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, GymScreen)
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        assert "The question gym" in app.screen.query_one("#help-text").source
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_member_choice_lists_active_members_and_is_remembered(db_path):
    with Store(db_path) as store:
        make_set(store, 4)
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        select = app.screen.query_one("#gym-member", Select)
        values = [value for _, value in select._options if value is not Select.NULL]
        assert values == ["Asha", "Ben", "Carys", "Dev", "Guest"]
        assert select.value == "Guest"
        select.value = "Carys"
        await pilot.pause()
    with Store(db_path) as store:
        assert store.get_meta("gym_member") == "Carys"
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one("#gym-member", Select).value == "Carys"
        assert app.screen.trainee.set_id == "set1"


# -- spot the type -------------------------------------------------------------------------
async def test_a_full_spot_round_by_keys_saves_the_score(db_path):
    with Store(db_path) as store:
        make_set(store, 3)
        store.set_meta("gym_member", "Ben")
    expected = spot_round(gym_training(), 10, random.Random(11))
    app = gym_app(db_path)
    app.gym_rng = random.Random(11)
    pressed: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SpotScreen)
        for i, example in enumerate(expected):
            assert example.text in text_of(screen, "#spot-question"), f"question {i + 1}"
            assert f"Question {i + 1} of 10" in text_of(screen, "#spot-bar")
            key = KEYS[example.kind] if i % 3 != 1 else WRONG[example.kind]
            await pilot.press(key)
            pressed.append(LETTER[key])
            verdict = text_of(screen, "#spot-verdict")
            if LETTER[key] == example.kind:
                assert verdict.startswith("✓ Right")
            else:
                assert verdict.startswith("✗ Not quite")
            await pilot.press("1")  # a second answer to the same question is ignored
            await pilot.press("enter")
        right = sum(1 for ex, k in zip(expected, pressed) if ex.kind == k)
        assert right == 7
        summary = text_of(screen, "#spot-summary")
        assert f"Round complete: {right} out of 10" in summary
        assert "Saved to Ben's progress" in summary
    with Store(db_path) as store:
        (result,) = store.training("Ben")
    assert result.drill == "spot" and result.total == 10 and result.correct == right
    assert result.date == TODAY and result.set_id == "set1"
    for kind in KINDS:
        shown = [i for i, ex in enumerate(expected) if ex.kind == kind]
        if shown:
            assert result.by_kind[kind] == [sum(1 for i in shown if pressed[i] == kind), len(shown)]
    mixups = {}
    for ex, chosen in zip(expected, pressed):
        if ex.kind != chosen:
            mixups[f"{ex.kind}->{chosen}"] = mixups.get(f"{ex.kind}->{chosen}", 0) + 1
    assert result.confusions == mixups


async def test_enter_before_answering_does_nothing_and_a_half_round_is_not_saved(db_path):
    app = gym_app(db_path)
    app.gym_rng = random.Random(2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        screen = app.screen
        await pilot.press("enter", "ctrl+n")
        assert screen.index == 0 and not screen.answers
        await pilot.press("2")
        await pilot.press("enter")
        assert screen.index == 1
        await pilot.press("escape")
        assert isinstance(app.screen, GymScreen)
    with Store(db_path) as store:
        assert store.training("Guest") == []


async def test_buttons_work_with_the_mouse_and_another_round_starts(db_path):
    app = gym_app(db_path)
    app.gym_rng = random.Random(5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        screen = app.screen
        for _ in range(10):
            await pilot.click("#choose-open")
            await pilot.click("#spot-next")
        assert screen.has_class("-finished")
        assert "Round complete" in text_of(screen, "#spot-summary")
        await pilot.press("r")
        assert not screen.has_class("-finished") and screen.index == 0 and screen.answers == []
    with Store(db_path) as store:
        (result,) = store.training("Guest")
    assert result.total == 10 and result.set_id == ""


# -- ask better ----------------------------------------------------------------------------
async def test_ask_better_live_feedback_keep_and_improve(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AskScreen)
        scenario = screen.scenario
        assert scenario.title in text_of(screen, "#ask-card")
        assert "Feedback appears here" in text_of(screen, "#ask-feedback")
        await type_text(pilot, "Have you tried asking the team what they want?")
        await pilot.pause(0.6)
        feedback = text_of(screen, "#ask-feedback")
        assert "Advice in disguise" in feedback and "⚑" in feedback
        await pilot.press("enter")
        assert screen.query_one("#ask-input").value == ""
        listed = text_of(screen, "#ask-list")
        assert "Have you tried asking the team what they want?" in listed and "Advice in disguise" in listed
        assert "Kept as question 1" in text_of(screen, "#ask-feedback")
        await pilot.press("f2")
        improve = screen.query_one("#ask-improve")
        assert improve.display
        hint = text_of(screen, "#ask-improve")
        assert "Try instead" in hint
        assert any(q in hint for q in scenario.good_questions)
        await pilot.press("ctrl+h")  # another model question
        assert text_of(screen, "#ask-improve") != hint
        await pilot.press("escape")  # closes the hint, still typing
        assert not improve.display and app.focused is screen.query_one("#ask-input")
        await pilot.press("escape")  # leaves the box
        assert app.screen is screen
        await pilot.press("escape")  # back to the gym: saved
        assert isinstance(app.screen, GymScreen)
    with Store(db_path) as store:
        (result,) = store.training("Guest")
    assert (result.drill, result.total, result.correct) == ("ask", 1, 0)
    assert result.by_kind == {"advice": [1, 1]}


async def test_ask_feedback_is_debounced_and_user_text_is_literal(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        screen = app.screen
        screen.query_one("#ask-input").value = "Don't you think [bold]she[/] is being unfair to you?"
        await pilot.pause(0.1)
        assert "Feedback appears here" in text_of(screen, "#ask-feedback")  # not yet: debounced
        await pilot.pause(0.6)
        assert "Leading" in text_of(screen, "#ask-feedback")
        screen.query_one("#ask-input").value = "What matters most to you here?"
        await pilot.pause(0.6)
        assert "✓ Open" in text_of(screen, "#ask-feedback")
        screen.query_one("#ask-input").value = "Don't you think [bold]she[/] is being unfair to you?"
        await pilot.press("enter")
        assert "[bold]she[/]" in text_of(screen, "#ask-list")


async def test_ask_better_as_people_type_a_remark_and_advice_without_a_question_mark(db_path):
    """Typed fast: the remark is 'Not a question' (said once, never 'open'); the advice gets an open
    rewrite on the topic, without the step."""
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        screen = app.screen
        await type_text(pilot, "that sounds really tough")
        await pilot.press("enter")
        await type_text(pilot, "wh-what would it take for u to stop answering emails at weekends")
        await pilot.pause(0.6)
        assert "Advice in disguise" in text_of(screen, "#ask-feedback")
        await pilot.press("f2")
        hint = text_of(screen, "#ask-improve")
        assert "Try instead:" in hint and "weekends" in hint.split("Try instead:")[1] and "stop" not in hint.split("Try instead:")[1].split("\n")[0]
        await pilot.press("enter")
        listed = text_of(screen, "#ask-list")
        assert listed.count("Not a question") == 1 and "not a question" not in listed
        assert "✓ Open" not in listed


async def test_switch_scenarios_by_keys_and_remember_the_last(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        screen = app.screen
        scenarios = screen.scenarios
        await pilot.press("ctrl+right")  # works while typing
        assert scenarios[1].title in text_of(screen, "#ask-card")
        await pilot.press("escape", "n", "n")  # n/p when not typing
        assert scenarios[3].title in text_of(screen, "#ask-card")
        await pilot.press("p", "ctrl+left")
        assert scenarios[1].title in text_of(screen, "#ask-card")
        await pilot.press("escape")
        assert isinstance(app.screen, GymScreen)
        await pilot.press("a")
        assert scenarios[1].title in text_of(app.screen, "#ask-card")
    with Store(db_path) as store:
        assert store.training("Guest") == []  # no questions written: nothing saved


# -- progress ------------------------------------------------------------------------------
async def test_progress_shows_sparklines_numbers_and_confusions(db_path):
    with Store(db_path) as store:
        make_set(store, 3)
        store.set_meta("gym_member", "Asha")
        store.add_training(TrainingResult(
            "Asha", "spot", 10, 5, {"open": [2, 4], "closed": [1, 2], "leading": [1, 2], "advice": [1, 2]},
            {"advice->open": 1, "open->closed": 2, "leading->open": 1}, "2026-02-10", "set1"))
        store.add_training(TrainingResult(
            "Asha", "spot", 10, 8, {"open": [3, 3], "closed": [2, 3], "leading": [2, 2], "advice": [1, 2]},
            {"advice->open": 1, "closed->leading": 1}, "2026-03-10", "set1"))
        store.add_training(TrainingResult("Asha", "ask", 4, 1, {"open": [1, 4], "advice": [3, 4]},
                                          date="2026-03-10", set_id="set1"))
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert list(screen.query_one("#spark-open", Sparkline).data) == [0.5, 1.0]
        assert list(screen.query_one("#spark-closed", Sparkline).data) == [0.5, 2 / 3]
        assert list(screen.query_one("#spark-advice", Sparkline).data) == [0.5, 0.5]
        assert list(screen.query_one("#spark-ask", Sparkline).data) == [0.25]
        assert "50% → 100% · last 3 of 3 · all 5 of 7 (71%)" in text_of(screen, "#numbers-open")
        confusions = text_of(screen, "#progress-confusions").splitlines()
        assert confusions[0].startswith("• You called advice “open” twice")
        assert confusions[1].startswith("• You called open “closed” twice")
        assert "last visit 1 of 4 (25%)" in text_of(screen, "#numbers-ask")
        summary = text_of(screen, "#progress-summary")
        assert "2 rounds played, 2026-02-10 to 2026-03-10" in summary and "best 8 of 10" in summary
        assert not screen.query_one("#progress-empty").display


async def test_progress_empty_state_says_what_to_do(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert screen.query_one("#progress-empty").display
        assert not screen.query_one("#progress-data").display
        empty = text_of(screen, "#progress-empty")
        assert "No practice saved yet for the guest" in empty and "s for Spot the type" in empty
        await pilot.press("escape")
        assert isinstance(app.screen, GymScreen)


async def test_quitting_from_ask_better_keeps_the_questions(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        app.screen.query_one("#ask-input").value = "What matters most to you here?"
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    with Store(db_path) as store:
        (result,) = store.training("Guest")
    assert (result.drill, result.total, result.correct, result.by_kind) == ("ask", 1, 1, {"open": [1, 1]})
