"""Writing a file a person named (``als export --out``, a copy of unsaved changes): whole or not at all.

- Never onto the data file, its ``.bak`` or its lock, under any name (a hard link, a symbolic
  link, ``..``): the files themselves are compared (device and inode), not their paths.
- Written to a temp file (0600) in the target's folder, fsynced, then put in place by one rename,
  and the folder fsynced: a failed write leaves no partial file, and an existing file is either
  wholly replaced or untouched. A rename replaces a name, never the contents of another name of
  the same file, so even a hard link made after the check cannot be written through.
- An existing file is replaced only when asked (*force*); a symbolic link, anything but a regular
  file, and a file owned by another user are refused.

Pure core: no Textual.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .store.durable import fsync_dir

FILE_MODE = 0o600


class OutFileError(Exception):
    """The file cannot be written; the message is one line fit to show a person."""


def same_file_as(st: os.stat_result, path: Path) -> bool:
    """The open file whose status is *st* is the file at *path* (by any name)."""
    return _identity(path) == (st.st_dev, st.st_ino)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def is_protected(out: Path, protected: Iterable[Path]) -> bool:
    """*out* names one of the *protected* files, by any alias (or the same path, if none exists yet)."""
    protected = list(protected)
    mine = _identity(out)
    if mine is not None and mine in {_identity(p) for p in protected}:
        return True
    real = _real(out)
    return any(real == _real(p) for p in protected)


def check_target(out: Path, *, force: bool, protected: Iterable[Path] = ()) -> None:
    """Refuse (OutFileError) a target :func:`write_file` must not write; see the module doc."""
    if is_protected(out, protected):
        raise OutFileError(f"{out} is the data file, its backup or its lock (under another name); choose another file")
    try:
        st: os.stat_result | None = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutFileError(f"cannot write {out}: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutFileError(f"{out} is a folder; give a file name")
    if st is not None and not force:
        raise OutFileError(f"{out} already exists; add --force to overwrite it")
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise OutFileError(f"cannot write {out}: it is a symbolic link; give the file itself")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutFileError(f"cannot write {out}: it is not a regular file (a device, a pipe or a socket)")
    if st is not None and hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise OutFileError(f"cannot write {out}: it belongs to another user; not replacing it")
    if not out.parent.is_dir():
        raise OutFileError(f"cannot write {out}: the folder {out.parent} does not exist")


def write_file(out: Path, data: bytes | str, *, force: bool, protected: Iterable[Path] = ()) -> None:
    """Write *data* (text as UTF-8) to *out*, created 0600, atomically (see the module doc).
    Without *force* an existing file is refused, even one that appears while writing."""
    protected = list(protected)
    check_target(out, force=force, protected=protected)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise OutFileError(f"cannot write {out}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, out)
        else:
            _place_new(tmp, out)
    except FileExistsError:
        raise OutFileError(f"{out} already exists; add --force to overwrite it") from None
    except OSError as exc:
        why = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise OutFileError(f"cannot write {out}: {why}; nothing was written") from None
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - best effort; the error above is what counts
            pass
    try:
        fsync_dir(out.parent)
    except OSError as exc:
        raise OutFileError(f"wrote {out}, but the disk reported an error while making it last: "
                           f"{exc.strerror or exc}; check the file") from None


def _place_new(tmp: Path, out: Path) -> None:
    """Give the written temp file the name *out*, which must not exist (FileExistsError if it does)."""
    try:
        os.link(tmp, out)  # fails if the name was taken meanwhile: never replaces a file
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(out):  # a file system without hard links: check, then rename
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(out)) from None
        os.replace(tmp, out)
