"""Quitting while a change is not on disk: say what, then try again, save a copy, or quit anyway.

Shown by the app's quit (Ctrl+Q, the command palette) when the last save failed and a new try
fails too. Dismissed with "saved" (the retry worked: quit as usual), "quit" (the person chose to
quit without saving: the app exits non-zero and says what was lost) or None (back to the app).
"""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from .styled import StyledOnMount


class Unsaved(Protocol):
    """The store's face for this dialog (``store.unsaved.UnsavedChanges``)."""

    @property
    def path(self): ...

    def why(self) -> str: ...

    def changes(self) -> list[str]: ...

    def retry(self) -> bool: ...

    def default_copy_path(self): ...

    def save_copy(self, target): ...


class UnsavedScreen(StyledOnMount, ModalScreen[str | None]):
    CSS_PATH = ["dialog.tcss", "unsaved.tcss"]
    BINDINGS = [Binding("escape", "back", "Back to the app", id="back")]

    def __init__(self, unsaved: Unsaved) -> None:
        super().__init__()
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Not saved: quitting now would lose these changes"), classes="dialog-title")
            yield Static(self._why(), id="unsaved-why")
            with VerticalScroll(id="unsaved-scroll"):
                yield Static(self._list(), id="unsaved-list")
            yield Static("", id="unsaved-status")
            yield Static("Save a copy of everything to another file (als import restores it):", id="copy-label")
            yield Input(str(self.unsaved.default_copy_path()), id="copy-path",
                        tooltip="Where to save a copy of everything (als import restores it)")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Try again", id="retry", variant="primary")
                yield Button("Save a copy", id="save-copy")
                yield Button("Quit without saving", id="quit-anyway", variant="error")
                yield Button("Back (Esc)", id="back")

    def _why(self) -> Content:
        return Content(f"{self.unsaved.path} could not be written: {self.unsaved.why()}. "
                       "Only this app's memory holds:")

    def _list(self) -> Content:
        return Content("\n".join(f"• {line}" for line in self.unsaved.changes()))

    def on_mount(self) -> None:
        self.app.clear_notifications()  # (the "Not saved yet" notices would cover the buttons)
        self.query_one("#unsaved-status").display = False
        self.query_one("#retry").focus()

    def _status(self, text: str) -> None:
        status = self.query_one("#unsaved-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id
        if button == "retry":
            self.action_retry()
        elif button == "save-copy":
            self.action_save_copy()
        elif button == "quit-anyway":
            self.dismiss("quit")
        else:
            self.action_back()

    def action_retry(self) -> None:
        if self.unsaved.retry():
            self.dismiss("saved")
            return
        self.query_one("#unsaved-why", Static).update(self._why())
        self.query_one("#unsaved-list", Static).update(self._list())
        self._status(f"Still not saved: {self.unsaved.why()}. Free some space, or save a copy elsewhere.")
        self.app.bell()

    def action_save_copy(self) -> None:
        from ..outfile import OutFileError
        from ..paths import user_path

        field = self.query_one("#copy-path", Input)
        text = field.value.strip()
        if not text:
            self._status("Type where to save the copy first.")
            field.focus()
            return
        try:
            copy = self.unsaved.save_copy(user_path(text))
        except OutFileError as exc:
            self._status(f"No copy saved: {exc}.")
            field.focus()
            self.app.bell()
            return
        self._status(f"A copy of everything is in {copy}; `als import` restores it. You can quit now.")
        self.query_one("#quit-anyway", Button).label = "Quit now"
        self.query_one("#quit-anyway").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_copy()

    def action_back(self) -> None:
        self.dismiss(None)
