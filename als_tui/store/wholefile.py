"""Writes of the whole file: many documents at once (the demo), a backup restored, the backup
rewritten, a member forgotten; and the whole file read as plain data."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .codec import dumps, loads
from .documents import Documents
from .errors import SaveError, StoreError
from .guards import check_backup_data
from .layout import INDEX_KEY, META_TABLE
from .privacy import copies_mentioning, forget_member_data


class WholeFile(Documents):
    """The store's writes of the whole file (see the module doc)."""

    # -- whole file -------------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """The whole file as plain data (for export/backup), without the meetings index."""
        data = json.loads(json.dumps(self.storage.read() or {}))
        for doc in (data.get(META_TABLE) or {}).values():
            if isinstance(doc, dict):
                doc.pop(INDEX_KEY, None)
        return data

    # -- bulk writes, import, forgetting a member (issue 5: demo, export/import, forget) --------
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
