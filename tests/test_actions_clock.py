"""The presenter's actions have their own minutes (the issue's plan keeps them back): counted down
in the phase line, in words, with the bell at the last minute; kept with the meeting."""

from __future__ import annotations

from als_tui.clock import FakeClock
from als_tui.flow import ACTIONS_MINUTES
from tests.helpers import app_at, open_meeting, text_of, tick


async def test_the_actions_minutes_count_down_in_words_and_ring_at_the_last(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "actions", clock=clock)
    bells = []
    app.bell = lambda: bells.append(clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ActionScreen"
        assert text_of(screen, "#action-time") == f"0{ACTIONS_MINUTES}:00 left of 0{ACTIONS_MINUTES}:00"
        clock.advance(90)
        await tick(pilot)
        assert text_of(screen, "#action-time") == "03:30 left of 05:00" and not bells
        clock.advance(200)
        await tick(pilot)
        line = screen.query_one("#action-time")
        assert str(line.render()) == "00:10 left" and line.has_class("-warning") and len(bells) == 1
        clock.advance(40)
        await tick(pilot)
        assert str(line.render()) == "Over by 00:30" and line.has_class("-overrun") and len(bells) == 1


async def test_the_actions_minutes_are_kept_when_the_meeting_is_left_and_resumed(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "actions", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        clock.advance(125)
        await tick(pilot)
        await pilot.press("ctrl+l")  # home, everything saved
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        clock.advance(600)  # time at home does not count
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ActionScreen"
        assert text_of(screen, "#action-time") == "02:55 left of 05:00"


async def test_a_thin_screen_shows_the_short_form(db_path):
    app = app_at(db_path, "actions")
    async with app.run_test(size=(40, 12)) as pilot:
        await open_meeting(pilot)
        assert text_of(app.screen, "#action-time") == "05:00 left"
