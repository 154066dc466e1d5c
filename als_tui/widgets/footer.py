"""Textual's Footer, with the help key always in view, rebuilt once per burst of binding changes.

- **F1 stays visible.** A screen with many keys (the stage screen) fills a 120-column footer, and
  the stock footer cuts off whatever comes last: the app's own keys, Help among them. Here the
  help key is docked at the right, beside the command palette's, so it is never the one cut.
- **Shown in a page that is not focused yet.** The stock footer waits for the app to have the
  focus before it first shows its keys; in a browser tab (``als serve``) that is only after the
  first click, so the footer loaded blank. This one shows its keys as soon as they are known.
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

from ..compat import footer_bindings_ready, footer_key_action

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

    def compose(self) -> ComposeResult:
        right: list[Widget] = []
        for widget in super().compose():
            if footer_key_action(widget) in HELP_ACTIONS:
                right.insert(0, widget)
            elif widget.has_class("-command-palette"):
                right.append(widget)
            else:
                yield widget
        if right:
            yield HorizontalGroup(*right, classes="-right-keys")

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            footer_bindings_ready(self)
            return
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
        await super().recompose()
