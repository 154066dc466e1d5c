"""A member reports on an action in `als prep`; at the next meeting the set hears it: in the
member's check-in turn, the summary and the exported minutes, once. All by keys."""

from __future__ import annotations

from textual.widgets import Markdown

from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.commands import minutes_path
from als_tui.model import Action
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import screen_text
from tests.test_full_meeting import run_meeting
from tests.test_prep import choose_member, prep_ready

LEARNED = "HR data shows most leavers go in year two"
MARKED = f"{LEARNED} *(reported before the meeting, 2026-03-09)*"


def setup(db_path) -> None:
    """A set that met on 10 February: Erin agreed two actions there."""
    with Store(db_path) as store:
        alset = make_set(store, 5)
        meeting_at(store, alset, "summary", date="2026-02-10")
        for i, text in enumerate(("Look at the HR leavers data", "Talk to two exit interviewers")):
            store.save_action(Action(alset.id, "Erin", text, meeting_id="meet1", created="2026-02-10",
                                     id=f"erin{i}"))


async def report_in_prep(db_path, today: str) -> None:
    """Erin, in `als prep`: the first action done (with what she learned), the second partly."""
    app = ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: today, start="prep")
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        await choose_member(pilot, 4)  # Erin
        await prep_ready(pilot)
        screen = app.screen
        screen.query_one("#status-0").focus()
        await pilot.press("space", "tab", *LEARNED)  # done
        screen.query_one("#status-1").focus()
        await pilot.press("right", "space", "tab", *"spoke to one so far")  # partly
        await pilot.press("ctrl+s")
        await pilot.pause()


async def test_a_report_made_in_prep_is_heard_at_the_next_meeting_once(db_path):
    setup(db_path)
    await report_in_prep(db_path, "2026-03-09")
    clock = FakeClock(0.0)
    app = make_app(db_path, clock, today="2026-03-10")
    seen: dict[str, str] = {}

    async def in_turn(member: str) -> None:
        seen[member] = screen_text(app)
        if member == "Erin":
            # the partly one is asked about again (its report on its card), the done one is not
            cards = app.screen.query(".action-card")
            assert len(cards) == 1 and "Talk to two exit interviewers" in str(cards[0].query_one(".action-text").render())
            assert "partly done — spoke to one so far" in str(cards[0].query_one(".reported-before").render())
            app.screen.query_one("#status-0").focus()
            await pilot.press("space", "tab", *"and the second one today")  # done, in the room

    async def at_summary() -> None:
        minutes = app.screen.query_one("#minutes", Markdown).source
        assert MARKED in minutes and "and the second one today" in minutes
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await pilot.pause(0.5)
        shown = [str(option.prompt) for option in app.screen.query_one("CommandList").options]
        assert shown[0].startswith("Export the minutes of this meeting"), shown
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    async with app.run_test(size=(120, 40)) as pilot:
        await run_meeting(app, pilot, clock, bids={"Asha": ("Rota gaps", 5, 40)},
                          actions={"Asha": "Ask for a bank pool"}, in_turn=in_turn, at_summary=at_summary)
    assert f"Reported before the meeting: done — {LEARNED[:30]}" in seen["Erin"]  # (on screen)
    assert "“Look at the HR leavers data” · 2026-03-09" in seen["Erin"]
    assert "Reported before the meeting: partly done — spoke to one so far" in seen["Erin"]
    assert "Reported before the meeting" not in seen["Asha"]
    assert MARKED in minutes_path(db_path, "Ward managers", "2026-03-10").read_text(encoding="utf-8")

    # a second meeting the same day: the report is not heard again
    app = make_app(db_path, clock, today="2026-03-10")
    later: list[str] = []

    async def again(member: str) -> None:
        later.append(screen_text(app))

    async def no_repeat() -> None:
        assert LEARNED not in app.screen.query_one("#minutes", Markdown).source

    async with app.run_test(size=(120, 40)) as pilot:
        await run_meeting(app, pilot, clock, bids={"Ben": ("Budget cut", 3, 30)},
                          actions={"Ben": "Map the options"}, in_turn=again, at_summary=no_repeat)
    assert later and not any("Reported before the meeting" in text for text in later)
