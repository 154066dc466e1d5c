"""Every meeting step costs the same on a long history as on a short one: counted, not timed.

A whole meeting is walked on a 6- and a 120-meeting demo history; the records converted from the
file (``from_dict``) at each step must not grow with the history (timings are bench/'s business:
bench/meeting_walk.py)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from als_tui import cli
from als_tui.model import Action, Meeting

SMALL, LARGE = 6, 120


def converted_per_step(db: Path) -> dict[str, int]:
    """{step: records converted} for a whole meeting walked on *db* (bench/meeting_walk.py's walk)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import meeting_walk  # noqa: E402 - the benchmark's own walk, so the two never drift apart

    counts: dict[str, int] = {}
    calls = {"n": 0}
    originals = {cls: cls.__dict__["from_dict"] for cls in (Meeting, Action) if "from_dict" in cls.__dict__}
    base = Meeting.from_dict.__func__  # the Record classmethod

    def counting(cls, data):
        if cls in (Meeting, Action):
            calls["n"] += 1
        return base(cls, data)

    async def timed(pilot, *keys):
        calls["n"] = 0
        await pilot.press(*keys)
        await pilot.pause()
        return float(calls["n"])

    saved = meeting_walk.timed
    meeting_walk.timed = timed
    for cls in (Meeting, Action):
        cls.from_dict = classmethod(counting)
    try:
        steps = asyncio.run(meeting_walk.walk_meeting(db))
    finally:
        meeting_walk.timed = saved
        for cls in (Meeting, Action):
            if cls in originals:
                cls.from_dict = originals[cls]
            else:
                del cls.from_dict
    for name, n in steps:
        counts[name] = int(n)
    return counts


def test_no_meeting_step_converts_more_of_a_long_history(tmp_path: Path) -> None:
    files = {}
    for n in (SMALL, LARGE):
        db = tmp_path / f"h{n}.json"
        assert cli.main(["demo", "--db", str(db), "--meetings", str(n)]) == 0
        files[n] = db
    small = converted_per_step(files[SMALL])
    large = converted_per_step(files[LARGE])
    worse = {step: (small.get(step), n) for step, n in large.items()
             if n > 2 * small.get(step, 0) + 40}
    assert not worse, f"steps that read more of a longer history (6 → {LARGE} meetings): {worse}"
