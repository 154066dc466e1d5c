"""One writer per data file, whatever name it is opened by.

Two locks, both taken without waiting:

- ``<db>.lock`` beside the data file (filelock), for the name: a second ``als`` on the same path,
  or through a symbolic link (the store opens the link's target), is refused;
- a lock on the data file itself (``flock`` on its inode), for every other name of it: a hard
  link, a bind mount, a lock file someone deleted. The data file is replaced at each save, so the
  lock moves with it: each new version is locked before it is put in place
  (:meth:`StoreLock.hold_new`), and the old one is let go once the new one is there.

A planted lock file (a symbolic link, or a hard link to another file) is refused, never opened:
opening it would truncate or chmod the file it points to.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .durable import FILE_MODE
from .errors import LockedError, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: the lock file alone
    fcntl = None  # type: ignore[assignment]


def _locked(path: Path) -> LockedError:
    return LockedError(f"{path} is already open in another als window or process; close that one first.")


def _check_lock_file(lock_path: Path) -> None:
    try:
        st = os.lstat(lock_path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"Cannot lock {lock_path}: {exc.strerror or exc}.") from None
    if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
        what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else (
            "another name of a file" if stat.S_ISREG(st.st_mode) else "not a regular file")
        raise StoreError(f"Cannot lock {lock_path}: it is {what}, not a lock of als; remove it and try again.")


def _acquire_name_lock(path: Path):
    from filelock import FileLock, Timeout

    lock_path = Path(str(path) + ".lock")
    _check_lock_file(lock_path)
    # thread_local=False: the lock is the process's (released by whichever thread closes the store)
    lock = FileLock(str(lock_path), timeout=0, mode=FILE_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise _locked(path) from None
    except NotImplementedError:  # flock(2) refused with ENOSYS: some network file systems
        raise StoreError(f"Cannot lock {path}: its file system does not support file locks; "
                         "keep the data file on a local disk (--db PATH).") from None
    except OSError as exc:
        raise StoreError(f"Cannot lock {path}: {exc.strerror or exc}.") from None
    return lock


class StoreLock:
    """The name lock and the inode lock of one data file (see the module doc)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._name = _acquire_name_lock(path)
        self._fd: int | None = None  # an open descriptor of the current data file, flocked
        try:
            self._lock_current()
        except BaseException:
            self._name.release()
            raise

    def _lock_current(self) -> None:
        """Lock the data file as it is now (if it exists): refused if another name holds it."""
        if fcntl is None:
            return
        for _ in range(5):  # (a writer may replace the file between opening and locking it)
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            except FileNotFoundError:
                return
            except OSError:
                return  # (a folder, a loop …: refused with its own message when it is read)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    os.close(fd)
                    return
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise _locked(self.path) from None
                return  # a file system without flock: the name lock alone
            try:
                now = os.stat(self.path)
            except OSError:
                now = None
            held = os.fstat(fd)
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                self._fd = fd
                return
            os.close(fd)  # replaced meanwhile: lock the new one

    def hold_new(self, fd: int) -> Callable[[bool], None]:
        """Lock the new version of the data file (the open temp file *fd*) before it is put in
        place; the returned callable, given whether it was put in place, keeps the lock on the
        new version and lets the old one go (True) or drops the new one (False)."""
        if fcntl is None:
            return lambda placed: None
        mine = os.dup(fd)
        try:
            fcntl.flock(mine, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(mine)
            return lambda placed: None

        def done(placed: bool) -> None:
            if placed:
                old, self._fd = self._fd, mine
                if old is not None:
                    os.close(old)
            else:
                os.close(mine)

        return done

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._name.release()


def acquire_lock(path: Path) -> StoreLock:
    return StoreLock(path)
