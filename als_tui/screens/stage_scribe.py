"""The scribe on the stage screen: the line that notes a question (and who asked it) or an insight,
and the notes kept so far under the clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Select, Static

from ..bank import Stage
from ..model import HarvestedQuestion, IssueSession, clean_text

if TYPE_CHECKING:
    from .base import MeetingScreen

    _Screen = MeetingScreen
else:
    _Screen = object


class ScribeLine(Input):
    """The scribe's line: Enter keeps what was typed, and the footer says so. Brought back after
    Esc, it goes on where the words stopped (not selected: the next key must not replace them)."""

    BINDINGS = [
        Binding("enter", "submit", "Keep it", tooltip="Keep this in the session's notes"),
        # (Input's own Down scrolls, which a one-line field never does: the footer would show nothing)
        Binding("down", "screen.asker(1)", "Who asked", key_display="↑↓",
                tooltip="The next (↓) or previous (↑) member as the one who asked"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)


class Scribe(_Screen):
    """Mix into the stage screen (before it): the scribe's line, its keys, and the notes kept."""

    session: IssueSession
    stage: Stage | None
    _told_unnamed: bool

    def compose_scribe(self) -> ComposeResult:
        """The scribe's line, hidden until s (a question) or i (an insight); then the notes."""
        with Horizontal(id="scribe", classes="-hidden -question"):
            yield Select([(Content(n), n) for n in self._askers()], prompt="Who asked? ↑↓",
                         value=self._last_asker(), id="asker")
            yield ScribeLine(placeholder=self._question_placeholder(), id="question", max_length=2000)
            yield ScribeLine(placeholder="An insight the presenter wants to keep (Enter)", id="insight", max_length=2000)
        yield Static("", id="harvest", classes="-empty")
        yield Static("", id="harvest-count", classes="-empty")  # (on a low terminal, instead of the list)

    def _question_placeholder(self) -> str:
        if self.stage is not None and self.stage.rules.advice_allowed:
            return "The suggestion or question, as said (↑↓ who said it, Enter to keep it)"
        return "The question, as asked (↑↓ who asked, Enter to keep it)"

    def reset_scribe(self) -> None:
        """A new stage: the line put away and emptied, the last asker chosen again."""
        self.query_one("#scribe").add_class("-hidden")
        question = self.query_one("#question", Input)
        question.placeholder = self._question_placeholder()
        question.value = ""
        self.query_one("#insight", Input).value = ""
        self.query_one("#asker", Select).value = self._last_asker()

    @property
    def typing(self) -> bool:
        """The scribe's line has the focus: printable and arrow keys go to it."""
        return isinstance(self.focused, Input)

    # -- who asked ------------------------------------------------------------------------
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

    # -- the line -------------------------------------------------------------------------
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "question":
            self._add_question(event)
        elif event.input.id == "insight":
            self._add_insight(event)

    def _add_question(self, event: Input.Submitted) -> None:
        text = clean_text(event.value, single_line=True)
        if not text:
            return
        asker = self.query_one("#asker", Select).value
        kind = ""
        tip = ""
        advice_allowed = self.stage is not None and self.stage.rules.advice_allowed
        if self.ctx.alset.coaching and not advice_allowed:  # suggestions are welcome here: no fault to flag
            kind, tip = _coach(text, planning=self.stage is not None and self.stage.rules.planning)
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

    def _add_insight(self, event: Input.Submitted) -> None:
        text = clean_text(event.value, single_line=True)
        if text:
            self.session.insights.append(text)
            self.ctx.save()
            event.input.value = ""
            self.action_close_scribe()
            self._show_harvest()

    # -- the notes kept -------------------------------------------------------------------
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


def _coach(text: str, planning: bool) -> tuple[str, str]:
    """(kind, tip) from the question classifier (the tip only for advice or leading). *planning*: the
    stage is where the presenter chooses their actions, so a question may take their step for granted."""
    try:
        from ..questioning import classify
    except ImportError:  # pragma: no cover - the classifier ships with the app
        return "", ""
    feedback = classify(text, planning=planning)
    if feedback.kind in ("advice", "leading"):
        return feedback.kind, feedback.tip
    return feedback.kind, ""
