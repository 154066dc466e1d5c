"""Summary: the minutes of the meeting, the next date, and finishing.

A finished meeting shows the same screen read-only; that is also how a past meeting is viewed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Markdown, Static

from ..widgets.header import Header
from ..export import long_date, minutes_markdown, scrub_confidential
from ..flow import next_meeting_date
from ..widgets.footer import Footer
from ..navigation import GoBack, LeaveMeeting
from .actions import DateValidator, date_problem
from .base import MeetingScreen


class SummaryScreen(MeetingScreen):
    """Minutes and the next meeting date; Ctrl+N finishes the meeting (once)."""

    HELP_ID = "summary"
    CSS_PATH = ["common.tcss", "summary.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (60, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "finish", "Finish meeting", tooltip="Save the meeting as finished and go home", id="next"),
        Binding("ctrl+n,escape", "close", "Close", tooltip="Back to where you came from", id="close"),
        Binding("ctrl+b", "back", "Back", tooltip="Back to the process review", id="back"),
        Binding("ctrl+y", "copy", "Copy minutes", tooltip="Copy the minutes (Markdown) to the clipboard",
                id="copy_minutes"),
        Binding("pageup", "scroll_minutes(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_minutes(1)", "Scroll down", show=False),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.read_only = ctx.finished

    # -- layout ---------------------------------------------------------------------------
    def minutes(self) -> str:
        return minutes_markdown(self.ctx.alset, self.meeting, self.ctx.minutes_actions(), same_day=self.ctx.same_day(),
                                before=self.ctx.reports_before())

    def compose(self) -> ComposeResult:
        m = self.meeting
        self.sub_title = "Summary"
        if not self.read_only:  # the draft minutes name the date the field offers
            self._draft_next(m.next_meeting or next_meeting_date(m.date, self.ctx.alset.cadence_weeks,
                                                                   self.ctx.alset.cadence))
        yield Header()
        yield self.phase_bar("Summary — finished" if self.read_only else "Summary")
        with VerticalScroll(id="minutes-scroll"):
            yield Markdown(self.minutes(), id="minutes")
        if self.read_only:
            ended = f" on {long_date(m.ended_at)}" if m.ended_at else ""
            with Horizontal(id="finish-bar"):
                yield Static(
                    Content.assemble(("This meeting finished", "bold"), f"{ended}. Esc or Ctrl+N goes back."),
                    id="finished-note",
                )
                yield Button("Back  (Esc)", id="close", variant="primary")
        else:
            default = m.next_meeting or next_meeting_date(m.date, self.ctx.alset.cadence_weeks, self.ctx.alset.cadence)
            with Horizontal(id="finish-bar"):
                date = Input(
                    default,
                    placeholder="YYYY-MM-DD",
                    max_length=10,
                    validators=[DateValidator(m.date, strictly_after=True, blank_ok=True)],
                    id="next-date",
                )
                date.border_title = "Next meeting"
                yield date
                yield Button("Finish meeting  (Ctrl+N)", id="finish", variant="primary")
            yield Static("", id="summary-error")
        yield Footer()

    def on_mount(self) -> None:
        if self.read_only:
            self.query_one("#minutes-scroll").focus()
        else:
            self.query_one("#summary-error").display = False
            self.query_one("#next-date", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("finish", "back"):
            return not self.read_only
        if action == "close":
            return self.read_only
        return True

    # -- events ---------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "finish":
            self.action_finish()
        elif event.button.id == "close":
            self.action_close()

    def _draft_next(self, value: str) -> bool:
        """Take the next meeting's date as typed into the draft (blank while it is not a date
        after this meeting's); True if that changed what the minutes say."""
        value = value.strip()
        if value and date_problem(value, self.meeting.date, strictly_after=True, blank_ok=True):
            value = ""
        changed = value != self.meeting.next_meeting
        self.meeting.next_meeting = value
        return changed

    @on(Input.Changed, "#next-date")
    def _next_date_typed(self, event: Input.Changed) -> None:
        if self._draft_next(event.value):
            self.query_one("#minutes", Markdown).update(self.minutes())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#finish", Button).focus()

    def action_scroll_minutes(self, direction: int) -> None:
        scroll = self.query_one("#minutes-scroll", VerticalScroll)
        if direction < 0:
            scroll.scroll_page_up()
        else:
            scroll.scroll_page_down()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.minutes())
        self.notify("Minutes copied as Markdown (if your terminal allows copying).")

    # -- finishing ------------------------------------------------------------------------
    def action_finish(self) -> None:
        if self.read_only:
            self.action_close()
            return
        field = self.query_one("#next-date", Input)
        problem = date_problem(field.value, self.meeting.date, strictly_after=True, blank_ok=True)
        if problem:
            error = self.query_one("#summary-error", Static)
            error.update(Content.assemble(("⚠ Not finished: next meeting ", "bold"), problem))
            error.display = True
            field.focus()
            self.app.bell()
            return
        next_date = field.value.strip()
        self.flow.finish(next_meeting=next_date, when=self.als.today())
        if self.ctx.alset.confidential:
            scrub_confidential(self.meeting)
        saved = self.ctx.save()
        if saved and self.ctx.alset.confidential:
            # the .bak still holds the details from before the scrub: write once more
            self.als.persist(self.als.store.rewrite_backup)
        first = "Meeting saved." if saved else "Meeting finished (saving is being retried)."
        when = f"Next meeting: {long_date(next_date)} ({next_date})." if next_date else "No next meeting date set yet."
        self.notify(f"{first} {when}", title="Finished", markup=False)
        self.navigate(LeaveMeeting())

    def action_back(self) -> None:
        if self.read_only:
            return
        self.flow.goto_phase("review")
        self.go_next()

    def action_close(self) -> None:
        """Read-only: back to whatever opened this (home, or a history list)."""
        self.navigate(GoBack(self))
