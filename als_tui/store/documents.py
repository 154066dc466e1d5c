"""The documents of the file as the store reads and writes them: one document put in place (found
through :mod:`.docindex`), tables searched without parsing the lines not needed yet, and what a
write changed noted until it is on disk. The base of :class:`~.repository.Store`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from .docindex import DocIndex
from .errors import SaveError
from .storage import DurableStorage


def _is_text(field: str, text: str):
    """A query for *field* equal to *text* as written now or as read back from the file: two
    surrogate code points that form a pair (only a broken decoder makes those) are written as
    JSON escapes and come back as the one character they encode."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return Query()[field] == text
    return Query()[field].one_of([text, json.loads(json.dumps(text))])


Change = tuple[str, "dict[str, Any] | str"]
"""What a write changed: (table, the document written, or a few words for anything else)."""


class Documents:
    """The store's reading and writing of single documents (see the module doc)."""

    path: Path
    _db: TinyDB
    _unsaved: list[tuple[int, Change]]

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

    @property
    def storage(self) -> DurableStorage:
        return self._db.storage  # type: ignore[return-value]

    @property
    def pending(self) -> bool:
        return self.storage.pending

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

    def _raw(self, table: str) -> Iterable[dict[str, Any]]:
        """The stored documents of *table*, read-only and uncopied (for quick scans)."""
        data = self.storage.read() or {}
        return (data.get(table) or {}).values()

    def _owned(self, set_id: str, owner: str) -> list[dict[str, Any]]:
        """The stored documents of *owner*'s actions in the set *set_id* (read-only)."""
        self._direct("actions")
        docs = (self.storage.peek() or {}).get("actions")
        if not isinstance(docs, dict):
            return []
        found = docs.values() if not isinstance(self.storage, DurableStorage) else \
            self._index.owned("actions", docs, set_id, owner)
        return [d for d in found if d.get("set_id") == set_id and d.get("owner") == owner]

    def _tables_changed(self) -> None:
        """Drop TinyDB's per-table caches (next document id, query results) after the data was
        replaced under it by a direct storage write; and the store's own index."""
        self._db._tables.clear()
        self._index.clear()


class _DocTest:
    """A document test for :meth:`Store.actions_where` that TinyDB does not cache (each is new)."""

    def __init__(self, set_id: str, keep: Callable[[dict[str, Any]], bool]) -> None:
        self.set_id, self.keep = set_id, keep

    def __call__(self, doc: dict[str, Any]) -> bool:
        return doc.get("set_id") == self.set_id and bool(self.keep(doc))

    def is_cacheable(self) -> bool:
        return False
