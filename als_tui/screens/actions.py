"""Actions: the presenter decides one to three actions, with what the set noted in view."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Integer, ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, Static

from ..widgets.countdown_line import CountdownLine
from ..widgets.header import Header
from ..flow import ACTIONS_MINUTES, next_meeting_date
from ..model import Action, clean_text
from ..widgets.footer import Footer
from .confirm import ConfirmScreen
from .base import MeetingScreen

MAX_ACTIONS = 3
THE_SET = "the set"
ACTION_TEXT_MAX = 300
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- dates (shared with the summary screen) ---------------------------------------------------
def date_problem(text: str, not_before: str, *, strictly_after: bool = False, blank_ok: bool = False) -> str | None:
    """A one-line problem with the ISO date *text*, or None if it is fine.

    The date may not be before *not_before* (nor on it, with *strictly_after*)."""
    value = text.strip()
    if not value:
        return None if blank_ok else "enter a date as YYYY-MM-DD, e.g. 2026-04-07."
    try:
        if not _ISO.match(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        return f"“{value}” is not a date; use YYYY-MM-DD, e.g. 2026-04-07."
    if strictly_after and day.isoformat() <= not_before:
        return f"{value} is not after the meeting ({not_before})."
    if day.isoformat() < not_before:
        return f"{value} is before the meeting ({not_before})."
    return None


class DateValidator(Validator):
    """Marks an Input invalid while its text is not an acceptable ISO date."""

    def __init__(self, not_before: str, *, strictly_after: bool = False, blank_ok: bool = False) -> None:
        super().__init__()
        self.not_before = not_before
        self.strictly_after = strictly_after
        self.blank_ok = blank_ok

    def validate(self, value: str) -> ValidationResult:
        problem = date_problem(value, self.not_before, strictly_after=self.strictly_after, blank_ok=self.blank_ok)
        return self.failure(problem) if problem else self.success()


# -- one action -------------------------------------------------------------------------------
@dataclass
class Draft:
    text: str
    due: str
    report_to: str
    support: str
    confidence: int


class ActionRow(Vertical):
    """The fields of one action."""

    def __init__(self, number: int, others: list[str], due: str, not_before: str, action: Action | None = None) -> None:
        super().__init__(classes="action-row")
        self.number = number
        self.others = others
        self.default_due = due
        self.not_before = not_before
        self.action = action

    def compose(self) -> ComposeResult:
        a = self.action
        report_to = a.report_to if a and a.report_to else THE_SET
        choices = [THE_SET, *self.others]
        if report_to not in choices:
            choices.append(report_to)
        yield Static(classes="row-title")
        yield Label("What will you do? Start with a verb.")
        yield Input(
            a.text if a else "",
            placeholder="e.g. Ask my manager for an hour to plan the handover",
            max_length=ACTION_TEXT_MAX,
            classes="what",
        )
        with Horizontal(classes="row-fields"):
            with Vertical(classes="field-due"):
                yield Label("By when (YYYY-MM-DD)")
                yield Input(
                    a.due if a and a.due else self.default_due,
                    placeholder="YYYY-MM-DD",
                    max_length=10,
                    validators=[DateValidator(self.not_before)],
                    classes="due",
                )
            with Vertical(classes="field-report"):
                yield Label("Report back to")
                yield Select(
                    [(Content(name), name) for name in choices],
                    value=report_to,
                    allow_blank=False,
                    classes="report-to",
                )
            with Vertical(classes="field-confidence"):
                yield Label("Confidence 1–5")
                yield Input(
                    str(a.confidence if a else 3),
                    type="integer",
                    max_length=1,
                    validators=[Integer(1, 5, "Confidence is a whole number from 1 to 5.")],
                    classes="confidence",
                )
        yield Label("Support needed (optional)")
        yield Input(a.support if a else "", placeholder="Who or what would help?", max_length=ACTION_TEXT_MAX,
                    classes="support")
        yield Static(
            "▸ Confidence is low: is there a smaller first step you feel sure of?",
            classes="low-confidence",
        )

    def on_mount(self) -> None:
        self.renumber(self.number)
        self.update_hint()

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".row-title", Static).update(f"Action {number}")

    def update_hint(self) -> None:
        value = self.query_one(".confidence", Input).value.strip()
        self.query_one(".low-confidence", Static).display = value in ("1", "2")

    @property
    def what(self) -> Input:
        return self.query_one(".what", Input)

    @property
    def due(self) -> Input:
        return self.query_one(".due", Input)

    @property
    def confidence(self) -> Input:
        return self.query_one(".confidence", Input)

    @property
    def support(self) -> Input:
        return self.query_one(".support", Input)

    @property
    def report_to(self) -> str:
        value = self.query_one(".report-to", Select).value
        return value if isinstance(value, str) else THE_SET

    @property
    def blank(self) -> bool:
        return not self.what.value.strip() and not self.support.value.strip()

    def clear(self) -> None:
        self.what.value = ""
        self.support.value = ""
        self.due.value = self.default_due
        self.confidence.value = "3"
        self.query_one(".report-to", Select).value = THE_SET


# -- the screen -------------------------------------------------------------------------------
class ActionScreen(MeetingScreen):
    """The presenter's actions, after their question stages (``flow.in_actions``)."""

    HELP_ID = "actions"
    CSS_PATH = ["common.tcss", "actions.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (60, "-narrow"), (90, "-wide")]  # below 60: fields stacked
    BINDINGS = [
        Binding("ctrl+n", "save", "Save actions", tooltip="Save these actions and move on", id="next"),
        Binding("ctrl+a", "add_row", "Add action", tooltip=f"Add another action (up to {MAX_ACTIONS})",
                id="add_action", priority=True),
        Binding("ctrl+d", "remove_row", "Remove action", tooltip="Remove the action the cursor is in",
                id="remove_action", priority=True),
        Binding("ctrl+b", "back", "Back", tooltip="Back to the last question stage", id="back"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        session = self.flow.current_session
        assert session is not None, "the actions step needs an issue session"
        self.session = session
        self.presenter = session.presenter
        # the actions' own minutes, counted down in the phase line; kept with the meeting (a crash
        # or Ctrl+L and back resumes it), restarted only by a new visit from the last stage
        self.clock = self.flow.stage_clock()
        self.default_due = next_meeting_date(self.meeting.date, self.ctx.alset.cadence_weeks, self.ctx.alset.cadence)
        self.others = [n for n in self.ctx.alset.active_members if n != self.presenter]
        self.existing = self._existing()

    def _existing(self) -> list[Action]:
        """This presenter's actions already saved for this meeting (on resume), oldest first."""
        return self.ctx.actions_agreed_here(self.presenter)

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        m = self.meeting
        s = self.session
        number = f" ({m.session_index + 1} of {len(m.sessions)})" if len(m.sessions) > 1 else ""
        self.sub_title = f"Actions: {self.presenter}"
        yield Header()
        with Horizontal(id="action-phase"):
            yield self.phase_bar(f"Actions{number}")
            yield CountdownLine(self.clock, id="action-time")
        heading = Content.assemble(("Actions for ", "bold"), (self.presenter, "bold"))
        if s.title.strip():
            heading = Content.assemble(heading, (" — ", "bold"), s.title)
        yield Static(heading, id="action-heading")
        yield Static(
            Content.assemble(
                ("The presenter decides — not the set. ", "bold"),
                f"One to three actions, specific enough that next time everyone will know whether "
                f"they happened. About {ACTIONS_MINUTES} minutes (counted down at the top right).",
            ),
            id="action-principle",
        )
        if s.left_early:
            yield Static(
                Content.assemble(("Left early: ", "bold"), f"{self.presenter} had to go. "
                                 "Record actions for them if they chose any, or save with none."),
                id="left-early",
            )
        with Horizontal(id="action-body"):
            with VerticalScroll(id="harvest"):
                yield from self._harvest()
            with VerticalScroll(id="action-form"):
                rows: list[Action | None] = [*self.existing[:MAX_ACTIONS]] or [None]
                for i, action in enumerate(rows, start=1):
                    yield self._row(i, action)
        yield Static("", id="action-error")
        with Horizontal(id="action-buttons"):  # Save first: on a narrow terminal it stays in view
            yield Button("Save actions  (Ctrl+N)", id="save", variant="primary")
            yield Button("Add another action  (Ctrl+A)", id="add-row")
            yield Button("Back  (Ctrl+B)", id="back")
        yield Footer()

    def _harvest(self) -> ComposeResult:
        s = self.session
        if s.questions:
            yield Static("Questions the set asked", classes="harvest-title")
            for q in s.questions:
                if q.asker:
                    yield Static(Content.assemble((q.asker, "bold"), ": ", q.text), classes="harvest-item")
                else:
                    yield Static(Content(q.text), classes="harvest-item")
        insights = [i for i in s.insights if i.strip()]
        if insights:
            yield Static("Insights", classes="harvest-title")
            for insight in insights:
                yield Static(Content.assemble("• ", insight), classes="harvest-item")
        if not s.questions and not insights:
            yield Static("No questions or insights were noted for this issue.", classes="harvest-empty")

    def _row(self, number: int, action: Action | None = None) -> ActionRow:
        return ActionRow(number, self.others, self.default_due, self.meeting.date, action)

    def on_mount(self) -> None:
        self.clock.resume()  # (starts a fresh clock; carries on with one restored)
        self.set_interval(5.0, self._save_clock)  # (a crash loses at most the last 5 seconds)
        self.query_one("#harvest").border_title = "Noted during the session"
        self.query_one("#action-error").display = False
        self._sync_buttons()
        self.query(ActionRow).first().what.focus()

    def _save_clock(self) -> None:
        if self.flow.in_actions:  # (not once the actions are saved and the meeting moved on)
            self.flow.save_clock(self.clock)
            self.ctx.save()

    def before_leave(self) -> None:
        self._save_clock()

    def on_countdown_line_warning(self) -> None:
        self.app.bell()  # the last minute of the actions, as at a stage's

    @property
    def rows(self) -> list[ActionRow]:
        return list(self.query(ActionRow))

    def _sync_buttons(self) -> None:
        self.query_one("#add-row", Button).disabled = len(self.rows) >= MAX_ACTIONS
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_row" and len(self.rows) >= MAX_ACTIONS:
            return None  # shown, but dimmed
        return True

    # -- events ---------------------------------------------------------------------------
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        action = {"save": "save", "add-row": "add_row", "back": "back"}.get(event.button.id or "")
        if action is not None:
            event.stop()
            await self.run_action(action)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as in a paper form."""
        event.stop()
        self.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("confidence"):
            row = next((a for a in event.input.ancestors if isinstance(a, ActionRow)), None)
            if row is not None:
                row.update_hint()

    # -- rows -----------------------------------------------------------------------------
    def _focused_row(self) -> ActionRow | None:
        focused = self.focused
        if focused is None:
            return None
        if isinstance(focused, ActionRow):
            return focused
        return next((a for a in focused.ancestors if isinstance(a, ActionRow)), None)

    async def action_add_row(self) -> None:
        rows = self.rows
        if len(rows) >= MAX_ACTIONS:
            self.notify(f"Up to {MAX_ACTIONS} actions: fewer, clearer actions are more likely to happen.",
                        severity="warning")
            return
        row = self._row(len(rows) + 1)
        await self.query_one("#action-form").mount(row)
        self._sync_buttons()
        row.what.focus()
        row.scroll_visible()

    async def action_remove_row(self) -> None:
        rows = self.rows
        row = self._focused_row() or rows[-1]
        if len(rows) == 1:
            row.clear()
            row.what.focus()
            self.notify("Cleared the action.")
            return
        index = rows.index(row)
        await row.remove()
        rest = self.rows
        for number, other in enumerate(rest, start=1):
            other.renumber(number)
        self._sync_buttons()
        rest[min(index, len(rest) - 1)].what.focus()
        self.notify(f"Removed action {index + 1}.")

    # -- saving ---------------------------------------------------------------------------
    def _error(self, message: str, focus: Input | None = None) -> None:
        error = self.query_one("#action-error", Static)
        error.update(Content.assemble(("⚠ Not saved: ", "bold"), message))
        error.display = True
        if focus is not None:
            focus.focus()
            focus.scroll_visible()
        self.app.bell()

    def _drafts(self) -> list[Draft] | None:
        """The actions as typed, or None after showing the first problem."""
        drafts = []
        for row in self.rows:
            if row.blank:
                continue
            n = row.number
            text = clean_text(row.what.value, ACTION_TEXT_MAX, single_line=True)
            if not text:
                self._error(f"Action {n}: say what you will do — start with a verb.", row.what)
                return None
            problem = date_problem(row.due.value, self.meeting.date)
            if problem:
                self._error(f"Action {n}, by when: {problem}", row.due)
                return None
            confidence = row.confidence.value.strip()
            if not confidence.isdigit() or not 1 <= int(confidence) <= 5:
                self._error(f"Action {n}: confidence is a whole number from 1 to 5.", row.confidence)
                return None
            drafts.append(
                Draft(text, row.due.value.strip(), row.report_to,
                      clean_text(row.support.value, ACTION_TEXT_MAX, single_line=True), int(confidence))
            )
        return drafts

    def action_save(self) -> None:
        drafts = self._drafts()
        if drafts is None:
            return
        if not drafts:
            if self.session.left_early:
                self.app.push_screen(
                    ConfirmScreen("Presenter left early",
                                  f"{self.presenter} left early. Save with no actions for them?",
                                  "Save with none", "Go back"),
                    lambda yes: self._commit([]) if yes else None,
                )
                return
            self._error("the presenter needs at least one action: what will you do?", self.rows[0].what)
            return
        self._commit(drafts)

    def _commit(self, drafts: list[Draft]) -> None:
        m = self.meeting
        existing = self._existing()
        for i, d in enumerate(drafts):
            if i < len(existing):  # resumed: replace, keeping the id, status and history
                action = existing[i]
                action.text, action.due, action.report_to = d.text, d.due, d.report_to
                action.support, action.confidence = d.support, d.confidence
            else:
                action = Action(
                    set_id=self.ctx.alset.id,
                    owner=self.presenter,
                    text=d.text,
                    meeting_id=m.id,
                    due=d.due,
                    report_to=d.report_to,
                    support=d.support,
                    confidence=d.confidence,
                    created=m.date,
                )
            self.ctx.save_action(action)
        for extra in existing[len(drafts):]:
            self.als.persist(self.als.store.delete_action, extra.id)
        self.flow.finish_session()
        self.go_next()  # saves the meeting, then shows the next presenter or the review

    def action_back(self) -> None:
        self.flow.back_stage()
        self.ctx.autostart = False  # the last stage's clock comes back paused, with its time used
        self.go_next()
