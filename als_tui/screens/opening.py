"""Opening: attendance, today's facilitator and timekeeper, the ground rules read aloud."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from ..widgets.header import Header
from ..flow import suggest_rota
from ..model import APOLOGIES, PRESENT
from ..widgets.marked import MarkedSelectionList
from .base import MeetingScreen
from .stage_words import rules_for_format


class OpeningScreen(MeetingScreen):
    HELP_ID = "opening"
    CSS_PATH = ["common.tcss", "opening.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (60, "-wide")]  # below 60 columns: one column
    BINDINGS = [
        Binding("ctrl+n", "next", "Start check-in", tooltip="Save the opening and begin the round-robin", id="next"),
    ]

    def compose(self) -> ComposeResult:
        alset = self.ctx.alset
        m = self.meeting
        members = alset.active_members
        present = {n for n, s in m.attendance.items() if s == PRESENT} if m.attendance else set(members)
        yield Header()
        yield self.phase_bar("Opening")
        with Horizontal(id="opening-body"):
            with VerticalScroll(id="opening-form"):
                yield Label("Who is here? (untick anyone who sent apologies)")
                # ticked shows X, unticked a blank: the state is in the glyph, not only its colour
                yield MarkedSelectionList(*[(Content(n), n, n in present) for n in members], id="attendance")
                yield Label("Facilitator today")
                yield Select([(Content(n), n) for n in members], id="facilitator", allow_blank=False)
                yield Label("Timekeeper today")
                yield Select([(Content(n), n) for n in members], id="timekeeper", allow_blank=False)
                yield Label("Meeting length (minutes)")
                yield Input(str(m.planned_minutes), id="length", type="integer", validators=[Integer(30, 480)])
            with VerticalScroll(id="rules"):
                yield Static("Our ground rules — read them aloud", classes="rules-title")
                for number, rule in enumerate(rules_for_format(alset.ground_rules, self.ctx.bank), start=1):
                    yield Static(Content.assemble((f"{number}. ", "bold"), rule), classes="rule")
                if not alset.ground_rules:
                    yield Static("No ground rules agreed yet: agree some together (Edit set on the home screen).")
                change = self._last_change()
                if change:
                    yield Static(Content.assemble(("Last time we agreed to change: ", "bold"), change), id="last-change")
        yield Static("", id="opening-error")
        with Horizontal(id="opening-buttons"):  # outside the scrolling form: always in view
            yield Button("Start check-in  (Ctrl+N)", id="next", variant="primary")
        yield from self.compose_footer()

    def _last_change(self) -> str:
        for past in reversed(self.ctx.history):
            if past.review.change_next_time:
                return past.review.change_next_time
        return ""

    def on_mount(self) -> None:
        self._suggest_roles(keep_saved=True)
        self.query_one("#attendance").focus()

    def _present(self) -> list[str]:
        ticked = set(self.query_one("#attendance", SelectionList).selected)
        return [n for n in self.ctx.alset.active_members if n in ticked]

    def _suggest_roles(self, keep_saved: bool = False) -> None:
        m = self.meeting
        present = self._present()
        if keep_saved and m.facilitator and m.timekeeper:
            facilitator, timekeeper = m.facilitator, m.timekeeper
        else:
            facilitator, timekeeper = suggest_rota(present, self.ctx.history, roster=self.ctx.alset.active_members)
        if facilitator:
            self.query_one("#facilitator", Select).value = facilitator
        if timekeeper:
            self.query_one("#timekeeper", Select).value = timekeeper

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._suggest_roles()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.action_next()

    def _error(self, text: str) -> None:
        self.query_one("#opening-error", Static).update(text)
        self.app.bell()

    def action_next(self) -> None:
        present = self._present()
        if not present:
            self._error("Tick at least one person who is here.")
            return
        length = self.query_one("#length", Input)
        result = length.validate(length.value)
        if result is not None and not result.is_valid:
            self._error("Meeting length: " + "; ".join(result.failure_descriptions))
            return
        facilitator = str(self.query_one("#facilitator", Select).value)
        timekeeper = str(self.query_one("#timekeeper", Select).value)
        if facilitator not in present or timekeeper not in present:
            self._error("The facilitator and the timekeeper need to be people who are here.")
            return
        for name in self.ctx.alset.active_members:
            self.flow.set_attendance(name, PRESENT if name in present else APOLOGIES)
        self.flow.set_roles(facilitator, timekeeper)
        self.meeting.planned_minutes = int(length.value)
        self.meeting.checkin_order = []
        self.flow.goto_phase("checkin")
        self.go_next()
