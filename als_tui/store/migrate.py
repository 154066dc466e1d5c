"""Migrations: an older file is brought forward to the current schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import model
from ..model import SCHEMA_VERSION
from .errors import NewerSchemaError
from .layout import META_TABLE

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (the pre-release format): members were plain strings, set length
    was ``minutes``, actions had ``done: bool`` instead of a status."""
    for doc in data.get("sets", {}).values():
        doc["members"] = [
            {"name": m, "active": True, "joined": doc.get("created", "")} if isinstance(m, str) else m
            for m in doc.get("members", [])
        ]
        if "minutes" in doc:
            doc["meeting_minutes"] = doc.pop("minutes")
    for doc in data.get("actions", {}).values():
        if "done" in doc:
            doc["status"] = model.DONE if doc.pop("done") else model.OPEN
    return data


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}


def file_schema(data: dict[str, Any] | None) -> int:
    if not data:
        return SCHEMA_VERSION
    meta = data.get(META_TABLE, {})
    for doc in meta.values() if isinstance(meta, dict) else []:
        if isinstance(doc, dict) and "schema" in doc:
            return int(doc["schema"])
    return 0


def migrate(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], bool]:
    version = file_schema(data)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer als-tui (data schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}). It has not been changed: upgrade als-tui to open it."
        )
    changed = False
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        for table in data.values():
            if isinstance(table, dict):
                for doc in table.values():
                    if isinstance(doc, dict) and "schema" in doc:
                        doc["schema"] = version
        changed = True
    meta = data.setdefault(META_TABLE, {})
    if not (isinstance(meta.get("1"), dict) and meta["1"].get("schema") == SCHEMA_VERSION):
        meta["1"] = {"schema": SCHEMA_VERSION}  # (a current schema document keeps its meetings index)
    return data, changed
