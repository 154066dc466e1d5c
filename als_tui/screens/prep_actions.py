"""The member's open actions on the prep screen, each with a mark of what happened and a line of
what they learned: recorded between meetings when the draft is saved. Built with the visible form
just after the screen's first paint, and again for each member chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ..model import NOT_DONE, NOTE_MAX, OPEN, PARTLY, STATUS_CHOICES, STATUS_LABELS, Action, clean_text
from ..widgets.status_picker import StatusPicker

if TYPE_CHECKING:
    from ..store import Store

ACTIONS_SHOWN = 8  # the most recent open actions; more would make the screen slow to open and long to read
OPEN_STATUSES = (OPEN, PARTLY, NOT_DONE)  # (Action.is_open, on the stored document)


class ActionText(Static):
    """An action and, below it, its dates and last status (muted): one widget, not two, as the
    form builds up to eight of these."""

    COMPONENT_CLASSES = {"action-text--details"}
    DEFAULT_CSS = """
    ActionText > .action-text--details {
        color: $text-muted;
    }
    """

    def __init__(self, title: Content, details: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title, self.details = title, details

    def render(self) -> Content:
        return Content.assemble(self.title, "\n", (self.details, self.get_visual_style("action-text--details", partial=True)))


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
        self.loaded: tuple = ()  # what state() was when the rows were built

    def show(self, store: Store, set_id: str, member: str, today: str) -> str:
        """Show *member*'s open actions in the set (the most recent few, oldest first), from
        *store*; returns the panel's title. Only the open ones are read into actions."""
        had = False

        def still_open_doc(doc: dict) -> bool:
            nonlocal had
            had = True
            return doc.get("status", OPEN) in OPEN_STATUSES

        # (the member's, oldest first: as the store gives them)
        still_open = store.actions_where(set_id, still_open_doc, owner=member) if member else []
        self.member, self.today = member, today
        self.actions = still_open[-ACTIONS_SHOWN:]
        self.older = len(still_open) - len(self.actions)
        self.ever_had_actions = had
        return f"Your open actions ({len(still_open)})" if still_open else "Your actions"

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
            with Vertical(classes="prep-action"):
                yield ActionText(Content.assemble((f"{i + 1}. ", "bold"), (action.text, "bold")),
                                 self._details(action), classes="prep-action-text")
                # one widget, not a RadioSet of five
                yield StatusPicker(list(STATUS_CHOICES.values()), id=f"status-{i}", classes="prep-action-status")
                yield Input(placeholder="What happened? What did you learn?", id=f"learn-{i}",
                            max_length=NOTE_MAX, classes="prep-action-learning", compact=True)

    def _details(self, action: Action) -> str:
        details = f"agreed {action.created}" if action.created else ""
        details += f" · due {action.due}" if action.due else " · no due date"
        if action.overdue_on(self.today):
            details += " · ⚠\u00a0overdue"
        if action.report_to:
            details += f" · report to {action.report_to}"
        if action.status != OPEN:
            details += f" · last time: {STATUS_LABELS.get(action.status, action.status)}"
        return details.lstrip(" ·")

    async def rebuild(self) -> None:
        """Build the rows for the actions given; what they show counts as unchanged."""
        await self.recompose()
        self.loaded = self.state()

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
