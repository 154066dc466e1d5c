"""How the question gym looks at 100x30 (and the busiest screen at 80x24): seeded rounds, fixed dates."""

from __future__ import annotations

import random

from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import TrainingResult
from als_tui.drills import spot_round
from als_tui.questioning import KINDS
from als_tui.screens.gym import gym_training
from als_tui.store import Store
from tests.factories import TODAY, make_set

SEED = 4
KEY = {"open": "1", "closed": "2", "leading": "3", "advice": "4"}


def gym_app(db_path, member: str = "Asha") -> ALSApp:
    with Store(db_path) as store:
        make_set(store, 5)
        store.set_meta("gym_member", member)
    app = ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start="gym")
    app.gym_rng = random.Random(SEED)
    return app


def test_gym(snap_compare, db_path):
    assert snap_compare(gym_app(db_path), terminal_size=(100, 30))


def _wrong_answer() -> str:
    first = spot_round(gym_training(), 10, random.Random(SEED))[0]
    return KEY[next(k for k in KINDS if k != first.kind)]


def test_spot_after_a_wrong_answer(snap_compare, db_path):
    assert snap_compare(gym_app(db_path), terminal_size=(100, 30), press=["s", _wrong_answer()])


def test_spot_at_80x24(snap_compare, db_path):
    assert snap_compare(gym_app(db_path), terminal_size=(80, 24), press=["s", _wrong_answer()])


def test_ask_with_feedback(snap_compare, db_path):
    async def run(pilot):
        await pilot.press("a")
        await pilot.pause()
        box = pilot.app.screen.query_one("#ask-input")
        box.cursor_blink = False
        box.value = "Have you tried asking the team which nights they could do?"
        await pilot.press("enter")
        box.value = "Don't you think the agency bill is the real problem?"
        await pilot.pause(0.6)
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(gym_app(db_path), terminal_size=(100, 30), run_before=run)


def test_progress_with_data(snap_compare, db_path):
    with Store(db_path) as store:
        rounds = [
            ("2026-02-03", {"open": [2, 3], "closed": [1, 2], "leading": [1, 2], "advice": [1, 3]},
             {"advice->open": 2, "leading->closed": 1, "closed->open": 1}),
            ("2026-02-17", {"open": [3, 3], "closed": [2, 2], "leading": [1, 2], "advice": [1, 3]},
             {"advice->open": 2, "leading->open": 1}),
            ("2026-03-10", {"open": [2, 2], "closed": [3, 3], "leading": [2, 2], "advice": [2, 3]},
             {"advice->leading": 1}),
        ]
        for date, by_kind, confusions in rounds:
            correct = sum(r for r, _ in by_kind.values())
            store.add_training(TrainingResult("Asha", "spot", 10, correct, by_kind, confusions, date, "set1"))
        store.add_training(TrainingResult("Asha", "ask", 5, 2, {"open": [2, 5], "advice": [3, 5]},
                                          date="2026-02-03", set_id="set1"))
        store.add_training(TrainingResult("Asha", "ask", 4, 3, {"open": [3, 4], "closed": [1, 4]},
                                          date="2026-03-10", set_id="set1"))
    assert snap_compare(gym_app(db_path), terminal_size=(100, 30), press=["p"])
