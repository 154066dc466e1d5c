"""Where each document is, kept in step with the store's writes: a save or a look-up finds its
document without scanning the table (600 meetings, 2,000 actions on a long history).

For a table whose documents carry an ``id`` (sets, meetings, actions): the document id of each
``id`` and the next free document id; for the actions, also the document ids of each member's
actions (per set). Built from a table the first time it is asked about, then told of each
document the store writes (:meth:`DocIndex.put`). A table replaced under it (TinyDB rebuilds a
table on its own writes; parsing, a failed write or a whole-file write replace the data) is
noticed by identity and indexed again; the store also calls :meth:`DocIndex.clear` after any
write that does not go through :meth:`put`.

The test suite checks every answer against a scan of the table (:attr:`DocIndex.verify`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Owner = tuple[str, str]
"""(set id, member name)."""


class _Table:
    """The index of one table, built from the dict of documents *docs* (doc id -> document).
    Each part is built when first asked for (a member's actions are looked up just after the
    first paint of ``als prep``: only the owners are indexed then)."""

    def __init__(self, docs: dict[str, Any], owners: bool) -> None:
        self.docs = docs
        self.owned = owners
        self._by_id: dict[Any, str] | None = None
        self._owners: dict[Owner, dict[str, None]] | None = None
        self._next_id: int | None = None
        self._scanned = False  # (see owner_keys)

    @property
    def by_id(self) -> dict[Any, str]:
        if self._by_id is None:  # (the first of each id, as a scan would find it: built from the last)
            self._by_id = {ident: key for key, doc in reversed(self.docs.items())
                           if isinstance(doc, dict) and isinstance(ident := doc.get("id"), str)}
        return self._by_id

    @property
    def owners(self) -> dict[Owner, dict[str, None]]:
        assert self.owned, "this table is not indexed by owner"
        if self._owners is None:
            owners: dict[Owner, dict[str, None]] = {}
            get = owners.get
            for key, doc in self.docs.items():
                if isinstance(doc, dict):
                    owner = str(doc.get("set_id")), str(doc.get("owner"))  # (_owner_of)
                    mine = get(owner)
                    if mine is None:
                        mine = owners[owner] = {}
                    mine[key] = None
            self._owners = owners
        return self._owners

    def owner_keys(self, set_id: str, owner: str) -> list[str]:
        """The keys of the documents of *owner* in *set_id* (a fresh list). The first look-up
        scans for that owner alone (a third of the time building the map of every owner takes:
        ``als prep`` asks once, just after its first paint); the map is built at the second."""
        if self._owners is None and not self._scanned:
            self._scanned = True
            return _mine(self.docs, set_id, owner)
        docs = self.docs
        return [k for k in self.owners.get((set_id, owner), ()) if _is_of(docs[k], set_id, owner)]

    @property
    def next_id(self) -> int:
        if self._next_id is None:
            self._next_id = max((int(key) for key in self.docs if _numbered(key)), default=0) + 1
        return self._next_id

    def _add(self, key: str, doc: dict[str, Any]) -> None:
        ident = doc.get("id")
        if isinstance(ident, str) and self._by_id is not None:
            self._by_id.setdefault(ident, key)  # (the first, as a scan would find it)
        if self._owners is not None:
            self._owners.setdefault(_owner_of(doc), {})[key] = None
        if self._next_id is not None and _numbered(key):
            self._next_id = max(self._next_id, int(key) + 1)

    def _drop(self, key: str, doc: Any) -> None:
        if not isinstance(doc, dict):
            return
        ident = doc.get("id")
        if isinstance(ident, str) and self._by_id is not None and self._by_id.get(ident) == key:
            del self._by_id[ident]
        if self._owners is not None:
            mine = self._owners.get(_owner_of(doc))
            if mine is not None:
                mine.pop(key, None)


def _is_of(doc: dict[str, Any], set_id: str, owner: str) -> bool:
    return doc.get("owner") == owner and doc.get("set_id") == set_id


def _numbered(key: str) -> bool:
    return key.isascii() and key.isdigit()


def _owner_of(doc: dict[str, Any]) -> Owner:
    return str(doc.get("set_id")), str(doc.get("owner"))


class DocIndex:
    """The indexes of the tables asked about (see the module doc)."""

    verify = False
    """Check every answer against a scan of the table (the test suite turns this on)."""

    OWNED = frozenset({"actions"})
    """Tables whose documents belong to a member (``owner``), indexed by set and owner too."""

    def __init__(self) -> None:
        self._tables: dict[str, _Table] = {}

    def clear(self) -> None:
        """Forget everything (the data changed by a write that did not go through :meth:`put`)."""
        self._tables.clear()

    def _of(self, name: str, docs: dict[str, Any]) -> _Table:
        table = self._tables.get(name)
        if table is None or table.docs is not docs:  # (never asked, or the table was replaced)
            table = self._tables[name] = _Table(docs, name in self.OWNED)
        return table

    def doc_id(self, name: str, docs: dict[str, Any], ident: str) -> str | None:
        """The document id (a key of *docs*) of the document whose ``id`` is *ident*, or None."""
        key = self._of(name, docs).by_id.get(ident)
        if self.verify:
            scanned = next((k for k, d in docs.items() if isinstance(d, dict) and d.get("id") == ident), None)
            assert key == scanned, f"the index of {name} says {key!r} for {ident!r}, a scan {scanned!r}"
        return key

    def new_doc_id(self, name: str, docs: dict[str, Any]) -> str:
        """A document id free in *docs* for a new document (after the highest ever used)."""
        table = self._of(name, docs)
        key = str(table.next_id)
        if self.verify:
            assert key not in docs and all(not _numbered(k) or int(k) < table.next_id for k in docs), key
        return key

    def put(self, name: str, docs: dict[str, Any], key: str, doc: dict[str, Any]) -> None:
        """Put *doc* in *docs* under *key*, replacing what was there, and note it."""
        table = self._of(name, docs)
        table._drop(key, docs.get(key))
        docs[key] = doc
        table._add(key, doc)

    def owned(self, name: str, docs: dict[str, Any], set_id: str, owner: str) -> Iterator[dict[str, Any]]:
        """The documents of *docs* (a table in :attr:`OWNED`) whose ``set_id`` is *set_id* and
        ``owner`` *owner*, in the order they were first saved (by document id, as a scan of the
        table gives them)."""
        table = self._of(name, docs)
        assert table.owned, f"{name} is not indexed by owner"
        keys = table.owner_keys(set_id, owner)
        if all(map(str.isdigit, keys)) and all(map(str.isascii, keys)):
            keys.sort(key=int)  # (as _saved_order sorts them, at C speed)
        else:
            keys.sort(key=_saved_order)
        if self.verify:
            assert keys == sorted(_mine(docs, set_id, owner), key=_saved_order), \
                f"the index of {name} is out of step for {owner!r}"
        for key in keys:
            yield docs[key]


def _mine(docs: dict[str, Any], set_id: str, owner: str) -> list[str]:
    """The keys of the documents of *owner* in *set_id*, by a scan of *docs*."""
    return [k for k, d in docs.items() if isinstance(d, dict) and d.get("owner") == owner and d.get("set_id") == set_id]


def _saved_order(key: str) -> tuple[int, int, str]:
    """A document id's place in its table: TinyDB numbers documents as they are first saved."""
    return (0, int(key), "") if _numbered(key) else (1, 0, key)
