"""Going back a stage (Ctrl+B) keeps the time it had used and its extensions, and so does coming
forward again to a stage already run; the clock comes back paused where it was left."""

from __future__ import annotations

from als_tui.clock import FakeClock
from als_tui.store import Store
from tests.helpers import app_at, open_meeting, text_of


async def test_back_to_a_stage_keeps_its_time_used_and_extensions(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")  # the plan → the account
        clock.advance(200)
        await pilot.press("ctrl+n")  # → clarifying questions (running)
        await pilot.pause()
        clarify = app.screen
        assert clarify.run_row.stage_id == "clarify"
        clock.advance(100)
        await pilot.press("plus")  # two more minutes
        planned_with_extra = clarify.clock.planned
        await pilot.press("ctrl+n")  # → reflective questions
        await pilot.pause()
        clock.advance(30)
        await pilot.press("ctrl+b")  # back to clarifying
        await pilot.pause()
        back = app.screen
        assert back.run_row.stage_id == "clarify"
        assert back.clock.paused, back.clock.state  # where it was left, not "Ready"
        assert round(back.clock.elapsed) == 100
        assert back.clock.planned == planned_with_extra and back.clock.extended == 120
        assert "Paused" in str(back.query_one("#clock .clock-state").render())
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("ctrl+n")  # forward again to reflective: its 30 s are kept too
        await pilot.pause()
        reflect = app.screen
        assert reflect.run_row.stage_id == "reflect"
        assert round(reflect.clock.elapsed) == 30 and reflect.clock.running
        clock.advance(10)
        await pilot.press("ctrl+n")
        await pilot.pause()
    with Store(db_path) as store:
        stages = {s.stage_id: s for s in store.get_meeting("meet1").sessions[0].stages}
    assert round(stages["account"].actual_seconds) == 200
    assert round(stages["clarify"].actual_seconds) == 120 and stages["clarify"].extended_seconds == 120
    assert round(stages["reflect"].actual_seconds) == 40 and not stages["reflect"].skipped


async def test_back_from_the_actions_keeps_the_last_stage_time(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        for _ in range(10):
            if type(app.screen).__name__ != "StageScreen":
                break
            clock.advance(60)
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert type(app.screen).__name__ == "ActionScreen"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert type(app.screen).__name__ == "StageScreen"
        assert round(app.screen.clock.elapsed) == 60 and app.screen.clock.paused


async def test_a_one_minute_stage_does_not_open_saying_one_minute_left(db_path):
    def one_minute(store, alset, meeting):
        meeting.sessions[0].stages[0].planned_seconds = 60

    app = app_at(db_path, "session", mutate=one_minute)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")  # into the one-minute stage; its clock starts
        await pilot.pause()
        screen = app.screen
        assert screen.clock.running and screen.clock.planned == 60
        assert "One minute left" not in text_of(screen, "#clock .clock-state")
        assert "Running" in text_of(screen, "#clock .clock-state")


async def test_a_one_minute_stage_warns_at_half_time(db_path):
    """A one-minute round gets a timekeeper's "30 seconds left": amber, in words, and a notice."""
    clock = FakeClock(1000.0)

    def one_minute(store, alset, meeting):
        meeting.sessions[0].stages[0].planned_seconds = 60

    app = app_at(db_path, "session", clock=clock, mutate=one_minute)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")  # into the one-minute stage; its clock starts
        await pilot.pause()
        screen = app.screen
        clock.advance(29)
        screen._clock_view().tick()
        await pilot.pause()
        assert "Running" in text_of(screen, "#clock .clock-state")
        clock.advance(2)  # 29 s left
        screen._clock_view().tick()
        await pilot.pause()
        assert "30 seconds left" in text_of(screen, "#clock .clock-state")
        assert "-warning" in screen.query_one("#clock").classes
        assert [n.message for n in app._notifications] == ["30 seconds left in this stage."]
