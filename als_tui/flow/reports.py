"""Actions between meetings: a member's open ones, the check-in's report-backs, the next date. Pure."""

from __future__ import annotations

from ..model import Action, ActionUpdate


# -- actions and dates -------------------------------------------------------------------------
def open_actions(actions: list[Action], member: str) -> list[Action]:
    """*member*'s actions still open (open / partly / not done), oldest first."""
    mine = [a for a in actions if a.owner == member and a.is_open]
    return sorted(mine, key=lambda a: a.created)


def apply_action_updates(
    actions: list[Action], updates: list[ActionUpdate], meeting_id: str = "", when: str = ""
) -> list[Action]:
    """Apply check-in report-backs to the matching actions; returns the actions changed.
    Updates for unknown action ids are ignored."""
    by_id = {a.id: a for a in actions}
    changed = []
    for update in updates:
        action = by_id.get(update.action_id)
        if action is None:
            continue
        action.set_status(update.status, update.note, meeting_id, when)
        changed.append(action)
    return changed


def next_meeting_date(last: str, cadence_weeks: int, cadence: str = "") -> str:
    """ISO date of the meeting after the one on the ISO date *last*: *cadence_weeks* (at least 1)
    later, or by the set's monthly *cadence* (see :mod:`als_tui.cadence`)."""
    from ..cadence import next_date

    return next_date(last, cadence_weeks, cadence)
