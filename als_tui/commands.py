"""The command palette (Ctrl+P): the things a set reaches for mid-meeting, by name.

:class:`MeetingCommands` offers real commands for the screen the palette was opened over: jump to
a phase of the meeting already reached (or take the next step), pause or extend the clock, switch
theme, the large clock, sound, help, the first-meeting guide, export the minutes, and open prep,
the gym or the history when this build has them. Textual's own commands (among them "Change
theme", with every built-in theme) stay in the palette beside these.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import themes

if TYPE_CHECKING:
    from textual.screen import Screen

PHASE_LABELS = {
    "opening": "Opening",
    "checkin": "Check-in",
    "bids": "Bids",
    "selection": "Choosing presenters",
    "session": "Issue sessions",
    "review": "Process review",
    "summary": "Summary",
}

# (name, title, help, module, screen class, home-screen action)
OTHER_SCREENS = (
    ("prep", "Prepare for the next meeting", "One member, alone: the issue you will bring, your actions",
     "als_tui.screens.prep", "PrepScreen", "prep"),
    ("gym", "Question gym", "Practise asking, not telling: spot the type, ask better, your progress",
     "als_tui.screens.gym", "GymScreen", "train"),
    ("history", "History of the set", "Past meetings, each readable as its summary",
     "als_tui.screens.history", "HistoryScreen", "history"),
    ("tracker", "Action tracker", "Every action of the set: filter, mark done, see what is overdue",
     "als_tui.screens.tracker", "TrackerScreen", "tracker"),
    ("insight", "Insight into the set", "Attendance, who presented when, actions done, time used",
     "als_tui.screens.insight", "InsightScreen", "insight"),
)


@dataclass(frozen=True)
class Command:
    """One entry of the command palette."""

    title: str
    help: str
    run: Callable[[], Any]
    keywords: str = ""


def screen_available(module: str) -> bool:
    """Whether this build has the screen module (checked at run time, not at import)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _meeting_screen(screen: Screen) -> Any:
    from .screens.base import MeetingScreen

    return screen if isinstance(screen, MeetingScreen) else None


# -- what the commands do ------------------------------------------------------------------
def jump_to_phase(screen: Any, phase: str) -> None:
    """Leave *screen* (saving its state) and show the meeting at *phase*."""
    ctx = screen.ctx
    meeting = ctx.meeting
    screen.before_leave()
    if phase == "session" and meeting.sessions and meeting.session_index >= len(meeting.sessions):
        meeting.session_index = len(meeting.sessions) - 1  # the last presenter's actions
    ctx.flow.goto_phase(phase)
    ctx.save()
    screen.app.show_meeting(ctx)
    screen.app.notify(f"Now at: {PHASE_LABELS[phase]}.", timeout=3)


def next_binding(screen: Any):
    """The screen's own "next step" binding (id ``next``), if it has one."""
    for binding in getattr(screen, "BINDINGS", ()):
        if getattr(binding, "id", None) == "next":
            return binding
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "set"


def minutes_path(db_path: Path, set_name: str, date: str) -> Path:
    """Where exported minutes go: beside the data file, named after the set and the date."""
    return Path(db_path).parent / f"{_slug(set_name)}-{date}-minutes.md"


def export_minutes(screen: Any) -> Path | None:
    """Write the minutes of the screen's meeting as Markdown (0600) and tell the set where."""
    from .export import minutes_markdown
    from .store import write_private

    app = screen.app
    ctx = screen.ctx
    text = minutes_markdown(ctx.alset, ctx.meeting, ctx.actions())
    path = minutes_path(app.db_path, ctx.alset.name, ctx.meeting.date)
    try:
        write_private(path, text.encode("utf-8"), keep_backup=False)
    except OSError as exc:
        app.notify(f"Could not write {path}: {exc.strerror or exc}", title="Minutes not saved",
                   severity="error", markup=False)
        return None
    app.notify(f"Minutes saved to {path}", title="Minutes exported", markup=False, timeout=8)
    return path


def open_other_screen(app: Any, name: str) -> None:
    """Go home (a meeting is saved first) and open prep, the gym or the history from there."""
    spec = next(s for s in OTHER_SCREENS if s[0] == name)
    _name, title, _help, module, class_name, home_action = spec
    meeting = app.meeting_screen()
    set_id = meeting.ctx.alset.id if meeting is not None else None
    if meeting is not None:
        meeting.action_leave()
    else:
        app.go_home()
    home = app.screen
    had_home = home.is_mounted  # a home screen put in place just now is not composed yet
    if had_home and set_id and callable(getattr(home, "refresh_sets", None)):
        home.refresh_sets(select_id=set_id)  # the meeting's set, not whichever was highlighted
    action = getattr(home, f"action_{home_action}", None) if had_home else None
    if callable(action):
        action()
        return
    try:
        screen_class = getattr(importlib.import_module(module), class_name)
        app.push_screen(screen_class())
    except Exception:  # noqa: BLE001 - an optional screen must never break the palette
        app.notify(f"{title} is not available in this build.", severity="warning")


# -- the list ------------------------------------------------------------------------------
def commands_for(screen: Screen) -> Iterator[Command]:
    """The commands that make sense over *screen*, most useful first."""
    app: Any = screen.app
    meeting = _meeting_screen(screen)

    if meeting is not None and not meeting.ctx.finished:
        binding = next_binding(meeting)
        if binding is not None:
            yield Command(
                f"Next step: {binding.description}",
                binding.tooltip or "Move the meeting on (Ctrl+N)",
                lambda: meeting.run_action(binding.action),
                "next continue forward",
            )
        from .flow import PHASE_ORDER

        current = PHASE_ORDER.index(meeting.meeting.phase) if meeting.meeting.phase in PHASE_ORDER else 0
        for phase in PHASE_ORDER[:current]:
            if phase == "session" and not meeting.meeting.sessions:
                continue
            yield Command(
                f"Go to phase: {PHASE_LABELS[phase]}",
                "Back to a phase this meeting has already reached; everything so far is kept",
                lambda phase=phase: jump_to_phase(meeting, phase),
                f"jump back phase {phase}",
            )

    clock = getattr(screen, "clock", None)
    if clock is not None and callable(getattr(screen, "action_toggle_clock", None)):
        verb = "Pause the clock" if clock.running else ("Resume the clock" if clock.started else "Start the clock")
        yield Command(verb, "Space does the same", screen.action_toggle_clock, "clock timer pause start resume stop")
    if callable(getattr(screen, "action_extend", None)):
        for minutes in (2, 5):
            yield Command(
                f"Extend the clock by {minutes} minutes",
                f"Give this stage {minutes} more minutes",
                lambda minutes=minutes: screen.action_extend(minutes),
                f"more time add extend +{minutes}",
            )
    if callable(getattr(screen, "action_large_clock", None)):
        large = bool(getattr(screen, "large_clock", False))
        yield Command(
            "Large clock off" if large else "Large clock on",
            "The clock as big as the screen allows, for the far end of the room (L)",
            screen.action_large_clock,
            "big clock projector layout",
        )

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

    if meeting is not None:
        yield Command("Export the minutes of this meeting",
                      "Write them as Markdown to a private file beside the data file",
                      lambda: export_minutes(meeting), "minutes export markdown save file")

    for name, title, help_text, module, _cls, _action in OTHER_SCREENS:
        if screen_available(module):
            yield Command(title, help_text, lambda name=name: open_other_screen(app, name), name)


def _set_theme(app: Any, name: str) -> None:
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
