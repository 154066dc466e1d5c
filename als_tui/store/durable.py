"""Durable writes: a file is never written in place.

``write_private``: write the bytes to a temp file created 0600 in the same directory; flush +
fsync; keep the previous file as ``<path>.bak`` (a hard link, so it costs no copy); ``os.replace``
the temp file over the file; fsync the directory. A crash at any instant leaves either the old or
the new file, whole. Crash tests stop the process at each step (:data:`CRASH_POINTS`).
"""

from __future__ import annotations

import errno
import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .layout import Payload

FILE_MODE = 0o600
DIR_MODE = 0o700


# A hook for crash testing: called with a label at each step of the write path. None in
# normal use. Crash tests set it in-process, or run a child with ALS_CRASH_AT=<label>[:<n>]:
# the process then dies (os._exit(137), no clean-up, as if SIGKILLed) the n-th time (default:
# the first) the write path reaches <label>. Read once, at import.
CrashHook = Callable[[str], None]
CRASH_POINTS = (
    "before-fsync",  # temp file written and flushed, not yet fsynced
    "after-fsync",  # temp file on disk
    "before-link",  # about to hard-link the current file as the next .bak
    "after-link",  # .bak.tmp linked, .bak not yet replaced
    "before-replace",  # .bak replaced; the data file is still the old one
    "after-replace",  # the data file is the new one; directory not yet fsynced
    "after-dirsync",  # all done
)
CRASH_ENV = "ALS_CRASH_AT"
CRASH_EXIT_CODE = 137


def crash_hook_from_env(spec: str | None = None) -> CrashHook | None:
    """The hook ``ALS_CRASH_AT=<label>[:<n>]`` asks for (None when unset)."""
    spec = (os.environ.get(CRASH_ENV, "") if spec is None else spec).strip()
    if not spec:
        return None
    label, _, nth = spec.partition(":")
    if label not in CRASH_POINTS:
        raise ValueError(f"{CRASH_ENV}={spec!r}: the label must be one of {', '.join(CRASH_POINTS)}")
    target = int(nth) if nth else 1
    seen = 0

    def hook(point: str) -> None:
        nonlocal seen
        if point == label:
            seen += 1
            if seen >= target:
                os._exit(CRASH_EXIT_CODE)

    return hook


crash_hook: CrashHook | None = crash_hook_from_env()


def _point(label: str) -> None:
    if crash_hook is not None:
        crash_hook(label)


class NotDurableError(OSError):
    """The file was put in place, but the disk reported an error making that last (the folder's
    fsync failed): after a power cut it may be the old file. Reported, never taken for success."""

    written = True


# errors of a folder fsync that mean "not supported here", not "failed"
_FSYNC_UNSUPPORTED = (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF)


def fsync_dir(directory: Path, *, strict: bool = True) -> None:
    """fsync *directory*, so a rename in it lasts. A failure (EIO) raises NotDurableError unless
    not *strict*; a file system that cannot fsync a folder is not a failure."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if strict and exc.errno not in _FSYNC_UNSUPPORTED:
            raise NotDurableError(exc.errno, exc.strerror) from None
    finally:
        os.close(fd)


_BATCH = 1024 if hasattr(os, "writev") else 0  # chunks a system call (IOV_MAX is at least 1024)


def write_payload(fh: BinaryIO, payload: Payload) -> None:
    """Write all of *payload* to the file *fh* and flush it: a long history's chunks (thousands of
    meetings and actions) a thousand to a system call (``writev``), not one call each."""
    chunks = (payload,) if isinstance(payload, bytes) else payload
    if not _BATCH or type(fh) is not io.BufferedWriter or len(chunks) < 8:
        for chunk in chunks:
            fh.write(chunk)
        fh.flush()
        return
    fh.flush()
    fd = fh.fileno()
    for at in range(0, len(chunks), _BATCH):
        batch = chunks[at:at + _BATCH]
        done = os.writev(fd, batch)
        if done < sum(map(len, batch)):  # (a short write: the rest of this batch, one call at a time)
            rest = memoryview(b"".join(batch))[done:]
            while rest:
                rest = rest[os.write(fd, rest):]


def write_new(path: Path, payload: Payload) -> None:
    """Create *path* (it must not exist: FileExistsError; never through a link) 0600 from the
    start, whatever the umask, with *payload*, and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            write_payload(fh, payload)
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def ensure_private_dir(directory: Path) -> None:
    """Create *directory* 0700 if missing, and any missing parents 0700 too (as the XDG base
    directory spec asks; ``mkdir(parents=True)`` would make them 0777 minus the umask); leave
    existing ones alone."""
    missing = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made meanwhile by someone else: theirs, leave it
            continue
        os.chmod(folder, DIR_MODE)  # whatever the umask


Hold = Callable[[int], Callable[[bool], None]]
"""Given the new version's open descriptor before it is put in place (to lock it); returns what to
call with whether it was put in place (see ``lock.StoreLock.hold_new``)."""


def write_private(path: Path, payload: Payload, *, keep_backup: bool = True, hold: Hold | None = None) -> None:
    """Atomically replace *path* with *payload*; the old file becomes ``<path>.bak``."""
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    held: Callable[[bool], None] | None = None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            write_payload(fh, payload)
            _point("before-fsync")
            os.fsync(fh.fileno())
            _point("after-fsync")
            if hold is not None:
                held = hold(fh.fileno())
        # An empty current file is never kept as the backup: it would replace the last good
        # copy with nothing (an empty file is what a crash between creating a new file and its
        # first write leaves, or what a tool that truncated the file leaves).
        if keep_backup and path.exists() and path.stat().st_size > 0:
            bak = path.with_name(path.name + ".bak")
            bak_tmp = path.with_name(f".{path.name}.bak.tmp")
            try:
                bak_tmp.unlink(missing_ok=True)
                _point("before-link")
                os.link(path, bak_tmp)
                _point("after-link")
            except OSError:  # filesystems without hard links: a copy, 0600 from its creation
                write_new(bak_tmp, path.read_bytes())
            os.replace(bak_tmp, bak)
        _point("before-replace")
        os.replace(tmp, path)
        if held is not None:
            held, placed = None, held
            placed(True)  # type: ignore[misc]
        _point("after-replace")
        fsync_dir(directory)
        _point("after-dirsync")
    except BaseException:
        if held is not None:
            held(False)
        for leftover in (tmp, path.with_name(f".{path.name}.bak.tmp")):  # best effort: the
            try:  # original error is what counts (and a read-only folder refuses this too)
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise
