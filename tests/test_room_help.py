"""Help in the room: F1 can be read to its end on any screen, F1 stays in the footer, the large
clock answers to L as the README says, and a stage's help speaks of its own format's rules."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown

from als_tui.clock import FakeClock
from tests.helpers import app_at, open_meeting, screen_text


def last_key_row(app) -> str:
    """The last row of the help's key table, in words (its description)."""
    source = app.screen.query_one("#help-text", Markdown).source
    rows = [line for line in source.splitlines() if line.startswith("| `")]
    return rows[-1].split("|")[2].strip()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pytest.mark.parametrize("keys", [(), ("ctrl+n", "ctrl+n")], ids=["checkin", "stage"])
async def test_help_scrolls_to_the_last_row_of_its_key_table(db_path, size, keys):
    phase = "checkin" if not keys else "session"
    app = app_at(db_path, phase)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        last = last_key_row(app)
        words = last.split()[:4]
        await pilot.press("end")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert " ".join(words) in text, f"the last key ({last!r}) cannot be reached at {size}"
        assert "Close (Esc)" in text
        await pilot.press("home")
        await pilot.pause()
        assert "Keys on this screen" not in " ".join(screen_text(app).split()) or size[1] > 30


async def test_help_scrolls_with_the_mouse_wheel(db_path):
    app = app_at(db_path, "session")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "f1")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        from textual.events import MouseScrollDown

        for _ in range(5):  # the wheel, over the text
            await pilot._post_mouse_events([MouseScrollDown], scroll, offset=(4, 4))
        await pilot.pause()
        assert scroll.scroll_y > 0


@pytest.mark.parametrize("phase,keys", [("checkin", ()), ("session", ("ctrl+n", "ctrl+n")), ("opening", ())])
async def test_f1_stays_in_the_footer_at_120_columns(db_path, phase, keys):
    app = app_at(db_path, phase)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)
        footer_line = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer_line, footer_line


async def test_large_clock_answers_to_capital_l_and_the_footer_shows_it(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause(0.2)
        screen = app.screen
        assert "L Large clock" in screen_text(app).splitlines()[-1]
        await pilot.press("L")
        assert screen.large_clock
        await pilot.press("L")
        assert not screen.large_clock
        await pilot.press("l")  # the lower case too
        assert screen.large_clock


async def test_stage_help_on_kollegiale_beratung_speaks_of_its_own_rules(db_path):
    app = app_at(db_path, "session", bank="kollegiale")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        # walk to the stage where the set gives suggestions
        for _ in range(12):
            if type(app.screen).__name__ == "StageScreen" and app.screen.stage.rules.advice_allowed:
                break
            await pilot.press("ctrl+n")
            await pilot.pause()
        screen = app.screen
        assert screen.stage.rules.advice_allowed
        await pilot.press("f1")
        await pilot.pause()
        source = app.screen.query_one("#help-text", Markdown).source
        assert screen.stage.title in source
        assert "Suggestions welcome" in source or "suggestions are welcome" in source.lower()
        assert "**questions only**" not in source  # the classic rule, said of every round
        assert "Have you tried" not in source  # the classic's "advice dressed as a question" warning


async def test_stage_help_on_the_classic_format_keeps_questions_only(db_path):
    app = app_at(db_path, "session")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "f1")
        await pilot.pause()
        source = app.screen.query_one("#help-text", Markdown).source
        assert "Clarifying questions" in source
        assert "questions only" in source.lower()


async def test_down_keys_read_the_help_to_its_end_wherever_the_focus_is(db_path):
    app = app_at(db_path, "checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("f1")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        await pilot.press(*["down"] * (scroll.max_scroll_y + 5))  # a burst, as a held key sends
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home", "tab")  # the Close button has the focus: the keys still read on
        await pilot.pause()
        assert app.focused is app.screen.query_one("#close-help")
        await pilot.press("pagedown", "down")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y > 0
