"""History: the set's meetings, newest first; Enter opens one read-only, as its summary."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..export import same_day_words
from ..widgets.header import Header
from ..model import ABANDONED, FINISHED, IN_PROGRESS, ALSet, Meeting
from ..widgets.footer import Footer
from .base import MeetingContext
from ..navigation import GoBack, OpenScreen
from .styled import StyledOnMount
from .summary import SummaryScreen

STATUS_WORDS = {FINISHED: "✓ finished", ABANDONED: "✗ abandoned", IN_PROGRESS: "▶ in progress"}


class PastMeetingScreen(SummaryScreen):
    """The summary of a meeting that did not finish (abandoned, or still in progress), read-only:
    nothing here can finish or change it."""

    def __init__(self, ctx: MeetingContext) -> None:
        super().__init__(ctx)
        self.read_only = True

    def phase_bar(self, label: str) -> Static:
        status = self.meeting.status
        word = "abandoned (closed before the end)" if status == ABANDONED else "still in progress (a draft)"
        return super().phase_bar(f"Summary — {word}")

    def on_mount(self) -> None:
        if self.meeting.status == ABANDONED:
            note = Content.assemble(("This meeting was closed before it finished", "bold"),
                                    "; what was recorded is kept. Esc goes back.")
        else:
            note = Content.assemble(("This meeting is still in progress", "bold"),
                                    ": press m on the home screen to resume it. Esc goes back.")
        self.query_one("#finished-note", Static).update(note)


class HistoryScreen(StyledOnMount, Screen[None]):
    """The set's meetings; Enter opens the highlighted one, i shows the set's insight."""

    HELP_ID = "history"
    CSS_PATH = ["common.tcss", "history.tcss"]
    SUB_TITLE = "History"
    AUTO_FOCUS = "#history-table"
    BINDINGS = [
        # priority: the table's own (hidden) Enter would otherwise hide this one from the footer
        Binding("enter", "open", "Open", tooltip="Read the highlighted meeting's summary", id="open", priority=True),
        Binding("i", "insight", "Insight", tooltip="Attendance, fairness, actions done and time, with charts",
                id="insight"),
        Binding("escape", "back", "Back", tooltip="Back to where you came from", id="back"),
    ]

    def __init__(self, alset: ALSet) -> None:
        super().__init__()
        self.alset = alset
        self.meetings: list[Meeting] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-bar", classes="phase-bar")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-note")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("date", "Date"), ("status", "Status"), ("present", "Present"),
                           ("presented", "Presented"), ("actions", "Actions")):
            table.add_column(label, key=key)
        self.reload()

    def reload(self) -> None:
        store = self.als.store
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self.meetings = list(reversed(store.meetings(self.alset.id)))  # newest first
        agreed = Counter(a.meeting_id for a in store.actions(self.alset.id))
        table.clear()
        on_day: dict[str, list[str]] = {}  # each date's meetings in the order they were held
        for m in reversed(self.meetings):
            on_day.setdefault(m.date, []).append(m.id)
        for m in self.meetings:
            presenters = list(dict.fromkeys(s.presenter for s in m.sessions if s.presenter))
            present = f"{len(m.present)} of {len(m.attendance)}" if m.attendance else "—"
            day = on_day[m.date]  # two meetings on one date told apart, as in their minutes
            when = m.date + same_day_words(day.index(m.id) + 1, len(day))
            row = (when, STATUS_WORDS.get(m.status, m.status), present, ", ".join(presenters) or "—",
                   str(agreed.get(m.id, 0)))
            table.add_row(*(Text(cell) for cell in row), key=m.id)  # Text: names are never markup
        if self.meetings:
            table.move_cursor(row=min(max(keep, 0), len(self.meetings) - 1))
        table.display = bool(self.meetings)
        held = sum(1 for m in self.meetings if m.status == FINISHED)
        bar: list[Content | str | tuple[str, str]] = [
            (self.alset.name, "bold"), "  ·  ", ("History", "bold reverse"),
            f"  ·  {held} meeting{'s' if held != 1 else ''} held",
        ]
        others = len(self.meetings) - held
        if others:
            bar.append(f", {others} not finished")
        self.query_one("#history-bar", Static).update(Content.assemble(*bar))
        note = self.query_one("#history-note", Static)
        if not self.meetings:
            note.update(Content.assemble(
                ("No meetings yet. ", "bold"),
                "After your first meeting its summary is kept here: who came, who presented, the "
                "actions agreed and how the time went. Press Esc, then m to start one."))
        else:
            note.update(Content.styled(
                "Enter: read the meeting's summary · i: the set's insight (attendance, fairness, actions, time)",
                "dim"))

    # -- actions -------------------------------------------------------------------------------
    def _highlighted(self) -> Meeting | None:
        table = self.query_one(DataTable)
        if not self.meetings or not 0 <= table.cursor_row < len(self.meetings):
            return None
        return self.meetings[table.cursor_row]

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        meeting = self._highlighted()
        if meeting is None:
            return
        alset = self.als.store.get_set(self.alset.id) or self.alset
        ctx = MeetingContext.for_meeting(self.als, alset, meeting)
        screen = SummaryScreen(ctx) if meeting.status == FINISHED else PastMeetingScreen(ctx)
        self.navigate(OpenScreen(screen))

    def action_insight(self) -> None:
        from .insight import InsightScreen

        self.navigate(OpenScreen(InsightScreen(self.alset)))

    def action_back(self) -> None:
        self.navigate(GoBack(self))
