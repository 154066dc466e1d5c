"""Putting the backup back in place of the data file (``als restore-backup``).

For a file that cannot be read, that is the way back, and it needs no question. A file that can be
read is newer than its backup, so putting the backup back loses something: it is done only when
confirmed, and the question says what (:func:`what_would_be_lost`). Whatever file is replaced is
kept, each time under a name of its own (``<db>.broken``, ``<db>.broken.2``, …), never written
over and never written through a link someone left there.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import SCHEMA_VERSION
from ..paths import user_path
from .durable import FILE_MODE, fsync_dir, write_new, write_private
from .errors import StoreError
from .lock import acquire_lock
from .migrate import file_schema

Confirm = Callable[[str], bool]
"""Asked with what would be lost; True to go ahead."""


class NotConfirmed(StoreError):
    """A readable file was not rolled back: the message says what would have been lost."""


def _regular(path: Path, what: str) -> os.stat_result | None:
    """lstat of *path* if it is a regular file; None if it does not exist; StoreError for anything
    else (a link, a folder, a pipe, a device): such a file is never opened."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{what} {path} cannot be used ({exc.strerror or exc}); nothing was changed.") from None
    if not stat.S_ISREG(st.st_mode):
        kind = ("a symbolic link" if stat.S_ISLNK(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode)
                else "not a regular file")
        raise StoreError(f"{what} {path} cannot be used (it is {kind}); nothing was changed.")
    return st


def read_whole(path: Path) -> dict[str, Any]:
    """The data of the file at *path*, checked as the store checks it; ValueError why not."""
    from .guards import read_checked

    return read_checked(path)


def _docs(data: dict[str, Any], table: str) -> dict[str, Any]:
    docs = data.get(table)
    if not isinstance(docs, dict):
        return {}
    out = {}
    for doc in docs.values():
        if not isinstance(doc, dict):
            continue
        key = doc.get("id") if table != "preps" else (doc.get("set_id"), doc.get("member"))
        out[json.dumps(key, sort_keys=True) if key is not None else json.dumps(doc, sort_keys=True)] = doc
    return out


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def what_would_be_lost(current: dict[str, Any], backup: dict[str, Any]) -> list[str]:
    """What *current* holds that *backup* does not, in words ("2 meetings (2026-04-07, …)", …);
    [] if putting the backup back loses nothing."""
    lost: list[str] = []

    def dates(docs: list[dict[str, Any]]) -> str:
        shown = sorted(str(d.get("date", "")) for d in docs)
        return ", ".join(shown[:6]) + (", …" if len(shown) > 6 else "")

    for table, one, many in (("meetings", "meeting", None), ("sets", "set", None), ("actions", "action", None),
                             ("preps", "prep", None), ("training", "question-gym result", None)):
        now, then = _docs(current, table), _docs(backup, table)
        new = [d for k, d in now.items() if k not in then]
        changed = [d for k, d in now.items() if k in then and then[k] != d]
        if table == "meetings":
            if new:
                lost.append(f"{_count(len(new), one)} ({dates(new)})")
            if changed:
                lost.append(f"changes to {_count(len(changed), one)} ({dates(changed)})")
        elif table == "sets":
            if new:
                lost.append(f"{_count(len(new), one)} ({', '.join('“' + str(d.get('name', '')) + '”' for d in new)})")
            if changed:
                lost.append(f"changes to {_count(len(changed), one)}")
        else:
            if new:
                lost.append(_count(len(new), one, many))
            if changed:
                lost.append(f"changes to {_count(len(changed), one, many)}")
    return lost


def _words(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _keep(db: Path) -> Path:
    """Keep the current data file under the first free name ``<db>.broken``, ``<db>.broken.2``, …
    (a new name each time: an earlier copy, or a link planted there, is never written over)."""
    for n in range(1, 1000):
        kept = db.with_name(db.name + (".broken" if n == 1 else f".broken.{n}"))
        try:
            os.link(db, kept)  # fails if the name is taken: never follows or replaces it
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
                raise
            try:  # a file system without hard links: a copy, created 0600 with O_EXCL
                write_new(kept, db.read_bytes())
            except FileExistsError:
                continue
        os.chmod(kept, FILE_MODE)
        return kept
    raise StoreError(f"Too many kept copies beside {db} ({db.name}.broken …); move some away first.")


def restore_backup(path: str | os.PathLike[str], confirm: Confirm | None = None) -> str:
    """Put ``<db>.bak`` back in place of the data file; the file it replaces is kept (see the module
    doc). A readable data file is replaced only if *confirm* says yes to what would be lost
    (NotConfirmed otherwise). Returns a one-line report. StoreError (nothing changed) if impossible."""
    db = user_path(path)
    bak = db.with_name(db.name + ".bak")
    if _regular(bak, "The backup") is None:
        raise StoreError(f"There is no backup {bak} to restore.")
    lock = acquire_lock(db)
    try:
        try:
            backup = read_whole(bak)
        except ValueError as exc:
            raise StoreError(f"The backup {bak} cannot be read either ({exc}); nothing was changed.") from None
        if file_schema(backup) > SCHEMA_VERSION:
            raise StoreError(f"The backup {bak} cannot be used (it was written by a newer als-tui); "
                             "nothing was changed.")
        present = _regular(db, "The data file") is not None
        if present:
            try:
                current: dict[str, Any] | None = read_whole(db)
            except ValueError:
                current = None  # damaged: the backup goes back without a question
            if current is not None:
                lost = what_would_be_lost(current, backup)
                if file_schema(current) > SCHEMA_VERSION:
                    lost = ["everything in it (it was written by a newer als-tui)"]
                if not lost:
                    return f"{db} and its backup {bak} hold the same data; nothing was changed."
                question = f"{db} can be read; putting {bak} back would lose {_words(lost)}"
                if confirm is None or not confirm(question):
                    raise NotConfirmed(question)
        kept = _keep(db) if present else None
        try:
            write_private(db, bak.read_bytes(), keep_backup=False)
        except OSError as exc:
            if kept is not None:  # nothing changed after all: the kept link goes too
                kept.unlink(missing_ok=True)
                fsync_dir(db.parent, strict=False)
            raise StoreError(f"Could not restore {db}: {exc.strerror or exc}; nothing was changed.") from None
    finally:
        lock.release()
    if kept is None:
        return f"Restored {db} from {bak}."
    return f"Restored {db} from {bak}; the file it replaced is kept as {kept}."
