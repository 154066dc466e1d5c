"""Help: what this screen is for, how to do it well, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Markdown

from ..helptext import help_for
from .styled import StyledOnMount


def _keys_table(screen: Screen) -> str:
    rows = ["| key | what it does |", "|---|---|"]
    seen = set()
    for _node, binding in _bindings(screen):
        if not binding.description or binding.description in seen:
            continue
        if not binding.show and not binding.tooltip:  # hidden keys are listed when they say what they do
            continue
        seen.add(binding.description)
        key = screen.app.get_key_display(binding)
        rows.append(f"| `{key}` | {binding.tooltip or binding.description} |")
    return "\n".join(rows)


def _bindings(screen: Screen):
    for key, active in screen.active_bindings.items():
        yield active.node, active.binding


class HelpScreen(StyledOnMount, ModalScreen[None]):
    """A modal over the current screen; Esc, q or F1 closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close", id="close_help")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        topic = help_for(getattr(self.under, "HELP_ID", "general"))
        text = f"# {topic['title']}\n\n{topic['body']}\n\n## Keys on this screen\n\n{_keys_table(self.under)}\n"
        with Vertical(id="help-box"):
            yield Markdown(text, id="help-text")
            yield Button("Close (Esc)", id="close-help", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
