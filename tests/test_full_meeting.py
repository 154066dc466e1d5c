"""A five-member set runs two whole meetings by keys; the second check-in shows the first
meeting's actions. Everything is asserted on the saved file."""

from als_tui import model
from als_tui.clock import FakeClock
from als_tui.store import Store
from tests.factories import make_app, make_set
from tests.helpers import type_into


def name(app) -> str:
    return type(app.screen).__name__


async def run_meeting(app, pilot, clock, bids, actions, report_done=None, in_turn=None, at_summary=None):
    """One whole meeting by keys, from home back to home. *in_turn(member)* is awaited at the start
    of each check-in turn, *at_summary()* on the summary before the meeting is finished."""
    await pilot.press("m")
    await pilot.pause()
    assert name(app) == "OpeningScreen"
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "CheckInScreen"
    order = list(app.store.meeting_in_progress("set1").checkin_order)
    await pilot.press("ctrl+t")  # the timekeeper starts the first clock; later turns start by themselves
    for member in order:
        screen = app.screen
        if in_turn is not None:
            await in_turn(member)
        if report_done and member == report_done:
            radios = screen.query_one("#status-0")
            radios.focus()
            await pilot.press("enter")  # the first choice: done
            await type_into(pilot, "#learn-0", "HR agreed a bank pool")
        clock.advance(90)
        await pilot.press("ctrl+n")
        await pilot.pause()
    await pilot.press("ctrl+n")  # everyone has checked in: on to bids
    await pilot.pause()
    assert name(app) == "BidScreen"
    present = app.store.meeting_in_progress("set1").present
    for member, (title, urgency, minutes) in bids.items():
        i = present.index(member)
        await type_into(pilot, f"#title-{i}", title)
        await pilot.press("tab", *str(urgency), "tab", *str(minutes))
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SelectionScreen"
    await pilot.press("ctrl+n")
    await pilot.pause()
    for presenter, action_text in actions.items():
        assert name(app) == "IssueSessionScreen"
        assert app.screen.ctx.flow.current_session.presenter == presenter
        await pilot.press("ctrl+n")
        await pilot.pause()
        while name(app) == "StageScreen":
            clock.advance(120)
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert name(app) == "ActionScreen"
        await type_into(pilot, ".what", action_text)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert name(app) == "ProcessReviewScreen"
    await pilot.press(*"Good")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SummaryScreen"
    if at_summary is not None:
        await at_summary()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "HomeScreen"


async def test_two_meetings_in_a_row(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
    clock = FakeClock(0.0)
    app = make_app(db_path, clock, today="2026-03-10")
    async with app.run_test(size=(100, 30)) as pilot:
        await run_meeting(
            app, pilot, clock,
            bids={"Asha": ("Rota gaps", 5, 40), "Ben": ("Budget cut", 3, 30)},
            actions={"Asha": "Ask HR about a bank pool", "Ben": "Map the budget options"},
        )
    with Store(db_path) as store:
        (m1,) = store.meetings("set1")
        assert m1.status == model.FINISHED and m1.phase == "summary"
        assert m1.present == ["Asha", "Ben", "Carys", "Dev", "Erin"]
        assert m1.facilitator and m1.timekeeper and m1.facilitator != m1.timekeeper
        assert len(m1.checkins) == 5 and all(c.seconds == 90 for c in m1.checkins)
        assert {b.member: b.title for b in m1.bids if not b.nothing_today} == {"Asha": "Rota gaps", "Ben": "Budget cut"}
        assert [s.presenter for s in m1.sessions] == ["Asha", "Ben"]
        for s in m1.sessions:
            assert [r.stage_id for r in s.stages] == ["account", "clarify", "reflect", "deeper", "future"]
            assert all(r.actual_seconds == 120 for r in s.stages)
            assert s.actions_done
        assert m1.next_meeting == "2026-04-07"
        acts = {a.owner: a for a in store.actions("set1")}
        assert acts["Asha"].text == "Ask HR about a bank pool" and acts["Asha"].status == model.OPEN
        assert acts["Asha"].due == "2026-04-07"
        first_speaker = m1.checkin_order[0]

    app2 = make_app(db_path, clock, today="2026-04-07")
    async with app2.run_test(size=(100, 30)) as pilot:
        await run_meeting(
            app2, pilot, clock,
            bids={"Carys": ("New starter", 4, 35)},
            actions={"Carys": "Book a one-to-one"},
            report_done="Asha",
        )
    with Store(db_path) as store:
        m1, m2 = store.meetings("set1")
        assert m2.date == "2026-04-07" and m2.status == model.FINISHED
        assert m2.checkin_order[0] != first_speaker  # the round rotates
        assert m2.facilitator != m1.facilitator  # the rota moves on
        asha = m2.checkin_for("Asha")
        assert [(u.status, u.note) for u in asha.updates] == [(model.DONE, "HR agreed a bank pool")]
        acts = {a.owner: a for a in store.actions("set1")}
        assert acts["Asha"].status == model.DONE
        assert acts["Asha"].history[-1].meeting_id == m2.id
        assert acts["Ben"].status == model.OPEN  # not reported on: still open
        assert [s.presenter for s in m2.sessions] == ["Carys"]
