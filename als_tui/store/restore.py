"""Putting the backup back in place of a data file that cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

from .codec import loads
from .durable import FILE_MODE, write_private
from .errors import StoreError
from .lock import acquire_lock


def restore_backup(path: str | os.PathLike[str]) -> str:
    """Put ``<db>.bak`` back in place of the data file; the current file is kept as
    ``<db>.broken``. Returns a one-line report. Raises StoreError if impossible."""
    db = Path(path).expanduser()
    bak = db.with_name(db.name + ".bak")
    if not bak.exists():
        raise StoreError(f"There is no backup {bak} to restore.")
    try:
        data = loads(bak.read_bytes())
        if not isinstance(data, dict):
            raise ValueError("the top level is not an object")
    except ValueError as exc:
        raise StoreError(f"The backup {bak} cannot be read either ({exc}); nothing was changed.") from None
    lock = acquire_lock(db)
    try:
        if db.exists():  # keep the unreadable file; the data file itself never goes missing
            broken = db.with_name(db.name + ".broken")
            broken.unlink(missing_ok=True)
            try:
                os.link(db, broken)
            except OSError:
                write_private(broken, db.read_bytes(), keep_backup=False)
            os.chmod(broken, FILE_MODE)
        write_private(db, bak.read_bytes(), keep_backup=False)
    finally:
        lock.release()
    return f"Restored {db} from {bak}; the unreadable file was kept as {db.name}.broken."
