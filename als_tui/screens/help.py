"""Help: what this screen is for, how to do it well, and its keys.

The text scrolls (arrows, Page Up/Down, Home/End, the wheel), so the whole of it can be read on
an 80x24 terminal. A screen that knows more than its help file — the stage screen knows the rule
of the stage the set is in — offers its own topic (:class:`HasHelpTopic`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Markdown

from ..helptext import help_for
from .dialog_keys import EitherCase
from .styled import StyledOnMount


@runtime_checkable
class HasHelpTopic(Protocol):
    """A screen whose help depends on where the meeting is (e.g. the stage and its format)."""

    def help_topic(self) -> dict[str, str]:
        """{"title", "body"} (Markdown) for this screen, now."""
        ...


def topic_for(screen: Screen) -> dict[str, str]:
    if isinstance(screen, HasHelpTopic):
        return screen.help_topic()
    return help_for(screen.HELP_ID if isinstance(screen, StyledOnMount) else "general")


def _keys_table(screen: Screen) -> str:
    rows = ["| key | what it does |", "|---|---|"]
    seen = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        if not binding.show and not binding.tooltip:  # hidden keys are listed when they say what they do
            continue
        seen.add(binding.description)
        shown = screen.app.get_key_display(binding)
        rows.append(f"| `{shown}` | {binding.tooltip or binding.description} |")
    return "\n".join(rows)


class HelpScreen(EitherCase, StyledOnMount, ModalScreen[None]):
    """A modal over the current screen; Esc, q or F1 closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,q,f1,question_mark", "close", "Close", id="close_help"),
        # the help reads on with these keys wherever the focus is (on Close too)
        *(Binding(key, f"read('{key}')", show=False) for key in ("down", "up", "pagedown", "pageup", "home", "end")),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        topic = topic_for(self.under)
        text = f"# {topic['title']}\n\n{topic['body']}\n\n## Keys on this screen\n\n{_keys_table(self.under)}\n"
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Markdown(text, id="help-text")
            yield Button("Close (Esc)", id="close-help", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_read(self, key: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        {"down": scroll.action_scroll_down, "up": scroll.action_scroll_up, "pagedown": scroll.action_page_down,
         "pageup": scroll.action_page_up, "home": scroll.action_scroll_home, "end": scroll.action_scroll_end}[key]()

    def action_close(self) -> None:
        self.dismiss(None)
