"""What every command shares: the one-line error, the data file it works on, whole output."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from ..paths import user_path


class CliError(Exception):
    """A one-line problem to print and exit 1 with."""


def store_failed(exc: Exception) -> CliError:
    """The store's one line, as a command that runs once says it: a save that failed there is
    final (nothing was written), never "will be saved when possible"."""
    return CliError(getattr(exc, "nothing_written", None) or str(exc))


def db_path(args: argparse.Namespace) -> Path:
    from ..paths import default_db_path

    return user_path(args.db) if args.db else default_db_path()


def check_bank(path: str | None) -> None:
    """``--bank PATH``: the bank must load before anything opens (CliError: its file:line message)."""
    if path:
        from ..bank import BankError, load_bank  # only when asked: keeps YAML off the start path

        try:
            load_bank(path)
        except BankError as exc:
            raise CliError(str(exc)) from None


def write_stdout(text: str) -> None:
    """Write *text* to standard output whole, or raise. (A large write to a pipe closed early is
    written in part; Python's buffered stdout then drops the rest without an error, and the
    command would exit 0 with its output cut short. Its descriptor is written directly instead.)"""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # (not a real file: tests, or an embedding)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
    while data:
        data = data[os.write(fd, data):]
