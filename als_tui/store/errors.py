"""The store's errors, each with a one-line message fit to show a person, and the words of those
messages."""

from __future__ import annotations

import codecs
import errno
import json
from pathlib import Path

from .codec import loads


class StoreError(Exception):
    """A problem with the data file, with a one-line message fit to show a person."""


class LockedError(StoreError):
    pass


class CorruptError(StoreError, json.JSONDecodeError):
    """The data file cannot be parsed.

    Also a ``json.JSONDecodeError`` (so a ``ValueError``): that is what TinyDB's
    JSONStorage raises for an unreadable file, and code written against TinyDB catches it.
    ``str()`` is the one-line message."""

    def __init__(self, message: str, doc: str = "", pos: int = 0, why: str = "") -> None:
        Exception.__init__(self, message)
        self.msg, self.doc, self.pos = message, doc, pos
        self.why = why or message  # the reason alone, in words ("it stops in the middle …")
        self.lineno = doc.count("\n", 0, pos) + 1
        self.colno = pos - doc.rfind("\n", 0, pos)


class NewerSchemaError(StoreError):
    pass


class SaveError(StoreError):
    """A write failed; the data is still in memory and will be retried.

    ``str()`` is the message for the app, which keeps the change and retries; :attr:`nothing_written`
    is the one for a command that runs once and ends (it never promises a later save)."""

    def __init__(self, message: str, path: Path | None = None, why: str = "", written: bool = False) -> None:
        super().__init__(message)
        self.path, self.why, self.written = path, why, written

    @property
    def nothing_written(self) -> str:
        if self.path is None:
            return str(self)
        if self.written:  # in place, but perhaps not for good
            return (f"{self.path} was written, but the disk reported an error while making it last ({self.why}); "
                    "it may not survive a power cut: check the disk, then run the command again")
        return f"could not write {self.path}: {self.why}; nothing was written"


def unreadable_reason(raw: bytes, exc: BaseException) -> str:
    """Why *raw* is not a data file, in words (for :func:`corrupt_message`)."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            return f"it is {name} text, not UTF-8"
    if len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):
        return "it is UTF-16 text, not UTF-8"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return f"it contains NUL bytes (the first at byte {nul}), not text"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"it is not UTF-8 text (byte {bad.start} is invalid)"
    if isinstance(exc, RecursionError) or "depth limit" in str(exc):
        return "it is nested too deeply (more than 1024 levels)"
    if isinstance(exc, json.JSONDecodeError):
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(raw.rstrip()):
            return f"it stops in the middle of the data at {where}: it was cut short"
        return f"it is not valid JSON at {where}"
    return str(exc)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {list: "a list", str: "a string", int: "a number", float: "a number", dict: "an object"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _readable(bak: Path) -> bool:
    from .files import open_regular

    try:
        with open_regular(bak) as f:
            return isinstance(loads(f.read()), dict)
    except (OSError, ValueError):
        return False


def corrupt(path: Path, why: object) -> CorruptError:
    """The error for a data file that cannot be read, and why, with the backup offered."""
    return CorruptError(corrupt_message(path, why), why=str(why))


def corrupt_message(path: Path, why: object) -> str:
    bak = path.with_name(path.name + ".bak")
    if not bak.exists():
        hint = "there is no backup beside it"
    elif _readable(bak):
        hint = f"the last good copy is {bak}; run `als restore-backup --db {path}` to put it back"
    else:
        hint = f"its backup {bak} cannot be read either"
    return f"{path} cannot be read ({why}); it has not been changed — {hint}."


def save_failure_reason(exc: OSError) -> str:
    if getattr(exc, "written", False):
        return f"the disk reported an error while making the save last ({exc.strerror or exc})"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only"
    return exc.strerror or str(exc)


def save_error_message(path: Path, exc: OSError) -> str:
    return (f"Could not save to {path}: {save_failure_reason(exc)}. Nothing is lost: the change is kept in "
            "memory and will be saved when possible.")


def save_error(path: Path, exc: OSError) -> SaveError:
    written = getattr(exc, "written", False)
    why = (exc.strerror or str(exc)) if written else save_failure_reason(exc)
    return SaveError(save_error_message(path, exc), path, why, written)
