"""How the actions, process review and summary screens look at 100x30 (fixed dates and clock)."""

from __future__ import annotations

from textual.widgets import Input

from als_tui.model import HarvestedQuestion
from tests.helpers import app_at

SIZE = (100, 30)


async def steady(pilot) -> None:
    """No blinking cursors: the picture must not depend on when it is taken."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def opener(*keys: str, then=None):
    async def run(pilot):
        app = pilot.app
        app.resume_meeting(app.store.get_set("set1"), app.store.get_meeting("meet1"))
        await pilot.pause()
        await steady(pilot)
        if keys:
            await pilot.press(*keys)
        if then is not None:
            await then(pilot)
        await steady(pilot)

    return run


def harvest(store, alset, m):
    s = m.sessions[0]
    s.questions = [
        HarvestedQuestion("Ben", "What would success look like by next month?"),
        HarvestedQuestion("Carys", "Who else cares about the [bold]handover[/bold]?"),
    ]
    s.insights = ["I have been waiting for permission nobody needs to give 🙂"]


def test_actions(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "actions", mutate=harvest), terminal_size=SIZE, run_before=opener())


def test_actions_filled_low_confidence_second_row(snap_compare, db_path):
    async def fill(pilot):
        screen = pilot.app.screen
        screen.rows[0].what.value = "Ask Ben for last quarter's rota data"
        screen.rows[0].confidence.value = "2"
        await pilot.pause()
        await pilot.press("ctrl+a")
        await pilot.pause()
        screen.rows[1].what.value = "Draft a one-page proposal"
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app_at(db_path, "actions", mutate=harvest), terminal_size=SIZE, run_before=opener(then=fill))


def test_actions_error(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "actions"), terminal_size=SIZE, run_before=opener("ctrl+n"))


def test_actions_left_early_confirm(snap_compare, db_path):
    def left(store, alset, m):
        m.sessions[0].left_early = True

    assert snap_compare(app_at(db_path, "actions", mutate=left), terminal_size=SIZE, run_before=opener("ctrl+n"))


def test_review(snap_compare, db_path):
    def partly(store, alset, m):
        m.review.notes = {"Asha": "Good questions; we kept to time", "Ben": "I slipped into advice once"}

    assert snap_compare(app_at(db_path, "review", mutate=partly), terminal_size=SIZE, run_before=opener())


def test_summary(snap_compare, db_path):
    def at_summary(store, alset, m):
        harvest(store, alset, m)
        m.review.notes = {"Asha": "Good pace", "Ben": "More silence next time"}
        m.review.change_next_time = "Start on time"
        m.phase = "summary"

    assert snap_compare(app_at(db_path, "review", mutate=at_summary), terminal_size=SIZE, run_before=opener())


def test_summary_finished_read_only(snap_compare, db_path):
    assert snap_compare(app_at(db_path, "summary"), terminal_size=SIZE, run_before=opener())
