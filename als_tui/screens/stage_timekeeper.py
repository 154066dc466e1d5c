"""The timekeeper on the stage screen: the clock's keys, its saving, its warnings, the large clock."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from ..clock import StageClock, time_left_words
from ..widgets.stage_clock import StageClockView

if TYPE_CHECKING:
    from ..bank import Stage
    from ..commands import Command
    from ..model import StageRun
    from .base import MeetingScreen

    _Screen = MeetingScreen
else:
    _Screen = object

# A running clock is saved every SAVE_EVERY seconds (checked every second): a crash loses at most
# SAVE_EVERY + 1 s of it, plus the few milliseconds the writer thread takes to commit (README: ≤ 5 s).
SAVE_EVERY = 3.0


class Timekeeper(_Screen):
    """Mix into the stage screen (before it): the clock is started, paused, extended and saved
    from here, and its warnings ring here."""

    clock: StageClock
    stage: Stage | None
    run_row: StageRun
    _last_saved: float

    if TYPE_CHECKING:
        async def action_next_stage(self) -> None: ...

    def _clock_view(self) -> StageClockView:
        return self.query_one("#clock", StageClockView)

    def _save_clock(self) -> None:
        self.flow.save_clock(self.clock)
        self.ctx.save()
        self._last_saved = self.clock.elapsed

    def _autosave(self) -> None:
        if self.clock.running and abs(self.clock.elapsed - self._last_saved) >= SAVE_EVERY:
            self._save_clock()

    def action_clock_while_typing(self) -> None:
        self.action_toggle_clock()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._clock_view().tick()
        self._save_clock()

    def action_extend(self, minutes: int) -> None:
        self.clock.extend(60 * minutes)
        self._clock_view().tick()
        self._save_clock()
        self.notify(f"{minutes} more minutes for this stage.", timeout=3)  # (the state line says it too)

    def _ring(self) -> None:
        if self.ctx.alset.sound:
            self.app.bell()

    def on_stage_clock_view_warning(self, event: StageClockView.Warning) -> None:
        self._ring()
        # (one line, short: the clock says it in amber and in words as long as it lasts)
        self.notify(f"{time_left_words(self.clock.warn_within)} in this stage.", severity="warning", timeout=4)

    def on_stage_clock_view_time_up(self, event: StageClockView.TimeUp) -> None:
        from .time_up import TimeUpScreen

        self._ring()
        self.notify("Time is up for this stage.", title="Time", severity="error")
        title = self.stage.title if self.stage else self.run_row.title

        async def answer(minutes: int | None) -> None:
            if minutes:
                self.action_extend(minutes)
            elif minutes == 0:
                await self.action_next_stage()

        self.app.push_screen(TimeUpScreen(title), answer)

    # -- the large clock ------------------------------------------------------------------
    @property
    def large_clock(self) -> bool:
        return self.has_class("-large-clock")

    def action_large_clock(self) -> None:
        """Toggle the large-clock layout: the clock fills the middle; stage and state stay in words."""
        self.toggle_class("-large-clock")
        self.als.large_clock = self.large_clock

    def palette_commands(self) -> Iterator[Command]:
        """The clock, by name, for the command palette."""
        from ..commands import Command

        clock = self.clock
        verb = "Pause the clock" if clock.running else ("Resume the clock" if clock.started else "Start the clock")
        yield Command(verb, "Space does the same", self.action_toggle_clock, "clock timer pause start resume stop")
        for minutes in (2, 5):
            yield Command(f"Extend the clock by {minutes} minutes", f"Give this stage {minutes} more minutes",
                          partial(self.action_extend, minutes), f"more time add extend +{minutes}")
        yield Command("Large clock off" if self.large_clock else "Large clock on",
                      "The clock as big as the screen allows, for the far end of the room (L)",
                      self.action_large_clock, "big clock projector layout")
