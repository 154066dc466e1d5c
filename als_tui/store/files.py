"""What kind of file a path names: the store reads and writes regular files only.

A FIFO would block ``open`` (and the app with it), a link to ``/dev/zero`` would be read until
memory runs out, a device or a socket is no data file either: each is refused by its type before
anything is read, with one line. A regular file larger than any history als writes is refused
the same way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 256 << 20
"""The largest data file als reads (a 2,000-meeting history is about 15 MB)."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def not_regular_reason(st: os.stat_result) -> str:
    """Why a file with status *st* is no data file ("" if it may be one)."""
    if not stat.S_ISREG(st.st_mode):
        return f"it is {kind_of(st.st_mode)}, not a data file"
    if st.st_size > MAX_BYTES:
        return f"it is {st.st_size / (1 << 30):.1f} GB, far larger than any als data file"
    return ""


def problem(path: Path) -> str:
    """Why *path* (followed, if a link) cannot be a data file; "" if it may be one or is missing."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return exc.strerror or str(exc)
    return not_regular_reason(st)


def open_regular(path: Path) -> BinaryIO:
    """*path* opened for reading, if it is a regular file of a sane size; ValueError (why) if it
    is not; FileNotFoundError if it is missing. Never blocks on a FIFO (opened non-blocking,
    then checked by the status of what was opened)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        why = not_regular_reason(os.fstat(fd))
        if why:
            raise ValueError(why)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
