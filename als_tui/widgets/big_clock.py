"""A clock as big as its space allows, for the far end of the room.

The digits are drawn from a 3x5 pixel font, each pixel ``s`` cells wide and ``s`` half-cells tall
(``▀ ▄ █``), with the largest scale ``s`` that fits the widget; a cell is about twice as tall as it
is wide, so the pixels stay square. Below scale 1 the plain text is shown. The widget only reads
a :class:`~als_tui.clock.StageClock`: the bell and the notices stay with :class:`StageClockView`.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..clock import StageClock

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}
ROWS = 5


def _pixels(text: str) -> list[str]:
    """The text as ROWS strings of '#' and '.', one column of '.' between glyphs."""
    rows = [""] * ROWS
    for i, ch in enumerate(text):
        glyph = GLYPHS.get(ch, GLYPHS[" "])
        for r in range(ROWS):
            rows[r] += ("." if i else "") + glyph[r]
    return rows


def pixel_size(text: str) -> tuple[int, int]:
    """(width, height) of *text* in pixels."""
    return len(_pixels(text)[0]), ROWS


def fit_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which *text* fits *width* x *height* cells (0 if none does)."""
    px_w, px_h = pixel_size(text)
    if px_w == 0:
        return 0
    by_width = width // px_w
    by_height = (2 * height) // px_h  # a cell holds two pixel rows
    return max(0, min(by_width, by_height))


def render_big(text: str, scale: int) -> list[str]:
    """*text* drawn at *scale* with block characters: equal-length lines."""
    if scale < 1:
        return [text]
    rows = [
        "".join(ch * scale for ch in row)
        for row in _pixels(text)
        for _ in range(scale)
    ]
    if len(rows) % 2:
        rows.append("." * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        line = []
        for a, b in zip(top, bottom, strict=True):
            line.append("█" if a == b == "#" else "▀" if a == "#" else "▄" if b == "#" else " ")
        lines.append("".join(line))
    return lines


def big_lines(text: str, width: int, height: int) -> list[str]:
    """*text* as big as fits *width* x *height*."""
    return render_big(text, fit_scale(text, width, height))


class BigClock(Widget):
    """The stage clock's time, drawn as large as the widget allows."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
        color: $success;
    }
    BigClock.-warning { color: $warning; }
    BigClock.-overrun { color: $error; }
    BigClock.-paused, BigClock.-ready { color: $text-muted; }
    """

    def __init__(self, clock: StageClock, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.clock = clock
        self._text = clock.display()
        self._state = ""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.25, self.tick)

    def set_clock(self, clock: StageClock) -> None:
        self.clock = clock
        self.tick()

    def tick(self) -> None:
        text = self.clock.display()
        state = self.clock.state
        if state != self._state:
            for name in ("ready", "running", "warning", "overrun", "paused"):
                self.set_class(state == name, f"-{name}")
            self._state = state
        if text != self._text:
            self._text = text
            self.refresh()

    @property
    def scale(self) -> int:
        size = self.content_size
        return fit_scale(self._text, size.width, size.height)

    def render(self) -> Content:
        size = self.content_size
        return Content("\n".join(big_lines(self._text, size.width, size.height)))
