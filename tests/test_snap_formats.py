"""How the other formats look at 100x30: a stage where the presenter only listens (Troika) and
a stage where the set chooses a method (Kollegiale Beratung). Deterministic clock and dates."""

from als_tui.clock import FakeClock
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import tick


def app_on(db_path, bank: str, members: int, clock: FakeClock):
    with Store(db_path) as store:
        alset = make_set(store, members, bank=bank)
        meeting_at(store, alset, "session")
    return make_app(db_path, clock)


async def _to_stage(pilot, stage_id: str) -> None:
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("r")  # resume the meeting
    await pilot.pause()
    await pilot.press("ctrl+n")  # begin the first stage
    await pilot.pause()
    while pilot.app.screen.stage.id != stage_id:
        await pilot.press("ctrl+n")
        await pilot.pause()


def test_troika_consultants_talk_it_through(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _to_stage(pilot, "consult")
        clock.advance(75)
        await tick(pilot)

    assert snap_compare(app_on(db_path, "troika", 3, clock), terminal_size=(100, 30), run_before=run)


def test_kollegiale_choice_of_method(snap_compare, db_path):
    clock = FakeClock(1000.0)

    async def run(pilot):
        await _to_stage(pilot, "method")
        await pilot.press("m", "down", "enter")  # the second method: Hypotheses
        await pilot.pause()
        assert pilot.app.screen.run_row.method == "Hypotheses"
        pilot.app.screen.set_focus(None)
        clock.advance(40)
        await tick(pilot)

    assert snap_compare(app_on(db_path, "kollegiale", 5, clock), terminal_size=(100, 30), run_before=run)
