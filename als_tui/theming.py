"""Themes and sound on meeting screens: each set keeps its own (F6, F7 and the palette).

Mixed into :class:`~als_tui.app.ALSApp`. Outside a meeting the theme is the app's; a set's own
theme replaces it while the set's meeting is open, and comes back off as the meeting is left
(:mod:`.navigation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from . import themes

if TYPE_CHECKING:
    from collections.abc import Callable

    from .screens.base import MeetingScreen
    from .store import Store

    _AppBase = App[object]
else:
    _AppBase = object


def sound_words(on: bool) -> str:
    """The header's note on meeting screens: said only when the bell is muted, so it is not forgotten."""
    return "" if on else "Sound off (F7 turns it on)"


class Theming(_AppBase):
    """The theme and the sound of the set whose meeting is open."""

    _quiet_theme = False
    _ready_for_themes = False
    """Set once the app has its store (Textual sets a theme while the app is being built)."""
    home_theme = themes.DEFAULT_THEME
    """The theme outside meetings; a set's own theme replaces it while its meeting is open."""

    if TYPE_CHECKING:  # given by the app
        store: Store

        def persist(self, write: Callable[..., object], *args: object) -> bool: ...
        def meeting_screen(self) -> MeetingScreen | None: ...

    def _set_theme_quietly(self, name: str) -> None:
        self._quiet_theme = True
        try:
            self.theme = name
        finally:
            self._quiet_theme = False

    def watch_theme(self, theme: str) -> None:
        """A theme chosen during a meeting (F6 or the palette) is kept for the set."""
        if self._quiet_theme or not self._ready_for_themes:
            return
        screen = self.meeting_screen()
        if screen is None:
            self.home_theme = theme
        elif screen.ctx.alset.theme != theme:
            screen.ctx.alset.theme = theme
            self.persist(self.store.save_set, screen.ctx.alset)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_theme":
            return self.meeting_screen() is not None
        if action == "sound":
            screen = self.meeting_screen()
            return screen is not None and bool(parameters and parameters[0]) != screen.ctx.alset.sound
        return True

    def action_cycle_theme(self) -> None:
        self.theme = themes.next_in_cycle(self.theme)
        self.notify(f"Theme: {themes.label(self.theme)}.", title="Theme", timeout=3, markup=False)

    def action_sound(self, on: bool) -> None:
        screen = self.meeting_screen()
        if screen is None:
            return
        alset = screen.ctx.alset
        alset.sound = bool(on)
        self.persist(self.store.save_set, alset)
        self.sub_title = sound_words(alset.sound)
        self.screen.refresh_bindings()
        self.notify(
            "Sound on: the bell rings when a stage's time is nearly up and when it is up."
            if on else "Sound off for this set: the notices still show on screen.",
            title="Sound", timeout=4,
        )
