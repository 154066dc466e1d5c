"""How the opening, issue-session and stage screens look at 100x30 (deterministic clock and dates)."""

from als_tui.clock import FakeClock
from tests.helpers import app_at


def _no_blink(pilot):
    for field in pilot.app.screen.query("Input"):
        field.cursor_blink = False


async def _open(pilot):
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()


def test_resume_dialog(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "session"), terminal_size=(100, 30), press=["m"])


def test_opening(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "opening"), terminal_size=(100, 30), run_before=_open)


def test_issue_session_intro(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "session"), terminal_size=(100, 30), run_before=_open)


def test_stage_running(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        clock.advance(95)
        pilot.app.screen._clock_view().tick()
        await pilot.pause()

    assert snap_compare(app_at(db_path, "session", clock=clock), terminal_size=(100, 30), run_before=run)


def test_stage_last_minute_with_scribe(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        clock.advance(pilot.app.screen.clock.planned - 42)
        pilot.app.screen._clock_view().tick()  # what the next tick shows; no waiting on real time
        await pilot.pause()
        await pilot.press("s")
        _no_blink(pilot)
        pilot.app.screen.query_one("#question").value = "What would success look like for you?"
        await pilot.press("enter")
        _no_blink(pilot)  # a blinking cursor would make the picture depend on the moment it is taken
        await pilot.pause(0.3)

    assert snap_compare(app_at(db_path, "session", clock=clock), terminal_size=(100, 30), run_before=run)


def test_time_up_dialog(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+n")
        clock.advance(pilot.app.screen.clock.planned + 1)
        pilot.app.screen._clock_view().tick()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app_at(db_path, "session", clock=clock), terminal_size=(100, 30), run_before=run)
