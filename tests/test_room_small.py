"""A 40x12 terminal (a laptop's split screen): on every meeting screen the clock (where there is
one) and the main control are in view without scrolling, and the check-in's report can be used."""

from __future__ import annotations

import pytest
from textual.widgets import RadioSet

from als_tui.model import Action
from tests.helpers import app_at, open_meeting, screen_text, type_text

SIZE = (40, 12)


def fresh_checkin(store, alset, meeting) -> None:
    meeting.checkin_order = []
    meeting.checkins = []
    store.save_action(Action(set_id=alset.id, owner="Asha", text="Talk to the night team", meeting_id="old",
                             due="2026-03-01", created="2026-02-10", id="a1"))


# screen: (factory phase, keys after opening, the main control, the clock or None)
SCREENS = {
    "opening": ("opening", (), "#next", None),
    "checkin": ("checkin", (), "#next", "#checkin-clock .clock-line"),
    "bids": ("bids", (), "#next", None),
    "selection": ("selection", (), "#next", None),
    "issue": ("session", (), "#next", None),
    "stage": ("session", ("ctrl+n", "ctrl+n"), "#b-next", "#clock .clock-digits"),
    "actions": ("actions", (), "#save", None),
    "review": ("review", (), "#finish", None),
    "summary": ("review", ("ctrl+n",), "#finish", None),
}


def in_view(screen, selector: str) -> bool:
    widget = screen.query_one(selector)
    region = widget.region
    return region.area > 0 and screen.region.contains_region(region) and \
        widget in screen.get_widget_at(*region.center)[0].ancestors_with_self


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_the_clock_and_the_main_control_are_in_view_at_40x12(db_path, name):
    phase, keys, control, clock = SCREENS[name]
    app = app_at(db_path, phase, mutate=fresh_checkin if phase == "checkin" else None)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)
        screen = app.screen
        assert in_view(screen, control), f"{type(screen).__name__}: {control} is not in view at 40x12"
        if clock is not None:
            assert in_view(screen, clock), f"{type(screen).__name__}: the clock is not in view at 40x12"


async def test_the_checkin_statuses_can_be_set_at_40x12(db_path):
    app = app_at(db_path, "checkin", mutate=fresh_checkin)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        await pilot.press(*"ok", "tab")  # from the speaker's line to the first action's status
        await pilot.pause()
        radios = app.screen.query_one("#status-0", RadioSet)
        assert app.focused is radios
        assert radios.region.width >= 20 and in_view(app.screen, "#status-0")
        await pilot.press("enter")  # done
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.current == "Ben"
    from als_tui.store import Store

    with Store(db_path) as store:
        assert store.get_meeting("meet1").checkin_for("Asha").updates[0].status == "done"


async def test_with_questions_noted_the_clock_and_next_stage_stay_in_view_at_40x12(db_path):
    """Three questions noted filled the 12 rows with the scribe's bar and the list: no clock, no Next
    stage, and the large clock showed no digits. The bar goes once a question is kept, and on a low
    terminal the notes are one line."""
    app = app_at(db_path, "session")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        for question in ("What did you try?", "Who else knows?", "What would help?"):
            await pilot.press("s")
            await type_text(pilot, question + "\n")
        await pilot.pause(0.2)
        screen = app.screen
        assert len(screen.session.questions) == 3
        assert not screen.query_one("#scribe").display
        for selector in ("#clock .clock-digits", "#b-next", "#harvest-count"):
            assert in_view(screen, selector), f"{selector} is not in view at 40x12"
        assert "Questions noted: 3" in screen_text(app)
        await pilot.press("L")  # the large clock: its digits, not the notes
        await pilot.pause(0.2)
        assert in_view(screen, "#big-clock")
        assert screen.query_one("#big-clock").region.height >= 3
        assert "Questions noted" not in screen_text(app)


@pytest.mark.parametrize("size", [SIZE, (80, 24), (120, 36)])
async def test_esc_puts_the_scribe_line_away_and_s_brings_it_back_with_what_was_typed(db_path, size):
    app = app_at(db_path, "session")
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "s")
        await type_text(pilot, "What would")
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#scribe").display and app.focused is None
        assert in_view(screen, "#b-next")
        await pilot.press("s")
        await pilot.pause()
        question = screen.query_one("#question")
        assert screen.query_one("#scribe").display and app.focused is question
        assert question.value == "What would"
        await pilot.press("down")  # who asked; then the words go on where they stopped
        await type_text(pilot, " success look like?")
        assert question.value == "What would success look like?"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.questions[-1].text == "What would success look like?"


@pytest.mark.parametrize("size", [SIZE, (80, 24), (120, 36)])
async def test_the_bids_give_the_issue_the_room(db_path, size):
    """At 40x12 the Issue field was 4 characters wide and the Minutes column cut off; at 80x24 it
    had 17 while "Nothing today" took 21."""
    app = app_at(db_path, "bids")
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.pause()
        screen = app.screen
        title, nothing = screen.query_one("#title-0"), screen.query_one("#nothing-0")
        assert title.region.width >= 24 and title.region.width > nothing.region.width
        for selector in ("#title-0", "#urgency-0", "#minutes-0", "#nothing-0"):
            region = screen.query_one(selector).region
            assert region.right <= size[0], f"{selector} is cut off at {size}"
        assert "Nothing today" in str(nothing.render())


async def test_the_actions_notes_fill_the_rows_the_form_leaves(db_path):
    """Stacked at 80 columns, "Noted during the session" was 4 rows tall (most of the questions
    hidden) with about 15 empty rows under the form."""
    from als_tui.model import HarvestedQuestion

    def noted(store, alset, meeting):
        meeting.sessions[0].questions = [HarvestedQuestion("Ben", f"Question {i} about the rota?", "open")
                                         for i in range(6)]

    app = app_at(db_path, "actions", mutate=noted)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_meeting(pilot)
        await pilot.pause()
        screen = app.screen
        harvest, form = screen.query_one("#harvest"), screen.query_one("#action-form")
        assert harvest.region.height >= 12
        assert form.region.bottom >= screen.query_one("#action-buttons").region.y - 1  # no gap
        assert in_view(screen, "#save")


async def test_the_review_line_being_written_is_in_view_at_40x12(db_path):
    """At 40x12 the intro and the prompts gave the form no rows: typed words went into a field
    nobody could see. Each member's line is in view as it is written, Tab after Tab."""
    app = app_at(db_path, "review")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ProcessReviewScreen"
        for words in ("Better on questions", "We kept to time"):
            await type_text(pilot, words)
            await pilot.pause()
            assert in_view(screen, f"#{app.focused.id}") and app.focused.value == words
            assert words[-12:] in screen_text(app)  # (the end of the line, as typed, is on screen)
            await pilot.press("tab")
        assert in_view(screen, "#finish")


async def test_the_next_meeting_date_is_whole_and_named_at_40x12(db_path):
    """At 40x12 the date showed as "026-04-07" and nothing said what it was."""
    app = app_at(db_path, "review")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        date = app.focused
        assert date.id == "next-date" and in_view(app.screen, "#next-date")
        shown = screen_text(app)
        assert date.value in shown and "Next meeting" in shown
