"""What a set's record says about the set: attendance, fairness, follow-through, time, learning.

Pure: stdlib + model, no I/O, no Textual. The insight screen draws these; tests check them by hand.

Which meetings count: every meeting that is not still in progress (finished or abandoned), oldest
first: the same rule as the fairness maths in :mod:`als_tui.flow`. An abandoned meeting still
happened: people came, and some may have presented.

Action completion counts actions by their *current* status: of the actions a member (or a
meeting) has been reported on (done / partly / not done / dropped), how many are done. Actions
nobody has reported on yet (status ``open``) are counted apart, as still open, and do not lower
the rate: an action agreed last week is not a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import (
    APOLOGIES,
    DONE,
    DROPPED,
    IN_PROGRESS,
    NOT_DONE,
    OPEN,
    PARTLY,
    PRESENT,
    Action,
    Meeting,
    day_order,
)

# Eighths of a cell, for bars that grow smoothly: index n draws n/8 of a cell.
_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
FULL = "█"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of block characters: *value* out of *maximum* drawn in *width* cells.

    Full cells are ``█``; the last cell is an eighth-block (``▏`` … ``▉``) rounded to the nearest
    eighth, so ``bar(3, 4, 4)`` is ``"███"`` and ``bar(1, 3, 2)`` is ``"▋"``. Zero, negative or
    missing values draw nothing; values above *maximum* are clipped to a full bar. The result is
    never wider than *width* (it is not padded: pad it yourself to line bars up).
    """
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, rest = divmod(eighths, 8)
    return FULL * full + _EIGHTHS[rest]


def percent(part: int, whole: int) -> str:
    """``"75%"``, or ``"—"`` when there is nothing to divide by."""
    return f"{round(100 * part / whole)}%" if whole else "—"


def past_meetings(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Meetings that happened (finished or abandoned), oldest first; two on one date in the
    order they started (stable where no start was kept)."""
    return sorted((m for m in meetings if m.status != IN_PROGRESS), key=lambda m: (m.date, m.started_at))


def dated_labels(past: list[Meeting]) -> dict[str, str]:
    """Each meeting's label: its date, with " #2" and so on where a set met twice that day."""
    order = day_order(past)
    return {m.id: f"{m.date} #{order[m.id][0]}" if order[m.id][1] > 1 else m.date for m in past}


def _with_extras(members: list[str], seen: Iterable[str]) -> list[str]:
    """*members* in order, then anyone else found in the record (former members), sorted."""
    known = set(members)
    extras = sorted({name for name in seen if name and name not in known}, key=str.casefold)
    return [*members, *extras]


def is_overdue(action: Action, today: str) -> bool:
    """Still open (open / partly / not done) with a due date before *today* (ISO dates)."""
    return action.overdue_on(today)


# -- attendance -------------------------------------------------------------------------------
@dataclass
class Attendance:
    member: str
    present: int = 0
    apologies: int = 0

    @property
    def recorded(self) -> int:
        """Meetings at which this member's attendance was recorded at all."""
        return self.present + self.apologies

    @property
    def rate(self) -> float | None:
        """Share of recorded meetings the member came to; None when never recorded."""
        return self.present / self.recorded if self.recorded else None


def attendance(meetings: Iterable[Meeting], members: list[str]) -> list[Attendance]:
    """Present / apologies counts per member over the past meetings. Members come in the order
    given; people in the record who are no longer listed follow, alphabetically."""
    past = past_meetings(meetings)
    names = _with_extras(members, (n for m in past for n in m.attendance))
    rows = {name: Attendance(name) for name in names}
    for meeting in past:
        for name, state in meeting.attendance.items():
            if state == PRESENT:
                rows[name].present += 1
            elif state == APOLOGIES:
                rows[name].apologies += 1
    return [rows[name] for name in names]


# -- presenting (fairness) ----------------------------------------------------------------------
@dataclass
class Presenting:
    member: str
    dates: list[str] = field(default_factory=list)
    since_last: int = 0
    """Past meetings held since the member last presented; if never, all past meetings."""

    @property
    def count(self) -> int:
        return len(self.dates)

    @property
    def last(self) -> str:
        return self.dates[-1] if self.dates else ""

    @property
    def never(self) -> bool:
        return not self.dates


def presenting(meetings: Iterable[Meeting], members: list[str]) -> list[Presenting]:
    """Who presented when: the dates per member (oldest first, one per meeting even with two
    sessions) and how many meetings have passed since. Order as :func:`attendance`."""
    past = past_meetings(meetings)
    names = _with_extras(members, (s.presenter for m in past for s in m.sessions))
    rows = {name: Presenting(name) for name in names}
    last_index: dict[str, int] = {}
    for i, meeting in enumerate(past):
        for presenter in dict.fromkeys(s.presenter for s in meeting.sessions if s.presenter):
            rows[presenter].dates.append(meeting.date)
            last_index[presenter] = i
    for name, row in rows.items():
        row.since_last = len(past) - 1 - last_index[name] if name in last_index else len(past)
    return [rows[name] for name in names]


def longest_waiting(rows: list[Presenting], members: list[str] | None = None) -> list[str]:
    """The members (among *members*, default all rows) who have waited longest to present:
    those who never have, else those with the most meetings since. Empty with no meetings."""
    pool = [r for r in rows if members is None or r.member in members]
    if not pool:
        return []
    never = [r.member for r in pool if r.never]
    if never:
        return never
    most = max(r.since_last for r in pool)
    return [r.member for r in pool if r.since_last == most] if most > 0 else []


# -- actions ------------------------------------------------------------------------------------
@dataclass
class Completion:
    """Actions tallied by current status. ``key`` is a member's name or a meeting's id."""

    key: str
    label: str = ""
    done: int = 0
    partly: int = 0
    not_done: int = 0
    dropped: int = 0
    open: int = 0

    @property
    def reported(self) -> int:
        """Actions that have been reported on (any status but open)."""
        return self.done + self.partly + self.not_done + self.dropped

    @property
    def total(self) -> int:
        return self.reported + self.open

    @property
    def still_open(self) -> int:
        """Not finished with: never reported on, partly done, or not done yet."""
        return self.open + self.partly + self.not_done

    @property
    def rate(self) -> float | None:
        """done / reported on; None when nothing has been reported on yet."""
        return self.done / self.reported if self.reported else None

    def add(self, action: Action) -> None:
        if action.status == DONE:
            self.done += 1
        elif action.status == PARTLY:
            self.partly += 1
        elif action.status == NOT_DONE:
            self.not_done += 1
        elif action.status == DROPPED:
            self.dropped += 1
        elif action.status == OPEN:
            self.open += 1


def completion_by_member(actions: Iterable[Action], members: list[str]) -> list[Completion]:
    """Completion per action owner; order as :func:`attendance`."""
    actions = list(actions)
    names = _with_extras(members, (a.owner for a in actions))
    rows = {name: Completion(name, name) for name in names}
    for action in actions:
        rows[action.owner].add(action)
    return [rows[name] for name in names]


def completion_by_meeting(actions: Iterable[Action], meetings: Iterable[Meeting]) -> list[Completion]:
    """Completion of the actions agreed at each past meeting, oldest first (label: its date).
    Meetings at which no action was agreed are left out."""
    by_meeting: dict[str, Completion] = {}
    past = past_meetings(meetings)
    labels = dated_labels(past)
    for meeting in past:
        by_meeting[meeting.id] = Completion(meeting.id, labels[meeting.id])
    for action in actions:
        row = by_meeting.get(action.meeting_id)
        if row is not None:
            row.add(action)
    return [by_meeting[m.id] for m in past if by_meeting[m.id].total]


def completion_total(rows: Iterable[Completion], key: str = "all", label: str = "all") -> Completion:
    total = Completion(key, label)
    for row in rows:
        total.done += row.done
        total.partly += row.partly
        total.not_done += row.not_done
        total.dropped += row.dropped
        total.open += row.open
    return total


def _quarter(day: str) -> str:
    return f"{day[:4]} Q{(int(day[5:7]) - 1) // 3 + 1}" if day[5:7].isdigit() else day[:4]


PERIODS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("month", lambda day: day[:7]),
    ("quarter", _quarter),
    ("year", lambda day: day[:4]),
)


def completion_by_period(rows: list[Completion], most: int) -> tuple[str, list[Completion], bool]:
    """The per-meeting rows (labelled by date, oldest first) in at most *most* points for a chart:
    by meeting if they fit, else by month, quarter or year, the first of those that fits; if even
    the years do not fit, the last *most* years. Returns (the period's name, the rows, whether
    earlier ones were left out)."""
    name, merged = "meeting", list(rows)
    for period, period_of in PERIODS:
        if len(merged) <= most:
            break
        groups: dict[str, list[Completion]] = {}
        for row in rows:
            groups.setdefault(period_of(row.label), []).append(row)
        name, merged = period, [completion_total(members, key, key) for key, members in groups.items()]
    return name, merged[-most:], len(merged) > most


# -- process review -----------------------------------------------------------------------------
def review_changes(meetings: Iterable[Meeting]) -> list[tuple[str, str]]:
    """(date, "what we would change next time") for each past meeting that noted one, oldest first."""
    past = past_meetings(meetings)
    labels = dated_labels(past)
    return [(labels[m.id], m.review.change_next_time.strip()) for m in past if m.review.change_next_time.strip()]


# -- time ---------------------------------------------------------------------------------------
@dataclass
class StageTime:
    stage_id: str
    title: str
    runs: int = 0
    planned_seconds: float = 0.0
    actual_seconds: float = 0.0

    @property
    def planned_minutes(self) -> float:
        """Average planned minutes per run, to 0.1."""
        return round(self.planned_seconds / self.runs / 60.0, 1) if self.runs else 0.0

    @property
    def actual_minutes(self) -> float:
        """Average minutes used per run, to 0.1."""
        return round(self.actual_seconds / self.runs / 60.0, 1) if self.runs else 0.0


CHECKIN_ID = "checkin"


def stage_times(meetings: Iterable[Meeting], checkin_minutes: int | None = None) -> list[StageTime]:
    """Average planned and used minutes per stage over the past meetings, in the order stages
    first appear. A stage counts when it was run (not skipped, or time was used in it).

    With *checkin_minutes* (the set's per-person allowance), a first row ``checkin`` averages each
    person's timed check-in against it (check-ins skipped or not timed do not count)."""
    past = past_meetings(meetings)
    rows: dict[str, StageTime] = {}
    if checkin_minutes is not None:
        row = StageTime(CHECKIN_ID, "Check-in (each person)")
        for meeting in past:
            for checkin in meeting.checkins:
                if checkin.skipped or checkin.seconds <= 0:
                    continue
                row.runs += 1
                row.planned_seconds += 60.0 * checkin_minutes
                row.actual_seconds += checkin.seconds
        if row.runs:
            rows[CHECKIN_ID] = row
    for meeting in past:
        for session in meeting.sessions:
            for stage in session.stages:
                if stage.skipped and stage.actual_seconds <= 0:
                    continue
                row = rows.setdefault(stage.stage_id, StageTime(stage.stage_id, stage.title))
                row.runs += 1
                row.planned_seconds += stage.planned_seconds
                row.actual_seconds += stage.actual_seconds
    return list(rows.values())
