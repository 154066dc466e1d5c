"""Spot the type: a round of ten questions; the trainee names the kind of each and hears why."""

from __future__ import annotations

import random
from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from ..widgets.header import Header
from ..model import TrainingResult
from ..drills import Example, explain, spot_round
from ..questioning import KIND_LABELS, KINDS
from ..widgets.footer import Footer
from .gym import CUES, Trainee, gym_training
from ..navigation import GoBack
from .styled import StyledOnMount

ROUND = 10
SHORT = {"open": "Open", "closed": "Closed", "leading": "Leading", "advice": "Advice"}
KEYS = {"open": ("1", "o"), "closed": ("2", "c"), "leading": ("3", "l"), "advice": ("4", "a")}


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def mixups(confusions: dict[str, int]) -> list[tuple[str, list[tuple[str, int]]]]:
    """{'advice->open': 2, ...} grouped by the real kind, most mixed-up first."""
    grouped: dict[str, list[tuple[str, int]]] = {}
    for key, n in confusions.items():
        actual, _, chosen = key.partition("->")
        if actual in KINDS and chosen in KINDS and n:
            grouped.setdefault(actual, []).append((chosen, int(n)))
    for called in grouped.values():
        called.sort(key=lambda cn: (-cn[1], KINDS.index(cn[0])))
    return sorted(grouped.items(), key=lambda kv: (-sum(n for _, n in kv[1]), -KINDS.index(kv[0])))


def mixup_lines(confusions: dict[str, int], limit: int | None = None) -> list[str]:
    """'• You called advice “open” twice and “leading” once: with advice, <the cue>.' per kind."""
    lines = []
    for actual, called in mixups(confusions)[:limit]:
        said = " and ".join(f"“{chosen}” {times(n)}" for chosen, n in called)
        lines.append(f"• You called {actual} {said}: with {actual}, {CUES[actual]}.")
    return lines


def round_result(trainee: Trainee, shown: list[Example], chosen: list[str], date: str) -> TrainingResult:
    """The TrainingResult of a played round: per-kind [right, asked] and 'actual->chosen' mix-ups."""
    by_kind = {kind: [0, 0] for kind in KINDS}
    confusions: Counter[str] = Counter()
    for example, answer in zip(shown, chosen):
        tally = by_kind.setdefault(example.kind, [0, 0])
        tally[1] += 1
        if answer == example.kind:
            tally[0] += 1
        else:
            confusions[f"{example.kind}->{answer}"] += 1
    return TrainingResult(
        member=trainee.name,
        drill="spot",
        total=len(chosen),
        correct=sum(right for right, _ in by_kind.values()),
        by_kind={k: v for k, v in by_kind.items() if v[1]},
        confusions=dict(confusions),
        date=date,
        set_id=trainee.set_id,
    )


class SpotScreen(StyledOnMount, Screen[None]):
    """Ten questions, one at a time: open, closed, leading or advice?"""

    HELP_ID = "spot"
    CSS_PATH = "spot.tcss"
    SUB_TITLE = "Spot the type"
    AUTO_FOCUS = "#spot-body"
    BINDINGS = [
        Binding("1,o", "choose('open')", "Open", tooltip="It invites the presenter to explore", id="open"),
        Binding("2,c", "choose('closed')", "Closed", tooltip="Yes, no or a single fact", id="closed"),
        Binding("3,l", "choose('leading')", "Leading", tooltip="It presumes the answer", id="leading"),
        Binding("4,a", "choose('advice')", "Advice", tooltip="It carries the asker's own solution", id="advice"),
        Binding("enter,ctrl+n", "next", "Next", tooltip="The next question (after you have answered)", id="next"),
        Binding("r", "again", "New round", tooltip="Start a new round of ten", id="again"),
        Binding("escape", "back", "Gym", tooltip="Back to the gym; a round left half-way is not saved", id="back"),
    ]

    def __init__(self, trainee: Trainee, rng: random.Random | None = None) -> None:
        super().__init__()
        self.trainee = trainee
        self._rng = rng
        self.examples: list[Example] = []
        self.answers: list[str] = []
        self.index = 0
        self.result: TrainingResult | None = None

    @property
    def rng(self) -> random.Random:
        if self._rng is None:
            self._rng = self.als.gym_rng or random.Random()
        return self._rng

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="spot-bar", classes="gym-bar")
        with VerticalScroll(id="spot-body"):
            yield Static(id="spot-prompt")
            yield Static(id="spot-question")
            with Horizontal(id="spot-choices"):
                for number, kind in enumerate(KINDS, start=1):
                    yield Button(self._choice_label(kind, number), id=f"choose-{kind}", classes="choice")
            yield Static(id="spot-verdict")
            yield Button("Next question  (Enter)", id="spot-next", variant="primary")
            yield Static(id="spot-summary")
            with Horizontal(id="spot-end"):
                yield Button("Another round  (r)", id="spot-again", variant="primary")
                yield Button("Back to the gym  (Esc)", id="spot-back")
        yield Footer()

    def on_mount(self) -> None:
        self.new_round()

    # -- the round ----------------------------------------------------------------------
    def new_round(self) -> None:
        self.examples = spot_round(gym_training(), ROUND, self.rng)
        self.answers = []
        self.index = 0
        self.result = None
        self.remove_class("-finished")
        self._show_question()
        self.refresh_bindings()

    @property
    def current(self) -> Example | None:
        return self.examples[self.index] if self.index < len(self.examples) else None

    @property
    def answered(self) -> bool:
        return len(self.answers) > self.index

    @property
    def score(self) -> int:
        return sum(1 for ex, a in zip(self.examples, self.answers) if ex.kind == a)

    def _choice_label(self, kind: str, number: int, mark: str = "") -> str:
        return f"{mark}{number}  {SHORT[kind]}"

    def _bar(self) -> None:
        total = len(self.examples)
        if self.result is not None and self.index >= total:
            position = "Round complete"
        else:
            position = f"Question {min(self.index + 1, total)} of {total}"
        self.query_one("#spot-bar", Static).update(Content.assemble(
            ("Spot the type", "bold"), "  ·  ", self.trainee.name, "  ·  ", position,
            "  ·  ", (f"{self.score} right so far" if self.result is None else f"Score {self.score} of {total}", "bold"),
        ))

    def _show_question(self) -> None:
        example = self.current
        self._bar()
        for number, kind in enumerate(KINDS, start=1):
            button = self.query_one(f"#choose-{kind}", Button)
            button.label = self._choice_label(kind, number)
            button.remove_class("-right", "-wrong")
        self.query_one("#spot-verdict", Static).update("")
        self.remove_class("-answered")
        if example is None:  # no content at all
            self.query_one("#spot-question", Static).update("There are no example questions to practise with.")
            return
        self.query_one("#spot-prompt", Static).update(
            "What kind of question is this? Press 1–4 (or o, c, l, a), or choose a button."
        )
        self.query_one("#spot-question", Static).update(Content(f"“{example.text}”"))
        self.query_one("#spot-body").scroll_home(animate=False)
        self.query_one("#spot-body").focus()

    def action_choose(self, kind: str) -> None:
        example = self.current
        if example is None or self.answered:  # (after the last question there is no current one)
            return
        self.answers.append(kind)
        right = kind == example.kind
        for number, k in enumerate(KINDS, start=1):
            button = self.query_one(f"#choose-{k}", Button)
            if k == example.kind:
                button.label = self._choice_label(k, number, "✓ ")
                button.add_class("-right")
            elif k == kind:
                button.label = self._choice_label(k, number, "✗ ")
                button.add_class("-wrong")
        verdict = self.query_one("#spot-verdict", Static)
        verdict.set_class(right, "-right")
        verdict.set_class(not right, "-wrong")
        verdict.update(Content.assemble(("✓ " if right else "✗ ", "bold"), explain(example, kind)))
        last = self.index == len(self.examples) - 1
        if last:
            self._save()
        nxt = self.query_one("#spot-next", Button)
        nxt.label = "See your score  (Enter)" if last else "Next question  (Enter)"
        self.add_class("-answered")
        self._bar()
        self.refresh_bindings()
        nxt.focus()
        self.call_after_refresh(verdict.scroll_visible, animate=False)

    @on(Button.Pressed, ".choice")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(str(event.button.id).removeprefix("choose-"))

    @on(Button.Pressed, "#spot-next")
    def action_next(self) -> None:
        if not self.examples or not self.answered:
            return
        self.index += 1
        if self.index >= len(self.examples):
            self._show_summary()
        else:
            self._show_question()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that do something now."""
        finished = self.result is not None and self.index >= len(self.examples)
        if action == "choose":
            return not finished and not self.answered
        if action == "next":
            return not finished and self.answered
        if action == "again":
            return finished
        return True

    def _save(self) -> None:
        self.result = round_result(self.trainee, self.examples, self.answers, self.als.today())
        self.als.persist(self.als.store.add_training, self.result)

    # -- the end of a round ---------------------------------------------------------------
    def _show_summary(self) -> None:
        result = self.result
        if result is None:
            return
        self.remove_class("-answered")
        self.add_class("-finished")
        self._bar()
        self.refresh_bindings()
        parts: list[str | tuple[str, str] | Content] = [
            (f"Round complete: {result.correct} out of {result.total}\n", "bold"),
            f"{_praise(result.correct, result.total)}\n\n",
        ]
        width = max(len(KIND_LABELS[k]) for k in KINDS)
        for kind in KINDS:
            right, asked = result.by_kind.get(kind, [0, 0])
            if not asked:
                continue
            marks = "✓" * right + "✗" * (asked - right)
            parts.append(Content.assemble(
                (f"{KIND_LABELS[kind]:<{width}}  ", "bold"), f"{right} of {asked} right  ", (marks, "bold"), "\n"
            ))
        if result.confusions:
            parts.append(("\nWhat you mixed up\n", "bold"))
            parts.extend(f"{line}\n" for line in mixup_lines(result.confusions))
        saved = "Saved to the guest's progress." if self.trainee.is_guest else f"Saved to {self.trainee.possessive} progress."
        parts.append(("\n" + saved + " Press r for another round, Esc for the gym.", "italic"))
        self.query_one("#spot-summary", Static).update(Content.assemble(*parts))
        self.query_one("#spot-body").scroll_home(animate=False)
        self.query_one("#spot-again").focus()

    @on(Button.Pressed, "#spot-again")
    def action_again(self) -> None:
        if self.result is not None and self.index >= len(self.examples):
            self.new_round()

    @on(Button.Pressed, "#spot-back")
    def action_back(self) -> None:
        self.navigate(GoBack(self))


def _praise(correct: int, total: int) -> str:
    if not total:
        return ""
    share = correct / total
    if share == 1:
        return "Every one right: you can hear the difference. Now try writing your own in Ask better."
    if share >= 0.8:
        return "A sharp ear. Look at the ones you missed: they are usually the disguised ones."
    if share >= 0.5:
        return "A good start. Advice and leading questions often sound like open ones: another round helps."
    return "These are harder than they look. Read the explanations, then try another round."
