"""Action tracker: every action of a set, filtered by member and status; statuses edited between meetings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.content import Content
from textual.screen import Screen
from textual.widgets.data_table import ColumnKey
from textual.widgets import DataTable, Label, Select, Static

from ..compat import select_values
from ..flow.reports import RECENT_MEETINGS, report_between_meetings
from ..widgets.header import Header
from ..insight import is_overdue
from ..model import DONE, DROPPED, NOT_DONE, OPEN, PARTLY, STATUS_LABELS, Action, ALSet
from ..widgets.footer import Footer
from ..navigation import GoBack
from .breakpoints import take_breakpoints
from .styled import StyledOnMount
from .tracker_status import StatusNoteScreen

ALL = "all"
STILL_OPEN = "still_open"
OVERDUE = "overdue"
STATUS_FILTERS: tuple[tuple[str, str], ...] = (
    (ALL, "All statuses"),
    (STILL_OPEN, "Still open (open, partly, not done)"),
    (OVERDUE, "⚠ Overdue"),
    (OPEN, "Not reported on yet"),
    (DONE, "Done"),
    (PARTLY, "Partly done"),
    (NOT_DONE, "Not done"),
    (DROPPED, "Dropped"),
)
OVERDUE_MARK = "⚠ overdue"


SHORT_LABELS = {**STATUS_LABELS, PARTLY: "partly"}
COMPACT_BELOW = 96  # below: no Agreed or Report to column (the line under the table has them), "partly"
THIN_BELOW = 60  # below: no Due column either, and the filters without their labels
COLUMNS = (("member", "Member"), ("action", "Action"), ("agreed", "Agreed"), ("due", "Due"),
           ("report_to", "Report to"), ("status", "Status"))


def status_text(action: Action, today: str, short: bool = False, thin: bool = False) -> str:
    """The status as words, with the overdue mark in text (never colour alone); *thin*: the mark
    alone (the line under the table says "overdue" in words for the highlighted action)."""
    label = (SHORT_LABELS if short or thin else STATUS_LABELS).get(action.status, action.status)
    if not is_overdue(action, today):
        return label
    return f"{label} {OVERDUE_MARK.split()[0]}" if thin else f"{label} · {OVERDUE_MARK}"


def matches(action: Action, member: str, status: str, today: str) -> bool:
    if member != ALL and action.owner != member:
        return False
    if status == ALL:
        return True
    if status == STILL_OPEN:
        return action.is_open
    if status == OVERDUE:
        return is_overdue(action, today)
    return action.status == status


class ActionsTable(DataTable):
    """The tracker's table. Its Action column takes the room the others leave, so the screen
    fills it again when the table's width changes (:class:`Refit`)."""

    class Refit(Message):
        """The table's width changed: its Action column should take the room there is now."""

    def on_resize(self) -> None:
        self.post_message(self.Refit())


class TrackerScreen(StyledOnMount, Screen[None]):
    """All the set's actions in a table; d/p/n/x record what happened with the highlighted one."""

    HELP_ID = "tracker"
    CSS_PATH = ["common.tcss", "tracker.tcss"]
    SUB_TITLE = "Actions"
    # Below COMPACT_BELOW columns the table leaves out Agreed and Report to (the line below the
    # table has them for the highlighted action) and says "partly", so every status fits whole.
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (THIN_BELOW, "-narrow"), (COMPACT_BELOW, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (18, "-tall")]  # -tiny: no header, a shorter line below
    AUTO_FOCUS = "#tracker-table"
    BINDINGS = [
        Binding("d", "mark('done')", "Done", tooltip="Mark the highlighted action done (with a line)", id="done"),
        Binding("p", "mark('partly')", "Partly", tooltip="Mark it partly done", id="partly"),
        Binding("n", "mark('not_done')", "Not done", tooltip="Mark it not done (yet)", id="not_done"),
        Binding("x", "mark('dropped')", "Dropped", tooltip="Mark it dropped: no longer worth doing", id="dropped"),
        Binding("o", "mark('open')", "Reopen", show=False, id="reopen",
                tooltip="Open it again (undo a mistaken report)"),
        # m and s are named beside their lists, so the footer leaves them out
        Binding("m", "cycle_member", "Member", tooltip="Show the next member's actions (then everyone's)",
                id="member_filter", show=False),
        Binding("s", "cycle_status", "Status", tooltip="Filter by the next status (all, still open, overdue, …)",
                id="status_filter", show=False),
        Binding("escape", "back", "Back", tooltip="Back to where you came from", id="back"),
    ]

    def __init__(self, alset: ALSet) -> None:
        super().__init__()
        self.alset = alset
        self.actions: list[Action] = []
        self.shown: list[Action] = []
        self.hidden: frozenset[str] | None = None  # the columns left out at this width (None: not filled yet)
        self._filled_width = -1
        self._filled_filters: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        take_breakpoints(self)  # (before the first layout: styled once, compact from the start)
        yield Header()
        yield Static(id="tracker-bar", classes="phase-bar")
        with Horizontal(id="tracker-filters"):
            yield Label("Member (m)", classes="tracker-label")
            yield Select([(Content("Everyone"), ALL), *[(Content(n), n) for n in self._members()]],
                         value=ALL, allow_blank=False, id="tracker-member")
            yield Label("Status (s)", classes="tracker-label")
            yield Select([(Content(label), key) for key, label in STATUS_FILTERS], value=ALL,
                         allow_blank=False, id="tracker-status")
        table = ActionsTable(id="tracker-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="tracker-detail")
        yield Footer()

    def _members(self) -> list[str]:
        """Active members first, then anyone else who owns an action (former members)."""
        if not self.actions:
            self.actions = self.als.store.actions(self.alset.id)
        owners = {a.owner for a in self.actions}
        names = list(self.alset.active_members)
        return names + sorted(owners - set(names), key=str.casefold)

    def on_mount(self) -> None:
        self.reload()

    def _hidden_now(self) -> frozenset[str]:
        """The columns this width leaves out (the breakpoint classes): what goes is said on the
        line below the table for the highlighted action."""
        if self.has_class("-wide"):
            return frozenset()
        return frozenset({"agreed", "report_to"} | ({"due"} if self.has_class("-thin") else set()))

    def _set_columns(self) -> None:
        hidden = self._hidden_now()
        if hidden == self.hidden:
            return
        self.hidden = hidden
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for key, label in COLUMNS:
            if key not in hidden:
                table.add_column(label, key=key)

    def on_actions_table_refit(self, event: ActionsTable.Refit) -> None:
        if self.actions and (self.size.width != self._filled_width or self._hidden_now() != self.hidden):
            self.fill()

    # -- data ----------------------------------------------------------------------------------
    @property
    def member_filter(self) -> str:
        return str(self.query_one("#tracker-member", Select).value)

    @property
    def status_filter(self) -> str:
        return str(self.query_one("#tracker-status", Select).value)

    def _filters(self) -> tuple[str, str]:
        return self.member_filter, self.status_filter

    def reload(self, keep: str | None = None) -> None:
        actions = self.als.store.actions(self.alset.id)
        self.actions = actions
        order = {name: i for i, name in enumerate(self._members())}
        # newest agreements first; within a day, in the set's member order
        actions.sort(key=lambda a: order.get(a.owner, len(order)))
        actions.sort(key=lambda a: a.created, reverse=True)
        self.actions = actions
        self.fill(keep)

    def _action_width(self, rows: list[Action]) -> int:
        """What the action column can have so the table fits the screen without scrolling sideways."""
        def widest(values: list[str], title: str) -> int:
            return max([len(title), *(len(v) for v in values)])

        today = self.als.today()
        hidden = self.hidden or frozenset()
        widths = {
            "member": widest([a.owner for a in rows], "Member"),
            "agreed": widest([a.created for a in rows], "Agreed"),
            "due": widest([a.due or "—" for a in rows], "Due"),
            "report_to": widest([a.report_to or "—" for a in rows], "Report to"),
            "status": widest([status_text(a, today, bool(hidden), "due" in hidden) for a in rows], "Status"),
        }
        others = sum(width for key, width in widths.items() if key not in hidden)
        styles = self.query_one(DataTable).styles
        # cell padding, the table's margin, and its scrollbar (when the rows do not all fit)
        padding = 2 * (len(COLUMNS) - len(hidden)) + styles.margin.width + styles.scrollbar_size_vertical
        least = 4 if "due" in hidden else 16  # (thin: the line under the table has the whole text)
        return max(least, (self.size.width or 100) - others - padding)

    def fill(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        today = self.als.today()
        if keep is None and table.row_count:
            keep = self._highlighted_id()
        old_row = table.cursor_row
        self._set_columns()
        self._filled_width = self.size.width
        short = bool(self.hidden)
        member, status = self._filled_filters = self._filters()
        self.shown = [a for a in self.actions if matches(a, member, status, today)]
        # measured on every action, not only those shown: the other columns keep the widths they
        # took for all of them, so a filter must not give the action column more room than there is
        width = self._action_width(self.actions)
        table.clear()
        column = table.columns[ColumnKey("action")]
        column.width = width
        column.auto_width = False
        for a in self.shown:
            text = a.text if len(a.text) <= width else a.text[: width - 1] + "…"
            cells = dict(member=a.owner, action=text, agreed=a.created, due=a.due or "—",
                         report_to=a.report_to or "—",
                         status=status_text(a, today, short, "due" in (self.hidden or ())))
            row = [cells[key] for key, _label in COLUMNS if key not in (self.hidden or ())]
            table.add_row(*(Text(cell) for cell in row), key=a.id)  # Text: never read as markup
        ids = [a.id for a in self.shown]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        elif self.shown:
            table.move_cursor(row=min(max(old_row, 0), len(self.shown) - 1))
        self._show_bar()
        self._show_detail()

    def _show_bar(self) -> None:
        today = self.als.today()
        still_open = sum(1 for a in self.actions if a.is_open)
        overdue = sum(1 for a in self.actions if is_overdue(a, today))
        parts: list[Content | str | tuple[str, str]] = [
            (self.alset.name, "bold"), "  ·  ", ("Actions", "bold reverse"),
            f" · {len(self.actions)} in all, {still_open} still open",
        ]
        if overdue:
            parts.append(f", {overdue} {OVERDUE_MARK}")
        if len(self.shown) != len(self.actions):
            parts.append(f" · showing {len(self.shown)}")
        self.query_one("#tracker-bar", Static).update(Content.assemble(*parts))

    def _highlighted(self) -> Action | None:
        table = self.query_one(DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _highlighted_id(self) -> str | None:
        action = self._highlighted()
        return action.id if action else None

    def _show_detail(self) -> None:
        detail = self.query_one("#tracker-detail", Static)
        table = self.query_one(DataTable)
        table.display = bool(self.shown)
        if not self.actions:
            detail.update(Content.assemble(
                ("No actions yet. ", "bold"),
                "Each presenter decides their actions at the end of their session; they will all be "
                "listed here, and each member reports back on theirs at the next check-in (or here, "
                "between meetings). Press Esc to go back."))
            return
        if not self.shown:
            detail.update(Content.assemble(("No actions match these filters. ", "bold"),
                                           "Press m or s to change them."))
            return
        action = self._highlighted()
        if action is None:
            detail.update("")
            return
        lines = [Content.assemble((action.owner, "bold"), ": ", (action.text, "bold"))]
        facts = [f"agreed {action.created}", f"due {action.due}" if action.due else "no due date"]
        if is_overdue(action, self.als.today()):
            facts[-1] += f" ({OVERDUE_MARK})"
        if action.report_to:
            facts.append(f"report to {action.report_to}")
        if action.support:
            facts.append(f"support: {action.support}")
        lines.append(Content(" · ".join(facts)))
        if action.history:
            last = action.history[-1]
            where = "at a meeting" if last.meeting_id else "between meetings"
            note = f": “{last.note}”" if last.note else ""
            lines.append(Content(f"Last update {last.date} ({where}): {STATUS_LABELS.get(last.status, last.status)}"
                                 f"{note}"))
        lines.append(Content.styled("d done · p partly · n not done · x dropped · o open again · Enter: choose",
                                    "dim"))
        detail.update(Content("\n").join(lines))

    # -- events --------------------------------------------------------------------------------
    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        # the lists announce their first value on mount too: fill only for a real change
        if self.is_mounted and self.hidden is not None and self._filled_filters != self._filters():
            self.fill()

    @on(DataTable.RowHighlighted)
    def _highlight(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self._edit(None)

    def _cycle(self, select_id: str) -> None:
        select = self.query_one(select_id, Select)
        values = select_values(select)
        i = values.index(select.value) if select.value in values else -1
        select.value = values[(i + 1) % len(values)]

    def action_cycle_member(self) -> None:
        self._cycle("#tracker-member")

    def action_cycle_status(self) -> None:
        self._cycle("#tracker-status")

    def action_mark(self, status: str) -> None:
        self._edit(status)

    def _edit(self, status: str | None) -> None:
        action = self._highlighted()
        if action is None:
            self.notify("No action is highlighted.", severity="warning")
            return
        self.app.push_screen(StatusNoteScreen(action, status),
                             lambda answer: self._record(action.id, answer))

    def _record(self, action_id: str, answer: tuple[str, str] | None) -> None:
        if not answer:
            return
        status, note = answer
        action = next((a for a in self.als.store.actions(self.alset.id) if a.id == action_id), None)
        if action is None:
            return
        held = self.als.store.recent_meetings(self.alset.id, RECENT_MEETINGS)
        report_between_meetings(action, status, note, self.als.today(), held)  # (heard at the next meeting)
        if self.als.persist(self.als.store.save_action, action):
            self.notify(f"{action.owner}: “{action.text[:50]}” is now {STATUS_LABELS.get(status, status)}.",
                        title="Saved", markup=False)
        self.reload(keep=action_id)
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        self.navigate(GoBack(self))
