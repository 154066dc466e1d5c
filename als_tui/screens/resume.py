"""Ask the set what to do with a meeting that was interrupted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..model import ALSet, Meeting
from .dialog_keys import EitherCase
from .styled import StyledOnMount

PHASE_NAMES = {
    "opening": "the opening",
    "checkin": "the check-in",
    "bids": "the bids",
    "selection": "choosing presenters",
    "session": "an issue session",
    "review": "the process review",
    "summary": "the summary",
}


def where(meeting: Meeting) -> str:
    """Where an interrupted meeting stopped, in words."""
    text = PHASE_NAMES.get(meeting.phase, meeting.phase)
    if meeting.phase == "session" and 0 <= meeting.session_index < len(meeting.sessions):
        s = meeting.sessions[meeting.session_index]
        stage = s.stages[s.current_stage].title if s.current_stage < len(s.stages) else "actions"
        text = f"{s.presenter}'s issue — {stage}"
    elif meeting.phase == "checkin" and 0 <= meeting.checkin_index < len(meeting.checkin_order):
        text = f"the check-in ({meeting.checkin_order[meeting.checkin_index]} was next)"
    return text


class ResumeScreen(EitherCase, StyledOnMount, ModalScreen[str | None]):
    """Dismisses with "resume", "abandon" or None (cancel)."""

    CSS_PATH = "dialog.tcss"
    AUTO_FOCUS = "#resume"

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume"),
        Binding("a", "choose('abandon')", "Close it, start new", id="abandon"),
        Binding("escape", "choose(None)", "Cancel", id="cancel"),
    ]

    def __init__(self, alset: ALSet, meeting: Meeting, *, at_start: bool = False) -> None:
        """*at_start*: offered as the app opens (closing the meeting then starts no new one)."""
        super().__init__()
        self.alset = alset
        self.meeting = meeting
        self.at_start = at_start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A meeting is in progress", classes="dialog-title")
            yield Static(
                Content.assemble(
                    (self.alset.name, "bold"),
                    f" started a meeting on {self.meeting.date}. It stopped at ",
                    (where(self.meeting), "bold"),
                    ".\n\n" + (
                        "Resume it where it stopped (clocks come back paused), close it (it stays in "
                        "the record), or decide later: m on the home screen asks again."
                        if self.at_start else
                        "Resume it where it stopped (clocks come back paused), or close it "
                        "and start a new meeting — the interrupted one stays in the record."
                    ),
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (R)", id="resume", variant="primary")
                yield Button("Close it (A)" if self.at_start else "Close it, start new (A)", id="abandon",
                             variant="warning")
                yield Button("Not now (Esc)" if self.at_start else "Cancel (Esc)", id="cancel")


    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, answer: str | None) -> None:
        self.dismiss(answer)
