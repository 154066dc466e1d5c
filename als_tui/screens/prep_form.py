"""The part of the prep screen built just after its first paint: the form below the issue
sentence. Kept apart so that opening ``als prep`` does not wait for importing the text areas,
selection list and validators it uses (see :meth:`PrepScreen._build_rest`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Static, TextArea

from ..model import DEFAULT_MINUTES, DEFAULT_URGENCY, MINUTES_RANGE, URGENCY_RANGE
from ..widgets.marked import MarkedCheckbox, MarkedSelectionList
from .prep import INTRO, WANT_OPTIONS


class PrepFormRest(Vertical):
    """The form below the issue sentence, mounted just after the prep screen's first paint."""

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
