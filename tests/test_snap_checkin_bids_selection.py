"""How the check-in, bids and selection screens look (deterministic clock, dates and prompt)."""

from textual.widgets import Input

from als_tui.clock import FakeClock
from als_tui.model import Action, Bid, Prep
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at


def app_at(db_path, phase, n=5, clock=None, prep=True, **kw):
    with Store(db_path) as store:
        alset = make_set(store, n, **kw)
        meeting = meeting_at(store, alset, phase)
        if phase == "checkin":
            meeting.checkin_order = []
            meeting.checkins = []
            store.save_meeting(meeting)
            for i, text in enumerate(["Talk to the night team about handovers",
                                      "Draft the new escalation checklist"]):
                store.save_action(Action(set_id=alset.id, owner="Asha", text=text, meeting_id="old",
                                         due=f"2026-03-0{i + 1}", created="2026-02-10", id=f"a{i}"))
        if phase == "bids" and prep:
            store.save_prep(Prep(set_id=alset.id, member="Ben", issue="Rota gaps at weekends",
                                 minutes=40, urgency=4))
        if phase == "selection":
            meeting.bids = [Bid("Asha", "Staffing mix on nights", 4, 40), Bid("Ben", "Rota gaps at weekends", 5, 50),
                            Bid("Carys", "Budget cuts", 3, 30), Bid("Dev", nothing_today=True),
                            Bid("Erin", nothing_today=True)]
            store.save_meeting(meeting)
    return make_app(db_path, clock or FakeClock(1000.0))


def no_blink(pilot):
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


async def _open(pilot):
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    no_blink(pilot)
    await pilot.pause()


def test_checkin(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "checkin"), terminal_size=(100, 30), run_before=_open)


def test_checkin_running_second_member(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+k")  # Asha skips for now
        await pilot.press("ctrl+t")  # Ben's clock starts
        clock.advance(75)
        await pilot.press(*"Glad to be here")
        no_blink(pilot)
        pilot.app.clear_notifications()
        await pilot.pause(0.3)

    assert snap_compare(app_at(db_path, "checkin", clock=clock), terminal_size=(100, 30), run_before=run)


def test_checkin_all_done(snap_compare, db_path):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+b")  # back from bids to the finished round
        await pilot.pause()

    assert snap_compare(app_at(db_path, "bids"), terminal_size=(100, 30), run_before=run)


def test_checkin_twelve_members_80x24(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "checkin", n=12, meeting_minutes=180), terminal_size=(80, 24),
                        run_before=_open)


def test_bids(snap_compare, db_path):
    async def run(pilot):
        await _open(pilot)
        await pilot.press(*"Staffing mix on nights", "tab", "4")
        no_blink(pilot)
        await pilot.pause()

    assert snap_compare(app_at(db_path, "bids"), terminal_size=(100, 30), run_before=run)


def test_selection(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "selection"), terminal_size=(100, 30), run_before=_open)


def test_selection_nobody_bid(snap_compare, db_path):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("ctrl+n")  # all titles empty
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(app_at(db_path, "bids", n=3, prep=False), terminal_size=(100, 30), run_before=run)
