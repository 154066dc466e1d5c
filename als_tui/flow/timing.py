"""The time maths of a meeting: the minutes left for sessions, a fair split, stages scaled. Pure."""

from __future__ import annotations

import math
from collections.abc import Iterable

MIN_SESSION_MINUTES = 20  # below this per presenter, suggest one presenter only
ACTIONS_MINUTES = 5  # kept back from each allotment for the presenter's actions step
DEFAULT_ALLOTTED_MINUTES = 30


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


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
