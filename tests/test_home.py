"""Home and set setup, driven by keys; results checked in the saved file."""

from als_tui.screens.home import HomeScreen
from als_tui.screens.set_setup import SetSetupScreen
from als_tui.store import Store

from tests.factories import make_app, make_set
from tests.helpers import type_text


async def test_create_set_by_keys_and_find_it_in_the_file(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "No learning sets yet" in str(app.screen.query_one("#empty").render())
        await pilot.press("n")
        assert isinstance(app.screen, SetSetupScreen)
        await type_text(pilot, "Heads of year")
        await pilot.press("tab")
        await type_text(pilot, "Asha\nBen\nCarys\nDev\nErin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        (alset,) = store.sets()
        assert alset.name == "Heads of year"
        assert alset.active_members == ["Asha", "Ben", "Carys", "Dev", "Erin"]
        assert alset.meeting_minutes == 150
        assert any("onfidential" in r for r in alset.ground_rules)


async def test_bad_member_list_shows_error_and_saves_nothing(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Set A")
        await pilot.press("tab")
        await type_text(pilot, "Asha\nasha\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetSetupScreen)
        error = str(app.screen.query_one("#form-error").render())
        assert "Member line 2" in error and "already used" in error
        await pilot.press("escape", "y")  # what was typed would be lost: asked, and left
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        assert store.sets() == []


async def test_long_paste_and_control_characters_are_refused(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Set B")
        await pilot.press("tab")
        app.screen.query_one("#members").text = "x" * 10_000 + "\nBen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at most 60 characters" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#members").text = "Ann\x07\nBen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "control characters" in str(app.screen.query_one("#form-error").render())


async def test_edit_set_keeps_leavers_and_markup_names_are_literal(db_path):
    with Store(db_path) as store:
        make_set(store, 4)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, SetSetupScreen)
        app.screen.query_one("#members").text = "Asha\nBen\n[bold]Zed[/]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail").render())
        assert "[bold]Zed[/]" in detail
    with Store(db_path) as store:
        alset = store.sets()[0]
        assert alset.active_members == ["Asha", "Ben", "[bold]Zed[/]"]
        assert {m.name for m in alset.members if not m.active} == {"Carys", "Dev"}


async def test_help_opens_and_closes(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_esc_on_the_new_set_form_asks_before_throwing_away_what_was_typed(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed yet: straight back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Ward managers")
        await pilot.press("tab")
        await type_text(pilot, "Asha\nBen\nCarys")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")  # Stay
        await pilot.pause()
        assert isinstance(app.screen, SetSetupScreen)
        assert app.screen.query_one("#name").value == "Ward managers"
        assert app.screen.query_one("#members").text == "Asha\nBen\nCarys"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        assert [s.active_members for s in store.sets()] == [["Asha", "Ben", "Carys"]]


async def test_the_set_form_shows_ticked_and_unticked_by_the_glyph_not_the_colour(db_path):
    from tests.helpers import screen_text

    app = make_app(db_path)
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#confidential").value and screen.query_one("#coaching").value
        text = screen_text(app)
        line = next(row for row in text.splitlines() if "Confidential:" in row)
        assert "▐ ▌" in line and "X" not in line.split("Confidential")[0]
        line = next(row for row in text.splitlines() if "Coach questions live" in row)
        assert "▐X▌" in line
        rules = screen.query_one("#rules")
        rules.focus()
        await pilot.press("space")  # unticks the first rule
        await pilot.pause()
        first = str(rules.get_option_at_index(0).prompt)
        row = next(r for r in screen_text(app).splitlines() if first[:30] in r)
        assert "▐ ▌" in row and "▐X▌" not in row, row
