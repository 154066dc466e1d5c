"""A notice lands where it hides nothing the room reads. On the stage (the coach's, "+2 minutes",
the clock's warning): the clock and its state line, Next stage, the question card and the
questions noted stay uncovered. At the check-in: the speaker, their clock, the report they fill
in and the buttons."""

from __future__ import annotations

import pytest

from als_tui.clock import FakeClock
from tests.helpers import app_at, open_meeting, type_text
from tests.test_room_small import fresh_checkin

# what the room reads at each size (the question card and the notes are not shown at 40x12)
READ = ["#clock .clock-digits", "#clock .clock-state", "#b-next", "#prompt-card", "#harvest"]
SIZES = {(120, 36): READ, (80, 24): READ, (40, 12): READ[:3]}


@pytest.mark.parametrize("size", list(SIZES))
async def test_the_coach_and_the_extension_notices_cover_nothing_the_room_reads(db_path, size):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")  # the account, then the first question stage
        await pilot.pause()
        await pilot.press("s")
        await type_text(pilot, "Have you tried asking your manager?\n")  # the coach: advice
        await pilot.press("plus")  # two more minutes
        await pilot.pause(0.3)
        assert_uncovered(app, 2, SIZES[size])


def assert_uncovered(app, notices: int, selectors: list[str]) -> None:
    """*notices* notices show, and none of them covers a widget of *selectors*."""
    screen = app.screen
    toasts = [t.region for t in screen.query("Toast")]
    assert len(toasts) == notices, [n.message for n in app._notifications]
    for selector in selectors:
        region = screen.query_one(selector).region
        assert region.area, f"{selector} is not on screen at {screen.size}"
        assert not [t for t in toasts if t.overlaps(region)], f"a notice covers {selector} at {screen.size}"


CHECKIN = ["#checkin-name", "#checkin-report", "#next", "#skip"]
CHECKIN_SIZES = {(120, 36): [*CHECKIN, "#checkin-clock Digits", "#not-here"],
                 (80, 24): [*CHECKIN, "#checkin-clock Digits", "#not-here"],
                 (40, 12): [*CHECKIN, "#checkin-clock .clock-line"]}


@pytest.mark.parametrize("size", list(CHECKIN_SIZES))
async def test_a_checkin_notice_covers_nothing_the_room_reads(db_path, size):
    app = app_at(db_path, "checkin", mutate=fresh_checkin)
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+k")  # Asha skipped: "Asha will come back at the end of the round."
        await pilot.pause(0.3)
        assert_uncovered(app, 1, CHECKIN_SIZES[size])


async def test_a_notice_shows_once_when_a_dialog_opens_over_the_checkin(db_path):
    app = app_at(db_path, "checkin", mutate=fresh_checkin)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_meeting(pilot)
        checkin = app.screen
        await pilot.press("ctrl+k")  # a notice at the check-in…
        await pilot.pause(0.2)
        await pilot.press("ctrl+f")  # …then "Finish the check-in?" over it
        await pilot.pause(0.3)
        assert app.screen is not checkin
        shown = [t for s in (checkin, app.screen) for t in s.query("Toast") if t.display and t.parent.parent.display]
        assert len(shown) == 1, "the notice shows twice: on the dialog and on the check-in under it"
        await pilot.press("n")  # keep going: back at the check-in, the notice is there again
        await pilot.pause(0.3)
        assert app.screen is checkin and [r for r in checkin.query("ToastRack") if r.display]
