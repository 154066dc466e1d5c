"""Pilot tests of the end of a meeting: actions, process review, summary. Assertions are on the saved file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Markdown, Select, Static

from als_tui.model import FINISHED, IN_PROGRESS, Action, HarvestedQuestion
from als_tui.screens.actions import ActionScreen, date_problem
from als_tui.screens.confirm import ConfirmScreen
from als_tui.screens.home import HomeScreen
from als_tui.screens.review import ProcessReviewScreen
from als_tui.screens.summary import SummaryScreen
from als_tui.store import Store

from tests.factories import make_app, make_set, meeting_at
from tests.helpers import type_text

SIZE = (100, 30)


def build(db_path: Path, phase: str, mutate=None, **set_kw):
    """A set and a meeting at *phase*, saved; *mutate(store, alset, meeting)* may change them first."""
    store = Store(db_path)
    alset = make_set(store, **set_kw)
    m = meeting_at(store, alset, phase)
    if mutate is not None:
        mutate(store, alset, m)
        store.save_meeting(m)
    store.close()
    return alset, m


async def open_meeting(pilot, app, alset, m) -> None:
    app.resume_meeting(app.store.get_set(alset.id), app.store.get_meeting(m.id))
    await pilot.pause()


async def clear_field(pilot) -> None:
    await pilot.press("end", "ctrl+u")


def saved(db_path: Path):
    store = Store(db_path)
    try:
        meeting = store.get_meeting("meet1")
        actions = [a for a in store.actions("set1") if a.meeting_id == "meet1"]
        return meeting, actions
    finally:
        store.close()


def error_text(screen, selector: str) -> str:
    widget = screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


# -- actions ------------------------------------------------------------------------------------
async def test_action_saved_with_fields_and_defaults(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert isinstance(screen, ActionScreen)
        assert screen.presenter == "Asha"
        row = screen.rows[0]
        assert row.due.value == "2026-04-07"  # next meeting: meeting date + 4 weeks
        assert app.focused is row.what
        await type_text(pilot, "Ask Ben for the rota data")
        await pilot.press("tab")  # due
        await pilot.press("tab")  # report to
        assert app.focused is screen.query_one(".report-to", Select)
        await pilot.press("enter", "down", "enter")  # first member after "the set"
        await pilot.pause()
        await pilot.press("tab")  # confidence
        await type_text(pilot, "4")
        await pilot.press("tab")  # support
        await type_text(pilot, "An hour with my manager")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
    meeting, actions = saved(db_path)
    assert meeting.phase == "review"
    assert meeting.sessions[0].actions_done
    assert len(actions) == 1
    a = actions[0]
    assert (a.owner, a.text, a.due, a.report_to, a.support, a.confidence) == (
        "Asha", "Ask Ben for the rota data", "2026-04-07", "Ben", "An hour with my manager", 4
    )
    assert a.created == "2026-03-10" and a.status == "open"


async def test_action_defaults_report_to_the_set_and_confidence_3(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await type_text(pilot, "Write to the board")
        await pilot.press("ctrl+n")
        await pilot.pause()
    _, actions = saved(db_path)
    assert [(a.text, a.report_to, a.confidence, a.support) for a in actions] == [
        ("Write to the board", "the set", 3, "")
    ]


async def test_empty_action_is_refused_and_nothing_saved(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionScreen)
        assert "at least one action" in error_text(screen, "#action-error")
        assert app.focused is screen.rows[0].what
    meeting, actions = saved(db_path)
    assert actions == [] and meeting.phase == "session" and not meeting.sessions[0].actions_done


async def test_bad_dates_and_confidence_are_refused(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        await type_text(pilot, "Book the room")
        await pilot.press("tab")
        for bad, words in (("2026-13-01", "not a date"), ("07/04/2026", "not a date"), ("2026-03-01", "before the meeting")):
            screen.rows[0].due.focus()
            await clear_field(pilot)
            await type_text(pilot, bad)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, ActionScreen)
            assert words in error_text(screen, "#action-error"), bad
            assert app.focused is screen.rows[0].due
        await clear_field(pilot)
        await type_text(pilot, "2026-03-10")  # the meeting day itself is fine...
        screen.rows[0].confidence.focus()
        await clear_field(pilot)
        await type_text(pilot, "9")  # ...but confidence 9 is not
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "confidence" in error_text(screen, "#action-error")
        assert app.focused is screen.rows[0].confidence
        _, actions = saved_in(app)
        assert actions == []
        await clear_field(pilot)
        await type_text(pilot, "5")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
    _, actions = saved(db_path)
    assert [(a.due, a.confidence) for a in actions] == [("2026-03-10", 5)]


def saved_in(app):
    return app.store.get_meeting("meet1"), [a for a in app.store.actions("set1") if a.meeting_id == "meet1"]


async def test_support_without_what_is_refused(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        screen.rows[0].support.focus()
        await type_text(pilot, "Time")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "say what you will do" in error_text(screen, "#action-error")
        assert app.focused is screen.rows[0].what
    assert saved(db_path)[1] == []


async def test_low_confidence_shows_a_hint(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        row = app.screen.rows[0]
        hint = row.query_one(".low-confidence", Static)
        assert not hint.display
        row.confidence.focus()
        await clear_field(pilot)
        await type_text(pilot, "2")
        await pilot.pause()
        assert hint.display and "smaller first step" in str(hint.render())
        await clear_field(pilot)
        await type_text(pilot, "4")
        await pilot.pause()
        assert not hint.display


async def test_add_up_to_three_rows_and_remove_the_focused_one(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        await type_text(pilot, "First")
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert len(screen.rows) == 2 and app.focused is screen.rows[1].what
        await type_text(pilot, "Second")
        await pilot.press("ctrl+a")
        await pilot.pause()
        await type_text(pilot, "Third")
        assert screen.query_one("#add-row", Button).disabled
        await pilot.press("ctrl+a")  # a fourth is refused
        await pilot.pause()
        assert len(screen.rows) == 3
        screen.rows[1].support.focus()
        await pilot.press("ctrl+d")  # removes "Second", the row with the cursor
        await pilot.pause()
        assert [r.what.value for r in screen.rows] == ["First", "Third"]
        assert [r.number for r in screen.rows] == [1, 2]
        assert "Action 2" in str(screen.rows[1].query_one(".row-title", Static).render())
        assert not screen.query_one("#add-row", Button).disabled
        await pilot.press("ctrl+n")
        await pilot.pause()
    _, actions = saved(db_path)
    assert sorted(a.text for a in actions) == ["First", "Third"]


async def test_blank_extra_row_is_ignored_and_button_adds_rows(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await type_text(pilot, "Only this")
        await pilot.click("#add-row")
        await pilot.pause()
        assert len(app.screen.rows) == 2
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
    assert [a.text for a in saved(db_path)[1]] == ["Only this"]


async def test_resume_prefills_and_replaces_rather_than_duplicates(db_path):
    def two_actions(store, alset, m):
        for i, text in enumerate(["Old one", "Old two"]):
            store.save_action(Action(set_id=alset.id, owner="Asha", text=text, meeting_id=m.id,
                                     due="2026-04-01", report_to="Carys", confidence=2,
                                     created=m.date, id=f"old{i}"))
        store.save_action(Action(set_id=alset.id, owner="Asha", text="From last time",
                                 meeting_id="earlier", created="2026-02-10", id="earlier1"))

    alset, m = build(db_path, "actions", two_actions)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        rows = screen.rows
        assert [r.what.value for r in rows] == ["Old one", "Old two"]
        assert rows[0].due.value == "2026-04-01" and rows[0].report_to == "Carys"
        assert rows[0].confidence.value == "2"
        await clear_field(pilot)
        await type_text(pilot, "New one")
        rows[1].what.focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
    store = Store(db_path)
    try:
        mine = store.actions("set1", "Asha")
    finally:
        store.close()
    this_meeting = [a for a in mine if a.meeting_id == "meet1"]
    assert [(a.id, a.text) for a in this_meeting] == [("old0", "New one")]
    assert any(a.id == "earlier1" for a in mine)  # other meetings' actions untouched


async def test_left_early_presenter_may_have_no_actions_after_confirming(db_path):
    def left_early(store, alset, m):
        m.sessions[0].left_early = True

    alset, m = build(db_path, "actions", left_early)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        assert app.screen.query_one("#left-early")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen)
        assert saved_in(app)[0].phase == "session"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
    meeting, actions = saved(db_path)
    assert actions == [] and meeting.phase == "review" and meeting.sessions[0].actions_done


async def test_harvested_questions_and_insights_are_shown_literally(db_path):
    def harvest(store, alset, m):
        m.sessions[0].questions = [HarvestedQuestion("Ben", "What is [bold]really[/bold] at stake?")]
        m.sessions[0].insights = ["I can ask for help 🙂"]

    alset, m = build(db_path, "actions", harvest)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        items = [str(w.render()) for w in app.screen.query(".harvest-item")]
        assert items == ["Ben: What is [bold]really[/bold] at stake?", "• I can ask for help 🙂"]
        principle = str(app.screen.query_one("#action-principle", Static).render())
        assert "The presenter decides — not the set." in principle


async def test_back_returns_to_the_last_stage(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    shown = []
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        app.show_meeting = lambda ctx: shown.append(ctx.meeting.phase)  # the stage screen is not ours
        await pilot.press("ctrl+b")
        await pilot.pause()
    meeting, _ = saved(db_path)
    session = meeting.sessions[0]
    assert session.current_stage == len(session.stages) - 1
    assert shown == ["session"]


async def test_actions_screen_works_at_80x24(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert screen.has_class("-narrow")
        assert screen.rows[0].what.region.height > 0
        assert screen.query_one("#save", Button).region.height > 0
        await type_text(pilot, "Phone the trust")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)


def test_date_problem():
    assert date_problem("2026-04-07", "2026-03-10") is None
    assert date_problem("2026-03-10", "2026-03-10") is None
    assert "after" in date_problem("2026-03-10", "2026-03-10", strictly_after=True)
    assert "before" in date_problem("2026-03-09", "2026-03-10")
    assert "not a date" in date_problem("2026-02-30", "2026-01-01")
    assert "not a date" in date_problem("20260407", "2026-01-01")
    assert date_problem("", "2026-01-01", blank_ok=True) is None
    assert date_problem(" ", "2026-01-01") is not None


# -- process review -----------------------------------------------------------------------------
async def test_review_notes_and_change_are_saved_then_summary(db_path):
    alset, m = build(db_path, "review")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert isinstance(screen, ProcessReviewScreen)
        prompts = [str(w.render()) for w in screen.query(".prompt")]
        assert prompts and prompts[0].startswith("• ")
        assert app.focused.id == "note-0"
        await type_text(pilot, "Good questions")
        await pilot.press("enter")  # on to the next person
        assert app.focused.id == "note-1"
        await type_text(pilot, "Too much advice | sorry")
        screen.query_one("#change", Input).focus()
        await type_text(pilot, "Start on time")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    meeting, _ = saved(db_path)
    assert meeting.review.notes == {"Asha": "Good questions", "Ben": "Too much advice | sorry"}
    assert meeting.review.change_next_time == "Start on time"
    assert meeting.phase == "summary" and meeting.status == IN_PROGRESS


async def test_review_prefills_on_resume_and_leaving_keeps_typing(db_path):
    def reviewed(store, alset, m):
        m.review.notes = {"Carys": "Felt heard"}
        m.review.change_next_time = "Fewer stacked questions"

    alset, m = build(db_path, "review", reviewed)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert screen.query_one("#note-2", Input).value == "Felt heard"
        assert screen.query_one("#change", Input).value == "Fewer stacked questions"
        screen.query_one("#note-4", Input).focus()
        await type_text(pilot, "Tired")
        await pilot.press("ctrl+l")  # home; the meeting stays in progress
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, _ = saved(db_path)
    assert meeting.phase == "review"
    assert meeting.review.notes == {"Carys": "Felt heard", "Erin": "Tired"}


# -- summary ------------------------------------------------------------------------------------
def at_summary(store, alset, m):
    m.review.notes = {"Asha": "Good pace"}
    m.phase = "summary"


async def test_summary_finish_saves_and_goes_home(db_path):
    alset, m = build(db_path, "review", at_summary)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        source = screen.query_one("#minutes", Markdown).source
        assert "Asha: Issue of Asha" in source and "Call the sponsor" in source
        assert screen.query_one("#next-date", Input).value == "2026-04-07"
        assert app.focused is screen.query_one("#next-date", Input)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, _ = saved(db_path)
    assert meeting.status == FINISHED and meeting.phase == "summary"
    assert meeting.next_meeting == "2026-04-07" and meeting.ended_at == "2026-03-10"
    assert meeting.sessions[0].title == "Issue of Asha"  # not confidential: kept
    assert not meeting.confidential_scrubbed


async def test_summary_refuses_a_bad_next_date_and_accepts_a_changed_one(db_path):
    alset, m = build(db_path, "review", at_summary)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        for bad, words in (("2026-04-31", "not a date"), ("2026-03-10", "not after"), ("2026-01-01", "not after")):
            await clear_field(pilot)
            await type_text(pilot, bad)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            assert words in error_text(screen, "#summary-error"), bad
            assert saved_in(app)[0].status == IN_PROGRESS
        await clear_field(pilot)
        await type_text(pilot, "2026-04-14")
        await pilot.press("enter")  # on to the Finish button
        assert app.focused is screen.query_one("#finish", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, _ = saved(db_path)
    assert meeting.status == FINISHED and meeting.next_meeting == "2026-04-14"


async def test_summary_allows_no_next_date(db_path):
    alset, m = build(db_path, "review", at_summary)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await clear_field(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, _ = saved(db_path)
    assert meeting.status == FINISHED and meeting.next_meeting == ""


async def test_confidential_set_is_scrubbed_on_finish(db_path):
    def harvest(store, alset, m):
        at_summary(store, alset, m)
        m.sessions[0].questions = [HarvestedQuestion("Ben", "What scares you?")]
        m.sessions[0].insights = ["Secret insight"]

    alset, m = build(db_path, "review", harvest, confidential=True)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        source = app.screen.query_one("#minutes", Markdown).source
        assert "Issue of Asha" not in source and "What scares you" not in source
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, actions = saved(db_path)
    assert meeting.status == FINISHED and meeting.confidential_scrubbed
    assert all(s.title == "(confidential)" and not s.questions and not s.insights for s in meeting.sessions)
    assert all(b.title == "" for b in meeting.bids)
    assert [a.text for a in actions] == ["Call the sponsor"]  # actions are kept
    assert meeting.review.notes == {"Asha": "Good pace"}
    raw = (db_path.read_bytes(), db_path.with_name(db_path.name + ".bak").read_bytes())
    for blob in raw:  # neither the file nor its backup still holds the details
        assert b"What scares you" not in blob and b"Secret insight" not in blob and b"Issue of Asha" not in blob


async def test_finished_meeting_is_read_only(db_path):
    alset, m = build(db_path, "summary")
    before, _ = saved(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        assert isinstance(screen, SummaryScreen) and screen.read_only
        assert not screen.query("#finish") and not screen.query("#next-date")
        assert "Good pace" in screen.query_one("#minutes", Markdown).source
        bound = {b.binding.action for b in screen.active_bindings.values()}
        assert "close" in bound and "finish" not in bound and "back" not in bound
        await pilot.press("ctrl+b")  # no going back into a finished meeting
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    after, _ = saved(db_path)
    assert after == before


async def test_finished_meeting_escape_goes_back(db_path):
    alset, m = build(db_path, "summary")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_summary_back_to_review(db_path):
    alset, m = build(db_path, "review", at_summary)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
        assert app.screen.query_one("#note-0", Input).value == "Good pace"
    meeting, _ = saved(db_path)
    assert meeting.phase == "review"


async def test_whole_end_of_meeting_by_keys(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await type_text(pilot, "Draft the proposal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ProcessReviewScreen)
        await type_text(pilot, "Useful")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        source = app.screen.query_one("#minutes", Markdown).source
        assert "Draft the proposal" in source and "Asha: Useful" in source
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting, actions = saved(db_path)
    assert meeting.status == FINISHED
    assert [a.text for a in actions] == ["Draft the proposal"]
    store = Store(db_path)
    try:
        assert store.meeting_in_progress("set1") is None
    finally:
        store.close()


async def test_copy_minutes_and_help(db_path):
    alset, m = build(db_path, "summary")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == screen.minutes()
        assert app.clipboard.startswith("# Ward managers: meeting of Tuesday 10 March 2026")
        await pilot.press("f1")
        await pilot.pause()
        source = app.screen.query_one("#help-text", Markdown).source
        assert source.startswith("# Summary") and "Copy the minutes" in source


async def test_help_on_actions_and_review(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        await pilot.press("f1")
        await pilot.pause()
        source = app.screen.query_one("#help-text", Markdown).source
        assert source.startswith("# Actions") and "Add another action" in source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionScreen)


async def test_the_draft_minutes_name_the_next_meeting_the_field_offers(db_path):
    """The draft said "Next meeting: Not set yet." beside a date field showing the next date."""
    alset, m = build(db_path, "review", at_summary)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, app, alset, m)
        screen = app.screen

        def next_meeting() -> str:
            return screen.query_one("#minutes", Markdown).source.split("## Next meeting")[1].strip()

        assert next_meeting().endswith("(2026-04-07)")
        field = screen.query_one("#next-date", Input)
        field.value = ""
        await pilot.press(*"2026-04-1")  # not a date yet
        await pilot.pause()
        assert next_meeting() == "Not set yet."
        await pilot.press("4")
        await pilot.pause()
        assert next_meeting().endswith("(2026-04-14)")
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting, _ = saved(db_path)
    assert meeting.next_meeting == "2026-04-14"


async def test_actions_at_40x12_every_field_of_a_row_can_be_reached_in_view(db_path):
    alset, m = build(db_path, "actions")
    app = make_app(db_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_meeting(pilot, app, alset, m)
        row = app.screen.rows[0]
        for field in (row.what, row.due, row.confidence, row.support):
            for _ in range(12):
                if app.focused is field:
                    break
                await pilot.press("tab")
            await pilot.pause()
            assert app.focused is field
            region = field.region
            assert region.height > 0 and region.x >= 0 and region.right <= 40, (field.classes, region)
        await pilot.press("ctrl+a")  # nothing more: the row fits; the Save button is still there
        assert app.screen.query_one("#save", Button).region.right <= 40


async def test_actions_at_80x24_show_several_noted_questions_above_the_form(db_path):
    def noted(store, alset, m):
        m.sessions[0].questions = [
            HarvestedQuestion("Carla", f"How many nurses are shared between the two wards on the night shift ({i})?")
            for i in range(4)
        ]

    alset, m = build(db_path, "actions", noted)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot, app, alset, m)
        harvest = app.screen.query_one("#harvest")
        inside = harvest.content_region
        seen = [item for item in app.screen.query(".harvest-item") if inside.contains_region(item.region)]
        assert len(seen) >= 3, [item.region for item in app.screen.query(".harvest-item")]
        assert app.screen.rows[0].what.region.height > 0


async def test_reached_from_the_last_stage_the_noted_questions_fill_their_column(db_path):
    """Reached by keys from the stages (not opened directly), the notes' column was 6 rows tall
    beside a 27-row form at 120x36: laid out once for a narrow screen, before its size was known."""
    from tests.helpers import app_at, open_meeting as open_at

    db_path.unlink(missing_ok=True)
    app = app_at(db_path, "session")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_at(pilot)
        for _ in range(8):
            if isinstance(app.screen, ActionScreen):
                break
            await pilot.press("ctrl+n")
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionScreen)
        body, harvest = screen.query_one("#action-body"), screen.query_one("#harvest")
        assert harvest.region.height == body.region.height > 20
