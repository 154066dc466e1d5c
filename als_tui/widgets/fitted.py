"""Text drawn for the width it is given, and drawn again when that width changes."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

Draw = Callable[[int], Content]


class Fitted(Widget):
    """Text drawn by ``draw(width)`` for the widget's own width: a chart of block-character
    bars that uses the room there is, say. Textual asks for it again when the width changes
    (a resized terminal, a narrower layout): no resize handler anywhere."""

    DEFAULT_CSS = """
    Fitted {
        height: auto;
    }
    """

    def __init__(self, draw: Draw | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw

    def draw_with(self, draw: Draw) -> None:
        """Draw with *draw* from now on (new data to show)."""
        self._draw = draw
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def _content(self, width: int) -> Content:
        return self._draw(width) if self._draw is not None and width > 0 else Content("")

    def render(self) -> Content:
        return self._content(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._content(width).get_height(self.styles, width)  # type: ignore[arg-type]  # (as Widget's own)
