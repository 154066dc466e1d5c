"""How often a set meets: every N weeks, monthly on a date, or monthly on a weekday ("the first
Tuesday"), chosen when the set is made, and used for the next meeting's date and actions' due dates."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from als_tui import cadence
from als_tui.cadence import describe, next_date
from als_tui.flow import next_meeting_date
from als_tui.store import Store
from tests.helpers import app_at, open_meeting, settled


@pytest.mark.parametrize(("last", "weeks", "rule", "expected"), [
    ("2026-03-10", 4, "", "2026-04-07"),
    ("2026-03-10", 6, "", "2026-04-21"),
    ("2026-03-03", 4, "monthly:first:tuesday", "2026-04-07"),
    ("2026-12-01", 4, "monthly:first:tuesday", "2027-01-05"),  # across the year
    ("2026-03-01", 4, "monthly:first:tuesday", "2026-04-07"),  # March's is two days on: too soon
    ("2026-01-27", 4, "monthly:last:tuesday", "2026-02-24"),
    ("2026-03-17", 4, "monthly:third:tuesday", "2026-04-21"),
    ("2026-01-31", 4, "monthly:date", "2026-02-28"),  # no 31st in February: its last day
    ("2026-03-10", 4, "monthly:date", "2026-04-10"),
    ("2026-03-10", 4, "weekly nonsense", "2026-04-07"),  # unknown: every N weeks
])
def test_next_date(last, weeks, rule, expected):
    assert next_date(last, weeks, rule) == expected
    assert next_meeting_date(last, weeks, rule) == expected


def test_describe_in_words():
    assert describe(4) == "every 4 weeks" and describe(1) == "every week"
    assert describe(4, "monthly:first:tuesday") == "monthly, on the first Tuesday"
    assert describe(4, "monthly:date") == "monthly, on the same date"


def test_form_fields_round_trip():
    for weeks, rule in [(4, ""), (8, ""), (4, "monthly:date"), (4, "monthly:last:friday")]:
        how, day = cadence.fields(weeks, rule)
        assert cadence.from_fields(how, day, weeks) == (weeks, rule)
    assert {value for _label, value in cadence.choices()} >= {"weeks:4", "monthly:date", "monthly:first"}


async def test_a_set_meeting_on_the_first_tuesday_gets_its_next_date_from_that(db_path):
    app = app_at(db_path, "review")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("escape")  # the meeting in progress: not now
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "SetSetupScreen"
        assert screen.query_one("#cadence-day", Select).disabled
        screen.query_one("#cadence", Select).value = "monthly:first"
        await pilot.pause()
        assert not screen.query_one("#cadence-day", Select).disabled
        screen.query_one("#cadence-day", Select).value = "tuesday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "monthly, on the first Tuesday" in str(app.screen.query_one("#detail").render())
        await open_meeting(pilot)
        await pilot.press("ctrl+n")  # the review → the summary
        await pilot.pause()
        assert app.screen.query_one("#next-date", Input).value == "2026-04-07"  # (meeting on 10 March)
    with Store(db_path) as store:
        alset = store.get_set("set1")
    assert alset.cadence == "monthly:first:tuesday"
