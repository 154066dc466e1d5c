"""A one-line countdown for a step that has a time but no big clock: the presenter's actions.

"04:12 left of 05:00", then "00:42 left" (amber), then "Over by 00:32" (red): the words say it,
the colour only repeats it. It reads a :class:`~als_tui.clock.StageClock` (time from the injected
monotonic clock) once a second, and posts :class:`CountdownLine.Warning` once, when the last
minute begins, so the screen can ring.
"""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from ..clock import OVERRUN, WARNING, StageClock, format_seconds


class CountdownLine(Static):
    DEFAULT_CSS = """
    CountdownLine {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    CountdownLine.-warning { color: $warning; }
    CountdownLine.-overrun { color: $error; }
    """

    class Warning(Message):
        """The last minute (or the clock's warning time) has begun."""

    def __init__(self, clock: StageClock, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clock = clock

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        clock = self.clock
        state = clock.state
        if state == OVERRUN:
            text = f"Over by {format_seconds(clock.overrun)}"
        elif state == WARNING:
            text = f"{format_seconds(clock.remaining)} left"
        elif self.app.size.width < 60:  # (a thin terminal: the short form)
            text = f"{format_seconds(max(0.0, clock.remaining))} left"
        else:
            text = f"{format_seconds(max(0.0, clock.remaining))} left of {format_seconds(clock.planned)}"
        self.update(text)
        self.set_class(state == WARNING, "-warning")
        self.set_class(state == OVERRUN, "-overrun")
        if "warning" in clock.poll_events():
            self.post_message(self.Warning())
