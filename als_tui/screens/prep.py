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
from .styled import StyledOnMount

if TYPE_CHECKING:
    from textual.widgets import Button, Select

    from .prep_form import PrepActions, PrepFormRest

# What only the part of the screen built just after its first paint needs (the text areas, the
# selects, the radio sets: ~15 ms of imports) is imported there, not here.

META_KEY = "prep_last"
WANT_OPTIONS = (
    "questions to think with",
    "a sounding board",
    "accountability",
    "fresh perspectives",
    "challenge",
)
TEXT_LIMIT = 1000
ACTIONS_SHOWN = 8  # the most recent open actions; more would make the screen slow to open and long to read

INTRO = (
    "A few quiet minutes now make your time in the set count. Only your issue sentence is shown "
    "at the meeting, as your bid; the other answers are notes for you to think with."
)


def split_want(want: str) -> tuple[list[str], str]:
    """The stored 'what I want' text as (chosen options, free text)."""
    chosen: list[str] = []
    other: list[str] = []
    for part in (p.strip() for p in want.split(";")):
        if not part:
            continue
        if part.casefold() in WANT_OPTIONS:
            chosen.append(part.casefold())
        else:
            other.append(part)
    return chosen, "; ".join(other)


def join_want(chosen: list[str], other: str) -> str:
    parts = [o for o in WANT_OPTIONS if o in chosen]
    other = clean_text(other, 300, single_line=True).replace(";", ",")
    return "; ".join([*parts, other] if other else parts)


class PrepScreen(StyledOnMount, Screen[None]):
    """Pick set and member; draft the issue; update your own actions. Ctrl+S saves, Esc leaves."""

    HELP_ID = "prep"
    CSS_PATH = "prep.tcss"
    SUB_TITLE = "Prep"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save draft", priority=True, id="save",
                tooltip="Save the draft (it fills in your bid at the next meeting) and your action updates"),
        Binding("escape", "leave", "Home", id="leave",
                tooltip="Leave; asks first if something is not saved"),
    ]

    def __init__(self, set_id: str | None = None) -> None:
        super().__init__()
        self.wanted_set = set_id
        self.sets: list[ALSet] = []
        self.alset: ALSet | None = None
        self.member = ""
        self.prep: Prep | None = None
        self._clean: tuple = ((), ())  # (form, action rows) as last loaded or saved
        self.form_ready = False  # the whole form is there, rows and all (built just after the first paint)
        self.actions_loaded = False  # the action rows are built (just after the first paint)
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
        return alset, self._member_in(alset, r_member if alset.id == r_set else "")

    @staticmethod
    def _member_in(alset: ALSet, wanted: str) -> str:
        members = alset.active_members
        if wanted in members:
            return wanted
        folded = {m.casefold(): m for m in members}
        return folded.get(wanted.casefold(), members[0] if members else "")

    def compose(self) -> ComposeResult:
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
        # The first paint shows who is preparing, as a line of text, and the issue field,
        # focused and taking keys; the set and member choices and the rest of the form (about
        # forty widgets) are mounted just after it.
        yield Static(Content.assemble(("Set  ", "bold"), self.alset.name, "      ", ("Member  ", "bold"),
                                      self.member or "(choose)"), id="prep-who-first")
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

    def _member_options(self, alset: ALSet) -> list[tuple[Content, str]]:
        return [(Content(m), m) for m in alset.active_members]

    async def on_mount(self) -> None:
        if self.alset is None:
            return
        issue = self.query_one("#issue", Input)
        issue.value = self._read_prep().issue
        self._show_status()
        issue.focus()
        self._clean = self._state()
        self.call_after_refresh(self._build_rest)

    async def _build_rest(self) -> None:
        """Just after the first paint: the set and member choices, the rest of the form, and
        the action rows. What was typed in between still counts as unsaved."""
        async with self._form_turn:
            if self.form_ready or self._gone or self.alset is None:
                return
            from .prep_form import PrepActions, PrepFormRest, PrepWho

            who = PrepWho([(Content(s.name), s.id) for s in self.sets], self.alset.id,
                          self._member_options(self.alset), self.member, id="prep-who")
            with self.app.batch_update():  # the line of text gives way to the choices in one frame
                await self.mount(who, before="#prep-who-first")
                await self.query_one("#prep-who-first").remove()
            await self.query_one("#prep-form").mount(PrepFormRest(id="prep-form-rest"))
            await self.query_one("#prep-actions").mount(PrepActions(id="prep-action-list"))
            if self._gone:  # left (the palette, the app closing) while it was being built
                return
            self._form.fill(self.prep or Prep(set_id=self.alset.id, member=self.member), saved=self.prep is not None)
            await self._load_actions()
            if self._gone:
                return
            self.form_ready = True
            self._settle_after_build()

    def _settle_after_build(self) -> None:
        """The whole form is there: what it shows is the saved state, except an issue typed
        while it was being built."""
        (loaded_issue,), _ = self._clean
        form, actions = self._state()
        self._clean = ((loaded_issue, *form[1:]), actions)
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
        """Fill the whole form and the actions panel for the chosen member (after a switch; the
        caller holds the form's turn)."""
        self._remember_choice()
        p = self._read_prep()
        self.query_one("#issue", Input).value = p.issue
        self._form.fill(p, saved=self.prep is not None)
        self._show_status()
        await self._load_actions()
        if not self._gone:
            self._clean = self._state()

    @property
    def _form(self) -> PrepFormRest:
        return self.query_one("#prep-form-rest")  # type: ignore[return-value]

    @property
    def _panel(self) -> PrepActions:
        return self.query_one("#prep-action-list")  # type: ignore[return-value]

    def _fill_actions(self, panel: PrepActions) -> str:
        """Give *panel* the member's open actions (the most recent few); returns its title."""
        assert self.alset is not None
        from ..flow import open_actions

        mine = self.als.store.actions(self.alset.id, self.member) if self.member else []
        panel.member = self.member
        panel.today = self.als.today()
        still_open = open_actions(mine, self.member)
        panel.actions = still_open[-ACTIONS_SHOWN:]
        panel.older = len(still_open) - len(panel.actions)
        panel.ever_had_actions = bool(mine)
        return f"Your open actions ({len(still_open)})" if still_open else "Your actions"

    async def _load_actions(self) -> None:
        """Rebuild the action rows for the member chosen (the caller holds the form's turn)."""
        panel = self._panel
        self.query_one("#prep-actions").border_title = self._fill_actions(panel)
        await panel.recompose()
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
        if self.form_ready:
            self.query_one("#prep-intro").display = p is not None

    # -- state ---------------------------------------------------------------------------------
    def _state(self) -> tuple[tuple, tuple]:
        """Everything the member can change (form, action rows), to tell whether something is unsaved."""
        if self.alset is None:
            return (), ()
        issue = self.query_one("#issue", Input).value
        if not self.form_ready:
            return (issue,), ()
        return (issue, *self._form.state()), self._panel.state()

    @property
    def dirty(self) -> bool:
        return self.alset is not None and self._state() != self._clean

    # -- switching set or member ---------------------------------------------------------------
    async def on_select_changed(self, event: Select.Changed) -> None:
        value = event.select.value
        if self.alset is None or event.select.is_blank():
            return
        if event.select.id == "prep-set" and value != self.alset.id:
            await self._switch(str(value), None)
        elif event.select.id == "prep-member" and value != self.member:
            await self._switch(self.alset.id, str(value))

    async def _switch(self, set_id: str, member: str | None) -> None:
        from .confirm import ConfirmScreen

        if self.dirty:
            who = self.member or "this member"
            self.app.push_screen(
                ConfirmScreen("Unsaved changes", f"Leave {who}'s prep without saving the changes?",
                              "Leave them", "Stay"),
                lambda yes: self._after_switch_question(bool(yes), set_id, member),
            )
            return
        await self._do_switch(set_id, member)

    async def _after_switch_question(self, yes: bool, set_id: str, member: str | None) -> None:
        if yes:
            await self._do_switch(set_id, member)
        else:  # put the selects back
            assert self.alset is not None
            from textual.widgets import Select

            self.query_one("#prep-set", Select).value = self.alset.id
            if self.member:
                self.query_one("#prep-member", Select).value = self.member

    async def _do_switch(self, set_id: str, member: str | None) -> None:
        async with self._form_turn:
            if not self._gone:
                await self._switch_now(set_id, member)

    async def _switch_now(self, set_id: str, member: str | None) -> None:
        alset = next((s for s in self.sets if s.id == set_id), None)
        if alset is None:
            return
        changed_set = self.alset is None or alset.id != self.alset.id
        self.alset = alset
        self.member = self._member_in(alset, member or "")
        if changed_set:
            from textual.widgets import Select

            select = self.query_one("#prep-member", Select)
            select.set_options(self._member_options(alset))
            if self.member:
                select.value = self.member
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
        for action, status, note in updates:
            action.set_status(status, note, meeting_id="", when=today)
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
        self._show_status()
        await self._load_actions()
        self._clean = self._state()

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
