"""Textual's Footer, rebuilt once per burst of key-binding changes.

The stock footer queues one full rebuild of its keys for every change of the screen's bindings
(each focus change is one), so opening a form that moves the focus a few times rebuilt it four
or five times in a row (7-9 ms each). This one queues at most one rebuild at a time; the rebuild
reads the bindings as they are when it runs, so the last change is always shown.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            self._rebuild_queued = True  # super() queued a recompose after the next refresh

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()
