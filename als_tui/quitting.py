"""Every way out of the app: Ctrl+Q, a signal, a closed browser tab. Nothing is lost on the way.

Mixed into :class:`~als_tui.app.ALSApp`. A meeting in progress saves its clock first, so it
resumes where it stopped; a change that is still not on disk is asked about
(:mod:`.screens.unsaved`) or, with no one there to ask, copied elsewhere (:mod:`.store.unsaved`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from .screens.base import MeetingScreen
    from .store import Store

    _AppBase = App[object]
else:
    _AppBase = object


class Quitting(_AppBase):
    """Quit, and the last save as the app ends."""

    exit_report = ""
    """What the app ended without saving (and where a copy went): printed by `als`, exit 1."""

    if TYPE_CHECKING:  # given by the app
        store: Store

        def meeting_screen(self) -> MeetingScreen | None: ...

    def _save_running_meeting(self) -> None:
        screen = self.meeting_screen()
        if screen is not None:
            screen.before_leave()
            screen.ctx.save()

    async def action_quit(self) -> None:
        """Quit; a meeting in progress saves its clock first, so it resumes where it stopped.
        With a change that is still not on disk, ask first (:mod:`.screens.unsaved`)."""
        self._save_running_meeting()
        if self.store.pending and not self.store.retry():
            self._ask_before_losing()
            return
        self.exit(0)

    def _ask_before_losing(self) -> None:
        from .screens.unsaved import UnsavedScreen
        from .store.unsaved import UnsavedChanges

        if isinstance(self.screen, UnsavedScreen):
            return
        unsaved = UnsavedChanges(self.store)

        def chosen(answer: str | None) -> None:
            if answer == "saved":
                self.exit(0)
            elif answer == "quit":
                self.exit_report = unsaved.lost()
                self.exit(return_code=1)

        self.push_screen(UnsavedScreen(unsaved), chosen)

    def quit_unattended(self) -> None:
        """End on a signal (SIGTERM, SIGHUP): no one is there to ask. What cannot be saved is
        copied elsewhere as the app ends (:meth:`on_unmount`)."""
        self._save_running_meeting()
        self.exit(0)

    def on_unmount(self) -> None:
        """Every way out ends here (a quit, a signal, a closed browser tab): a change still not
        on disk after one more try, and not given up by the person, is copied elsewhere."""
        if self.store.pending and not self.store.retry() and not self.exit_report:
            from .store.unsaved import UnsavedChanges

            self.exit_report = UnsavedChanges(self.store).rescue()
            self.exit(return_code=1)
        self.store.close()
