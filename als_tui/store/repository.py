"""The Store: the set's record (sets, meetings, actions, preps, training) on one durable file.

Opening (the lock, the checks, migrations) and the records as the app and the commands use them;
the documents underneath in :mod:`.documents`, the writes of the whole file in :mod:`.wholefile`."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from typing import Any

from tinydb import Query, TinyDB

from .. import model
from ..model import SCHEMA_VERSION, Action, ALSet, Meeting, Prep, TrainingResult
from ..paths import user_path
from . import files
from .documents import Change, _DocTest, _is_text
from .durable import FILE_MODE, ensure_private_dir, glob_escape, write_private
from .errors import SaveError, StoreError, corrupt
from .fields import RECORDS, data_problem
from .guards import (
    data_path,
    refuse_missing_or_empty_with_backup,
    refuse_no_documents_with_backup,
    refuse_other_names,
    remove_if_empty,
)
from .layout import LAZY_TABLE, META_TABLE, meetings_index
from .lock import StoreLock, acquire_lock
from .migrate import file_schema, migrate
from .shape import check_shape
from .storage import DurableStorage
from .wholefile import WholeFile
from .writer import BackgroundWriter


class Store(WholeFile):
    """The set's record: sets, meetings, actions, preps and training results.

    Opening takes the single-writer lock; :meth:`close` releases it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock: bool = True,
        background: bool = False,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """*background*: saves return once the snapshot is taken; a single writer thread makes
        it durable (the app uses this to keep the UI responsive). :meth:`flush` waits for it."""
        given = user_path(path)
        self.path = data_path(given)
        """The data file itself: a symbolic link is followed (lock, temp files, ``.bak`` and the
        replace act on its target, and the link stays a link)."""
        self._through_link = self.path != given
        self._unsaved: list[tuple[int, Change]] = []  # (write number, what it changed): see unsaved()
        try:
            ensure_private_dir(self.path.parent)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {self.path.parent}: {exc.strerror or exc}.") from None
        if not self.path.parent.is_dir():
            raise StoreError(f"Cannot use {self.path}: {self.path.parent} is a file, not a folder.")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a data file.")
        why = files.problem(self.path)
        if why:  # a pipe, a device, a socket …: refused before anything opens it (or a lock appears)
            raise corrupt(self.path, why)
        if not self.path.exists() and not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"Cannot create {self.path}: the folder is read-only.")
        self._lock: StoreLock | None = acquire_lock(self.path) if lock else None
        created = not self.path.exists()
        try:
            if self._lock is not None:
                self._remove_stale_temp_files()
            refuse_other_names(self.path)
            refuse_missing_or_empty_with_backup(self.path)
            self._db = self._open()
        except BaseException:
            if created:  # (under the lock) a file made for nothing would stand for one that was made
                remove_if_empty(self.path)
            self.close()
            raise
        if background:
            hold = self._lock.hold_new if self._lock is not None else None
            self.storage.writer = BackgroundWriter(self.path, on_error, hold)

    def _remove_stale_temp_files(self) -> None:
        """Temp files a killed writer left (``.<name>.*.tmp``): never the data, always a copy.
        Removed under the lock, so no other writer can be using them."""
        for tmp in self.path.parent.glob(f".{glob_escape(self.path.name)}.*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def _open(self) -> TinyDB:
        created = not self.path.exists()
        existed = not created and self.path.stat().st_size > 0
        st = None if created else self.path.stat()
        # A data file others may read is made private, but never through a link (the target may
        # be any file), and never one of another user's. (Each save writes a new 0600 file anyway.)
        if (st is not None and stat.S_IMODE(st.st_mode) & 0o077 and not self._through_link
                and st.st_uid == os.geteuid()):
            try:
                os.chmod(self.path, FILE_MODE)
            except OSError:
                pass
        try:
            db = TinyDB(self.path, storage=DurableStorage, access_mode="r+")
        except PermissionError as exc:
            raise StoreError(f"Cannot open {self.path}: {exc.strerror}.") from None
        storage: DurableStorage = db.storage  # type: ignore[assignment]
        if self._lock is not None:
            storage.hold = self._lock.hold_new  # each new version is locked before it is put in place
        data = storage.peek()  # the meetings of a long history are parsed later (see the module doc)
        if data is None:
            data = {}
        check_shape(data, self.path)
        refuse_no_documents_with_backup(self.path, data)
        old_version = file_schema(data)
        if old_version != SCHEMA_VERSION and storage.lazy_pending:
            data = storage.read() or {}  # a migration sees every table
        data, changed = migrate(data, self.path)
        wrong = data_problem(data, [t for t in data if "head" not in storage.vouched or t not in RECORDS])
        if wrong:  # (tables a checksum vouches for are as als wrote them; the names are always checked)
            raise corrupt(self.path, wrong)
        if changed or not existed:
            if changed and existed:  # keep the pre-migration file for good
                pre = self.path.with_name(self.path.name + f".schema{old_version}.bak")
                if not pre.exists():
                    write_private(pre, self.path.read_bytes(), keep_backup=False)
            try:
                storage.write(data)
            except SaveError:
                if not existed:
                    raise
        else:
            storage._data = data
        return db

    def unsaved(self) -> list[str]:
        """What is in memory but not on disk (after a failed save), in words, oldest first:
        "the set “Ward managers”", "the meeting of 2026-03-10 of “Ward managers”", …"""
        from .unsaved import describe

        saved = self.storage.saved_seq
        self._unsaved = [c for c in self._unsaved if c[0] > saved]
        if not self.pending:
            return []
        return describe(self, [what for _, what in self._unsaved]) or ["changes made since the last save"]

    def retry(self) -> bool:
        """Try again to save a change a failed write kept in memory. True when saved."""
        try:
            self.storage.flush_pending()
        except SaveError:
            return False
        return True

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every save is on disk (a no-op for a synchronous store). False on failure."""
        db = getattr(self, "_db", None)
        writer = db.storage.writer if db is not None else None  # type: ignore[attr-defined]
        return True if writer is None else writer.flush(timeout)

    def close(self) -> None:
        db = getattr(self, "_db", None)
        writer = getattr(db.storage, "writer", None) if db is not None else None
        if writer is not None:
            writer.close()  # everything submitted reaches the disk before the lock goes
            db.storage.writer = None  # type: ignore[union-attr]
        if db is not None:
            db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_history(self) -> bool:
        """Parse the actions and the meetings now if they are not yet (the app calls this just
        after its first paint). Raises CorruptError, with nothing written, if they cannot be read.
        True if what :meth:`overview` said from the index was wrong (the file was edited by hand)."""
        return self.storage.load_lazy()

    @property
    def history_pending(self) -> bool:
        return self.storage.lazy_pending

    def get_meta(self, key: str, default: Any = None) -> Any:
        doc = self._first(META_TABLE, Query().key == key)
        return default if doc is None else doc.get("value", default)

    def set_meta(self, key: str, value: Any) -> None:
        self._upsert(META_TABLE, {"key": key, "value": value}, Query().key == key)

    # -- sets -------------------------------------------------------------------------
    def sets(self) -> list[ALSet]:
        return sorted((ALSet.from_dict(d) for d in self._all("sets")), key=lambda s: s.name.casefold())

    def get_set(self, set_id: str) -> ALSet | None:
        doc = self._first("sets", Query().id == set_id)
        return ALSet.from_dict(doc) if doc else None

    def set_by_name(self, name: str) -> ALSet | None:
        wanted = name.strip().casefold()
        return next((s for s in self.sets() if s.name.casefold() == wanted), None)

    def save_set(self, alset: ALSet) -> None:
        self._upsert("sets", alset.to_dict())

    # -- meetings ---------------------------------------------------------------------
    def meetings(self, set_id: str) -> list[Meeting]:
        docs = self._db.table("meetings").search(Query().set_id == set_id)
        return sorted((Meeting.from_dict(d) for d in docs), key=lambda m: (m.date, m.started_at))

    def get_meeting(self, meeting_id: str) -> Meeting | None:
        docs = (self.storage.read() or {}).get("meetings")
        if not isinstance(docs, dict) or not isinstance(self.storage, DurableStorage):
            doc = self._db.table("meetings").get(Query().id == meeting_id)
            return Meeting.from_dict(doc) if doc else None
        key = self._index.doc_id("meetings", docs, meeting_id)
        return None if key is None else Meeting.from_dict(docs[key])

    def recent_meetings(self, set_id: str, count: int) -> list[Meeting]:
        """The set's latest *count* meetings, oldest first (by date, then the order they were
        held): a scan of the stored documents, only those returned converted. A meeting step
        reads these, not all of a long history."""
        docs = [d for d in self._raw("meetings") if d.get("set_id") == set_id]
        docs.sort(key=lambda d: (str(d.get("date", "")), str(d.get("started_at", ""))))  # (stable)
        return [Meeting.from_dict(d) for d in docs[-count:]] if count > 0 else []

    def meeting_ids_on(self, set_id: str, day: str) -> list[str]:
        """The ids of the set's meetings held on the ISO date *day*, in the order they were held."""
        return [str(d.get("id", "")) for d in self._raw("meetings")
                if d.get("set_id") == set_id and d.get("date") == day]

    def actions_where(self, set_id: str, keep: Callable[[dict[str, Any]], bool], owner: str | None = None) -> list[Action]:
        """The set's actions whose stored document *keep* accepts (only those are converted); of
        *owner* only if given (found through the index, not by a scan of every action)."""
        if owner is not None:
            docs = [d for d in self._owned(set_id, owner) if keep(d)]
        else:
            docs = self._find("actions", _DocTest(set_id, keep))
        return sorted((Action.from_dict(d) for d in docs), key=lambda a: a.created)  # (stable: a day's actions as saved)

    def meeting_in_progress(self, set_id: str) -> Meeting | None:
        """The set's newest unfinished meeting: found by a scan, only that one converted."""
        found = [d for d in self._raw("meetings")
                 if d.get("set_id") == set_id and d.get("status") == model.IN_PROGRESS]
        if not found:
            return None
        newest = max(found, key=lambda d: (str(d.get("date", "")), str(d.get("started_at", ""))))
        return Meeting.from_dict(newest)

    def overview(self, set_id: str) -> dict[str, Any]:
        """What the home screen shows of a set: finished meetings, the last date, open actions,
        and whether a meeting is in progress. From the file's meetings index while the meetings
        are not parsed yet (and the index matches them), else from one scan of the documents."""
        index = self.storage.index()
        if index is None:  # not known yet (a file in one line, or written the plain way): from the meetings
            index = meetings_index((self.storage.read() or {}).get(LAZY_TABLE) or {}, 0)
        entry = index["sets"].get(set_id)
        if isinstance(entry, list) and len(entry) == 3:  # (read from the file: checked)
            count, last, in_progress = int(entry[0]), str(entry[1]), bool(entry[2])
        else:  # no meeting of this set
            count, last, in_progress = 0, "", False
        open_actions = self.storage.open_actions().get(set_id, 0)
        return {"finished": count, "last": last, "open_actions": open_actions, "in_progress": in_progress}

    def save_meeting(self, meeting: Meeting) -> None:
        self._upsert("meetings", meeting.to_dict())

    def delete_meeting(self, meeting_id: str) -> None:
        with self._changing("meetings", "deleting a meeting"):
            self._db.table("meetings").remove(Query().id == meeting_id)

    # -- actions ----------------------------------------------------------------------
    def actions(self, set_id: str, owner: str | None = None) -> list[Action]:
        if owner is not None:
            return self.actions_where(set_id, lambda d: True, owner)
        docs = self._find("actions", Query().set_id == set_id)
        return sorted((Action.from_dict(d) for d in docs), key=lambda a: a.created)  # (stable: a day's actions as saved)

    def save_action(self, action: Action) -> None:
        self._upsert("actions", action.to_dict())

    def save_actions(self, actions: Iterable[Action]) -> None:
        for action in actions:
            self.save_action(action)

    def delete_action(self, action_id: str) -> None:
        with self._changing("actions", "deleting an action"):
            self._db.table("actions").remove(Query().id == action_id)

    # -- preps ------------------------------------------------------------------------
    def get_prep(self, set_id: str, member: str) -> Prep | None:
        doc = self._first("preps", (Query().set_id == set_id) & _is_text("member", member))
        return Prep.from_dict(doc) if doc else None

    def save_prep(self, prep: Prep) -> None:
        q = (Query().set_id == prep.set_id) & _is_text("member", prep.member)
        self._upsert("preps", prep.to_dict(), q)

    def delete_prep(self, set_id: str, member: str) -> None:
        with self._changing("preps", f"deleting {member}'s prep"):
            self._db.table("preps").remove((Query().set_id == set_id) & _is_text("member", member))

    # -- training ---------------------------------------------------------------------
    def add_training(self, result: TrainingResult) -> None:
        doc = result.to_dict()
        with self._changing("training", doc):
            self._db.table("training").insert(doc)

    def training(self, member: str) -> list[TrainingResult]:
        docs = self._find("training", Query().member == member)
        return sorted((TrainingResult.from_dict(d) for d in docs), key=lambda r: r.date)
