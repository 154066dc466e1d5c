"""Check-in: the report panel, the speaker's arrival line (it stays from turn to turn) and a card
for each of their open actions (a status and a line of learning)."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, RadioSet, Static

from ..flow import EarlyReport
from ..model import NOTE_MAX, OPEN, STATUS_CHOICES, STATUS_LABELS, Action
from ..widgets.marked import MarkedRadioButton


class ReportActions(Vertical):
    """For each of the current member's open actions: a status and a line of learning. Rebuilt
    (recompose) for each member."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.member: str | None = None
        self.actions: list[Action] = []
        self.prefill: dict[str, tuple[str, str]] = {}  # action id -> (status, note)
        self.all_done_text: Content = Content("")
        self.before: list[EarlyReport] = []  # what the member reported between meetings (read-only)

    def reports(self) -> Iterator[tuple[int, Action, int, str]]:
        """Each action card as filled in: (row, action, the status chosen as an index of
        ``REPORT_STATUSES`` or -1 for none, the learning typed)."""
        for i, action in enumerate(self.actions):
            radios = self.query(f"#status-{i}").results(RadioSet)
            learning = self.query(f"#learn-{i}").results(Input)
            yield i, action, next((r.pressed_index for r in radios), -1), next((f.value for f in learning), "")

    def compose(self) -> ComposeResult:
        if self.member is None:
            yield Static(self.all_done_text, id="all-done")
            return
        if not self.actions:
            yield Static(
                Content.assemble((self.member, "bold"), " has no open actions from earlier meetings."),
                classes="no-actions",
            )
            yield from self._reported_before()
            return
        yield Static(
            Content.assemble("Actions ", (self.member, "bold"), f" committed to earlier ({len(self.actions)})"),
            classes="actions-title",
        )
        for i, action in enumerate(self.actions):
            status, learning = self.prefill.get(action.id, ("", ""))
            details = f"due {action.due}" if action.due else "no due date"
            if action.created:
                details += f" · agreed {action.created}"
            if action.status != OPEN:
                details += f" · last time: {STATUS_LABELS.get(action.status, action.status)}"
            with Vertical(classes="action-card"):
                yield Static(Content.assemble((f"{i + 1}. ", "bold"), (action.text, "bold")), classes="action-text")
                yield Static(Content(details), classes="action-due")
                yield from self._reported_before(action.id)
                with RadioSet(id=f"status-{i}", classes="action-status", compact=True):
                    for key, label in STATUS_CHOICES.items():
                        yield MarkedRadioButton(label, value=(key == status))
                yield Input(learning, placeholder="What happened, what did you learn? (one line)",
                            id=f"learn-{i}", max_length=NOTE_MAX, classes="action-learning")
        yield from self._reported_before()

    def _reported_before(self, action_id: str | None = None) -> ComposeResult:
        """What was reported in prep since the last meeting, read-only (said aloud, or added to):
        on an action's card (*action_id*: one still open), or below the cards (None: the others,
        done or dropped, with their titles)."""
        carded = {a.id for a in self.actions}
        for report in self.before:
            change, action = report.change, report.action
            here = action.id == action_id if action_id is not None else action.id not in carded
            if not here:
                continue
            said = f" — {change.note}" if change.note.strip() else ""
            below = (f" · {change.date}", "dim") if action_id is not None else (f"\n“{action.text}” · {change.date}", "dim")
            yield Static(Content.assemble(
                ("Reported before the meeting: ", "bold"), (STATUS_LABELS.get(change.status, change.status), "bold"),
                said, below,
            ), classes="reported-before")


class ReportBack(Vertical):
    """The current member's arrival line, which stays from turn to turn (keys typed the moment a
    turn begins land in it), and their actions (ReportActions, rebuilt for each member)."""

    def compose(self) -> ComposeResult:
        # (kept with the meeting, but not in the minutes that go round by email: said so here)
        yield Label("How are you arriving? (one line; not in the minutes)", classes="field-label", id="note-label")
        yield Input(placeholder="How are you arriving? (one line)", id="note", max_length=NOTE_MAX)
        yield ReportActions(id="report-actions")
