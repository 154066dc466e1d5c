"""How the prep screen looks on a narrow terminal: below 70 columns its actions go under the form,
both full width (they squeezed the form to four columns before). The wide screen is in
tests/test_snap_between.py."""

from tests.test_prep import prep_ready
from tests.test_snap_between import history_app, no_blink


async def ready(pilot):
    await prep_ready(pilot)
    await no_blink(pilot)


def test_prep_narrow(snap_compare, db_path):
    assert snap_compare(history_app(db_path, start="prep"), terminal_size=(40, 12), run_before=ready)


def test_prep_narrow_and_taller(snap_compare, db_path):
    assert snap_compare(history_app(db_path, start="prep"), terminal_size=(60, 30), run_before=ready)
