"""How screens are styled and shown: each screen's own CSS file, one styling pass when a screen
is first shown, a restyle when it comes back, and one footer rebuild per burst of key changes."""

import re
from pathlib import Path

from textual.screen import Screen

import als_tui
from als_tui.screens.help import HelpScreen
from als_tui.screens.home import HomeScreen
from als_tui.screens.tracker import TrackerScreen
from als_tui.store import Store
from als_tui.widgets.footer import Footer

from tests.factories import make_app, make_set

SCREENS = Path(als_tui.__file__).parent / "screens"


def _css_paths_named_in_code() -> set[str]:
    named: set[str] = set()
    for source in SCREENS.glob("*.py"):
        for match in re.finditer(r"^    CSS_PATH = (.+)$", source.read_text(encoding="utf-8"), re.M):
            named.update(re.findall(r'"([^"]+\.tcss)"', match.group(1)))
    return named


def test_every_screen_css_file_is_named_by_a_screen_and_every_name_exists():
    on_disk = {p.name for p in SCREENS.glob("*.tcss")}
    named = _css_paths_named_in_code()
    assert named <= on_disk, f"named but missing: {sorted(named - on_disk)}"
    assert on_disk <= named, f"never loaded: {sorted(on_disk - named)}"


def test_the_app_stylesheet_holds_only_what_the_first_screen_needs():
    """Rules for other screens live in their own files, loaded when those screens first open."""
    app_css = (Path(als_tui.__file__).parent / "app.tcss").read_text(encoding="utf-8")
    for elsewhere in ("HelpScreen", "GuideScreen", "#form", ".dialog", ".phase-bar", "StageScreen", "#prompt-card"):
        assert elsewhere not in app_css


async def test_a_dialog_gets_its_own_rules_when_first_shown(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        # help.tcss is loaded as the dialog is pushed, after Textual has styled the screen itself
        assert (help_screen.styles.align_horizontal, help_screen.styles.align_vertical) == ("center", "middle")
        assert help_screen.query_one("#help-box").styles.border_top[0] == "thick"


async def test_a_screen_shown_again_is_restyled_for_a_theme_changed_meanwhile(db_path):
    with Store(db_path) as store:
        make_set(store)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        sets = home.query_one("#sets")
        assert sets.styles.border_top[0] == "round"
        await pilot.press("a")  # the action tracker covers home
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        app.theme = "als-contrast"  # home is not on top: Textual restyles it when it comes back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert sets.styles.border_top[0] == "heavy"


async def test_the_first_showing_of_a_screen_styles_its_widgets_once(db_path):
    with Store(db_path) as store:
        make_set(store)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        styled: list[object] = []
        apply = app.stylesheet.apply

        def counting_apply(node, *args, **kwargs):
            styled.append(node)
            return apply(node, *args, **kwargs)

        app.stylesheet.apply = counting_apply  # type: ignore[method-assign]
        await pilot.press("a")
        await pilot.pause()
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        table = tracker.query_one("#tracker-table")
        # once as it mounts; a second time only for a real change (focus), never a whole second pass
        assert 1 <= styled.count(table) <= 2
        widgets = list(tracker.walk_children(with_self=False))
        assert sum(styled.count(w) for w in widgets) < 2 * len(widgets)


async def test_the_footer_is_rebuilt_once_for_a_burst_of_binding_changes(db_path):
    """A burst of binding changes rebuilds the footer once, and only if what it shows changed."""
    with Store(db_path) as store:
        make_set(store)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen: Screen = app.screen
        footer = screen.query_one(Footer)
        for _ in range(50):  # let the rebuilds of the start finish (a loaded machine is slower)
            await pilot.pause()
            if not footer._rebuild_queued:
                break
        built = footer.builds
        for _ in range(5):  # nothing the footer shows has changed: nothing to rebuild
            screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.builds == built

        def meeting_disabled(action: str, parameters: tuple[object, ...]) -> bool | None:
            return None if action == "meeting" else True  # (None: shown, dimmed)

        screen.check_action = meeting_disabled  # type: ignore[method-assign]
        for _ in range(5):
            screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.builds == built + 1
        keys = {str(k.description): k for k in footer.query("FooterKey")}
        assert "New set" in keys and keys["Meeting"].has_class("-disabled")
        # a later change is shown too: the footer is not stuck after a rebuild
        del screen.check_action
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.builds == built + 2
        assert not footer.query("FooterKey.-disabled")


async def test_als_prep_reads_its_screen_stylesheet_with_the_apps(db_path, monkeypatch):
    """Pushing a screen whose CSS file is new makes Textual parse every stylesheet again; the
    screen `als prep` opens on has its file read with the app's, so that does not happen."""
    from textual.css.stylesheet import Stylesheet

    from als_tui.app import ALSApp
    from als_tui.screens.prep import PrepScreen

    with Store(db_path) as store:
        make_set(store)
    reparses: list[int] = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparses.append(1), reparse(self))[1])
    app = ALSApp(db_path, start="prep")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert reparses == []
        assert app.screen.query_one("#prep-form").styles.width.value == 1  # prep.tcss applies (1fr)
