"""Command line: ``als`` starts the app; subcommands do the rest.

Textual is imported only by the commands that open a screen, and a command's module only when it
runs, so the others start fast. Every failure is one clear line on stderr and a non-zero exit,
never a traceback.

    parser.py        the arguments of every command (``als --help``)
    app_commands.py  the commands that open the app: ``als``, ``als train``, ``als prep``
    data.py          the data file's commands: demo, export, import, forget, restore-backup
    banks.py         banks, check-bank          coach.py   coach          web.py   serve
    common.py        the one-line error and what the commands share

This module runs one command: the collector, signals, and output that cannot be written.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Callable

from .app_commands import cmd_prep, cmd_train, cmd_tui
from .common import CliError, store_failed
from .parser import build_parser

__all__ = ["COMMANDS", "CliError", "build_parser", "cmd_tui", "main"]


def _later(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The command *name* of this package's *module*, imported only when it runs."""

    def command(args: argparse.Namespace) -> int:
        from importlib import import_module

        run: Callable[[argparse.Namespace], int] = getattr(import_module(f"{__name__}.{module}"), name)
        return run(args)

    command.__name__ = command.__qualname__ = name
    return command


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_tui,
    "check-bank": _later("banks", "cmd_check_bank"),
    "banks": _later("banks", "cmd_banks"),
    "restore-backup": _later("data", "cmd_restore_backup"),
    "coach": _later("coach", "cmd_coach"),
    "train": cmd_train,
    "prep": cmd_prep,
    "serve": _later("web", "cmd_serve"),
    "demo": _later("data", "cmd_demo"),
    "export": _later("data", "cmd_export"),
    "import": _later("data", "cmd_import"),
    "forget": _later("data", "cmd_forget"),
}


APP_COMMANDS = (None, "train", "prep")  # the commands that open the app in this process


def main(argv: list[str] | None = None) -> int:
    # Opening the app builds some 80,000 objects that live as long as it does (Textual's modules
    # and classes, styles, widgets) and the collector would scan them about a hundred times on
    # the way to the first screen (~10 ms). It is paused until the first screen is built; the app
    # then freezes what exists (gc.freeze: never scanned again; the ~1,000 start-up objects in
    # reference cycles stay too) and collects as usual from then on.
    we_paused = gc.isenabled()
    gc.disable()
    for stream in (sys.stdout, sys.stderr):  # (a name from a command line in a broken locale, say)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.collector_paused = we_paused and args.command in APP_COMMANDS
        if we_paused and not args.collector_paused:
            gc.enable()
        if getattr(args, "db", None) is None and os.environ.get("ALS_DB"):
            args.db = os.environ["ALS_DB"]
        if sys.stdout is None and _writes_to_stdout(args):
            raise CliError("standard output is closed: there is nowhere to write the result")
        restore_signals = (_stop_cleanly_on_signals() if args.command not in APP_COMMANDS and args.command != "serve"
                           else None)
        try:
            code = COMMANDS[args.command](args)
        finally:
            if restore_signals is not None:
                restore_signals()
        if sys.stdout is not None:
            sys.stdout.flush()  # (an error here is the command's, not the interpreter's at exit)
        return code
    except CliError as exc:
        _say(f"als: {exc}")
        return 1
    except Stopped as exc:
        _say(f"als: stopped by {exc.name}; a file being written was left as it was before.")
        return 128 + exc.signum
    except KeyboardInterrupt:
        _say("als: interrupted; everything up to the last step is saved.")
        return 130
    except SystemExit:  # argparse (--help, --version, a usage error): its output must reach the disk too
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as exc:
            _drop_stdout()
            _say(f"als: could not write the output ({exc.strerror or exc}); it is incomplete")
            raise SystemExit(1) from None
        raise
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        _drop_stdout()
        why = "it was closed early" if exc.errno == errno.EPIPE else (exc.strerror or str(exc))
        _say(f"als: could not write the output ({why}); it is incomplete")
        return 1
    except Exception as exc:
        errors = sys.modules.get("als_tui.store.errors")  # (imported by every command that opens a file)
        if errors is None or not isinstance(exc, errors.StoreError):
            raise
        _say(f"als: {store_failed(exc)}")
        return 1
    finally:
        if we_paused:
            gc.enable()


_OUTPUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF)


class Stopped(KeyboardInterrupt):
    """A command that runs once was sent SIGTERM or SIGHUP: raised where it is, so that a write in
    progress removes its temp file and leaves the file as it was, and it ends with one line."""

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(name)
        self.signum, self.name = signum, name


def _stop_cleanly_on_signals():
    """Turn SIGTERM and SIGHUP into :class:`Stopped` while a command runs; returns what puts the
    previous handlers back (None where signals cannot be handled: not the main thread)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame) -> None:
        raise Stopped(signum, signal.Signals(signum).name)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def _writes_to_stdout(args: argparse.Namespace) -> bool:
    """The command's result goes to standard output (not a status line beside a file it wrote)."""
    return args.command in ("banks", "check-bank", "coach") or (args.command == "export" and not args.out)


def _say(line: str) -> None:
    """One line on standard error, if there is one to write to (never raises)."""
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _drop_stdout() -> None:
    """Standard output failed: send whatever is still buffered for it nowhere, so the interpreter's
    own flush at exit does not fail a second time (with "Exception ignored …")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass