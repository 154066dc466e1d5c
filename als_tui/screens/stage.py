"""One timed stage of a presenter's session: the rule, the big clock, a prompt, the scribe."""

from __future__ import annotations

import random
from functools import partial
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from ..widgets.header import Header
from ..bank import Method, Stage
from ..clock import StageClock
from ..compat import highlight_in_open_select
from ..model import HarvestedQuestion, clean_text
from ..widgets.big_clock import BigClock
from ..widgets.stage_clock import StageClockView
from .base import MeetingScreen
from .routing import shows_stage
from .stage_words import listens_line, method_card, rule_line, speaker_line, stage_help

# A running clock is saved every SAVE_EVERY seconds (checked every second): a crash loses at most
# SAVE_EVERY + 1 s of it, plus the few milliseconds the writer thread takes to commit (README: ≤ 5 s).
SAVE_EVERY = 3.0

# The actions on printable keys (and on the arrows that move the cursor): not offered while typing.
TYPED_KEYS = frozenset({"toggle_clock", "prompt", "random_prompt", "extend", "scribe", "insight",
                        "choose_method", "large_clock"})

if TYPE_CHECKING:
    from ..commands import Command


class StageScreen(MeetingScreen):
    HELP_ID = "session"
    CSS_PATH = ["common.tcss", "stage.tcss"]
    # Below 80 columns or 24 rows the columns stack, the clock on top, and the body scrolls.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (18, "-low"), (24, "-tall")]
    AUTO_FOCUS = "#stage-left"  # (the buttons come first in the layout; keys act on the screen)
    BINDINGS = [
        # (the footer is full at 120 columns: Home is in the palette and in F1's list here)
        Binding("ctrl+l", "leave", "Home", show=False, id="leave",
                tooltip="Back to the home screen; the meeting is saved and can be resumed"),
        Binding("space", "toggle_clock", "Start/Pause", tooltip="Start or pause the clock", id="toggle"),
        # Ctrl+T works at any time; the footer shows it while the scribe types (Space types a space then)
        Binding("ctrl+t", "clock_while_typing", "Start/Pause", priority=True, id="toggle_typing_shown",
                tooltip="Start or pause the clock while the scribe is typing"),
        Binding("ctrl+t", "toggle_clock", "Start/Pause while typing", show=False, priority=True,
                id="toggle_typing", tooltip="Start or pause the clock, also while the scribe is typing"),
        Binding("n,right", "prompt(1)", "Prompt", tooltip="Show another question from the bank", id="prompt_next"),
        Binding("p,left", "prompt(-1)", "Prev prompt", show=False, id="prompt_prev",
                tooltip="Show the previous question from the bank"),
        Binding("r", "random_prompt", "Random prompt", show=False, id="prompt_random",
                tooltip="Show a question from the bank at random"),
        Binding("plus,equals_sign", "extend(2)", "+2 min", tooltip="Give this stage two more minutes", id="extend"),
        Binding("s", "scribe", "Note question", tooltip="The scribe writes down a question that was asked", id="scribe"),
        Binding("i", "insight", "Insight", show=False, id="insight",
                tooltip="The scribe writes down an insight the presenter wants to keep"),
        Binding("down", "asker(1)", "Who asked: next", show=False, id="asker_next",
                tooltip="In the question line: the next member as the one who asked"),
        Binding("up", "asker(-1)", "Who asked: previous", show=False, id="asker_prev",
                tooltip="In the question line: the previous member as the one who asked"),
        Binding("ctrl+n", "next_stage", "Next stage", tooltip="Record this stage's time and move on", id="next"),
        Binding("ctrl+b", "back_stage", "Back", tooltip="Back to the previous stage, with the time it had used",
                id="back"),
        Binding("ctrl+x", "left_early", "Presenter leaving", show=False, id="left_early",
                tooltip="The presenter has to leave: skip to their actions"),
        Binding("m", "choose_method", "Method", tooltip="Choose the method for this stage", id="method"),
        Binding("escape", "close_scribe", "Close", id="close_scribe",
                tooltip="Put the scribe's line away (s or i brings it back, with what was typed)"),
        Binding("L,l", "large_clock", "Large clock", key_display="L", id="large_clock",
                tooltip="The clock as big as the screen allows, for the far end of the room (L again: back)"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._rng = random.Random()
        self._take_stage()

    def _take_stage(self) -> None:
        """Take the flow's current stage: its row, its stage in the bank, and its clock (started
        if the set moved on to it: ``ctx.autostart``)."""
        session = self.flow.current_session
        run = self.flow.current_stage
        assert session is not None and run is not None
        self.session = session
        self.run_row = run
        self.stage: Stage | None = self.ctx.bank.stage(run.stage_id)
        self.clock: StageClock = self.flow.stage_clock()
        if self.ctx.autostart:
            self.clock.start()
            self.ctx.autostart = False
        self.prompt_index = 0
        self._last_saved = 0.0
        self._told_unnamed = False

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        m = self.meeting
        s = self.session
        yield Header()
        yield self.phase_bar(f"Issue {m.session_index + 1} of {len(m.sessions)} · {s.presenter}")
        yield Static(self._stage_strip(), id="stage-strip")
        # The clock first: on a narrow terminal the column stacks, clock on top (on a wide one the
        # left column is docked at the left, as before).
        with Horizontal(id="stage-body"):
            with Vertical(id="stage-centre"):
                yield Static(self._caption(), id="large-caption")
                yield BigClock(self.clock, id="big-clock")
                yield StageClockView(self.clock, id="clock")
                with Horizontal(id="clock-buttons"):
                    yield Button("Start/Pause", id="b-toggle")
                    yield Button("+2 min", id="b-extend")
                    yield Button("Next stage →", id="b-next", variant="primary")
                yield Static("", id="method-card")
                yield Static("", id="prompt-card")
            with VerticalScroll(id="stage-left"):
                yield from self._left_column()
        with Horizontal(id="scribe", classes="-hidden -question"):
            yield Select([(Content(n), n) for n in self._askers()], prompt="Who asked? ↑↓",
                         value=self._last_asker(), id="asker")
            yield ScribeLine(placeholder=self._question_placeholder(), id="question", max_length=2000)
            yield ScribeLine(placeholder="An insight the presenter wants to keep (Enter)", id="insight", max_length=2000)
        yield Static("", id="harvest", classes="-empty")
        yield Static("", id="harvest-count", classes="-empty")  # (on a low terminal, instead of the list)
        yield from self.compose_footer()

    def _caption(self) -> Content:
        """The stage and its rule, above the large clock."""
        stage = self.stage
        title = stage.title if stage else self.run_row.title
        caption = Content.assemble((title, "bold"), "  ·  ", self._rule_text())
        listens = listens_line(stage, self.session.presenter)
        if listens:  # the presenter only listens: say so in the large-clock layout too
            caption = Content.assemble(caption, "\n", (listens.upper(), "bold reverse"))
        return caption

    def _left_column(self) -> Iterator[Widget]:
        """What this stage asks of the room: its title, rule, who speaks, the method, the issue."""
        stage = self.stage
        title = stage.title if stage else self.run_row.title
        listens = listens_line(stage, self.session.presenter)
        yield Static(Content(title), id="stage-title")
        rule = Static(Content(self._rule_text()), id="stage-rule")
        if stage is not None and stage.rules.advice_allowed:
            rule.add_class("-advice")
        yield rule
        if listens:
            yield Static(Content(listens.upper()), id="stage-listens")
        yield Static(self._speaker_text(), id="stage-speaker")
        if stage and stage.methods:
            known = {x.name for x in stage.methods}
            yield Select(
                [(Content(x.name), x.name) for x in stage.methods],
                prompt="Choose a method  (m)",
                value=self.run_row.method if self.run_row.method in known else Select.NULL,
                id="method",
            )
        if stage and stage.purpose:
            yield Static(Content(stage.purpose), id="stage-purpose")
        yield Static(self._issue_text(), id="stage-issue")

    def _question_placeholder(self) -> str:
        if self.stage is not None and self.stage.rules.advice_allowed:
            return "The suggestion or question, as said (↑↓ who said it, Enter to keep it)"
        return "The question, as asked (↑↓ who asked, Enter to keep it)"

    def on_mount(self) -> None:
        self._show_prompt()
        self._show_harvest()
        self._show_method()
        self.set_interval(1.0, self._autosave)
        self.set_class(self.als.large_clock, "-large-clock")  # kept from stage to stage

    def _stage_strip(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for i, run in enumerate(self.session.stages):
            if i:
                parts.append("  ›  ")
            if i < self.session.current_stage:
                parts.append((f"✓ {run.title}", "dim"))
            elif i == self.session.current_stage:
                parts.append((f"▶ {run.title}", "bold reverse"))
            else:
                parts.append(run.title)
        parts.append("  ›  Actions")
        return Content.assemble(*parts)

    def _rule_text(self) -> str:
        if self.stage is None:
            return ""
        return rule_line(self.stage).upper()

    def _speaker_text(self) -> Content:
        return Content(speaker_line(self.stage, self.session.presenter))

    def _issue_text(self) -> Content:
        parts: list[str | tuple[str, str]] = [("Issue: ", "bold"), self.session.title or "—"]
        earlier = self._earlier_method()
        if earlier:
            parts += ["\n", ("Method: ", "bold"), earlier]
        return Content.assemble(*parts)

    def _earlier_method(self) -> str:
        """The method chosen in an earlier stage of this session (the latest), if any."""
        for run in reversed(self.session.stages[: self.session.current_stage]):
            if run.method:
                return run.method
        return ""

    # -- the method -----------------------------------------------------------------------
    def _show_method(self) -> None:
        """The method card: on the stage that chooses, the choice (or the list); on a later
        stage without prompts of its own, the method the set chose earlier."""
        card = self.query_one("#method-card", Static)
        stage = self.stage
        if stage and stage.methods:
            card.update(method_card(stage.methods, self.run_row.method, choosing=True))
            card.set_class(bool(self.run_row.method), "-chosen")
            card.set_class(not self.run_row.method, "-list")
            card.display = True
            return
        earlier = self._earlier_method()
        if earlier and not self.prompts:
            card.update(method_card(self._earlier_methods(), earlier, choosing=False))
            card.add_class("-chosen")
            card.remove_class("-list")
            card.display = True
            return
        card.display = False

    def _earlier_methods(self) -> tuple[Method, ...]:
        for run in reversed(self.session.stages[: self.session.current_stage]):
            stage = self.ctx.bank.stage(run.stage_id)
            if run.method and stage is not None:
                return stage.methods
        return ()

    def action_choose_method(self) -> None:
        if not (self.stage and self.stage.methods):
            return
        select = self.query_one("#method", Select)
        select.focus()
        select.expanded = True
        if select.value is Select.NULL:  # start on the first method, not on the blank prompt row
            highlight_in_open_select(select, 1)

    def palette_commands(self) -> Iterator[Command]:
        """The clock, by name, for the command palette."""
        from ..commands import Command

        clock = self.clock
        verb = "Pause the clock" if clock.running else ("Resume the clock" if clock.started else "Start the clock")
        yield Command(verb, "Space does the same", self.action_toggle_clock, "clock timer pause start resume stop")
        for minutes in (2, 5):
            yield Command(f"Extend the clock by {minutes} minutes", f"Give this stage {minutes} more minutes",
                          partial(self.action_extend, minutes), f"more time add extend +{minutes}")
        yield Command("Large clock off" if self.large_clock else "Large clock on",
                      "The clock as big as the screen allows, for the far end of the room (L)",
                      self.action_large_clock, "big clock projector layout")

    def help_topic(self) -> dict[str, str]:
        """F1: this stage of this format (a Kollegiale Beratung stage welcomes suggestions)."""
        return stage_help(self.ctx.bank, self.stage, self.session.presenter)

    @property
    def large_clock(self) -> bool:
        return self.has_class("-large-clock")

    def action_large_clock(self) -> None:
        """Toggle the large-clock layout: the clock fills the middle; stage and state stay in words."""
        self.toggle_class("-large-clock")
        self.als.large_clock = self.large_clock

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_method":
            return bool(self.stage and self.stage.methods)
        if action in ("prompt", "random_prompt"):
            return bool(self.prompts)
        if action == "asker":  # only while the scribe writes a question
            return self.focused is not None and self.focused.id == "question"
        if action in ("close_scribe", "clock_while_typing"):
            return self.typing
        if action in TYPED_KEYS:  # while the scribe types, these keys type: the footer does not offer them
            return not self.typing
        return True

    @property
    def typing(self) -> bool:
        """The scribe's line has the focus: printable and arrow keys go to it."""
        return isinstance(self.focused, Input)

    @on(Select.Changed, "#method")
    def _method_changed(self, event: Select.Changed) -> None:
        self._record_method()
        self.ctx.save()
        self._show_method()

    def _askers(self) -> list[str]:
        return [n for n in self.meeting.present if n != self.session.presenter] or self.meeting.present

    def _last_asker(self) -> str | object:
        """Who asked the session's last named question (kept from stage to stage), if they may ask."""
        named = [q.asker for q in self.session.questions if q.asker]
        return named[-1] if named and named[-1] in self._askers() else Select.NULL

    def action_asker(self, step: int) -> None:
        """Name the next (or previous) member as the one who asked; past either end, nobody."""
        select = self.query_one("#asker", Select)
        choices: list[object] = [Select.NULL, *self._askers()]
        current = select.value if select.value in choices else Select.NULL
        select.value = choices[(choices.index(current) + step) % len(choices)]

    # -- prompts --------------------------------------------------------------------------
    @property
    def prompts(self):
        return self.stage.prompts if self.stage else ()

    def _show_prompt(self) -> None:
        card = self.query_one("#prompt-card", Static)
        if not self.prompts:
            # no questions to borrow: how the stage is done, unless the method card says it
            stage = self.stage
            guidance = stage.guidance if stage and not stage.methods and not self._earlier_method() else ""
            if guidance:
                card.update(Content.assemble(("How this stage works\n", "dim"), guidance))
            card.display = bool(guidance)
            return
        p = self.prompts[self.prompt_index % len(self.prompts)]
        asks = self.stage is not None and self.stage.speaker != "presenter"
        label = "A question you could ask" if asks else "A prompt for the presenter"
        card.update(
            Content.assemble(
                (f"{label}  ({self.prompt_index % len(self.prompts) + 1}/{len(self.prompts)}"
                 f" · {p.purpose})\n", "dim"),
                (p.text, "bold"),
            )
        )

    def action_prompt(self, step: int) -> None:
        self.prompt_index += step
        self._show_prompt()

    def action_random_prompt(self) -> None:
        if len(self.prompts) > 1:
            current = self.prompt_index % len(self.prompts)
            self.prompt_index = self._rng.choice([i for i in range(len(self.prompts)) if i != current])
        self._show_prompt()

    # -- the clock ------------------------------------------------------------------------
    def _clock_view(self) -> StageClockView:
        return self.query_one("#clock", StageClockView)

    def _save_clock(self) -> None:
        self.flow.save_clock(self.clock)
        self.ctx.save()
        self._last_saved = self.clock.elapsed

    def _autosave(self) -> None:
        if self.clock.running and abs(self.clock.elapsed - self._last_saved) >= SAVE_EVERY:
            self._save_clock()

    def action_clock_while_typing(self) -> None:
        self.action_toggle_clock()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._clock_view().tick()
        self._save_clock()

    def action_extend(self, minutes: int) -> None:
        self.clock.extend(60 * minutes)
        self._clock_view().tick()
        self._save_clock()
        self.notify(f"{minutes} more minutes for this stage.")

    def _ring(self) -> None:
        if self.ctx.alset.sound:
            self.app.bell()

    @on(StageClockView.Warning)
    def _warning(self) -> None:
        self._ring()
        self.notify("One minute left in this stage.", title="Time", severity="warning")

    @on(StageClockView.TimeUp)
    def _time_up(self) -> None:
        from .time_up import TimeUpScreen

        self._ring()
        self.notify("Time is up for this stage.", title="Time", severity="error")
        title = self.stage.title if self.stage else self.run_row.title

        async def answer(minutes: int | None) -> None:
            if minutes:
                self.action_extend(minutes)
            elif minutes == 0:
                await self.action_next_stage()

        self.app.push_screen(TimeUpScreen(title), answer)

    # -- moving ---------------------------------------------------------------------------
    def _record_method(self) -> None:
        if self.stage and self.stage.methods:
            value = self.query_one("#method", Select).value
            self.run_row.method = "" if value is Select.NULL else str(value)

    async def action_next_stage(self) -> None:
        self._record_method()
        if self.stage and self.stage.methods and not self.run_row.method:
            self.notify("No method was chosen for this stage.", title="Method", severity="warning")
        self.clock.pause()
        self.flow.advance_stage_by(self.clock)
        self.ctx.autostart = True
        await self._moved()

    async def action_back_stage(self) -> None:
        if self.session.current_stage == 0:
            self.notify("This is the first stage.")
            return
        self._record_method()
        self.clock.pause()
        self.flow.back_stage(self.clock)  # this stage keeps its time; the one before gets its own back
        await self._moved()

    async def _moved(self) -> None:
        """The flow has moved: to another stage of this session, shown here (:meth:`_show_stage`),
        or on (the actions, the issue's start), shown by the next screen."""
        if self.flow.current_session is not self.session or not shows_stage(self.ctx):
            self.go_next()
            return
        self.ctx.save_durably()  # (as go_next: every step is on disk before the screen moves on)
        await self._show_stage()

    async def _show_stage(self) -> None:
        """Show the flow's current stage on this screen, as a new StageScreen would show it.

        Speed: moving from stage to stage is the step a meeting takes most often. A new screen
        rebuilt and restyled ~50 widgets (header, clocks, buttons, scribe, footer) that do not
        change within a session; here only what depends on the stage is updated, and the left
        column (a few Statics and the method choice) is rebuilt. ``tests/test_room_speed.py``
        counts the widgets mounted per step."""
        self._take_stage()
        self.query_one("#stage-strip", Static).update(self._stage_strip())
        self.query_one("#large-caption", Static).update(self._caption())
        self.query_one(BigClock).set_clock(self.clock)
        self._clock_view().set_clock(self.clock)
        left = self.query_one("#stage-left", VerticalScroll)
        await left.remove_children()
        await left.mount_all(list(self._left_column()))
        left.scroll_home(animate=False)
        self.query_one("#scribe").add_class("-hidden")
        question = self.query_one("#question", Input)
        question.placeholder = self._question_placeholder()
        question.value = ""
        self.query_one("#insight", Input).value = ""
        self.query_one("#asker", Select).value = self._last_asker()
        self._show_prompt()
        self._show_harvest()
        self._show_method()
        left.focus()
        self.refresh_bindings()

    def action_left_early(self) -> None:
        from .confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.clock.pause()
                self.run_row.actual_seconds = self.clock.elapsed  # (the clock counts earlier visits)
                self.run_row.extended_seconds = self.clock.extended
                self.flow.presenter_left_early()
                self.go_next()

        self.app.push_screen(
            ConfirmScreen(
                "Presenter leaving early",
                Content.assemble(
                    "Skip the remaining stages and go straight to ",
                    (self.session.presenter, "bold"), "'s actions?",
                ),
            ),
            answer,
        )

    def before_leave(self) -> None:
        self._record_method()
        self.clock.pause()
        self.flow.save_clock(self.clock)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "b-extend":
            self.action_extend(2)
        elif event.button.id == "b-toggle":
            self.action_toggle_clock()
        elif event.button.id == "b-next":
            await self.action_next_stage()

    # -- the scribe -----------------------------------------------------------------------
    def action_scribe(self) -> None:
        self._open_scribe("question")

    def action_insight(self) -> None:
        self._open_scribe("insight")

    def _open_scribe(self, line: str) -> None:
        """Show the scribe's line for a question (with who asked) or an insight, and type in it."""
        scribe = self.query_one("#scribe")
        scribe.set_class(line == "question", "-question")
        scribe.set_class(line == "insight", "-insight")
        scribe.remove_class("-hidden")
        self.query_one(f"#{line}", Input).focus()

    def action_close_scribe(self) -> None:
        """Esc: the scribe's line goes away and gives its rows back to the clock. What was typed
        stays in it for the next s (or i)."""
        self.query_one("#scribe").add_class("-hidden")
        self.set_focus(None)

    def on_key(self, event) -> None:
        if event.key == "escape" and isinstance(self.focused, Select):
            self.set_focus(None)
            event.stop()

    @on(Input.Submitted, "#question")
    def _add_question(self, event: Input.Submitted) -> None:
        text = clean_text(event.value, single_line=True)
        if not text:
            return
        asker = self.query_one("#asker", Select).value
        kind = ""
        tip = ""
        advice_allowed = self.stage is not None and self.stage.rules.advice_allowed
        if self.ctx.alset.coaching and not advice_allowed:  # suggestions are welcome here: no fault to flag
            kind, tip = _coach(text)
        self.session.questions.append(
            HarvestedQuestion("" if asker is Select.NULL else str(asker), text, kind)
        )
        self.ctx.save()
        event.input.value = ""
        self.action_close_scribe()  # the scribe is done: Space pauses the clock again (s notes the next one)
        if tip:
            self.notify(tip, title=f"Coach: that sounds like {kind}", severity="warning", markup=False, timeout=8)
        elif asker is Select.NULL and not self._told_unnamed:  # said once a screen, not at every question
            self._told_unnamed = True
            self.notify("Kept without a name. In the question line, ↑ and ↓ choose who asked.",
                        title="Who asked?", timeout=6)
        self._show_harvest()

    @on(Input.Submitted, "#insight")
    def _add_insight(self, event: Input.Submitted) -> None:
        text = clean_text(event.value, single_line=True)
        if text:
            self.session.insights.append(text)
            self.ctx.save()
            event.input.value = ""
            self.action_close_scribe()
            self._show_harvest()

    def _show_harvest(self) -> None:
        qs = self.session.questions
        widget = self.query_one("#harvest", Static)
        count = self.query_one("#harvest-count", Static)
        empty = not qs and not self.session.insights
        widget.set_class(empty, "-empty")  # (by class: the large clock and a low terminal hide it)
        count.set_class(empty, "-empty")
        if empty:
            return
        kept = f"  ·  Insights kept: {len(self.session.insights)}" if self.session.insights else ""
        count.update(Content.assemble((f"Questions noted: {len(qs)}{kept}", "bold")))
        last = qs[-3:]
        parts: list[str | tuple[str, str]] = [(f"Questions noted: {len(qs)}", "bold")]
        for q in last:
            marker = f"  ⚑ {q.kind}" if q.kind in ("advice", "leading") else ""
            parts.append("\n• ")
            if q.asker:
                parts.append((f"{q.asker}: ", "bold"))
            parts.append(q.text)
            if marker:
                parts.append((marker, "bold"))
        if self.session.insights:
            parts.append((f"\nInsights kept: {len(self.session.insights)}", "bold"))
        widget.update(Content.assemble(*parts))


class ScribeLine(Input):
    """The scribe's line: Enter keeps what was typed, and the footer says so."""

    BINDINGS = [
        Binding("enter", "submit", "Keep it", tooltip="Keep this in the session's notes"),
        # (Input's own Down scrolls, which a one-line field never does: the footer would show nothing)
        Binding("down", "screen.asker(1)", "Who asked", key_display="↑↓",
                tooltip="The next (↓) or previous (↑) member as the one who asked"),
    ]


def _coach(text: str) -> tuple[str, str]:
    """(kind, tip) from the question classifier, or ("", "") if it is a fine question."""
    try:
        from ..questioning import classify
    except ImportError:  # pragma: no cover - the classifier ships with the app
        return "", ""
    feedback = classify(text)
    if feedback.kind in ("advice", "leading"):
        return feedback.kind, feedback.tip
    return feedback.kind, ""
