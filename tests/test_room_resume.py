"""After a crash: the interrupted meeting is offered as the app opens, and a running stage clock
loses at most 5 seconds (it is saved every few seconds while it runs)."""

from __future__ import annotations

import json

from als_tui.clock import FakeClock
from als_tui.screens import stage_timekeeper as stage_module
from als_tui.store import Store
from tests.factories import make_app
from tests.helpers import app_at, open_meeting, settled, type_text


def on_disk(db_path) -> dict:
    """The meeting as the file holds it now (read as plain JSON: the app holds the file's lock)."""
    data = json.loads(db_path.read_text(encoding="utf-8"))
    return next(doc for doc in data["meetings"].values() if doc["id"] == "meet1")


async def test_an_interrupted_meeting_is_offered_as_the_app_opens(db_path):
    app = app_at(db_path, "checkin")
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        assert type(app.screen).__name__ == "ResumeScreen"  # without pressing m
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen"


async def test_not_now_leaves_home_and_m_asks_again(db_path):
    app = app_at(db_path, "bids")
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResumeScreen"


async def test_closing_it_at_start_starts_no_new_meeting(db_path):
    app = app_at(db_path, "bids")
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    with Store(db_path) as store:
        meetings = store.meetings("set1")
    assert [m.status for m in meetings] == ["abandoned"]


async def test_nothing_is_offered_when_no_meeting_is_in_progress(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_running_stage_clock_is_on_disk_to_within_five_seconds(db_path):
    """The autosave runs every second (a timer); here its callback is called once per simulated
    second, and after each one the file must hold the clock to within 5 s of the truth."""
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert screen.clock.running
        worst = 0.0
        for _second in range(40):
            clock.advance(1.0)
            screen._autosave()
            saved = on_disk(db_path)["sessions"][0]["clock"]
            worst = max(worst, screen.clock.elapsed - saved.get("elapsed", 0.0))
        assert worst <= 5.0 - 1.0, worst  # one more second for the timer's own period
    assert stage_module.SAVE_EVERY + 1.0 <= 5.0


async def test_the_resumed_clock_has_the_time_saved(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        for _second in range(17):
            clock.advance(1.0)
            app.screen._autosave()
    # (leaving the test app saved the clock as it quit; what a crash leaves is the last autosave)
    app2 = make_app(db_path, FakeClock(5.0))
    async with app2.run_test(size=(120, 36)) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert type(app2.screen).__name__ == "StageScreen"
        assert app2.screen.clock.paused and round(app2.screen.clock.elapsed) >= 17 - 5


async def test_words_typed_at_check_in_survive_a_crash(db_path):
    from als_tui.model import Action

    def with_action(store, alset, meeting):
        meeting.checkin_order = []
        meeting.checkins = []
        store.save_action(Action(set_id=alset.id, owner="Asha", text="Talk to the night team",
                                 meeting_id="old", created="2026-02-10", id="a1"))

    app = app_at(db_path, "checkin", mutate=with_action)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await type_text(pilot, "Only four of eleven answered.")
        await pilot.press("tab", "right", "enter")  # the action: partly
        await pilot.pause()
        screen.save_draft()  # (what the timer does a second after the last key)
        draft = on_disk(db_path)["checkin_draft"]
        assert draft["member"] == "Asha" and draft["note"] == "Only four of eleven answered."
        assert draft["reports"]["a1"][0] == "partly"
        # (on disk now, while the app runs: a power cut here loses none of it)
    app2 = make_app(db_path, FakeClock(5.0))
    async with app2.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app2.screen
        assert screen.current == "Asha"
        assert screen.query_one("#note").value == "Only four of eleven answered."
        assert screen.query_one("#status-0").pressed_index == 1
        await pilot.press("ctrl+n")
        await pilot.pause()
    data = on_disk(db_path)
    assert data["checkin_draft"] == {}
    assert data["checkins"][0]["note"] == "Only four of eleven answered."
