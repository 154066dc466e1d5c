"""Check-in: which of a member's actions they report on, and how a report is recorded."""

from __future__ import annotations

from ..flow import EarlyReport, apply_action_updates, open_actions
from ..model import OPEN, Action, ActionUpdate
from .base import MeetingContext


def actions_to_report(ctx: MeetingContext, member: str) -> tuple[list[Action], dict[str, tuple[str, str]]]:
    """The member's open actions from earlier meetings, plus any already reported on in this
    meeting (so a check-in can be redone); with what was reported here, to pre-fill."""
    meeting_id = ctx.meeting.id
    earlier = [a for a in ctx.open_actions_of(member) if a.meeting_id != meeting_id]
    shown = {a.id: a for a in open_actions(earlier, member)}
    prefill: dict[str, tuple[str, str]] = {}
    for action in earlier:
        if action.owner != member:
            continue
        here = [h for h in action.history if h.meeting_id == meeting_id]
        if here:
            shown[action.id] = action
            prefill[action.id] = (here[-1].status, here[-1].note)
    return sorted(shown.values(), key=lambda a: a.created), prefill  # (stable: as saved)


def reported_before(ctx: MeetingContext, member: str) -> list[EarlyReport]:
    """What *member* reported between meetings (in prep, the tracker) since the set's previous meeting: shown
    read-only in their turn, so they can say it to the set or add to it. An action reported done
    or dropped is not asked about again; one partly or not done stays open and can be reported on
    again in the room."""
    return [r for r in ctx.reports_before() if r.member == member]


def record_reports(ctx: MeetingContext, member: str, updates: list[ActionUpdate], when: str) -> None:
    """Apply report-backs to the member's action records and save each. A redo replaces what
    this meeting recorded before instead of adding to it."""
    actions = ctx.open_actions_of(member)
    meeting_id = ctx.meeting.id
    by_id = {a.id: a for a in actions}
    for update in updates:
        action = by_id.get(update.action_id)
        if action is None:
            continue
        kept = [h for h in action.history if h.meeting_id != meeting_id]
        if len(kept) != len(action.history):
            action.history = kept
            action.status = kept[-1].status if kept else OPEN
    for action in apply_action_updates(actions, updates, meeting_id, when=when):
        ctx.save_action(action)
