"""The name of the person speaking, in letters big enough to read from the back of the room."""

from __future__ import annotations

import unicodedata

from textual.content import Content
from textual.widget import Widget

# A three-row letter font (box drawing, in the style of figlet's "future"), so the name of the
# person speaking can be read from the back of the room. Names it cannot draw are shown as text.
BIG_FONT: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"), "B": ("┏┓ ", "┣┻┓", "┗━┛"), "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("╺┳┓", " ┃┃", "╺┻┛"), "E": ("┏━╸", "┣╸ ", "┗━╸"), "F": ("┏━╸", "┣╸ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"), "H": ("╻ ╻", "┣━┫", "╹ ╹"), "I": ("╻", "┃", "╹"),
    "J": ("  ╻", "  ┃", "┗━┛"), "K": ("╻┏╸", "┣┻┓", "╹ ╹"), "L": ("╻  ", "┃  ", "┗━╸"),
    "M": ("┏┳┓", "┃┃┃", "╹ ╹"), "N": ("┏┓╻", "┃┗┫", "╹ ╹"), "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "), "Q": ("┏━┓", "┃┓┃", "┗┻┛"), "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━┓", "┗━┓", "┗━┛"), "T": ("╺┳╸", " ┃ ", " ╹ "), "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "V": ("╻ ╻", "┃┏┛", "┗┛ "), "W": ("╻ ╻", "┃╻┃", "┗┻┛"), "X": ("╻ ╻", "┏╋┛", "╹ ╹"),
    "Y": ("╻ ╻", "┗┳┛", " ╹ "), "Z": ("╺━┓", "┏━┛", "┗━╸"),
    "0": ("┏━┓", "┃┃┃", "┗━┛"), "1": ("╺┓ ", " ┃ ", "╺┻╸"), "2": ("┏━┓", "┏━┛", "┗━╸"),
    "3": ("┏━┓", "╺━┫", "┗━┛"), "4": ("╻ ╻", "┗━┫", "  ╹"), "5": ("┏━╸", "┗━┓", "┗━┛"),
    "6": ("┏━┓", "┣━┓", "┗━┛"), "7": ("┏━┓", "  ┃", "  ╹"), "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "┗━┛"), " ": ("  ", "  ", "  "), "-": ("   ", "╺━╸", "   "),
    ".": (" ", " ", "╹"), "'": ("╻", " ", " "), "’": ("╻", " ", " "),
}


def big_text(text: str) -> tuple[str, str, str] | None:
    """*text* in the three-row font, or None if it has a character the font cannot draw."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    rows = ["", "", ""]
    for ch in plain.upper():
        glyph = BIG_FONT.get(ch)
        if glyph is None:
            return None
        for i in range(3):
            rows[i] += glyph[i] + " "
    return (rows[0].rstrip(), rows[1].rstrip(), rows[2].rstrip())


class BigName(Widget):
    """The name of the person speaking, in big letters when it fits; else in bold text."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.refresh(layout=True)

    def render(self) -> Content:
        rows = big_text(self.text)
        width = self.content_region.width or self.size.width
        if rows is None or max(len(r) for r in rows) > width or self.content_region.height < 3:
            return Content.styled(self.text, "bold")
        return Content("\n".join(rows))
