"""Process review: how the set worked today — one line each, and one change for next time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from ..widgets.header import Header
from ..model import clean_text
from ..widgets.footer import Footer
from .base import MeetingScreen

NOTE_MAX = 300
FALLBACK_PROMPTS = (
    "What did we do today?",
    "How did we do it: did questions stay questions, was the time fair?",
    "What did we learn about working together?",
)


class ProcessReviewScreen(MeetingScreen):
    """One line per present member and the one thing to change; then the summary."""

    HELP_ID = "review"
    CSS_PATH = ["common.tcss", "review.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "finish", "Finish review", tooltip="Save the review and show the summary", id="next"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.members = list(self.meeting.present)

    def compose(self) -> ComposeResult:
        review = self.meeting.review
        prompts = [p.text for p in self.ctx.bank.review_prompts] or list(FALLBACK_PROMPTS)
        self.sub_title = "Process review"
        yield Header()
        yield self.phase_bar("Process review")
        yield Static(
            Content.assemble(
                ("What did we do, how did it go, what did we learn? ", "bold"),
                "About how the set worked today — not about the issues.",
            ),
            id="review-intro",
        )
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-prompts"):
                for text in prompts:
                    yield Static(Content.assemble("• ", text), classes="prompt")
            with VerticalScroll(id="review-form"):
                if self.members:
                    yield Static("One line each", classes="review-title")
                for i, name in enumerate(self.members):
                    with Vertical(classes="note-field"):
                        yield Label(Content(name), classes="note-label")
                        yield Input(
                            review.notes.get(name, ""),
                            placeholder=f"One line from {name}",
                            max_length=NOTE_MAX,
                            id=f"note-{i}",
                            classes="note",
                        )
                yield Static("One thing we'll change next time", classes="review-title")
                yield Input(
                    review.change_next_time,
                    placeholder="e.g. Start on time, even if someone is late",
                    max_length=NOTE_MAX,
                    id="change",
                )
        with Horizontal(id="review-buttons"):
            yield Button("Finish review  (Ctrl+N)", id="finish", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-prompts").border_title = "Prompts, if the room goes quiet"
        first = self.query(Input).first()
        first.focus()

    # -- events ---------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "finish":
            event.stop()
            self.action_finish()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter passes to the next person, round the room."""
        event.stop()
        self.focus_next()

    # -- state ----------------------------------------------------------------------------
    def _record(self) -> None:
        notes = {}
        for i, name in enumerate(self.members):
            text = clean_text(self.query_one(f"#note-{i}", Input).value, NOTE_MAX, single_line=True)
            if text:
                notes[name] = text
        change = clean_text(self.query_one("#change", Input).value, NOTE_MAX, single_line=True)
        self.flow.record_review(notes, change)

    def before_leave(self) -> None:
        """Leaving mid-review keeps what was typed (the phase stays ``review``)."""
        self._record()

    def action_finish(self) -> None:
        self._record()
        self.flow.goto_phase("summary")
        self.go_next()  # saves, then shows the summary
