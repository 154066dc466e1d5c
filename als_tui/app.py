"""The Textual app: wires the store and the question banks into the screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from . import model
from .bank import Bank, BankError, find_bank, load_bank
from .paths import default_db_path
from .store import SaveError, Store


class ALSApp(App[int]):
    """Run an action learning set on one shared screen."""

    TITLE = "Action Learning Set"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="What this screen is for, and its keys", id="help"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; a meeting in progress is saved and can be resumed", id="quit"),
    ]

    def __init__(
        self,
        db_path: str | Path | None = None,
        bank_path: str | Path | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        today: Callable[[], str] = model.today,
        store: Store | None = None,
        start: str | None = None,
    ) -> None:
        super().__init__()
        self.start_screen = start
        self.today = today
        self.db_path = Path(db_path) if db_path is not None else default_db_path()
        self.bank_override: Bank | None = load_bank(bank_path) if bank_path is not None else None
        self.now = now
        self.store = store if store is not None else Store(self.db_path)

    # -- banks --------------------------------------------------------------------------
    def bank_for(self, bank_id: str) -> Bank:
        """The bank a set runs on: the --bank override, else the set's chosen format."""
        if self.bank_override is not None:
            return self.bank_override
        try:
            return find_bank(bank_id)
        except BankError:
            return load_bank()

    # -- saving -------------------------------------------------------------------------
    def persist(self, write: Callable[..., Any], *args: Any) -> bool:
        """Run one store write; on failure tell the set and keep the change in memory."""
        try:
            write(*args)
        except SaveError as exc:
            self.notify(str(exc), title="Not saved yet", severity="error", timeout=10, markup=False)
            self.set_timer(5, self._retry_save)
            return False
        return True

    def _retry_save(self) -> None:
        if not self.store.pending:
            return
        if self.store.retry():
            self.notify("Saved: the earlier change is now on disk.", title="Saved")
        else:
            self.set_timer(5, self._retry_save)

    # -- meetings ----------------------------------------------------------------------
    def open_meeting(self, alset: model.ALSet) -> None:
        """Resume the set's interrupted meeting (after asking), or start today's."""
        running = self.store.meeting_in_progress(alset.id)
        if running is None:
            self.start_meeting(alset)
            return
        from .screens.resume import ResumeScreen

        def chosen(answer: str | None) -> None:
            if answer == "resume":
                self.resume_meeting(alset, running)
            elif answer == "abandon":
                running.status = model.ABANDONED
                running.ended_at = self.today()
                self.persist(self.store.save_meeting, running)
                self.notify("The interrupted meeting was closed; its record is kept.")
                self.start_meeting(alset)

        self.push_screen(ResumeScreen(alset, running), chosen)

    def start_meeting(self, alset: model.ALSet) -> None:
        meeting = model.Meeting(set_id=alset.id, date=self.today(), planned_minutes=alset.meeting_minutes)
        meeting.started_at = self.today()
        self.persist(self.store.save_meeting, meeting)
        self.resume_meeting(alset, meeting)

    def resume_meeting(self, alset: model.ALSet, meeting: model.Meeting) -> None:
        from .screens.base import MeetingContext

        self.show_meeting(MeetingContext.for_meeting(self, alset, meeting))

    def show_meeting(self, ctx) -> None:  # ctx: MeetingContext
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
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    # -- lifecycle ---------------------------------------------------------------------
    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start_screen == "gym":  # `als train`: the gym above home, so Esc goes home
            from .screens.gym import GymScreen

            self.push_screen(GymScreen())

    async def action_quit(self) -> None:
        """Quit; a meeting in progress saves its clock first, so it resumes where it stopped."""
        from .screens.base import MeetingScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, MeetingScreen):
                screen.before_leave()
                screen.ctx.save()
                break
        self.exit(0)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        if self.store.pending:
            self.store.retry()
        self.store.close()
