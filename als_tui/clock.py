"""A stage countdown driven by an injected monotonic clock. Pure: stdlib only, no Textual.

Time is always *read* from ``now()`` (``time.monotonic`` by default) and never accumulated by
counting timer ticks, so a busy UI that misses ticks cannot make the clock drift, and tests can
drive it exactly with :class:`FakeClock`.

States
    ``ready``    not started yet
    ``running``  counting down, more than ``warn_at`` seconds left
    ``warning``  counting down, ``0 < remaining <= warn_within``: ``warn_at`` (a minute), or half the
                 time of a stage planned for ``warn_at`` or less (30 s of a one-minute stage)
    ``overrun``  counting, ``remaining <= 0`` (time is up; the display shows ``+mm:ss``)
    ``paused``   started and paused (whatever the remaining time)

Edge events (:meth:`StageClock.poll_events`)
    ``"warning"`` when the remaining time falls into ``(0, warn_within]`` and ``"zero"`` when it falls
    to ``<= 0``. Each downward crossing is reported exactly once. If one poll sees both crossings
    at once (e.g. after a long gap), only ``"zero"`` is reported: one bell, not two. Extending the
    clock back above a threshold re-arms it, so the next crossing is reported again. A stage whose
    plan is within ``warn_at`` does not report ``"warning"`` on start: it is warned at half its time.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

Now = Callable[[], float]

READY = "ready"
RUNNING = "running"
WARNING = "warning"
OVERRUN = "overrun"
PAUSED = "paused"
STATES = (READY, RUNNING, WARNING, OVERRUN, PAUSED)

EVENT_WARNING = "warning"
EVENT_ZERO = "zero"

# Float noise (e.g. 59.99999999997) must not make the display jump a whole second.
_EPS = 1e-6

# Zones used for edge detection, ordered from "lots of time" to "time's up".
_ZONE_NORMAL, _ZONE_WARNING, _ZONE_ZERO = 0, 1, 2


class FakeClock:
    """A settable monotonic clock for tests and benchmarks: ``clock()`` returns the current time."""

    def __init__(self, start: float = 0.0) -> None:
        self.t = float(start)

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go backwards")
        self.t += seconds
        return self.t


def format_seconds(seconds: float, signed: bool = False) -> str:
    """``mm:ss`` (or ``h:mm:ss`` from one hour) of the magnitude of *seconds*, rounded **up**.

    Rounding up means a countdown shows ``00:01`` until the last fraction of a second has gone.
    Negative values get a ``-`` prefix; with ``signed=True`` positive values get ``+``.
    """
    total = math.ceil(abs(seconds) - _EPS) if abs(seconds) > _EPS else 0
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    if total and seconds < 0:
        return "-" + text
    if signed and total and seconds > 0:
        return "+" + text
    return text


def time_left_words(seconds: float) -> str:
    """How a timekeeper says *seconds* are left: "One minute left", "2 minutes left",
    "30 seconds left" (the words of a clock's warning, :attr:`StageClock.warn_within`)."""
    whole = max(0, round(seconds))
    if whole and whole % 60 == 0:
        minutes = whole // 60
        return "One minute left" if minutes == 1 else f"{minutes} minutes left"
    if whole > 60:
        return f"{format_seconds(whole)} left"
    return "One second left" if whole == 1 else f"{whole} seconds left"


class StageClock:
    """Countdown for one stage: ``planned_seconds`` (+ extensions) minus the time spent running."""

    def __init__(self, planned_seconds: float, now: Now = time.monotonic, warn_at: float = 60.0) -> None:
        self._now = now
        self.warn_at = float(warn_at)
        self._planned = max(0.0, float(planned_seconds))
        self._extended = 0.0
        self._accumulated = 0.0  # running time before the current run segment
        self._run_start: float | None = None  # now() when the current run segment began
        self._started = False
        self._zone = self._zone_of(self.remaining)

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start a ready clock. On a started clock this is :meth:`resume` (never a restart)."""
        if not self._started:
            self._started = True
            self._accumulated = 0.0
            self._zone = self._zone_of(self.remaining)
        self.resume()

    def pause(self) -> None:
        if self._run_start is not None:
            self._accumulated += max(0.0, self._now() - self._run_start)
            self._run_start = None

    def resume(self) -> None:
        if not self._started:
            self.start()
            return
        if self._run_start is None:
            self._run_start = self._now()

    def toggle(self) -> None:
        """ready -> running, running -> paused, paused -> running."""
        if self.running:
            self.pause()
        else:
            self.resume()

    def extend(self, seconds: float) -> None:
        """Add (or, if negative, take away) planned time; the total plan never goes below 0."""
        self._extended = max(-self._planned, self._extended + float(seconds))
        if self._zone_of(self.remaining) < self._zone:
            self._zone = self._zone_of(self.remaining)  # re-arm the crossed thresholds

    def reset(self, planned: float | None = None) -> None:
        """Back to ``ready``: no elapsed time, no extensions; optionally a new plan."""
        if planned is not None:
            self._planned = max(0.0, float(planned))
        self._extended = 0.0
        self._accumulated = 0.0
        self._run_start = None
        self._started = False
        self._zone = self._zone_of(self.remaining)

    # -- reading ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._run_start is not None

    @property
    def paused(self) -> bool:
        return self._started and self._run_start is None

    @property
    def started(self) -> bool:
        return self._started

    @property
    def elapsed(self) -> float:
        """Seconds spent running: ``now()`` minus the start, minus all paused spans."""
        if self._run_start is None:
            return self._accumulated
        return self._accumulated + max(0.0, self._now() - self._run_start)

    @property
    def planned(self) -> float:
        return self._planned + self._extended

    @property
    def extended(self) -> float:
        return self._extended

    @property
    def remaining(self) -> float:
        return self.planned - self.elapsed

    @property
    def overrun(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def state(self) -> str:
        if not self._started:
            return READY
        if self._run_start is None:
            return PAUSED
        remaining = self.remaining
        if remaining <= 0:
            return OVERRUN
        if remaining <= self.warn_within:
            return WARNING
        return RUNNING

    @property
    def warn_within(self) -> float:
        """Seconds left at which the clock warns: ``warn_at``, or, for a plan no longer than that,
        half the plan in whole seconds. A timekeeper gives a one-minute round its "30 seconds"
        (a minute's warning would come at its first second, a quarter too late to finish a
        question); a plan of a second or less has no warning."""
        planned = self.planned
        return self.warn_at if planned > self.warn_at else float(round(planned / 2))

    @property
    def fraction(self) -> float:
        """Elapsed / planned, clipped to 0..1 (a zero-length plan counts as full once started)."""
        planned = self.planned
        if planned <= 0:
            return 1.0 if self._started else 0.0
        return min(1.0, max(0.0, self.elapsed / planned))

    def display(self) -> str:
        """``mm:ss`` left (rounded up), or ``+mm:ss`` over time; ``h:mm:ss`` from one hour."""
        remaining = self.remaining
        if remaining >= 0:
            return format_seconds(remaining)
        return format_seconds(-remaining, signed=True)

    # -- edges -----------------------------------------------------------------------------
    def _zone_of(self, remaining: float) -> int:
        if remaining <= 0:
            return _ZONE_ZERO
        if remaining <= self.warn_within:
            return _ZONE_WARNING
        return _ZONE_NORMAL

    def poll_events(self) -> list[str]:
        """Edge events since the last poll: ``[]``, ``["warning"]`` or ``["zero"]`` (see module doc)."""
        zone = self._zone_of(self.remaining)
        events: list[str] = []
        if self._started and zone > self._zone:
            events.append(EVENT_ZERO if zone == _ZONE_ZERO else EVENT_WARNING)
        self._zone = zone
        return events

    # -- persistence -----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Plain JSON-able state as of ``now()``, for saving after every change.

        ``planned`` is the base plan; ``extended`` the extensions on top (``self.planned`` = both).
        """
        return {
            "planned": self._planned,
            "extended": self._extended,
            "elapsed": self.elapsed,
            "warn_at": self.warn_at,
            "started": self._started,
            "running": self.running,
            "paused": self.paused,
            "zone": self._zone,
        }

    @classmethod
    def restore(cls, snap: dict[str, Any], now: Now = time.monotonic) -> StageClock:
        """Rebuild a clock from :meth:`snapshot`, e.g. after a crash.

        The elapsed time *as of the snapshot* is kept; the time between the snapshot and the
        restore is not counted (nobody knows how long the app was down). A clock that was
        running comes back **paused**: the set restarts it deliberately. Already reported edge
        events are not reported again.
        """
        clock = cls(
            float(snap.get("planned", 0.0)),
            now=now,
            warn_at=float(snap.get("warn_at", 60.0)),
        )
        clock._extended = max(-clock._planned, float(snap.get("extended", 0.0)))
        clock._accumulated = max(0.0, float(snap.get("elapsed", 0.0)))
        clock._started = bool(snap.get("started", False)) or clock._accumulated > 0
        clock._run_start = None
        zone = clock._zone_of(clock.remaining)
        saved_zone = snap.get("zone")
        if isinstance(saved_zone, int) and _ZONE_NORMAL <= saved_zone <= _ZONE_ZERO:
            zone = saved_zone  # edges reported before the snapshot stay reported
        clock._zone = zone
        return clock

    def __repr__(self) -> str:
        return (
            f"StageClock(state={self.state!r}, elapsed={self.elapsed:.3f}, "
            f"planned={self.planned:.3f}, remaining={self.remaining:.3f})"
        )
