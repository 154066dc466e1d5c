"""What every meeting screen shares: the meeting context, saving, and moving between phases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..bank import Bank
from ..flow import EarlyReport, MeetingFlow, reports_before
from ..model import FINISHED, IN_PROGRESS, NOT_DONE, OPEN, PARTLY, Action, ALSet, Meeting
from ..navigation import LeaveMeeting, ShowPhase
from ..widgets.footer import Footer
from .styled import StyledOnMount

if TYPE_CHECKING:
    from ..app import ALSApp


OPEN_STATUSES = (OPEN, PARTLY, NOT_DONE)
HISTORY_MEETINGS = 24
"""How many past meetings a meeting looks back over (two years of a monthly set)."""


@dataclass
class MeetingContext:
    """The meeting being run, with what the screens need to run it."""

    app: ALSApp
    alset: ALSet
    meeting: Meeting
    bank: Bank
    flow: MeetingFlow
    history: list[Meeting] = field(default_factory=list)
    autostart: bool = False
    """Set when the set moves on to the next stage: its clock starts at once. A clock
    restored after an interruption (autostart False) comes back paused."""
    day_ids: list[str] = field(default_factory=list)
    """The ids of the set's meetings held on this meeting's date, in the order they were held."""
    _early: list[EarlyReport] | None = field(default=None, init=False, repr=False)

    @classmethod
    def for_meeting(cls, app: ALSApp, alset: ALSet, meeting: Meeting) -> MeetingContext:
        bank = app.bank_for(alset.bank)
        # The rota, the check-in order, the fair choice of presenters and "last time we agreed
        # to change" look back over the recent meetings only: a step costs the same at 600
        # meetings as at 6.
        recent = app.store.recent_meetings(alset.id, HISTORY_MEETINGS + 1)
        history = [m for m in recent if m.id != meeting.id and m.status != "in_progress"][-HISTORY_MEETINGS:]
        flow = MeetingFlow(meeting, alset, now=app.now, stages=bank.stages)
        day_ids = app.store.meeting_ids_on(alset.id, meeting.date)
        return cls(app, alset, meeting, bank, flow, history, day_ids=day_ids)

    def same_day(self) -> tuple[int, int]:
        """(n, of): this meeting is the n-th of *of* the set held on its date."""
        ids = self.day_ids if self.meeting.id in self.day_ids else [*self.day_ids, self.meeting.id]
        return ids.index(self.meeting.id) + 1, len(ids)

    def save(self) -> bool:
        """Save the meeting now (the writer thread makes it durable moments later)."""
        return self.app.persist(self.app.store.save_meeting, self.meeting)

    def save_durably(self) -> bool:
        """Save and wait until it is on disk: every step is durable before the screen moves on."""
        return self.save() and self.app.store.flush()

    def actions(self, owner: str | None = None) -> list[Action]:
        return self.app.store.actions(self.alset.id, owner)

    def open_actions_of(self, member: str) -> list[Action]:
        """*member*'s actions still open, and those reported on at this meeting (a redo shows
        them): what the check-in needs, not every action they ever had."""
        meeting_id = self.meeting.id
        return self.app.store.actions_where(self.alset.id, lambda d: d.get("owner") == member and (
            d.get("status", OPEN) in OPEN_STATUSES
            or any(h.get("meeting_id") == meeting_id for h in d.get("history") or ())), owner=member)

    def actions_agreed_here(self, owner: str) -> list[Action]:
        """*owner*'s actions agreed at this meeting (the actions step, on a return to it)."""
        meeting_id = self.meeting.id
        return self.app.store.actions_where(
            self.alset.id, lambda d: d.get("owner") == owner and d.get("meeting_id") == meeting_id, owner=owner)

    def minutes_actions(self) -> list[Action]:
        """What the minutes name: the actions agreed at this meeting and those reported on at its
        check-in (not the whole history of the set's actions)."""
        meeting_id = self.meeting.id
        reported = {u.action_id for c in self.meeting.checkins for u in c.updates}
        return self.app.store.actions_where(
            self.alset.id, lambda d: d.get("meeting_id") == meeting_id or d.get("id") in reported)

    def reports_before(self) -> list[EarlyReport]:
        """The report-backs made between meetings (in prep, the tracker) that this meeting hears:
        those since the set's previous meeting (:func:`~als_tui.flow.reports_before`). Found once."""
        if self._early is None:
            m, store = self.meeting, self.app.store
            if m.status == IN_PROGRESS:
                earlier = self.history
            else:  # a past meeting: the meetings before it (a window of them, or all when it is old)
                held = store.recent_meetings(self.alset.id, HISTORY_MEETINGS + 1)
                if all(x.id != m.id for x in held):
                    held = store.meetings(self.alset.id)
                ids = [x.id for x in held]
                earlier = held[:ids.index(m.id)] if m.id in ids else held
            between = store.actions_where(
                self.alset.id, lambda d: any(not h.get("meeting_id") for h in d.get("history") or ()))
            self._early = reports_before(m, earlier, between)
        return self._early

    def save_action(self, action: Action) -> bool:
        return self.app.persist(self.app.store.save_action, action)

    @property
    def finished(self) -> bool:
        return self.meeting.status == FINISHED


class MeetingScreen(StyledOnMount, Screen[None]):
    """Base of the screens that run a meeting. Subclasses add their own bindings and body."""

    HELP_ID = "general"
    # A small terminal (a laptop's split screen, 40x12): the header goes, buttons go flat, and each
    # screen keeps its clock and its main control in view (see each screen's .tcss).
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (18, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+l", "leave", "Home", tooltip="Back to the home screen; the meeting is saved and can be resumed", id="leave"),
    ]

    def __init__(self, ctx: MeetingContext) -> None:
        super().__init__()
        self.ctx = ctx

    @property
    def meeting(self) -> Meeting:
        return self.ctx.meeting

    @property
    def flow(self) -> MeetingFlow:
        return self.ctx.flow

    def on_screen_suspend(self) -> None:
        """A dialog over this screen shows the notices itself: this screen's copy goes, or a
        notice would show twice (the stage and the check-in place theirs elsewhere than a
        dialog does). Textual shows them here again when the screen resumes."""
        for rack in self.query("ToastRack"):
            rack.display = False

    def phase_bar(self, label: str) -> Static:
        """A one-line header: set, date, phase. Text, not colour, carries the information."""
        m = self.meeting
        return Static(
            Content.assemble((self.ctx.alset.name, "bold"), f"  ·  {m.date}  ·  ", (label, "bold reverse")),
            classes="phase-bar",
        )

    def compose_footer(self) -> ComposeResult:
        yield Footer()

    def go_next(self) -> None:
        """Save durably, then show the screen for the meeting's current phase."""
        self.ctx.save_durably()
        self.navigate(ShowPhase(self.ctx))

    def action_leave(self) -> None:
        self.before_leave()
        self.ctx.save()
        self.navigate(LeaveMeeting())

    def before_leave(self) -> None:
        """Hook: stop clocks and capture state before leaving."""
