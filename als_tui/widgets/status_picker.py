"""One line to say what happened to an action: done / partly / not done / dropped.

A single widget where a RadioSet takes five (the set and a button each): the prep form shows up
to eight of these, and every widget costs a styling pass when the form is built. It behaves like
a RadioSet: ←/→ move the cursor, Space or Enter choose, a click chooses what is under it; the
choice shows as ● in its brackets (never by colour alone), the cursor in reverse when focused.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = "   "


class StatusPicker(Widget, can_focus=True):
    """Choices in one line; ``pressed_index`` is the one chosen (-1: none yet)."""

    DEFAULT_CSS = """
    StatusPicker {
        height: auto;
        width: 100%;
    }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("space,enter", "choose", "Choose", show=False),
    ]

    pressed_index: reactive[int] = reactive(-1)
    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        """The choice changed (the picker is ``control``)."""

        def __init__(self, picker: StatusPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> StatusPicker:
            return self.picker

    def __init__(self, labels: list[str], pressed: int = -1, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.set_reactive(StatusPicker.pressed_index, pressed)
        self.set_reactive(StatusPicker.cursor, max(0, pressed))

    def _per_row(self) -> int:
        """All choices on one line when they fit, else two a line."""
        full = sum(4 + len(label) for label in self.labels) + len(GAP) * (len(self.labels) - 1)
        width = self.content_region.width or self.size.width
        return len(self.labels) if not width or full <= width else 2

    def _spans(self) -> list[tuple[int, int, int]]:
        """(row, start, end) of each choice."""
        per_row = self._per_row()
        cell = max(4 + len(label) for label in self.labels) + len(GAP)
        spans = []
        x = 0
        for i, label in enumerate(self.labels):
            row, col = divmod(i, per_row)
            if col == 0:
                x = 0
            start = x if per_row == len(self.labels) else col * cell
            spans.append((row, start, start + 4 + len(label)))
            x = start + 4 + len(label) + len(GAP)
        return spans

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        full = sum(4 + len(x) for x in self.labels) + len(GAP) * (len(self.labels) - 1)
        per_row = len(self.labels) if full <= width else 2
        return -(-len(self.labels) // per_row)

    def render(self) -> Content:
        lines: list[list[Content | str | tuple[str, str]]] = []
        for i, (row, start, _end) in enumerate(self._spans()):
            while len(lines) <= row:
                lines.append([])
            line = lines[row]
            used = sum(len(p) if isinstance(p, str) else len(p[0]) if isinstance(p, tuple) else len(p.plain)
                       for p in line)
            if start > used:
                line.append(" " * (start - used))
            mark = "●" if i == self.pressed_index else " "
            text = f"({mark}) {self.labels[i]}"
            style = "bold" if i == self.pressed_index else ""
            if self.has_focus and i == self.cursor:
                style = f"{style} reverse".strip()
            line.append((text, style) if style else text)
        return Content("\n").join(Content.assemble(*line) for line in lines)

    def watch_pressed_index(self) -> None:
        self.post_message(self.Changed(self))

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.labels)

    def action_choose(self) -> None:
        self.pressed_index = self.cursor

    def on_click(self, event: Click) -> None:
        for i, (row, start, end) in enumerate(self._spans()):
            if row == event.y and start <= event.x < end:
                self.cursor = i
                self.pressed_index = i
                break

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
