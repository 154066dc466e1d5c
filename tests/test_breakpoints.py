"""Narrow layouts come from the screens' breakpoints (classes such as -narrow, and CSS for them),
not from resize handlers: a terminal resized while a screen is open changes its layout."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from als_tui.screens.ask import AskScreen
from als_tui.screens.insight import InsightScreen
from als_tui.screens.tracker import TrackerScreen
from tests.factories import make_app
from tests.helpers import screen_text
from tests.test_snap_gym import gym_app
from tests.test_tracker_history import history_db


@pytest.mark.parametrize("screen", [AskScreen, InsightScreen, TrackerScreen])
def test_no_screen_lays_itself_out_by_hand_on_resize(screen):
    assert "on_resize" not in vars(screen)
    assert screen.HORIZONTAL_BREAKPOINTS or screen is InsightScreen  # (insight's charts fit their width)


async def test_ask_better_stacks_when_narrow_and_keeps_the_question_in_view(db_path):
    app = gym_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        main, side = screen.query_one("#ask-main"), screen.query_one("#ask-side")
        picker, question = screen.query_one("#ask-scenario"), screen.query_one("#ask-input")
        assert screen.has_class("-wide") and side.region.x > main.region.right - 1  # side by side
        await pilot.press(*"What")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert screen.has_class("-narrow", "-low")
        assert side.region.y >= main.region.bottom or not side.region.area  # one column: below
        assert not picker.display  # Ctrl+←/→ change the issue on a split screen
        assert screen.region.contains_region(question.region) and question.region.height == 3
        assert app.focused is question and "What" in screen_text(app)  # still typing, in view
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert screen.has_class("-narrow", "-tall") and picker.display
        assert screen.region.contains_region(picker.region)
        assert screen.region.contains_region(question.region)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert screen.has_class("-wide") and side.region.x > main.region.right - 1


async def test_the_tracker_drops_the_agreed_column_below_its_breakpoint_and_brings_it_back(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)

        def headers() -> list[str]:
            return [str(c.label) for c in table.columns.values()]

        assert screen.has_class("-wide") and "Agreed" in headers()
        assert "partly done · ⚠ overdue" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow") and "Agreed" not in headers()
        assert "partly · ⚠ overdue" in screen_text(app)  # the status and its mark still whole
        assert table.max_scroll_x == 0  # the Action column gave up the room: no sideways scrolling
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert screen.has_class("-wide") and "Agreed" in headers()
        assert table.max_scroll_x == 0


async def test_insight_bars_fit_the_width_they_have(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        await pilot.pause()

        def asha_bar() -> int:
            line = next(ln for ln in screen_text(app).splitlines() if "Asha" in ln and "came to" in ln)
            return len(re.search(r"█+", line).group())

        assert asha_bar() == 20
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert asha_bar() == 8
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert asha_bar() == 20


def _demo_with_an_overdue_action(db_path):
    from als_tui.demo import make_demo
    from als_tui.store import Store

    with Store(db_path) as store:
        store.bulk_load(make_demo(6, seed=1, today="2026-12-06").tables())


async def test_the_tracker_at_80x24_keeps_every_status_whole_and_says_how_many_it_shows(db_path):
    _demo_with_an_overdue_action(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.today = lambda: "2027-06-01"  # (everything still open is overdue by then)
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#tracker-status").value = "overdue"
        await pilot.pause()
        text = screen_text(app)
        table = screen.query_one(DataTable)
        assert table.row_count and table.max_scroll_x == 0
        for i in range(table.row_count):
            status = str(table.get_row_at(i)[-1])
            assert status.endswith("⚠ overdue") and status in text, status
        assert f"showing {table.row_count}" in text


async def test_the_tracker_at_40x12_shows_its_list_and_both_filters(db_path):
    _demo_with_an_overdue_action(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.region.height >= 4  # its header and at least three actions
        assert screen.region.contains_region(table.region)
        for select in ("#tracker-member", "#tracker-status"):
            assert screen.query_one(select).region.width >= 12, select
        first = table.get_row_at(0)
        assert str(first[0]) in screen_text(app) and table.max_scroll_x == 0  # every column whole
        await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == 1


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_plan_of_stages_fits_the_width_and_says_all_it_says(db_path, size):
    """At 80x24 the plan's "How it works" column ran off the screen ("The presenter speaks" /
    "interrupts", "Questions only — no"): the plan wraps its cells to the width instead."""
    from tests.helpers import app_at, open_meeting

    app = app_at(db_path, "session")
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "IssueSessionScreen"
        plan = screen.query_one("#plan")
        assert plan.region.right <= screen.region.right
        words = " ".join(screen_text(app).split())
        for said in ("Presenter's account", "The presenter speaks; nobody interrupts", "Questions only — no advice",
                     "Deeper analysis and reframing", "Future action"):
            assert all(word in words for word in said.split()), said
