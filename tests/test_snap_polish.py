"""How the shared-screen polish looks at 100x30: the high-contrast theme on the stage screen, the
large-clock layout, the first-meeting guide and the browser's "in use" notice (fixed clock and dates)."""

from als_tui import themes
from als_tui.clock import FakeClock
from als_tui.in_use import IN_USE_TITLE, InUseApp, in_use_message
from tests.factories import make_app
from tests.helpers import app_at, tick


def stage_after(clock, seconds, *keys):
    async def run(pilot):
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")
        clock.advance(seconds)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)

    return run


def test_stage_high_contrast(snap_compare, db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock, theme=themes.CONTRAST)
    assert snap_compare(app, terminal_size=(100, 30), run_before=stage_after(clock, 95))


def test_stage_large_clock(snap_compare, db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=stage_after(clock, 95, "l"))


def test_stage_large_clock_high_contrast_last_minute(snap_compare, db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock, theme=themes.CONTRAST)

    async def run(pilot):
        await stage_after(clock, 0, "l")(pilot)
        clock.advance(pilot.app.screen.clock.planned - 42)
        await tick(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run)


def test_first_meeting_guide(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=(100, 30), press=["g"])


def test_in_use_notice(snap_compare):
    app = InUseApp(IN_USE_TITLE, in_use_message("als.json"))
    assert snap_compare(app, terminal_size=(100, 30))
