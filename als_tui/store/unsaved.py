"""What is not on disk yet, in words, and a copy of it somewhere else.

When the data file cannot be written (a full disk, a folder gone read-only), the store keeps the
change in memory and the app retries. Before the app ends with such a change, it says what would
be lost (:func:`describe`) and can put a copy of everything in another file (:func:`save_copy`,
:func:`rescue_copy`): a backup in the format ``als import`` restores.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .repository import Change, Store


_PHASE_WORDS = {"opening": "at the opening", "checkin": "at check-in", "bids": "at bids",
                "selection": "choosing presenters", "session": "in an issue session", "review": "at the review",
                "summary": "at the summary"}


def _quoted(value: object, limit: int = 40) -> str:
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _set_name(store: Store, set_id: object) -> str:
    alset = store.get_set(str(set_id))
    return _quoted(alset.name) if alset is not None else "a set"


def _one(store: Store, table: str, doc: dict[str, Any]) -> str:
    get = doc.get
    if table == "sets":
        return f"the set {_quoted(get('name', ''))}"
    if table == "meetings":
        phase = _PHASE_WORDS.get(str(get("phase", "")), str(get("phase", "")))
        return f"the meeting of {get('date', '')} of {_set_name(store, get('set_id'))} ({phase})"
    if table == "actions":
        return f"an action of {get('owner', '?')}: {_quoted(get('text', ''))}"
    if table == "preps":
        return f"{get('member', '?')}'s prep for {_set_name(store, get('set_id'))}"
    if table == "training":
        return f"a question-gym result of {get('member', '?')}"
    return "a remembered choice (the last set and member chosen)"


def _key(table: str, what: dict[str, Any] | str) -> tuple[str, object]:
    if isinstance(what, str):
        return table, what
    return table, what.get("id") or what.get("key") or (what.get("set_id"), what.get("member"), what.get("date"))


def describe(store: Store, changes: Iterable[Change]) -> list[str]:
    """Each change in words, once (the newest version of a document counts), oldest first."""
    latest: dict[tuple[str, object], Change] = {}
    for table, what in changes:
        key = _key(table, what)
        latest.pop(key, None)  # (moved to the end: the order of the last change)
        latest[key] = (table, what)
    return [what if isinstance(what, str) else _one(store, table, what) for table, what in latest.values()]


def backup_bytes(store: Store) -> bytes:
    """Everything the store holds in memory, as an ``als import`` backup."""
    from ..export.backup import backup_json

    return backup_json(store.raw()).encode("utf-8")


def own_files(store: Store) -> list[Path]:
    """The data file and the files beside it that no copy may land on."""
    return [store.path, store.path.with_name(store.path.name + ".bak"), store.path.with_name(store.path.name + ".lock")]


def save_copy(store: Store, target: Path) -> Path:
    """Write everything in memory to the new file *target* (0600, atomically; never over an
    existing file, nor the data file by any name). OutFileError with one line if it cannot."""
    from ..outfile import write_file

    write_file(target, backup_bytes(store), force=False, protected=own_files(store))
    return target


def rescue_folders(store: Store) -> list[Path]:
    """Where :func:`rescue_copy` tries to write, in order: beside the data file, the home folder,
    and a private folder in the temp folder."""
    folders = [store.path.parent, Path.home()]
    return [f for i, f in enumerate(folders) if f not in folders[:i]]


def rescue_copy(store: Store, stamp: str) -> tuple[Path | None, str]:
    """Put a copy of everything in memory in the first folder that takes it, as
    ``<data file name>.unsaved-<stamp>.json`` (no one is there to ask: the app is ending on a signal
    or a closed browser tab). (the copy's path, "") or (None, why every folder refused)."""
    from ..outfile import OutFileError, write_file

    name = f"{store.path.stem}.unsaved-{stamp}.json"
    payload = backup_bytes(store)
    why = ""
    for folder in rescue_folders(store):
        try:
            target = folder / name
            write_file(target, payload, force=False, protected=own_files(store))
            return target, ""
        except OutFileError as exc:
            why = str(exc)
    try:
        folder = Path(tempfile.mkdtemp(prefix="als-unsaved-"))  # 0700, this user's alone
        target = folder / name
        write_file(target, payload, force=False, protected=own_files(store))
        return target, ""
    except Exception as exc:  # noqa: BLE001 - the last resort: say why, never raise
        return None, why or str(exc)


def lost_message(store: Store, changes: list[str], copy: Path | None = None, *, how: str = "quit") -> str:
    """One line for the terminal after the app ended with changes that are not in the data file."""
    what = "; ".join(changes) or "changes made since the last save"
    if copy is not None:
        return (f"not saved to {store.path}: {what}. A copy of everything is in {copy}; restore it with "
                f"`als import {copy} --db NEW.json`")
    return f"{how} without saving to {store.path}; lost: {what}"



class UnsavedChanges:
    """What the quit dialog needs of the store while a change is not on disk: what it is, why it
    failed, trying again, and a copy elsewhere."""

    def __init__(self, store: Store, stamp: str = "") -> None:
        from datetime import datetime

        self.store = store
        self.stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")  # (names the copies)
        self.copy: Path | None = None

    @property
    def path(self) -> Path:
        return self.store.path

    def why(self) -> str:
        return self.store.storage.failure_reason or "the disk did not take it"

    def changes(self) -> list[str]:
        return self.store.unsaved()

    def retry(self) -> bool:
        """Try the save again; True once everything is on disk."""
        return self.store.retry()

    def default_copy_path(self) -> Path:
        return Path.home() / f"{self.store.path.stem}.unsaved-{self.stamp}.json"

    def save_copy(self, target: Path) -> Path:
        """See :func:`save_copy` (OutFileError with one line if it cannot)."""
        self.copy = save_copy(self.store, target)
        return self.copy

    def rescue(self) -> str:
        """No one can be asked (a signal, a closed browser tab): put a copy where it can go, and
        the line that says what was not saved and where the copy is."""
        changes = self.changes()
        if self.copy is None:
            self.copy, why = rescue_copy(self.store, self.stamp)
            if self.copy is None:
                return f"{lost_message(self.store, changes, how='ended')} (no copy could be written either: {why})"
        return lost_message(self.store, changes, self.copy)

    def lost(self) -> str:
        """The line for a quit the person chose, with the copy they saved if any."""
        return lost_message(self.store, self.changes(), self.copy)
