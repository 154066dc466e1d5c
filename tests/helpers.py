"""Helpers the Pilot and snapshot tests share: reach a meeting, type, read what a widget shows.

(The builders of sets, meetings and apps are in :mod:`tests.factories`.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from textual.widgets import Input, TextArea

from als_tui.clock import FakeClock
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at


def app_at(db_path: Path, phase: str, n: int = 5, clock: FakeClock | None = None,
           mutate: Callable[..., Any] | None = None, **set_kw: Any):
    """An app on a file holding one set of *n* members and its meeting walked to *phase*.
    *mutate(store, alset, meeting)* may change them first (the meeting is saved after it)."""
    with Store(db_path) as store:
        alset = make_set(store, n, **set_kw)
        meeting = meeting_at(store, alset, phase)
        if mutate is not None:
            mutate(store, alset, meeting)
            store.save_meeting(meeting)
    return make_app(db_path, clock or FakeClock(1000.0))


async def settled(pilot) -> None:
    """Wait until the app has read its history (just after the first paint) and so offered any
    meeting left in progress: what a person sees a moment after `als` opens."""
    for _ in range(100):
        if not pilot.app.store.history_pending:
            break
        await pilot.pause()
    await pilot.pause()


async def open_meeting(pilot) -> None:
    """From the home screen into the set's meeting, resuming one in progress."""
    app = pilot.app
    await settled(pilot)
    if type(app.screen).__name__ != "ResumeScreen":  # (offered by itself when the app opens)
        await pilot.press("m")
        await pilot.pause()
    if type(app.screen).__name__ == "ResumeScreen":
        await pilot.press("r")
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type *text* key by key, as a person would (a newline is Enter)."""
    keys = {" ": "space", "\n": "enter"}
    for ch in text:
        await pilot.press(keys.get(ch, ch))


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus the widget matching *selector* and type *text* into it key by key."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press(*[("space" if c == " " else c) for c in text])


def text_of(screen, selector: str) -> str:
    """What the widget matching *selector* shows, as plain text."""
    return str(screen.query_one(selector).render())


def screen_text(app) -> str:
    """Everything on the top screen as painted, one line per row (what a person reads)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def no_blink(app) -> None:
    """No blinking cursors: a snapshot must not depend on when it is taken."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


async def tick(pilot) -> None:
    """Show now what the clocks' next tick would show, after a FakeClock was advanced: no waiting
    on real time (a timer's tick may come late on a loaded machine). Their edge events (warning,
    time up) are read from the clock once, whichever view ticks first."""
    from als_tui.widgets.big_clock import BigClock
    from als_tui.widgets.countdown_line import CountdownLine
    from als_tui.widgets.stage_clock import StageClockView

    screen = pilot.app.screen
    for view in [*screen.query(StageClockView), *screen.query(BigClock), *screen.query(CountdownLine)]:
        view.tick()
    await pilot.pause()
