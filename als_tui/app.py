"""The Textual app: wires the store and the question banks into the screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from .bank import Bank, BankError, find_bank, load_bank
from .paths import default_db_path
from .store import SaveError, Store


class ALSApp(App[int]):
    """Run an action learning set on one shared screen."""

    TITLE = "Action Learning Set"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="What this screen is for, and its keys", id="help"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; a meeting in progress is saved and can be resumed", id="quit"),
    ]

    def __init__(
        self,
        db_path: str | Path | None = None,
        bank_path: str | Path | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        store: Store | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path) if db_path is not None else default_db_path()
        self.bank_override: Bank | None = load_bank(bank_path) if bank_path is not None else None
        self.now = now
        self.store = store if store is not None else Store(self.db_path)

    # -- banks --------------------------------------------------------------------------
    def bank_for(self, bank_id: str) -> Bank:
        """The bank a set runs on: the --bank override, else the set's chosen format."""
        if self.bank_override is not None:
            return self.bank_override
        try:
            return find_bank(bank_id)
        except BankError:
            return load_bank()

    # -- saving -------------------------------------------------------------------------
    def persist(self, write: Callable[..., Any], *args: Any) -> bool:
        """Run one store write; on failure tell the set and keep the change in memory."""
        try:
            write(*args)
        except SaveError as exc:
            self.notify(str(exc), title="Not saved yet", severity="error", timeout=10, markup=False)
            self.set_timer(5, self._retry_save)
            return False
        return True

    def _retry_save(self) -> None:
        if not self.store.pending:
            return
        if self.store.retry():
            self.notify("Saved: the earlier change is now on disk.", title="Saved")
        else:
            self.set_timer(5, self._retry_save)

    # -- lifecycle ---------------------------------------------------------------------
    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        if self.store.pending:
            self.store.retry()
        self.store.close()
