"""Choosing presenters on a split screen (40x12): the choice, each presenter's minutes and the way
on are whole and work by keys. Side by side at 40 columns the names, the minutes and "Back to
bids" were cut ("Asha · …", "Ash" over "a", "Back to b")."""

from __future__ import annotations

from textual.widgets import Button, Input

from als_tui.store import Store
from tests.helpers import app_at, open_meeting, screen_text

SIZE = (40, 12)


def whole(screen, widget) -> bool:
    """*widget* is on screen, all of it (nothing cut at the right or the bottom)."""
    region = widget.region
    return region.area > 0 and screen.region.contains_region(region)


async def scrolled_to(pilot, widget) -> bool:
    """Whether *widget* is whole once the body has scrolled to it (the focus brings it into view
    after the next layout, later on a busy machine)."""
    for _ in range(50):
        if whole(pilot.app.screen, widget):
            return True
        await pilot.pause()
    return False


async def test_the_choice_of_presenters_is_whole_and_usable_at_40x12(db_path):
    app = app_at(db_path, "selection")  # Asha and Ben bid; both suggested
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "SelectionScreen"
        choice = screen.query_one("#sel-list")
        assert app.focused is choice and await scrolled_to(pilot, choice)
        text = screen_text(app)
        assert "▐X▌ Asha · urgency 5" in text and "▐X▌ Ben · urgency 4" in text  # names and urgency whole
        start, back = screen.query_one("#next", Button), screen.query_one("#back", Button)
        assert whole(screen, start) and "Start with Asha (Ctrl+N)" in text
        assert whole(screen, back) and "Back to bids (Ctrl+B)" in text

        await pilot.press("down", "space")  # untick Ben: Asha alone
        await pilot.pause()
        assert "▐X▌ Ben" not in screen_text(app)
        await pilot.press("tab")  # to Asha's minutes, brought into view
        await pilot.pause()
        minutes = screen.query_one("#min-0", Input)
        assert app.focused is minutes and await scrolled_to(pilot, minutes) and minutes.region.width >= 8
        text = screen_text(app)
        assert "1. Asha" in text and " min" in text and "2. Ben" not in text
        minutes.value = ""
        await pilot.press(*"45")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ != "SelectionScreen"
    with Store(db_path) as store:
        meeting = store.get_meeting("meet1")
        assert [(s.presenter, s.allotted_minutes) for s in meeting.sessions] == [("Asha", 45)]
