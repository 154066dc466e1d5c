"""What a file must be before the store opens it: the checks made once, at opening and import.

The store follows a symbolic link to its target (:func:`data_path`); refuses a data file with
another name (:func:`refuse_other_names`); never opens an empty, missing or document-less file
beside a good backup (it would soon become the backup); reads a file whole, checked, without
writing (:func:`read_checked`, for restoring and comparing); and checks a backup's data before
anything is made for it (:func:`check_backup_data`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from ..model import mend_surrogates
from .durable import glob_escape
from .errors import CorruptError, StoreError
from .fields import data_problem, number_problem
from .layout import LAZY_TABLES, META_TABLE, is_blank
from .migrate import migrate
from .shape import check_shape
from .storage import DurableStorage


def check_backup_data(data: dict[str, Any], path: Path | None = None) -> tuple[dict[str, Any], int]:
    """A backup's data as it would be imported (a copy, migrated to the current schema, its lone
    surrogates replaced by U+FFFD) and how many texts were mended so; or StoreError with one line
    if it is damaged: not tables of documents, wrong field types, numbers no JSON reader keeps,
    tables als does not keep."""
    data, mended = mend_surrogates(data)  # (also our own copy)
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError("The backup's data is not a set of tables; nothing was imported.")
    data, _ = migrate(data, path or Path("backup"))
    wrong = data_problem(data) or number_problem(data)
    if wrong:
        raise StoreError(f"The backup is damaged: {wrong}; nothing was imported.")
    return data, mended


def data_path(given: Path) -> Path:
    """The file a store opened on *given* works on: *given*, or what the symbolic link there
    points to (followed to the end). A loop of links is refused."""
    if not os.path.islink(given):
        return given
    try:
        os.stat(given)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(f"{given} is a loop of symbolic links, not a data file.") from None
    return Path(os.path.realpath(given))


def remove_if_empty(path: Path) -> None:
    """Remove *path* if it holds nothing: no bytes, or no document but the schema's."""
    try:
        if path.stat().st_size > 0:
            data = read_checked(path)
            if any(table for name, table in data.items() if name != META_TABLE):
                return
        path.unlink()
    except (OSError, ValueError):
        pass


def refuse_other_names(path: Path) -> None:
    """A data file with another name (a hard link elsewhere) would be split in two by the first
    save (the other name keeps the old version: after ``als forget``, the forgotten member's
    notes). Only the store's own names may share it: ``.bak`` and the kept ``.broken`` copies."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if st.st_nlink <= 1:
        return
    folder, name = path.parent, path.name
    own = [folder / f"{name}.bak", folder / f".{name}.bak.tmp",
           *folder.glob(glob_escape(name) + ".broken*")]
    ours = 0
    for other in own:
        try:
            o = os.lstat(other)
        except OSError:
            continue
        ours += (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino)
    if st.st_nlink > 1 + ours:
        raise StoreError(
            f"{path} has another name (a hard link), and a save would leave the old version under "
            f"it; remove the other name (find it with: find / -samefile {path}) or use a copy.")


def refuse_missing_or_empty_with_backup(path: Path) -> None:
    """A missing or empty data file beside a good ``.bak`` is an accident (the app never
    deletes or empties it): starting a new file would soon replace the backup, so refuse."""
    bak = path.with_name(path.name + ".bak")
    try:
        empty = not path.exists() or is_blank(path)
    except OSError:
        return
    if empty and bak.is_file() and bak.stat().st_size > 0:
        why = "it is empty" if path.exists() else "it is missing"
        raise CorruptError(
            f"{path} cannot be read ({why}) but its backup {bak} is there; run "
            f"`als restore-backup --db {path}` to put it back, or move the backup away to start a new file."
        )


def refuse_no_documents_with_backup(path: Path, data: dict[str, Any]) -> None:
    """A file that holds no documents at all (``{}``, a schema alone) beside a backup that
    holds sets is as good as empty: opening it would soon make it the backup."""
    if any(table for name, table in data.items() if name != META_TABLE):
        return
    bak = path.with_name(path.name + ".bak")
    try:
        held = read_checked(bak).get("sets")
    except (ValueError, StoreError):
        return
    if held:
        raise CorruptError(
            f"{path} cannot be read as the set's record (it holds nothing) but its backup {bak} does; "
            f"run `als restore-backup --db {path}` to put it back, or move the backup away to start a new file.")


def read_checked(path: Path) -> dict[str, Any]:
    """The whole file at *path*, read and checked as opening it in the store would, without
    writing anything; ValueError with the reason in words if it cannot be read."""
    try:
        storage = DurableStorage(path, access_mode="r")
    except FileNotFoundError:
        raise ValueError("it is missing") from None
    try:
        data = storage.read()
        if not data:
            raise ValueError("it is empty")
        check_shape(data, path)
        wrong = data_problem(data, [t for t in data if "head" not in storage.vouched or t not in LAZY_TABLES])
        if wrong:
            raise ValueError(wrong)
        return data
    except CorruptError as exc:
        raise ValueError(exc.why) from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    finally:
        storage.close()
