"""Moving between screens: the messages a screen (or the command palette) posts, and the app's
one place that routes them.

A screen says where the set wants to go — the meeting moved on, back to a phase, leave the
meeting, open the history — and never how the app gets there: it posts one of these messages
(``self.navigate(LeaveMeeting())``, :class:`~als_tui.screens.styled.AppFace`) and
:class:`Navigation`, mixed into the app, pushes, switches or pops screens. A dialog that asks a
question (``push_screen`` with a callback, ``dismiss``) is not navigation and stays with its screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.app import App
from textual.message import Message
from textual.widget import Widget

from . import model
from .screens.styled import AppFace

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from textual.actions import ActionParseResult
    from textual.dom import DOMNode
    from textual.screen import Screen

    from .screens.base import MeetingContext, MeetingScreen
    from .screens.home import HomeScreen
    from .store import Store

    _AppBase = App[object]
else:
    _AppBase = object

Between = Literal["prep", "gym", "history", "tracker", "insight"]
"""The screens between meetings, opened from home for a set."""

PHASE_LABELS = {
    "opening": "Opening",
    "checkin": "Check-in",
    "bids": "Bids",
    "selection": "Choosing presenters",
    "session": "Issue sessions",
    "review": "Process review",
    "summary": "Summary",
}


# -- what a screen asks for ----------------------------------------------------------------------
class Leaving(Message):
    """A move that always takes the asking screen away: until the app has made it, the screen acts
    on no more keys (two quick Ctrl+N never run one step twice)."""


class ShowPhase(Leaving):
    """The meeting has moved on (saved): show the screen for its current phase in place of the
    meeting screen."""

    def __init__(self, ctx: MeetingContext) -> None:
        super().__init__()
        self.ctx = ctx


class GoToPhase(Message):
    """Back to *phase*, one the open meeting has already reached; everything so far is kept."""

    def __init__(self, phase: str) -> None:
        super().__init__()
        self.phase = phase


class OpenMeeting(Message):
    """Into the set's meeting: resume the one in progress (after asking) or start today's."""

    def __init__(self, alset: model.ALSet) -> None:
        super().__init__()
        self.alset = alset


class LeaveMeeting(Leaving):
    """Back home from the meeting (which the screen has saved): it stays in progress or finished."""


class OpenBetween(Message):
    """A screen between meetings, for the set *set_id* (else the one highlighted at home); a
    meeting open now is saved and left first."""

    def __init__(self, name: Between, set_id: str | None = None) -> None:
        super().__init__()
        self.name = name
        self.set_id = set_id


class OpenScreen(Message):
    """*screen* over the one that asks (a past meeting from the history, a gym exercise);
    :class:`GoBack` on it returns."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.screen = screen


class GoBack(Message):
    """Back from *screen* to where it was opened from (home if it was the first screen)."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.screen = screen


# -- how the app does it -------------------------------------------------------------------------
class Navigation(_AppBase):
    """Mixed into :class:`~als_tui.app.ALSApp`: the only code that changes the screen stack for a
    screen. The ``on_…`` handlers route the messages above; the methods below them are the app's
    own (tests and the start-up call them too)."""

    if TYPE_CHECKING:  # given by the app
        store: Store
        today: Callable[[], str]
        home_theme: str
        _resume_offered: bool

        def persist(self, write: Callable[..., object], *args: object) -> bool: ...
        def meeting_screen(self) -> MeetingScreen | None: ...
        def _set_theme_quietly(self, name: str) -> None: ...

    # -- the handlers ------------------------------------------------------------------------
    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """A key that reaches a screen on its way out (it has posted a :class:`Leaving` move that
        the app has not made yet) does nothing there."""
        if isinstance(default_namespace, Widget) and default_namespace.is_attached:
            screen = default_namespace.screen
            if isinstance(screen, AppFace) and screen.leaving:
                return True
        return await super().run_action(action, default_namespace, namespaces)

    def on_show_phase(self, message: ShowPhase) -> None:
        self.show_meeting(message.ctx)

    def on_go_to_phase(self, message: GoToPhase) -> None:
        screen = self.meeting_screen()
        if screen is None:
            return
        ctx, phase = screen.ctx, message.phase
        meeting = ctx.meeting
        screen.before_leave()
        if phase == "session" and meeting.sessions and meeting.session_index >= len(meeting.sessions):
            meeting.session_index = len(meeting.sessions) - 1  # the last presenter's actions
        ctx.flow.goto_phase(phase)
        ctx.save()
        self.show_meeting(ctx)
        self.notify(f"Now at: {PHASE_LABELS[phase]}.", timeout=3)

    def on_open_meeting(self, message: OpenMeeting) -> None:
        self.open_meeting(message.alset)

    def on_leave_meeting(self, message: LeaveMeeting) -> None:
        self.leave_meeting()

    def on_open_between(self, message: OpenBetween) -> None:
        self.open_between(message.name, message.set_id)

    def on_open_screen(self, message: OpenScreen) -> None:
        self.push_screen(message.screen)

    def on_go_back(self, message: GoBack) -> None:
        from .screens.base import MeetingScreen

        if message.screen is not self.screen:  # already gone (a second Esc), or a dialog came over it
            return
        stack = self.screen_stack
        if len(stack) >= 2 and not isinstance(stack[-2], MeetingScreen):
            self.pop_screen()
        else:  # the first screen (`als prep`), or a past meeting shown over a meeting: home
            self.leave_meeting()

    # -- meetings ----------------------------------------------------------------------------
    def open_meeting(self, alset: model.ALSet, *, at_start: bool = False) -> None:
        """Resume the set's interrupted meeting (after asking), or start today's. *at_start*:
        offered as the app opens; nothing starts unless the set resumes."""
        running = self.store.meeting_in_progress(alset.id)
        if running is None:
            if not at_start:
                self.start_meeting(alset)
            return
        from .screens.resume import ResumeScreen

        def chosen(answer: str | None) -> None:
            if answer == "resume":
                self.resume_meeting(alset, running)
            elif answer == "abandon":
                running.status = model.ABANDONED
                running.ended_at = self.today()
                running.checkin_draft = {}
                self.persist(self.store.save_meeting, running)
                self.notify("The interrupted meeting was closed; its record is kept.")
                if not at_start:
                    self.start_meeting(alset)

        self.push_screen(ResumeScreen(alset, running, at_start=at_start), chosen)

    def offer_resume(self) -> None:
        """As the app opens on the home screen: a set's interrupted meeting is offered at once
        (not only when m is pressed). Once per run."""
        from .screens.home import HomeScreen

        if self._resume_offered:
            return
        self._resume_offered = True
        if not isinstance(self.screen, HomeScreen):  # already somewhere else (a meeting, a dialog)
            return
        store = self.store
        for alset in store.sets():
            if store.overview(alset.id)["in_progress"]:
                self.open_meeting(alset, at_start=True)
                return

    def start_meeting(self, alset: model.ALSet) -> None:
        meeting = model.Meeting(set_id=alset.id, date=self.today(), planned_minutes=alset.meeting_minutes)
        meeting.started_at = self.today()
        self.persist(self.store.save_meeting, meeting)
        self.resume_meeting(alset, meeting)

    def resume_meeting(self, alset: model.ALSet, meeting: model.Meeting) -> None:
        from .screens.base import MeetingContext
        from .theming import sound_words

        if self.meeting_screen() is None:
            self.home_theme = self.theme
        if alset.theme and alset.theme in self.available_themes:
            self._set_theme_quietly(alset.theme)
        self.sub_title = sound_words(alset.sound)
        self.show_meeting(MeetingContext.for_meeting(self, alset, meeting))  # type: ignore[arg-type]

    def show_meeting(self, ctx: MeetingContext) -> None:
        """Show the screen for the meeting's current phase (replacing the current meeting screen)."""
        from .screens.base import MeetingScreen
        from .screens.routing import screen_for

        screen = screen_for(ctx)
        if isinstance(self.screen, MeetingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def leave_meeting(self) -> None:
        """Back to the home screen; the meeting stays saved, in progress or finished."""
        self.go_home()
        if self.theme != self.home_theme and self.home_theme in self.available_themes:
            self._set_theme_quietly(self.home_theme)
        self.sub_title = ""

    def go_home(self) -> None:
        """Show the home screen: pop down to it, or put one in place of the screen the app
        started on (`als prep` opens with the prep screen at the bottom)."""
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    # -- between meetings --------------------------------------------------------------------
    def open_between(self, name: Between, set_id: str | None = None) -> None:
        """Open a screen between meetings from the home screen, for the set *set_id* (else the
        meeting's set, else the one highlighted at home): a meeting open now is saved and left first."""
        from .screens.home import HomeScreen

        meeting = self.meeting_screen()
        if meeting is not None:
            set_id = set_id or meeting.ctx.alset.id
            meeting.before_leave()
            meeting.ctx.save()
            self.leave_meeting()
        else:
            self.go_home()
        home = self.screen
        if isinstance(home, HomeScreen):
            if home.is_mounted:
                self._open_from_home(home, name, set_id)
            else:  # put in place just now (`als prep` started above no home): once it is composed
                self.call_after_refresh(self._open_from_home, home, name, set_id)

    def _open_from_home(self, home: HomeScreen, name: Between, set_id: str | None) -> None:
        if set_id is not None:
            home.refresh_sets(select_id=set_id)
        alset = home.selected_set()
        if name == "gym":
            from .screens.gym import GymScreen

            self.push_screen(GymScreen())
        elif name == "prep":
            from .screens.prep import PrepScreen

            self.push_screen(PrepScreen(alset.id if alset else None))
        elif alset is None:
            self.notify("Create a set first (press n).", severity="warning")
        elif name == "tracker":
            from .screens.tracker import TrackerScreen

            self.push_screen(TrackerScreen(alset))
        elif name == "history":
            from .screens.history import HistoryScreen

            self.push_screen(HistoryScreen(alset))
        else:
            from .screens.insight import InsightScreen

            self.push_screen(InsightScreen(alset))
