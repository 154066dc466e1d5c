"""The background writer: saves made durable off the UI thread."""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .durable import Hold, write_private
from .errors import SaveError, save_error_message, save_failure_reason
from .layout import Payload


class BackgroundWriter:
    """One thread that makes snapshots durable off the UI thread.

    The UI thread serialises (a consistent snapshot) and hands over the bytes; the writer
    runs :func:`write_private` (temp file, fsync, ``.bak``, replace, directory fsync). If saves
    come faster than the disk, only the newest waiting snapshot is written: each one is the
    whole file, so nothing is lost by skipping an older one. :meth:`flush` is the durability
    barrier (quit, close, tests).
    """

    def __init__(self, path: Path, on_error: Callable[[str], None] | None = None, hold: Hold | None = None) -> None:
        self.path = path
        self.hold = hold
        self.on_error = on_error
        self.error = ""
        self.why = ""  # the reason in *error*, in a few words ("the disk is full")
        self.commits = 0
        self.last_commit_seconds = 0.0
        self.saved_seq = 0
        """The number of the newest snapshot on disk (see :meth:`submit`)."""
        self._cond = threading.Condition()
        self._next: tuple[Payload, int] | None = None
        self._failed: tuple[Payload, int] | None = None
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="als-writer", daemon=True)
        self._thread.start()
        atexit.register(self._flush_at_exit)

    def _flush_at_exit(self) -> None:
        """The interpreter is exiting without :meth:`close` (an exception out of the app,
        ``sys.exit``, an interrupt the CLI caught): the writer is a daemon thread and would die
        with its queue, so wait for it first. (A signal that kills the process skips this.)"""
        self.flush(timeout=30.0)

    @property
    def pending(self) -> bool:
        with self._cond:
            return self._next is not None or self._busy or self._failed is not None

    def submit(self, payload: Payload, seq: int = 0) -> None:
        """Write *payload*, the snapshot numbered *seq* (numbers grow: once it is on disk, every
        snapshot numbered up to *seq* is, and :attr:`saved_seq` says so)."""
        with self._cond:
            if self._closed:
                raise SaveError(f"Could not save to {self.path}: the writer is closed.", self.path,
                                "the app was closing")
            self._next = payload, seq
            self._failed = None
            self._cond.notify_all()

    def retry(self) -> None:
        with self._cond:
            if self._failed is not None and self._next is None:
                self._next, self._failed = self._failed, None
                self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._next is None and not self._closed:
                    self._cond.wait()
                if self._next is None:
                    return
                (payload, seq), self._next = self._next, None
                self._busy = True
            started = time.perf_counter()
            error = why = ""
            try:
                write_private(self.path, payload, hold=self.hold)
            except OSError as exc:
                error, why = save_error_message(self.path, exc), save_failure_reason(exc)
            except Exception as exc:  # noqa: BLE001 - never let the writer die silently
                error, why = f"Could not save to {self.path}: {exc}.", str(exc)
            with self._cond:
                self._busy = False
                self.error, self.why = error, why
                if error and self._next is None:
                    self._failed = payload, seq
                if not error:
                    self.saved_seq = max(self.saved_seq, seq)
                    self.commits += 1
                    self.last_commit_seconds = time.perf_counter() - started
                self._cond.notify_all()
            if error and self.on_error is not None:
                try:
                    self.on_error(error)
                except Exception:  # noqa: BLE001 - a closed UI must not stop the writer
                    pass

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything submitted is on disk; False if the last write failed or timed out."""
        with self._cond:
            done = self._cond.wait_for(lambda: self._next is None and not self._busy, timeout)
            return done and self._failed is None and not self.error

    def close(self, timeout: float | None = 10.0) -> bool:
        saved = self.flush(timeout)
        atexit.unregister(self._flush_at_exit)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return saved
