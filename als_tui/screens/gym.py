"""The question gym: choose who is practising, then a drill (spot the type, ask better, progress)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, Select, Static

from ..drills import Training, load_training
from ..questioning import KIND_HELP, KIND_LABELS, KINDS
from ..widgets.header import Header
from ..widgets.footer import Footer
from ..navigation import GoBack, OpenScreen
from .styled import StyledOnMount

GUEST = "Guest"
META_MEMBER = "gym_member"

# A mark for each kind, so the verdict never rests on colour alone.
KIND_MARKS = {"open": "✓", "closed": "●", "leading": "⚑", "advice": "⚑", "statement": "✗"}

# What gives each kind away: the cue to listen for when two kinds get mixed up.
CUES = {
    "open": "the presenter gets the floor and no answer is expected: what, how, tell us, could you describe",
    "closed": "a yes, a no or one fact (a date, a number, a name) would answer it, even after 'what' or 'can you tell us'",
    "leading": "the asker's own view is inside: a loaded word, a judgement taken for granted, a push to agree",
    "advice": "a step the asker has in mind is inside, however it is dressed: have you tried, what if you, could you just, is X an option",
}

INTRO = (
    "Sets live or die by the quality of their questions. A good question helps a colleague think "
    "for themselves; advice, however kind, does the thinking for them. Practise here, on your own "
    "or with the set watching."
)


@cache
def gym_training() -> Training:
    """The shipped examples and scenarios (loaded once)."""
    return load_training()


def training_or_notify(screen: Screen) -> Training | None:
    """The training content, or None after telling the person what is wrong with it."""
    try:
        return gym_training()
    except (OSError, ValueError) as exc:
        screen.notify(str(exc), title="Training content cannot be read", severity="error",
                      timeout=10, markup=False)
        return None


@dataclass(frozen=True)
class Trainee:
    """Who is practising: a member of a set, or a guest (set_id empty)."""

    name: str
    set_id: str = ""

    @property
    def is_guest(self) -> bool:
        return not self.set_id

    @property
    def possessive(self) -> str:
        return "the guest's" if self.is_guest else f"{self.name}'s"


def trainees(store) -> list[Trainee]:
    """Active members of every set in the file (each name once, with their first set), then Guest."""
    seen: dict[str, Trainee] = {}
    for alset in store.sets():
        for name in alset.active_members:
            if name.casefold() not in seen and name.casefold() != GUEST.casefold():
                seen[name.casefold()] = Trainee(name, alset.id)
    people = sorted(seen.values(), key=lambda t: t.name.casefold())
    return [*people, Trainee(GUEST)]


def kind_line(kind: str) -> Content:
    """'✓ Open' style label: a mark and a word, never colour alone."""
    return Content.assemble((f"{KIND_MARKS.get(kind, '?')} ", "bold"), (KIND_LABELS.get(kind, kind), "bold"))


class GymScreen(StyledOnMount, Screen[None]):
    """Pick who is practising, then a drill."""

    HELP_ID = "gym"
    CSS_PATH = "gym.tcss"
    SUB_TITLE = "Question gym"
    AUTO_FOCUS = "#gym-member"
    BINDINGS = [
        Binding("s", "spot", "Spot the type", tooltip="A round of 10 questions: name the kind of each", id="spot"),
        Binding("a", "ask", "Ask better", tooltip="Write your own questions to a presenter, with feedback as you type", id="ask"),
        Binding("p", "progress", "My progress", tooltip="Your results over time, and what you mix up most", id="progress"),
        Binding("escape", "back", "Home", tooltip="Back to the home screen", id="back"),
    ]

    def __init__(self, rng: random.Random | None = None) -> None:
        super().__init__()
        self.rng = rng
        self._people: list[Trainee] = []

    def compose(self) -> ComposeResult:
        self._people = trainees(self.als.store)
        remembered = self.als.store.get_meta(META_MEMBER, "")
        names = [t.name for t in self._people]
        value = remembered if remembered in names else GUEST
        yield Header()
        with VerticalScroll(id="gym-body"):
            yield Static("Question gym", id="gym-title")
            yield Static(Content(INTRO), id="gym-intro")
            with Horizontal(id="gym-who"):
                yield Label("Who is practising?", id="gym-who-label")
                yield Select(
                    [(Content(t.name) if not t.is_guest else Content("Guest (not a member)"), t.name)
                     for t in self._people],
                    value=value,
                    allow_blank=False,
                    id="gym-member",
                )
            with Horizontal(id="gym-drills"):
                with Vertical(classes="drill"):
                    yield Button("Spot the type  (s)", id="drill-spot", variant="primary")
                    yield Static("Ten questions, one at a time. Name the kind of each and see why.",
                                 classes="drill-text")
                with Vertical(classes="drill"):
                    yield Button("Ask better  (a)", id="drill-ask", variant="primary")
                    yield Static("A colleague's issue. Write questions; feedback appears as you type.",
                                 classes="drill-text")
                with Vertical(classes="drill"):
                    yield Button("My progress  (p)", id="drill-progress")
                    yield Static("Your scores over time, and the kinds you mix up most.",
                                 classes="drill-text")
            yield Static("The four kinds of question", id="gym-kinds-title")
            for kind in KINDS:
                with Horizontal(classes="gym-kind"):
                    yield Static(kind_line(kind), classes="gym-kind-name")
                    yield Static(Content(KIND_HELP[kind]), classes="gym-kind-help")
        yield Footer()

    # -- who ----------------------------------------------------------------------------
    @property
    def trainee(self) -> Trainee:
        value = self.query_one("#gym-member", Select).value
        return next((t for t in self._people if t.name == value), Trainee(GUEST))

    @on(Select.Changed, "#gym-member")
    def _remember(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        if self.als.store.get_meta(META_MEMBER, "") != event.value:
            self.als.persist(self.als.store.set_meta, META_MEMBER, event.value)

    # -- drills -------------------------------------------------------------------------
    @on(Button.Pressed, "#drill-spot")
    def action_spot(self) -> None:
        from .spot import SpotScreen

        if training_or_notify(self) is not None:
            self.navigate(OpenScreen(SpotScreen(self.trainee, rng=self.rng)))

    @on(Button.Pressed, "#drill-ask")
    def action_ask(self) -> None:
        from .ask import AskScreen

        if training_or_notify(self) is not None:
            self.navigate(OpenScreen(AskScreen(self.trainee)))

    @on(Button.Pressed, "#drill-progress")
    def action_progress(self) -> None:
        from .progress import ProgressScreen

        self.navigate(OpenScreen(ProgressScreen(self.trainee)))

    def action_back(self) -> None:
        self.navigate(GoBack(self))
