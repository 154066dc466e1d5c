"""Action tracker, history and insight screens, driven by keys; assertions read the saved file."""

from __future__ import annotations

from textual.widgets import DataTable

from als_tui.model import (
    ABANDONED,
    APOLOGIES,
    DONE,
    DROPPED,
    FINISHED,
    OPEN,
    PARTLY,
    Action,
    Meeting,
)
from als_tui.screens.history import HistoryScreen, PastMeetingScreen
from als_tui.screens.home import HomeScreen
from als_tui.screens.insight import InsightScreen
from als_tui.screens.summary import SummaryScreen
from als_tui.screens.tracker import StatusNoteScreen, TrackerScreen
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import text_of


# -- a small known history (also used by the snapshots) --------------------------------------------
def past_meeting(store, alset, mid, date, presenters, apologies=(), change="", phase="summary") -> Meeting:
    """A meeting walked through by the factory, then given its own id, presenters and absences."""
    m = meeting_at(store, alset, phase, presenters=max(1, len(presenters)), date=date)
    store.delete_meeting("meet1")
    for action in store.actions(alset.id):
        if action.meeting_id == "meet1":
            store.delete_action(action.id)
    m.id = mid
    for session, name in zip(m.sessions, presenters):
        session.presenter = name
    for name in apologies:
        m.attendance[name] = APOLOGIES
    m.review.change_next_time = change
    store.save_meeting(m)
    return m


def action(owner, text, mid, created, due, id, status=OPEN, report_to="", when="2026-03-03"):
    a = Action(set_id="set1", owner=owner, text=text, meeting_id=mid, due=due, created=created, id=id,
               report_to=report_to)
    if status != OPEN:
        a.set_status(status, "said at check-in", meeting_id="m3", when=when)
    return a


def build_history(store):
    """Four meetings of five members (one abandoned), five actions (two overdue on 2026-03-10)."""
    alset = make_set(store, 5)
    past_meeting(store, alset, "m1", "2026-01-13", ["Asha"], change="Start on time, even if someone is late")
    past_meeting(store, alset, "m2", "2026-02-10", ["Carys", "Dev"], apologies=["Erin"],
                 change="Keep the account to ten minutes")
    abandoned = past_meeting(store, alset, "ab1", "2026-02-24", [], phase="checkin")
    abandoned.status, abandoned.ended_at = ABANDONED, "2026-02-24"
    store.save_meeting(abandoned)
    past_meeting(store, alset, "m3", "2026-03-03", ["Erin"])
    for a in (
        action("Asha", "Ask the matron for a rota review", "m1", "2026-01-13", "2026-02-10", "a1", DONE, "Ben"),
        action("Carys", "Draft the escalation checklist with the night team", "m2", "2026-02-10", "2026-03-01",
               "a2", PARTLY, "Asha"),
        action("Dev", "Shadow a weekend shift", "m2", "2026-02-10", "2026-03-01", "a3"),
        action("Dev", "Write to the union rep", "m2", "2026-02-10", "2026-03-31", "a5", DROPPED),
        action("Erin", "Book a meeting with finance", "m3", "2026-03-03", "2026-04-01", "a4", report_to="Dev"),
    ):
        store.save_action(a)
    return alset


def history_db(db_path):
    with Store(db_path) as store:
        build_history(store)


def cells(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


# -- tracker ---------------------------------------------------------------------------------------
async def test_tracker_lists_all_actions_with_overdue_marked_in_text(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrackerScreen)
        rows = cells(screen)
        # newest agreements first, in member order within a day
        assert [r[0] for r in rows] == ["Erin", "Carys", "Dev", "Dev", "Asha"]
        status = {r[1][:12]: r[5] for r in rows}
        assert status["Draft the es"] == "partly done · ⚠ overdue"
        assert status["Shadow a wee"] == "open · ⚠ overdue"
        assert status["Write to the"] == "dropped"  # closed: never overdue
        assert status["Book a meeti"] == "open"  # due later
        assert status["Ask the matr"] == "done"
        assert "5 in all, 3 still open, 2 ⚠ overdue" in text_of(screen, "#tracker-bar")
        assert "Erin: Book a meeting with finance" in text_of(screen, "#tracker-detail")


async def test_tracker_filters_and_status_edit_are_saved(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        await pilot.press("m", "m", "m", "m")  # Everyone -> Asha -> Ben -> Carys -> Dev
        await pilot.pause()
        assert [r[1] for r in cells(screen)] == ["Shadow a weekend shift", "Write to the union rep"]
        assert "showing 2" in text_of(screen, "#tracker-bar")
        await pilot.press("s", "s")  # all -> still open -> overdue
        await pilot.pause()
        assert [r[1] for r in cells(screen)] == ["Shadow a weekend shift"]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StatusNoteScreen)
        await pilot.press(*"Did two shifts in the end", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert cells(screen) == []  # no longer overdue
        assert "No actions match these filters" in text_of(screen, "#tracker-detail")
        await pilot.press("s")  # not reported on yet: Dev has none left
        await pilot.pause()
        assert cells(screen) == []
        await pilot.press("m")  # everyone
        await pilot.pause()
        assert [r[0] for r in cells(screen)] == ["Erin"]
    with Store(db_path) as store:
        a3 = next(a for a in store.actions("set1") if a.id == "a3")
    assert a3.status == DONE
    assert a3.history[-1].to_dict() == {"date": "2026-03-10", "status": DONE, "note": "Did two shifts in the end",
                                        "meeting_id": "", "after_meeting": "m3"}  # (heard at the next meeting)


async def test_tracker_enter_asks_for_the_status_and_esc_cancels(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # back home
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a", "enter")  # Erin's action
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StatusNoteScreen)
        await pilot.press("tab", *"soon", "enter")  # no status chosen yet
        await pilot.pause()
        assert "Choose done, partly" in text_of(dialog, "#status-error")
        assert app.focused is dialog.query_one("#status-choice")
        await pilot.press("right", "space")  # partly; the note box takes focus
        await pilot.pause()
        assert app.focused is dialog.query_one("#status-note")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        await pilot.press("down", "x")
        await pilot.pause()
        await pilot.press("escape")  # cancel: Carys's action is left alone
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
    with Store(db_path) as store:
        actions = {a.id: a for a in store.actions("set1")}
    assert actions["a4"].status == PARTLY and actions["a4"].history[-1].note == "soon"
    assert actions["a2"].status == PARTLY and len(actions["a2"].history) == 1


async def test_tracker_with_no_actions_explains(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "No actions yet" in text_of(app.screen, "#tracker-detail")
        assert not app.screen.query_one(DataTable).display
        await pilot.press("d")  # nothing highlighted: a notice, no crash
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)


# -- history ---------------------------------------------------------------------------------------
async def test_history_opens_past_meetings_read_only_and_back(db_path):
    history_db(db_path)
    with Store(db_path) as store:
        before = store.raw()["meetings"]
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert cells(screen) == [
            ["2026-03-03", "✓ finished", "5 of 5", "Erin", "1"],
            ["2026-02-24", "✗ abandoned", "5 of 5", "—", "0"],
            ["2026-02-10", "✓ finished", "4 of 5", "Carys, Dev", "3"],
            ["2026-01-13", "✓ finished", "5 of 5", "Asha", "1"],
        ]
        assert "3 meetings held, 1 not finished" in text_of(screen, "#history-bar")
        await pilot.press("enter")
        await pilot.pause()
        summary = app.screen
        assert type(summary) is SummaryScreen and summary.read_only
        assert summary.meeting.id == "m3"
        assert "Summary — finished" in text_of(summary, ".phase-bar")
        await pilot.press("ctrl+n")  # read-only: Ctrl+N closes, it does not finish anything
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("down", "enter")
        await pilot.pause()
        past = app.screen
        assert isinstance(past, PastMeetingScreen) and past.read_only
        assert "abandoned" in text_of(past, ".phase-bar")
        assert "closed before it finished" in text_of(past, "#finished-note")
        assert not past.query("#finish")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        after = store.raw()["meetings"]
    assert after == before
    assert {m["id"]: m["status"] for m in after.values()} == {
        "m1": FINISHED, "m2": FINISHED, "ab1": ABANDONED, "m3": FINISHED}


async def test_history_i_opens_insight_and_esc_comes_back(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "i")
        await pilot.pause()
        assert isinstance(app.screen, InsightScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_history_and_insight_of_a_new_set(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert "No meetings yet" in text_of(app.screen, "#history-note")
        await pilot.press("enter", "i")
        await pilot.pause()
        assert isinstance(app.screen, InsightScreen)
        assert "Nothing to show yet" in text_of(app.screen, "#insight-empty")
        assert not app.screen.query_one("#insight-attendance").display


# -- insight ---------------------------------------------------------------------------------------
async def test_insight_shows_the_numbers_in_text(db_path):
    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightScreen)
        assert "4 meetings from 2026-01-13 to 2026-03-03" in text_of(screen, "#insight-bar")
        attendance = text_of(screen, "#insight-attendance")
        assert "came to 4 of 4 (100%)" in attendance
        assert "came to 3 of 4 (75%) · 1 apology" in attendance  # Erin
        presenting = text_of(screen, "#insight-presenting")
        # Asha: ● at m1, then came to the three others
        assert "Asha        ●○○○  1 time · last 2026-01-13, 3 meetings ago" in presenting
        assert "Erin        ○–○●  1 time · last 2026-03-03, at the last meeting" in presenting
        assert "Ben has not presented yet." in presenting
        # reported on: a1 done (m1); a2 partly, a5 dropped (m2) -> 1 of 3 done; 3 still open (a2, a3, a4)
        numbers = text_of(screen, "#insight-spark-numbers")
        assert numbers == ("per meeting, from 100% done (2026-01-13) to 0% (2026-02-10) · "
                           "in all, 1 of the 3 reported on are done (33%) · 3 still open")
        per = text_of(screen, "#insight-actions")
        assert "1 of 1 done (100%)" in per  # Asha
        assert "0 of 1 done (0%) · 1 still open" in per  # Dev: dropped one, one open
        assert "none reported on yet · 1 still open" in per  # Erin
        assert "no actions yet" in per  # Ben
        time = text_of(screen, "#insight-time")
        assert "Check-in (each person)" in time and "used    " in time
        changes = text_of(screen, "#insight-changes")
        assert changes.index("2026-01-13  Start on time") < changes.index("2026-02-10  Keep the account")


async def test_tracker_shows_markup_literally(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(action("[b]Zed[/b]", "Fix [red]this[/red]", "m1", "2026-01-13", "", "z1"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert cells(app.screen)[0][:2] == ["[b]Zed[/b]", "Fix [red]this[/red]"]
        assert "[b]Zed[/b]: Fix [red]this[/red]" in text_of(app.screen, "#tracker-detail")


async def test_history_tells_two_meetings_on_one_date_apart_as_the_minutes_do(db_path):
    """Two meetings on 2026-03-03 both read "2026-03-03 ✓ finished 5 of 5": the list says which was
    first, with the words of their minutes' headings."""
    with Store(db_path) as store:
        alset = build_history(store)
        past_meeting(store, alset, "m4", "2026-03-03", ["Ben"])
    app = make_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        rows = cells(app.screen)
        assert [r[0] for r in rows[:3]] == [
            "2026-03-03 (second meeting that day)", "2026-03-03 (first meeting that day)", "2026-02-24"]
        assert rows[0][3] == "Ben" and rows[1][3] == "Erin"


async def test_the_overdue_mark_is_whole_when_the_table_scrolls_at_120_columns(db_path):
    """At 120 columns with more actions than rows, "partly done · ⚠ overdu": the table's margin
    was not counted, so its scrollbar cut the status column."""
    from tests.helpers import screen_text

    history_db(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_y > 0  # (the rows do not all fit: the scrollbar is there)
        rows = [line for line in screen_text(app).splitlines() if "Carys" in line and "Draft" in line]
        assert rows and "partly done · ⚠ overdue" in rows[0]


async def test_insight_with_one_rated_meeting_does_not_glue_the_label_to_the_numbers(db_path):
    """A two-meeting set read "Done, 0–100%in all, 1 of the 3 …": no chart, and the label ran on."""
    from tests.helpers import screen_text

    with Store(db_path) as store:
        alset = make_set(store, 5)
        past_meeting(store, alset, "m1", "2026-01-13", ["Asha"])
        store.save_action(action("Asha", "Ask the matron", "m1", "2026-01-13", "2026-02-10", "a1", DONE))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        line = next(x for x in screen_text(app).splitlines() if "Done, 0–100%" in x)
        assert "Done, 0–100% " in line and "in all, 1 of the 1 reported on" in line
