"""Bids: who has an issue today, how urgent, how much time they would like."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Input, Static

from ..widgets.header import Header
from ..model import DEFAULT_MINUTES, DEFAULT_URGENCY, MINUTES_RANGE, TITLE_MAX, URGENCY_RANGE, Bid, Prep, clean_text
from ..widgets.footer import Footer
from ..widgets.marked import MarkedCheckbox
from .base import MeetingScreen


@dataclass
class RowStart:
    """What a member's row starts with: a bid recorded earlier, a prep they drafted, or nothing."""

    member: str
    title: str = ""
    urgency: str = ""
    minutes: str = ""
    nothing_today: bool = False
    prep: Prep | None = None

    @property
    def from_prep(self) -> bool:
        return self.prep is not None


class BidScreen(MeetingScreen):
    """One row per present member; Ctrl+N records every bid and goes on to choosing presenters."""

    CSS_PATH = ["common.tcss", "bids.tcss"]
    HELP_ID = "bids"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (100, "-wide")]  # (bids.tcss)
    BINDINGS = [
        Binding("ctrl+n", "next", "Continue", priority=True, id="next",
                tooltip="Record the bids and go on to choosing presenters"),
        Binding("ctrl+b", "back", "Back", priority=True, id="back",
                tooltip="Back to the check-in (bids typed so far are kept)"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # An empty "minutes" means the time the set's format needs for one presenter, but never
        # more than there is today.
        wanted = min(self.flow.format_minutes or DEFAULT_MINUTES, self.flow.available_minutes)
        self.default_minutes = max(MINUTES_RANGE[0], min(MINUTES_RANGE[1], wanted))
        self.rows = [self._row_start(name) for name in self.meeting.present]

    def _row_start(self, member: str) -> RowStart:
        store = self.ctx.app.store
        prep = store.get_prep(self.ctx.alset.id, member)
        usable = prep is not None and prep.issue.strip() and prep.used_in in ("", self.meeting.id)
        bid = self.meeting.bid_for(member)
        if bid is not None:
            came_from_prep = prep is not None and prep.used_in == self.meeting.id
            return RowStart(member, "" if bid.nothing_today else bid.title, str(bid.urgency), str(bid.minutes),
                            bid.nothing_today, prep if came_from_prep else None)
        if usable and prep is not None:
            return RowStart(member, clean_text(prep.issue, TITLE_MAX, single_line=True),
                            str(min(5, max(1, prep.urgency))), str(min(120, max(5, prep.minutes))), False, prep)
        return RowStart(member)

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield self.phase_bar("Bids")
        yield Static(id="bids-time")
        with Horizontal(id="bids-head"):
            yield Static(Content.styled("Member", "bold"), classes="bid-name")
            yield Static(Content.assemble(("Issue", "bold"), "\nempty = nothing today"), classes="bid-title")
            yield Static(Content.assemble(("Urgency", "bold"), "\n1 to 5"), classes="bid-urgency")
            yield Static(Content.assemble(("Minutes", "bold"), "\n5 to 120"), classes="bid-minutes")
            yield Static("", classes="bid-nothing")
        with VerticalScroll(id="bids-rows", can_focus=False):
            if not self.rows:
                yield Static("Nobody is marked present, so there are no bids. Press Ctrl+N to go on.",
                             id="bids-empty")
            for i, row in enumerate(self.rows):
                with Horizontal(classes="bid-row"):
                    name = Content.styled(row.member, "bold")
                    if row.from_prep:
                        name = Content.assemble(name, ("\n(from prep)", "italic"))
                    yield Static(name, classes="bid-name")
                    yield Input(row.title, placeholder="Issue in a few words — or leave empty",
                                id=f"title-{i}", classes="bid-title", max_length=TITLE_MAX,
                                disabled=row.nothing_today)
                    yield Input(row.urgency, placeholder=str(DEFAULT_URGENCY), id=f"urgency-{i}",
                                classes="bid-urgency", type="integer", valid_empty=True,
                                validators=[Integer(*URGENCY_RANGE)], disabled=row.nothing_today)
                    yield Input(row.minutes, placeholder=str(self.default_minutes), id=f"minutes-{i}",
                                classes="bid-minutes", type="integer", valid_empty=True,
                                validators=[Integer(*MINUTES_RANGE)], disabled=row.nothing_today)
                    yield MarkedCheckbox("Nothing today", row.nothing_today, id=f"nothing-{i}",
                                         classes="bid-nothing")
        yield Static(id="bids-error")
        with Horizontal(id="bids-buttons"):
            yield Button("Continue (Ctrl+N)", id="next", variant="primary")
            yield Button("Back to check-in (Ctrl+B)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#bids-error").display = False
        for title in self.query(".bid-title").results(Input):  # a long issue reads from its start
            title.cursor_position = 0
        self._show_time()
        for i, row in enumerate(self.rows):
            if not row.nothing_today:
                self.query_one(f"#title-{i}", Input).focus()
                break
        else:
            self.query_one("#next", Button).focus()

    @on(Input.Blurred, ".bid-title")
    def _title_left(self, event: Input.Blurred) -> None:
        event.input.cursor_position = 0  # the row reads from the start of its issue again

    def _show_time(self) -> None:
        available = self.flow.available_minutes
        issues = wanted = 0
        for i in range(len(self.rows)):
            if self._nothing(i):
                continue
            issues += 1
            wanted += self._number(i, "minutes", self.default_minutes) or 0
        parts: list[str | tuple[str, str]] = [
            "Time for issues today: ", (f"{available} min", "bold"),
            f"  ·  {issues} issue{'s' if issues != 1 else ''} so far",
        ]
        if issues:
            parts.append(f", {wanted} min wanted")
            if wanted > available:
                parts.append(("  (more than there is: the set will choose)", "italic"))
        self.query_one("#bids-time", Static).update(Content.assemble(*parts))

    # -- reading the rows -----------------------------------------------------------------------
    def _nothing(self, i: int) -> bool:
        return self.query_one(f"#nothing-{i}", Checkbox).value or not self.query_one(f"#title-{i}", Input).value.strip()

    def _number(self, i: int, field: str, default: int) -> int | None:
        """The row's number, the default when empty, None when invalid."""
        widget = self.query_one(f"#{field}-{i}", Input)
        text = widget.value.strip()
        if not text:
            return default
        result = widget.validate(text)
        if result is not None and not result.is_valid:
            return None
        try:
            return int(text)
        except ValueError:
            return None

    def _problem(self, i: int) -> tuple[str, str] | None:
        """(message, widget id) for a row that cannot be recorded, else None."""
        if self._nothing(i):
            return None
        member = self.rows[i].member
        if self._number(i, "urgency", DEFAULT_URGENCY) is None:
            low, high = URGENCY_RANGE
            return f"{member}: urgency is a whole number from {low} to {high}.", f"#urgency-{i}"
        if self._number(i, "minutes", self.default_minutes) is None:
            low, high = MINUTES_RANGE
            return f"{member}: minutes wanted is a whole number from {low} to {high}.", f"#minutes-{i}"
        return None

    def _bid(self, i: int) -> Bid:
        member = self.rows[i].member
        nothing = self._nothing(i)
        title = clean_text(self.query_one(f"#title-{i}", Input).value, TITLE_MAX, single_line=True)
        urgency = self._number(i, "urgency", DEFAULT_URGENCY) or DEFAULT_URGENCY
        minutes = self._number(i, "minutes", self.default_minutes) or self.default_minutes
        return Bid(member, "" if nothing else title, urgency, minutes, nothing)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#bids-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def _record(self, strict: bool) -> bool:
        """Record the rows' bids (and mark used preps). With *strict*, the first row that cannot
        be recorded stops everything with an error; otherwise such rows are left out."""
        good = []
        for i in range(len(self.rows)):
            problem = self._problem(i)
            if problem is not None:
                if strict:
                    message, focus = problem
                    self._show_error(message)
                    self.query_one(focus).focus()
                    self.app.bell()
                    return False
                continue
            good.append(i)
        for i in good:
            bid = self._bid(i)
            self.flow.record_bid(bid)
            prep = self.rows[i].prep
            if prep is not None and not bid.nothing_today and prep.used_in != self.meeting.id:
                prep.used_in = self.meeting.id
                self.als.persist(self.als.store.save_prep, prep)
        return True

    # -- actions --------------------------------------------------------------------------------
    def action_next(self) -> None:
        if not self._record(strict=True):
            return
        self.flow.finish_bids()
        self.ctx.save()
        self.go_next()

    def action_back(self) -> None:
        self._record(strict=False)
        self.flow.goto_phase("checkin")
        self.ctx.save()
        self.go_next()

    # -- events ---------------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.action_next()
        elif event.button.id == "back":
            self.action_back()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        index = (event.checkbox.id or "").removeprefix("nothing-")
        if not index.isdigit():
            return
        for field in ("title", "urgency", "minutes"):
            self.query_one(f"#{field}-{index}", Input).disabled = event.value
        self._show_time()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_time()
        field, _, index = (event.input.id or "").partition("-")
        if field in ("urgency", "minutes") and index.isdigit():
            problem = self._problem(int(index))
            self._show_error(problem[0] if problem else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
