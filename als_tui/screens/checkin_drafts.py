"""Check-in: what is typed in a turn, kept in the meeting as it is typed (``Meeting.checkin_draft``):
the turn under way ({"member", "note", "reports"}) and, under "waiting", the turns put aside with
words in them (Go to…, Skip), by member. Plain dicts in, plain dicts out."""

from __future__ import annotations

from typing import Any

Draft = dict[str, Any]


def waiting(draft: Draft, without: str | None = None) -> dict[str, Draft]:
    """The turns put aside with words typed in them, by member (less *without*'s)."""
    turns = dict(draft.get("waiting") or {})
    turns.pop(without, None)  # type: ignore[arg-type]
    return turns


def kept_for(draft: Draft, member: str) -> Draft | None:
    """What *member* had typed before an interruption, or before their turn was put aside."""
    if draft.get("member") == member:
        return draft
    return waiting(draft).get(member)


def turn(member: str | None, note: str, reports: dict[str, list[str]], draft: Draft) -> Draft:
    """The draft with *member*'s turn under way as typed (the turns put aside kept)."""
    now: Draft = {"member": member, "note": note, "reports": reports}
    aside = waiting(draft, without=member)
    if aside:
        now["waiting"] = aside
    return now


def put_aside(draft: Draft, member: str, note: str, reports: dict[str, list[str]]) -> Draft:
    """The draft once *member*'s turn is left unrecorded: what was typed waits for their turn."""
    aside = waiting(draft, without=member)
    if note or reports:
        aside[member] = {"note": note, "reports": reports}
    return {"waiting": aside} if aside else {}


def recorded(draft: Draft, member: str) -> Draft:
    """The draft once *member*'s turn is recorded: its part goes; the turns put aside stay."""
    aside = waiting(draft, without=member)
    return {"waiting": aside} if aside else {}
