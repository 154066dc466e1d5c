"""The tracker's dialog: what happened with one action (done, partly, not done, dropped, or open
again) and a line on it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from ..model import DONE, DROPPED, NOT_DONE, NOTE_MAX, OPEN, PARTLY, Action, clean_text
from ..widgets.marked import MarkedRadioButton
from .styled import StyledOnMount

# The order of the choices in the status dialog; "open" undoes a mistaken report.
EDIT_STATUSES = (DONE, PARTLY, NOT_DONE, DROPPED, OPEN)
EDIT_LABELS = {DONE: "done", PARTLY: "partly", NOT_DONE: "not done", DROPPED: "dropped", OPEN: "open again"}


class StatusNoteScreen(StyledOnMount, ModalScreen[tuple[str, str] | None]):
    """Ask for the new status of one action (preselected when a key chose it) and one line.
    Dismisses with (status, note), or None."""

    CSS_PATH = ["dialog.tcss", "tracker.tcss"]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, action: Action, status: str | None = None) -> None:
        super().__init__()
        self.record = action
        self.status = status

    def compose(self) -> ComposeResult:
        a = self.record
        with Vertical(classes="dialog"):
            yield Static(Content.assemble("What happened with ", (a.owner, "bold"), "'s action?"),
                         classes="dialog-title")
            yield Static(Content.styled(a.text, "bold"), id="status-action")
            with RadioSet(id="status-choice", compact=True):
                for status in EDIT_STATUSES:
                    yield MarkedRadioButton(EDIT_LABELS[status], value=status == self.status)
            yield Label("A line on what happened or what was learned (optional)")
            yield Input(placeholder="e.g. Met the night team; they want a written handover",
                        max_length=NOTE_MAX, id="status-note")
            yield Static(id="status-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Enter)", id="status-save", variant="primary")
                yield Button("Cancel (Esc)", id="status-cancel")

    def on_mount(self) -> None:
        self.query_one("#status-error").display = False
        self.query_one("#status-note" if self.status else "#status-choice").focus()

    def _save(self) -> None:
        index = self.query_one("#status-choice", RadioSet).pressed_index
        if index < 0:
            error = self.query_one("#status-error", Static)
            error.update("Choose done, partly, not done, dropped or open again.")
            error.display = True
            self.query_one("#status-choice").focus()
            self.app.bell()
            return
        note = clean_text(self.query_one("#status-note", Input).value, NOTE_MAX, single_line=True)
        self.dismiss((EDIT_STATUSES[index], note))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    @on(RadioSet.Changed)
    def _chosen(self) -> None:
        self.query_one("#status-note").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "status-save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
