"""The start of one presenter's issue session: who, what, and the plan of stages."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Header, Static

from ..clock import format_seconds
from .base import MeetingScreen


class IssueSessionScreen(MeetingScreen):
    HELP_ID = "session"
    CSS_PATH = "stage.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next", "Begin", tooltip="Begin the presenter's account", id="next"),
        Binding("ctrl+b", "back", "Back", tooltip="Back to choosing presenters", id="back"),
    ]

    def compose(self) -> ComposeResult:
        m = self.meeting
        session = self.flow.current_session
        assert session is not None
        yield Header()
        yield self.phase_bar(f"Issue {m.session_index + 1} of {len(m.sessions)}")
        with VerticalScroll(id="session-intro"):
            yield Static(Content.assemble((session.presenter, "bold"), " presents"), classes="presenter-big")
            yield Static(Content(session.title or "(no title given)"), classes="issue-title")
            yield Static(
                f"{session.allotted_minutes} minutes in all, including a few minutes at the end to decide actions.",
                classes="muted",
            )
            table = DataTable(id="plan", cursor_type="none", zebra_stripes=True)
            table.add_columns("Stage", "Minutes", "How it works")
            for run in session.stages:
                stage = self.ctx.bank.stage(run.stage_id)
                table.add_row(Content(run.title), format_seconds(run.planned_seconds),
                              Content(stage.rule_text if stage else ""))
            yield table
            yield Static(
                "The presenter speaks first, uninterrupted. Everyone else: listen for what matters to "
                "them, not for what you would do.",
                classes="guidance",
            )
            yield Button("Begin the account  (Ctrl+N)", id="next", variant="primary", classes="next-button")
        yield from self.compose_footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_next()

    def action_next(self) -> None:
        clock = self.flow.stage_clock()
        clock.start()
        self.flow.save_clock(clock)
        self.ctx.autostart = True
        self.go_next()

    def action_back(self) -> None:
        if self.meeting.session_index == 0:
            self.flow.goto_phase("selection")
        else:  # back to the previous presenter's actions
            self.meeting.session_index -= 1
            prev = self.flow.current_session
            if prev is not None:
                prev.actions_done = False
        self.go_next()
