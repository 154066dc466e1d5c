"""Prep: one member, alone, before a meeting — the issue they will bring, and their own actions.

The draft (a :class:`~als_tui.model.Prep`) pre-fills the member's bid at the next meeting; action
updates are recorded at once, between meetings (``meeting_id`` empty). ``als prep`` opens here.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.validation import Integer
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from ..flow import open_actions
from ..insight import is_overdue
from ..model import (
    DEFAULT_MINUTES,
    DEFAULT_URGENCY,
    MINUTES_RANGE,
    NOTE_MAX,
    OPEN,
    REPORT_STATUSES,
    STATUS_CHOICES,
    STATUS_LABELS,
    TITLE_MAX,
    URGENCY_RANGE,
    Action,
    ALSet,
    Prep,
    clean_text,
)
from ..widgets.footer import Footer
from ..widgets.marked import MarkedCheckbox, MarkedRadioButton
from .confirm import ConfirmScreen
from .styled import StyledOnMount

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


class MarkedSelectionList(SelectionList[str]):
    """A selection list whose ticked options show an X and unticked ones a blank: the state is in
    the glyph, not only in its colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        mark = ToggleButton.BUTTON_INNER if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class PrepActions(Vertical):
    """The member's open actions, each with a status and a line. Rebuilt for each member."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.member = ""
        self.actions: list[Action] = []
        self.ever_had_actions = False
        self.older = 0  # open actions not shown (older than the ones shown)
        self.today = ""

    def compose(self) -> ComposeResult:
        if not self.member:
            return
        if not self.actions:
            if self.ever_had_actions:
                text = Content.assemble(
                    ("Nothing open. ", "bold"),
                    "Everything you committed to has been reported on. Well done for closing the loop.",
                )
            else:
                text = Content.assemble(
                    ("No actions yet — and that is fine. ", "bold"),
                    "Actions come from the meetings where you present: at the end of your session you "
                    "decide what you will do, and next time you say how it went. They will appear here.",
                )
            yield Static(text, classes="prep-no-actions")
            return
        yield Static(
            "Mark what happened and a line of what you learned. Leave one unmarked to report on it "
            "at the meeting instead.",
            classes="prep-actions-hint",
        )
        if self.older:
            yield Static(
                f"Showing your {len(self.actions)} most recent open actions. The {self.older} older ones are in "
                "the action tracker (press a on the home screen).",
                classes="prep-actions-hint",
            )
        for i, action in enumerate(self.actions):
            details = f"agreed {action.created}" if action.created else ""
            details += f" · due {action.due}" if action.due else " · no due date"
            if is_overdue(action, self.today):
                details += " · ⚠\u00a0overdue"
            if action.report_to:
                details += f" · report to {action.report_to}"
            if action.status != OPEN:
                details += f" · last time: {STATUS_LABELS.get(action.status, action.status)}"
            with Vertical(classes="prep-action"):
                yield Static(Content.assemble((f"{i + 1}. ", "bold"), (action.text, "bold")),
                             classes="prep-action-text")
                yield Static(Content(details.lstrip(" ·")), classes="prep-action-due")
                with RadioSet(id=f"status-{i}", classes="prep-action-status", compact=True):
                    for label in STATUS_CHOICES.values():
                        yield MarkedRadioButton(label)
                yield Input(placeholder="What happened? What did you learn?", id=f"learn-{i}",
                            max_length=NOTE_MAX, classes="prep-action-learning", compact=True)


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
        self.actions_loaded = False  # the action rows are built (just after the first paint)

    # -- choosing who -----------------------------------------------------------------------
    def _initial_choice(self) -> tuple[ALSet | None, str]:
        if not self.sets:
            return None, ""
        remembered = self.app.store.get_meta(META_KEY) or ["", ""]
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
        self.sets = self.app.store.sets()
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
        with Horizontal(id="prep-who"):
            yield Label("Set", classes="prep-who-label")
            yield Select([(Content(s.name), s.id) for s in self.sets], value=self.alset.id,
                         allow_blank=False, id="prep-set")
            yield Label("Member", classes="prep-who-label")
            yield Select(self._member_options(self.alset), value=self.member or Select.NULL,
                         allow_blank=not self.member, id="prep-member")
        with Horizontal(id="prep-body"):
            with VerticalScroll(id="prep-form"):
                yield Static(id="prep-status")
                yield Label("My issue, in one sentence (your bid)", classes="prep-label")
                yield Input(placeholder="e.g. How do I get the night team to own the handover?",
                            max_length=TITLE_MAX, id="issue")
                yield Label("Why it matters to me", classes="prep-label")
                yield TextArea(id="why", classes="prep-text")
                yield Label("What I have tried so far", classes="prep-label")
                yield TextArea(id="tried", classes="prep-text")
                yield Label("What I want from the set (space to tick)", classes="prep-label")
                yield MarkedSelectionList(*[(Content(o), o) for o in WANT_OPTIONS], id="want")
                yield Input(placeholder="Anything else you want from the set (optional)",
                            max_length=300, id="want-other")
                yield Label("What success would look like", classes="prep-label")
                yield TextArea(id="success", classes="prep-text")
                yield MarkedCheckbox("I am willing to be challenged on this", True, id="challenge")
                with Horizontal(id="prep-numbers"):
                    with Vertical():
                        yield Label("Urgency, 1 to 5", classes="prep-label")
                        yield Input(placeholder=str(DEFAULT_URGENCY), id="urgency", type="integer",
                                    valid_empty=True, validators=[Integer(*URGENCY_RANGE)])
                    with Vertical():
                        yield Label("Minutes I would like", classes="prep-label")
                        yield Input(placeholder=str(DEFAULT_MINUTES), id="minutes", type="integer",
                                    valid_empty=True, validators=[Integer(*MINUTES_RANGE)])
                yield Static(id="prep-error")
                yield Button("Save draft  (Ctrl+S)", id="prep-save", variant="primary")
                yield Static(Content(INTRO), id="prep-intro")
            with VerticalScroll(id="prep-actions") as box:
                box.border_title = "Your actions"
                yield PrepActions(id="prep-action-list")  # filled just after the first paint
        yield Footer()

    def _member_options(self, alset: ALSet) -> list[tuple[Content, str]]:
        return [(Content(m), m) for m in alset.active_members]

    async def on_mount(self) -> None:
        if self.alset is None:
            return
        self.query_one("#prep-error").display = False
        await self._load(actions_now=False)
        self.query_one("#issue", Input).focus()
        # The form is usable at once; the action rows (tens of widgets) are built right after
        # the first paint, so the screen opens without waiting for them.
        self.call_after_refresh(self._first_actions)

    async def _first_actions(self) -> None:
        if self.actions_loaded or not self.is_attached:
            return  # a switch of member has loaded them already, or the screen has gone
        form_state, _ = self._clean
        await self._load_actions()
        self._clean = (form_state, self._actions_state())
        self.app.load_history_after_paint()

    # -- loading ------------------------------------------------------------------------------
    async def _load(self, actions_now: bool = True) -> None:
        """Fill the form and (unless *actions_now* is false) the actions panel for the chosen member."""
        assert self.alset is not None
        store = self.app.store
        set_id, member = self.alset.id, self.member
        if store.get_meta(META_KEY) != [set_id, member]:
            self.app.persist(store.set_meta, META_KEY, [set_id, member])
        self.prep = store.get_prep(set_id, member) if member else None
        p = self.prep or Prep(set_id=set_id, member=member)
        self.query_one("#issue", Input).value = p.issue
        self.query_one("#why", TextArea).load_text(p.why)
        self.query_one("#tried", TextArea).load_text(p.tried)
        chosen, other = split_want(p.want)
        want = self.query_one("#want", SelectionList)
        want.deselect_all()
        for option in chosen:
            want.select(option)
        self.query_one("#want-other", Input).value = other
        self.query_one("#success", TextArea).load_text(p.success)
        self.query_one("#challenge", MarkedCheckbox).value = p.challenge_ok
        self.query_one("#urgency", Input).value = str(p.urgency) if self.prep else ""
        self.query_one("#minutes", Input).value = str(p.minutes) if self.prep else ""
        self._show_status()
        self.query_one("#prep-error").display = False
        if actions_now:
            await self._load_actions()
        self._clean = self._state()

    def _fill_actions(self, panel: PrepActions) -> str:
        """Give *panel* the member's open actions (the most recent few); returns its title."""
        assert self.alset is not None
        mine = self.app.store.actions(self.alset.id, self.member) if self.member else []
        panel.member = self.member
        panel.today = self.app.today()
        still_open = open_actions(mine, self.member)
        panel.actions = still_open[-ACTIONS_SHOWN:]
        panel.older = len(still_open) - len(panel.actions)
        panel.ever_had_actions = bool(mine)
        return f"Your open actions ({len(still_open)})" if still_open else "Your actions"

    async def _load_actions(self) -> None:
        panel = self.query_one(PrepActions)
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
            used = self.app.store.get_meeting(p.used_in)
            when = f"the meeting of {used.date}" if used else "a meeting"
            status.update(Content.assemble(
                ("Your last draft was brought to ", "bold"), (when, "bold"),
                ". Change it for the next meeting, or start again; saving makes it your next bid."))
        else:
            status.update(Content.assemble(
                ("Draft saved ", "bold"), (p.updated, "bold"),
                f". It will fill in {self.member}'s bid at the next meeting."))
        self.query_one("#prep-intro").display = p is not None

    # -- state ---------------------------------------------------------------------------------
    def _state(self) -> tuple[tuple, tuple]:
        """Everything the member can change (form, action rows), to tell whether something is unsaved."""
        if self.alset is None:
            return (), ()
        values = [
            self.query_one(f"#{name}", Input).value for name in ("issue", "want-other", "urgency", "minutes")
        ]
        values += [self.query_one(f"#{name}", TextArea).text for name in ("why", "tried", "success")]
        values.append(tuple(sorted(self.query_one("#want", SelectionList).selected)))
        values.append(self.query_one("#challenge", MarkedCheckbox).value)
        return tuple(values), self._actions_state()

    def _actions_state(self) -> tuple:
        if not self.actions_loaded:
            return ()
        values = []
        for i in range(len(self.query_one(PrepActions).actions)):
            values.append(self.query_one(f"#status-{i}", RadioSet).pressed_index)
            values.append(self.query_one(f"#learn-{i}", Input).value)
        return tuple(values)

    @property
    def dirty(self) -> bool:
        return self.alset is not None and self._state() != self._clean

    # -- switching set or member ---------------------------------------------------------------
    @on(Select.Changed, "#prep-set")
    async def _set_changed(self, event: Select.Changed) -> None:
        value = event.select.value
        if self.alset is None or value is Select.NULL or value == self.alset.id:
            return
        await self._switch(str(value), None)

    @on(Select.Changed, "#prep-member")
    async def _member_changed(self, event: Select.Changed) -> None:
        value = event.select.value
        if self.alset is None or value is Select.NULL or value == self.member:
            return
        await self._switch(self.alset.id, str(value))

    async def _switch(self, set_id: str, member: str | None) -> None:
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
            self.query_one("#prep-set", Select).value = self.alset.id
            if self.member:
                self.query_one("#prep-member", Select).value = self.member

    async def _do_switch(self, set_id: str, member: str | None) -> None:
        alset = next((s for s in self.sets if s.id == set_id), None)
        if alset is None:
            return
        changed_set = self.alset is None or alset.id != self.alset.id
        self.alset = alset
        self.member = self._member_in(alset, member or "")
        if changed_set:
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
        if self.alset is None or not self.member:
            return
        urgency = self._number("urgency", DEFAULT_URGENCY, *URGENCY_RANGE, "Urgency")
        if urgency is None:
            return
        minutes = self._number("minutes", DEFAULT_MINUTES, *MINUTES_RANGE, "Minutes")
        if minutes is None:
            return
        panel = self.query_one(PrepActions)
        updates: list[tuple[Action, str, str]] = []
        for i, action in enumerate(panel.actions):
            index = self.query_one(f"#status-{i}", RadioSet).pressed_index
            note = clean_text(self.query_one(f"#learn-{i}", Input).value, NOTE_MAX, single_line=True)
            if index < 0:
                if note:
                    self._error(f"choose done / partly / not done / dropped for “{action.text[:40]}”, "
                                "or clear its line.", f"#status-{i}")
                    return
                continue
            updates.append((action, REPORT_STATUSES[index], note))
        store = self.app.store
        today = self.app.today()
        prep = Prep(
            set_id=self.alset.id,
            member=self.member,
            issue=clean_text(self.query_one("#issue", Input).value, TITLE_MAX, single_line=True),
            why=clean_text(self.query_one("#why", TextArea).text, TEXT_LIMIT),
            tried=clean_text(self.query_one("#tried", TextArea).text, TEXT_LIMIT),
            want=join_want(list(self.query_one("#want", SelectionList).selected),
                           self.query_one("#want-other", Input).value),
            success=clean_text(self.query_one("#success", TextArea).text, TEXT_LIMIT),
            challenge_ok=self.query_one("#challenge", MarkedCheckbox).value,
            minutes=minutes,
            urgency=urgency,
            updated=today,
            used_in="",
        )
        saved = self.app.persist(store.save_prep, prep)
        for action, status, note in updates:
            action.set_status(status, note, meeting_id="", when=today)
            saved = self.app.persist(store.save_action, action) and saved
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
            self.app.go_home()
            return
        self.app.push_screen(
            ConfirmScreen("Unsaved changes", "Leave without saving? Press Ctrl+S first to keep them.",
                          "Leave", "Stay"),
            lambda yes: self.app.go_home() if yes else None,
        )

    # -- events -------------------------------------------------------------------------------
    @on(Button.Pressed, "#prep-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()
