"""Home: the sets in the file, and the way into everything else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.header import Header
from ..cadence import describe
from ..model import ALSet
from ..widgets.footer import Footer
from ..navigation import OpenBetween, OpenMeeting
from .styled import StyledOnMount

if TYPE_CHECKING:
    from ..commands import Command

EMPTY = (
    "No learning sets yet.\n\n"
    "Press [b]n[/b] to create your first set: give it a name, add its members (2–12; 4–8 works best) "
    "and agree your ground rules. Then press [b]m[/b] to run a meeting.\n\n"
    "New to action learning? Press [b]g[/b] for the first meeting guide: what it is, the roles, "
    "good questions, and what to do when it goes wrong."
)


class HomeScreen(StyledOnMount, Screen):
    """The sets in this file; create, edit, and open a meeting."""

    HELP_ID = "home"
    BINDINGS = [
        Binding("n", "new_set", "New set", tooltip="Create a learning set", id="new_set"),
        Binding("e", "edit_set", "Edit set", tooltip="Change members, length, rules", id="edit_set"),
        Binding("m", "meeting", "Meeting", tooltip="Start today's meeting, or resume one", id="meeting"),
        Binding("t", "train", "Question gym", tooltip="Practise questioning", id="train"),
        Binding("g", "app.guide", "Guide", id="guide",
                tooltip="What action learning is, roles, ground rules, good questions, and what to do when it goes wrong"),
        # between meetings: hidden from the crowded footer, named in the set's details and in help
        Binding("p", "prep", "Prep", tooltip="Prepare alone for the next meeting: your issue and your actions",
                id="prep", show=False),
        Binding("a", "tracker", "Actions", tooltip="Every action of the set: filter, mark done, see what is overdue",
                id="tracker", show=False),
        Binding("h", "history", "History", tooltip="The set's past meetings, each readable as its summary",
                id="history", show=False),
        Binding("i", "insight", "Insight", tooltip="Attendance, who presented when, actions done, time used",
                id="insight", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-body"):
            yield OptionList(id="sets")
            with VerticalScroll(id="set-detail"):
                yield Static(id="detail")
        yield Static(Content.from_markup(EMPTY), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sets", OptionList).border_title = "Learning sets"
        self.als.load_history_after_paint()  # (and then an interrupted meeting is offered)

    def on_screen_resume(self, event: object = None) -> None:
        # Filled each time it is shown, the first time included (before its first paint): back
        # from another screen, the sets or their meetings may have changed.
        self.refresh_sets()

    # -- data ---------------------------------------------------------------------------
    def refresh_sets(self, select_id: str | None = None) -> None:
        store = self.als.store
        sets = store.sets()
        options = self.query_one("#sets", OptionList)
        previous = options.highlighted_option.id if options.highlighted_option else None
        options.set_options(Option(self._set_line(s), id=s.id) for s in sets)
        empty = not sets
        self.query_one("#home-body").display = not empty
        self.query_one("#empty").display = empty
        if sets:
            wanted = select_id or previous
            ids = [s.id for s in sets]
            options.highlighted = ids.index(wanted) if wanted in ids else 0
            options.focus()
            self._show_detail(sets[options.highlighted or 0])

    def _set_line(self, alset: ALSet) -> Content:
        running = self.als.store.overview(alset.id)["in_progress"]
        suffix = "  ▶ meeting in progress" if running else ""
        return Content.assemble(
            (alset.name, "bold"), f"\n{len(alset.active_members)} members{suffix}"
        )

    def selected_set(self) -> ALSet | None:
        """The set highlighted in the list, if there is one."""
        options = self.query_one("#sets", OptionList)
        option = options.highlighted_option
        return self.als.store.get_set(option.id) if option and option.id else None

    def _show_detail(self, alset: ALSet) -> None:
        seen = self.als.store.overview(alset.id)
        last = seen["last"] or "none yet"
        lines = [
            Content.styled(alset.name, "bold"),
            Content(f"Members: {', '.join(alset.active_members) or '—'}"),
            Content(f"Format: {self.als.format_name(alset.bank)}"),
            Content(f"Meeting length: {alset.meeting_minutes} min, {describe(alset.cadence_weeks, alset.cadence)}"),
            Content(f"Meetings held: {seen['finished']} (last: {last})"),
            Content(f"Open actions: {seen['open_actions']}"),
            Content(f"Ground rules: {len(alset.ground_rules)} agreed"),
        ]
        if alset.confidential:
            lines.append(Content("Confidential: issue details are not kept after a meeting"))
        lines.append(Content.assemble(
            "\n", ("Between meetings:", "bold"), "\n", ("p", "bold reverse"), " prep  ", ("a", "bold reverse"),
            " actions  ", ("h", "bold reverse"), " history  ", ("i", "bold reverse"), " insight"))
        self.query_one("#detail", Static).update(Content("\n").join(lines))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        alset = self.als.store.get_set(event.option.id) if event.option.id else None
        if alset:
            self._show_detail(alset)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_meeting()

    # -- actions ------------------------------------------------------------------------
    def action_new_set(self) -> None:
        from .set_setup import SetSetupScreen

        self.app.push_screen(SetSetupScreen(), self._after_setup)

    def action_edit_set(self) -> None:
        from .set_setup import SetSetupScreen

        alset = self.selected_set()
        if alset is None:
            self.notify("Create a set first (press n).", severity="warning")
            return
        self.app.push_screen(SetSetupScreen(alset), self._after_setup)

    def _after_setup(self, set_id: str | None) -> None:
        self.refresh_sets(select_id=set_id)

    def action_meeting(self) -> None:
        alset = self.selected_set()
        if alset is None:
            self.notify("Create a set first (press n).", severity="warning")
            return
        self.navigate(OpenMeeting(alset))

    # -- between meetings (gym, prep, tracker, history, insight: opened by the app) -------------
    def action_train(self) -> None:
        self.navigate(OpenBetween("gym"))

    def action_prep(self) -> None:
        self.navigate(OpenBetween("prep"))

    def action_tracker(self) -> None:
        self.navigate(OpenBetween("tracker"))

    def action_history(self) -> None:
        self.navigate(OpenBetween("history"))

    def action_insight(self) -> None:
        self.navigate(OpenBetween("insight"))

    def palette_commands(self) -> Iterator[Command]:
        """Exports of the highlighted set, for the command palette."""
        from ..commands import Command

        alset = self.selected_set()
        if alset is None:
            return
        yield Command(f"Export the minutes of {alset.name}",
                      "Every finished meeting, newest first, as Markdown in a private file beside the data file",
                      lambda: self.als.export_set(alset, "minutes"), "minutes export markdown save file")
        yield Command(f"Export the actions of {alset.name}",
                      "Every action with its status and report-back, as CSV in a private file beside the data file",
                      lambda: self.als.export_set(alset, "actions"), "actions export csv spreadsheet save file")
