"""Make the README's pictures: SVG screenshots of the real app, from fixed data.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.svg

Each picture runs the app headless (Textual's Pilot) on a throw-away data file built like the
test factories (fixed names, dates and a fake clock), walks to a screen by keys, and saves it with
``App.save_screenshot``. Run it again after changing how a screen looks, and commit the SVGs.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from als_tui.clock import FakeClock  # noqa: E402
from als_tui.model import Action, HarvestedQuestion  # noqa: E402
from als_tui.store import Store  # noqa: E402
from tests.factories import TODAY, make_app, make_set, meeting_at  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (100, 30)

Steps = Callable[..., Awaitable[None]]


def _data(db: Path, phase: str | None) -> None:
    """A set of five with one action from last time; its meeting walked to *phase*."""
    with Store(db) as store:
        alset = make_set(store, 5)
        store.save_action(Action(set_id=alset.id, owner="Asha", text="Ask the ward sister what she needs from rotas",
                                 meeting_id="earlier", due=TODAY, created="2026-02-10", id="act-earlier-asha"))
        store.save_action(Action(set_id=alset.id, owner="Ben", text="Draft the handover checklist with the night team",
                                 meeting_id="earlier", due=TODAY, created="2026-02-10", id="act-earlier-ben"))
        if phase is None:
            return
        meeting = meeting_at(store, alset, phase)
        for session in meeting.sessions:
            session.title = "Night shifts keep losing handover notes"
            session.questions = [
                HarvestedQuestion("Ben", "What happens to a note between 7 and 7.30?", "open"),
                HarvestedQuestion("Carys", "Who notices first when a note is missing?", "open"),
            ]
            session.insights = ["The notes are written; it is the reading that gets skipped."]
        store.save_meeting(meeting)


async def _resume(pilot) -> None:
    await pilot.press("m")
    await pilot.pause()
    if type(pilot.app.screen).__name__ == "ResumeScreen":
        await pilot.press("r")
        await pilot.pause()


async def home(pilot, clock) -> None:
    await pilot.pause()


async def checkin(pilot, clock) -> None:
    await _resume(pilot)
    pilot.app.screen.query_one("#note").value = "A bit tired after a run of nights, glad to be here"
    clock.advance(70)
    await pilot.pause(0.4)


async def big_clock(pilot, clock) -> None:
    await _resume(pilot)
    await pilot.press("ctrl+n", "ctrl+n")  # begin the account; on to the first question stage
    clock.advance(95)
    await pilot.press("l")
    await pilot.pause(0.4)


async def actions(pilot, clock) -> None:
    await _resume(pilot)
    row = pilot.app.screen.query(".action-row").first()
    row.query_one(".what").value = "Sit in on two night handovers and note what gets read"
    row.query_one(".support").value = "Ben: the handover checklist draft"
    await pilot.pause(0.3)


async def summary(pilot, clock) -> None:
    from als_tui.screens.base import MeetingContext

    app = pilot.app
    alset = app.store.get_set("set1")
    (meeting,) = [m for m in app.store.meetings(alset.id) if m.status == "finished"]
    app.show_meeting(MeetingContext.for_meeting(app, alset, meeting))
    await pilot.pause(0.4)


async def gym(pilot, clock) -> None:
    await pilot.press("t")
    await pilot.pause(0.4)


SHOTS: list[tuple[str, str | None, Steps]] = [
    ("home", None, home),
    ("checkin", "checkin", checkin),
    ("stage-big-clock", "session", big_clock),
    ("actions", "actions", actions),
    ("summary", "summary", summary),
    ("gym", None, gym),
]


async def shoot(name: str, phase: str | None, steps: Steps, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "als.json"
        _data(db, phase)
        clock = FakeClock(1000.0)
        app = make_app(db, clock)
        async with app.run_test(size=SIZE) as pilot:
            await steps(pilot, clock)
            app.save_screenshot(f"{name}.svg", str(out))
    return out / f"{name}.svg"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, phase, steps in SHOTS:
        path = asyncio.run(shoot(name, phase, steps, OUT))
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
