"""One timed stage of a presenter's session: the rule, the big clock, a prompt, the scribe."""

from __future__ import annotations

import random
from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Select, Static

from ..widgets.header import Header
from ..bank import Stage
from ..clock import StageClock
from ..widgets.big_clock import BigClock
from ..widgets.stage_clock import StageClockView
from .base import MeetingScreen
from .routing import shows_stage
from .stage_keys import STAGE_BINDINGS, TYPED_KEYS
from .stage_method import MethodChoice
from .stage_scribe import Scribe
from .stage_timekeeper import Timekeeper
from .stage_words import listens_line, rule_line, speaker_line, stage_help


class StageScreen(Timekeeper, Scribe, MethodChoice, MeetingScreen):
    HELP_ID = "session"
    CSS_PATH = ["common.tcss", "stage.tcss"]
    # Below 80 columns or 24 rows the columns stack, the clock on top, and the body scrolls.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (18, "-low"), (24, "-tall")]
    AUTO_FOCUS = "#stage-left"  # (the buttons come first in the layout; keys act on the screen)
    BINDINGS = STAGE_BINDINGS

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
        yield from self.compose_scribe()
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

    def help_topic(self) -> dict[str, str]:
        """F1: this stage of this format (a Kollegiale Beratung stage welcomes suggestions)."""
        return stage_help(self.ctx.bank, self.stage, self.session.presenter)

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

    # -- moving ---------------------------------------------------------------------------
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
        self.reset_scribe()
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

    def on_key(self, event) -> None:
        if event.key == "escape" and isinstance(self.focused, Select):
            self.set_focus(None)
            event.stop()
