"""Each private Textual API the app relies on (als_tui/compat.py) still does what it is used for."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Label, Select

from als_tui import compat


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("one", 1), ("two", 2), ("three", 3)], id="s")
        yield Footer()


async def test_footer_key_action_names_the_action_of_a_footer_key():
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = [w for w in app.query("Footer > *") if compat.footer_key_action(w)]
        assert keys, "the footer shows its keys as FooterKey widgets"
        assert "command_palette" in {compat.footer_key_action(w) for w in keys}
        assert compat.footer_key_action(Label("x")) is None


async def test_footer_bindings_ready_lets_the_footer_compose_its_keys():
    app = Bare()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        footer._bindings_ready = False
        await footer.recompose()
        assert not footer.children
        compat.footer_bindings_ready(footer)
        await footer.recompose()
        assert footer.children


async def test_select_values_lists_what_a_select_offers():
    app = Bare()
    async with app.run_test():
        assert compat.select_values(app.query_one(Select)) == [1, 2, 3]


async def test_highlight_in_open_select_moves_the_highlight_of_the_expanded_list():
    app = Bare()
    async with app.run_test() as pilot:
        select = app.query_one(Select)
        select.focus()
        select.expanded = True
        await pilot.pause()
        compat.highlight_in_open_select(select, 2)  # row 0 is the blank prompt
        await pilot.press("enter")
        await pilot.pause()
        assert select.value == 2


async def test_give_result_callback_lets_the_first_screen_be_switched_out():
    class First(Screen):
        def compose(self) -> ComposeResult:
            yield Label("first")

    class Starts(App[None]):
        def get_default_screen(self) -> Screen:
            screen = First()
            compat.give_result_callback(screen, self)
            return screen

    app = Starts()
    async with app.run_test() as pilot:
        await app.switch_screen(Screen())
        await pilot.pause()
        assert not isinstance(app.screen, First)


async def test_exception_hook_is_asked_before_textual_handles_an_exception():
    import asyncio

    seen = []

    class Hooked(compat.ExceptionHook, App[None]):
        def intercept_exception(self, error: Exception) -> bool:
            seen.append(error)
            self.exit(return_code=3)
            return True

        def on_mount(self) -> None:
            self.call_after_refresh(self.boom)

        def boom(self) -> None:
            raise KeyError("boom")

    app = Hooked()
    await asyncio.wait_for(app.run_async(headless=True, size=(40, 10)), timeout=30)  # it stops by itself
    assert [type(e) for e in seen] == [KeyError]
    assert app.return_code == 3


async def test_being_removed_is_true_from_the_moment_a_node_is_taken_out():
    from textual.containers import Vertical

    app = Bare()
    async with app.run_test() as pilot:
        box = Vertical(Label("inside"))
        await app.screen.mount(box)
        label = box.query_one(Label)
        assert not compat.being_removed(box) and not compat.being_removed(label)
        removal = box.remove()  # not awaited yet: both still attached, and being removed
        assert box.is_attached and compat.being_removed(box) and compat.being_removed(label)
        await removal
        await pilot.pause()
        assert not box.is_attached


async def test_settle_footer_key_gives_a_key_its_compact_look_before_it_mounts():
    from textual.widgets._footer import FooterKey

    restyled: list[str] = []

    class Keys(App[None]):
        def update_styles(self, node, animate: bool = True) -> None:
            restyled.append(node)
            super().update_styles(node, animate)

        def compose(self) -> ComposeResult:
            for compact in (False, True):
                key = FooterKey("x", "x", "X", "app.bell", classes="settled")
                compat.settle_footer_key(key, compact)
                yield key
            compat.settle_footer_key(Label("not a key"), True)  # (left alone)

    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        plain, compact = app.query("FooterKey.settled")
        assert plain not in restyled and compact not in restyled  # styled once, as they mounted
        assert (plain.compact, plain.has_class("-compact")) == (False, False)
        assert (compact.compact, compact.has_class("-compact")) == (True, True)
        compact.compact = False  # the watcher still works afterwards
        await pilot.pause()
        assert not compact.has_class("-compact")
