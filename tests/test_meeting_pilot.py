"""My meeting screens by keys: opening, the issue session, the stage clock, quit and resume."""

from als_tui.clock import FakeClock
from als_tui.model import APOLOGIES, PRESENT
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import open_meeting, settled, tick


def setup(db_path, phase, n=5, **kw):
    with Store(db_path) as store:
        alset = make_set(store, n, **kw)
        meeting = meeting_at(store, alset, phase)
    return alset, meeting


async def test_opening_records_attendance_roles_and_length(db_path):
    alset, meeting = setup(db_path, "opening")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "OpeningScreen"
        rules = " ".join(str(w.render()) for w in app.screen.query(".rule"))
        assert "Questions, not advice." in rules
        await pilot.press("down", "enter")  # untick Ben: apologies
        await pilot.pause()
        app.screen.query_one("#length").value = "120"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen"
    with Store(db_path) as store:
        m = store.get_meeting(meeting.id)
        assert m.attendance["Ben"] == APOLOGIES and m.attendance["Asha"] == PRESENT
        assert m.planned_minutes == 120
        assert m.facilitator in m.present and m.timekeeper in m.present
        assert m.phase == "checkin"


async def test_opening_refuses_nobody_present(db_path):
    setup(db_path, "opening", n=2)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        app.screen.query_one("#attendance").deselect_all()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "OpeningScreen"
        assert "at least one" in str(app.screen.query_one("#opening-error").render())


async def test_stage_clock_warns_times_up_extends_and_records(db_path):
    alset, meeting = setup(db_path, "session")
    clock = FakeClock(1000.0)
    app = make_app(db_path, clock)
    bells = []
    app.bell = lambda: bells.append(clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "IssueSessionScreen"
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "StageScreen" and screen.clock.running
        planned = screen.clock.planned
        clock.advance(planned - 30)  # into the last minute
        await tick(pilot)
        assert "-warning" in screen.query_one("#clock").classes
        assert "One minute left" in str(screen.query_one(".clock-state").render())
        assert len(bells) == 1
        clock.advance(40)  # past zero
        await tick(pilot)
        assert type(app.screen).__name__ == "TimeUpScreen"
        assert len(bells) == 2
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is screen and screen.clock.display() == "01:50"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.run_row.stage_id == "clarify"
    with Store(db_path) as store:
        s = store.get_meeting(meeting.id).sessions[0]
        assert s.stages[0].actual_seconds == planned + 10
        assert s.stages[0].extended_seconds == 120
        assert s.current_stage == 1


async def test_overrun_shows_plus_time(db_path):
    setup(db_path, "session")
    clock = FakeClock(0.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        clock.advance(screen.clock.planned + 65)
        await tick(pilot)
        await pilot.press("escape")  # keep going over time
        await pilot.pause(0.3)
        assert screen.clock.display() == "+01:05"
        assert "Over time by 01:05" in str(screen.query_one(".clock-state").render())


async def test_quit_mid_stage_and_resume_where_it_stopped(db_path):
    alset, meeting = setup(db_path, "session")
    clock = FakeClock(0.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")  # begin the account
        await pilot.press("ctrl+n")  # on to clarify
        await pilot.pause()
        clock.advance(125)
        await pilot.press("n", "n")  # browse prompts
        await pilot.press("ctrl+q")
    with Store(db_path) as store:
        m = store.get_meeting(meeting.id)
        assert m.status == "in_progress" and m.sessions[0].current_stage == 1
        assert round(m.sessions[0].clock["elapsed"]) == 125
    clock2 = FakeClock(50_000.0)
    app2 = make_app(db_path, clock2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert type(app2.screen).__name__ == "ResumeScreen"
        await pilot.press("r")
        await pilot.pause()
        screen = app2.screen
        assert type(screen).__name__ == "StageScreen"
        assert screen.run_row.stage_id == "clarify"
        assert screen.clock.paused and round(screen.clock.elapsed) == 125
        await pilot.press("space")
        clock2.advance(10)
        assert round(screen.clock.elapsed) == 135


async def test_abandon_interrupted_meeting_starts_new(db_path):
    alset, meeting = setup(db_path, "bids")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)  # the meeting in progress is offered as the app opens
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("a")  # close it: home, nothing new started yet
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("m")  # today's meeting
        await pilot.pause()
        assert type(app.screen).__name__ == "OpeningScreen"
    with Store(db_path) as store:
        ms = store.meetings(alset.id)
        assert [m.status for m in ms if m.id == meeting.id] == ["abandoned"]
        assert len([m for m in ms if m.status == "in_progress"]) == 1


async def test_presenter_leaves_early_goes_to_actions(db_path):
    alset, meeting = setup(db_path, "session")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionScreen"
    with Store(db_path) as store:
        s = store.get_meeting(meeting.id).sessions[0]
        assert s.left_early and all(r.skipped for r in s.stages[1:])


async def test_scribe_harvests_questions_and_coaches_gently(db_path):
    alset, meeting = setup(db_path, "session")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        await pilot.press("s")
        q = app.screen.query_one("#question")
        q.value = "Have you tried talking to your manager?"
        await pilot.press("enter")
        await pilot.press("s")  # the box lets go after each question: s for the next
        q.value = "What matters most to you here?"
        await pilot.press("enter")
        await pilot.pause()
        harvest = str(app.screen.query_one("#harvest").render())
        assert "Questions noted: 2" in harvest and "⚑ advice" in harvest
    with Store(db_path) as store:
        qs = store.get_meeting(meeting.id).sessions[0].questions
        assert [q.kind for q in qs] == ["advice", "open"]


async def test_background_writes_reach_the_disk_by_quit(db_path):
    """The real `als` saves through the writer thread: quitting mid-stage still leaves it all on disk."""
    from als_tui.app import ALSApp

    alset, meeting = setup(db_path, "session")
    clock = FakeClock(0.0)
    app = ALSApp(db_path=db_path, now=clock, today=lambda: "2026-03-10", background_writes=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.store.storage.writer is not None
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        clock.advance(42)
        await pilot.press("ctrl+q")
    with Store(db_path) as store:
        s = store.get_meeting(meeting.id).sessions[0]
        assert s.current_stage == 1 and round(s.clock["elapsed"]) == 42
