"""The big stage clock: Digits, a progress bar, and a status line in words.

The widget only *reads* a :class:`~als_tui.clock.StageClock` (time comes from the
injected monotonic clock, never from counting refresh ticks) and turns its edge
events into messages, so the screen rings the bell once per crossing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Digits, ProgressBar, Static

from ..clock import StageClock, format_seconds, time_left_words

STATE_WORDS = {
    "ready": "Ready — press {key} to start",
    "running": "Running",
    "warning": "{left}",  # "One minute left"; "30 seconds left" on a one-minute stage
    "overrun": "Over time",
    "paused": "Paused — press {key} to resume",
}


class StageClockView(Vertical):
    """Countdown for one stage. Post ``Warning`` at the clock's warning (one minute left, or half
    the time of a stage of a minute or less) and ``TimeUp`` at zero."""

    DEFAULT_CSS = """
    StageClockView {
        height: auto;
        align-horizontal: center;
    }
    StageClockView Digits {
        width: 100%;
        text-align: center;
        text-style: bold;
        color: $success;
    }
    StageClockView ProgressBar {
        width: 100%;
        align-horizontal: center;
    }
    StageClockView .clock-state {
        width: 100%;
        text-align: center;
        text-style: bold;
    }
    StageClockView .clock-line {  /* the time and state in one line: shown by a screen too small for the digits */
        display: none;
        width: 100%;
        text-align: center;
        text-style: bold;
    }
    StageClockView.-warning Digits, StageClockView.-warning .clock-state { color: $warning; }
    StageClockView.-warning .clock-line { color: $warning; }
    StageClockView.-overrun .clock-line { color: $error; }
    StageClockView.-overrun Digits, StageClockView.-overrun .clock-state { color: $error; }
    StageClockView.-paused Digits, StageClockView.-ready Digits { color: $text-muted; }
    """

    state: var[str] = var("")
    """The clock's state (ready, running, warning, overrun, paused), shown as a class for the styles."""

    def watch_state(self, old: str, new: str) -> None:
        if old:
            self.remove_class(f"-{old}")
        if new:
            self.add_class(f"-{new}")

    class Warning(Message):
        """The clock's warning: :attr:`StageClock.warn_within` seconds left (one minute, or half
        a short stage)."""

    class TimeUp(Message):
        """The planned time has run out."""

    def __init__(self, clock: StageClock, *, id: str | None = None, compact: bool = False,
                 start_key: str = "space") -> None:
        super().__init__(id=id)
        self.clock = clock
        self.compact = compact
        self.start_key = start_key
        """The key the state line names for starting and pausing (the screen's own)."""
        self._words = ""
        self._line = ""

    def compose(self) -> ComposeResult:
        yield Digits(self.clock.display(), classes="clock-digits")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, classes="clock-bar")
        yield Static("", classes="clock-state")
        yield Static("", classes="clock-line")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.25, self.tick)

    def set_clock(self, clock: StageClock) -> None:
        self.clock = clock
        self.tick()

    def tick(self) -> None:
        """Show the clock's state. Runs four times a second, so it touches only what changed:
        a Static update asks for a layout of the whole screen, which a running clock must not
        cause every tick."""
        clock = self.clock
        state = clock.state
        shown = clock.display()
        digits = self.query_one(Digits)
        if digits.value != shown:
            digits.update(shown)  # lays out only if the width changes
        self.query_one(ProgressBar).update(progress=round(clock.fraction * 100, 1))
        words = STATE_WORDS[state].format(key=self.start_key, left=time_left_words(clock.warn_within))
        if state == "overrun":
            words = f"Over time by {format_seconds(clock.overrun)}"
        elif state == "running" or state == "warning":
            words = f"{words} · {format_seconds(clock.planned)} planned"
        line = f"{shown} · {words}"
        if line != self._line:
            self._line = line
            self.query_one(".clock-line", Static).update(line)
        if words != self._words:
            self._words = words
            self.query_one(".clock-state", Static).update(words)
        self.state = state
        for event in clock.poll_events():
            self.post_message(self.Warning() if event == "warning" else self.TimeUp())
