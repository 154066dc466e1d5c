"""A meeting in figures and names, for the summary screen and the minutes. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import PRESENT, Action, Meeting

if TYPE_CHECKING:
    from .meeting import MeetingFlow
    from .reports import EarlyReport


def report_back(meeting: Meeting, before: Sequence[EarlyReport] = (), roster: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The check-in's report-back, member by member in the check-in order (then anyone who
    reported before the meeting without checking in, in *roster* order): what each reported
    before the meeting (``before`` True: in prep or the tracker), then what they said in the room.
    Members with nothing to report are left out."""
    said = {c.member: c.updates for c in meeting.checkins if not c.skipped}
    early: dict[str, list[EarlyReport]] = {}
    for report in before:
        early.setdefault(report.member, []).append(report)
    names = list(dict.fromkeys([*meeting.checkin_order, *(c.member for c in meeting.checkins),
                                *(n for n in roster if n in early), *early]))
    out = []
    for name in names:
        reports = [{"action_id": r.action.id, "status": r.change.status, "note": r.change.note,
                    "date": r.change.date, "before": True} for r in early.get(name, [])]
        reports += [{"action_id": u.action_id, "status": u.status, "note": u.note, "date": meeting.date,
                     "before": False} for u in said.get(name, [])]
        if reports:
            out.append({"member": name, "present": meeting.attendance.get(name) == PRESENT, "reports": reports})
    return out


def meeting_summary(flow: MeetingFlow, actions: list[Action] | None = None,
                    before: Sequence[EarlyReport] = ()) -> dict[str, Any]:
    """Plain dict for the summary screen and the minutes. *before*: the report-backs made between
    meetings that this meeting heard (:func:`~.reports.reports_before`), in ``report_back``
    with those said at the check-in.

    Minutes are floats rounded to 0.1. ``used_minutes`` is what was measured: check-in
    seconds plus stage actuals (opening, bids and review are not timed).
    """
    m = flow.meeting

    def mins(seconds: float) -> float:
        return round(seconds / 60.0, 1)

    sessions = []
    for s in m.sessions:
        planned = sum(r.planned_seconds for r in s.stages)
        actual = sum(r.actual_seconds for r in s.stages)
        sessions.append(
            {
                "presenter": s.presenter,
                "title": s.title,
                "allotted_minutes": s.allotted_minutes,
                "planned_minutes": mins(planned),
                "actual_minutes": mins(actual),
                "left_early": s.left_early,
                "stages": [
                    {
                        "id": r.stage_id,
                        "title": r.title,
                        "planned_minutes": mins(r.planned_seconds),
                        "actual_minutes": mins(r.actual_seconds),
                        "extended_minutes": mins(r.extended_seconds),
                        "skipped": r.skipped,
                        "method": r.method,
                    }
                    for r in s.stages
                ],
            }
        )
    checkin_seconds = sum(c.seconds for c in m.checkins)
    session_seconds = sum(r.actual_seconds for s in m.sessions for r in s.stages)
    return {
        "date": m.date,
        "set": flow.alset.name,
        "status": m.status,
        "present": m.present,
        "apologies": flow.apologies,
        "facilitator": m.facilitator,
        "timekeeper": m.timekeeper,
        "checked_in": [c.member for c in m.checkins if not c.skipped],
        "skipped_checkin": [c.member for c in m.checkins if c.skipped],
        "report_back": report_back(m, before, [member.name for member in flow.alset.members]),
        "sessions": sessions,
        "actions": [
            {
                "owner": a.owner,
                "text": a.text,
                "due": a.due,
                "report_to": a.report_to,
                "support": a.support,
            }
            for a in (actions or [])
        ],
        "review": {"notes": dict(m.review.notes), "change": m.review.change_next_time},
        "next_meeting": m.next_meeting,
        "planned_minutes": m.planned_minutes,
        "planned_session_minutes": sum(s.allotted_minutes for s in m.sessions),
        "used_session_minutes": mins(session_seconds),
        "checkin_minutes": mins(checkin_seconds),
        "used_minutes": mins(checkin_seconds + session_seconds),
    }
