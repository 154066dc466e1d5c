"""The domain of an action learning set, as plain dataclasses.

No I/O and no Textual here. Every class converts to and from plain dicts
(``to_dict`` / ``from_dict``) so the store can keep them as JSON documents;
every stored document carries ``schema`` (the schema version it was written in).
"""

from __future__ import annotations
import uuid
from collections.abc import Iterable
from dataclasses import field
from datetime import date
from typing import Any, ClassVar

from .record import Record, record
from .text import (
    MAX_MEMBERS,
    MIN_MEMBERS,
    NAME_MAX,
    TEXT_MAX,
    USUAL_MEMBERS,
    clean_text,
    members_warning,
    mend_surrogates,
    parse_members,
    validate_name,
)

SCHEMA_VERSION = 1

# Action statuses. "open" is the state after commitment; the four report-back
# outcomes are the ones a member chooses at check-in or in prep.
OPEN = "open"
DONE = "done"
PARTLY = "partly"
NOT_DONE = "not_done"
DROPPED = "dropped"
REPORT_STATUSES = (DONE, PARTLY, NOT_DONE, DROPPED)
ACTION_STATUSES = (OPEN, *REPORT_STATUSES)
STATUS_LABELS = {
    OPEN: "open",
    DONE: "done",
    PARTLY: "partly done",
    NOT_DONE: "not done",
    DROPPED: "dropped",
}

# The short report-back choices, as the check-in and prep screens label their radio buttons.
STATUS_CHOICES = {DONE: "done", PARTLY: "partly", NOT_DONE: "not done", DROPPED: "dropped"}

# Limits of what a member types (shared by the bids, check-in, prep and tracker screens).
TITLE_MAX = 80  # an issue in one sentence
NOTE_MAX = 300  # a line about an action
URGENCY_RANGE = (1, 5)
MINUTES_RANGE = (5, 120)
DEFAULT_URGENCY = 3
DEFAULT_MINUTES = 30

PRESENT = "present"
APOLOGIES = "apologies"

# Meeting phases, in order. The flow module owns the order; the model only names them.
PHASES = ("opening", "checkin", "bids", "selection", "session", "review", "summary")
IN_PROGRESS = "in_progress"
FINISHED = "finished"
ABANDONED = "abandoned"


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def today() -> str:
    return date.today().isoformat()



@record
class Member(Record):
    """A member of a set; one who leaves stays in the record, inactive."""

    name: str
    active: bool = True
    joined: str = field(default_factory=today)


@record
class ALSet(Record):
    """A learning set ("Set" in the design notes; named ALSet to avoid the builtin)."""

    name: str
    members: list[Member] = field(default_factory=list)
    ground_rules: list[str] = field(default_factory=list)
    cadence_weeks: int = 4
    cadence: str = ""
    """"" for every ``cadence_weeks`` weeks; "monthly:date" or "monthly:first:tuesday" (cadence.py)."""
    meeting_minutes: int = 150
    checkin_minutes: int = 3
    bank: str = "classic"
    confidential: bool = False
    coaching: bool = True
    sound: bool = True
    theme: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=today)
    schema: int = SCHEMA_VERSION

    NESTED: ClassVar[dict[str, type]] = {"members": Member}

    @property
    def active_members(self) -> list[str]:
        return [m.name for m in self.members if m.active]


@record
class ActionUpdate(Record):
    """What a member said about one of their actions at check-in."""

    action_id: str
    status: str
    note: str = ""


@record
class CheckIn(Record):
    """One member's check-in: a note, their action updates, and the time it took."""

    member: str
    note: str = ""
    updates: list[ActionUpdate] = field(default_factory=list)
    skipped: bool = False
    seconds: float = 0.0

    NESTED: ClassVar[dict[str, type]] = {"updates": ActionUpdate}


@record
class Bid(Record):
    """A bid for time: the issue in one sentence, how urgent, how many minutes (or nothing today)."""

    member: str
    title: str = ""
    urgency: int = 3
    minutes: int = 30
    nothing_today: bool = False


@record
class StageRun(Record):
    """One timed stage of an issue session, as planned and as run."""

    stage_id: str
    title: str
    planned_seconds: float
    actual_seconds: float = 0.0
    extended_seconds: float = 0.0
    skipped: bool = False
    method: str = ""


@record
class HarvestedQuestion(Record):
    """A question asked in a session, kept for the presenter (and for practice)."""

    asker: str
    text: str
    kind: str = ""


@record
class IssueSession(Record):
    """One presenter's time: the stages, the questions asked, the insights and the clock."""

    presenter: str
    title: str = ""
    allotted_minutes: int = 30
    stages: list[StageRun] = field(default_factory=list)
    questions: list[HarvestedQuestion] = field(default_factory=list)
    insights: list[str] = field(default_factory=list)
    current_stage: int = 0
    clock: dict[str, Any] = field(default_factory=dict)
    actions_done: bool = False
    left_early: bool = False

    NESTED: ClassVar[dict[str, type]] = {"stages": StageRun, "questions": HarvestedQuestion}


@record
class ProcessReview(Record):
    """How the set worked today, and the one change to try next time."""

    notes: dict[str, str] = field(default_factory=dict)
    change_next_time: str = ""


@record
class Meeting(Record):
    """One meeting of a set, phase by phase; saved as it goes, so it can be resumed."""

    set_id: str
    date: str = field(default_factory=today)
    facilitator: str = ""
    timekeeper: str = ""
    attendance: dict[str, str] = field(default_factory=dict)
    planned_minutes: int = 150
    phase: str = "opening"
    checkin_order: list[str] = field(default_factory=list)
    checkin_index: int = 0
    checkins: list[CheckIn] = field(default_factory=list)
    bids: list[Bid] = field(default_factory=list)
    sessions: list[IssueSession] = field(default_factory=list)
    session_index: int = 0
    review: ProcessReview = field(default_factory=ProcessReview)
    next_meeting: str = ""
    status: str = IN_PROGRESS
    started_at: str = ""
    ended_at: str = ""
    confidential_scrubbed: bool = False
    id: str = field(default_factory=new_id)
    schema: int = SCHEMA_VERSION
    checkin_draft: dict[str, Any] = field(default_factory=dict)
    """What is being typed for the check-in turn under way ({"member", "note", "reports":
    {action id: [status, learning]}}), saved as it is typed so a crash loses none of it, and under
    "waiting" the turns put aside with words in them ({member: {"note", "reports"}}: Go to…, Skip);
    a turn's part goes when it is recorded, the whole when the check-in ends."""

    NESTED: ClassVar[dict[str, type]] = {
        "checkins": CheckIn,
        "bids": Bid,
        "sessions": IssueSession,
        "review": ProcessReview,
    }

    @property
    def present(self) -> list[str]:
        return [name for name, state in self.attendance.items() if state == PRESENT]

    def checkin_for(self, member: str) -> CheckIn | None:
        return next((c for c in self.checkins if c.member == member), None)

    def bid_for(self, member: str) -> Bid | None:
        return next((b for b in self.bids if b.member == member), None)


def day_order(meetings: Iterable[Meeting]) -> dict[str, tuple[int, int]]:
    """Each meeting's (n, of): the n-th of *of* meetings its set held on its date, in the order
    they started (the given order where no start was kept)."""
    days: dict[tuple[str, str], list[Meeting]] = {}
    for m in meetings:
        days.setdefault((m.set_id, m.date), []).append(m)
    order: dict[str, tuple[int, int]] = {}
    for same in days.values():
        same.sort(key=lambda m: m.started_at)
        for n, m in enumerate(same, start=1):
            order[m.id] = (n, len(same))
    return order


@record
class StatusChange(Record):
    """One step in an action's history: reported at a meeting (``meeting_id``), or between
    meetings (in prep or the tracker: no ``meeting_id``)."""

    date: str
    status: str
    note: str = ""
    meeting_id: str = ""
    after_meeting: str = ""
    """A report made between meetings: the id of the set's last meeting held before it ("" when
    there was none, and in files written before it was kept). The next meeting hears it
    (:func:`als_tui.flow.reports.reports_heard`); a date alone cannot place a report between
    two meetings held on one day."""


@record
class Action(Record):
    """What a presenter committed to do; reported on at the next check-in."""

    set_id: str
    owner: str
    text: str
    meeting_id: str = ""
    due: str = ""
    report_to: str = ""
    support: str = ""
    confidence: int = 3
    status: str = OPEN
    history: list[StatusChange] = field(default_factory=list)
    created: str = field(default_factory=today)
    id: str = field(default_factory=new_id)
    schema: int = SCHEMA_VERSION

    NESTED: ClassVar[dict[str, type]] = {"history": StatusChange}

    @property
    def is_open(self) -> bool:
        return self.status in (OPEN, PARTLY, NOT_DONE)

    def overdue_on(self, today: str) -> bool:
        """Still open with a due date before *today* (ISO dates)."""
        return self.is_open and bool(self.due) and self.due < today

    def set_status(self, status: str, note: str = "", meeting_id: str = "", when: str = "",
                   after_meeting: str = "") -> None:
        if status not in ACTION_STATUSES:
            raise ValueError(f"unknown action status {status!r}")
        self.status = status
        self.history.append(StatusChange(when or today(), status, note, meeting_id, after_meeting))


@record
class Prep(Record):
    """A member's notes before a meeting; the issue sentence fills in their bid."""

    set_id: str
    member: str
    issue: str = ""
    why: str = ""
    tried: str = ""
    want: str = ""
    success: str = ""
    challenge_ok: bool = True
    minutes: int = 30
    urgency: int = 3
    updated: str = field(default_factory=today)
    used_in: str = ""
    schema: int = SCHEMA_VERSION


@record
class TrainingResult(Record):
    """One round of questioning practice in the gym."""

    member: str
    drill: str
    total: int = 0
    correct: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    confusions: dict[str, int] = field(default_factory=dict)
    date: str = field(default_factory=today)
    set_id: str = ""
    schema: int = SCHEMA_VERSION


def update_members(alset: ALSet, names: list[str]) -> None:
    """Make *names* the active members; people no longer listed stay in the record as inactive."""
    by_name = {m.name.casefold(): m for m in alset.members}
    members: list[Member] = []
    for name in names:
        existing = by_name.pop(name.casefold(), None)
        if existing:
            existing.name = name
            existing.active = True
            members.append(existing)
        else:
            members.append(Member(name))
    for gone in by_name.values():
        gone.active = False
        members.append(gone)
    alset.members = members


__all__ = [
    "ABANDONED", "ACTION_STATUSES", "APOLOGIES", "DEFAULT_MINUTES", "DEFAULT_URGENCY", "DONE", "DROPPED",
    "FINISHED", "IN_PROGRESS", "MAX_MEMBERS", "MINUTES_RANGE", "MIN_MEMBERS", "NAME_MAX", "NOTE_MAX", "NOT_DONE",
    "OPEN", "PARTLY", "PHASES", "PRESENT", "REPORT_STATUSES", "SCHEMA_VERSION", "STATUS_CHOICES", "STATUS_LABELS",
    "TEXT_MAX", "TITLE_MAX", "URGENCY_RANGE", "USUAL_MEMBERS", "ALSet", "Action", "ActionUpdate", "Bid", "CheckIn",
    "HarvestedQuestion", "IssueSession", "Meeting", "Member", "Prep", "ProcessReview", "Record", "StageRun",
    "StatusChange", "TrainingResult", "clean_text", "members_warning", "mend_surrogates", "new_id",
    "parse_members", "record", "today", "update_members", "validate_name",
]
