"""Ask better: a presenter's issue; the trainee writes questions and sees feedback as they type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from ..widgets.header import Header
from ..model import TEXT_MAX, TrainingResult, clean_text
from ..drills import Scenario
from ..questioning import FLAG_HELP, FLAG_LABELS, KINDS, STATEMENT, Feedback, classify, warm
from ..widgets.footer import Footer
from .gym import Trainee, gym_training, kind_line
from ..navigation import GoBack
from .breakpoints import take_breakpoints
from .styled import StyledOnMount

DEBOUNCE = 0.4
META_SCENARIO = "gym_scenario"
WAITING = "Feedback appears here as you type: the kind of question, anything to watch, and a tip."


def first_name(presenter: str) -> str:
    """'Priya (ward manager)' -> 'Priya'."""
    return presenter.split("(")[0].split(",")[0].strip() or presenter


def plain_tip(feedback: Feedback) -> str:
    """The tip without its suggested rewrite: the trainee first tries to improve it themselves."""
    if feedback.rewrite:
        return feedback.tip.removesuffix(f" Try: “{feedback.rewrite}”").strip()
    return feedback.tip


def shown_flags(feedback: Feedback) -> tuple[str, ...]:
    """The flags worth a line of their own ("not a question" is already the kind of a remark)."""
    return tuple(f for f in feedback.flags if not (f == "not_a_question" and feedback.kind == STATEMENT))


def verdict(feedback: Feedback) -> Content:
    """Kind (mark + words), flags in words, and the tip."""
    parts: list[str | tuple[str, str] | Content] = [kind_line(feedback.kind)]
    for flag in shown_flags(feedback):
        parts.append(Content.assemble("\n", (f"▲ {FLAG_LABELS.get(flag, flag)}: ", "bold"), FLAG_HELP.get(flag, "")))
    parts.append(Content.assemble("\n", plain_tip(feedback)))
    return Content.assemble(*parts)


def ask_result(trainee: Trainee, kept: list[tuple[str, Feedback]], date: str) -> TrainingResult:
    """total = questions written, correct = open ones, by_kind = {kind: [count, total]}."""
    total = len(kept)
    counts = {kind: sum(1 for _, fb in kept if fb.kind == kind) for kind in KINDS}
    return TrainingResult(
        member=trainee.name,
        drill="ask",
        total=total,
        correct=counts["open"],
        by_kind={kind: [n, total] for kind, n in counts.items() if n},
        date=date,
        set_id=trainee.set_id,
    )


class AskScreen(StyledOnMount, Screen[None]):
    """Write questions to a presenter's issue; live, debounced feedback; an improve-it hint."""

    HELP_ID = "ask"
    CSS_PATH = "ask.tcss"
    SUB_TITLE = "Ask better"
    AUTO_FOCUS = "#ask-input"
    # Below 70 columns: one scrolling column; below 16 rows as well: no issue picker (ask.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-low"), (16, "-tall")]
    BINDINGS = [
        Binding("f2,ctrl+h", "improve", "Improve it", tooltip="A better version of your question, and a model question for this issue (F2; Ctrl+H where the terminal sends it)", id="improve"),
        Binding("ctrl+right", "scenario(1)", "Next issue", tooltip="The next presenter's issue (or n when you are not typing)", id="next_scenario", priority=True),
        Binding("ctrl+left", "scenario(-1)", "Previous issue", tooltip="The previous presenter's issue (or p when you are not typing)", id="previous_scenario", priority=True),
        Binding("n", "scenario(1)", "Next issue", show=False),
        Binding("p", "scenario(-1)", "Previous issue", show=False),
        Binding("escape", "back", "Gym", tooltip="Stop typing; press again to go back to the gym (your questions are saved)", id="back"),
    ]

    def __init__(self, trainee: Trainee) -> None:
        super().__init__()
        self.trainee = trainee
        self.scenarios: list[Scenario] = list(gym_training().scenarios)
        self.index = 0
        self.kept: dict[str, list[tuple[str, Feedback]]] = {}
        self._timer: Timer | None = None
        self._model_turn = 0
        self._saved = False

    def compose(self) -> ComposeResult:
        remembered = self.als.store.get_meta(META_SCENARIO, "")
        ids = [s.id for s in self.scenarios]
        self.index = ids.index(remembered) if remembered in ids else 0
        take_breakpoints(self)  # (before the first layout: styled once, in its own layout)
        yield Header()
        yield Static(id="ask-bar", classes="gym-bar")
        with Horizontal(id="ask-body"):
            with Vertical(id="ask-main"):
                yield Select(
                    [(Content(f"{n}. {s.title}"), n - 1) for n, s in enumerate(self.scenarios, start=1)],
                    value=self.index if self.scenarios else Select.NULL,
                    allow_blank=not self.scenarios,
                    id="ask-scenario",
                )
                with VerticalScroll(id="ask-card-box"):
                    yield Static(id="ask-card")
                yield Input(id="ask-input", max_length=TEXT_MAX)
            with VerticalScroll(id="ask-side"):
                yield Static(WAITING, id="ask-feedback")
                yield Static(id="ask-improve")
                with VerticalScroll(id="ask-list-box"):
                    yield Static(id="ask-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ask-improve").display = False
        self._show_scenario()
        self.run_worker(warm, thread=True, group="coach-warm")  # the first verdict then needs no load

    # -- the scenario ---------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self.scenarios[self.index] if self.scenarios else None

    @property
    def questions(self) -> list[tuple[str, Feedback]]:
        s = self.scenario
        return self.kept.setdefault(s.id, []) if s else []

    def all_questions(self) -> list[tuple[str, Feedback]]:
        return [q for qs in self.kept.values() for q in qs]

    def _show_scenario(self) -> None:
        s = self.scenario
        card = self.query_one("#ask-card", Static)
        inp = self.query_one("#ask-input", Input)
        if s is None:
            card.update("There are no practice issues in the training content.")
            inp.disabled = True
            self._bar()
            return
        self.query_one("#ask-card-box").border_title = f"Issue {self.index + 1} of {len(self.scenarios)}"
        self.query_one("#ask-card-box").scroll_home(animate=False)
        card.update(Content.assemble((s.title, "bold"), "\n", (s.presenter, "italic"), "\n\n", s.issue))
        inp.placeholder = f"Write a question for {first_name(s.presenter)}, then press Enter"
        self._model_turn = 0
        self.query_one("#ask-improve").display = False
        self._bar()
        self._show_list()

    def _bar(self) -> None:
        n = len(self.all_questions())
        opened = sum(1 for _, fb in self.all_questions() if fb.kind == "open")
        written = f"{n} question{'s' if n != 1 else ''} written, {opened} open" if n else "No questions yet"
        self.query_one("#ask-bar", Static).update(Content.assemble(
            ("Ask better", "bold"), "  ·  ", self.trainee.name, "  ·  ", written,
        ))

    def action_scenario(self, step: int) -> None:
        if not self.scenarios:
            return
        self.query_one("#ask-scenario", Select).value = (self.index + step) % len(self.scenarios)

    @on(Select.Changed, "#ask-scenario")
    def _scenario_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.index:
            return
        self.index = int(event.value)  # type: ignore[arg-type,call-overload]
        s = self.scenario
        if s and self.als.store.get_meta(META_SCENARIO, "") != s.id:
            self.als.persist(self.als.store.set_meta, META_SCENARIO, s.id)
        self._show_scenario()
        self._show_feedback()

    # -- live feedback ---------------------------------------------------------------------
    @on(Input.Changed, "#ask-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._show_feedback)

    def _show_feedback(self) -> None:
        self._timer = None
        text = clean_text(self.query_one("#ask-input", Input).value, single_line=True)
        box = self.query_one("#ask-feedback", Static)
        if not text:
            box.update(WAITING)
            box.remove_class(*(f"-{k}" for k in (*KINDS, STATEMENT)))
            return
        feedback = classify(text)
        box.remove_class(*(f"-{k}" for k in (*KINDS, STATEMENT)))
        box.add_class(f"-{feedback.kind}")
        box.update(verdict(feedback))
        if self.query_one("#ask-improve").display:
            self.action_improve(advance=False)

    @on(Input.Submitted, "#ask-input")
    def _keep(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = clean_text(event.value, single_line=True)
        if not text or self.scenario is None:
            self.notify("Write a question first, then press Enter to keep it.", severity="warning")
            return
        feedback = classify(text)
        self.questions.append((text, feedback))
        event.input.value = ""
        box = self.query_one("#ask-feedback", Static)
        box.remove_class(*(f"-{k}" for k in (*KINDS, STATEMENT)))
        box.add_class(f"-{feedback.kind}")
        box.update(Content.assemble(
            (f"Kept as question {len(self.questions)}. ", "italic"), verdict(feedback),
            ("\nPress F2 to see how it could be better." if feedback.kind != "open" or feedback.flags else "", "italic"),
        ))
        self.query_one("#ask-improve").display = False
        self._bar()
        self._show_list()

    def _show_list(self) -> None:
        qs = self.questions
        widget = self.query_one("#ask-list", Static)
        self.query_one("#ask-list-box").border_title = f"Your questions ({len(qs)})"
        if not qs:
            widget.update(Content("Questions you keep (Enter) are listed here with their verdict."))
            return
        parts: list[Content] = []
        for number, (text, fb) in enumerate(qs, start=1):
            flags = ", ".join(FLAG_LABELS.get(f, f).lower() for f in shown_flags(fb))
            parts.append(Content.assemble(
                (f"{number}. ", "bold"), kind_line(fb.kind), (f" · {flags}" if flags else "", "italic"), "\n   ", text,
            ))
        widget.update(Content("\n").join(parts))
        self.call_after_refresh(self.query_one("#ask-list-box").scroll_end, animate=False)

    # -- improve it ------------------------------------------------------------------------
    def action_improve(self, advance: bool = True) -> None:
        s = self.scenario
        if s is None:
            return
        text = clean_text(self.query_one("#ask-input", Input).value, single_line=True)
        if not text and self.questions:
            text = self.questions[-1][0]
        box = self.query_one("#ask-improve", Static)
        parts: list[str | tuple[str, str] | Content] = []
        if text:
            feedback = classify(text)
            parts += [("Your question: ", "bold"), f"“{text}”\n"]
            if feedback.rewrite:
                parts += [("Try instead: ", "bold"), f"“{feedback.rewrite}”\n"]
            elif feedback.kind == "open" and not feedback.flags:
                parts += [("Already open. ", "bold"), "Could it be shorter, or closer to what the presenter said?\n"]
            else:
                parts += [("Try instead: ", "bold"), f"{plain_tip(feedback)}\n"]
        else:
            parts += [("Write a question first; ", "bold"), "meanwhile here is one way in.\n"]
        if s.good_questions:
            if advance and box.display:
                self._model_turn += 1
            model = s.good_questions[self._model_turn % len(s.good_questions)]
            parts += [("A model question for this issue: ", "bold"), f"“{model}”"]
            if len(s.good_questions) > 1:
                parts.append((f"  ({self._model_turn % len(s.good_questions) + 1} of {len(s.good_questions)}; F2 for another)", "italic"))
        box.border_title = "Improve it"
        box.update(Content.assemble(*parts))
        box.display = True
        self.call_after_refresh(box.scroll_visible, animate=False)

    # -- leaving ---------------------------------------------------------------------------
    def on_key(self, event) -> None:
        if event.key == "escape" and isinstance(self.focused, Input):
            improve = self.query_one("#ask-improve")
            if improve.display:  # Esc first closes the hint F2 opened: the typing goes on
                improve.display = False
            else:
                self.set_focus(None)
            event.stop()
            event.prevent_default()

    def action_back(self) -> None:
        self.save()
        self.navigate(GoBack(self))

    def save(self) -> TrainingResult | None:
        """Save one result for the questions written in this visit (once; nothing if none)."""
        kept = self.all_questions()
        if self._saved or not kept:
            return None
        self._saved = True
        result = ask_result(self.trainee, kept, self.als.today())
        self.als.persist(self.als.store.add_training, result)
        return result

    def on_unmount(self) -> None:
        # Quitting the app from here (Ctrl+Q) still keeps the work.
        if not self._saved and self.all_questions():
            try:
                self.save()
            except Exception:  # pragma: no cover - the store may already be closed
                pass
