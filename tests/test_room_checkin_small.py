"""Check-in at 40x12: while a speaker sets an action's status or types what they learned, the
title of that action stays in view, so they can see which action they are marking."""

from __future__ import annotations

import pytest

from als_tui.model import Action
from tests.helpers import app_at, open_meeting
from tests.test_room_small import in_view


def two_actions(store, alset, meeting) -> None:
    meeting.checkin_order = []
    meeting.checkins = []
    for i, text in enumerate(("Talk to the night team", "Draft the rota with the two band-6 nurses")):
        store.save_action(Action(set_id=alset.id, owner="Asha", text=text, meeting_id="old",
                                 due="2026-03-01", created="2026-02-10", id=f"a{i}"))


@pytest.mark.parametrize("size", [(40, 12), (40, 18), (50, 20), (80, 24), (120, 36)])
async def test_the_action_title_stays_in_view_while_its_status_is_set(db_path, size):
    app = app_at(db_path, "checkin", mutate=two_actions)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press(*"ok", "tab")  # from the speaker's line to the first action's status
        await pilot.pause(0.2)
        screen = app.screen
        assert app.focused is screen.query_one("#status-0")
        titles = list(screen.query(".action-text"))
        assert in_view(screen, "#status-0")
        assert _seen(screen, titles[0]), "the first action's title is scrolled away while its status is set"
        await pilot.press("right", "enter", "tab")  # partly; on to what was learned
        await pilot.pause(0.2)
        assert app.focused is screen.query_one("#learn-0") and _seen(screen, titles[0])
        await pilot.press("tab")  # the second action's status
        await pilot.pause(0.2)
        assert app.focused is screen.query_one("#status-1") and in_view(screen, "#status-1")
        assert _seen(screen, titles[1]), "the second action's title is scrolled away while its status is set"


def _seen(screen, widget) -> bool:
    region = widget.region
    return region.area > 0 and screen.region.contains_region(region) and \
        widget in screen.get_widget_at(*region.center)[0].ancestors_with_self
