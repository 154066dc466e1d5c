"""The phases of a meeting, in order. Pure: no I/O, no Textual."""

from __future__ import annotations

PHASE_ORDER = ("opening", "checkin", "bids", "selection", "session", "review", "summary")


class FlowError(ValueError):
    """An operation that makes no sense in the meeting's current state."""


# -- phases ------------------------------------------------------------------------------------
def next_phase(phase: str) -> str:
    """The phase after *phase*; ``summary`` is the last and stays ``summary``."""
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[min(i + 1, len(PHASE_ORDER) - 1)]


def prev_phase(phase: str) -> str:
    """The phase before *phase*; ``opening`` is the first and stays ``opening``."""
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[max(i - 1, 0)]

