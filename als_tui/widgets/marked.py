"""Toggles whose state shows in the glyph, not only in its colour (for colour-blind members and
monochrome terminals)."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class MarkedCheckbox(Checkbox):
    """A checkbox whose ticked state shows in the glyph (X), not only in its colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class MarkedRadioButton(RadioButton):
    """A radio button whose chosen state shows in the glyph (●), not only in its colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "
