"""The meeting as a state machine. Pure: stdlib + model, no I/O, no Textual.

:class:`MeetingFlow` mutates a :class:`~als_tui.model.Meeting` in place; the caller saves the
meeting after every call.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ..clock import Now, StageClock
from ..model import (
    ABANDONED,
    APOLOGIES,
    FINISHED,
    PRESENT,
    Action,
    ActionUpdate,
    ALSet,
    Bid,
    CheckIn,
    IssueSession,
    Meeting,
    ProcessReview,
    StageRun,
    clean_text,
)
from .phases import PHASE_ORDER, FlowError, next_phase, prev_phase
from .reports import EarlyReport
from .stages import _as_specs
from .summary import meeting_summary
from .timing import ACTIONS_MINUTES, DEFAULT_ALLOTTED_MINUTES, _dedupe, scale_stages, split_time, time_budget


class MeetingFlow:
    """Drives a Meeting object through its phases.

    Pure: mutates the Meeting dataclass; the caller saves it after every call. *stage_minutes*
    (or, richer, *stages*: :class:`StageSpec`, ``(id, title, minutes)`` tuples or bank objects with
    ``id``/``title``/``minutes``) are the lengths of one issue session's stages before scaling;
    default :data:`DEFAULT_STAGES`.
    """

    def __init__(
        self,
        meeting: Meeting,
        alset: ALSet,
        stage_minutes: list[int] | None = None,
        now: Now = time.monotonic,
        *,
        stages: Sequence[Any] | None = None,
        warn_at: float = 60.0,
    ) -> None:
        self.meeting = meeting
        self.alset = alset
        self.stages = _as_specs(stages, stage_minutes)
        self.now = now
        self.warn_at = warn_at

    # -- phases --------------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return self.meeting.phase

    def goto_phase(self, phase: str) -> None:
        if phase not in PHASE_ORDER:
            raise FlowError(f"unknown phase {phase!r}")
        self.meeting.phase = phase

    def advance_phase(self) -> str:
        self.meeting.phase = next_phase(self.meeting.phase)
        return self.meeting.phase

    def back_phase(self) -> str:
        self.meeting.phase = prev_phase(self.meeting.phase)
        return self.meeting.phase

    # -- opening -------------------------------------------------------------------------------
    def set_attendance(self, name: str, state: str) -> None:
        """Mark *name* present or sending apologies. During check-in a late arrival joins the
        end of the queue and someone leaving before their turn drops out of it."""
        if state not in (PRESENT, APOLOGIES):
            raise FlowError(f"attendance is {PRESENT!r} or {APOLOGIES!r}, not {state!r}")
        m = self.meeting
        m.attendance[name] = state
        if m.phase != "checkin":
            return
        if state == PRESENT and name not in m.checkin_order:
            m.checkin_order.append(name)
        elif state == APOLOGIES and name in m.checkin_order and not self._checked_in(name):
            current = self.current_checkin_member
            m.checkin_order.remove(name)
            self._point_at(current if current != name else None, after=None)

    @property
    def present(self) -> list[str]:
        return self.meeting.present

    @property
    def apologies(self) -> list[str]:
        return [n for n, s in self.meeting.attendance.items() if s == APOLOGIES]

    def set_roles(self, facilitator: str, timekeeper: str) -> None:
        self.meeting.facilitator = facilitator
        self.meeting.timekeeper = timekeeper

    # -- check-in ------------------------------------------------------------------------------
    def begin_checkin(self, order: list[str] | None = None) -> None:
        """Start the round: *order* (default: present members) becomes the queue."""
        m = self.meeting
        m.checkin_order = _dedupe(order if order is not None else m.present)
        m.checkin_index = 0
        m.phase = "checkin"
        self._point_at(None, after=None)

    def _checked_in(self, member: str) -> bool:
        c = self.meeting.checkin_for(member)
        return c is not None and not c.skipped

    def _pending(self) -> list[str]:
        return [p for p in self.meeting.checkin_order if not self._checked_in(p)]

    def _point_at(self, member: str | None, after: str | None) -> None:
        """Set checkin_index to *member*, or to the next pending member after *after*
        (or from the current index), wrapping round; len(order) when nobody is pending."""
        m = self.meeting
        order = m.checkin_order
        if member is not None and member in order:
            m.checkin_index = order.index(member)
            return
        if not order:
            m.checkin_index = 0
            return
        start = order.index(after) + 1 if after in order else min(m.checkin_index, len(order))
        for step in range(len(order)):
            i = (start + step) % len(order)
            if not self._checked_in(order[i]):
                m.checkin_index = i
                return
        m.checkin_index = len(order)

    @property
    def current_checkin_member(self) -> str | None:
        m = self.meeting
        if 0 <= m.checkin_index < len(m.checkin_order):
            return m.checkin_order[m.checkin_index]
        return None

    def record_checkin(
        self,
        member: str,
        note: str = "",
        updates: list[ActionUpdate] | None = None,
        seconds: float = 0.0,
    ) -> None:
        """Record (or replace) *member*'s check-in and move to the next member still waiting."""
        m = self.meeting
        if member not in m.checkin_order:
            m.checkin_order.append(member)
        checkin = CheckIn(member, clean_text(note), list(updates or []), False, float(seconds))
        existing = m.checkin_for(member)
        if existing is None:
            m.checkins.append(checkin)
        else:
            m.checkins[m.checkins.index(existing)] = checkin
        self._point_at(None, after=member)

    def skip_checkin(self, member: str) -> None:
        """*member* passes for now: they go to the end of the queue and can come back."""
        m = self.meeting
        current = self.current_checkin_member
        if member in m.checkin_order:
            m.checkin_order.remove(member)
        m.checkin_order.append(member)
        if m.checkin_for(member) is None:
            m.checkins.append(CheckIn(member, skipped=True))
        if current is not None and current != member:
            self._point_at(current, after=None)
        else:
            # the member who moved into the skipped one's slot is next; wrap to them if alone
            m.checkin_index = min(m.checkin_index, len(m.checkin_order) - 1)
            self._point_at(None, after=None)

    def goto_checkin(self, member: str) -> None:
        """Make *member* the current speaker (out of turn, or to redo a check-in)."""
        if member not in self.meeting.checkin_order:
            self.meeting.checkin_order.append(member)
        self._point_at(member, after=None)

    @property
    def checkins_complete(self) -> bool:
        """Everyone in the queue who is still present has checked in (not just skipped)."""
        present = set(self.meeting.present)
        return all(self._checked_in(p) for p in self.meeting.checkin_order if p in present)

    def finish_checkin(self) -> None:
        self.meeting.checkin_draft = {}
        self.meeting.phase = "bids"

    # -- bids and selection --------------------------------------------------------------------
    def record_bid(self, bid: Bid) -> None:
        """Add *bid*, replacing an earlier bid of the same member (keeping its place)."""
        bid.title = clean_text(bid.title, single_line=True)
        bid.urgency = min(5, max(1, int(bid.urgency)))
        bid.minutes = max(1, int(bid.minutes))
        bids = self.meeting.bids
        for i, old in enumerate(bids):
            if old.member == bid.member:
                bids[i] = bid
                return
        bids.append(bid)

    @property
    def bids_complete(self) -> bool:
        """Every present member has said whether they have an issue today."""
        return all(self.meeting.bid_for(p) is not None for p in self.meeting.present)

    def finish_bids(self) -> None:
        self.meeting.phase = "selection"

    def reopen_bids(self) -> None:
        """Back to the bids because nobody brought an issue: the rows left empty open again as
        new rows (an empty row counted as "nothing today"), so whoever meant to bid can type."""
        self.meeting.bids = [b for b in self.meeting.bids if b.title.strip()]
        self.meeting.phase = "bids"

    @property
    def available_minutes(self) -> int:
        return time_budget(
            self.meeting.planned_minutes, len(self.meeting.present), self.alset.checkin_minutes
        )

    @property
    def format_minutes(self) -> int:
        """What one presenter's session needs in this format: the bank's stage minutes plus
        ``ACTIONS_MINUTES`` for the actions step (Troika: 2+2+5+2 + 5 = 16)."""
        return sum(max(0, s.minutes) for s in self.stages) + ACTIONS_MINUTES

    def default_allotments(self, presenters: list[str], wanted: dict[str, int]) -> dict[str, int]:
        """Suggested minutes for *presenters*: what each wanted, but not less than the format
        needs (:attr:`format_minutes`) — as far as :attr:`available_minutes` allows; when it
        does not, :func:`split_time` shares what there is."""
        floor = self.format_minutes
        lifted = {p: max(int(wanted.get(p, 0) or 0), floor) for p in presenters}
        return split_time(self.available_minutes, presenters, lifted)

    def plan_stages(self, allotted_minutes: int) -> list[StageRun]:
        """Stage rows for an allotment: ``ACTIONS_MINUTES`` are kept back for the actions step
        when that still leaves a minute per stage; the rest is scaled over the stages."""
        n = len(self.stages)
        minutes = int(allotted_minutes)
        if minutes - ACTIONS_MINUTES >= n:
            minutes -= ACTIONS_MINUTES
        scaled = scale_stages([s.minutes for s in self.stages], minutes)
        return [
            StageRun(s.id, s.title, planned_seconds=60.0 * mins, method=s.method)
            for s, mins in zip(self.stages, scaled)
        ]

    def select(self, presenters: list[str], minutes: dict[str, int] | None = None) -> None:
        """Create the issue sessions (replacing any earlier selection). Minutes default to the
        bid's wish. No presenters: straight to ``review``."""
        m = self.meeting
        minutes = minutes or {}
        sessions = []
        for name in _dedupe(presenters):
            bid = m.bid_for(name)
            allotted = int(minutes.get(name) or (bid.minutes if bid else DEFAULT_ALLOTTED_MINUTES))
            allotted = max(1, allotted)
            sessions.append(
                IssueSession(
                    presenter=name,
                    title=bid.title if bid else "",
                    allotted_minutes=allotted,
                    stages=self.plan_stages(allotted),
                )
            )
        m.sessions = sessions
        m.session_index = 0
        m.phase = "session" if sessions else "review"

    # -- issue sessions ------------------------------------------------------------------------
    @property
    def current_session(self) -> IssueSession | None:
        m = self.meeting
        if 0 <= m.session_index < len(m.sessions):
            return m.sessions[m.session_index]
        return None

    def _session(self) -> IssueSession:
        session = self.current_session
        if session is None:
            raise FlowError("no issue session in progress")
        return session

    @property
    def current_stage(self) -> StageRun | None:
        """The stage being run, or None in the actions step (or with no session)."""
        session = self.current_session
        if session is None or session.current_stage >= len(session.stages):
            return None
        return session.stages[session.current_stage]

    @property
    def in_actions(self) -> bool:
        session = self.current_session
        return session is not None and session.current_stage >= len(session.stages)

    def stage_clock(self) -> StageClock:
        """A clock for the current stage: restored (paused) from ``session.clock`` if saved; for a
        stage visited before (the set went back to it, or came forward again), its time used and
        its extensions as recorded, paused; else a fresh ``ready`` clock for the stage's plan (the
        actions step gets ACTIONS_MINUTES).

        While a stage is the current one, its record holds the time of its *earlier* visits and
        its clock counts those plus this one: :meth:`advance_stage_by` records the difference."""
        session = self._session()
        if session.clock:
            return StageClock.restore(session.clock, self.now)
        stage = self.current_stage
        if stage is None:
            return StageClock(60.0 * ACTIONS_MINUTES, self.now, self.warn_at)
        if stage.actual_seconds > 0 or stage.extended_seconds:
            return StageClock.restore(
                {"planned": stage.planned_seconds, "extended": stage.extended_seconds,
                 "elapsed": stage.actual_seconds, "warn_at": self.warn_at, "started": stage.actual_seconds > 0},
                self.now,
            )
        return StageClock(stage.planned_seconds, self.now, self.warn_at)

    def save_clock(self, clock: StageClock) -> None:
        self._session().clock = clock.snapshot()

    def advance_stage(
        self, actual_seconds: float, extended_seconds: float = 0.0, skipped: bool = False
    ) -> None:
        """Record the current stage's time and move on (after the last stage: the actions step).
        Times add up over visits, so going back and forward again counts both visits."""
        session = self._session()
        stage = self.current_stage
        if stage is None:
            raise FlowError("no stage left to advance: the session is at its actions step")
        stage.actual_seconds += max(0.0, float(actual_seconds))
        stage.extended_seconds += float(extended_seconds)
        stage.skipped = bool(skipped)
        session.current_stage += 1
        session.clock = {}

    def advance_stage_by(self, clock: StageClock) -> None:
        """Record the current stage from its clock (from :meth:`stage_clock`, which counts the
        earlier visits too) and move on; a clock never started marks the stage skipped."""
        stage = self.current_stage
        if stage is None:
            raise FlowError("no stage left to advance: the session is at its actions step")
        self.advance_stage(max(0.0, clock.elapsed - stage.actual_seconds),
                           clock.extended - stage.extended_seconds, skipped=not clock.started)

    def back_stage(self, clock: StageClock | None = None) -> None:
        """Go back one stage (from the actions step: to the last stage). No-op at the first.

        *clock*, the current stage's clock, is recorded first (time used and extensions, all
        visits); the stage gone back to gets its clock back as it was left (:meth:`stage_clock`)."""
        session = self._session()
        if session.current_stage > 0:
            stage = self.current_stage
            if clock is not None and stage is not None:
                stage.actual_seconds = max(0.0, clock.elapsed)
                stage.extended_seconds = clock.extended
                if clock.started:
                    stage.skipped = False
            session.current_stage = min(session.current_stage, len(session.stages)) - 1
            session.actions_done = False
            session.clock = {}

    def _skip_rest(self, session: IssueSession) -> None:
        for stage in session.stages[session.current_stage :]:
            if stage.actual_seconds == 0:
                stage.skipped = True
        session.current_stage = len(session.stages)
        session.clock = {}

    def presenter_left_early(self) -> None:
        """The presenter had to leave: remaining stages are skipped; on to the actions step."""
        session = self._session()
        session.left_early = True
        self._skip_rest(session)

    def finish_session(self) -> None:
        """Close the current session (any stages not run count as skipped) and go to the next
        presenter, or to ``review`` after the last."""
        m = self.meeting
        session = self._session()
        if session.current_stage < len(session.stages):
            self._skip_rest(session)
        session.actions_done = True
        session.clock = {}
        m.session_index += 1
        if m.session_index >= len(m.sessions):
            m.phase = "review"

    # -- review and close ----------------------------------------------------------------------
    def record_review(self, notes: dict[str, str], change: str = "") -> None:
        m = self.meeting
        m.review = ProcessReview(
            {k: clean_text(v) for k, v in notes.items()}, clean_text(change)
        )
        if PHASE_ORDER.index(m.phase) < PHASE_ORDER.index("review"):
            m.phase = "review"

    def finish(self, next_meeting: str = "", when: str = "") -> None:
        """Close the meeting: phase ``summary``, status finished, next date (ISO) and end time."""
        m = self.meeting
        m.next_meeting = next_meeting
        if when:
            m.ended_at = when
        m.phase = "summary"
        m.status = FINISHED
        m.checkin_draft = {}

    def abandon(self, when: str = "") -> None:
        if when:
            self.meeting.ended_at = when
        self.meeting.status = ABANDONED
        self.meeting.checkin_draft = {}

    # -- summary -------------------------------------------------------------------------------
    def summary(self, actions: list[Action] | None = None, before: Sequence[EarlyReport] = ()) -> dict[str, Any]:
        """Plain dict for the summary screen and the minutes (:func:`~.summary.meeting_summary`)."""
        return meeting_summary(self, actions, before)
