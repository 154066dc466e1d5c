"""A yes/no question to the set."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from .dialog_keys import EitherCase
from .styled import StyledOnMount


class ConfirmScreen(EitherCase, StyledOnMount, ModalScreen[bool]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, title: str, question: str | Content, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(self.question if isinstance(self.question, Content) else Content(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (Y)", id="yes", variant="primary")
                yield Button(f"{self.no} (N)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def confirm_leaving(screen: Screen, leave: Callable[[], object],
                    question: str = "Leave without saving? Press Ctrl+S first to keep them.") -> None:
    """Ask before a form with unsaved changes is left; *leave* runs only on "Leave"."""
    def answer(yes: bool | None) -> None:
        if yes:
            leave()

    screen.app.push_screen(ConfirmScreen("Unsaved changes", question, "Leave", "Stay"), answer)
