"""The meeting as a state machine, plus the fairness maths. Pure: stdlib + model, no I/O, no Textual.

Module functions suggest things (rota, check-in order, presenters, time split); the set always
decides. :class:`MeetingFlow` mutates a :class:`~als_tui.model.Meeting` in place; the caller saves
the meeting after every call.

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
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .clock import Now, StageClock
from .model import (
    ABANDONED,
    APOLOGIES,
    FINISHED,
    IN_PROGRESS,
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

PHASE_ORDER = ("opening", "checkin", "bids", "selection", "session", "review", "summary")

MIN_SESSION_MINUTES = 20  # below this per presenter, suggest one presenter only
ACTIONS_MINUTES = 5  # kept back from each allotment for the presenter's actions step
DEFAULT_ALLOTTED_MINUTES = 30


class FlowError(ValueError):
    """An operation that makes no sense in the meeting's current state."""


@dataclass(frozen=True)
class StageSpec:
    """One stage of an issue session as the flow needs it (the bank supplies richer ones)."""

    id: str
    title: str
    minutes: int
    method: str = ""


# The classic sequence (DESIGN.md; same ids as content/questions.yaml): account, then four question stages.
DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("account", "Presenter's account", 10),
    StageSpec("clarify", "Clarifying questions", 10),
    StageSpec("reflect", "Reflective questions", 10),
    StageSpec("deeper", "Deeper analysis and reframing", 15),
    StageSpec("future", "Future action", 10),
)


# -- phases ------------------------------------------------------------------------------------
def next_phase(phase: str) -> str:
    """The phase after *phase*; ``summary`` is the last and stays ``summary``."""
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[min(i + 1, len(PHASE_ORDER) - 1)]


def prev_phase(phase: str) -> str:
    """The phase before *phase*; ``opening`` is the first and stays ``opening``."""
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[max(i - 1, 0)]


# -- history helpers ---------------------------------------------------------------------------
def _past(history: Iterable[Meeting]) -> list[Meeting]:
    """Meetings that happened (finished or abandoned), oldest first; stable for equal dates."""
    done = [m for m in history if m.status != IN_PROGRESS]
    return sorted(done, key=lambda m: m.date)


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _next_after(anchor: str, members: Sequence[str], order: Sequence[str]) -> str | None:
    """The first of *members* after *anchor* in the cyclic *order*; None if anchor is unknown."""
    if anchor not in order:
        return None
    available = set(members)
    i = order.index(anchor)
    n = len(order)
    for step in range(1, n + 1):
        candidate = order[(i + step) % n]
        if candidate in available:
            return candidate
    return None


# -- roles -------------------------------------------------------------------------------------
def suggest_rota(
    members: list[str], history: list[Meeting], roster: Sequence[str] | None = None
) -> tuple[str, str]:
    """(facilitator, timekeeper) for today.

    The rota runs in set member order (*roster*, the full member list; default *members*). The
    facilitator is the first present member after whoever facilitated the most recent finished
    meeting; absent members are skipped. If that person is unknown (left the set), the meeting
    before counts, and so on; with no usable history the first member facilitates. The
    timekeeper is the next present member after the facilitator: never the same person unless
    only one is present. ``("", "")`` when nobody is present.
    """
    present = _dedupe(members)
    if not present:
        return ("", "")
    order = _dedupe([*(roster or []), *present])  # unknown present members join at the end
    if roster:
        present = [name for name in order if name in set(present)]
    facilitator = None
    for meeting in reversed([m for m in _past(history) if m.status == FINISHED]):
        if meeting.facilitator:
            facilitator = _next_after(meeting.facilitator, present, order)
            if facilitator is not None:
                break
    if facilitator is None:
        facilitator = present[0]
    timekeeper = _next_after(facilitator, present, order) or facilitator
    return (facilitator, timekeeper)


# -- check-in order ----------------------------------------------------------------------------
def _first_last_time(history: list[Meeting]) -> str | None:
    for meeting in reversed(_past(history)):
        if meeting.checkin_order:
            return meeting.checkin_order[0]
        if meeting.checkins:
            return meeting.checkins[0].member
    return None


def checkin_order(
    present: list[str],
    history: list[Meeting],
    rng: random.Random | None = None,
    shuffle: bool = False,
    roster: Sequence[str] | None = None,
) -> list[str]:
    """Round-robin order for today's check-in.

    Rotated: starts with the present member who comes after last time's first speaker in the
    set order (*roster*, default *present*), so the same person does not always go first. With
    ``shuffle=True`` the order is random (deterministic with a seeded *rng*), except that last
    time's first speaker is not put first again when there is anyone else.
    """
    people = _dedupe(present)
    if not people:
        return []
    last_first = _first_last_time(history)
    if shuffle:
        rng = rng or random.Random()
        order = people[:]
        rng.shuffle(order)
        if len(order) > 1 and order[0] == last_first:
            order[0], order[1] = order[1], order[0]
        return order
    ring = _dedupe([*(roster or []), *people])
    if roster:
        people = [name for name in ring if name in set(people)]
    start = _next_after(last_first, people, ring) if last_first else None
    if start is None:
        return people
    i = people.index(start)
    return people[i:] + people[:i]


# -- selection ---------------------------------------------------------------------------------
def _presenting_record(history: list[Meeting]) -> tuple[dict[str, str], dict[str, int]]:
    last: dict[str, str] = {}
    count: dict[str, int] = {}
    for meeting in _past(history):
        for session in meeting.sessions:
            last[session.presenter] = max(last.get(session.presenter, ""), meeting.date)
            count[session.presenter] = count.get(session.presenter, 0) + 1
    return last, count


def suggest_presenters(
    bids: list[Bid],
    history: list[Meeting],
    max_presenters: int = 2,
    available_minutes: int | None = None,
) -> list[str]:
    """Who should present today, best first.

    Candidates: bids that are not ``nothing_today`` and have a title (one per member; the last
    bid wins). Ranked by urgency (high first), then who presented least recently (never = longest
    ago), then fewer presentations in total, then bid order. As many as *max_presenters* only if
    *available_minutes* gives each at least ``MIN_SESSION_MINUTES``; otherwise one. Nobody when
    there are no candidates or no time at all (``available_minutes <= 0``).
    """
    latest: dict[str, tuple[int, Bid]] = {}
    for index, bid in enumerate(bids):
        if bid.member:
            latest[bid.member] = (index, bid)
    candidates = [
        (index, bid)
        for index, bid in sorted(latest.values(), key=lambda item: item[0])
        if not bid.nothing_today and bid.title.strip()
    ]
    if not candidates or max_presenters <= 0:
        return []
    if available_minutes is not None and available_minutes <= 0:
        return []
    last, count = _presenting_record(history)
    ranked = sorted(
        candidates,
        key=lambda item: (
            -item[1].urgency,
            last.get(item[1].member, ""),  # "" (never) sorts before any date
            count.get(item[1].member, 0),
            item[0],
        ),
    )
    n = min(max_presenters, len(ranked))
    if available_minutes is not None:
        n = min(n, max(1, available_minutes // MIN_SESSION_MINUTES))
    return [bid.member for _, bid in ranked[:n]]


# -- time --------------------------------------------------------------------------------------
def time_budget(
    meeting_minutes: int,
    present_count: int,
    checkin_minutes: int,
    opening: int = 5,
    bids: int = 5,
    review: int = 10,
    close: int = 5,
) -> int:
    """Minutes left for issue sessions after opening, check-in (per present member), bids and
    selection, process review and close. Never negative."""
    used = opening + max(0, present_count) * checkin_minutes + bids + review + close
    return max(0, int(meeting_minutes) - int(used))


def suggested_meeting_minutes(typical: int, session_minutes: int, members: int, checkin_minutes: int) -> int:
    """The meeting length to suggest for a format: its typical length, or, if that leaves no room
    for one presenter's session (*session_minutes*, the actions step included) once the opening,
    check-in, bids and review are taken out, enough for one. Rounded up to five minutes."""
    framing = 1000 - time_budget(1000, members, checkin_minutes)
    minutes = max(typical, framing + session_minutes)
    return -(-minutes // 5) * 5


def _largest_remainder(quotas: list[float], seats: int, weights: list[float]) -> list[int]:
    """Hamilton's method: floors, then the leftover units to the largest remainders
    (ties: larger weight first, then earlier position)."""
    base = [math.floor(q + 1e-9) for q in quotas]
    left = seats - sum(base)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - base[i]), -weights[i], i))
    for i in order[: max(0, left)]:
        base[i] += 1
    return base


def split_time(available: int, presenters: list[str], wanted: dict[str, int]) -> dict[str, int]:
    """Share *available* minutes among *presenters*.

    If everything wanted fits, each gets what they wanted; the spare stays unallocated as a
    buffer. Otherwise shares are proportional to what was wanted, but nobody gets less than a
    fair minimum (half an equal share, or what they wanted if that is less); integers summing to
    exactly *available*. Missing or non-positive wishes count as an equal share. Everyone gets at
    least 1 minute, so the sum exceeds *available* only when ``available < len(presenters)``.
    """
    people = _dedupe(presenters)
    if not people:
        return {}
    n = len(people)
    available = max(0, int(available))
    equal = max(1, available // n)
    want = {p: int(wanted.get(p, 0) or 0) for p in people}
    want = {p: (w if w > 0 else equal) for p, w in want.items()}
    if sum(want.values()) <= available:
        return want
    if available < n:
        return {p: 1 for p in people}
    floor = available / n * 0.5
    lower = {p: min(float(want[p]), floor) for p in people}
    fixed: dict[str, float] = {}
    while True:
        free = [p for p in people if p not in fixed]
        if not free:
            break
        rest = available - sum(fixed.values())
        weight = sum(want[p] for p in free)
        shares = {p: rest * want[p] / weight for p in free}
        low = [p for p in free if shares[p] < lower[p]]
        if not low:
            fixed.update(shares)
            break
        for p in low:
            fixed[p] = lower[p]
    # Everyone is sure of one minute; the rest is shared in proportion, so the sum is exact.
    spare = available - n
    above = [max(0.0, fixed[p] - 1) for p in people]
    total = sum(above) or 1.0
    quotas = [a * spare / total for a in above]
    ints = _largest_remainder(quotas, spare, [float(want[p]) for p in people])
    return {p: 1 + v for p, v in zip(people, ints)}


def scale_stages(stage_minutes: list[int], allotted: int) -> list[int]:
    """Scale a bank's stage lengths to *allotted* minutes.

    Proportional, whole minutes, each at least 1, summing exactly to *allotted* whenever
    ``allotted >= len(stage_minutes)`` (largest-remainder method; if that would leave a stage
    with 0, each stage gets 1 first and the rest is shared the same way). With fewer minutes than
    stages, each stage gets 1. Order-preserving: a longer bank stage never gets fewer minutes than
    a shorter one. Non-positive lengths weigh 0; if all are 0 the split is equal.
    """
    n = len(stage_minutes)
    if n == 0:
        return []
    allotted = int(allotted)
    if allotted < n:
        return [1] * n
    weights = [float(max(0, m)) for m in stage_minutes]
    total = sum(weights)
    if total <= 0:
        weights = [1.0] * n
        total = float(n)
    result = _largest_remainder([allotted * w / total for w in weights], allotted, weights)
    if min(result) >= 1:
        return result
    spare = allotted - n
    extra = _largest_remainder([spare * w / total for w in weights], spare, weights)
    return [1 + e for e in extra]


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
    from .cadence import next_date

    return next_date(last, cadence_weeks, cadence)


# -- the meeting -------------------------------------------------------------------------------
def _as_specs(stages: Sequence[Any] | None, stage_minutes: list[int] | None) -> list[StageSpec]:
    if stages is not None:
        specs = []
        for i, stage in enumerate(stages):
            if isinstance(stage, StageSpec):
                specs.append(stage)
            elif isinstance(stage, (tuple, list)):
                specs.append(StageSpec(*stage))
            else:  # duck-typed, e.g. a bank stage with id / title / minutes
                specs.append(
                    StageSpec(
                        str(getattr(stage, "id", f"stage{i + 1}")),
                        str(getattr(stage, "title", f"Stage {i + 1}")),
                        int(getattr(stage, "minutes", 10)),
                        str(getattr(stage, "method", "")),
                    )
                )
        if stage_minutes is not None:
            specs = [
                StageSpec(s.id, s.title, int(m), s.method) for s, m in zip(specs, stage_minutes)
            ]
        return specs
    if stage_minutes is None:
        return list(DEFAULT_STAGES)
    if len(stage_minutes) == len(DEFAULT_STAGES):
        return [StageSpec(s.id, s.title, int(m)) for s, m in zip(DEFAULT_STAGES, stage_minutes)]
    return [StageSpec(f"stage{i + 1}", f"Stage {i + 1}", int(m)) for i, m in enumerate(stage_minutes)]


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
    def summary(self, actions: list[Action] | None = None) -> dict[str, Any]:
        """Plain dict for the summary screen and the minutes.

        Minutes are floats rounded to 0.1. ``used_minutes`` is what was measured: check-in
        seconds plus stage actuals (opening, bids and review are not timed).
        """
        m = self.meeting

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
            "set": self.alset.name,
            "status": m.status,
            "present": m.present,
            "apologies": self.apologies,
            "facilitator": m.facilitator,
            "timekeeper": m.timekeeper,
            "checked_in": [c.member for c in m.checkins if not c.skipped],
            "skipped_checkin": [c.member for c in m.checkins if c.skipped],
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
