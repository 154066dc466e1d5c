"""How the home and setup screens look at 100x30."""

from als_tui.store import Store

from tests.factories import make_app, make_set
from tests.helpers import no_blink


def test_home_empty(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=(100, 30))


def test_home_with_sets(snap_compare, db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        make_set(store, 3, name="Deputy heads", ).id  # noqa: B018
    assert snap_compare(make_app(db_path), terminal_size=(100, 30))


def test_set_setup(snap_compare, db_path):
    async def open_setup(pilot) -> None:
        await pilot.press("n")
        no_blink(pilot.app)  # (a blink in a slow run showed the cursor, or not)
        await pilot.pause()

    assert snap_compare(make_app(db_path), terminal_size=(100, 30), run_before=open_setup)


def test_help(snap_compare, db_path):
    assert snap_compare(make_app(db_path), terminal_size=(100, 30), press=["f1"])
