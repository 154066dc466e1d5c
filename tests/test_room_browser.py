"""In a browser tab (``als serve``): the footer shows its keys on the first load, before the
page has the focus, and the header's icon is one that every font draws."""

from __future__ import annotations

from textual.widgets import Header

from als_tui.widgets.header import ICON
from tests.helpers import app_at, screen_text


async def test_the_footer_shows_its_keys_before_the_page_has_the_focus(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        app.app_focus = False  # as a browser tab that has not been clicked yet
        await pilot.press("escape")  # (nothing to close: a key that changes nothing)
        app.app_focus = False
        app.push_screen(type(app.screen)())  # a fresh home screen, composed while blurred
        await pilot.pause(0.3)
        footer = screen_text(app).splitlines()[-1]
        assert "New set" in footer and "Help" in footer, footer


async def test_the_header_icon_is_in_every_font(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Header).icon == ICON == "≡"
        assert "⭘" not in screen_text(app)
