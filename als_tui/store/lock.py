"""The single-writer lock beside the data file (``<db>.lock``)."""

from __future__ import annotations

from pathlib import Path

from .durable import FILE_MODE
from .errors import LockedError, StoreError


def acquire_lock(path: Path):
    from filelock import FileLock, Timeout

    # thread_local=False: the lock is the process's (released by whichever thread closes the store)
    lock = FileLock(str(path) + ".lock", timeout=0, mode=FILE_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"{path} is already open in another als window or process; close that one first."
        ) from None
    except NotImplementedError:  # flock(2) refused with ENOSYS: some network file systems
        raise StoreError(f"Cannot lock {path}: its file system does not support file locks; "
                         "keep the data file on a local disk (--db PATH).") from None
    except OSError as exc:
        raise StoreError(f"Cannot lock {path}: {exc.strerror or exc}.") from None
    return lock
