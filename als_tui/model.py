"""The domain of an action learning set, as plain dataclasses.

No I/O and no Textual here. Every class converts to and from plain dicts
(``to_dict`` / ``from_dict``) so the store can keep them as JSON documents;
every stored document carries ``schema`` (the schema version it was written in).
"""

from __future__ import annotations

import copy
import re
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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

NAME_MAX = 60
TEXT_MAX = 2000


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def today() -> str:
    return date.today().isoformat()


def clean_text(text: str, limit: int = TEXT_MAX, *, single_line: bool = False) -> str:
    """Strip control characters (keeping newlines unless single_line), replace lone surrogates
    (not text: no UTF-8 file can hold them) by U+FFFD, and clip to *limit*."""
    out = []
    for ch in str(text):
        if ch in "\n\t" and not single_line:
            out.append(ch)
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0:
            continue
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out).strip()[:limit]


_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(value: Any) -> tuple[Any, int]:
    """*value* (text, or lists and dicts of it) with each lone surrogate replaced by U+FFFD, and how
    many texts had one. (A valid pair never reaches Python as two surrogates.)"""
    if isinstance(value, str):
        mended, n = _SURROGATE.subn("\ufffd", value)
        return mended, int(n > 0)
    if isinstance(value, list):
        out, total = [], 0
        for item in value:
            item, n = mend_surrogates(item)
            out.append(item)
            total += n
        return out, total
    if isinstance(value, dict):
        pairs, total = {}, 0
        for k, v in value.items():
            k, n1 = mend_surrogates(k)
            v, n2 = mend_surrogates(v)
            pairs[k] = v
            total += n1 + n2
        return pairs, total
    return value, 0


def validate_name(name: str, taken: list[str] | tuple[str, ...] = ()) -> str | None:
    """Return a one-line problem with a member or set name, or None if it is fine."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        return "Names cannot contain control characters."
    stripped = name.strip()
    if not stripped:
        return "A name cannot be empty."
    if len(stripped) > NAME_MAX:
        return f"Names are at most {NAME_MAX} characters (this one has {len(stripped)})."
    if stripped.casefold() in {t.strip().casefold() for t in taken}:
        return f"“{stripped}” is already used; names must be unique."
    return None


def _copy_plain(value: Any) -> Any:
    """Copy the plain containers a record holds (at most dict -> list -> scalars) without
    copy.deepcopy's cost; anything deeper falls back to deepcopy."""
    if isinstance(value, dict):
        return {k: (_copy_plain(v) if isinstance(v, (dict, list)) else v) for k, v in value.items()}
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return list(value)
        return copy.deepcopy(value)
    return value


_NAMES: dict[type, tuple[str, ...]] = {}  # a record's field names, in order
_FIELDS: dict[type, frozenset[str]] = {}  # ...as a set, for from_dict


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return names


_R = TypeVar("_R")

if TYPE_CHECKING:  # what the type checker is told: a dataclass transform (fields, __init__)
    from typing import dataclass_transform

    @dataclass_transform(eq_default=False, field_specifiers=(field,))
    def record(cls: type[_R]) -> type[_R]: ...
else:
    record = dataclass(eq=False, repr=False)
    """A record's dataclass decorator (its ``__eq__`` and ``__repr__`` are :class:`Record`'s)."""


class Record:
    """Mixin: dataclass <-> dict, tolerant of unknown keys (newer fields are ignored).

    The records are ``@record`` dataclasses: equality and repr come from here, field by field as
    the dataclass ones would be, instead of being generated and compiled for every class at
    import (that took ~7 ms of every start of the app)."""

    NESTED: ClassVar[dict[str, type]] = {}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _names(type(self)))

    __hash__ = None  # type: ignore[assignment]  # (mutable, like an eq=True dataclass)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self)))
        return f"{type(self).__qualname__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        known = _FIELDS.get(cls)
        if known is None:
            known = _FIELDS[cls] = frozenset(_names(cls))
        nested_types: dict[str, Any] = cls.NESTED  # (record classes: each has from_dict)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            nested = nested_types.get(key)
            if nested is not None and isinstance(value, list):
                value = [nested.from_dict(v) if isinstance(v, dict) else v for v in value]
            elif nested is not None and isinstance(value, dict):
                value = nested.from_dict(value)
            elif isinstance(value, (dict, list)):
                value = _copy_plain(value)  # never share containers with the store's cache
            kwargs[key] = value
        return cls(**kwargs)


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


@record
class StatusChange(Record):
    """One step in an action's history."""

    date: str
    status: str
    note: str = ""
    meeting_id: str = ""


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

    def set_status(self, status: str, note: str = "", meeting_id: str = "", when: str = "") -> None:
        if status not in ACTION_STATUSES:
            raise ValueError(f"unknown action status {status!r}")
        self.status = status
        self.history.append(StatusChange(when or today(), status, note, meeting_id))


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


MIN_MEMBERS = 2
MAX_MEMBERS = 12
USUAL_MEMBERS = (4, 8)


def parse_members(text: str) -> tuple[list[str], str | None]:
    """Member names from one-per-line text: (names, first problem or None)."""
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        problem = validate_name(line, names)
        if problem:
            return names, f"Member line {number}: {problem}"
        names.append(line.strip())
    if len(names) < MIN_MEMBERS:
        return names, f"A set needs at least {MIN_MEMBERS} members (one name per line)."
    if len(names) > MAX_MEMBERS:
        return names, f"A set has at most {MAX_MEMBERS} members; this list has {len(names)}."
    return names, None


def members_warning(count: int) -> str | None:
    low, high = USUAL_MEMBERS
    if count < low:
        return f"{count} members is small: sets usually work best with {low}–{high}."
    if count > high:
        return f"{count} members is large: with more than {high}, each person gets little air time."
    return None


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
