"""The command palette (Ctrl+P): the things a set reaches for, by name.

:class:`MeetingCommands` offers, for the screen the palette was opened over: that screen's own
commands (a screen offers them through :class:`OffersCommands`: the stage's clock, the large
clock, the home screen's exports), a meeting's steps (the next step, a phase already reached,
exporting its minutes), the themes, sound, help, the first-meeting guide, and the screens between
meetings. Textual's own commands (among them "Change theme", with every built-in theme) stay in
the palette beside these. Nothing here probes a screen for attributes: a screen says what it
offers, and a command that moves the set somewhere posts the same message a screen would
(:mod:`.navigation`), which the app routes.
"""

from __future__ import annotations

import re
from functools import partial
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import themes
from .navigation import PHASE_LABELS, Between, GoToPhase, OpenBetween

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.screen import Screen

    from .app import ALSApp
    from .screens.base import MeetingScreen

# (name, title, help): the screens between meetings, opened from home for the set in view
OTHER_SCREENS: tuple[tuple[Between, str, str], ...] = (
    ("prep", "Prepare for the next meeting", "One member, alone: the issue you will bring, your actions"),
    ("gym", "Question gym", "Practise asking, not telling: spot the type, ask better, your progress"),
    ("history", "History of the set", "Past meetings, each readable as its summary"),
    ("tracker", "Action tracker", "Every action of the set: filter, mark done, see what is overdue"),
    ("insight", "Insight into the set", "Attendance, who presented when, actions done, time used"),
)


@dataclass(frozen=True)
class Command:
    """One entry of the command palette."""

    title: str
    help: str
    run: Callable[[], Any]
    keywords: str = ""


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with commands of its own for the palette."""

    def palette_commands(self) -> Iterable[Command]:
        ...


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "set"


def minutes_path(db_path: Path, set_name: str, date: str, nth_of_day: int = 1) -> Path:
    """Where a meeting's exported minutes go: beside the data file, named after the set and the
    date (a second meeting on one date gets "-2")."""
    suffix = f"-{nth_of_day}" if nth_of_day > 1 else ""
    return Path(db_path).parent / f"{_slug(set_name)}-{date}{suffix}-minutes.md"


def set_export_path(db_path: Path, set_name: str, kind: str) -> Path:
    """Where all of a set's minutes ("minutes", .md) or actions ("actions", .csv) go."""
    extension = "csv" if kind == "actions" else "md"
    return Path(db_path).parent / f"{_slug(set_name)}-{kind}.{extension}"


def _go(app: App[object], message: Callable[..., Message], *args: Any) -> None:
    """Ask the app to move, as a screen would: the message is made as the command runs."""
    app.post_message(message(*args))


def next_binding(screen: Screen) -> Binding | None:
    """The screen's own "next step" binding (id ``next``), if it has one."""
    return next((b for b in screen.BINDINGS if isinstance(b, Binding) and b.id == "next"), None)


# -- the list ------------------------------------------------------------------------------
def _meeting_commands(meeting: MeetingScreen) -> Iterator[Command]:
    from .flow import PHASE_ORDER

    app = meeting.ctx.app
    if not meeting.ctx.finished:
        binding = next_binding(meeting)
        if binding is not None:
            yield Command(
                f"Next step: {binding.description}",
                binding.tooltip or "Move the meeting on (Ctrl+N)",
                lambda: meeting.run_action(binding.action),
                "next continue forward",
            )
        phase = meeting.meeting.phase
        current = PHASE_ORDER.index(phase) if phase in PHASE_ORDER else 0
        for earlier in PHASE_ORDER[:current]:
            if earlier == "session" and not meeting.meeting.sessions:
                continue
            yield Command(
                f"Go to phase: {PHASE_LABELS[earlier]}",
                "Back to a phase this meeting has already reached; everything so far is kept",
                partial(_go, app, GoToPhase, earlier),
                f"jump back phase {earlier}",
            )
    yield Command("Export the minutes of this meeting",
                  "Write them as Markdown to a private file beside the data file",
                  lambda: app.export_meeting_minutes(meeting.ctx), "minutes export markdown save file")


def _theme_commands(app: ALSApp) -> Iterator[Command]:
    current_theme = app.theme
    if current_theme == themes.CONTRAST:
        back = app.home_theme if app.home_theme != themes.CONTRAST else themes.DEFAULT_THEME
        yield Command("High contrast off", f"Back to {themes.label(back)}",
                      lambda: _set_theme(app, back), "theme colours standard")
    else:
        yield Command("High contrast theme", "Black, white and yellow, with strong borders: readable from across a room",
                      lambda: _set_theme(app, themes.CONTRAST), "theme colours accessibility contrast")
    if current_theme != themes.PROJECTOR:
        yield Command("Projector theme (light)", "Dark text on a light background: for a projector in a lit room",
                      lambda: _set_theme(app, themes.PROJECTOR), "theme colours light beamer tv")
    if current_theme != themes.DEFAULT_THEME:
        yield Command("Standard theme", "The app's usual dark theme",
                      lambda: _set_theme(app, themes.DEFAULT_THEME), "theme colours dark default")


def commands_for(screen: Screen) -> Iterator[Command]:
    """The commands that make sense over *screen*, most useful first."""
    from .app import ALSApp
    from .screens.base import MeetingScreen

    app = screen.app
    assert isinstance(app, ALSApp)
    if isinstance(screen, MeetingScreen):
        yield from _meeting_commands(screen)
    if isinstance(screen, OffersCommands):
        yield from screen.palette_commands()
    yield from _theme_commands(app)
    running = app.meeting_screen()
    if running is not None:
        sound = running.ctx.alset.sound
        yield Command(
            "Mute the sound for this set" if sound else "Turn the sound on for this set",
            "The bell at a stage's end (the notices on screen stay either way; F7 does the same)",
            lambda: app.action_sound(not sound),
            "bell sound mute unmute quiet",
        )
    yield Command("Help for this screen", "What this screen is for, how to do it well, and its keys (F1)",
                  app.action_help, "help keys")
    yield Command("First meeting guide", "What action learning is, roles, ground rules, good questions, "
                  "and what to do when it goes wrong", app.action_guide, "guide walkthrough new method")
    for name, title, help_text in OTHER_SCREENS:
        yield Command(title, help_text, partial(_go, app, OpenBetween, name), name)


def _set_theme(app: ALSApp, name: str) -> None:
    app.theme = name
    app.notify(f"Theme: {themes.label(name)}.", title="Theme", timeout=3, markup=False)


class MeetingCommands(Provider):
    """The app's own commands, for the screen under the palette."""

    async def discover(self) -> Hits:
        for command in commands_for(self.screen):
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in commands_for(self.screen):
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, text=command.title, help=command.help)
            elif command.keywords and (score := matcher.match(command.keywords)) > 0:
                yield Hit(score * 0.5, command.title, command.run, text=command.title, help=command.help)
