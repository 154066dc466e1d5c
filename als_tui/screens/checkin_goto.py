"""Check-in: the "Go to…" dialog, to choose who checks in now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .styled import StyledOnMount


class GoToScreen(StyledOnMount, ModalScreen[str | None]):
    """Pick a member to check in now: someone later in the order, someone skipped, a redo, or a
    late arrival. Dismisses with the member's name, or None."""

    CSS_PATH = "dialog.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, options: list[tuple[Content, str]]) -> None:
        super().__init__()
        self.choices = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who checks in now?", classes="dialog-title")
            yield OptionList(*[Option(label, id=str(i)) for i, (label, _name) in enumerate(self.choices)],
                             id="goto-list")
            yield Static("↑↓ choose · Enter go · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
