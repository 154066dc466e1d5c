"""Selection: choose today's presenters and split the time for issues between them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, DataTable, Input, Label, SelectionList, Static

from ..widgets.header import Header
from ..flow import MIN_SESSION_MINUTES, split_time, suggest_presenters
from ..model import IN_PROGRESS, Bid
from ..widgets.footer import Footer
from ..widgets.marked import MarkedSelectionList
from .base import MeetingScreen
from .breakpoints import take_breakpoints

MAX_PRESENTERS = 3  # two is usual; a third only after a warning
ALLOT_RANGE = (1, 180)


class MinutesPanel(Vertical):
    """An Input of minutes for each ticked presenter, in presenting order. Rebuilt on change."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chosen: list[str] = []
        self.minutes: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        if not self.chosen:
            yield Static("Nobody ticked: no issue sessions today.", classes="sel-none")
            return
        for i, name in enumerate(self.chosen):
            with Horizontal(classes="sel-minutes-row"):
                yield Static(Content.assemble(f"{i + 1}. ", (name, "bold")), classes="sel-minutes-name")
                yield Input(str(self.minutes.get(name, "")), id=f"min-{i}", type="integer",
                            validators=[Integer(*ALLOT_RANGE)], classes="sel-minutes-input")
                yield Static("min", classes="sel-minutes-unit")


class SelectionScreen(MeetingScreen):
    """Suggested presenters are ticked; the set can change the ticks and the minutes."""

    CSS_PATH = ["common.tcss", "selection.tcss"]
    HELP_ID = "selection"
    # Below 70 columns (a split screen) the choice and the minutes stack, one above the other
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Start", priority=True, id="next",
                tooltip="Start with the first presenter (or, with nobody ticked, go to the process review)"),
        Binding("ctrl+b", "back", "Back to bids", priority=True, id="back",
                tooltip="Back to the bids"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        bids = self.meeting.bids
        self.available = self.flow.available_minutes
        self.candidates: list[Bid] = [b for b in bids if b.title.strip() and not b.nothing_today]
        self.ranking = suggest_presenters(bids, ctx.history, max(1, len(bids)), None)
        self.suggested = suggest_presenters(bids, ctx.history, 2, self.available)
        self.wanted = {b.member: b.minutes for b in self.candidates}
        earlier = [s for s in self.meeting.sessions if s.presenter in self.wanted]
        if earlier:  # back here after choosing once: start from that choice
            self.initial = [s.presenter for s in earlier]
            self.initial_minutes = {s.presenter: s.allotted_minutes for s in earlier}
        else:
            self.initial = list(self.suggested)
            self.initial_minutes = split_time(self.available, self.initial, self.wanted)
        self._ticked_before = len(self.initial)

    # -- history --------------------------------------------------------------------------------
    def last_presented(self, member: str) -> str:
        dates = [
            m.date for m in self.ctx.history
            if m.status != IN_PROGRESS and any(s.presenter == member for s in m.sessions)
        ]
        if dates:
            return max(dates)
        from .base import HISTORY_MEETINGS

        return "not lately" if len(self.ctx.history) >= HISTORY_MEETINGS else "never"

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        take_breakpoints(self)  # (before the first layout: the focus scrolls to the choice in it)
        yield Header()
        yield self.phase_bar("Choosing presenters")
        with VerticalScroll(id="sel-body", can_focus=False):
            yield Static(self._why(), id="sel-why")
            if self.candidates:
                yield DataTable(id="sel-table", show_cursor=False, cursor_type="none", zebra_stripes=True)
            yield Static(self._nothing_today(), id="sel-nothing")
            with Horizontal(id="sel-choose"):
                with Vertical(id="sel-left"):
                    yield Label("Who presents today? (Space ticks)", classes="sel-label")
                    yield MarkedSelectionList(
                        *[(self._choice_label(b), b.member, b.member in self.initial) for b in self._ranked()],
                        id="sel-list",
                    )
                with Vertical(id="sel-right"):
                    yield Label("Minutes each, in presenting order", classes="sel-label")
                    yield MinutesPanel(id="sel-minutes")
            yield Static(id="sel-total")
            yield Static(id="sel-error")
        with Horizontal(id="sel-buttons"):
            yield Button("Start (Ctrl+N)", id="next", variant="primary")
            yield Button("Back to bids (Ctrl+B)", id="back")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#sel-error").display = False
        if self.candidates:
            table = self.query_one(DataTable)
            table.can_focus = False
            table.add_columns("Member", "Issue", "Urgency", "Wants", "Last presented")
            for bid in self._ranked():
                # rich Text cells: shown literally (a plain str cell would be read as markup)
                mark = "▶ " if bid.member in self.suggested else "  "
                table.add_row(
                    Text.assemble(mark, (bid.member, "bold")),
                    Text(bid.title),
                    Text(f"{bid.urgency} of 5"),
                    Text(f"{bid.minutes} min"),
                    Text(self.last_presented(bid.member)),
                )
        else:
            self.query_one("#sel-choose").display = False
        await self._show_minutes(self._chosen(), self.initial_minutes)
        if self.candidates:
            self.query_one("#sel-list").focus()
        else:
            self.query_one("#next", Button).focus()

    def _ranked(self) -> list[Bid]:
        order = {name: i for i, name in enumerate(self.ranking)}
        return sorted(self.candidates, key=lambda b: order.get(b.member, len(order)))

    def _choice_label(self, bid: Bid) -> Content:
        return Content.assemble((bid.member, "bold"), f" · urgency {bid.urgency} · wants {bid.minutes} min")

    def _nothing_today(self) -> Content:
        names = [b.member for b in self.meeting.bids if b.nothing_today or not b.title.strip()]
        if not names:
            return Content("")
        return Content.assemble(("Nothing today: ", "bold"), ", ".join(names))

    def _why(self) -> Content:
        if not self.candidates:
            return Content.assemble(
                ("Nobody has an issue today.", "bold"),
                " Press Ctrl+N to go straight to the process review — or Ctrl+B to go back to the bids.",
            )
        if self.available <= 0:
            return Content.assemble(
                ("No time is left for issues", "bold"),
                " (check-in used it), so nobody is suggested. You can still tick someone.",
            )
        names = ", then ".join(self.suggested)
        if len(self.suggested) == 1 and len(self.candidates) > 1 and self.available < 2 * MIN_SESSION_MINUTES:
            return Content.assemble(
                "Suggested: ", (names, "bold"),
                f" — the most urgent. {self.available} min is too little for two presenters "
                f"(at least {MIN_SESSION_MINUTES} min each).",
            )
        return Content.assemble(
            "Suggested (▶): ", (names, "bold"),
            " — most urgent first, then whoever presented least recently. The set decides.",
        )

    # -- state ----------------------------------------------------------------------------------
    def _chosen(self) -> list[str]:
        """Ticked members in presenting order (the ranking)."""
        if not self.candidates:
            return []
        ticked = set(self.query_one(MarkedSelectionList).selected)
        return [b.member for b in self._ranked() if b.member in ticked]

    async def _show_minutes(self, chosen: list[str], minutes: dict[str, int]) -> None:
        panel = self.query_one(MinutesPanel)
        panel.chosen = chosen
        panel.minutes = minutes
        await panel.recompose()
        self._show_total()
        start = self.query_one("#next", Button)
        if chosen:
            start.label = Content.assemble("Start with ", (chosen[0], "bold"), " (Ctrl+N)")
        else:
            start.label = "Go to the process review (Ctrl+N)"

    def _minutes(self) -> tuple[dict[str, int], tuple[str, str] | None]:
        """Minutes per chosen presenter, and the first problem (message, widget id) if any."""
        panel = self.query_one(MinutesPanel)
        result: dict[str, int] = {}
        for i, name in enumerate(panel.chosen):
            widget = self.query_one(f"#min-{i}", Input)
            check = widget.validate(widget.value)
            if check is not None and not check.is_valid or not widget.value.strip():
                low, high = ALLOT_RANGE
                return result, (f"{name}: minutes is a whole number from {low} to {high}.", f"#min-{i}")
            result[name] = int(widget.value)
        return result, None

    def _show_total(self) -> None:
        minutes, _problem = self._minutes()
        total = sum(minutes.values())
        available = self.available
        chosen = self.query_one(MinutesPanel).chosen
        if not chosen:
            text = Content("Nobody ticked: the meeting goes straight to the process review.")
        elif total <= available:
            text = Content.assemble(
                "Planned: ", (f"{total} of {available} min", "bold"), f" for issues — {available - total} min spare.",
                " Time for the process review and close is already kept aside.",
            )
        else:
            text = Content.assemble(
                ("⚠ Over: ", "bold"), (f"{total} of {available} min", "bold"),
                f" — {total - available} min more than there is. The meeting runs late unless someone has less.",
            )
        self.query_one("#sel-total", Static).update(text)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#sel-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    # -- actions --------------------------------------------------------------------------------
    def action_next(self) -> None:
        chosen = self.query_one(MinutesPanel).chosen
        minutes, problem = self._minutes()
        if problem is not None:
            message, focus = problem
            self._show_error(message)
            self.query_one(focus).focus()
            self.app.bell()
            return
        if not chosen:
            self._ask_before_skipping()
            return
        self._start(chosen, minutes)

    def _ask_before_skipping(self) -> None:
        """No presenter: the issue sessions, the heart of the meeting, would be skipped. A set
        that meant to bid (or a Ctrl+N too many) must not lose them, so the set is asked; the
        answer the keys start on is the safe one."""
        from .confirm import ConfirmScreen

        if self.candidates:
            title, question, stay = (
                "Nobody is ticked",
                "Nobody is ticked to present, so there would be no issue sessions today. "
                "Go straight to the process review?",
                "Choose someone",
            )
        else:
            title, question, stay = (
                "Nobody presents today",
                "Nobody brought an issue, so there would be no issue sessions today. Go straight "
                "to the process review? If someone meant to bring one, go back to the bids.",
                "Back to the bids",
            )

        def answered(skip: bool | None) -> None:
            if skip:
                self._start([], {})
            elif self.candidates:
                self.query_one("#sel-list").focus()
            else:
                self.flow.reopen_bids()
                self.ctx.save()
                self.go_next()

        self.app.push_screen(ConfirmScreen(title, question, "Go to the review", stay), answered)

    def _start(self, chosen: list[str], minutes: dict[str, int]) -> None:
        self.flow.select(chosen, minutes)
        self.ctx.save()
        if not chosen:
            self.notify("No issues today — straight to the process review.", title="Selection")
        self.go_next()

    def action_back(self) -> None:
        self.flow.goto_phase("bids")
        self.ctx.save()
        self.go_next()

    # -- events ---------------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.action_next()
        elif event.button.id == "back":
            self.action_back()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        selection_list = event.selection_list
        count = len(selection_list.selected)
        value = event.selection.value
        if value not in selection_list.selected:
            return
        if count > MAX_PRESENTERS:
            selection_list.deselect(value)
            self.notify(f"At most {MAX_PRESENTERS} presenters in one meeting.", severity="warning")
        elif count == MAX_PRESENTERS:
            self.notify(
                "Three presenters: each gets less time, and the last one often gets squeezed. "
                "Most sets take one or two.",
                severity="warning",
                title="A third presenter",
            )

    async def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = self._chosen()
        if chosen == self.query_one(MinutesPanel).chosen:
            return
        await self._show_minutes(chosen, split_time(self.available, chosen, self.wanted))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_total()
        _minutes, problem = self._minutes()
        self._show_error(problem[0] if problem else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
