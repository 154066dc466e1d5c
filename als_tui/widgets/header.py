"""Textual's Header with an icon every font has.

The stock icon (U+2B58, a heavy circle) is missing from many fonts, the browser's among them
(``als serve``): it showed as a box with a question mark. "≡" (U+2261) is in every monospace font
we know of, and reads as the menu it is (a click opens the command palette).
"""

from __future__ import annotations

from textual.widgets import Header as TextualHeader

ICON = "≡"


class Header(TextualHeader):
    def __init__(self, show_clock: bool = False, **kwargs) -> None:
        kwargs.setdefault("icon", ICON)
        super().__init__(show_clock, **kwargs)
