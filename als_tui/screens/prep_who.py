"""Prep: who is preparing. The line at the top of the prep screen names the set and the member; it
is a control (Enter, a click or Ctrl+O) that opens :class:`ChooseWhoScreen`, a list of the
members (grouped by set when the file has several) to prepare as someone else.

The line is there from the screen's first paint, so choosing is possible as soon as the screen
shows; the list is built only when it is opened.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..model import ALSet
from .styled import StyledOnMount

Who = tuple[str, str]
"""(set id, member name)."""


class WhoLine(Static, can_focus=True):
    """"Set  Ward managers      Member  Asha ▾   Ctrl+O: change": who is preparing. Enter or a
    click asks to choose someone else (:class:`WhoLine.Choose`, handled by the screen). What
    does not fit the width goes, the hint first, then the words "Set" and "Member"."""

    BINDINGS = [Binding("enter,space", "choose", "Change who", show=False)]

    class Choose(Message):
        """The member asked to prepare as someone else."""

    set_name = ""
    member = ""

    def show(self, set_name: str, member: str) -> None:
        self.set_name, self.member = set_name, member
        self.refresh()

    def render(self) -> Content:
        member = (self.member or "(choose)", "$text-accent")
        fits = (
            Content.assemble(("Set  ", "bold"), self.set_name, "      ", ("Member  ", "bold"), member, " ▾",
                             ("   Ctrl+O: change", "$text-muted")),
            Content.assemble(("Set  ", "bold"), self.set_name, "      ", ("Member  ", "bold"), member, " ▾"),
            Content.assemble(member, " ▾  ", (self.set_name, "$text-muted")),
        )
        width = self.content_region.width or 80
        return next((line for line in fits if line.cell_length <= width), fits[-1])

    def action_choose(self) -> None:
        self.post_message(self.Choose())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_choose()


class ChooseWhoScreen(StyledOnMount, ModalScreen[Who | None]):
    """Pick the member (and, with several sets, the set) to prepare as. Dismisses with
    (set id, member) or None."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, sets: list[ALSet], current: Who) -> None:
        super().__init__()
        self.sets = sets
        self.current = current
        self.choices: list[Who] = []

    def _options(self) -> list[Option]:
        several = len(self.sets) > 1
        options: list[Option] = []
        for alset in self.sets:
            if several:
                options.append(Option(Content.styled(alset.name, "bold"), disabled=True))
            for member in alset.active_members:
                options.append(Option(Content(f"  {member}" if several else member), id=str(len(self.choices))))
                self.choices.append((alset.id, member))
        return options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who is preparing?", classes="dialog-title")
            yield OptionList(*self._options(), id="who-list")
            yield Static("↑↓ choose · Enter prepare as them · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.choices:
            options.highlighted = options.get_option_index(str(self.choices.index(self.current)))
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
