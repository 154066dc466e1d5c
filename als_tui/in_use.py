"""What a second browser session sees when the set's file is already open (``als serve``).

The data file has a single writer: the store's lock refuses a second ``als`` on the same file. In
a terminal that is one line on stderr; in a browser tab a bare exit would look like a crash, so
the served command (``als --in-use-screen``) shows this small app instead: the message in words,
and a key to close. It never opens the data file.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from .widgets.header import Header

IN_USE_TITLE = "This set's file is in use by another session"


def in_use_message(file_name: str) -> str:
    return (
        f"Only one session at a time can run the app on {file_name}, so that nobody's changes are "
        "lost or overwritten. Someone else — another browser tab, or the app in a terminal — has it "
        "open now.\n\n"
        "Follow the meeting on their shared screen, or ask them to close their session (Ctrl+Q) and "
        "then reload this page. Nothing has been changed."
    )


class InUseApp(App[int]):
    """A read-only notice: the file is busy (or cannot be opened). q closes it."""

    TITLE = "Action Learning Set"
    CSS = """
    Screen { align: center middle; }
    #in-use-box {
        width: 80;
        max-width: 95%;
        height: auto;
        border: heavy $warning;
        padding: 1 2;
    }
    #in-use-title { text-style: bold; color: $warning; padding-bottom: 1; }
    #in-use-close { margin-top: 1; }
    """
    BINDINGS = [Binding("q,escape,ctrl+q", "close", "Close", tooltip="Close this session", id="close", priority=True)]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.notice_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="in-use-box"):
            yield Static(Content(self.notice_title), id="in-use-title")
            yield Static(Content(self.message), id="in-use-message")
            yield Button("Close  (q)", id="in-use-close", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#in-use-close").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.exit(1, return_code=1)

    def action_close(self) -> None:
        self.exit(1, return_code=1)
