"""The first-meeting guide: a few pages on the method, for a set that has never met.

The text is ``content/guide.md``; each ``# `` heading starts a page. Reachable with **g** on the
home screen and from the command palette, on any screen.
"""

from __future__ import annotations

import re
from functools import cache

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

from ..paths import content_file
from .dialog_keys import EitherCase
from .styled import StyledOnMount


@cache
def guide_pages() -> tuple[tuple[str, str], ...]:
    """(title, markdown) for each page of the guide, in order."""
    text = content_file("guide.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    pages = []
    for chunk in re.split(r"^(?=# )", text, flags=re.M):
        chunk = chunk.strip()
        if not chunk.startswith("# "):
            continue
        title = chunk.splitlines()[0][2:].strip()
        pages.append((title, chunk))
    return tuple(pages)


class GuideScreen(EitherCase, StyledOnMount, ModalScreen[None]):
    """Page through the guide: → or n next, ← or p back, Esc closes."""

    CSS_PATH = "guide.tcss"

    HELP_ID = "guide"
    BINDINGS = [
        Binding("right,n", "page(1)", "Next page", priority=True, id="guide_next",
                tooltip="The next page of the guide"),
        Binding("left,p", "page(-1)", "Previous page", priority=True, id="guide_prev",
                tooltip="The page before"),
        Binding("escape,q", "close", "Close", id="guide_close", tooltip="Close the guide"),
    ]

    def __init__(self, page: int = 0) -> None:
        super().__init__()
        self.pages = guide_pages()
        self.page = max(0, min(page, len(self.pages) - 1))

    def compose(self) -> ComposeResult:
        with Vertical(id="guide-box"):
            yield Static("", id="guide-nav")
            with VerticalScroll(id="guide-scroll"):
                yield Markdown(self.pages[self.page][1], id="guide-text")
            with Horizontal(id="guide-buttons"):
                yield Button("← Previous  (p)", id="guide-prev")
                yield Button("Next  (n) →", id="guide-next", variant="primary")
                yield Button("Close  (Esc)", id="guide-close")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#guide-scroll").focus()

    @property
    def title_of_page(self) -> str:
        return self.pages[self.page][0]

    def _show(self) -> None:
        total = len(self.pages)
        self.query_one("#guide-nav", Static).update(
            Content.assemble(
                ("First meeting guide", "bold"),
                f"  ·  page {self.page + 1} of {total}  ·  ",
                (self.title_of_page, "bold"),
            )
        )
        self.query_one("#guide-text", Markdown).update(self.pages[self.page][1])
        self.query_one("#guide-scroll").scroll_home(animate=False)
        self.query_one("#guide-prev", Button).disabled = self.page == 0
        self.query_one("#guide-next", Button).disabled = self.page == total - 1

    def action_page(self, step: int) -> None:
        new = max(0, min(self.page + step, len(self.pages) - 1))
        if new != self.page:
            self.page = new
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "guide-next":
            self.action_page(1)
        elif event.button.id == "guide-prev":
            self.action_page(-1)
        else:
            self.action_close()
