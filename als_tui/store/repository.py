"""The Store: the set's record (sets, meetings, actions, preps, training) on one durable file."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from .. import model
from ..model import SCHEMA_VERSION, Action, ALSet, Meeting, Prep, TrainingResult
from ..paths import user_path
from . import files
from .codec import dumps, loads
from .docindex import DocIndex
from .durable import FILE_MODE, ensure_private_dir, glob_escape, write_private
from .errors import SaveError, StoreError, corrupt
from .fields import RECORDS, data_problem
from .guards import (
    check_backup_data,
    data_path,
    refuse_missing_or_empty_with_backup,
    refuse_no_documents_with_backup,
    refuse_other_names,
    remove_if_empty,
)
from .layout import INDEX_KEY, LAZY_TABLE, META_TABLE, meetings_index
from .lock import StoreLock, acquire_lock
from .migrate import file_schema, migrate
from .privacy import copies_mentioning, forget_member_data
from .shape import check_shape
from .storage import DurableStorage
from .writer import BackgroundWriter


def _is_text(field: str, text: str):
    """A query for *field* equal to *text* as written now or as read back from the file: two
    surrogate code points that form a pair (only a broken decoder makes those) are written as
    JSON escapes and come back as the one character they encode."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return Query()[field] == text
    return Query()[field].one_of([text, json.loads(json.dumps(text))])


Change = tuple[str, "dict[str, Any] | str"]
"""What a write changed: (table, the document written, or a few words for anything else)."""


class Store:
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

    # -- what is not on disk yet -------------------------------------------------------------
    @contextmanager
    def _changing(self, table: str, what: dict[str, Any] | str):
        """Note what the write made inside this block changes, so that :meth:`unsaved` can say
        what is lost if it never reaches the disk. (A write that could not even be serialised
        changed nothing and is not noted.)"""
        storage = self.storage
        before = getattr(storage, "write_seq", None)  # (a test's reference store may use another storage)
        try:
            yield
        finally:
            if before is not None and storage.write_seq != before:
                if len(self._unsaved) > 32:
                    saved = storage.saved_seq
                    self._unsaved = [c for c in self._unsaved if c[0] > saved]
                self._unsaved.append((storage.write_seq, (table, what)))

    def unsaved(self) -> list[str]:
        """What is in memory but not on disk (after a failed save), in words, oldest first:
        "the set “Ward managers”", "the meeting of 2026-03-10 of “Ward managers”", …"""
        from .unsaved import describe

        saved = self.storage.saved_seq
        self._unsaved = [c for c in self._unsaved if c[0] > saved]
        if not self.pending:
            return []
        return describe(self, [what for _, what in self._unsaved]) or ["changes made since the last save"]

    @property
    def storage(self) -> DurableStorage:
        return self._db.storage  # type: ignore[return-value]

    @property
    def pending(self) -> bool:
        return self.storage.pending

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

    # -- generic helpers -------------------------------------------------------------
    @property
    def _index(self) -> DocIndex:
        """Where each document is (see :mod:`.docindex`)."""
        index = self.__dict__.get("_docindex")
        if index is None:
            index = self.__dict__["_docindex"] = DocIndex()
        return index

    def _upsert(self, table: str, doc: dict[str, Any], cond: Any = None) -> None:
        """Insert or replace one document with exactly one write.

        A document with an ``id`` (sets, meetings, actions) is put in place of the one it replaces,
        found through the index (:meth:`_put`). Others go through TinyDB (whose own ``upsert``
        writes twice for a new document: a no-op update, then the insert)."""
        if cond is None and isinstance(self.storage, DurableStorage):
            self._put(table, doc)
            return
        tbl = self._db.table(table)
        existing = tbl.get(cond if cond is not None else Query().id == doc["id"])
        storage = self.storage
        durable = isinstance(storage, DurableStorage)  # (a test's reference store may use another)
        if durable:  # the write changes this document only: the other meetings keep their bytes
            storage.expect_change(table, None if existing is None else existing.doc_id)
        try:
            with self._changing(table, doc):
                if existing is None:
                    tbl.insert(doc)
                else:
                    tbl.update(lambda d: (d.clear(), d.update(doc)), doc_ids=[existing.doc_id])  # type: ignore[arg-type,func-returns-value]
        finally:
            if durable:
                storage.forget_expected_change()

    def _put(self, table: str, doc: dict[str, Any]) -> None:
        """Put *doc* in place of the document with its ``id`` (or add it), with one write that
        serialises that document only: the table is not rebuilt (TinyDB's ``update`` rebuilds the
        dicts of every document of the table, and its ``get`` tests each one)."""
        storage = self.storage
        data = storage.read()
        if data is None:
            data = {}
        docs = data.get(table)
        if not isinstance(docs, dict):
            docs = data[table] = {}
        index = self._index
        key = index.doc_id(table, docs, doc["id"])
        if key is None:
            key = index.new_doc_id(table, docs)
        storage.expect_change(table, key)  # (a new document too: the index's counts take it in)
        try:
            with self._changing(table, doc):
                index.put(table, docs, key, dict(doc))
                storage.write(data)
        except SaveError:
            raise  # (the change is kept in memory, and so in the index)
        except BaseException:
            index.clear()  # (the storage went back to the data last saved)
            raise
        finally:
            storage.forget_expected_change()
            self._db._tables.pop(table, None)  # TinyDB's caches of the table (queries, next id)

    def _all(self, table: str) -> list[dict[str, Any]]:
        return self._find(table)

    def _direct(self, table: str) -> bool:
        """Read *table* straight from the storage, not through TinyDB: while a line is not parsed
        yet (TinyDB's tables always read the whole file), parsing the line of *table* alone."""
        storage = self.storage
        if storage.pending_table(table):
            storage.load_lazy(table)
        return storage.lazy_pending

    def _find(self, table: str, cond: Any = None) -> list[dict[str, Any]]:
        """The documents of *table* that match *cond* (all without one). While the meetings or
        the actions are not parsed yet, the other tables are searched directly, so that reading
        them does not parse those lines (see :meth:`_direct`)."""
        if not self._direct(table):
            tbl = self._db.table(table)
            return list(tbl.all() if cond is None else tbl.search(cond))
        docs = ((self.storage.peek() or {}).get(table) or {}).values()
        return [dict(d) for d in docs if cond is None or cond(d)]

    def _first(self, table: str, cond: Any) -> dict[str, Any] | None:
        if not self._direct(table):
            return self._db.table(table).get(cond)
        return next(iter(self._find(table, cond)), None)

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

    def _raw(self, table: str) -> Iterable[dict[str, Any]]:
        """The stored documents of *table*, read-only and uncopied (for quick scans)."""
        data = self.storage.read() or {}
        return (data.get(table) or {}).values()

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
        return sorted((Action.from_dict(d) for d in docs), key=lambda a: (a.created, a.id))

    def _owned(self, set_id: str, owner: str) -> list[dict[str, Any]]:
        """The stored documents of *owner*'s actions in the set *set_id* (read-only)."""
        self._direct("actions")
        docs = (self.storage.peek() or {}).get("actions")
        if not isinstance(docs, dict):
            return []
        found = docs.values() if not isinstance(self.storage, DurableStorage) else \
            self._index.owned("actions", docs, set_id, owner)
        return [d for d in found if d.get("set_id") == set_id and d.get("owner") == owner]

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
        return sorted((Action.from_dict(d) for d in docs), key=lambda a: (a.created, a.id))

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

    # -- whole file -------------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """The whole file as plain data (for export/backup), without the meetings index."""
        data = json.loads(json.dumps(self.storage.read() or {}))
        for doc in (data.get(META_TABLE) or {}).values():
            if isinstance(doc, dict):
                doc.pop(INDEX_KEY, None)
        return data

    # -- bulk writes, import, forgetting a member (issue 5: demo, export/import, forget) --------
    def _tables_changed(self) -> None:
        """Drop TinyDB's per-table caches (next document id, query results) after the data was
        replaced under it by a direct storage write; and the store's own index."""
        self._db._tables.clear()
        self._index.clear()

    def is_empty(self) -> bool:
        """True when the file holds no documents (sets, meetings, …) besides its own metadata."""
        data = self.storage.read() or {}
        return not any(table for name, table in data.items() if name != META_TABLE)

    def bulk_load(self, tables: dict[str, Iterable[dict[str, Any]]]) -> dict[str, int]:
        """Add many documents to several tables with ONE durable write (the demo set, benchmarks).

        Document ids continue each table's numbering. Returns how many were added per table."""
        prepared = {name: [dict(doc) for doc in docs] for name, docs in tables.items()}
        if META_TABLE in prepared:
            raise ValueError(f"bulk_load does not write the {META_TABLE} table")
        data = self.storage.read()
        if data is None:
            data = {}
        try:
            for name, docs in prepared.items():
                table = data.setdefault(name, {})
                next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
                for doc in docs:
                    table[str(next_id)] = doc
                    next_id += 1
            with self._changing("bulk", f"{sum(map(len, prepared.values()))} new records"):
                self.storage.write(data)
        finally:
            self._tables_changed()
        return {name: len(docs) for name, docs in prepared.items()}

    def import_data(self, data: dict[str, Any]) -> dict[str, int]:
        """Restore a whole file's data (from a backup) into this store, which must be empty.

        Older schemas are migrated; one durable write. Returns the number of documents per table."""
        if not self.is_empty():
            raise StoreError(f"{self.path} already holds data; a backup is only restored into an empty data file.")
        data, _ = check_backup_data(data, self.path)
        try:
            with self._changing("bulk", "the imported data"):
                self.storage.write(data)
        finally:
            self._tables_changed()
        return {name: len(t) for name, t in data.items() if name != META_TABLE}

    def rewrite_backup(self) -> None:
        """Write the current data once more, so ``<db>.bak`` holds it too and no longer the version
        before the last change: for changes that must not survive in the backup (forgetting a
        member; a confidential meeting's details)."""
        with self._changing("bulk", "clearing the backup copy of removed details"):
            self.storage.write(self.storage.read() or {})

    def forget_member(self, set_id: str, name: str) -> dict[str, Any]:
        """Remove a member's personal content from the set's record, in the file AND its ``.bak``.

        See :func:`forget_member_data` for what goes and what stays. Returns its counts plus
        ``other_copies``: older files beside the data file (a pre-migration ``.schemaN.bak``, a
        ``.broken`` file) that still mention the name; they are reported, never deleted."""
        data = loads(dumps(self.storage.read() or {}))
        counts = forget_member_data(data, set_id, name)
        try:
            with self._changing("bulk", f"forgetting {counts['name']}"):
                self.storage.write(data)  # the data file is clean; .bak is the previous file
        finally:
            self._tables_changed()
        bak = self.path.with_name(self.path.name + ".bak")
        try:
            with self._changing("bulk", f"forgetting {counts['name']} in the backup"):
                self.storage.write(data)  # again: now .bak is the clean file too
        except SaveError as exc:
            raise StoreError(
                f"{counts['name']} was forgotten in {self.path}, but the backup {bak} still mentions them ({exc})"
            ) from None
        counts["other_copies"] = [str(p) for p in copies_mentioning(self.path, counts["name"])]
        return counts


class _DocTest:
    """A document test for :meth:`Store.actions_where` that TinyDB does not cache (each is new)."""

    def __init__(self, set_id: str, keep: Callable[[dict[str, Any]], bool]) -> None:
        self.set_id, self.keep = set_id, keep

    def __call__(self, doc: dict[str, Any]) -> bool:
        return doc.get("set_id") == self.set_id and bool(self.keep(doc))

    def is_cacheable(self) -> bool:
        return False
