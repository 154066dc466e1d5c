"""A screen's breakpoint classes (``-narrow``, ``-tiny``, …) from the terminal's size, before the
screen's first layout.

Textual sets them when the screen handles its first Resize, which may come after the first
layout and styling: the screen is then styled (and scrolled to its focus) once without them and
again with them. Taken in ``compose``, they are there from the start and Textual's own update
changes nothing."""

from __future__ import annotations

from textual.screen import Screen


def take_breakpoints(screen: Screen) -> None:
    """Set *screen*'s breakpoint classes for the app's size now, as Textual would."""
    app = screen.app
    width, height = app.size
    for own, default, size in ((screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS, width),
                               (screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS, height)):
        breakpoints = default if own is None else own
        reached = [name for start, name in sorted(breakpoints or ()) if size >= start]
        for _start, name in breakpoints or ():
            screen.set_class(bool(reached) and name == reached[-1], name)
