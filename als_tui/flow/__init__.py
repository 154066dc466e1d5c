"""The meeting as a state machine, plus the fairness maths. Pure: stdlib + model, no I/O, no Textual.

One job a module:

- ``phases``: the phase order; ``stages``: the stages of an issue session as the flow needs them;
- ``meeting``: :class:`MeetingFlow`, which mutates a :class:`~als_tui.model.Meeting` in place (the
  caller saves the meeting after every call); ``summary``: the meeting in figures and names;
- ``fairness``: the rota, the check-in order and the presenters suggested (the set always decides);
- ``timing``: the minutes left for sessions, the fair split, stages scaled to an allotment;
- ``reports``: open actions, the check-in's report-backs (and which meeting hears a report made
  between meetings), the next meeting's date.

History arguments are lists of past :class:`Meeting` objects. Meetings still ``in_progress`` are
ignored (so passing the current meeting along does no harm); the rest are sorted by ISO date,
newest last, keeping list order for meetings on the same day.

Edge cases (all deliberate):
- 0 present: rota is ``("", "")``, check-in order is empty and complete at once, no presenters;
  the flow can still walk through to the summary.
- 1 present: that person is facilitator *and* timekeeper.
- 2 present: one facilitates, the other keeps time; they swap next meeting.
- 12 present: check-in eats the time; :func:`time_budget` may be 0, then
  :func:`suggest_presenters` suggests nobody (the set can still choose someone by hand).
- nobody bids / no presenters chosen: :meth:`MeetingFlow.select` goes straight to ``review``.
- a presenter leaves early: :meth:`MeetingFlow.presenter_left_early` marks the remaining
  stages skipped and jumps to the actions step (actions may be recorded for them or not).

Everything callers use is importable from ``als_tui.flow``.
"""

from __future__ import annotations

from .fairness import checkin_order, suggest_presenters, suggest_rota
from .meeting import MeetingFlow
from .phases import PHASE_ORDER, FlowError, next_phase, prev_phase
from .reports import (
    EarlyReport,
    apply_action_updates,
    last_meeting_held,
    next_meeting_date,
    open_actions,
    report_between_meetings,
    reports_before,
    reports_heard,
)
from .stages import DEFAULT_STAGES, StageSpec
from .summary import meeting_summary, report_back
from .timing import (
    ACTIONS_MINUTES,
    DEFAULT_ALLOTTED_MINUTES,
    MIN_SESSION_MINUTES,
    scale_stages,
    split_time,
    suggested_meeting_minutes,
    time_budget,
)

__all__ = [
    "ACTIONS_MINUTES", "DEFAULT_ALLOTTED_MINUTES", "DEFAULT_STAGES", "MIN_SESSION_MINUTES", "PHASE_ORDER",
    "EarlyReport", "FlowError", "MeetingFlow", "StageSpec", "apply_action_updates", "checkin_order",
    "last_meeting_held", "meeting_summary", "next_meeting_date", "next_phase", "open_actions", "prev_phase",
    "report_back", "report_between_meetings", "reports_before", "reports_heard", "scale_stages", "split_time",
    "suggest_presenters", "suggest_rota", "suggested_meeting_minutes", "time_budget",
]
