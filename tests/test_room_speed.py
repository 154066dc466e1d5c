"""Every meeting step costs the same on a long history as on a short one, and the steps a meeting
takes most often build little: counted, not timed.

A whole meeting is walked (bench/meeting_walk.py's walk) on a 6- and a 120-meeting demo history;
the records converted from the file (``from_dict``) at each step must not grow with the history.
On one walk, the widgets each step adds to the screen and the footer's builds are counted: moving
from stage to stage and from speaker to speaker updates the screen in place. (Timings are
bench/'s business: bench/meeting_walk.py.)"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.model import Action, Meeting
from als_tui.screens.stage_timekeeper import Timekeeper
from als_tui.store import DurableStorage

SMALL, LARGE = 6, 120


def _walk():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import meeting_walk  # noqa: E402 - the benchmark's own walk, so the two never drift apart

    return meeting_walk


def counted_per_step(db: Path) -> dict[str, tuple[int, int]]:
    """{step: (records converted from the file, bytes serialised for it)} for a whole meeting
    walked on *db* (bench/meeting_walk.py's walk)."""
    from als_tui.store import layout

    meeting_walk = _walk()

    calls = {"n": 0, "bytes": 0}
    originals = {cls: cls.__dict__["from_dict"] for cls in (Meeting, Action) if "from_dict" in cls.__dict__}
    base = Meeting.from_dict.__func__  # the Record classmethod
    real_dumps = layout.orjson.dumps

    def counting(cls, data):
        if cls in (Meeting, Action):
            calls["n"] += 1
        return base(cls, data)

    def dumps(obj, *args, **kwargs):
        out = real_dumps(obj, *args, **kwargs)
        calls["bytes"] += len(out)
        return out

    async def timed(pilot, *keys):
        calls["n"] = calls["bytes"] = 0
        await pilot.press(*keys)
        await pilot.pause()
        return (calls["n"], calls["bytes"])

    def autosave(self) -> None:  # a running stage clock saved on a real-time timer: not a step's
        counted = dict(calls)   # (on a loaded machine a step can take longer than its interval)
        real_autosave(self)
        calls.update(counted)

    saved, verify = meeting_walk.timed, DurableStorage.verify_parts
    real_autosave = Timekeeper._autosave
    Timekeeper._autosave = autosave  # type: ignore[method-assign]
    meeting_walk.timed = timed
    DurableStorage.verify_parts = False  # (its check serialises everything)
    layout.orjson.dumps = dumps
    for cls in (Meeting, Action):
        cls.from_dict = classmethod(counting)
    try:
        steps = asyncio.run(meeting_walk.walk_meeting(db))
    finally:
        meeting_walk.timed, DurableStorage.verify_parts = saved, verify
        Timekeeper._autosave = real_autosave  # type: ignore[method-assign]
        layout.orjson.dumps = real_dumps
        for cls in (Meeting, Action):
            if cls in originals:
                cls.from_dict = originals[cls]
            else:
                del cls.from_dict
    return {name: counted for name, counted in steps}


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, tuple[int, int]]]:
    """The counts of the walk on a short and a long history (each walked once for the tests below)."""
    folder = tmp_path_factory.mktemp("walks")
    counts = {}
    for n in (SMALL, LARGE):
        db = folder / f"h{n}.json"
        assert cli.main(["demo", "--db", str(db), "--meetings", str(n)]) == 0
        _walk().equalise_open_actions(db, 1)  # (each speaker reports on one action at both sizes)
        counts[n] = counted_per_step(db)
    return counts


def test_no_meeting_step_converts_more_of_a_long_history(walked) -> None:
    small = {step: n for step, (n, _) in walked[SMALL].items()}
    large = {step: n for step, (n, _) in walked[LARGE].items()}
    worse = {step: (small.get(step), n) for step, n in large.items()
             if n > 2 * small.get(step, 0) + 40}
    assert not worse, f"steps that read more of a longer history (6 → {LARGE} meetings): {worse}"


def test_no_meeting_step_serialises_more_of_a_long_history(walked) -> None:
    """A step saves what it changed (the meeting, a member's action), not the history around it:
    the bytes serialised are the same at 120 meetings as at 6, except at the first save after the
    history is read (opening a meeting), which serialises the file once."""
    small = {step: size for step, (_, size) in walked[SMALL].items()}
    large = {step: size for step, (_, size) in walked[LARGE].items()}
    assert large["home → opening"] > 10 * small["home → opening"]  # (the first save: the whole file)
    worse = {step: (small.get(step), size) for step, size in large.items()
             if step != "home → opening" and size > small.get(step, 0) * 1.1 + 500}
    assert not worse, f"steps that serialise more of a longer history (6 → {LARGE} meetings): {worse}"


def built_per_step(db: Path) -> dict[str, tuple[int, int]]:
    """{step: (widgets the step added to the screen, builds of the footer)} for the walk on *db*."""
    from als_tui.widgets.footer import Footer

    meeting_walk = _walk()
    builds = {"n": 0}
    compose = Footer.compose

    def counting(self):
        builds["n"] += 1
        return compose(self)

    async def timed(pilot, *keys):
        before = list(pilot.app.screen.walk_children(with_self=True))  # (kept: their ids stay unique)
        seen = {id(w) for w in before}
        builds["n"] = 0
        await pilot.press(*keys)
        await pilot.pause()
        added = sum(1 for w in pilot.app.screen.walk_children(with_self=True) if id(w) not in seen)
        return (added, builds["n"])

    saved = meeting_walk.timed
    meeting_walk.timed = timed
    Footer.compose = counting  # type: ignore[method-assign]
    try:
        return dict(asyncio.run(meeting_walk.walk_meeting(db)))
    finally:
        meeting_walk.timed = saved
        Footer.compose = compose  # type: ignore[method-assign]


def test_stage_to_stage_and_speaker_to_speaker_update_the_screen_in_place(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    assert cli.main(["demo", "--db", str(db), "--meetings", "6"]) == 0
    _walk().equalise_open_actions(db, 1)  # (each speaker reports on one action)
    steps = built_per_step(db)
    new_stage_screen = steps["session 1 → first stage"][0]
    assert new_stage_screen > 40  # (a whole stage screen, footer included)
    last = {p: max(int(n.split(".")[1].split()[0]) for n in steps if n.startswith(f"stage {p}.")) for p in (1, 2)}
    within = {n: v for n, v in steps.items()
              if n.startswith("stage ") and int(n.split(".")[1].split()[0]) < last[int(n[6])]}
    assert len(within) >= 4
    # the next stage of the same presenter: the left column rebuilt (a few Statics), nothing else
    assert all(added <= 10 and footer == 0 for added, footer in within.values()), within
    # the next speaker: their action card only; the arrival line keeps the focus, the footer stays
    turns = {n: v for n, v in steps.items() if n.startswith("check-in next")}
    middle = [v for n, v in turns.items() if n not in ("check-in next (1)", f"check-in next ({len(turns)})")]
    assert len(middle) >= 3
    assert all(added <= 12 and footer == 0 for added, footer in middle), turns
    # and no step builds the footer more than twice (once per screen, once when keys come or go)
    assert all(footer <= 2 for _added, footer in steps.values()), steps


def test_the_walks_give_every_member_the_same_open_actions_even_one_the_demo_left_without(db_path) -> None:
    """Each check-in turn of the walks is the same work at both sizes only if every member has
    the same open actions: a member the demo gave none gets one (at 6 meetings, the first
    speaker once had none, and that turn looked bigger at 120)."""
    from als_tui.store import Store
    from tests.factories import make_set

    with Store(db_path) as store:
        alset = make_set(store, 3)
        for text in ("First", "Second"):
            store.save_action(Action(set_id=alset.id, owner=alset.active_members[0], text=text, meeting_id="m",
                                     created="2026-01-0" + str(len(text) % 9)))
    _walk().equalise_open_actions(db_path, 1)
    with Store(db_path) as store:
        assert {m: sum(a.is_open for a in store.actions(alset.id, m)) for m in alset.active_members} == \
            {m: 1 for m in alset.active_members}
