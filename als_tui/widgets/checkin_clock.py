"""The check-in's per-member countdown."""

from __future__ import annotations

from textual.binding import Binding

from .stage_clock import StageClockView


class CheckInClock(StageClockView):
    """The per-member countdown: Ctrl+T starts and pauses it from anywhere; with the focus on it,
    space or enter do; a click does too."""

    can_focus = True
    BINDINGS = [Binding("enter", "screen.toggle_clock", "Start/pause clock", show=False)]

    async def on_click(self) -> None:
        await self.screen.run_action("toggle_clock")
