"""The Textual app: wires the store and the question banks into the screens."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from . import model, themes
from .compat import ExceptionHook, give_result_callback
from .exporting import Exporting
from .navigation import Navigation
from .paths import default_db_path
from .quitting import Quitting
from .store import SaveError, Store, StoreError
from .theming import Theming

if TYPE_CHECKING:  # the bank module (and YAML) is imported when a bank is first needed
    import random

    from .bank import Bank
    from .screens.base import MeetingScreen


class SaveFailed(Message):
    """A background save failed (posted from the writer thread)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _meeting_commands():
    from .commands import MeetingCommands

    return MeetingCommands


class ALSApp(ExceptionHook, Navigation, Quitting, Theming, Exporting, App[object]):
    """Run an action learning set on one shared screen: the store and the question banks, saving,
    and the app's life from the first screen to the last save. Moving between screens
    (:mod:`.navigation`), quitting (:mod:`.quitting`), themes and sound (:mod:`.theming`) and
    exports (:mod:`.exporting`) are mixed in from their own modules."""

    TITLE = "Action Learning Set"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_meeting_commands}  # (imported when the palette first opens)
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="What this screen is for, and its keys", id="help"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; a meeting in progress is saved and can be resumed", id="quit"),
        # meeting screens only (check_action): the choice is saved on the set
        Binding("f6", "cycle_theme", "Theme", id="theme",
                tooltip="Next theme: standard, high contrast, projector (kept for this set; more in Ctrl+P)"),
        Binding("f7", "sound(False)", "Sound: on", id="sound_off",
                tooltip="Sound is on: the bell rings at a stage's end. Press to mute it for this set"),
        Binding("f7", "sound(True)", "Sound: off", id="sound_on",
                tooltip="Sound is off for this set (the notices still show). Press to turn the bell on"),
    ]

    def __init__(
        self,
        db_path: str | Path | None = None,
        bank_path: str | Path | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        today: Callable[[], str] = model.today,
        store: Store | None = None,
        start: str | None = None,
        background_writes: bool = False,
    ) -> None:
        """*background_writes*: saves are made durable by a writer thread, so the UI never waits
        on the disk (the ``als`` command turns this on; tests choose)."""
        # `als prep` opens on the prep screen: its stylesheet is read with the app's, so that
        # pushing the screen does not make Textual parse every stylesheet again (~7 ms).
        first_css = [Path(__file__).parent / "screens" / "prep.tcss"] if start == "prep" else []
        super().__init__(css_path=[self.CSS_PATH, *first_css] if first_css else None)
        self._retrying = False
        self.start_screen = start
        self.today = today
        self.db_path = Path(db_path) if db_path is not None else default_db_path()
        self.bank_override: Bank | None = None
        if bank_path is not None:
            from .bank import load_bank

            self.bank_override = load_bank(bank_path)
        self.now = now
        self.store = store if store is not None else Store(
            self.db_path, background=background_writes, on_error=self._writer_failed
        )
        self._ready_for_themes = True
        themes.register(self)
        self.home_theme = self.theme
        self.large_clock = False
        """The large-clock layout (L) is on: kept from stage to stage."""
        self.gym_rng: random.Random | None = None
        """The order of the gym's examples (random unless a test fixes it)."""
        self._history_asked = False
        self._resume_offered = start is not None  # (`als prep`, `als train`: not offered)
        self.resume_collector_after_paint = False
        """The garbage collector was paused for the start-up (`als`: see cli.main); turned on again
        once the first screen is built and painted."""
        self.prep_choice: list[str] | None = None
        """`als prep --set/--member`: the [set id, member] it opens on (the screen remembers it)."""
        self.fatal_message = ""
        """Why the app stopped early (the file's meetings could not be read): printed by `als`."""

    # -- banks --------------------------------------------------------------------------
    def bank_for(self, bank_id: str) -> Bank:
        """The bank a set runs on: the --bank override, else the set's chosen format."""
        if self.bank_override is not None:
            return self.bank_override
        # imported here, not at the top: keeps PyYAML off the start path of an empty file
        from .bank import BankError, find_bank, load_bank

        try:
            return find_bank(bank_id)
        except BankError:
            return load_bank()

    def format_name(self, bank_id: str) -> str:
        """The name of the format a set runs on, without loading a bank when a shipped file
        names it plainly (keeps PyYAML off the path to the first paint)."""
        if self.bank_override is None:
            from .paths import shipped_bank_name

            name = shipped_bank_name(bank_id)
            if name:
                return name
        return self.bank_for(bank_id).name

    # -- saving -------------------------------------------------------------------------
    def persist(self, write: Callable[..., Any], *args: Any) -> bool:
        """Run one store write; on failure tell the set and keep the change in memory."""
        try:
            write(*args)
        except SaveError as exc:
            self._save_failed(str(exc))
            return False
        return True

    def _writer_failed(self, message: str) -> None:
        """Called on the writer thread when a background save fails. Posted, not waited for
        (``call_from_thread`` would wait for the UI thread, which may itself be waiting for the
        writer while the app ends); a closing app drops it, and the store keeps the change."""
        self.post_message(SaveFailed(message))

    def on_save_failed(self, event: SaveFailed) -> None:
        self._save_failed(event.text)

    def _save_failed(self, message: str) -> None:
        if self._retrying:
            return  # already told; the retry timer is running
        self._retrying = True
        self.notify(message, title="Not saved yet", severity="error", timeout=10, markup=False)
        self.set_timer(5, self._retry_save)

    def _retry_save(self) -> None:
        writer = self.store.storage.writer
        if writer is None:
            self._after_retry(self.store.retry() if self.store.pending else True)
        else:
            writer.retry()
            self.set_timer(1, lambda: self._after_retry(not self.store.pending))

    def _after_retry(self, saved: bool) -> None:
        if saved:
            self._retrying = False
            self.notify("Saved: the earlier change is now on disk.", title="Saved")
        else:
            self.set_timer(5, self._retry_save)

    def meeting_screen(self) -> MeetingScreen | None:
        """The meeting screen in the stack (under any dialog or palette), or None."""
        if f"{__package__}.screens.base" not in sys.modules:
            return None  # none was ever made (the footer asks on every screen: not a reason to import it)
        from .screens.base import MeetingScreen

        try:
            stack = self.screen_stack
        except Exception:  # before the first screen
            return None
        return next((s for s in reversed(stack) if isinstance(s, MeetingScreen)), None)

    # -- lifecycle ---------------------------------------------------------------------
    def load_history_after_paint(self) -> None:
        """Called by the first screen when it is built: parse the file's meetings just after it is
        painted (the first screen needs only the index). Anything that needs a meeting sooner
        parses them then. A file whose meetings cannot be read stops the app, unchanged."""
        if not self._history_asked:
            self._history_asked = True
            self.call_after_refresh(self._load_history)

    def _load_history(self) -> None:
        from .screens.home import HomeScreen

        try:
            if self.store.load_history() and isinstance(self.screen, HomeScreen):
                self.screen.refresh_sets()  # the index had it wrong: show the real figures
        finally:
            self._resume_collector()
        self.offer_resume()  # a meeting left in progress: offered now, with the history read

    def _resume_collector(self) -> None:
        if self.resume_collector_after_paint:
            self.resume_collector_after_paint = False
            gc.freeze()  # everything built so far lives as long as the app: never scanned again
            gc.enable()

    def intercept_exception(self, error: Exception) -> bool:
        if isinstance(error, StoreError) and not isinstance(error, SaveError):
            # The data file cannot be read after all (its meetings line is broken): one line,
            # no traceback, and nothing is written (the store refuses to write what it cannot read).
            self.fatal_message = str(error)
            self.exit(return_code=1)
            return True
        return False

    def get_default_screen(self) -> Screen:
        """The bottom of the stack, built and styled once: home, or for `als prep` the prep
        screen itself (Esc puts home in its place: :meth:`go_home`)."""
        if self.start_screen == "prep":
            from .screens.prep import PrepScreen

            screen = PrepScreen(*(self.prep_choice or ()))
            # Textual's switch_screen drops the result callback that pushing a screen gives it;
            # the bottom screen is never pushed, so it gets one here (as switch_screen itself
            # does for the screen it puts in place) and can be switched out like any other.
            give_result_callback(screen, self)
            return screen
        from .screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.resume_collector_after_paint:  # (in case no screen asks for the history)
            self.set_timer(2.0, self._resume_collector)
        if self.start_screen == "gym":  # `als train`: the gym above home, so Esc goes home
            from .screens.gym import GymScreen

            self.push_screen(GymScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_guide(self) -> None:
        """The first-meeting guide: what action learning is and how a meeting goes."""
        from .screens.guide import GuideScreen

        if not isinstance(self.screen, GuideScreen):
            self.push_screen(GuideScreen())
