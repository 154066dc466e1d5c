"""Shared-screen polish by keys: the command palette, themes per set, the large clock, sound, the
first-meeting guide, and help that lists hidden keys. Results are checked in the saved file."""

from __future__ import annotations

import stat

import pytest

from als_tui import themes
from als_tui.clock import FakeClock
from als_tui.commands import MeetingCommands, commands_for, minutes_path
from als_tui.store import Store
from als_tui.widgets.big_clock import BigClock, big_lines, fit_scale, render_big
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import open_meeting, settled


def setup(db_path, phase="session", **kw):
    with Store(db_path) as store:
        alset = make_set(store, 5, **kw)
        meeting = meeting_at(store, alset, phase)
    return alset, meeting


async def to_stage(pilot):
    """From home to the first question stage of the first presenter (clock running)."""
    await open_meeting(pilot)
    await pilot.press("ctrl+n", "ctrl+n")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "StageScreen"


async def palette(pilot, query: str) -> None:
    """Open Ctrl+P, type *query*, run the top hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "CommandPalette"
    for ch in query:
        await pilot.press("space" if ch == " " else ch)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause(0.2)


def saved_set(db_path):
    """The set as saved on disk (read without the lock: the app under test may hold it)."""
    with Store(db_path, lock=False) as store:
        return store.get_set("set1")


# -- the palette ---------------------------------------------------------------------------------
async def test_palette_high_contrast_changes_theme_and_keeps_it_for_the_set(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        assert app.theme == themes.DEFAULT_THEME
        await palette(pilot, "high contrast")
        assert app.theme == themes.CONTRAST
        assert type(app.screen).__name__ == "StageScreen"
        await pilot.press("ctrl+l")  # home: the app's own theme comes back
        await pilot.pause()
        assert app.theme == themes.DEFAULT_THEME
    assert saved_set(db_path).theme == themes.CONTRAST


async def test_palette_discovers_real_commands_with_an_empty_query(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        provider = MeetingCommands(app.screen)
        titles = [hit.text async for hit in provider.discover()]
        for expected in ("Next step: Next stage", "Go to phase: Opening", "Go to phase: Bids", "Pause the clock",
                         "Extend the clock by 2 minutes", "Extend the clock by 5 minutes", "Large clock on",
                         "High contrast theme", "Projector theme (light)", "Mute the sound for this set",
                         "Help for this screen", "First meeting guide", "Export the minutes of this meeting",
                         "Question gym", "Prepare for the next meeting", "History of the set"):
            assert expected in titles, expected
        assert "Go to phase: Process review" not in titles  # not reached yet
        assert "Go to phase: Issue sessions" not in titles  # that is where we are
        # Textual's own commands are still there: every built-in theme through "Change theme"
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "theme":
            await pilot.press(ch)
        await pilot.pause(0.4)
        options = app.screen.query_one("CommandList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(p.startswith("Theme") for p in prompts), prompts
        await pilot.press("escape")


async def test_palette_clock_commands_pause_and_extend(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        clock = app.screen.clock
        planned = clock.planned
        assert clock.running
        await palette(pilot, "pause the clock")
        assert not clock.running
        await palette(pilot, "extend the clock by 5")
        assert clock.planned == planned + 300


async def test_palette_jumps_back_to_a_phase_reached_and_on_again(db_path):
    _alset, meeting = setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        await palette(pilot, "go to phase bids")
        assert type(app.screen).__name__ == "BidScreen"
        with Store(db_path, lock=False) as store:
            assert store.get_meeting(meeting.id).phase == "bids"
        titles = [c.title for c in commands_for(app.screen)]
        assert "Go to phase: Check-in" in titles and "Go to phase: Bids" not in titles
        assert "Next step: Continue" in titles


async def test_palette_exports_the_minutes_beside_the_data_file(db_path):
    alset, meeting = setup(db_path, "review")
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        assert type(app.screen).__name__ == "ProcessReviewScreen"
        await palette(pilot, "export the minutes")
    path = minutes_path(db_path, alset.name, meeting.date)
    assert path.parent == db_path.parent and path.name == "ward-managers-2026-03-10-minutes.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Ward managers: meeting of") and "Call the sponsor" in text


async def test_palette_opens_the_gym_from_a_meeting_saving_it_first(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        await palette(pilot, "question gym")
        assert type(app.screen).__name__ == "GymScreen"
        assert type(app.screen_stack[-2]).__name__ == "HomeScreen"
    with Store(db_path) as store:
        (meeting,) = store.meetings("set1")
        assert meeting.status == "in_progress" and meeting.sessions[0].current_stage == 1


async def test_palette_opens_the_guide_and_help(db_path):
    setup(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("escape")  # the meeting in progress, offered at start: not now
        await palette(pilot, "first meeting guide")
        assert type(app.screen).__name__ == "GuideScreen"
        await pilot.press("escape")
        await palette(pilot, "help for this screen")
        assert type(app.screen).__name__ == "HelpScreen"


# -- themes per set ------------------------------------------------------------------------------
async def test_theme_key_cycles_and_saves_on_the_set(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f6")  # not on the home screen
        assert app.theme == themes.DEFAULT_THEME
        await to_stage(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert app.theme == themes.CONTRAST
        assert saved_set(db_path).theme == themes.CONTRAST
        await pilot.press("f6")
        await pilot.pause()
        assert app.theme == themes.PROJECTOR
    assert saved_set(db_path).theme == themes.PROJECTOR


async def test_a_sets_theme_opens_with_its_meeting_and_home_gets_the_default_back(db_path):
    setup(db_path, theme=themes.PROJECTOR)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == themes.DEFAULT_THEME
        await open_meeting(pilot)
        assert app.theme == themes.PROJECTOR
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.theme == themes.DEFAULT_THEME
    assert saved_set(db_path).theme == themes.PROJECTOR


async def test_set_setup_chooses_the_sets_theme(db_path):
    setup(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("escape")  # the meeting in progress, offered at start: not now
        await pilot.press("e")
        assert type(app.screen).__name__ == "SetSetupScreen"
        select = app.screen.query_one("#theme")
        assert select.value == ""
        select.value = themes.CONTRAST
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved_set(db_path).theme == themes.CONTRAST


def test_theme_cycle_and_choices():
    assert themes.next_in_cycle(themes.DEFAULT_THEME) == themes.CONTRAST
    assert themes.next_in_cycle(themes.PROJECTOR) == themes.DEFAULT_THEME
    assert themes.next_in_cycle("nord") == themes.DEFAULT_THEME
    choices = themes.choices({"textual-dark": 1, "nord": 1, themes.CONTRAST: 1, themes.PROJECTOR: 1})
    assert [v for _label, v in choices] == ["", "textual-dark", themes.CONTRAST, themes.PROJECTOR, "nord"]


# -- the large clock -----------------------------------------------------------------------------
async def test_large_clock_fills_the_middle_and_keeps_the_state_in_words(db_path):
    setup(db_path)
    clock = FakeClock(1000.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        big = app.screen.query_one(BigClock)
        assert not big.display or big.region.height == 0
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.large_clock
        assert big.region.height >= 10 and big.scale >= 2
        assert not app.screen.query_one("#stage-left").region.height  # the side panel makes room
        state = app.screen.query_one(".clock-state")
        assert state.region.height == 1 and str(state.render()).startswith("Running")
        caption = str(app.screen.query_one("#large-caption").render())
        assert "QUESTIONS ONLY" in caption
        await pilot.press("ctrl+n")  # the next stage keeps the layout
        await pilot.pause()
        assert type(app.screen).__name__ == "StageScreen" and app.screen.large_clock
        await pilot.press("l")
        await pilot.pause()
        assert not app.screen.large_clock
        assert app.screen.query_one("#stage-left").region.height > 0


def test_big_digits_scale_to_fit():
    assert fit_scale("12:34", 17, 3) == 1  # 17 pixels wide, 5 high: 3 rows of half blocks
    assert fit_scale("12:34", 34, 5) == 2
    assert fit_scale("12:34", 60, 8) == 3
    assert fit_scale("12:34", 96, 20) == 5
    assert fit_scale("12:34", 10, 2) == 0
    for scale in (1, 2, 3):
        lines = render_big("+05:00", scale)
        assert len({len(line) for line in lines}) == 1
        assert len(lines) == (5 * scale + 1) // 2
        assert set("".join(lines)) <= set(" █▀▄")
    assert big_lines("05:00", 4, 1) == ["05:00"]  # too small: plain text


# -- sound ---------------------------------------------------------------------------------------
async def test_mute_key_saves_sound_off_and_says_so(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        bells = []
        app.bell = lambda: bells.append(1)
        await pilot.press("f7")
        await pilot.pause()
        assert saved_set(db_path).sound is False
        assert app.screen.ctx.alset.sound is False
        assert "Sound off" in app.sub_title
        app.screen._ring()
        assert bells == []
        descriptions = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Sound: off" in descriptions and "Sound: on" not in descriptions
        await palette(pilot, "turn the sound on")
        assert saved_set(db_path).sound is True
        assert app.sub_title == ""
        app.screen._ring()
        assert bells == [1]


# -- help and the guide --------------------------------------------------------------------------
async def test_help_lists_hidden_keys_that_have_a_tooltip(db_path):
    setup(db_path)
    app = make_app(db_path, FakeClock(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await to_stage(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one("#help-text")._markdown
        assert "| `L` | The clock as big as the screen allows" in text
        assert "| `f6` |" in text and "| `f7` |" in text
        assert "| `^x` | The presenter has to leave" in text  # hidden from the footer, listed here
        assert "| `^t` | Start or pause the clock, also while the scribe is typing" in text


async def test_guide_opens_from_home_and_pages(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        guide = app.screen
        assert type(guide).__name__ == "GuideScreen"
        assert guide.page == 0 and guide.title_of_page == "What action learning is"
        await pilot.press("n")
        assert guide.title_of_page == "Who does what"
        await pilot.press("right", "right", "right")
        assert guide.title_of_page == "Asking good questions"
        await pilot.press("left")
        assert guide.title_of_page == "How a meeting runs"
        for _ in range(10):
            await pilot.press("n")
        assert guide.page == len(guide.pages) - 1
        await pilot.pause()
        assert guide.query_one("#guide-next").disabled
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


def test_guide_covers_the_method():
    from als_tui.screens.guide import guide_pages

    pages = dict(guide_pages())
    assert list(pages)[:2] == ["What action learning is", "Who does what"]
    text = "\n".join(pages.values())
    for topic in ("Ground rules", "How a meeting runs", "Asking good questions", "When it goes wrong"):
        assert topic in pages
    for words in ("Open questions", "Closed questions", "Leading questions", "Advice in disguise", "Silence",
                  "Advice creeping in", "Someone dominating", "The presenter gets upset"):
        assert words in text, words


@pytest.mark.parametrize("name", [themes.CONTRAST, themes.PROJECTOR])
async def test_our_themes_are_registered(db_path, name):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)):
        assert name in app.available_themes
        app.theme = name
        assert app.current_theme.name == name
