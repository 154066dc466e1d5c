"""On the stage, a notice (the coach's, "+2 minutes", the clock's warning) lands where it hides
nothing the room reads: the clock and its state line, Next stage, the question card and the
questions noted stay uncovered while it shows."""

from __future__ import annotations

import pytest

from als_tui.clock import FakeClock
from tests.helpers import app_at, open_meeting, type_text

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
        screen = app.screen
        toasts = [t.region for t in screen.query("Toast")]
        assert len(toasts) == 2, [n.message for n in app._notifications]
        for selector in SIZES[size]:
            region = screen.query_one(selector).region
            assert region.area, f"{selector} is not on screen at {size}"
            covered = [t for t in toasts if t.overlaps(region)]
            assert not covered, f"a notice covers {selector} at {size}"
