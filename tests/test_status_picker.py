"""The prep form's one-line status choice: keys, a click, and the choice shown by its glyph."""

from __future__ import annotations

from textual.app import App, ComposeResult

from als_tui.widgets.status_picker import StatusPicker

LABELS = ["done", "partly", "not done", "dropped"]


class One(App[None]):
    def __init__(self, width: int = 80) -> None:
        super().__init__()
        self.changes: list[int] = []

    def compose(self) -> ComposeResult:
        yield StatusPicker(LABELS, id="p")

    def on_status_picker_changed(self, event: StatusPicker.Changed) -> None:
        self.changes.append(event.picker.pressed_index)


async def test_keys_choose_and_the_glyph_shows_it():
    app = One()
    async with app.run_test(size=(80, 5)) as pilot:
        picker = app.query_one(StatusPicker)
        picker.focus()
        assert picker.pressed_index == -1 and "●" not in str(picker.render())
        await pilot.press("right", "right", "space")
        assert picker.pressed_index == 2
        text = str(picker.render())
        assert "(●) not done" in text and "( ) done" in text
        await pilot.press("left", "enter")
        assert picker.pressed_index == 1
        assert app.changes[-2:] == [2, 1]


async def test_a_click_chooses_what_is_under_it_on_two_rows_when_narrow():
    app = One()
    async with app.run_test(size=(30, 5)) as pilot:
        picker = app.query_one(StatusPicker)
        assert picker.size.height == 2  # two a line: it does not fit in one
        await pilot.click(picker, offset=(2, 1))  # second row, first choice: not done
        assert picker.pressed_index == 2
