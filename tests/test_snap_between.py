"""How the between-meetings screens look at 100x30: prep, tracker, history, insight.

Fixed dates (the app's today is 2026-03-10) and a known history (tests/test_tracker_history.py)."""

from textual.widgets import Input, TextArea

from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import Prep
from als_tui.store import Store
from tests.factories import TODAY, make_app
from tests.test_tracker_history import build_history

SIZE = (100, 30)


def history_app(db_path, start=None):
    with Store(db_path) as store:
        build_history(store)
        store.save_prep(Prep(set_id="set1", member="Dev", issue="Weekend cover keeps falling through",
                             why="I am covering the gaps myself", want="a sounding board; accountability",
                             urgency=4, minutes=40, updated="2026-03-08"))
        store.set_meta("prep_last", ["set1", "Dev"])
    return ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start=start)


async def no_blink(pilot):
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


def test_prep(snap_compare, db_path):
    assert snap_compare(history_app(db_path, start="prep"), terminal_size=SIZE, run_before=no_blink)


def test_prep_new_member(snap_compare, db_path):
    async def run(pilot):
        await pilot.pause()
        await pilot.press("ctrl+o", "up", "up", "enter")  # Dev -> Ben: no actions, no prep
        await no_blink(pilot)
        pilot.app.screen.query_one("#issue").focus()
        await no_blink(pilot)

    assert snap_compare(history_app(db_path, start="prep"), terminal_size=SIZE, run_before=run)


def test_tracker(snap_compare, db_path):
    assert snap_compare(history_app(db_path), terminal_size=SIZE, press=["a", "down"])


def test_tracker_status_dialog(snap_compare, db_path):
    async def run(pilot):
        await pilot.press("a", "down", "d")
        await no_blink(pilot)

    assert snap_compare(history_app(db_path), terminal_size=SIZE, run_before=run)


def test_history(snap_compare, db_path):
    assert snap_compare(history_app(db_path), terminal_size=SIZE, press=["h"])


def test_history_abandoned_meeting(snap_compare, db_path):
    assert snap_compare(history_app(db_path), terminal_size=SIZE, press=["h", "down", "enter"])


def test_insight(snap_compare, db_path):
    assert snap_compare(history_app(db_path), terminal_size=SIZE, press=["i"])


def test_insight_scrolled(snap_compare, db_path):
    assert snap_compare(history_app(db_path), terminal_size=SIZE, press=["i", "end"])


def test_insight_empty(snap_compare, db_path):
    with Store(db_path) as store:
        from tests.factories import make_set

        make_set(store, 5)
    assert snap_compare(make_app(db_path), terminal_size=SIZE, press=["i"])
