"""Check-in: a round-robin; each member says how they arrive and reports on last time's actions."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Button, Input, RadioSet, Static

from ..clock import StageClock, time_left_words
from ..flow import checkin_order
from ..model import APOLOGIES, NOTE_MAX, PRESENT, REPORT_STATUSES, ActionUpdate, clean_text
from ..widgets.big_name import BigName
from ..widgets.checkin_clock import CheckInClock
from ..widgets.footer import Footer
from ..widgets.header import Header
from ..widgets.stage_clock import StageClockView
from .base import MeetingScreen
from . import checkin_drafts as drafts
from .checkin_actions import actions_to_report, record_reports, reported_before
from .checkin_goto import GoToScreen
from .checkin_report import ReportActions, ReportBack
from .checkin_roster import LEGEND, all_done, anyone_checked_in, checked_in, goto_choices, order_strip
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ..commands import Command

FALLBACK_PROMPT = "How are you arriving today, in a word or two?"
DRAFT_DELAY = 1.0  # seconds after the last key before what is typed is saved



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
                tooltip="Record this check-in and go to the next person"),
        Binding("ctrl+n", "to_bids", "Go on to bids", priority=True, id="to_bids",
                tooltip="Everyone has had their turn: on to bids"),
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

    # -- display --------------------------------------------------------------------------------
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
        with self.app.batch_update():  # (the turn is painted once, not once per change)
            m = self.meeting
            member = self.current
            self.query_one("#checkin-order", Static).update(order_strip(self.meeting, self.current))
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
            done_count = sum(1 for n in m.checkin_order if checked_in(self.meeting, n))
            self.speaker = member  # (the big name follows: watch_speaker)
            if member is None:
                name.border_title = f"{done_count} of {len(m.checkin_order)} checked in"
                panel.member = None
                panel.all_done_text = all_done(m)
                with note_field.prevent(Input.Changed):
                    note_field.value = ""
            else:
                name.border_title = f"Now · {done_count} of {len(m.checkin_order)} checked in"
                existing = m.checkin_for(member)
                panel.member = member
                note = existing.note if existing and not existing.skipped else ""
                panel.actions, panel.prefill = actions_to_report(self.ctx, member)
                panel.before = reported_before(self.ctx, member)
                kept = drafts.kept_for(m.checkin_draft, member)
                if kept:  # typed before an interruption, or before the turn was put aside: put back
                    note = str(kept.get("note", note))
                    for action_id, (status, learning) in dict(kept.get("reports") or {}).items():
                        panel.prefill[action_id] = (str(status), str(learning))
                # Set before anything is awaited: a key typed straight after Ctrl+N lands after this.
                with note_field.prevent(Input.Changed):  # (the turn's own words, not typing: no draft)
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
        updates: list[ActionUpdate] = []
        for i, action, index, typed in panel.reports():
            learning = clean_text(typed, NOTE_MAX, single_line=True)
            if index < 0:
                if learning:
                    self._error(
                        Content.assemble("Choose done / partly / not done / dropped for “", action.text[:40], "”."),
                        f"#status-{i}",
                    )
                    return None
                continue
            updates.append(ActionUpdate(action.id, REPORT_STATUSES[index], learning))
        return clean_text(self.query_one("#note", Input).value, NOTE_MAX, single_line=True), updates

    # -- what is being typed, saved as it is typed (a crash loses none of it) --------------------
    def _typed_now(self) -> tuple[str, dict[str, list[str]]]:
        """The current turn as typed: the arrival line, and per action (status, learning)."""
        reports = {action.id: [REPORT_STATUSES[index] if index >= 0 else "", typed]
                   for _i, action, index, typed in self.query_one(ReportActions).reports() if index >= 0 or typed}
        return next((f.value for f in self.query("#note").results(Input)), ""), reports

    def _draft(self) -> dict[str, object]:
        """What has been typed for the current turn, with the turns put aside (Go to…, Skip)."""
        return drafts.turn(self.current, *self._typed_now(), self.meeting.checkin_draft)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _set_aside(self) -> None:
        """The current turn is left unrecorded (Go to…, Skip): keep what was typed in it, by member,
        so it is there when their turn comes back, whoever speaks in between."""
        member = self.current
        if member is None or not self.is_mounted:
            return
        self._stop_draft_timer()
        self.meeting.checkin_draft = drafts.put_aside(self.meeting.checkin_draft, member, *self._typed_now())

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
        self._stop_draft_timer()
        self.meeting.checkin_draft = drafts.recorded(self.meeting.checkin_draft, member)

    # -- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "shuffle":
            return not anyone_checked_in(self.meeting) and len(self.meeting.checkin_order) > 1
        if action in ("skip", "not_here", "toggle_clock", "another_prompt", "next", "finish"):
            return self.current is not None  # (when all are done, Ctrl+N is "Go on to bids")
        if action == "to_bids":
            return self.current is None
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
        record_reports(self.ctx, member, updates, when=self.als.today())
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
        options = goto_choices(self.meeting, self.ctx.alset.active_members, self.current)
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
        if anyone_checked_in(self.meeting):
            self.notify("The order can only be shuffled before anyone has checked in.", severity="warning")
            return
        order = checkin_order(self.meeting.present, self.ctx.history, rng=self.rng, shuffle=True)
        self.flow.begin_checkin(order)
        self.ctx.save()
        self.notify("New order: " + ", ".join(order), markup=False)
        await self.show_current()

    async def action_to_bids(self) -> None:
        await self.action_finish()

    async def action_finish(self) -> None:
        if self.flow.checkins_complete:
            self._finish()
            return
        present = set(self.meeting.present)
        missing = [n for n in self.meeting.checkin_order if n in present and not checked_in(self.meeting, n)]
        aside = drafts.waiting(self.meeting.checkin_draft)
        note, reports = self._typed_now()
        typed = [n for n in missing if n in aside or (n == self.current and (note or reports))]
        lost = Content.assemble(
            "\n\nWhat was typed for ", (", ".join(typed), "bold"),
            " is not kept (Keep going, then Ctrl+N on their turn, to record it).",
        ) if typed else Content("")
        question = Content.assemble(
            "Not checked in yet: ", (", ".join(missing), "bold"),
            ".\n\nFinish the check-in anyway and go on to bids? Their actions stay open for next time.", lost,
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
        self._alert(f"{time_left_words(self.clock.warn_within)} for {self.current or 'this check-in'}.")

    def on_stage_clock_view_time_up(self, event: StageClockView.TimeUp) -> None:
        self._alert(f"Time is up for {self.current or 'this check-in'}'s check-in.")

    def before_leave(self) -> None:
        self.clock.pause()
        if self.current is not None and self.is_mounted:
            self.meeting.checkin_draft = self._draft()
