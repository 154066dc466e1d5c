"""At zero: ask the set whether to extend the stage or move on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .dialog_keys import EitherCase
from .styled import StyledOnMount


class TimeUpScreen(EitherCase, StyledOnMount, ModalScreen[int | None]):
    """Dismisses with minutes to extend (2 or 5), 0 to move on, or None to keep going over time."""

    CSS_PATH = "dialog.tcss"
    # Textual focuses it when the dialog is shown (no query in on_mount, which failed when the
    # dialog had already been answered and its buttons removed before that ran: a busy clock)
    AUTO_FOCUS = "#extend2"

    BINDINGS = [
        Binding("2", "choose(2)", "+2 min", id="extend2"),
        Binding("5", "choose(5)", "+5 min", id="extend5"),
        Binding("m", "choose(0)", "Move on", id="move_on"),
        Binding("escape", "choose(None)", "Keep going", id="keep"),
    ]

    def __init__(self, stage_title: str) -> None:
        super().__init__()
        self.stage_title = stage_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Time is up", classes="dialog-title")
            yield Static(
                Content.assemble(
                    "The time for ", (self.stage_title, "bold"), " has run out. "
                    "Does the set want a little more, or move on?"
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("+2 min (2)", id="extend2", variant="primary")
                yield Button("+5 min (5)", id="extend5")
                yield Button("Move on (M)", id="move_on", variant="warning")
                yield Button("Keep going (Esc)", id="keep")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        answers = {"extend2": 2, "extend5": 5, "move_on": 0, "keep": None}
        self.dismiss(answers[event.button.id or "keep"])

    def action_choose(self, answer: int | None) -> None:
        self.dismiss(answer)
