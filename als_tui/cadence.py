"""How often a set meets, and the date of its next meeting. Pure: stdlib only.

Most sets meet monthly on a weekday ("the first Tuesday"), some on a date ("the 10th"), some
every few weeks. A set keeps ``cadence_weeks`` (every N weeks) and ``cadence``: ``""`` for every
N weeks, ``"monthly:date"`` for the same date each month, or ``"monthly:<nth>:<weekday>"`` with
nth one of first, second, third, fourth, last and weekday monday … sunday.
"""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NTHS = ("first", "second", "third", "fourth", "last")
MONTHLY_DATE = "monthly:date"
WEEK_CHOICES = (1, 2, 3, 4, 5, 6, 8)
MIN_GAP = timedelta(days=7)  # a monthly date is never proposed within a week of the last meeting


def parse(cadence: str) -> tuple[str, str, str]:
    """("weeks", "", ""), ("date", "", "") or ("weekday", nth, weekday); anything unknown is weeks."""
    parts = (cadence or "").strip().casefold().split(":")
    if parts == ["monthly", "date"]:
        return ("date", "", "")
    if len(parts) == 3 and parts[0] == "monthly" and parts[1] in NTHS and parts[2] in WEEKDAYS:
        return ("weekday", parts[1], parts[2])
    return ("weeks", "", "")


def monthly(nth: str, weekday: str) -> str:
    """The cadence text for "monthly, the *nth* *weekday*"."""
    return f"monthly:{nth}:{weekday}"


def describe(cadence_weeks: int, cadence: str = "") -> str:
    """In words: "every 4 weeks", "monthly, on the same date", "monthly, on the first Tuesday"."""
    kind, nth, weekday = parse(cadence)
    if kind == "date":
        return "monthly, on the same date"
    if kind == "weekday":
        return f"monthly, on the {nth} {weekday.capitalize()}"
    weeks = max(1, int(cadence_weeks))
    return "every week" if weeks == 1 else f"every {weeks} weeks"


def _month_length(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def _nth_weekday(year: int, month: int, nth: str, weekday: str) -> date:
    wanted = WEEKDAYS.index(weekday)
    days = [d for d in range(1, _month_length(year, month) + 1)
            if date(year, month, d).weekday() == wanted]
    return date(year, month, days[-1] if nth == "last" else days[NTHS.index(nth)])


def _months_after(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def next_date(last: str, cadence_weeks: int, cadence: str = "") -> str:
    """The ISO date of the next meeting after the meeting on the ISO date *last*."""
    held = date.fromisoformat(last)
    kind, nth, weekday = parse(cadence)
    if kind == "weeks":
        return (held + timedelta(weeks=max(1, int(cadence_weeks)))).isoformat()
    for months in range(0, 3):
        year, month = _months_after(held, months)
        if kind == "date":
            candidate = date(year, month, min(held.day, _month_length(year, month)))
        else:
            candidate = _nth_weekday(year, month, nth, weekday)
        if candidate >= held + MIN_GAP:
            return candidate.isoformat()
    raise AssertionError("unreachable: a month later is always far enough")  # pragma: no cover


def choices() -> list[tuple[str, str]]:
    """(label, value) for "how often", value "weeks:N", "monthly:date" or "monthly:<nth>" (the
    weekday is chosen apart)."""
    out = [("Every week" if n == 1 else f"Every {n} weeks", f"weeks:{n}") for n in WEEK_CHOICES]
    out.append(("Monthly, on the same date", MONTHLY_DATE))
    out += [(f"Monthly, on the {nth} …", f"monthly:{nth}") for nth in NTHS]
    return out


def fields(cadence_weeks: int, cadence: str = "") -> tuple[str, str]:
    """(how often, weekday) for a set's form: the values of :func:`choices` and :data:`WEEKDAYS`."""
    kind, nth, weekday = parse(cadence)
    if kind == "date":
        return MONTHLY_DATE, "tuesday"
    if kind == "weekday":
        return f"monthly:{nth}", weekday
    weeks = max(1, int(cadence_weeks))
    nearest = min(WEEK_CHOICES, key=lambda n: (abs(n - weeks), n))
    return f"weeks:{weeks if weeks in WEEK_CHOICES else nearest}", "tuesday"


def from_fields(how: str, weekday: str, cadence_weeks: int = 4) -> tuple[int, str]:
    """(cadence_weeks, cadence) from the form's two choices."""
    if how.startswith("weeks:") and how[6:].isdigit():
        return max(1, int(how[6:])), ""
    if how == MONTHLY_DATE:
        return cadence_weeks, MONTHLY_DATE
    nth = how.removeprefix("monthly:")
    if nth in NTHS and weekday in WEEKDAYS:
        return cadence_weeks, monthly(nth, weekday)
    return cadence_weeks, ""
