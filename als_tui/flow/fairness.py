"""Who does what, fairly: the rota, the check-in order, the presenters suggested. Pure.

History arguments are lists of past :class:`Meeting` objects. Meetings still ``in_progress`` are
ignored (so passing the current meeting along does no harm); the rest are sorted by ISO date,
newest last, keeping list order for meetings on the same day.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from ..model import FINISHED, IN_PROGRESS, Bid, Meeting
from .timing import MIN_SESSION_MINUTES, _dedupe


# -- history helpers ---------------------------------------------------------------------------
def _past(history: Iterable[Meeting]) -> list[Meeting]:
    """Meetings that happened (finished or abandoned), oldest first; stable for equal dates."""
    done = [m for m in history if m.status != IN_PROGRESS]
    return sorted(done, key=lambda m: m.date)


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
