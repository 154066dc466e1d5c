"""Check-in: the member list, in words and marks: who has spoken, who is speaking, who was
skipped and who is still to come (the order strip, the "Go to…" choices and the recap)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from ..clock import format_seconds
from ..model import APOLOGIES, PRESENT, Meeting

DONE_MARK, SKIPPED_MARK, NOW_MARK, WAITING_MARK = "✓", "↷", "▶", "○"
LEGEND = "✓ checked in   ↷ skipped, comes back   ▶ speaking now   ○ still to come"


def checked_in(meeting: Meeting, name: str) -> bool:
    c = meeting.checkin_for(name)
    return c is not None and not c.skipped


def anyone_checked_in(meeting: Meeting) -> bool:
    return any(not c.skipped for c in meeting.checkins)


def marker(meeting: Meeting, name: str, current: str | None) -> str:
    if name == current:
        return NOW_MARK
    if checked_in(meeting, name):
        return DONE_MARK
    if meeting.checkin_for(name) is not None:
        return SKIPPED_MARK
    return WAITING_MARK


def order_strip(meeting: Meeting, current: str | None) -> Content:
    """"Order: ✓ Asha   ▶ Ben   ○ Cy": the round, each member marked."""
    parts: list[Content | str | tuple[str, str]] = [("Order: ", "bold")]
    for i, name in enumerate(meeting.checkin_order):
        if i:
            parts.append("   ")
        mark = marker(meeting, name, current)
        label = f"{mark} {name}"
        if meeting.attendance.get(name) == APOLOGIES:
            label += " (left)"
        style = {NOW_MARK: "bold reverse", DONE_MARK: "dim", SKIPPED_MARK: "italic"}.get(mark, "")
        parts.append((label, style) if style else label)
    if not meeting.checkin_order:
        parts.append("nobody is marked present")
    return Content.assemble(*parts)


def goto_choices(meeting: Meeting, members: Iterable[str], current: str | None) -> list[tuple[Content, str]]:
    """Whom "Go to…" offers: the round (a redo, someone skipped) and the set's active *members*
    not in it (a late arrival); (label, name) each."""
    options: list[tuple[Content, str]] = []
    for name in meeting.checkin_order:
        if meeting.attendance.get(name) == APOLOGIES:
            continue
        mark = marker(meeting, name, current)
        hint = {DONE_MARK: " — redo", SKIPPED_MARK: " — skipped earlier", NOW_MARK: " — now"}.get(mark, "")
        options.append((Content.assemble(f"{mark} ", (name, "bold"), hint), name))
    for name in members:
        if name not in meeting.checkin_order or meeting.attendance.get(name) != PRESENT:
            if name in meeting.checkin_order and checked_in(meeting, name):
                continue
            options.append((Content.assemble("+ ", (name, "bold"), " — arrived late"), name))
    return options


def recap(meeting: Meeting) -> list[Content | str]:
    """One line per member who has checked in: their time, and how many actions they reported on."""
    lines: list[Content | str] = []
    for checkin in meeting.checkins:
        if checkin.skipped:
            continue
        updates = len(checkin.updates)
        tail = f" · {updates} action{'s' if updates != 1 else ''} reported" if updates else ""
        lines.append(Content.assemble("\n", (f"{DONE_MARK} ", "bold"), (checkin.member, "bold"),
                                      f" — {format_seconds(checkin.seconds)}{tail}"))
    return lines


def all_done(meeting: Meeting) -> Content:
    """What the report panel says once the round is over: what next, and the recap."""
    return Content.assemble(
        ("Everyone has checked in", "bold") if meeting.checkin_order else ("Nobody is marked present", "bold"),
        " — press ", ("Ctrl+N", "bold reverse"), " to go on to bids.",
        *recap(meeting),
    )
