"""Prep: one member, alone, before a meeting — the issue they will bring, and their own actions.

The draft (a :class:`~als_tui.model.Prep`) pre-fills the member's bid at the next meeting; action
updates are recorded at once, between meetings (``meeting_id`` empty). ``als prep`` opens here.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from ..widgets.header import Header
from ..model import (
    DEFAULT_MINUTES,
    DEFAULT_URGENCY,
    MINUTES_RANGE,
    REPORT_STATUSES,
    TITLE_MAX,
    URGENCY_RANGE,
    Action,
    ALSet,
    Prep,
    clean_text,
)
from ..compat import being_removed
from ..widgets.footer import Footer
from ..navigation import GoBack
from .breakpoints import take_breakpoints
from .prep_who import ChooseWhoScreen, WhoLine
from .styled import StyledOnMount

from .prep_draft import INTRO, join_want, split_want  # noqa: F401 (split/join: the draft's words)

if TYPE_CHECKING:
    from textual.widgets import Button

    from .prep_actions import PrepActions
    from .prep_form import PrepFormRest

# What only the part of the screen built just after its first paint needs (the text areas, the
# selects, the selection list, ...: ~15 ms of imports) is imported there, not here.

META_KEY = "prep_last"


class PrepScreen(StyledOnMount, Screen[None]):
    """Pick set and member; draft the issue; update your own actions. Ctrl+S saves, Esc leaves."""

    HELP_ID = "prep"
    CSS_PATH = "prep.tcss"
    SUB_TITLE = "Prep"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # below 70 columns: the actions under the form
    BINDINGS = [
        Binding("ctrl+s", "save", "Save draft", priority=True, id="save",
                tooltip="Save the draft (it fills in your bid at the next meeting) and your action updates"),
        Binding("escape", "leave", "Home", id="leave",
                tooltip="Leave; asks first if something is not saved"),
        Binding("ctrl+o", "choose_who", "Who", id="who",
                tooltip="Prepare as another member (or another set's member)"),
    ]

    def __init__(self, set_id: str | None = None, member: str | None = None) -> None:
        super().__init__()
        self.wanted_set = set_id
        self.wanted_member = member  # (`als prep --member`: remembered once the screen is built)
        self.sets: list[ALSet] = []
        self.alset: ALSet | None = None
        self.member = ""
        self.prep: Prep | None = None
        self._loaded_issue = ""  # the issue sentence as last loaded or saved
        # Built just after the first paint: first what can be seen without scrolling with the
        # action rows (then painted), then the rest of the form (see _build_rest).
        self.actions_loaded = False  # the action rows are built
        self.visible_ready = False  # everything that can be seen without scrolling is there
        self.form_ready = False  # the whole form is there
        self._rest_started = False
        # The form is built, reloaded for another member and saved one at a time. They await
        # mounts, and they come from two tasks: the build and a switch run in this screen's
        # message loop, Ctrl+S (a priority binding) and the palette in the app's. Without the
        # turn, a save could read action rows half rebuilt, or a build go on mounting after the
        # screen was replaced.
        self._form_turn = asyncio.Lock()

    @property
    def _gone(self) -> bool:
        """The screen was left (or the app is closing) while form work was waiting."""
        return not self.is_attached or being_removed(self)

    # -- choosing who -----------------------------------------------------------------------
    def _initial_choice(self) -> tuple[ALSet | None, str]:
        if not self.sets:
            return None, ""
        remembered = self.als.store.get_meta(META_KEY) or ["", ""]
        r_set, r_member = (list(remembered) + ["", ""])[:2]
        by_id = {s.id: s for s in self.sets}
        alset = by_id.get(self.wanted_set or "") or by_id.get(r_set) or self.sets[0]
        if self.wanted_member and alset.id == self.wanted_set:
            return alset, self._member_in(alset, self.wanted_member)
        return alset, self._member_in(alset, r_member if alset.id == r_set else "")

    @staticmethod
    def _member_in(alset: ALSet, wanted: str) -> str:
        members = alset.active_members
        if wanted in members:
            return wanted
        folded = {m.casefold(): m for m in members}
        return folded.get(wanted.casefold(), members[0] if members else "")

    def compose(self) -> ComposeResult:
        take_breakpoints(self)  # (before the first layout: the fold of the form is read from it)
        self.sets = self.als.store.sets()
        self.alset, self.member = self._initial_choice()
        yield Header()
        if self.alset is None:
            yield Static(
                Content.assemble(
                    ("No learning sets in this file yet.\n\n", "bold"),
                    "Prep is for a member of a set, before its next meeting. Press Esc to go to the home "
                    "screen and create your set there (press n), then come back with p.",
                ),
                id="prep-empty",
            )
            yield Footer()
            return
        # The first paint shows who is preparing (a line that is also the way to choose someone
        # else) and the issue field, focused and taking keys; the rest of the form and the action
        # rows are mounted just after it.
        yield WhoLine(id="prep-who")
        with Horizontal(id="prep-body"):
            with VerticalScroll(id="prep-form"):
                yield Static(id="prep-status")
                yield Label("My issue, in one sentence (your bid)", classes="prep-label")
                # focused at once with the member's draft in it: typing adds to the draft, it
                # does not replace it (Textual selects an input's text on focus by default)
                yield Input(placeholder="e.g. How do I get the night team to own the handover?",
                            max_length=TITLE_MAX, id="issue", select_on_focus=False)
            with VerticalScroll(id="prep-actions") as box:  # its rows come just after the first paint
                box.border_title = "Your actions"
        yield Footer()

    async def on_mount(self) -> None:
        if self.alset is None:
            return
        issue = self.query_one("#issue", Input)
        issue.value = self._read_prep().issue
        self._loaded_issue = issue.value
        self._show_who()
        self._show_status()
        issue.focus(scroll_visible=False)  # (at the top of its box; a low terminal scrolls to it in _build_rest)
        # The rest is built once the first frame is painted: after the next layout (the
        # terminal's first sizes and focus come just after the first paint, each with a layout)
        # or the next refresh, whichever comes first; not once they have all settled.
        self.call_after_refresh(self._start_rest)
        self.screen_layout_refresh_signal.subscribe(self._rest_signal, self._start_rest, immediate=True)

    @property
    def _rest_signal(self) -> VerticalScroll:
        """What subscribes to the screen's layouts for :meth:`_start_rest` (not the screen: its
        own subscription is Textual's, for tooltips)."""
        return self.query_one("#prep-form", VerticalScroll)

    def _start_rest(self, _screen: object = None) -> None:
        if self._rest_started or self._gone:
            return
        self._rest_started = True
        self.screen_layout_refresh_signal.unsubscribe(self._rest_signal)
        self.call_next(self._build_rest)

    async def _build_rest(self) -> None:
        """Just after the first paint: the parts of the form that can be seen without scrolling,
        and all the action rows; the rest of the form comes just after they are painted
        (:meth:`_finish_form`). What was typed in between still counts as unsaved."""
        async with self._form_turn:
            if self.visible_ready or self._gone or self.alset is None:
                return
            from .prep_form import PrepFormRest, parts_within

            rows = self._rows_below_issue()
            form = PrepFormRest(self.prep or Prep(set_id=self.alset.id, member=self.member),
                                saved=self.prep is not None, first=parts_within(rows), id="prep-form-rest")
            # the form's first parts and the action rows are mounted together (one round of
            # composing and styling, not two)
            await asyncio.gather(self.query_one("#prep-form").mount(form), self._load_actions())
            if self._gone:  # left (the palette, the app closing) while it was being built
                return
            form.fill(*form.draft)
            self.visible_ready = True
            self.call_after_refresh(self._finish_form)

    def _rows_below_issue(self) -> int:
        """The rows of the form's box left below the issue field, as first painted (scrolled to
        show the whole field first, on a terminal too low for it)."""
        box = self.query_one("#prep-form", VerticalScroll)
        issue = self.query_one("#issue", Input)
        box.scroll_to_widget(issue, animate=False, immediate=True)
        return box.scrollable_content_region.height + round(box.scroll_y) - issue.virtual_region_with_margin.bottom

    async def _finish_form(self) -> None:
        """Just after the paint that shows the visible form and the action rows: the rest of the form."""
        async with self._form_turn:
            await self._complete_form()

    async def _complete_form(self) -> None:
        """Build the parts of the form not built yet (the caller holds the form's turn)."""
        if self.form_ready or not self.visible_ready or self._gone:
            return
        await self._form.build()
        if self._gone:
            return
        self.form_ready = True
        self._remember_choice()
        self.als.load_history_after_paint()

    # -- loading ------------------------------------------------------------------------------
    def _read_prep(self) -> Prep:
        """The chosen member's draft, or a blank one."""
        assert self.alset is not None
        set_id, member = self.alset.id, self.member
        self.prep = self.als.store.get_prep(set_id, member) if member else None
        return self.prep or Prep(set_id=set_id, member=member)

    def _remember_choice(self) -> None:
        """Keep the set and member for the next `als prep` (not before the first paint: the
        first write of a session reads the whole file)."""
        assert self.alset is not None
        store = self.als.store
        choice = [self.alset.id, self.member]
        if store.get_meta(META_KEY) != choice:
            self.als.persist(store.set_meta, META_KEY, choice)

    async def _load(self) -> None:
        """Fill the form and the actions panel for the chosen member (after a switch; the
        caller holds the form's turn). Chosen before they were built, they are built for them."""
        p = self._read_prep()
        issue = self.query_one("#issue", Input)
        issue.value = p.issue
        self._loaded_issue = issue.value
        self._show_who()
        self._show_status()
        if not self.visible_ready:
            return
        self._remember_choice()
        self._form.fill(p, saved=self.prep is not None)
        await self._load_actions()

    @property
    def _form(self) -> PrepFormRest:
        return self.query_one("#prep-form-rest")  # type: ignore[return-value]

    @property
    def _panel(self) -> PrepActions:
        return self.query_one("#prep-action-list")  # type: ignore[return-value]

    def _fill_actions(self, panel: PrepActions) -> str:
        """Give *panel* the member's open actions; returns its title."""
        assert self.alset is not None
        return panel.show(self.als.store, self.alset.id, self.member, self.als.today())

    async def _load_actions(self) -> None:
        """Build the action rows for the member chosen (the caller holds the form's turn)."""
        from .prep_actions import PrepActions

        box = self.query_one("#prep-actions", VerticalScroll)
        built = self.actions_loaded
        panel = self._panel if built else PrepActions(id="prep-action-list")
        box.border_title = self._fill_actions(panel)
        await (panel.recompose() if built else box.mount(panel))
        panel.loaded = panel.state()
        self.actions_loaded = True

    def _show_status(self) -> None:
        status = self.query_one("#prep-status", Static)
        p = self.prep
        if not self.member:
            status.update("Choose who is preparing.")
        elif p is None:
            status.update(Content.assemble(("New draft", "bold"), f" for {self.member}. ", INTRO))
        elif p.used_in:
            used = self.als.store.get_meeting(p.used_in)
            when = f"the meeting of {used.date}" if used else "a meeting"
            status.update(Content.assemble(
                ("Your last draft was brought to ", "bold"), (when, "bold"),
                ". Change it for the next meeting, or start again; saving makes it your next bid."))
        else:
            status.update(Content.assemble(
                ("Draft saved ", "bold"), (p.updated, "bold"),
                f". It will fill in {self.member}'s bid at the next meeting."))
        for intro in self.query("#prep-intro"):  # (built with the end of the form)
            intro.display = p is not None

    # -- state ---------------------------------------------------------------------------------
    def _state(self, loaded: bool = False) -> tuple[tuple, tuple]:
        """Everything the member can change (form, action rows), to tell whether something is
        unsaved; *loaded*: as it was when loaded or last saved. Parts not built yet count as nothing."""
        if self.alset is None:
            return (), ()
        issue = self._loaded_issue if loaded else self.query_one("#issue", Input).value
        form = next(iter(self.query("#prep-form-rest")), None)
        fields = () if form is None else form.loaded() if loaded else form.state()  # type: ignore[attr-defined]
        actions = () if not self.actions_loaded else self._panel.loaded if loaded else self._panel.state()
        return (issue, *fields), actions

    @property
    def dirty(self) -> bool:
        return self.alset is not None and self._state() != self._state(loaded=True)

    # -- switching set or member ---------------------------------------------------------------
    def _show_who(self) -> None:
        if self.alset is not None:
            self.query_one(WhoLine).show(self.alset.name, self.member)

    @on(WhoLine.Choose)
    def action_choose_who(self) -> None:
        if self.alset is None:
            return
        self.app.push_screen(ChooseWhoScreen(self.sets, (self.alset.id, self.member)), self._chose_who)

    def _chose_who(self, who: tuple[str, str] | None) -> None:
        if who is None or self.alset is None or who == (self.alset.id, self.member):
            return
        # (in this screen's own message loop, as a key on the screen would: the app's stays free
        # for Ctrl+S and the palette while the member's form is loaded)
        self.call_later(self._switch, *who)

    async def _switch(self, set_id: str, member: str) -> None:
        from .confirm import ConfirmScreen

        if self.dirty:
            who = self.member or "this member"

            def answer(yes: bool | None) -> None:
                if yes:
                    self.call_later(self._do_switch, set_id, member)

            self.app.push_screen(
                ConfirmScreen("Unsaved changes", f"Leave {who}'s prep without saving the changes?",
                              "Leave them", "Stay"), answer)
            return
        await self._do_switch(set_id, member)

    async def _do_switch(self, set_id: str, member: str) -> None:
        async with self._form_turn:
            alset = next((s for s in self.sets if s.id == set_id), None)
            if alset is None or self._gone:
                return
            self.alset = alset
            self.member = self._member_in(alset, member)
            await self._load()

    # -- saving -------------------------------------------------------------------------------
    def _error(self, message: str, focus: str) -> None:
        error = self.query_one("#prep-error", Static)
        error.update(Content.assemble(("⚠ Not saved: ", "bold"), message))
        error.display = True
        self.query_one(focus).focus()
        self.app.bell()

    def _number(self, field: str, default: int, low: int, high: int, label: str) -> int | None:
        widget = self.query_one(f"#{field}", Input)
        text = widget.value.strip()
        if not text:
            return default
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self._error(f"{label} is a whole number from {low} to {high}.", f"#{field}")
            return None
        return value

    async def action_save(self) -> None:
        async with self._form_turn:  # waits for a build or a switch under way to finish
            await self._complete_form()  # saved before the end of the form came: it comes now
            if self.alset is not None and self.member and self.form_ready and not self._gone:
                await self._save()

    async def _save(self) -> None:
        assert self.alset is not None
        urgency = self._number("urgency", DEFAULT_URGENCY, *URGENCY_RANGE, "Urgency")
        if urgency is None:
            return
        minutes = self._number("minutes", DEFAULT_MINUTES, *MINUTES_RANGE, "Minutes")
        if minutes is None:
            return
        updates: list[tuple[Action, str, str]] = []
        for i, action, index, note in self._panel.marks():
            if index < 0:
                if note:
                    self._error(f"choose done / partly / not done / dropped for “{action.text[:40]}”, "
                                "or clear its line.", f"#status-{i}")
                    return
                continue
            updates.append((action, REPORT_STATUSES[index], note))
        store = self.als.store
        today = self.als.today()
        (issue, *fields), _rows = self._state()  # what is saved (the rows are built again below)
        prep = Prep(
            set_id=self.alset.id,
            member=self.member,
            issue=clean_text(self.query_one("#issue", Input).value, TITLE_MAX, single_line=True),
            **self._form.draft_fields(),
            minutes=minutes,
            urgency=urgency,
            updated=today,
            used_in="",
        )
        saved = self.als.persist(store.save_prep, prep)
        from ..flow.reports import RECENT_MEETINGS, report_between_meetings  # (not at start-up)

        held = store.recent_meetings(self.alset.id, RECENT_MEETINGS) if updates else []
        for action, status, note in updates:  # (heard at the set's next meeting: "reported before the meeting")
            report_between_meetings(action, status, note, today, held)
            saved = self.als.persist(store.save_action, action) and saved
        self.prep = prep
        message = f"Prep saved for {self.member}."
        if prep.issue:
            message += " It will fill in your bid at the next meeting."
        else:
            message += " Add an issue sentence if you want to bring it as a bid."
        if updates:
            message += f" {len(updates)} action{'s' if len(updates) != 1 else ''} updated."
        if saved:
            self.notify(message, title="Saved", markup=False)
        self.query_one("#prep-error").display = False
        self._loaded_issue = issue
        self._form.mark_saved(tuple(fields))
        self._show_status()
        await self._load_actions()

    # -- leaving ------------------------------------------------------------------------------
    def action_leave(self) -> None:
        if not self.dirty:
            self.navigate(GoBack(self))
            return
        from .confirm import confirm_leaving

        confirm_leaving(self, lambda: self.navigate(GoBack(self)))

    # -- events -------------------------------------------------------------------------------
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "prep-save":
            await self.action_save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
