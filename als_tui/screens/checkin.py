"""Check-in: a round-robin; each member says how they arrive and reports on last time's actions."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING
import unicodedata

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from ..widgets.header import Header
from ..clock import StageClock, format_seconds
from ..flow import apply_action_updates, checkin_order, open_actions
from ..model import (
    APOLOGIES,
    NOTE_MAX,
    OPEN,
    PRESENT,
    REPORT_STATUSES,
    STATUS_CHOICES,
    STATUS_LABELS,
    Action,
    ActionUpdate,
    clean_text,
)
from ..widgets.footer import Footer
from ..widgets.marked import MarkedRadioButton
from ..widgets.stage_clock import StageClockView
from .base import MeetingScreen
from .confirm import ConfirmScreen
from .styled import StyledOnMount

if TYPE_CHECKING:
    from ..commands import Command

FALLBACK_PROMPT = "How are you arriving today, in a word or two?"
DRAFT_DELAY = 1.0  # seconds after the last key before what is typed is saved

DONE_MARK, SKIPPED_MARK, NOW_MARK, WAITING_MARK = "✓", "↷", "▶", "○"
LEGEND = "✓ checked in   ↷ skipped, comes back   ▶ speaking now   ○ still to come"


# A three-row letter font (box drawing, in the style of figlet's "future"), so the name of the
# person speaking can be read from the back of the room. Names it cannot draw are shown as text.
BIG_FONT: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"), "B": ("┏┓ ", "┣┻┓", "┗━┛"), "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("╺┳┓", " ┃┃", "╺┻┛"), "E": ("┏━╸", "┣╸ ", "┗━╸"), "F": ("┏━╸", "┣╸ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"), "H": ("╻ ╻", "┣━┫", "╹ ╹"), "I": ("╻", "┃", "╹"),
    "J": ("  ╻", "  ┃", "┗━┛"), "K": ("╻┏╸", "┣┻┓", "╹ ╹"), "L": ("╻  ", "┃  ", "┗━╸"),
    "M": ("┏┳┓", "┃┃┃", "╹ ╹"), "N": ("┏┓╻", "┃┗┫", "╹ ╹"), "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "), "Q": ("┏━┓", "┃┓┃", "┗┻┛"), "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━┓", "┗━┓", "┗━┛"), "T": ("╺┳╸", " ┃ ", " ╹ "), "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "V": ("╻ ╻", "┃┏┛", "┗┛ "), "W": ("╻ ╻", "┃╻┃", "┗┻┛"), "X": ("╻ ╻", "┏╋┛", "╹ ╹"),
    "Y": ("╻ ╻", "┗┳┛", " ╹ "), "Z": ("╺━┓", "┏━┛", "┗━╸"),
    "0": ("┏━┓", "┃┃┃", "┗━┛"), "1": ("╺┓ ", " ┃ ", "╺┻╸"), "2": ("┏━┓", "┏━┛", "┗━╸"),
    "3": ("┏━┓", "╺━┫", "┗━┛"), "4": ("╻ ╻", "┗━┫", "  ╹"), "5": ("┏━╸", "┗━┓", "┗━┛"),
    "6": ("┏━┓", "┣━┓", "┗━┛"), "7": ("┏━┓", "  ┃", "  ╹"), "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "┗━┛"), " ": ("  ", "  ", "  "), "-": ("   ", "╺━╸", "   "),
    ".": (" ", " ", "╹"), "'": ("╻", " ", " "), "’": ("╻", " ", " "),
}


def big_text(text: str) -> tuple[str, str, str] | None:
    """*text* in the three-row font, or None if it has a character the font cannot draw."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    rows = ["", "", ""]
    for ch in plain.upper():
        glyph = BIG_FONT.get(ch)
        if glyph is None:
            return None
        for i in range(3):
            rows[i] += glyph[i] + " "
    return (rows[0].rstrip(), rows[1].rstrip(), rows[2].rstrip())


class BigName(Widget):
    """The name of the person speaking, in big letters when it fits; else in bold text."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.refresh(layout=True)

    def render(self) -> Content:
        rows = big_text(self.text)
        width = self.content_region.width or self.size.width
        if rows is None or max(len(r) for r in rows) > width or self.content_region.height < 3:
            return Content.styled(self.text, "bold")
        return Content("\n".join(rows))


class CheckInClock(StageClockView):
    """The per-member countdown: Ctrl+T starts and pauses it from anywhere; with the focus on it,
    space or enter do; a click does too."""

    can_focus = True
    BINDINGS = [Binding("enter", "screen.toggle_clock", "Start/pause clock", show=False)]

    async def on_click(self) -> None:
        await self.screen.run_action("toggle_clock")


class GoToScreen(StyledOnMount, ModalScreen[str | None]):
    """Pick a member to check in now: someone later in the order, someone skipped, a redo, or a
    late arrival. Dismisses with the member's name, or None."""

    CSS_PATH = "dialog.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, options: list[tuple[Content, str]]) -> None:
        super().__init__()
        self.choices = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who checks in now?", classes="dialog-title")
            yield OptionList(*[Option(label, id=str(i)) for i, (label, _name) in enumerate(self.choices)],
                             id="goto-list")
            yield Static("↑↓ choose · Enter go · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportActions(Vertical):
    """For each of the current member's open actions: a status and a line of learning. Rebuilt
    (recompose) for each member."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.member: str | None = None
        self.actions: list[Action] = []
        self.prefill: dict[str, tuple[str, str]] = {}  # action id -> (status, note)
        self.all_done_text: Content = Content("")

    def compose(self) -> ComposeResult:
        if self.member is None:
            yield Static(self.all_done_text, id="all-done")
            return
        if not self.actions:
            yield Static(
                Content.assemble((self.member, "bold"), " has no open actions from earlier meetings."),
                classes="no-actions",
            )
            return
        yield Static(
            Content.assemble("Actions ", (self.member, "bold"), f" committed to earlier ({len(self.actions)})"),
            classes="actions-title",
        )
        for i, action in enumerate(self.actions):
            status, learning = self.prefill.get(action.id, ("", ""))
            details = f"due {action.due}" if action.due else "no due date"
            if action.created:
                details += f" · agreed {action.created}"
            if action.status != OPEN:
                details += f" · last time: {STATUS_LABELS.get(action.status, action.status)}"
            with Vertical(classes="action-card"):
                yield Static(Content.assemble((f"{i + 1}. ", "bold"), (action.text, "bold")), classes="action-text")
                yield Static(Content(details), classes="action-due")
                with RadioSet(id=f"status-{i}", classes="action-status", compact=True):
                    for key, label in STATUS_CHOICES.items():
                        yield MarkedRadioButton(label, value=(key == status))
                yield Input(learning, placeholder="What happened, what did you learn? (one line)",
                            id=f"learn-{i}", max_length=NOTE_MAX, classes="action-learning", compact=True)


class ReportBack(Vertical):
    """The current member's arrival line, which stays from turn to turn (keys typed the moment a
    turn begins land in it), and their actions (ReportActions, rebuilt for each member)."""

    def compose(self) -> ComposeResult:
        yield Label("How are you arriving? (one line)", classes="field-label", id="note-label")
        yield Input(placeholder="How are you arriving? (one line)", id="note", max_length=NOTE_MAX)
        yield ReportActions(id="report-actions")


class CheckInScreen(MeetingScreen):
    """Round-robin check-in with a per-member clock and report-back on open actions."""

    CSS_PATH = ["common.tcss", "checkin.tcss"]
    HELP_ID = "checkin"
    AUTO_FOCUS = None  # the speaker's line takes the focus once it is built (show_current)
    speaker: var[str | None] = var(None, init=False, always_update=True)
    """Who is checking in now (None: everyone has, or nobody is here); shown big."""
    # below 60 columns the person and the report stack; below 100 the statuses take two rows;
    # the heights are MeetingScreen's (-tiny: the clock on one line, the report below it)
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (60, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Done — next", priority=True, id="next",
                tooltip="Record this check-in and go to the next person (when all are done: on to bids)"),
        Binding("ctrl+k", "skip", "Skip", priority=True, id="skip",
                tooltip="Skip this person for now; they come back at the end of the round"),
        Binding("ctrl+g", "goto", "Go to…", priority=True, id="goto",
                tooltip="Choose who checks in now: someone skipped, a redo, or a late arrival"),
        Binding("ctrl+s", "shuffle", "Shuffle", priority=True, id="shuffle",
                tooltip="Shuffle the order (only before anyone has checked in)"),
        Binding("ctrl+f", "finish", "Finish", priority=True, id="finish",
                tooltip="Finish the check-in and go on to bids"),
        # A key that cannot be typed: the speaker's line has the focus while they talk.
        Binding("ctrl+t", "toggle_clock", "Clock", priority=True, id="toggle_clock",
                tooltip="Start or pause this person's clock (also while typing)"),
        # Shown on the screen itself (a button, the clock's own line, the prompt), not in the footer.
        Binding("ctrl+a", "not_here", "Not here", priority=True, id="not_here", show=False,
                tooltip="Mark this person as not here (apologies); their actions stay open"),
        Binding("space", "toggle_clock", "Clock", id="toggle_clock_space", show=False,
                tooltip="Start or pause this person's clock (when the clock has the focus)"),
        Binding("ctrl+r", "another_prompt", "Prompt", priority=True, id="another_prompt", show=False,
                tooltip="Show another check-in prompt (also while typing)"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.rng = random.Random()
        self._draft_timer: Timer | None = None
        self.prompt_index = 0
        self.clock = self._new_clock()
        m = self.meeting
        if m.phase == "checkin" and not m.checkin_order and m.present:
            order = checkin_order(m.present, ctx.history, roster=ctx.alset.active_members)
            self.flow.begin_checkin(order)
            ctx.save()

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield self.phase_bar("Check-in")
        yield Static(id="checkin-order")
        yield Static(Content.styled(LEGEND, "dim"), id="checkin-legend")
        with Horizontal(id="checkin-body"):
            with VerticalScroll(id="checkin-now", can_focus=False):
                yield BigName(id="checkin-name")
                yield CheckInClock(self.clock, id="checkin-clock", start_key="Ctrl+T")
                yield Static(id="checkin-prompt")
            with VerticalScroll(id="checkin-report", can_focus=False):
                yield ReportBack(id="report-back")
        yield Static(id="checkin-error")
        with Horizontal(id="checkin-buttons"):
            yield Button("Done — next person (Ctrl+N)", id="next", variant="primary")
            yield Button("Skip for now (Ctrl+K)", id="skip")
            yield Button("Not here (Ctrl+A)", id="not-here")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#checkin-report").border_title = "Report back"
        await self.show_current()


    # -- state ----------------------------------------------------------------------------------
    def _new_clock(self) -> StageClock:
        return StageClock(max(1, self.ctx.alset.checkin_minutes) * 60, now=self.ctx.app.now)

    @property
    def current(self) -> str | None:
        return self.flow.current_checkin_member

    def _checked_in(self, name: str) -> bool:
        c = self.meeting.checkin_for(name)
        return c is not None and not c.skipped

    def _anyone_checked_in(self) -> bool:
        return any(not c.skipped for c in self.meeting.checkins)

    def _marker(self, name: str) -> str:
        if name == self.current:
            return NOW_MARK
        if self._checked_in(name):
            return DONE_MARK
        if self.meeting.checkin_for(name) is not None:
            return SKIPPED_MARK
        return WAITING_MARK

    def _member_actions(self, member: str) -> tuple[list[Action], dict[str, tuple[str, str]]]:
        """The member's open actions from earlier meetings, plus any already reported on in this
        meeting (so a check-in can be redone); with what was reported here, to pre-fill."""
        meeting_id = self.meeting.id
        earlier = [a for a in self.ctx.open_actions_of(member) if a.meeting_id != meeting_id]
        shown = {a.id: a for a in open_actions(earlier, member)}
        prefill: dict[str, tuple[str, str]] = {}
        for action in earlier:
            if action.owner != member:
                continue
            here = [h for h in action.history if h.meeting_id == meeting_id]
            if here:
                shown[action.id] = action
                prefill[action.id] = (here[-1].status, here[-1].note)
        return sorted(shown.values(), key=lambda a: (a.created, a.id)), prefill

    # -- display --------------------------------------------------------------------------------
    def _order_strip(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = [("Order: ", "bold")]
        for i, name in enumerate(self.meeting.checkin_order):
            if i:
                parts.append("   ")
            marker = self._marker(name)
            label = f"{marker} {name}"
            if self.meeting.attendance.get(name) == APOLOGIES:
                label += " (left)"
            style = {NOW_MARK: "bold reverse", DONE_MARK: "dim", SKIPPED_MARK: "italic"}.get(marker, "")
            parts.append((label, style) if style else label)
        if not self.meeting.checkin_order:
            parts.append("nobody is marked present")
        return Content.assemble(*parts)

    def _prompt_text(self) -> str:
        prompts = self.ctx.bank.checkin_prompts
        if not prompts:
            return FALLBACK_PROMPT
        return prompts[self.prompt_index % len(prompts)].text

    def _show_prompt(self) -> None:
        self.query_one("#checkin-prompt", Static).update(
            Content.assemble(("“", "bold"), self._prompt_text(), ("”", "bold"), ("\nCtrl+R: another prompt", "dim"))
        )

    def watch_speaker(self, speaker: str | None) -> None:
        name = "All done" if self.meeting.checkin_order else "Nobody here"
        self.query_one(BigName).show(speaker if speaker is not None else name)

    async def show_current(self) -> None:
        """Show whoever is current now (or the all-done state), with a fresh clock."""
        m = self.meeting
        member = self.current
        self.query_one("#checkin-order", Static).update(self._order_strip())
        self.query_one("#checkin-error", Static).update("")
        self.query_one("#checkin-error", Static).display = False
        name = self.query_one(BigName)
        clock_view = self.query_one(CheckInClock)
        panel = self.query_one(ReportActions)
        note_field = self.query_one("#note", Input)
        flowing = self.clock.started  # once the round is under way, each turn's clock starts by itself
        self.clock = self._new_clock()
        if flowing and member is not None:
            self.clock.start()
        clock_view.set_clock(self.clock)
        done_count = sum(1 for n in m.checkin_order if self._checked_in(n))
        self.speaker = member  # (the big name follows: watch_speaker)
        if member is None:
            name.border_title = f"{done_count} of {len(m.checkin_order)} checked in"
            panel.member = None
            panel.all_done_text = Content.assemble(
                ("Everyone has checked in", "bold") if m.checkin_order else ("Nobody is marked present", "bold"),
                " — press ", ("Ctrl+N", "bold reverse"), " to go on to bids.",
                *self._recap(),
            )
            note_field.value = ""
        else:
            name.border_title = f"Now · {done_count} of {len(m.checkin_order)} checked in"
            existing = m.checkin_for(member)
            panel.member = member
            note = existing.note if existing and not existing.skipped else ""
            panel.actions, panel.prefill = self._member_actions(member)
            kept = self._kept_draft(member)
            if kept:  # typed before an interruption, or before the turn was put aside: put back
                note = str(kept.get("note", note))
                for action_id, (status, learning) in dict(kept.get("reports") or {}).items():
                    panel.prefill[action_id] = (str(status), str(learning))
            # Set before anything is awaited: a key typed straight after Ctrl+N lands after this.
            note_field.value = note
            note_field.cursor_position = len(note)
        for part in (note_field, self.query_one("#note-label")):
            part.display = member is not None
        self.set_class(member is None, "-all-done")  # (the clock, the prompt and two buttons go)
        self.query_one("#next", Button).label = (
            "Done — next person (Ctrl+N)" if member is not None else "Go on to bids (Ctrl+N)"
        )
        self._show_prompt()
        if member is not None:  # what they say is typed straight away, even before their actions show
            self.set_focus(note_field, scroll_visible=False)
        await panel.recompose()
        self.query_one("#checkin-report", VerticalScroll).scroll_home(animate=False)
        now = self.query_one("#checkin-now", VerticalScroll)
        self.call_after_refresh(now.scroll_home, animate=False)  # the name first
        self.refresh_bindings()
        if member is None:
            self.query_one("#next", Button).focus()

    def _recap(self) -> list[Content | str]:
        lines: list[Content | str] = []
        for checkin in self.meeting.checkins:
            if checkin.skipped:
                continue
            updates = len(checkin.updates)
            tail = f" · {updates} action{'s' if updates != 1 else ''} reported" if updates else ""
            lines.append(Content.assemble("\n", (f"{DONE_MARK} ", "bold"), (checkin.member, "bold"),
                                          f" — {format_seconds(checkin.seconds)}{tail}"))
        return lines

    # -- gathering the form ---------------------------------------------------------------------
    def _error(self, message: Content | str, focus: str | None = None) -> None:
        error = self.query_one("#checkin-error", Static)
        error.update(Content(message) if isinstance(message, str) else message)
        error.display = True
        if focus:
            self.query_one(focus).focus()
        self.app.bell()

    def _gather(self) -> tuple[str, list[ActionUpdate]] | None:
        panel = self.query_one(ReportActions)
        note = clean_text(self.query_one("#note", Input).value, NOTE_MAX, single_line=True)
        updates: list[ActionUpdate] = []
        for i, action in enumerate(panel.actions):
            index = self.query_one(f"#status-{i}", RadioSet).pressed_index
            learning = clean_text(self.query_one(f"#learn-{i}", Input).value, NOTE_MAX, single_line=True)
            if index < 0:
                if learning:
                    self._error(
                        Content.assemble("Choose done / partly / not done / dropped for “", action.text[:40], "”."),
                        f"#status-{i}",
                    )
                    return None
                continue
            updates.append(ActionUpdate(action.id, REPORT_STATUSES[index], learning))
        return note, updates

    # -- what is being typed, saved as it is typed (a crash loses none of it) --------------------
    def _draft(self) -> dict[str, object]:
        """What has been typed for the current turn, with the turns put aside (Go to…, Skip)."""
        panel = self.query_one(ReportActions)
        reports: dict[str, list[str]] = {}
        for i, action in enumerate(panel.actions):
            radios = self.query(f"#status-{i}").results(RadioSet)
            learning = self.query(f"#learn-{i}").results(Input)
            index = next((r.pressed_index for r in radios), -1)
            text = next((f.value for f in learning), "")
            if index >= 0 or text:
                reports[action.id] = [REPORT_STATUSES[index] if index >= 0 else "", text]
        note = next((f.value for f in self.query("#note").results(Input)), "")
        draft: dict[str, object] = {"member": self.current, "note": note, "reports": reports}
        waiting = self._waiting(without=self.current)
        if waiting:
            draft["waiting"] = waiting
        return draft

    def _waiting(self, without: str | None = None) -> dict[str, dict]:
        """The turns put aside with words typed in them, by member."""
        waiting = dict(self.meeting.checkin_draft.get("waiting") or {})
        waiting.pop(without, None)  # type: ignore[arg-type]
        return waiting

    def _kept_draft(self, member: str) -> dict | None:
        draft = self.meeting.checkin_draft
        if draft.get("member") == member:
            return draft
        return self._waiting().get(member)

    def _set_aside(self) -> None:
        """The current turn is left unrecorded (Go to…, Skip): keep what was typed in it, by member,
        so it is there when their turn comes back, whoever speaks in between."""
        member = self.current
        if member is None or not self.is_mounted:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        draft = self._draft()
        waiting = self._waiting(without=member)
        if draft["note"] or draft["reports"]:
            waiting[member] = {"note": draft["note"], "reports": draft["reports"]}
        self.meeting.checkin_draft = {"waiting": waiting} if waiting else {}

    def save_draft(self) -> None:
        """Keep what has been typed for this turn in the meeting (called a second after typing)."""
        self._draft_timer = None
        if self.current is None or not self.is_mounted:
            return
        draft = self._draft()
        if draft != self.meeting.checkin_draft:
            self.meeting.checkin_draft = draft
            self.ctx.save()

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _typed(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    def _clear_draft(self, member: str) -> None:
        """*member*'s turn is recorded: its draft goes; the other turns put aside stay."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        waiting = self._waiting(without=member)
        self.meeting.checkin_draft = {"waiting": waiting} if waiting else {}

    def _apply_updates(self, member: str, updates: list[ActionUpdate]) -> None:
        """Apply report-backs to the member's action records and save each. A redo replaces what
        this meeting recorded before instead of adding to it."""
        actions = self.ctx.open_actions_of(member)
        meeting_id = self.meeting.id
        by_id = {a.id: a for a in actions}
        for update in updates:
            action = by_id.get(update.action_id)
            if action is None:
                continue
            kept = [h for h in action.history if h.meeting_id != meeting_id]
            if len(kept) != len(action.history):
                action.history = kept
                action.status = kept[-1].status if kept else OPEN
        for action in apply_action_updates(actions, updates, meeting_id, when=self.als.today()):
            self.ctx.save_action(action)

    # -- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "shuffle":
            return not self._anyone_checked_in() and len(self.meeting.checkin_order) > 1
        if action in ("skip", "not_here", "toggle_clock", "another_prompt"):
            return self.current is not None
        return True

    async def action_next(self) -> None:
        member = self.current
        if member is None:
            await self.action_finish()
            return
        gathered = self._gather()
        if gathered is None:
            return
        note, updates = gathered
        self.clock.pause()
        self._apply_updates(member, updates)
        self.flow.record_checkin(member, note, updates, seconds=round(self.clock.elapsed, 1))
        self._clear_draft(member)
        self.ctx.save()
        await self.show_current()

    async def action_skip(self) -> None:
        member = self.current
        if member is None:
            return
        self._set_aside()  # (what they began to say comes back with them)
        self.flow.skip_checkin(member)
        self.ctx.save()
        self.notify(f"{member} will come back at the end of the round.", markup=False)
        await self.show_current()

    async def action_not_here(self) -> None:
        member = self.current
        if member is None:
            return
        existing = self.meeting.checkin_for(member)
        self.flow.set_attendance(member, APOLOGIES)
        if existing is not None and not existing.skipped:  # checked in already, leaving now: move on
            self.flow.record_checkin(member, existing.note, existing.updates, existing.seconds)
        self.ctx.save()
        self.notify(f"{member} is marked as not here; their actions stay open for next time.", markup=False)
        await self.show_current()

    def action_goto(self) -> None:
        m = self.meeting
        options: list[tuple[Content, str]] = []
        for name in m.checkin_order:
            if m.attendance.get(name) == APOLOGIES:
                continue
            marker = self._marker(name)
            hint = {DONE_MARK: " — redo", SKIPPED_MARK: " — skipped earlier", NOW_MARK: " — now"}.get(marker, "")
            options.append((Content.assemble(f"{marker} ", (name, "bold"), hint), name))
        for name in self.ctx.alset.active_members:
            if name not in m.checkin_order or m.attendance.get(name) != PRESENT:
                if name in m.checkin_order and self._checked_in(name):
                    continue
                options.append((Content.assemble("+ ", (name, "bold"), " — arrived late"), name))
        if not options:
            self.notify("Nobody to choose.", severity="warning")
            return
        self.app.push_screen(GoToScreen(options), self._went_to)

    async def _went_to(self, name: str | None) -> None:
        if not name:
            return
        if name == self.current:
            return
        self._set_aside()  # (what the current speaker began to say waits for their turn)
        if self.meeting.attendance.get(name) != PRESENT:
            self.flow.set_attendance(name, PRESENT)
        self.flow.goto_checkin(name)
        self.ctx.save()
        await self.show_current()

    async def action_shuffle(self) -> None:
        if self._anyone_checked_in():
            self.notify("The order can only be shuffled before anyone has checked in.", severity="warning")
            return
        order = checkin_order(self.meeting.present, self.ctx.history, rng=self.rng, shuffle=True)
        self.flow.begin_checkin(order)
        self.ctx.save()
        self.notify("New order: " + ", ".join(order), markup=False)
        await self.show_current()

    async def action_finish(self) -> None:
        if self.flow.checkins_complete:
            self._finish()
            return
        present = set(self.meeting.present)
        missing = [n for n in self.meeting.checkin_order if n in present and not self._checked_in(n)]
        question = Content.assemble(
            "Not checked in yet: ", (", ".join(missing), "bold"),
            ".\n\nFinish the check-in anyway and go on to bids? Their actions stay open for next time.",
        )
        self.app.push_screen(ConfirmScreen("Finish the check-in?", question, "Finish", "Keep going"),
                             self._confirmed_finish)

    def _confirmed_finish(self, yes: bool | None) -> None:
        if yes:
            self._finish()

    def _finish(self) -> None:
        self.clock.pause()
        self.flow.finish_checkin()
        self.ctx.save()
        self.go_next()

    def action_toggle_clock(self) -> None:
        if self.current is None:
            return
        self.clock.toggle()
        self.query_one(CheckInClock).tick()

    def palette_commands(self) -> Iterator[Command]:
        """This person's clock, by name, for the command palette."""
        from ..commands import Command

        if self.current is None:
            return
        clock = self.clock
        verb = "Pause the clock" if clock.running else ("Resume the clock" if clock.started else "Start the clock")
        yield Command(verb, f"{self.current}'s check-in clock (Ctrl+T does the same)", self.action_toggle_clock,
                      "clock timer pause start resume stop")

    def action_another_prompt(self) -> None:
        self.prompt_index += 1
        self._show_prompt()

    # -- events ---------------------------------------------------------------------------------
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            await self.action_next()
        elif event.button.id == "skip":
            await self.action_skip()
        elif event.button.id == "not-here":
            await self.action_not_here()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def _alert(self, message: str) -> None:
        if self.ctx.alset.sound:
            self.app.bell()
        self.notify(message, title="Check-in clock", markup=False)

    def on_stage_clock_view_warning(self, event: StageClockView.Warning) -> None:
        self._alert(f"One minute left for {self.current or 'this check-in'}.")

    def on_stage_clock_view_time_up(self, event: StageClockView.TimeUp) -> None:
        self._alert(f"Time is up for {self.current or 'this check-in'}'s check-in.")

    def before_leave(self) -> None:
        self.clock.pause()
        if self.current is not None and self.is_mounted:
            self.meeting.checkin_draft = self._draft()
