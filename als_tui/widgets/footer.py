"""Textual's Footer, with the help key always in view, rebuilt once per burst of binding changes.

- **F1 stays visible.** A screen with many keys (the stage screen) fills a 120-column footer, and
  the stock footer cuts off whatever comes last: the app's own keys, Help among them. Here the
  help key is docked at the right, beside the command palette's, so it is never the one cut.
- **Shown in a page that is not focused yet.** The stock footer waits for the app to have the
  focus before it first shows its keys; in a browser tab (``als serve``) that is only after the
  first click, so the footer loaded blank. This one shows its keys as soon as they are known.
- **Built once per screen, and again only when what it shows changes.** The stock footer is
  built empty, then rebuilt for every change of the screen's bindings (each focus change is
  one), even when the keys it shows stay the same: three to five builds of ten keys each time a
  meeting moves on, each key restyled three times as it mounted (``FooterKey.compact`` toggled
  on, then off). This one shows the keys in its first build (on any screen but the app's
  first, whose keys stay off the path to the first paint), skips a rebuild when the keys, their
  labels and whether each is enabled are unchanged (:meth:`Footer.shown`), and gives each key its
  look before it mounts (``compat.settle_footer_key``). ``tests/test_room_speed.py`` counts the
  builds.
- **One rebuild per burst.** The stock footer queues one full rebuild of its keys for every
  change of the screen's bindings (each focus change is one), so opening a form that moves the
  focus a few times rebuilt it four or five times in a row (7-9 ms each). This one queues at
  most one rebuild at a time; the rebuild reads the bindings as they are when it runs, so the
  last change is always shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter

from ..compat import footer_bindings_ready, footer_key_action, settle_footer_key

HELP_ACTIONS = ("help", "app.help")


class Footer(TextualFooter):
    DEFAULT_CSS = """
    Footer .-right-keys {
        dock: right;
        width: auto;
        height: 1;
        background: $footer-background;
        border-left: vkey $foreground 20%;
    }
    Footer .-right-keys FooterKey.-command-palette {
        dock: none;
    }
    """

    _rebuild_queued = False
    _built: tuple[object, ...] | None = None
    """What the last build showed (:meth:`shown`); None before the first."""
    builds = 0
    """How many times the keys were built (counted by the tests)."""

    def shown(self) -> tuple[object, ...]:
        """What a build of this footer would show, read as Textual's ``Footer.compose`` reads it:
        for each action of a shown binding its first binding (the key, label, group) and whether
        it is enabled, then the palette's key. (A key that only adds a second key to an action,
        or a hidden binding such as a focused Input's, changes nothing here.)"""
        first: dict[str, tuple[object, ...]] = {}
        palette: tuple[object, ...] = ()
        for key, (_node, b, enabled, tooltip) in self.screen.active_bindings.items():
            if b.show and b.action not in first:
                first[b.action] = (b.key, self.app.get_key_display(b), b.description, b.group, enabled, tooltip)
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = (b.key, b.description, b.tooltip, enabled)
        return (*first.items(), palette, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        # A screen shown after the first shows its keys in its first build. The first screen's
        # footer waits for the first paint, as Textual's does: its keys are not on the path to
        # the app's first paint (bench/run.py, figures 1-3).
        if len(self.app.screen_stack) > 1:
            footer_bindings_ready(self)
        right: list[Widget] = []
        keys: list[Widget] = []
        for widget in super().compose():
            # the keys bound to Footer.compact take its value; the palette's keeps its own (True)
            settle_footer_key(widget, self.compact if not widget.has_class("-command-palette") else True)
            if footer_key_action(widget) in HELP_ACTIONS:
                right.insert(0, widget)
            elif widget.has_class("-command-palette"):
                right.append(widget)
            else:
                keys.append(widget)
        if right:
            keys.append(HorizontalGroup(*right, classes="-right-keys"))
        self._built = self.shown() if keys else None  # (nothing shown yet: the next change builds)
        self.builds += bool(keys)
        yield from keys

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            footer_bindings_ready(self)
            return
        if self._built is not None and self.is_attached and screen is self.screen and self._built == self.shown():
            return  # the same keys, labels and states as the keys on show: nothing to rebuild
        super().bindings_changed(screen)
        if not (self.is_attached and screen is self.screen):
            return
        if screen.app.app_focus:
            self._rebuild_queued = True  # super() queued a recompose after the next refresh
        elif not self.children:  # never shown yet (a browser tab not focused): show the keys now
            self._rebuild_queued = True
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        self._rebuild_queued = False
        if self._built is not None and self.is_attached and self._built == self.shown():
            return  # the focus went and came back before the rebuild ran: the keys are as shown
        await super().recompose()
