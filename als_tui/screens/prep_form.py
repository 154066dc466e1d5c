"""The parts of the prep screen built just after its first paint: the set and member choices, the
form below the issue sentence and the member's action rows. Kept apart so that opening ``als prep``
does not wait for importing the text areas, selects, selection list, radio sets and validators they
use (see :meth:`PrepScreen._build_rest`); their styles come with them (``DEFAULT_CSS``), so the
first paint does not parse those either. ``prep.tcss`` styles what the first paint shows."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from ..insight import is_overdue
from ..model import (
    DEFAULT_MINUTES,
    DEFAULT_URGENCY,
    MINUTES_RANGE,
    NOTE_MAX,
    OPEN,
    STATUS_CHOICES,
    STATUS_LABELS,
    URGENCY_RANGE,
    Action,
    Prep,
    clean_text,
)
from ..widgets.marked import MarkedCheckbox, MarkedSelectionList
from ..widgets.status_picker import StatusPicker
from .prep import INTRO, TEXT_LIMIT, WANT_OPTIONS, join_want, split_want


class PrepWho(Horizontal):
    """The set and member choices, in place of the line of text the first paint shows."""

    DEFAULT_CSS = """
    PrepWho {
        height: 3;
        padding: 0 1;
    }
    .prep-who-label {
        padding: 1 1 0 1;
        text-style: bold;
    }
    .prep-who-part {
        width: 1fr;
        height: 3;
    }
    Select {
        width: 1fr;
    }
    """

    def __init__(self, sets: list[tuple[Content, str]], set_id: str, members: list[tuple[Content, str]],
                 member: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._choices = sets, set_id, members, member

    def compose(self) -> ComposeResult:
        sets, set_id, members, member = self._choices
        with Horizontal(id="prep-who-set", classes="prep-who-part"):
            yield Label("Set", classes="prep-who-label")
            yield Select(sets, value=set_id, allow_blank=False, id="prep-set")
        with Horizontal(id="prep-who-member", classes="prep-who-part"):
            yield Label("Member", classes="prep-who-label")
            yield Select(members, value=member or Select.NULL, allow_blank=not member, id="prep-member")


class PrepFormRest(Vertical):
    """The form below the issue sentence, mounted just after the prep screen's first paint."""

    DEFAULT_CSS = """
    PrepFormRest {
        height: auto;
    }
    #prep-intro {
        height: auto;
        color: $text-muted;
        padding: 1 0 1 0;
    }
    .prep-text {
        height: 4;
    }
    #want {
        height: auto;
        max-height: 7;
    }
    #challenge {
        margin: 1 0 0 0;
    }
    #prep-numbers {
        height: auto;
    }
    #prep-numbers Vertical {
        height: auto;
        width: 1fr;
        padding-right: 1;
    }
    #prep-error {
        color: $error;
        text-style: bold;
        height: auto;
        padding: 1 0 0 0;
    }
    #prep-save {
        margin: 1 0 0 0;
    }
    """

    def compose(self) -> ComposeResult:
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

    def fill(self, p: Prep, saved: bool) -> None:
        """Show the draft *p* (*saved*: it is on file, so its numbers and the intro show)."""
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
        self.query_one("#urgency", Input).value = str(p.urgency) if saved else ""
        self.query_one("#minutes", Input).value = str(p.minutes) if saved else ""
        self.query_one("#prep-error").display = False
        self.query_one("#prep-intro").display = saved

    def state(self) -> tuple:
        """Everything here the member can change, to tell whether something is unsaved."""
        values: list[Any] = [self.query_one(f"#{name}", Input).value for name in ("want-other", "urgency", "minutes")]
        values += [self.query_one(f"#{name}", TextArea).text for name in ("why", "tried", "success")]
        values.append(tuple(sorted(self.query_one("#want", SelectionList).selected)))
        values.append(self.query_one("#challenge", MarkedCheckbox).value)
        return tuple(values)

    def draft_fields(self) -> dict[str, Any]:
        """The draft's fields from here (the numbers are checked by the screen)."""
        return {
            "why": clean_text(self.query_one("#why", TextArea).text, TEXT_LIMIT),
            "tried": clean_text(self.query_one("#tried", TextArea).text, TEXT_LIMIT),
            "want": join_want(list(self.query_one("#want", SelectionList).selected),
                              self.query_one("#want-other", Input).value),
            "success": clean_text(self.query_one("#success", TextArea).text, TEXT_LIMIT),
            "challenge_ok": self.query_one("#challenge", MarkedCheckbox).value,
        }


class PrepActions(Vertical):
    """The member's open actions, each with a status and a line. Rebuilt for each member."""

    DEFAULT_CSS = """
    PrepActions {
        height: auto;
    }
    .prep-no-actions, .prep-actions-hint {
        color: $text-muted;
        padding: 1 0 0 0;
    }
    .prep-action {
        height: auto;
        margin: 1 0 0 0;
        padding: 0 0 0 1;
        border-left: thick $primary;
    }
    .prep-action-due {
        color: $text-muted;
    }
    .prep-action-status {
        margin: 0;
    }
    .prep-action-learning {
        margin: 0;
    }
    """

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
                # one widget, not a RadioSet of five: the form builds up to eight of these
                yield StatusPicker(list(STATUS_CHOICES.values()), id=f"status-{i}", classes="prep-action-status")
                yield Input(placeholder="What happened? What did you learn?", id=f"learn-{i}",
                            max_length=NOTE_MAX, classes="prep-action-learning", compact=True)

    def state(self) -> tuple:
        """Each row's mark and line, to tell whether something is unsaved (rows not composed yet
        count as nothing)."""
        lines = self.query(".prep-action-learning").results(Input)
        pickers = self.query(StatusPicker)
        return tuple(v for picker, line in zip(pickers, lines) for v in (picker.pressed_index, line.value))

    def marks(self) -> list[tuple[int, Action, int, str]]:
        """(row, action, the mark chosen or -1, the line) for each row shown."""
        return [
            (i, action, self.query_one(f"#status-{i}", StatusPicker).pressed_index,
             clean_text(self.query_one(f"#learn-{i}", Input).value, NOTE_MAX, single_line=True))
            for i, action in enumerate(self.actions)
        ]
