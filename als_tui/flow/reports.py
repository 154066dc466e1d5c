"""Actions between meetings: a member's open ones, the check-in's report-backs (those said in the
room and those made before the meeting, in prep or the tracker), the next date. Pure."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from ..model import FINISHED, IN_PROGRESS, Action, ActionUpdate, Meeting, StatusChange


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


# -- reports made between meetings -------------------------------------------------------------
class EarlyReport(NamedTuple):
    """A report-back made between meetings (in prep or the tracker): the action and its step."""

    action: Action
    change: StatusChange

    @property
    def member(self) -> str:
        return self.action.owner


def hears_reports(meeting: Meeting) -> bool:
    """Whether *meeting* is one where the set hears report-backs: finished, in progress, or closed
    once its check-in had begun (a meeting closed at its opening heard nobody)."""
    return meeting.status in (FINISHED, IN_PROGRESS) or bool(meeting.checkins)


RECENT_MEETINGS = 24
"""How many of the set's latest meetings a report made between meetings looks back over for the
last meeting held (two years of a monthly set; a run of meetings closed at their opening is rarer)."""


def last_meeting_held(meetings: Sequence[Meeting]) -> str:
    """The id of the latest of *meetings* (the set's, in the order held) that is over and heard
    report-backs: what a report made now comes after. "" if none."""
    held = [m for m in meetings if m.status != IN_PROGRESS and hears_reports(m)]
    return held[-1].id if held else ""


def report_between_meetings(action: Action, status: str, note: str, when: str,
                            meetings: Sequence[Meeting]) -> None:
    """Record a report-back made between meetings (prep, the tracker): the next meeting of
    *meetings* (the set's, in the order held) hears it."""
    action.set_status(status, note, meeting_id="", when=when, after_meeting=last_meeting_held(meetings))


def reports_heard(meetings: Sequence[Meeting], actions: Sequence[Action]) -> dict[str, list[EarlyReport]]:
    """Which meeting heard each report made between meetings: meeting id -> its reports, oldest
    action first. *meetings* are the set's, in the order held (a window of them will do for the
    last one: a report after a meeting outside it is left out).

    A report goes to the first meeting that hears reports (:func:`hears_reports`) after the meeting
    it was made after; one kept without that (an older file) to the first such meeting on or
    after its date. So each report is heard once: not again at a second meeting that day, nor
    lost when a meeting is closed at its opening or resumed after a crash."""
    position = {m.id: i for i, m in enumerate(meetings)}
    hearing = [i for i, m in enumerate(meetings) if hears_reports(m)]
    dates = [meetings[i].date for i in hearing]
    found: dict[str, list[EarlyReport]] = {}
    for action in actions:
        for change in action.history:
            if change.meeting_id:
                continue
            if change.after_meeting:
                after = position.get(change.after_meeting)
                if after is None:
                    continue
                k = bisect_left(hearing, after + 1)
            else:
                k = bisect_left(dates, change.date)
            if k < len(hearing):
                found.setdefault(meetings[hearing[k]].id, []).append(EarlyReport(action, change))
    return found


def reports_before(meeting: Meeting, earlier: Sequence[Meeting], actions: Sequence[Action]) -> list[EarlyReport]:
    """The reports *meeting* heard (or hears) from before it began: made between meetings since
    the set's previous meeting. *earlier*: the set's meetings held before it, in order."""
    return reports_heard([*earlier, meeting], actions).get(meeting.id, [])
