"""The parts of the prep screen built after its first paint: the form below the issue sentence
(the member's action rows are in ``prep_actions.py``; who is preparing in ``prep_who.py``).

The form is built in two steps (see :meth:`PrepScreen._build_rest`): first the parts that can be
seen without scrolling, with the action rows, then, just after that paint, the parts below the
fold. What a part needs from Textual (the selection list, the checkbox, the button, the
validators) is imported when the part is built, and each widget's styles come with it
(``DEFAULT_CSS``): opening ``als prep`` does not wait for what it does not show yet.
``prep.tcss`` styles what the first paint shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from ..model import DEFAULT_MINUTES, DEFAULT_URGENCY, MINUTES_RANGE, URGENCY_RANGE, Prep, clean_text
from .prep_draft import INTRO, TEXT_LIMIT, WANT_OPTIONS, join_want, split_want

if TYPE_CHECKING:
    from textual.widgets import Checkbox, SelectionList


# -- the form, part by part -----------------------------------------------------------------------
class Part(NamedTuple):
    """A run of the form's widgets, built together. *rows*: the fewest rows it can take on screen
    (margins and padding included; a label may wrap to more), so that the parts counted as
    visible are never fewer than those really visible."""

    name: str
    rows: int
    build: Callable[[], list[Widget]]


def _label(text: str) -> Label:
    return Label(text, classes="prep-label")


def _why() -> list[Widget]:
    return [_label("Why it matters to me"), TextArea(id="why", classes="prep-text")]


def _tried() -> list[Widget]:
    return [_label("What I have tried so far"), TextArea(id="tried", classes="prep-text")]


def _want() -> list[Widget]:
    from ..widgets.marked import MarkedSelectionList

    return [_label("What I want from the set (space to tick)"),
            MarkedSelectionList(*[(Content(o), o) for o in WANT_OPTIONS], id="want")]


def _want_other() -> list[Widget]:
    return [Input(placeholder="Anything else you want from the set (optional)", max_length=300, id="want-other")]


def _success() -> list[Widget]:
    return [_label("What success would look like"), TextArea(id="success", classes="prep-text")]


def _challenge() -> list[Widget]:
    from ..widgets.marked import MarkedCheckbox

    return [MarkedCheckbox("I am willing to be challenged on this", True, id="challenge")]


def _numbers() -> list[Widget]:
    from textual.validation import Integer

    def number(label: str, default: int, field: str, bounds: tuple[int, int]) -> Vertical:
        return Vertical(_label(label), Input(placeholder=str(default), id=field, type="integer",
                                             valid_empty=True, validators=[Integer(*bounds)]))

    return [Horizontal(number("Urgency, 1 to 5", DEFAULT_URGENCY, "urgency", URGENCY_RANGE),
                       number("Minutes I would like", DEFAULT_MINUTES, "minutes", MINUTES_RANGE),
                       id="prep-numbers")]


def _end() -> list[Widget]:
    from textual.widgets import Button

    error = Static(id="prep-error")
    error.display = False
    return [error, Button("Save draft  (Ctrl+S)", id="prep-save", variant="primary"),
            Static(Content(INTRO), id="prep-intro")]


PARTS = (
    Part("why", 6, _why),
    Part("tried", 6, _tried),
    Part("want", 5, _want),  # a label, and the list's border around one option at least
    Part("want-other", 3, _want_other),
    Part("success", 6, _success),
    Part("challenge", 4, _challenge),
    Part("numbers", 5, _numbers),
    Part("end", 4, _end),
)

TEXTS = ("why", "tried", "success")
FIELDS = ("want-other", "urgency", "minutes", *TEXTS, "want", "challenge")
"""What :meth:`PrepFormRest.state` reads, in its order."""


def parts_within(rows: int) -> int:
    """How many of the form's parts begin within *rows* rows below the issue sentence."""
    top = 0
    for count, part in enumerate(PARTS):
        if top >= rows:
            return count
        top += part.rows
    return len(PARTS)


class PrepFormRest(Vertical):
    """The form below the issue sentence: the parts that can be seen first, the rest just after.
    Each part shows the draft (:meth:`fill`) as it is built, and remembers what it showed, so
    what the member changes is told apart from what was loaded whenever the part came."""

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

    def __init__(self, draft: Prep, saved: bool, first: int = len(PARTS), **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft = draft, saved
        self.built = 0  # how many of PARTS are mounted
        self._first = first  # the parts composed with the form (the others come with build())
        self._loaded: dict[str, Any] = {}  # what each field showed when it was filled or saved

    @property
    def complete(self) -> bool:
        return self.built == len(PARTS)

    def compose(self) -> ComposeResult:
        self.built = self._first
        for part in PARTS[: self._first]:
            yield from part.build()

    async def build(self) -> None:
        """Mount the parts not built yet, showing the draft."""
        todo = PARTS[self.built:]
        if not todo:
            return
        self.built = len(PARTS)
        await self.mount_all([w for part in todo for w in part.build()])
        self._show(*self.draft, [p.name for p in todo])

    @property
    def _want(self) -> SelectionList[str]:
        return cast("SelectionList[str]", self.query_one("#want"))

    @property
    def _challenge(self) -> Checkbox:
        return cast("Checkbox", self.query_one("#challenge"))

    def fill(self, p: Prep, saved: bool) -> None:
        """Show the draft *p* (*saved*: it is on file, so its numbers and the intro show) in the
        parts built, and in the others when they come."""
        self.draft = p, saved
        self._show(p, saved, [part.name for part in PARTS[: self.built]])

    def _show(self, p: Prep, saved: bool, parts: list[str]) -> None:
        chosen, other = split_want(p.want)
        for name in parts:
            if name in TEXTS:
                self.query_one(f"#{name}", TextArea).load_text(getattr(p, name))
            elif name == "want":
                want = self._want
                want.deselect_all()
                for option in chosen:
                    want.select(option)
            elif name == "want-other":
                self.query_one("#want-other", Input).value = other
            elif name == "challenge":
                self._challenge.value = p.challenge_ok
            elif name == "numbers":
                self.query_one("#urgency", Input).value = str(p.urgency) if saved else ""
                self.query_one("#minutes", Input).value = str(p.minutes) if saved else ""
            elif name == "end":
                self.query_one("#prep-error").display = False
                self.query_one("#prep-intro").display = saved
        self._loaded.update(self._values(parts))

    def _values(self, parts: list[str] | None = None) -> Iterator[tuple[str, Any]]:
        """(field, what it holds now) for the fields of *parts* (all built by default)."""
        built = {part.name for part in PARTS[: self.built]}
        wanted = built if parts is None else built & set(parts)
        for name in FIELDS:
            part = name if name not in ("urgency", "minutes") else "numbers"
            if part not in wanted:
                continue
            if name in TEXTS:
                yield name, self.query_one(f"#{name}", TextArea).text
            elif name == "want":
                yield name, tuple(sorted(self._want.selected))
            elif name == "challenge":
                yield name, self._challenge.value
            else:
                yield name, self.query_one(f"#{name}", Input).value

    def state(self) -> tuple:
        """Everything here the member can change (the parts built and filled), to tell whether
        something is unsaved."""
        return tuple(value for name, value in self._values() if name in self._loaded)

    def loaded(self) -> tuple:
        """:meth:`state` as it was when the parts were filled, or as :meth:`mark_saved` was told."""
        return tuple(self._loaded[name] for name, _value in self._values() if name in self._loaded)

    def mark_saved(self, state: tuple) -> None:
        """*state* (from :meth:`state`) was saved: it is what counts as unchanged from now on."""
        names = [name for name, _value in self._values() if name in self._loaded]
        self._loaded.update(zip(names, state, strict=True))

    def draft_fields(self) -> dict[str, Any]:
        """The draft's fields from here (the whole form is built; the numbers are checked by the screen)."""
        return {
            "why": clean_text(self.query_one("#why", TextArea).text, TEXT_LIMIT),
            "tried": clean_text(self.query_one("#tried", TextArea).text, TEXT_LIMIT),
            "want": join_want(list(self._want.selected), self.query_one("#want-other", Input).value),
            "success": clean_text(self.query_one("#success", TextArea).text, TEXT_LIMIT),
            "challenge_ok": self._challenge.value,
        }
