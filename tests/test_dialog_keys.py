"""A dialog's button says "Resume (R)", "Move on (M)", "Finish (Y)": the capital letter answers too
(only the lower-case one did)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.screen import ModalScreen

import als_tui.screens as screens
from als_tui.clock import FakeClock
from tests.helpers import app_at, open_meeting, settled


def dialogs() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"als_tui.screens.{info.name}")
        found += [obj for obj in vars(module).values() if isinstance(obj, type)
                  and issubclass(obj, ModalScreen) and obj.__module__ == module.__name__]
    return found


def test_every_dialog_letter_works_in_either_case():
    missing = []
    for dialog in dialogs():
        keys = {key.strip() for cls in dialog.__mro__ for b in vars(cls).get("BINDINGS", ())
                if isinstance(b, Binding) for key in b.key.split(",")}
        missing += [f"{dialog.__name__}: {k.swapcase()}" for k in keys
                    if len(k) == 1 and k.isalpha() and k.swapcase() not in keys]
    assert len(dialogs()) >= 5 and not missing


async def test_capital_r_resumes_the_meeting_offered_at_start(db_path):
    app = app_at(db_path, "bids")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("R")
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"


async def test_capital_m_moves_on_when_time_is_up(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        stage = app.screen
        clock.advance(stage.clock.planned + 1)
        stage._clock_view().tick()
        await pilot.pause()
        assert type(app.screen).__name__ == "TimeUpScreen"
        await pilot.press("M")
        await pilot.pause()
        assert type(app.screen).__name__ == "StageScreen"  # (the same screen may show the next stage)
        assert app.screen.session.current_stage == 2


@pytest.mark.parametrize("key", ["Y", "y"])
async def test_capital_y_finishes_the_checkin(db_path, key):
    app = app_at(db_path, "checkin")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
