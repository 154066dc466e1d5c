"""Skip Textual's second styling pass over a screen's widgets when the screen is first shown.

Textual styles each widget as it mounts, then restyles every widget of a screen again when the
screen is shown (``ScreenResume``). For a screen that has just been built, that second pass
changes nothing and costs as much as the first (about a millisecond a widget here: a third of
the prep screen's time to open). ``ScreenResume.refresh_styles`` is Textual's own switch for it.

Only the screen itself is styled again: Textual styles it as it is pushed, before the screen's
own CSS file is loaded, while its widgets are composed after. A screen that comes back to the
top later (after a dialog or another screen, perhaps under another theme) is restyled as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events

if TYPE_CHECKING:
    from textual.message import Message

    from ..app import ALSApp


class AppFace:
    """The typed face of the app for a screen (posting-style ``cast``): ``self.als`` is the
    :class:`~als_tui.app.ALSApp` — its store, its saving, its exports — so a screen reaches only
    what the app declares, and the type checker checks it. A screen moves nowhere by itself: it
    asks the app with :meth:`navigate` (the messages of :mod:`als_tui.navigation`)."""

    leaving = False
    """This screen has asked to be taken away (a :class:`~als_tui.navigation.Leaving` move):
    keys that reach it before the app has done so do nothing."""

    @property
    def als(self) -> ALSApp:
        return cast("ALSApp", self.app)  # type: ignore[attr-defined]

    def navigate(self, message: Message) -> None:
        """Ask the app to go somewhere (a message of :mod:`als_tui.navigation`). Posted to the app
        itself, not bubbled through this screen: a screen still busy being built cannot hold it up."""
        from ..navigation import Leaving

        if isinstance(message, Leaving):
            self.leaving = True
        self.als.post_message(message)


class StyledOnMount(AppFace):
    """Mix into a :class:`~textual.screen.Screen` subclass (before ``Screen``): every screen of
    the app does."""

    HELP_ID = "general"
    """The screen's topic in the help (content/help.yaml), shown by F1."""

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Dispatched before Screen's own handler, and whether or not a subclass has its own.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
            self.app.stylesheet.update_nodes([self], animate=False)  # type: ignore[attr-defined]
