"""The words of a prep draft: what a member may want from the set, and the limits of its texts.

Shared by the prep screen (``prep.py``) and its form (``prep_form.py``); no Textual here."""

from __future__ import annotations

from ..model import clean_text

WANT_OPTIONS = (
    "questions to think with",
    "a sounding board",
    "accountability",
    "fresh perspectives",
    "challenge",
)
TEXT_LIMIT = 1000

INTRO = (
    "A few quiet minutes now make your time in the set count. Only your issue sentence is shown "
    "at the meeting, as your bid; the other answers are notes for you to think with."
)


def split_want(want: str) -> tuple[list[str], str]:
    """The stored 'what I want' text as (chosen options, free text)."""
    chosen: list[str] = []
    other: list[str] = []
    for part in (p.strip() for p in want.split(";")):
        if not part:
            continue
        if part.casefold() in WANT_OPTIONS:
            chosen.append(part.casefold())
        else:
            other.append(part)
    return chosen, "; ".join(other)


def join_want(chosen: list[str], other: str) -> str:
    parts = [o for o in WANT_OPTIONS if o in chosen]
    other = clean_text(other, 300, single_line=True).replace(";", ",")
    return "; ".join([*parts, other] if other else parts)
