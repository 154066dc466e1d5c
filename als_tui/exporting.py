"""Exports from the app: a meeting's minutes, or all of a set's minutes or actions, written
beside the data file (0600) by a worker thread, so the screen never waits on the disk.

Mixed into :class:`~als_tui.app.ALSApp`; the texts themselves are made by :mod:`.export`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

if TYPE_CHECKING:
    from . import model
    from .screens.base import MeetingContext
    from .store import Store

    _AppBase = App[object]
else:
    _AppBase = object


def free_name(path: Path) -> Path:
    """*path*, or the first of "name-2.md", "name-3.md"… that does not exist yet."""
    n = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


class Exporting(_AppBase):
    """The palette's exports (Ctrl+P over a meeting, or over home for the highlighted set)."""

    if TYPE_CHECKING:  # given by the app
        store: Store
        db_path: Path

    def export_meeting_minutes(self, ctx: MeetingContext) -> None:
        """The minutes of the meeting open now, as Markdown beside the data file (0600)."""
        from .commands import minutes_path
        from .export import minutes_markdown

        nth, of = ctx.same_day()
        meeting, alset, actions, before = ctx.meeting, ctx.alset, ctx.minutes_actions(), ctx.reports_before()
        path = minutes_path(self.db_path, alset.name, meeting.date, nth)
        self.write_export(path, lambda: minutes_markdown(alset, meeting, actions, same_day=(nth, of), before=before),
                          "Minutes exported")

    def export_set(self, alset: model.ALSet, kind: str) -> None:
        """All the set's finished meetings' minutes ("minutes", Markdown) or its actions with their
        report-back ("actions", CSV), beside the data file (0600)."""
        from .commands import set_export_path
        from .export import actions_csv, all_minutes_markdown

        meetings = self.store.meetings(alset.id)
        actions = self.store.actions(alset.id)
        if kind == "actions":
            make = lambda: actions_csv(alset, actions, meetings)  # noqa: E731
        else:
            make = lambda: all_minutes_markdown(alset, meetings, actions)  # noqa: E731
        self.write_export(set_export_path(self.db_path, alset.name, kind), make,
                          "Actions exported" if kind == "actions" else "Minutes exported")

    @work(thread=True, group="export")
    def write_export(self, path: Path, make: Callable[[], str], title: str) -> None:
        """Make the text (from copies of the records) and write it privately, off the UI thread:
        whole or not at all, and never onto the data file, its .bak or its lock."""
        from .outfile import OutFileError, write_file

        db = self.db_path
        protected = [db, db.with_name(db.name + ".bak"), db.with_name(db.name + ".lock")]
        path = free_name(path)  # an earlier export is never replaced: the new one gets "-2", "-3"…
        try:
            write_file(path, make(), force=False, protected=protected)
        except (OutFileError, OSError) as exc:
            self.call_from_thread(self.notify, f"Could not write {path}: {exc}",
                                  title="Not exported", severity="error", markup=False)
        else:
            self.call_from_thread(self.notify, f"Saved to {path}", title=title, markup=False, timeout=8)
