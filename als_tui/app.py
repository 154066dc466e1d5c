"""The Textual app: wires the store and the question banks into the screens."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from . import model, themes
from .compat import ExceptionHook, give_result_callback
from .paths import default_db_path
from .store import SaveError, Store, StoreError

if TYPE_CHECKING:  # the bank module (and YAML) is imported when a bank is first needed
    from .bank import Bank


def free_name(path: Path) -> Path:
    """*path*, or the first of "name-2.md", "name-3.md"… that does not exist yet."""
    n = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def sound_words(on: bool) -> str:
    """The header's note on meeting screens: said only when the bell is muted, so it is not forgotten."""
    return "" if on else "Sound off (F7 turns it on)"


class SaveFailed(Message):
    """A background save failed (posted from the writer thread)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _meeting_commands():
    from .commands import MeetingCommands

    return MeetingCommands


class ALSApp(ExceptionHook, App[object]):
    """Run an action learning set on one shared screen."""

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
        themes.register(self)
        self.home_theme = self.theme
        """The theme outside meetings; a set's own theme replaces it while its meeting is open."""
        self._quiet_theme = False
        self.large_clock = False
        """The large-clock layout (L) is on: kept from stage to stage."""
        self._history_asked = False
        self._resume_offered = start is not None  # (`als prep`, `als train`: not offered)
        self.resume_collector_after_paint = False
        """The garbage collector was paused for the start-up (`als`: see cli.main); turned on again
        once the first screen is built and painted."""
        self.fatal_message = ""
        """Why the app stopped early (the file's meetings could not be read): printed by `als`."""
        self.exit_report = ""
        """What the app ended without saving (and where a copy went): printed by `als`, exit 1."""

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

    # -- meetings ----------------------------------------------------------------------
    def open_meeting(self, alset: model.ALSet, *, at_start: bool = False) -> None:
        """Resume the set's interrupted meeting (after asking), or start today's. *at_start*:
        offered as the app opens; nothing starts unless the set resumes."""
        running = self.store.meeting_in_progress(alset.id)
        if running is None:
            if not at_start:
                self.start_meeting(alset)
            return
        from .screens.resume import ResumeScreen

        def chosen(answer: str | None) -> None:
            if answer == "resume":
                self.resume_meeting(alset, running)
            elif answer == "abandon":
                running.status = model.ABANDONED
                running.ended_at = self.today()
                running.checkin_draft = {}
                self.persist(self.store.save_meeting, running)
                self.notify("The interrupted meeting was closed; its record is kept.")
                if not at_start:
                    self.start_meeting(alset)

        self.push_screen(ResumeScreen(alset, running, at_start=at_start), chosen)

    def offer_resume(self) -> None:
        """As the app opens on the home screen: a set's interrupted meeting is offered at once
        (not only when m is pressed). Once per run."""
        from .screens.home import HomeScreen

        if self._resume_offered:
            return
        self._resume_offered = True
        if not isinstance(self.screen, HomeScreen):  # already somewhere else (a meeting, a dialog)
            return
        store = self.store
        for alset in store.sets():
            if store.overview(alset.id)["in_progress"]:
                self.open_meeting(alset, at_start=True)
                return

    def start_meeting(self, alset: model.ALSet) -> None:
        meeting = model.Meeting(set_id=alset.id, date=self.today(), planned_minutes=alset.meeting_minutes)
        meeting.started_at = self.today()
        self.persist(self.store.save_meeting, meeting)
        self.resume_meeting(alset, meeting)

    def resume_meeting(self, alset: model.ALSet, meeting: model.Meeting) -> None:
        from .screens.base import MeetingContext

        if self.meeting_screen() is None:
            self.home_theme = self.theme
        if alset.theme and alset.theme in self.available_themes:
            self._set_theme_quietly(alset.theme)
        self.sub_title = sound_words(alset.sound)
        self.show_meeting(MeetingContext.for_meeting(self, alset, meeting))

    def show_meeting(self, ctx) -> None:  # ctx: MeetingContext
        """Show the screen for the meeting's current phase (replacing the current meeting screen)."""
        from .screens.base import MeetingScreen
        from .screens.routing import screen_for

        screen = screen_for(ctx)
        if isinstance(self.screen, MeetingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def leave_meeting(self) -> None:
        """Back to the home screen; the meeting stays saved, in progress or finished."""
        self.go_home()
        if self.theme != self.home_theme and self.home_theme in self.available_themes:
            self._set_theme_quietly(self.home_theme)
        self.sub_title = ""

    def go_home(self) -> None:
        """Show the home screen: pop down to it, or put one in place of the screen the app
        started on (`als prep` opens with the prep screen at the bottom)."""
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def open_between(self, name: str) -> None:
        """Open a screen between meetings ("prep", "gym", "history", "tracker", "insight") from
        the home screen, for the set in view: a meeting open now is saved and left first."""
        from .screens.home import HomeScreen

        meeting = self.meeting_screen()
        set_id = meeting.ctx.alset.id if meeting is not None else None
        if meeting is not None:
            meeting.action_leave()
        else:
            self.go_home()
        home = self.screen
        if isinstance(home, HomeScreen):
            if home.is_mounted:
                home.open_between(name, set_id)
            else:  # put in place just now (`als prep` started above no home): once it is composed
                self.call_after_refresh(home.open_between, name, set_id)

    # -- exports (written by a worker thread: the screen never waits on the disk) ---------
    def export_meeting_minutes(self, ctx) -> None:  # ctx: MeetingContext
        """The minutes of the meeting open now, as Markdown beside the data file (0600)."""
        from .commands import minutes_path
        from .export import minutes_markdown

        nth, of = ctx.same_day()
        meeting, alset, actions = ctx.meeting, ctx.alset, ctx.minutes_actions()
        path = minutes_path(self.db_path, alset.name, meeting.date, nth)
        self.write_export(path, lambda: minutes_markdown(alset, meeting, actions, same_day=(nth, of)),
                          "Minutes exported")

    def export_set(self, alset: model.ALSet, kind: str) -> None:
        """All the set's finished meetings' minutes ("minutes", Markdown) or its actions with their
        report-back ("actions", CSV), beside the data file (0600)."""
        from .commands import set_export_path
        from .export import actions_csv, all_minutes_markdown

        meetings = self.store.meetings(alset.id)
        actions = self.store.actions(alset.id)
        if kind == "actions":
            make = lambda: actions_csv(alset, actions, meetings)  # noqa: E731
        else:
            make = lambda: all_minutes_markdown(alset, meetings, actions)  # noqa: E731
        self.write_export(set_export_path(self.db_path, alset.name, kind), make,
                          "Actions exported" if kind == "actions" else "Minutes exported")

    @work(thread=True, group="export")
    def write_export(self, path: Path, make: Callable[[], str], title: str) -> None:
        """Make the text (from copies of the records) and write it privately, off the UI thread:
        whole or not at all, and never onto the data file, its .bak or its lock."""
        from .outfile import OutFileError, write_file

        db = self.db_path
        protected = [db, db.with_name(db.name + ".bak"), db.with_name(db.name + ".lock")]
        path = free_name(path)  # an earlier export is never replaced: the new one gets "-2", "-3"…
        try:
            write_file(path, make(), force=False, protected=protected)
        except (OutFileError, OSError) as exc:
            self.call_from_thread(self.notify, f"Could not write {path}: {exc}",
                                  title="Not exported", severity="error", markup=False)
        else:
            self.call_from_thread(self.notify, f"Saved to {path}", title=title, markup=False, timeout=8)

    # -- themes and sound (per set, on meeting screens) ----------------------------------
    def meeting_screen(self):
        """The meeting screen in the stack (under any dialog or palette), or None."""
        from .screens.base import MeetingScreen

        try:
            stack = self.screen_stack
        except Exception:  # before the first screen
            return None
        return next((s for s in reversed(stack) if isinstance(s, MeetingScreen)), None)

    def _set_theme_quietly(self, name: str) -> None:
        self._quiet_theme = True
        try:
            self.theme = name
        finally:
            self._quiet_theme = False

    def watch_theme(self, theme: str) -> None:
        """A theme chosen during a meeting (F6 or the palette) is kept for the set."""
        if self._quiet_theme or not hasattr(self, "store"):
            return
        screen = self.meeting_screen()
        if screen is None:
            self.home_theme = theme
        elif screen.ctx.alset.theme != theme:
            screen.ctx.alset.theme = theme
            self.persist(self.store.save_set, screen.ctx.alset)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_theme":
            return self.meeting_screen() is not None
        if action == "sound":
            screen = self.meeting_screen()
            return screen is not None and bool(parameters and parameters[0]) != screen.ctx.alset.sound
        return True

    def action_cycle_theme(self) -> None:
        self.theme = themes.next_in_cycle(self.theme)
        self.notify(f"Theme: {themes.label(self.theme)}.", title="Theme", timeout=3, markup=False)

    def action_sound(self, on: bool) -> None:
        screen = self.meeting_screen()
        if screen is None:
            return
        alset = screen.ctx.alset
        alset.sound = bool(on)
        self.persist(self.store.save_set, alset)
        self.sub_title = sound_words(alset.sound)
        self.screen.refresh_bindings()
        self.notify(
            "Sound on: the bell rings when a stage's time is nearly up and when it is up."
            if on else "Sound off for this set: the notices still show on screen.",
            title="Sound", timeout=4,
        )

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

            screen = PrepScreen()
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

    def _save_running_meeting(self) -> None:
        from .screens.base import MeetingScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, MeetingScreen):
                screen.before_leave()
                screen.ctx.save()
                break

    async def action_quit(self) -> None:
        """Quit; a meeting in progress saves its clock first, so it resumes where it stopped.
        With a change that is still not on disk, ask first (:mod:`.screens.unsaved`)."""
        self._save_running_meeting()
        if self.store.pending and not self.store.retry():
            self._ask_before_losing()
            return
        self.exit(0)

    def _ask_before_losing(self) -> None:
        from .screens.unsaved import UnsavedScreen
        from .store.unsaved import UnsavedChanges

        if isinstance(self.screen, UnsavedScreen):
            return
        unsaved = UnsavedChanges(self.store)

        def chosen(answer: str | None) -> None:
            if answer == "saved":
                self.exit(0)
            elif answer == "quit":
                self.exit_report = unsaved.lost()
                self.exit(return_code=1)

        self.push_screen(UnsavedScreen(unsaved), chosen)

    def quit_unattended(self) -> None:
        """End on a signal (SIGTERM, SIGHUP): no one is there to ask. What cannot be saved is
        copied elsewhere as the app ends (:meth:`on_unmount`)."""
        self._save_running_meeting()
        self.exit(0)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_guide(self) -> None:
        """The first-meeting guide: what action learning is and how a meeting goes."""
        from .screens.guide import GuideScreen

        if not isinstance(self.screen, GuideScreen):
            self.push_screen(GuideScreen())

    def on_unmount(self) -> None:
        """Every way out ends here (a quit, a signal, a closed browser tab): a change still not
        on disk after one more try, and not given up by the person, is copied elsewhere."""
        if self.store.pending and not self.store.retry() and not self.exit_report:
            from .store.unsaved import UnsavedChanges

            self.exit_report = UnsavedChanges(self.store).rescue()
            self.exit(return_code=1)
        self.store.close()
