"""The start of one presenter's issue session: who, what, and the plan of stages."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ..widgets.header import Header
from ..bank import Stage
from ..clock import format_seconds
from .base import MeetingScreen
from .stage_words import rule_line, speaker_line, stage_help

PLAN_COLUMNS = (("Stage", 3), ("Time", 0), ("Who speaks", 2), ("How it works", 5))
"""Each column and its share of the width the others leave (0: as wide as its words, never wrapped)."""
WHO = {"set": "the set", "scribe": "the scribe", "all": "everyone"}


def who_speaks(stage: Stage | None, presenter: str) -> str:
    """Short words for the plan's "Who speaks" column."""
    if stage is None:
        return ""
    return presenter if stage.speaker == "presenter" else WHO.get(stage.speaker, stage.speaker)


def how_it_works(stage: Stage | None, presenter: str, method: str = "") -> str:
    """The plan's "How it works" cell: the rule, whether the presenter only listens, the method."""
    if stage is None:
        return f"Method: {method}" if method else ""
    parts = [rule_line(stage)]
    if stage.rules.presenter_listens:
        parts.append(f"{presenter} only listens")
    if method:
        parts.append(f"method: {method}")
    elif stage.methods:
        parts.append(f"choose one of {len(stage.methods)} methods")
    return " · ".join(parts)


class IssueSessionScreen(MeetingScreen):
    HELP_ID = "session"
    CSS_PATH = ["common.tcss", "stage.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (60, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Begin", tooltip="Begin the first stage and start its clock", id="next"),
        Binding("ctrl+b", "back", "Back", tooltip="Back to choosing presenters", id="back"),
    ]

    def compose(self) -> ComposeResult:
        m = self.meeting
        session = self.flow.current_session
        assert session is not None
        p = session.presenter
        bank = self.ctx.bank
        planned = sum(run.planned_seconds for run in session.stages)
        actions = max(0, round(session.allotted_minutes - planned / 60))
        yield Header()
        yield self.phase_bar(f"Issue {m.session_index + 1} of {len(m.sessions)}")
        with VerticalScroll(id="session-intro"):
            yield Static(Content.assemble((p, "bold"), " presents"), classes="presenter-big")
            yield Static(Content(session.title or "(no title given)"), classes="issue-title")
            closing = f", including {actions} minutes at the end to decide actions" if actions else ""
            yield Static(
                Content.assemble(
                    (f"{session.allotted_minutes} minutes in all", "bold"), closing, ". Format: ", (bank.name, "bold"),
                    f" — {len(session.stages)} stages.",
                ),
                classes="muted",
            )
            # A table that fits the width it is given (wrapping its cells), at every terminal size;
            # cells are Text, shown literally (never as markup)
            table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, header_style="bold")
            for label, share in PLAN_COLUMNS:
                table.add_column(label, ratio=share or None, no_wrap=not share)
            for run in session.stages:
                stage = bank.stage(run.stage_id)
                table.add_row(
                    Text(run.title),
                    Text(format_seconds(run.planned_seconds)),
                    Text(who_speaks(stage, p)),
                    Text(how_it_works(stage, p, run.method)),
                )
            yield Static(table, id="plan")
            first = bank.stage(session.stages[0].stage_id) if session.stages else None
            first_title = first.title if first else (session.stages[0].title if session.stages else "")
            yield Static(
                Content.assemble(("First: ", "bold"), first_title, " — ", speaker_line(first, p), "."),
                classes="guidance",
            )
            yield Button(
                Content(f"Begin: {first_title}  (Ctrl+N)" if first_title else "Begin  (Ctrl+N)"),
                id="next", variant="primary", classes="next-button",
            )
        yield from self.compose_footer()

    def help_topic(self) -> dict[str, str]:
        """F1: how this format's stages work, starting with the first."""
        session = self.flow.current_session
        bank = self.ctx.bank
        first = bank.stage(session.stages[0].stage_id) if session and session.stages else None
        return stage_help(bank, first, session.presenter if session else "")

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
