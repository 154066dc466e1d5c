"""The method on the stage screen: a stage that offers methods (a format's own ways to work the
issue) lets the set choose one; a later stage shows the one chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Select, Static

from ..bank import Method, Stage
from ..compat import highlight_in_open_select
from .stage_words import method_card

if TYPE_CHECKING:
    from ..model import IssueSession, StageRun
    from .base import MeetingScreen

    _Screen = MeetingScreen
else:
    _Screen = object


class MethodChoice(_Screen):
    """Mix into the stage screen (before it): the method card and the choice of a method (m)."""

    session: IssueSession
    stage: Stage | None
    run_row: StageRun

    if TYPE_CHECKING:
        @property
        def prompts(self) -> tuple: ...

    def _earlier_method(self) -> str:
        """The method chosen in an earlier stage of this session (the latest), if any."""
        for run in reversed(self.session.stages[: self.session.current_stage]):
            if run.method:
                return run.method
        return ""

    def _earlier_methods(self) -> tuple[Method, ...]:
        for run in reversed(self.session.stages[: self.session.current_stage]):
            stage = self.ctx.bank.stage(run.stage_id)
            if run.method and stage is not None:
                return stage.methods
        return ()

    def _show_method(self) -> None:
        """The method card: on the stage that chooses, the choice (or the list); on a later
        stage without prompts of its own, the method the set chose earlier."""
        card = self.query_one("#method-card", Static)
        stage = self.stage
        if stage and stage.methods:
            card.update(method_card(stage.methods, self.run_row.method, choosing=True))
            card.set_class(bool(self.run_row.method), "-chosen")
            card.set_class(not self.run_row.method, "-list")
            card.display = True
            return
        earlier = self._earlier_method()
        if earlier and not self.prompts:
            card.update(method_card(self._earlier_methods(), earlier, choosing=False))
            card.add_class("-chosen")
            card.remove_class("-list")
            card.display = True
            return
        card.display = False

    def action_choose_method(self) -> None:
        if not (self.stage and self.stage.methods):
            return
        select = self.query_one("#method", Select)
        select.focus()
        select.expanded = True
        if select.value is Select.NULL:  # start on the first method, not on the blank prompt row
            highlight_in_open_select(select, 1)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "method":
            self._record_method()
            self.ctx.save()
            self._show_method()

    def _record_method(self) -> None:
        if self.stage and self.stage.methods:
            value = self.query_one("#method", Select).value
            self.run_row.method = "" if value is Select.NULL else str(value)
