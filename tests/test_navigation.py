"""Moving between screens: by keys and by the palette the set sees the right screen and finds its
meeting where it left it; and no screen moves the app by itself (the app routes the messages of
als_tui/navigation.py in one place)."""

from __future__ import annotations

import ast
from pathlib import Path

import als_tui
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import open_meeting, screen_text

SCREENS = Path(als_tui.__file__).parent / "screens"
PALETTE = Path(als_tui.__file__).parent / "commands.py"

NAVIGATION = {
    # the app's own ways of moving (als_tui/navigation.py) and Textual's
    "show_meeting", "leave_meeting", "go_home", "open_between", "open_meeting", "start_meeting",
    "resume_meeting", "offer_resume", "switch_screen", "pop_screen", "switch_mode", "push_screen_wait",
}


def _moves(path: Path) -> list[str]:
    """Where *path* moves the app itself: a navigation method called, or a screen pushed that is
    not a dialog asking for an answer (``push_screen`` with a callback)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        dialog = name == "push_screen" and (len(node.args) >= 2 or any(k.arg == "callback" for k in node.keywords))
        if name in NAVIGATION or (name == "push_screen" and not dialog):
            found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_no_screen_moves_the_app_by_itself():
    """Screens (and the palette) post navigation messages; only the app changes the stack."""
    files = sorted(SCREENS.glob("*.py")) + [PALETTE]
    assert len(files) > 20
    moves = [m for f in files for m in _moves(f)]
    assert moves == []


def test_the_app_the_palette_and_the_help_probe_nothing():
    """They reach screens and the app through declared types, not getattr/hasattr."""
    probes = []
    for path in (PALETTE, SCREENS / "help.py", SCREENS / "styled.py", SCREENS.parent / "app.py",
                 SCREENS.parent / "navigation.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        probes += [f"{path.name}:{n.lineno}" for n in ast.walk(tree) if isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id in {"getattr", "hasattr"}]
    assert probes == []


def test_the_check_sees_a_screen_that_moves_the_app(tmp_path):
    """(The check above can fail: a screen calling the app, or pushing a screen, is found.)"""
    bad = tmp_path / "bad.py"
    bad.write_text("def go(self):\n    self.als.show_meeting(self.ctx)\n    self.app.push_screen(X())\n"
                   "    self.app.push_screen(Dialog(), self.answered)\n", encoding="utf-8")
    assert _moves(bad) == ["bad.py:2 show_meeting", "bad.py:3 push_screen"]


# -- by keys and by the palette, as a set sees it -----------------------------------------------------
def build(db_path, phase="bids"):
    with Store(db_path) as store:
        alset = make_set(store, 5)
        meeting = meeting_at(store, alset, phase)
    return alset, meeting


def saved_meeting(db_path, meeting_id):
    with Store(db_path, lock=False) as store:
        return store.get_meeting(meeting_id)


def phase_bar(app) -> str:
    return str(app.screen.query_one(".phase-bar").render())


async def until(pilot, ready, tries: int = 100) -> None:
    for _ in range(tries):
        if ready():
            return
        await pilot.pause()
    raise AssertionError("never came")


async def palette(pilot, title: str, query: str) -> None:
    """Ctrl+P, type *query*, and run the command titled *title* once it is listed first."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
    for ch in query:
        await pilot.press("space" if ch == " " else ch)

    def listed() -> bool:
        options = app.screen.query_one("CommandList")
        return options.option_count > 0 and str(options.get_option_at_index(0).prompt).startswith(title)

    await until(pilot, listed, tries=400)
    await pilot.press("enter")
    await until(pilot, lambda: type(app.screen).__name__ != "CommandPalette")
    await pilot.pause()


async def test_keys_take_the_set_home_to_the_history_and_back_into_its_meeting(db_path):
    alset, meeting = build(db_path, "bids")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "BidScreen" and "Bids" in phase_bar(app)
        await pilot.press("ctrl+l")  # home; the meeting stays in progress
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert "▶ meeting in progress" in screen_text(app)
        assert len(app.screen_stack) == 1
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        assert alset.name in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("escape")  # a second Esc at home goes nowhere
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and len(app.screen_stack) == 1
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "BidScreen" and "Bids" in phase_bar(app)
    assert saved_meeting(db_path, meeting.id).phase == "bids"


async def test_the_meeting_moves_on_by_its_next_key(db_path):
    _, meeting = build(db_path, "review")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "ProcessReviewScreen"
        depth = len(app.screen_stack)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        assert "Summary" in phase_bar(app)
        assert len(app.screen_stack) == depth  # in place of the review, not over it
    assert saved_meeting(db_path, meeting.id).phase == "summary"


async def test_the_palette_jumps_back_a_phase_and_out_to_the_screens_between_meetings(db_path):
    alset, meeting = build(db_path, "bids")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_meeting(pilot)
        await palette(pilot, "Go to phase: Check-in", "phase check")
        await until(pilot, lambda: type(app.screen).__name__ == "CheckInScreen")
        assert "Check-in" in phase_bar(app)
        await until(pilot, lambda: "Now at: Check-in." in screen_text(app))
        assert saved_meeting(db_path, meeting.id).phase == "checkin"
        await palette(pilot, "History of the set", "history")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "HistoryScreen"]
        assert app.sub_title == ""  # the meeting's header note went with it
        assert saved_meeting(db_path, meeting.id).status == "in_progress"
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await palette(pilot, "Question gym", "question gym")
        await until(pilot, lambda: type(app.screen).__name__ == "GymScreen")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "CheckInScreen"  # where the jump left it


async def test_ctrl_q_in_a_meeting_saves_it_where_it_was(db_path):
    alset, meeting = build(db_path, "bids")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    again = saved_meeting(db_path, meeting.id)
    assert again.phase == "bids" and again.status == "in_progress"


async def test_esc_from_prep_opened_first_goes_home(db_path):
    from als_tui.app import ALSApp
    from als_tui.clock import FakeClock

    build(db_path, "bids")
    app = ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: "2026-03-10", start="prep")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "PrepScreen")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert len(app.screen_stack) == 1
        assert "Ward managers" in screen_text(app)


async def test_two_quick_ctrl_n_move_the_meeting_on_once(db_path):
    """Both keys arrive before the app has shown the next screen (a key held down, a slow
    machine): the first moves the review on to the summary; the second must not act on the
    review again, and nothing finishes the meeting."""
    from textual import events

    _, meeting = build(db_path, "review")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "ProcessReviewScreen"
        shown = []
        show = app.show_meeting
        app.show_meeting = lambda ctx: (shown.append(ctx.meeting.phase), show(ctx))  # type: ignore[method-assign]
        app.post_message(events.Key("ctrl+n", None))
        app.post_message(events.Key("ctrl+n", None))
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        for _ in range(5):
            await pilot.pause()
        assert shown == ["summary"]
        assert type(app.screen).__name__ == "SummaryScreen"
    again = saved_meeting(db_path, meeting.id)
    assert again.phase == "summary" and again.status == "in_progress"
